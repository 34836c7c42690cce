"""
Reading a provider's reply: its format, its `Usage`, its model, its service
tier and the cost the provider reported.

Each provider counts prompt tokens its own way; the readers (one module per
family of shapes) turn their counts into tokencost's one convention:
``input_tokens`` counts every prompt token, cached and non-text ones
included, and ``output_tokens`` every generated token, reasoning and
non-text ones included. A reply may be a dict (parsed JSON), an SDK
response object (read through its ``model_dump()``), any object with
attributes, or just its usage block. A line of a batch's results (OpenAI's
``{"response": {"body": ...}}``, Anthropic's ``{"result": {"message":
...}}``) is unwrapped to the reply inside.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

from tokencost._decimal import EXACT, normalize
from tokencost._errors import InvalidInputError, InvalidReplyError
from tokencost._money import Money
from tokencost._parsing import shorten, to_decimal
from tokencost.usage.anthropic import usage_from_anthropic, usage_from_bedrock
from tokencost.usage.gemini import usage_from_gemini
from tokencost.usage.openai import (
    usage_from_deepseek,
    usage_from_mistral,
    usage_from_moonshot,
    usage_from_openai,
    usage_from_openai_responses,
    usage_from_openrouter,
    usage_from_perplexity,
    usage_from_zhipu,
)
from tokencost.usage.realtime import REALTIME_KEYS, usage_from_openai_realtime
from tokencost.usage.reply_fields import MISSING, field, has, view
from tokencost.usage.usage import Usage

__all__ = [
    "FORMATS",
    "reply_format",
    "reply_model",
    "reply_tier",
    "reply_time",
    "reported_cost",
    "unwrap_reply",
    "usage_from",
    "usage_from_anthropic",
    "usage_from_bedrock",
    "usage_from_deepseek",
    "usage_from_gemini",
    "usage_from_mistral",
    "usage_from_moonshot",
    "usage_from_openai",
    "usage_from_openai_realtime",
    "usage_from_openai_responses",
    "usage_from_openrouter",
    "usage_from_perplexity",
    "usage_from_zhipu",
]

_READERS: dict[str, Callable[[object], Usage]] = {
    "openai": usage_from_openai,
    "openai-responses": usage_from_openai_responses,
    "anthropic": usage_from_anthropic,
    "gemini": usage_from_gemini,
    "deepseek": usage_from_deepseek,
    "moonshot": usage_from_moonshot,
    "zhipu": usage_from_zhipu,
    "mistral": usage_from_mistral,
    "openrouter": usage_from_openrouter,
    "perplexity": usage_from_perplexity,
    "bedrock": usage_from_bedrock,
    "openai-realtime": usage_from_openai_realtime,
}

#: The names `usage_from` takes for *format*.
FORMATS: tuple[str, ...] = tuple(_READERS)

_GEMINI = (
    "promptTokenCount",
    "candidatesTokenCount",
    "prompt_token_count",
    "candidates_token_count",
)
_STREAMED = (
    "the reply's usage is null (a streamed reply reports usage only in its "
    "last chunk, and only when asked to)"
)


#: The events of a streamed Responses API reply that carry the whole
#: response: the last one has its usage.
_RESPONSE_EVENTS = (
    "response.created",
    "response.in_progress",
    "response.completed",
    "response.incomplete",
    "response.failed",
)


def unwrap_reply(reply: object) -> tuple[object, bool]:
    """
    The reply inside *reply*, and whether it came from a batch.

    A line of OpenAI's batch output holds the reply in ``response.body``;
    one of Anthropic's Message Batches results in ``result.message``; an
    OpenAI Realtime ``response.done`` event, or the ``response.completed``
    event that ends a streamed Responses API reply (or its
    ``response.incomplete`` or ``response.failed``), its ``response``. Any
    other reply is given back as it is.

    >>> unwrap_reply({"custom_id": "r1", "response": {"status_code": 200,
    ...     "body": {"model": "gpt-5.5", "usage": {}}}})
    ({'model': 'gpt-5.5', 'usage': {}}, True)
    """
    data = view(reply, "reply")
    response = field(data, "response")
    kind = field(data, "type")
    if kind == "response.done" and response is not MISSING:
        return view(response, "response", "OpenAI Realtime event"), False
    if kind in _RESPONSE_EVENTS and response is not MISSING:
        return view(response, "response", "OpenAI Responses event"), False
    if has(data, "custom_id") and response is not MISSING:
        body = field(view(response, "response", "batch result"), "body")
        if body is MISSING:
            raise InvalidReplyError(
                "batch result: response.body is missing (the request failed?)"
            )
        return view(body, "response.body", "batch result"), True
    result = field(data, "result")
    if has(data, "custom_id") and result is not MISSING:
        inner = view(result, "result", "batch result")
        message = field(inner, "message")
        if message is MISSING:
            kind = field(inner, "type")
            raise InvalidReplyError(
                f"batch result: result.message is missing (result type {kind!r})"
            )
        return view(message, "result.message", "batch result"), True
    return data, False


def reply_format(reply: object) -> str:
    """
    The format of *reply*, told from the fields present, as `usage_from`
    would read it: one of `FORMATS`.

    Zhipu and other APIs that copy OpenAI's Chat Completions shape read as
    ``openai``, which gives the same `Usage`.

    >>> reply_format({"usageMetadata": {"promptTokenCount": 10}})
    'gemini'
    >>> reply_format({"usage": {"prompt_tokens": 10, "completion_tokens": 2,
    ...                         "prompt_cache_hit_tokens": 0,
    ...                         "prompt_cache_miss_tokens": 10}})
    'deepseek'

    Raises:
        InvalidReplyError: if the fields do not decide, saying which
            *format* to pass to `usage_from`.
        WrongTypeError: if *reply* is not a dict or an object.
    """
    data, _ = unwrap_reply(reply)
    if has(data, "usageMetadata") or has(data, "usage_metadata"):
        return "gemini"
    hint = None
    if has(data, "usage"):
        if field(data, "object") == "realtime.response":
            return "openai-realtime"
        if field(data, "object") == "response":
            hint = "openai-responses"
        elif field(data, "type") == "message":
            hint = "anthropic"
        usage = field(data, "usage")
        if usage is MISSING:
            raise InvalidReplyError(_STREAMED)
        data = view(usage, "usage", "reply")
    return _format_of_usage(data, hint)


def _format_of_usage(data: object, hint: str | None) -> str:
    if any(has(data, key) for key in REALTIME_KEYS):
        return "openai-realtime"
    if any(has(data, key) for key in _GEMINI):
        return "gemini"
    if has(data, "inputTokens") or has(data, "outputTokens"):
        return "bedrock"
    if has(data, "prompt_cache_hit_tokens") or has(data, "prompt_cache_miss_tokens"):
        return "deepseek"
    if has(data, "prompt_tokens") or has(data, "completion_tokens"):
        if has(data, "num_cached_tokens"):
            return "mistral"
        if perplexity_usage(data):
            return "perplexity"
        if has(data, "cost"):
            return "openrouter"
        return "moonshot" if has(data, "cached_tokens") else "openai"
    if has(data, "input_tokens") or has(data, "output_tokens"):
        if hint is not None:
            return hint
        anthropic = ("cache_read_input_tokens", "cache_creation_input_tokens")
        if any(has(data, key) for key in (*anthropic, "cache_creation")):
            return "anthropic"
        if has(data, "input_tokens_details") or has(data, "output_tokens_details"):
            return "openai-responses"
        raise InvalidReplyError(
            "cannot tell an Anthropic Messages usage from an OpenAI Responses "
            "usage: it has input_tokens and output_tokens only; pass "
            "format='anthropic' or format='openai-responses'"
        )
    raise InvalidReplyError(
        "cannot detect the reply format: found no usage, usageMetadata, "
        "prompt_tokens, input_tokens or promptTokenCount; pass format= one of "
        + ", ".join(repr(name) for name in FORMATS)
    )


#: Usage fields that only Perplexity's replies carry.
_PERPLEXITY = ("search_context_size", "num_search_queries", "citation_tokens")


def perplexity_usage(usage: object) -> bool:
    """Whether a usage block is Perplexity's: its own fields, or a ``cost``
    that is a breakdown rather than OpenRouter's one amount."""
    if any(has(usage, key) for key in _PERPLEXITY):
        return True
    cost = field(usage, "cost")
    return cost is not MISSING and not openrouter_cost(cost)


def openrouter_cost(cost: object) -> bool:
    """Whether a usage block's ``cost`` is one amount, as OpenRouter gives it
    (Perplexity's is a breakdown)."""
    return isinstance(cost, int | float | str | Decimal)


def usage_from(reply: object, *, format: str | None = None) -> Usage:
    """
    The `Usage` of *reply*, a provider's reply or just its usage block.

    Without *format*, `reply_format` tells it from the fields present:
    ``usageMetadata`` or ``promptTokenCount`` is Gemini; ``inputTokens`` is
    Bedrock Converse; ``prompt_cache_hit_tokens`` is DeepSeek;
    ``prompt_tokens`` is OpenAI Chat Completions, or Mistral when
    ``num_cached_tokens`` sits beside it, Perplexity when
    ``search_context_size``, ``num_search_queries`` or ``citation_tokens``
    does (or a ``cost`` broken down by part), OpenRouter when ``cost`` does,
    Moonshot when ``cached_tokens`` does (Zhipu and other compatible APIs
    read as OpenAI); ``input_tokens`` is Anthropic Messages (a ``"type":
    "message"`` reply, or cache fields) or OpenAI Responses (an ``"object":
    "response"`` reply, or ``input_tokens_details``);
    ``input_token_details`` or ``output_token_details`` (singular "token"),
    an ``"object": "realtime.response"`` reply or a ``response.done`` event
    is OpenAI's Realtime API. When the fields do not decide, the error says
    so and asks for *format*.

    Args:
        reply: A dict, an SDK response object or its usage block.
        format: One of `FORMATS`: ``openai``, ``openai-responses``,
            ``anthropic``, ``gemini``, ``deepseek``, ``moonshot``,
            ``zhipu``, ``mistral``, ``openrouter``, ``perplexity``, ``bedrock``,
            ``openai-realtime``.

    >>> usage_from({"type": "message", "usage": {"input_tokens": 20,
    ...     "cache_read_input_tokens": 1_000, "output_tokens": 300}})
    Usage(input_tokens=1020, output_tokens=300, cache_read_tokens=1000, cache_write_tokens=0)
    >>> usage_from({"input_tokens": 20, "output_tokens": 300}, format="openai-responses")
    Usage(input_tokens=20, output_tokens=300, cache_read_tokens=0, cache_write_tokens=0)

    Raises:
        InvalidReplyError: if the format cannot be told, or the counts are
            missing or inconsistent.
        InvalidInputError: for an unknown *format*.
        WrongTypeError: if *reply* is not a dict or an object.
    """  # noqa: E501
    inner, _ = unwrap_reply(reply)
    if format is None:
        format = reply_format(inner)
    reader = _READERS.get(format)
    if reader is None:
        raise InvalidInputError(
            f"unknown reply format {format!r}: expected one of "
            + ", ".join(repr(name) for name in FORMATS)
        )
    return reader(inner)


def reply_model(reply: object) -> str | None:
    """
    The model id *reply* names (``model``, or Gemini's ``modelVersion``),
    as the provider wrote it; None when the reply names none.

    >>> reply_model({"modelVersion": "gemini-2.5-flash-image", "usageMetadata": {}})
    'gemini-2.5-flash-image'
    """
    data, _ = unwrap_reply(reply)
    for key in ("model", "modelVersion", "model_version"):
        value = field(data, key)
        if isinstance(value, str) and value:
            return value.removeprefix("models/")
    return None


#: Where replies say when they were made: OpenAI's Chat Completions and
#: every shape copied from it (``created``), the Responses API
#: (``created_at``), Vertex AI's Gemini (``createTime``, and ``create_time``
#: in the google-genai SDK's objects).
_TIME_KEYS = ("created", "created_at", "createTime", "create_time")

#: The last second datetime can hold, as seconds since 1970-01-01 UTC.
_LAST_SECOND = 253_402_300_799


def reply_time(reply: object) -> datetime | None:
    """
    When *reply* says it was created, in UTC; None when it does not say.

    Read from ``created`` (OpenAI's Chat Completions and the providers that
    copy its shape: DeepSeek, Moonshot, Zhipu, Mistral, xAI, OpenRouter, a
    line of an OpenAI batch's output), ``created_at`` (the Responses API)
    or ``createTime`` (Vertex AI's Gemini). Anthropic's and Bedrock's
    replies, and the Gemini API's, carry no time. A number is whole seconds
    since 1970-01-01 UTC; text is an RFC 3339 time with its offset.

    >>> reply_time({"model": "deepseek-chat", "created": 1757080800, "usage": {}})
    datetime.datetime(2025, 9, 5, 14, 0, tzinfo=datetime.timezone.utc)

    Raises:
        InvalidReplyError: for a time that is not one of those forms, is not
            after 1970-01-01, or falls after year 9999; pass ``at=`` to
            `cost_reply` to price such a reply as of a moment you choose.
    """
    data, _ = unwrap_reply(reply)
    for key in _TIME_KEYS:
        value = field(data, key)
        if value is not MISSING:
            return _moment(key, value)
    return None


def _moment(key: str, value: object) -> datetime:
    accepted = (
        "expected whole seconds since 1970-01-01 UTC, or an RFC 3339 time "
        "with its offset such as '2026-06-01T09:30:00Z'; pass at= (--at) to "
        "price the reply as of another moment"
    )
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    elif isinstance(value, str):
        try:
            parsed: datetime | None = datetime.fromisoformat(value.strip())
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise InvalidReplyError(
                f"the reply's {key} is {shorten(repr(value))}: {accepted}"
            ) from None
        moment = parsed
    else:
        seconds = None
        if type(value) is int:
            seconds = value
        elif isinstance(value, Decimal | float) and _whole(value):
            seconds = int(value)
        if seconds is None or not 0 < seconds <= _LAST_SECOND:
            raise InvalidReplyError(
                f"the reply's {key} is {shorten(repr(value))}: {accepted}"
            )
        return datetime.fromtimestamp(seconds, UTC)
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        raise InvalidReplyError(
            f"the reply's {key} is {shorten(repr(value))}: out of range in UTC"
        ) from None
    if moment <= datetime(1970, 1, 1, tzinfo=UTC):
        raise InvalidReplyError(
            f"the reply's {key} is {shorten(repr(value))}: {accepted}"
        )
    return moment


def _whole(value: Decimal | float) -> bool:
    if isinstance(value, float):
        return value.is_integer()
    return value.is_finite() and value == value.to_integral_value()


#: How providers name their service tiers -> tokencost's variant names;
#: None is the standard price.
_TIERS: dict[str, str | None] = {
    "default": None,
    "auto": None,
    "standard": None,
    "on_demand": None,
    "batch": "batch",
    "flex": "flex",
    "on_demand_flex": "flex",
    "priority": "priority",
}


def reply_tier(reply: object) -> str | None:
    """
    The price variant *reply* was served at: ``batch``, ``flex`` or
    ``priority``, or None for the standard price.

    Read from OpenAI's ``service_tier``, Anthropic's ``usage.service_tier``,
    Gemini's ``usageMetadata.serviceTier`` or ``trafficType``; a line of a
    batch's results is ``batch``.

    >>> reply_tier({"model": "gpt-5.5", "service_tier": "flex", "usage": {}})
    'flex'

    Raises:
        InvalidReplyError: for a tier tokencost has no price variant for
            (pass ``variant=`` to `cost_reply` to say which to use).
    """
    data, batch = unwrap_reply(reply)
    if batch:
        return "batch"
    places: list[object] = [data]
    for key in ("usage", "usageMetadata", "usage_metadata"):
        inner = field(data, key)
        if inner is not MISSING and not isinstance(inner, str | int | float | list):
            places.append(view(inner, key, "reply"))
    for place in places:
        for key in ("service_tier", "serviceTier", "trafficType", "traffic_type"):
            value = field(place, key)
            if value is MISSING:
                continue
            name = str(getattr(value, "value", value)).lower()
            if name not in _TIERS:
                raise InvalidReplyError(
                    f"the reply's {key} is {value!r}: tokencost knows "
                    + ", ".join(repr(t) for t in _TIERS)
                    + "; pass variant= to say which price applies"
                )
            return _TIERS[name]
    return None


def reported_cost(reply: object) -> Money | None:
    """
    What the provider says it charged for *reply*, when it says so: today
    OpenRouter's ``usage.cost``, Perplexity's ``usage.cost.total_cost``
    (fees included) and xAI's ``usage.cost_in_usd_ticks`` (ten-billionths
    of a dollar, tools included), in US dollars. None otherwise.

    A cross-check, not a price: compare it with `cost_reply`'s total.

    >>> reported_cost({"usage": {"prompt_tokens": 3_214, "completion_tokens": 100,
    ...                          "cost": 0.01355025}})
    Money(amount=Decimal('0.01355025'), currency='USD')
    """
    data, _ = unwrap_reply(reply)
    usage = field(data, "usage")
    if usage is MISSING or isinstance(usage, str | int | float | list):
        return None
    block = view(usage, "usage", "reply")
    ticks = field(block, "cost_in_usd_ticks")
    if ticks is not MISSING:
        if isinstance(ticks, bool) or not isinstance(ticks, int) or ticks < 0:
            raise InvalidReplyError(
                "reply: usage.cost_in_usd_ticks must be a whole number of at "
                f"least 0, not {type(ticks).__name__} {shorten(repr(ticks))}"
            )
        # 1 USD is 10**10 ticks: shifted, never divided, so exact.
        return Money(normalize(Decimal(ticks).scaleb(-10, EXACT)), "USD")
    cost = field(block, "cost")
    if cost is MISSING:
        return None
    if openrouter_cost(cost):
        return Money(to_decimal(cost, what="usage.cost"), "USD")
    total = field(view(cost, "usage.cost", "reply"), "total_cost")
    if total is MISSING:
        raise InvalidReplyError(
            "reply: usage.cost is a breakdown without its total_cost"
        )
    return Money(to_decimal(total, what="usage.cost.total_cost"), "USD")
