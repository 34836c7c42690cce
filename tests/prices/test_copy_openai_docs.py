"""OpenAI's list as the copy of its pricing page of 2025-12-19 shows it
(platform.openai.com/docs/pricing, stored by petehsu/LLM-Docs in commit
fe4ebf53): the Text tokens tables, one per tab (Batch, Flex, Standard,
Priority). Each figure is read off the page; the bundled catalog must carry
it. Also the first Realtime snapshot, which kept its launch prices until
its shutdown on 2025-10-10 (OpenAI's deprecations page, same copy)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc

COPY_DAY = date(2025, 12, 19)

#: (model, tab, input, cached input, output); None is the page's "-".
TABLES = [
    ("gpt-5.2", "standard", "1.75", "0.175", "14"),
    ("gpt-5.2", "batch", "0.875", "0.0875", "7"),
    ("gpt-5.2", "flex", "0.875", "0.0875", "7"),
    ("gpt-5.2", "priority", "3.50", "0.35", "28"),
    ("gpt-5.1", "standard", "1.25", "0.125", "10"),
    ("gpt-5.1", "batch", "0.625", "0.0625", "5"),
    ("gpt-5.1", "priority", "2.50", "0.25", "20"),
    ("gpt-5", "batch", "0.625", "0.0625", "5"),
    ("gpt-5", "flex", "0.625", "0.0625", "5"),
    ("gpt-5", "priority", "2.50", "0.25", "20"),
    ("gpt-5-mini", "batch", "0.125", "0.0125", "1"),
    ("gpt-5-mini", "priority", "0.45", "0.045", "3.60"),
    ("gpt-5-nano", "standard", "0.05", "0.005", "0.40"),
    ("gpt-5-nano", "flex", "0.025", "0.0025", "0.20"),
    ("gpt-5.2-pro", "standard", "21", None, "168"),
    ("gpt-5.2-pro", "batch", "10.50", None, "84"),
    ("gpt-5-pro", "standard", "15", None, "120"),
    ("gpt-5-pro", "batch", "7.50", None, "60"),
    ("gpt-4.1", "standard", "2", "0.50", "8"),
    ("gpt-4.1", "batch", "1", None, "4"),
    ("gpt-4.1", "priority", "3.50", "0.875", "14"),
    ("gpt-4.1-mini", "batch", "0.20", None, "0.80"),
    ("gpt-4.1-mini", "priority", "0.70", "0.175", "2.80"),
    ("gpt-4.1-nano", "priority", "0.20", "0.05", "0.80"),
    ("gpt-4o", "standard", "2.50", "1.25", "10"),
    ("gpt-4o", "batch", "1.25", None, "5"),
    ("gpt-4o", "priority", "4.25", "2.125", "17"),
    ("gpt-4o-mini", "standard", "0.15", "0.075", "0.60"),
    ("gpt-4o-mini", "priority", "0.25", "0.125", "1"),
    ("o4-mini", "standard", "1.10", "0.275", "4.40"),
    ("o4-mini", "flex", "0.55", "0.138", "2.20"),
    ("o4-mini", "priority", "2", "0.50", "8"),
]


@pytest.mark.parametrize(("model", "tab", "inp", "cached", "out"), TABLES)
def test_text_tokens_tables(
    model: str, tab: str, inp: str, cached: str | None, out: str
) -> None:
    period = tc.price(f"openai:{model}").period_at(COPY_DAY)
    rates = period.schedule(None if tab == "standard" else tab).rates
    assert rates.input_mtok == Decimal(inp)
    assert rates.output_mtok == Decimal(out)
    assert rates.cache_read_mtok == (None if cached is None else Decimal(cached))


@pytest.mark.parametrize("model", ["gpt-4.1", "gpt-4o", "o4-mini", "gpt-4.1-mini"])
def test_batch_has_no_cached_input_price(model: str) -> None:
    """The page prints '-' for cached input on the Batch tab: a batch request
    with cache reads is refused, not priced at the standard cached rate."""
    with pytest.raises(tc.NoPriceError):
        tc.cost(
            f"openai:{model}",
            input_tokens=1_000,
            cache_read_tokens=500,
            variant="batch",
            at=COPY_DAY,
        )
    plain = tc.cost(
        f"openai:{model}", input_tokens=1_000_000, variant="batch", at=COPY_DAY
    )
    standard = tc.price(f"openai:{model}").period_at(COPY_DAY).schedule().rates
    assert plain.total == tc.Money(standard.input_mtok / 2, "USD")


@pytest.mark.parametrize("model", ["gpt-5.2", "gpt-5.1", "gpt-4o", "o4-mini"])
def test_provenance(model: str) -> None:
    period = tc.price(f"openai:{model}").period_at(COPY_DAY)
    assert (period.kind, period.checked) == ("first-party", COPY_DAY)
    assert "petehsu/LLM-Docs" in period.source
    assert "fe4ebf53" in period.source


class TestRealtimeFirstSnapshot:
    """gpt-4o-realtime-preview-2024-10-01 kept its launch audio prices, $100
    in and $200 out; the 60% cut of 2024-12-17 came with a new snapshot."""

    @pytest.mark.parametrize(
        ("field", "figure"),
        [
            ("input_mtok", "5"),
            ("cache_read_mtok", "2.50"),
            ("output_mtok", "20"),
            ("input_audio_mtok", "100"),
            ("cache_read_audio_mtok", "20"),
            ("output_audio_mtok", "200"),
        ],
    )
    def test_rates(self, field: str, figure: str) -> None:
        price = tc.price("gpt-4o-realtime-preview-2024-10-01")
        assert price.id == "openai:gpt-4o-realtime-preview-2024-10-01"
        rates = price.period_at(date(2025, 6, 1)).schedule().rates
        assert getattr(rates, field) == Decimal(figure)

    def test_later_snapshot_is_cheaper(self) -> None:
        later = tc.price("gpt-4o-realtime-preview-2024-12-17").period_at(COPY_DAY)
        assert later.schedule().rates.input_audio_mtok == Decimal(40)
        assert later.schedule().rates.output_audio_mtok == Decimal(80)

    def test_shut_down_on_2025_10_10(self) -> None:
        model = "gpt-4o-realtime-preview-2024-10-01"
        assert tc.price(model).period_at(date(2025, 10, 9)) is not None
        with pytest.raises(tc.NoPriceError):
            tc.cost(model, input_tokens=1_000, at=date(2025, 10, 10))

    def test_secondary_until_a_dated_copy_is_found(self) -> None:
        period = tc.price("gpt-4o-realtime-preview-2024-10-01").period_at(
            date(2025, 6, 1)
        )
        assert period.kind == "secondary"
        assert period.checked is None
