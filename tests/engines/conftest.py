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


class Postgres:
    """A throwaway PostgreSQL server on a unix socket in a temporary folder."""

    def __init__(self) -> None:
        import glob
        import tempfile

        # Debian's server binaries, the newest version; else any on the PATH
        # that has psql beside it.
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        initdb = found[-1] if found else shutil.which("initdb")
        if initdb is not None and not (Path(initdb).parent / "psql").exists():
            initdb = None
        if initdb is None:
            unavailable("PostgreSQL is not installed (Debian: postgresql)")
        assert initdb is not None
        self.bin = Path(initdb).parent
        self.folder = Path(tempfile.mkdtemp(prefix="tokencost-pg-"))
        # The server refuses to run as root: run it as Debian's postgres user.
        self.user: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                unavailable("running PostgreSQL as root needs runuser")
            shutil.chown(self.folder, "postgres")
            self.user = ["runuser", "-u", "postgres", "--"]
        data = str(self.folder / "data")
        self._call(
            [
                str(self.bin / "initdb"),
                "-D",
                data,
                "-A",
                "trust",
                "-U",
                "tokencost",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        )
        options = f"-k {self.folder} -c listen_addresses='' -c fsync=off"
        log = str(self.folder / "log")
        self._call(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                data,
                "-w",
                "-l",
                log,
                "-o",
                options,
                "start",
            ]
        )

    def _call(self, argv: list[str], text: str | None = None) -> str:
        import subprocess

        done = subprocess.run(
            [*self.user, *argv],
            input=text,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if done.returncode:
            raise RuntimeError(f"{argv[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def sql(self, script: str) -> list[list[str]]:
        """Run *script* with psql; the rows it prints, cells as text."""
        out = self._call(
            [
                str(self.bin / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-F",
                "|",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.folder),
                "-U",
                "tokencost",
                "-d",
                "postgres",
                "-f",
                "-",
            ],
            script,
        )
        return [line.split("|") for line in out.splitlines() if line]

    def stop(self) -> None:
        data = str(self.folder / "data")
        self._call([str(self.bin / "pg_ctl"), "-D", data, "-m", "immediate", "stop"])
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A PostgreSQL server for the whole run (its scripts are written with
    sqlglot)."""
    need("sqlglot")
    server = Postgres()
    try:
        yield server
    finally:
        server.stop()
