"""cost()'s fast path: the same exact figures as the lines it skips building."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost.costing import fast as _fast


@st.composite
def requests_on_acme(draw: st.DrawFn) -> tuple[str, tc.Usage, int, str, str | None]:
    """A model, usage, request count, day and variant on the test catalog."""
    model = draw(st.sampled_from(["acme-1", "acme-mini", "yuan-1"]))
    prompt = draw(st.sampled_from([0, 7, 99_999, 100_000, 123_457, 10**9]))
    read = write = 0
    if model == "acme-1":
        read = draw(st.integers(0, prompt))
        write = draw(st.integers(0, prompt - read))
    usage = tc.Usage(prompt, draw(st.integers(0, 10**7)), read, write)
    day = draw(st.sampled_from(["2026-03-01", "2026-07-01"]))
    variant = None
    if model == "acme-1" and day == "2026-07-01":
        variant = draw(st.sampled_from([None, "standard", "batch"]))
    return model, usage, draw(st.integers(0, 10**6)), day, variant


class TestFastPath:
    def test_enabled(self) -> None:
        """The fast path knows every field of Usage and Rates, so it is on."""
        assert _fast._FAST is True

    @settings(max_examples=300, deadline=None)
    @given(requests_on_acme())
    def test_total_is_sum_of_lines(
        self, acme: tc.Catalog, case: tuple[str, tc.Usage, int, str, str | None]
    ) -> None:
        """The total computed without lines equals the sum of the lines."""
        model, usage, count, day, variant = case
        c = tc.cost(model, usage, requests=count, at=day, variant=variant, catalog=acme)
        assert c.total.amount == sum(line.amount.amount for line in c.lines)

    def test_lines_on_first_read(self, acme: tc.Catalog) -> None:
        """Lines are built when first read and are the same object after."""
        c = tc.cost("acme-1", input_tokens=1_000, at="2026-03-01", catalog=acme)
        assert c.lines is c.lines
        assert [x.component for x in c.lines] == ["input", "output", "request"]
        assert c.total.amount == Decimal("0.003")

    def test_same_call_same_cost(self, acme: tc.Catalog) -> None:
        """Two calls with the same arguments give equal costs."""
        a = tc.cost("acme-1", input_tokens=5, at="2026-07-01", catalog=acme)
        b = tc.cost("acme-1", input_tokens=5, at="2026-07-01", catalog=acme)
        assert a == b
        assert hash(a) == hash(b)

    def test_missing_rate_still_raises(self, acme: tc.Catalog) -> None:
        """A component without a price raises NoPriceError, as before."""
        with pytest.raises(tc.NoPriceError, match="cache-read"):
            tc.cost("acme-mini", tc.Usage(10, 0, 5), at="2026-07-01", catalog=acme)

    def test_unhashable_at_is_refused(self) -> None:
        """An unhashable date is a WrongTypeError, not a crash in the cache."""
        with pytest.raises(tc.WrongTypeError):
            tc.cost("glm-5.2", input_tokens=5, at=["2026-07-01"])
