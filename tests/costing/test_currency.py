"""One request in another currency: cost(currency=, fx=) and the CLI."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import tokencost as tc
from tokencost.cli import main

AT = "2026-07-01"


class TestCostInACurrency:
    def test_every_line_converts_at_one_rate(self) -> None:
        """Lines and total convert at the stated rate; the total is their sum."""
        usd = tc.cost("claude-fable-5", input_tokens="120k", output_tokens="4k", at=AT)
        cny = tc.cost(
            "claude-fable-5",
            input_tokens="120k",
            output_tokens="4k",
            at=AT,
            currency="CNY",
            fx={"CNY": "7.1"},
        )
        assert cny.currency == "CNY"
        assert cny.rate == Decimal("7.1")
        assert cny.total.amount == usd.total.amount * Decimal("7.1")
        assert cny.total.amount == sum(line.amount.amount for line in cny.lines)
        assert [line.unit_price for line in cny.lines] == [
            line.unit_price * Decimal("7.1") for line in usd.lines
        ]
        assert cny.to_dict()["fx"]["rates"] == {"CNY": "7.1"}  # JSON-ready

    def test_own_currency_is_not_converted(self) -> None:
        """Asking for the model's own currency changes nothing."""
        c = tc.cost("glm-5.2", input_tokens="1k", output_tokens="1k", currency="USD")
        assert c.rate is None
        assert c.fx is None

    def test_profile_is_gone_from_cost(self) -> None:
        """Workloads have their own entry point; cost() prices one request."""
        with pytest.raises(TypeError):
            tc.cost("glm-5.2", profile="chat")  # type: ignore[call-arg]


class TestCommandKeepsTheVariant:
    @pytest.mark.parametrize(
        ("extra", "rate"),
        [
            (["--currency", "USD", "--fx", "CNY=7"], "1"),  # USD to USD
            (["--currency", "USD"], "1"),
            (["--currency", "CNY", "--fx", "CNY=7"], "7"),
        ],
    )
    def test_variant_with_currency_options(
        self, capsys: pytest.CaptureFixture[str], extra: list[str], rate: str
    ) -> None:
        """--variant batch is priced as batch whatever the currency options."""
        argv = ["cost", "gpt-5.5", "--input", "300k", "--output", "2k"]
        argv += ["--variant", "batch", "--at", AT, *extra, "-f", "json"]
        assert main(argv) == 0
        shown = json.loads(capsys.readouterr().out)
        usage = {"input_tokens": "300k", "output_tokens": "2k", "at": AT}
        batch = tc.cost("gpt-5.5", **usage, variant="batch").total.amount
        assert batch != tc.cost("gpt-5.5", **usage).total.amount
        assert Decimal(shown["total"]) == batch * Decimal(rate)
        assert shown["variant"] == "batch"


class TestShowingAConversion:
    def test_unit_prices_shown_to_ten_digits(self) -> None:
        """A cross rate's long unit prices are rounded in the table only."""
        # The bundled rates are quoted per euro, so USD to CNY is a quotient
        # with no end; JSON keeps it to the working precision.
        c = tc.cost(
            "claude-fable-5", input_tokens="120k", output_tokens="4k", at=AT,
            currency="CNY",
        )  # fmt: skip
        full = c.lines[0].unit_price
        assert len(full.as_tuple().digits) > 20
        _, rows = c.table()
        shown = Decimal(rows[0][2].split()[0])
        assert len(shown.as_tuple().digits) == 10
        assert abs(shown - full) < Decimal("1e-8")
        assert Decimal(c.to_dict()["lines"][0]["unit_price"]) == full
        # the table says which rate was used, of which day and from where
        assert rows[-1][0] == "exchange rate"
        assert rows[-1][2] == f"1 USD = {shown_rate(c)} CNY"
        assert rows[-1][3].startswith(
            "ECB euro foreign exchange reference rates, 2026-"
        )
        assert c.to_dict()["converted_from"] == "USD"

    @pytest.mark.parametrize(
        ("at", "note"),
        [
            # A Saturday: the rates of Friday 2020-01-03, one day before.
            ("2020-01-04", "2020-01-03 (1 day before 2020-01-04)"),
            ("2020-01-05", "2020-01-03 (2 days before 2020-01-05)"),
            ("2020-01-03", "2020-01-03"),
        ],
    )
    def test_age_of_the_rates(self, at: str, note: str) -> None:
        """The rate's row says how old the rates were, in words that agree
        with the number: 1 day, 2 days, nothing on a day of publication."""
        c = tc.cost("glm-5.3", input_tokens="1M", at=at, currency="CNY")
        _, rows = c.table()
        assert rows[-1][3] == f"ECB euro foreign exchange reference rates, {note}"

    def test_unknown_variant_names_the_model(self) -> None:
        """A variant the model lacks is refused naming the model and the period."""
        with pytest.raises(tc.NoPriceError, match=r"^zai:glm-5.2: no 'batch' variant"):
            tc.workload_cost("glm-5.2", "chat", variant="batch", at=AT)
        with pytest.raises(tc.NoPriceError, match=r"^zai:glm-5.2: no 'batch' variant"):
            tc.cost("glm-5.2", input_tokens=1, variant="batch", at=AT)


def shown_rate(c: tc.Cost) -> str:
    """The rate of *c* to 10 significant digits, as tables show it."""
    assert c.rate is not None
    return f"{c.rate.quantize(Decimal(1).scaleb(c.rate.adjusted() - 9)):f}"


class TestShowingAConvertedWorkload:
    """A workload's table says what was applied to its figures, as a
    cost's does: the price change, and the rate with its day and age."""

    def test_rate_day_and_age(self) -> None:
        """Sunday 2026-06-21 converts at Friday's ECB rates, two days old:
        CNY 7.7624 and USD 1.1467 per euro, 6.769338101 CNY per dollar."""
        w = tc.workload_cost(
            "glm-5.2", "chat", requests=1, at="2026-06-21", currency="CNY"
        )
        _, rows = w.table()
        assert rows[-1] == [
            "exchange rate", "", "", "", "1 USD = 6.769338101 CNY",
            "ECB euro foreign exchange reference rates, 2026-06-19 "
            "(2 days before 2026-06-21)",
        ]  # fmt: skip
        # $0.00406 a request (the chat mix), times 7.7624 / 1.1467.
        assert w.total.amount.quantize(Decimal("1e-15")) == Decimal("0.027483512688585")

    def test_price_change(self) -> None:
        """An adjusted workload says by how much, before the rate."""
        w = tc.workload_cost(
            "glm-5.2", "chat", requests=1, at=AT, adjust="83%", currency="USD"
        )
        _, rows = w.table()
        assert rows[-1] == ["price change", "", "", "", "+83%", ""]
        assert w.total.amount == Decimal("0.0074298")  # 0.00406 x 1.83

    def test_cli(self) -> None:
        """`tokencost cost --profile --currency` shows the rate's row."""
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = main(
                ["cost", "glm-5.2", "--profile", "chat", "--at", "2026-06-21",
                 "--currency", "CNY"]
            )  # fmt: skip
        assert status == 0
        assert out.getvalue().splitlines()[-1].split() == [
            "exchange", "rate", "1", "USD", "=", "6.769338101", "CNY", "ECB",
            "euro", "foreign", "exchange", "reference", "rates,", "2026-06-19",
            "(2", "days", "before", "2026-06-21)",
        ]  # fmt: skip


class TestRatesCheckedWithNothingToConvert:
    """Rates given for a currency the amounts are already in convert
    nothing, but rates that are no rates are still refused."""

    CALLS = {  # noqa: RUF012
        "cost": lambda fx: tc.cost(
            "glm-5.2", input_tokens=1, currency="USD", fx=fx, at=AT
        ),
        "workload_cost": lambda fx: tc.workload_cost(
            "glm-5.2", "chat", currency="USD", fx=fx, at=AT
        ),
        "compare": lambda fx: tc.compare(
            ["glm-5.2", "gpt-5"], input_tokens=1, currency="USD", fx=fx, at=AT
        ),
    }

    @pytest.mark.parametrize("call", list(CALLS))
    @pytest.mark.parametrize(
        ("fx", "message"),
        [
            ({"CNY": "-1"}, r"^exchange rate for CNY must be > 0, got '-1'$"),
            ({"USD": "2"}, r"^exchange rate for USD is 2: rates are units per 1 USD"),
        ],
    )
    def test_refused(self, call: str, fx: dict[str, str], message: str) -> None:
        with pytest.raises(tc.InvalidQuantityError, match=message):
            self.CALLS[call](fx)

    @pytest.mark.parametrize("call", list(CALLS))
    def test_good_rates_change_nothing(self, call: str) -> None:
        """Good rates leave a USD figure in USD exactly as it was."""
        with_rates = self.CALLS[call]({"CNY": "7.1"})
        without = self.CALLS[call](None)
        assert tc.render(with_rates, "json") == tc.render(without, "json")

    def test_cli(self) -> None:
        """`--fx CNY=-1` beside the model's own currency is bad usage."""
        import contextlib
        import io

        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = main(
                ["cost", "glm-5.2", "--input", "1", "--currency", "USD",
                 "--fx", "CNY=-1"]
            )  # fmt: skip
        assert (status, err.getvalue()) == (
            2, "tokencost: error: exchange rate for CNY must be > 0, got '-1'\n"
        )  # fmt: skip
