"""Tokens of other modalities: priced by their own components, never as text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from tests.conftest import FIXTURES

PIXEL = tc.load_catalog(FIXTURES / "pixel.toml", bundled=False)

IMAGE_REPLY = {
    "modelVersion": "pixel-1",
    "usageMetadata": {
        "promptTokenCount": 10,
        "candidatesTokenCount": 1_304,
        "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 10}],
        "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 1_290}],
    },
}


def lines(cost: tc.Cost) -> dict[str, tuple[int, Decimal]]:
    return {line.component: (line.quantity, line.amount.amount) for line in cost.lines}


class TestPriced:
    def test_image_output(self) -> None:
        """1,290 image-output tokens at $30 per million cost 0.0387, not 0.0033."""
        cost = tc.cost_reply(IMAGE_REPLY, catalog=PIXEL, at="2026-07-01")
        assert lines(cost) == {
            "input": (10, Decimal("0.000003")),
            "output": (14, Decimal("0.000035")),
            "output_image": (1_290, Decimal("0.0387")),
        }
        assert cost.total == tc.Money("0.038738", "USD")

    @pytest.mark.parametrize(
        ("counts", "component", "amount"),
        [
            ({"input_audio_tokens": 1_000}, "input_audio", Decimal("0.001")),
            ({"input_image_tokens": 1_000}, "input_image", Decimal("0.0003")),
            ({"input_video_tokens": 1_000}, "input_video", Decimal("0.0003")),
            ({"output_audio_tokens": 1_000}, "output_audio", Decimal("0.012")),
            ({"output_image_tokens": 1_000}, "output_image", Decimal("0.03")),
        ],
    )
    def test_each_component(
        self, counts: dict[str, int], component: str, amount: Decimal
    ) -> None:
        """Each modality has its line, its tokens taken out of text's."""
        cost = tc.cost(
            "pixel-1", input_tokens=2_000, output_tokens=2_000, catalog=PIXEL,
            at="2026-07-01", **counts,
        )  # fmt: skip
        priced = lines(cost)
        assert priced[component] == (1_000, amount)
        text = "input" if component.startswith("input") else "output"
        assert priced[text][0] == 1_000

    def test_batch_and_tier(self) -> None:
        """Variants and tiers take unset modality prices from the standard."""
        usage = tc.Usage(300_000, 2_000, input_audio_tokens=100_000,
                         output_image_tokens=1_000)  # fmt: skip
        cost = tc.cost("pixel-1", usage, catalog=PIXEL, at="2026-07-01")
        assert cost.tier is not None
        assert lines(cost)["input_audio"] == (100_000, Decimal("0.1"))
        batch = tc.cost("pixel-1", usage, catalog=PIXEL, at="2026-07-01",
                        variant="batch")  # fmt: skip
        assert lines(batch)["output_image"] == (1_000, Decimal("0.015"))


class TestRefused:
    def test_reply_of_unpriced_modality(self) -> None:
        """Image tokens on a model with no image price are refused, not text."""
        reply = {**IMAGE_REPLY, "modelVersion": "pixel-text"}
        with pytest.raises(
            tc.NoPriceError,
            match=r"^pixel:pixel-text has no known output-image price, so 1,290 "
            r"output-image tokens cannot be priced \(tokens of another modality "
            r"are never priced as text\)$",
        ):
            tc.cost_reply(reply, catalog=PIXEL, at="2026-07-01")
        assert tc.cost_reply(reply, catalog=PIXEL, strict=False) is None

    def test_absent_component_is_unknown(self) -> None:
        """A component absent from a sheet is unknown (None), never zero."""
        rates = PIXEL.get("pixel-text").current.standard.rates
        assert rates.input_audio_mtok is None
        assert rates.output_image_mtok is None
        assert rates.get("output_image") is None

    def test_sheet_field_typo(self, tmp_path: Path) -> None:
        """The sheet schema refuses a misspelt modality field, naming it."""
        sheet = (FIXTURES / "pixel.toml").read_text("utf-8")
        path = tmp_path / "typo.toml"
        path.write_text(
            sheet.replace("output_image_mtok = 30", "output_imag_mtok = 30")
        )
        with pytest.raises(tc.InvalidPriceSheetError, match="output_imag_mtok"):
            tc.load_catalog(path, bundled=False)


counts = st.integers(min_value=0, max_value=200_000)


class TestProperties:
    @given(st.lists(counts, min_size=7, max_size=7))
    def test_total_is_sum_of_lines(self, n: list[int]) -> None:
        """With any modality mix, the total is the sum of the lines, and
        every token is on exactly one line."""
        text, audio, image, video, out, out_audio, out_image = n
        usage = tc.Usage(
            text + audio + image + video, out + out_audio + out_image,
            input_audio_tokens=audio, input_image_tokens=image,
            input_video_tokens=video, output_audio_tokens=out_audio,
            output_image_tokens=out_image,
        )  # fmt: skip
        cost = tc.cost("pixel-1", usage, catalog=PIXEL, at="2026-07-01")
        assert cost.total.amount == sum(line.amount.amount for line in cost.lines)
        tokens = sum(line.quantity for line in cost.lines if line.unit == "MTok")
        assert tokens == usage.total_tokens

    @given(st.integers(0, 150_000), st.integers(0, 150_000))
    def test_text_only_matches_fast_path(self, prompt: int, output: int) -> None:
        """One image token moves one token off the fast path's text price,
        below the tier: the totals differ by exactly its price difference."""
        with_parts = tc.cost(
            "pixel-1", tc.Usage(prompt + 1, output, input_image_tokens=1),
            catalog=PIXEL, at="2026-07-01",
        )  # fmt: skip
        plain = tc.cost("pixel-1", tc.Usage(prompt, output), catalog=PIXEL,
                        at="2026-07-01")  # fmt: skip
        # One image token at the text price ($0.30) is the only difference.
        assert with_parts.total.amount - plain.total.amount == Decimal("0.0000003")


@st.composite
def gemini_replies(draw: st.DrawFn) -> tuple[dict[str, object], dict[str, int]]:
    """A Gemini usageMetadata split by modality, and the counts it stands for."""
    small = st.integers(min_value=0, max_value=50_000)
    prompt = {m: draw(small) for m in ("TEXT", "AUDIO", "IMAGE", "VIDEO")}
    cached = {m: draw(st.integers(0, n)) for m, n in prompt.items()}
    out = {m: draw(small) for m in ("TEXT", "IMAGE", "AUDIO")}
    thoughts = draw(small)
    data = {
        "usageMetadata": {
            "promptTokenCount": sum(prompt.values()),
            "cachedContentTokenCount": sum(cached.values()),
            "candidatesTokenCount": sum(out.values()),
            "thoughtsTokenCount": thoughts,
            "promptTokensDetails": [
                {"modality": m, "tokenCount": n} for m, n in prompt.items()
            ],
            "cacheTokensDetails": [
                {"modality": m, "tokenCount": n} for m, n in cached.items()
            ],
            "candidatesTokensDetails": [
                {"modality": m, "tokenCount": n} for m, n in out.items()
            ],
        }
    }
    expected = {
        "input_tokens": sum(prompt.values()),
        "cache_read_tokens": sum(cached.values()),
        "cache_read_audio_tokens": cached["AUDIO"],
        "input_audio_tokens": prompt["AUDIO"] - cached["AUDIO"],
        "input_image_tokens": prompt["IMAGE"] - cached["IMAGE"],
        "input_video_tokens": prompt["VIDEO"] - cached["VIDEO"],
        "output_tokens": sum(out.values()) + thoughts,
        "output_image_tokens": out["IMAGE"],
        "output_audio_tokens": out["AUDIO"],
        "reasoning_tokens": thoughts,
    }
    return data, expected


class TestGeminiProperties:
    @given(gemini_replies())
    def test_every_token_on_one_line(
        self, pair: tuple[dict[str, object], dict[str, int]]
    ) -> None:
        """A Gemini reply of any modality mix reads into the right counts, and
        priced, puts every token on exactly one line, the total their sum."""
        data, expected = pair
        usage = tc.usage_from_gemini(data)
        assert {name: getattr(usage, name) for name in expected} == expected
        cost = tc.cost("pixel-1", usage, catalog=PIXEL, at="2026-07-01")
        tokens = sum(line.quantity for line in cost.lines if line.unit == "MTok")
        assert tokens == usage.total_tokens
        assert cost.total.amount == sum(line.amount.amount for line in cost.lines)
