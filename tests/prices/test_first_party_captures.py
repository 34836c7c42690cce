"""Flagship lineups re-verified against captures of the providers' own
pricing pages: each figure is a known answer from the curated sheet, and the
bundled catalog must price a known request with it, to the digit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc

#: The day of Google's capture (committed 2026-06-05, page stamped 2026-06-02).
GOOGLE_DAY = "2026-06-05"
GOOGLE_MODELS = [
    "gemini-3.5-flash",
    "gemini-3.1-flash-lite",
    "gemini-3.1-pro-preview",
    "gemini-3.1-pro-preview-customtools",
    "gemini-3-flash-preview",
    "gemini-2.5-pro",
    "gemini-2.5-flash",
    "gemini-2.5-flash-lite",
    "gemini-2.5-flash-image",
]


class TestGoogle:
    """ai.google.dev/gemini-api/docs/pricing as captured in June 2026."""

    @pytest.mark.parametrize(
        ("model", "variant", "total"),
        [
            # 80k plain input, 20k cached input, 10k output, per million:
            # 80k x 1.50 + 20k x 0.15 + 10k x 9
            ("gemini-3.5-flash", "standard", "0.213"),
            ("gemini-3.5-flash", "batch", "0.1065"),
            # flex cached input is $0.08 on the page, not batch's $0.075
            ("gemini-3.5-flash", "flex", "0.1066"),
            ("gemini-3.5-flash", "priority", "0.3834"),
            ("gemini-3.1-flash-lite", "standard", "0.0355"),
            ("gemini-3.1-flash-lite", "batch", "0.01775"),
            ("gemini-3.1-flash-lite", "flex", "0.01775"),
            ("gemini-3.1-flash-lite", "priority", "0.0639"),
            ("gemini-3.1-pro-preview", "standard", "0.284"),
            ("gemini-3.1-pro-preview", "batch", "0.144"),
            ("gemini-3.1-pro-preview", "flex", "0.144"),
            ("gemini-3.1-pro-preview", "priority", "0.5112"),
            ("gemini-3.1-pro-preview-customtools", "standard", "0.284"),
            ("gemini-3-flash-preview", "standard", "0.071"),
            ("gemini-3-flash-preview", "batch", "0.036"),
            ("gemini-3-flash-preview", "priority", "0.1278"),
            ("gemini-2.5-pro", "standard", "0.2025"),
            ("gemini-2.5-pro", "flex", "0.1025"),
            ("gemini-2.5-pro", "priority", "0.3645"),
            ("gemini-2.5-flash", "standard", "0.0496"),
            ("gemini-2.5-flash", "priority", "0.08928"),
            ("gemini-2.5-flash-lite", "standard", "0.0122"),
            ("gemini-2.5-flash-lite", "batch", "0.0062"),
            ("gemini-2.5-flash-lite", "priority", "0.02196"),
        ],
    )
    def test_request(self, model: str, variant: str, total: str) -> None:
        """100k input tokens (20k of them cached) and 10k output, priced at
        the page's rates for the tier of service."""
        c = tc.cost(
            f"google:{model}",
            input_tokens=100_000,
            cache_read_tokens=20_000,
            output_tokens=10_000,
            variant=variant,
            at=GOOGLE_DAY,
        )
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        ("model", "variant", "total"),
        [
            # 300k x 4 + 10k x 18: the whole request at the long-context rates
            ("gemini-3.1-pro-preview", "standard", "1.38"),
            ("gemini-3.1-pro-preview", "batch", "0.69"),
            # 300k x 7.20 + 10k x 32.40
            ("gemini-3.1-pro-preview", "priority", "2.484"),
            ("gemini-2.5-pro", "batch", "0.45"),
            ("gemini-2.5-pro", "priority", "1.62"),
        ],
    )
    def test_long_context(self, model: str, variant: str, total: str) -> None:
        """A prompt over 200,000 tokens is billed at the higher rates."""
        c = tc.cost(
            f"google:{model}",
            input_tokens=300_000,
            output_tokens=10_000,
            variant=variant,
            at=GOOGLE_DAY,
        )
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        ("model", "variant", "total"),
        [
            # 60k text x 0.25 + 40k audio x 0.50
            ("gemini-3.1-flash-lite", "standard", "0.035"),
            ("gemini-3.1-flash-lite", "priority", "0.063"),
            ("gemini-3-flash-preview", "standard", "0.07"),
            ("gemini-2.5-flash", "batch", "0.029"),
            ("gemini-2.5-flash-lite", "standard", "0.018"),
        ],
    )
    def test_audio_input(self, model: str, variant: str, total: str) -> None:
        """Audio input has its own rate; text, image and video share one."""
        c = tc.cost(
            f"google:{model}",
            input_tokens=100_000,
            input_audio_tokens=40_000,
            variant=variant,
            at=GOOGLE_DAY,
        )
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        ("model", "variant", "counts", "total"),
        [
            # 10k input of which 2,580 image tokens (ten 258-token pictures),
            # 1k output: the image tokens at the input price, 1.25:
            # 10k x 1.25 + 1k x 10 = 22,500 millionths.
            ("gemini-2.5-pro", "standard", {"input_image_tokens": 2_580}, "0.0225"),
            # Above 200k, the long-context rates for every modality: 300k in
            # (50k audio; 100k cached, 20k of it audio), 2k out: 150k x 2.50
            # + 50k x 2.50 + 80k x 0.25 + 20k x 0.25 + 2k x 15 = 555,000.
            (
                "gemini-2.5-pro",
                "standard",
                {
                    "input_tokens": 300_000,
                    "output_tokens": 2_000,
                    "input_audio_tokens": 50_000,
                    "cache_read_tokens": 100_000,
                    "cache_read_audio_tokens": 20_000,
                },
                "0.555",
            ),
            # Batch: 1k in of which 400 video, 100 out: 1k x 1 + 100 x 6.
            (
                "gemini-3.1-pro-preview",
                "batch",
                {
                    "input_tokens": 1_000,
                    "output_tokens": 100,
                    "input_video_tokens": 400,
                },
                "0.0016",
            ),
            (
                "gemini-3.1-pro-preview-customtools",
                "batch",
                {
                    "input_tokens": 1_000,
                    "output_tokens": 100,
                    "input_video_tokens": 400,
                },
                "0.0016",
            ),
            # Priority: 1k audio in, 10 out: 1k x 2.70 + 10 x 16.20.
            (
                "gemini-3.5-flash",
                "priority",
                {
                    "input_tokens": 1_000,
                    "output_tokens": 10,
                    "input_audio_tokens": 1_000,
                },
                "0.002862",
            ),
        ],
    )
    def test_one_input_price_for_every_modality(
        self, model: str, variant: str, counts: dict[str, int], total: str
    ) -> None:
        """Where the page prints one input price, naming no modality, image,
        video and audio input cost that price (and cached audio the cached
        price), in each tier and variant, instead of being refused."""
        usage = {"input_tokens": 10_000, "output_tokens": 1_000, **counts}
        c = tc.cost(f"google:{model}", variant=variant, at=GOOGLE_DAY, **usage)
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize("model", GOOGLE_MODELS)
    def test_provenance(self, model: str) -> None:
        """First-party, dated by the capture, citing where the capture is."""
        period = tc.price(f"google:{model}").period_at(date(2026, 6, 5))
        assert (period.kind, period.checked) == ("first-party", date(2026, 6, 5))
        assert "Lore-Hex/quill-router" in period.source

    @pytest.mark.parametrize("model", ["gemini-2.0-flash", "gemini-2.0-flash-lite"])
    def test_shut_down(self, model: str) -> None:
        """The page of 2026-06-02 says the model was shut down on June 1,
        2026: priced the day before, refused from that day on."""
        day_before = tc.cost(f"google:{model}", input_tokens=1_000_000, at="2026-05-31")
        assert day_before.total.amount > 0
        with pytest.raises(tc.NoPriceError, match="no longer offered"):
            tc.cost(f"google:{model}", input_tokens=1, at="2026-06-01")

    @pytest.mark.parametrize(
        ("model", "variant", "total"),
        [
            # 1M input (100k of it audio) x 0.10 / 0.70, 100k output x 0.40
            ("gemini-2.0-flash", "standard", "0.200"),
            ("gemini-2.0-flash", "batch", "0.100"),
            ("gemini-2.0-flash-lite", "batch", "0.0525"),
        ],
    )
    def test_gemini_2_0(self, model: str, variant: str, total: str) -> None:
        """Gemini 2.0's last prices, audio input at its own rate."""
        audio = 100_000 if model == "gemini-2.0-flash" else 0
        c = tc.cost(
            f"google:{model}",
            input_tokens=1_000_000,
            input_audio_tokens=audio,
            output_tokens=100_000,
            variant=variant,
            at="2026-05-31",
        )
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        ("variant", "total"), [("standard", "0.15"), ("batch", "0.075")]
    )
    def test_embedding(self, variant: str, total: str) -> None:
        """gemini-embedding-001: a million input tokens."""
        c = tc.cost(
            "google:gemini-embedding-001",
            input_tokens=1_000_000,
            variant=variant,
            at=GOOGLE_DAY,
        )
        assert c.total == tc.Money(Decimal(total), "USD")

    def test_image_output(self) -> None:
        """Gemini 2.5 Flash Image: one 1024x1024 picture is 1,290 output
        tokens at $30 per million, the page's $0.039 (exactly 0.0387)."""
        c = tc.cost(
            "google:gemini-2.5-flash-image",
            input_tokens=1_000,
            output_tokens=1_290,
            output_image_tokens=1_290,
            at=GOOGLE_DAY,
        )
        # 1k input x 0.30 + 1,290 image tokens x 30, per million
        assert c.total == tc.Money(Decimal("0.0390"), "USD")

    def test_secondary_is_not_of_record(self) -> None:
        """The hand-written Gemini 3.6 Flash figures (secondary) do not
        price the model while the aggregators carry it."""
        period = tc.price("google:gemini-3.6-flash").period_at(date(2026, 7, 21))
        assert period.kind == "aggregator"


#: The day of OpenAI's capture (committed 2026-05-08, page published that day).
OPENAI_DAY = "2026-05-08"


class TestOpenAI:
    """platform.openai.com/docs/pricing as captured on 2026-05-08."""

    @pytest.mark.parametrize(
        ("model", "variant", "cached", "total"),
        [
            # 80k plain input x 5 + 20k cached x 0.50 + 10k output x 30
            ("gpt-5.5", "standard", 20_000, "0.71"),
            ("gpt-5.5", "batch", 20_000, "0.355"),
            ("gpt-5.5", "flex", 20_000, "0.355"),
            # no cached-input price: 100k x 30 + 10k x 180
            ("gpt-5.5-pro", "standard", 0, "4.8"),
            ("gpt-5.5-pro", "batch", 0, "2.4"),
            ("gpt-5.4", "standard", 20_000, "0.355"),
            # cached input in batch is 0.13, as the page rounds it
            ("gpt-5.4", "batch", 20_000, "0.1776"),
            ("gpt-5.4-mini", "standard", 20_000, "0.1065"),
            ("gpt-5.4-mini", "batch", 20_000, "0.05325"),
            ("gpt-5.4-mini", "priority", 20_000, "0.213"),
            ("gpt-5.4-nano", "standard", 20_000, "0.0289"),
            ("gpt-5.4-nano", "flex", 20_000, "0.01445"),
            ("gpt-5.4-pro", "standard", 0, "4.8"),
            ("gpt-5.4-pro", "flex", 0, "2.4"),
            ("gpt-5.3-codex", "standard", 20_000, "0.2835"),
            ("gpt-5.3-codex", "priority", 20_000, "0.567"),
        ],
    )
    def test_request(self, model: str, variant: str, cached: int, total: str) -> None:
        """100k input tokens (*cached* of them cached) and 10k output."""
        c = tc.cost(
            f"openai:{model}",
            input_tokens=100_000,
            cache_read_tokens=cached,
            output_tokens=10_000,
            variant=variant,
            at=OPENAI_DAY,
        )
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        ("model", "variant", "total"),
        [
            # 300k x 10 + 10k x 45: the whole request at long-context rates
            ("gpt-5.5", "standard", "3.45"),
            ("gpt-5.5", "batch", "1.725"),
            ("gpt-5.5-pro", "standard", "20.7"),
            ("gpt-5.4", "standard", "1.725"),
            ("gpt-5.4", "flex", "0.8625"),
            ("gpt-5.4-pro", "flex", "10.35"),
        ],
    )
    def test_long_context(self, model: str, variant: str, total: str) -> None:
        """A prompt over 272K input tokens is billed at the long-context rates."""
        c = tc.cost(
            f"openai:{model}",
            input_tokens=300_000,
            output_tokens=10_000,
            variant=variant,
            at=OPENAI_DAY,
        )
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize("model", ["gpt-5.5", "gpt-5.4"])
    def test_no_priority_without_its_long_context_price(self, model: str) -> None:
        """The page gives no long-context priority price ('-'): priority is
        not priced rather than priced flat above 272K."""
        with pytest.raises(tc.NoPriceError, match="priority"):
            tc.cost(f"openai:{model}", input_tokens=1, variant="priority")

    @pytest.mark.parametrize(
        "model",
        [
            "gpt-5.5",
            "gpt-5.5-pro",
            "gpt-5.4",
            "gpt-5.4-mini",
            "gpt-5.4-nano",
            "gpt-5.4-pro",
            "gpt-5.3-codex",
        ],
    )
    def test_provenance(self, model: str) -> None:
        """First-party, dated by the capture, citing where the capture is."""
        period = tc.price(f"openai:{model}").period_at(date(2026, 5, 8))
        assert (period.kind, period.checked) == ("first-party", date(2026, 5, 8))
        assert "Lore-Hex/quill-router" in period.source

    @pytest.mark.parametrize(
        ("model", "total"),
        [
            # 80k plain input x 1.25 + 20k cached x 0.125 + 10k output x 10
            ("gpt-5", "0.2025"),
            ("gpt-5-mini", "0.0405"),
            ("gpt-4.1", "0.25"),
        ],
    )
    def test_standard_tab_screenshot(self, model: str, total: str) -> None:
        """Standard prices from the screenshot of 2026-01-24, first-party and
        dated by it."""
        c = tc.cost(
            f"openai:{model}",
            input_tokens=100_000,
            cache_read_tokens=20_000,
            output_tokens=10_000,
            at="2026-01-24",
        )
        assert c.total == tc.Money(Decimal(total), "USD")
        period = tc.price(f"openai:{model}").period_at(date(2026, 1, 24))
        assert (period.kind, period.checked) == ("first-party", date(2026, 1, 24))
        assert "karstenheld3/SharePoint-GPT-Middleware" in period.source
