"""
Reading what people type: token counts, amounts, changes, days and moments.

Token counts are whole numbers and may carry a scale suffix (``120k``,
``1.2M``, ``3_000``, ``2e6``). Changes are fractions: ``0.83`` and ``83%``
both mean a rise of 83 per cent. Floats are read through `str`, so ``0.1``
is ``Decimal("0.1")`` and never ``0.1000000000000000055...``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import TypeAlias

from tokencost._decimal import EXACT, normalize
from tokencost._errors import InvalidQuantityError, WrongTypeError

__all__ = [
    "Number",
    "as_date",
    "as_moment",
    "normalize",
    "parse_amount",
    "parse_change",
    "parse_tokens",
    "to_decimal",
]

#: Anything tokencost accepts where a number goes.
Number: TypeAlias = "int | float | Decimal | str"

_SCALES = {
    "": Decimal(1),
    "k": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "g": Decimal(10) ** 9,
    "t": Decimal(10) ** 12,
}
_DIGITS = r"[0-9][0-9_,]*(?:\.[0-9_]*)?(?:e[+-]?[0-9]+)?"
_SCALED = re.compile(rf"^\s*([+-]?{_DIGITS})\s*([kmbgt]?)\s*$", re.I)
_PERCENT = re.compile(rf"^\s*([+-]?\s*{_DIGITS})\s*(%?)\s*$", re.I)


def _describe(value: object) -> str:
    return repr(value)


def to_decimal(value: object, *, what: str = "number") -> Decimal:
    """
    Convert *value* to a finite `Decimal` without going through binary floats.

    Floats are converted through `str` (``0.1`` becomes ``Decimal("0.1")``);
    strings may use ``_`` or ``,`` as digit separators and a ``k``, ``M``,
    ``B`` or ``T`` suffix.

    >>> to_decimal(0.1)
    Decimal('0.1')
    >>> to_decimal("1.2M")
    Decimal('1200000.0')

    Raises:
        WrongTypeError: for bools, None and other non-numbers.
        InvalidQuantityError: for NaN, infinities and unreadable strings.
    """
    if isinstance(value, bool):
        raise WrongTypeError(f"{what} must be a number, not the bool {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(str(value))
    elif isinstance(value, str):
        match = _SCALED.match(value)
        if match is None:
            raise InvalidQuantityError(
                f"cannot read {what} {value!r}: expected a number such as "
                "'1200', '1.2M', '120k', '3_000' or '2e6'"
            )
        digits, suffix = match.groups()
        try:
            result = Decimal(digits.replace("_", "").replace(",", ""))
        except InvalidOperation:
            raise InvalidQuantityError(f"cannot read {what} {value!r}") from None
        result *= _SCALES[suffix.lower()]
    else:
        raise WrongTypeError(
            f"{what} must be an int, float, Decimal or str, "
            f"not {type(value).__name__} {_describe(value)}"
        )
    if not result.is_finite():
        raise InvalidQuantityError(f"{what} must be finite, got {value!r}")
    return result


def parse_tokens(value: object, *, what: str = "token count") -> int:
    """
    Read a token count: a whole, non-negative number.

    >>> parse_tokens("120k"), parse_tokens("1.2M"), parse_tokens("3_000")
    (120000, 1200000, 3000)
    >>> parse_tokens(2e6)
    2000000

    Raises:
        InvalidQuantityError: for negative, fractional or unreadable counts.
        WrongTypeError: for bools and non-numbers.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise InvalidQuantityError(f"{what} must be >= 0, got {value!r}")
        return value
    number = to_decimal(value, what=what)
    if number < 0:
        raise InvalidQuantityError(f"{what} must be >= 0, got {value!r}")
    if number != number.to_integral_value():
        raise InvalidQuantityError(
            f"{what} must be a whole number of tokens, got {value!r}"
        )
    return int(number)


def parse_amount(
    value: object, *, what: str = "amount", allow_zero: bool = True
) -> Decimal:
    """
    Read a non-negative amount (a price or a volume) as a `Decimal`.

    >>> parse_amount("4.13"), parse_amount("1.7B"), parse_amount(50)
    (Decimal('4.13'), Decimal('1700000000.0'), Decimal('50'))

    Raises:
        InvalidQuantityError: for negative (or, with ``allow_zero=False``,
            zero) or unreadable amounts.
    """
    number = to_decimal(value, what=what)
    if number < 0 or (number == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise InvalidQuantityError(f"{what} must be {bound}, got {value!r}")
    return number


def parse_change(value: object, *, what: str = "change") -> Decimal:
    """
    Read a relative change as a fraction: ``"83%"`` and ``0.83`` are both +83%.

    A bare number is a fraction; a number followed by ``%`` is a percentage.

    >>> parse_change("83%"), parse_change("+400%"), parse_change("-12.5%")
    (Decimal('0.83'), Decimal('4'), Decimal('-0.125'))
    >>> parse_change(0.83)
    Decimal('0.83')

    Raises:
        InvalidQuantityError: for unreadable strings and non-finite numbers.
    """
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if match is None:
            raise InvalidQuantityError(
                f"cannot read {what} {value!r}: expected a fraction such as "
                "'0.83' or a percentage such as '83%', '+83%' or '-12.5%'"
            )
        digits, percent = match.groups()
        number = to_decimal(digits.replace(" ", ""), what=what)
        if percent:
            return normalize(EXACT.divide(number, Decimal(100)))
        return number
    return to_decimal(value, what=what)


# -- days and moments ----------------------------------------------------------


def as_date(value: object, *, what: str = "date") -> date:
    """
    Read a day: a `date`, a `datetime` (its UTC day) or an ISO string.

    None means today, in UTC.
    """
    if value is None:
        return datetime.now(UTC).date()
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return as_date(datetime.fromisoformat(text))
        except ValueError:
            raise InvalidQuantityError(
                f"cannot read {what} {value!r}: expected an ISO date such as "
                "'2026-06-01'"
            ) from None
    raise WrongTypeError(f"{what} must be a date or an ISO string, not {value!r}")


def as_moment(value: object, *, what: str = "date") -> tuple[date, datetime | None]:
    """
    Read a day and, when given, a moment in UTC (naive times are UTC).

    A `datetime` or an ISO string with a time gives both; a `date`, a bare
    ISO day or None (today) give the day alone, and then no time-of-day
    window applies.
    """
    if isinstance(value, str) and len(value.strip()) > 10:
        day = as_date(value, what=what)
        return day, _utc(datetime.fromisoformat(value.strip()))
    if isinstance(value, datetime):
        return as_date(value, what=what), _utc(value)
    return as_date(value, what=what), None


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
