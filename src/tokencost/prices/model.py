"""
The price of a model as plain values: rates, tiers, dated periods.

A `ModelPrice` holds the history of one model at one provider as a tuple of
`PricePeriod` objects, each in force from its ``start`` (inclusive) until its
``end`` (exclusive): moments in UTC, midnight for a period that starts or
ends with a day. A period holds the standard `Schedule` and any named
variants (``batch``, ``flex``, ``priority``). A schedule holds base `Rates`
and long-context `Tier` objects: when a request's prompt reaches a tier's
threshold, the whole request is billed at that tier's rates. A period may
also hold time `Window` objects (DeepSeek's off-peak hours): a request made
inside a window pays the window's schedule instead of the standard one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import attrs

from tokencost._errors import NoPriceError
from tokencost._results import result
from tokencost.prices.moments import DAY as _DAY
from tokencost.prices.moments import is_midnight as _midnight
from tokencost.prices.moments import moment_iso, moment_text, utc_moment

__all__ = [
    "COMPONENTS",
    "MODALITY_RATES",
    "ModelPrice",
    "PricePeriod",
    "Rates",
    "Schedule",
    "Tier",
    "Window",
    "parse_span",
]

#: The billed components, in the order lines are shown.
COMPONENTS: tuple[str, ...] = (
    "input",
    "input_audio",
    "input_image",
    "input_video",
    "cache_read",
    "cache_read_audio",
    "cache_write",
    "cache_write_1h",
    "output",
    "output_audio",
    "output_image",
    "reasoning",
    "request",
)

#: The components priced per million tokens of another modality than text,
#: each with the `Rates` field holding its price.
MODALITY_RATES: tuple[tuple[str, str], ...] = (
    ("input_audio", "input_audio_mtok"),
    ("input_image", "input_image_mtok"),
    ("input_video", "input_video_mtok"),
    ("output_audio", "output_audio_mtok"),
    ("output_image", "output_image_mtok"),
    ("cache_read_audio", "cache_read_audio_mtok"),
)


@attrs.frozen
class Rates:
    """
    Prices in one currency: per million tokens, and per request.

    ``None`` means the price is not known (or the component is not offered);
    it is never read as zero. A request that uses such a component raises
    `NoPriceError`.
    """

    input_mtok: Decimal | None = None
    """Price per million plain (uncached) input tokens."""
    output_mtok: Decimal | None = None
    """Price per million output tokens, reasoning included."""
    cache_read_mtok: Decimal | None = None
    """Price per million input tokens read from the cache."""
    cache_write_mtok: Decimal | None = None
    """Price per million input tokens written to the cache (the default,
    short time-to-live: five minutes at Anthropic)."""
    request: Decimal | None = None
    """Price per request, on top of the token prices; None when there is none."""
    cache_write_1h_mtok: Decimal | None = None
    """Price per million input tokens written to the cache with a one-hour
    time-to-live."""
    reasoning_mtok: Decimal | None = None
    """Price per million reasoning tokens, when they are not billed at the
    output price; None means reasoning tokens cost the output price."""
    input_audio_mtok: Decimal | None = None
    """Price per million uncached audio input tokens."""
    input_image_mtok: Decimal | None = None
    """Price per million uncached image input tokens."""
    input_video_mtok: Decimal | None = None
    """Price per million uncached video input tokens."""
    output_audio_mtok: Decimal | None = None
    """Price per million generated audio tokens."""
    output_image_mtok: Decimal | None = None
    """Price per million generated image tokens."""
    cache_read_audio_mtok: Decimal | None = None
    """Price per million audio input tokens read from the cache; None means
    cached audio cannot be priced (it is never priced as cached text)."""

    def get(self, component: str) -> Decimal | None:
        """The rate of *component* (one of `COMPONENTS`)."""
        if component == "request":
            return self.request
        value: Decimal | None = getattr(self, f"{component}_mtok")
        return value

    def over(self, base: Rates) -> Rates:
        """These rates, with any unset component taken from *base*."""
        return Rates(
            *(_first(getattr(self, name), getattr(base, name)) for name in _RATE_FIELDS)
        )


_RATE_FIELDS = tuple(field.name for field in attrs.fields(Rates))


def _first(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return a if a is not None else b


@attrs.frozen
class Tier:
    """Rates that apply to a whole request whose prompt has at least
    ``min_input_tokens`` tokens."""

    min_input_tokens: int
    """The threshold, inclusive: a prompt of exactly this size is in the tier."""
    rates: Rates
    """The complete rates of the tier (unset components already inherited)."""


@attrs.frozen
class Schedule:
    """Base rates and long-context tiers, thresholds ascending."""

    rates: Rates
    tiers: tuple[Tier, ...] = ()

    def tier_for(self, input_tokens: int) -> Tier | None:
        """The tier a request with *input_tokens* prompt tokens falls in."""
        found = None
        for tier in self.tiers:
            if input_tokens >= tier.min_input_tokens:
                found = tier
            else:
                break
        return found

    def rates_for(self, input_tokens: int) -> Rates:
        """The rates a request with *input_tokens* prompt tokens pays."""
        tier = self.tier_for(input_tokens)
        return self.rates if tier is None else tier.rates


#: Weekday names as windows spell them, Monday first (as `date.weekday`).
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


def parse_span(text: str) -> tuple[time, time]:
    """Read ``"16:30-00:30"`` (UTC, end exclusive, may wrap past midnight)."""
    match = _SPAN.match(text)
    if match is None:
        raise ValueError(f"cannot read time span {text!r}: expected 'HH:MM-HH:MM'")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h2 == 24 and m2 != 0:
        raise ValueError(f"cannot read time span {text!r}: 24:00 is the latest end")
    start, end = time(h1, m1), time(h2 % 24, m2)
    if start == end and text[:5] != "00:00":
        raise ValueError(f"time span {text!r} is empty")
    return start, end


@attrs.frozen
class Window:
    """
    A recurring time of day (and of the week), in UTC, with its own prices.

    A span whose end is not after its start wraps past midnight:
    ``(time(16, 30), time(0, 30))`` runs from 16:30 to 00:30 the next day.
    The day of the week is the UTC day of the moment priced.

    >>> from datetime import datetime, time
    >>> w = Window("off-peak", ((time(16, 30), time(0, 30)),),
    ...            schedule=Schedule(Rates()), days=(0, 1, 2, 3, 4))
    >>> w.contains(datetime(2025, 3, 3, 17)), w.contains(datetime(2025, 3, 8, 17))
    (True, False)
    """

    name: str
    """What the window is called, e.g. ``off-peak``."""
    hours: tuple[tuple[time, time], ...]
    """Spans of the day, start inclusive and end exclusive, in UTC."""
    schedule: Schedule
    """The complete schedule inside the window (unset parts inherited)."""
    days: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
    """The UTC weekdays it applies on, 0 for Monday."""

    def contains(self, moment: datetime) -> bool:
        """Whether *moment* (naive means UTC) falls inside the window."""
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        if moment.weekday() not in self.days:
            return False
        now = moment.time()
        for start, end in self.hours:
            if start < end:
                if start <= now < end:
                    return True
            elif now >= start or now < end:
                return True
        return False

    @property
    def span(self) -> str:
        """The window in words: ``16:30-00:30 UTC, mon-fri``."""
        hours = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.hours)
        if len(self.days) == 7:
            return f"{hours} UTC"
        return f"{hours} UTC, " + " ".join(WEEKDAYS[d] for d in self.days)


@attrs.frozen
class PricePeriod:
    """A price in force over a span of time, with its provenance."""

    start: datetime | None = attrs.field(
        converter=attrs.converters.optional(utc_moment)
    )
    """First moment in force (inclusive), in UTC: midnight for a period
    that starts with a day. None means since the earliest record."""
    end: datetime | None = attrs.field(converter=attrs.converters.optional(utc_moment))
    """First moment no longer in force (exclusive), in UTC: midnight for a
    period that ends with a day. None means still in force."""
    standard: Schedule
    """The default schedule."""
    source: str
    """Where the price comes from: a URL or a document."""
    checked: date | None
    """The day the source was read (for a page, the day of the capture or
    dated copy it was read from); None when nobody knows."""
    variants: tuple[tuple[str, Schedule], ...] = ()
    """Named alternatives such as ``batch``, sorted by name."""
    note: str | None = None
    """Anything a reader of the price should know."""
    windows: tuple[Window, ...] = ()
    """Times of day with their own standard prices; the first match wins."""
    agree: tuple[str, ...] = ()
    """The sources whose figures agree with these prices (within 1%)."""
    disputed: tuple[str, ...] = ()
    """Components on which the sources differ by more than 1%."""
    kind: str | None = None
    """What the source is: ``first-party`` (the provider's own page or API),
    ``aggregator`` (LiteLLM, genai-prices, llm-prices...) or ``secondary``
    (a news report, another project's notes); None if not stated."""

    def contains(self, when: date | datetime) -> bool:
        """Whether the period is in force at *when*: a moment (naive means
        UTC), or a day, which it must cover whole."""
        if isinstance(when, datetime):
            moment = utc_moment(when)
            if self.start is not None and moment < self.start:
                return False
            return self.end is None or moment < self.end
        first = utc_moment(when)
        if self.start is not None and first < self.start:
            return False
        return self.end is None or first + _DAY <= self.end

    def overlaps(self, day: date) -> bool:
        """Whether the period is in force at any moment of *day* (UTC)."""
        first = utc_moment(day)
        if self.end is not None and self.end <= first:
            return False
        return self.start is None or self.start < first + _DAY

    def schedule(self, variant: str | None = None) -> Schedule:
        """The schedule for *variant* (None, ``""`` or ``"standard"`` for the
        default)."""
        if variant is None or variant in ("", "standard"):
            return self.standard
        for name, schedule in self.variants:
            if name == variant:
                return schedule
        from tokencost._parsing import shorten

        known = ", ".join(["standard", *(name for name, _ in self.variants)])
        raise NoPriceError(
            f"no {shorten(repr(variant))} variant in the prices {self.span} "
            f"(known: {known})"
        )

    def window_at(self, moment: datetime) -> Window | None:
        """The time window *moment* falls in, if any."""
        for window in self.windows:
            if window.contains(moment):
                return window
        return None

    @property
    def span(self) -> str:
        """The range in words: ``2026-02-11 to 2026-06-01``, ``since ...``,
        with the time where a bound is not midnight UTC:
        ``2025-09-05 16:00 UTC to 2025-09-29``."""
        start = moment_text(self.start) if self.start else "the first record"
        if self.end is None:
            return f"since {start}"
        return f"{start} to {moment_text(self.end)}"

    def provenance(self) -> dict[str, date | str | None]:
        """Where and when the price holds: start and end in ISO form (a day,
        or a UTC moment such as ``2025-09-05T16:00:00Z``), source, its kind
        and the day it was read."""
        return {
            "start": None if self.start is None else moment_iso(self.start),
            "end": None if self.end is None else moment_iso(self.end),
            "source": self.source,
            "kind": self.kind,
            "checked": self.checked,
        }


@result
@attrs.frozen
class ModelPrice:
    """One model at one provider: its names, currency and price history."""

    provider: str
    """The provider's id, e.g. ``zhipuai``."""
    model: str
    """The model's id at that provider, e.g. ``glm-5.2``."""
    name: str
    """A display name."""
    currency: str
    """ISO 4217 code every price of this model is in."""
    periods: tuple[PricePeriod, ...]
    """The price history, oldest first, never overlapping."""
    aliases: tuple[str, ...] = ()
    """Other names the model answers to at this provider."""
    first_party: bool = True
    """Whether the provider is the model maker's own API."""
    context_window: int | None = None
    """The largest prompt plus output, in tokens, when known."""
    home: bool = False
    """Whether a bare name shared by several first-party providers resolves
    here (Z.ai's USD list, say, rather than bigmodel.cn's CNY one)."""

    @property
    def id(self) -> str:
        """The full id: ``provider:model``."""
        return f"{self.provider}:{self.model}"

    def period_at(self, when: date | datetime) -> PricePeriod:
        """
        The period in force at *when*: a moment (a `datetime`, naive means
        UTC), or a day (a `date`), which means the whole UTC day: a day
        during which the prices change (a period that starts or ends at
        another time than midnight UTC) has no one price, and is refused.

        Raises:
            NoPriceError: if no period covers *when*, or *when* is a day
                during which the prices change.
        """
        for period in reversed(self.periods):
            if period.contains(when):
                return period
        if not isinstance(when, datetime):
            self._refuse_split_day(when)
        moment = utc_moment(when)
        what = moment_text(moment) if isinstance(when, datetime) else when.isoformat()
        where = "at" if isinstance(when, datetime) else "on"
        first = self.periods[0]
        if first.start is not None and moment < first.start:
            raise NoPriceError(
                f"no price for {self.id} {where} {what}: its first known "
                f"price starts {'at' if not _midnight(first.start) else 'on'} "
                f"{moment_text(first.start)}"
            )
        last = self.periods[-1]
        raise NoPriceError(
            f"no price for {self.id} {where} {what}: known periods are "
            + ", ".join(p.span for p in self.periods)
            + ("" if last.end is None else " (no longer offered)")
        )

    def changes_during(self, day: date) -> tuple[datetime, ...]:
        """The moments of *day* (UTC), other than its midnight, at which a
        period of this model starts or ends: none on most days."""
        first = utc_moment(day)
        found = {
            bound
            for period in self.periods
            for bound in (period.start, period.end)
            if bound is not None and first < bound < first + _DAY
        }
        return tuple(sorted(found))

    def _refuse_split_day(self, day: date) -> None:
        changes = self.changes_during(day)
        if not changes:
            return
        times = " and ".join(f"{c:%H:%M}" for c in changes)
        example = f"{day.isoformat()}T{changes[0]:%H:%M}:00Z"
        raise NoPriceError(
            f"{self.id} has no one price for all of {day.isoformat()}: its "
            f"prices change at {times} UTC that day; give the time of the "
            f"request with the day (such as {example!r})"
        )

    @property
    def current(self) -> PricePeriod:
        """
        The period in force today (UTC, by the clock `set_clock` chose):
        before the first period starts, the first; once the last has ended,
        the last. A price announced for a later day is not current: it is
        the next period of `periods` (`upcoming`).
        """
        from tokencost._parsing import now

        return self.current_on(now())

    def current_on(self, when: date | datetime) -> PricePeriod:
        """The period `current` would be at *when* (a day means its first
        moment, 00:00 UTC): the latest that has started by then, or the
        first if none has."""
        moment = utc_moment(when)
        found = self.periods[0]
        for period in self.periods:
            if period.start is not None and period.start > moment:
                break
            found = period
        return found

    @property
    def upcoming(self) -> tuple[PricePeriod, ...]:
        """The periods that start after the current moment (UTC): prices
        announced for later."""
        from tokencost._parsing import now

        moment = now()
        return tuple(
            p for p in self.periods if p.start is not None and p.start > moment
        )

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Every period, variant, window and tier, one row each, with sources."""
        from tokencost.prices.views import PriceHistory

        return PriceHistory(self).table()

    def to_dict(self) -> dict[str, Any]:
        """The model and its whole price history, JSON-ready: Decimals as
        strings, dates in ISO form."""
        from tokencost._render import jsonable
        from tokencost.prices.views import model_dict

        data: dict[str, Any] = jsonable(model_dict(self))
        return data

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)
