"""The public surface: names, laziness and the README's promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import tokencost as tc

ROOT = Path(__file__).parent.parent


class TestPublicNames:
    def test_all_is_sorted_and_complete(self) -> None:
        """__all__ is sorted and lists exactly the public names."""
        public = {n for n in dir(tc) if not n.startswith("_")}
        public -= {"annotations", "Any", "TYPE_CHECKING", "importlib"}
        assert tc.__all__ == sorted(tc.__all__)
        assert set(tc.__all__) == public

    def test_module_is_public(self) -> None:
        """Reprs and docs say tokencost.Cost, not a private module."""
        assert tc.Cost.__module__ == "tokencost"
        assert tc.cost.__module__ == "tokencost"
        # names loaded on first use too
        assert tc.Bill.__module__ == "tokencost"
        assert tc.compare.__module__ == "tokencost"

    def test_every_name_loads(self) -> None:
        """Every name in __all__ can be reached, lazily loaded or not."""
        for name in tc.__all__:
            assert getattr(tc, name) is not None, name

    def test_version(self) -> None:
        """The version comes from the installed metadata."""
        assert re.fullmatch(r"\d+\.\d+\.\d+.*", tc.__version__)

    def test_error_tree(self) -> None:
        """Every error is a TokencostError and the matching built-in."""
        assert issubclass(tc.UnknownModelError, LookupError)
        assert issubclass(tc.InvalidPriceSheetError, ValueError)
        assert issubclass(tc.WrongTypeError, TypeError)
        for name in tc.__all__:
            obj = getattr(tc, name)
            if isinstance(obj, type) and issubclass(obj, Exception):
                assert issubclass(obj, tc.TokencostError), name


class TestImport:
    def test_import_reads_no_data(self) -> None:
        """Importing tokencost loads no sheet and does not import pydantic."""
        code = (
            "import sys, tokencost, tokencost._catalog as c;"
            "print(c._bundled.cache_info().currsize, 'pydantic' in sys.modules,"
            " 'tabulate' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.split() == ["0", "False", "False"]


class TestReadme:
    def test_quickstart_is_two_commands_that_ci_runs(self) -> None:
        """The README opens with two commands; .ci/run runs the second."""
        readme = (ROOT / "README.md").read_text()
        quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
        commands = re.findall(r"```sh\n(.*?)\n```", quickstart, re.S)
        assert commands == [
            "pip install . && tokencost compare glm-5.2 claude-fable-5 --input 120k --output 4k",
            "pip install '.[test]' && pytest",
        ]
        ci = (ROOT / ".ci" / "run").read_text()
        assert "grep -m1 -E \"^pip install '\\.\\[test\\]'\" README.md" in ci
