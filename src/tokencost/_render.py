"""
Showing results: plain tables, markdown, JSON and CSV.

Every result object implements the `Renderable` protocol: ``table()`` gives
headers and rows of text, ``to_dict()`` a JSON-ready dict in which every
`Decimal` is a string, so no figure passes through a binary float.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal, Protocol, runtime_checkable

from tokencost._decimal import EXACT
from tokencost._errors import InvalidInputError

__all__ = [
    "FORMATS",
    "Format",
    "Renderable",
    "fmt_change",
    "fmt_ratio",
    "jsonable",
    "render",
]

Format = Literal["table", "markdown", "json", "csv"]
FORMATS: tuple[Format, ...] = ("table", "markdown", "json", "csv")


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


def render(result: Renderable, fmt: str = "table") -> str:
    """
    Render *result* as ``table``, ``markdown``, ``json`` or ``csv``.

    JSON keeps every digit; table, markdown and CSV show the cells of
    `table()`, which round amounts for reading.
    """
    if fmt == "json":
        import json

        return json.dumps(jsonable(result.to_dict()), indent=2, ensure_ascii=False)
    headers, rows = result.table()
    if fmt == "csv":
        return _csv(headers, rows)
    if fmt in ("table", "markdown"):
        # tabulate is imported here, not at import time, to keep import light.
        from tabulate import tabulate

        style = "github" if fmt == "markdown" else "simple"
        return tabulate(rows, headers=headers, tablefmt=style, disable_numparse=True)
    raise InvalidInputError(
        f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}"
    )


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
    """
    text = fmt_ratio(EXACT.multiply(value, Decimal(100)), places)
    if not text.startswith("-") and text != "0":
        text = f"+{text}"
    return f"{text}%"
