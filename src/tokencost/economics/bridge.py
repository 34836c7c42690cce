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
the latest price period that side billed the model at (a window that
period lacks is priced at its standard hours, a tier at what a prompt of
its threshold pays).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tokencost._errors import (
    CurrencyMismatchError,
    InvalidInputError,
    MissingRateError,
    NoUsageError,
)
from tokencost._money import check_currency
from tokencost.economics.bridge_result import (
    EFFECTS,
    Bridge,
    BridgeEffects,
    BridgeGroup,
)
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
    exact_decimal,
    quantum_exponent,
    round_table,
    split_cell,
    to_decimal_at,
)
from tokencost.economics.periods import TIME_FIELDS, period_sides
from tokencost.prices.fx import ExchangeRates, exchange_rates

__all__ = ["bridge", "bridge_periods", "bridge_sides", "conversion"]


#: Fields a bridge can group by without the bills having them.
_DERIVED = ("model", "provider", "variant", "window", "tier")


# -- the split ---------------------------------------------------------------


def _currency(before: Side, after: Side, labels: tuple[str, str]) -> str:
    for side, label in ((before, labels[0]), (after, labels[1])):
        if len(side.currencies) > 1:
            raise MissingRateError(
                f"{label} has amounts in {', '.join(sorted(side.currencies))}: name "
                "a currency to convert them into (currency='USD', --currency USD)"
            )
    (first,), (second,) = before.currencies, after.currencies
    if first != second:
        raise CurrencyMismatchError(
            f"{labels[0]} is in {first} but {labels[1]} is in {second}: name a "
            "currency to convert both into (currency='USD', --currency USD)"
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
        price, volume, mix = split_cell(
            (p0, p1), (v0, v1), (Fraction(x0) / v0, Fraction(x1) / v1), method
        )
        row[0] += price
        row[1] += volume
        row[2] += mix
    return rows, v0, v1


def _exact_decimal(value: Fraction) -> Decimal:
    """A fraction whose denominator divides a power of ten, as a Decimal."""
    return exact_decimal(value)


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
    zero = Fraction(0)
    starts = [exact_decimal(before.totals.get(g, zero)) for g in groups]
    ends = [exact_decimal(after.totals.get(g, zero)) for g in groups]
    changes = [
        exact_decimal(after.totals.get(g, zero) - before.totals.get(g, zero))
        for g in groups
    ]
    table = [rows.get(g, [zero] * len(EFFECTS)) for g in groups]
    start, end = before.total, after.total
    total_change = exact_decimal(Fraction(end) - Fraction(start))
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


def conversion(
    currency: str | None, fx: ExchangeRates | Mapping[str, object] | None
) -> tuple[str | None, ExchangeRates | None]:
    """The currency to show a bridge in and the table to convert with."""
    if currency is None:
        if fx is not None:
            raise InvalidInputError(
                "exchange rates were given without a currency: pass currency= "
                "(--currency) to convert the bills into it"
            )
        return None, None
    return check_currency(currency), exchange_rates(fx)


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
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
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
        currency: Convert every amount into this currency first (bills in
            two currencies need it); without it, both bills must already be
            in one currency.
        fx: The exchange rates to convert with: an `ExchangeRates`, or a
            mapping of rates per 1 USD such as ``{"CNY": "7.10"}``; default
            the bundled table. Each line of each bill is converted, then
            added up.

    Raises:
        NoUsageError: a bill has no usage.
        CurrencyMismatchError, MissingRateError: the bills are not in one
            currency and no currency was named, or the table has no rate.
        InvalidInputError: an unknown method, unit or ``by`` field.
    """
    method = check_method(method)
    unit = check_unit(unit)
    fields = _check_by(by, (before, after))
    target, table = conversion(currency, fx)
    return bridge_sides(
        read_side(bill_pairs(before), fields, unit, target, table),
        read_side(bill_pairs(after), fields, unit, target, table),
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
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
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
        by, unit, method, currency, fx: As for `bridge`.

    Raises:
        NoUsageError: a period has no usage in the bill.
        InvalidInputError: the bill is not grouped by day or month, a period
            cannot be read, the periods overlap, or a period cuts a month of
            a bill grouped by month.
    """
    method = check_method(method)
    unit = check_unit(unit)
    fields = _check_by(by, (bill,))
    target, table = conversion(currency, fx)
    sides = period_sides(bill, before, after, fields, unit, currency=target, fx=table)
    labels = (before, after)
    return bridge_sides(*sides, by=fields, method=method, labels=labels)
