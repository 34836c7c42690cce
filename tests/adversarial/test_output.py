"""Output: pipes closed early, files that cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
