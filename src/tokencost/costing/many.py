"""
The cost of many requests of different shapes: `cost_many` and `CostTotal`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import EXACT, normalize
from tokencost._errors import InvalidUsageError, NoPriceError, WrongTypeError
from tokencost._money import Money
from tokencost._parsing import as_moment
from tokencost._results import result
from tokencost.costing.cost import cost
from tokencost.costing.lines import Cost, CostLine, lines_table
from tokencost.prices.catalog import Catalog, resolve
from tokencost.prices.model import COMPONENTS, ModelPrice, PricePeriod
from tokencost.usage.usage import Usage, UsageTotal

__all__ = ["CostTotal", "cost_many"]

# Lines in the price model's own order of components.
_ORDER = {component: index for index, component in enumerate(COMPONENTS)}


@result
@attrs.frozen
class CostTotal:
    """
    The exact cost of several requests on one model, each priced on its own.

    ``total`` is exactly the sum of the ``costs`` (one `Cost` per request)
    and exactly the sum of the ``lines``. A line groups the tokens of one
    component billed at one unit price, so a component shows one line per
    price it was billed at: a request in a long-context tier adds lines at
    the tier's prices.
    """

    model: str
    """The full id of the model priced, ``provider:model``."""
    usage: UsageTotal
    """The tokens of all the requests, per component, and their number."""
    costs: tuple[Cost, ...]
    """The cost of each request, in the order given."""
    lines: tuple[CostLine, ...]
    """One line per component and unit price."""
    total: Money
    """The sum of the costs, exact."""
    period: PricePeriod
    """The price period used."""
    at: date
    """The day the price was taken as of."""
    variant: str | None = None
    """The variant priced (``batch``...), or None for standard."""

    @property
    def currency(self) -> str:
        """The ISO 4217 code of every amount."""
        return self.total.currency

    @property
    def requests(self) -> int:
        """How many requests were priced."""
        return len(self.costs)

    @property
    def tiered_requests(self) -> int:
        """How many of the requests were billed at a long-context tier."""
        return sum(1 for c in self.costs if c.tier is not None)

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Headers and rows: one row per line, then the total."""
        notes = [self.model, f"{self.requests:,} requests"]
        if self.tiered_requests:
            notes.append(f"{self.tiered_requests:,} in a long-context tier")
        notes += [self.variant] if self.variant else []
        return lines_table(self.lines, self.total, notes)

    def to_dict(self) -> dict[str, Any]:
        """Every figure, exact; Decimals as strings in JSON."""
        return {
            "model": self.model,
            "at": self.at,
            "currency": self.currency,
            "requests": self.requests,
            "tiered_requests": self.tiered_requests,
            "variant": self.variant,
            "usage": attrs.asdict(self.usage),
            "lines": [line.to_dict() for line in self.lines],
            "request_totals": [c.total.amount for c in self.costs],
            "total": self.total.amount,
            "period": self.period.provenance(),
        }


def _usages(usages: Iterable[Usage]) -> list[Usage]:
    if isinstance(usages, Usage | UsageTotal):
        raise WrongTypeError(
            "usages must be an iterable of tokencost.Usage, one per request, "
            f"not a single {type(usages).__name__}"
        )
    items = []
    for index, usage in enumerate(usages):
        if isinstance(usage, UsageTotal):
            raise InvalidUsageError(
                f"usages[{index}] is a UsageTotal of {usage.requests} requests; "
                "long-context tiers apply to each request's prompt, so pass "
                "the usage of each request"
            )
        if not isinstance(usage, Usage):
            raise WrongTypeError(
                f"usages[{index}] must be a tokencost.Usage, not "
                f"{type(usage).__name__}; read a provider's reply with "
                "tokencost.usage_from()"
            )
        items.append(usage)
    return items


def _group(costs: list[Cost], currency: str) -> tuple[CostLine, ...]:
    sums: dict[tuple[str, Decimal], tuple[int, Decimal]] = {}
    for c in costs:
        for line in c.lines:
            key = (line.component, line.unit_price)
            quantity, amount = sums.get(key, (0, Decimal(0)))
            sums[key] = (
                quantity + line.quantity,
                EXACT.add(amount, line.amount.amount),
            )
    # Dicts keep insertion order and sorted() is stable, so a component's
    # prices stay in the order the requests first used them.
    keys = sorted(sums, key=lambda key: _ORDER[key[0]])
    return tuple(
        CostLine(
            component,
            sums[component, unit][0],
            unit,
            Money(normalize(sums[component, unit][1]), currency),
        )
        for component, unit in keys
    )


def cost_many(
    model: str | ModelPrice,
    usages: Iterable[Usage],
    *,
    at: date | str | None = None,
    variant: str | None = None,
    catalog: Catalog | None = None,
) -> CostTotal:
    """
    The exact cost of several requests on *model*, each priced on its own.

    A long-context tier depends on the size of each request's prompt, so a
    sum of usages cannot be priced as one request: two prompts of 150,000
    tokens are each below a 200,000-token threshold, while their sum is
    above it. `cost_many` therefore prices every usage with `cost()` and adds
    the results, exactly. Adding `Usage` objects is allowed, for reporting
    token totals, but gives a `UsageTotal`, which `cost()` refuses; this
    function is the one way to price many requests of different shapes.

    Args:
        model: A name (``glm-5.2``, ``anthropic:claude-fable-5``) or a
            `ModelPrice`.
        usages: The usage of each request, for instance
            ``map(tokencost.usage_from, replies)``.
        at: The day whose prices apply to every request (a date or ISO
            string; default today).
        variant: A named variant such as ``"batch"``; None for standard.
        catalog: The catalog to look *model* up in; default the bundled one.

    Returns:
        A frozen `CostTotal`: the total, the cost of each request, the
        tokens per component and one line per component and unit price.

    >>> total = cost_many("gpt-5.5", [Usage(272_000, 1_000), Usage(272_001, 1_000)],
    ...                   at="2026-07-01")
    >>> total.total.amount, total.requests, total.tiered_requests
    (Decimal('4.15501'), 2, 1)
    """
    items = _usages(usages)
    price = resolve(model, catalog)
    # No `at` means now, to the moment, so a time window (off-peak hours)
    # applies as it would to a request made now; a bare day prices the day.
    day, moment = as_moment(at, what="at")
    when = day if moment is None else moment
    period = price.period_at(when)
    try:  # an unknown variant is an error even for no usages
        period.schedule(variant)
    except NoPriceError as exc:
        raise NoPriceError(f"{price.id}: {exc}") from None
    costs = [cost(price, usage, at=when, variant=variant) for usage in items]
    total = Decimal(0)
    for c in costs:
        total = EXACT.add(total, c.total.amount)
    return CostTotal(
        model=price.id,
        usage=UsageTotal.of(items),
        costs=tuple(costs),
        lines=_group(costs, price.currency),
        total=Money(normalize(total), price.currency),
        period=period,
        at=day,
        variant=None if variant in (None, "standard") else variant,
    )
