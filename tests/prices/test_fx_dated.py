"""The bundled ECB reference rates: dated, exact, and honest about their age."""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal

import pytest

import tokencost as tc

EXACT = Context(prec=120)  # tokencost works money in 120 digits


def cross(amount: str, to: str, frm: str) -> Decimal:
    """*amount* times the ECB rate *to* over the rate *frm*, one rounding."""
    return EXACT.divide(Decimal(amount) * Decimal(to), Decimal(frm)).normalize(EXACT)


class TestDatedRates:
    @pytest.mark.parametrize(
        ("day", "published", "usd", "cny"),
        [
            ("2026-06-22", date(2026, 6, 22), "1.1456", "7.7612"),
            ("2026-06-24", date(2026, 6, 24), "1.134", "7.7236"),
            # Saturday and Sunday get Friday's rates.
            ("2026-06-27", date(2026, 6, 26), "1.1401", "7.7506"),
            ("2026-06-28", date(2026, 6, 26), "1.1401", "7.7506"),
        ],
    )
    def test_rates_as_published(
        self, day: str, published: date, usd: str, cny: str
    ) -> None:
        """Each day gets the ECB's figures as published, per 1 EUR."""
        fx = tc.dated_rates(day)
        assert fx.base == "EUR"
        assert fx.date == published
        assert fx.rates["USD"] == Decimal(usd)
        assert fx.rates["CNY"] == Decimal(cny)

    def test_weekend_says_which_day(self) -> None:
        """A weekend's table names the day asked for and the day used."""
        fx = tc.dated_rates("2026-06-28")
        assert fx.requested == date(2026, 6, 28)
        assert fx.age_days == 2
        assert "asked for 2026-06-28" in fx.describe()
        assert "on 2026-06-26" in fx.describe()

    @pytest.mark.parametrize(
        ("day", "usd", "expected"),
        [
            # 28 x 1.1456 / 7.7612: the article's "$4.13" of June 2026
            ("2026-06-22", "1.1456", "4.1330"),
            # On the article's own day, 28 x 1.134 / 7.7236
            ("2026-06-24", "1.134", "4.1110"),
        ],
    )
    def test_glm_cny_list_in_june_2026(self, day: str, usd: str, expected: str) -> None:
        """bigmodel.cn's 28 CNY comes to about $4.13 at late-June 2026 rates."""
        fx = tc.dated_rates(day)
        amount = fx.convert(tc.Money(28, "CNY"), "USD").amount
        assert amount == cross("28", usd, fx.rates["CNY"].to_eng_string())
        assert amount.quantize(Decimal("0.0001")) == Decimal(expected)

    def test_different_days_different_rates(self) -> None:
        """A cost converted as of two dates uses the two dates' rates."""
        usage = tc.Usage(1_000_000, 0)
        june = tc.workload_cost("glm-5.2", usage, currency="CNY", at="2026-06-22")
        july = tc.workload_cost("glm-5.2", usage, currency="CNY", at="2026-07-01")
        assert june.fx is not None
        assert july.fx is not None
        assert (june.fx.date, july.fx.date) == (date(2026, 6, 22), date(2026, 7, 1))
        # 1.40 USD x 7.7612 / 1.1456 and x 7.7342 / 1.1383
        assert june.total.amount == cross("1.40", "7.7612", "1.1456")
        assert july.total.amount == cross("1.40", "7.7342", "1.1383")
        assert june.total != july.total

    def test_past_the_end_says_how_old(self) -> None:
        """After the series ends, the last rates are used and their age shown."""
        fx = tc.dated_rates("2026-11-30")
        assert fx.date == date(2026, 10, 30)
        assert fx.age_days == 31
        assert "31 days older" in fx.describe()

    def test_before_the_series(self) -> None:
        """A day before the bundled series is an error that says how to pass one."""
        with pytest.raises(tc.MissingRateError, match="start on 2020-01-02"):
            tc.dated_rates("2019-06-01")

    def test_caller_rates_override(self) -> None:
        """fx= still wins over the bundled table, and says it was given."""
        w = tc.workload_cost(
            "glm-5.2", tc.Usage(1_000_000, 0), currency="CNY", fx={"CNY": "7.10"},
            at="2026-06-22",
        )  # fmt: skip
        assert w.total.amount == Decimal("1.40") * Decimal("7.10")
        assert w.fx is not None
        assert w.fx.source == "given by the caller"

    def test_unknown_currency(self) -> None:
        """A currency the ECB table lacks is a clear error."""
        with pytest.raises(tc.MissingRateError, match="no exchange rate for BRL"):
            tc.workload_cost("glm-5.2", "chat", currency="BRL", at="2026-07-01")

    def test_cross_rate_is_exact_quotient(self) -> None:
        """rate() is the quotient of the two published rates, to 120 digits."""
        fx = tc.dated_rates("2026-07-01")
        assert fx.rate("USD", "CNY") == cross("1", "7.7342", "1.1383")
        assert fx.rate("EUR", "JPY") == Decimal("185.21")


class TestShown:
    def test_compare_says_which_rate_and_how_old(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A converted row names the ECB day used and its age on the day priced."""
        from tokencost.cli.main import main

        status = main(
            ["compare", "glm-5.2", "zhipuai:glm-5.2", "-i", "1M", "-o", "100k",
             "--currency", "CNY", "--at", "2026-06-27"]
        )  # fmt: skip
        out = capsys.readouterr().out
        assert status == 0
        # 7.7506 / 1.1401 yuan per dollar, Friday's rates for a Saturday
        assert "6.79818 CNY/USD (ECB, 2026-06-26, 1 day before 2026-06-27)" in out
