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

import contextlib
import operator
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import SupportsIndex, TypeAlias

from tokencost._decimal import EXACT, normalize
from tokencost._errors import InvalidQuantityError, WrongTypeError

__all__ = [
    "MAX_TOKENS",
    "Count",
    "Number",
    "as_date",
    "as_moment",
    "normalize",
    "now",
    "parse_amount",
    "parse_change",
    "parse_price_change",
    "parse_series",
    "parse_tokens",
    "set_clock",
    "shorten",
    "split_chinese_magnitude",
    "to_decimal",
]

#: Anything tokencost accepts where a number goes.
Number: TypeAlias = "int | float | Decimal | str"
#: Anything tokencost accepts where a count of tokens or requests goes: any
#: integral number (an int, numpy's integers: anything with ``__index__``), a
#: whole float or Decimal, or text such as ``"120k"``.
Count: TypeAlias = "SupportsIndex | float | Decimal | str"

# Powers of ten in the exact context, never in the caller's (which may be in
# force when this module is first imported, and would round 10**6 to 1.00E+6).
_SCALES = {
    "": Decimal(1),
    "k": EXACT.power(10, 3),
    "m": EXACT.power(10, 6),
    "b": EXACT.power(10, 9),
    "g": EXACT.power(10, 9),
    "t": EXACT.power(10, 12),
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
    """*value* as an error message names it: text quoted, a `Decimal` as its
    digits (``0``, not ``Decimal('0')``)."""
    if isinstance(value, Decimal):
        return shorten(str(value))
    return shorten(repr(value))


def to_decimal(value: object, *, what: str = "number", bounded: bool = True) -> Decimal:
    """
    Convert *value* to a finite `Decimal` without going through binary floats.

    Floats are converted through `str` (``0.1`` becomes ``Decimal("0.1")``);
    strings may use ``_`` or ``,`` as digit separators and a ``k``, ``M``,
    ``B`` or ``T`` suffix, or a Chinese magnitude (``2800万``, ``1.7亿``).

    >>> to_decimal(0.1)
    Decimal('0.1')
    >>> to_decimal("1.2M"), to_decimal("1.7亿")
    (Decimal('1200000.0'), Decimal('170000000.0'))

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
        chinese = None if match else split_chinese_magnitude(value)
        if chinese is not None:
            result = EXACT.multiply(chinese[0], EXACT.power(10, chinese[1]))
        elif match is None:
            raise InvalidQuantityError(
                f"cannot read {what} {_describe(value)}: expected a number such as "
                "'1200', '1.2M', '120k', '3_000', '2e6' or '2800万'"
            )
        else:
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

    Any integral type is read through ``__index__`` (numpy's integers, say);
    text may carry a magnitude.

    >>> parse_tokens("120k"), parse_tokens("1.2M"), parse_tokens("3_000")
    (120000, 1200000, 3000)
    >>> parse_tokens(2e6)
    2000000

    Raises:
        InvalidQuantityError: for negative, fractional or unreadable counts,
            and counts above `MAX_TOKENS`.
        WrongTypeError: for bools and non-numbers.
    """
    if not isinstance(value, int) and hasattr(type(value), "__index__"):
        # numpy's bool has __index__ but refuses; it is named below.
        with contextlib.suppress(TypeError):
            value = operator.index(value)  # type: ignore[arg-type]
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


def parse_price_change(value: object, *, what: str = "price change") -> Decimal:
    """
    Read a change to a price, which must leave the price above zero.

    >>> parse_price_change("83%"), parse_price_change(-0.5)
    (Decimal('0.83'), Decimal('-0.5'))
    """
    change = parse_change(value, what=what)
    if change <= -1:
        raise InvalidQuantityError(
            f"{what} {value!r} would take the price to zero or below: "
            "expected a change above -100%, such as '-12%' or '83%'"
        )
    return change


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
            # Every ISO form of a day ('2026-06-01', '20260601',
            # '2026-W23-1') fits in ten characters and every time needs
            # more: datetime would read a day's basic form as its midnight,
            # a moment, and price it in the time window in force then.
            if len(text) <= 10:
                return date.fromisoformat(text), None
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidQuantityError(
                f"cannot read {what} {_describe(value)}: expected an ISO date such "
                "as '2026-06-01' or a time such as '2026-06-01T09:30:00Z'"
            ) from None
        try:
            moment = _utc(parsed)
        except InvalidQuantityError:
            raise InvalidQuantityError(
                f"cannot read {what} {_describe(value)}: out of range in UTC"
            ) from None
        return moment.date(), moment
    raise WrongTypeError(
        f"{what} must be a date, a datetime or an ISO string, not {_describe(value)}"
    )


# Chinese magnitudes. 万 is 10^4 and 亿 10^8; a figure may carry 十, 百 or
# 千 before them (千万 is 10^7, 十亿 10^9) and 万亿 is 10^12. The traditional
# forms 萬 and 億 read the same. Kept apart from the Latin suffixes above so
# each reader stays simple.
_CN_POWERS = {"十": 1, "百": 2, "千": 3, "万": 4, "萬": 4, "亿": 8, "億": 8}
_CN_FIGURE = re.compile(
    rf"^\s*([+-]?{_DIGITS})\s*([十百千]?[万萬]?[亿億]?)\s*$", re.IGNORECASE
)


def split_chinese_magnitude(text: str) -> tuple[Decimal, int] | None:
    """
    The number and the power of ten of a figure written with a Chinese
    magnitude, or None when *text* has none.

    >>> split_chinese_magnitude("2800万"), split_chinese_magnitude("1.7亿")
    ((Decimal('2800'), 4), (Decimal('1.7'), 8))
    >>> split_chinese_magnitude("3千万"), split_chinese_magnitude("120k") is None
    ((Decimal('3'), 7), True)
    """
    match = _CN_FIGURE.match(text)
    if match is None or not match.group(2):
        return None
    digits, units = match.groups()
    try:
        number = Decimal(digits.replace("_", "").replace(",", ""))
    except InvalidOperation:
        return None
    return number, sum(_CN_POWERS[unit] for unit in units)


# A series of figures: "0..100%/10%", "-0.5,-1,-1.5", or both mixed.
_RANGE = re.compile(r"^(.+?)\.\.(.+?)/(.+)$")
#: The most figures one series may hold.
MAX_SERIES = 1_001


def parse_series(
    value: object, *, what: str = "value", percent: bool = False
) -> tuple[Decimal, ...]:
    """
    Read one figure or several: a number, a sequence, or text of values and
    ranges separated by commas.

    A range ``FROM..TO/STEP`` runs from FROM by STEP and includes TO when a
    whole number of steps reaches it. With *percent*, each figure is a change
    (``"10%"`` or the fraction ``0.1``), and a ``%`` anywhere in a range
    applies to all of it: ``0..100%/10%`` is 0%, 10%, ..., 100%.

    >>> parse_series("0..30%/10%", percent=True)
    (Decimal('0'), Decimal('0.1'), Decimal('0.2'), Decimal('0.3'))
    >>> parse_series("-0.5,-1,-1.5")
    (Decimal('-0.5'), Decimal('-1'), Decimal('-1.5'))

    Raises:
        InvalidQuantityError: for an unreadable figure, a zero step, a step
            that goes away from TO, an empty list, or more than 1,001
            figures.
    """
    if isinstance(value, str):
        items: list[object] = [item.strip() for item in value.split(",")]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        items = [value]
    if not items or any(item == "" for item in items):
        raise InvalidQuantityError(
            f"cannot read {what}s {value!r}: expected figures separated by "
            "commas, such as '-0.5,-1,-1.5', or a range such as '0..100%/10%'"
        )
    out: list[Decimal] = []
    for item in items:
        if isinstance(item, str) and (match := _RANGE.match(item)):
            out.extend(_range(item, match.groups(), what=what, percent=percent))
        else:
            out.append(_series_figure(item, what=what, percent=percent))
        if len(out) > MAX_SERIES:
            raise InvalidQuantityError(
                f"{what}s {value!r} make more than {MAX_SERIES:,} figures: "
                "use a larger step"
            )
    return tuple(out)


def _series_figure(item: object, *, what: str, percent: bool) -> Decimal:
    number = parse_change(item, what=what) if percent else to_decimal(item, what=what)
    return normalize(number)


def _range(
    item: str, parts: tuple[str, ...], *, what: str, percent: bool
) -> list[Decimal]:
    if percent and "%" in item:
        parts = tuple(p if "%" in p else f"{p.strip()}%" for p in parts)
    start, stop, step = (_series_figure(p, what=what, percent=percent) for p in parts)
    span = EXACT.subtract(stop, start)
    if step == 0 or (span != 0 and span.is_signed() != step.is_signed()):
        raise InvalidQuantityError(
            f"cannot read the range {item!r}: the step must go from "
            f"{parts[0].strip()} towards {parts[1].strip()}, e.g. '0..100%/10%'"
        )
    count = int(EXACT.divide_int(span, step)) + 1
    if count > MAX_SERIES:
        raise InvalidQuantityError(
            f"the range {item!r} makes {count:,} {what}s: at most "
            f"{MAX_SERIES:,}; use a larger step"
        )
    return [
        normalize(EXACT.add(start, EXACT.multiply(step, index)))
        for index in range(count)
    ]
