"""Shared fixtures: a small hand-made catalog whose figures are easy to check."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def _engine_installed(request: pytest.FixtureRequest) -> None:
    """A test run with ``engine="duckdb"`` needs DuckDB: skipped without
    it on a developer's machine, failed in CI (see `need`)."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("engine") == "duckdb":
        from tests.engines.conftest import need

        need("duckdb")


@pytest.fixture(autouse=True, scope="session")
def _children_import_this_tokencost() -> Iterator[None]:
    """
    Python processes the tests start (``python -m tokencost``, ``python -c``)
    import the tokencost under test, from the folder this process imported
    it from: pytest puts ``src`` on its own path only, so without this a
    child would fail to import it, or import another installed copy.
    """
    source = str(Path(tc.__file__).resolve().parents[1])
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [source, before]))
    yield
    if before is None:
        del os.environ["PYTHONPATH"]
    else:
        os.environ["PYTHONPATH"] = before


@pytest.fixture(scope="session")
def installed_script() -> Path:
    """
    The ``tokencost`` console script of this interpreter's environment.

    The README's test command installs the package, so there it must exist;
    a run from a checkout that is not installed (pytest imports ``src``)
    has no script to test, and skips.
    """
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        distribution("tokencost-exact")
    except PackageNotFoundError:
        pytest.skip("tokencost-exact is not installed: no console script to run")
    script = shutil.which("tokencost", path=str(Path(sys.executable).parent))
    assert script is not None, "tokencost-exact is installed without its script"
    return Path(script)


@pytest.fixture(scope="session")
def acme() -> tc.Catalog:
    """The test sheets alone, without the bundled catalog."""
    return tc.load_catalog(FIXTURES, bundled=False)
