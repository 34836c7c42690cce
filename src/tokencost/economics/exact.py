"""
Exact arithmetic for the economics functions, and what happens at its edge.

`exact_arithmetic` runs a function in the one exact context of
`tokencost._decimal`, so the caller's own context never changes a figure,
and turns a result beyond what `decimal` can hold (an overflow, a division
by zero, an undefined power) into an `EconomicsError` naming the function,
never a bare `decimal` exception.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import DivisionByZero, InvalidOperation, Overflow
from typing import ParamSpec, TypeVar

from tokencost._decimal import exact_arithmetic as _exact
from tokencost._errors import EconomicsError

__all__ = ["exact_arithmetic"]

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
