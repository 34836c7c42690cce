"""
Pricing groups: what a record's model, day and variant resolve to (a
`PricingContext`), and the priced `BillPart` of the records summed in one.

Every record of a context pays the same rates, so the context is priced
once, from the summed tokens of its records.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from tokencost._decimal import EXACT
from tokencost._errors import InvalidInputError
from tokencost._money import Money
from tokencost._parsing import MAX_TOKENS
from tokencost.billing.records import NO_TIME_LABEL
from tokencost.billing.result import BillPart
from tokencost.costing.lines import CostLine, _line, price_usage, priced_where
from tokencost.prices.model import COMPONENTS, ModelPrice, PricePeriod, Schedule
from tokencost.usage.usage import USAGE_FIELDS, Usage

__all__ = [
    "NO_TIME",
    "PricingContext",
    "group_value",
    "hashable",
    "price_part",
    "unpriced_slots",
]


@attrs.frozen(eq=False)
class PricingContext:
    """What a (model name, day, variant) resolves to; shared by its records."""

    price: ModelPrice
    period: PricePeriod
    schedule: Schedule
    variant: str | None
    day: str
    thresholds: tuple[int, ...]
    """The tiers' thresholds, ascending: a record's tier index is how many
    of them its prompt reaches."""
    windowed: bool = False
    """Whether the period has time-of-day windows that the standard prices
    give way to: then each record's time picks its context."""
    window: str | None = None
    """The window these prices are for, or None."""
    day_only: bool = False
    """Records that gave only a day, in a period with time-of-day windows:
    priced at the standard prices, and no window applied."""
    split: bool = False
    """A day during which the model's prices change (a period starts or
    ends at another time than midnight UTC): each record's time picks the
    part of the day, and so the period, it is priced in; a record that
    gives only the day is refused."""


# How a day-only context travels between processes, in place of a window
# name (window names are never empty).
NO_TIME = ""


def group_value(
    field: str, ctx: PricingContext, hour: str, tag_values: list[str]
) -> str:
    """What the records of *ctx* show under the group field *field*: a
    bill field, the *hour*, or the next of *tag_values* (taken from it)."""
    if field == "model":
        return ctx.price.id
    if field == "provider":
        return ctx.price.provider
    if field == "variant":
        return ctx.variant or "standard"
    if field == "window":
        return ctx.window or (NO_TIME_LABEL if ctx.day_only else "-")
    if field == "hour":
        return hour
    if field == "day":
        return ctx.day
    if field == "week":
        year, week, _ = date.fromisoformat(ctx.day).isocalendar()
        return f"{year}-W{week:02d}"
    if field == "month":
        return ctx.day[:7]
    return tag_values.pop(0)


def hashable(*values: object) -> bool:
    return all(isinstance(value, str | None) for value in values)


# The token count (its place in `Usage`) that feeds each component a rate
# can be missing for; reasoning without a rate is priced as output, and a
# request's price is never refused.
_FED_BY = {
    component: USAGE_FIELDS.index(f"{component}_tokens")
    for component in COMPONENTS
    if component not in ("reasoning", "request")
}


def unpriced_slots(ctx: PricingContext, tier_index: int) -> tuple[int, ...]:
    """
    The places in a `Usage` (as a tuple of counts), ascending, of the
    counts that feed a component the rates of *ctx* and the tier have no
    price for: a record with none of them above zero is priced; one with
    any may not be (the uncached part of the input, or the text part of
    the output, may still be zero), and `price_part` of that record alone
    decides.
    """
    tier = ctx.schedule.tiers[tier_index - 1] if tier_index else None
    rates = ctx.schedule.rates if tier is None else tier.rates
    return tuple(
        sorted(
            slot for component, slot in _FED_BY.items() if rates.get(component) is None
        )
    )


def price_part(
    ctx: PricingContext, tier_index: int, records: int, tokens: list[int]
) -> BillPart:
    tier = ctx.schedule.tiers[tier_index - 1] if tier_index else None
    rates = ctx.schedule.rates if tier is None else tier.rates
    if max(tokens) > MAX_TOKENS:
        # Each record is within the bound, but their sum is not a `Usage`.
        raise InvalidInputError(
            f"{records:,} records of {ctx.price.id} add up to {max(tokens):,} "
            "tokens of one kind, more than one group of a bill sums (at most "
            f"{MAX_TOKENS:.0e}): bill them in parts"
        )
    usage = Usage(*tokens)
    # Token components are priced on the sums; the per-request price is
    # priced separately, once per record.
    where = priced_where(ctx.variant, tier)
    raw = price_usage(ctx.price, attrs.evolve(rates, request=None), usage, 1, where)
    if rates.request is not None:
        raw.append(_line("request", records, rates.request, ctx.price, where))
    currency = ctx.price.currency
    lines = tuple(
        CostLine(component, quantity, unit, Money(amount, currency))
        for component, quantity, unit, amount in raw
    )
    total = Decimal(0)
    for *_, amount in raw:
        total = EXACT.add(total, amount)
    return BillPart(
        model=ctx.price.id,
        period=ctx.period,
        variant=ctx.variant,
        window=ctx.window,
        tier=tier,
        records=records,
        usage=usage,
        lines=lines,
        total=Money(total, currency),
        day_only=ctx.day_only,
    )
