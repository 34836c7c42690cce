"""`Usage(...)` reads every count as `parse_tokens` does, in order, then checks
the parts against the wholes: the fast constructor against that reference."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from tests.engines.conftest import need
from tokencost._parsing import MAX_TOKENS, parse_tokens
from tokencost.usage.usage import USAGE_FIELDS

try:
    import numpy as np
except ImportError:  # the test extra brings it; CI fails without it (below)
    np = None

INPUT_PARTS = USAGE_FIELDS[2:5] + USAGE_FIELDS[6:9]
OUTPUT_PARTS = (USAGE_FIELDS[5], *USAGE_FIELDS[9:11])
# Cached audio is a part of the cache reads, not a further part of input.
assert USAGE_FIELDS[11:] == ("cache_read_audio_tokens",)


def reference(values: dict[str, Any]) -> dict[str, int] | tuple[type, str]:
    """What a Usage of *values* holds, or the error it raises, computed the
    plain way: each count read in field order, then the two sums."""
    try:
        counts = {
            name: parse_tokens(values.get(name, 0), what=name) for name in USAGE_FIELDS
        }
    except tc.TokencostError as exc:
        return type(exc), str(exc)
    if sum(counts[n] for n in INPUT_PARTS) > counts["input_tokens"]:
        return tc.InvalidUsageError, "exceed input tokens"
    if sum(counts[n] for n in OUTPUT_PARTS) > counts["output_tokens"]:
        return tc.InvalidUsageError, "exceed output_tokens"
    if counts["cache_read_audio_tokens"] > counts["cache_read_tokens"]:
        return tc.InvalidUsageError, "exceed cache_read_tokens"
    return counts


COUNT = st.one_of(
    st.integers(0, 50),
    st.integers(-3, 3),
    st.sampled_from([MAX_TOKENS, MAX_TOKENS + 1, 2**60, 2**59 + 2**58, -(2**70)]),
    st.booleans(),
    st.sampled_from(["12", "1k", "-1", "x", "", 1.0, 2.5, Decimal(7), Decimal("7.5")]),
    *([st.integers(0, 50).map(np.int64)] if np is not None else []),
    st.just(None),
)


@given(st.dictionaries(st.sampled_from(USAGE_FIELDS), COUNT, max_size=12))
def test_usage_matches_the_reference(values: dict[str, Any]) -> None:
    expected = reference(values)
    if isinstance(expected, tuple):
        kind, message = expected
        with pytest.raises(kind) as caught:
            tc.Usage(**values)
        assert message in str(caught.value)
        return
    usage = tc.Usage(**values)
    assert {name: getattr(usage, name) for name in USAGE_FIELDS} == expected
    for name in USAGE_FIELDS:
        assert type(getattr(usage, name)) is int, name
    assert usage == tc.Usage(*(expected[name] for name in USAGE_FIELDS))


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((-1, 0), tc.InvalidQuantityError, "input_tokens must be >= 0, got -1"),
        ((0, -1), tc.InvalidQuantityError, "output_tokens must be >= 0, got -1"),
        ((5, 0, True), tc.WrongTypeError, "cache_read_tokens must be a number"),
        ((5, 0, 0, 6), tc.InvalidUsageError, "cache_write_tokens=6 > input_tokens=5"),
        ((MAX_TOKENS + 1,), tc.InvalidQuantityError, "input_tokens"),
    ],
)
def test_errors_name_the_count(
    args: tuple[Any, ...], error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        tc.Usage(*args)


def test_counts_whose_bits_overlap_past_the_limit_are_accepted() -> None:
    """The quick range test ors the four counts together; counts each within
    the limit whose or exceeds it take the careful path and are accepted."""
    big = 2**59 + 2**58  # below 10**18, as is 2**59 + 2**57
    usage = tc.Usage(big, 2**59 + 2**57, 2**59 + 2**57)
    assert (usage.input_tokens, usage.cache_read_tokens) == (big, 2**59 + 2**57)


def test_numpy_counts_become_ints() -> None:
    np = need("numpy")
    usage = tc.Usage(
        np.int64(10), np.int32(2), np.int64(0), reasoning_tokens=np.int8(1)
    )
    assert usage == tc.Usage(10, 2, 0, reasoning_tokens=1)
    assert all(type(getattr(usage, n)) is int for n in USAGE_FIELDS)


def test_a_subclass_is_built_as_itself() -> None:
    class Tagged(tc.Usage):
        pass

    usage = Tagged(10, 2, reasoning_tokens=1)
    assert type(usage) is Tagged
    assert usage.reasoning_tokens == 1
    with pytest.raises(tc.InvalidUsageError):
        Tagged(1, 0, 2)
