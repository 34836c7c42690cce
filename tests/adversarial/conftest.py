"""
Helpers for the adversarial suite: the command line run in this process or
in a fresh one, and records and files built on the fly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., tuple[int, str, str]]


def _main() -> Callable[[list[str]], int]:
    from tokencost.cli.main import main

    return main


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``tokencost ARGV`` in this process: (status, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        status = _main()(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return run


def subprocess_cli(
    *argv: str, timeout: float = 60, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tokencost ARGV`` in a fresh interpreter."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tokencost", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
        **kwargs,
    )


def one_error_line(err: str) -> str:
    """The single error line of *err*, checking that there is no traceback."""
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("tokencost: error: "), err
    return lines[0]


def jsonl(path: Path, records: Iterable[Mapping[str, Any] | str]) -> Path:
    """Write *records* (dicts, or raw lines as they are) as a JSONL file."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def record(**fields: Any) -> dict[str, Any]:
    """A GLM-5.2 record of 2026-07-01, with *fields* on top."""
    return {
        "model": "glm-5.2",
        "timestamp": "2026-07-01T09:30:00Z",
        "input_tokens": 120_000,
        "output_tokens": 4_000,
        **fields,
    }
