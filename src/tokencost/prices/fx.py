"""
Exchange rates: explicit, dated tables, never a silent guess.

A table quotes every currency against one base: ``rates["CNY"] = 7.0779``
means 7.0779 yuan per 1 USD when the base is USD. A conversion multiplies by
the target's rate and divides by the source's, once, in a 120-digit context,
so a USD amount converted to CNY is exactly the amount times the stated rate.

Without a table of the caller's, tokencost uses the European Central Bank's
euro foreign exchange reference rates bundled with it (`dated_rates`): the
table of the day asked for, or of the last day the ECB published before it
(weekends and TARGET holidays), quoted per 1 EUR exactly as published. A
cross rate such as CNY per USD is the quotient of two published rates,
computed in that 120-digit context, not a rate anyone published. A day past
the end of the bundled series gets its last rates, and the table says how
old they are.
"""

from __future__ import annotations

import bisect
import datetime
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import EXACT, normalize
from tokencost._errors import (
    InvalidInputError,
    InvalidQuantityError,
    MissingRateError,
    WrongTypeError,
)
from tokencost._money import Money, check_currency
from tokencost._parsing import parse_amount
from tokencost._render import jsonable

__all__ = [
    "ExchangeRates",
    "bundled_rates",
    "dated_rates",
    "exchange_rates",
    "rates_series",
]

#: The bundled series: the ECB's reference rates, per 1 EUR.
ECB_SOURCE = "ECB euro foreign exchange reference rates"


def _rates(value: Mapping[str, object]) -> Mapping[str, Decimal]:
    out: dict[str, Decimal] = {}
    for code, rate in value.items():
        checked = check_currency(code)
        if checked in out:
            raise InvalidInputError(
                f"exchange rate for {checked} given twice ({code!r} among "
                f"{', '.join(map(repr, value))}): give each currency once"
            )
        out[checked] = parse_amount(
            rate, what=f"exchange rate for {code}", allow_zero=False
        )
    return dict(sorted(out.items()))


@attrs.frozen
class ExchangeRates:
    """
    A table of exchange rates against one base currency, with its provenance.

    >>> fx = ExchangeRates(rates={"CNY": "7.10"}, source="my desk")
    >>> fx.convert(Money("4.13", "USD"), "CNY")
    Money(amount=Decimal('29.323'), currency='CNY')
    """

    # Compared, but left out of the hash: a dict cannot be hashed, and equal
    # tables still hash alike through the other fields.
    rates: Mapping[str, Decimal] = attrs.field(converter=_rates, hash=False)
    """Units of each currency per 1 unit of ``base``."""
    base: str = attrs.field(default="USD", converter=check_currency)
    """The currency every rate is quoted against."""
    date: datetime.date | None = None
    """The day the rates were published or taken; None if not stated."""
    source: str = "given by the caller"
    """Where the rates come from."""
    requested: datetime.date | None = None
    """The day a dated table was asked for, when it differs from ``date``
    (a weekend, a holiday, or a day past the end of the series)."""

    def __attrs_post_init__(self) -> None:
        own = self.rates.get(self.base)
        if own is not None and own != 1:
            raise InvalidQuantityError(
                f"exchange rate for {self.base} is {own}: rates are units per 1 "
                f"{self.base}, so {self.base} must be 1 or left out"
            )

    def _per_base(self, currency: str) -> Decimal:
        if currency == self.base:
            return Decimal(1)
        try:
            return self.rates[currency]
        except KeyError:
            known = ", ".join([self.base, *self.rates]) or "none"
            raise MissingRateError(
                f"no exchange rate for {currency}: the table ({self.describe()}) "
                f"has {known}; pass one, e.g. fx={{{currency!r}: '...'}} or "
                f"--fx {currency}=... (units per 1 USD)"
            ) from None

    def rate(self, source: str, target: str) -> Decimal:
        """How many *target* units one *source* unit buys."""
        source, target = check_currency(source), check_currency(target)
        if source == target:
            return Decimal(1)
        return normalize(EXACT.divide(self._per_base(target), self._per_base(source)))

    def convert(self, money: Money, currency: str) -> Money:
        """*money* in *currency*: amount x target rate / source rate."""
        target = check_currency(currency)
        if money.currency == target:
            return money
        scaled = EXACT.multiply(money.amount, self._per_base(target))
        return Money(
            normalize(EXACT.divide(scaled, self._per_base(money.currency))), target
        )

    @property
    def age_days(self) -> int | None:
        """Days between the rates' date and the day asked for, if dated."""
        if self.date is None or self.requested is None:
            return None
        return (self.requested - self.date).days

    def describe(self) -> str:
        """The table in words: rates, date, source, and how old it is."""
        quoted = ", ".join(f"{code} {rate}" for code, rate in self.rates.items())
        when = f" on {self.date.isoformat()}" if self.date else ""
        text = f"per 1 {self.base}: {quoted}{when}, {self.source}"
        age = self.age_days
        if age:
            text += (
                f" (asked for {self.requested}: the last rates published on or "
                f"before it, {age} day{'s' if age != 1 else ''} older)"
            )
        return text

    def to_dict(self) -> dict[str, Any]:
        """The table, JSON-ready: rates as strings, dates ISO."""
        data: dict[str, Any] = jsonable(
            {
                "base": self.base,
                "rates": dict(self.rates),
                "date": self.date,
                "source": self.source,
                "requested": self.requested,
            }
        )
        return data


@attrs.frozen
class RatesSeries:
    """A dated series of tables against one base, as published (bundled)."""

    base: str
    currencies: tuple[str, ...]
    days: tuple[datetime.date, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str

    def at(self, day: datetime.date) -> ExchangeRates:
        """The table published on *day*, or the last one before it."""
        index = bisect.bisect_right(self.days, day) - 1
        if index < 0:
            raise MissingRateError(
                f"no exchange rate on {day}: the bundled {self.source} start on "
                f"{self.days[0]}; pass fx={{'CNY': '...'}} or --fx CNY=... "
                "(units per 1 USD)"
            )
        published = self.days[index]
        rates = {
            code: value
            for code, value in zip(self.currencies, self.rows[index], strict=True)
            if value
        }
        return ExchangeRates(
            rates=rates,
            base=self.base,
            date=published,
            source=self.source,
            requested=None if published == day else day,
        )


@functools.cache
def rates_series() -> RatesSeries:
    """The bundled ECB series (read on first use)."""
    from tokencost.prices.bundled import data_path

    with open(data_path("fx-ecb.csv"), encoding="utf-8") as file:
        lines = [line.rstrip("\n") for line in file if not line.startswith("#")]
    header = lines[0].split(",")
    days: list[datetime.date] = []
    rows: list[tuple[str, ...]] = []
    for line in lines[1:]:
        cells = line.split(",")
        days.append(datetime.date.fromisoformat(cells[0]))
        rows.append(tuple(cells[1:]))
    return RatesSeries(
        base="EUR",
        currencies=tuple(header[1:]),
        days=tuple(days),
        rows=tuple(rows),
        source=ECB_SOURCE,
    )


def dated_rates(day: object = None) -> ExchangeRates:
    """
    The bundled ECB reference rates of *day* (default today, in UTC).

    Weekends and holidays get the last rates published before them; a day
    past the end of the bundled series gets its last rates, and the table's
    `~ExchangeRates.describe` says how many days older they are.

    >>> fx = dated_rates("2026-06-22")
    >>> fx.date, fx.rates["CNY"], fx.rates["USD"]
    (datetime.date(2026, 6, 22), Decimal('7.7612'), Decimal('1.1456'))
    >>> fx.convert(Money(28, "CNY"), "USD").amount.quantize(Decimal("0.0001"))
    Decimal('4.1330')
    """
    from tokencost._parsing import as_date

    return rates_series().at(as_date(day, what="exchange-rate date"))


def bundled_rates() -> ExchangeRates:
    """Today's table from the bundled series (see `dated_rates`)."""
    return dated_rates(None)


def exchange_rates(
    fx: ExchangeRates | Mapping[str, object] | None, at: object = None
) -> ExchangeRates:
    """
    The table to use: *fx* itself; a mapping of rates per 1 USD given by the
    caller (used alone, so every conversion says it used the caller's rate);
    or, when *fx* is None, the bundled ECB rates of the day *at* (default
    today).
    """
    if fx is None:
        return dated_rates(at)
    if isinstance(fx, ExchangeRates):
        return fx
    if not isinstance(fx, Mapping):
        raise WrongTypeError(
            f"fx must be a mapping such as {{'CNY': '7.10'}} or ExchangeRates, "
            f"not {fx!r}"
        )
    return ExchangeRates(rates=dict(fx), source="given by the caller")
