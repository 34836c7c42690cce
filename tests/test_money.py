"""Money: exact amounts that carry their currency."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from tokencost._money import format_amount

amounts = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=6, allow_nan=False
)


class TestMoney:
    def test_add_same_currency(self) -> None:
        """Amounts in one currency add exactly."""
        assert tc.Money("0.1", "USD") + tc.Money(0.2, "USD") == tc.Money("0.3", "USD")

    def test_add_two_currencies_raises(self) -> None:
        """Adding USD to CNY is an error that names both, never a guess."""
        with pytest.raises(tc.CurrencyMismatchError, match="USD and CNY"):
            tc.Money("1", "USD") + tc.Money("7", "CNY")
        with pytest.raises(ValueError, match="exchange rate"):
            sum([tc.Money("1", "USD"), tc.Money("7", "CNY")])

    def test_compare_two_currencies_raises(self) -> None:
        """Ordering needs one currency too."""
        with pytest.raises(tc.CurrencyMismatchError):
            _ = tc.Money("1", "USD") < tc.Money("7", "CNY")

    def test_sum_starts_at_zero(self) -> None:
        """sum() works on a list of amounts."""
        total = sum([tc.Money("4.13", "USD"), tc.Money("50", "USD")])
        assert total == tc.Money("54.13", "USD")

    def test_currency_is_normalised_and_checked(self) -> None:
        """Codes are upper-cased; anything but three letters is refused."""
        assert tc.Money("1", "cny").currency == "CNY"
        with pytest.raises(tc.InvalidQuantityError, match="'dollars'"):
            tc.Money("1", "dollars")

    @pytest.mark.parametrize("bad", [True, float("nan"), "abc"])
    def test_bad_amounts(self, bad: object) -> None:
        """Bools, NaN and text are refused."""
        with pytest.raises(tc.TokencostError):
            tc.Money(bad, "USD")

    def test_display(self) -> None:
        """Shown with a symbol and rounded half-up only for display."""
        assert tc.Money("1234.5", "USD").display() == "$1,234.50"
        assert tc.Money("-0.005", "USD").display(2) == "-$0.01"
        assert tc.Money("28", "CNY").display() == "CN¥28.00"
        assert tc.Money("28", "JPY").display() == "JP¥28.00"
        assert str(tc.Money("3.0450", "EUR")) == "3.045 EUR"

    @given(amounts, amounts)
    def test_addition_is_exact(self, a: Decimal, b: Decimal) -> None:
        """Money addition equals Decimal addition, with no rounding."""
        assert (tc.Money(a, "USD") + tc.Money(b, "USD")).amount == a + b


class TestFormatAmount:
    @pytest.mark.parametrize(
        ("amount", "text"),
        [
            (Decimal("0.18452"), "0.18452"),
            (Decimal("1.400000"), "1.40"),
            (Decimal("1234.5678"), "1,234.57"),
            (Decimal("0.0000004"), "0.000000"),
            (Decimal("0.0000005"), "0.000001"),
            (Decimal("0"), "0.00"),
        ],
    )
    def test_display_rounding(self, amount: Decimal, text: str) -> None:
        """At least 2 and at most 6 decimals; 2 from a thousand up."""
        assert format_amount(amount) == text


class TestNegativeZero:
    """``0 * -1`` is a negative zero in Decimal; an amount never shows it."""

    @pytest.mark.parametrize(
        "make",
        [
            lambda: tc.Money(Decimal("-0"), "USD"),
            lambda: tc.Money("-0.00", "USD"),
            lambda: tc.Money(0, "USD") * -1,
            lambda: -tc.Money(0, "USD"),
            lambda: tc.Money("0.5", "USD") * 0 * Decimal("-2"),
        ],
    )
    def test_zero_has_no_sign(self, make: object) -> None:
        money = make()  # type: ignore[operator]
        assert not money.amount.is_signed()
        assert str(money) == "0.00 USD"
        assert money.display() == "$0.00"

    def test_a_negative_amount_keeps_its_sign(self) -> None:
        assert str(tc.Money("-1.5", "USD")) == "-1.50 USD"
        assert tc.Money("-1.5", "USD").display() == "-$1.50"

    def test_rounded_to_zero_shows_no_sign(self) -> None:
        assert format_amount(Decimal("-0.001"), 2) == "0.00"
        assert format_amount(Decimal("-0.005"), 2) == "-0.01"
