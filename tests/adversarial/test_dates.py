"""Dates and moments: extreme dates, impossible times, and the moment used
when none is given."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

import tokencost as tc

from .conftest import Run, one_error_line


class TestExtremes:
    @pytest.mark.parametrize(
        "at",
        [
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:00:00-05:00",
            "2026-07-01T99:99:99Z",
            "2026-02-30",
            "",
            "   ",
        ],
    )
    def test_refused(self, at: str) -> None:
        """Dates that cannot be a day in UTC are one clear error."""
        with pytest.raises(tc.InvalidQuantityError):
            tc.cost("glm-5.2", input_tokens=1, at=at)

    def test_cli(self, cli: Run) -> None:
        status, _, err = cli(
            "cost", "glm-5.2", "--input", "1", "--at", "0001-01-01T00:00:00+05:00"
        )
        assert status == 2
        one_error_line(err)


class TestDayForms:
    """A day is a day in every ISO form: no time of day, so no time window.

    DeepSeek-chat's off-peak window ran 16:30-00:30 UTC in March 2025: a
    midnight moment is off-peak, the bare day is not.
    """

    @pytest.mark.parametrize(
        ("at", "amount", "window"),
        [
            ("2025-03-01", Decimal("0.27"), None),
            ("20250301", Decimal("0.27"), None),
            ("2025-W09-6", Decimal("0.27"), None),
            ("2025W096", Decimal("0.27"), None),
            (" 20250301 ", Decimal("0.27"), None),
            ("2025-03-01T00:00Z", Decimal("0.135"), "off-peak"),
            ("20250301T00:00Z", Decimal("0.135"), "off-peak"),
            ("2025-03-01T12:00Z", Decimal("0.27"), None),
        ],
    )
    def test_day_or_moment(self, at: str, amount: Decimal, window: str | None) -> None:
        """A basic-form day ('20250301') prices as '2025-03-01', not as its
        midnight."""
        result = tc.cost("deepseek:deepseek-chat", input_tokens=1_000_000, at=at)
        assert (result.total.amount, result.window) == (amount, window)
        assert result.at == date(2025, 3, 1)

    def test_cli(self, cli: Run) -> None:
        """The command line reads ``--at`` the same way."""
        status, out, err = cli(
            "cost",
            "deepseek:deepseek-chat",
            "--input",
            "1M",
            "--at",
            "20250301",
            "--format",
            "json",
        )
        assert (status, err) == (0, "")
        data = json.loads(out)
        assert (data["total"], data["window"]) == ("0.27", None)

    @pytest.mark.parametrize(
        "at", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00"]
    )
    def test_out_of_range_says_so(self, at: str) -> None:
        """A time whose UTC day is past year 9999 (or before year 1) is
        named as out of range, not as unreadable."""
        with pytest.raises(tc.InvalidQuantityError, match="out of range in UTC"):
            tc.cost("glm-5.2", input_tokens=1, at=at)


class TestClock:
    """Without `at`, the current moment, taken from a clock tests can set."""

    @pytest.fixture(autouse=True)
    def _reset(self) -> object:
        yield
        tc.set_clock(None)

    @pytest.mark.parametrize(
        ("moment", "amount"),
        [
            # Thursday 2026-10-01: peak hours 01:00-04:00 and 06:00-10:00 UTC.
            (datetime(2026, 10, 1, 2, 0, tzinfo=UTC), Decimal("0.30")),
            (datetime(2026, 10, 1, 12, 0, tzinfo=UTC), Decimal("0.15")),
            # Saturday: off-peak all day.
            (datetime(2026, 10, 3, 2, 0, tzinfo=UTC), Decimal("0.15")),
        ],
    )
    def test_now_picks_the_window(self, moment: datetime, amount: Decimal) -> None:
        tc.set_clock(lambda: moment)
        result = tc.cost("deepseek:deepseek-v4-flash", input_tokens=1_000_000)
        assert result.total.amount == amount
        assert result == tc.cost(
            "deepseek:deepseek-v4-flash", input_tokens=1_000_000, at=moment
        )

    def test_bare_day_takes_no_window(self) -> None:
        """An explicit bare day is the standard prices, as documented."""
        result = tc.cost(
            "deepseek:deepseek-v4-flash", input_tokens=1_000_000, at="2026-10-01"
        )
        assert result.total.amount == Decimal("0.15")

    def test_clock_must_give_a_moment(self) -> None:
        with pytest.raises(tc.WrongTypeError):
            tc.set_clock("now")  # type: ignore[arg-type]
