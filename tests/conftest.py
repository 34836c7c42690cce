"""Shared fixtures: a small hand-made catalog whose figures are easy to check."""

from __future__ import annotations

from pathlib import Path

import pytest

import tokencost as tc

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def acme() -> tc.Catalog:
    """The test sheets alone, without the bundled catalog."""
    return tc.load_catalog(FIXTURES, bundled=False)
