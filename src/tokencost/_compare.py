"""
The same usage priced on several models, ranked: `compare` and `Comparison`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from tokencost._catalog import Catalog
from tokencost._cost import Cost, cost
from tokencost._errors import CurrencyMismatchError, InvalidInputError
from tokencost._money import format_amount
from tokencost._prices import ModelPrice
from tokencost._usage import Usage

__all__ = ["Comparison", "ComparisonRow", "compare"]


@attrs.frozen
class ComparisonRow:
    """One model's cost, set against the baseline."""

    rank: int
    """1 for the cheapest."""
    cost: Cost
    """The full cost, with its lines and price period."""
    ratio: Decimal
    """This cost divided by the baseline's (1 for the baseline itself)."""
    difference: Decimal
    """This cost minus the baseline's, in the comparison's currency."""

    @property
    def model(self) -> str:
        """The model's full id."""
        return self.cost.model


@attrs.frozen
class Comparison:
    """Costs of one usage on several models, cheapest first."""

    rows: tuple[ComparisonRow, ...]
    """Ranked rows, cheapest first."""
    baseline: str
    """The model every ratio is taken against."""
    currency: str
    """The currency of every amount."""

    @property
    def cheapest(self) -> ComparisonRow:
        """The first row."""
        return self.rows[0]

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row per model: rank, cost, ratio and difference to the baseline."""
        headers = [
            "#",
            "model",
            f"cost ({self.currency})",
            f"x {self.baseline}",
            "difference",
            "prices since",
        ]
        rows = []
        for row in self.rows:
            start = row.cost.period.start
            rows.append(
                [
                    str(row.rank),
                    row.model,
                    format_amount(row.cost.total.amount),
                    f"{row.ratio:.2f}",
                    format_amount(row.difference),
                    start.isoformat() if start else "-",
                ]
            )
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """Every figure, exact; Decimals as strings in JSON."""
        return {
            "baseline": self.baseline,
            "currency": self.currency,
            "rows": [
                {
                    "rank": row.rank,
                    "model": row.model,
                    "total": row.cost.total.amount,
                    "ratio": row.ratio,
                    "difference": row.difference,
                    "cost": row.cost.to_dict(),
                }
                for row in self.rows
            ],
        }


def compare(
    models: Sequence[str | ModelPrice],
    usage: Usage | None = None,
    *,
    input_tokens: object = None,
    output_tokens: object = None,
    cache_read_tokens: object = None,
    cache_write_tokens: object = None,
    requests: object = 1,
    at: object = None,
    baseline: str | None = None,
    catalog: Catalog | None = None,
) -> Comparison:
    """
    Price the same usage on each of *models* and rank them, cheapest first.

    Ratios and differences are taken against *baseline* (a model among
    *models*) or, by default, the cheapest. All models must price in one
    currency.

    >>> c = compare(["glm-5.2", "claude-fable-5"], input_tokens="120k",
    ...             output_tokens="4k", at="2026-07-01")
    >>> [row.model for row in c.rows]
    ['zai:glm-5.2', 'anthropic:claude-fable-5']
    """
    if isinstance(models, str) or not models:
        raise InvalidInputError(
            f"compare needs a list of one or more models, got {models!r}"
        )
    costs = [
        cost(
            m,
            usage,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cache_read_tokens=cache_read_tokens,
            cache_write_tokens=cache_write_tokens,
            requests=requests,
            at=at,
            catalog=catalog,
        )
        for m in models
    ]
    currencies = sorted({c.currency for c in costs})
    if len(currencies) > 1:
        listed = ", ".join(f"{c.model} ({c.currency})" for c in costs)
        raise CurrencyMismatchError(
            f"cannot compare prices in {' and '.join(currencies)} without an "
            f"exchange rate: {listed}"
        )
    ranked = sorted(costs, key=lambda c: (c.total.amount, c.model))
    if baseline is None:
        base = ranked[0]
    else:
        from tokencost._catalog import resolve

        wanted = resolve(baseline, catalog).id
        matches = [c for c in ranked if c.model == wanted]
        if not matches:
            raise InvalidInputError(
                f"baseline {baseline!r} is not among the models compared: "
                + ", ".join(c.model for c in ranked)
            )
        base = matches[0]
    rows = tuple(
        ComparisonRow(
            rank=index,
            cost=c,
            ratio=_ratio(c.total.amount, base.total.amount),
            difference=c.total.amount - base.total.amount,
        )
        for index, c in enumerate(ranked, start=1)
    )
    return Comparison(rows=rows, baseline=base.model, currency=currencies[0])


def _ratio(amount: Decimal, base: Decimal) -> Decimal:
    if base == 0:
        return Decimal(1) if amount == 0 else Decimal("Infinity")
    return amount / base
