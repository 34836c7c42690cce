"""cost_many(): each request priced on its own, totals that add up exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from tests.conftest import FIXTURES

# Hypothesis refuses function-scoped fixtures, so the test catalog is loaded once.
ACME = tc.load_catalog(FIXTURES, bundled=False)


@st.composite
def usages(draw: st.DrawFn, max_input: int = 400_000) -> tc.Usage:
    """Consistent usages whose prompts straddle the test tiers."""
    input_tokens = draw(st.integers(min_value=0, max_value=max_input))
    read = draw(st.integers(min_value=0, max_value=input_tokens))
    write = draw(st.integers(min_value=0, max_value=input_tokens - read))
    output = draw(st.integers(min_value=0, max_value=100_000))
    return tc.Usage(input_tokens, output, read, write)


class TestKnownFigures:
    def test_tier_applies_per_request(self) -> None:
        """Only the request over the threshold is billed at the tier's prices."""
        # 272,000 x $5 + 1,000 x $30 = 1.36 + 0.03 = 1.39 (base)
        # 272,001 x $10 + 1,000 x $45 = 2.72001 + 0.045 = 2.76501 (tier)
        total = tc.cost_many(
            "gpt-5.5",
            [tc.Usage(272_000, 1_000), tc.Usage(272_001, 1_000)],
            at="2026-07-01",
        )
        assert total.total == tc.Money(Decimal("4.15501"), "USD")
        assert [c.total.amount for c in total.costs] == [
            Decimal("1.39"),
            Decimal("2.76501"),
        ]
        assert total.requests == 2
        assert total.tiered_requests == 1
        assert total.usage == tc.UsageTotal(544_001, 2_000, requests=2)

    def test_lines_group_by_component_and_price(self, acme: tc.Catalog) -> None:
        """A component billed at two prices gets two lines, in component order."""
        # acme-1 from 2026-06-01: 3.66 / 0.366 cache read / 14.64 output,
        # and from 100,000 prompt tokens 7.32 input / 21.96 output.
        total = tc.cost_many(
            "acme-1",
            [
                tc.Usage(
                    50_000, 1_000, 20_000
                ),  # 30k x 3.66 + 20k x 0.366 + 1k x 14.64
                tc.Usage(150_000, 2_000),  # 150k x 7.32 + 2k x 21.96
                tc.Usage(10_000, 500),  # 10k x 3.66 + 500 x 14.64
            ],
            at="2026-07-01",
            catalog=acme,
        )
        assert [
            (line.component, line.quantity, line.unit_price, line.amount.amount)
            for line in total.lines
        ] == [
            ("input", 40_000, Decimal("3.66"), Decimal("0.1464")),
            ("input", 150_000, Decimal("7.32"), Decimal("1.098")),
            ("cache_read", 20_000, Decimal("0.366"), Decimal("0.00732")),
            ("output", 1_500, Decimal("14.64"), Decimal("0.02196")),
            ("output", 2_000, Decimal("21.96"), Decimal("0.04392")),
        ]
        # 0.1464 + 1.098 + 0.00732 + 0.02196 + 0.04392
        assert total.total == tc.Money(Decimal("1.3176"), "USD")

    def test_per_request_price_counts_every_request(self, acme: tc.Catalog) -> None:
        """A per-request price is billed once for each usage."""
        total = tc.cost_many(
            "acme-1", [tc.Usage(0, 0)] * 3, at="2026-03-01", catalog=acme
        )
        request = next(line for line in total.lines if line.component == "request")
        assert request.quantity == 3
        assert total.total == tc.Money(Decimal("0.003"), "USD")

    def test_variant(self, acme: tc.Catalog) -> None:
        """A variant prices every request: 2 x (1M x 1.83 + 1M x 7.32)."""
        usage = tc.Usage(1_000_000, 1_000_000)
        total = tc.cost_many(
            "acme-1", [usage, usage], at="2026-07-01", variant="batch", catalog=acme
        )
        assert total.total == tc.Money(Decimal("18.30"), "USD")
        assert total.variant == "batch"

    def test_empty(self) -> None:
        """No requests cost nothing, in the model's currency."""
        total = tc.cost_many("glm-5.2", [], at="2026-07-01")
        assert total.total == tc.Money(Decimal(0), "USD")
        assert total.usage == tc.UsageTotal()
        assert total.lines == ()

    def test_table_and_json(self) -> None:
        """The table's total row says how many requests hit a tier."""
        total = tc.cost_many(
            "gpt-5.5",
            iter([tc.Usage(272_000, 1_000), tc.Usage(272_001, 1_000)]),
            at="2026-07-01",
        )
        _, rows = total.table()
        assert rows[-1] == [
            "total (openai:gpt-5.5, 2 requests, 1 in a long-context tier)",
            "",
            "",
            "4.15501 USD",
        ]
        data = total.to_dict()
        assert data["request_totals"] == ["1.39", "2.76501"]  # JSON-ready
        assert data["usage"]["requests"] == 2
        assert '"total": "4.15501"' in tc.render(total, "json")


class TestRefusals:
    def test_a_total_inside_the_list(self) -> None:
        """A UsageTotal among the usages is refused: it cannot be tiered."""
        total = tc.Usage(10, 1) + tc.Usage(10, 1)
        with pytest.raises(
            tc.InvalidUsageError, match=r"usages\[1\] is a UsageTotal of 2 requests"
        ):
            tc.cost_many("glm-5.2", [tc.Usage(1, 1), total])  # type: ignore[list-item]

    def test_a_reply_inside_the_list(self) -> None:
        """A raw reply is refused with a pointer to usage_from()."""
        with pytest.raises(
            tc.WrongTypeError, match=r"usages\[0\] .* not dict.*usage_from"
        ):
            tc.cost_many("glm-5.2", [{"usage": {}}])  # type: ignore[list-item]

    def test_a_single_usage(self) -> None:
        """One Usage where a list goes is refused, not iterated."""
        with pytest.raises(tc.WrongTypeError, match="not a single Usage"):
            tc.cost_many("glm-5.2", tc.Usage(1, 1))  # type: ignore[arg-type]

    def test_unknown_variant_even_when_empty(self, acme: tc.Catalog) -> None:
        """The variant is checked even when there is nothing to price."""
        with pytest.raises(tc.NoPriceError):
            tc.cost_many("acme-1", [], at="2026-07-01", variant="flex", catalog=acme)


class TestProperties:
    @given(st.lists(usages(), max_size=8))
    def test_total_is_the_sum_of_per_request_costs(self, items: list[tc.Usage]) -> None:
        """The total equals the sum of cost() of each request, exactly."""
        catalog = ACME
        total = tc.cost_many("acme-1", items, at="2026-07-01", catalog=catalog)
        expected = sum(
            (
                tc.cost("acme-1", u, at="2026-07-01", catalog=catalog).total
                for u in items
            ),
            tc.Money.zero("USD"),
        )
        assert total.total == expected
        assert sum(line.amount.amount for line in total.lines) == total.total.amount
        assert total.usage == tc.UsageTotal.of(items)
        assert sum(
            line.quantity for line in total.lines if line.component == "output"
        ) == (total.usage.output_tokens)

    @given(st.lists(usages(max_input=10**7), min_size=1, max_size=8))
    def test_flat_price_is_linear(self, items: list[tc.Usage]) -> None:
        """Without tiers or request fees, the total equals pricing the token sums."""
        total = tc.cost_many("claude-fable-5", items, at="2026-07-01")
        summed = total.usage
        as_one = tc.Usage(
            summed.input_tokens,
            summed.output_tokens,
            summed.cache_read_tokens,
            summed.cache_write_tokens,
        )
        assert total.total == tc.cost("claude-fable-5", as_one, at="2026-07-01").total
