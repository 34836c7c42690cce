"""
Pricing headroom: how far one price can rise against a competitor's.

All the figures are ratios of two prices, so the unit does not matter as long
as both prices use the same one (per million output tokens, say). Ratios are
correctly rounded to 28 significant digits (see `tokencost._decimal`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Literal, TypeAlias

import attrs

from tokencost._decimal import divide, finish
from tokencost._errors import (
    CurrencyMismatchError,
    EconomicsError,
    InvalidInputError,
    InvalidQuantityError,
    NoPriceError,
    UnknownProfileError,
)
from tokencost._money import Money, check_currency
from tokencost._parsing import (
    Number,
    as_moment,
    parse_change,
    parse_price_change,
    to_decimal,
)
from tokencost._render import fmt_change, fmt_ratio
from tokencost._results import result
from tokencost.economics.exact import exact_arithmetic
from tokencost.prices.catalog import Catalog, resolve
from tokencost.prices.fx import ExchangeRates, exchange_rates
from tokencost.usage.profiles import UsageProfile, usage_profile
from tokencost.usage.usage import Usage

__all__ = ["BASES", "Basis", "Headroom", "PriceInput", "headroom"]

Basis: TypeAlias = Literal["input", "output", "blended"]
#: Which price of a model to compare: per million input tokens, output
#: tokens, or a 3:1 input:output blend (the convention Artificial Analysis
#: publishes).
BASES: tuple[Basis, ...] = ("input", "output", "blended")

#: What `headroom` compares model prices on: a price component, or the cost
#: of one request of a usage or profile.
BasisInput: TypeAlias = "Basis | Usage | UsageProfile"

#: A price as `headroom` accepts it: a number, a numeric string or `Money`.
PriceInput: TypeAlias = "Number | Money"


@attrs.frozen
class _Quote:
    """A price read from an argument, with what is known of its origin."""

    amount: Decimal
    currency: str | None
    name: str | None = None
    """The model the price was looked up for; None for a price given directly."""


# Text that is a number in form, such as "1e-400": when it cannot be read
# (out of range), the number's error is shown, not "unknown model".
_NUMERIC = re.compile(r"^\s*[+-]?[0-9][0-9_,.]*(?:e[+-]?[0-9]+)?\s*$", re.IGNORECASE)


def _model_price(
    name: str,
    *,
    role: str,
    basis: BasisInput,
    at: date | str | None,
    catalog: Catalog | None,
) -> _Quote:
    """The price of model *name* on *basis*, as of *at*."""
    from tokencost.costing.workload import workload_cost

    model = resolve(name, catalog)
    if isinstance(basis, Usage | UsageProfile):
        one = workload_cost(model, basis, requests=1, at=at)
        return _Quote(one.total.amount, model.currency, model.id)
    day, moment = as_moment(at, what="at")
    rates = model.period_at(day if moment is None else moment).standard.rates
    inp, out = rates.input_mtok, rates.output_mtok
    amount: Decimal | None
    if basis == "input":
        amount = inp
    elif basis == "output":
        amount = out
    else:
        amount = None if inp is None or out is None else (3 * inp + out) / 4
    if amount is None:
        raise NoPriceError(f"{model.id} has no known {basis} price")
    return _Quote(amount, model.currency, model.id)


def _resolve_price(
    value: object,
    *,
    role: str,
    basis: BasisInput,
    at: date | str | None = None,
    catalog: Catalog | None = None,
) -> _Quote:
    """
    Read one side of the comparison as a price.

    This is the single step that turns an argument into a price: numbers,
    numeric strings and `Money` are taken as they are; any other string is a
    model name, priced on *basis* as of *at*.
    """
    if isinstance(value, Money):
        return _Quote(value.amount, value.currency)
    if isinstance(value, str):
        try:
            amount = to_decimal(value, what=f"{role} price")
        except InvalidQuantityError:
            if _NUMERIC.match(value):
                raise  # a number out of range, not a model name
            return _model_price(value, role=role, basis=basis, at=at, catalog=catalog)
        return _Quote(amount, None)
    if isinstance(basis, Usage | UsageProfile):
        raise InvalidInputError(
            f"a usage or profile basis needs model names, not the {role} price "
            f"{value!r}"
        )
    return _Quote(to_decimal(value, what=f"{role} price"), None)


def _basis_name(basis: BasisInput) -> str:
    """``output``, ``usage`` or the profile's name."""
    if isinstance(basis, UsageProfile):
        return f"profile {basis.name}"
    if isinstance(basis, Usage):
        return "usage"
    return basis


def _basis(basis: object) -> BasisInput:
    for known in BASES:
        if basis == known:
            return known
    if isinstance(basis, Usage | UsageProfile):
        return basis
    if isinstance(basis, str):
        try:
            return usage_profile(basis)
        except UnknownProfileError:
            pass
    raise InvalidInputError(
        f"unknown basis {basis!r}: expected one of {', '.join(BASES)}, a Usage, "
        "or a usage profile (see tokencost profiles)"
    )


def _quote_in(quote: _Quote, currency: str, table: ExchangeRates) -> _Quote:
    """*quote* in *currency*: converted, or labelled if it had none."""
    if quote.currency is None:
        return attrs.evolve(quote, currency=currency)
    if quote.currency == currency:
        return quote
    money = table.convert(Money(quote.amount, quote.currency), currency)
    return attrs.evolve(quote, amount=money.amount, currency=currency)


def _convert(
    amount: Decimal,
    source: str,
    currency: str,
    fx: ExchangeRates | Mapping[str, Number] | None,
) -> tuple[Decimal, Decimal]:
    """*amount* in *source* currency, in *currency*; and the rate used."""
    if fx is None:
        needed = [c for c in (currency, source) if c != "USD"] or [currency]
        raise CurrencyMismatchError(
            f"own price is in {currency} and competitor price in {source}: "
            f"pass fx={{{', '.join(f'{c!r}: ...' for c in needed)}}} (on the "
            f"command line {' '.join(f'--fx {c}=...' for c in needed)}; units "
            "per US dollar) to compare them"
        )
    table = exchange_rates(fx)
    converted = table.convert(Money(amount, source), currency)
    return converted.amount, table.rate(source, currency)


@result
@attrs.frozen
class Headroom:
    """
    How far *own* can raise its price before it loses its edge on *competitor*.

    Every price is in *own*'s currency (the competitor's converted when an
    exchange rate was needed). Changes are fractions: ``0.83`` is +83%.

    >>> h = headroom(4, 10, increase="25%", keep_discount="50%")
    >>> h.own_price_after, h.ratio, h.headroom, h.rise_keeping_discount
    (Decimal('5'), Decimal('0.5'), Decimal('1'), Decimal('0'))
    """

    own_price: Decimal
    """Own price before the increase."""
    competitor_price: Decimal
    """The competitor's price, in own currency."""
    increase: Decimal
    """The rise applied to own price, as a fraction."""
    own_price_after: Decimal
    """Own price after the increase: own_price * (1 + increase)."""
    ratio: Decimal
    """own_price_after / competitor_price."""
    discount: Decimal
    """1 - ratio: how much cheaper own is; negative for a premium."""
    headroom_before: Decimal
    """competitor / own_price - 1: the room before the increase."""
    headroom: Decimal
    """competitor / own_price_after - 1: the largest further rise before parity."""
    keep_discount: Decimal
    """The discount to keep, as a fraction (0 means parity)."""
    rise_keeping_discount: Decimal
    """(1 - keep_discount) * competitor / own_price_after - 1."""
    currency: str | None = None
    """The currency of the prices, when one was given."""
    basis: str | None = None
    """The price compared, when prices were looked up by model name."""
    own_name: str | None = None
    """The model own's price was looked up for."""
    competitor_name: str | None = None
    """The model the competitor's price was looked up for."""
    fx_rate: Decimal | None = None
    """Own-currency units per unit of the competitor's currency, when converted."""

    @property
    @exact_arithmetic
    def ceiling_keeping_discount(self) -> Decimal:
        """The highest own price that keeps the discount: (1 - d) * competitor."""
        return finish((1 - self.keep_discount) * self.competitor_price)

    def _price(self, value: Decimal) -> str:
        text = fmt_ratio(value)
        return text if self.currency is None else f"{text} {self.currency}"

    def __str__(self) -> str:
        text = (
            f"own {self._price(self.own_price_after)} vs "
            f"{self._price(self.competitor_price)}: discount "
            f"{fmt_change(self.discount).lstrip('+')}; "
            f"{fmt_change(self.headroom)} to parity"
        )
        if self.keep_discount:
            keep = fmt_change(self.keep_discount).lstrip("+")
            text += f", {fmt_change(self.rise_keeping_discount)} keeping {keep} off"
        return text

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row; the discount rows only when one is kept."""
        keep = fmt_change(self.keep_discount).lstrip("+")
        pairs: list[tuple[str, str]] = []
        if self.own_name is not None or self.competitor_name is not None:
            pairs.append(("own model", self.own_name or "-"))
            pairs.append(("competitor model", self.competitor_name or "-"))
        if self.basis is not None:
            pairs.append(("basis", self.basis))
        if self.fx_rate is not None:
            pairs.append(("exchange rate used", fmt_ratio(self.fx_rate, 6)))
        pairs += [
            ("own price", self._price(self.own_price)),
            ("increase", fmt_change(self.increase)),
            ("own price after increase", self._price(self.own_price_after)),
            ("competitor price", self._price(self.competitor_price)),
            ("price ratio (own / competitor)", fmt_ratio(self.ratio)),
            ("discount to competitor", fmt_change(self.discount).lstrip("+")),
            ("headroom before increase", fmt_change(self.headroom_before)),
            ("headroom to parity", fmt_change(self.headroom)),
        ]
        if self.keep_discount:
            pairs.append(
                (
                    f"largest rise keeping a {keep} discount",
                    fmt_change(self.rise_keeping_discount),
                )
            )
            pairs.append(
                (
                    f"highest price keeping a {keep} discount",
                    self._price(self.ceiling_keeping_discount),
                )
            )
        return ["measure", "value"], [[name, text] for name, text in pairs]

    def to_dict(self) -> dict[str, Any]:
        """The full-precision figures, Decimals as strings."""

        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "own_name": self.own_name,
            "competitor_name": self.competitor_name,
            "basis": self.basis,
            "currency": self.currency,
            "fx_rate": text(self.fx_rate),
            "own_price": str(self.own_price),
            "increase": str(self.increase),
            "own_price_after": str(self.own_price_after),
            "competitor_price": str(self.competitor_price),
            "ratio": str(self.ratio),
            "discount": str(self.discount),
            "headroom_before": str(self.headroom_before),
            "headroom": str(self.headroom),
            "keep_discount": str(self.keep_discount),
            "rise_keeping_discount": str(self.rise_keeping_discount),
            "ceiling_keeping_discount": str(self.ceiling_keeping_discount),
        }


@exact_arithmetic
def headroom(
    own: PriceInput,
    competitor: PriceInput,
    *,
    increase: Number = 0,
    keep_discount: Number = 0,
    basis: Basis | Usage | UsageProfile | str = "output",
    fx: ExchangeRates | Mapping[str, Number] | None = None,
    at: date | str | None = None,
    catalog: Catalog | None = None,
    currency: str | None = None,
) -> Headroom:
    """
    How far *own* can raise its price before it loses its edge on *competitor*.

    Args:
        own: Own price: a number, a numeric string ("4.13") or `Money`.
        competitor: The competitor's price, in the same unit.
        increase: A rise already applied to *own*, as a fraction (0.83) or a
            percentage string ("83%"); above -100%.
        keep_discount: A discount to the competitor to keep, as a fraction in
            [0, 1) or a percentage ("50%").
        basis: Which price of a model to compare when prices are looked up by
            model name: ``"input"``, ``"output"`` or ``"blended"`` (3 input
            : 1 output), or a `Usage` or profile (name or `UsageProfile`),
            whose cost per request is then compared. Ignored for prices
            given directly.
        at: The day model prices are taken as of (default today).
        catalog: Where model names are looked up; default the bundled one.
        fx: Exchange rates for prices given as `Money` in two currencies:
            units of each currency per US dollar, e.g. ``{"CNY": "7.2"}``
            (USD is 1), or an `ExchangeRates` table. The competitor's price
            is converted into own's currency.
        currency: Show every price in this currency: prices in another
            currency are converted at *fx* (or the bundled ECB rates of the
            day *at*), prices
            given as plain numbers are taken to be in it. Ratios and
            headroom do not change; the amounts do.

    Returns:
        A frozen `Headroom`: own price after the increase, the price ratio,
        the discount, the headroom to parity, and the largest further rise
        that keeps *keep_discount*.

    Raises:
        InvalidQuantityError: for an unreadable or negative price, an
            increase of -100% or below, or a discount outside [0, 100%).
        EconomicsError: for a zero price on either side (a free competitor
            leaves no headroom to measure).
        CurrencyMismatchError: for `Money` in two currencies without *fx*.
        MissingRateError: when *fx* lacks one of the two currencies.
    """
    chosen = _basis(basis)
    own_quote = _resolve_price(own, role="own", basis=chosen, at=at, catalog=catalog)
    competitor_quote = _resolve_price(
        competitor, role="competitor", basis=chosen, at=at, catalog=catalog
    )
    if currency is not None:
        target = check_currency(currency)
        # Asked for a currency: the given rates, or the bundled ones of *at*.
        table = exchange_rates(fx, at)
        own_quote = _quote_in(own_quote, target, table)
        competitor_quote = _quote_in(competitor_quote, target, table)
    for role, quote, given in (
        ("own", own_quote, own),
        ("competitor", competitor_quote, competitor),
    ):
        if quote.amount < 0:
            raise InvalidQuantityError(
                f"{role} price {given!r} is negative: expected a price > 0"
            )
        if quote.amount == 0 and role == "competitor":
            raise EconomicsError(
                f"competitor price {given!r} is zero: headroom against a free "
                "competitor is undefined; expected a price > 0"
            )
        if quote.amount == 0:
            raise EconomicsError(
                f"own price {given!r} is zero: the headroom of a free price is "
                "unbounded; expected a price > 0"
            )
    x = parse_price_change(increase, what="increase")
    d = parse_change(keep_discount, what="discount to keep")
    if not 0 <= d < 1:
        raise InvalidQuantityError(
            f"discount to keep {keep_discount!r} is outside [0, 100%): expected "
            "a fraction such as 0.5 or a percentage such as '50%'"
        )
    currency = own_quote.currency or competitor_quote.currency
    competitor_price = competitor_quote.amount
    fx_rate: Decimal | None = None
    own_currency, competitor_currency = own_quote.currency, competitor_quote.currency
    if own_currency and competitor_currency and own_currency != competitor_currency:
        competitor_price, fx_rate = _convert(
            competitor_price, competitor_currency, own_currency, fx
        )
    own_price = own_quote.amount
    after = own_price * (1 + x)
    return Headroom(
        own_price=finish(own_price),
        competitor_price=finish(competitor_price),
        increase=finish(x),
        own_price_after=finish(after),
        ratio=divide(after, competitor_price),
        discount=divide(competitor_price - after, competitor_price),
        headroom_before=divide(competitor_price - own_price, own_price),
        headroom=divide(competitor_price - after, after),
        keep_discount=finish(d),
        rise_keeping_discount=divide((1 - d) * competitor_price - after, after),
        currency=currency,
        basis=_basis_name(chosen) if own_quote.name or competitor_quote.name else None,
        own_name=own_quote.name,
        competitor_name=competitor_quote.name,
        fx_rate=fx_rate,
    )
