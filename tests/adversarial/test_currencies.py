"""Currencies: a bill asked for a currency it has no amount in, empty codes."""

from __future__ import annotations

import pytest

import tokencost as tc

from .conftest import Run, one_error_line, record


class TestBillTotal:
    def test_other_currency_is_an_error(self) -> None:
        """Bill.total("CNY") on a USD bill is an error, not 0 CNY."""
        result = tc.bill([record()])
        assert result.total("USD") == tc.Money("0.1856", "USD")
        with pytest.raises(tc.MissingRateError, match="CNY"):
            result.total("CNY")

    def test_empty_bill(self) -> None:
        """An empty bill costs nothing, in any currency."""
        assert tc.bill([]).total() == tc.Money(0, "USD")
        assert tc.bill([]).total("CNY") == tc.Money(0, "CNY")

    def test_other_currency_in_two_currency_bill(self) -> None:
        result = tc.bill([record(), record(model="zhipuai:glm-5.2")])
        assert [t.currency for t in result.totals] == ["CNY", "USD"]
        with pytest.raises(tc.MissingRateError, match="EUR"):
            result.total("EUR")


class TestCodes:
    @pytest.mark.parametrize("code", ["", " ", "US", "usdx", "U$D"])
    def test_refused(self, code: str) -> None:
        with pytest.raises(tc.InvalidQuantityError):
            tc.Money(1, code)

    def test_cli_empty_currency(self, cli: Run) -> None:
        status, _, err = cli(
            "compare", "glm-5.2", "deepseek-chat", "--input", "1k", "--currency", ""
        )
        assert status == 2
        one_error_line(err)
