"""
Readers for replies in OpenAI's shapes: Chat Completions, which most other
APIs copy (Zhipu, Moonshot, DeepSeek, Mistral, OpenRouter, Groq...), and
the Responses API.

In both shapes the prompt count includes the cached tokens and the output
count includes the reasoning tokens; the details blocks say how many of
each kind there are.
"""

from __future__ import annotations

from tokencost.usage.realtime import REALTIME_KEYS
from tokencost.usage.reply_fields import Count, UsageBlock, has, usage_block
from tokencost.usage.usage import Usage

__all__ = [
    "usage_from_deepseek",
    "usage_from_mistral",
    "usage_from_moonshot",
    "usage_from_openai",
    "usage_from_openai_responses",
    "usage_from_openrouter",
    "usage_from_perplexity",
    "usage_from_zhipu",
]


def _openai_shape(
    block: UsageBlock,
    prompt: Count,
    output: Count,
    prompt_key: str,
    output_key: str,
    *,
    cached: Count | None = None,
) -> Usage:
    """
    The counts of the OpenAI shape, from *block*: *prompt* and *output*
    already read, their ``<key>_details`` blocks read here. *cached*, when
    the caller found the cached count elsewhere, must agree with the one
    in the details.
    """
    for key in REALTIME_KEYS:
        if has(block.data, key):
            raise block.error(
                f"{block.field(key)} is the OpenAI Realtime API's usage, not "
                "this format's; read it with format='openai-realtime'"
            )
    details = block.child(f"{prompt_key}_details")
    write = audio = image = video = None
    if details is not None:
        nested = details.optional("cached_tokens")
        if cached is not None and nested is not None and cached[1] != nested[1]:
            raise block.error(
                f"{cached[0]} ({cached[1]:,}) != {nested[0]} ({nested[1]:,})"
            )
        cached = cached or nested
        write = details.optional("cache_write_tokens")
        audio = details.optional("audio_tokens")
        image = details.optional("image_tokens")
        video = details.optional("video_tokens")
    _anthropic_counts(block, prompt, details, cached, write)
    block.parts([c for c in (cached, write, audio, image, video) if c], prompt)
    reasoning = out_audio = out_image = None
    details = block.child(f"{output_key}_details")
    if details is not None:
        reasoning = details.optional("reasoning_tokens")
        out_audio = details.optional("audio_tokens")
        out_image = details.optional("image_tokens")
    output = _billed_output(block, prompt, output, reasoning)
    block.parts([c for c in (reasoning, out_audio, out_image) if c], output)
    return Usage(
        prompt[1],
        output[1],
        _n(cached),
        _n(write),
        reasoning_tokens=_n(reasoning),
        input_audio_tokens=_n(audio),
        input_image_tokens=_n(image),
        input_video_tokens=_n(video),
        output_audio_tokens=_n(out_audio),
        output_image_tokens=_n(out_image),
    )


#: Anthropic's cache counts, which gateways that turn Anthropic's replies
#: into this shape copy beside its own, and what this shape calls them.
_ANTHROPIC_COUNTS = (
    ("cache_read_input_tokens", "cached_tokens"),
    ("cache_creation_input_tokens", "cache_write_tokens"),
)


def _anthropic_counts(
    block: UsageBlock,
    prompt: Count,
    details: UsageBlock | None,
    cached: Count | None,
    write: Count | None,
) -> None:
    """
    Refuse Anthropic's cache counts in this shape unless this shape's own
    count says the same: gateways that copy them here differ on whether
    *prompt* includes them, so cache reads or writes known only by
    Anthropic's names cannot be priced (they would be priced as plain
    input).
    """
    for name, own in _ANTHROPIC_COUNTS:
        ours = cached if own == "cached_tokens" else write
        for place in (block, details):
            found = None if place is None else place.optional(name)
            if found is None or (not found[1] and not ours):
                continue
            if ours is None:
                raise block.error(
                    f"{found[0]} ({found[1]:,}) is Anthropic's count, with no "
                    f"{own} of this shape's: whether {prompt[0]} counts these "
                    "tokens is not said, so they cannot be priced; read the "
                    "provider's own reply, or build a tokencost.Usage"
                )
            if ours[1] != found[1]:
                raise block.error(
                    f"{found[0]} ({found[1]:,}) != {ours[0]} ({ours[1]:,})"
                )


def _billed_output(
    block: UsageBlock, prompt: Count, output: Count, reasoning: Count | None
) -> Count:
    """
    The generated tokens, told by the reply's ``total_tokens`` when it has
    one: OpenAI counts the reasoning tokens within the output, xAI on top
    of it (its total is prompt + output + reasoning). A total that is
    neither says the counts contradict each other.
    """
    total = block.optional("total_tokens")
    if total is None or total[1] == prompt[1] + output[1]:
        return output
    if reasoning is not None and total[1] == prompt[1] + output[1] + reasoning[1]:
        return f"{output[0]} + {reasoning[0]}", output[1] + reasoning[1]
    extra = "" if reasoning is None else f" (+ {reasoning[0]} ({reasoning[1]:,}))"
    raise block.error(
        f"{prompt[0]} ({prompt[1]:,}) + {output[0]} ({output[1]:,}){extra} "
        f"!= {total[0]} ({total[1]:,})"
    )


def _n(count: Count | None) -> int:
    return 0 if count is None else count[1]


def _chat(reply: object, label: str) -> Usage:
    """The OpenAI Chat Completions shape, shared by compatible APIs."""
    block = usage_block(reply, ("usage",), label)
    prompt = block.count("prompt_tokens")
    output = block.count("completion_tokens")
    return _openai_shape(block, prompt, output, "prompt_tokens", "completion_tokens")


def usage_from_openai(reply: object) -> Usage:
    """
    The `Usage` of an OpenAI Chat Completions reply, or of its ``usage``.

    ``prompt_tokens`` counts every prompt token; of them,
    ``prompt_tokens_details`` says how many were read from the cache
    (``cached_tokens``), written to it (``cache_write_tokens``) and were
    audio, image or video tokens. ``completion_tokens`` counts every
    generated token; ``completion_tokens_details`` says how many were
    reasoning, audio or image tokens. Audio, image and video tokens are
    priced at the model's prices for them, never as text.

    Any API that copies this shape (Qwen on DashScope, MiniMax, Groq...)
    reads the same way. A ``total_tokens`` is a check: it must be
    ``prompt_tokens + completion_tokens``, or that plus the reasoning
    tokens, as xAI counts them (on top of ``completion_tokens``, which then
    leaves them out; they are added to the output).

    >>> usage_from_openai({"usage": {
    ...     "prompt_tokens": 2_006, "completion_tokens": 300,
    ...     "prompt_tokens_details": {"cached_tokens": 1_920},
    ...     "completion_tokens_details": {"reasoning_tokens": 192}}})
    Usage(input_tokens=2006, output_tokens=300, cache_read_tokens=1920, cache_write_tokens=0, reasoning_tokens=192)

    Raises:
        InvalidReplyError: if a count is missing, not a whole number,
            negative, or the parts of a count add up to more than it.
    """  # noqa: E501
    return _chat(reply, "OpenAI Chat Completions reply")


def usage_from_zhipu(reply: object) -> Usage:
    """
    The `Usage` of a Zhipu (GLM) chat reply, or of its ``usage``.

    The shape is OpenAI's Chat Completions: ``prompt_tokens`` (cached
    included), ``prompt_tokens_details.cached_tokens``,
    ``completion_tokens`` and ``completion_tokens_details.reasoning_tokens``.

    >>> usage_from_zhipu({"prompt_tokens": 5_000, "completion_tokens": 800,
    ...                   "prompt_tokens_details": {"cached_tokens": 4_096}})
    Usage(input_tokens=5000, output_tokens=800, cache_read_tokens=4096, cache_write_tokens=0)
    """  # noqa: E501
    return _chat(reply, "Zhipu GLM reply")


def usage_from_openrouter(reply: object) -> Usage:
    """
    The `Usage` of an OpenRouter chat reply, or of its ``usage``.

    The counts are in OpenAI's Chat Completions shape, with
    ``prompt_tokens_details.cache_write_tokens`` and ``video_tokens`` and
    ``completion_tokens_details.image_tokens`` as well. The amount
    OpenRouter charged, ``usage.cost``, is not a token count: read it with
    `reported_cost` to cross-check a cost.

    >>> usage_from_openrouter({"usage": {"prompt_tokens": 3_214,
    ...     "completion_tokens": 100, "cost": 0.01355025,
    ...     "prompt_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 3_211}}})
    Usage(input_tokens=3214, output_tokens=100, cache_read_tokens=0, cache_write_tokens=3211)
    """  # noqa: E501
    return _chat(reply, "OpenRouter reply")


def usage_from_perplexity(reply: object) -> Usage:
    """
    The `Usage` of a Perplexity (Sonar) chat reply, or of its ``usage``.

    The counts are in OpenAI's Chat Completions shape. What Perplexity
    charges besides them (its request fee, set by ``search_context_size``;
    ``num_search_queries``; ``citation_tokens`` and ``reasoning_tokens`` at
    their own rates) is no token of the input or output: `unpriced_fees`
    names it, and ``usage.cost``, the amount Perplexity charged, is what
    `reported_cost` reads.

    >>> usage_from_perplexity({"usage": {"prompt_tokens": 12,
    ...     "completion_tokens": 310, "total_tokens": 322,
    ...     "search_context_size": "low"}})
    Usage(input_tokens=12, output_tokens=310, cache_read_tokens=0, cache_write_tokens=0)
    """
    return _chat(reply, "Perplexity reply")


def usage_from_openai_responses(reply: object) -> Usage:
    """
    The `Usage` of an OpenAI Responses API reply, or of its ``usage``.

    ``input_tokens`` counts every prompt token, and
    ``input_tokens_details`` the cached ones (``cached_tokens``) and those
    written to the cache (``cache_write_tokens``) among them;
    ``output_tokens`` includes ``output_tokens_details.reasoning_tokens``.

    >>> usage_from_openai_responses({"object": "response", "usage": {
    ...     "input_tokens": 3_200, "output_tokens": 1_100,
    ...     "input_tokens_details": {"cached_tokens": 3_072},
    ...     "output_tokens_details": {"reasoning_tokens": 896}}})
    Usage(input_tokens=3200, output_tokens=1100, cache_read_tokens=3072, cache_write_tokens=0, reasoning_tokens=896)
    """  # noqa: E501
    block = usage_block(reply, ("usage",), "OpenAI Responses reply")
    prompt = block.count("input_tokens")
    output = block.count("output_tokens")
    return _openai_shape(block, prompt, output, "input_tokens", "output_tokens")


def usage_from_deepseek(reply: object) -> Usage:
    """
    The `Usage` of a DeepSeek chat reply, or of its ``usage``.

    The prompt is ``prompt_cache_hit_tokens + prompt_cache_miss_tokens``,
    which must equal ``prompt_tokens`` when that is given; the hits are
    cache reads. ``completion_tokens`` includes the reasoning tokens
    (``completion_tokens_details.reasoning_tokens``).

    >>> usage_from_deepseek({"prompt_tokens": 9_000, "completion_tokens": 1_500,
    ...     "prompt_cache_hit_tokens": 6_400, "prompt_cache_miss_tokens": 2_600})
    Usage(input_tokens=9000, output_tokens=1500, cache_read_tokens=6400, cache_write_tokens=0)
    """  # noqa: E501
    block = usage_block(reply, ("usage",), "DeepSeek reply")
    hit = block.count("prompt_cache_hit_tokens")
    miss = block.count("prompt_cache_miss_tokens")
    prompt = block.optional("prompt_tokens")
    if prompt is not None and prompt[1] != hit[1] + miss[1]:
        raise block.error(
            f"{hit[0]} ({hit[1]:,}) + {miss[0]} ({miss[1]:,}) "
            f"!= {prompt[0]} ({prompt[1]:,})"
        )
    whole = (f"{hit[0]} + {miss[0]}", hit[1] + miss[1])
    output = block.count("completion_tokens")
    return _openai_shape(
        block, whole, output, "prompt_tokens", "completion_tokens", cached=hit
    )


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
    return _cached_on_top(reply, "Moonshot reply", "cached_tokens")


def usage_from_mistral(reply: object) -> Usage:
    """
    The `Usage` of a Mistral chat reply, or of its ``usage``.

    The shape is OpenAI's Chat Completions; Mistral reports the cached
    prompt tokens as ``num_cached_tokens`` at the top of ``usage`` (newer
    replies in ``prompt_tokens_details.cached_tokens``; when both are given
    they must agree).

    >>> usage_from_mistral({"prompt_tokens": 70, "completion_tokens": 12,
    ...                     "num_cached_tokens": 69, "total_tokens": 82})
    Usage(input_tokens=70, output_tokens=12, cache_read_tokens=69, cache_write_tokens=0)
    """
    return _cached_on_top(reply, "Mistral reply", "num_cached_tokens")


def _cached_on_top(reply: object, label: str, key: str) -> Usage:
    block = usage_block(reply, ("usage",), label)
    prompt = block.count("prompt_tokens")
    output = block.count("completion_tokens")
    top = block.optional(key)
    return _openai_shape(
        block, prompt, output, "prompt_tokens", "completion_tokens", cached=top
    )
