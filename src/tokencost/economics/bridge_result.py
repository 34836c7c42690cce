"""
A bridge's result: a change split into price, volume, mix, new and dropped
effects, by group, with its table, JSON and waterfall steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from tokencost._money import format_amount
from tokencost._results import result
from tokencost.economics.cells import Unit
from tokencost.economics.decomposition import BridgeMethod, exact_decimal

__all__ = ["EFFECTS", "Bridge", "BridgeEffects", "BridgeGroup"]

#: The effects of a bridge, in the order they are shown.
EFFECTS: tuple[str, ...] = ("price", "volume", "mix", "new", "dropped")


@attrs.frozen
class BridgeEffects:
    """The parts of a change: they add up exactly to it."""

    price: Decimal
    volume: Decimal
    mix: Decimal
    new: Decimal
    dropped: Decimal

    def total(self) -> Decimal:
        """The sum of the effects: the change, exactly."""
        return exact_decimal(
            sum((Fraction(getattr(self, n)) for n in EFFECTS), Fraction(0))
        )

    def to_dict(self) -> dict[str, str]:
        """Each effect as an exact string."""
        return {name: str(getattr(self, name)) for name in EFFECTS}


@attrs.frozen
class BridgeGroup:
    """One group of a bridge: its cost before and after, and the effects."""

    key: tuple[str, ...]
    """The values of the bridge's ``by`` fields."""
    before: Decimal
    after: Decimal
    effects: BridgeEffects

    @property
    def change(self) -> Decimal:
        """after - before, exact."""
        return exact_decimal(Fraction(self.after) - Fraction(self.before))


@result
@attrs.frozen
class Bridge:
    """
    A change in cost split into price, volume, mix, new and dropped effects.

    Effects are exact fractions rounded to 28 significant digits of the
    largest figure (never coarser than the last digit of a bill amount).
    What rounding leaves over goes to the largest effect, so the effects of
    every group add up exactly to the group's change, and the effects of the
    groups add up exactly to the bridge's effects.
    """

    by: tuple[str, ...]
    """The fields the groups are keyed by."""
    method: BridgeMethod
    """``"shapley"``, ``"price-first"`` or ``"volume-first"``."""
    unit: Unit
    """What volume is measured in: ``tokens``, ``requests`` or ``blended``."""
    currency: str
    """The currency of every amount."""
    before: Decimal
    """The cost before."""
    after: Decimal
    """The cost after."""
    effects: BridgeEffects
    """The effects over all groups."""
    groups: tuple[BridgeGroup, ...]
    """One per group, sorted by key."""
    volume_before: Decimal
    """The volume of the models billed on both sides, before, in `unit`."""
    volume_after: Decimal
    """The same volume, after."""
    labels: tuple[str, str] = ("before", "after")
    """What the two sides are called (file names, or periods)."""

    @property
    def change(self) -> Decimal:
        """after - before, exact."""
        return exact_decimal(Fraction(self.after) - Fraction(self.before))

    def steps(self) -> list[tuple[str, Decimal]]:
        """Start, each effect, end: the bars of a waterfall chart."""
        return [
            (self.labels[0], self.before),
            *((name, getattr(self.effects, name)) for name in EFFECTS),
            (self.labels[1], self.after),
        ]

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """A row per group, then the total; amounts rounded for reading."""
        headers = [*self.by, self.labels[0], *EFFECTS, self.labels[1]]

        def row(
            key: Sequence[str], before: Decimal, effects: BridgeEffects, after: Decimal
        ) -> list[str]:
            cells = [format_amount(getattr(effects, name)) for name in EFFECTS]
            return [*key, format_amount(before), *cells, format_amount(after)]

        rows = [row(g.key, g.before, g.effects, g.after) for g in self.groups]
        total_key = ["total", *[""] * (len(self.by) - 1)]
        rows.append(row(total_key, self.before, self.effects, self.after))
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """The exact figures, amounts as strings."""
        return {
            "currency": self.currency,
            "method": self.method,
            "unit": self.unit,
            "labels": list(self.labels),
            "before": str(self.before),
            "after": str(self.after),
            "change": str(self.change),
            "effects": self.effects.to_dict(),
            "volume": {
                "unit": self.unit,
                "before": str(self.volume_before),
                "after": str(self.volume_after),
            },
            "by": list(self.by),
            "groups": [
                {
                    **dict(zip(self.by, g.key, strict=True)),
                    "before": str(g.before),
                    "after": str(g.after),
                    "change": str(g.change),
                    "effects": g.effects.to_dict(),
                }
                for g in self.groups
            ],
        }
