"""DeepSeek's and Z.ai's lists re-verified against captures of their own
pricing pages, committed on 2026-05-08 to Lore-Hex/quill-router: each figure
is a known answer from the page, and the bundled catalog must price a known
request with it, to the digit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc

#: The day of both captures (DeepSeek: commit d1507e12; Z.ai: 96a8198e).
CAPTURE_DAY = "2026-05-08"


def request(model: str) -> tc.Money:
    """100k input tokens (20k of them cache hits) and 10k output."""
    return tc.cost(
        model,
        input_tokens=100_000,
        cache_read_tokens=20_000,
        output_tokens=10_000,
        at=CAPTURE_DAY,
    ).total


class TestDeepSeek:
    """api-docs.deepseek.com/quick_start/pricing as captured on 2026-05-08."""

    @pytest.mark.parametrize(
        ("model", "total"),
        [
            # 80k cache misses x 0.14 + 20k cache hits x 0.0028 + 10k x 0.28
            ("deepseek-v4-flash", "0.014056"),
            # the legacy names are V4-Flash's two modes, at its prices
            ("deepseek-chat", "0.014056"),
            ("deepseek-reasoner", "0.014056"),
            # 75% off: 80k x 0.435 + 20k x 0.003625 + 10k x 0.87
            ("deepseek-v4-pro", "0.0435725"),
        ],
    )
    def test_request(self, model: str, total: str) -> None:
        assert request(f"deepseek:{model}") == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        "model",
        ["deepseek-v4-flash", "deepseek-v4-pro", "deepseek-chat", "deepseek-reasoner"],
    )
    def test_provenance(self, model: str) -> None:
        """First-party, dated by the capture, citing where the capture is."""
        period = tc.price(f"deepseek:{model}").period_at(date(2026, 5, 8))
        assert (period.kind, period.checked) == ("first-party", date(2026, 5, 8))
        assert "Lore-Hex/quill-router" in period.source
        assert "d1507e12" in period.source

    def test_launch_period_keeps_its_reading(self) -> None:
        """The launch prices (before the cache cut of 2026-04-26) are not on
        the capture: still dated by TokenMix's reading of 2026-04-30."""
        period = tc.price("deepseek:deepseek-v4-flash").period_at(date(2026, 4, 25))
        assert (period.kind, period.checked) == ("first-party", date(2026, 4, 30))
        c = tc.cost(
            "deepseek:deepseek-v4-flash",
            input_tokens=100_000,
            cache_read_tokens=20_000,
            output_tokens=10_000,
            at="2026-04-25",
        )
        # cache hits at the launch price, ten times the capture's: 20k x 0.028
        assert c.total == tc.Money(Decimal("0.01456"), "USD")


ZAI_MODELS = [
    ("glm-5.1", "0.1612"),  # 80k x 1.4 + 20k x 0.26 + 10k x 4.4
    ("glm-5", "0.116"),  # 80k x 1 + 20k x 0.2 + 10k x 3.2
    ("glm-5-turbo", "0.1408"),  # 80k x 1.2 + 20k x 0.24 + 10k x 4.0
    ("glm-5v-turbo", "0.1408"),  # the Vision Models table, same figures
    ("glm-4.7", "0.0722"),  # 80k x 0.6 + 20k x 0.11 + 10k x 2.2
    ("glm-4.6", "0.0722"),
    ("glm-4.5", "0.0722"),
    ("glm-4.5-air", "0.0276"),  # 80k x 0.2 + 20k x 0.03 + 10k x 1.1
]


class TestZai:
    """docs.z.ai/guides/overview/pricing as captured on 2026-05-08 (USD)."""

    @pytest.mark.parametrize(("model", "total"), ZAI_MODELS)
    def test_request(self, model: str, total: str) -> None:
        assert request(f"zai:{model}") == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize("model", [m for m, _ in ZAI_MODELS])
    def test_provenance(self, model: str) -> None:
        """First-party, dated by the capture, citing where the capture is."""
        period = tc.price(f"zai:{model}").period_at(date(2026, 5, 8))
        assert (period.kind, period.checked) == ("first-party", date(2026, 5, 8))
        assert "Lore-Hex/quill-router" in period.source
        assert "96a8198e" in period.source

    def test_bare_glm_5_turbo_is_zai(self) -> None:
        """Bare glm-5-turbo is Z.ai's USD list, first-party now."""
        c = tc.cost("glm-5-turbo", input_tokens=1_000_000, at=CAPTURE_DAY)
        assert c.total == tc.Money(Decimal("1.2"), "USD")
