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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from tokencost._decimal import EXACT, finish, from_fraction, normalize
from tokencost._errors import (
    CurrencyMismatchError,
    EconomicsError,
    InvalidInputError,
    NoUsageError,
)
from tokencost._parsing import Number, parse_change
from tokencost._render import fmt_change, fmt_ratio, plain
from tokencost._results import result
from tokencost.economics.cells import BillLike, Side, Unit, check_unit
from tokencost.economics.fit import ElasticityFit, fit_elasticity
from tokencost.economics.student_t import t_quantile

__all__ = [
    "DemandEstimate",
    "DemandEstimates",
    "as_decimal",
    "estimate_demand",
    "model_id",
    "price_indexes",
]

_TIME = ("day", "month")


def as_decimal(value: Fraction) -> Decimal:
    return from_fraction(value)


def model_id(name: str, known: Iterable[str]) -> str:
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


def price_indexes(model: str, sides: Sequence[Side]) -> list[Fraction]:
    """
    A fixed-basket price index of *model* on each side: its usage over all
    sides, priced at each side's unit prices, per unit of volume.

    Kinds of usage with no price on some side (an off-peak window that
    ended, a variant not yet offered) are left out of the basket, so every
    side prices the same basket.

    Raises:
        CurrencyMismatchError: the model is billed in one currency on one
            side and another on another (bills converted differently).
        EconomicsError: no kind of the model's usage has a price on every
            side.
    """
    currencies = sorted(
        {s.model_currencies[model] for s in sides if model in s.model_currencies}
    )
    if len(currencies) > 1:
        raise CurrencyMismatchError(
            f"{model} is billed in {currencies[0]} in one bill and {currencies[1]} "
            "in another: its price cannot be compared across currencies; bill "
            "both in one currency (tc.bill(..., currency=...))"
        )
    basket: dict[tuple[Any, ...], int] = {}
    volume = Fraction(0)
    for side in sides:
        for key, (quantity, _) in side.cells.items():
            if key[1] == model and quantity:
                basket[key[2:]] = basket.get(key[2:], 0) + quantity
        volume += side.volumes.get(model, Fraction(0))
    priced: list[dict[tuple[Any, ...], Fraction]] = []
    for side in sides:
        averages = side.average_prices()
        prices = {}
        for cell in basket:
            price = averages.get((model, *cell))
            if price is None:
                price = side.listed_price(model, *cell)
            if price is not None:
                prices[cell] = price
        priced.append(prices)
    kept = [cell for cell in basket if all(cell in prices for prices in priced)]
    if not kept or volume == 0:
        raise EconomicsError(
            f"{model}: no kind of its usage has a price in every period, so no "
            "price index can compare them"
        )
    return [
        sum((basket[cell] * prices[cell] for cell in kept), Fraction(0)) / volume
        for prices in priced
    ]


# -- own-price elasticity over time -------------------------------------------


@attrs.frozen
class DemandEstimate:
    """The own-price elasticity of one model, fitted over periods."""

    model: str
    """The model's full id."""
    fit: ElasticityFit
    """The least-squares fit of ln volume on ln price."""
    confidence: Decimal
    """The level of the interval, as a fraction (``0.95``), every digit given."""
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
        return self.fit.value

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


@result
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
        # The level as given, every digit: 99.999% is not a "100%" interval.
        level = (
            f"{plain(EXACT.multiply(self.estimates[0].confidence, Decimal(100)))}%"
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
    bill: BillLike,
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
        models: The models to estimate (full ids or bare names), each
            once; default every model whose price changed.
        confidence: The level of the interval, default 95%.

    Raises:
        InvalidInputError: the bill is not grouped by day or month, or
            *models* names a model twice.
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
        wanted = []
        for name in models:
            found = model_id(name, every)
            if found in wanted:
                raise InvalidInputError(
                    f"models name {found} twice ({', '.join(map(repr, models))}): "
                    "name each model once"
                )
            wanted.append(found)
    ordered = [sides[p] for p in periods]
    estimates = []
    unchanged = []
    t_value = None
    for model in wanted:
        present = [
            (p, s) for p, s in zip(periods, ordered, strict=True) if model in s.models
        ]
        prices = price_indexes(model, [s for _, s in present])
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
            [as_decimal(p) for p in prices],
            [as_decimal(s.volumes[model]) for _, s in present],
        )
        t_value = t_quantile(EXACT.divide(EXACT.add(1, level), 2), fit.observations - 2)
        margin = EXACT.multiply(t_value, fit.standard_error)
        estimates.append(
            DemandEstimate(
                model=model,
                fit=fit,
                # The level as given, every digit: an input, not a result.
                confidence=normalize(level),
                t_value=t_value,
                low=finish(EXACT.subtract(fit.value, margin)),
                high=finish(EXACT.add(fit.value, margin)),
                price_change=finish(as_decimal(prices[-1] / prices[0] - 1)),
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
