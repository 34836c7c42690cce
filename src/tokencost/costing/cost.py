"""
`cost`: the exact cost of one request (or several alike) on one model.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, overload

from tokencost._decimal import EXACT, normalize
from tokencost._errors import InvalidUsageError
from tokencost._money import Money
from tokencost._parsing import parse_tokens
from tokencost.costing.fast import _FAST, _plan, _total
from tokencost.costing.lines import Cost, price_usage
from tokencost.prices.catalog import Catalog, default_catalog
from tokencost.prices.model import ModelPrice
from tokencost.usage.usage import Usage, UsageTotal

if TYPE_CHECKING:
    from tokencost.costing.workload import WorkloadCost
    from tokencost.prices.fx import ExchangeRates
    from tokencost.usage.profiles import UsageProfile

__all__ = ["cost"]


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
            total = EXACT.add(total, amount)
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
