"""The flat price table: one row per model, variant, window span, period and
tier, with exact per-token rates."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

import tokencost as tc
from tests.engines.conftest import need
from tokencost.prices.table import (
    PRICE_COLUMNS,
    RATE_COLUMNS,
    SCHEMA_VERSION,
    WEEK_MINUTES,
    name_rows,
    per_token,
    price_rows,
)


class TestRows:
    @pytest.mark.parametrize("prompt", [0, 99_999, 100_000, 200_000, 200_001, 10**9])
    def test_every_record_matches_one_row(self, lab: tc.Catalog, prompt: int) -> None:
        """Per period and variant, the rows whose tier bounds hold a prompt
        size tile the week, -1 (no time of day) included, exactly once."""
        rows = price_rows([lab.get("lab-1"), lab.get("deepseek-chat")])
        keys = {(r.model_id, r.period_start, r.variant) for r in rows}
        for key in keys:
            spans = sorted(
                (r.week_minute_from, r.week_minute_to)
                for r in rows
                if (r.model_id, r.period_start, r.variant) == key
                and r.tier_min_input_tokens <= prompt
                and (
                    r.tier_max_input_tokens is None or prompt < r.tier_max_input_tokens
                )
            )
            assert spans[0][0] == -1, key
            assert spans[-1][1] == WEEK_MINUTES, key
            for (_, end), (start, _) in itertools.pairwise(spans):
                assert end == start, key

    @pytest.mark.parametrize(
        ("moment", "window"),
        [
            ("2026-07-06T16:29:00", None),  # Monday, before off-peak
            ("2026-07-06T16:30:00", "off-peak"),
            ("2026-07-06T23:00:00", "off-peak"),  # both windows: the first wins
            ("2026-07-07T00:29:00", "off-peak"),  # Tuesday, the wrap
            ("2026-07-07T00:30:00", "night"),
            ("2026-07-04T23:00:00", "night"),  # Saturday: no off-peak
            ("2026-07-05T05:59:00", "night"),
            ("2026-07-05T06:00:00", None),
        ],
    )
    def test_the_span_holding_a_moment_is_the_window_python_picks(
        self, lab: tc.Catalog, moment: str, window: str | None
    ) -> None:
        """The row whose span holds the UTC minute of the week is the window
        `PricePeriod.window_at` finds (None: the standard prices)."""
        price = lab.get("lab-1")
        at = datetime.fromisoformat(moment)
        found = price.periods[1].window_at(at)
        assert (found.name if found else None) == window
        minute = at.weekday() * 1440 + at.hour * 60 + at.minute
        rows = [
            r
            for r in price_rows([price])
            if r.period_start == datetime(2026, 6, 1, tzinfo=UTC)
            and r.variant == "standard"
            and r.tier == 0
            and r.week_minute_from <= minute < r.week_minute_to
        ]
        assert [r.time_window for r in rows] == [window]

    def test_tiers_are_bounds(self, lab: tc.Catalog) -> None:
        """The base row ends where the tier starts; the top tier is open."""
        rows = [
            r
            for r in price_rows([lab.get("lab-1")])
            if r.period_start == datetime(2026, 1, 1, tzinfo=UTC)
            and r.variant == "standard"
        ]
        assert [
            (r.tier, r.tier_min_input_tokens, r.tier_max_input_tokens) for r in rows
        ] == [
            (0, 0, 200_001),
            (1, 200_001, None),
        ]

    def test_periods_end_where_the_next_starts(self, lab: tc.Catalog) -> None:
        """Each row carries its period's first moment and the next one's."""
        rows = price_rows([lab.get("lab-1")])
        assert {(r.period_start, r.period_end) for r in rows} == {
            (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC)),
            (datetime(2026, 6, 1, tzinfo=UTC), None),
        }

    def test_rates_per_token_are_exact(self, lab: tc.Catalog) -> None:
        """A rate per million, divided by a million exactly, at scale 20."""
        rows = price_rows([lab.get("lab-1")])
        base = rows[0]
        assert base.input_rate == Decimal("0.00000125")
        assert str(base.reasoning_rate) == "0.00001200000000000100"
        assert base.request_rate == Decimal("0.0007")
        assert base.cache_write_1h_rate == Decimal("0.0000025")

    def test_every_bundled_rate_survives(self) -> None:
        """For every bundled model, rate x 1e6 in the table is the sheet's figure."""
        for price in tc.default_catalog().models():
            rows = price_rows([price])
            assert rows, price.id
            period = price.periods[0]
            schedule = period.standard
            row = next(r for r in rows if r.period_start == period.start)
            for column, field in RATE_COLUMNS:
                mtok = getattr(schedule.rates, field)
                value = getattr(row, column)
                if mtok is None:
                    assert value is None
                elif field == "request":
                    assert value == mtok
                else:
                    assert value is not None
                    assert value.scaleb(6) == mtok, (price.id, column)

    @pytest.mark.parametrize(
        ("rate", "message"),
        [
            (Decimal("0.000000000000001"), "at most 14 decimals"),
            (Decimal("1e12"), "6 digits before the point"),
        ],
    )
    def test_a_rate_that_does_not_fit_is_refused(
        self, rate: Decimal, message: str
    ) -> None:
        """Never a rounded rate: too many decimals or digits is an error."""
        with pytest.raises(tc.InvalidPriceSheetError, match=message):
            per_token(rate, per_million=True, model="lab:lab-x")


class TestNames:
    def test_names_resolve_as_the_catalog_does(self, lab: tc.Catalog) -> None:
        """Every name in the table resolves to its model id with `Catalog.get`."""
        pairs = dict(name_rows(lab))
        assert pairs["lab-one"] == "lab:lab-1"
        assert pairs["lab:lab-one"] == "lab:lab-1"
        assert pairs["glm-5.2"] == "zai:glm-5.2"
        for name, model_id in list(pairs.items())[::97]:
            assert lab.get(name).id == model_id


class TestArrow:
    def test_schema_and_version(self) -> None:
        """Columns in order, rates as decimal128(26, 20), the version in the metadata."""
        pa = need("pyarrow")
        table = tc.price_table(["deepseek-chat", "glm-5.2"])
        assert table.column_names == [name for name, _ in PRICE_COLUMNS]
        assert table.schema.field("input_rate").type == pa.decimal128(26, 20)
        assert (
            table.schema.metadata[b"tokencost.price_table.schema_version"]
            == str(SCHEMA_VERSION).encode()
        )
        assert table.num_rows == len(
            price_rows([tc.price("deepseek-chat"), tc.price("glm-5.2")])
        )

    def test_unknown_model(self) -> None:
        """A name the catalog does not know is the usual error."""
        need("pyarrow")
        with pytest.raises(tc.UnknownModelError, match="glm-9"):
            tc.price_table(["glm-9"])


def test_week_minute_of_a_known_day() -> None:
    """Monday 00:00 UTC is minute 0; the week has 10,080 minutes."""
    monday = datetime(2026, 7, 6)
    assert monday.weekday() == 0
    last = monday + timedelta(days=6, hours=23, minutes=59)
    assert last.weekday() * 1440 + last.hour * 60 + last.minute == WEEK_MINUTES - 1
