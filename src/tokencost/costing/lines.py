"""
A priced request: `Cost` and its `CostLine` values, and `price_usage`, which
prices one `Usage` against one schedule's rates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from tokencost._decimal import EXACT, normalize
from tokencost._errors import NoPriceError
from tokencost._frozen import CostSlots, builder
from tokencost._money import Money, format_amount, format_rate
from tokencost._results import result
from tokencost.prices.model import (
    COMPONENTS,
    MODALITY_RATES,
    ModelPrice,
    PricePeriod,
    Rates,
    Tier,
)
from tokencost.usage.usage import Usage

if TYPE_CHECKING:
    from tokencost.prices.fx import ExchangeRates

__all__ = [
    "Cost",
    "CostBuilder",
    "CostLine",
    "MoneyBuilder",
    "lines_table",
    "price_usage",
    "priced_where",
    "rate_row",
]


_UNITS = {c: "request" if c == "request" else "MTok" for c in COMPONENTS}


@attrs.frozen
class CostLine:
    """One billed component: how many, at what unit price, for how much."""

    component: str
    """One of `COMPONENTS`: ``input`` (uncached text), ``input_audio``,
    ``input_image``, ``input_video``, ``cache_read`` (cached prompt tokens
    but audio), ``cache_read_audio``, ``cache_write``,
    ``cache_write_1h``, ``output`` (text), ``output_audio``,
    ``output_image``, ``reasoning`` or ``request``."""
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
            f"{format_rate(self.unit_price)} {currency}/{self.unit}",
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


@result
@attrs.frozen(weakref_slot=False)
class Cost(CostSlots):
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
    rate: Decimal | None = None
    """Units of ``currency`` per unit of the model's own, if converted."""
    fx: ExchangeRates | None = attrs.field(default=None, repr=False)
    """The exchange-rate table converted through, if converted."""
    converted_from: str | None = None
    """The model's own currency, if the amounts were converted from it."""

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
        notes = [self.model]
        if self.tier is not None:
            notes.append(f"tier >= {self.tier.min_input_tokens:,} input tokens")
        notes += [n for n in (self.variant, self.window) if n]
        headers, rows = lines_table(self.lines, self.total, notes)
        if self.rate is not None and self.fx is not None and self.converted_from:
            rows.append(
                rate_row(self.converted_from, self.currency, self.rate, self.fx)
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
            "rate": self.rate,
            "converted_from": self.converted_from,
            "fx": None if self.fx is None else self.fx.to_dict(),
        }


def priced_where(variant: str | None, tier: Tier | None) -> str:
    """Which of a model's prices a request paid, for an error to name:
    `` in its batch prices, for prompts of 200,001 tokens or more``."""
    where = ""
    if variant is not None and variant not in ("", "standard"):
        where = f" in its {variant} prices"
    if tier is not None:
        sep = "," if where else ""
        where += f"{sep} for prompts of {tier.min_input_tokens:,} tokens or more"
    return where


def _line(
    component: str,
    quantity: int,
    rate: Decimal | None,
    model: ModelPrice,
    where: str = "",
) -> tuple[str, int, Decimal, Decimal]:
    if rate is None:
        name = component.replace("_", "-")
        kind = "requests" if component == "request" else "tokens"
        never = ""
        if component == "cache_read_audio":
            never = " (cached audio tokens are never priced as cached text)"
        elif component in _MODALITIES:
            never = " (tokens of another modality are never priced as text)"
        raise NoPriceError(
            f"{model.id} has no known {name} price{where}, so {quantity:,} {name} "
            f"{kind} cannot be priced{never}"
        )
    product = EXACT.multiply(Decimal(quantity), rate)
    if component != "request":
        product = product.scaleb(-6, EXACT)
    return component, quantity, rate, normalize(product)


#: The components of the prompt, then of the output, each with the `Usage`
#: count it prices; text input and output come first in each, and the
#: cache reads (text, then audio) between the modalities and the writes.
_INPUT_PARTS = (
    ("input_audio", "input_audio_tokens"),
    ("input_image", "input_image_tokens"),
    ("input_video", "input_video_tokens"),
)
_CACHE_WRITES = (
    ("cache_write", "cache_write_tokens"),
    ("cache_write_1h", "cache_write_1h_tokens"),
)
_OUTPUT_PARTS = (
    ("output_audio", "output_audio_tokens"),
    ("output_image", "output_image_tokens"),
)
_MODALITIES = frozenset(name for name, _ in MODALITY_RATES)


def price_usage(
    model: ModelPrice, rates: Rates, usage: Usage, requests: int, where: str = ""
) -> list[tuple[str, int, Decimal, Decimal]]:
    """
    The raw lines (component, quantity, unit price, amount) for *requests*
    requests of *usage* at *rates*. Components with no tokens are left out,
    except input and output, which are shown whenever they have a rate (an
    embedding model prices its input without any output rate). Tokens of a
    component with no known price raise `NoPriceError`: an audio, image or
    video token is never priced as text.
    """
    lines = []
    if usage.uncached_input_tokens or rates.input_mtok is not None:
        lines.append(
            _line(
                "input",
                usage.uncached_input_tokens * requests,
                rates.input_mtok,
                model,
                where,
            )
        )
    for component, count in _INPUT_PARTS:
        tokens = getattr(usage, count)
        if tokens:
            lines.append(
                _line(component, tokens * requests, rates.get(component), model, where)
            )
    # Cached audio is part of the cache reads, at its own rate: the cache-read
    # line prices the rest.
    audio = usage.cache_read_audio_tokens
    read = usage.cache_read_tokens - audio
    if read:
        lines.append(
            _line("cache_read", read * requests, rates.cache_read_mtok, model, where)
        )
    if audio:
        lines.append(
            _line(
                "cache_read_audio",
                audio * requests,
                rates.cache_read_audio_mtok,
                model,
                where,
            )
        )
    for component, count in _CACHE_WRITES:
        tokens = getattr(usage, count)
        if tokens:
            lines.append(
                _line(component, tokens * requests, rates.get(component), model, where)
            )
    # Reasoning tokens are output tokens; only a separate reasoning price
    # splits them out.
    reasoning = usage.reasoning_tokens if rates.reasoning_mtok is not None else 0
    text = usage.output_tokens - reasoning
    text -= usage.output_audio_tokens + usage.output_image_tokens
    if text or rates.output_mtok is not None:
        lines.append(_line("output", text * requests, rates.output_mtok, model, where))
    for component, count in _OUTPUT_PARTS:
        tokens = getattr(usage, count)
        if tokens:
            lines.append(
                _line(component, tokens * requests, rates.get(component), model, where)
            )
    if reasoning:
        lines.append(
            _line("reasoning", reasoning * requests, rates.reasoning_mtok, model, where)
        )
    if rates.request is not None:
        lines.append(_line("request", requests, rates.request, model, where))
    return lines


def lines_table(
    lines: Sequence[CostLine], total: Money, notes: Sequence[str]
) -> tuple[list[str], list[list[str]]]:
    """A priced result as a table: one row per line, then the total with
    *notes* (the model, the tier, the variant...) in its label."""
    headers = ["component", "tokens", "unit price", "amount"]
    rows = [line.row(total.currency) for line in lines]
    label = f"total ({', '.join(notes)})"
    rows.append([label, "", "", f"{format_amount(total.amount)} {total.currency}"])
    return headers, rows


def rate_row(source: str, target: str, rate: Decimal, fx: ExchangeRates) -> list[str]:
    """The table row that says which rate a conversion used, from where and
    of which day (and how old it was for the day asked)."""
    where = fx.source if fx.date is None else f"{fx.source}, {fx.date.isoformat()}"
    if fx.age_days:
        days = "day" if fx.age_days == 1 else "days"
        where += f" ({fx.age_days} {days} before {fx.requested})"
    return [
        "exchange rate",
        "",
        f"1 {source} = {format_rate(rate)} {target}",
        where,
    ]


#: Plain twins of `Cost` and `Money`, in which `cost()` builds the one of
#: each it returns (see `tokencost._frozen`).
CostBuilder = builder(Cost)
MoneyBuilder = builder(Money)
