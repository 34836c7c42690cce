"""Figures settled in the re-verification of December 2026 that are not on
the copies of 2025-12-19: Gemini's image models under their GA ids (the
capture of Google's pricing page of 2026-06-05) and their preview ids (the
capture of 2026-05-08), and Mistral's docs repository (model cards and the
pricing page of 2026-08-11, read at commit 222f4ba9): priority prices, the
Magistral `-latest` names and the retirements on the cards' dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc


class TestGeminiImageModels:
    @pytest.mark.parametrize(
        ("model", "variant", "field", "figure"),
        [
            ("gemini-3.1-flash-image", None, "input_mtok", "0.50"),
            ("gemini-3.1-flash-image", None, "input_image_mtok", "0.50"),
            ("gemini-3.1-flash-image", None, "output_mtok", "3"),
            ("gemini-3.1-flash-image", None, "output_image_mtok", "60"),
            ("gemini-3.1-flash-image", "batch", "input_image_mtok", "0.25"),
            ("gemini-3.1-flash-image", "batch", "output_image_mtok", "30"),
            ("gemini-3-pro-image", None, "input_mtok", "2"),
            ("gemini-3-pro-image", None, "output_mtok", "12"),
            ("gemini-3-pro-image", None, "output_image_mtok", "120"),
            ("gemini-3-pro-image", "batch", "input_mtok", "1"),
            ("gemini-3-pro-image", "flex", "output_mtok", "6"),
            ("gemini-3-pro-image", "priority", "input_image_mtok", "3.60"),
            ("gemini-3-pro-image", "priority", "output_mtok", "21.60"),
            ("gemini-3-pro-image", "priority", "output_image_mtok", "216"),
        ],
    )
    def test_ga_rates(
        self, model: str, variant: str | None, field: str, figure: str
    ) -> None:
        price = tc.price(model)
        assert price.id == f"google:{model}"
        rates = price.period_at(date(2026, 11, 1)).schedule(variant).rates
        assert getattr(rates, field) == Decimal(figure)

    @pytest.mark.parametrize("model", ["gemini-3.1-flash-image", "gemini-3-pro-image"])
    def test_ga_id_outlives_the_preview(self, model: str) -> None:
        """The GA id used to be an alias of the preview entry, retired on
        2026-06-25, so a cost after that day was refused."""
        after = date(2026, 11, 1)
        assert tc.cost(model, input_tokens=1_000_000, at=after).total == tc.Money(
            tc.price(model).period_at(after).schedule().rates.input_mtok, "USD"
        )
        with pytest.raises(tc.NoPriceError):
            tc.cost(f"{model}-preview", input_tokens=1_000_000, at=after)
        period = tc.price(f"google:{model}").period_at(after)
        assert (period.kind, period.checked) == ("first-party", date(2026, 6, 5))

    @pytest.mark.parametrize("model", ["gemini-3.1-flash-image", "gemini-3-pro-image"])
    def test_preview_on_the_may_capture(self, model: str) -> None:
        preview = tc.price(f"{model}-preview")
        assert preview.id == f"google:{model}-preview"
        period = preview.period_at(date(2026, 5, 8))
        assert (period.kind, period.checked) == ("first-party", date(2026, 5, 8))
        assert "96a8198e" in period.source

    @pytest.mark.parametrize("field", ["input_image_mtok", "output_image_mtok"])
    @pytest.mark.parametrize("variant", ["batch", "flex"])
    def test_pro_image_per_image_prices_are_unpriced(
        self, variant: str, field: str
    ) -> None:
        """Batch and flex print image prices per image only."""
        rates = tc.price("gemini-3-pro-image").current.schedule(variant).rates
        assert getattr(rates, field) is None


#: model, its standard input / cached input / output on the cards
PRIORITY = [
    ("mistral-medium-3-5", "1.5", "0.15", "7.5"),
    ("mistral-medium-latest", "1.5", "0.15", "7.5"),
    ("mistral-large-2512", "0.5", "0.05", "1.5"),
    ("mistral-large-latest", "0.5", "0.05", "1.5"),
    ("mistral-small-2603", "0.15", "0.015", "0.6"),
    ("mistral-small-latest", "0.15", "0.015", "0.6"),
    ("ministral-14b-2512", "0.2", "0.02", "0.2"),
    ("ministral-8b-2512", "0.15", "0.015", "0.15"),
    ("ministral-3b-2512", "0.1", "0.01", "0.1"),
    ("codestral-2508", "0.3", "0.03", "0.9"),
]


class TestMistral:
    @pytest.mark.parametrize(("model", "inp", "cached", "out"), PRIORITY)
    def test_priority_is_75_percent_above_every_price(
        self, model: str, inp: str, cached: str, out: str
    ) -> None:
        period = tc.price(f"mistral:{model}").period_at(date(2026, 8, 11))
        rates = period.schedule("priority").rates
        assert (rates.input_mtok, rates.cache_read_mtok, rates.output_mtok) == (
            Decimal(inp) * Decimal("1.75"),
            Decimal(cached) * Decimal("1.75"),
            Decimal(out) * Decimal("1.75"),
        )
        batch = period.schedule("batch").rates
        assert batch.cache_read_mtok == Decimal(cached) / 2

    @pytest.mark.parametrize(("model", "inp", "cached", "out"), PRIORITY)
    def test_no_priority_before_the_pricing_page(
        self, model: str, inp: str, cached: str, out: str
    ) -> None:
        with pytest.raises(tc.NoPriceError):
            tc.cost(
                f"mistral:{model}",
                input_tokens=1_000,
                variant="priority",
                at="2026-08-10",
            )

    @pytest.mark.parametrize(
        ("model", "day", "inp", "out", "kind"),
        [
            # on Magistral 1.2 until its retirement, as the cards list the names
            ("magistral-medium-latest", "2026-07-30", "2", "5", "first-party"),
            ("magistral-small-latest", "2026-07-30", "0.5", "1.5", "first-party"),
            # after it, LiteLLM's figures (the docs do not say)
            ("magistral-medium-latest", "2026-08-01", "1.5", "7.5", "aggregator"),
            ("magistral-small-latest", "2026-08-01", "0.15", "0.6", "aggregator"),
        ],
    )
    def test_magistral_latest(
        self, model: str, day: str, inp: str, out: str, kind: str
    ) -> None:
        period = tc.price(f"mistral:{model}").period_at(date.fromisoformat(day))
        rates = period.schedule().rates
        assert (rates.input_mtok, rates.output_mtok, period.kind) == (
            Decimal(inp),
            Decimal(out),
            kind,
        )

    @pytest.mark.parametrize(
        ("model", "last_day", "inp"),
        [
            ("pixtral-large-2411", "2026-05-30", "2"),
            ("pixtral-large-latest", "2026-05-30", "2"),
            ("pixtral-12b-2409", "2025-12-30", "0.15"),
            ("ministral-8b-2410", "2025-12-30", "0.1"),
            ("ministral-3b-2410", "2025-12-30", "0.04"),
            ("mistral-saba-latest", "2025-09-29", "0.2"),
            ("mistral-medium-2312", "2025-06-15", "2.7"),
            ("open-mistral-7b", "2025-03-29", "0.25"),
            ("open-mixtral-8x7b", "2025-03-29", "0.7"),
            ("open-mixtral-8x22b", "2025-03-29", "2"),
        ],
    )
    def test_retired_on_the_cards_date(
        self, model: str, last_day: str, inp: str
    ) -> None:
        day = date.fromisoformat(last_day)
        total = tc.cost(f"mistral:{model}", input_tokens=1_000_000, at=day).total
        assert total == tc.Money(Decimal(inp), "USD")
        with pytest.raises(tc.NoPriceError):
            tc.cost(
                f"mistral:{model}",
                input_tokens=1_000_000,
                at=date.fromordinal(day.toordinal() + 1),
            )
