"""The distribution's name, its install hints, and the clash with AgentOps'."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tokencost._version import DISTRIBUTION, foreign_package_line, install_hint

ROOT = Path(__file__).parent.parent


class TestName:
    def test_distribution(self) -> None:
        """The project installs as tokencost-exact, with a docs extra."""
        project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
        assert project["name"] == DISTRIBUTION == "tokencost-exact"
        assert {"plot", "progress", "docs", "test"} <= set(
            project["optional-dependencies"]
        )
        assert any(
            d.startswith("matplotlib") for d in project["optional-dependencies"]["test"]
        )

    def test_hints(self) -> None:
        """Install hints name tokencost-exact, extras quoted for the shell."""
        assert install_hint() == "pip install tokencost-exact"
        assert install_hint("progress") == "pip install 'tokencost-exact[progress]'"

    @pytest.mark.parametrize(
        "path",
        [
            "README.md",
            *(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md")),
            *(p.relative_to(ROOT).as_posix() for p in (ROOT / "src").rglob("*.py")),
        ],
    )
    def test_no_hint_names_the_other_distribution(self, path: str) -> None:
        """No doc or message tells people to install tokencost[...] or tokencost itself."""
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "install 'tokencost[" not in text
        assert "install tokencost[" not in text
        assert "pip install tokencost\n" not in text


class TestClash:
    def test_clean_folder(self, tmp_path: Path) -> None:
        """A folder without the other distribution's files says nothing."""
        (tmp_path / "__init__.py").write_text("")
        assert foreign_package_line(str(tmp_path)) is None
        assert foreign_package_line() is None

    def test_shared_folder(self, tmp_path: Path) -> None:
        """Its files in the folder give one line naming them and the fix."""
        (tmp_path / "costs.py").write_text("")
        (tmp_path / "model_prices.json").write_text("{}")
        line = foreign_package_line(str(tmp_path))
        assert line is not None
        assert "\n" not in line
        assert "costs.py, model_prices.json" in line
        assert (
            "pip uninstall -y tokencost tokencost-exact && pip install tokencost-exact"
            in line
        )

    def test_import_warns(self) -> None:
        """import tokencost warns once when the other distribution's files are there."""
        program = (
            "import os, warnings\n"
            "real = os.path.exists\n"
            "os.path.exists = lambda p: p.endswith('costs.py') or real(p)\n"
            "with warnings.catch_warnings(record=True) as seen:\n"
            "    warnings.simplefilter('always')\n"
            "    import tokencost\n"
            "print(len(seen), seen[0].category.__name__, seen[0].message)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, check=True
        )
        count, category, message = done.stdout.split(" ", 2)
        assert (count, category) == ("1", "RuntimeWarning")
        assert message.startswith("AgentOps' 'tokencost' distribution is installed")

    def test_import_is_quiet(self) -> None:
        """A clean environment imports without a warning."""
        done = subprocess.run(
            [sys.executable, "-W", "error", "-c", "import tokencost"],
            check=False,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
