"""
Usage records: the fields a logged request carries, and `UsageRecord`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

import attrs

from tokencost._errors import (
    InvalidInputError,
)
from tokencost._parsing import as_date
from tokencost.usage.usage import MODALITIES, Usage

__all__ = ["BILL_FIELDS", "MODALITY_FIELDS", "TOKEN_FIELDS", "UsageRecord"]

#: The token counts a record carries, as `Usage` names them.
TOKEN_FIELDS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Usage))
#: The counts of other modalities than text, which few records carry.
MODALITY_FIELDS: frozenset[str] = frozenset(name for name, _ in MODALITIES)
#: The keys ``by`` understands besides a record's extra fields.
BILL_FIELDS: tuple[str, ...] = (
    "model",
    "provider",
    "variant",
    "window",
    "day",
    "month",
)

_STANDARD = (None, "", "standard")
# Progress is reported every this many records: often enough for a bar,
# rarely enough to cost nothing.
_PROGRESS_EVERY = 8192


def _timestamp(value: object) -> date | datetime | str:
    if isinstance(value, date | str):
        return value
    raise InvalidInputError(
        f"timestamp must be a date, a datetime or an ISO string, not {value!r}"
    )


def _tags(value: object) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    if not isinstance(items, Iterable):
        raise InvalidInputError(f"tags must be a mapping of names to text: {value!r}")
    return tuple(sorted((str(k), str(v)) for k, v in items))


@attrs.frozen
class UsageRecord:
    """
    One logged request: what `bill` reads.

    ``timestamp`` decides the price period (its UTC day). ``tags`` are extra
    fields to group by, such as a project or a customer.

    >>> UsageRecord("glm-5.2", Usage(120_000, 4_000), "2026-07-01T09:30:00Z").day
    datetime.date(2026, 7, 1)
    """

    model: str
    """A model name, as `cost` takes it."""
    usage: Usage
    """The tokens of the request."""
    timestamp: date | datetime | str = attrs.field(converter=_timestamp)
    """When the request was made: a date, a datetime or an ISO string."""
    variant: str | None = None
    """A price variant such as ``batch``; None for the standard prices."""
    tags: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_tags)
    """Extra fields (name, value) to group by, sorted by name."""

    @property
    def day(self) -> date:
        """The UTC day of the timestamp: the day whose prices apply."""
        return as_date(self.timestamp, what="timestamp")
