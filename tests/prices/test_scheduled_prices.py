"""A price announced for a later day: `ModelPrice.current` is the period in
force today, `upcoming` lists the later ones, and `sources` compares the
sources on the day they were read and shows the announced price apart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

import tokencost as tc
from tokencost._parsing import set_clock
from tokencost.prices.moments import utc_moment

# genai-prices lists Gemini 3.8 Flash at 0.75 / 3.75 until the end of 2026,
# then 1.50 / 7.50 from 2027-01-01; LiteLLM lists only the first.
MODEL = "google:gemini-3.8-flash"


@pytest.fixture
def clock() -> Iterator[list[datetime]]:
    moment = [datetime(2026, 12, 31, 23, 59, tzinfo=UTC)]
    set_clock(lambda: moment[0])
    try:
        yield moment
    finally:
        set_clock(None)


class TestCurrent:
    def test_before_the_change(self, clock: list[datetime]) -> None:
        price = tc.price(MODEL)
        assert price.current.standard.rates.input_mtok == Decimal("0.75")
        assert price.current.standard.rates.output_mtok == Decimal("3.75")
        assert [p.start for p in price.upcoming] == [datetime(2027, 1, 1, tzinfo=UTC)]

    def test_from_the_change(self, clock: list[datetime]) -> None:
        clock[0] = datetime(2027, 1, 1, tzinfo=UTC)
        price = tc.price(MODEL)
        assert price.current.standard.rates.input_mtok == Decimal("1.5")
        assert price.current.standard.rates.output_mtok == Decimal("7.5")
        assert price.upcoming == ()

    def test_current_is_what_cost_charges(self, clock: list[datetime]) -> None:
        for moment in (
            datetime(2026, 12, 31, tzinfo=UTC),
            datetime(2027, 1, 2, tzinfo=UTC),
        ):
            clock[0] = moment
            price = tc.price(MODEL)
            charged = tc.cost(MODEL, input_tokens=1_000_000).total.amount
            assert charged == price.current.standard.rates.input_mtok

    @pytest.mark.parametrize(
        ("day", "start"),
        [
            (date(2020, 1, 1), date(2026, 4, 23)),  # before the first: the first
            (date(2026, 4, 23), date(2026, 4, 23)),
            (date(2030, 1, 1), date(2026, 4, 23)),
        ],
    )
    def test_current_on(self, day: date, start: date) -> None:
        assert tc.price("openai:gpt-5.5").current_on(day).start == utc_moment(start)

    def test_a_retired_model_keeps_its_last_period(self) -> None:
        price = tc.price("google:gemini-2.0-flash")
        last = price.periods[-1]
        assert last.end == datetime(2026, 6, 1, tzinfo=UTC)
        assert price.current_on(date(2026, 12, 1)) is last


class TestSources:
    def test_compared_on_the_build_day(self, clock: list[datetime]) -> None:
        found = tc.sources(MODEL)
        assert found.compared_on == date(2026, 11, 29)
        assert found.catalog.input_mtok == Decimal("0.75")
        assert found.disputed == ()
        assert set(found.agree) == {"genai-prices", "litellm"}
        assert [dict(r.figures)["input_mtok"] for r in found.rows] == [
            Decimal("0.75"),
            Decimal("0.75"),
        ]

    def test_the_announced_price_on_a_row_of_its_own(
        self, clock: list[datetime]
    ) -> None:
        found = tc.sources(MODEL)
        [later] = found.scheduled
        assert later.source == "catalog from 2027-01-01"
        assert later.since == datetime(2027, 1, 1, tzinfo=UTC)
        assert dict(later.figures)["output_mtok"] == Decimal("7.5")
        _, rows = found.table()
        assert rows[0][0] == "catalog before 2027-01-01"
        assert rows[-1][0] == "catalog from 2027-01-01"
        # Not marked as a disagreement: it is a later price, not another
        # source's figure for the same day.
        assert "*" not in " ".join(rows[-1])
        data = found.to_dict()
        assert str(data["compared_on"]) == "2026-11-29"
        assert data["scheduled"][0]["from"] == "2027-01-01"

    def test_no_announced_price(self) -> None:
        found = tc.sources("zai:glm-5.2")
        assert found.scheduled == ()
        assert found.table()[1][0][0] == "catalog"


class TestStats:
    """`models --stats` counts each model by its price in force on the day
    asked for, not by a price announced for later."""

    def test_counted_by_the_day_asked_for(self) -> None:
        from tokencost.prices.stats import catalog_stats

        def google(day: date) -> Any:
            stats = catalog_stats(as_of=day)
            return next(p for p in stats.by_provider if p.provider == "google")

        # Gemini 3.6 Flash's price until 2027 is disputed (a secondary figure
        # and llm-prices give its 2027 price); its 2027 period was compared
        # with nothing, and genai-prices dates it 2026-08-13.
        before, after = google(date(2026, 12, 15)), google(date(2027, 2, 1))
        assert (before.disputed, after.disputed) == (1, 0)
        assert after.newest_check == date(2026, 8, 13)
        assert before.newest_check == date(2026, 7, 24)
