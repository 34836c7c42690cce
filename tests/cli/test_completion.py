"""Shell completion scripts: printed by `tokencost completion`, complete for real."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tokencost.cli import main
from tokencost.cli.main import build_parser

COMMANDS = [
    name
    for action in build_parser()._subparsers._group_actions  # type: ignore[union-attr]
    for name in action.choices  # type: ignore[union-attr]
]


def script(capsys: pytest.CaptureFixture[str], shell: str) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def complete(text: str, words: list[str]) -> list[str]:
    """What bash offers for *words*, the last one being completed."""
    program = (
        f"{text}\nCOMP_WORDS=({' '.join(repr(w) for w in words)})\n"
        "COMP_CWORD=$((${#COMP_WORDS[@]}-1))\n_tokencost\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", program], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


class TestScripts:
    def test_listed_in_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`tokencost --help` lists the completion command."""
        with pytest.raises(SystemExit):
            main(["--help"])
        out = capsys.readouterr().out
        assert "completion" in out
        assert "bash, zsh or fish" in out

    @pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
    def test_every_command(
        self, capsys: pytest.CaptureFixture[str], shell: str
    ) -> None:
        """Each script names every command and the --format choices."""
        text = script(capsys, shell)
        for command in COMMANDS:
            assert command in text, command
        assert "table markdown json csv" in text
        assert "--fx" in text or "-l fx" in text

    def test_unknown_shell(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown shell is bad usage, named in one line."""
        assert main(["completion", "powershell"]) == 2
        err = capsys.readouterr().err
        assert "powershell" in err
        assert "bash" in err


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
class TestBash:
    def test_commands(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A command is completed from its first letters."""
        text = script(capsys, "bash")
        assert complete(text, ["tokencost", "fore"]) == ["forecast"]
        assert complete(text, ["tokencost", "comp"]) == ["compare", "completion"]

    def test_options_and_choices(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Options complete per command, and --format to its choices."""
        text = script(capsys, "bash")
        assert "--elasticity" in complete(text, ["tokencost", "forecast", "--el"])
        assert complete(text, ["tokencost", "growth", "--format", "c"]) == ["csv"]
        assert complete(text, ["tokencost", "completion", "z"]) == ["zsh"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_syntax(capsys: pytest.CaptureFixture[str], shell: str) -> None:
    """The zsh and fish scripts parse, where those shells are installed."""
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    text = script(capsys, shell)
    done = subprocess.run(
        [shell, "-n"], input=text, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
