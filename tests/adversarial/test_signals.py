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
