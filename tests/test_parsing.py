"""Reading token counts, amounts and changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from tokencost._parsing import parse_amount


class TestParseTokens:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("120k", 120_000),
            ("120K", 120_000),
            ("1.2M", 1_200_000),
            ("1.2m", 1_200_000),
            ("3_000", 3_000),
            ("1,000", 1_000),
            ("2e6", 2_000_000),
            ("0", 0),
            (" 42 ", 42),
            ("1.5B", 1_500_000_000),
            (7, 7),
            (2e6, 2_000_000),
            (Decimal("12"), 12),
        ],
    )
    def test_reads(self, text: object, expected: int) -> None:
        """Suffixes, separators and exponents give whole token counts."""
        assert tc.parse_tokens(text) == expected

    @pytest.mark.parametrize(
        ("value", "fragment"),
        [
            (-5, "must be >= 0"),
            ("-5", "must be >= 0"),
            ("1.5", "whole number"),
            (0.5, "whole number"),
            ("1.2345k", "whole number"),
            ("12q", "cannot read"),
            ("", "cannot read"),
            ("k", "cannot read"),
            (float("nan"), "finite"),
            (float("inf"), "finite"),
            (Decimal("NaN"), "finite"),
        ],
    )
    def test_rejects(self, value: object, fragment: str) -> None:
        """Negative, fractional, non-finite and unreadable counts are refused."""
        with pytest.raises(tc.InvalidQuantityError, match=fragment) as info:
            tc.parse_tokens(value)
        assert repr(value) in str(info.value) or "finite" in fragment

    @pytest.mark.parametrize("value", [True, False, None, [1], object()])
    def test_wrong_types(self, value: object) -> None:
        """Bools and non-numbers are type errors, also catchable as TypeError."""
        with pytest.raises(tc.WrongTypeError):
            tc.parse_tokens(value)
        with pytest.raises(TypeError):
            tc.parse_tokens(value)

    @given(st.integers(min_value=0, max_value=10**15))
    def test_round_trip(self, n: int) -> None:
        """Any count written with separators or as a string reads back the same."""
        assert tc.parse_tokens(f"{n:_}") == n
        assert tc.parse_tokens(f"{n:,}") == n
        assert tc.parse_tokens(str(n)) == n


class TestParseChange:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("83%", Decimal("0.83")),
            ("+83%", Decimal("0.83")),
            ("-12.5%", Decimal("-0.125")),
            ("400%", Decimal("4")),
            ("+400 %", Decimal("4")),
            ("0.83", Decimal("0.83")),
            (0.83, Decimal("0.83")),
            ("-100%", Decimal("-1")),
            (0, Decimal("0")),
        ],
    )
    def test_reads(self, text: object, expected: Decimal) -> None:
        """A bare number is a fraction; a percentage is divided by 100."""
        assert tc.parse_change(text) == expected

    @pytest.mark.parametrize("text", ["83 pc", "%", "abc", "8-3%", "83%%"])
    def test_rejects(self, text: str) -> None:
        """Unreadable changes name the value and the accepted forms."""
        with pytest.raises(tc.InvalidQuantityError, match="83%"):
            tc.parse_change(text)


class TestToDecimal:
    def test_float_goes_through_str(self) -> None:
        """0.1 becomes Decimal('0.1'), not the binary expansion."""
        assert tc.to_decimal(0.1) == Decimal("0.1")
        assert tc.to_decimal(4.13) == Decimal("4.13")

    def test_amount_must_be_positive_when_asked(self) -> None:
        """parse_amount refuses zero when zero makes no sense."""
        assert parse_amount("1.7B") == Decimal("1700000000")
        with pytest.raises(tc.InvalidQuantityError, match="must be > 0"):
            parse_amount("0", allow_zero=False)
        with pytest.raises(tc.InvalidQuantityError, match="must be >= 0"):
            parse_amount("-4.13")
