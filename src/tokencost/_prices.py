"""
The price of a model as plain values: rates, tiers, dated periods.

A `ModelPrice` holds the history of one model at one provider as a tuple of
`PricePeriod` objects, each in force from its ``start`` (inclusive) until its
``end`` (exclusive). A period holds the standard `Schedule` and any named
variants (``batch``, ``flex``, ``priority``). A schedule holds base `Rates`
and long-context `Tier` objects: when a request's prompt reaches a tier's
threshold, the whole request is billed at that tier's rates.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from tokencost._errors import NoPriceError

__all__ = [
    "COMPONENTS",
    "ModelPrice",
    "PricePeriod",
    "Rates",
    "Schedule",
    "Tier",
]

#: The billed components, in the order lines are shown.
COMPONENTS: tuple[str, ...] = (
    "input",
    "cache_read",
    "cache_write",
    "output",
    "request",
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
    """Price per million input tokens written to the cache."""
    request: Decimal | None = None
    """Price per request, on top of the token prices; None when there is none."""

    def get(self, component: str) -> Decimal | None:
        """The rate of *component* (one of `COMPONENTS`)."""
        return {
            "input": self.input_mtok,
            "cache_read": self.cache_read_mtok,
            "cache_write": self.cache_write_mtok,
            "output": self.output_mtok,
            "request": self.request,
        }[component]

    def over(self, base: Rates) -> Rates:
        """These rates, with any unset component taken from *base*."""
        return Rates(
            input_mtok=_first(self.input_mtok, base.input_mtok),
            output_mtok=_first(self.output_mtok, base.output_mtok),
            cache_read_mtok=_first(self.cache_read_mtok, base.cache_read_mtok),
            cache_write_mtok=_first(self.cache_write_mtok, base.cache_write_mtok),
            request=_first(self.request, base.request),
        )


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


@attrs.frozen
class PricePeriod:
    """A price in force over a date range, with its provenance."""

    start: date | None
    """First day in force (inclusive); None means since the earliest record."""
    end: date | None
    """First day no longer in force (exclusive); None means still in force."""
    standard: Schedule
    """The default schedule."""
    source: str
    """Where the price comes from: a URL or a document."""
    checked: date
    """The day the source was last checked."""
    variants: tuple[tuple[str, Schedule], ...] = ()
    """Named alternatives such as ``batch``, sorted by name."""
    note: str | None = None
    """Anything a reader of the price should know."""

    def contains(self, day: date) -> bool:
        """Whether the period is in force on *day*."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end

    def schedule(self, variant: str | None = None) -> Schedule:
        """The schedule for *variant* (None or ``"standard"`` for the default)."""
        if variant is None or variant == "standard":
            return self.standard
        for name, schedule in self.variants:
            if name == variant:
                return schedule
        known = ", ".join(["standard", *(name for name, _ in self.variants)])
        raise NoPriceError(f"no {variant!r} variant in this period (known: {known})")

    @property
    def span(self) -> str:
        """The range in words: ``2026-02-11 to 2026-06-01`` or ``since ...``."""
        start = self.start.isoformat() if self.start else "the first record"
        if self.end is None:
            return f"since {start}"
        return f"{start} to {self.end.isoformat()}"


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

    @property
    def id(self) -> str:
        """The full id: ``provider:model``."""
        return f"{self.provider}:{self.model}"

    def period_at(self, day: date) -> PricePeriod:
        """
        The period in force on *day*.

        Raises:
            NoPriceError: if no period covers *day*.
        """
        for period in reversed(self.periods):
            if period.contains(day):
                return period
        first = self.periods[0]
        if first.start is not None and day < first.start:
            raise NoPriceError(
                f"no price for {self.id} on {day.isoformat()}: its first known "
                f"price starts on {first.start.isoformat()}"
            )
        last = self.periods[-1]
        raise NoPriceError(
            f"no price for {self.id} on {day.isoformat()}: known periods are "
            + ", ".join(p.span for p in self.periods)
            + ("" if last.end is None else " (no longer offered)")
        )

    @property
    def current(self) -> PricePeriod:
        """The latest period."""
        return self.periods[-1]
