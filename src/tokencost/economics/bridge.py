"""
Why did the bill change? A price-volume-mix bridge between two bills.

Each bill is taken apart into cells (see `tokencost._cells`): a group, a
model, a variant, a window, a tier and a kind of token, with a quantity and
an exact amount. For the models billed on both sides, a cell's cost is

    volume x mix share x unit price

where *volume* is the total volume of those models (in requests, tokens or
blended tokens), a cell's *mix share* is its quantity per unit of that
volume, and its *unit price* is its amount over its quantity. The change in
each cell's cost is split between the three factors (`split_product`), and
the effects of the cells are added up by group:

- **price**: the same usage at the new unit prices against the old ones;
- **volume**: more or less volume at the old prices and mix;
- **mix**: usage moving between models, variants, tiers, windows and kinds
  of token (including longer or shorter requests) at constant volume;
- **new**: the cost of models billed only after; **dropped**: minus the
  cost of models billed only before. A kind of token a model could not be
  priced for on the other side (a rate it did not have) counts there too.

A cell that one side did not use still has a price on that side: the
average that side paid for it in other groups, or else the listed rate of
the latest price period that side billed the model at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from tokencost._decimal import EXACT, from_fraction
from tokencost._errors import (
    CurrencyMismatchError,
    InvalidInputError,
    MissingRateError,
    NoUsageError,
)
from tokencost._money import format_amount
from tokencost._results import result
from tokencost.economics.cells import (
    BillLike,
    Side,
    Unit,
    bill_pairs,
    check_unit,
    read_side,
)
from tokencost.economics.decomposition import (
    BridgeMethod,
    apportion,
    check_method,
    quantum_exponent,
    round_table,
    split_product,
    to_decimal_at,
)
from tokencost.economics.periods import TIME_FIELDS, period_sides

__all__ = [
    "EFFECTS",
    "Bridge",
    "BridgeEffects",
    "BridgeGroup",
    "bridge",
    "bridge_periods",
]

#: The effects of a bridge, in the order they are shown.
EFFECTS: tuple[str, ...] = ("price", "volume", "mix", "new", "dropped")

#: Fields a bridge can group by without the bills having them.
_DERIVED = ("model", "provider", "variant", "window", "tier")


@attrs.frozen
class BridgeEffects:
    """The parts of a change: they add up exactly to it."""

    price: Decimal
    volume: Decimal
    mix: Decimal
    new: Decimal
    dropped: Decimal

    def total(self) -> Decimal:
        """The sum of the effects: the change, exactly."""
        total = Decimal(0)
        for name in EFFECTS:
            total = EXACT.add(total, getattr(self, name))
        return total

    def to_dict(self) -> dict[str, str]:
        """Each effect as an exact string."""
        return {name: str(getattr(self, name)) for name in EFFECTS}


@attrs.frozen
class BridgeGroup:
    """One group of a bridge: its cost before and after, and the effects."""

    key: tuple[str, ...]
    """The values of the bridge's ``by`` fields."""
    before: Decimal
    after: Decimal
    effects: BridgeEffects

    @property
    def change(self) -> Decimal:
        """after - before, exact."""
        return EXACT.subtract(self.after, self.before)


@result
@attrs.frozen
class Bridge:
    """
    A change in cost split into price, volume, mix, new and dropped effects.

    Effects are exact fractions rounded to 28 significant digits of the
    largest figure (never coarser than the last digit of a bill amount).
    What rounding leaves over goes to the largest effect, so the effects of
    every group add up exactly to the group's change, and the effects of the
    groups add up exactly to the bridge's effects.
    """

    by: tuple[str, ...]
    """The fields the groups are keyed by."""
    method: BridgeMethod
    """``"shapley"``, ``"price-first"`` or ``"volume-first"``."""
    unit: Unit
    """What volume is measured in: ``tokens``, ``requests`` or ``blended``."""
    currency: str
    """The currency of every amount."""
    before: Decimal
    """The cost before."""
    after: Decimal
    """The cost after."""
    effects: BridgeEffects
    """The effects over all groups."""
    groups: tuple[BridgeGroup, ...]
    """One per group, sorted by key."""
    volume_before: Decimal
    """The volume of the models billed on both sides, before, in `unit`."""
    volume_after: Decimal
    """The same volume, after."""
    labels: tuple[str, str] = ("before", "after")
    """What the two sides are called (file names, or periods)."""

    @property
    def change(self) -> Decimal:
        """after - before, exact."""
        return EXACT.subtract(self.after, self.before)

    def steps(self) -> list[tuple[str, Decimal]]:
        """Start, each effect, end: the bars of a waterfall chart."""
        return [
            (self.labels[0], self.before),
            *((name, getattr(self.effects, name)) for name in EFFECTS),
            (self.labels[1], self.after),
        ]

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """A row per group, then the total; amounts rounded for reading."""
        headers = [*self.by, self.labels[0], *EFFECTS, self.labels[1]]

        def row(
            key: Sequence[str], before: Decimal, effects: BridgeEffects, after: Decimal
        ) -> list[str]:
            cells = [format_amount(getattr(effects, name)) for name in EFFECTS]
            return [*key, format_amount(before), *cells, format_amount(after)]

        rows = [row(g.key, g.before, g.effects, g.after) for g in self.groups]
        total_key = ["total", *[""] * (len(self.by) - 1)]
        rows.append(row(total_key, self.before, self.effects, self.after))
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """The exact figures, amounts as strings."""
        return {
            "currency": self.currency,
            "method": self.method,
            "unit": self.unit,
            "labels": list(self.labels),
            "before": str(self.before),
            "after": str(self.after),
            "change": str(self.change),
            "effects": self.effects.to_dict(),
            "volume": {
                "unit": self.unit,
                "before": str(self.volume_before),
                "after": str(self.volume_after),
            },
            "by": list(self.by),
            "groups": [
                {
                    **dict(zip(self.by, g.key, strict=True)),
                    "before": str(g.before),
                    "after": str(g.after),
                    "change": str(g.change),
                    "effects": g.effects.to_dict(),
                }
                for g in self.groups
            ],
        }


# -- the split ---------------------------------------------------------------


def _currency(before: Side, after: Side, labels: tuple[str, str]) -> str:
    for side, label in ((before, labels[0]), (after, labels[1])):
        if len(side.currencies) > 1:
            raise MissingRateError(
                f"{label} has amounts in {', '.join(sorted(side.currencies))}: a "
                "bridge needs one currency on each side; bill it in one currency"
            )
    (first,), (second,) = before.currencies, after.currencies
    if first != second:
        raise CurrencyMismatchError(
            f"{labels[0]} is in {first} but {labels[1]} is in {second}: a bridge "
            "needs both in one currency; bill them in one currency"
        )
    return first


def _price(
    side: Side,
    key: tuple[Any, ...],
    averages: Mapping[tuple[Any, ...], Fraction],
) -> Fraction | None:
    quantity, amount = side.cells.get(key, (0, Fraction(0)))
    if quantity:
        return amount / quantity
    rest = key[1:]
    found = averages.get(rest)
    if found is not None:
        return found
    return side.listed_price(*rest)


def _volume(side: Side, models: set[str], label: str, unit: Unit) -> Fraction:
    volume = sum((side.volumes[m] for m in models), Fraction(0))
    if models and volume == 0:
        raise NoUsageError(
            f"{label} has no volume in {unit} for the models billed on both "
            "sides: measure volume in requests"
        )
    return volume


def _exact_effects(
    before: Side, after: Side, method: BridgeMethod, labels: tuple[str, str]
) -> tuple[dict[tuple[str, ...], list[Fraction]], Fraction, Fraction]:
    """The exact effects of each group, and the two volumes."""
    both = before.models & after.models
    v0 = _volume(before, both, labels[0], before.unit)
    v1 = _volume(after, both, labels[1], after.unit)
    averages = before.average_prices(), after.average_prices()
    rows: dict[tuple[str, ...], list[Fraction]] = {}
    for key in sorted({*before.cells, *after.cells}, key=repr):
        group, model = key[0], key[1]
        row = rows.setdefault(group, [Fraction(0)] * len(EFFECTS))
        x0, a0 = before.cells.get(key, (0, Fraction(0)))
        x1, a1 = after.cells.get(key, (0, Fraction(0)))
        if model not in before.models:
            row[3] += a1
            continue
        if model not in after.models:
            row[4] -= a0
            continue
        p0 = _price(before, key, averages[0])
        p1 = _price(after, key, averages[1])
        if p0 is None:
            row[3] += a1
            continue
        if p1 is None:
            row[4] -= a0
            continue
        effects = split_product(
            {"price": p0, "volume": v0, "mix": Fraction(x0) / v0},
            {"price": p1, "volume": v1, "mix": Fraction(x1) / v1},
            method,
        )
        row[0] += effects["price"]
        row[1] += effects["volume"]
        row[2] += effects["mix"]
    return rows, v0, v1


def _exact_decimal(value: Fraction) -> Decimal:
    """A fraction whose denominator divides a power of ten, as a Decimal."""
    return from_fraction(value)


def bridge_sides(
    before: Side,
    after: Side,
    *,
    by: tuple[str, ...],
    method: BridgeMethod,
    labels: tuple[str, str] = ("before", "after"),
) -> Bridge:
    """The bridge between two sides read with the same ``by`` and unit."""
    for side, label in ((before, labels[0]), (after, labels[1])):
        if not side.records:
            raise NoUsageError(
                f"{label} has no usage: a bridge needs usage on both sides"
            )
    currency = _currency(before, after, labels)
    rows, v0, v1 = _exact_effects(before, after, method, labels)
    groups = sorted({*before.totals, *after.totals})
    zero = Decimal(0)
    starts = [before.totals.get(g, zero) for g in groups]
    ends = [after.totals.get(g, zero) for g in groups]
    changes = [EXACT.subtract(e, s) for s, e in zip(starts, ends, strict=True)]
    table = [rows.get(g, [Fraction(0)] * len(EFFECTS)) for g in groups]
    for group, row, change in zip(groups, table, changes, strict=True):
        if sum(row) != Fraction(change):  # pragma: no cover - a bill's own sums
            raise InvalidInputError(
                f"the lines of group {group} do not add up to its total"
            )
    start, end = before.total, after.total
    total_change = EXACT.subtract(end, start)
    columns = [sum((row[k] for row in table), Fraction(0)) for k in range(len(EFFECTS))]
    exponent = quantum_exponent(
        [*columns, *(cell for row in table for cell in row)],
        [start, end, total_change, *starts, *ends, *changes],
    )
    column_units = apportion(columns, total_change, exponent)
    rounded = round_table(table, changes, column_units, exponent)

    def effects(units: Sequence[int]) -> BridgeEffects:
        return BridgeEffects(*(to_decimal_at(u, exponent) for u in units))

    return Bridge(
        by=by,
        method=method,
        unit=before.unit,
        currency=currency,
        before=start,
        after=end,
        effects=effects(column_units),
        groups=tuple(
            BridgeGroup(key=g, before=s, after=e, effects=effects(units))
            for g, s, e, units in zip(groups, starts, ends, rounded, strict=True)
        ),
        volume_before=_exact_decimal(v0),
        volume_after=_exact_decimal(v1),
        labels=labels,
    )


# -- from bills --------------------------------------------------------------


def _check_by(by: Sequence[str] | str, bills: Sequence[BillLike]) -> tuple[str, ...]:
    fields = tuple(
        f.strip() for f in (by.split(",") if isinstance(by, str) else by) if f.strip()
    )
    if not fields:
        raise InvalidInputError(
            f"by must name at least one field, such as {', '.join(_DERIVED)}"
        )
    if len(set(fields)) != len(fields):
        raise InvalidInputError(f"by names a field twice: {', '.join(fields)}")
    for field in fields:
        if field in TIME_FIELDS:
            raise InvalidInputError(
                f"cannot bridge by {field!r}: the two sides are different "
                f"periods; group by {', '.join(_DERIVED)} or a field of the records"
            )
        if field in _DERIVED:
            continue
        for bill in bills:
            if field not in bill.by:
                raise InvalidInputError(
                    f"cannot bridge by {field!r}: the bill is grouped by "
                    f"{', '.join(bill.by)}; bill it by {field!r} too"
                )
    return fields


def bridge(
    before: BillLike,
    after: BillLike,
    *,
    by: Sequence[str] | str = ("model",),
    unit: Unit = "tokens",
    method: BridgeMethod = "shapley",
    labels: tuple[str, str] = ("before", "after"),
) -> Bridge:
    """
    Split the change from one bill to another into price, volume, mix, new
    and dropped effects, by group.

    Args:
        before, after: Two `Bill` values in one currency, such as the bills
            of two months' logs.
        by: The fields to group the effects by: ``model``, ``provider``,
            ``variant``, ``window``, ``tier``, or a field both bills are
            grouped by (a project, a customer). A comma-separated string
            works too.
        unit: What volume is counted in: ``"tokens"`` (input, cached
            included, plus output), ``"requests"``, or ``"blended"``
            ((3 x input + output) / 4). It decides what counts as volume and
            what as mix: with requests, longer requests are mix; with
            tokens, they are volume, and a shift from input to output is mix.
        method: ``"shapley"`` (the average over the 6 orders of moving the
            three factors: no effect is favoured), ``"price-first"`` (price,
            then volume, then mix: the price effect is the old usage at the
            new prices) or ``"volume-first"`` (volume, then mix, then price:
            the price effect is the new usage at the new prices).
        labels: What to call the two sides in tables and charts.

    Raises:
        NoUsageError: a bill has no usage.
        CurrencyMismatchError, MissingRateError: the bills are not in one
            currency.
        InvalidInputError: an unknown method, unit or ``by`` field.
    """
    method = check_method(method)
    unit = check_unit(unit)
    fields = _check_by(by, (before, after))
    return bridge_sides(
        read_side(bill_pairs(before), fields, unit),
        read_side(bill_pairs(after), fields, unit),
        by=fields,
        method=method,
        labels=labels,
    )


# -- two periods of one bill -------------------------------------------------


def bridge_periods(
    bill: BillLike,
    before: str,
    after: str,
    *,
    by: Sequence[str] | str = ("model",),
    unit: Unit = "tokens",
    method: BridgeMethod = "shapley",
) -> Bridge:
    """
    The bridge between two periods of one bill grouped by day or month.

    >>> from tokencost import bill
    >>> records = [
    ...     {"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": 1000},
    ...     {"model": "glm-5.2", "timestamp": "2026-08-01", "input_tokens": 2000},
    ... ]
    >>> b = bridge_periods(bill(records, by="month"), "2026-07", "2026-08")
    >>> b.effects.volume == b.change, b.effects.price
    (True, Decimal('0'))

    Args:
        bill: A `Bill` grouped by ``day`` (any periods) or ``month`` (whole
            months), and by any field to bridge by.
        before, after: The periods: a month (``2026-10``), a day
            (``2026-10-05``) or a span (``2026-10-01..2026-10-15``), not
            overlapping. Records outside both are left out.
        by, unit, method: As for `bridge`.

    Raises:
        NoUsageError: a period has no usage in the bill.
        InvalidInputError: the bill is not grouped by day or month, a period
            cannot be read, the periods overlap, or a period cuts a month of
            a bill grouped by month.
    """
    method = check_method(method)
    unit = check_unit(unit)
    fields = _check_by(by, (bill,))
    sides = period_sides(bill, before, after, fields, unit)
    labels = (before, after)
    return bridge_sides(*sides, by=fields, method=method, labels=labels)
