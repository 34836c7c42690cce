"""Upstream files that are not what an importer expects: one
`InvalidPriceSheetError` naming the file, never a `decimal`, `KeyError` or
`TypeError` escaping (which the command line reports as a bug)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tokencost.cli.main import main


def _litellm(tmp_path: Path, price: Any) -> Path:
    path = tmp_path / "litellm.json"
    entry = {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": price,
        "output_cost_per_token": 2e-06,
    }
    # json.dumps writes float("inf") as Infinity, which json.loads reads back.
    path.write_text(json.dumps({"gpt-x": entry}))
    return path


class TestLiteLLM:
    @pytest.mark.parametrize(
        "price", ["abc", "", float("inf"), float("-inf"), "inf", "1e400"]
    )
    def test_unreadable_price(self, tmp_path: Path, price: Any) -> None:
        """A per-token price that is no finite number names the file, the
        model and the value."""
        path = _litellm(tmp_path, price)
        with pytest.raises(tc.InvalidPriceSheetError) as caught:
            tc.import_litellm(path)
        message = str(caught.value)
        assert message.startswith(f"{path}: ")
        assert "gpt-x" in message

    def test_readable_price(self, tmp_path: Path) -> None:
        """A price written as text reads as the number: 1.5e-06 per token is
        1.5 per million."""
        (sheet,) = tc.import_litellm(_litellm(tmp_path, "1.5e-06"))
        assert sheet.models[0].periods[0].input_mtok == tc.to_decimal("1.5")

    def test_command_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`tokencost import` says so in one line, exit 2, and writes nothing."""
        path = _litellm(tmp_path, "abc")
        out = tmp_path / "out"
        status = main(["import", "litellm", str(path), "--out", str(out)])
        _, err = capsys.readouterr()
        assert status == 2
        assert err.startswith(f"tokencost: error: {path}: ")
        assert "bug" not in err
        assert len(err.splitlines()) == 1
        assert not out.exists() or list(out.iterdir()) == []


class TestGenaiPrices:
    @pytest.mark.parametrize(
        "prices",
        [
            {"input_mtok": "abc"},
            {"input_mtok": {"tiers": []}},
            {"input_mtok": {"base": "1", "tiers": [{"price": "2"}]}},
            {"input_mtok": "1", "requests_kcount": "x"},
        ],
    )
    def test_malformed(self, tmp_path: Path, prices: dict[str, Any]) -> None:
        """A price genai-prices would not write is one error naming the file."""
        path = tmp_path / "genai.json"
        model = {"id": "m", "match": {"equals": "m"}, "prices": prices}
        path.write_text(json.dumps([{"id": "openai", "models": [model]}]))
        with pytest.raises(tc.InvalidPriceSheetError) as caught:
            tc.import_genai_prices(path)
        assert str(caught.value).startswith(f"{path}: ")


class TestLLMPrices:
    def test_malformed(self, tmp_path: Path) -> None:
        """A vendor file whose history holds a price that is no number is one
        error naming the file."""
        path = tmp_path / "deepseek.json"
        entry = {"input": "abc", "output": 1, "from_date": None, "to_date": None}
        model = {"id": "m", "name": "M", "price_history": [entry]}
        path.write_text(json.dumps({"vendor": "deepseek", "models": [model]}))
        with pytest.raises(tc.InvalidPriceSheetError) as caught:
            tc.import_llm_prices(path)
        assert str(caught.value).startswith(f"{path}: ")
