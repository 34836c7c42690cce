"""
From a provider's reply to its cost in one call: `cost_reply`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Literal, overload

from tokencost._errors import DataLookupError, InvalidReplyError
from tokencost.costing.cost import cost
from tokencost.costing.lines import Cost
from tokencost.usage.fees import fees_refused, unpriced_fees
from tokencost.usage.replies import (
    openrouter_cost,
    reply_format,
    reply_model,
    reply_tier,
    reply_time,
    unwrap_reply,
    usage_from,
)
from tokencost.usage.reply_fields import MISSING, field, view

if TYPE_CHECKING:
    from tokencost.prices.catalog import Catalog
    from tokencost.prices.fx import ExchangeRates

__all__ = ["cost_reply"]


@overload
def cost_reply(
    reply: object,
    *,
    model: str | None = None,
    provider: str | None = None,
    format: str | None = None,
    variant: str | None = None,
    at: date | str | None = None,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    catalog: Catalog | None = None,
    ignore_fees: bool = False,
    strict: Literal[True] = True,
) -> Cost: ...


@overload
def cost_reply(
    reply: object,
    *,
    model: str | None = None,
    provider: str | None = None,
    format: str | None = None,
    variant: str | None = None,
    at: date | str | None = None,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    catalog: Catalog | None = None,
    ignore_fees: bool = False,
    strict: bool,
) -> Cost | None: ...


def cost_reply(
    reply: object,
    *,
    model: str | None = None,
    provider: str | None = None,
    format: str | None = None,
    variant: str | None = None,
    at: date | str | None = None,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    catalog: Catalog | None = None,
    ignore_fees: bool = False,
    strict: bool = True,
) -> Cost | None:
    """
    The exact cost of the request that gave *reply*.

    Reads the model the reply names (a dated snapshot such as
    ``claude-sonnet-4-5-20250929`` resolves as the catalog resolves it),
    its `Usage` (`usage_from`: cache reads and writes, one-hour writes,
    reasoning and the tokens of other modalities) and the service tier it
    was served at (`reply_tier`: OpenAI's and Anthropic's
    ``service_tier``, Gemini's ``serviceTier``, a batch's result line),
    and prices them with `cost` as of the moment the reply says it was
    created (`reply_time`): a reply priced a month later still gets the
    prices, and the time-of-day window, in force when it was made.

    Args:
        reply: A dict, an SDK response object, or a line of a batch's
            results.
        model: The model to price, when the reply names none (Bedrock) or
            names it otherwise than the catalog.
        provider: Look the model up at this provider (``azure``,
            ``bedrock``...) rather than at its maker: a reply seldom says
            who served it. A reply that reports its cost (OpenRouter's
            ``usage.cost``) is looked up at OpenRouter.
        format: The reply format, when it cannot be told (see
            `usage_from`).
        variant: The price variant, instead of the reply's service tier.
        at: The day (or moment) whose prices apply; default the moment the
            reply was created (OpenAI's ``created``, the Responses API's
            ``created_at``, Vertex AI's ``createTime``), and for a reply
            that carries no time (Anthropic's, Bedrock's, the Gemini API's)
            the current moment.
        currency: Show the cost in this currency, converted through *fx*.
        fx: Exchange rates, as for `cost`.
        catalog: The catalog; default the bundled one.
        ignore_fees: Price the reply's usage as the price sheet prices it,
            leaving out the charges the reply carries besides (see
            `unpriced_fees`: web searches, tool calls, grounding, a request
            fee set by the search context), which no price sheet holds.
            Without it such a reply raises `NoPriceError`, since its usage
            is not its whole cost.
        strict: With False, return None instead of raising when the data
            cannot price the reply (unknown model, no price for a
            component, no exchange rate): for hot paths that must not
            fail. A malformed reply raises either way.

    >>> reply = {"type": "message", "model": "claude-fable-5", "usage": {
    ...     "input_tokens": 1_200, "cache_creation_input_tokens": 30_000,
    ...     "cache_creation": {"ephemeral_5m_input_tokens": 10_000,
    ...                        "ephemeral_1h_input_tokens": 20_000},
    ...     "output_tokens": 800, "service_tier": "standard"}}
    >>> cost_reply(reply, at="2026-07-01").total
    Money(amount=Decimal('0.577'), currency='USD')
    >>> cost_reply({**reply, "model": "claude-nonesuch-9"}, strict=False) is None
    True

    Raises:
        InvalidReplyError: if the reply has no readable usage, names no
            model and *model* is not given, or gives a creation time that is
            no moment (and *at* is not given).
        UnknownModelError: if the catalog does not know the model.
        NoPriceError: if a count the reply reports has no price, or the
            reply carries charges besides its tokens (and *ignore_fees* is
            not set).
    """
    inner, _ = unwrap_reply(reply)
    if format is None:
        format = reply_format(inner)
    usage = usage_from(inner, format=format)
    name = model if model is not None else reply_model(inner)
    if name is None:
        raise InvalidReplyError(
            "the reply names no model (Bedrock's never do): pass model= "
            "(--model on the command line)"
        )
    fees = () if ignore_fees else unpriced_fees(inner)
    if provider is None and format == "perplexity":
        provider = "perplexity"
    elif provider is None and (format == "openrouter" or _routed(inner)):
        # OpenRouter's replies carry its own model ids, and its cost (one
        # amount: Perplexity's is a breakdown, xAI's in ticks).
        provider = "openrouter"
    if provider is not None and ":" not in name:
        name = f"{provider}:{name}"
    tier = variant if variant is not None else reply_tier(reply)
    if at is None:
        at = reply_time(inner)
    try:
        if fees:
            raise fees_refused(fees, "reply", "price the usage")
        return cost(
            name,
            usage,
            at=at,
            variant=tier,
            currency=currency,
            fx=fx,
            catalog=catalog,
        )
    except DataLookupError:
        if strict:
            raise
        return None


def _routed(reply: object) -> bool:
    """Whether *reply* reports OpenRouter's one-amount ``usage.cost``, in any
    of the shapes OpenRouter answers in (Chat Completions, Responses)."""
    usage = field(reply, "usage")
    if usage is MISSING or isinstance(usage, str | int | float | list):
        return False
    return openrouter_cost(field(view(usage, "usage", "reply"), "cost"))
