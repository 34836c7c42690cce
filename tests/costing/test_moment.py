"""Without `at`, every way of pricing takes the current moment, windows too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

import tokencost as tc

MODEL = "deepseek:deepseek-flash"  # a peak window on weekday mornings, UTC
USAGE = tc.Usage(100_000, 2_000)


@pytest.fixture
def clock() -> Iterator[list[datetime]]:
    now = [datetime(2026, 11, 18, 3, 0, tzinfo=UTC)]
    tc.set_clock(lambda: now[0])
    yield now
    tc.set_clock(None)


@pytest.mark.parametrize(
    ("moment", "window", "total"),
    [
        (datetime(2026, 11, 18, 3, 0, tzinfo=UTC), "peak", Decimal("0.0324")),
        (datetime(2026, 11, 18, 15, 0, tzinfo=UTC), None, Decimal("0.0162")),
    ],
)
def test_every_aggregate_takes_the_moment(
    clock: list[datetime], moment: datetime, window: str | None, total: Decimal
) -> None:
    """cost, workload_cost, cost_many and compare agree at peak and off-peak."""
    clock[0] = moment
    single = tc.cost(MODEL, USAGE)
    assert (single.window, single.total.amount) == (window, total)
    assert tc.workload_cost(MODEL, USAGE).total.amount == total
    assert tc.cost_many(MODEL, [USAGE]).total.amount == total
    assert tc.compare([MODEL], USAGE).rows[0].cost.total.amount == total


def test_a_bare_day_applies_no_window(clock: list[datetime]) -> None:
    """A day without a time prices at the day's standard rates, as documented."""
    assert tc.workload_cost(MODEL, USAGE, at="2026-11-18").total.amount == Decimal(
        "0.0162"
    )


def test_the_clock_moving_between_calls(clock: list[datetime]) -> None:
    """Each call takes its own moment: the plan a day's first call leaves
    behind never carries its window, nor its day, into the next call."""
    seen = []
    for moment in [
        datetime(2026, 11, 18, 3, 0, tzinfo=UTC),  # peak
        datetime(2026, 11, 18, 15, 0, tzinfo=UTC),  # off-peak, same day
        datetime(2026, 11, 18, 3, 30, tzinfo=UTC),  # peak again
        datetime(2026, 11, 19, 15, 0, tzinfo=UTC),  # the next day, off-peak
    ]:
        clock[0] = moment
        c = tc.cost(MODEL, USAGE)
        seen.append((c.at.isoformat(), c.window, c.total.amount))
    assert seen == [
        ("2026-11-18", "peak", Decimal("0.0324")),
        ("2026-11-18", None, Decimal("0.0162")),
        ("2026-11-18", "peak", Decimal("0.0324")),
        ("2026-11-19", None, Decimal("0.0162")),
    ]
