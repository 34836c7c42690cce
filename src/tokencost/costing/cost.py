"""
`cost`: the exact cost of one request (or several alike) on one model.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Unpack

import attrs

from tokencost._decimal import EXACT, normalize
from tokencost._errors import (
    InvalidInputError,
    InvalidUsageError,
    NoPriceError,
    WrongTypeError,
)
from tokencost._money import Money, check_currency
from tokencost._parsing import MAX_TOKENS, Count, now, parse_tokens
from tokencost.costing.fast import (
    _FAST,
    NAMED_PLANS,
    NamedPlan,
    _multiply,
    _plan,
    _reduce,
    _total,
    remember_named,
    scale,
)
from tokencost.costing.lines import (
    Cost,
    CostBuilder,
    CostLine,
    MoneyBuilder,
    price_usage,
    priced_where,
)
from tokencost.prices import catalog as catalogs
from tokencost.prices.catalog import Catalog, check_catalog, default_catalog
from tokencost.prices.model import ModelPrice
from tokencost.usage.usage import (
    USAGE_FIELDS,
    OtherCounts,
    Usage,
    UsageBuilder,
    UsageTotal,
)

if TYPE_CHECKING:
    from tokencost.prices.fx import ExchangeRates

__all__ = ["cost"]


def cost(
    model: str | ModelPrice,
    usage: Usage | None = None,
    *,
    input_tokens: Count | None = None,
    output_tokens: Count | None = None,
    cache_read_tokens: Count | None = None,
    cache_write_tokens: Count | None = None,
    requests: Count | None = None,
    at: date | str | None = None,
    variant: str | None = None,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    catalog: Catalog | None = None,
    **counts: Unpack[OtherCounts],
) -> Cost:
    """
    The exact cost of *requests* requests, each using *usage*, on *model*.

    Pass a `Usage` or the token counts as keywords, not both. Counts are any
    integral numbers (numpy's too) or text such as ``"120k"``, and describe
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
        input_audio_tokens: Uncached audio prompt tokens (part of input);
            likewise ``input_image_tokens`` and ``input_video_tokens``.
        output_audio_tokens: Generated audio tokens (part of output);
            likewise ``output_image_tokens``. A count of a modality the
            model has no price for raises `NoPriceError`: it is never
            priced as text.
        cache_read_audio_tokens: Audio prompt tokens read from the cache
            (part of ``cache_read_tokens``), priced at the model's
            cached-audio price; without one, `NoPriceError`.
        requests: How many such requests (default 1).
        at: The day whose prices apply: a date, a datetime or an ISO string.
            A moment with a time of day (naive means UTC) also selects a time
            window such as DeepSeek's peak hours; a bare day prices at the
            standard rates. Default: the current moment, from the clock
            (`set_clock`), so a gateway pricing live traffic gets the window
            in force.
        variant: A named variant such as ``"batch"``; None for standard.
        currency: Show every amount in this currency, converted at the rate
            of *fx* (default: the model's own currency, unconverted).
        fx: Rates per 1 USD (``{"CNY": "7.10"}``) or an `ExchangeRates`;
            default the bundled table. Only with *currency*: without one
            there is nothing to convert, and *fx* is refused
            (`InvalidInputError`) rather than ignored.
        catalog: The catalog to look *model* up in; default the bundled one.

    A workload (a usage profile, or many requests of several shapes) has
    its own entry point, `workload_cost`.

    >>> c = cost("claude-fable-5", input_tokens=120_000, output_tokens=4_000,
    ...          at="2026-07-01")
    >>> c.total
    Money(amount=Decimal('1.4'), currency='USD')
    """
    # The usual cases first, each in as few steps as it can take: this runs
    # for every request a gateway prices.
    plain = False  # a Usage of the four usual counts only, which are:
    inp: int
    out: int
    read: int
    write: int
    if usage is None:
        if input_tokens is None:
            input_tokens = 0
        if output_tokens is None:
            output_tokens = 0
        if cache_read_tokens is None:
            cache_read_tokens = 0
        if cache_write_tokens is None:
            cache_write_tokens = 0
        if (
            not counts
            and type(input_tokens) is int
            and type(output_tokens) is int
            and type(cache_read_tokens) is int
            and type(cache_write_tokens) is int
            # Usage's own first test: the four are in range when their
            # bits together are, and the cache is part of the prompt.
            and 0
            <= input_tokens | output_tokens | cache_read_tokens | cache_write_tokens
            <= MAX_TOKENS
            and cache_read_tokens + cache_write_tokens <= input_tokens
        ):
            # The Usage that Usage(...) builds for these counts, without the
            # call (tests/costing/test_fast.py checks the two agree).
            built = UsageBuilder()
            built.input_tokens = inp = input_tokens
            built.output_tokens = out = output_tokens
            built.cache_read_tokens = read = cache_read_tokens
            built.cache_write_tokens = write = cache_write_tokens
            built.cache_write_1h_tokens = built.reasoning_tokens = 0
            built.input_audio_tokens = built.input_image_tokens = 0
            built.input_video_tokens = built.output_audio_tokens = 0
            built.output_image_tokens = built.cache_read_audio_tokens = 0
            built.__class__ = Usage
            usage = built
            plain = True
        else:
            try:
                usage = Usage(
                    input_tokens,
                    output_tokens,
                    cache_read_tokens,
                    cache_write_tokens,
                    **counts,
                )
            except TypeError:
                _check_keywords(counts)
                raise
    elif (
        counts
        or input_tokens is not None
        or output_tokens is not None
        or cache_read_tokens is not None
        or cache_write_tokens is not None
    ):
        raise InvalidUsageError(
            "pass either a Usage or token counts as keywords, not both"
        )
    elif type(usage) is Usage:
        inp = usage.input_tokens
        out = usage.output_tokens
        read = usage.cache_read_tokens
        write = usage.cache_write_tokens
        plain = not (
            usage.cache_write_1h_tokens
            or usage.reasoning_tokens
            or usage.input_audio_tokens
            or usage.input_image_tokens
            or usage.input_video_tokens
            or usage.output_audio_tokens
            or usage.output_image_tokens
            or usage.cache_read_audio_tokens
        )
    else:
        usage = _checked_usage(usage)
    if requests is None:
        count = 1
    elif type(requests) is int and 0 <= requests <= MAX_TOKENS:
        count = requests
    else:
        count = parse_tokens(requests, what="requests")
    # Without a day, the current moment: its day's plan, then the
    # time-of-day window in force (a gateway pricing live traffic).
    if at is None:
        moment = now()
        day_or_at: object = moment.date()
    else:
        moment = None
        day_or_at = at
    plan = None
    if catalog is None and type(model) is str:
        # A name priced before, on the same day and variant, with the same
        # default catalog: two lookups instead of a name's and a plan's.
        try:
            plan = NAMED_PLANS[day_or_at][
                model if variant is None else (model, variant)
            ]
        except (KeyError, TypeError):  # new, or unhashable: checked below
            pass
        else:
            if plan[0] is not catalogs._default:
                plan = None
    if plan is None:
        try:
            plan = _named_plan(model, day_or_at, variant, catalog)
        except NoPriceError:
            if moment is None:
                raise
            # Today the prices change (or end): the plan of the moment.
            plan = _named_plan(model, moment, variant, catalog)
    _, price, day, period, schedule, window, model_id, scaled, source = plan
    if (
        moment is not None
        and period.windows
        and (variant is None or variant in _STANDARD)
    ):
        found = period.window_at(moment)
        if found is not None:
            schedule, window = found.schedule, found.name
            scaled = scale(schedule.rates)
            source = (price, schedule.rates)
    tier = None
    tiers = schedule.tiers
    # Thresholds ascend: a prompt below the first is in no tier.
    if tiers and usage.input_tokens >= tiers[0].min_input_tokens:
        tier = schedule.tier_for(usage.input_tokens)
        if tier is not None:
            scaled = scale(tier.rates)
            source = (price, tier.rates)
    simple = scaled[9]
    if plain and simple is not None:
        plain_rate, output_rate, read_less, write_less, missing, ten, unit = simple
        # A missing cache rate with tokens to price: the lines name it.
        if not missing or not ((missing & 1 and read) or (missing & 2 and write)):
            units = (
                inp * plain_rate
                + out * output_rate
                + read * read_less
                + write * write_less
            )
            if count != 1:
                units *= count
            total = _multiply(units, unit)
            if not units % 10:
                # Trailing zeros to drop; at ten or more, a positive
                # exponent to undo too.
                total = _reduce(total)
                if units >= ten:
                    total = normalize(total)
        else:
            total = None
    else:
        total = _total(scaled, usage, count) if _FAST else None
    if total is None:
        # A missing rate: price_usage raises the error that names it, and
        # which of the model's prices lacks it.
        raw = price_usage(price, source[1], usage, count, priced_where(variant, tier))
        total = Decimal(0)
        for *_, amount in raw:
            total = EXACT.add(total, amount)
        total = normalize(total)
    # `Cost(...)` and its `Money`, built for the price of plain objects (see
    # tokencost._frozen; tests/costing/test_fast.py checks the two agree).
    money = MoneyBuilder()
    money.amount = total
    money.currency = price.currency
    money.__class__ = Money
    result = CostBuilder()
    result.model = model_id
    result.usage = usage
    result.requests = count
    result._lines = None  # built when first read
    result.total = money
    result.period = period
    result.at = day
    result.tier = tier
    result.variant = None if variant is None or variant in _STANDARD else variant
    result.window = window
    result._source = source
    result.rate = result.fx = result.converted_from = None
    result.__class__ = Cost
    if currency is None:
        if fx is not None:
            raise InvalidInputError("fx converts to a currency: give currency too")
        return result  # type: ignore[no-any-return]
    if currency == price.currency:
        if fx is not None:
            # Nothing to convert, but rates that are no rates are refused
            # here as anywhere else, not passed over.
            from tokencost.prices.fx import exchange_rates

            exchange_rates(fx)
        return result  # type: ignore[no-any-return]
    return _converted(result, currency, fx)


def _converted(
    result: Cost, currency: str, fx: ExchangeRates | Mapping[str, object] | None
) -> Cost:
    """*result* with every amount in *currency*, at one rate of *fx*."""
    from tokencost.prices.fx import exchange_rates

    target = check_currency(currency)
    table = exchange_rates(fx, at=result.at)
    rate = table.rate(result.currency, target)
    lines = tuple(
        CostLine(
            line.component,
            line.quantity,
            normalize(EXACT.multiply(line.unit_price, rate)),
            Money(normalize(EXACT.multiply(line.amount.amount, rate)), target),
        )
        for line in result.lines
    )
    # The total is the sum of the converted lines, so it stays exactly that.
    total = Decimal(0)
    for line in lines:
        total = EXACT.add(total, line.amount.amount)
    return attrs.evolve(
        result,
        lines=lines,
        total=Money(normalize(total), target),
        source=None,
        rate=rate,
        fx=table,
        converted_from=result.currency,
    )


_STANDARD = ("", "standard")


def _named_plan(
    model: str | ModelPrice, at: object, variant: str | None, catalog: Catalog | None
) -> NamedPlan:
    """The plan of *model* on *at* in *catalog*, remembered for the next call
    when *model* is a name in the default catalog."""
    if isinstance(model, ModelPrice):
        price = model
    elif catalog is None:
        price = default_catalog().get(model)
    else:
        price = check_catalog(catalog).get(model)
    _, day, period, schedule, window, model_id = _plan(price, at, variant)
    plan = (
        catalogs._default,
        price,
        day,
        period,
        schedule,
        window,
        model_id,
        scale(schedule.rates),
        (price, schedule.rates),
    )
    if catalog is None and at is not None and type(model) is str:
        remember_named(at, model if variant is None else (model, variant), plan)
    return plan


_COUNTS = frozenset(USAGE_FIELDS)


def _check_keywords(counts: Mapping[str, object]) -> None:
    """Name a keyword that is not a token count (Python's own error would
    name `Usage`, which the caller did not call)."""
    for name in counts:
        if name not in _COUNTS:
            raise WrongTypeError(
                f"cost() got an unexpected keyword argument {name!r}; token "
                f"counts are {', '.join(USAGE_FIELDS)}"
            )


def _checked_usage(usage: object) -> Usage:
    """*usage*, when it is a `Usage` (a subclass's too); else the error that
    says what to pass."""
    if isinstance(usage, UsageTotal):
        raise InvalidUsageError(
            f"cannot price a UsageTotal of {usage.requests} requests as one "
            "request: long-context tiers apply to each request's prompt; "
            "pass the individual usages to tokencost.cost_many()"
        )
    if not isinstance(usage, Usage):
        raise InvalidUsageError(
            f"usage must be a tokencost.Usage, not {type(usage).__name__}"
        )
    return usage
