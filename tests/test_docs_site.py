"""The documentation site: every page in the navigation and linked from the index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(p.name for p in DOCS.glob("*.md"))
CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
NAV = re.findall(r"^\s+- (?:.*: )?([\w-]+\.md)$", CONFIG, re.M)
INDEX = (DOCS / "index.md").read_text(encoding="utf-8")


def test_nav_lists_every_page() -> None:
    """mkdocs.yml's navigation lists each page of docs/ once, and no other."""
    assert sorted(NAV) == PAGES


@pytest.mark.parametrize("page", [p for p in PAGES if p != "index.md"])
def test_index_links_every_page(page: str) -> None:
    """The index links every page, so none is reachable only by search."""
    assert f"]({page})" in INDEX or f"]({page}#" in INDEX


def test_strict_build_in_ci() -> None:
    """CI builds the site in strict mode, so a broken link fails the run."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "mkdocs build --strict" in ci
    assert "strict: true" in CONFIG
