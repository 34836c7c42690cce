"""
Demand read from data: elasticities estimated from bills.

**Own-price elasticity over time.** A bill grouped by day or month gives,
for each model and period, a volume and the prices the model was billed at.
The price of a period is a fixed-basket index: the model's whole usage over
the bill (its mix of variants, tiers and kinds of token) priced at the unit
prices of that period, per unit of volume. It moves only when the model's
prices move, never with the mix. For each model whose index changed,
ln volume is fitted on ln price by least squares (`fit_elasticity`), with
the standard error of the slope, a confidence interval from Student's t
with n - 2 degrees of freedom (`t_quantile`), and the number of periods.

**Cross-price elasticity between two bills.** How one model's volume moved
against another model's price: the same formulas as `elasticity` (simple,
midpoint, log). Positive means the two are substitutes, negative
complements. The reading is flagged when the other model's own price and
volume moved the same way (its demand shifted, so the curve moved rather
than the point on it), or when the first model's own price changed too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Context, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from tokencost._bridge import NoUsageError
from tokencost._cells import Side, Unit, check_unit
from tokencost._economics import (
    METHODS,
    ElasticityFit,
    Method,
    _measure,
    fit_elasticity,
)
from tokencost._errors import EconomicsError, InvalidInputError
from tokencost._figures import finish, fmt_change, fmt_ratio
from tokencost._numbers import Number, parse_change
from tokencost._student_t import t_quantile

if TYPE_CHECKING:
    from tokencost._bill import Bill

__all__ = [
    "CrossElasticity",
    "DemandEstimate",
    "DemandEstimates",
    "cross_between",
    "cross_elasticity",
    "estimate_demand",
]

CrossKind: TypeAlias = Literal["substitutes", "complements", "independent"]

_WIDE = Context(prec=60)
_TIME = ("day", "month")


def _decimal(value: Fraction) -> Decimal:
    return _WIDE.divide(Decimal(value.numerator), Decimal(value.denominator))


def _model_id(name: str, known: Iterable[str]) -> str:
    """The full id among *known* that *name* names: itself or its bare part."""
    known = sorted(known)
    if name in known:
        return name
    matches = [m for m in known if m.partition(":")[2] == name]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InvalidInputError(
            f"model {name!r} is ambiguous here: {', '.join(matches)}; give the full id"
        )
    raise NoUsageError(
        f"model {name!r} has no usage in the bills (they bill "
        f"{', '.join(known) or 'nothing'})"
    )


def _basket(
    model: str, sides: Sequence[Side]
) -> tuple[dict[tuple[Any, ...], int], Fraction]:
    """The quantity of each cell of *model* over all *sides*, and their volume."""
    basket: dict[tuple[Any, ...], int] = {}
    volume = Fraction(0)
    for side in sides:
        for key, (quantity, _) in side.cells.items():
            if key[1] == model:
                basket[key[2:]] = basket.get(key[2:], 0) + quantity
        volume += side.volumes.get(model, Fraction(0))
    return basket, volume


def _index(
    model: str,
    side: Side,
    basket: dict[tuple[Any, ...], int],
    volume: Fraction,
    label: str,
) -> Fraction:
    """The price of the basket at this side's unit prices, per unit volume."""
    averages = side.average_prices()
    total = Fraction(0)
    for (variant, window, tier, field), quantity in basket.items():
        if not quantity:
            continue
        price = averages.get((model, variant, window, tier, field))
        if price is None:
            price = side.listed_price(model, variant, window, tier, field)
        if price is None:
            raise EconomicsError(
                f"{model} has no {field.replace('_', '-')} price in {label}: its "
                "usage cannot be priced there"
            )
        total += quantity * price
    if volume == 0:
        raise EconomicsError(f"{model} has no volume to price per unit")
    return total / volume


# -- own-price elasticity over time -------------------------------------------


@attrs.frozen
class DemandEstimate:
    """The own-price elasticity of one model, fitted over periods."""

    model: str
    """The model's full id."""
    fit: ElasticityFit
    """The least-squares fit of ln volume on ln price."""
    confidence: Decimal
    """The level of the interval, as a fraction (``0.95``)."""
    t_value: Decimal
    """Student's t quantile used: (1 + confidence) / 2, n - 2 degrees."""
    low: Decimal
    """The lower end of the interval: elasticity - t x standard error."""
    high: Decimal
    """The upper end."""
    price_change: Decimal
    """The change of the price index from the first period to the last."""
    periods: tuple[str, ...]
    """The periods fitted, in order."""

    @property
    def elasticity(self) -> Decimal:
        """The fitted elasticity."""
        return self.fit.elasticity

    @property
    def standard_error(self) -> Decimal:
        """The standard error of the elasticity."""
        return self.fit.standard_error

    @property
    def observations(self) -> int:
        """How many periods were fitted."""
        return self.fit.observations

    def to_dict(self) -> dict[str, Any]:
        """The exact figures, Decimals as strings."""
        return {
            "model": self.model,
            "elasticity": str(self.elasticity),
            "standard_error": str(self.standard_error),
            "confidence": str(self.confidence),
            "interval": [str(self.low), str(self.high)],
            "t_value": str(self.t_value),
            "observations": self.observations,
            "r_squared": None
            if self.fit.r_squared is None
            else str(self.fit.r_squared),
            "kind": self.fit.kind,
            "price_change": str(self.price_change),
            "periods": list(self.periods),
        }


@attrs.frozen
class DemandEstimates:
    """Own-price elasticities of the models whose price changed in a bill."""

    unit: Unit
    """What volume was counted in."""
    period: str
    """``day`` or ``month``: what one observation is."""
    estimates: tuple[DemandEstimate, ...]
    """One per model whose price changed, by model id."""
    unchanged: tuple[str, ...]
    """The models whose price never changed: nothing to estimate."""

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """A row per model: elasticity, standard error, interval, n."""
        level = (
            fmt_change(self.estimates[0].confidence).lstrip("+")
            if self.estimates
            else "95%"
        )
        headers = [
            "model",
            "price change",
            "elasticity",
            "std error",
            f"{level} interval",
            "n",
            "R-squared",
        ]
        rows = [
            [
                e.model,
                fmt_change(e.price_change),
                fmt_ratio(e.elasticity),
                fmt_ratio(e.standard_error),
                f"{fmt_ratio(e.low)} to {fmt_ratio(e.high)}",
                str(e.observations),
                "n/a" if e.fit.r_squared is None else fmt_ratio(e.fit.r_squared),
            ]
            for e in self.estimates
        ]
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """The exact figures, Decimals as strings."""
        return {
            "unit": self.unit,
            "period": self.period,
            "estimates": [e.to_dict() for e in self.estimates],
            "unchanged": list(self.unchanged),
        }


def _confidence(value: Number) -> Decimal:
    level = parse_change(value, what="confidence")
    if not 0 < level < 1:
        raise InvalidInputError(
            f"confidence {value!r}: expected a level between 0 and 100%, such as '95%'"
        )
    return level


def estimate_demand(
    bill: Bill,
    *,
    unit: Unit = "tokens",
    models: Sequence[str] | None = None,
    confidence: Number = "95%",
) -> DemandEstimates:
    """
    The own-price elasticity of each model whose price changed over a bill.

    Args:
        bill: A `Bill` grouped by ``day`` or ``month`` (one observation per
            period and model).
        unit: What volume is counted in: ``tokens``, ``requests`` or
            ``blended``.
        models: The models to estimate (full ids or bare names); default
            every model whose price changed.
        confidence: The level of the interval, default 95%.

    Raises:
        InvalidInputError: the bill is not grouped by day or month.
        EconomicsError: no model changed price; a model to estimate has
            fewer than 3 periods, or no usage in one of them (a zero volume
            has no logarithm: bill by month, or estimate another model).
    """
    unit = check_unit(unit)
    level = _confidence(confidence)
    time = next((f for f in _TIME if f in bill.by), None)
    if time is None:
        raise InvalidInputError(
            f"the bill is grouped by {', '.join(bill.by)}: estimating demand "
            "needs it grouped by day or month too"
        )
    position = bill.by.index(time)
    sides: dict[str, Side] = {}
    for group in bill.groups:
        side = sides.setdefault(group.key[position], Side(unit))
        for part in group.parts:
            side.add_part((), part)
    periods = sorted(sides)
    every = set().union(*(s.models for s in sides.values()))
    if models is None:
        wanted = sorted(every)
    else:
        wanted = [_model_id(name, every) for name in models]
    ordered = [sides[p] for p in periods]
    estimates = []
    unchanged = []
    t_value = None
    for model in wanted:
        present = [
            (p, s) for p, s in zip(periods, ordered, strict=True) if model in s.models
        ]
        basket, volume = _basket(model, [s for _, s in present])
        prices = [_index(model, s, basket, volume, p) for p, s in present]
        if len(set(prices)) <= 1:
            if models is not None:
                raise EconomicsError(
                    f"the price of {model} did not change over the bill: its "
                    "elasticity cannot be estimated without a price change"
                )
            unchanged.append(model)
            continue
        missing = [p for p in periods if p not in dict(present)]
        if missing:
            raise EconomicsError(
                f"{model} has no usage in {missing[0]}: a log fit needs volume > 0 "
                f"in every period; bill by a longer period, or name other models"
            )
        if len(periods) < 3:
            raise EconomicsError(
                f"{model}: fitting an elasticity needs at least 3 periods, the bill "
                f"has {len(periods)}"
            )
        fit = fit_elasticity(
            [_decimal(p) for p in prices],
            [_decimal(s.volumes[model]) for _, s in present],
        )
        t_value = t_quantile(_WIDE.divide(_WIDE.add(1, level), 2), fit.observations - 2)
        margin = _WIDE.multiply(t_value, fit.standard_error)
        estimates.append(
            DemandEstimate(
                model=model,
                fit=fit,
                confidence=finish(level),
                t_value=t_value,
                low=finish(_WIDE.subtract(fit.elasticity, margin)),
                high=finish(_WIDE.add(fit.elasticity, margin)),
                price_change=finish(_decimal(prices[-1] / prices[0] - 1)),
                periods=tuple(periods),
            )
        )
    if not estimates:
        raise EconomicsError(
            f"no model's price changed between {periods[0]} and {periods[-1]}: "
            "an elasticity cannot be estimated without a price change"
            if periods
            else "the bill is empty: no demand to estimate"
        )
    return DemandEstimates(
        unit=unit, period=time, estimates=tuple(estimates), unchanged=tuple(unchanged)
    )


# -- cross-price elasticity ----------------------------------------------------


_CROSS_MEANINGS: dict[CrossKind, str] = {
    "substitutes": "its volume rose with the other's price: the two are substitutes",
    "complements": "its volume fell as the other's price rose: the two are complements",
    "independent": "its volume did not move with the other's price",
}


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


def _side(bill: Bill, unit: Unit) -> Side:
    side = Side(unit)
    for group in bill.groups:
        for part in group.parts:
            side.add_part((), part)
    return side


def cross_elasticity(
    before: Bill,
    after: Bill,
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
    of_id, against_id = _model_id(of, every), _model_id(against, every)
    if of_id == against_id:
        raise InvalidInputError(
            f"{of_id} against itself is an own-price elasticity: use tc.elasticity"
        )
    for side, label in zip(sides, labels, strict=True):
        if against_id not in side.models:
            raise NoUsageError(
                f"{against_id} has no usage in {label}: its price there is not known"
            )
    basket, volume = _basket(against_id, sides)
    p0, p1 = (
        _index(against_id, s, basket, volume, lb)
        for s, lb in zip(sides, labels, strict=True)
    )
    q0, q1 = (s.volumes.get(of_id, Fraction(0)) for s in sides)
    own = Fraction(0)
    if all(of_id in s.models for s in sides):
        own_basket, own_volume = _basket(of_id, sides)
        o0, o1 = (
            _index(of_id, s, own_basket, own_volume, lb)
            for s, lb in zip(sides, labels, strict=True)
        )
        own = o1 / o0 - 1
    value = _measure(method, [_decimal(p0), _decimal(p1)], [_decimal(q0), _decimal(q1)])
    other0, other1 = (s.volumes[against_id] for s in sides)
    return CrossElasticity(
        value=value,
        method=method,
        of=of_id,
        against=against_id,
        price_change=finish(_decimal(p1 / p0 - 1)),
        volume_change=None if q0 == 0 else finish(_decimal(q1 / q0 - 1)),
        own_price_change=finish(_decimal(own)),
        other_volume_change=finish(_decimal(other1 / other0 - 1)),
    )
