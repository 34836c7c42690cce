"""
The explicit rules that map a model string an API returns to a priced name.

APIs report models under names the price lists do not use: Gemini's
``models/gemini-2.5-flash``, dated snapshots such as
``claude-opus-4-1-20250805`` or ``gpt-4.1-2025-04-14``, preview builds such
as ``gemini-2.5-pro-preview-06-05``. When a name is not in the catalog as
given, these rules are tried in order, each on the names the earlier ones
produced, and the first name the catalog knows wins. There is no fuzzy
matching: a name no rule maps to a known model stays unknown, and the error
suggests close names.

A dated snapshot is priced as its undated model only when the catalog has
no entry of its own for it: ``gpt-4o-2024-05-13``, which cost more than
later ``gpt-4o`` snapshots, keeps its own price. The date must be one the
calendar has, and not after today (by the clock `tokencost.set_clock`
chose): ``claude-opus-4-1-20251399`` and ``gpt-4o-2099-01-01`` are no
snapshots of anything and stay unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar

__all__ = ["RULES", "candidates", "first_known"]

_T = TypeVar("_T")

#: (what the rule does, pattern, replacement), in the order they are tried,
#: after a leading ``models/`` is dropped. The named groups ``y``, ``m`` and
#: ``d`` of a date must make a day of the calendar (a preview's date has no
#: year: any year that has the day will do, so 02-29 passes).
RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "drop a -YYYYMMDD snapshot date",
        re.compile(r"^(.+?)-(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})$"),
        r"\1",
    ),
    (
        "drop an @YYYYMMDD snapshot date",
        re.compile(r"^(.+?)@(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})$"),
        r"\1",
    ),
    (
        "drop a -YYYY-MM-DD snapshot date",
        re.compile(r"^(.+?)-(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})$"),
        r"\1",
    ),
    (
        "drop a preview's date (-preview-MM-DD, -preview-MMDD)",
        re.compile(r"^(.+?-preview)-(?P<m>\d{2})-?(?P<d>\d{2})$"),
        r"\1",
    ),
    ("drop a -preview suffix", re.compile(r"^(.+?)-preview$"), r"\1"),
)


def _is_a_day(match: re.Match[str], today: date) -> bool:
    """Whether the date *match* captured is one the calendar has, and (with
    its year) not after *today*."""
    parts = match.groupdict()
    if not parts:
        return True
    year = parts.get("y")
    try:
        day = date(int(year or 2024), int(parts["m"]), int(parts["d"]))
    except ValueError:
        return False
    return year is None or day <= today


def candidates(name: str, *, today: date | None = None) -> list[tuple[str, str]]:
    """
    The names to try for *name*, nearest first, each with the rule that
    produced it (the rules applied in turn, each to every earlier result).
    A snapshot date after *today* (default: today by the clock) is not
    dropped.

    >>> [n for n, _ in candidates("models/gemini-2.5-pro-preview-06-05")]
    ['gemini-2.5-pro-preview-06-05', 'gemini-2.5-pro-preview', 'gemini-2.5-pro']
    >>> candidates("claude-opus-4-1-20250805")
    [('claude-opus-4-1', 'drop a -YYYYMMDD snapshot date')]
    """
    if today is None:
        from tokencost._parsing import now

        today = now().date()
    prefix, sep, rest = name.partition(":")
    if not sep:
        prefix, rest = "", name
    found: list[tuple[str, str]] = []
    if rest.startswith("models/"):
        rest = rest.removeprefix("models/")
        found.append((f"{prefix}:{rest}" if sep else rest, "drop the 'models/' prefix"))
    names = [rest]
    for what, pattern, replacement in RULES:
        for current in list(names):
            match = pattern.match(current)
            if match is None or not _is_a_day(match, today):
                continue
            changed = match.expand(replacement)
            if changed not in names:
                names.append(changed)
                found.append((f"{prefix}:{changed}" if sep else changed, what))
    return found


def first_known(
    name: str, lookup: Callable[[str], _T], errors: tuple[type[Exception], ...]
) -> _T | None:
    """What *lookup* finds for the first of *name*'s `candidates` it knows
    (a candidate it refuses with one of *errors* is skipped), or None."""
    for candidate, _rule in candidates(name.strip()):
        try:
            return lookup(candidate)
        except errors:
            continue
    return None
