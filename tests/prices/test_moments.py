"""
Prices that change at a moment of the day: a period's ``from`` and ``until``
may be a UTC date-time (DeepSeek's list of 2025-09-05 took effect at 16:00
UTC), and every lookup by moment honours it, while a bare day on which the
prices change is refused rather than priced at one side of the change.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

import tokencost as tc
from tokencost.prices.sheets import parse_sheet

_MTOK = {"input_tokens": 1_000_000, "output_tokens": 1_000_000}


def _sheet(first: str, second: str) -> str:
    """A sheet with one model, two periods, the bounds given as TOML."""
    return f"""
provider = "acme"
name = "Acme"
currency = "USD"

[[models]]
id = "acme-1"

[[models.periods]]
source = "s"
input_mtok = 1
output_mtok = 2
{first}

[[models.periods]]
source = "s"
input_mtok = 3
output_mtok = 4
{second}
"""


class TestCost:
    @pytest.mark.parametrize(
        ("model", "at", "total"),
        [
            # The launch promotion ended at 16:00 UTC on 2025-02-08.
            ("deepseek-chat", "2025-02-08T15:59:00Z", Decimal("0.42")),
            ("deepseek-chat", "2025-02-08T16:00:00Z", Decimal("1.37")),
            ("deepseek-cn:deepseek-chat", "2025-02-08T15:59:00Z", Decimal("3")),
            ("deepseek-cn:deepseek-chat", "2025-02-08T16:00:00Z", Decimal("10")),
            # The list of 2025-09-05, from 16:00 UTC: 0.27 / 1.10 before,
            # 0.56 / 1.68 after, and the night discount ended with it.
            ("deepseek-chat", "2025-09-05T15:59:59Z", Decimal("1.37")),
            ("deepseek-chat", "2025-09-05T15:59:59.999999Z", Decimal("1.37")),
            ("deepseek-chat", "2025-09-05T16:00:00Z", Decimal("2.24")),
            ("deepseek-chat", "2025-09-05T18:00:00+02:00", Decimal("2.24")),
            ("deepseek-chat", "2025-09-05T16:30:00Z", Decimal("2.24")),
            ("deepseek-chat", "2025-09-04T16:30:00Z", Decimal("0.685")),
            ("deepseek-reasoner", "2025-09-05T15:59:59Z", Decimal("2.74")),
            ("deepseek-reasoner", "2025-09-05T16:00:00Z", Decimal("2.24")),
            # R1's CNY price did not change with the promotion's end: its
            # first known period starts with the day.
            ("deepseek-cn:deepseek-reasoner", "2025-02-08", Decimal("20")),
            # Days the prices do not change during keep their meaning.
            ("deepseek-chat", "2025-09-04", Decimal("1.37")),
            ("deepseek-chat", "2025-09-06", Decimal("2.24")),
            # The legacy names ran until 15:59 UTC on 2026-07-24.
            ("deepseek-chat", "2026-07-24T15:59:59Z", Decimal("0.42")),
            # V4 Flash's peak billing began at 16:00 UTC on 2026-08-16.
            ("deepseek-v4-flash", "2026-08-16T15:59:00Z", Decimal("0.42")),
            ("deepseek-v4-flash", "2026-08-16T16:00:00Z", Decimal("0.88")),
        ],
    )
    def test_the_moment_picks_the_period(
        self, model: str, at: str, total: Decimal
    ) -> None:
        """A request one second before a change pays the old list, one at
        the moment of the change the new one."""
        assert tc.cost(model, **_MTOK, at=at).total.amount == total

    @pytest.mark.parametrize(
        ("at", "total"),
        [
            ("2026-04-26T12:14:59Z", Decimal("0.028")),
            ("2026-04-26T12:15:00Z", Decimal("0.0028")),
        ],
    )
    def test_the_cache_cut_of_12_15(self, at: str, total: Decimal) -> None:
        """Cache hits cost a tenth from 2026-04-26 12:15 UTC."""
        found = tc.cost(
            "deepseek-chat", input_tokens=1_000_000, cache_read_tokens=1_000_000, at=at
        )
        assert found.total.amount == total

    def test_a_datetime_and_a_date(self) -> None:
        """`datetime` values work as ISO text does; naive ones are UTC."""
        before = datetime(2025, 9, 5, 15, 59, 59)
        after = datetime(2025, 9, 5, 16, tzinfo=UTC)
        assert tc.cost("deepseek-chat", **_MTOK, at=before).total.amount == Decimal(
            "1.37"
        )
        assert tc.cost("deepseek-chat", **_MTOK, at=after).total.amount == Decimal(
            "2.24"
        )
        with pytest.raises(tc.NoPriceError, match="no one price for all of 2025-09-05"):
            tc.cost("deepseek-chat", **_MTOK, at=date(2025, 9, 5))

    @pytest.mark.parametrize(
        ("model", "day", "times"),
        [
            ("deepseek-chat", "2025-09-05", "16:00"),
            ("deepseek-chat", "20250905", "16:00"),
            ("deepseek-cn:deepseek-chat", "2025-02-08", "16:00"),
            ("deepseek-chat", "2026-04-26", "12:15"),
            ("deepseek-chat", "2026-07-24", "16:00"),
        ],
    )
    def test_a_day_with_a_change_is_refused(
        self, model: str, day: str, times: str
    ) -> None:
        """A bare day during which the prices change has no one price: one
        line that names the model, the day and the time, and asks for a
        time."""
        with pytest.raises(tc.NoPriceError) as info:
            tc.cost(model, **_MTOK, at=day)
        message = str(info.value)
        assert f"change at {times} UTC that day" in message
        assert "give the time of the request" in message
        assert "\n" not in message

    def test_after_the_retirement(self) -> None:
        """From 16:00 UTC on 2026-07-24 the legacy name has no price."""
        with pytest.raises(tc.NoPriceError, match="no longer offered"):
            tc.cost("deepseek-chat", **_MTOK, at="2026-07-24T16:00:00Z")

    @pytest.mark.parametrize(
        ("now", "total"),
        [
            (datetime(2025, 9, 5, 15, 0, tzinfo=UTC), Decimal("1.37")),
            (datetime(2025, 9, 5, 17, 0, tzinfo=UTC), Decimal("2.24")),
        ],
    )
    def test_now_on_a_day_with_a_change(self, now: datetime, total: Decimal) -> None:
        """Without `at`, the current moment picks the side of the change."""
        tc.set_clock(lambda: now)
        try:
            assert tc.cost("deepseek-chat", **_MTOK).total.amount == total
            many = tc.cost_many("deepseek-chat", [tc.Usage(1_000_000, 1_000_000)])
            assert many.total.amount == total
        finally:
            tc.set_clock(None)

    def test_workload_and_history(self) -> None:
        """`workload_cost` and the price history take a moment too, and the
        history shows the hour of a change."""
        found = tc.workload_cost(
            "deepseek-chat", tc.Usage(1_000_000, 1_000_000), at="2025-09-05T15:00:00Z"
        )
        assert found.total.amount == Decimal("1.37")
        spans = [p.span for p in tc.price("deepseek-chat").periods]
        assert "2025-02-26 to 2025-09-05 16:00 UTC" in spans
        assert "2026-04-26 12:15 UTC to 2026-07-24 16:00 UTC" in spans


class TestSheets:
    def test_moments_in_a_sheet(self) -> None:
        """`from` and `until` as UTC date-times bound the periods to the
        minute; a period without `until` ends where the next begins."""
        text = _sheet("until = 2025-09-05T16:00:00Z", "from = 2025-09-05T16:00:00Z")
        (model,) = parse_sheet(tomllib.loads(text), "acme.toml").to_models()
        first, second = model.periods
        assert first.end == second.start == datetime(2025, 9, 5, 16, tzinfo=UTC)
        assert model.period_at(datetime(2025, 9, 5, 15, 59)) is first
        assert model.period_at(datetime(2025, 9, 5, 16)) is second
        assert model.to_dict()["periods"][1]["from"] == "2025-09-05T16:00:00Z"

    def test_a_day_keeps_its_meaning(self) -> None:
        """A day as `from` starts at 00:00 UTC; as `until`, the period ends
        when that day begins (it is the first day no longer in force)."""
        text = _sheet("until = 2025-09-05", "from = 2025-09-05")
        (model,) = parse_sheet(tomllib.loads(text), "acme.toml").to_models()
        first, second = model.periods
        assert first.end == second.start == datetime(2025, 9, 5, tzinfo=UTC)
        assert model.period_at(date(2025, 9, 4)) is first
        assert model.period_at(date(2025, 9, 5)) is second

    @pytest.mark.parametrize(
        ("first", "second", "fragment"),
        [
            (
                "",
                "from = 2025-09-05T18:00:00+02:00",
                "'from' 2025-09-05T18:00:00+02:00 is not in UTC: write the "
                "same moment in UTC, 2025-09-05T16:00:00Z",
            ),
            (
                "",
                "from = 2025-09-05T16:00:00",
                "'from' 2025-09-05T16:00:00 has no offset",
            ),
            (
                "from = 2025-09-05T16:00:00Z\nuntil = 2025-09-05T15:00:00Z",
                "",
                "'until' (2025-09-05 15:00 UTC) must be after 'from' "
                "(2025-09-05 16:00 UTC)",
            ),
            (
                "until = 2025-09-05T17:00:00Z",
                "from = 2025-09-05T16:00:00Z",
                "periods overlap: period 0 runs until 2025-09-05 17:00 UTC, "
                "after period 1 starts at 2025-09-05 16:00 UTC",
            ),
            (
                "",
                "from = 2025-09-05T16:00:30Z",
                "is not on a whole minute",
            ),
        ],
    )
    def test_bad_bounds(self, first: str, second: str, fragment: str) -> None:
        """Each bad bound is one line naming the file, the field and the
        model."""
        with pytest.raises(tc.InvalidPriceSheetError) as info:
            parse_sheet(tomllib.loads(_sheet(first, second)), "acme.toml")
        message = str(info.value)
        assert message.startswith("acme.toml: models.0")
        assert fragment in message
        assert "(model 'acme-1')" in message
        assert "\n" not in message

    @pytest.mark.parametrize(
        ("value", "fragment"),
        [
            ("2025-09-05T16:00:00Z", None),
            ("2025-09-05", None),
            ("2025-09-05T16:00:00", "has no offset"),
            ("5 Sept", "cannot read '5 Sept'"),
        ],
    )
    def test_json_text(self, value: str, fragment: str | None) -> None:
        """JSON sheets give the bounds as text: a day or a UTC moment."""
        data = tomllib.loads(_sheet("", ""))
        data["models"][0]["periods"][1]["from"] = value
        if fragment is None:
            (model,) = parse_sheet(data, "acme.json").to_models()
            assert model.periods[1].start is not None
            return
        with pytest.raises(tc.InvalidPriceSheetError, match=fragment):
            parse_sheet(data, "acme.json")
