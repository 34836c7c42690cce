"""Usage: the tokens of one request."""

from __future__ import annotations

import pytest

import tokencost as tc


class TestUsage:
    def test_counts_are_parsed(self) -> None:
        """Counts accept the same quantities as the CLI."""
        usage = tc.Usage("120k", "4k", cache_read_tokens="100k")
        assert usage.input_tokens == 120_000
        assert usage.uncached_input_tokens == 20_000
        assert usage.total_tokens == 124_000

    def test_cache_cannot_exceed_input(self) -> None:
        """Cached tokens are part of the input, so they cannot exceed it."""
        with pytest.raises(tc.InvalidUsageError, match="cache tokens exceed"):
            tc.Usage(input_tokens=10, cache_read_tokens=8, cache_write_tokens=3)

    @pytest.mark.parametrize(
        "bad",
        [
            {"input_tokens": -1},
            {"output_tokens": 1.5},
            {"cache_read_tokens": float("nan")},
            {"cache_write_tokens": float("inf")},
        ],
    )
    def test_bad_counts(self, bad: dict[str, object]) -> None:
        """Negative, fractional and non-finite counts name the field."""
        field = next(iter(bad))
        with pytest.raises(tc.InvalidQuantityError, match=field):
            tc.Usage(**bad)  # type: ignore[arg-type]

    def test_bool_count(self) -> None:
        """A bool is not a token count."""
        with pytest.raises(tc.WrongTypeError, match="bool"):
            tc.Usage(input_tokens=True)

    def test_frozen(self) -> None:
        """Usage is immutable and hashable."""
        usage = tc.Usage(1, 2)
        assert hash(usage) == hash(tc.Usage(1, 2))
        with pytest.raises(AttributeError):
            usage.input_tokens = 5  # type: ignore[misc]
