"""
Token usage: `Usage`, the tokens of one request, and `UsageTotal`, the sum
of the tokens of several.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from tokencost._errors import WrongTypeError
from tokencost._frozen import UsageSlots, builder
from tokencost._parsing import MAX_TOKENS, Count
from tokencost.usage.counts import (
    MODALITIES,
    OtherCounts,
    TokenCounts,
    check_parts,
    read_count,
    text_input,
)

__all__ = [
    "MODALITIES",
    "USAGE_FIELDS",
    "OtherCounts",
    "TokenCounts",
    "Usage",
    "UsageBuilder",
    "UsageTotal",
]

_read = read_count


# One named converter per count, so that type checkers see the constructor's
# parameters, and errors name the count. Each takes a plain count at once,
# without a further call: a Usage is built on every request a gateway prices.
def _input(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "input_tokens")


def _output(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "output_tokens")


def _cache_read(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "cache_read_tokens")


def _cache_write(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "cache_write_tokens")


def _cache_write_1h(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "cache_write_1h_tokens")


def _reasoning(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "reasoning_tokens")


def _input_audio(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "input_audio_tokens")


def _input_image(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "input_image_tokens")


def _input_video(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "input_video_tokens")


def _output_audio(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "output_audio_tokens")


def _output_image(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "output_image_tokens")


def _cache_read_audio(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "cache_read_audio_tokens")


def _requests(value: Count) -> int:
    if type(value) is int and 0 <= value <= MAX_TOKENS:
        return value
    return _read(value, "requests")


#: The counts every repr shows; the others appear only when not zero.
_USAGE_ALWAYS = (
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
)


def _repr(value: Usage | UsageTotal, always: tuple[str, ...]) -> str:
    """The usual attrs repr, but the rarely used counts only when not zero."""
    parts = [
        f"{field.name}={getattr(value, field.name)!r}"
        for field in attrs.fields(type(value))
        if field.name in always or getattr(value, field.name)
    ]
    return f"{type(value).__name__}({', '.join(parts)})"


@attrs.frozen(init=False, weakref_slot=False)
class Usage(UsageSlots):
    """
    The tokens of one request.

    ``input_tokens`` counts every prompt token, cached ones included (as
    OpenAI reports them); the cache reads and writes and the prompt tokens
    of other modalities (audio, image, video) are parts of it, and what is
    left, `uncached_input_tokens`, is billed at the plain input price.
    ``cache_read_audio_tokens`` is the audio part of the cache reads, priced
    at its own rate.
    ``output_tokens`` counts every generated token: ``reasoning_tokens``,
    ``output_audio_tokens`` and ``output_image_tokens`` are parts of it.
    A part has its own price where the model has one; a count of a
    modality the model has no price for cannot be priced (it is never
    priced as text).

    Counts accept any integral number (numpy integers too) and text that
    `parse_tokens` reads: ``Usage("120k", "4k")``.

    >>> Usage(input_tokens=120_000, output_tokens=4_000, cache_read_tokens=100_000)
    Usage(input_tokens=120000, output_tokens=4000, cache_read_tokens=100000, cache_write_tokens=0)
    >>> Usage(1_200, 800, cache_write_1h_tokens=1_000, reasoning_tokens=300)
    Usage(input_tokens=1200, output_tokens=800, cache_read_tokens=0, cache_write_tokens=0, cache_write_1h_tokens=1000, reasoning_tokens=300)
    """  # noqa: E501

    input_tokens: int = 0
    """All prompt tokens, cached, cache-written and non-text ones included."""
    output_tokens: int = 0
    """All generated tokens, reasoning and non-text ones included."""
    cache_read_tokens: int = 0
    """Prompt tokens served from the provider's cache (part of input)."""
    cache_write_tokens: int = 0
    """Prompt tokens written to the provider's cache (part of input), at the
    default time-to-live (five minutes at Anthropic)."""
    cache_write_1h_tokens: int = 0
    """Prompt tokens written to the cache for one hour (part of input)."""
    reasoning_tokens: int = 0
    """Reasoning tokens (part of output)."""
    input_audio_tokens: int = 0
    """Uncached audio prompt tokens (part of input)."""
    input_image_tokens: int = 0
    """Uncached image prompt tokens (part of input)."""
    input_video_tokens: int = 0
    """Uncached video prompt tokens (part of input)."""
    output_audio_tokens: int = 0
    """Generated audio tokens (part of output)."""
    output_image_tokens: int = 0
    """Generated image tokens (part of output)."""
    cache_read_audio_tokens: int = 0
    """Audio prompt tokens read from the cache: part of
    ``cache_read_tokens``, as reasoning is part of output, and priced at
    the cached-audio price (never at the cached-text one)."""

    # The counts may be given in order, as the attrs constructor took them.
    def __new__(  # noqa: PLR0917
        cls,
        input_tokens: Count = 0,
        output_tokens: Count = 0,
        cache_read_tokens: Count = 0,
        cache_write_tokens: Count = 0,
        cache_write_1h_tokens: Count = 0,
        reasoning_tokens: Count = 0,
        input_audio_tokens: Count = 0,
        input_image_tokens: Count = 0,
        input_video_tokens: Count = 0,
        output_audio_tokens: Count = 0,
        output_image_tokens: Count = 0,
        cache_read_audio_tokens: Count = 0,
    ) -> Usage:
        # A gateway builds one Usage per request it prices, so this is
        # written for the usual case: four plain counts, the rest left out.
        if not (
            type(input_tokens) is int
            and type(output_tokens) is int
            and type(cache_read_tokens) is int
            and type(cache_write_tokens) is int
            # All four are in range when their bits together are: the
            # bitwise or of non-negative numbers is at least the largest.
            and 0
            <= input_tokens | output_tokens | cache_read_tokens | cache_write_tokens
            <= MAX_TOKENS
        ):
            input_tokens = _read(input_tokens, "input_tokens")
            output_tokens = _read(output_tokens, "output_tokens")
            cache_read_tokens = _read(cache_read_tokens, "cache_read_tokens")
            cache_write_tokens = _read(cache_write_tokens, "cache_write_tokens")
        usage = UsageBuilder()
        usage.input_tokens = input_tokens
        usage.output_tokens = output_tokens
        usage.cache_read_tokens = cache_read_tokens
        usage.cache_write_tokens = cache_write_tokens
        if (
            cache_write_1h_tokens is _ZERO
            and reasoning_tokens is _ZERO
            and input_audio_tokens is _ZERO
            and input_image_tokens is _ZERO
            and input_video_tokens is _ZERO
            and output_audio_tokens is _ZERO
            and output_image_tokens is _ZERO
            and cache_read_audio_tokens is _ZERO
        ):
            usage.cache_write_1h_tokens = usage.reasoning_tokens = 0
            usage.input_audio_tokens = usage.input_image_tokens = 0
            usage.input_video_tokens = usage.output_audio_tokens = 0
            usage.output_image_tokens = usage.cache_read_audio_tokens = 0
            if cache_read_tokens + cache_write_tokens <= input_tokens:
                if cls is Usage:
                    usage.__class__ = Usage
                    return usage  # type: ignore[no-any-return]
                return _as(cls, usage)
        else:
            usage.cache_write_1h_tokens = _read(
                cache_write_1h_tokens, "cache_write_1h_tokens"
            )
            usage.reasoning_tokens = _read(reasoning_tokens, "reasoning_tokens")
            usage.input_audio_tokens = _read(input_audio_tokens, "input_audio_tokens")
            usage.input_image_tokens = _read(input_image_tokens, "input_image_tokens")
            usage.input_video_tokens = _read(input_video_tokens, "input_video_tokens")
            usage.output_audio_tokens = _read(
                output_audio_tokens, "output_audio_tokens"
            )
            usage.output_image_tokens = _read(
                output_image_tokens, "output_image_tokens"
            )
            usage.cache_read_audio_tokens = _read(
                cache_read_audio_tokens, "cache_read_audio_tokens"
            )
        check_parts(usage)
        return _as(cls, usage)

    def __repr__(self) -> str:
        return _repr(self, _USAGE_ALWAYS)

    @property
    def uncached_input_tokens(self) -> int:
        """Text prompt tokens billed at the plain input price: input less
        cache reads and writes and other modalities."""
        return text_input(self)

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

    input_tokens: int = attrs.field(default=0, converter=_input)
    """All prompt tokens of all the requests, cached ones included."""
    output_tokens: int = attrs.field(default=0, converter=_output)
    """All generated tokens of all the requests, reasoning included."""
    cache_read_tokens: int = attrs.field(default=0, converter=_cache_read)
    """Prompt tokens served from the cache (part of input)."""
    cache_write_tokens: int = attrs.field(default=0, converter=_cache_write)
    """Prompt tokens written to the cache (part of input)."""
    requests: int = attrs.field(default=0, converter=_requests)
    """How many requests the total covers."""
    cache_write_1h_tokens: int = attrs.field(default=0, converter=_cache_write_1h)
    """Prompt tokens written to the cache for one hour (part of input)."""
    reasoning_tokens: int = attrs.field(default=0, converter=_reasoning)
    """Reasoning tokens (part of output)."""
    input_audio_tokens: int = attrs.field(default=0, converter=_input_audio)
    """Uncached audio prompt tokens (part of input)."""
    input_image_tokens: int = attrs.field(default=0, converter=_input_image)
    """Uncached image prompt tokens (part of input)."""
    input_video_tokens: int = attrs.field(default=0, converter=_input_video)
    """Uncached video prompt tokens (part of input)."""
    output_audio_tokens: int = attrs.field(default=0, converter=_output_audio)
    """Generated audio tokens (part of output)."""
    output_image_tokens: int = attrs.field(default=0, converter=_output_image)
    """Generated image tokens (part of output)."""
    cache_read_audio_tokens: int = attrs.field(default=0, converter=_cache_read_audio)
    """Audio prompt tokens read from the cache (part of cache reads)."""

    def __attrs_post_init__(self) -> None:
        check_parts(self)

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
        """Text prompt tokens billed at the plain input price."""
        return text_input(self)

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
            **{
                name: getattr(self, name) + getattr(other, name)
                for name in _TOTAL_FIELDS
            }
        )

    def __radd__(self, other: object) -> UsageTotal:
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented


#: The names of the counts of a `Usage`, in order.
USAGE_FIELDS = tuple(f.name for f in attrs.fields(Usage))
#: The plain twin of `Usage` its constructor builds in (see
#: `tokencost._frozen`), and `cost()` too, from keyword counts.
UsageBuilder = builder(Usage)
# CPython has one int zero: ``count is _ZERO`` is the cheapest test that a
# count was left out. A zero that is another object (numpy's) just takes
# the general path.
_ZERO = 0


def _as(cls: type[Usage], usage: Any) -> Usage:
    """*usage*, built in the builder class, as an instance of *cls*."""
    if cls is Usage:
        usage.__class__ = Usage
        return usage  # type: ignore[no-any-return]
    # A subclass may have another layout: build it field by field.
    made = object.__new__(cls)
    for name in USAGE_FIELDS:
        object.__setattr__(made, name, getattr(usage, name))
    return made


_TOTAL_FIELDS = tuple(f.name for f in attrs.fields(UsageTotal))


def _one(usage: Usage) -> UsageTotal:
    return UsageTotal(
        requests=1, **{name: getattr(usage, name) for name in USAGE_FIELDS}
    )
