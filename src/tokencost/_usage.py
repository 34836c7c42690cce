"""
Token usage of one request: what a bill is computed from.
"""

from __future__ import annotations

import attrs

from tokencost._errors import InvalidUsageError
from tokencost._numbers import parse_tokens

__all__ = ["Usage"]


def _input(value: object) -> int:
    return parse_tokens(value, what="input_tokens")


def _output(value: object) -> int:
    return parse_tokens(value, what="output_tokens")


def _cache_read(value: object) -> int:
    return parse_tokens(value, what="cache_read_tokens")


def _cache_write(value: object) -> int:
    return parse_tokens(value, what="cache_write_tokens")


def _cache_write_1h(value: object) -> int:
    return parse_tokens(value, what="cache_write_1h_tokens")


def _reasoning(value: object) -> int:
    return parse_tokens(value, what="reasoning_tokens")


@attrs.frozen
class Usage:
    """
    The tokens of one request.

    ``input_tokens`` counts every prompt token, cached ones included (as
    OpenAI reports them); ``cache_read_tokens`` and ``cache_write_tokens`` are
    parts of it, so the tokens billed at the plain input price are
    ``input_tokens - cache_read_tokens - cache_write_tokens -
    cache_write_1h_tokens``. ``output_tokens`` includes any reasoning tokens;
    ``reasoning_tokens`` says how many, which matters only where reasoning
    has its own price.

    Counts accept anything `parse_tokens` reads: ``Usage("120k", "4k")``.

    >>> Usage(input_tokens=120_000, output_tokens=4_000, cache_read_tokens=100_000)
    Usage(input_tokens=120000, output_tokens=4000, cache_read_tokens=100000, cache_write_tokens=0, cache_write_1h_tokens=0, reasoning_tokens=0)
    """  # noqa: E501

    input_tokens: int = attrs.field(default=0, converter=_input)
    """All prompt tokens, cached and cache-written ones included."""
    output_tokens: int = attrs.field(default=0, converter=_output)
    """All generated tokens, reasoning included."""
    cache_read_tokens: int = attrs.field(default=0, converter=_cache_read)
    """Prompt tokens served from the provider's cache (part of input)."""
    cache_write_tokens: int = attrs.field(default=0, converter=_cache_write)
    """Prompt tokens written to the provider's cache (part of input), at the
    default time-to-live (five minutes at Anthropic)."""
    cache_write_1h_tokens: int = attrs.field(default=0, converter=_cache_write_1h)
    """Prompt tokens written to the cache for one hour (part of input)."""
    reasoning_tokens: int = attrs.field(default=0, converter=_reasoning)
    """Reasoning tokens (part of output)."""

    def __attrs_post_init__(self) -> None:
        cached = self.cache_read_tokens + self.cache_write_tokens
        cached += self.cache_write_1h_tokens
        if cached > self.input_tokens:
            raise InvalidUsageError(
                f"cache tokens exceed input tokens: cache_read_tokens="
                f"{self.cache_read_tokens} + cache_write_tokens="
                f"{self.cache_write_tokens} + cache_write_1h_tokens="
                f"{self.cache_write_1h_tokens} > input_tokens={self.input_tokens}; "
                "input_tokens must count cached tokens too"
            )
        if self.reasoning_tokens > self.output_tokens:
            raise InvalidUsageError(
                f"reasoning_tokens={self.reasoning_tokens} exceed output_tokens="
                f"{self.output_tokens}; output_tokens must count reasoning too"
            )

    @property
    def uncached_input_tokens(self) -> int:
        """Prompt tokens billed at the plain input price."""
        return (
            self.input_tokens
            - self.cache_read_tokens
            - self.cache_write_tokens
            - self.cache_write_1h_tokens
        )

    @property
    def total_tokens(self) -> int:
        """Input plus output tokens."""
        return self.input_tokens + self.output_tokens
