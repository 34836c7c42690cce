"""
What a bill returns: `Bill`, split into `BillGroup` values made of priced
`BillPart` values.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from tokencost._decimal import EXACT
from tokencost._errors import (
    InvalidInputError,
    MissingRateError,
)
from tokencost._money import Money, check_currency, format_amount
from tokencost._results import result
from tokencost.billing.records import TOKEN_FIELDS
from tokencost.costing.lines import CostLine
from tokencost.prices.model import PricePeriod, Tier
from tokencost.prices.moments import moment_iso, utc_moment
from tokencost.usage.usage import Usage

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

__all__ = ["Bill", "BillGroup", "BillPart"]


@attrs.frozen
class BillPart:
    """The records of one bill group that share a model, period, variant and
    tier, priced once from their summed tokens."""

    model: str
    """The full id of the model, ``provider:model``."""
    period: PricePeriod
    """The price period in force for these records."""
    variant: str | None
    """The variant priced, or None for standard."""
    window: str | None
    """The time-of-day window priced (``off-peak``...), or None."""
    tier: Tier | None
    """The long-context tier these records fell in, or None."""
    records: int
    """How many records."""
    usage: Usage
    """Their tokens, summed."""
    lines: tuple[CostLine, ...]
    """One line per billed component, as in `Cost`."""
    total: Money
    """The sum of the lines."""
    day_only: bool = False
    """True for records that gave only a day, on a model whose prices change
    with the time of day: they are priced at the standard prices, and no
    time-of-day window applied to them (the ``window`` column says
    ``no time``)."""


@attrs.frozen
class BillGroup:
    """One row of a bill: the records sharing the values of the ``by`` fields
    (and a currency)."""

    key: tuple[str, ...]
    """The values of the bill's ``by`` fields, in order."""
    currency: str
    """The ISO 4217 code of the group's amounts."""
    records: int
    """How many records."""
    usage: Usage
    """Their tokens, summed."""
    total: Money
    """The exact cost of the group: the sum of its parts."""
    parts: tuple[BillPart, ...]
    """The priced parts, by model, period, variant and tier."""


@result
@attrs.frozen
class Bill:
    """
    The exact cost of many logged requests, grouped.

    ``totals`` has one amount per currency and is exactly the sum of the
    groups, which are exactly the sums of their parts, which equal the sum of
    `cost` over their records.
    """

    by: tuple[str, ...]
    """The fields the groups are keyed by."""
    groups: tuple[BillGroup, ...]
    """The groups, sorted by key, then currency."""
    records: int
    """How many records were read."""
    totals: tuple[Money, ...]
    """The total in each currency, sorted by currency code."""
    rates: tuple[str, ...] = ()
    """The exchange-rate tables amounts were converted at, in words (see
    `tokencost.billing.whatif.convert_bill`); empty when none was."""

    def total(self, currency: str | None = None) -> Money:
        """
        The total in *currency*; may be omitted when there is only one.

        Raises:
            InvalidInputError: several currencies and none named.
            MissingRateError: *currency* is not among the bill's currencies
                (amounts are not converted yet).
        """
        if currency is None:
            if len(self.totals) == 1:
                return self.totals[0]
            if not self.totals:
                return Money.zero()
            codes = ", ".join(t.currency for t in self.totals)
            raise InvalidInputError(
                f"this bill has amounts in {codes}; name one of them"
            )
        code = check_currency(currency)
        for total in self.totals:
            if total.currency == code:
                return total
        if not self.totals:
            return Money.zero(code)
        codes = ", ".join(t.currency for t in self.totals)
        raise MissingRateError(
            f"this bill has no amounts in {code}, only in {codes}, and amounts "
            "are not converted yet"
        )

    def __str__(self) -> str:
        from tokencost._render import render

        return render(self)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Headers and rows: one row per group, then one total per currency.

        The token columns are input, cache read, cache write and output, and
        also one-hour cache writes and reasoning when any record has them.
        """
        columns = [
            ("input", "input_tokens"),
            ("cache read", "cache_read_tokens"),
            ("cache write", "cache_write_tokens"),
        ]
        if any(g.usage.cache_write_1h_tokens for g in self.groups):
            columns.append(("cache write 1h", "cache_write_1h_tokens"))
        columns.append(("output", "output_tokens"))
        if any(g.usage.reasoning_tokens for g in self.groups):
            columns.append(("reasoning", "reasoning_tokens"))
        headers = [*self.by, "records", *(title for title, _ in columns), "total"]
        rows = []
        for group in self.groups:
            rows.append(
                [
                    *group.key,
                    f"{group.records:,}",
                    *(f"{getattr(group.usage, name):,}" for _, name in columns),
                    f"{format_amount(group.total.amount)} {group.currency}",
                ]
            )
        blank = [""] * (len(self.by) - 1)
        for total in self.totals:
            rows.append(
                [
                    "total",
                    *blank,
                    f"{self.records:,}" if len(self.totals) == 1 else "",
                    *([""] * len(columns)),
                    f"{format_amount(total.amount)} {total.currency}",
                ]
            )
        for described in self.rates:
            rows.append(["rates", *blank, "", *([""] * len(columns)), described])
        return headers, rows

    def to_arrow(self) -> pa.Table:
        """
        One row per group as an Arrow table (the ``arrow`` extra): the
        ``by`` fields, ``currency``, ``records``, the token counts and
        ``total``, an exact decimal.

        ``total`` is ``decimal128(38, 20)``, which holds every total of a bill
        in its models' own currencies. A converted bill's amounts are
        products kept to 28 significant digits, which may need more
        decimals: its ``total`` then has the scale the longest of them
        needs, ``decimal128(38, S)``, or ``decimal256(76, S)`` when the
        digits before and after the point add up to more than 38.

        Raises:
            InvalidInputError: a total needs more than 76 digits.
        """
        import pyarrow as pa

        rows: dict[str, list[Any]] = {
            name: [g.key[i] for g in self.groups] for i, name in enumerate(self.by)
        }
        rows["currency"] = [g.currency for g in self.groups]
        rows["records"] = [g.records for g in self.groups]
        for name in TOKEN_FIELDS:
            rows[name] = [getattr(g.usage, name) for g in self.groups]
        rows["total"] = [g.total.amount for g in self.groups]
        types = {"records": pa.int64(), "total": _decimal_type(rows["total"])}
        types.update(dict.fromkeys(TOKEN_FIELDS, pa.int64()))
        return pa.table(
            {
                name: pa.array(values, types.get(name, pa.string()))
                for name, values in rows.items()
            }
        )

    def to_pandas(self) -> pd.DataFrame:
        """`to_arrow` as a pandas DataFrame (totals as `Decimal` objects)."""
        return self.to_arrow().to_pandas()

    def to_polars(self) -> pl.DataFrame:
        """
        `to_arrow` as a Polars DataFrame (totals as ``Decimal(38, 20)``, or
        the wider scale of `to_arrow`).

        Raises:
            InvalidInputError: the totals need more than the 38 digits of
                Polars' widest decimal (`to_arrow` and `to_pandas` hold
                them).
        """
        import polars as pl
        import pyarrow as pa

        table = self.to_arrow()
        if isinstance(table.schema.field("total").type, pa.Decimal256Type):
            whole, scale = _extent([g.total.amount for g in self.groups])
            raise InvalidInputError(
                f"the totals need {whole + scale} digits ({scale} decimals) to "
                "be exact, more than a Polars Decimal holds (38): use "
                "to_pandas() or to_arrow(), which hold them exactly"
            )
        frame = pl.from_arrow(table)
        assert isinstance(frame, pl.DataFrame)
        return frame

    def to_dict(self) -> dict[str, Any]:
        """Every figure, exact; Decimals as strings in JSON."""
        return {
            "by": list(self.by),
            "records": self.records,
            "totals": {t.currency: t.amount for t in self.totals},
            "rates": list(self.rates),
            "groups": [
                {
                    **dict(zip(self.by, group.key, strict=True)),
                    "currency": group.currency,
                    "records": group.records,
                    "usage": attrs.asdict(group.usage),
                    "total": group.total.amount,
                    "parts": [_part_dict(part) for part in group.parts],
                }
                for group in self.groups
            ],
        }


#: Sorts before any period's start: a period open at its start comes first.
_EARLIEST = utc_moment(date.min)


def _part_dict(part: BillPart) -> dict[str, Any]:
    return {
        "model": part.model,
        "period_start": None
        if part.period.start is None
        else moment_iso(part.period.start),
        "variant": part.variant,
        "window": part.window,
        "day_only": part.day_only,
        "tier_min_input_tokens": None
        if part.tier is None
        else part.tier.min_input_tokens,
        "records": part.records,
        "usage": attrs.asdict(part.usage),
        "lines": [
            {
                "component": line.component,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "amount": line.amount.amount,
            }
            for line in part.lines
        ],
        "total": part.total.amount,
    }


def _group(key: tuple[str, ...], currency: str, parts: list[BillPart]) -> BillGroup:
    parts.sort(
        key=lambda p: (
            p.model,
            p.period.start or _EARLIEST,
            p.variant or "",
            p.window or "",
            p.day_only,
            0 if p.tier is None else p.tier.min_input_tokens,
        )
    )
    sums = [sum(getattr(p.usage, name) for p in parts) for name in TOKEN_FIELDS]
    total = Decimal(0)
    for part in parts:
        total = EXACT.add(total, part.total.amount)
    return BillGroup(
        key=key,
        currency=currency,
        records=sum(p.records for p in parts),
        usage=Usage(*sums),
        total=Money(total, currency),
        parts=tuple(parts),
    )


def _check_single_currency(currency: str, totals: Mapping[str, Decimal]) -> None:
    # bill(currency=) only checks: converting is tokencost.convert_bill's
    # work (and `tokencost bill --currency` does it).
    others = sorted(code for code in totals if code != currency)
    if others:
        raise MissingRateError(
            f"cannot show this bill in {currency}: it has amounts in "
            f"{', '.join(others)}; convert it with tokencost.convert_bill(bill, "
            f"{currency!r}), or leave out the currency to get one total per "
            "currency"
        )


def _extent(amounts: list[Decimal]) -> tuple[int, int]:
    """The most digits before the point and after it (at least 20) among
    *amounts*."""
    whole, scale = 0, 20
    for amount in amounts:
        _, digits, exponent = amount.as_tuple()
        assert isinstance(exponent, int)  # a bill's amounts are finite
        whole = max(whole, len(digits) + exponent)
        scale = max(scale, -exponent)
    return whole, scale


def _decimal_type(amounts: list[Decimal]) -> pa.DataType:
    """The narrowest exact Arrow decimal for *amounts*: ``decimal128(38,
    20)`` when they fit it, else the scale the longest needs, in 38 digits
    or, past them, in 76."""
    import pyarrow as pa

    whole, scale = _extent(amounts)
    if whole + scale <= 38:
        return pa.decimal128(38, scale)
    if whole + scale <= 76:
        return pa.decimal256(76, scale)
    raise InvalidInputError(
        f"the totals need {whole + scale} digits ({scale} decimals) to be "
        "exact, more than an Arrow decimal holds (76)"
    )
