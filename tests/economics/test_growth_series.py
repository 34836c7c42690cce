"""Growth over a series of figures, in a chosen currency."""

from __future__ import annotations

from decimal import Decimal

import pytest

import tokencost as tc


class TestSeries:
    def test_seed_series(self) -> None:
        """28M, 500M, 1.7B six months apart: each step, and 40.80%/month overall."""
        s = tc.growth(["28M", "500M", "1.7B"], periods=6)
        assert isinstance(s, tc.GrowthSeries)
        assert s.figures == (
            Decimal(28_000_000),
            Decimal(500_000_000),
            Decimal(1_700_000_000),
        )
        assert [step.multiple for step in s.steps] == [
            Decimal("17.85714285714285714285714286"),
            Decimal("3.4"),
        ]
        assert [step.rate for step in s.steps] == [
            Decimal("0.6167219281229382409064371658"),
            Decimal("0.2262522563506151502666553984"),
        ]
        assert s.overall.periods == 12
        assert s.multiple == Decimal("60.71428571428571428571428571")
        assert s.rate == tc.growth("28M", "1.7B", 12).rate

    def test_periods_per_step(self) -> None:
        """Periods may differ per step; the whole compounds over their sum."""
        s = tc.growth([100, 110, 133.1], periods=[1, 2])
        assert [step.rate for step in s.steps] == [Decimal("0.1"), Decimal("0.1")]
        assert s.rate == Decimal("0.1")
        assert s.overall.periods == 3

    def test_chinese_figures(self) -> None:
        """2800万 to 17亿 reads the same as 28M to 1.7B."""
        s = tc.growth(["2800万", "5亿", "17亿"], periods=6)
        assert s.rate == tc.growth(["28M", "500M", "1.7B"], periods=6).rate

    @pytest.mark.parametrize(
        ("args", "kwargs", "error", "message"),
        [
            ((["28M"],), {}, tc.InvalidInputError, "at least two figures"),
            (
                (["28M", "1B", "2B"],),
                {"periods": [1, 2, 3]},
                tc.InvalidQuantityError,
                "3 figures have 2 steps",
            ),
            ((["28M", 0, "2B"],), {}, tc.InvalidQuantityError, "figure 2 must be > 0"),
            ((["28M", "1B"], "2B"), {}, tc.InvalidInputError, "drop end='2B'"),
            (("28M",), {}, tc.InvalidInputError, "needs an end"),
        ],
    )
    def test_bad(
        self,
        args: tuple[object, ...],
        kwargs: dict[str, object],
        error: type[Exception],
        message: str,
    ) -> None:
        """A bad series is one clear error naming what is wrong."""
        with pytest.raises(error, match=message):
            tc.growth(*args, **kwargs)  # type: ignore[call-overload]


class TestCurrency:
    def test_converts_money(self) -> None:
        """Yuan figures shown in dollars: amounts converted, rate unchanged."""
        s = tc.growth(
            [tc.Money("2800万", "CNY"), tc.Money("17亿", "CNY")],
            periods=12,
            currency="USD",
            fx={"CNY": "7.10"},
        )
        assert s.currency == "USD"
        assert s.figures[0] == Decimal("3943661.971830985915492957746")
        assert s.rate == tc.growth("28M", "1.7B", 12).rate

    def test_labels_numbers(self) -> None:
        """Plain numbers are taken to be in the currency asked for."""
        g = tc.growth("2800万", "17亿", 12, currency="CNY")
        assert (g.start, g.end, g.currency) == (
            Decimal(28_000_000),
            Decimal(1_700_000_000),
            "CNY",
        )

    def test_mixed_without_currency(self) -> None:
        """Two currencies and no currency to show them in is an error."""
        with pytest.raises(tc.CurrencyMismatchError):
            tc.growth(tc.Money(1, "USD"), tc.Money(2, "CNY"))
