"""
Compound growth between two figures: the multiple and the rate per period.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import divide, finish, work
from tokencost._errors import CurrencyMismatchError
from tokencost._money import Money
from tokencost._parsing import Number, parse_amount
from tokencost._render import fmt_change, fmt_ratio
from tokencost._results import result
from tokencost.economics.exact import exact_arithmetic

__all__ = ["Growth", "growth"]


@result
@attrs.frozen
class Growth:
    """
    How much a figure grew, in total and compounded per period.

    >>> g = growth(100, 121, 2)
    >>> g.multiple, g.rate
    (Decimal('1.21'), Decimal('0.1'))
    """

    start: Decimal
    """The figure at the start."""
    end: Decimal
    """The figure at the end."""
    periods: Decimal
    """How many periods lie between them (months, quarters, years...)."""
    multiple: Decimal
    """end / start."""
    rate: Decimal
    """The compound rate per period, as a fraction: multiple ** (1/periods) - 1."""
    currency: str | None = None
    """The currency, when start and end were given as `Money`."""

    @property
    @exact_arithmetic
    def change(self) -> Decimal:
        """The total change, as a fraction: multiple - 1."""
        return finish(self.multiple - 1)

    def _amount(self, value: Decimal) -> str:
        text = fmt_ratio(value, 2)
        return text if self.currency is None else f"{text} {self.currency}"

    def __str__(self) -> str:
        return (
            f"{self._amount(self.start)} to {self._amount(self.end)} in "
            f"{self.periods} periods: x{fmt_ratio(self.multiple)}, "
            f"{fmt_change(self.rate)} per period"
        )

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row."""
        rows = [
            ["start", self._amount(self.start)],
            ["end", self._amount(self.end)],
            ["periods", fmt_ratio(self.periods)],
            ["multiple", fmt_ratio(self.multiple)],
            ["total change", fmt_change(self.change)],
            ["rate per period", fmt_change(self.rate)],
        ]
        return ["measure", "value"], rows

    def to_dict(self) -> dict[str, Any]:
        """The full-precision figures, Decimals as strings."""
        return {
            "start": str(self.start),
            "end": str(self.end),
            "currency": self.currency,
            "periods": str(self.periods),
            "multiple": str(self.multiple),
            "change": str(self.change),
            "rate": str(self.rate),
        }


@exact_arithmetic
def growth(start: Number | Money, end: Number | Money, periods: Number = 1) -> Growth:
    """
    The multiple and the compound rate per period from *start* to *end*.

    Args:
        start: The first figure, above zero (a number such as ``28e6`` or
            ``"28M"``, or `Money`).
        end: The last figure, zero or above, in the same currency as start.
        periods: The number of periods between them, above zero; it may be
            fractional.

    Raises:
        InvalidQuantityError: for a start at or below zero, a negative end,
            or periods at or below zero.
        CurrencyMismatchError: for start and end in different currencies.
    """
    currency: str | None = None
    if isinstance(start, Money) or isinstance(end, Money):
        currencies = {v.currency for v in (start, end) if isinstance(v, Money)}
        if len(currencies) > 1:
            raise CurrencyMismatchError(
                f"start is {start} and end is {end}: a growth rate needs both "
                "in one currency"
            )
        (currency,) = currencies
    first = parse_amount(
        start.amount if isinstance(start, Money) else start,
        what="start",
        allow_zero=False,
    )
    last = parse_amount(end.amount if isinstance(end, Money) else end, what="end")
    count = parse_amount(periods, what="periods", allow_zero=False)
    multiple = divide(last, first)
    if last == 0:
        rate = Decimal(-1)
    else:
        ctx = work()
        exact_multiple = ctx.divide(last, first)
        rate = finish(ctx.exp(ctx.divide(ctx.ln(exact_multiple), count)) - 1)
    return Growth(
        start=finish(first),
        end=finish(last),
        periods=finish(count),
        multiple=multiple,
        rate=rate,
        currency=currency,
    )
