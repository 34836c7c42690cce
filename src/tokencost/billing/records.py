"""
Usage records: the fields a logged request carries, and `UsageRecord`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from tokencost._errors import (
    InvalidInputError,
    WrongTypeError,
)
from tokencost._parsing import as_date, shorten
from tokencost.usage.usage import MODALITIES, USAGE_FIELDS, Usage

__all__ = [
    "BILL_FIELDS",
    "MODALITY_FIELDS",
    "NO_TIME_LABEL",
    "TOKEN_FIELDS",
    "Rows",
    "UsageRecord",
    "as_mapping",
    "check_by",
    "hour_of",
    "no_value",
    "tag_key",
    "tag_text",
    "usage_of",
]

#: The token counts a record carries, as `Usage` names them.
TOKEN_FIELDS: tuple[str, ...] = USAGE_FIELDS
#: The counts of other modalities than text, which few records carry.
MODALITY_FIELDS: frozenset[str] = frozenset(name for name, _ in MODALITIES)
#: The keys ``by`` understands besides a record's extra fields.
BILL_FIELDS: tuple[str, ...] = (
    "model",
    "provider",
    "variant",
    "window",
    "hour",
    "day",
    "week",
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


# What a record's own fields are called: no tag may take one of these names,
# which would replace the model, the time, the variant or a count.
_OWN_FIELDS = frozenset({"model", "timestamp", "variant", *USAGE_FIELDS})


def _tags(value: object) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    if not isinstance(items, Iterable):
        raise InvalidInputError(f"tags must be a mapping of names to text: {value!r}")
    tags = tuple(sorted((str(k), str(v)) for k, v in items if v is not None))
    for name, _ in tags:
        if name in _OWN_FIELDS:
            raise InvalidInputError(
                f"a tag cannot be named {name!r}: it is a field of the record "
                "itself (model, timestamp, variant and the token counts); "
                "give it another name"
            )
    return tags


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


#: The ``window`` a bill shows for records that gave only a day, on a model
#: whose prices change with the time of day.
NO_TIME_LABEL = "no time"

_NO_MODEL = (
    "no model: a record must name the model that served it; add a model "
    "field, or map a column to it (--map COLUMN=model)"
)

_NO_TIMESTAMP = (
    "no timestamp: a record must say when the request was made (its day picks "
    "the prices, its time any time-of-day window); add a timestamp field, "
    "or map a column to it (--map COLUMN=timestamp)"
)


def hour_of(moment: datetime | None) -> str:
    if moment is None:
        raise InvalidInputError(
            "cannot group by hour: this record's timestamp is a day without a time"
        )
    # The moment is in UTC: 2026-07-01T09:30:00+00:00 -> 2026-07-01T09.
    return moment.isoformat()[:13]


def as_mapping(record: object) -> Mapping[str, Any]:
    if isinstance(record, UsageRecord):
        return {
            "model": record.model,
            "timestamp": record.timestamp,
            "variant": record.variant,
            **attrs.asdict(record.usage),
            **dict(record.tags),
        }
    if isinstance(record, Mapping):
        return record
    raise WrongTypeError(
        "a record must be a dict or a UsageRecord, not "
        f"{type(record).__name__} {shorten(repr(record))}"
    )


def check_by(by: Sequence[str] | str) -> tuple[str, ...]:
    """The ``by`` fields, checked: at least one, none twice, none a token
    count or the timestamp."""
    given: object = by
    if not isinstance(given, str | Sequence) or not all(
        isinstance(f, str) for f in given
    ):
        raise WrongTypeError(f"by must be field names, not {shorten(repr(by))}")
    fields = tuple(
        f.strip() for f in (by.split(",") if isinstance(by, str) else by) if f.strip()
    )
    if not fields:
        raise InvalidInputError(
            f"by must name at least one field, such as {', '.join(BILL_FIELDS)}"
        )
    if len(set(fields)) != len(fields):
        raise InvalidInputError(f"by names a field twice: {', '.join(fields)}")
    for field in fields:
        if field in TOKEN_FIELDS or field == "timestamp":
            raise InvalidInputError(
                f"cannot group by {field!r}: group by {', '.join(BILL_FIELDS)} "
                "or a text field of the records"
            )
    return fields


def no_value(field: str, fields: Iterable[str] | None) -> InvalidInputError:
    """
    The error for a bill grouped by *field* when no record has a value for
    it (a typo, most likely: ``--by projcet``); *fields* are the records'
    own fields besides those the bill reads, when they are known.

    >>> print(no_value("projcet", ["project", "customer"]))
    cannot group by 'projcet': no record has a value for it (did you mean \
'project'?); group by model, provider, variant, window, hour, day, week, \
month or a field of the records (here: customer, project)
    """
    import difflib

    others = sorted(f for f in fields or () if f != field)
    text = f"cannot group by {field!r}: no record has a value for it"
    close = difflib.get_close_matches(field, [*BILL_FIELDS, *others], n=1)
    if close:
        text += f" (did you mean {close[0]!r}?)"
    text += f"; group by {', '.join(BILL_FIELDS)} or a field of the records"
    if fields is not None:
        text += f" (here: {', '.join(others) or 'none'})"
    return InvalidInputError(text)


class Rows(Iterable[dict[str, Any]]):
    """Records that can be read again from the start: each pass calls
    *read* anew (the rows of a table, for the Python engine)."""

    def __init__(self, read: Callable[[], Iterator[dict[str, Any]]]) -> None:
        self._read = read

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._read()


def tag_text(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def tag_key(value: object) -> object:
    """A group field's value as a key of the sums: text and None as they
    are, a number or a boolean by its text (1, 1.0 and True are equal in
    Python, not in a bill), anything else as it is (a list is refused)."""
    if type(value) is str or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return tag_text(value)
    return value


def usage_of(record: Mapping[str, Any]) -> Usage:
    """The slow, checking path for counts that are not plain ints."""
    counts = {}
    for name in TOKEN_FIELDS:
        value = record.get(name)
        counts[name] = 0 if value is None or value == "" else value
    return Usage(**counts)
