"""The fast reader of the bundled sheets: same values as the validating one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from tokencost.prices.bundled import data_path, read_bundled
from tokencost.prices.model import ModelPrice
from tokencost.prices.sheets import load_sheet

FOLDER = Path(data_path("providers"))
SHEETS = sorted(e.name for e in FOLDER.iterdir() if e.name.endswith(".toml"))


def exact(model: ModelPrice) -> str:
    """The repr of every field, so Decimal('10') and Decimal('10.0') differ."""
    return repr(attrs.asdict(model, recurse=True))


class TestBundledReader:
    @pytest.mark.parametrize("name", SHEETS)
    def test_sheet_is_valid(self, name: str) -> None:
        """Every bundled sheet passes the strict pydantic sheet models."""
        sheet = load_sheet(str(FOLDER.joinpath(name)))
        assert sheet.models

    def test_same_values(self) -> None:
        """The fast reader builds exactly the values the sheet models build."""
        validated = [
            model
            for name in SHEETS
            for model in load_sheet(str(FOLDER.joinpath(name))).to_models()
        ]
        fast = read_bundled()
        assert [exact(m) for m in fast] == [exact(m) for m in validated]
        assert len(fast) == len(validated) > 20

    def test_first_cost_skips_pydantic(self) -> None:
        """A first cost in a fresh process never imports pydantic."""
        code = (
            "import sys, tokencost as tc; "
            "t = tc.cost('glm-5.2', input_tokens=1000, at='2026-07-01').total; "
            "print(t.amount, 'pydantic' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        assert out == ["0.0014", "False"]

    def test_truth_test_reads_no_sheet(self) -> None:
        """``catalog or default`` on the bundled catalog is true without
        reading every sheet (its length would read them all)."""
        code = (
            "from tokencost.prices.catalog import _Bundled; c = _Bundled(); "
            "print(bool(c), len(c._loaded)); c.get('glm-5.2'); "
            "print(len(c._loaded))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        assert out == ["True", "0", "2"]  # zai and zhipuai know glm-5.2
