"""
The cost of a workload: a profile (or one request shape) at a volume, on one
model, in any currency, with an optional hypothetical price change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import EXACT, exact_arithmetic, normalize
from tokencost._errors import InvalidInputError
from tokencost._money import Money, check_currency, format_amount
from tokencost._parsing import (
    Count,
    as_moment,
    parse_amount,
    parse_price_change,
)
from tokencost._render import fmt_change, fmt_ratio, fmt_share
from tokencost._results import result
from tokencost.costing.cost import cost
from tokencost.costing.lines import rate_row
from tokencost.prices.catalog import Catalog, resolve
from tokencost.prices.fx import ExchangeRates, exchange_rates
from tokencost.prices.model import ModelPrice, PricePeriod
from tokencost.usage.profiles import PERIOD_DAYS, PERIODS, UsageProfile, usage_profile
from tokencost.usage.usage import Usage

__all__ = ["WorkloadCost", "WorkloadLine", "workload_cost"]


def _n(value: Decimal) -> Decimal:
    return normalize(EXACT.plus(value))


@attrs.frozen
class WorkloadLine:
    """One request shape of a workload, priced."""

    shape: str
    """The shape's name."""
    share: Decimal
    """Its share of the requests (the shares add up to 1)."""
    requests: Decimal
    """How many requests of this shape (may be fractional)."""
    usage: Usage
    """The tokens of one such request."""
    variant: str | None
    """The variant priced; None for standard."""
    tier: int | None
    """The threshold of the long-context tier applied, if any."""
    per_request: Money
    """The cost of one such request."""
    amount: Money
    """per_request x requests."""


@result
@attrs.frozen
class WorkloadCost:
    """
    The exact cost of a workload on one model.

    ``total`` is exactly the sum of the ``lines``. With a volume per day,
    month or year, `projection` gives the cost per request, day, month and
    year (a month is a twelfth of a 365-day year).
    """

    model: str
    """The full id of the model priced."""
    profile: str
    """The profile's name (``usage`` for a single request shape)."""
    requests: Decimal
    """Requests costed."""
    per: str | None
    """The period the requests are counted over, or None for a one-off."""
    lines: tuple[WorkloadLine, ...]
    """One line per request shape."""
    total: Money
    """The sum of the lines."""
    period: PricePeriod
    """The price period in force."""
    at: date
    """The day the prices were taken as of."""
    native_currency: str
    """The currency the model is priced in."""
    rate: Decimal | None = None
    """Units of ``total``'s currency per native unit, if converted."""
    fx: ExchangeRates | None = None
    """The exchange-rate table used, if converted."""
    adjustment: Decimal | None = None
    """A hypothetical price change applied to every rate (0.83 is +83%)."""

    @property
    def currency(self) -> str:
        """The currency of every amount shown."""
        return self.total.currency

    @property
    def per_request(self) -> Money:
        """The average cost of one request."""
        if self.requests == 0:
            return Money.zero(self.currency)
        return Money(_n(EXACT.divide(self.total.amount, self.requests)), self.currency)

    def projection(self) -> dict[str, Money]:
        """Cost per request, and per day, month and year when a period is known."""
        out = {"request": self.per_request}
        if self.per is None:
            return out
        # One division per period, by exact fractions of days, so a year is
        # exactly twelve months and a month exactly 365/12 days.
        num, den = PERIOD_DAYS[self.per]
        for name, (t_num, t_den) in PERIOD_DAYS.items():
            scaled = EXACT.multiply(self.total.amount, Decimal(t_num * den))
            amount = EXACT.divide(scaled, Decimal(t_den * num))
            out[name] = Money(_n(amount), self.currency)
        return out

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row per request shape, then the total and the projection,
        and the price change and the exchange rate applied, if any."""
        headers = ["shape", "share", "requests", "tier", "per request", "amount"]
        rows = [
            [
                line.shape + (f" [{line.variant}]" if line.variant else ""),
                fmt_share(line.share),
                fmt_ratio(line.requests, 0),
                f">= {line.tier:,}" if line.tier else "",
                format_amount(line.per_request.amount),
                format_amount(line.amount.amount),
            ]
            for line in self.lines
        ]
        rows.append(
            [f"total ({self.model})", "", fmt_ratio(self.requests, 0), "", "",
             f"{format_amount(self.total.amount)} {self.currency}"]
        )  # fmt: skip
        for name, money in self.projection().items():
            if name != "request":
                rows.append(["per " + name, "", "", "", "", str(money)])
        if self.adjustment is not None:
            rows.append(
                ["price change", "", "", "", fmt_change(self.adjustment, 4), ""]
            )
        if self.rate is not None and self.fx is not None:
            label, _, rate, source = rate_row(
                self.native_currency, self.currency, self.rate, self.fx
            )
            rows.append([label, "", "", "", rate, source])
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """Every figure, exact; Decimals as strings in JSON."""
        return {
            "model": self.model,
            "profile": self.profile,
            "requests": self.requests,
            "per": self.per,
            "currency": self.currency,
            "native_currency": self.native_currency,
            "rate": self.rate,
            "fx": None if self.fx is None else self.fx.to_dict(),
            "adjustment": self.adjustment,
            "at": self.at,
            "total": self.total.amount,
            "projection": {k: v.amount for k, v in self.projection().items()},
            "lines": [
                {
                    "shape": line.shape,
                    "share": line.share,
                    "requests": line.requests,
                    "variant": line.variant,
                    "tier_min_input_tokens": line.tier,
                    "usage": attrs.asdict(line.usage),
                    "per_request": line.per_request.amount,
                    "amount": line.amount.amount,
                }
                for line in self.lines
            ],
            "period": self.period.provenance(),
        }


def _offered(
    price: ModelPrice, when: date | datetime, variant: str | None
) -> str | None:
    """*variant* if the model offers it at *when* (a day or a moment), else
    None (standard)."""
    if variant is None:
        return None
    names = {name for name, _ in price.period_at(when).variants}
    return variant if variant in names else None


@exact_arithmetic
def workload_cost(
    model: str | ModelPrice,
    workload: str | UsageProfile | Usage,
    *,
    requests: Count | None = None,
    per: str | None = None,
    at: date | str | None = None,
    variant: str | None = None,
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    adjust: object = None,
    catalog: Catalog | None = None,
    profiles: Mapping[str, UsageProfile] | None = None,
) -> WorkloadCost:
    """
    The cost of a workload on *model*.

    Args:
        workload: A profile (name or `UsageProfile`) or the `Usage` of one
            request.
        requests: How many requests; default the profile's volume (or 1 for
            a usage).
        per: The period *requests* is counted over (``day``, ``month``,
            ``year``); default the profile's, or None (a one-off) for a usage.
        at: The day whose prices apply.
        variant: A named variant such as ``"batch"`` for every request, which
            the model must offer; default each shape's own (a shape whose
            variant the model does not offer is priced at standard rates).
        currency: Show amounts in this currency, converted through *fx*.
        fx: Rates per 1 USD (``{"CNY": "7.10"}``) or an `ExchangeRates`;
            default the bundled, dated table. Only with *currency*
            (otherwise `InvalidInputError`: there is nothing to convert).
        adjust: A hypothetical change to every price of the model (``"83%"``).
    """
    if currency is None and fx is not None:
        raise InvalidInputError("fx converts to a currency: give currency too")
    price = resolve(model, catalog)
    # No `at` means now, to the moment, so a time window (off-peak hours)
    # applies as it would to a request made now; a bare day prices the day.
    day, moment = as_moment(at, what="at")
    when = day if moment is None else moment
    if isinstance(workload, Usage):
        name = "usage"
        mix: Sequence[tuple[str, Decimal, Usage, str | None]] = [
            ("request", Decimal(1), workload, None)
        ]
        default_volume: Decimal = Decimal(1)
        default_per: str | None = None
    else:
        chosen = usage_profile(workload, profiles)
        name = chosen.name
        mix = [(s.name, share, s.usage, s.variant) for s, share in chosen.shares()]
        default_volume, default_per = chosen.volume, chosen.per
    if requests is None:
        count, span = default_volume, default_per if per is None else per
    else:
        count, span = parse_amount(requests, what="requests"), per
    if span is not None and span not in PERIODS:
        raise InvalidInputError(
            f"unknown period {span!r}: expected one of {', '.join(PERIODS)}"
        )
    change = (
        None if adjust is None else parse_price_change(adjust, what="price adjustment")
    )
    factor = Decimal(1) if change is None else 1 + change
    target = price.currency if currency is None else check_currency(currency)
    if target == price.currency:
        table = None
        if fx is not None:
            exchange_rates(fx)  # checked, though there is nothing to convert
    else:
        table = exchange_rates(fx, at=day)
    rate = None if table is None else table.rate(price.currency, target)
    lines = []
    total = Decimal(0)
    period = price.period_at(when)
    for shape, share, usage, wanted in mix:
        chosen_variant = _offered(price, when, wanted) if variant is None else variant
        one = cost(price, usage, at=when, variant=chosen_variant)
        each = EXACT.multiply(one.total.amount, factor)
        if rate is not None:
            each = EXACT.multiply(each, rate)
        shape_requests = _n(EXACT.multiply(count, share))
        amount = _n(EXACT.multiply(each, shape_requests))
        total = EXACT.add(total, amount)
        lines.append(
            WorkloadLine(
                shape=shape,
                share=_n(share),
                requests=shape_requests,
                usage=usage,
                variant=one.variant,
                tier=None if one.tier is None else one.tier.min_input_tokens,
                per_request=Money(_n(each), target),
                amount=Money(amount, target),
            )
        )
    return WorkloadCost(
        model=price.id,
        profile=name,
        requests=_n(count),
        per=span,
        lines=tuple(lines),
        total=Money(_n(total), target),
        period=period,
        at=day,
        native_currency=price.currency,
        rate=rate,
        fx=table,
        adjustment=change,
    )
