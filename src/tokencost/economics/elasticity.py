"""
The economics of a price change: elasticity, forecasts and break-even.

Changes are fractions throughout: ``0.83`` (or ``"83%"``) is a rise of 83 per
cent, ``-0.12`` (or ``"-12%"``) a cut of 12 per cent. Precision is described
in `tokencost._decimal`: rational results are correctly rounded to 28
significant digits, results with logarithms or powers are worked at 50 digits
and rounded to 28.

Sources:

- Arc (midpoint) elasticity: R. G. D. Allen, "The Concept of Arc Elasticity
  of Demand", Review of Economic Studies 1(3), 1934.
- Break-even sales change: T. T. Nagle and R. K. Holden, "The Strategy and
  Tactics of Pricing", chapter on financial analysis.
- Profit-maximising mark-up: A. P. Lerner, "The Concept of Monopoly and the
  Measurement of Monopoly Power", Review of Economic Studies 1(3), 1934.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal, TypeAlias

import attrs

from tokencost._decimal import (
    EXACT,
    divide,
    exact_arithmetic,
    finish,
    fmt_change,
    fmt_ratio,
    work,
)
from tokencost._errors import (
    CurrencyMismatchError,
    EconomicsError,
    InvalidInputError,
    InvalidQuantityError,
)
from tokencost._money import Money, format_amount
from tokencost._parsing import Number, parse_amount, parse_change, to_decimal

__all__ = [
    "KINDS",
    "METHODS",
    "MODELS",
    "BreakEven",
    "DemandShift",
    "Elasticity",
    "ElasticityFit",
    "Forecast",
    "Kind",
    "Method",
    "Model",
    "break_even_volume_change",
    "demand_shift",
    "elasticity",
    "fit_elasticity",
    "forecast",
    "revenue_multiplier",
]

Method: TypeAlias = Literal["simple", "midpoint", "log"]
#: The elasticity formulas, in the order the CLI lists them.
METHODS: tuple[Method, ...] = ("simple", "midpoint", "log")

Kind: TypeAlias = Literal[
    "elastic", "unit", "inelastic", "perfectly inelastic", "demand shift"
]
KINDS: tuple[Kind, ...] = (
    "elastic",
    "unit",
    "inelastic",
    "perfectly inelastic",
    "demand shift",
)

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
    change = parse_change(value, what=what)
    if change <= -1:
        raise InvalidQuantityError(
            f"{what} {value!r} would take the price to zero or below: "
            "expected a change above -100%, such as '-12%' or '83%'"
        )
    return change


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
        p0, p1: The prices before and after: numbers or `Money` in one
            currency, above zero.
        q0, q1: The volumes before and after, zero or above.
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


# -- fitting ----------------------------------------------------------------


@attrs.frozen
class ElasticityFit:
    """
    A constant elasticity fitted by least squares on logs: ln Q = a + e ln P.

    >>> fit = fit_elasticity([1, 2, 4], [8, 4, 2])
    >>> fit.elasticity, fit.r_squared
    (Decimal('-1'), Decimal('1'))
    """

    elasticity: Decimal
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
        return _kind(self.elasticity)

    def __str__(self) -> str:
        return (
            f"fitted elasticity {fmt_ratio(self.elasticity)} "
            f"± {fmt_ratio(self.standard_error)} ({self.kind}), "
            f"n={self.observations}"
        )

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row."""
        r2 = "n/a" if self.r_squared is None else fmt_ratio(self.r_squared)
        return _rows(
            [
                ("elasticity", fmt_ratio(self.elasticity)),
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
            "elasticity": str(self.elasticity),
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
        elasticity=finish(slope),
        standard_error=_round_tiny(standard_error),
        r_squared=r_squared,
        intercept=_round_tiny(intercept),
        observations=n,
    )


def _round_tiny(value: Decimal) -> Decimal:
    """Treat noise below 1e-40 from the 50-digit working precision as zero."""
    return Decimal(0) if abs(value) < Decimal("1e-40") else finish(value)


# -- forecasts --------------------------------------------------------------


def _power(base: Decimal, exponent: Decimal) -> Decimal:
    """``base ** exponent`` for base > 0, at working precision."""
    return work().power(base, exponent)


@attrs.frozen
class Forecast:
    """
    Volume and revenue after a price change, under an assumed demand curve.

    >>> f = forecast(price_change="21%", elasticity=-0.5)
    >>> f.volume_multiplier, f.revenue_multiplier
    (Decimal('0.9090909090909090909090909091'), Decimal('1.1'))
    """

    price_change: Decimal
    """The price change, as a fraction."""
    elasticity: Decimal
    """The elasticity assumed."""
    model: Model
    """``"constant"`` (Q1/Q0 = (1+dp)^e) or ``"linear"`` (Q1/Q0 = 1 + e dp)."""
    volume_multiplier: Decimal
    """Q1 / Q0."""
    revenue_multiplier: Decimal
    """R1 / R0 = (1 + dp) * Q1 / Q0."""
    base_volume: Decimal | None = None
    """The volume before the change, when given."""
    base_price: Decimal | None = None
    """The price before the change, when given."""
    currency: str | None = None
    """The currency of `base_price`, when it was given as `Money`."""

    @property
    @exact_arithmetic
    def volume_change(self) -> Decimal:
        """The volume change, as a fraction."""
        return finish(self.volume_multiplier - 1)

    @property
    @exact_arithmetic
    def revenue_change(self) -> Decimal:
        """The revenue change, as a fraction."""
        return finish(self.revenue_multiplier - 1)

    @property
    @exact_arithmetic
    def volume(self) -> Decimal | None:
        """The volume after the change, when a base volume was given."""
        if self.base_volume is None:
            return None
        return finish(EXACT.multiply(self.base_volume, self.volume_multiplier))

    @property
    @exact_arithmetic
    def price(self) -> Decimal | None:
        """The price after the change, when a base price was given."""
        if self.base_price is None:
            return None
        return finish(EXACT.multiply(self.base_price, 1 + self.price_change))

    @property
    @exact_arithmetic
    def base_revenue(self) -> Decimal | None:
        """Revenue before the change, when volume and price were given."""
        if self.base_volume is None or self.base_price is None:
            return None
        return finish(EXACT.multiply(self.base_volume, self.base_price))

    @property
    @exact_arithmetic
    def revenue(self) -> Decimal | None:
        """Revenue after the change, when volume and price were given."""
        base = self.base_revenue
        if base is None:
            return None
        return finish(EXACT.multiply(base, self.revenue_multiplier))

    def __str__(self) -> str:
        return (
            f"price {fmt_change(self.price_change)} at elasticity "
            f"{fmt_ratio(self.elasticity)} ({self.model}): volume "
            f"{fmt_change(self.volume_change)}, revenue "
            f"{fmt_change(self.revenue_change)}"
        )

    def _amount(self, value: Decimal | None) -> str | None:
        if value is None:
            return None
        text = format_amount(value)
        return text if self.currency is None else f"{text} {self.currency}"

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row; absolute figures only when bases were given."""
        pairs = [
            ("model", self.model),
            ("price change", fmt_change(self.price_change)),
            ("elasticity", fmt_ratio(self.elasticity)),
            ("volume multiplier", fmt_ratio(self.volume_multiplier)),
            ("volume change", fmt_change(self.volume_change)),
            ("revenue multiplier", fmt_ratio(self.revenue_multiplier)),
            ("revenue change", fmt_change(self.revenue_change)),
        ]
        volume = self.volume
        if self.base_volume is not None and volume is not None:
            pairs.append(("volume before", fmt_ratio(self.base_volume, 2)))
            pairs.append(("volume after", fmt_ratio(volume, 2)))
        extra = [
            ("price before", self._amount(self.base_price)),
            ("price after", self._amount(self.price)),
            ("revenue before", self._amount(self.base_revenue)),
            ("revenue after", self._amount(self.revenue)),
        ]
        pairs.extend((name, text) for name, text in extra if text is not None)
        return _rows(pairs)

    def to_dict(self) -> dict[str, Any]:
        """The full-precision figures, Decimals as strings; absent ones None."""

        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "model": self.model,
            "price_change": str(self.price_change),
            "elasticity": str(self.elasticity),
            "volume_multiplier": str(self.volume_multiplier),
            "volume_change": str(self.volume_change),
            "revenue_multiplier": str(self.revenue_multiplier),
            "revenue_change": str(self.revenue_change),
            "base_volume": text(self.base_volume),
            "volume": text(self.volume),
            "base_price": text(self.base_price),
            "price": text(self.price),
            "base_revenue": text(self.base_revenue),
            "revenue": text(self.revenue),
            "currency": self.currency,
        }


@exact_arithmetic
def forecast(
    *,
    price_change: Number,
    elasticity: Number | Elasticity,
    model: Model = "constant",
    base_volume: Number | None = None,
    base_price: PriceLike | None = None,
) -> Forecast:
    """
    What a price change does to volume and revenue, given an elasticity.

    Args:
        price_change: The change, as a fraction or a percentage string,
            above -100%.
        elasticity: The elasticity to assume (a number or an `Elasticity`).
        model: ``"constant"``: constant-elasticity demand, Q1/Q0 = (1+dp)^e.
            ``"linear"``: a straight demand line with elasticity e at the
            starting point, Q1/Q0 = 1 + e dp; volume stops at zero past the
            price where the line meets the axis.
        base_volume: The volume before the change, for absolute figures.
        base_price: The price before the change (a number or `Money`).

    Raises:
        InvalidQuantityError: for a price change of -100% or below, or a
            negative base.
        EconomicsError: for an unknown model.
    """
    if model not in MODELS:
        raise EconomicsError(
            f"unknown demand model {model!r}: expected one of {', '.join(MODELS)}"
        )
    dp = _price_change(price_change)
    e = _elasticity_value(elasticity)
    growth = EXACT.add(_ONE, dp)
    if model == "constant":
        volume = _power(growth, e)
    else:
        volume = max(EXACT.add(_ONE, EXACT.multiply(e, dp)), Decimal(0))
    # Both multipliers come from the unrounded volume, so each is rounded once.
    revenue = finish(EXACT.multiply(growth, volume))
    volume = finish(volume)
    volume_base = (
        None if base_volume is None else parse_amount(base_volume, what="base volume")
    )
    price_base: Decimal | None = None
    currency: str | None = None
    if isinstance(base_price, Money):
        price_base, currency = (
            parse_amount(base_price.amount, what="base price"),
            base_price.currency,
        )
    elif base_price is not None:
        price_base = parse_amount(base_price, what="base price")
    return Forecast(
        price_change=finish(dp),
        elasticity=finish(e),
        model=model,
        volume_multiplier=volume,
        revenue_multiplier=revenue,
        base_volume=volume_base,
        base_price=price_base,
        currency=currency,
    )


@exact_arithmetic
def revenue_multiplier(price_change: Number, volume_change: Number) -> Decimal:
    """
    Revenue after over revenue before: (1 + dp)(1 + dq), exact.

    >>> revenue_multiplier("83%", "400%")
    Decimal('9.15')
    >>> revenue_multiplier("25%", "-20%")
    Decimal('1')
    """
    dp = _price_change(price_change)
    dq = _volume_change(volume_change)
    return finish(EXACT.multiply(EXACT.add(_ONE, dp), EXACT.add(_ONE, dq)))


@attrs.frozen
class DemandShift:
    """
    How far demand must have moved to produce an observed volume change.

    Under a constant elasticity e, the price change alone moves volume by
    (1 + dp)^e (a move along the curve); whatever the observed volume has
    beyond that is the curve itself moving outwards (or inwards).

    >>> s = demand_shift("25%", "0%", -1)
    >>> s.along_curve, s.shift
    (Decimal('0.8'), Decimal('0.25'))
    """

    price_change: Decimal
    """The observed price change, as a fraction."""
    volume_change: Decimal
    """The observed volume change, as a fraction."""
    elasticity: Decimal
    """The true elasticity assumed."""
    along_curve: Decimal
    """Q1/Q0 that the price change alone would give: (1 + dp)^e."""
    multiplier: Decimal
    """How many times demand grew: (1 + dq) / (1 + dp)^e."""

    @property
    @exact_arithmetic
    def shift(self) -> Decimal:
        """The growth of demand at a fixed price, as a fraction."""
        return finish(self.multiplier - 1)

    @exact_arithmetic
    def __str__(self) -> str:
        return (
            f"at elasticity {fmt_ratio(self.elasticity)}, price "
            f"{fmt_change(self.price_change)} alone moves volume "
            f"{fmt_change(finish(self.along_curve - 1))}; observing "
            f"{fmt_change(self.volume_change)} means demand grew "
            f"{fmt_change(self.shift)}"
        )

    @exact_arithmetic
    def table(self) -> tuple[list[str], list[list[str]]]:
        """One measure per row."""
        return _rows(
            [
                ("price change", fmt_change(self.price_change)),
                ("volume change observed", fmt_change(self.volume_change)),
                ("elasticity assumed", fmt_ratio(self.elasticity)),
                (
                    "volume change from price alone",
                    fmt_change(finish(self.along_curve - 1)),
                ),
                ("demand multiplier", fmt_ratio(self.multiplier)),
                ("demand shift", fmt_change(self.shift)),
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        """The full-precision figures, Decimals as strings."""
        return {
            "price_change": str(self.price_change),
            "volume_change": str(self.volume_change),
            "elasticity": str(self.elasticity),
            "along_curve": str(self.along_curve),
            "multiplier": str(self.multiplier),
            "shift": str(self.shift),
        }


@exact_arithmetic
def demand_shift(
    price_change: Number, volume_change: Number, elasticity: Number | Elasticity
) -> DemandShift:
    """
    How much demand must have grown for the observed volume change to appear
    under an assumed true (constant) elasticity.

    The multiplier is (1 + dq) / (1 + dp)^e: the observed volume over the
    volume the old demand curve would have given at the new price.

    Raises:
        InvalidQuantityError: for a price change of -100% or below, or a
            volume change below -100%.
    """
    dp = _price_change(price_change)
    dq = _volume_change(volume_change)
    e = _elasticity_value(elasticity)
    ctx = work()
    along = ctx.power(EXACT.add(_ONE, dp), e)
    return DemandShift(
        price_change=finish(dp),
        volume_change=finish(dq),
        elasticity=finish(e),
        along_curve=finish(along),
        multiplier=finish(ctx.divide(EXACT.add(_ONE, dq), along)),
    )


# -- break-even -------------------------------------------------------------


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
    log_value = ctx.divide(
        ctx.subtract(ctx.ln(m), ctx.ln(headroom)), ctx.ln(EXACT.add(_ONE, dp))
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
