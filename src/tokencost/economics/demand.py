"""
Demand shifts: when price and volume moved the same way, how far the curve moved.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import EXACT, finish, work
from tokencost._parsing import Number
from tokencost._render import fmt_change, fmt_ratio
from tokencost._results import result
from tokencost.economics.elasticity import (
    _ONE,
    Elasticity,
    _elasticity_value,
    _price_change,
    _rows,
    _volume_change,
)
from tokencost.economics.exact import exact_arithmetic, less_one

__all__ = ["DemandShift", "demand_shift"]


@result
@attrs.frozen
class DemandShift:
    """
    How far demand must have moved to produce an observed volume change.

    Under a constant elasticity e, the price change alone moves volume by
    (1 + dp)^e (a move along the curve); whatever the observed volume has
    beyond that is the curve itself moving outwards (or inwards).

    >>> s = demand_shift("25%", "0%", -1)
    >>> s.along_curve, s.shift
    (Decimal('0.8'), Decimal('0.25'))
    """

    price_change: Decimal
    """The observed price change, as a fraction."""
    volume_change: Decimal
    """The observed volume change, as a fraction."""
    elasticity: Decimal
    """The true elasticity assumed."""
    along_curve: Decimal
    """Q1/Q0 that the price change alone would give: (1 + dp)^e."""
    multiplier: Decimal
    """How many times demand grew: (1 + dq) / (1 + dp)^e."""

    @property
    @exact_arithmetic
    def shift(self) -> Decimal:
        """The growth of demand at a fixed price, as a fraction, with 28
        digits of its own (not the rounded multiplier less one)."""
        growth = EXACT.add(_ONE, self.price_change)
        volume = EXACT.add(_ONE, self.volume_change)
        return less_one(
            lambda ctx: ctx.divide(volume, ctx.power(growth, self.elasticity))
        )

    @exact_arithmetic
    def __str__(self) -> str:
        return (
            f"at elasticity {fmt_ratio(self.elasticity)}, price "
            f"{fmt_change(self.price_change)} alone moves volume "
            f"{fmt_change(finish(self.along_curve - 1))}; observing "
            f"{fmt_change(self.volume_change)} means demand grew "
            f"{fmt_change(self.shift)}"
        )

    @exact_arithmetic
    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row."""
        return _rows(
            [
                ("price change", fmt_change(self.price_change)),
                ("volume change observed", fmt_change(self.volume_change)),
                ("elasticity assumed", fmt_ratio(self.elasticity)),
                (
                    "volume change from price alone",
                    fmt_change(finish(self.along_curve - 1)),
                ),
                ("demand multiplier", fmt_ratio(self.multiplier)),
                ("demand shift", fmt_change(self.shift)),
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        """The full-precision figures, Decimals as strings."""
        return {
            "price_change": str(self.price_change),
            "volume_change": str(self.volume_change),
            "elasticity": str(self.elasticity),
            "along_curve": str(self.along_curve),
            "multiplier": str(self.multiplier),
            "shift": str(self.shift),
        }


@exact_arithmetic
def demand_shift(
    price_change: Number, volume_change: Number, elasticity: Number | Elasticity
) -> DemandShift:
    """
    How much demand must have grown for the observed volume change to appear
    under an assumed true (constant) elasticity.

    The multiplier is (1 + dq) / (1 + dp)^e: the observed volume over the
    volume the old demand curve would have given at the new price.

    Raises:
        InvalidQuantityError: for a price change of -100% or below, or a
            volume change below -100%.
    """
    dp = _price_change(price_change)
    dq = _volume_change(volume_change)
    e = _elasticity_value(elasticity)
    ctx = work()
    along = ctx.power(EXACT.add(_ONE, dp), e)
    return DemandShift(
        price_change=finish(dp),
        volume_change=finish(dq),
        elasticity=finish(e),
        along_curve=finish(along),
        multiplier=finish(ctx.divide(EXACT.add(_ONE, dq), along)),
    )
