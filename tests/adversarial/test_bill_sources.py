"""
Bills of files that are not plain files: a named pipe (read once, as a
stream), a missing file and a directory, in every engine.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest

from tests.engines.conftest import need

from .conftest import Run, one_error_line, subprocess_cli

RECORD = {"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": 1_000}
TEXT = "".join(json.dumps(RECORD) + "\n" for _ in range(3))

pipes = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "mkfifo"), reason="no named pipes"
)


def _feed(path: Path) -> threading.Thread:
    """Write the records into the pipe at *path* once, as a producer would."""

    def write() -> None:
        with path.open("w") as pipe:
            pipe.write(TEXT)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pipes
class TestNamedPipe:
    @pytest.mark.parametrize("engine", ["python", "duckdb"])
    def test_every_record_billed(self, tmp_path: Path, engine: str) -> None:
        """Three records of 1,000 input tokens at 1.40 USD per million."""
        if engine == "duckdb":
            need("duckdb")
        path = tmp_path / "usage.jsonl"
        os.mkfifo(path)
        _feed(path)
        done = subprocess_cli(
            "bill", str(path), "--engine", engine, "-f", "json", timeout=60
        )
        assert done.returncode == 0, done.stderr
        found = json.loads(done.stdout)
        assert (found["records"], found["totals"]) == (3, {"USD": "0.0042"})

    def test_progress_estimate_leaves_the_pipe_alone(self, tmp_path: Path) -> None:
        """The estimate of a pipe's records is None, without opening it
        (which would block without a writer, and take the lines away)."""
        from tokencost.cli.bill import _estimated_records

        path = tmp_path / "usage.jsonl"
        os.mkfifo(path)
        found: list[int | None] = []
        reader = threading.Thread(
            target=lambda: found.append(_estimated_records(path)), daemon=True
        )
        reader.start()
        reader.join(timeout=10)
        if reader.is_alive():  # blocked on the pipe: let it go, then fail
            _feed(path).join(timeout=10)
            pytest.fail("the estimate opened the pipe")
        assert found == [None]


class TestMissing:
    @pytest.mark.parametrize("engine", ["python", "duckdb"])
    @pytest.mark.parametrize("name", ["gone.jsonl", "gone.csv", "gone.parquet"])
    def test_missing_file(
        self, tmp_path: Path, cli: Run, engine: str, name: str
    ) -> None:
        if engine == "duckdb":
            need("duckdb")
        if name.endswith(".parquet"):
            need("pyarrow")
        path = tmp_path / name
        status, _, err = cli("bill", str(path), "--engine", engine)
        assert status == 2
        assert one_error_line(err) == (
            f"tokencost: error: {path}: cannot read: No such file or directory"
        )

    @pytest.mark.parametrize("engine", ["python", "duckdb"])
    def test_directory(self, tmp_path: Path, cli: Run, engine: str) -> None:
        if engine == "duckdb":
            need("duckdb")
        path = tmp_path / "usage.jsonl"
        path.mkdir()
        status, _, err = cli("bill", str(path), "--engine", engine)
        assert status == 2
        assert one_error_line(err) == (
            f"tokencost: error: {path}: cannot read: Is a directory"
        )
