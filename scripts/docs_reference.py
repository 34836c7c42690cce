"""
A mkdocs hook that writes the Python API reference from the public table.

``docs/reference.md`` holds a ``<!-- api -->`` marker; this hook replaces it
with one mkdocstrings block per name of ``tokencost.__all__``, grouped by
the subpackage that defines it. A public name added anywhere in the package
shows up in the reference without anyone editing a page, and a name whose
definition cannot be found statically fails the (strict) build.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import griffe
from mkdocs.exceptions import PluginError

MARKER = "<!-- api -->"

# (module prefix, section title), first match wins; the order is the page's.
AREAS: tuple[tuple[str, str], ...] = (
    ("tokencost.costing", "Costs and comparisons"),
    ("tokencost.usage", "Usage, replies and profiles"),
    ("tokencost.prices", "Prices and the catalog"),
    ("tokencost.billing", "Bills"),
    ("tokencost.economics", "Economics"),
    ("tokencost.importers", "Importers"),
    ("tokencost.plots", "Plots"),
    ("tokencost._money", "Money"),
    ("tokencost._parsing", "Reading quantities"),
    ("tokencost._render", "Showing results"),
    ("tokencost._errors", "Errors"),
    ("tokencost", "Prices and the catalog"),
)


def _area(path: str) -> str:
    for prefix, title in AREAS:
        if path == prefix or path.startswith(prefix + "."):
            return title
    raise PluginError(f"docs reference: no section for {path!r}")


def reference_markdown(search_path: str = "src") -> str:
    """The generated part of the reference page."""
    package = griffe.load("tokencost", search_paths=[search_path])
    names = package.exports
    if not names:
        raise PluginError("docs reference: tokencost has no __all__")
    sections: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names, key=lambda n: (n[0].islower(), n.lower())):
        member = package.members.get(str(name))
        if member is None:
            raise PluginError(f"docs reference: tokencost.{name} is not defined")
        path = member.target_path if member.is_alias else member.path
        module = path.rsplit(".", 1)[0]
        sections[_area(module)].append(str(name))
    out = []
    for title in dict.fromkeys(title for _, title in AREAS):
        if title in sections:
            out.append(f"## {title}\n")
            out.extend(f"::: tokencost.{name}\n" for name in sections[title])
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Fill the marker of the reference page."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, reference_markdown())
