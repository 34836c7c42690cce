"""
A bill taken apart into cells: what each kind of token cost, and how many.

A cell is one priced quantity of a bill: a group, a model, a variant, a
time window, a long-context tier and a field (``input`` for plain input
tokens, ``cache_read``, ``cache_write``, ``cache_write_1h``, ``output``
for output tokens that are not reasoning, ``reasoning``, ``request``).
Each cell has a quantity and an exact amount, so its unit price is their
ratio, an exact `Fraction`. Over a bill that spans a price change the unit
price of a cell is the average it actually paid.

Reasoning tokens are a cell of their own even when they are billed at the
output price, so that a provider starting to price them apart moves only
their price, not their quantity.

Volume is measured in one of `UNITS`: ``requests``; ``tokens``, input
(cached included) plus output; or ``blended``, (3 x input + output) / 4,
the weighting public price comparisons use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Protocol, TypeAlias

import attrs

from tokencost._errors import InvalidInputError, TokencostError
from tokencost._money import Money
from tokencost.costing.lines import CostLine
from tokencost.economics.decomposition import exact_decimal
from tokencost.prices.fx import ExchangeRates
from tokencost.prices.model import PricePeriod, Rates, Tier
from tokencost.usage.usage import Usage

__all__ = [
    "FIELDS",
    "UNITS",
    "BillLike",
    "CellKey",
    "GroupLike",
    "PartLike",
    "Side",
    "Unit",
    "bill_pairs",
    "check_unit",
    "group_field",
    "read_side",
]

Unit: TypeAlias = Literal["requests", "tokens", "blended"]
#: The units volume can be measured in, the default first.
UNITS: tuple[Unit, ...] = ("tokens", "requests", "blended")

#: The fields of a cell, in the order they are shown.
FIELDS: tuple[str, ...] = (
    "input",
    "cache_read",
    "cache_write",
    "cache_write_1h",
    "output",
    "reasoning",
    "request",
)

#: (group, model, variant, window, tier threshold, field)
CellKey: TypeAlias = tuple[
    tuple[str, ...], str, str | None, str | None, int | None, str
]

_MILLION = 1_000_000


class PartLike(Protocol):
    """What a bridge reads of a bill's part (`tokencost.PartLike`)."""

    @property
    def model(self) -> str: ...
    @property
    def period(self) -> PricePeriod: ...
    @property
    def variant(self) -> str | None: ...
    @property
    def window(self) -> str | None: ...
    @property
    def tier(self) -> Tier | None: ...
    @property
    def records(self) -> int: ...
    @property
    def usage(self) -> Usage: ...
    @property
    def lines(self) -> tuple[CostLine, ...]: ...
    @property
    def total(self) -> Money: ...


class GroupLike(Protocol):
    """What a bridge reads of a bill's group (`tokencost.BillGroup`)."""

    @property
    def key(self) -> tuple[str, ...]: ...
    @property
    def parts(self) -> tuple[PartLike, ...]: ...


class BillLike(Protocol):
    """
    What a bridge reads of a `tokencost.Bill`: economics sits beside
    billing, not above it, so it takes bills by their shape.
    """

    @property
    def by(self) -> tuple[str, ...]: ...
    @property
    def groups(self) -> tuple[GroupLike, ...]: ...


def check_unit(unit: object) -> Unit:
    """*unit* if it is one of `UNITS`, else a one-line error."""
    for known in UNITS:
        if unit == known:
            return known
    raise InvalidInputError(
        f"unknown volume unit {unit!r}: expected one of {', '.join(UNITS)}"
    )


def _volume(
    unit: Unit, records: int, input_tokens: int, output_tokens: int
) -> Fraction:
    if unit == "requests":
        return Fraction(records)
    if unit == "tokens":
        return Fraction(input_tokens + output_tokens)
    return Fraction(3 * input_tokens + output_tokens, 4)


@attrs.define
class Side:
    """The cells of one side of a comparison (a bill, or a period of one)."""

    unit: Unit
    cells: dict[CellKey, tuple[int, Fraction]] = attrs.field(factory=dict)
    """Quantity and exact amount of each cell."""
    volumes: dict[str, Fraction] = attrs.field(factory=dict)
    """Volume of each model, in `unit`."""
    totals: dict[tuple[str, ...], Fraction] = attrs.field(factory=dict)
    """The exact amount of each group."""
    periods: dict[str, PricePeriod] = attrs.field(factory=dict)
    """The latest price period seen for each model."""
    currencies: set[str] = attrs.field(factory=set)
    records: int = 0
    currency: str | None = None
    """The currency to convert every amount to; None to keep each as billed."""
    fx: ExchangeRates | None = None
    """The rates to convert with, when `currency` is set."""
    model_currencies: dict[str, str] = attrs.field(factory=dict)
    """The currency each model is billed in."""

    def _convert(self, amount: Decimal, currency: str) -> Decimal:
        if self.currency is None or currency == self.currency or self.fx is None:
            return amount
        return self.fx.convert(Money(amount, currency), self.currency).amount

    @property
    def models(self) -> set[str]:
        """The models with usage on this side."""
        return set(self.volumes)

    @property
    def total(self) -> Decimal:
        """The exact amount of the side."""
        return exact_decimal(sum(self.totals.values(), Fraction(0)))

    def _add(self, key: CellKey, quantity: int, amount: Fraction) -> None:
        if quantity == 0 and amount == 0:
            return
        found = self.cells.get(key)
        if found is None:
            self.cells[key] = (quantity, amount)
        else:
            self.cells[key] = (found[0] + quantity, found[1] + amount)

    def add_part(self, group: tuple[str, ...], part: PartLike) -> None:
        """Add one priced part of a bill under *group*."""
        currency = part.total.currency
        self.currencies.add(currency if self.currency is None else self.currency)
        model = part.model
        self.model_currencies[model] = currency
        tier = None if part.tier is None else part.tier.min_input_tokens
        base = (group, model, part.variant, part.window, tier)
        lines = {line.component: line for line in part.lines}
        reasoning = part.usage.reasoning_tokens
        total = self.totals.get(group, Fraction(0))
        for line in part.lines:
            quantity = line.quantity
            converted = self._convert(line.amount.amount, currency)
            amount = Fraction(converted)
            total += amount
            if line.component == "output" and "reasoning" not in lines and reasoning:
                # Reasoning billed at the output price: a cell of its own.
                billed = exact_decimal(
                    Fraction(reasoning) * Fraction(line.unit_price) / _MILLION
                )
                share = Fraction(self._convert(billed, currency))
                self._add((*base, "reasoning"), reasoning, share)
                quantity -= reasoning
                amount -= share
            self._add((*base, line.component), quantity, amount)
        self.totals[group] = total
        usage = part.usage
        volume = _volume(
            self.unit, part.records, usage.input_tokens, usage.output_tokens
        )
        self.volumes[model] = self.volumes.get(model, Fraction(0)) + volume
        self.records += part.records
        seen = self.periods.get(model)
        if seen is None or _later(part.period, seen):
            self.periods[model] = part.period

    def average_prices(
        self,
    ) -> dict[tuple[str, str | None, str | None, int | None, str], Fraction]:
        """The unit price of each cell over all groups of the side."""
        sums: dict[
            tuple[str, str | None, str | None, int | None, str], list[Fraction]
        ] = {}
        for (_, *rest), (quantity, amount) in self.cells.items():
            key = tuple(rest)
            found = sums.setdefault(key, [Fraction(0), Fraction(0)])  # type: ignore[arg-type]
            found[0] += quantity
            found[1] += amount
        return {
            key: amount / quantity
            for key, (quantity, amount) in sums.items()
            if quantity
        }

    def listed_price(
        self,
        model: str,
        variant: str | None,
        window: str | None,
        tier: int | None,
        field: str,
    ) -> Fraction | None:
        """
        The unit price of a cell this side did not use, from the rates of
        the latest price period it billed the model at; None when that
        period has no such variant or rate.
        """
        period = self.periods.get(model)
        if period is None:
            return None
        try:
            rates = _rates(period, variant, window, tier)
        except TokencostError:
            return None
        currency = self.model_currencies[model]
        if field == "request":
            rate = rates.get("request")
            return (
                Fraction(0) if rate is None else Fraction(self._convert(rate, currency))
            )
        rate = rates.get(field)
        if rate is None and field == "reasoning":
            rate = rates.get("output")
        if rate is None:
            return None
        return Fraction(self._convert(rate, currency)) / _MILLION


def _later(period: PricePeriod, than: PricePeriod) -> bool:
    if period.start is None:
        return False
    return than.start is None or period.start > than.start


def _rates(
    period: PricePeriod, variant: str | None, window: str | None, tier: int | None
) -> Rates:
    """
    The rates *period* charges a cell: its window's schedule, or the
    standard one when the period has no such window (those hours pay the
    standard prices there); then the tier a prompt at the cell's threshold
    falls in there.
    """
    schedule = period.schedule(variant)
    for candidate in period.windows if window is not None else ():
        if candidate.name == window:
            schedule = candidate.schedule
            break
    if tier is None:
        return schedule.rates
    return schedule.rates_for(tier)


def read_side(
    pairs: Iterable[tuple[Mapping[str, str], PartLike]],
    by: tuple[str, ...],
    unit: Unit,
    currency: str | None = None,
    fx: ExchangeRates | None = None,
) -> Side:
    """The cells of *pairs*: each a bill group's fields and one of its parts."""
    side = Side(unit, currency=currency, fx=fx)
    for fields, part in pairs:
        side.add_part(tuple(group_field(name, fields, part) for name in by), part)
    return side


def group_field(name: str, fields: Mapping[str, str], part: PartLike) -> str:
    """The value of *name* for *part*: read off the part, or its group's."""
    if name == "model":
        return part.model
    if name == "provider":
        return part.model.partition(":")[0]
    if name == "variant":
        return part.variant or "standard"
    if name == "window":
        return part.window or "-"
    if name == "tier":
        return "-" if part.tier is None else f">={part.tier.min_input_tokens:,}"
    return fields[name]


def bill_pairs(bill: BillLike) -> Iterable[tuple[dict[str, str], PartLike]]:
    """Each part of *bill* with its group's fields."""
    for group in bill.groups:
        fields = dict(zip(bill.by, group.key, strict=True))
        for part in group.parts:
            yield fields, part
