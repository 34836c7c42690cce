"""
Reading what people type: token counts, amounts, changes, days and moments.

Token counts are whole numbers and may carry a scale suffix (``120k``,
``1.2M``, ``3_000``, ``2e6``). Changes are fractions: ``0.83`` and ``83%``
both mean a rise of 83 per cent. Floats are read through `str`, so ``0.1``
is ``Decimal("0.1")`` and never ``0.1000000000000000055...``.

Commas are accepted only as well-formed thousands separators (``1,500``,
``12,345.5k``): ``1,5k`` is refused rather than read as 15,000. Numbers are
read in the one exact context of `tokencost._decimal`, never the caller's,
and magnitudes are bounded (token counts at `MAX_TOKENS`, other numbers
between 1e-30 and 1e30) so that no later step can overflow.

When no day or moment is given, the current one is taken from a clock that
tests and callers can set (`set_clock`), so results are reproducible.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeAlias

from tokencost._decimal import EXACT, normalize
from tokencost._errors import InvalidInputError, InvalidQuantityError, WrongTypeError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MAX_FILE",
    "MAX_TOKENS",
    "Number",
    "as_date",
    "as_moment",
    "normalize",
    "now",
    "parse_amount",
    "parse_change",
    "parse_data",
    "parse_tokens",
    "read_text_file",
    "set_clock",
    "shorten",
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
# Digits with optional underscores, or grouped by three with commas.
_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9][0-9_]*)(?:\.[0-9_]*)?(?:e[+-]?[0-9]+)?"
#: The largest token count read: far above any real workload (a billion
#: requests of a million tokens), low enough that every figure built from
#: it stays exact.
MAX_TOKENS = 10**18
# Other numbers (prices, volumes, changes, elasticities) lie between these
# powers of ten, or are zero.
_LARGEST = 30
_SMALLEST = -30
_SCALED = re.compile(rf"^\s*([+-]?{_DIGITS})\s*([kmbgt]?)\s*$", re.I)
_PERCENT = re.compile(rf"^\s*([+-]?\s*{_DIGITS})\s*(%?)\s*$", re.I)


def shorten(text: str, limit: int = 80) -> str:
    """
    *text* cut to *limit* characters for an error message.

    >>> shorten("x" * 100, 10)
    'xxxxxxx...'
    """
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe(value: object) -> str:
    return shorten(repr(value))


def to_decimal(value: object, *, what: str = "number", bounded: bool = True) -> Decimal:
    """
    Convert *value* to a finite `Decimal` without going through binary floats.

    Floats are converted through `str` (``0.1`` becomes ``Decimal("0.1")``);
    strings may use ``_`` or ``,`` as digit separators and a ``k``, ``M``,
    ``B`` or ``T`` suffix.

    >>> to_decimal(0.1)
    Decimal('0.1')
    >>> to_decimal("1.2M")
    Decimal('1200000.0')

    With *bounded* (the default), a number must be zero or between 1e-30
    and 1e30 in size, so that no later step can overflow or lose digits.

    Raises:
        WrongTypeError: for bools, None and other non-numbers.
        InvalidQuantityError: for NaN, infinities, unreadable strings, commas
            that are not thousands separators, and numbers out of range.
    """
    if isinstance(value, bool):
        raise WrongTypeError(
            f"{what} must be a number, not the bool {_describe(value)}"
        )
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
                f"cannot read {what} {_describe(value)}: expected a number such as "
                "'1200', '1.2M', '120k', '3_000' or '2e6'"
            )
        digits, suffix = match.groups()
        try:
            result = Decimal(digits.replace("_", "").replace(",", ""))
            # In the exact context: the caller's precision never rounds it.
            result = EXACT.multiply(result, _SCALES[suffix.lower()])
        except (InvalidOperation, ArithmeticError):
            raise InvalidQuantityError(
                f"cannot read {what} {_describe(value)}: out of range"
            ) from None
    else:
        raise WrongTypeError(
            f"{what} must be an int, float, Decimal or str, "
            f"not {type(value).__name__} {_describe(value)}"
        )
    if not result.is_finite():
        raise InvalidQuantityError(f"{what} must be finite, got {_describe(value)}")
    if bounded and result and not _SMALLEST <= result.adjusted() <= _LARGEST:
        raise InvalidQuantityError(
            f"{what} {_describe(value)} is out of range: numbers are read between "
            f"1e{_SMALLEST} and 1e{_LARGEST} in size"
        )
    return result


def parse_tokens(value: object, *, what: str = "token count") -> int:
    """
    Read a token count: a whole, non-negative number.

    >>> parse_tokens("120k"), parse_tokens("1.2M"), parse_tokens("3_000")
    (120000, 1200000, 3000)
    >>> parse_tokens(2e6)
    2000000

    Raises:
        InvalidQuantityError: for negative, fractional or unreadable counts,
            and counts above `MAX_TOKENS`.
        WrongTypeError: for bools and non-numbers.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise InvalidQuantityError(f"{what} must be >= 0, got {_describe(value)}")
        if value > MAX_TOKENS:
            raise _too_many(value, what)
        return value
    # Unbounded here: a count above MAX_TOKENS gets the message about counts.
    number = to_decimal(value, what=what, bounded=False)
    if number < 0:
        raise InvalidQuantityError(f"{what} must be >= 0, got {_describe(value)}")
    if number > MAX_TOKENS:
        raise _too_many(value, what)
    if number != number.to_integral_value(context=EXACT):
        raise InvalidQuantityError(
            f"{what} must be a whole number of tokens, got {_describe(value)}"
        )
    return int(number)


def _too_many(value: object, what: str) -> InvalidQuantityError:
    return InvalidQuantityError(
        f"{what} {_describe(value)} is too large: at most {MAX_TOKENS:.0e} tokens"
    )


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
        raise InvalidQuantityError(f"{what} must be {bound}, got {_describe(value)}")
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
                f"cannot read {what} {_describe(value)}: expected a fraction such as "
                "'0.83' or a percentage such as '83%', '+83%' or '-12.5%'"
            )
        digits, percent = match.groups()
        number = to_decimal(digits.replace(" ", ""), what=what)
        if percent:
            return normalize(EXACT.divide(number, Decimal(100)))
        return number
    return to_decimal(value, what=what)


# -- days and moments ----------------------------------------------------------


def _system_clock() -> datetime:
    return datetime.now(UTC)


_clock: Callable[[], datetime] = _system_clock


def set_clock(clock: Callable[[], datetime] | None) -> None:
    """
    Take "now" from *clock* wherever no day or moment is given; None for the
    system clock.

    A function, such as ``lambda: datetime(2026, 10, 1, 2, tzinfo=UTC)``,
    makes every call without ``at`` reproducible. Naive datetimes are UTC.

    Raises:
        WrongTypeError: *clock* is not callable.
    """
    global _clock  # noqa: PLW0603 - one process-wide clock, by design
    if clock is None:
        _clock = _system_clock
        return
    if not callable(clock):
        raise WrongTypeError(
            f"clock must be a function returning a datetime, not {_describe(clock)}"
        )
    _clock = clock


def now() -> datetime:
    """The current moment, in UTC, from the clock `set_clock` chose."""
    moment = _clock()
    if not isinstance(moment, datetime):
        raise WrongTypeError(f"the clock gave {_describe(moment)}, not a datetime")
    return _utc(moment)


def _utc(moment: datetime) -> datetime:
    try:
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except OverflowError:
        raise InvalidQuantityError(
            f"{moment.isoformat()} is out of range in UTC"
        ) from None


def as_date(value: object, *, what: str = "date") -> date:
    """
    Read a day: a `date`, a `datetime` (its UTC day) or an ISO string.

    None means today, in UTC, by the clock (see `set_clock`).
    """
    return as_moment(value, what=what)[0]


def as_moment(value: object, *, what: str = "date") -> tuple[date, datetime | None]:
    """
    Read a day and, when given, a moment in UTC (naive times are UTC).

    A `datetime` or an ISO string with a time gives both; a `date` or a bare
    ISO day give the day alone, and then no time-of-day window applies.
    None is the current moment, by the clock (see `set_clock`).

    Raises:
        InvalidQuantityError: for text that is no day or time, and for times
            whose UTC day falls outside years 1 to 9999.
        WrongTypeError: for anything but a date, a datetime, a str or None.
    """
    if value is None:
        moment = now()
        return moment.date(), moment
    if isinstance(value, datetime):
        moment = _utc(value)
        return moment.date(), moment
    if isinstance(value, date):
        return value, None
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text), None
            moment = _utc(datetime.fromisoformat(text))
        except ValueError:
            raise InvalidQuantityError(
                f"cannot read {what} {_describe(value)}: expected an ISO date such "
                "as '2026-06-01' or a time such as '2026-06-01T09:30:00Z'"
            ) from None
        except InvalidQuantityError:
            raise InvalidQuantityError(
                f"cannot read {what} {_describe(value)}: out of range in UTC"
            ) from None
        return moment.date(), moment
    raise WrongTypeError(
        f"{what} must be a date, a datetime or an ISO string, not {_describe(value)}"
    )


# -- files people hand in ------------------------------------------------------

#: The largest sheet, profile or import file read, in bytes: far above any
#: real one, low enough that an endless stream cannot fill memory.
MAX_FILE = 64 << 20


def read_text_file(
    path: Path, *, error: type[InvalidInputError] = InvalidInputError
) -> str:
    """
    The text of a UTF-8 file (a leading byte-order mark is dropped), read
    with a cap of `MAX_FILE` bytes.

    Raises:
        *error*: naming the file, when it cannot be read, is larger than the
            cap or is not UTF-8 (UTF-16 files say so).
    """
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE + 1)
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE:
        raise error(f"{path}: larger than {MAX_FILE >> 20} MiB: not a data file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error(f"{path}: UTF-16 text; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            f"{path}: not UTF-8 text (byte {exc.start + 1} is {data[exc.start]:#04x})"
        ) from None


def parse_data(
    text: str,
    suffix: str,
    origin: str,
    *,
    error: type[InvalidInputError] = InvalidInputError,
) -> Any:
    """
    TOML or JSON text (by *suffix*, ``.toml`` or ``.json``) as plain data,
    non-integers as `Decimal`.

    Raises:
        *error*: naming *origin*, for malformed or too deeply nested text.
    """
    import json
    import tomllib

    try:
        if suffix == ".toml":
            return tomllib.loads(text, parse_float=Decimal)
        if suffix == ".json":
            return json.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise error(f"{origin}: not valid {suffix[1:]}: {exc}") from None
    except RecursionError:
        raise error(f"{origin}: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer past Python's digit limit
        raise error(f"{origin}: not valid {suffix[1:]}: {exc}") from None
    raise error(f"{origin}: unknown file type {suffix!r}: expected .toml or .json")
