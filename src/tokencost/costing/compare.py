"""
The same usage priced on several models, ranked: `compare` and `Comparison`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Unpack

import attrs

from tokencost._decimal import divide, exact_arithmetic
from tokencost._errors import CurrencyMismatchError, InvalidInputError
from tokencost._money import check_currency, format_amount
from tokencost._parsing import Count
from tokencost._render import exact_cells, fmt_change, plain
from tokencost._results import result
from tokencost.costing.workload import WorkloadCost, workload_cost
from tokencost.prices.catalog import Catalog, resolve
from tokencost.prices.fx import ExchangeRates
from tokencost.prices.model import ModelPrice
from tokencost.prices.moments import moment_text
from tokencost.usage.profiles import UsageProfile
from tokencost.usage.usage import TokenCounts, Usage

__all__ = ["Comparison", "ComparisonRow", "compare"]


@attrs.frozen
class ComparisonRow:
    """One model's cost, set against the baseline."""

    rank: int
    """1 for the cheapest."""
    cost: WorkloadCost
    """The full cost, with its lines, price period and any conversion."""
    ratio: Decimal
    """This cost divided by the baseline's (1 for the baseline itself)."""
    difference: Decimal
    """This cost minus the baseline's, in the comparison's currency."""

    @property
    def model(self) -> str:
        """The model's full id."""
        return self.cost.model


@result
@attrs.frozen
class Comparison:
    """Costs of one usage on several models, cheapest first."""

    rows: tuple[ComparisonRow, ...]
    """Ranked rows, cheapest first."""
    baseline: str
    """The model every ratio is taken against."""
    currency: str
    """The currency of every amount."""
    fx: ExchangeRates | None = None
    """The exchange-rate table used, if any amount was converted."""

    @property
    def cheapest(self) -> ComparisonRow:
        """The first row."""
        return self.rows[0]

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row per model: rank, cost, ratio and difference to the baseline."""
        first = self.rows[0].cost
        span = f", per {first.per}" if first.per else ""
        headers = ["#", "model", f"cost ({self.currency}{span})"]
        if first.requests != 1:
            headers.append("per request")
        headers += [f"x {self.baseline}", "difference", "prices since"]
        converted = any(row.cost.rate is not None for row in self.rows)
        adjusted = any(row.cost.adjustment is not None for row in self.rows)
        if converted:
            headers.append("rate")
        if adjusted:
            headers.append("adjusted")
        rows = []
        for row in self.rows:
            c = row.cost
            start = c.period.start
            cells = [str(row.rank), row.model, format_amount(c.total.amount)]
            if first.requests != 1:
                cells.append(format_amount(c.per_request.amount))
            cells += [
                plain(row.ratio) if exact_cells() else f"{row.ratio:.2f}",
                format_amount(row.difference),
                moment_text(start) if start else "-",
            ]
            if converted:
                cells.append("" if c.rate is None else _rate_text(c))
            if adjusted:
                cells.append(
                    "" if c.adjustment is None else fmt_change(c.adjustment, 4)
                )
            rows.append(cells)
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """Every figure, exact; Decimals as strings in JSON."""
        return {
            "baseline": self.baseline,
            "currency": self.currency,
            "fx": None if self.fx is None else self.fx.to_dict(),
            "rows": [
                {
                    "rank": row.rank,
                    "model": row.model,
                    "total": row.cost.total.amount,
                    "per_request": row.cost.per_request.amount,
                    "ratio": row.ratio,
                    "difference": row.difference,
                    "cost": row.cost.to_dict(),
                }
                for row in self.rows
            ],
        }


@exact_arithmetic
def compare(
    models: Sequence[str | ModelPrice],
    workload: Usage | UsageProfile | str | None = None,
    *,
    requests: Count | None = None,
    per: str | None = None,
    at: date | str | None = None,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    adjust: Mapping[str, object] | None = None,
    baseline: str | None = None,
    catalog: Catalog | None = None,
    profiles: Mapping[str, UsageProfile] | None = None,
    **counts: Unpack[TokenCounts],
) -> Comparison:
    """
    Price the same workload on each of *models* and rank them, cheapest first.

    Args:
        models: Model names (or `ModelPrice` objects).
        workload: A `Usage` of one request, a profile (name or
            `UsageProfile`), or None to build a usage from the token counts
            given as keywords (``input_tokens=``..., the same as `cost`'s).
        requests: How many requests (default 1, or the profile's volume).
        per: The period *requests* is counted over: day, month or year.
        at: The day whose prices apply (default today).
        currency: The currency to rank in; needed when the models price in
            different currencies. Conversions use *fx* (rates per 1 USD, e.g.
            ``{"CNY": "7.10"}``) or the bundled, dated table; *fx* without
            *currency* is refused (`InvalidInputError`), not ignored.
        adjust: Hypothetical price changes by model, e.g. ``{"glm-5.2": "83%"}``.
        baseline: The model ratios are taken against; default the cheapest.

    >>> c = compare(["glm-5.2", "claude-fable-5"], input_tokens="120k",
    ...             output_tokens="4k", at="2026-07-01")
    >>> [row.model for row in c.rows]
    ['zai:glm-5.2', 'anthropic:claude-fable-5']
    """
    given: object = models
    if not isinstance(given, Sequence) or isinstance(given, str) or not given:
        raise InvalidInputError(
            f"compare needs a list of one or more models, got {given!r}"
        )
    if workload is None:
        workload = Usage(**counts)
    elif counts:
        raise InvalidInputError(
            "pass either a usage or profile, or token counts as keywords, not both"
        )
    prices = [resolve(m, catalog) for m in models]
    named: dict[str, str] = {}
    for model, price in zip(models, prices, strict=True):
        name = model if isinstance(model, str) else model.id
        if price.id in named:
            raise InvalidInputError(
                f"{price.id} compared twice ({named[price.id]!r} and {name!r}): "
                "name each model once"
            )
        named[price.id] = name
    currencies = sorted({p.currency for p in prices})
    if currency is None and fx is not None:
        raise InvalidInputError("fx converts to a currency: give currency too")
    if currency is None and len(currencies) > 1:
        listed = ", ".join(f"{p.id} ({p.currency})" for p in prices)
        other = next(c for c in currencies if c != "USD")
        raise CurrencyMismatchError(
            f"cannot compare prices in {' and '.join(currencies)} without choosing "
            f"a currency and an exchange rate (currency='USD', fx={{'{other}': "
            f"...}}; on the command line --currency USD --fx {other}=...): {listed}"
        )
    target = currencies[0] if currency is None else check_currency(currency)
    changes: dict[str, object] = {}
    for name, change in (adjust or {}).items():
        model_id = resolve(name, catalog).id
        if model_id in changes:
            raise InvalidInputError(
                f"{model_id} adjusted twice ({changes[model_id]!r} and {change!r}): "
                "give one change per model"
            )
        changes[model_id] = change
    unknown = set(changes) - {p.id for p in prices}
    if unknown:
        raise InvalidInputError(
            f"cannot adjust {', '.join(sorted(unknown))}: not among the models compared"
        )
    costs = [
        workload_cost(
            p,
            workload,
            requests=requests,
            per=per,
            at=at,
            currency=target,
            fx=fx,
            adjust=changes.get(p.id),
            profiles=profiles,
        )
        for p in prices
    ]
    ranked = sorted(costs, key=lambda c: (c.total.amount, c.model))
    if baseline is None:
        base = ranked[0]
    else:
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
    tables = {c.fx for c in costs if c.fx is not None}
    return Comparison(
        rows=rows,
        baseline=base.model,
        currency=target,
        fx=next(iter(tables)) if tables else None,
    )


def _rate_text(cost: WorkloadCost) -> str:
    """``6.79452 CNY/USD (ECB, 2026-07-01)``: the rate, shown to six
    significant digits (the amounts use every digit), where it comes from,
    the day it was taken, and how old it was on the day priced."""
    fx = cost.fx
    when = fx.date.isoformat() if fx and fx.date else "given"
    if fx is not None and fx.age_days:
        days = "day" if fx.age_days == 1 else "days"
        when += f", {fx.age_days} {days} before {fx.requested}"
    if fx is not None and fx.source.startswith("ECB"):
        when = f"ECB, {when}"
    rate = cost.rate
    shown = rate if rate is None else _six(rate)
    return f"{shown} {cost.currency}/{cost.native_currency} ({when})"


def _six(value: Decimal) -> str:
    """*value* to six significant digits, for display only."""
    if value.adjusted() >= 5:
        return str(round(value))
    return str(round(value, 5 - value.adjusted()).normalize())


def _ratio(amount: Decimal, base: Decimal) -> Decimal:
    if base == 0:
        return Decimal(1) if amount == 0 else Decimal("Infinity")
    return divide(amount, base)
