"""
The fast path of `cost`: dates and periods resolved once per model, day and
variant, and the total worked in scaled integers, exact for rates with few
decimals. Lines are built only when first read.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from tokencost._decimal import EXACT, normalize
from tokencost._errors import NoPriceError
from tokencost._parsing import as_moment, now
from tokencost.prices.model import ModelPrice, PricePeriod, Rates, Schedule
from tokencost.usage.usage import Usage

__all__ = []


# The fast path below knows these fields; should Usage or Rates grow one, it
# turns itself off rather than leave the new component out of the total
# (and tests/costing/test_fast.py fails until it learns the new field).
# Tokens of other modalities (audio, image, video), cached audio too, take
# the lines' path.
_FAST = tuple(f.name for f in attrs.fields(Usage)) == (
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
    "reasoning_tokens",
    "input_audio_tokens",
    "input_image_tokens",
    "input_video_tokens",
    "output_audio_tokens",
    "output_image_tokens",
    "cache_read_audio_tokens",
) and tuple(f.name for f in attrs.fields(Rates)) == (
    "input_mtok",
    "output_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
    "request",
    "cache_write_1h_mtok",
    "reasoning_mtok",
    "input_audio_mtok",
    "input_image_mtok",
    "input_video_mtok",
    "output_audio_mtok",
    "output_image_mtok",
    "cache_read_audio_mtok",
)


def _total(scaled: Scaled, usage: Usage, count: int) -> Decimal | None:
    """
    The sum of the amounts `price_usage` gives, normalized, computed without
    building the lines; None when a rate it needs is missing, or when the
    usage has tokens of another modality than text, which the lines price.

    Each token rate is held as an integer scaled by a common power of ten,
    so the sum is taken in Python integers and turned into one Decimal: the
    same exact value, for a fraction of the work.
    """
    (
        rates,
        exponent,
        ten,
        plain,
        output,
        read_rate,
        write_rate,
        hour_rate,
        reason_rate,
        _,
    ) = scaled
    if plain is None or output is None:
        return None
    if (
        usage.input_audio_tokens
        or usage.input_image_tokens
        or usage.input_video_tokens
        or usage.output_audio_tokens
        or usage.output_image_tokens
        or usage.cache_read_audio_tokens
    ):
        return None
    read = usage.cache_read_tokens
    write = usage.cache_write_tokens
    hour = usage.cache_write_1h_tokens
    units = (usage.input_tokens - read - write - hour) * plain
    if reason_rate is None:
        units += usage.output_tokens * output
    else:
        reasoning = usage.reasoning_tokens
        units += (usage.output_tokens - reasoning) * output + reasoning * reason_rate
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
    if count != 1:
        units *= count
    total = _scaleb(units, exponent)
    if rates.request is not None:
        return normalize(
            EXACT.add(total, EXACT.multiply(Decimal(count), rates.request))
        )
    if units % 10:
        # No trailing zero, and a negative exponent: already normal.
        return total
    total = total.normalize(EXACT)
    # Below ten, a normalized amount has no positive exponent to undo.
    return total if units < ten else normalize(total)


# Bound once: the context's own methods take their arguments positionally,
# which parses them for a fraction of what the Decimal methods' keywords
# cost, and scaleb takes the integer as it is, without a Decimal of it.
_scaleb = EXACT.scaleb
_multiply = EXACT.multiply
_reduce = EXACT.normalize
_Rate = int | None
#: `Scaled` for `cost()`'s own sum, ``input x plain + output x output_rate
#: + cache_read x read_less + cache_write x write_less``: the scaled rates
#: of input and output, then the cache read and cache write rates less the
#: input rate (cache tokens are counted in the input, so this is the same
#: integer with two fewer operations; a missing cache rate counts as 0), a
#: bit set for each missing one (1: cache read, 2: cache write), then ten
#: as in `Scaled`, and the scale as a Decimal (``1E-7`` for rates in
#: tenths): units times it is the amount, exactly, for less than `scaleb`
#: costs.
Plain = tuple[int, int, int, int, int, int, Decimal]
Scaled = tuple[Rates, int, int, _Rate, _Rate, _Rate, _Rate, _Rate, _Rate, Plain | None]
_SCALED: dict[int, Scaled] = {}


def scale(rates: Rates) -> Scaled:
    """*rates* as `_total` takes them: the token rates as integers scaled by
    one power of ten (remembered per rates object)."""
    scaled = _SCALED.get(id(rates))
    if scaled is not None and scaled[0] is rates:
        return scaled
    token_rates = (
        rates.input_mtok,
        rates.output_mtok,
        rates.cache_read_mtok,
        rates.cache_write_mtok,
        rates.cache_write_1h_mtok,
        rates.reasoning_mtok,
    )
    # The fewest places that hold every rate (12.50 needs one), so that the
    # scaled rates, and the sums of tokens times them, end in as few zeros
    # as they can: a sum without a trailing zero needs no normalizing.
    places = 0
    for rate in token_rates:
        if rate is not None:
            exponent = rate.normalize(EXACT).as_tuple().exponent
            if isinstance(exponent, int):
                places = max(places, -exponent)
    plain, output, read, write, hour, reasoning = (
        None if rate is None else int(rate.scaleb(places, EXACT))
        for rate in token_rates
    )
    # units / 10**(6 + places) is the amount; it is below ten when units
    # is below 10**(7 + places).
    exponent, ten = -6 - places, 10 ** (7 + places)
    # The four usual rates for `cost()`'s own sum, when the request has
    # only the four usual counts: no rate per request, input and output
    # known, a missing cache rate marked.
    simple = None
    if _FAST and rates.request is None and plain is not None and output is not None:
        missing = (read is None) | (write is None) << 1
        unit = Decimal(1).scaleb(exponent, EXACT)
        read_less = (read or 0) - plain
        write_less = (write or 0) - plain
        simple = (plain, output, read_less, write_less, missing, ten, unit)
    scaled = (
        rates,
        exponent,
        ten,
        *(plain, output, read, write, hour, reasoning),
        simple,
    )
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


def _plan(price: ModelPrice, at: object, variant: str | None) -> _Plan:
    if at is None:
        # The current moment, by the clock tests can set: its day's plan is
        # cached, and a time-of-day window is looked up for the moment.
        current = now()
        if price.changes_during(current.date()):
            # A day when the prices change: the period of the moment, which
            # a plan of the day cannot say.
            return _plan(price, current, variant)
        today = _plan(price, current.date(), variant)
        if today[2].windows and variant in (None, "", "standard"):
            found = today[2].window_at(current)
            if found is not None:
                return (price, today[1], today[2], found.schedule, found.name, today[5])
        return today
    key = (id(price), at, variant)
    try:
        plan = _PLANS.get(key)
        cacheable = True
    except TypeError:  # an unhashable at or variant: the checks below name it
        plan, cacheable = None, False
    if plan is None or plan[0] is not price:
        day, moment = as_moment(at, what="at")
        # A day means the whole day, refused when the prices change during
        # it; a moment picks the period in force at that moment.
        period = price.period_at(day if moment is None else moment)
        try:
            schedule = period.schedule(variant)
        except NoPriceError as exc:
            raise NoPriceError(f"{price.id}: {exc}") from None
        window = None
        if moment is not None and variant in (None, "", "standard"):
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


# The day asked for -> the name (or the name and variant, as a tuple) ->
# (the default catalog setting it was found under, then the plan, then the
# scaled rates of its schedule, then the model and those rates, the source
# of the lines): `cost()` with a name skips both the name's
# lookup and the plan's. Keyed by the day first, then the name, so that a
# call looks up two keys that each cache their own hash, rather than build
# and hash a tuple. A new default catalog makes every entry stale (`cost()`
# compares the setting).
NamedPlan = tuple[
    object,
    ModelPrice,
    date,
    PricePeriod,
    Schedule,
    str | None,
    str,
    Scaled,
    tuple[ModelPrice, Rates],
]
NAMED_PLANS: dict[object, dict[object, NamedPlan]] = {}
_NAMED_SIZE = [0]


def remember_named(at: object, key: object, plan: NamedPlan) -> None:
    """Keep *plan* for the next call with the same day and name (or name
    and variant): at most 4,096 plans, then they are all forgotten."""
    if _NAMED_SIZE[0] >= 4_096:
        NAMED_PLANS.clear()
        _NAMED_SIZE[0] = 0
    NAMED_PLANS.setdefault(at, {})[key] = plan
    _NAMED_SIZE[0] += 1
