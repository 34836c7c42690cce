"""Anthropic's lineup as the copy of its docs pricing page of 2025-12-19
shows it (platform.claude.com/docs/en/about-claude/pricing, stored by
petehsu/LLM-Docs in commit fe4ebf53), and the retirements its
model-deprecations page of the same copy records. Each figure is read off
the page; the bundled catalog must carry it, component by component."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc

COPY_DAY = date(2025, 12, 19)

#: model: input, 5-minute write, 1-hour write, cache hit, output (the page's
#: model table); batch input and output are half (the page's batch table).
ON_THE_COPY = {
    "claude-opus-4-5": ("5", "6.25", "10", "0.50", "25"),
    "claude-opus-4-1": ("15", "18.75", "30", "1.50", "75"),
    "claude-opus-4-0": ("15", "18.75", "30", "1.50", "75"),
    "claude-sonnet-4-5": ("3", "3.75", "6", "0.30", "15"),
    "claude-sonnet-4-0": ("3", "3.75", "6", "0.30", "15"),
    "claude-3-7-sonnet": ("3", "3.75", "6", "0.30", "15"),
    "claude-haiku-4-5": ("1", "1.25", "2", "0.10", "5"),
    "claude-3-5-haiku": ("0.80", "1", "1.6", "0.08", "4"),
    "claude-3-opus": ("15", "18.75", "30", "1.50", "75"),
    "claude-3-haiku": ("0.25", "0.30", "0.50", "0.03", "1.25"),
}
FIELDS = (
    "input_mtok",
    "cache_write_mtok",
    "cache_write_1h_mtok",
    "cache_read_mtok",
    "output_mtok",
)
ROWS = [
    (model, field, Decimal(figure))
    for model, figures in ON_THE_COPY.items()
    for field, figure in zip(FIELDS, figures, strict=True)
]


@pytest.mark.parametrize(("model", "field", "figure"), ROWS)
def test_standard(model: str, field: str, figure: Decimal) -> None:
    rates = tc.price(f"anthropic:{model}").period_at(COPY_DAY).schedule().rates
    assert getattr(rates, field) == figure


@pytest.mark.parametrize(("model", "field", "figure"), ROWS)
def test_batch_is_half_of_every_component(
    model: str, field: str, figure: Decimal
) -> None:
    """'All usage is charged at 50% of the standard API prices', and the
    caching and batch discounts stack (the docs' batch page)."""
    period = tc.price(f"anthropic:{model}").period_at(COPY_DAY)
    assert getattr(period.schedule("batch").rates, field) == figure / 2


@pytest.mark.parametrize(
    ("model", "batch_input", "batch_output"),
    [
        ("claude-opus-4-1", "7.50", "37.50"),
        ("claude-sonnet-4-0", "1.50", "7.50"),
        ("claude-3-7-sonnet", "1.50", "7.50"),
        ("claude-3-5-haiku", "0.40", "2"),
        ("claude-3-haiku", "0.125", "0.625"),
    ],
)
def test_batch_table(model: str, batch_input: str, batch_output: str) -> None:
    rates = tc.price(f"anthropic:{model}").period_at(COPY_DAY).schedule("batch").rates
    assert (rates.input_mtok, rates.output_mtok) == (
        Decimal(batch_input),
        Decimal(batch_output),
    )


@pytest.mark.parametrize(
    ("model", "variant", "field", "figure"),
    [
        # over 200K input tokens: 6 / 22.50, the caching multipliers on top
        ("claude-sonnet-4-0", None, "input_mtok", "6"),
        ("claude-sonnet-4-0", None, "cache_write_mtok", "7.50"),
        ("claude-sonnet-4-0", None, "cache_write_1h_mtok", "12"),
        ("claude-sonnet-4-0", None, "cache_read_mtok", "0.60"),
        ("claude-sonnet-4-0", None, "output_mtok", "22.50"),
        ("claude-sonnet-4-0", "batch", "input_mtok", "3"),
        ("claude-sonnet-4-0", "batch", "cache_write_1h_mtok", "6"),
        ("claude-sonnet-4-0", "batch", "output_mtok", "11.25"),
        ("claude-sonnet-4-5", None, "input_mtok", "6"),
        ("claude-sonnet-4-5", None, "cache_write_1h_mtok", "12"),
        ("claude-sonnet-4-5", None, "output_mtok", "22.50"),
        ("claude-sonnet-4-5", "batch", "output_mtok", "11.25"),
    ],
)
def test_long_context(model: str, variant: str | None, field: str, figure: str) -> None:
    schedule = tc.price(f"anthropic:{model}").period_at(COPY_DAY).schedule(variant)
    assert getattr(schedule.rates_for(199_999), field) != Decimal(figure)
    assert getattr(schedule.rates_for(200_001), field) == Decimal(figure)


@pytest.mark.parametrize(
    "model",
    [
        "claude-opus-4-1",
        "claude-opus-4-0",
        "claude-sonnet-4-0",
        "claude-3-7-sonnet",
        "claude-3-5-haiku",
        "claude-3-opus",
        "claude-3-haiku",
    ],
)
def test_provenance(model: str) -> None:
    period = tc.price(f"anthropic:{model}").period_at(COPY_DAY)
    assert (period.kind, period.checked) == ("first-party", COPY_DAY)
    assert "petehsu/LLM-Docs" in period.source
    assert "fe4ebf53" in period.source


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("claude-opus-4-1-20250805", "claude-opus-4-1"),
        ("claude-sonnet-4-20250514", "claude-sonnet-4-0"),
        ("claude-3-7-sonnet-20250219", "claude-3-7-sonnet"),
        ("claude-3-7-sonnet-latest", "claude-3-7-sonnet"),
        ("claude-3-5-haiku-20241022", "claude-3-5-haiku"),
        ("claude-3-opus-20240229", "claude-3-opus"),
        ("claude-3-haiku-20240307", "claude-3-haiku"),
    ],
)
def test_api_names(name: str, model: str) -> None:
    assert tc.price(name).id == f"anthropic:{model}"


@pytest.mark.parametrize(
    ("model", "last_day"),
    [
        # 'These models were retired October 28, 2025' / 'July 21, 2025'
        ("claude-3-5-sonnet-20241022", date(2025, 10, 27)),
        ("claude-3-sonnet-20240229", date(2025, 7, 20)),
    ],
)
def test_retired(model: str, last_day: date) -> None:
    assert tc.cost(model, input_tokens=1_000_000, at=last_day).total == tc.Money(
        Decimal(3), "USD"
    )
    later = date.fromordinal(last_day.toordinal() + 1)
    with pytest.raises(tc.NoPriceError):
        tc.cost(model, input_tokens=1_000_000, at=later)
