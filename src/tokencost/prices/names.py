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
later ``gpt-4o`` snapshots, keeps its own price.
"""

from __future__ import annotations

import re

__all__ = ["RULES", "candidates"]

#: (what the rule does, pattern, replacement), in the order they are tried,
#: after a leading ``models/`` is dropped.
RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("drop a -YYYYMMDD snapshot date", re.compile(r"^(.+?)-20\d{6}$"), r"\1"),
    ("drop an @YYYYMMDD snapshot date", re.compile(r"^(.+?)@20\d{6}$"), r"\1"),
    (
        "drop a -YYYY-MM-DD snapshot date",
        re.compile(r"^(.+?)-20\d{2}-\d{2}-\d{2}$"),
        r"\1",
    ),
    (
        "drop a preview's date (-preview-MM-DD, -preview-MMDD)",
        re.compile(r"^(.+?-preview)-(?:\d{2}-\d{2}|\d{4})$"),
        r"\1",
    ),
    ("drop a -preview suffix", re.compile(r"^(.+?)-preview$"), r"\1"),
)


def candidates(name: str) -> list[tuple[str, str]]:
    """
    The names to try for *name*, nearest first, each with the rule that
    produced it (the rules applied in turn, each to every earlier result).

    >>> [n for n, _ in candidates("models/gemini-2.5-pro-preview-06-05")]
    ['gemini-2.5-pro-preview-06-05', 'gemini-2.5-pro-preview', 'gemini-2.5-pro']
    >>> candidates("claude-opus-4-1-20250805")
    [('claude-opus-4-1', 'drop a -YYYYMMDD snapshot date')]
    """
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
            changed = pattern.sub(replacement, current)
            if changed != current and changed not in names:
                names.append(changed)
                found.append((f"{prefix}:{changed}" if sep else changed, what))
    return found
