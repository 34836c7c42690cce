"""
Break-even: how much volume a price change can lose before revenue or profit falls.

Sources: break-even sales change, T. T. Nagle and R. K. Holden, "The Strategy
and Tactics of Pricing", chapter on financial analysis; profit-maximising
mark-up, A. P. Lerner, "The Concept of Monopoly and the Measurement of
Monopoly Power", Review of Economic Studies 1(3), 1934.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import EXACT, divide, finish, work
from tokencost._errors import (
    EconomicsError,
    InvalidQuantityError,
)
from tokencost._parsing import Number, parse_change
from tokencost._render import fmt_change, fmt_ratio
from tokencost._results import result
from tokencost.economics.elasticity import _ONE, _TWO, _price_change, _rows
from tokencost.economics.exact import exact_arithmetic

__all__ = ["BreakEven", "break_even_volume_change"]

# -- break-even -------------------------------------------------------------


@result
@attrs.frozen
class BreakEven:
    """
    The volume change at which a price change leaves revenue (or profit) flat.

    Without a margin, revenue is held: dq = -dp / (1 + dp). With a
    contribution margin m (the share of the old price left after variable
    cost), profit is held: dq = -dp / (m + dp) (Nagle and Holden).

    >>> b = break_even_volume_change("25%")
    >>> b.volume_change, b.midpoint, b.log
    (Decimal('-0.2'), Decimal('-1'), Decimal('-1'))
    """

    price_change: Decimal
    """The price change, as a fraction."""
    margin: Decimal | None
    """The contribution margin as a fraction of the old price; None for revenue."""
    volume_change: Decimal
    """The break-even volume change: a price rise can lose at most this much."""
    simple: Decimal
    """The simple elasticity at break-even: dq / dp = -1 / (m + dp)."""
    midpoint: Decimal
    """The midpoint elasticity at break-even: -(2 + dp) / (2m + dp)."""
    log: Decimal
    """The log elasticity at break-even: ln(m / (m + dp)) / ln(1 + dp)."""
    optimal_elasticity: Decimal | None
    """The elasticity at which the old price maximises profit, -1/m (Lerner)."""

    @property
    def target(self) -> str:
        """``"revenue"`` or ``"profit"``: what the break-even holds flat."""
        return "revenue" if self.margin is None else "profit"

    def __str__(self) -> str:
        return (
            f"price {fmt_change(self.price_change)} keeps {self.target} flat down "
            f"to a volume change of {fmt_change(self.volume_change)}"
        )

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row."""
        margin = "n/a" if self.margin is None else fmt_change(self.margin).lstrip("+")
        pairs = [
            ("price change", fmt_change(self.price_change)),
            ("held flat", self.target),
            ("contribution margin", margin),
            ("break-even volume change", fmt_change(self.volume_change)),
            ("break-even elasticity (simple)", fmt_ratio(self.simple)),
            ("break-even elasticity (midpoint)", fmt_ratio(self.midpoint)),
            ("break-even elasticity (log)", fmt_ratio(self.log)),
        ]
        if self.optimal_elasticity is not None:
            pairs.append(
                (
                    "profit-maximising elasticity (Lerner)",
                    fmt_ratio(self.optimal_elasticity),
                )
            )
        return _rows(pairs)

    def to_dict(self) -> dict[str, Any]:
        """The full-precision figures, Decimals as strings."""
        return {
            "price_change": str(self.price_change),
            "target": self.target,
            "margin": None if self.margin is None else str(self.margin),
            "volume_change": str(self.volume_change),
            "elasticity": {
                "simple": str(self.simple),
                "midpoint": str(self.midpoint),
                "log": str(self.log),
            },
            "optimal_elasticity": (
                None
                if self.optimal_elasticity is None
                else str(self.optimal_elasticity)
            ),
        }


@exact_arithmetic
def break_even_volume_change(
    price_change: Number, *, margin: Number | None = None
) -> BreakEven:
    """
    The volume change that leaves revenue, or profit at a margin, unchanged.

    Args:
        price_change: The change, as a fraction or a percentage string,
            non-zero and above -100%.
        margin: The contribution margin, (price - variable cost) / price,
            as a fraction in (0, 1] or a percentage ("40%"). Without it
            revenue is held flat, which is the same as a margin of 100%.

    Returns:
        A frozen `BreakEven`: the volume change, the break-even elasticity
        under each method, and, with a margin, the profit-maximising
        elasticity -1/m (Lerner 1934): if demand is less elastic than that
        at the current price, a rise adds profit.

    Raises:
        InvalidQuantityError: for a price change of -100% or below, or a
            margin outside (0, 100%].
        EconomicsError: for a zero price change, or a cut that takes the
            price below variable cost (m + dp <= 0).
    """
    dp = _price_change(price_change)
    if dp == 0:
        raise EconomicsError(
            f"price change {price_change!r} is zero: a break-even needs a price change"
        )
    m = _ONE
    if margin is not None:
        m = parse_change(margin, what="margin")
        if not 0 < m <= 1:
            raise InvalidQuantityError(
                f"margin {margin!r} is outside (0, 100%]: expected the contribution "
                "margin as a fraction of price, such as 0.4 or '40%'"
            )
    headroom = EXACT.add(m, dp)
    if headroom <= 0:
        raise EconomicsError(
            f"a price change of {fmt_change(dp)} at a margin of {fmt_change(m)} "
            "prices below variable cost: no volume breaks even"
        )
    ctx = work()
    # ln of the exact ratio, not a difference of two logarithms, which
    # would leave few digits when dp is tiny next to the margin.
    log_value = ctx.divide(
        ctx.ln(EXACT.divide(m, headroom)), ctx.ln(EXACT.add(_ONE, dp))
    )
    return BreakEven(
        price_change=finish(dp),
        margin=None if margin is None else finish(m),
        volume_change=divide(-dp, headroom),
        simple=divide(-_ONE, headroom),
        midpoint=divide(-EXACT.add(_TWO, dp), EXACT.add(EXACT.multiply(_TWO, m), dp)),
        log=finish(log_value),
        optimal_elasticity=None if margin is None else divide(-_ONE, m),
    )
