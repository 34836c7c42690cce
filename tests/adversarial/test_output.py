"""Output: pipes closed early, files that cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run, one_error_line, subprocess_cli


class TestBrokenPipe:
    @pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pipe")
    def test_models_piped_to_head(self) -> None:
        """``tokencost models | head -1`` ends quietly, without a traceback."""
        with subprocess.Popen(
            [sys.executable, "-m", "tokencost", "models"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as proc:
            assert proc.stdout is not None
            assert proc.stderr is not None
            proc.stdout.readline()
            proc.stdout.close()  # as head does once it has its line
            err = proc.stderr.read().decode()
            status = proc.wait(timeout=60)
        assert err == ""
        assert status in (0, 141)


class TestImportOut:
    def _litellm(self, tmp_path: Path) -> Path:
        path = tmp_path / "litellm.json"
        path.write_text(
            '{"gpt-x": {"litellm_provider": "openai", "mode": "chat",'
            ' "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}'
        )
        return path

    def test_out_is_a_file(self, cli: Run, tmp_path: Path) -> None:
        target = tmp_path / "exists.txt"
        target.write_text("keep me")
        status, _, err = cli(
            "import", "litellm", str(self._litellm(tmp_path)), "--out", str(target)
        )
        assert status == 2
        assert str(target) in one_error_line(err)
        assert target.read_text() == "keep me"

    @pytest.mark.skipif(
        sys.platform == "win32" or os.geteuid() == 0,
        reason="permissions do not bind root",
    )
    def test_out_unwritable(self, cli: Run, tmp_path: Path) -> None:
        target = tmp_path / "ro"
        target.mkdir()
        target.chmod(0o500)
        try:
            status, _, err = cli(
                "import", "litellm", str(self._litellm(tmp_path)), "--out", str(target)
            )
        finally:
            target.chmod(0o700)
        assert status == 2
        one_error_line(err)

    def test_out_under_a_file(self, cli: Run, tmp_path: Path) -> None:
        """A folder that cannot be made (its parent is a file) is one error."""
        parent = tmp_path / "file"
        parent.write_text("x")
        status, _, err = cli(
            "import", "litellm", str(self._litellm(tmp_path)),
            "--out", str(parent / "sub"),
        )  # fmt: skip
        assert status == 2
        one_error_line(err)


class TestNoTraceback:
    @pytest.mark.parametrize(
        "argv",
        [
            ["cost", "glm-5.2", "--input", "1e400"],
            ["forecast", "--price-change", "83%", "--elasticity", "1e6"],
            ["cost", "glm-5.2", "--input", "1", "--at", "9999-12-31T23:00:00-05:00"],
            ["bill", "/nonexistent/file.jsonl"],
        ],
    )
    def test_subprocess(self, argv: list[str]) -> None:
        """The installed command never prints a traceback."""
        proc = subprocess_cli(*argv)
        assert proc.returncode in (1, 2)
        one_error_line(proc.stderr)


def _tokencost(*argv: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``python -m tokencost ARGV`` in a fresh interpreter, stderr captured,
    stdout where *kwargs* send it (captured by default)."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "tokencost", *argv],
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        env=env,
        check=False,
        **kwargs,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX devices")
class TestOutputThatCannotBeWritten:
    """Output that cannot be written is one error line and exit 1, not a
    report of a bug in tokencost."""

    def test_full_device(self) -> None:
        """A full disk (/dev/full) names the system's reason."""
        with open("/dev/full", "w") as full:
            done = _tokencost("models", "--provider", "zai", stdout=full)
        assert done.returncode == 1
        line = one_error_line(done.stderr)
        assert "cannot write the output" in line
        assert "No space left on device" in line
        assert "bug" not in line

    def test_closed_stdout(self) -> None:
        """No standard output at all (``>&-``) is said so."""
        done = _tokencost(
            "models", "--provider", "zai", stdout=subprocess.DEVNULL,
            preexec_fn=lambda: os.close(1),
        )  # fmt: skip
        assert done.returncode == 1
        line = one_error_line(done.stderr)
        assert "no standard output" in line
        assert "bug" not in line

    def test_encoding(self) -> None:
        """A figure the output's encoding cannot hold (万 in ASCII) names the
        character, the encoding and what to do."""
        done = _tokencost(
            "growth", "2800万", "1.7亿", "--magnitudes", "chinese",
            env={"PYTHONIOENCODING": "ascii"},
        )  # fmt: skip
        assert done.returncode == 1
        assert done.stdout == ""
        line = one_error_line(done.stderr)
        assert "(U+4E07) in the output's encoding (ascii)" in line
        assert "PYTHONIOENCODING=utf-8" in line

    def test_ascii_is_enough(self) -> None:
        """Output the encoding can hold is written as usual."""
        done = _tokencost(
            "growth", "2800万", "1.7亿", "--format", "csv",
            env={"PYTHONIOENCODING": "ascii"},
        )  # fmt: skip
        assert done.returncode == 0
        assert "multiple,6.071428571428571428571428571" in done.stdout
