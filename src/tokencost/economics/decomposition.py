"""
Splitting a change in a product of factors into one effect per factor.

A bill is a sum of products: each cell's cost is volume x mix share x unit
price. When the factors change, how much of the change in the product is
each factor's? The answer depends on the order in which the factors are
moved from their old values to their new ones:

- a sequential method moves them in one fixed order, and each factor's
  effect is the change it makes when its turn comes;
- the Shapley method (L. S. Shapley, "A Value for n-Person Games", 1953)
  averages the sequential effects over every order, so no factor is
  favoured. With two factors that is an average of 2 orders, with three of
  6, so its effects are exact fractions with no finite decimal form.

The functions here work on `Fraction` and never round; `apportion` and
`round_table` then round the effects at a fixed decimal quantum so that the
rounded parts still add up exactly to the (exact) change, the largest
effect absorbing the last digit.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias

from tokencost._decimal import from_fraction
from tokencost._errors import InvalidInputError

__all__ = [
    "BRIDGE_METHODS",
    "SIGNIFICANT",
    "BridgeMethod",
    "apportion",
    "check_method",
    "exact_decimal",
    "quantum_exponent",
    "round_table",
    "split_cell",
    "split_product",
    "to_decimal_at",
]

BridgeMethod: TypeAlias = Literal["shapley", "price-first", "volume-first"]
#: The ways of ordering the effects, the default first.
BRIDGE_METHODS: tuple[BridgeMethod, ...] = ("shapley", "price-first", "volume-first")

#: The order each sequential method moves the factors in. Factors a product
#: does not have are skipped.
_ORDERS: dict[str, tuple[str, ...]] = {
    "price-first": ("price", "volume", "mix"),
    "volume-first": ("volume", "mix", "price"),
}

#: Significant digits of the largest figure of a bridge.
SIGNIFICANT = 28


def check_method(method: object) -> BridgeMethod:
    """*method* if it is one of `BRIDGE_METHODS`, else a one-line error."""
    for known in BRIDGE_METHODS:
        if method == known:
            return known
    raise InvalidInputError(
        f"unknown bridge method {method!r}: expected one of {', '.join(BRIDGE_METHODS)}"
    )


def _product(values: Mapping[str, Fraction]) -> Fraction:
    result = Fraction(1)
    for value in values.values():
        result *= value
    return result


def split_product(
    before: Mapping[str, Fraction],
    after: Mapping[str, Fraction],
    method: BridgeMethod = "shapley",
) -> dict[str, Fraction]:
    """
    The effect of each factor on the change of their product, exactly.

    *before* and *after* name the same factors (``price``, ``volume``, and
    optionally ``mix``). The effects always add up to
    ``prod(after) - prod(before)``.

    >>> split_product({"price": Fraction(1), "volume": Fraction(1)},
    ...               {"price": Fraction(183, 100), "volume": Fraction(5)})
    {'price': Fraction(249, 100), 'volume': Fraction(283, 50)}
    """
    if set(before) != set(after):
        raise InvalidInputError(
            f"factors differ: {sorted(before)} before, {sorted(after)} after"
        )
    names = tuple(before)
    if method == "shapley":
        orders: list[tuple[str, ...]] = list(itertools.permutations(names))
    else:
        orders = [tuple(n for n in _ORDERS[check_method(method)] if n in names)]
        if set(orders[0]) != set(names):
            raise InvalidInputError(
                f"factors {sorted(names)}: expected price, volume and mix"
            )
    effects = dict.fromkeys(names, Fraction(0))
    for order in orders:
        current = dict(before)
        value = _product(current)
        for name in order:
            current[name] = after[name]
            moved = _product(current)
            effects[name] += moved - value
            value = moved
    count = len(orders)
    return {name: effect / count for name, effect in effects.items()}


def split_cell(
    price: tuple[Fraction, Fraction],
    volume: tuple[Fraction, Fraction],
    mix: tuple[Fraction, Fraction],
    method: BridgeMethod = "shapley",
) -> tuple[Fraction, Fraction, Fraction]:
    """
    `split_product` for price x volume x mix, by its closed forms: the
    price, volume and mix effects of one cell of a bridge.

    Shapley gives a factor A of A x B x C the change dA x [(B0 C0 + B1 C1)/3
    + (B0 C1 + B1 C0)/6]: the orders where A moves first or last count
    twice as often as each of the two where it moves second.

    >>> one, two = Fraction(1), Fraction(2)
    >>> split_cell((one, two), (one, one), (one, one))
    (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1))
    """
    (p0, p1), (v0, v1), (m0, m1) = price, volume, mix
    dp, dv, dm = p1 - p0, v1 - v0, m1 - m0
    if method == "price-first":
        return dp * v0 * m0, p1 * dv * m0, p1 * v1 * dm
    if method == "volume-first":
        return v1 * m1 * dp, dv * m0 * p0, v1 * dm * p0

    def shapley(
        delta: Fraction, b: tuple[Fraction, Fraction], c: tuple[Fraction, Fraction]
    ) -> Fraction:
        if not delta:
            return Fraction(0)
        same = b[0] * c[0] + b[1] * c[1]
        crossed = b[0] * c[1] + b[1] * c[0]
        return delta * (2 * same + crossed) / 6

    return (
        shapley(dp, (v0, v1), (m0, m1)),
        shapley(dv, (p0, p1), (m0, m1)),
        shapley(dm, (v0, v1), (p0, p1)),
    )


def _magnitude(value: Fraction) -> int:
    """The position of the first significant digit (Decimal.adjusted)."""
    if value == 0:
        return 0
    quotient = from_fraction(value)
    return quotient.adjusted()


def quantum_exponent(
    exact: Sequence[Fraction], fixed: Sequence[Decimal], digits: int = SIGNIFICANT
) -> int:
    """
    The exponent of the decimal quantum a set of figures is rounded at.

    *digits* significant digits of the largest figure, but never coarser
    than the last digit of any *fixed* figure (the exact amounts of the
    bills), so those stay exact multiples of the quantum.

    >>> quantum_exponent([Fraction(1, 3)], [Decimal("41000.25")])
    -23
    >>> quantum_exponent([Fraction(1, 3)], [Decimal("1E-30")])
    -30
    """
    values = [*exact, *(Fraction(d) for d in fixed)]
    largest = max((abs(v) for v in values), default=Fraction(0))
    exponent = _magnitude(largest) - (digits - 1)
    for amount in fixed:
        if amount:
            exponent = min(exponent, _last_digit(amount))
    return exponent


def _last_digit(amount: Decimal) -> int:
    """The exponent of the last non-zero digit of a finite *amount*, exactly."""
    _, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return exponent + zeros


def _units(value: Fraction, exponent: int) -> Fraction:
    """*value* in units of 10**exponent."""
    return value / Fraction(10) ** exponent


def to_decimal_at(units: int, exponent: int) -> Decimal:
    """
    ``units * 10**exponent`` as a tidy Decimal: no trailing zeros, no -0.

    >>> to_decimal_at(24900, -4), to_decimal_at(-3, 2), to_decimal_at(0, -5)
    (Decimal('2.49'), Decimal('-300'), Decimal('0'))
    """
    if units == 0:
        return Decimal(0)
    # Built from its digits, so no context rounds an amount of any length.
    while units % 10 == 0:
        units //= 10
        exponent += 1
    if exponent > 0:
        units *= 10**exponent
        exponent = 0
    digits = tuple(int(d) for d in str(abs(units)))
    return Decimal((1 if units < 0 else 0, digits, exponent))


def exact_decimal(value: Fraction) -> Decimal:
    """
    A fraction with a finite decimal form (sums of bill amounts, converted
    or not) as that Decimal, exactly, whatever its length.

    >>> exact_decimal(Fraction(-249, 100)), exact_decimal(Fraction(3, 8))
    (Decimal('-2.49'), Decimal('0.375'))

    Raises:
        InvalidInputError: for a fraction with no finite decimal form.
    """
    denominator = value.denominator
    places = 0
    while denominator % 10 == 0:
        denominator //= 10
        places += 1
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        raise InvalidInputError(f"{value} has no finite decimal form")
    extra = max(twos, fives)
    scaled = value * Fraction(10) ** (places + extra)
    return to_decimal_at(scaled.numerator, -(places + extra))


def _whole_units(total: Fraction | Decimal | int, exponent: int) -> int:
    units = _units(Fraction(total), exponent)
    if units.denominator != 1:
        raise InvalidInputError(
            f"total {total} is not a whole number of units of 1E{exponent}"
        )
    return units.numerator


def apportion(
    values: Sequence[Fraction], total: Fraction | Decimal | int, exponent: int
) -> list[int]:
    """
    Round *values* (which add up to *total*) to whole units of 10**exponent,
    half to even, so that the rounded values still add up to *total*: what
    rounding leaves over goes to the largest value (the first, on a tie).

    Returns the rounded values in units.

    >>> apportion([Fraction(1, 3)] * 3, 1, -2)
    [34, 33, 33]
    """
    units = [round(_units(v, exponent)) for v in values]
    left = _whole_units(total, exponent) - sum(units)
    if left and values:
        largest = max(range(len(values)), key=lambda i: (abs(values[i]), -i))
        units[largest] += left
    return units


def round_table(
    table: Sequence[Sequence[Fraction]],
    row_totals: Sequence[Fraction | Decimal | int],
    column_totals: Sequence[int],
    exponent: int,
) -> list[list[int]]:
    """
    Round a table of exact effects (a row per group, a column per effect) to
    whole units of 10**exponent, keeping every row adding up to its total
    and every column to its total (already rounded, in units).

    Each cell starts at its value rounded half to even. What is left over in
    the rows and columns is then moved one unit at a time onto the largest
    cell whose row and column both need it, cells that were actually
    rounded first. With no such cell left, the rows or the columns are all
    balanced, and a unit moves between two cells of one column (or one
    row). Every step brings the table one unit nearer its totals, so the
    loop ends.

    >>> third = Fraction(1, 3)
    >>> round_table([[third, 2 * third], [2 * third, third]], [1, 1], [100, 100], -2)
    [[33, 67], [67, 33]]
    """
    units = [[round(_units(v, exponent)) for v in row] for row in table]
    width = len(column_totals)
    rows = [
        _whole_units(total, exponent) - sum(row)
        for total, row in zip(row_totals, units, strict=True)
    ]
    columns = [column_totals[k] - sum(row[k] for row in units) for k in range(width)]
    if sum(rows) != sum(columns):
        raise InvalidInputError("the row and column totals of the table differ")

    def weight(g: int, k: int) -> tuple[bool, Fraction]:
        exact = table[g][k]
        return (_units(exact, exponent) != units[g][k], abs(exact))

    while any(rows) or any(columns):
        pairs = [
            (g, k)
            for g, r in enumerate(rows)
            for k, c in enumerate(columns)
            if r and c and (r > 0) == (c > 0)
        ]
        if pairs:
            g, k = max(pairs, key=lambda gk: weight(*gk))
            step = 1 if rows[g] > 0 else -1
            units[g][k] += step
            rows[g] -= step
            columns[k] -= step
        elif any(rows):
            up = next(g for g, r in enumerate(rows) if r > 0)
            down = next(g for g, r in enumerate(rows) if r < 0)
            k = max(range(width), key=lambda k: min(weight(up, k), weight(down, k)))
            units[up][k] += 1
            units[down][k] -= 1
            rows[up] -= 1
            rows[down] += 1
        else:
            up = next(k for k, c in enumerate(columns) if c > 0)
            down = next(k for k, c in enumerate(columns) if c < 0)
            g = max(
                range(len(units)), key=lambda g: min(weight(g, up), weight(g, down))
            )
            units[g][up] += 1
            units[g][down] -= 1
            columns[up] -= 1
            columns[down] += 1
    return units
