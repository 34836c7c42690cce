"""Splitting the change of a product into effects, and rounding them exactly."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tokencost._errors import InvalidInputError
from tokencost.economics.decomposition import (
    apportion,
    exact_decimal,
    quantum_exponent,
    round_table,
    split_cell,
    split_product,
    to_decimal_at,
)

fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=10_000)
triples = st.tuples(fractions, fractions, fractions)
Triple = tuple[Fraction, Fraction, Fraction]
METHODS = ["shapley", "price-first", "volume-first"]


def _factors(values: tuple[Fraction, Fraction, Fraction]) -> dict[str, Fraction]:
    return dict(zip(("price", "volume", "mix"), values, strict=True))


class TestSplitProduct:
    @pytest.mark.parametrize(
        ("method", "price", "volume"),
        [
            ("shapley", Fraction("2.49"), Fraction("5.66")),
            ("price-first", Fraction("0.83"), Fraction("7.32")),
            ("volume-first", Fraction("4.15"), Fraction("4.00")),
        ],
    )
    def test_seed_case(self, method: str, price: Fraction, volume: Fraction) -> None:
        """+83% price and +400% volume: the effects of each method."""
        effects = split_product(
            {"price": Fraction(1), "volume": Fraction(1)},
            {"price": Fraction("1.83"), "volume": Fraction(5)},
            method,  # type: ignore[arg-type]
        )
        assert effects == {"price": price, "volume": volume}

    def test_three_factors_by_hand(self) -> None:
        """2 -> 3, 5 -> 7, 11 -> 13: effects worked by hand over the 6 orders."""
        before = _factors((Fraction(2), Fraction(5), Fraction(11)))
        after = _factors((Fraction(3), Fraction(7), Fraction(13)))
        # price: 1 x [(5*11 + 7*13)/3 + (5*13 + 7*11)/6] = 146/3 + 142/6
        assert split_product(before, after) == {
            "price": Fraction(146, 3) + Fraction(142, 6),
            "volume": 2 * (Fraction(2 * 11 + 3 * 13, 3) + Fraction(2 * 13 + 3 * 11, 6)),
            "mix": 2 * (Fraction(2 * 5 + 3 * 7, 3) + Fraction(2 * 7 + 3 * 5, 6)),
        }
        # price-first: price at old volume and mix, then volume, then mix.
        assert split_product(before, after, "price-first") == {
            "price": Fraction(55),
            "volume": Fraction(66),
            "mix": Fraction(2 * 3 * 7),
        }
        # volume-first: volume, then mix, then price at the new volume and mix.
        assert split_product(before, after, "volume-first") == {
            "volume": Fraction(44),
            "mix": Fraction(28),
            "price": Fraction(91),
        }

    @given(triples, triples, st.sampled_from(METHODS))
    def test_effects_add_up_to_the_change(
        self, old: Triple, new: Triple, method: str
    ) -> None:
        """Whatever the factors and the method, the effects sum to the change."""
        effects = split_product(_factors(old), _factors(new), method)  # type: ignore[arg-type]
        assert (
            sum(effects.values()) == new[0] * new[1] * new[2] - old[0] * old[1] * old[2]
        )

    @given(fractions, fractions, fractions, fractions)
    def test_two_factor_shapley_is_the_mean_of_both_orders(
        self, p0: Fraction, p1: Fraction, q0: Fraction, q1: Fraction
    ) -> None:
        """With two factors, Shapley averages price-first and volume-first."""
        before, after = {"price": p0, "volume": q0}, {"price": p1, "volume": q1}
        first = split_product(before, after, "price-first")
        second = split_product(before, after, "volume-first")
        shapley = split_product(before, after)
        for name in ("price", "volume"):
            assert shapley[name] == (first[name] + second[name]) / 2

    @given(triples, fractions)
    def test_a_factor_that_stays_has_no_effect(
        self, old: Triple, price: Fraction
    ) -> None:
        """Only the price moved: all of the change is the price's."""
        before = _factors(old)
        after = {**before, "price": price}
        for method in METHODS:
            effects = split_product(before, after, method)  # type: ignore[arg-type]
            assert effects["volume"] == effects["mix"] == 0

    @given(triples, triples, st.sampled_from(METHODS))
    def test_closed_forms_agree_with_the_orders(
        self, old: Triple, new: Triple, method: str
    ) -> None:
        """split_cell's formulas equal split_product's walk over the orders."""
        walked = split_product(_factors(old), _factors(new), method)  # type: ignore[arg-type]
        price, volume, mix = split_cell(
            (old[0], new[0]),
            (old[1], new[1]),
            (old[2], new[2]),
            method,  # type: ignore[arg-type]
        )
        assert (price, volume, mix) == (
            walked["price"],
            walked["volume"],
            walked["mix"],
        )

    def test_unknown_method(self) -> None:
        """An unknown method is one clear error listing the known ones."""
        one = {"price": Fraction(1), "volume": Fraction(1)}
        with pytest.raises(InvalidInputError, match="'lmdi'.*shapley, price-first"):
            split_product(one, one, "lmdi")  # type: ignore[arg-type]


class TestRounding:
    def test_quantum(self) -> None:
        """28 digits of the largest figure, never coarser than a bill amount."""
        assert quantum_exponent([Fraction(8, 3)], [Decimal("58000")]) == 4 - 27
        assert quantum_exponent([Fraction(1, 3)], []) == -28
        assert (
            quantum_exponent([], [Decimal("0.123456789012345678901234567891")]) == -30
        )

    def test_largest_absorbs_the_last_digit(self) -> None:
        """Thirds of 1 at 2 places: 0.34, 0.33, 0.33 (the first of equals)."""
        assert apportion([Fraction(1, 3)] * 3, 1, -2) == [34, 33, 33]
        # 1/3 and 2/3 round to 0.33 and 0.67: nothing is left over.
        values = [Fraction(1, 3), Fraction(2, 3), Fraction(1)]
        assert apportion(values, 2, -2) == [33, 67, 100]
        assert apportion([Fraction(1, 6), Fraction(5, 6)], 1, -3) == [167, 833]
        assert apportion([Fraction(1, 6), Fraction(1, 6), Fraction(2, 3)], 1, -3) == [
            167,
            167,
            666,
        ]

    def test_exact_decimals_of_any_length(self) -> None:
        """Fractions with a finite decimal form become it, past 120 digits."""
        long = Fraction(10**130 + 1, 10**125)
        assert Fraction(exact_decimal(long)) == long
        assert len(exact_decimal(long).as_tuple().digits) == 131
        assert str(exact_decimal(Fraction(7, 8))) == "0.875"
        assert str(to_decimal_at(10**130 + 1, -125)).endswith("0001")
        with pytest.raises(InvalidInputError, match="1/3 has no finite decimal"):
            exact_decimal(Fraction(1, 3))

    def test_decimal_form(self) -> None:
        """Units times the quantum, without trailing zeros."""
        assert str(to_decimal_at(5660, -3)) == "5.66"
        assert str(to_decimal_at(-12, 3)) == "-12000"

    @given(st.lists(fractions, min_size=1, max_size=6), st.integers(-6, 2))
    def test_apportion_sums_exactly(
        self, values: list[Fraction], exponent: int
    ) -> None:
        """The rounded parts add up to the total, each within a few units."""
        unit = Fraction(10) ** exponent
        total = round(sum(values) / unit) * unit
        values[0] += total - sum(values)
        units = apportion(values, total, exponent)
        assert sum(units) * unit == total
        for value, rounded in zip(values, units, strict=True):
            assert abs(rounded * unit - value) <= unit * len(values)

    @given(
        st.lists(st.lists(fractions, min_size=5, max_size=5), min_size=1, max_size=6),
        st.integers(-4, 1),
    )
    def test_table_rows_and_columns_add_up(
        self, table: list[list[Fraction]], exponent: int
    ) -> None:
        """Every group adds up to its change, every effect to its total."""
        unit = Fraction(10) ** exponent
        # Make every row total a whole number of units, as bill changes are.
        for row in table:
            row[0] += round(sum(row) / unit) * unit - sum(row)
        rows = [sum(row) for row in table]
        columns = [sum(row[k] for row in table) for k in range(5)]
        column_units = apportion(columns, sum(rows), exponent)
        rounded = round_table(table, rows, column_units, exponent)
        for row, total in zip(rounded, rows, strict=True):
            assert sum(row) * unit == total
        for k in range(5):
            assert sum(row[k] for row in rounded) == column_units[k]
        for row, exact in zip(rounded, table, strict=True):
            for cell, value in zip(row, exact, strict=True):
                assert abs(cell * unit - value) <= unit * 12

    def test_exact_zeros_stay_zero(self) -> None:
        """A group with only a price effect keeps zeros elsewhere."""
        third = Fraction(1, 3)
        table = [
            [third, Fraction(0), 2 * third],
            [Fraction(2), Fraction(0), Fraction(0)],
        ]
        columns = apportion([third + 2, Fraction(0), 2 * third], 3, -2)
        assert round_table(table, [1, 2], columns, -2) == [[33, 0, 67], [200, 0, 0]]
