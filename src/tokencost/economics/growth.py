"""
Compound growth between two figures, or over a series of them: the multiple
and the rate per period of each step, and of the whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from itertools import pairwise
from typing import Any, overload

import attrs

from tokencost._decimal import EXACT, divide, finish
from tokencost._errors import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidQuantityError,
)
from tokencost._money import Money, check_currency
from tokencost._parsing import Number, parse_amount, to_decimal
from tokencost._render import fmt_change, fmt_ratio
from tokencost._results import result
from tokencost.economics.exact import exact_arithmetic, less_one
from tokencost.prices.fx import ExchangeRates, exchange_rates

__all__ = ["Growth", "GrowthSeries", "growth"]


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
    """The figure at the start, to 28 significant digits."""
    end: Decimal
    """The figure at the end, to 28 significant digits."""
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
        """The total change, as a fraction: (end - start) / start, with 28
        digits of its own (not the rounded multiple less one)."""
        return divide(self.end - self.start, self.start)

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


def _between(
    start: Number | Money,
    end: Number | Money,
    periods: Number,
    *,
    names: tuple[str, str] = ("start", "end"),
) -> Growth:
    currency: str | None = None
    if isinstance(start, Money) or isinstance(end, Money):
        currencies = {v.currency for v in (start, end) if isinstance(v, Money)}
        if len(currencies) > 1:
            raise CurrencyMismatchError(
                f"{names[0]} is {start} and {names[1]} is {end}: a growth rate "
                "needs both in one currency"
            )
        (currency,) = currencies
    # Every figure is read to 28 digits, as it is shown, and every result is
    # worked from the figures shown (a converted amount has up to 120).
    first = finish(
        parse_amount(
            start.amount if isinstance(start, Money) else start,
            what=names[0],
            allow_zero=False,
        )
    )
    last = finish(
        parse_amount(end.amount if isinstance(end, Money) else end, what=names[1])
    )
    count = finish(parse_amount(periods, what="periods", allow_zero=False))
    multiple = divide(last, first)
    if last == 0:
        rate = Decimal(-1)
    elif last == first:
        rate = Decimal(0)
    else:
        # The multiple to 120 digits, and the rate with digits of its own.
        exact_multiple = EXACT.divide(last, first)
        rate = less_one(lambda ctx: ctx.exp(ctx.divide(ctx.ln(exact_multiple), count)))
    return Growth(
        start=first,
        end=last,
        periods=count,
        multiple=multiple,
        rate=rate,
        currency=currency,
    )


def _in_currency(
    figure: Number | Money, currency: str | None, rates: ExchangeRates | None
) -> Number | Money:
    """*figure* in *currency*: Money converted, a plain number labelled."""
    if currency is None:
        return figure
    if isinstance(figure, Money):
        return figure if rates is None else rates.convert(figure, currency)
    return Money(to_decimal(figure, what="figure"), currency)


@overload
def growth(
    start: list[Number | Money] | tuple[Number | Money, ...],
    end: None = None,
    periods: Number | list[Number] | tuple[Number, ...] = 1,
    *,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
) -> GrowthSeries: ...


@overload
def growth(
    start: Number | Money,
    end: Number | Money,
    periods: Number = 1,
    *,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
) -> Growth: ...


@exact_arithmetic
def growth(
    start: Number | Money | list[Number | Money] | tuple[Number | Money, ...],
    end: Number | Money | None = None,
    periods: Number | list[Number] | tuple[Number, ...] = 1,
    *,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
) -> Growth | GrowthSeries:
    """
    The multiple and the compound rate per period from *start* to *end*, or
    over a series of figures.

    >>> growth(["28M", "500M", "1.7B"], periods=6).rate
    Decimal('0.4080159488628919877418278776')

    Args:
        start: The first figure, above zero (a number such as ``28e6``,
            ``"28M"`` or ``"2800万"``, or `Money`); or a list of figures, each
            above zero but the last, for a `GrowthSeries`.
        end: The last figure, zero or above, in the same currency as start;
            left out for a series.
        periods: The number of periods between the figures, above zero; it
            may be fractional. For a series, one number for every step or a
            list with one per step.
        currency: Show the figures in this currency: `Money` figures are
            converted (at *fx*, or the bundled rates), plain numbers are taken
            to be in it.
        fx: Exchange rates per 1 USD, e.g. ``{"CNY": "7.10"}``, or an
            `ExchangeRates` table; only with *currency*.

    Raises:
        InvalidQuantityError: for a start at or below zero, a negative end,
            periods at or below zero, or a list of periods of the wrong
            length.
        CurrencyMismatchError: for figures in different currencies and no
            *currency* to convert them to.
        InvalidInputError: for a series given with an end, or *fx*
            without *currency*.
    """
    if currency is None and fx is not None:
        # Rates without a currency would convert nothing: refused, not ignored.
        raise InvalidInputError("fx converts to a currency: give currency too")
    code = None if currency is None else check_currency(currency)
    rates = None if code is None else exchange_rates(fx)
    if not isinstance(start, list | tuple):
        if end is None:
            raise InvalidInputError(
                f"growth from {start!r} needs an end, or a list of figures such "
                "as ['28M', '500M', '1.7B']"
            )
        if isinstance(periods, list | tuple):
            raise InvalidInputError(
                f"periods {periods!r}: one number between two figures"
            )
        return _between(
            _in_currency(start, code, rates), _in_currency(end, code, rates), periods
        )
    if end is not None:
        raise InvalidInputError(
            f"a list of figures carries its own end: drop end={end!r}, or add it "
            "to the list"
        )
    figures = [_in_currency(f, code, rates) for f in start]
    if len(figures) < 2:
        raise InvalidInputError(
            f"growth over a series needs at least two figures, got {len(figures)}"
        )
    steps_periods = (
        list(periods)
        if isinstance(periods, list | tuple)
        else [periods] * (len(figures) - 1)
    )
    if len(steps_periods) != len(figures) - 1:
        raise InvalidQuantityError(
            f"{len(figures)} figures have {len(figures) - 1} steps between them, "
            f"but {len(steps_periods)} periods were given: "
            f"{', '.join(str(p) for p in steps_periods)}"
        )
    steps = tuple(
        _between(a, b, p, names=(f"figure {i}", f"figure {i + 1}"))
        for i, ((a, b), p) in enumerate(
            zip(pairwise(figures), steps_periods, strict=True), start=1
        )
    )
    total = sum((s.periods for s in steps), Decimal(0))
    overall = _between(
        figures[0], figures[-1], total, names=("figure 1", f"figure {len(figures)}")
    )
    return GrowthSeries(steps=steps, overall=overall)


@result
@attrs.frozen
class GrowthSeries:
    """
    Growth over a series of figures: each step, and the whole.

    >>> s = growth([100, 110, 121], periods=[1, 1])
    >>> [step.rate for step in s.steps], s.multiple, s.rate
    ([Decimal('0.1'), Decimal('0.1')], Decimal('1.21'), Decimal('0.1'))
    >>> s
    GrowthSeries(figures=3, periods=2, multiple=1.21, rate=0.1)
    """

    steps: tuple[Growth, ...]
    """One `Growth` per pair of neighbouring figures."""
    overall: Growth
    """From the first figure to the last, over all the periods."""

    def __repr__(self) -> str:
        return (
            f"GrowthSeries(figures={len(self.steps) + 1}, "
            f"periods={self.overall.periods}, multiple={self.multiple}, "
            f"rate={self.rate})"
        )

    @property
    def figures(self) -> tuple[Decimal, ...]:
        """The figures, in order."""
        return (self.steps[0].start, *(s.end for s in self.steps))

    @property
    def currency(self) -> str | None:
        """The currency of the figures, when they are amounts."""
        return self.overall.currency

    @property
    def multiple(self) -> Decimal:
        """Last figure / first figure."""
        return self.overall.multiple

    @property
    def rate(self) -> Decimal:
        """The compound rate per period over the whole series, as a fraction."""
        return self.overall.rate

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row per step, then the whole series."""
        headers = ["step", "from", "to", "periods", "multiple", "change"]
        headers.append("rate per period")
        rows = [
            [
                str(i),
                step._amount(step.start),
                step._amount(step.end),
                fmt_ratio(step.periods),
                fmt_ratio(step.multiple),
                fmt_change(step.change),
                fmt_change(step.rate),
            ]
            for i, step in enumerate(self.steps, start=1)
        ]
        whole = self.overall
        rows.append(
            [
                "overall",
                whole._amount(whole.start),
                whole._amount(whole.end),
                fmt_ratio(whole.periods),
                fmt_ratio(whole.multiple),
                fmt_change(whole.change),
                fmt_change(whole.rate),
            ]
        )
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """Every step and the whole, at full precision."""
        return {
            "currency": self.currency,
            "figures": [str(f) for f in self.figures],
            "steps": [s.to_dict() for s in self.steps],
            "overall": self.overall.to_dict(),
        }
