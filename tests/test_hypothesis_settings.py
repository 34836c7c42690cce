"""Every property test tolerates a slow, busy machine: a test that lists its
own health checks to suppress replaces the profile's list (conftest.py), so
it must name ``HealthCheck.too_slow`` itself, or a loaded CI machine fails
it by timing, not by a figure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
_LISTS = re.compile(r"suppress_health_check=\[([^\]]*)\]", re.S)


def _lists() -> list[tuple[str, str]]:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for match in _LISTS.finditer(path.read_text(encoding="utf-8")):
            found.append((f"{path.relative_to(TESTS)}", match.group(1)))
    return found


def test_some_lists_are_found() -> None:
    assert len(_lists()) >= 5


@pytest.mark.parametrize(("where", "names"), _lists())
def test_too_slow_is_always_suppressed(where: str, names: str) -> None:
    assert "too_slow" in names, where
