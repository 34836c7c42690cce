"""
Reading a `Usage` from the usage block of a provider's reply.

Each provider counts prompt tokens its own way; these functions turn their
counts into tokencost's one convention: ``input_tokens`` counts every prompt
token, cached ones included, and ``output_tokens`` counts every generated
token, reasoning included.

A reply may be a dict (parsed JSON), an object with a ``model_dump()``
method (the official SDKs' pydantic models), any other object with
attributes, or just its usage block.
"""

from __future__ import annotations

from collections.abc import Callable

from tokencost._errors import InvalidInputError, InvalidReplyError
from tokencost.usage.reply_fields import _MISSING, _Block, _block, _get, _has, _view
from tokencost.usage.usage import Usage

__all__ = [
    "FORMATS",
    "reply_format",
    "usage_from",
    "usage_from_anthropic",
    "usage_from_deepseek",
    "usage_from_gemini",
    "usage_from_moonshot",
    "usage_from_openai",
    "usage_from_openai_responses",
    "usage_from_zhipu",
]


def _openai_shape(reply: object, label: str, prompt_key: str, output_key: str) -> Usage:
    """
    The OpenAI shape: a prompt count with ``<prompt>_details.cached_tokens``
    inside it, and an output count with ``<output>_details.reasoning_tokens``
    inside it. Chat Completions names them ``prompt_tokens`` and
    ``completion_tokens``, the Responses API ``input_tokens`` and
    ``output_tokens``.
    """
    block = _block(reply, ("usage",), label)
    prompt = block.count(prompt_key)
    output = block.count(output_key)
    cached = None
    details = block.child(f"{prompt_key}_details")
    if details is not None:
        cached = details.optional("cached_tokens")
    if cached is not None:
        block.part(cached, prompt)
    _check_reasoning(block, f"{output_key}_details", output)
    return Usage(prompt[1], output[1], 0 if cached is None else cached[1])


def _chat(reply: object, label: str) -> Usage:
    """The OpenAI Chat Completions shape, shared by compatible APIs."""
    return _openai_shape(reply, label, "prompt_tokens", "completion_tokens")


def _check_reasoning(block: _Block, details: str, output: tuple[str, int]) -> None:
    # Reasoning is counted inside the output already; a larger figure means
    # the reply is not in the shape this reader expects.
    inner = block.child(details)
    if inner is not None:
        reasoning = inner.optional("reasoning_tokens")
        if reasoning is not None:
            block.part(reasoning, output)


def usage_from_openai(reply: object) -> Usage:
    """
    The `Usage` of an OpenAI Chat Completions reply, or of its ``usage``.

    ``prompt_tokens`` counts every prompt token and
    ``prompt_tokens_details.cached_tokens`` the cached ones among them;
    ``completion_tokens`` already includes
    ``completion_tokens_details.reasoning_tokens``. OpenAI bills no cache
    writes. Audio tokens are counted as text tokens.

    Any API that copies this shape (Qwen on DashScope, MiniMax, Zhipu...)
    reads the same way.

    >>> usage_from_openai({"usage": {
    ...     "prompt_tokens": 2_006, "completion_tokens": 300,
    ...     "prompt_tokens_details": {"cached_tokens": 1_920},
    ...     "completion_tokens_details": {"reasoning_tokens": 192}}})
    Usage(input_tokens=2006, output_tokens=300, cache_read_tokens=1920, cache_write_tokens=0)

    Raises:
        InvalidReplyError: if a count is missing, not a whole number,
            negative, or larger than the count it is part of.
    """  # noqa: E501
    return _chat(reply, "OpenAI Chat Completions reply")


def usage_from_zhipu(reply: object) -> Usage:
    """
    The `Usage` of a Zhipu (GLM) chat reply, or of its ``usage``.

    The shape is OpenAI's Chat Completions: ``prompt_tokens`` (cached
    included), ``prompt_tokens_details.cached_tokens`` and
    ``completion_tokens``.

    >>> usage_from_zhipu({"prompt_tokens": 5_000, "completion_tokens": 800,
    ...                   "prompt_tokens_details": {"cached_tokens": 4_096}})
    Usage(input_tokens=5000, output_tokens=800, cache_read_tokens=4096, cache_write_tokens=0)
    """  # noqa: E501
    return _chat(reply, "Zhipu GLM reply")


def usage_from_openai_responses(reply: object) -> Usage:
    """
    The `Usage` of an OpenAI Responses API reply, or of its ``usage``.

    ``input_tokens`` counts every prompt token and
    ``input_tokens_details.cached_tokens`` the cached ones among them;
    ``output_tokens`` already includes
    ``output_tokens_details.reasoning_tokens``.

    >>> usage_from_openai_responses({"object": "response", "usage": {
    ...     "input_tokens": 3_200, "output_tokens": 1_100,
    ...     "input_tokens_details": {"cached_tokens": 3_072},
    ...     "output_tokens_details": {"reasoning_tokens": 896}}})
    Usage(input_tokens=3200, output_tokens=1100, cache_read_tokens=3072, cache_write_tokens=0)
    """  # noqa: E501
    return _openai_shape(
        reply, "OpenAI Responses reply", "input_tokens", "output_tokens"
    )


def usage_from_anthropic(reply: object) -> Usage:
    """
    The `Usage` of an Anthropic Messages reply, or of its ``usage``.

    Anthropic's ``input_tokens`` leaves out cache reads and writes, so the
    prompt is ``input_tokens + cache_read_input_tokens +
    cache_creation_input_tokens``.

    Cache writes may be split by lifetime in ``cache_creation``
    (``ephemeral_5m_input_tokens``, ``ephemeral_1h_input_tokens``). A `Usage`
    has one cache-write count, so both kinds are counted there and priced at
    the model's cache-write price, which is the 5-minute price. One-hour
    writes cost more (2x the input price instead of 1.25x), so a reply with
    one-hour writes is under-priced by 0.75x the input price per one-hour
    token; the split is checked against the total but not kept.
    Server tool use (web searches, billed per search) is not counted.

    >>> usage_from_anthropic({"type": "message", "usage": {
    ...     "input_tokens": 50, "cache_read_input_tokens": 100_000,
    ...     "cache_creation_input_tokens": 20_000, "output_tokens": 4_000}})
    Usage(input_tokens=120050, output_tokens=4000, cache_read_tokens=100000, cache_write_tokens=20000)

    Raises:
        InvalidReplyError: if a count is missing, not a whole number or
            negative, or the cache-write split does not add up.
    """  # noqa: E501
    block = _block(reply, ("usage",), "Anthropic Messages reply")
    uncached = block.count("input_tokens")[1]
    output = block.count("output_tokens")[1]
    read = block.count_or_zero("cache_read_input_tokens")
    write = block.optional("cache_creation_input_tokens")
    split = block.child("cache_creation")
    if split is not None:
        five = split.count_or_zero("ephemeral_5m_input_tokens")
        hour = split.count_or_zero("ephemeral_1h_input_tokens")
        if write is None:
            write = (split.path, five + hour)
        elif five + hour != write[1]:
            raise block.error(
                f"{split.field('ephemeral_5m_input_tokens')} ({five:,}) + "
                f"{split.field('ephemeral_1h_input_tokens')} ({hour:,}) "
                f"!= {write[0]} ({write[1]:,})"
            )
    written = 0 if write is None else write[1]
    return Usage(uncached + read + written, output, read, written)


def usage_from_gemini(reply: object) -> Usage:
    """
    The `Usage` of a Gemini ``generateContent`` reply, or of its
    ``usageMetadata``.

    ``promptTokenCount`` includes ``cachedContentTokenCount``; the tokens of
    tool-use prompts (``toolUsePromptTokenCount``) are input too. Thinking
    tokens (``thoughtsTokenCount``) are billed as output but are not part of
    ``candidatesTokenCount``, so output is their sum. Gemini leaves out
    counts that are zero, so only ``promptTokenCount`` is required. The
    snake_case names of the ``google-genai`` SDK (``usage_metadata``,
    ``prompt_token_count``...) are read too. Context-cache storage, billed
    per hour, is not a token count and is not included; neither is the
    higher price of audio input.

    >>> usage_from_gemini({"usageMetadata": {
    ...     "promptTokenCount": 12_000, "cachedContentTokenCount": 8_000,
    ...     "candidatesTokenCount": 700, "thoughtsTokenCount": 1_300,
    ...     "totalTokenCount": 14_000}})
    Usage(input_tokens=12000, output_tokens=2000, cache_read_tokens=8000, cache_write_tokens=0)
    """  # noqa: E501
    block = _block(
        reply, ("usageMetadata", "usage_metadata"), "Gemini generateContent reply"
    )
    prompt = block.count("promptTokenCount", "prompt_token_count")
    cached = block.optional("cachedContentTokenCount", "cached_content_token_count")
    if cached is not None:
        block.part(cached, prompt)
    tools = block.count_or_zero(
        "toolUsePromptTokenCount", "tool_use_prompt_token_count"
    )
    candidates = block.count_or_zero("candidatesTokenCount", "candidates_token_count")
    thoughts = block.count_or_zero("thoughtsTokenCount", "thoughts_token_count")
    return Usage(
        prompt[1] + tools,
        candidates + thoughts,
        0 if cached is None else cached[1],
    )


def usage_from_deepseek(reply: object) -> Usage:
    """
    The `Usage` of a DeepSeek chat reply, or of its ``usage``.

    The prompt is ``prompt_cache_hit_tokens + prompt_cache_miss_tokens``,
    which must equal ``prompt_tokens`` when that is given; the hits are
    cache reads. ``completion_tokens`` includes the reasoning of
    ``deepseek-reasoner``.

    >>> usage_from_deepseek({"prompt_tokens": 9_000, "completion_tokens": 1_500,
    ...     "prompt_cache_hit_tokens": 6_400, "prompt_cache_miss_tokens": 2_600})
    Usage(input_tokens=9000, output_tokens=1500, cache_read_tokens=6400, cache_write_tokens=0)
    """  # noqa: E501
    block = _block(reply, ("usage",), "DeepSeek reply")
    hit = block.count("prompt_cache_hit_tokens")
    miss = block.count("prompt_cache_miss_tokens")
    prompt = block.optional("prompt_tokens")
    if prompt is not None and prompt[1] != hit[1] + miss[1]:
        raise block.error(
            f"{hit[0]} ({hit[1]:,}) + {miss[0]} ({miss[1]:,}) "
            f"!= {prompt[0]} ({prompt[1]:,})"
        )
    completion = block.count("completion_tokens")
    _check_reasoning(block, "completion_tokens_details", completion)
    return Usage(hit[1] + miss[1], completion[1], hit[1])


def usage_from_moonshot(reply: object) -> Usage:
    """
    The `Usage` of a Moonshot (Kimi) chat reply, or of its ``usage``.

    The shape is OpenAI's Chat Completions, with the cached prompt tokens in
    ``cached_tokens`` at the top of ``usage`` or in
    ``prompt_tokens_details.cached_tokens``; when both are given they must
    agree.

    >>> usage_from_moonshot({"prompt_tokens": 4_000, "completion_tokens": 250,
    ...                      "total_tokens": 4_250, "cached_tokens": 3_500})
    Usage(input_tokens=4000, output_tokens=250, cache_read_tokens=3500, cache_write_tokens=0)
    """  # noqa: E501
    block = _block(reply, ("usage",), "Moonshot reply")
    prompt = block.count("prompt_tokens")
    completion = block.count("completion_tokens")
    top = block.optional("cached_tokens")
    details = block.child("prompt_tokens_details")
    nested = None if details is None else details.optional("cached_tokens")
    if top is not None and nested is not None and top[1] != nested[1]:
        raise block.error(f"{top[0]} ({top[1]:,}) != {nested[0]} ({nested[1]:,})")
    cached = top or nested
    if cached is not None:
        block.part(cached, prompt)
    _check_reasoning(block, "completion_tokens_details", completion)
    return Usage(prompt[1], completion[1], 0 if cached is None else cached[1])


_READERS: dict[str, Callable[[object], Usage]] = {
    "openai": usage_from_openai,
    "openai-responses": usage_from_openai_responses,
    "anthropic": usage_from_anthropic,
    "gemini": usage_from_gemini,
    "deepseek": usage_from_deepseek,
    "moonshot": usage_from_moonshot,
    "zhipu": usage_from_zhipu,
}

#: The names `usage_from` takes for *format*.
FORMATS: tuple[str, ...] = tuple(_READERS)


_GEMINI = (
    "promptTokenCount",
    "candidatesTokenCount",
    "prompt_token_count",
    "candidates_token_count",
)


def reply_format(reply: object) -> str:
    """
    The format of *reply*, told from the fields present, as `usage_from`
    would read it: ``openai``, ``openai-responses``, ``anthropic``,
    ``gemini``, ``deepseek`` or ``moonshot``.

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
    data = _view(reply, "reply")
    if _has(data, "usageMetadata") or _has(data, "usage_metadata"):
        return "gemini"
    hint = None
    if _has(data, "usage"):
        if _get(data, "object") == "response":
            hint = "openai-responses"
        elif _get(data, "type") == "message":
            hint = "anthropic"
        usage = _get(data, "usage")
        if usage is _MISSING:
            raise InvalidReplyError(
                "the reply's usage is null (a streamed reply reports usage only "
                "in its last chunk, and only when asked to)"
            )
        data = _view(usage, "usage", "reply")
    if any(_has(data, key) for key in _GEMINI):
        return "gemini"
    if _has(data, "prompt_cache_hit_tokens") or _has(data, "prompt_cache_miss_tokens"):
        return "deepseek"
    if _has(data, "prompt_tokens") or _has(data, "completion_tokens"):
        return "moonshot" if _has(data, "cached_tokens") else "openai"
    if _has(data, "input_tokens") or _has(data, "output_tokens"):
        if hint is not None:
            return hint
        anthropic = ("cache_read_input_tokens", "cache_creation_input_tokens")
        if any(_has(data, key) for key in (*anthropic, "cache_creation")):
            return "anthropic"
        if _has(data, "input_tokens_details") or _has(data, "output_tokens_details"):
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


def usage_from(reply: object, *, format: str | None = None) -> Usage:
    """
    The `Usage` of *reply*, a provider's reply or just its usage block.

    Without *format*, `reply_format` tells it from the fields present:
    ``usageMetadata`` or ``promptTokenCount`` is Gemini;
    ``prompt_cache_hit_tokens`` is DeepSeek; ``prompt_tokens`` is OpenAI
    Chat Completions, or Moonshot when ``cached_tokens`` sits beside it
    (Zhipu and other compatible APIs read as OpenAI); ``input_tokens`` is
    Anthropic Messages (a ``"type": "message"`` reply, or cache fields) or
    OpenAI Responses (an ``"object": "response"`` reply, or
    ``input_tokens_details``). When the fields do not decide, the error says
    so and asks for *format*.

    Args:
        reply: A dict, an SDK response object or its usage block.
        format: One of ``openai``, ``openai-responses``,
            ``anthropic``, ``gemini``, ``deepseek``, ``moonshot``, ``zhipu``.

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
    if format is None:
        format = reply_format(reply)
    reader = _READERS.get(format)
    if reader is None:
        raise InvalidInputError(
            f"unknown reply format {format!r}: expected one of "
            + ", ".join(repr(name) for name in FORMATS)
        )
    return reader(reply)
