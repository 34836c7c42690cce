"""Every example written in a docstring is found by the doctest collector."""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import tokencost

PACKAGE = Path(tokencost.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


def _written(path: Path) -> int:
    """Docstrings in *path*'s source that hold an example, read with ast."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = [tree, *ast.walk(tree)]
    return sum(
        ">>>" in (ast.get_docstring(n, clean=False) or "")
        for n in nodes
        if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)
    ) - (">>>" in (ast.get_docstring(tree, clean=False) or ""))


def test_no_docstring_example_is_lost() -> None:
    """The collector finds as many examples as the sources hold (none skipped)."""
    finder = doctest.DocTestFinder()
    written = found = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":
            continue
        module = importlib.import_module(_module_name(path))
        written += _written(path)
        found += sum(bool(t.examples) for t in finder.find(module))
    assert written >= 42
    assert found == written
