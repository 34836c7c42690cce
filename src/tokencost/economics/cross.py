"""
Cross-price elasticity between two bills: how one model's volume moved
against another model's price.

The same formulas as `elasticity` (simple, midpoint, log) on fixed-basket
price indexes (see `tokencost.economics.estimates`). Positive means the two
models are substitutes, negative complements. The reading is flagged when
the other model's own price and volume moved the same way (its demand
shifted, so the curve moved rather than the point on it), or when the first
model's own price changed too.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeAlias

import attrs

from tokencost._decimal import finish
from tokencost._errors import EconomicsError, InvalidInputError, NoUsageError
from tokencost._render import fmt_change, fmt_ratio
from tokencost._results import result
from tokencost.economics.cells import BillLike, Side, Unit, check_unit
from tokencost.economics.elasticity import METHODS, Method, _measure
from tokencost.economics.estimates import (
    as_decimal,
    model_id,
    price_indexes,
)

__all__ = ["CrossElasticity", "CrossKind", "cross_between", "cross_elasticity"]

CrossKind: TypeAlias = Literal["substitutes", "complements", "independent"]


_CROSS_MEANINGS: dict[CrossKind, str] = {
    "substitutes": "its volume rose with the other's price: the two are substitutes",
    "complements": "its volume fell as the other's price rose: the two are complements",
    "independent": "its volume did not move with the other's price",
}


@result
@attrs.frozen(repr=False)
class CrossElasticity:
    """How one model's volume moved against another model's price."""

    value: Decimal
    """Per cent change in `of`'s volume per per cent change in `against`'s price."""
    method: Method
    """``"simple"``, ``"midpoint"`` or ``"log"``."""
    of: str
    """The model whose volume is measured."""
    against: str
    """The model whose price moved."""
    price_change: Decimal
    """`against`'s price change, as a fraction."""
    volume_change: Decimal | None
    """`of`'s volume change, as a fraction; None when it had no volume before."""
    own_price_change: Decimal
    """`of`'s own price change over the same two bills."""
    other_volume_change: Decimal
    """`against`'s own volume change."""

    @property
    def kind(self) -> CrossKind:
        """``substitutes`` (positive), ``complements`` or ``independent``."""
        if self.value > 0:
            return "substitutes"
        return "complements" if self.value < 0 else "independent"

    @property
    def warnings(self) -> tuple[str, ...]:
        """What makes the reading doubtful: a demand shift, a confounded price."""
        notes = []
        if self.price_change * self.other_volume_change > 0:
            notes.append(
                f"{self.against}'s price and volume moved the same way "
                f"({fmt_change(self.price_change)}, "
                f"{fmt_change(self.other_volume_change)}): its demand shifted, so "
                "the curve moved rather than the point on it"
            )
        if self.own_price_change != 0:
            notes.append(
                f"{self.of}'s own price changed too "
                f"({fmt_change(self.own_price_change)}): its volume change is not "
                f"a response to {self.against}'s price alone"
            )
        return tuple(notes)

    def __repr__(self) -> str:
        return f"<CrossElasticity {self.method}={self.value}: {self.kind}>"

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row, then any warning."""
        volume = "n/a" if self.volume_change is None else fmt_change(self.volume_change)
        rows = [
            ["method", self.method],
            [f"price change of {self.against}", fmt_change(self.price_change)],
            [f"volume change of {self.of}", volume],
            ["cross elasticity", fmt_ratio(self.value)],
            ["kind", self.kind],
            ["meaning", _CROSS_MEANINGS[self.kind]],
            *(["warning", note] for note in self.warnings),
        ]
        return ["measure", "value"], rows

    def to_dict(self) -> dict[str, Any]:
        """The exact figures, Decimals as strings."""
        return {
            "method": self.method,
            "value": str(self.value),
            "kind": self.kind,
            "of": self.of,
            "against": self.against,
            "price_change": str(self.price_change),
            "volume_change": None
            if self.volume_change is None
            else str(self.volume_change),
            "own_price_change": str(self.own_price_change),
            "other_volume_change": str(self.other_volume_change),
            "warnings": list(self.warnings),
        }


def _side(bill: BillLike, unit: Unit) -> Side:
    side = Side(unit)
    for group in bill.groups:
        for part in group.parts:
            side.add_part((), part)
    return side


def cross_elasticity(
    before: BillLike,
    after: BillLike,
    *,
    of: str,
    against: str,
    method: Method = "midpoint",
    unit: Unit = "tokens",
) -> CrossElasticity:
    """
    The cross-price elasticity of *of*'s volume with respect to *against*'s
    price, between two bills.

    Prices are fixed-basket indexes (each model's usage over both bills at
    each bill's unit prices), volumes are counted in *unit*.

    Args:
        before, after: Two bills, such as two months.
        of: The model whose volume responds (full id or bare name).
        against: The model whose price changed; billed on both sides.
        method: ``"simple"``, ``"midpoint"`` (the default) or ``"log"``,
            as for `elasticity`.
        unit: ``tokens``, ``requests`` or ``blended``.

    Raises:
        NoUsageError: *against* is not billed on both sides, or a model has
            no usage at all.
        CurrencyMismatchError: a model is billed in one currency in one
            bill and another in the other.
        EconomicsError: *against*'s price did not change, or the formula
            divides by a zero volume.
    """
    unit = check_unit(unit)
    sides = _side(before, unit), _side(after, unit)
    return cross_between(sides, of=of, against=against, method=method)


def cross_between(
    sides: tuple[Side, Side],
    *,
    of: str,
    against: str,
    method: Method = "midpoint",
    labels: tuple[str, str] = ("the first bill", "the second bill"),
) -> CrossElasticity:
    """`cross_elasticity` between two sides already read."""
    if method not in METHODS:
        raise EconomicsError(
            f"unknown elasticity method {method!r}: expected one of "
            f"{', '.join(METHODS)}"
        )
    every = sides[0].models | sides[1].models
    of_id, against_id = model_id(of, every), model_id(against, every)
    if of_id == against_id:
        raise InvalidInputError(
            f"{of_id} against itself is an own-price elasticity: use tc.elasticity"
        )
    for side, label in zip(sides, labels, strict=True):
        if against_id not in side.models:
            raise NoUsageError(
                f"{against_id} has no usage in {label}: its price there is not known"
            )
    p0, p1 = price_indexes(against_id, sides)
    q0, q1 = (s.volumes.get(of_id, Fraction(0)) for s in sides)
    own = Fraction(0)
    if all(of_id in s.models for s in sides):
        o0, o1 = price_indexes(of_id, sides)
        own = o1 / o0 - 1
    value = _measure(
        method, [as_decimal(p0), as_decimal(p1)], [as_decimal(q0), as_decimal(q1)]
    )
    other0, other1 = (s.volumes[against_id] for s in sides)
    return CrossElasticity(
        value=value,
        method=method,
        of=of_id,
        against=against_id,
        price_change=finish(as_decimal(p1 / p0 - 1)),
        volume_change=None if q0 == 0 else finish(as_decimal(q1 / q0 - 1)),
        own_price_change=finish(as_decimal(own)),
        other_volume_change=finish(as_decimal(other1 / other0 - 1)),
    )
