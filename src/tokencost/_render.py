"""
Showing results: plain tables, markdown, JSON and CSV.

Every result object implements the `Renderable` protocol: ``table()`` gives
headers and rows of text, ``to_dict()`` a JSON-ready dict in which every
`Decimal` is a string, so no figure passes through a binary float.

Table and markdown are for people: figures rounded, thousands separated,
amounts with their currency, and on request Chinese magnitudes (2800万,
1.7亿). JSON and CSV are for programs and exact: while a CSV is written the
figure formatters give every digit (`exact_cells`), and the cells are then
made plain: no thousands separators, and an amount's currency moved out of
its cell into a currency column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal, Protocol, runtime_checkable

from tokencost._decimal import EXACT, exact_arithmetic, normalize
from tokencost._errors import InvalidInputError

__all__ = [
    "FORMATS",
    "MAGNITUDES",
    "Format",
    "Renderable",
    "exact_cells",
    "fmt_change",
    "fmt_ratio",
    "fmt_share",
    "format_chinese",
    "jsonable",
    "plain",
    "render",
]

Format = Literal["table", "markdown", "json", "csv"]
FORMATS: tuple[Format, ...] = ("table", "markdown", "json", "csv")
#: How table and markdown write large figures: 1,700,000,000 or 17亿.
MAGNITUDES: tuple[str, ...] = ("western", "chinese")


@runtime_checkable
class Renderable(Protocol):
    """A result that can be shown as a table and serialized as JSON."""

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The headers and the rows, as text ready to show."""
        ...

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; Decimals are strings, dates ISO strings."""
        ...


def jsonable(value: object) -> Any:
    """
    Convert *value* for JSON: Decimals and dates become strings.

    >>> jsonable({"a": Decimal("4.13"), "b": [date(2026, 6, 1)]})
    {'a': '4.13', 'b': ['2026-06-01']}
    """
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [jsonable(v) for v in value]
    if hasattr(value, "to_dict"):
        return jsonable(value.to_dict())
    return value


def _csv(headers: list[str], rows: list[list[str]]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


@exact_arithmetic
def render(
    result: Renderable, fmt: str = "table", *, magnitudes: str = "western"
) -> str:
    """
    Render *result* as ``table``, ``markdown``, ``json`` or ``csv``.

    JSON and CSV keep every digit, without thousands separators, and put
    currencies in fields or columns of their own; table and markdown show the
    cells of `table()`, which round amounts for reading. With *magnitudes*
    ``"chinese"``, table and markdown write figures of 10,000 and more in 万
    and 亿.
    """
    if magnitudes not in MAGNITUDES:
        raise InvalidInputError(
            f"unknown magnitudes {magnitudes!r}: expected one of "
            f"{', '.join(MAGNITUDES)}"
        )
    if fmt == "json":
        import json

        return json.dumps(jsonable(result.to_dict()), indent=2, ensure_ascii=False)
    if fmt == "csv":
        # Headers as people read them ("price (+83%)"), cells exact.
        headers, _ = result.table()
        with _exact_cells():
            _, rows = result.table()
        return _csv(*_plain_table(headers, rows))
    headers, rows = result.table()
    if fmt in ("table", "markdown"):
        # tabulate is imported here, not at import time, to keep import light.
        from tabulate import tabulate

        if magnitudes == "chinese":
            rows = [[_chinese_cell(cell) for cell in row] for row in rows]
        shown = _MARKDOWN_CELL if fmt == "markdown" else _TABLE_CELL
        rows = [[_escaped(cell, shown) for cell in row] for row in rows]
        headers = [_escaped(cell, shown) for cell in headers]
        style = "github" if fmt == "markdown" else "simple"
        return tabulate(rows, headers=headers, tablefmt=style, disable_numparse=True)
    raise InvalidInputError(
        f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}"
    )


# Text from the records (a group field of a bill) may hold a line break,
# which would split its row in two, or, in Markdown, a '|', which would add
# a column: each is shown escaped, one row per row.
_TABLE_CELL = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})
_MARKDOWN_CELL = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t", "|": "\\|"})


def _escaped(cell: Any, table: dict[int, str]) -> Any:
    return cell.translate(table) if isinstance(cell, str) else cell


def _tidy(text: str) -> str:
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "+0") else text


def fmt_ratio(value: Decimal, places: int = 4) -> str:
    """
    A plain number for people, rounded half-even to *places* decimals.

    >>> fmt_ratio(Decimal("2.27309236947791164658634538")), fmt_ratio(Decimal(-1))
    ('2.2731', '-1')
    """
    if _EXACT_CELLS.get():
        return plain(value)
    quantum = Decimal(1).scaleb(-places)
    return _tidy(
        f"{value.quantize(quantum, rounding=ROUND_HALF_EVEN, context=EXACT):,f}"
    )


def fmt_change(value: Decimal, places: int = 2) -> str:
    """
    A fraction as a signed percentage: ``0.83`` is ``+83%``.

    >>> fmt_change(Decimal("0.83")), fmt_change(Decimal("-0.453551912568306"))
    ('+83%', '-45.36%')
    >>> fmt_change(Decimal(0))
    '0%'

    In an exact CSV the fraction itself is written: ``0.83``.
    """
    if _EXACT_CELLS.get():
        return plain(value)
    text = fmt_ratio(EXACT.multiply(value, Decimal(100)), places)
    if not text.startswith("-") and text != "0":
        text = f"+{text}"
    return f"{text}%"


def fmt_share(value: Decimal, places: int = 1) -> str:
    """
    A fraction of a whole as a percentage: ``0.125`` is ``12.5%``; in an
    exact CSV, the fraction itself.

    >>> fmt_share(Decimal("0.125")), fmt_share(Decimal("0.3333333"))
    ('12.5%', '33.3%')
    """
    if _EXACT_CELLS.get():
        return plain(value)
    return f"{fmt_ratio(EXACT.multiply(value, Decimal(100)), places)}%"


# Exact cells: set while a CSV is written, read by the figure formatters.
_EXACT_CELLS: ContextVar[bool] = ContextVar("tokencost_exact_cells", default=False)


def exact_cells() -> bool:
    """
    Whether a machine-readable table is being written: the figure formatters
    (`fmt_ratio`, `fmt_change`, `format_amount`) then give every digit.
    """
    return _EXACT_CELLS.get()


@contextmanager
def _exact_cells() -> Iterator[None]:
    token = _EXACT_CELLS.set(True)
    try:
        yield
    finally:
        _EXACT_CELLS.reset(token)


def plain(value: Decimal) -> str:
    """
    *value* in full, in positional notation, trailing zeros dropped.

    >>> plain(Decimal("1.7E+9")), plain(Decimal("0.18452000")), plain(Decimal("-0"))
    ('1700000000', '0.18452', '0')
    """
    text = f"{normalize(value):f}"
    return "0" if text in ("-0", "+0") else text


_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_AMOUNT = re.compile(r"^[+-]?[\d,]+(?:\.\d+)?(?: [A-Z]{3}(?:/\S+)?)?$")
_MONEY_CELL = re.compile(r"^([+-]?[\d,]+(?:\.\d+)?) ([A-Z]{3})(/\S+)?$")


def _plain_number(cell: str) -> str:
    return cell.replace(",", "") if _GROUPED.match(cell) else cell


def _plain_table(
    headers: list[str], rows: list[list[str]]
) -> tuple[list[str], list[list[str]]]:
    """Cells for programs: thousands separators dropped, and the currency of
    amount cells ("1850.38 USD") moved to a currency column."""
    width = len(headers)
    money = [
        j
        for j in range(width)
        if any(_MONEY_CELL.match(row[j]) for row in rows if j < len(row))
    ]
    units = {}
    for j in money:
        found = {
            m.group(3)
            for row in rows
            if j < len(row)
            if (m := _MONEY_CELL.match(row[j]))
        }
        if len(found) == 1 and None not in found:
            units[j] = found.pop()
    codes_per_row = [
        {m.group(2) for j in money if j < len(row) if (m := _MONEY_CELL.match(row[j]))}
        for row in rows
    ]
    one_column = all(len(codes) <= 1 for codes in codes_per_row)
    every_code = set().union(*codes_per_row) if codes_per_row else set()
    if one_column and len(every_code) == 1 and headers[:1] != ["measure"]:
        # One currency in a table of like rows: every row with an amount has
        # it. (A table of measures mixes amounts with ratios: rows keep their
        # own.)
        codes_per_row = [
            every_code
            if any(j < len(row) and _AMOUNT.match(row[j]) for j in money)
            else set()
            for row in rows
        ]
    out_headers = []
    for j, header in enumerate(headers):
        unit = units.get(j)
        out_headers.append(f"{header} (per {unit[1:]})" if unit else header)
        if j in money and not one_column:
            out_headers.append(f"{header} currency")
    if money and one_column:
        out_headers.append(
            "currency" if "currency" not in headers else "amount currency"
        )
    out_rows = []
    for row, codes in zip(rows, codes_per_row, strict=True):
        cells = []
        for j, cell in enumerate(row):
            match = _MONEY_CELL.match(cell) if j in money else None
            cells.append(_plain_number(match.group(1) if match else cell))
            if j in money and not one_column:
                cells.append(match.group(2) if match else "")
        if money and one_column:
            cells.append(next(iter(codes), ""))
        out_rows.append(cells)
    return out_headers, out_rows


# The largest magnitude first: 万亿 (10^12), 亿 (10^8), 万 (10^4).
_CN_STEPS = ((12, "万亿"), (8, "亿"), (4, "万"))


def format_chinese(value: Decimal, places: int = 4) -> str:
    """
    *value* with a Chinese magnitude when it reaches 10,000: the number of
    万 (10^4), 亿 (10^8) or 万亿 (10^12), rounded half-even to at most
    *places* decimals, trailing zeros dropped.

    >>> format_chinese(Decimal("28000000")), format_chinese(Decimal("1.7E+9"))
    ('2800万', '17亿')
    >>> format_chinese(Decimal("1850383.92")), format_chinese(Decimal("9999.5"))
    ('185.0384万', '9999.5')
    """
    for power, unit in _CN_STEPS:
        if abs(value) >= Decimal(10) ** power:
            scaled = value.scaleb(-power, context=EXACT)
            quantum = Decimal(1).scaleb(-places)
            text = f"{scaled.quantize(quantum, context=EXACT):f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            return f"{text}{unit}"
    return f"{normalize(value):f}"


_NUMBER_CELL = re.compile(r"^([+-]?[\d,]+(?:\.\d+)?)((?: [A-Z]{3})?(?:/\S+)?)$")


def _chinese_cell(cell: str) -> str:
    match = _NUMBER_CELL.match(cell)
    if match is None:
        return cell
    number = Decimal(match.group(1).replace(",", ""))
    if abs(number) < 10_000:
        return cell
    return format_chinese(number) + match.group(2)
