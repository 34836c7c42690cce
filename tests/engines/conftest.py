"""
Fixtures for the engines: the catalog with the lab sheet, and the optional
engines themselves.

A missing optional engine (DuckDB, pyarrow, pandas, Polars, Spark and its
Java, PostgreSQL) skips its tests on a developer's machine, but fails them
in CI (``CI`` set), whose run installs every one of them: a green CI run
has run them all.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import tokencost as tc

HERE = Path(__file__).parent
SHEETS = (HERE.parent / "fixtures", HERE / "fixtures")


def unavailable(reason: str) -> None:
    """Skip, or fail in CI, where everything must be installed."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


def need(module: str) -> ModuleType:
    """*module*, imported, or the test skipped (failed in CI)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        unavailable(f"{module} is not installed")
        raise  # pragma: no cover - unavailable() does not return


@pytest.fixture(scope="session")
def lab() -> tc.Catalog:
    """The bundled catalog with the test sheets (acme, yuan, lab) on top."""
    return tc.load_catalog(*SHEETS, bundled=True)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local Spark session, two cores, for the whole run."""
    need("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        unavailable("Spark needs Java, and there is none")
    import tempfile

    from pyspark.sql import SparkSession

    warehouse = tempfile.mkdtemp(prefix="tokencost-spark-")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("tokencost-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.warehouse.dir", warehouse)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    shutil.rmtree(warehouse, ignore_errors=True)
