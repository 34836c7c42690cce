"""
A griffe extension for the docs site: docstring examples shown as code.

The docstrings carry doctests (``>>>`` lines and their output) where the
example reads best, not only under an ``Examples:`` heading. Markdown would
take those lines for quotes, and the output for links; this fences each
example as a ``pycon`` code block before the docstring is parsed.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_examples(text: str) -> str:
    """*text* with each run of ``>>>`` lines and their output fenced."""
    out: list[str] = []
    fence = ""
    inside = False
    for line in text.splitlines():
        stripped = line.lstrip()
        if not inside and stripped.startswith(">>>"):
            fence = line[: len(line) - len(stripped)]
            out.append(f"{fence}```pycon")
            inside = True
        elif inside and not stripped:
            out.append(f"{fence}```")
            inside = False
        out.append(line)
    if inside:
        out.append(f"{fence}```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fence the doctests of every docstring griffe reads."""

    def on_instance(self, *, obj: griffe.Object, **_: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_examples(obj.docstring.value)
