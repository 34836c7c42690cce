"""cost()'s fast path: the same exact figures as the lines it skips building."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
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


# Counts as a caller may pass them: plain ints, omitted (None), and values
# that only the general path takes or refuses.
_ODD_COUNTS = [
    True,
    -1,
    10**18,
    10**18 + 1,
    1.5,
    12.0,
    "12k",
    Decimal(7),
    "seven",
]


@st.composite
def keyword_requests(
    draw: st.DrawFn,
) -> tuple[str, dict[str, object], int | None, str]:
    """A model of the test catalog, keyword counts (some left out, some
    odd), a request count and a day."""
    model = draw(st.sampled_from(["acme-1", "acme-mini", "yuan-1", "only-here"]))
    prompt = draw(st.sampled_from([0, 7, 99_999, 100_000, 123_457, 10**9]))
    read = draw(st.integers(0, prompt))
    write = draw(st.integers(0, prompt - read))
    counts: dict[str, object] = {
        "input_tokens": prompt,
        "output_tokens": draw(st.integers(0, 10**7)),
        "cache_read_tokens": read,
        "cache_write_tokens": write,
    }
    for name in list(counts):
        if draw(st.integers(0, 5)) == 0:
            del counts[name]
        elif draw(st.integers(0, 20)) == 0:
            counts[name] = draw(st.sampled_from(_ODD_COUNTS))
    if draw(st.integers(0, 4)) == 0:
        counts[draw(st.sampled_from(["reasoning_tokens", "cache_write_1h_tokens"]))] = (
            draw(st.integers(0, 3))
        )
    requests = draw(st.one_of(st.none(), st.integers(0, 10**6)))
    day = draw(st.sampled_from(["2026-03-01", "2026-07-01"]))
    return model, counts, requests, day


def _outcome(call: Any) -> tuple[str, object]:
    """What *call* gives: its result, or the class and text of its error."""
    try:
        return "ok", call()
    except tc.TokencostError as exc:
        return type(exc).__name__, str(exc)


class TestKeywordCountsAgree:
    """Keyword counts build their Usage inside cost(), without calling Usage:
    the result and the errors are those of the Usage the counts make."""

    @settings(max_examples=400, deadline=None)
    @given(keyword_requests())
    def test_keywords_price_as_their_usage(
        self,
        acme: tc.Catalog,
        case: tuple[str, dict[str, object], int | None, str],
    ) -> None:
        model, counts, requests, day = case
        by_keywords = _outcome(
            lambda: tc.cost(model, requests=requests, at=day, catalog=acme, **counts)  # type: ignore[arg-type]
        )
        by_usage = _outcome(
            lambda: tc.cost(
                model,
                tc.Usage(**counts),  # type: ignore[arg-type]
                requests=requests,
                at=day,
                catalog=acme,
            )
        )
        assert by_keywords == by_usage
        kind, result = by_keywords
        if kind == "ok":
            assert isinstance(result, tc.Cost)
            assert type(result.usage) is tc.Usage
            # The total is the sum of the lines, written normalized.
            lines = Decimal(0)
            for line in result.lines:
                lines = EXACT.add(lines, line.amount.amount)
            assert str(result.total.amount) == str(normalize(lines))

    @pytest.mark.parametrize("value", _ODD_COUNTS)
    @pytest.mark.parametrize(
        "name",
        ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens"],
    )
    def test_an_odd_count_is_read_as_usage_reads_it(
        self, name: str, value: object
    ) -> None:
        """A count the plain test leaves out is read, or refused with the
        same error, as Usage does."""
        counts: dict[str, object] = {"input_tokens": 20_000, name: value}
        by_keywords = _outcome(
            lambda: tc.cost("claude-fable-5", at="2026-07-01", **counts)  # type: ignore[arg-type]
        )
        by_usage = _outcome(
            lambda: tc.cost(
                "claude-fable-5",
                tc.Usage(**counts),  # type: ignore[arg-type]
                at="2026-07-01",
            )
        )
        assert by_keywords == by_usage

    def test_the_usage_built_is_a_whole_usage(self) -> None:
        """The Usage built from keywords equals Usage(...), field by field,
        and is frozen."""
        c = tc.cost(
            "claude-fable-5",
            input_tokens=100_000,
            output_tokens=2_000,
            cache_read_tokens=60_000,
            cache_write_tokens=10_000,
            at="2026-07-01",
        )
        made = tc.Usage(100_000, 2_000, 60_000, 10_000)
        assert type(c.usage) is tc.Usage
        assert c.usage == made
        assert hash(c.usage) == hash(made)
        for field in attrs.fields(tc.Usage):
            assert getattr(c.usage, field.name) == getattr(made, field.name)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            c.usage.input_tokens = 5  # type: ignore[misc]
        # 30k x 10 + 2k x 50 + 60k x 1 + 10k x 12.50, per million.
        assert c.total == tc.Money(Decimal("0.585"), "USD")


class TestPlainSum:
    """The sum cost() works for a request of the four usual counts."""

    @pytest.mark.parametrize(
        ("counts", "requests", "text"),
        [
            # 1M x $10: ten, written 10, never 1E+1.
            ({"input_tokens": 10**6}, None, "10"),
            # 1M x 10 + 1M x 50
            ({"input_tokens": 10**6, "output_tokens": 10**6}, None, "60"),
            # 2k x 50, 1,000 times
            ({"output_tokens": 2_000}, 1_000, "100"),
            ({}, None, "0"),
            ({"input_tokens": 3}, None, "0.00003"),
            # 1 x 10 + 1 x 12.50 (the cache write less the input it is in)
            ({"input_tokens": 2, "cache_write_tokens": 1}, None, "0.0000225"),
            # every token a cache read: 1M x 1
            ({"input_tokens": 10**6, "cache_read_tokens": 10**6}, None, "1"),
            ({"input_tokens": 10**6, "cache_read_tokens": 10**6}, 0, "0"),
        ],
    )
    def test_known_totals(
        self, counts: dict[str, int], requests: int | None, text: str
    ) -> None:
        """Exact totals, written as their normalized value."""
        c = tc.cost("claude-fable-5", requests=requests, at="2026-07-01", **counts)  # type: ignore[arg-type]
        assert str(c.total.amount) == text
        usage = tc.Usage(**counts)
        assert (
            str(
                tc.cost(
                    "claude-fable-5", usage, requests=requests, at="2026-07-01"
                ).total.amount
            )
            == text
        )

    @pytest.mark.parametrize(
        ("counts", "component"),
        [
            ({"input_tokens": 10, "cache_read_tokens": 5}, "cache-read"),
            ({"input_tokens": 10, "cache_write_tokens": 5}, "cache-write"),
        ],
    )
    def test_a_missing_cache_rate_is_named(
        self, acme: tc.Catalog, counts: dict[str, int], component: str
    ) -> None:
        """A model without cache prices refuses cache tokens, in both forms."""
        with pytest.raises(tc.NoPriceError, match=component):
            tc.cost("acme-mini", at="2026-07-01", catalog=acme, **counts)  # type: ignore[arg-type]
        with pytest.raises(tc.NoPriceError, match=component):
            tc.cost("acme-mini", tc.Usage(**counts), at="2026-07-01", catalog=acme)

    def test_a_missing_cache_rate_without_cache_tokens(self, acme: tc.Catalog) -> None:
        """Without cache tokens, a model without cache prices is priced."""
        c = tc.cost(
            "acme-mini",
            input_tokens=10**6,
            output_tokens=10**6,
            at="2026-07-01",
            catalog=acme,
        )
        # 1M x 0.10 + 1M x 0.40
        assert c.total.amount == Decimal("0.5")

    def test_a_rare_count_takes_the_lines(self) -> None:
        """A Usage with a one-hour cache write is priced with it (the plain
        sum knows only four counts)."""
        usage = tc.Usage(1_000, 0, cache_write_1h_tokens=1_000)
        c = tc.cost("claude-fable-5", usage, at="2026-07-01")
        # 1k x $20 per million.
        assert c.total.amount == Decimal("0.02")

    @pytest.mark.parametrize(
        ("prompt", "tier", "total"),
        [
            # below the first threshold: no tier, 99,999 x 3.66
            (99_999, None, Decimal("0.36599634")),
            # at it: 100,000 x 7.32
            (100_000, 100_000, Decimal("0.732")),
        ],
    )
    def test_tier_from_the_first_threshold(
        self, acme: tc.Catalog, prompt: int, tier: int | None, total: Decimal
    ) -> None:
        c = tc.cost("acme-1", input_tokens=prompt, at="2026-07-01", catalog=acme)
        assert (None if c.tier is None else c.tier.min_input_tokens) == tier
        assert c.total.amount == total


class TestNamedPlans:
    def test_kept_by_day_then_name(self) -> None:
        """A plan is kept under its day, then its name, or its name and
        variant; the second call finds it and prices the same."""
        _fast.NAMED_PLANS.clear()
        first = tc.cost("claude-fable-5", input_tokens=5, at="2026-07-01")
        batch = tc.cost(
            "claude-fable-5", input_tokens=5, at="2026-07-01", variant="batch"
        )
        kept = _fast.NAMED_PLANS["2026-07-01"]
        assert set(kept) == {"claude-fable-5", ("claude-fable-5", "batch")}
        assert tc.cost("claude-fable-5", input_tokens=5, at="2026-07-01") == first
        again = tc.cost(
            "claude-fable-5", input_tokens=5, at="2026-07-01", variant="batch"
        )
        assert again == batch
        # 5 x $10 per million, and half that in batch.
        assert (first.total.amount, batch.total.amount) == (
            Decimal("0.00005"),
            Decimal("0.000025"),
        )
