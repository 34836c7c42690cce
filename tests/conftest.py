"""Shared fixtures: a small hand-made catalog whose figures are easy to check."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import tokencost as tc

FIXTURES = Path(__file__).parent / "fixtures"

# Properties are about figures, not speed: a machine busy with other work
# must not fail them by timing (speed is measured in bench/ instead). A
# settings() that lists its own health checks to suppress replaces this
# list, so it must name too_slow again (tests/test_hypothesis_settings.py).
settings.register_profile(
    "tokencost",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("tokencost")


@pytest.fixture(scope="session")
def acme() -> tc.Catalog:
    """The test sheets alone, without the bundled catalog."""
    return tc.load_catalog(FIXTURES, bundled=False)
