"""
Elasticity: how volume responded to a price change, by three formulas.

Changes are fractions throughout: ``0.83`` (or ``"83%"``) is a rise of 83 per
cent, ``-0.12`` (or ``"-12%"``) a cut of 12 per cent. Precision is described
in `tokencost._decimal`: rational results are correctly rounded to 28
significant digits, results with logarithms or powers are worked at 50 digits
and rounded to 28.

Source: arc (midpoint) elasticity, R. G. D. Allen, "The Concept of Arc
Elasticity of Demand", Review of Economic Studies 1(3), 1934.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal, TypeAlias

import attrs

from tokencost._decimal import EXACT, divide, finish, work
from tokencost._errors import (
    CurrencyMismatchError,
    EconomicsError,
    InvalidInputError,
    InvalidQuantityError,
)
from tokencost._money import Money
from tokencost._parsing import (
    Number,
    parse_amount,
    parse_change,
    parse_price_change,
    to_decimal,
)
from tokencost._render import fmt_change, fmt_ratio
from tokencost._results import result
from tokencost.economics.exact import exact_arithmetic

__all__ = ["METHODS", "MODELS", "Elasticity", "Kind", "Method", "Model", "elasticity"]


Method: TypeAlias = Literal["simple", "midpoint", "log"]
#: The elasticity formulas, in the order the CLI lists them.
METHODS: tuple[Method, ...] = ("simple", "midpoint", "log")

Kind: TypeAlias = Literal[
    "elastic", "unit", "inelastic", "perfectly inelastic", "demand shift"
]

Model: TypeAlias = Literal["constant", "linear"]
#: The demand curves `forecast` can assume.
MODELS: tuple[Model, ...] = ("constant", "linear")

_MEANINGS: dict[Kind, str] = {
    "elastic": "volume responds more than in proportion to price",
    "unit": "volume responds in exact proportion to price",
    "inelastic": "volume responds less than in proportion to price",
    "perfectly inelastic": "volume did not respond to price",
    "demand shift": (
        "price and volume moved the same way: demand itself shifted, "
        "so this is not a point on a demand curve"
    ),
}

_ONE = Decimal(1)
_TWO = Decimal(2)

PriceLike: TypeAlias = "Number | Money"


# -- reading inputs ---------------------------------------------------------


def _price_change(value: object, what: str = "price change") -> Decimal:
    return parse_price_change(value, what=what)


def _volume_change(value: object, what: str = "volume change") -> Decimal:
    change = parse_change(value, what=what)
    if change < -1:
        raise InvalidQuantityError(
            f"{what} {value!r} would make volume negative: "
            "expected a change of -100% or above, such as '-30%' or '400%'"
        )
    return change


def _elasticity_value(value: object) -> Decimal:
    if isinstance(value, Elasticity):
        return value.value
    return to_decimal(value, what="elasticity")


def _method(method: object) -> Method:
    for known in METHODS:
        if method == known:
            return known
    raise EconomicsError(
        f"unknown elasticity method {method!r}: expected one of {', '.join(METHODS)}"
    )


def _prices(labelled: Iterable[tuple[str, object]]) -> tuple[list[Decimal], str | None]:
    """Read positive prices; Money arguments must share one currency."""
    amounts: list[Decimal] = []
    currency: str | None = None
    for label, value in labelled:
        if isinstance(value, Money):
            if currency is not None and value.currency != currency:
                raise CurrencyMismatchError(
                    f"{label} is in {value.currency} but an earlier price is in "
                    f"{currency}: give every price in one currency"
                )
            currency = value.currency
        number = value.amount if isinstance(value, Money) else value
        amount = parse_amount(number, what=label)
        if amount == 0:
            raise InvalidQuantityError(
                f"{label} is {number!r}: expected a price > 0 (an elasticity "
                "divides by prices and takes their logarithm)"
            )
        amounts.append(amount)
    return amounts, currency


def _kind(value: Decimal) -> Kind:
    if value > 0:
        return "demand shift"
    if value == 0:
        return "perfectly inelastic"
    if value == -1:
        return "unit"
    return "elastic" if value < -1 else "inelastic"


def _rows(pairs: Iterable[tuple[str, str]]) -> tuple[list[str], list[list[str]]]:
    return ["measure", "value"], [[name, text] for name, text in pairs]


# -- elasticity -------------------------------------------------------------


@result
@attrs.frozen(repr=False)
class Elasticity:
    """
    A price elasticity of demand measured between two observations.

    A negative value is an elasticity of demand. A positive value is not: when
    price and volume rise (or fall) together, the demand curve itself moved,
    and no formula can read the curve's slope from the two points alone.

    >>> e = elasticity(price_change="10%", volume_change="-5%", method="midpoint")
    >>> e.value, e.kind
    (Decimal('-0.5384615384615384615384615385'), 'inelastic')
    >>> elasticity(price_change="83%", volume_change="400%")
    <Elasticity midpoint=2.273092369477911646586345382: demand shift; price and \
volume moved the same way: demand itself shifted, so this is not a point on a \
demand curve>
    """

    value: Decimal
    """The elasticity: per cent change in volume per per cent change in price."""
    method: Method
    """The formula: ``"simple"``, ``"midpoint"`` or ``"log"``."""
    price_change: Decimal
    """The price change measured, as a fraction (``0.83`` is +83%)."""
    volume_change: Decimal | None
    """The volume change, as a fraction; None when the first volume is zero."""

    @property
    def kind(self) -> Kind:
        """
        ``"elastic"`` (below -1), ``"unit"`` (-1), ``"inelastic"`` (-1 to 0),
        ``"perfectly inelastic"`` (0) or ``"demand shift"`` (positive).
        """
        return _kind(self.value)

    @property
    def meaning(self) -> str:
        """What the kind says, in a sentence."""
        return _MEANINGS[self.kind]

    def __repr__(self) -> str:
        return f"<Elasticity {self.method}={self.value}: {self.kind}; {self.meaning}>"

    def __str__(self) -> str:
        value = fmt_ratio(self.value)
        return f"{self.method} elasticity {value} ({self.kind}): {self.meaning}"

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row: the changes, the elasticity and its reading."""
        volume = "n/a" if self.volume_change is None else fmt_change(self.volume_change)
        return _rows(
            [
                ("method", self.method),
                ("price change", fmt_change(self.price_change)),
                ("volume change", volume),
                ("elasticity", fmt_ratio(self.value)),
                ("kind", self.kind),
                ("meaning", self.meaning),
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        """The full-precision figures, Decimals as strings."""
        return {
            "method": self.method,
            "value": str(self.value),
            "kind": self.kind,
            "meaning": self.meaning,
            "price_change": str(self.price_change),
            "volume_change": (
                None if self.volume_change is None else str(self.volume_change)
            ),
        }


@exact_arithmetic
def elasticity(
    *,
    price_change: Number | None = None,
    volume_change: Number | None = None,
    p0: PriceLike | None = None,
    p1: PriceLike | None = None,
    q0: Number | None = None,
    q1: Number | None = None,
    method: Method = "midpoint",
) -> Elasticity:
    """
    The price elasticity between two observations.

    Give either the two changes (``price_change``, ``volume_change``) or the
    two points (``p0``, ``q0``) and (``p1``, ``q1``).

    Args:
        price_change: The price change, as a fraction (0.83) or a percentage
            string ("83%"); it must be above -100%.
        volume_change: The volume change; -100% (volume gone) at the lowest.
        p0: The price before: a number or `Money`, above zero.
        q0: The volume before, zero or above.
        p1: The price after, in the currency of *p0*, above zero.
        q1: The volume after, zero or above.
        method: ``"simple"``, %ΔQ / %ΔP measured from the first point;
            ``"midpoint"`` (the default), the arc elasticity of Allen (1934),
            each change taken over the average of the two points, so the
            answer does not depend on the direction; or ``"log"``,
            ln(Q1/Q0) / ln(P1/P0), the exponent of a constant-elasticity curve
            through both points.

    Returns:
        A frozen `Elasticity`; its `kind` says whether a positive value is a
        demand shift rather than an elasticity.

    Raises:
        InvalidInputError: for neither or both ways of giving the points.
        InvalidQuantityError: for a price at or below zero, a price change of
            -100% or below, or a negative volume.
        EconomicsError: for an unknown method, an unchanged price, or a zero
            volume where the formula divides by it or takes its logarithm.
    """
    method = _method(method)
    changes = (price_change, volume_change)
    points = (p0, p1, q0, q1)
    given_changes = [v is not None for v in changes]
    given_points = [v is not None for v in points]
    if any(given_changes) and any(given_points):
        raise InvalidInputError(
            "give either price_change and volume_change, or p0, p1, q0 and q1, not both"
        )
    volume_change_seen: Decimal | None
    if all(given_changes):
        dp = _price_change(price_change)
        volume_change_seen = _volume_change(volume_change)
        prices = [_ONE, EXACT.add(_ONE, dp)]
        volumes = [_ONE, EXACT.add(_ONE, volume_change_seen)]
    elif all(given_points):
        prices, _ = _prices([("price p0", p0), ("price p1", p1)])
        volumes = [
            parse_amount(q0, what="volume q0"),
            parse_amount(q1, what="volume q1"),
        ]
        dp = EXACT.divide(prices[1], prices[0]) - 1
        volume_change_seen = None
        if volumes[0]:
            volume_change_seen = EXACT.divide(volumes[1], volumes[0]) - 1
    else:
        raise InvalidInputError(
            "elasticity needs price_change and volume_change, "
            "or all four of p0, p1, q0 and q1"
        )
    value = _measure(method, prices, volumes)
    dq = None if volume_change_seen is None else finish(volume_change_seen)
    return Elasticity(
        value=value, method=method, price_change=finish(dp), volume_change=dq
    )


def _measure(method: Method, prices: list[Decimal], volumes: list[Decimal]) -> Decimal:
    (p0, p1), (q0, q1) = prices, volumes
    if p0 == p1:
        raise EconomicsError(
            f"the price did not change ({p0} to {p1}): elasticity is undefined "
            "without a price change"
        )
    if method == "simple":
        if q0 == 0:
            raise EconomicsError(
                "the simple elasticity divides by the first volume, which is 0: "
                "use method='midpoint'"
            )
        numerator = EXACT.multiply(EXACT.subtract(q1, q0), p0)
        return divide(numerator, EXACT.multiply(q0, EXACT.subtract(p1, p0)))
    if method == "midpoint":
        if q0 == 0 and q1 == 0:
            raise EconomicsError("both volumes are 0: the midpoint elasticity is 0/0")
        numerator = EXACT.multiply(EXACT.subtract(q1, q0), EXACT.add(p1, p0))
        denominator = EXACT.multiply(EXACT.add(q1, q0), EXACT.subtract(p1, p0))
        return divide(numerator, denominator)
    if q0 == 0 or q1 == 0:
        raise EconomicsError(
            f"the log elasticity takes ln of the volume ratio, and a volume is 0 "
            f"(q0={q0}, q1={q1}): expected volumes > 0, or use method='midpoint'"
        )
    ctx = work()
    return finish(ctx.divide(ctx.ln(ctx.divide(q1, q0)), ctx.ln(ctx.divide(p1, p0))))
