"""Anthropic's lineup re-verified against a capture of its own pricing page
(claude.com/pricing, fetched on 2026-05-08 and committed that day to
Lore-Hex/quill-router): each figure is a known answer from the page, and the
bundled catalog must price a known request with it, to the digit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc

#: The day of the capture (commit d1507e12, page last published that day).
ANTHROPIC_DAY = "2026-05-08"
ON_THE_CAPTURE = [
    "claude-opus-4-7",
    "claude-opus-4-6",
    "claude-opus-4-5",
    "claude-sonnet-4-6",
    "claude-sonnet-4-5",
    "claude-haiku-4-5",
]


class TestAnthropic:
    """The API cards of claude.com/pricing as captured on 2026-05-08: input,
    output, 5-minute cache write and cache read, and batch at 50% off."""

    @pytest.mark.parametrize(
        ("model", "variant", "total"),
        [
            # 70k plain input x 5 + 20k cache reads x 0.50
            # + 10k 5-minute cache writes x 6.25 + 10k output x 25
            ("claude-opus-4-7", "standard", "0.6725"),
            ("claude-opus-4-7", "batch", "0.33625"),
            ("claude-opus-4-6", "standard", "0.6725"),
            ("claude-opus-4-6", "batch", "0.33625"),
            ("claude-opus-4-5", "standard", "0.6725"),
            ("claude-opus-4-5", "batch", "0.33625"),
            # 70k x 3 + 20k x 0.30 + 10k x 3.75 + 10k x 15
            ("claude-sonnet-4-6", "standard", "0.4035"),
            ("claude-sonnet-4-6", "batch", "0.20175"),
            ("claude-sonnet-4-5", "standard", "0.4035"),
            ("claude-sonnet-4-5", "batch", "0.20175"),
            # 70k x 1 + 20k x 0.10 + 10k x 1.25 + 10k x 5
            ("claude-haiku-4-5", "standard", "0.1345"),
            ("claude-haiku-4-5", "batch", "0.06725"),
        ],
    )
    def test_request(self, model: str, variant: str, total: str) -> None:
        """100k input tokens (20k read from the cache, 10k written to it for
        five minutes) and 10k output, at the page's rates."""
        c = tc.cost(
            f"anthropic:{model}",
            input_tokens=100_000,
            cache_read_tokens=20_000,
            cache_write_tokens=10_000,
            output_tokens=10_000,
            variant=variant,
            at=ANTHROPIC_DAY,
        )
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize("model", ON_THE_CAPTURE)
    def test_provenance(self, model: str) -> None:
        """First-party, dated by the capture, citing where the capture is."""
        period = tc.price(f"anthropic:{model}").period_at(date(2026, 5, 8))
        assert (period.kind, period.checked) == ("first-party", date(2026, 5, 8))
        assert "Lore-Hex/quill-router" in period.source
        assert "d1507e12" in period.source

    @pytest.mark.parametrize(
        ("model", "day"),
        [
            # released after the capture: still dated by genai-prices' reading
            ("claude-opus-4-8", date(2026, 6, 1)),
            ("claude-sonnet-5", date(2026, 8, 1)),
            # Opus 4.6's long-context period ended before the capture
            ("claude-opus-4-6", date(2026, 3, 1)),
        ],
    )
    def test_not_on_the_capture(self, model: str, day: date) -> None:
        """Periods the capture cannot show keep their own dated reading."""
        period = tc.price(f"anthropic:{model}").period_at(day)
        assert (period.kind, period.checked) == ("first-party", date(2026, 7, 29))
        assert "Lore-Hex/quill-router" not in period.source
