"""Currencies: a bill asked for a currency it has no amount in, empty codes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

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


class TestRatesWithoutACurrency:
    """``--fx`` converts only to ``--currency``: given alone it would change
    nothing, and the figures shown would not be the ones asked for."""

    @pytest.mark.parametrize(
        "argv",
        [
            ["cost", "zhipuai:glm-5.2", "--input", "1M", "--fx", "CNY=7"],
            ["compare", "glm-5.2", "zhipuai:glm-5.2", "--input", "1M", "--fx", "CNY=7"],
            ["reply", "{reply}", "--model", "zhipuai:glm-5.2", "--fx", "CNY=7"],
            ["growth", "28M", "1.7B", "--periods", "12", "--fx", "CNY=7"],
            ["growth", "28M", "500M", "1.7B", "--fx", "CNY=7"],
            ["growth", "--start", "28M CNY", "--end", "1.7B CNY", "--fx", "CNY=7"],
        ],
    )
    def test_refused(self, cli: Run, tmp_path: Path, argv: list[str]) -> None:
        reply = tmp_path / "reply.json"
        reply.write_text('{"usage": {"prompt_tokens": 1000, "completion_tokens": 10}}')
        status, out, err = cli(*(a.format(reply=reply) for a in argv))
        assert (status, out) == (2, "")
        assert (
            err
            == "tokencost: error: --fx converts to --currency: give --currency too\n"
        )

    def test_with_a_currency(self, cli: Run) -> None:
        """1M input tokens at 8 CNY, at 7 CNY to the dollar: 8/7 USD."""
        status, out, _ = cli(
            "cost", "zhipuai:glm-5.2", "--input", "1M", "--fx", "CNY=7",
            "--currency", "USD", "--format", "json", "--at", "2026-10-01",
        )  # fmt: skip
        assert status == 0
        found = json.loads(out)
        assert (found["currency"], found["converted_from"]) == ("USD", "CNY")
        assert found["fx"]["rates"] == {"CNY": "7"}
        assert found["total"].startswith("1.142857142857142857142857")


class TestMismatchSaysHowToConvert:
    """A comparison across currencies without rates names what to pass, in
    the library's terms and the command line's, for the currency at hand."""

    def test_compare(self, cli: Run) -> None:
        status, _, err = cli("compare", "glm-5.2", "zhipuai:glm-5.2", "--input", "1M")
        assert status == 2
        assert err == (
            "tokencost: error: cannot compare prices in CNY and USD without "
            "choosing a currency and an exchange rate (currency='USD', "
            "fx={'CNY': ...}; on the command line --currency USD --fx CNY=...): "
            "zai:glm-5.2 (USD), zhipuai:glm-5.2 (CNY)\n"
        )

    def test_headroom(self, cli: Run) -> None:
        status, _, err = cli("headroom", "zhipuai:glm-5.2", "--vs", "claude-fable-5")
        assert status == 2
        assert err == (
            "tokencost: error: own price is in CNY and competitor price in USD: "
            "pass fx={'CNY': ...} (on the command line --fx CNY=...; units per "
            "US dollar) to compare them\n"
        )


class TestLibraryRatesWithoutACurrency:
    """``fx=`` without ``currency=`` converts nothing in the library either:
    it is refused, never silently ignored."""

    @pytest.mark.parametrize(
        "call",
        [
            lambda fx: tc.cost("zhipuai:glm-5.2", input_tokens=1000, fx=fx),
            lambda fx: tc.workload_cost(
                "zhipuai:glm-5.2", tc.Usage(input_tokens=1000), fx=fx
            ),
            lambda fx: tc.compare(["glm-5.2", "deepseek-chat"], input_tokens=1, fx=fx),
            lambda fx: tc.cost_reply(
                {"usage": {"prompt_tokens": 1000, "completion_tokens": 10}},
                model="zhipuai:glm-5.2",
                fx=fx,
            ),
            lambda fx: tc.growth("28M", "1.7B", 12, fx=fx),
            lambda fx: tc.growth(["28M", "500M", "1.7B"], periods=6, fx=fx),
        ],
        ids=["cost", "workload_cost", "compare", "cost_reply", "growth", "series"],
    )
    @pytest.mark.parametrize("fx", [{"CNY": "7"}, tc.ExchangeRates({"CNY": "7"})])
    def test_refused(self, call: object, fx: object) -> None:
        with pytest.raises(tc.InvalidInputError, match=r"^fx converts to a currency"):
            call(fx)  # type: ignore[operator]

    def test_with_a_currency(self) -> None:
        """1M input tokens at 8 CNY, at 7 CNY to the dollar: 8/7 USD, the
        rate and its table kept on the result."""
        found = tc.cost(
            "zhipuai:glm-5.2",
            input_tokens="1M",
            at="2026-10-01",
            currency="USD",
            fx={"CNY": "7"},
        )
        assert found.converted_from == "CNY"
        assert found.rate is not None
        assert found.total.currency == "USD"
        assert str(found.total.amount).startswith("1.142857142857142857142857142857")
        assert abs(found.total.amount * 7 - 8) < Decimal("1e-100")
