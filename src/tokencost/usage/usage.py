"""
Token usage: `Usage`, the tokens of one request, and `UsageTotal`, the sum
of the tokens of several.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from tokencost._errors import InvalidUsageError, WrongTypeError
from tokencost._parsing import MAX_TOKENS, Count, parse_tokens

__all__ = ["Usage", "UsageTotal"]


def _count(value: Count) -> int:
    """The one converter of every count: an int as it is, else `parse_tokens`."""
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return parse_tokens(value, what="token count")


#: The counts every repr shows; the others appear only when not zero.
_USAGE_ALWAYS = (
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
)


def _check_cached(usage: Usage | UsageTotal) -> None:
    cached = usage.cache_read_tokens + usage.cache_write_tokens
    cached += usage.cache_write_1h_tokens
    if cached > usage.input_tokens:
        one_hour = (
            f" + cache_write_1h_tokens={usage.cache_write_1h_tokens}"
            if usage.cache_write_1h_tokens
            else ""
        )
        raise InvalidUsageError(
            f"cache tokens exceed input tokens: cache_read_tokens="
            f"{usage.cache_read_tokens} + cache_write_tokens="
            f"{usage.cache_write_tokens}{one_hour} > input_tokens="
            f"{usage.input_tokens}; input_tokens must count cached tokens too"
        )
    if usage.reasoning_tokens > usage.output_tokens:
        raise InvalidUsageError(
            f"reasoning_tokens={usage.reasoning_tokens} exceed output_tokens="
            f"{usage.output_tokens}; output_tokens must count reasoning too"
        )


def _repr(value: Usage | UsageTotal, always: tuple[str, ...]) -> str:
    """The usual attrs repr, but the rarely used counts only when not zero."""
    parts = [
        f"{field.name}={getattr(value, field.name)!r}"
        for field in attrs.fields(type(value))
        if field.name in always or getattr(value, field.name)
    ]
    return f"{type(value).__name__}({', '.join(parts)})"


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
    Usage(input_tokens=120000, output_tokens=4000, cache_read_tokens=100000, cache_write_tokens=0)
    """  # noqa: E501

    input_tokens: int = attrs.field(default=0, converter=_count)
    """All prompt tokens, cached and cache-written ones included."""
    output_tokens: int = attrs.field(default=0, converter=_count)
    """All generated tokens, reasoning included."""
    cache_read_tokens: int = attrs.field(default=0, converter=_count)
    """Prompt tokens served from the provider's cache (part of input)."""
    cache_write_tokens: int = attrs.field(default=0, converter=_count)
    """Prompt tokens written to the provider's cache (part of input), at the
    default time-to-live (five minutes at Anthropic)."""
    cache_write_1h_tokens: int = attrs.field(default=0, converter=_count)
    """Prompt tokens written to the cache for one hour (part of input)."""
    reasoning_tokens: int = attrs.field(default=0, converter=_count)
    """Reasoning tokens (part of output)."""

    def __attrs_post_init__(self) -> None:
        _check_cached(self)

    def __repr__(self) -> str:
        return _repr(self, _USAGE_ALWAYS)

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

    def __add__(self, other: object) -> UsageTotal:
        if not isinstance(other, Usage | UsageTotal):
            return NotImplemented
        return _one(self) + other

    def __radd__(self, other: object) -> UsageTotal:
        # sum() starts from the int 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return _one(self)
        return NotImplemented


@attrs.frozen
class UsageTotal:
    """
    The tokens of several requests, added up: for reporting, not for pricing.

    Adding two `Usage` objects, or ``sum()`` over them, gives a `UsageTotal`
    that also counts the requests it covers. It is a different type from
    `Usage` on purpose: a long-context tier applies to each request's own
    prompt, so a total over many requests cannot be priced as if it were one
    request. `cost()` refuses a `UsageTotal`; `cost_many()` prices each
    request separately and reports the total.

    >>> total = sum([Usage(120_000, 4_000, 100_000), Usage(30_000, 1_000)])
    >>> total
    UsageTotal(input_tokens=150000, output_tokens=5000, cache_read_tokens=100000, cache_write_tokens=0, requests=2)
    >>> total + Usage(10_000, 500)
    UsageTotal(input_tokens=160000, output_tokens=5500, cache_read_tokens=100000, cache_write_tokens=0, requests=3)

    ``sum()`` of an empty list is the int ``0``, and type checkers take
    ``sum()`` of usages for a `Usage`; ``UsageTotal.of(usages)`` always gives
    a `UsageTotal`, typed as one.
    """  # noqa: E501

    input_tokens: int = attrs.field(default=0, converter=_count)
    """All prompt tokens of all the requests, cached ones included."""
    output_tokens: int = attrs.field(default=0, converter=_count)
    """All generated tokens of all the requests, reasoning included."""
    cache_read_tokens: int = attrs.field(default=0, converter=_count)
    """Prompt tokens served from the cache (part of input)."""
    cache_write_tokens: int = attrs.field(default=0, converter=_count)
    """Prompt tokens written to the cache (part of input)."""
    requests: int = attrs.field(default=0, converter=_count)
    """How many requests the total covers."""
    cache_write_1h_tokens: int = attrs.field(default=0, converter=_count)
    """Prompt tokens written to the cache for one hour (part of input)."""
    reasoning_tokens: int = attrs.field(default=0, converter=_count)
    """Reasoning tokens (part of output)."""

    def __attrs_post_init__(self) -> None:
        _check_cached(self)

    def __repr__(self) -> str:
        return _repr(self, (*_USAGE_ALWAYS, "requests"))

    @classmethod
    def of(cls, usages: Iterable[Usage]) -> UsageTotal:
        """
        The total of *usages*, one per request.

        The same as ``sum(usages, UsageTotal())``, typed precisely.

        >>> UsageTotal.of([Usage(10, 2), Usage(5, 1)]).requests
        2
        """
        if isinstance(usages, Usage | UsageTotal):
            raise WrongTypeError(
                f"usages must be an iterable of tokencost.Usage, "
                f"not a single {type(usages).__name__}"
            )
        total = cls()
        for index, usage in enumerate(usages):
            if not isinstance(usage, Usage):
                raise WrongTypeError(
                    f"usages[{index}] must be a tokencost.Usage, "
                    f"not {type(usage).__name__}"
                )
            total += usage
        return total

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

    def __add__(self, other: object) -> UsageTotal:
        if isinstance(other, Usage):
            other = _one(other)
        if not isinstance(other, UsageTotal):
            return NotImplemented
        return UsageTotal(
            self.input_tokens + other.input_tokens,
            self.output_tokens + other.output_tokens,
            self.cache_read_tokens + other.cache_read_tokens,
            self.cache_write_tokens + other.cache_write_tokens,
            self.requests + other.requests,
            self.cache_write_1h_tokens + other.cache_write_1h_tokens,
            self.reasoning_tokens + other.reasoning_tokens,
        )

    def __radd__(self, other: object) -> UsageTotal:
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented


def _one(usage: Usage) -> UsageTotal:
    return UsageTotal(
        usage.input_tokens,
        usage.output_tokens,
        usage.cache_read_tokens,
        usage.cache_write_tokens,
        requests=1,
        cache_write_1h_tokens=usage.cache_write_1h_tokens,
        reasoning_tokens=usage.reasoning_tokens,
    )
