"""
Exchange rates: explicit, dated tables, never a silent guess.

A table quotes every currency against one base: ``rates["CNY"] = 7.0779``
means 7.0779 yuan per 1 USD when the base is USD. Conversions go through the
base in an 80-digit context, so a USD amount converted to CNY is exactly the
amount times the stated rate.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import EXACT, normalize
from tokencost._errors import InvalidQuantityError, MissingRateError, WrongTypeError
from tokencost._money import Money, check_currency
from tokencost._parsing import parse_amount

__all__ = ["ExchangeRates", "bundled_rates", "exchange_rates"]


def _rates(value: Mapping[str, object]) -> Mapping[str, Decimal]:
    out: dict[str, Decimal] = {}
    for code, rate in value.items():
        out[check_currency(code)] = parse_amount(
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
    date: date | None = None
    """The day the rates were taken; None if not stated."""
    source: str = "given by the caller"
    """Where the rates come from."""

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
                f"--fx {currency}=... (units per 1 {self.base})"
            ) from None

    def rate(self, source: str, target: str) -> Decimal:
        """How many *target* units one *source* unit buys."""
        source, target = check_currency(source), check_currency(target)
        if source == target:
            return Decimal(1)
        return normalize(EXACT.divide(self._per_base(target), self._per_base(source)))

    def convert(self, money: Money, currency: str) -> Money:
        """*money* in *currency*, through the base."""
        target = check_currency(currency)
        if money.currency == target:
            return money
        in_base = EXACT.divide(money.amount, self._per_base(money.currency))
        return Money(normalize(EXACT.multiply(in_base, self._per_base(target))), target)

    def describe(self) -> str:
        """The table in words: rates, date and source."""
        quoted = ", ".join(f"{code} {rate}" for code, rate in self.rates.items())
        when = f" on {self.date.isoformat()}" if self.date else ""
        return f"per 1 {self.base}: {quoted}{when}, {self.source}"

    def to_dict(self) -> dict[str, Any]:
        """The table, JSON-ready."""
        return {
            "base": self.base,
            "rates": dict(self.rates),
            "date": self.date,
            "source": self.source,
        }


@functools.cache
def bundled_rates() -> ExchangeRates:
    """The dated table shipped with tokencost (read on first use)."""
    from tokencost.prices.bundled import data_path

    with open(data_path("fx.toml"), encoding="utf-8") as file:
        text = file.read()
    data = tomllib.loads(text, parse_float=Decimal)
    return ExchangeRates(
        rates=data["rates"], base=data["base"], date=data["date"], source=data["source"]
    )


def exchange_rates(fx: ExchangeRates | Mapping[str, object] | None) -> ExchangeRates:
    """
    The table to use: *fx* itself; a mapping of rates per 1 USD given by the
    caller (used alone, so every conversion says it used the caller's rate);
    or the bundled table when *fx* is None.
    """
    if fx is None:
        return bundled_rates()
    if isinstance(fx, ExchangeRates):
        return fx
    if not isinstance(fx, Mapping):
        raise WrongTypeError(
            f"fx must be a mapping such as {{'CNY': '7.10'}} or ExchangeRates, "
            f"not {fx!r}"
        )
    return ExchangeRates(rates=dict(fx), source="given by the caller")
