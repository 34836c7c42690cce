"""Bridges between two bills: hand-worked tables and exact sums."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_DOWN, Context, Decimal, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost._errors import (
    CurrencyMismatchError,
    DataLookupError,
    InvalidInputError,
    MissingRateError,
    NoUsageError,
)
from tokencost.economics.bridge import bridge, bridge_periods
from tokencost.economics.bridge_result import EFFECTS, Bridge
from tokencost.economics.periods import parse_period

SHEETS = Path(__file__).parent.parent / "fixtures"
M = 1_000_000


@pytest.fixture(scope="module")
def shop() -> tc.Catalog:
    """Hand-checkable prices: shop:cheap doubles on 2026-11-01."""
    return tc.load_catalog(
        SHEETS / "bridge" / "shop.toml", SHEETS / "yuan.toml", bundled=False
    )


def record(
    model: str, day: str, i: int = 0, o: int = 0, **extra: Any
) -> dict[str, Any]:
    return {
        "model": model,
        "timestamp": day,
        "input_tokens": i,
        "output_tokens": o,
        **extra,
    }


def effects(result: Bridge) -> dict[str, Decimal]:
    return {name: getattr(result.effects, name) for name in EFFECTS}


def table(**figures: str) -> dict[str, Decimal]:
    return {name: Decimal(figures.get(name, "0")) for name in EFFECTS}


class TestHandWorked:
    def test_a_price_change_alone(self, shop: tc.Catalog) -> None:
        """The same usage after a price doubling: only a price effect."""
        oct = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        nov = tc.bill([record("cheap", "2026-11-05", M, M)], catalog=shop)
        for method in ("shapley", "price-first", "volume-first"):
            result = bridge(oct, nov, method=method)  # type: ignore[arg-type]
            assert (result.before, result.after) == (Decimal(5), Decimal(10))
            assert effects(result) == table(price="5")

    def test_usage_doubled_at_constant_prices(self, shop: tc.Catalog) -> None:
        """Twice the requests, same prices: only a volume effect."""
        one = record("dear", "2026-10-05", M, M)
        oct = tc.bill([one], catalog=shop)
        nov = tc.bill([{**one, "timestamp": "2026-11-05"}] * 2, catalog=shop)
        for unit in ("tokens", "requests", "blended"):
            result = bridge(oct, nov, unit=unit)  # type: ignore[arg-type]
            assert effects(result) == table(volume="50")

    def test_volume_moved_between_two_models(self, shop: tc.Catalog) -> None:
        """8M tokens both months, 2M moved from mid to dear: only mix, +40."""
        oct = tc.bill(
            [
                record("dear", "2026-10-05", M, M),
                record("mid", "2026-10-05", 3 * M, 3 * M),
            ],
            catalog=shop,
        )
        nov = tc.bill(
            [
                record("dear", "2026-11-05", 2 * M, 2 * M),
                record("mid", "2026-11-05", 2 * M, 2 * M),
            ],
            catalog=shop,
        )
        result = bridge(oct, nov)
        assert effects(result) == table(mix="40")
        by_model = {g.key: effects_of(g) for g in result.groups}
        assert by_model == {
            ("shop:dear",): table(mix="50"),
            ("shop:mid",): table(mix="-10"),
        }

    def test_a_model_added(self, shop: tc.Catalog) -> None:
        """A model billed only after is new, not mix."""
        oct = tc.bill([record("mid", "2026-10-05", M, M)], catalog=shop)
        nov = tc.bill(
            [record("mid", "2026-11-05", M, M), record("fresh", "2026-11-05", M, M)],
            catalog=shop,
        )
        result = bridge(oct, nov)
        assert effects(result) == table(new="25")
        assert [(g.key, g.effects.new) for g in result.groups] == [
            (("shop:fresh",), Decimal(25)),
            (("shop:mid",), Decimal(0)),
        ]

    def test_a_model_dropped(self, shop: tc.Catalog) -> None:
        """A model billed only before is dropped, as a negative amount."""
        oct = tc.bill(
            [record("mid", "2026-10-05", M, M), record("fresh", "2026-10-05", M, M)],
            catalog=shop,
        )
        nov = tc.bill([record("mid", "2026-11-05", M, M)], catalog=shop)
        assert effects(bridge(oct, nov)) == table(dropped="-25")

    def test_all_three_by_hand(self, shop: tc.Catalog) -> None:
        """cheap: 1M in + 1M out at 1 and 4, then 3M in + 1M out at 2 and 8.

        Volume 2M -> 4M tokens, input share 1/2 -> 3/4, prices doubled. Per
        cell, with V in millions and p per million, Shapley gives
        dp [(V0 m0 + V1 m1)/3 + (V0 m1 + V1 m0)/6]: input 1 x (4/3 + 7/12),
        output 4 x (2/3 + 5/12): price 23/12 + 13/3 = 6.25. Volume and mix
        likewise: 6.25 and -3.5; the change is 14 - 5 = 9.
        """
        oct = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        nov = tc.bill([record("cheap", "2026-11-05", 3 * M, M)], catalog=shop)
        assert effects(bridge(oct, nov)) == table(
            price="6.25", volume="6.25", mix="-3.5"
        )
        # price-first: old usage at new prices (+5), then volume at new
        # prices and old mix (2M more at 5 per M: +10), then mix (-6).
        assert effects(bridge(oct, nov, method="price-first")) == table(
            price="5", volume="10", mix="-6"
        )
        # volume-first: +5 at old prices, mix at old prices (2M from output
        # at 4 to input at 1: -6... of 4M: -3), price on the new usage (+7).
        assert effects(bridge(oct, nov, method="volume-first")) == table(
            price="7", volume="5", mix="-3"
        )

    def test_units_move_effects_between_volume_and_mix(self, shop: tc.Catalog) -> None:
        """Requests twice as long: volume in tokens, mix in requests."""
        oct = tc.bill([record("dear", "2026-10-05", M, M)], catalog=shop)
        nov = tc.bill([record("dear", "2026-11-05", 2 * M, 2 * M)], catalog=shop)
        assert effects(bridge(oct, nov, unit="tokens")) == table(volume="50")
        assert effects(bridge(oct, nov, unit="requests")) == table(mix="50")
        assert bridge(oct, nov, unit="requests").volume_before == 1

    def test_blended_volume(self, shop: tc.Catalog) -> None:
        """Blended volume is (3 x input + output) / 4."""
        oct = tc.bill([record("dear", "2026-10-05", M, 3)], catalog=shop)
        nov = tc.bill([record("dear", "2026-11-05", M, 4)], catalog=shop)
        result = bridge(oct, nov, unit="blended")
        assert (result.volume_before, result.volume_after) == (
            Decimal("750000.75"),
            Decimal(750001),
        )


def effects_of(group: Any) -> dict[str, Decimal]:
    return {name: getattr(group.effects, name) for name in EFFECTS}


class TestCellsAndPrices:
    def test_twelfths_are_rounded_and_still_add_up(self, shop: tc.Catalog) -> None:
        """Shapley effects with no finite decimal: rounded, summing exactly.

        cheap: 1M input at 1, then 3M at 2, beside 1M input of mid at 2.
        V 2M -> 4M, cheap's share 1/2 -> 3/4: its price effect is
        1 x [(1 + 3)/3 + (3/2 + 2)/6] = 23/12.
        """
        oct = tc.bill(
            [record("cheap", "2026-10-05", M, 0), record("mid", "2026-10-05", M, 0)],
            catalog=shop,
        )
        nov = tc.bill(
            [record("cheap", "2026-11-05", 3 * M, 0), record("mid", "2026-11-05", M)],
            catalog=shop,
        )
        result = bridge(oct, nov)
        assert result.change == Decimal(5)
        assert result.effects.price == Decimal("1.916666666666666666666666667")
        assert result.effects.total() == result.change
        for group in result.groups:
            assert group.effects.total() == group.change

    def test_a_rate_the_other_side_did_not_have_is_new(self, shop: tc.Catalog) -> None:
        """Cache reads priced only from November: their cost is new."""
        oct = tc.bill([record("tiered", "2026-10-05", 1000, 0)], catalog=shop)
        nov = tc.bill(
            [record("tiered", "2026-11-05", 1000, 0, cache_read_tokens=500)],
            catalog=shop,
        )
        result = bridge(oct, nov)
        # 500 cache reads at 0.1 per M are new; the request fee doubles.
        assert result.effects.new == Decimal("0.00005")
        assert result.effects.price == Decimal("0.01")
        assert result.effects.total() == result.change

    def test_an_unused_tier_is_priced_from_the_catalog(self, shop: tc.Catalog) -> None:
        """A long-context tier used only after is mix, at the listed rate."""
        oct = tc.bill([record("tiered", "2026-10-05", 1000, 0)], catalog=shop)
        nov = tc.bill(
            [
                record("tiered", "2026-10-06", 1000, 0),
                record("tiered", "2026-10-07", 200_000, 0),
            ],
            catalog=shop,
        )
        result = bridge(oct, nov, unit="requests")
        assert result.effects.price == 0
        assert result.effects.new == 0
        assert result.effects.total() == result.change

    def test_reasoning_priced_apart_is_a_price_change(self, shop: tc.Catalog) -> None:
        """Reasoning billed at output, then at its own rate: only price moves."""
        same = {"reasoning_tokens": M}
        oct = tc.bill(
            [record("thinker", "2026-10-05T12:00Z", M, 2 * M, **same)], catalog=shop
        )
        nov = tc.bill(
            [record("thinker", "2026-11-05T12:00Z", M, 2 * M, **same)], catalog=shop
        )
        # 1M reasoning tokens from 4 to 6 per million: +2.
        assert effects(bridge(oct, nov)) == table(price="2")

    def test_off_peak_hours_are_mix(self, shop: tc.Catalog) -> None:
        """The same tokens moved to off-peak hours: mix, at the listed rates."""
        oct = tc.bill([record("thinker", "2026-10-05T12:00Z", M, M)], catalog=shop)
        nov = tc.bill([record("thinker", "2026-11-05T17:00Z", M, M)], catalog=shop)
        result = bridge(oct, nov, by="window")
        assert effects(result) == table(mix="-2.5")
        assert [g.key for g in result.groups] == [("-",), ("off-peak",)]

    def test_off_peak_hours_that_ended(self, shop: tc.Catalog) -> None:
        """The same evening usage after the off-peak discount ended.

        The requests did not move, but the bill now files them under the
        standard hours: price-first reads all of it as price (the old usage
        at the new prices), Shapley splits it with mix; nothing is dropped.
        """
        oct = tc.bill([record("nightly", "2026-10-05T18:00Z", M, M)], catalog=shop)
        nov = tc.bill([record("nightly", "2026-11-05T18:00Z", M, M)], catalog=shop)
        assert effects(bridge(oct, nov, method="price-first")) == table(price="2.5")
        assert effects(bridge(oct, nov)) == table(price="1.25", mix="1.25")

    def test_by_provider_and_by_a_tag(self, shop: tc.Catalog) -> None:
        """Groups by provider, or by a field both bills carry."""
        rows_oct = [
            record("dear", "2026-10-05", M, M, project="a"),
            record("mid", "2026-10-05", M, M, project="b"),
        ]
        rows_nov = [
            record("dear", "2026-11-05", M, M, project="b"),
            record("mid", "2026-11-05", M, M, project="a"),
        ]
        oct = tc.bill(rows_oct, by="project", catalog=shop)
        nov = tc.bill(rows_nov, by="project", catalog=shop)
        result = bridge(oct, nov, by="project")
        # The same usage swapped between projects: no change in total, and
        # each project's change is mix.
        assert effects(result) == table()
        assert [(g.key, g.effects.mix) for g in result.groups] == [
            (("a",), Decimal(-40)),
            (("b",), Decimal(40)),
        ]
        assert [g.key for g in bridge(oct, nov, by="provider").groups] == [("shop",)]


class TestContext:
    def test_the_callers_decimal_context_changes_nothing(
        self, shop: tc.Catalog
    ) -> None:
        """A 3-digit, round-down context leaves every figure alone."""
        oct = tc.bill(
            [record("cheap", "2026-10-05", M, 0), record("mid", "2026-10-05", M, 0)],
            catalog=shop,
        )
        nov = tc.bill(
            [record("cheap", "2026-11-05", 3 * M, 0), record("mid", "2026-11-05", M)],
            catalog=shop,
        )
        expected = bridge(oct, nov).to_dict()
        with localcontext(Context(prec=3, rounding=ROUND_DOWN)):
            assert bridge(oct, nov).to_dict() == expected


class TestPeriods:
    def test_months_of_one_bill(self, shop: tc.Catalog) -> None:
        """Two months of one bill grouped by month; other months left out."""
        rows = [
            record("cheap", "2026-09-05", 7 * M, 0),
            record("cheap", "2026-10-05", M, M),
            record("cheap", "2026-11-05", M, M),
        ]
        result = bridge_periods(
            tc.bill(rows, by="month", catalog=shop), "2026-10", "2026-11"
        )
        assert effects(result) == table(price="5")
        assert result.labels == ("2026-10", "2026-11")
        assert result.table()[0][1] == "2026-10"

    def test_spans_of_days(self, shop: tc.Catalog) -> None:
        """Spans of days need a bill grouped by day."""
        rows = [
            record("cheap", "2026-10-05", M, M),
            record("cheap", "2026-11-20", M, M),
        ]
        by_day = tc.bill(rows, by="day,model", catalog=shop)
        result = bridge_periods(
            by_day, "2026-10-01..2026-10-15", "2026-11-16..2026-11-30"
        )
        assert effects(result) == table(price="5")
        by_month = tc.bill(rows, by="month", catalog=shop)
        with pytest.raises(InvalidInputError, match="cuts inside the month 2026-10"):
            bridge_periods(by_month, "2026-10-01..2026-10-15", "2026-11")

    @pytest.mark.parametrize(
        ("before", "after", "match"),
        [
            ("2026-13", "2026-11", "cannot read period '2026-13'"),
            ("2026-10", "2026-10-05", "overlap"),
            ("2026-11-05..2026-11-01", "2026-10", "ends before it starts"),
        ],
    )
    def test_bad_periods(
        self, shop: tc.Catalog, before: str, after: str, match: str
    ) -> None:
        """Unreadable or overlapping periods are one clear error."""
        by_day = tc.bill([record("cheap", "2026-10-05", M, M)], by="day", catalog=shop)
        with pytest.raises(InvalidInputError, match=match):
            bridge_periods(by_day, before, after)

    @pytest.mark.parametrize(
        ("text", "first", "last"),
        [
            ("9999-12", date(9999, 12, 1), date(9999, 12, 31)),
            ("9999-11..9999-12", date(9999, 11, 1), date(9999, 12, 31)),
            ("0001-01", date(1, 1, 1), date(1, 1, 31)),
            ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ],
    )
    def test_the_months_at_the_ends_of_the_calendar(
        self, text: str, first: date, last: date
    ) -> None:
        """December 9999 ends on the 31st, like any December."""
        assert parse_period(text) == (first, last)

    def test_a_bill_in_december_9999(self, shop: tc.Catalog) -> None:
        """A bill grouped by month that reaches 9999-12 bridges, exactly."""
        rows = [
            record("cheap", "9999-11-05", M, M),
            record("cheap", "9999-12-31", 2 * M, 2 * M),
        ]
        by_month = tc.bill(rows, by="month", catalog=shop)
        result = bridge_periods(by_month, "9999-11", "9999-12")
        assert effects(result) == table(volume="10")

    def test_a_period_with_no_usage(self, shop: tc.Catalog) -> None:
        """A period the bill has no usage in: an error, not a zero."""
        by_month = tc.bill(
            [record("cheap", "2026-10-05", M, M)], by="month", catalog=shop
        )
        with pytest.raises(NoUsageError, match="2026-09 has no usage"):
            bridge_periods(by_month, "2026-09", "2026-10")
        assert issubclass(NoUsageError, DataLookupError)

    def test_needs_a_time_grouping(self, shop: tc.Catalog) -> None:
        """A bill not grouped by day or month cannot be cut into periods."""
        plain = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        with pytest.raises(InvalidInputError, match="grouped by day or month"):
            bridge_periods(plain, "2026-09", "2026-10")


class TestBadInput:
    def test_empty_bill(self, shop: tc.Catalog) -> None:
        """An empty bill on either side is an error."""
        full = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        with pytest.raises(NoUsageError, match="before has no usage"):
            bridge(tc.bill([], catalog=shop), full)
        with pytest.raises(NoUsageError, match="after has no usage"):
            bridge(full, tc.bill([], catalog=shop))

    def test_two_currencies(self, shop: tc.Catalog) -> None:
        """USD against CNY without a rate: an error naming both."""
        usd = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        cny = tc.bill([record("yuan-1", "2026-11-05", M, M)], catalog=shop)
        with pytest.raises(CurrencyMismatchError, match="USD but after is in CNY"):
            bridge(usd, cny)

    def test_two_currencies_converted_at_a_stated_rate(self, shop: tc.Catalog) -> None:
        """USD before, CNY after, bridged in USD at 7.10 yuan a dollar."""
        usd = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        cny = tc.bill([record("yuan-1", "2026-11-05", M, M)], catalog=shop)
        result = bridge(usd, cny, currency="USD", fx={"CNY": "7.10"})
        # yuan-1: 8 + 28 = 36 CNY, new; cheap: 5 USD, dropped.
        assert result.currency == "USD"
        # Each line is converted (to 120 digits), then the lines are added.
        exact = Fraction(36) / Fraction("7.10")
        assert abs(Fraction(result.after) - exact) < Fraction(1, 10**110)
        assert effects(result) == table(new=str(result.after), dropped="-5")
        assert result.effects.total() == result.change

    def test_conversion_keeps_a_single_currency_bridge(self, shop: tc.Catalog) -> None:
        """Both in CNY, shown in USD: the same split, scaled by the rate."""
        oct = tc.bill([record("yuan-1", "2026-10-05", M, M)], catalog=shop)
        nov = tc.bill([record("yuan-1", "2026-11-05", 2 * M, 2 * M)], catalog=shop)
        in_cny = bridge(oct, nov)
        in_usd = bridge(oct, nov, currency="USD", fx={"CNY": "8"})
        assert in_cny.effects.volume == 36
        assert in_usd.effects.volume == Decimal("4.5")
        assert in_usd.effects.total() == in_usd.change

    def test_a_rate_missing_from_the_table(self, shop: tc.Catalog) -> None:
        """No rate for CNY in the table given: an error naming it."""
        usd = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        cny = tc.bill([record("yuan-1", "2026-11-05", M, M)], catalog=shop)
        with pytest.raises(MissingRateError, match="no exchange rate for CNY"):
            bridge(usd, cny, currency="USD", fx={"EUR": "0.9"})
        with pytest.raises(InvalidInputError, match="without a currency"):
            bridge(usd, cny, fx={"CNY": "7.10"})

    def test_one_bill_in_two_currencies(self, shop: tc.Catalog) -> None:
        """A side with two currencies and no currency named: an error."""
        both = tc.bill(
            [record("cheap", "2026-10-05", M, M), record("yuan-1", "2026-10-05", M, M)],
            catalog=shop,
        )
        with pytest.raises(MissingRateError, match="before has amounts in CNY, USD"):
            bridge(both, both)
        converted = bridge(both, both, currency="CNY", fx={"CNY": "7"})
        assert effects(converted) == table()
        assert converted.before == 36 + 35

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"method": "lmdi"}, "unknown bridge method 'lmdi'"),
            ({"unit": "words"}, "unknown volume unit 'words'"),
            ({"by": "month"}, "cannot bridge by 'month'"),
            ({"by": "project"}, "bill it by 'project' too"),
            ({"by": ""}, "at least one field"),
        ],
    )
    def test_bad_options(
        self, shop: tc.Catalog, kwargs: Mapping[str, Any], match: str
    ) -> None:
        """Each bad option is one error naming it."""
        one = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        with pytest.raises(InvalidInputError, match=match):
            bridge(one, one, **kwargs)

    def test_no_token_volume(self, shop: tc.Catalog) -> None:
        """Requests with no tokens have no volume in tokens: say so."""
        oct = tc.bill([record("tiered", "2026-10-05")], catalog=shop)
        nov = tc.bill([record("tiered", "2026-11-05")], catalog=shop)
        with pytest.raises(NoUsageError, match="no volume in tokens"):
            bridge(oct, nov)
        assert bridge(oct, nov, unit="requests").effects.price == Decimal("0.01")


class TestOutput:
    def test_json_shape(self, shop: tc.Catalog) -> None:
        """before, after, change, effects and groups, amounts as strings."""
        oct = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        nov = tc.bill([record("cheap", "2026-11-05", M, M)], catalog=shop)
        data = bridge(oct, nov).to_dict()
        assert {
            k: data[k] for k in ("before", "after", "change", "currency", "method")
        } == {
            "before": "5",
            "after": "10",
            "change": "5",
            "currency": "USD",
            "method": "shapley",
        }
        assert data["effects"] == {
            "price": "5",
            "volume": "0",
            "mix": "0",
            "new": "0",
            "dropped": "0",
        }
        assert data["groups"] == [
            {
                "model": "shop:cheap",
                "before": "5",
                "after": "10",
                "change": "5",
                "effects": data["effects"],
            }
        ]

    def test_table(self, shop: tc.Catalog) -> None:
        """A row per group and a total row, amounts rounded for reading."""
        oct = tc.bill([record("cheap", "2026-10-05", M, M)], catalog=shop)
        nov = tc.bill([record("cheap", "2026-11-05", M, M)], catalog=shop)
        headers, rows = bridge(oct, nov).table()
        assert headers == ["model", "before", *EFFECTS, "after"]
        assert rows == [
            ["shop:cheap", "5.00", "5.00", "0.00", "0.00", "0.00", "0.00", "10.00"],
            ["total", "5.00", "5.00", "0.00", "0.00", "0.00", "0.00", "10.00"],
        ]


# -- properties ----------------------------------------------------------------

MODELS = ["cheap", "dear", "mid", "fresh", "tiered", "thinker"]


@st.composite
def records(draw: st.DrawFn, month: str) -> dict[str, Any]:
    prompt = draw(st.integers(1, 300_000))
    output = draw(st.integers(0, 50_000))
    hour = draw(st.sampled_from(["09", "18"]))
    return record(
        draw(st.sampled_from(MODELS)),
        f"{month}-{draw(st.integers(1, 30)):02d}T{hour}:00:00Z",
        prompt,
        output,
        reasoning_tokens=draw(st.integers(0, output)),
        project=draw(st.sampled_from(["a", "b", "c"])),
        variant=draw(st.sampled_from([None, None, "batch"])),
    )


def _priceable(row: Mapping[str, Any]) -> bool:
    # Only "tiered" has a batch variant, and only before November.
    return row["variant"] != "batch" or (
        row["model"] == "tiered" and row["timestamp"] < "2026-11"
    )


OPTIONS = st.tuples(
    st.sampled_from(
        [
            ("model",),
            ("project",),
            ("provider",),
            ("project", "model"),
            ("variant", "tier"),
        ]
    ),
    st.sampled_from(["shapley", "price-first", "volume-first"]),
    st.sampled_from(["tokens", "requests", "blended"]),
)


class TestProperties:
    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(records("2026-10"), min_size=1, max_size=12),
        st.lists(records("2026-11"), min_size=1, max_size=12),
        OPTIONS,
    )
    def test_effects_add_up_at_every_level(
        self,
        shop: tc.Catalog,
        october: list[dict[str, Any]],
        november: list[dict[str, Any]],
        options: tuple[tuple[str, ...], str, str],
    ) -> None:
        """Each group's effects sum to its change, the groups' to the total."""
        october = [r for r in october if _priceable(r)]
        november = [r for r in november if _priceable(r)]
        assume(october and november)
        by, method, unit = options
        bill = tc.bill(october + november, by=("month", "project"), catalog=shop)
        result = bridge_periods(
            bill,
            "2026-10",
            "2026-11",
            by=by,
            method=method,  # type: ignore[arg-type]
            unit=unit,  # type: ignore[arg-type]
        )
        assert result.effects.total() == result.change
        for group in result.groups:
            assert group.effects.total() == group.change
        for name in EFFECTS:
            # Added exactly: the default context would round at 28 digits.
            with localcontext(prec=200):
                column = sum(
                    (getattr(g.effects, name) for g in result.groups), Decimal(0)
                )
            assert column == getattr(result.effects, name)
        with localcontext(prec=200):
            assert sum((g.before for g in result.groups), Decimal(0)) == result.before
