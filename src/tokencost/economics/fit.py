"""
Fitting one elasticity to a series of prices and volumes by least squares.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import finish, work
from tokencost._errors import (
    EconomicsError,
    InvalidInputError,
)
from tokencost._parsing import Number, parse_amount
from tokencost._render import fmt_ratio
from tokencost._results import result
from tokencost.economics.elasticity import (
    Kind,
    PriceLike,
    _kind,
    _prices,
    _rows,
)
from tokencost.economics.exact import exact_arithmetic

__all__ = ["ElasticityFit", "fit_elasticity"]

# -- fitting ----------------------------------------------------------------


@result
@attrs.frozen
class ElasticityFit:
    """
    A constant elasticity fitted by least squares on logs: ln Q = a + e ln P.

    >>> fit = fit_elasticity([1, 2, 4], [8, 4, 2])
    >>> fit.value, fit.r_squared
    (Decimal('-1'), Decimal('1'))
    """

    value: Decimal
    """The fitted slope e of ln Q on ln P."""
    standard_error: Decimal
    """The standard error of e (n - 2 degrees of freedom)."""
    r_squared: Decimal | None
    """Share of the variance of ln Q explained; None when volumes never vary."""
    intercept: Decimal
    """The fitted a, so that Q = exp(a) * P ** e."""
    observations: int
    """How many (price, volume) pairs were fitted."""

    @property
    def kind(self) -> Kind:
        """The reading of the fitted elasticity, as for `Elasticity.kind`."""
        return _kind(self.value)

    def __str__(self) -> str:
        return (
            f"fitted elasticity {fmt_ratio(self.value)} "
            f"± {fmt_ratio(self.standard_error)} ({self.kind}), "
            f"n={self.observations}"
        )

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row."""
        r2 = "n/a" if self.r_squared is None else fmt_ratio(self.r_squared)
        return _rows(
            [
                ("elasticity", fmt_ratio(self.value)),
                ("standard error", fmt_ratio(self.standard_error)),
                ("R-squared", r2),
                ("intercept (ln)", fmt_ratio(self.intercept)),
                ("observations", str(self.observations)),
                ("kind", self.kind),
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        """The full-precision figures, Decimals as strings."""
        return {
            "value": str(self.value),
            "standard_error": str(self.standard_error),
            "r_squared": None if self.r_squared is None else str(self.r_squared),
            "intercept": str(self.intercept),
            "observations": self.observations,
            "kind": self.kind,
        }


@exact_arithmetic
def fit_elasticity(
    prices: Iterable[PriceLike], volumes: Iterable[Number]
) -> ElasticityFit:
    """
    Estimate a constant elasticity from three or more observations.

    Fits ln Q = a + e ln P by ordinary least squares, in `Decimal` at 50
    digits. The standard error of e is sqrt(SSE / (n - 2) / Sxx).

    Raises:
        InvalidInputError: when the two sequences differ in length.
        InvalidQuantityError: for a price at or below zero or a negative volume.
        EconomicsError: for fewer than three points, all prices equal, or a
            zero volume (its logarithm is undefined).
    """
    price_list = list(prices)
    volume_list = list(volumes)
    if len(price_list) != len(volume_list):
        raise InvalidInputError(
            f"got {len(price_list)} prices but {len(volume_list)} volumes: "
            "expected one volume per price"
        )
    n = len(price_list)
    if n < 3:
        raise EconomicsError(
            f"fitting an elasticity needs at least 3 observations, got {n}"
        )
    amounts, _ = _prices((f"price {i}", p) for i, p in enumerate(price_list))
    quantities = [
        parse_amount(v, what=f"volume {i}") for i, v in enumerate(volume_list)
    ]
    for index, quantity in enumerate(quantities):
        if quantity == 0:
            raise EconomicsError(
                f"volume {index} is 0: the log fit takes ln of every volume, "
                "expected volumes > 0"
            )
    if len(set(amounts)) == 1:
        raise EconomicsError(
            f"every price is {amounts[0]}: an elasticity cannot be fitted "
            "without variation in price"
        )
    ctx = work()
    xs = [ctx.ln(p) for p in amounts]
    ys = [ctx.ln(q) for q in quantities]
    count = Decimal(n)
    x_mean = ctx.divide(sum(xs, Decimal(0)), count)
    y_mean = ctx.divide(sum(ys, Decimal(0)), count)
    sxx = sum((ctx.power(x - x_mean, 2) for x in xs), Decimal(0))
    sxy = sum(
        (ctx.multiply(x - x_mean, y - y_mean) for x, y in zip(xs, ys, strict=True)),
        Decimal(0),
    )
    syy = sum((ctx.power(y - y_mean, 2) for y in ys), Decimal(0))
    slope = ctx.divide(sxy, sxx)
    intercept = ctx.subtract(y_mean, ctx.multiply(slope, x_mean))
    sse = sum(
        (
            ctx.power(y - intercept - ctx.multiply(slope, x), 2)
            for x, y in zip(xs, ys, strict=True)
        ),
        Decimal(0),
    )
    # A perfect fit can leave a residual sum of order 1e-100 from rounding.
    sse = max(sse, Decimal(0))
    standard_error = ctx.sqrt(ctx.divide(ctx.divide(sse, count - 2), sxx))
    r_squared = None if syy == 0 else finish(1 - ctx.divide(sse, syy))
    return ElasticityFit(
        value=finish(slope),
        standard_error=_round_tiny(standard_error),
        r_squared=r_squared,
        intercept=_round_tiny(intercept),
        observations=n,
    )


def _round_tiny(value: Decimal) -> Decimal:
    """Treat noise below 1e-40 from the 50-digit working precision as zero."""
    return Decimal(0) if abs(value) < Decimal("1e-40") else finish(value)
