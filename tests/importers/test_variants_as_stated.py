"""An imported variant prices what its upstream states, and no more: a price
the standard has and the variant does not give is unpriced there, and a
reasoning price equal to the output price is not kept."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tokencost.prices.sheets import ProviderSheet

GEMINI = {
    "gemini/gemini-made-up": {
        "litellm_provider": "gemini",
        "mode": "chat",
        "input_cost_per_token": 3e-07,
        "output_cost_per_token": 2.5e-06,
        "output_cost_per_reasoning_token": 2.5e-06,
        "cache_read_input_token_cost": 3e-08,
        "input_cost_per_token_above_200k_tokens": 6e-07,
        "output_cost_per_token_above_200k_tokens": 5e-06,
        "input_cost_per_token_batches": 1.5e-07,
        "output_cost_per_token_batches": 1.25e-06,
    }
}


def _litellm(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "litellm.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _only(sheets: list[ProviderSheet]) -> tc.ModelPrice:
    (sheet,) = sheets
    (price,) = sheet.to_models()
    return price


class TestLiteLLM:
    def test_the_sheet_says_what_is_unpriced(self, tmp_path: Path) -> None:
        (sheet,) = tc.import_litellm(_litellm(tmp_path, GEMINI))
        (model,) = sheet.models
        (period,) = model.periods
        assert period.reasoning_mtok is None  # equal to output: not kept
        batch = period.variants["batch"]
        assert batch.unpriced == ["cache_read_mtok"]
        (tier,) = batch.tiers
        assert tier.min_input_tokens == 200_001
        assert tier.unpriced == ["input_mtok", "output_mtok", "cache_read_mtok"]

    @pytest.mark.parametrize(
        ("usage", "variant", "total"),
        [
            # 1,000 x 0.3 + 1,000 x 2.5 (800 of it reasoning), per million
            ({"input_tokens": 1000, "output_tokens": 1000, "reasoning_tokens": 800},
             None, Decimal("0.0028")),
            # batch: reasoning at the batch output price, 1.25, not 2.5
            ({"input_tokens": 1000, "output_tokens": 1000, "reasoning_tokens": 800},
             "batch", Decimal("0.0014")),
            # standard cache reads: 500 x 0.3 + 500 x 0.03
            ({"input_tokens": 1000, "cache_read_tokens": 500}, None,
             Decimal("0.000165")),
        ],
    )  # fmt: skip
    def test_priced(
        self,
        tmp_path: Path,
        usage: dict[str, int],
        variant: str | None,
        total: Decimal,
    ) -> None:
        price = _only(tc.import_litellm(_litellm(tmp_path, GEMINI)))
        found = tc.cost(price, tc.Usage(**usage), variant=variant)
        assert found.total == tc.Money(total, "USD")

    @pytest.mark.parametrize(
        ("usage", "message"),
        [
            ({"input_tokens": 1000, "cache_read_tokens": 500},
             "no known cache-read price in its batch prices"),
            ({"input_tokens": 200_001, "output_tokens": 1},
             "no known input price in its batch prices, for prompts of 200,001"),
        ],
    )  # fmt: skip
    def test_refused(self, tmp_path: Path, usage: dict[str, int], message: str) -> None:
        price = _only(tc.import_litellm(_litellm(tmp_path, GEMINI)))
        with pytest.raises(tc.NoPriceError, match=message):
            tc.cost(price, tc.Usage(**usage), variant="batch")

    def test_a_reasoning_price_of_its_own(self, tmp_path: Path) -> None:
        """A standard reasoning price unlike the output price cannot be left
        unpriced in a variant (absent means the output price): the variant is
        left out, and counted."""
        entry = dict(GEMINI["gemini/gemini-made-up"])
        entry["output_cost_per_reasoning_token"] = 4e-06
        skipped: Counter[str] = Counter()
        path = _litellm(tmp_path, {"gemini/gemini-made-up": entry})
        price = _only(tc.import_litellm(path, skipped=skipped))
        assert price.current.variants == ()
        assert price.current.standard.rates.reasoning_mtok == 4
        assert skipped == {"a variant without the reasoning price its standard has": 1}


class TestGenaiPrices:
    def test_a_variant_states_what_it_prices(self, tmp_path: Path) -> None:
        data = [
            {
                "id": "acme",
                "name": "Acme",
                "models": [
                    {
                        "id": "acme-x",
                        "match": {"equals": "acme-x"},
                        "prices": {
                            "input_mtok": "2",
                            "output_mtok": "8",
                            "cache_read_mtok": "0.2",
                            "output_reasoning_mtok": "8",
                        },
                        "price_variants": [
                            {
                                "when": {"processing": "batch"},
                                "prices": {"input_mtok": "1", "output_mtok": "4"},
                            }
                        ],
                    }
                ],
            }
        ]
        path = tmp_path / "genai.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        (sheet,) = tc.import_genai_prices(path)
        (period,) = sheet.models[0].periods
        assert period.reasoning_mtok is None
        assert period.variants["batch"].unpriced == ["cache_read_mtok"]
        price = _only([sheet])
        usage = tc.Usage(input_tokens=1000, output_tokens=100, reasoning_tokens=50)
        # 1,000 x 1 + 100 x 4, per million
        assert tc.cost(price, usage, variant="batch").total == tc.Money("0.0014")
        with pytest.raises(tc.NoPriceError, match="cache-read price in its batch"):
            tc.cost(price, input_tokens=10, cache_read_tokens=5, variant="batch")

    def test_some_tiers_and_not_others(self, tmp_path: Path) -> None:
        """A variant with a tier above 200K, on a model tiered above 128K and
        200K, does not say what its prices are between them: left out, and
        counted."""
        entry = dict(GEMINI["gemini/gemini-made-up"])
        entry["input_cost_per_token_above_128k_tokens"] = 4.5e-07
        entry["input_cost_per_token_above_200k_tokens_batches"] = 3e-07
        skipped: Counter[str] = Counter()
        path = _litellm(tmp_path, {"gemini/gemini-made-up": entry})
        price = _only(tc.import_litellm(path, skipped=skipped))
        assert [t.min_input_tokens for t in price.current.standard.tiers] == [
            128_001,
            200_001,
        ]
        assert price.current.variants == ()
        assert skipped == {
            "a variant without every long-context tier its standard has": 1
        }
