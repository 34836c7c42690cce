"""The public surface: names, laziness and the README's promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import tokencost as tc

ROOT = Path(__file__).parent.parent


class TestPublicNames:
    def test_dir_is_all_and_dunders(self) -> None:
        """dir(tokencost) is exactly __all__ plus dunders, before and after use."""
        dunders = {n for n in dir(tc) if n.startswith("__")}
        assert dir(tc) == sorted({*tc.__all__, *dunders})
        assert tc.__all__ == sorted(tc.__all__)
        tc.cost("glm-5.2", input_tokens=1, output_tokens=1)  # loads subpackages
        assert dir(tc) == sorted({*tc.__all__, *dunders})

    def test_namespace_hides_helpers(self) -> None:
        """No helper of the package's own leaks into its namespace."""
        for name in ("TYPE_CHECKING", "annotations", "importlib", "_LAZY"):
            assert name not in dir(tc)

    def test_type_checking_imports_match_the_table(self) -> None:
        """The imports type checkers read name every public name, each from its home."""
        source = (Path(tc.__file__)).read_text(encoding="utf-8")
        block = source.split("if TYPE_CHECKING:")[1].split("del TYPE_CHECKING")[0]
        seen: dict[str, str] = {}
        for module, names in re.findall(r"from (\S+) import (\([^)]*\)|.*)", block):
            for name in re.findall(r"(\w+) as \1", names):
                seen[name] = module
        assert seen == tc._PUBLIC

    def test_homes(self) -> None:
        """Each public name lives in the subpackage of its concern."""
        assert tc.Cost.__module__ == "tokencost.costing.lines"
        assert tc.cost.__module__ == "tokencost.costing.cost"
        assert tc.Bill.__module__.startswith("tokencost.billing.")
        assert tc.elasticity.__module__.startswith("tokencost.economics.")
        assert tc.ModelPrice.__module__ == "tokencost.prices.model"
        # errors are raised through every layer and caught by this name
        assert tc.UnknownModelError.__module__ == "tokencost"

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
            "import sys, tokencost, tokencost.prices.catalog as c;"
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
            "pip install -e '.[test]' && pytest",
        ]
        ci = (ROOT / ".ci" / "run").read_text()
        assert "grep -m1 -E \"^pip install -e '\\.\\[test\\]'\" README.md" in ci


class TestToDict:
    def test_every_result_is_json_ready(self) -> None:
        """to_dict() means one thing everywhere: json.dumps takes it as it is."""
        import json

        results = [
            tc.cost("glm-5.2", input_tokens=1000, output_tokens=10, at="2026-07-01"),
            tc.compare(["glm-5.2", "gpt-5.5"], input_tokens=1000, at="2026-07-01"),
            tc.price("glm-5.2"),
            tc.elasticity(price_change="83%", volume_change="400%"),
            tc.workload_cost("glm-5.2", "chat", at="2026-07-01"),
            tc.growth(1, 2, 1),
            tc.headroom(own=1, competitor=2),
            tc.forecast(price_change="10%", elasticity=-1),
            tc.catalog_stats(),
            tc.dated_rates("2026-06-22"),
        ]
        for result in results:
            text = json.dumps(result.to_dict())
            assert "Decimal(" not in text, type(result).__name__
