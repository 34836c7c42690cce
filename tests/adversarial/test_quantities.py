"""Quantities: thousands groupings, the caller's decimal context, huge and
over-long numbers, wrong types."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest

import tokencost as tc

from .conftest import Run, one_error_line


class TestGroupings:
    @pytest.mark.parametrize(
        ("text", "tokens"),
        [
            ("1,500", 1_500),
            ("1,500,000", 1_500_000),
            ("12,345.5k", 12_345_500),
            ("1_500", 1_500),
            ("1.5k", 1_500),
        ],
    )
    def test_well_formed(self, text: str, tokens: int) -> None:
        """Well-formed thousands groupings read as the number they show."""
        assert tc.parse_tokens(text) == tokens

    @pytest.mark.parametrize(
        "text", ["1,5k", "15,00", "1,,500", ",500", "1,5000", "1,500,00"]
    )
    def test_ill_formed(self, text: str) -> None:
        """A comma that is not a thousands separator is refused, not dropped."""
        with pytest.raises(tc.InvalidQuantityError, match="cannot read"):
            tc.parse_tokens(text)

    def test_ill_formed_amount(self) -> None:
        """Amounts follow the same rule as token counts."""
        with pytest.raises(tc.InvalidQuantityError):
            tc.Money("4,13", "USD")


class TestDecimalContext:
    """Nothing the caller sets in the decimal context changes a figure."""

    def test_parse_tokens(self) -> None:
        with decimal.localcontext(prec=3):
            assert tc.parse_tokens("1.23456M") == 1_234_560

    def test_cost(self) -> None:
        expected = tc.cost("glm-5.2", input_tokens="123.456k", at="2026-07-01")
        with decimal.localcontext(prec=3, rounding=decimal.ROUND_DOWN):
            got = tc.cost("glm-5.2", input_tokens="123.456k", at="2026-07-01")
        assert got.total == expected.total
        assert got.total.amount == Decimal("0.1728384")

    def test_money_arithmetic(self) -> None:
        with decimal.localcontext(prec=3):
            total = tc.Money("1.23456", "USD") + tc.Money("1.00001", "USD")
            product = tc.Money("1.23456", "USD") * 3
            difference = tc.Money("1.23456", "USD") - tc.Money("0.00001", "USD")
        assert total.amount == Decimal("2.23457")
        assert product.amount == Decimal("3.70368")
        assert difference.amount == Decimal("1.23455")

    def test_traps(self) -> None:
        """A context that traps inexact results changes nothing either."""
        expected = tc.cost("glm-5.2", input_tokens=123_456, output_tokens=789)
        with decimal.localcontext(prec=2) as ctx:
            ctx.traps[decimal.Inexact] = True
            ctx.traps[decimal.Rounded] = True
            got = tc.cost("glm-5.2", input_tokens=123_456, output_tokens=789)
        assert got.total == expected.total

    def test_total_equals_lines_with_long_prices(self) -> None:
        """Prices with more digits than the caller's precision keep the total
        equal to the sum of its lines."""
        with decimal.localcontext(prec=4):
            result = tc.cost(
                "glm-5.2", input_tokens=123_457, output_tokens=98_765, at="2026-07-01"
            )
        lines = sum((line.amount.amount for line in result.lines), Decimal(0))
        assert result.total.amount == lines == Decimal("0.6074058")


class TestMagnitudes:
    def test_huge_token_count(self) -> None:
        """Absurd token counts are refused, naming the bound."""
        with pytest.raises(tc.InvalidQuantityError, match="at most"):
            tc.cost("glm-5.2", input_tokens="1e40", at="2026-07-01")

    def test_past_the_digit_limit(self) -> None:
        """Integers past Python's digit limit are one clear error."""
        with pytest.raises(tc.InvalidQuantityError):
            tc.parse_tokens("1" * 5_000)
        with pytest.raises(tc.InvalidQuantityError):
            tc.Money("9" * 5_000, "USD")

    def test_huge_exponent(self) -> None:
        with pytest.raises(tc.InvalidQuantityError):
            tc.Money("1e400000000", "USD")

    def test_cli_huge_input(self, cli: Run) -> None:
        status, out, err = cli(
            "cost", "glm-5.2", "--input", "1e40", "--at", "2026-07-01"
        )
        assert status == 2
        assert "1e40" in one_error_line(err)
        assert out == ""

    def test_cli_huge_input_1e400(self, cli: Run) -> None:
        status, _, err = cli("cost", "glm-5.2", "--input", "1e400")
        assert status == 2
        one_error_line(err)

    def test_money_divided_by_zero(self) -> None:
        with pytest.raises(tc.InvalidInputError, match="zero"):
            tc.Money("1", "USD") / 0


class TestTypes:
    @pytest.mark.parametrize("value", [[1], {"a": 1}, object(), b"12", True])
    def test_token_count_types(self, value: object) -> None:
        """Values of the wrong type are a WrongTypeError, never a bare one."""
        with pytest.raises(tc.TokencostError):
            tc.cost("glm-5.2", input_tokens=value, output_tokens=1)

    def test_wrong_model_type(self) -> None:
        with pytest.raises(tc.WrongTypeError):
            tc.cost(5, input_tokens=1)  # type: ignore[arg-type]


class TestOptions:
    @pytest.mark.parametrize(
        "argv",
        [
            ["cost", "glm-5.2", "--input", "1k", "--requests", ""],
            ["cost", "glm-5.2", "--input", "1k", "--currency", ""],
            ["cost", "glm-5.2", "--input", ""],
            ["cost", "glm-5.2", "--input", "1k", "--at", ""],
            [
                "compare",
                "glm-5.2",
                "deepseek-chat",
                "--input",
                "1k",
                "--requests",
                "1.5",
            ],
            ["compare", "glm-5.2", "deepseek-chat", "--input", "1k", "--requests", ""],
            ["cost", "glm-5.2", "--input", "1k", "--requests", "1.5"],
        ],
    )
    def test_refused(self, cli: Run, argv: list[str]) -> None:
        """Empty values and fractional request counts are errors, not defaults."""
        status, out, err = cli(*argv)
        assert status == 2, out
        one_error_line(err)

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["growth", "28M", "500M", "--periods", "0"], "periods must be > 0, got 0"),
            (
                ["growth", "28M", "500M", "--periods=-1.5"],
                "periods must be > 0, got -1.5",
            ),
        ],
    )
    def test_value_named_as_typed(
        self, cli: Run, argv: list[str], message: str
    ) -> None:
        """A refused figure is shown as the number it is, not as Python's
        ``Decimal('0')``."""
        status, out, err = cli(*argv)
        assert (status, out, err) == (2, "", f"tokencost: error: {message}\n")

    def test_decimal_named_by_its_digits(self) -> None:
        with pytest.raises(tc.InvalidQuantityError, match=r"got 0$"):
            tc.growth(["28M", "500M"], periods=Decimal(0))
