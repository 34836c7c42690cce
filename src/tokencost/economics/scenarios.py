"""
A grid of scenarios: every price change against every elasticity.

Each cell is a `forecast`: the volume and revenue multipliers of one price
change under one assumed elasticity, so a strategist can read at a glance
where revenue rises and where it falls.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from tokencost._errors import InvalidInputError
from tokencost._money import Money
from tokencost._parsing import Number, parse_series
from tokencost._render import fmt_change, fmt_ratio
from tokencost._results import result
from tokencost.economics.elasticity import MODELS, Model
from tokencost.economics.forecast import Forecast, forecast

__all__ = ["ScenarioGrid", "scenario_grid"]

#: The most cells a grid may have: enough for any chart a person reads.
MAX_CELLS = 10_000


@result
@attrs.frozen
class ScenarioGrid:
    """
    Volume and revenue multipliers over price changes x elasticities.

    >>> g = scenario_grid(price_changes="0..20%/10%", elasticities=[-0.5, -1])
    >>> g.forecast_at("10%", -1).revenue_multiplier
    Decimal('1')
    >>> [str(r) for r in g.revenue_multipliers[1]]
    ['1.048808848170151546991453514', '1']
    """

    price_changes: tuple[Decimal, ...]
    """The price changes, as fractions: the rows."""
    elasticities: tuple[Decimal, ...]
    """The elasticities assumed: the columns."""
    model: Model
    """The demand curve: ``"constant"`` or ``"linear"`` (see `forecast`)."""
    forecasts: tuple[Forecast, ...]
    """One forecast per cell, row by row."""

    def forecast_at(self, price_change: Number, elasticity: Number) -> Forecast:
        """The cell of *price_change* and *elasticity*."""
        (dp,) = parse_series(price_change, what="price change", percent=True)
        (e,) = parse_series(elasticity, what="elasticity")
        for cell in self.forecasts:
            if cell.price_change == dp and cell.elasticity == e:
                return cell
        raise InvalidInputError(
            f"no scenario for price change {price_change!r} and elasticity "
            f"{elasticity!r} in this grid"
        )

    def _matrix(self, field: str) -> tuple[tuple[Decimal, ...], ...]:
        width = len(self.elasticities)
        values = [getattr(f, field) for f in self.forecasts]
        return tuple(
            tuple(values[row * width : (row + 1) * width])
            for row in range(len(self.price_changes))
        )

    @property
    def volume_multipliers(self) -> tuple[tuple[Decimal, ...], ...]:
        """Q1/Q0 per cell: one row per price change, one column per elasticity."""
        return self._matrix("volume_multiplier")

    @property
    def revenue_multipliers(self) -> tuple[tuple[Decimal, ...], ...]:
        """R1/R0 per cell: one row per price change, one column per elasticity."""
        return self._matrix("revenue_multiplier")

    @property
    def currency(self) -> str | None:
        """The currency of the base price, when one was given as `Money`."""
        return self.forecasts[0].currency

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row per price change: the volume, then the revenue multiplier
        under each elasticity."""
        labels = [fmt_ratio(e) for e in self.elasticities]
        headers = ["price change"]
        headers += [f"volume x (e={label})" for label in labels]
        headers += [f"revenue x (e={label})" for label in labels]
        rows = []
        for dp, volumes, revenues in zip(
            self.price_changes,
            self.volume_multipliers,
            self.revenue_multipliers,
            strict=True,
        ):
            rows.append(
                [
                    fmt_change(dp),
                    *(fmt_ratio(v) for v in volumes),
                    *(fmt_ratio(r) for r in revenues),
                ]
            )
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """Every cell at full precision, Decimals as strings."""
        return {
            "model": self.model,
            "price_changes": [str(dp) for dp in self.price_changes],
            "elasticities": [str(e) for e in self.elasticities],
            "scenarios": [f.to_dict() for f in self.forecasts],
        }


def scenario_grid(
    *,
    price_changes: str | Sequence[Number],
    elasticities: str | Sequence[Number],
    model: Model = "constant",
    base_volume: Number | None = None,
    base_price: Number | Money | None = None,
    unit: str | None = None,
) -> ScenarioGrid:
    """
    A `forecast` for every pair of *price_changes* and *elasticities*.

    Args:
        price_changes: Fractions or percentages, as a sequence or as text:
            ``"0..100%/10%"`` (from, to, step, both ends included),
            ``"-10%,0,10%"``, or both mixed.
        elasticities: The elasticities to assume, the same way:
            ``"-0.5,-1,-1.5"`` or ``[-0.5, -1, -1.5]``.
        model: The demand curve, as in `forecast`.
        base_volume: The volume before the change, for absolute figures.
        base_price: The price before the change (a number or `Money`).
        unit: What the volume counts, as in `forecast`.

    Raises:
        InvalidQuantityError: for an unreadable value or range, or a price
            change of -100% or below.
        InvalidInputError: for an empty list, or more than 10,000 cells.
    """
    if model not in MODELS:
        raise InvalidInputError(
            f"unknown demand model {model!r}: expected one of {', '.join(MODELS)}"
        )
    changes = parse_series(price_changes, what="price change", percent=True)
    slopes = parse_series(elasticities, what="elasticity")
    if len(changes) * len(slopes) > MAX_CELLS:
        raise InvalidInputError(
            f"{len(changes)} price changes x {len(slopes)} elasticities is "
            f"{len(changes) * len(slopes):,} scenarios: at most {MAX_CELLS:,}"
        )
    cells = tuple(
        forecast(
            price_change=dp,
            elasticity=e,
            model=model,
            base_volume=base_volume,
            base_price=base_price,
            unit=unit,
        )
        for dp in changes
        for e in slopes
    )
    return ScenarioGrid(
        price_changes=tuple(c.price_change for c in cells[:: len(slopes)]),
        elasticities=tuple(c.elasticity for c in cells[: len(slopes)]),
        model=model,
        forecasts=cells,
    )
