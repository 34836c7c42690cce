"""
The precision of computed ratios, and how they are shown.

Results of the economics functions are `Decimal` values with at most
`SIGNIFICANT` (28) significant digits, the default precision of `decimal`:

- Rational formulas (simple and midpoint elasticities, revenue multipliers,
  break-even changes, headroom) form their numerator and denominator exactly
  and divide once, so the result is the quotient correctly rounded to 28
  digits. A result that is exact in 28 digits, such as ``-1``, is exact.
- Formulas with logarithms, exponentials or fractional powers are worked at
  `WORKING` (50) digits and rounded to 28 at the end, which leaves them
  accurate to within a unit or so in the 28th digit.

Results never depend on the caller's own `decimal` context. Trailing zeros
are dropped (``Decimal("-1")``, not ``Decimal("-1.000")``) and zero is
never negative.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from fractions import Fraction
from typing import ParamSpec, TypeVar

__all__ = [
    "EXACT",
    "SIGNIFICANT",
    "WORKING",
    "divide",
    "exact_arithmetic",
    "finish",
    "from_fraction",
    "normalize",
    "work",
]

#: Significant digits kept in every result.
SIGNIFICANT = 28
#: Significant digits carried through logarithms and powers.
WORKING = 50

_TRAPS = [InvalidOperation, DivisionByZero, Overflow]
_RESULT = Context(prec=SIGNIFICANT, rounding=ROUND_HALF_EVEN, traps=_TRAPS)
#: The one exact context: enough digits that sums and products of prices,
#: counts and rates are exact. Every module computes money in it, never in
#: the caller's context.
EXACT = Context(prec=120, rounding=ROUND_HALF_EVEN, traps=_TRAPS)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact_arithmetic(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """
    Run *func* with `EXACT` as the current context.

    Sums and products written with ``+``, ``-`` and ``*`` are then exact for
    any figure a person types, and never follow the caller's own context.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(EXACT):
            return func(*args, **kwargs)

    return wrapper


def work(digits: int = WORKING) -> Context:
    """A fresh context for transcendental steps, at *digits* (`WORKING`)."""
    return Context(prec=digits, rounding=ROUND_HALF_EVEN, traps=_TRAPS)


def from_fraction(value: Fraction) -> Decimal:
    """
    An exact fraction as a Decimal, correctly rounded in `EXACT`.

    >>> from_fraction(Fraction(1, 8)), from_fraction(Fraction(2, 3)).adjusted()
    (Decimal('0.125'), -1)
    """
    return EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))


def finish(value: Decimal) -> Decimal:
    """
    Round *value* to 28 significant digits and drop trailing zeros.

    >>> finish(Decimal("-1.0000")), finish(Decimal("-0")), finish(Decimal("1E+2"))
    (Decimal('-1'), Decimal('0'), Decimal('100'))
    """
    rounded = _RESULT.plus(value)
    if rounded.is_zero():
        return Decimal(0)
    return normalize(rounded)


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """
    ``numerator / denominator`` correctly rounded to 28 digits, tidied.

    >>> divide(Decimal(4), Decimal("0.83"))
    Decimal('4.819277108433734939759036145')
    """
    return finish(_RESULT.divide(numerator, denominator))


def normalize(number: Decimal) -> Decimal:
    """
    Drop trailing zeros without switching to scientific notation; exact.

    >>> normalize(Decimal("0.18452000")), normalize(Decimal("1.2E+3"))
    (Decimal('0.18452'), Decimal('1200'))
    >>> normalize(Decimal("1.00000000000000000000000000001000"))
    Decimal('1.00000000000000000000000000001')
    """
    # The exact context, so normalizing never rounds a computed amount.
    normal = number.normalize(EXACT)
    if normal.adjusted() < 1:
        # Below 10 in size, so the exponent cannot be positive.
        return normal
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return normal.quantize(Decimal(1), context=EXACT)
    return normal
