"""
A bill seen another way: in another currency, with a price changed, or as
if its requests had run on another model.

`convert_bill` and `adjust_bill` work on a priced `Bill`, part by part, so
every group stays exactly the sum of its parts and the total exactly the sum
of its groups. `repriced_catalog` works before pricing: the records of one
model are priced on another's price sheet, tiers and all.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

import attrs

from tokencost._decimal import EXACT, finish, normalize
from tokencost._errors import InvalidInputError
from tokencost._money import Money, check_currency
from tokencost._parsing import parse_price_change
from tokencost.billing.result import Bill, BillGroup, BillPart, _group
from tokencost.costing.lines import CostLine
from tokencost.prices.catalog import Catalog
from tokencost.prices.fx import ExchangeRates, dated_rates, exchange_rates
from tokencost.prices.model import ModelPrice

__all__ = ["adjust_bill", "convert_bill", "repriced_catalog"]


def _part_with(
    part: BillPart, currency: str, scale: Decimal | None, rates: ExchangeRates | None
) -> BillPart:
    """*part* with each line's unit price (and so amount) scaled, then
    converted into *currency*."""
    lines = []
    total = Decimal(0)
    for line in part.lines:
        unit, amount = line.unit_price, line.amount.amount
        if scale is not None:
            unit, amount = EXACT.multiply(unit, scale), EXACT.multiply(amount, scale)
        if rates is not None and line.amount.currency != currency:
            source = line.amount.currency
            # A converted amount is a computed product, kept to 28
            # significant digits as every computed figure is.
            unit = finish(rates.convert(Money(unit, source), currency).amount)
            amount = finish(rates.convert(Money(amount, source), currency).amount)
        amount = normalize(amount)
        lines.append(
            CostLine(
                line.component, line.quantity, normalize(unit), Money(amount, currency)
            )
        )
        total = EXACT.add(total, amount)
    return attrs.evolve(part, lines=tuple(lines), total=Money(total, currency))


def _rebuilt(bill: Bill, groups: list[BillGroup], rates: tuple[str, ...]) -> Bill:
    """*bill* with *groups*: same keys merged, totals summed per currency."""
    merged: dict[tuple[tuple[str, ...], str], list[BillPart]] = {}
    for group in groups:
        merged.setdefault((group.key, group.currency), []).extend(group.parts)
    rebuilt = sorted(
        (_group(key, code, parts) for (key, code), parts in merged.items()),
        key=lambda g: (g.key, g.currency),
    )
    totals: dict[str, Decimal] = {}
    for group in rebuilt:
        totals[group.currency] = EXACT.add(
            totals.get(group.currency, Decimal(0)), group.total.amount
        )
    return Bill(
        by=bill.by,
        groups=tuple(rebuilt),
        records=bill.records,
        totals=tuple(Money(totals[code], code) for code in sorted(totals)),
        rates=(*bill.rates, *rates),
    )


def _month_end(month: str) -> datetime.date:
    """The last day of *month* (``2026-07``), or today if that is sooner."""
    year, number = (int(part) for part in month.split("-"))
    first_after = datetime.date(year + number // 12, number % 12 + 1, 1)
    return min(first_after - datetime.timedelta(days=1), datetime.date.today())


def convert_bill(
    bill: Bill,
    currency: str,
    *,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    at: object = None,
) -> Bill:
    """
    *bill* with every amount in *currency*.

    With *fx* (rates per 1 USD, or an `ExchangeRates` table) every amount is
    converted at those rates. Without it the bundled ECB reference rates are
    used: each group of a bill grouped by ``day`` at the rates of its own
    day, of a bill grouped by ``month`` at the rates of the month's last day
    (its closing rate), any other bill at the rates of *at* (default today).
    The bill's `~Bill.rates` says which tables were used.

    >>> from tokencost.billing.engine import bill
    >>> b = bill([{"model": "glm-5.2", "timestamp": "2026-07-01",
    ...            "input_tokens": 1_000_000}], by="day")
    >>> convert_bill(b, "CNY", fx={"CNY": "7.10"}).total()
    Money(amount=Decimal('9.94'), currency='CNY')
    """
    target = check_currency(currency)
    fixed = None if fx is None else exchange_rates(fx)
    day = bill.by.index("day") if "day" in bill.by else None
    month = bill.by.index("month") if "month" in bill.by else None
    used: dict[str, None] = {}
    groups = []
    for group in bill.groups:
        if group.currency == target:
            groups.append(group)
            continue
        if fixed is not None:
            rates = fixed
        elif day is not None:
            rates = dated_rates(group.key[day])
        elif month is not None:
            rates = dated_rates(_month_end(group.key[month]))
        else:
            rates = dated_rates(at)
        used[rates.describe()] = None
        parts = [_part_with(p, target, None, rates) for p in group.parts]
        groups.append(_group(group.key, target, parts))
    return _rebuilt(bill, groups, tuple(used))


def adjust_bill(
    bill: Bill, changes: Mapping[str, object], *, catalog: Catalog | None = None
) -> Bill:
    """
    *bill* with the prices of some models changed: ``{"glm-5.2": "+83%"}``
    scales every line of that model's parts by 1.83.

    Args:
        changes: Price changes by model name (resolved in *catalog*, so
            ``glm-5.2`` finds ``zai:glm-5.2``), as fractions or percentages.
        catalog: Where the names are resolved; default the bundled one.

    Raises:
        InvalidInputError: a model the bill has no records of.
    """
    from tokencost.prices.catalog import default_catalog

    names = catalog or default_catalog()
    scales: dict[str, Decimal] = {}
    billed = {part.model for group in bill.groups for part in group.parts}
    for name, change in changes.items():
        model = names.get(name).id
        if model not in billed:
            raise InvalidInputError(
                f"cannot adjust {name!r}: the bill has no records of {model} "
                f"(it has {', '.join(sorted(billed)) or 'none'})"
            )
        scales[model] = EXACT.add(Decimal(1), parse_price_change(change, what=name))
    groups = []
    for group in bill.groups:
        parts = [
            _part_with(p, group.currency, scales[p.model], None)
            if p.model in scales
            else p
            for p in group.parts
        ]
        groups.append(_group(group.key, group.currency, parts))
    return _rebuilt(bill, groups, ())


class _Repriced(Catalog):
    """A catalog in which some models are priced as others: only `get`, the
    one call a bill makes, is meant to be used."""

    __slots__ = ("_base", "_swap")

    def __init__(self, base: Catalog, swap: Mapping[str, ModelPrice]) -> None:
        self._base = base
        self._swap = dict(swap)

    def __len__(self) -> int:
        return len(self._base)

    def get(self, name: str) -> ModelPrice:
        price = self._base.get(name)
        return self._swap.get(price.id, price)


def repriced_catalog(catalog: Catalog, swaps: Mapping[str, str]) -> Catalog:
    """
    For bills: *catalog* with each model of *swaps* (``{"OLD": "NEW"}``)
    priced as NEW, so a log is billed as if it had run on NEW. The bill's
    groups then name NEW.

    Raises:
        UnknownModelError: for a name of neither side in *catalog*.
        InvalidInputError: for a model swapped for itself.
    """
    swap: dict[str, ModelPrice] = {}
    for old, new in swaps.items():
        before, after = catalog.get(old), catalog.get(new)
        if before.id == after.id:
            raise InvalidInputError(
                f"--reprice {old}={new}: both name {before.id}; name another model"
            )
        swap[before.id] = after
    return _Repriced(catalog, swap)
