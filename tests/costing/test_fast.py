"""cost()'s fast path: the same exact figures as the lines it skips building."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost._decimal import EXACT, normalize
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
        lines = Decimal(0)
        for line in c.lines:
            lines = EXACT.add(lines, line.amount.amount)
        assert c.total.amount == lines
        # Written the same way too: normalized, never 0.50 nor 1.2E+3.
        assert str(c.total.amount) == str(normalize(lines))

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


class TestKeywordsAndPlans:
    """cost() with keyword counts and its remembered plans."""

    def test_keywords_equal_a_usage(self) -> None:
        """Every count as a keyword prices as the same Usage does."""
        counts = {
            "input_tokens": 1_000,
            "output_tokens": 500,
            "cache_read_tokens": 100,
            "cache_write_tokens": 50,
            "cache_write_1h_tokens": 25,
            "reasoning_tokens": 200,
        }
        by_keywords = tc.cost("claude-fable-5", at="2026-07-01", **counts)
        by_usage = tc.cost("claude-fable-5", tc.Usage(**counts), at="2026-07-01")
        assert by_keywords == by_usage
        # 825 x 10 + 100 x 1 + 50 x 12.50 + 25 x 20 + 500 x 50, per million.
        assert by_keywords.total.amount == Decimal("0.034475")

    def test_unknown_keyword_is_named(self) -> None:
        with pytest.raises(tc.WrongTypeError, match="'input'.*input_tokens"):
            tc.cost("glm-5.2", input=5, at="2026-07-01")  # type: ignore[call-arg]

    @pytest.mark.parametrize(
        "counts", [{"input_tokens": 5}, {"reasoning_tokens": 0}, {"output_tokens": 0}]
    )
    def test_usage_and_keywords_refused(self, counts: dict[str, int]) -> None:
        with pytest.raises(tc.InvalidUsageError, match="not both"):
            tc.cost("glm-5.2", tc.Usage(10), at="2026-07-01", **counts)  # type: ignore[arg-type]

    def test_a_new_default_catalog_is_used_at_once(self, acme: tc.Catalog) -> None:
        """A plan remembered under one default catalog is not used under
        another, nor after going back (the bundled price comes back)."""
        name = "acme-1"
        before = tc.cost("acme-1", input_tokens=1_000, at="2026-03-01", catalog=acme)
        bundled = tc.cost("glm-5.2", input_tokens=1_000, at="2026-07-01")
        tc.set_default_catalog(acme)
        try:
            assert tc.cost(name, input_tokens=1_000, at="2026-03-01") == before
            with pytest.raises(tc.UnknownModelError):
                tc.cost("glm-5.2", input_tokens=1_000, at="2026-07-01")
        finally:
            tc.set_default_catalog(None)
        assert tc.cost("glm-5.2", input_tokens=1_000, at="2026-07-01") == bundled
        with pytest.raises(tc.UnknownModelError):
            tc.cost(name, input_tokens=1_000, at="2026-03-01")

    def test_the_same_day_spelled_differently(self) -> None:
        """A date, its ISO text and midnight UTC name one day; each prices it."""
        from datetime import date, datetime

        costs = {
            tc.cost("claude-fable-5", input_tokens=10**6, at=at).total
            for at in ("2026-07-01", date(2026, 7, 1), datetime(2026, 7, 1))
        }
        assert costs == {tc.Money(Decimal(10), "USD")}

    def test_threads_get_the_serial_answers(self) -> None:
        """Many threads pricing at once, filling the plan cache as they go,
        give exactly the figures one thread does."""
        from concurrent.futures import ThreadPoolExecutor

        jobs = [
            (model, 1_000 * (i + 1), day)
            for i in range(40)
            for model in ("glm-5.2", "claude-fable-5", "gpt-5.4", "gemini-2.5-pro")
            for day in ("2026-07-01", "2026-11-01")
        ]

        def price(job: tuple[str, int, str]) -> tc.Money:
            model, tokens, day = job
            return tc.cost(
                model, input_tokens=tokens, output_tokens=tokens, at=day
            ).total

        with ThreadPoolExecutor(8) as pool:
            parallel = list(pool.map(price, jobs))
        _fast.NAMED_PLANS.clear()
        assert parallel == [price(job) for job in jobs]
