"""Signals: Ctrl-C ends the command with status 130 and one line."""

from __future__ import annotations

import contextlib
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


def _children(pid: int) -> list[int]:
    """The processes *pid* has forked (Linux's /proc), or [] if unknown."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(n) for n in (task / "children").read_text().split()]
    return found


def _running(pid: int) -> bool:
    """Whether *pid* is a process still running (not gone, not a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
    reason="needs /proc/PID/task/TID/children to see the workers start",
)
@pytest.mark.parametrize(
    "wait", [0.0, 0.002, 0.004, 0.006, 0.008, 0.01, 0.02, 0.05, 0.3]
)
def test_ctrl_c_during_parallel_bill(tmp_path: Path, wait: float) -> None:
    """
    Ctrl-C (SIGINT to the process group) during ``bill --workers 2``, sent
    as the workers are forked and a little after: the command ends with
    130 and one line, and leaves no worker behind (one left waiting for
    work would hold a pipe's write end open, and its reader would hang).
    """
    path = _big_log(tmp_path / "big.jsonl", 192)
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "tokencost", "bill", str(path),
            "--workers", "2", "--engine", "python",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (workers := _children(proc.pid)):
        assert proc.poll() is None, "the bill ended before its workers started"
        assert time.monotonic() < deadline, "no worker started within 60 s"
        time.sleep(0.001)
    time.sleep(wait)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=60)
        deadline = time.monotonic() + 10
        while (left := [p for p in workers if _running(p)]) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.01)
    finally:
        for pid in [proc.pid, *workers]:
            if _running(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
    assert left == [], "workers left running after the command ended"
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
