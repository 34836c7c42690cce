"""
The token counts of a request, and the checks that keep them consistent:
each part (cache reads and writes, other modalities, reasoning) within the
count it is part of, with a one-line error naming the counts when not.
"""

from __future__ import annotations

from typing import Protocol, TypedDict

from tokencost._errors import InvalidUsageError
from tokencost._parsing import MAX_TOKENS, Count, parse_tokens

__all__ = [
    "MODALITIES",
    "Counts",
    "OtherCounts",
    "TokenCounts",
    "check_parts",
    "read_count",
    "text_input",
]

#: The counts of tokens of other modalities than text, each with the count
#: it is part of: prompt tokens (``input``), cached prompt tokens
#: (``cache_read``) or generated ones (``output``).
MODALITIES: tuple[tuple[str, str], ...] = (
    ("input_audio_tokens", "input"),
    ("input_image_tokens", "input"),
    ("input_video_tokens", "input"),
    ("output_audio_tokens", "output"),
    ("output_image_tokens", "output"),
    ("cache_read_audio_tokens", "cache_read"),
)


def read_count(value: Count, what: str) -> int:
    """*value* as a count of tokens; errors name it *what*."""
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return parse_tokens(value, what=what)


class OtherCounts(TypedDict, total=False):
    """The token counts of one request other than input, output and cache
    reads and writes, as keywords, each optional (0)."""

    cache_write_1h_tokens: Count
    reasoning_tokens: Count
    input_audio_tokens: Count
    input_image_tokens: Count
    input_video_tokens: Count
    output_audio_tokens: Count
    output_image_tokens: Count
    cache_read_audio_tokens: Count


class TokenCounts(OtherCounts, total=False):
    """The token counts of one request as keywords, each optional (0)."""

    input_tokens: Count
    output_tokens: Count
    cache_read_tokens: Count
    cache_write_tokens: Count


class Counts(Protocol):
    """What the checks read: the counts of a `Usage` or a `UsageTotal`."""

    @property
    def input_tokens(self) -> int: ...
    @property
    def output_tokens(self) -> int: ...
    @property
    def cache_read_tokens(self) -> int: ...
    @property
    def cache_write_tokens(self) -> int: ...
    @property
    def cache_write_1h_tokens(self) -> int: ...
    @property
    def reasoning_tokens(self) -> int: ...
    @property
    def input_audio_tokens(self) -> int: ...
    @property
    def input_image_tokens(self) -> int: ...
    @property
    def input_video_tokens(self) -> int: ...
    @property
    def output_audio_tokens(self) -> int: ...
    @property
    def output_image_tokens(self) -> int: ...
    @property
    def cache_read_audio_tokens(self) -> int: ...


def check_parts(usage: Counts) -> None:
    """
    Refuse counts whose parts exceed their wholes.

    Raises:
        InvalidUsageError: naming the parts and the whole they exceed.
    """
    # Plain additions first: this runs for every Usage a gateway prices.
    if (
        usage.cache_read_tokens
        + usage.cache_write_tokens
        + usage.cache_write_1h_tokens
        + usage.input_audio_tokens
        + usage.input_image_tokens
        + usage.input_video_tokens
        <= usage.input_tokens
        and usage.reasoning_tokens
        + usage.output_audio_tokens
        + usage.output_image_tokens
        <= usage.output_tokens
        and usage.cache_read_audio_tokens <= usage.cache_read_tokens
    ):
        return
    parts = [
        ("cache_read_tokens", usage.cache_read_tokens),
        ("cache_write_tokens", usage.cache_write_tokens),
        ("cache_write_1h_tokens", usage.cache_write_1h_tokens),
        ("input_audio_tokens", usage.input_audio_tokens),
        ("input_image_tokens", usage.input_image_tokens),
        ("input_video_tokens", usage.input_video_tokens),
    ]
    if sum(n for _, n in parts) > usage.input_tokens:
        named = " + ".join(f"{name}={n}" for name, n in parts if n)
        what = "cache" if all(n == 0 for _, n in parts[3:]) else "cache and non-text"
        raise InvalidUsageError(
            f"{what} tokens exceed input tokens: {named} > "
            f"input_tokens={usage.input_tokens}; input_tokens must count "
            "every prompt token, cached and non-text ones too"
        )
    parts = [
        ("reasoning_tokens", usage.reasoning_tokens),
        ("output_audio_tokens", usage.output_audio_tokens),
        ("output_image_tokens", usage.output_image_tokens),
    ]
    if sum(n for _, n in parts) > usage.output_tokens:
        named = " + ".join(f"{name}={n}" for name, n in parts if n)
        raise InvalidUsageError(
            f"{named} exceed output_tokens={usage.output_tokens}; output_tokens "
            "must count every generated token, reasoning and non-text ones too"
        )
    raise InvalidUsageError(
        f"cache_read_audio_tokens={usage.cache_read_audio_tokens} exceed "
        f"cache_read_tokens={usage.cache_read_tokens}; cache_read_tokens must "
        "count every prompt token read from the cache, audio ones too"
    )


def text_input(usage: Counts) -> int:
    """The text prompt tokens billed at the plain input price: input less
    cache reads and writes and other modalities."""
    return (
        usage.input_tokens
        - usage.cache_read_tokens
        - usage.cache_write_tokens
        - usage.cache_write_1h_tokens
        - usage.input_audio_tokens
        - usage.input_image_tokens
        - usage.input_video_tokens
    )
