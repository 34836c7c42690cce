"""
Readers for Anthropic's Messages replies and Amazon Bedrock's Converse
replies, whose input counts leave the cached tokens out.
"""

from __future__ import annotations

from tokencost.usage.reply_fields import usage_block
from tokencost.usage.usage import Usage

__all__ = ["usage_from_anthropic", "usage_from_bedrock"]


def usage_from_anthropic(reply: object) -> Usage:
    """
    The `Usage` of an Anthropic Messages reply, or of its ``usage``.

    Anthropic's ``input_tokens`` leaves out cache reads and writes, so the
    prompt is ``input_tokens + cache_read_input_tokens +
    cache_creation_input_tokens``. The cache writes are split by lifetime in
    ``cache_creation``: ``ephemeral_5m_input_tokens`` are five-minute writes
    (``cache_write_tokens``) and ``ephemeral_1h_input_tokens`` one-hour
    writes (``cache_write_1h_tokens``), which cost more; the two must add
    up to ``cache_creation_input_tokens``, and without the split every
    write is a five-minute one. ``output_tokens`` includes
    ``output_tokens_details.thinking_tokens``, read as reasoning.
    Server tool use (web searches, billed per search) is not counted.

    >>> usage_from_anthropic({"type": "message", "usage": {
    ...     "input_tokens": 1_200, "cache_creation_input_tokens": 30_000,
    ...     "cache_creation": {"ephemeral_5m_input_tokens": 10_000,
    ...                        "ephemeral_1h_input_tokens": 20_000},
    ...     "output_tokens": 800}})
    Usage(input_tokens=31200, output_tokens=800, cache_read_tokens=0, cache_write_tokens=10000, cache_write_1h_tokens=20000)

    Raises:
        InvalidReplyError: if a count is missing, not a whole number or
            negative, or the cache-write split does not add up.
    """  # noqa: E501
    block = usage_block(reply, ("usage",), "Anthropic Messages reply")
    uncached = block.count("input_tokens")[1]
    output = block.count("output_tokens")
    read = block.count_or_zero("cache_read_input_tokens")
    write = block.optional("cache_creation_input_tokens")
    five = hour = 0
    split = block.child("cache_creation")
    if split is not None:
        five = split.count_or_zero("ephemeral_5m_input_tokens")
        hour = split.count_or_zero("ephemeral_1h_input_tokens")
        if write is not None and five + hour != write[1]:
            raise block.error(
                f"{split.field('ephemeral_5m_input_tokens')} ({five:,}) + "
                f"{split.field('ephemeral_1h_input_tokens')} ({hour:,}) "
                f"!= {write[0]} ({write[1]:,})"
            )
    elif write is not None:
        five = write[1]
    thinking = None
    details = block.child("output_tokens_details")
    if details is not None:
        thinking = details.optional("thinking_tokens")
        if thinking is not None:
            block.part(thinking, output)
    return Usage(
        uncached + read + five + hour,
        output[1],
        read,
        five,
        cache_write_1h_tokens=hour,
        reasoning_tokens=0 if thinking is None else thinking[1],
    )


def usage_from_bedrock(reply: object) -> Usage:
    """
    The `Usage` of an Amazon Bedrock Converse reply, or of its ``usage``.

    Like Anthropic's, Bedrock's ``inputTokens`` leaves out the cached
    tokens: the prompt is ``inputTokens + cacheReadInputTokens +
    cacheWriteInputTokens``. ``cacheDetails`` splits the writes by
    time-to-live (``"5m"`` or ``"1h"``); without it every write is a
    five-minute one. A ``totalTokens`` must be the sum of the four counts.
    The reply does not name the model: pass it to `cost_reply`.

    >>> usage_from_bedrock({"usage": {"inputTokens": 3, "outputTokens": 61,
    ...     "cacheReadInputTokens": 2_074, "cacheWriteInputTokens": 297,
    ...     "cacheDetails": [{"inputTokens": 297, "ttl": "5m"}]}})
    Usage(input_tokens=2374, output_tokens=61, cache_read_tokens=2074, cache_write_tokens=297)
    """  # noqa: E501
    block = usage_block(reply, ("usage",), "Bedrock Converse reply")
    uncached = block.count("inputTokens")[1]
    output = block.count("outputTokens")[1]
    read = block.agreeing("cacheReadInputTokens", "cacheReadInputTokenCount")
    write = block.agreeing("cacheWriteInputTokens", "cacheWriteInputTokenCount")
    written = 0 if write is None else write[1]
    by_ttl = {"5m": 0, "1h": 0}
    details = list(block.items("cacheDetails"))
    for item in details:
        ttl = item.text("ttl")
        if ttl not in by_ttl:
            raise block.error(f"{item.field('ttl')} is {ttl!r}: expected '5m' or '1h'")
        by_ttl[ttl] += item.count("inputTokens")[1]
    if details and by_ttl["5m"] + by_ttl["1h"] != written:
        raise block.error(
            f"the cacheDetails add up to {by_ttl['5m'] + by_ttl['1h']:,}, "
            f"not cacheWriteInputTokens ({written:,})"
        )
    hour = by_ttl["1h"]
    cached = 0 if read is None else read[1]
    total = block.optional("totalTokens")
    if total is not None and total[1] != uncached + output + cached + written:
        raise block.error(
            f"{total[0]} ({total[1]:,}) is not inputTokens ({uncached:,}) + "
            f"outputTokens ({output:,}) + cacheReadInputTokens ({cached:,}) + "
            f"cacheWriteInputTokens ({written:,})"
        )
    return Usage(
        uncached + cached + written,
        output,
        cached,
        written - hour,
        cache_write_1h_tokens=hour,
    )
