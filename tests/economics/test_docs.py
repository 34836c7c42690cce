"""The figures quoted in docs/economics.md are the library's own."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tokencost.cli.main import main

PAGE = Path(__file__).parents[2] / "docs" / "economics.md"
TEXT = PAGE.read_text(encoding="utf-8")
PYCON = re.findall(r"```pycon\n(.*?)```", TEXT, re.S)
CONSOLE = re.findall(r"```console\n\$ (.*?)\n(.*?)```", TEXT, re.S)


class TestEconomicsPage:
    @pytest.mark.parametrize(("command", "output"), CONSOLE)
    def test_commands_print_what_the_page_shows(
        self, capsys: pytest.CaptureFixture[str], command: str, output: str
    ) -> None:
        """Every command on the page prints exactly the output it shows."""
        argv = shlex.split(command)
        assert argv[0] == "tokencost"
        assert main(argv[1:]) == 0
        assert capsys.readouterr().out == output

    def test_page_has_examples(self) -> None:
        """The page shows its six commands and their Python equivalents."""
        assert len(CONSOLE) == 6
        assert len(PYCON) >= 8
