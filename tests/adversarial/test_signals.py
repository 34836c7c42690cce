"""Signals: Ctrl-C ends the command with status 130 and one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import record

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _big_log(path: Path, megabytes: int) -> Path:
    line = (json.dumps(record(project="p")) + "\n").encode()
    with path.open("wb") as file:
        block = line * 4096
        for _ in range((megabytes << 20) // len(block) + 1):
            file.write(block)
    return path


def test_ctrl_c_during_parallel_bill(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the process group) during ``bill --workers 2``."""
    path = _big_log(tmp_path / "big.jsonl", 48)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tokencost", "bill", str(path), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip().splitlines() == ["tokencost: interrupted"]
    assert out == ""


# A finder that raises KeyboardInterrupt when the command line's module is
# imported: Ctrl-C at that moment, deterministically.
_INTERRUPT_WHILE_LOADING = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "tokencost.cli.main":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
from tokencost.__main__ import main
sys.exit(main())
"""


def test_ctrl_c_while_the_command_loads() -> None:
    """Ctrl-C while the command's modules load (the first tens of
    milliseconds of a cold start) is "interrupted", 130, not a traceback."""
    found = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_WHILE_LOADING, "models"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (found.returncode, found.stdout, found.stderr) == (
        130,
        "",
        "tokencost: interrupted\n",
    )


def test_the_command_runs_through_the_entry_point() -> None:
    """``tokencost`` and ``python -m tokencost`` start at the same `main`.

    Read from pyproject.toml, not from the installed metadata, which an
    editable install made before the entry point changed keeps stale."""
    import tomllib

    project = Path(__file__).parents[2] / "pyproject.toml"
    scripts = tomllib.loads(project.read_text("utf-8"))["project"]["scripts"]
    assert scripts == {"tokencost": "tokencost.__main__:main"}
    found = subprocess.run(
        [sys.executable, "-m", "tokencost", "cost", "glm-5.2", "--input", "1M",
         "--at", "2026-07-01", "-f", "json"],
        check=False, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert found.returncode == 0
    assert json.loads(found.stdout)["total"] == "1.4"
