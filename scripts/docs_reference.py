"""
A mkdocs hook that writes the Python API reference from the public table.

``docs/reference.md`` holds a ``<!-- api -->`` marker; this hook replaces it
with one mkdocstrings block per public name (the package's ``_PUBLIC``
table), grouped by the subpackage that defines it. A public name added
anywhere in the package shows up in the reference without anyone editing a
page, and a name its module does not define fails the build.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from typing import Any

from mkdocs.exceptions import PluginError

MARKER = "<!-- api -->"

# (module prefix, section title), first match wins; the order is the page's.
AREAS: tuple[tuple[str, str], ...] = (
    ("tokencost.costing", "Costs and comparisons"),
    ("tokencost.usage", "Usage, replies and profiles"),
    ("tokencost.prices", "Prices, the catalog and exchange rates"),
    ("tokencost.importers", "Importers"),
    ("tokencost.billing", "Bills"),
    ("tokencost.economics", "Economics"),
    ("tokencost.plots", "Plots"),
    ("tokencost._money", "Money"),
    ("tokencost._parsing", "Reading quantities"),
    ("tokencost._render", "Showing results"),
    ("tokencost._errors", "Errors"),
)


def _area(module: str) -> str:
    for prefix, title in AREAS:
        if module == prefix or module.startswith(prefix + "."):
            return title
    raise PluginError(
        f"docs reference: no section for {module!r}; add it to AREAS in {__file__}"
    )


def reference_markdown() -> str:
    """The generated part of the reference page."""
    package = importlib.import_module("tokencost")
    table: dict[str, str] = package._PUBLIC
    sections: dict[str, list[str]] = defaultdict(list)
    for name in sorted(table, key=lambda n: (n[0].islower(), n.lower())):
        module = table[name]
        if name not in vars(importlib.import_module(module)):
            raise PluginError(f"docs reference: {module} does not define {name}")
        sections[_area(module)].append(f"{module}.{name}")
    out = []
    for title in dict.fromkeys(title for _, title in AREAS):
        if title in sections:
            out.append(f"## {title}\n")
            out.extend(f"::: {path}\n" for path in sections[title])
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Fill the marker of the reference page."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, reference_markdown())
