"""
The cost of requests on a model: `cost` and its result, `Cost`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import date
from decimal import Context, Decimal
from typing import TYPE_CHECKING, Any, overload

import attrs

from tokencost._errors import InvalidUsageError, NoPriceError
from tokencost._money import Money, format_amount
from tokencost._parsing import normalize, parse_tokens
from tokencost.prices.catalog import Catalog, as_moment, default_catalog
from tokencost.prices.model import ModelPrice, PricePeriod, Rates, Schedule, Tier
from tokencost.usage.usage import Usage, UsageTotal

if TYPE_CHECKING:
    from tokencost.costing.workload import WorkloadCost
    from tokencost.prices.fx import ExchangeRates
    from tokencost.usage.profiles import UsageProfile

__all__ = ["Cost", "CostLine", "cost", "price_usage"]

# Wide enough that no product of a token count and a price is ever rounded.
_EXACT = Context(prec=80)
_UNITS = {"input": "MTok", "cache_read": "MTok", "cache_write": "MTok"}
_UNITS |= {"output": "MTok", "request": "request"}
_UNITS |= {"cache_write_1h": "MTok", "reasoning": "MTok"}


@attrs.frozen
class CostLine:
    """One billed component: how many, at what unit price, for how much."""

    component: str
    """``input`` (uncached), ``cache_read``, ``cache_write``,
    ``cache_write_1h``, ``output``, ``reasoning`` or ``request``."""
    quantity: int
    """Tokens, or requests for the ``request`` component."""
    unit_price: Decimal
    """Price per million tokens, or per request."""
    amount: Money
    """quantity x unit_price (/ 1,000,000 for tokens), exact."""

    @property
    def unit(self) -> str:
        """``MTok`` (per million tokens) or ``request``."""
        return _UNITS[self.component]

    def row(self, currency: str) -> list[str]:
        """The line as table cells: component, quantity, unit price, amount."""
        return [
            self.component.replace("_", " "),
            f"{self.quantity:,}",
            f"{self.unit_price} {currency}/{self.unit}",
            format_amount(self.amount.amount),
        ]

    def to_dict(self) -> dict[str, Any]:
        """The line, JSON-ready."""
        return {
            "component": self.component,
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "unit": self.unit,
            "amount": self.amount.amount,
        }


@attrs.frozen
class Cost:
    """
    The exact cost of *requests* requests of one usage shape on one model.

    ``total`` is exactly the sum of the ``lines``; nothing is rounded until
    it is shown.
    """

    model: str
    """The full id of the model priced, ``provider:model``."""
    usage: Usage
    """The tokens of one request."""
    requests: int
    """How many requests of that shape."""
    _lines: tuple[CostLine, ...] | None = attrs.field(
        alias="lines", eq=False, repr=False
    )
    # The lines are built on first use (see `lines`): most callers read
    # only the total, and the line objects are most of the cost of a call.
    total: Money
    """The sum of the lines."""
    period: PricePeriod
    """The price period used."""
    at: date
    """The day the price was taken as of."""
    tier: Tier | None = None
    """The long-context tier applied, if any."""
    variant: str | None = None
    """The variant priced (``batch``...), or None for standard."""
    window: str | None = None
    """The time-of-day window priced (``off-peak``...), or None."""
    _source: tuple[ModelPrice, Rates] | None = attrs.field(
        default=None, alias="source", eq=False, repr=False
    )
    """The model and rates to build the lines from, when not given."""

    @property
    def lines(self) -> tuple[CostLine, ...]:
        """One line per billed component."""
        lines = self._lines
        if lines is None:
            lines = ()
            if self._source is not None:
                price, rates = self._source
                lines = tuple(
                    CostLine(component, quantity, unit, Money(amount, self.currency))
                    for component, quantity, unit, amount in price_usage(
                        price, rates, self.usage, self.requests
                    )
                )
            object.__setattr__(self, "_lines", lines)
        return lines

    @property
    def currency(self) -> str:
        """The ISO 4217 code of every amount."""
        return self.total.currency

    @property
    def per_request(self) -> Money:
        """The total divided by the number of requests."""
        if self.requests == 0:
            return Money.zero(self.currency)
        return self.total / self.requests

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Headers and rows: one row per line, then the total."""
        headers = ["component", "tokens", "unit price", "amount"]
        rows = [line.row(self.currency) for line in self.lines]
        label = f"total ({self.model}"
        if self.tier is not None:
            label += f", tier >= {self.tier.min_input_tokens:,} input tokens"
        if self.variant:
            label += f", {self.variant}"
        if self.window:
            label += f", {self.window}"
        rows.append(
            [f"{label})", "", "", f"{format_amount(self.total.amount)} {self.currency}"]
        )
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """Every figure, exact; Decimals as strings in JSON."""
        return {
            "model": self.model,
            "at": self.at,
            "currency": self.currency,
            "requests": self.requests,
            "variant": self.variant,
            "window": self.window,
            "tier_min_input_tokens": None
            if self.tier is None
            else self.tier.min_input_tokens,
            "usage": attrs.asdict(self.usage),
            "lines": [line.to_dict() for line in self.lines],
            "total": self.total.amount,
            "period": self.period.provenance(),
        }


def _line(
    component: str, quantity: int, rate: Decimal | None, model: ModelPrice
) -> tuple[str, int, Decimal, Decimal]:
    if rate is None:
        raise NoPriceError(
            f"{model.id} has no known {component.replace('_', '-')} price, "
            f"so {quantity:,} {component.replace('_', '-')} "
            f"{'requests' if component == 'request' else 'tokens'} cannot be priced"
        )
    product = _EXACT.multiply(Decimal(quantity), rate)
    if component != "request":
        product = product.scaleb(-6, _EXACT)
    return component, quantity, rate, normalize(product)


def price_usage(
    model: ModelPrice, rates: Rates, usage: Usage, requests: int
) -> list[tuple[str, int, Decimal, Decimal]]:
    """
    The raw lines (component, quantity, unit price, amount) for *requests*
    requests of *usage* at *rates*. Components with no tokens are left out,
    except input and output, which are always shown.
    """
    lines = [
        _line("input", usage.uncached_input_tokens * requests, rates.input_mtok, model)
    ]
    if usage.cache_read_tokens:
        lines.append(
            _line(
                "cache_read",
                usage.cache_read_tokens * requests,
                rates.cache_read_mtok,
                model,
            )
        )
    if usage.cache_write_tokens:
        lines.append(
            _line(
                "cache_write",
                usage.cache_write_tokens * requests,
                rates.cache_write_mtok,
                model,
            )
        )
    if usage.cache_write_1h_tokens:
        lines.append(
            _line(
                "cache_write_1h",
                usage.cache_write_1h_tokens * requests,
                rates.cache_write_1h_mtok,
                model,
            )
        )
    # Reasoning tokens are output tokens; only a separate reasoning price
    # splits them out.
    reasoning = usage.reasoning_tokens if rates.reasoning_mtok is not None else 0
    lines.append(
        _line(
            "output",
            (usage.output_tokens - reasoning) * requests,
            rates.output_mtok,
            model,
        )
    )
    if reasoning:
        lines.append(
            _line("reasoning", reasoning * requests, rates.reasoning_mtok, model)
        )
    if rates.request is not None:
        lines.append(_line("request", requests, rates.request, model))
    return lines


@overload
def cost(
    model: str | ModelPrice,
    usage: Usage | None = None,
    *,
    input_tokens: object = None,
    output_tokens: object = None,
    cache_read_tokens: object = None,
    cache_write_tokens: object = None,
    cache_write_1h_tokens: object = None,
    reasoning_tokens: object = None,
    requests: object = 1,
    at: object = None,
    variant: str | None = None,
    catalog: Catalog | None = None,
    profile: None = None,
) -> Cost: ...


@overload
def cost(
    model: str | ModelPrice,
    usage: None = None,
    *,
    profile: str | UsageProfile,
    requests: object = None,
    per: str | None = None,
    at: object = None,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    adjust: object = None,
    catalog: Catalog | None = None,
) -> WorkloadCost: ...


def cost(
    model: str | ModelPrice,
    usage: Usage | None = None,
    *,
    input_tokens: object = None,
    output_tokens: object = None,
    cache_read_tokens: object = None,
    cache_write_tokens: object = None,
    cache_write_1h_tokens: object = None,
    reasoning_tokens: object = None,
    requests: object = None,
    at: object = None,
    variant: str | None = None,
    catalog: Catalog | None = None,
    profile: str | UsageProfile | None = None,
    per: str | None = None,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    adjust: object = None,
) -> Cost | WorkloadCost:
    """
    The exact cost of *requests* requests, each using *usage*, on *model*.

    Pass a `Usage` or the token counts as keywords, not both. Counts describe
    one request: a long-context tier applies when that request's prompt
    reaches the tier's threshold, and then prices the whole request.

    Args:
        model: A name (``glm-5.2``, ``anthropic:claude-fable-5``) or a
            `ModelPrice`.
        usage: The tokens of one request.
        input_tokens: All prompt tokens of one request, cached ones included.
        output_tokens: Generated tokens of one request, reasoning included.
        cache_read_tokens: Prompt tokens read from the cache (part of input).
        cache_write_tokens: Prompt tokens written to the cache (part of input).
        cache_write_1h_tokens: Prompt tokens written to the cache for one hour
            (part of input).
        reasoning_tokens: Reasoning tokens (part of output).
        requests: How many such requests (default 1).
        at: The day whose prices apply: a date, a datetime or an ISO string
            (default today). A moment with a time of day (naive means UTC)
            also selects a time window such as DeepSeek's off-peak hours; a
            bare day prices at the standard rates.
        variant: A named variant such as ``"batch"``; None for standard.
        catalog: The catalog to look *model* up in; default the bundled one.
        profile: Cost a workload instead: a profile name or `UsageProfile`.
            Then *requests* defaults to the profile's volume, *per* names its
            period, *currency*, *fx* and *adjust* work as in
            `workload_cost`, and the result is a `WorkloadCost`.

    >>> c = cost("claude-fable-5", input_tokens=120_000, output_tokens=4_000,
    ...          at="2026-07-01")
    >>> c.total
    Money(amount=Decimal('1.4'), currency='USD')
    """
    keywords = (
        input_tokens,
        output_tokens,
        cache_read_tokens,
        cache_write_tokens,
        cache_write_1h_tokens,
        reasoning_tokens,
    )
    if profile is not None:
        from tokencost.costing.workload import workload_cost

        if usage is not None or any(k is not None for k in keywords):
            raise InvalidUsageError("pass either a profile or a usage, not both")
        return workload_cost(
            model,
            profile,
            requests=requests,
            per=per,
            at=at,
            currency=currency,
            fx=fx,
            adjust=adjust,
            catalog=catalog,
        )
    if per is not None or currency is not None or fx is not None or adjust is not None:
        raise InvalidUsageError(
            "per, currency, fx and adjust apply to workloads: pass profile=, "
            "or use tc.workload_cost() or tc.compare()"
        )
    if usage is None:
        usage = Usage(*(0 if k is None else k for k in keywords))
    elif keywords.count(None) != len(keywords):
        raise InvalidUsageError(
            "pass either a Usage or token counts as keywords, not both"
        )
    elif type(usage) is Usage:
        pass  # the usual case, checked once
    elif isinstance(usage, UsageTotal):
        raise InvalidUsageError(
            f"cannot price a UsageTotal of {usage.requests} requests as one "
            "request: long-context tiers apply to each request's prompt; "
            "pass the individual usages to tokencost.cost_many()"
        )
    elif not isinstance(usage, Usage):
        raise InvalidUsageError(
            f"usage must be a tokencost.Usage, not {type(usage).__name__}"
        )
    if requests is None:
        count = 1
    elif type(requests) is int and requests >= 0:
        count = requests
    else:
        count = parse_tokens(requests, what="requests")
    if isinstance(model, ModelPrice):
        price = model
    elif catalog is None:
        price = default_catalog().get(model)
    else:
        price = catalog.get(model)
    _, day, period, schedule, window, model_id = _plan(price, at, variant)
    tier = schedule.tier_for(usage.input_tokens) if schedule.tiers else None
    rates = schedule.rates if tier is None else tier.rates
    total = _total(rates, usage, count) if _FAST else None
    if total is None:
        # A missing rate: price_usage raises the error that names it.
        raw = price_usage(price, rates, usage, count)
        total = Decimal(0)
        for *_, amount in raw:
            total = _EXACT.add(total, amount)
    # Positional: this is the hot path, and keywords cost time to match.
    return Cost(
        model_id,
        usage,
        count,
        None,  # lines, built when first read
        Money._checked(normalize(total), price.currency),
        period,
        day,
        tier,
        None if variant in (None, "standard") else variant,
        window,
        (price, rates),
    )


# The fast path below knows these fields; should Usage or Rates grow one, it
# turns itself off rather than leave the new component out of the total
# (and tests/test_fast_path.py fails until it learns the new field).
_FAST = tuple(f.name for f in attrs.fields(Usage)) == (
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
    "reasoning_tokens",
) and tuple(f.name for f in attrs.fields(Rates)) == (
    "input_mtok",
    "output_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
    "request",
    "cache_write_1h_mtok",
    "reasoning_mtok",
)


def _total(rates: Rates, usage: Usage, count: int) -> Decimal | None:
    """
    The sum of the amounts `price_usage` gives, computed without building
    the lines; None when a rate it needs is missing.

    Each token rate is held as an integer scaled by a common power of ten,
    so the sum is taken in Python integers and turned into one Decimal: the
    same exact value, for a fraction of the work.
    """
    scaled = _SCALED.get(id(rates))
    if scaled is None or scaled[0] is not rates:
        scaled = _scale(rates)
    _, places, plain, output, read_rate, write_rate, hour_rate, reason_rate = scaled
    if plain is None or output is None:
        return None
    read, write = usage.cache_read_tokens, usage.cache_write_tokens
    hour = usage.cache_write_1h_tokens
    reasoning = usage.reasoning_tokens if reason_rate is not None else 0
    units = (usage.input_tokens - read - write - hour) * plain
    units += (usage.output_tokens - reasoning) * output
    if read:
        if read_rate is None:
            return None
        units += read * read_rate
    if write:
        if write_rate is None:
            return None
        units += write * write_rate
    if hour:
        if hour_rate is None:
            return None
        units += hour * hour_rate
    if reason_rate is not None and reasoning:
        units += reasoning * reason_rate
    total = Decimal(units * count).scaleb(-6 - places, _EXACT)
    if rates.request is not None:
        total = _EXACT.add(total, _EXACT.multiply(Decimal(count), rates.request))
    return total


_Rate = int | None
_Scaled = tuple[Rates, int, _Rate, _Rate, _Rate, _Rate, _Rate, _Rate]
_SCALED: dict[int, _Scaled] = {}


def _scale(rates: Rates) -> _Scaled:
    token_rates = (
        rates.input_mtok,
        rates.output_mtok,
        rates.cache_read_mtok,
        rates.cache_write_mtok,
        rates.cache_write_1h_mtok,
        rates.reasoning_mtok,
    )
    places = 0
    for rate in token_rates:
        if rate is not None:
            exponent = rate.as_tuple().exponent
            if isinstance(exponent, int):
                places = max(places, -exponent)
    plain, output, read, write, hour, reasoning = (
        None if rate is None else int(rate.scaleb(places, _EXACT))
        for rate in token_rates
    )
    scaled = (rates, places, plain, output, read, write, hour, reasoning)
    if len(_SCALED) >= 4_096:
        _SCALED.clear()
    _SCALED[id(rates)] = scaled
    return scaled


# (id of the ModelPrice, at, variant) -> (the ModelPrice, day, period,
# schedule, window name, model id): a caller pricing the same models day
# after day resolves each date, period and window once. The ModelPrice is
# kept to check the id still means it.
_Plan = tuple[ModelPrice, date, PricePeriod, Schedule, str | None, str]
_PLANS: dict[tuple[int, object, str | None], _Plan] = {}
_today: list[Any] = [-1, None]  # [UTC day number, its date]


def _plan(price: ModelPrice, at: object, variant: str | None) -> _Plan:
    if at is None:
        # Today, in UTC; a day number is cheaper to get than a datetime.
        number = int(time.time() // 86_400)
        if _today[0] != number:
            _today[:] = [number, as_moment(None)[0]]
        at = _today[1]
    key = (id(price), at, variant)
    try:
        plan = _PLANS.get(key)
        cacheable = True
    except TypeError:  # an unhashable at or variant: the checks below name it
        plan, cacheable = None, False
    if plan is None or plan[0] is not price:
        day, moment = as_moment(at, what="at")
        period = price.period_at(day)
        schedule = period.schedule(variant)
        window = None
        if moment is not None and variant in (None, "standard"):
            window = period.window_at(moment)
            if window is not None:
                schedule = window.schedule
        name = None if window is None else window.name
        plan = (price, day, period, schedule, name, price.id)
        if cacheable:
            if len(_PLANS) >= 4_096:
                _PLANS.clear()
            _PLANS[key] = plan
    return plan
