"""The command line registers only the commands it names, and that changes
nothing a caller can see but the time it takes to start."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from tokencost.cli import main
from tokencost.cli.main import COMMANDS, _common, build_parser


def commands_of(parser: argparse.ArgumentParser) -> list[str]:
    return [
        name
        for action in parser._subparsers._group_actions  # type: ignore[union-attr]
        for name in action.choices  # type: ignore[union-attr]
    ]


@pytest.mark.parametrize(("module", "commands"), COMMANDS)
def test_the_table_says_what_each_module_registers(
    module: str, commands: tuple[str, ...]
) -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(f"tokencost.cli.{module}").register(sub, _common())
    assert tuple(sub.choices) == commands


def test_without_a_command_every_command_is_there() -> None:
    everything = [c for _, commands in COMMANDS for c in commands] + ["completion"]
    assert commands_of(build_parser()) == everything
    assert commands_of(build_parser(["--version"])) == everything
    assert commands_of(build_parser(["completion", "bash"])) == everything


@pytest.mark.parametrize(
    ("argv", "registered"),
    [
        (["cost", "glm-5.2"], ["models", "price", "cost", "compare", "profiles"]),
        (["--format", "json", "bill", "x.jsonl"], ["bill"]),
        # A command's name given as a value registers its module too, which
        # is harmless: the command that runs is always registered.
        (["sources", "bill"], ["bill", "import", "sources"]),
    ],
)
def test_a_command_line_registers_the_commands_it_names(
    argv: list[str], registered: list[str]
) -> None:
    got = commands_of(build_parser(argv))
    assert got[-1] == "completion"
    assert set(registered) <= set(got)
    assert "elasticity" not in got


def test_cost_does_not_import_the_economics() -> None:
    code = (
        "import sys; from tokencost.cli import main; "
        "status = main(['cost', 'glm-5.2', '--input', '1000', '--at', '2026-07-01']); "
        "print(status, 'tokencost.economics.headroom' in sys.modules, "
        "'tokencost.billing.engine' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[-3:] == ["0", "False", "False"]


def test_an_unknown_command_lists_them_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["costs", "glm-5.2"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'costs'" in err
    assert "cross-elasticity" in err
    assert "'cost'" in err


def test_a_value_named_like_a_command_is_still_a_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A model called `bill` is an unknown model (exit 1), as before."""
    assert main(["sources", "bill"]) == 1
    assert "bill" in capsys.readouterr().err
