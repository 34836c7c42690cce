"""The examples of the how-to pages run and print what the pages show."""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest

from tokencost.cli import main

DOCS = Path(__file__).parent.parent / "docs"
PAGES = ["currencies.md"]
CONSOLE = [
    (page, command, output)
    for page in PAGES
    for command, output in re.findall(
        r"```console\n\$ (.*?)\n(.*?)```", (DOCS / page).read_text(), re.S
    )
]


@pytest.mark.parametrize("page", PAGES)
def test_python_examples(page: str) -> None:
    """Every Python example on the page gives the output it shows."""
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", text, re.S)
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, page, page, 0)
    result = doctest.DocTestRunner().run(test)
    assert result.attempted >= 3
    assert result.failed == 0


@pytest.mark.parametrize(("page", "command", "output"), CONSOLE)
def test_commands(
    capsys: pytest.CaptureFixture[str], page: str, command: str, output: str
) -> None:
    """Every command on the page prints exactly the output it shows."""
    argv = shlex.split(command)
    assert argv[0] == "tokencost"
    assert main(argv[1:]) == 0
    assert capsys.readouterr().out == output
