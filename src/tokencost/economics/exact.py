"""
Exact arithmetic for the economics functions, and what happens at its edge.

`exact_arithmetic` runs a function in the one exact context of
`tokencost._decimal`, so the caller's own context never changes a figure,
and turns a result beyond what `decimal` can hold (an overflow, a division
by zero, an undefined power) into an `EconomicsError` naming the function,
never a bare `decimal` exception.

`less_one` gives a change (a multiplier less one) with 28 digits of its
own, however close to zero it is.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from typing import ParamSpec, TypeVar

from tokencost._decimal import WORKING, finish, work
from tokencost._decimal import exact_arithmetic as _exact
from tokencost._errors import EconomicsError

__all__ = ["exact_arithmetic", "less_one"]

# Enough for any change built from figures between 1e-30 and 1e30 in size:
# such a change is either 0 or far above 1e-300.
_MOST = 400

_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact_arithmetic(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """*func* in the exact context; figures out of range are an
    `EconomicsError`."""
    exact = _exact(func)

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return exact(*args, **kwargs)
        except (InvalidOperation, DivisionByZero, Overflow):
            raise EconomicsError(
                f"{func.__name__}: the figures given are beyond what can be "
                "computed (a result too large, too small or undefined)"
            ) from None

    return wrapper


def less_one(multiplier: Callable[[Context], Decimal]) -> Decimal:
    """
    ``multiplier - 1`` to 28 significant digits of its own.

    *multiplier* computes a figure such as ``(1 + dp) ** e`` in the context
    it is given. A multiplier of 1.00...01 worked at 50 digits leaves a
    change with few digits, so it is worked again with as many more digits
    as the change has leading zeros.
    """
    digits = WORKING
    while True:
        ctx = work(digits)
        change = ctx.subtract(multiplier(ctx), 1)
        zeros = 0 if change.is_zero() else max(0, -change.adjusted())
        if change.is_zero():
            if digits >= _MOST:
                return Decimal(0)
            digits = min(2 * digits, _MOST)
            continue
        if digits >= WORKING + zeros:
            return finish(change)
        digits = WORKING + zeros
