"""The importers read upstream prices per modality (audio, image, video)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import tokencost as tc
from tokencost.prices.sheets import ProviderSheet

UPSTREAM = Path(__file__).parents[1] / "fixtures" / "upstream"


def _rates(sheets: list[ProviderSheet], model: str) -> tc.Rates:
    for sheet in sheets:
        for price in sheet.to_models():
            if price.model == model:
                return price.current.standard.rates
    raise AssertionError(f"{model} not imported")


class TestModalityPrices:
    def test_genai_prices_audio(self) -> None:
        """genai-prices' input_audio_mtok and output_audio_mtok are kept."""
        sheets = tc.import_genai_prices(UPSTREAM / "genai-prices.json")
        rates = _rates(sheets, "amazon.nova-sonic-v1:0")
        assert (rates.input_audio_mtok, rates.output_audio_mtok) == (
            Decimal("3.4"),
            Decimal("13.6"),
        )
        assert rates.input_image_mtok is None  # not given: unknown

    def test_litellm_per_token_keys(self, tmp_path: Path) -> None:
        """LiteLLM's per-token modality costs become prices per million,
        with their variants and long-context tiers."""
        data = {
            "gemini/gemini-pixel": {
                "litellm_provider": "gemini",
                "mode": "chat",
                "input_cost_per_token": 3e-07,
                "output_cost_per_token": 2.5e-06,
                "input_cost_per_audio_token": 1e-06,
                "input_cost_per_audio_token_above_200k_tokens": 2e-06,
                "input_cost_per_image_token": 3e-07,
                "input_cost_per_video_token": 3e-07,
                "output_cost_per_audio_token": 1.2e-05,
                "output_cost_per_image_token": 3e-05,
                "output_cost_per_image_token_batches": 1.5e-05,
                "output_cost_per_video_token": 9e-05,
            }
        }
        path = tmp_path / "litellm.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        (sheet,) = tc.import_litellm(path)
        (price,) = sheet.to_models()
        period = price.current
        rates = period.standard.rates
        assert (rates.input_audio_mtok, rates.input_image_mtok) == (1, Decimal("0.3"))
        assert (rates.input_video_mtok, rates.output_audio_mtok) == (Decimal("0.3"), 12)
        assert rates.output_image_mtok == 30
        assert period.standard.tiers[0].rates.input_audio_mtok == 2
        assert period.schedule("batch").rates.output_image_mtok == 15
