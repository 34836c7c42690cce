"""
Forecasts: volume and revenue after a price change, for a given elasticity.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import EXACT, finish, work
from tokencost._errors import (
    EconomicsError,
)
from tokencost._money import Money, format_amount
from tokencost._parsing import Number, parse_amount
from tokencost._render import fmt_change, fmt_ratio
from tokencost._results import result
from tokencost.economics.elasticity import (
    _ONE,
    MODELS,
    Elasticity,
    Model,
    PriceLike,
    _elasticity_value,
    _price_change,
    _rows,
    _volume_change,
)
from tokencost.economics.exact import exact_arithmetic, less_one

__all__ = ["Forecast", "forecast", "revenue_multiplier"]

# -- forecasts --------------------------------------------------------------


def _power(base: Decimal, exponent: Decimal) -> Decimal:
    """``base ** exponent`` for base > 0, at working precision."""
    return work().power(base, exponent)


@result
@attrs.frozen
class Forecast:
    """
    Volume and revenue after a price change, under an assumed demand curve.

    >>> f = forecast(price_change="21%", elasticity=-0.5)
    >>> f.volume_multiplier, f.revenue_multiplier
    (Decimal('0.9090909090909090909090909091'), Decimal('1.1'))
    """

    price_change: Decimal
    """The price change, as a fraction."""
    elasticity: Decimal
    """The elasticity assumed."""
    model: Model
    """``"constant"`` (Q1/Q0 = (1+dp)^e) or ``"linear"`` (Q1/Q0 = 1 + e dp)."""
    volume_multiplier: Decimal
    """Q1 / Q0."""
    revenue_multiplier: Decimal
    """R1 / R0 = (1 + dp) * Q1 / Q0."""
    base_volume: Decimal | None = None
    """The volume before the change, when given."""
    base_price: Decimal | None = None
    """The price before the change, when given."""
    currency: str | None = None
    """The currency of `base_price`, when it was given as `Money`."""
    unit: str | None = None
    """What the volume counts (``"MTok"``, ``"requests"``); the price is per
    one of it."""

    @property
    @exact_arithmetic
    def volume_change(self) -> Decimal:
        """The volume change, as a fraction, with 28 digits of its own
        (from the price change and elasticity, not the rounded multiplier)."""
        growth = EXACT.add(_ONE, self.price_change)
        if self.model == "linear":
            return finish(
                max(EXACT.multiply(self.elasticity, self.price_change), -_ONE)
            )
        if self.price_change == 0 or self.elasticity == 0:
            return Decimal(0)
        return less_one(lambda ctx: ctx.power(growth, self.elasticity))

    @property
    @exact_arithmetic
    def revenue_change(self) -> Decimal:
        """The revenue change, as a fraction, with 28 digits of its own."""
        growth = EXACT.add(_ONE, self.price_change)
        if self.model == "linear":
            volume = EXACT.add(_ONE, EXACT.multiply(self.elasticity, self.price_change))
            if volume <= 0:
                return -_ONE
            return finish(EXACT.subtract(EXACT.multiply(growth, volume), _ONE))
        exponent = EXACT.add(self.elasticity, _ONE)
        if self.price_change == 0 or exponent == 0:
            return Decimal(0)
        return less_one(lambda ctx: ctx.power(growth, exponent))

    @property
    @exact_arithmetic
    def volume(self) -> Decimal | None:
        """The volume after the change, when a base volume was given."""
        if self.base_volume is None:
            return None
        return finish(EXACT.multiply(self.base_volume, self.volume_multiplier))

    @property
    @exact_arithmetic
    def price(self) -> Decimal | None:
        """The price after the change, when a base price was given."""
        if self.base_price is None:
            return None
        return finish(EXACT.multiply(self.base_price, 1 + self.price_change))

    @property
    @exact_arithmetic
    def base_revenue(self) -> Decimal | None:
        """Revenue before the change, when volume and price were given."""
        if self.base_volume is None or self.base_price is None:
            return None
        return finish(EXACT.multiply(self.base_volume, self.base_price))

    @property
    @exact_arithmetic
    def revenue(self) -> Decimal | None:
        """Revenue after the change, when volume and price were given."""
        base = self.base_revenue
        if base is None:
            return None
        return finish(EXACT.multiply(base, self.revenue_multiplier))

    def __str__(self) -> str:
        return (
            f"price {fmt_change(self.price_change)} at elasticity "
            f"{fmt_ratio(self.elasticity)} ({self.model}): volume "
            f"{fmt_change(self.volume_change)}, revenue "
            f"{fmt_change(self.revenue_change)}"
        )

    def _amount(self, value: Decimal | None) -> str | None:
        if value is None:
            return None
        text = format_amount(value)
        return text if self.currency is None else f"{text} {self.currency}"

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row; absolute figures only when bases were given."""
        pairs = [
            ("model", self.model),
            ("price change", fmt_change(self.price_change)),
            ("elasticity", fmt_ratio(self.elasticity)),
            ("volume multiplier", fmt_ratio(self.volume_multiplier)),
            ("volume change", fmt_change(self.volume_change)),
            ("revenue multiplier", fmt_ratio(self.revenue_multiplier)),
            ("revenue change", fmt_change(self.revenue_change)),
        ]
        volume = self.volume
        counted = "" if self.unit is None else f" ({self.unit})"
        if self.base_volume is not None and volume is not None:
            pairs.append((f"volume before{counted}", fmt_ratio(self.base_volume, 2)))
            pairs.append((f"volume after{counted}", fmt_ratio(volume, 2)))
        each = "" if self.unit is None else f" (per {self.unit})"
        extra = [
            (f"price before{each}", self._amount(self.base_price)),
            (f"price after{each}", self._amount(self.price)),
            ("revenue before", self._amount(self.base_revenue)),
            ("revenue after", self._amount(self.revenue)),
        ]
        pairs.extend((name, text) for name, text in extra if text is not None)
        return _rows(pairs)

    def to_dict(self) -> dict[str, Any]:
        """The full-precision figures, Decimals as strings; absent ones None."""

        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "model": self.model,
            "price_change": str(self.price_change),
            "elasticity": str(self.elasticity),
            "volume_multiplier": str(self.volume_multiplier),
            "volume_change": str(self.volume_change),
            "revenue_multiplier": str(self.revenue_multiplier),
            "revenue_change": str(self.revenue_change),
            "base_volume": text(self.base_volume),
            "volume": text(self.volume),
            "base_price": text(self.base_price),
            "price": text(self.price),
            "base_revenue": text(self.base_revenue),
            "revenue": text(self.revenue),
            "currency": self.currency,
            "unit": self.unit,
        }


@exact_arithmetic
def forecast(
    *,
    price_change: Number,
    elasticity: Number | Elasticity,
    model: Model = "constant",
    base_volume: Number | None = None,
    base_price: PriceLike | None = None,
    unit: str | None = None,
) -> Forecast:
    """
    What a price change does to volume and revenue, given an elasticity.

    Args:
        price_change: The change, as a fraction or a percentage string,
            above -100%.
        elasticity: The elasticity to assume (a number or an `Elasticity`).
        model: ``"constant"``: constant-elasticity demand, Q1/Q0 = (1+dp)^e.
            ``"linear"``: a straight demand line with elasticity e at the
            starting point, Q1/Q0 = 1 + e dp; volume stops at zero past the
            price where the line meets the axis.
        base_volume: The volume before the change, for absolute figures.
        base_price: The price before the change (a number or `Money`).
        unit: What the volume counts, such as ``"MTok"`` or ``"requests"``;
            shown with the volumes and prices.

    Raises:
        InvalidQuantityError: for a price change of -100% or below, or a
            negative base.
        EconomicsError: for an unknown model, or a constant-elasticity
            multiplier too large or too small for a decimal.
    """
    if model not in MODELS:
        raise EconomicsError(
            f"unknown demand model {model!r}: expected one of {', '.join(MODELS)}"
        )
    dp = _price_change(price_change)
    e = _elasticity_value(elasticity)
    growth = EXACT.add(_ONE, dp)
    if model == "constant":
        volume = _power(growth, e)
        if volume.is_zero():
            # (1 + dp)^e is never 0: below 1e-999999 a decimal flushes it
            # to 0, which would be a wrong figure, as an overflow would be.
            raise EconomicsError(
                f"forecast: (1 + {finish(dp)}) ** {finish(e)} is too small to "
                "compute (below 1e-999999): expected an elasticity nearer zero"
            )
    else:
        volume = max(EXACT.add(_ONE, EXACT.multiply(e, dp)), Decimal(0))
    # Both multipliers come from the unrounded volume, so each is rounded once.
    revenue = finish(EXACT.multiply(growth, volume))
    volume = finish(volume)
    volume_base = (
        None if base_volume is None else parse_amount(base_volume, what="base volume")
    )
    price_base: Decimal | None = None
    currency: str | None = None
    if isinstance(base_price, Money):
        price_base, currency = (
            parse_amount(base_price.amount, what="base price"),
            base_price.currency,
        )
    elif base_price is not None:
        price_base = parse_amount(base_price, what="base price")
    return Forecast(
        price_change=finish(dp),
        elasticity=finish(e),
        model=model,
        volume_multiplier=volume,
        revenue_multiplier=revenue,
        base_volume=volume_base,
        base_price=price_base,
        currency=currency,
        unit=unit,
    )


@exact_arithmetic
def revenue_multiplier(price_change: Number, volume_change: Number) -> Decimal:
    """
    Revenue after over revenue before: (1 + dp)(1 + dq), exact.

    >>> revenue_multiplier("83%", "400%")
    Decimal('9.15')
    >>> revenue_multiplier("25%", "-20%")
    Decimal('1')
    """
    dp = _price_change(price_change)
    dq = _volume_change(volume_change)
    return finish(EXACT.multiply(EXACT.add(_ONE, dp), EXACT.add(_ONE, dq)))
