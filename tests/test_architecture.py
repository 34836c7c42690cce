"""The layout keeps its promises: layers point down, no circles, small modules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import tokencost

PACKAGE = Path(tokencost.__file__).parent
DOC = Path(__file__).parent.parent / "docs" / "architecture.md"

#: The layer of each top-level room; a module imports only from its own
#: room or a lower layer.
LAYERS = {
    "_errors": 0,
    "_version": 0,
    "_decimal": 0,
    "_frozen": 0,
    "_parsing": 1,
    "_files": 1,
    "_render": 1,
    "_money": 2,
    "_results": 2,
    "prices": 3,
    "usage": 4,
    "importers": 5,
    "costing": 5,
    "billing": 6,
    "economics": 6,
    "engines": 5,
    "spark": 7,
    "plots": 8,
    "cli": 9,
    "__main__": 10,
}

MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


def _room(module: str) -> str:
    return module.split(".")[1] if "." in module else ""


def _typing_only(tree: ast.Module) -> set[ast.AST]:
    """The nodes under ``if TYPE_CHECKING:``, which never run."""
    nodes: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for child in node.body:
                nodes.update(ast.walk(child))
    return nodes


def _imports(path: Path) -> set[str]:
    """The tokencost modules *path* imports when it runs, at any depth."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _typing_only(tree)
    for node in ast.walk(tree):
        if node in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("tokencost"):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("tokencost")}
    return found


GRAPH = {_name(p): _imports(p) for p in MODULES}


@pytest.mark.parametrize("module", [m for m in GRAPH if m != "tokencost"])
def test_imports_point_down(module: str) -> None:
    """A module imports from its own room or a lower layer, never up or across."""
    room = _room(module)
    assert room in LAYERS, f"{module}: add its room to LAYERS and the docs"
    for target in GRAPH[module]:
        assert target != "tokencost", f"{module} imports the package facade"
        other = _room(target)
        if other == room:
            continue
        assert LAYERS[other] < LAYERS[room], f"{module} imports {target}"


def test_no_import_circles() -> None:
    """No module reaches itself through its imports."""

    def visit(module: str, path: list[str]) -> None:
        for target in GRAPH.get(module, ()):
            assert target not in path, " -> ".join([*path, target])
            visit(target, [*path, target])

    for module in GRAPH:
        visit(module, [module])


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_modules_stay_small(path: Path) -> None:
    """No module is over 500 lines: a longer one holds more than one idea."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500


def test_module_map_is_complete() -> None:
    """docs/architecture.md lists every module, and only modules that exist."""
    listed = set(re.findall(r"^\| `([\w/.]+\.py)` \|", DOC.read_text(), re.M))
    present = {p.relative_to(PACKAGE).as_posix() for p in MODULES}
    present -= {f"{d}/__init__.py" for d in LAYERS}
    assert listed == present
