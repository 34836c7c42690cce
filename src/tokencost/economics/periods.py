"""
Periods of a bill: a month, a day, or a span of days, and the cells of a
bill grouped by day or month that fall in each of two periods.
"""

from __future__ import annotations

import calendar
from datetime import date

from tokencost._errors import InvalidInputError
from tokencost.economics.cells import BillLike, Side, Unit, bill_pairs, group_field
from tokencost.prices.fx import ExchangeRates

__all__ = ["TIME_FIELDS", "parse_period", "period_sides"]

#: The fields of a bill that say when.
TIME_FIELDS = ("day", "month")


def _month_end(day: date) -> date:
    # From the calendar, not the first of the next month: after 9999-12
    # there is none.
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _bound(text: str, *, last: bool) -> date:
    try:
        if len(text) == 7:
            first = date.fromisoformat(f"{text}-01")
            return _month_end(first) if last else first
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise InvalidInputError(
        f"cannot read period {text!r}: expected a month (2026-10), a day "
        "(2026-10-05) or a span of them (2026-10-01..2026-10-15)"
    )


def parse_period(text: object) -> tuple[date, date]:
    """
    The first and last day of a period: a month, a day, or ``A..B``.

    >>> parse_period("2026-02")
    (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    >>> parse_period("2026-10-01..2026-10-15")
    (datetime.date(2026, 10, 1), datetime.date(2026, 10, 15))
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"period must be text such as '2026-10', not {text!r}")
    first, dots, last = text.strip().partition("..")
    start = _bound(first.strip(), last=False)
    end = _bound((last if dots else first).strip(), last=True)
    if end < start:
        raise InvalidInputError(f"period {text!r} ends before it starts")
    return start, end


def _in_period(key: str, field: str, period: tuple[date, date], text: str) -> bool:
    if field == "day":
        day = date.fromisoformat(key)
        return period[0] <= day <= period[1]
    first = date.fromisoformat(f"{key}-01")
    last = _month_end(first)
    if period[0] <= first and last <= period[1]:
        return True
    if last < period[0] or period[1] < first:
        return False
    raise InvalidInputError(
        f"period {text!r} cuts inside the month {key}, and the bill is grouped "
        "by month: bill it by day"
    )


def period_sides(
    bill: BillLike,
    before: str,
    after: str,
    fields: tuple[str, ...],
    unit: Unit,
    *,
    currency: str | None = None,
    fx: ExchangeRates | None = None,
) -> tuple[Side, Side]:
    """The cells of two periods of a bill grouped by day or month."""
    time = next((f for f in TIME_FIELDS if f in bill.by), None)
    if time is None:
        raise InvalidInputError(
            f"the bill is grouped by {', '.join(bill.by)}: comparing two periods "
            "of one bill needs it grouped by day or month too"
        )
    periods = parse_period(before), parse_period(after)
    if periods[0][0] <= periods[1][1] and periods[1][0] <= periods[0][1]:
        raise InvalidInputError(f"periods {before!r} and {after!r} overlap")
    sides = Side(unit, currency=currency, fx=fx), Side(unit, currency=currency, fx=fx)
    for fields_of_group, part in bill_pairs(bill):
        key = fields_of_group[time]
        for side, period, text in zip(sides, periods, (before, after), strict=True):
            if _in_period(key, time, period, text):
                group = tuple(
                    group_field(name, fields_of_group, part) for name in fields
                )
                side.add_part(group, part)
    return sides
