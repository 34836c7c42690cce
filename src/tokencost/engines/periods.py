"""
Price periods in SQL: which price row's period holds a usage row, and how
the rows of a day when the prices change are summed apart.

The price table bounds each period with UTC timestamps on whole minutes
(`tokencost.prices.table`); a usage row carries its UTC day and minute of
the week (-1 for a record that gives only a day). The condition here
compares the two without date arithmetic, which each warehouse spells its
own way: a cast to DATE and the hour and minute of the bound.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

__all__ = ["IN_PERIOD", "change_days", "change_spans", "minute_of_day"]


def minute_of_day(column: str) -> str:
    """The minute of the UTC day of the timestamp *column*."""
    return (
        f"(CAST(EXTRACT(HOUR FROM {column}) AS INTEGER) * 60"
        f" + CAST(EXTRACT(MINUTE FROM {column}) AS INTEGER))"
    )


# A record is in a period when its moment is: from the period's start
# (inclusive) to its end (exclusive). The moment is the record's day and
# minute of the day (``week_minute % 1440``); the bounds are whole minutes,
# so a record at 15:59:59 (minute 959) is before a change at 16:00. A record
# with only a day (minute -1) must fall in the period for the whole day:
# from its first minute (0) and through its last, so that on a day when
# the prices change it matches no row and is refused.
IN_PERIOD = (
    "AND (p.period_start IS NULL OR u.day > CAST(p.period_start AS DATE) "
    "OR (u.day = CAST(p.period_start AS DATE) AND "
    "CASE WHEN u.week_minute < 0 THEN 0 ELSE u.week_minute % 1440 END >= "
    + minute_of_day("p.period_start")
    + ")) "
    "AND (p.period_end IS NULL OR u.day < CAST(p.period_end AS DATE) "
    "OR (u.day = CAST(p.period_end AS DATE) AND u.week_minute >= 0 "
    "AND u.week_minute % 1440 < " + minute_of_day("p.period_end") + ")) "
)


def change_spans(moments: Iterable[datetime]) -> list[int]:
    """The minutes of the UTC week of the *moments* that are not midnights."""
    found = set()
    for moment in moments:
        utc = moment.astimezone(UTC) if moment.tzinfo else moment
        minute = utc.hour * 60 + utc.minute
        if minute:
            found.add(utc.weekday() * 1440 + minute)
    return sorted(found)


def change_days(moments: Iterable[datetime]) -> list[date]:
    """The days that bound the spans of days `presum_query` sums over: the
    day of every bound, and the next one after a bound that is not a
    midnight, so that a day when the prices change is summed on its own."""
    found: set[date] = set()
    for moment in moments:
        utc = moment.astimezone(UTC) if moment.tzinfo else moment
        found.add(utc.date())
        if utc.hour or utc.minute:
            found.add(utc.date() + timedelta(days=1))
    return sorted(found)
