"""compare(): one usage on several models, ranked."""

from __future__ import annotations

from decimal import Decimal

import pytest

import tokencost as tc


class TestCompare:
    def test_glm_against_fable(self) -> None:
        """GLM-5.2 ranks first; Fable 5 costs 1.40 / 0.1856 times as much."""
        c = tc.compare(
            ["claude-fable-5", "glm-5.2"], input_tokens="120k", output_tokens="4k",
            at="2026-07-01",
        )  # fmt: skip
        assert [r.model for r in c.rows] == [
            "zai:glm-5.2",
            "anthropic:claude-fable-5",
        ]
        assert [r.cost.total.amount for r in c.rows] == [
            Decimal("0.1856"),
            Decimal("1.4"),
        ]
        assert c.rows[1].ratio == Decimal("1.4") / Decimal("0.1856")
        assert c.rows[1].difference == Decimal("1.2144")
        assert c.baseline == "zai:glm-5.2"
        assert c.currency == "USD"

    def test_baseline(self) -> None:
        """Ratios can be taken against a chosen model."""
        c = tc.compare(
            ["glm-5.2", "claude-fable-5"], input_tokens="120k", output_tokens="4k",
            at="2026-07-01", baseline="claude-fable-5",
        )  # fmt: skip
        assert c.rows[0].ratio == Decimal("0.1856") / Decimal("1.4")
        assert c.rows[0].difference == Decimal("-1.2144")

    def test_baseline_not_compared(self) -> None:
        """A baseline outside the list is an error naming the list."""
        with pytest.raises(tc.InvalidInputError, match="not among"):
            tc.compare(["glm-5.2"], input_tokens=1, baseline="gpt-5.5")

    def test_mixed_currencies(self, acme: tc.Catalog) -> None:
        """USD and CNY prices cannot be ranked without a rate."""
        with pytest.raises(tc.CurrencyMismatchError, match="CNY and USD"):
            tc.compare(
                ["acme-1", "yuan-1"], input_tokens=1, at="2026-07-01", catalog=acme
            )

    def test_needs_a_list(self) -> None:
        """A bare string is not a list of models."""
        with pytest.raises(tc.InvalidInputError, match="list of one or more"):
            tc.compare("glm-5.2", input_tokens=1)
