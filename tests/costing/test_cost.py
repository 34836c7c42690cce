"""cost(): exact amounts, lines that add up, tiers and dated periods."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc

counts = st.integers(min_value=0, max_value=10**9)


def usages(max_input: int = 10**9) -> st.SearchStrategy[tc.Usage]:
    """Consistent usages: cache reads and writes fit inside the input."""

    @st.composite
    def build(draw: st.DrawFn) -> tc.Usage:
        input_tokens = draw(st.integers(min_value=0, max_value=max_input))
        read = draw(st.integers(min_value=0, max_value=input_tokens))
        write = draw(st.integers(min_value=0, max_value=input_tokens - read))
        return tc.Usage(input_tokens, draw(counts), read, write)

    return build()


class TestKnownFigures:
    @pytest.mark.parametrize(
        ("model", "usage", "at", "total"),
        [
            # 120k x $1.40 + 4k x $4.40 = 0.168 + 0.0176
            ("glm-5.2", tc.Usage(120_000, 4_000), "2026-07-01", Decimal("0.1856")),
            # 120k x $10 + 4k x $50 = 1.2 + 0.2
            ("claude-fable-5", tc.Usage(120_000, 4_000), "2026-07-01", Decimal("1.4")),
            # 10k x 10 + 100k x 1 + 10k x 12.50 + 4k x 50, per million
            (
                "claude-fable-5",
                tc.Usage(120_000, 4_000, 100_000, 10_000),
                "2026-07-01",
                Decimal("0.525"),
            ),
            # at the threshold of 272,001 the whole request is billed 10 / 45
            ("gpt-5.5", tc.Usage(272_000, 1_000), "2026-07-01", Decimal("1.39")),
            ("gpt-5.5", tc.Usage(272_001, 1_000), "2026-07-01", Decimal("2.76501")),
            # the price before and after a dated change
            (
                "deepseek-chat",
                tc.Usage(1_000_000, 1_000_000),
                "2025-01-15",
                Decimal("0.42"),
            ),
            (
                "deepseek-chat",
                tc.Usage(1_000_000, 1_000_000),
                "2025-03-01",
                Decimal("1.37"),
            ),
        ],
    )
    def test_bundled(
        self, model: str, usage: tc.Usage, at: str, total: Decimal
    ) -> None:
        """Figures on the bundled catalog match hand computation."""
        assert tc.cost(model, usage, at=at).total == tc.Money(total, "USD")

    def test_lines_on_every_component(self, acme: tc.Catalog) -> None:
        """Each component gets a line: tokens, unit price and exact amount."""
        c = tc.cost(
            "acme-1",
            input_tokens="120k",
            cache_read_tokens="100k",
            cache_write_tokens="10k",
            output_tokens="4k",
            at="2026-03-01",
            catalog=acme,
        )
        assert [
            (x.component, x.quantity, x.unit_price, x.amount.amount) for x in c.lines
        ] == [
            ("input", 10_000, Decimal("2"), Decimal("0.02")),
            ("cache_read", 100_000, Decimal("0.20"), Decimal("0.02")),
            ("cache_write", 10_000, Decimal("2.50"), Decimal("0.025")),
            ("output", 4_000, Decimal("8"), Decimal("0.032")),
            ("request", 1, Decimal("0.001"), Decimal("0.001")),
        ]
        assert c.total == tc.Money("0.098", "USD")
        assert c.model == "acme:acme-1"
        assert c.period.start == datetime(2026, 1, 1, tzinfo=UTC)

    def test_requests_multiply(self, acme: tc.Catalog) -> None:
        """requests=1000 of a 0.098 request cost 98, per request 0.098."""
        usage = tc.Usage(120_000, 4_000, 100_000, 10_000)
        c = tc.cost("acme-1", usage, requests="1k", at="2026-03-01", catalog=acme)
        assert c.total.amount == Decimal("98")
        assert c.per_request.amount == Decimal("0.098")

    @pytest.mark.parametrize(
        ("input_tokens", "total", "tiered"),
        [
            (99_999, Decimal("0.38063634"), False),
            (100_000, Decimal("0.75396"), True),
        ],
    )
    def test_tier_applies_to_whole_request(
        self, acme: tc.Catalog, input_tokens: int, total: Decimal, tiered: bool
    ) -> None:
        """Reaching the threshold reprices every token of the request."""
        c = tc.cost(
            "acme-1", input_tokens=input_tokens, output_tokens=1_000,
            at="2026-07-01", catalog=acme,
        )  # fmt: skip
        assert c.total.amount == total
        assert (c.tier is not None) is tiered

    def test_batch_variant(self, acme: tc.Catalog) -> None:
        """A variant has its own rates: 200k x 1.83 + 10k x 7.32 per million."""
        c = tc.cost(
            "acme-1", input_tokens=200_000, output_tokens=10_000,
            at="2026-07-01", variant="batch", catalog=acme,
        )  # fmt: skip
        assert c.total.amount == Decimal("0.4392")
        assert c.variant == "batch"

    def test_unknown_variant(self, acme: tc.Catalog) -> None:
        """An unknown variant lists the known ones."""
        with pytest.raises(tc.NoPriceError, match="known: standard, batch"):
            tc.cost(
                "acme-1", input_tokens=1, at="2026-07-01", variant="flex", catalog=acme
            )


class TestErrors:
    def test_unknown_component_price(self, acme: tc.Catalog) -> None:
        """Using a component the sheet does not price is an error, never zero."""
        with pytest.raises(tc.NoPriceError, match="no known cache-read price"):
            tc.cost("acme-mini", input_tokens=10, cache_read_tokens=5, catalog=acme)

    def test_date_before_any_period(self, acme: tc.Catalog) -> None:
        """No price before the first period."""
        with pytest.raises(tc.NoPriceError, match="2025-12-31"):
            tc.cost("acme-1", input_tokens=1, at="2025-12-31", catalog=acme)

    def test_usage_and_keywords(self) -> None:
        """A Usage and token keywords together are refused."""
        with pytest.raises(tc.InvalidUsageError, match="not both"):
            tc.cost("glm-5.2", tc.Usage(1, 1), input_tokens=5)

    def test_unknown_model(self) -> None:
        """An unknown model suggests near names from the bundled catalog."""
        with pytest.raises(tc.UnknownModelError, match="did you mean 'glm-5.2'"):
            tc.cost("glm-5.2x", input_tokens=1)

    @pytest.mark.parametrize("bad", [-1, 1.5, True, float("nan"), float("inf")])
    def test_bad_token_counts(self, bad: object) -> None:
        """Negative, fractional, boolean and non-finite counts are refused."""
        with pytest.raises(tc.TokencostError):
            tc.cost("glm-5.2", input_tokens=bad)

    def test_cache_above_input(self) -> None:
        """Cache tokens above the input are refused."""
        with pytest.raises(tc.InvalidUsageError):
            tc.cost("claude-fable-5", input_tokens=10, cache_read_tokens=11)


class TestProperties:
    @given(usages(), st.integers(min_value=0, max_value=10**6))
    def test_linear_in_requests(self, usage: tc.Usage, n: int) -> None:
        """n requests cost exactly n times one request."""
        one = tc.cost("claude-fable-5", usage, at="2026-07-01")
        many = tc.cost("claude-fable-5", usage, requests=n, at="2026-07-01")
        assert many.total.amount == one.total.amount * n

    @given(usages())
    def test_total_is_sum_of_lines(self, usage: tc.Usage) -> None:
        """The total equals the sum of the lines, exactly."""
        c = tc.cost("claude-fable-5", usage, at="2026-07-01")
        assert c.total.amount == sum(line.amount.amount for line in c.lines)

    @given(usages(), usages())
    def test_additive_without_tiers(self, a: tc.Usage, b: tc.Usage) -> None:
        """Without tiers, the cost of two usages' sum is the sum of their costs."""
        both = tc.Usage(
            a.input_tokens + b.input_tokens,
            a.output_tokens + b.output_tokens,
            a.cache_read_tokens + b.cache_read_tokens,
            a.cache_write_tokens + b.cache_write_tokens,
        )
        cost = lambda u: tc.cost("claude-fable-5", u, at="2026-07-01").total  # noqa: E731
        assert cost(both) == cost(a) + cost(b)

    @given(
        usages(max_input=400_000),
        st.sampled_from(["input", "output", "cache_read", "cache_write"]),
        st.integers(min_value=1, max_value=10**6),
    )
    def test_monotonic(self, usage: tc.Usage, field: str, extra: int) -> None:
        """More tokens of any kind never cost less, across the gpt-5.5 tier too."""
        counts = {
            "input_tokens": usage.input_tokens,
            "output_tokens": usage.output_tokens,
            "cache_read_tokens": usage.cache_read_tokens,
            "cache_write_tokens": usage.cache_write_tokens,
        }
        counts[f"{field}_tokens"] += extra
        if field.startswith("cache"):
            counts["input_tokens"] += extra
        more = tc.Usage(**counts)
        before = tc.cost("gpt-5.5", usage, at="2026-07-01").total
        after = tc.cost("gpt-5.5", more, at="2026-07-01").total
        assert after >= before

    @given(st.integers(min_value=0, max_value=1_000_000))
    def test_tier_switches_exactly_at_threshold(self, n: int) -> None:
        """The tier applies if and only if the prompt reaches 272,001 tokens."""
        c = tc.cost("gpt-5.5", input_tokens=n, at="2026-07-01")
        assert (c.tier is not None) == (n >= 272_001)
        rate = Decimal(10) if n >= 272_001 else Decimal(5)
        assert c.total.amount == n * rate / 1_000_000


class TestRendering:
    def test_json_keeps_decimals_as_strings(self) -> None:
        """JSON has exact strings, never floats."""
        import json

        c = tc.cost("glm-5.2", input_tokens="120k", output_tokens="4k", at="2026-07-01")
        data = json.loads(tc.render(c, "json"))
        assert data["total"] == "0.1856"
        assert data["lines"][1]["unit_price"] == "4.40"
        assert data["period"]["source"].startswith("https://docs.z.ai/")
        assert data["period"]["kind"] == "first-party"

    def test_table_shows_total(self) -> None:
        """The table ends with the total in its currency."""
        c = tc.cost("glm-5.2", input_tokens="120k", output_tokens="4k", at="2026-07-01")
        assert str(c).splitlines()[-1].endswith("0.1856 USD")
