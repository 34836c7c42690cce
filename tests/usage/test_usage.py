"""Usage and UsageTotal: adding requests up without pricing the sum."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc


@st.composite
def usages(draw: st.DrawFn) -> tc.Usage:
    """Consistent usages: cache reads and writes fit inside the input."""
    input_tokens = draw(st.integers(min_value=0, max_value=10**7))
    read = draw(st.integers(min_value=0, max_value=input_tokens))
    write = draw(st.integers(min_value=0, max_value=input_tokens - read))
    output = draw(st.integers(min_value=0, max_value=10**6))
    return tc.Usage(input_tokens, output, read, write)


class TestSum:
    def test_two_usages_add_to_a_total(self) -> None:
        """Usage + Usage adds every count and counts two requests."""
        total = tc.Usage(120_000, 4_000, 100_000, 10_000) + tc.Usage(30_000, 1_000)
        assert total == tc.UsageTotal(150_000, 5_000, 100_000, 10_000, requests=2)
        assert total.uncached_input_tokens == 40_000
        assert total.total_tokens == 155_000

    def test_sum_of_a_list(self) -> None:
        """sum() starts from 0 and gives a UsageTotal, even for one usage."""
        one: object = sum([tc.Usage(10, 2)])
        two: object = sum([tc.Usage(10, 2), tc.Usage(5, 1, 5)])
        assert one == tc.UsageTotal(10, 2, requests=1)
        assert two == tc.UsageTotal(15, 3, 5, requests=2)

    def test_of_is_the_typed_sum(self) -> None:
        """UsageTotal.of() of an empty list is an empty total, not 0."""
        assert tc.UsageTotal.of([]) == tc.UsageTotal()
        assert tc.UsageTotal.of([tc.Usage(7, 3)]) == tc.UsageTotal(7, 3, requests=1)
        assert tc.UsageTotal.of(iter([tc.Usage(7, 3)] * 3)).requests == 3

    def test_totals_add(self) -> None:
        """A total plus a usage, or plus a total, keeps counting requests."""
        a = tc.Usage(10, 1) + tc.Usage(20, 2)
        assert (a + tc.Usage(5, 5)).requests == 3
        assert (tc.Usage(5, 5) + a).requests == 3
        assert (a + a) == tc.UsageTotal(60, 6, requests=4)

    @pytest.mark.parametrize("other", [1, 1.5, "10", None, True])
    def test_adding_anything_else_is_a_type_error(self, other: object) -> None:
        """Only usages and totals add up."""
        with pytest.raises(TypeError):
            tc.Usage(1, 1) + other
        with pytest.raises(TypeError):
            tc.UsageTotal(1, 1, requests=1) + other

    def test_total_checks_cached_tokens(self) -> None:
        """A total, like a usage, cannot have more cached than input tokens."""
        with pytest.raises(tc.InvalidUsageError, match="cache tokens exceed"):
            tc.UsageTotal(10, 0, cache_read_tokens=11, requests=1)

    def test_of_refuses_non_usages(self) -> None:
        """UsageTotal.of() takes usages, and names the first that is not one."""
        with pytest.raises(tc.WrongTypeError, match=r"usages\[1\] must be .* not dict"):
            tc.UsageTotal.of([tc.Usage(1, 1), {"input_tokens": 1}])  # type: ignore[list-item]
        with pytest.raises(tc.WrongTypeError, match="not a single Usage"):
            tc.UsageTotal.of(tc.Usage(1, 1))  # type: ignore[arg-type]

    @given(st.lists(usages(), max_size=20))
    def test_sum_adds_each_component(self, items: list[tc.Usage]) -> None:
        """Each count of the total is the sum of that count over the requests."""
        total = tc.UsageTotal.of(items)
        assert sum(items, tc.UsageTotal()) == total
        assert total.requests == len(items)
        assert total.input_tokens == sum(u.input_tokens for u in items)
        assert total.output_tokens == sum(u.output_tokens for u in items)
        assert total.cache_read_tokens == sum(u.cache_read_tokens for u in items)
        assert total.cache_write_tokens == sum(u.cache_write_tokens for u in items)


class TestTotalIsNotPriced:
    def test_cost_refuses_a_total(self) -> None:
        """cost() will not tier a total as if it were one request."""
        total = tc.Usage(150_000, 1_000) + tc.Usage(150_000, 1_000)
        with pytest.raises(
            tc.InvalidUsageError,
            match=r"cannot price a UsageTotal of 2 requests as one request.*cost_many",
        ):
            tc.cost("gpt-5.5", total, at="2026-07-01")  # type: ignore[arg-type]
