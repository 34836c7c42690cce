"""
Where price periods start and end: days and moments, in UTC.

A sheet bounds a period with a day (its first moment, 00:00 UTC) or a moment
in UTC; inside the package both are aware `datetime` values in UTC, shown as
the day alone when they are a midnight (``2025-09-05``) and with the time
otherwise (``2025-09-05 16:00 UTC``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

__all__ = ["DAY", "is_midnight", "moment_iso", "moment_text", "utc_moment"]

#: One day: a bare day is the span from its midnight to the next.
DAY = timedelta(days=1)


def utc_moment(value: date | datetime) -> datetime:
    """
    *value* as a moment in UTC: a day is its first moment (00:00 UTC), a
    naive datetime is read as UTC.

    >>> utc_moment(date(2025, 9, 5)).isoformat()
    '2025-09-05T00:00:00+00:00'
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def is_midnight(moment: datetime) -> bool:
    """Whether *moment* (in UTC) is the start of its day."""
    return moment.time() == time(0)


def moment_text(moment: datetime) -> str:
    """
    A period's bound for people: the day alone at midnight UTC, else the day
    and the time in UTC.

    >>> moment_text(datetime(2025, 9, 5, tzinfo=UTC))
    '2025-09-05'
    >>> moment_text(datetime(2025, 9, 5, 16, tzinfo=UTC))
    '2025-09-05 16:00 UTC'
    """
    moment = utc_moment(moment)
    if is_midnight(moment):
        return moment.date().isoformat()
    if moment.second or moment.microsecond:
        return f"{moment.replace(tzinfo=None).isoformat(sep=' ')} UTC"
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def moment_iso(moment: datetime) -> str:
    """
    A period's bound in ISO form, as sheets write it: the day alone at
    midnight UTC, else the moment with ``Z``.

    >>> moment_iso(datetime(2025, 9, 5, 16, tzinfo=UTC))
    '2025-09-05T16:00:00Z'
    """
    moment = utc_moment(moment)
    if is_midnight(moment):
        return moment.date().isoformat()
    return moment.replace(tzinfo=None).isoformat() + "Z"
