"""
Writing the price table and the name table to Parquet or CSV files.

Parquet keeps the Arrow schema of `tokencost.prices.table` (rates as
``decimal128(26, 20)``, the schema version in the file's metadata). CSV
writes every rate in plain positional notation with all its digits
(``0.00000027000000000000``), never an exponent or a rounded figure, dates
as ISO days, and absent values as empty cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from tokencost._errors import InvalidInputError
from tokencost.prices.table import (
    NAME_COLUMNS,
    PRICE_COLUMNS,
    PriceRow,
    names_to_arrow,
    to_arrow,
)

__all__ = ["csv_text", "write_table"]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        # A period's bound: UTC, written without a zone so that every SQL
        # engine reads it as a plain timestamp.
        return f"{value.astimezone(UTC):%Y-%m-%d %H:%M:%S}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_text(columns: Iterable[str], values: Iterable[Sequence[object]]) -> str:
    """A header of *columns* and a row per tuple of *values*, as CSV text
    (``\\n`` line ends; absent values as empty cells)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(columns))
    writer.writerows([_cell(v) for v in row] for row in values)
    return out.getvalue()


def write_table(
    out: Path, rows: Sequence[PriceRow] | Sequence[tuple[str, str]], *, kind: str
) -> str:
    """
    Write *rows* (price rows, or (name, model id) pairs when *kind* is
    ``names``) to *out*, a new ``.parquet`` or ``.csv`` file; return a line
    saying what was written.

    Raises:
        InvalidInputError: *out* exists, cannot be written, or has another
            suffix; Parquet without pyarrow.
    """
    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise InvalidInputError(
            f"cannot write {str(out)!r}: name a .parquet or .csv file"
        )
    if out.exists():
        raise InvalidInputError(f"{out} already exists; name a new file")
    columns = PRICE_COLUMNS if kind == "prices" else NAME_COLUMNS
    values = [r.values() if isinstance(r, PriceRow) else tuple(r) for r in rows]
    try:
        if suffix == ".csv":
            text = csv_text((name for name, _ in columns), values)
            with out.open("x", encoding="utf-8", newline="") as file:
                file.write(text)
        else:
            import importlib.util

            if importlib.util.find_spec("pyarrow") is None:
                raise InvalidInputError(
                    "writing Parquet needs pyarrow: "
                    "pip install 'tokencost-exact[arrow]'"
                )
            import pyarrow.parquet as pq

            if kind == "prices":
                table = to_arrow([r for r in rows if isinstance(r, PriceRow)])
            else:
                table = names_to_arrow([(str(a), str(b)) for a, b in values])
            with out.open("xb") as file:
                pq.write_table(table, file)
    except OSError as exc:
        raise InvalidInputError(f"cannot write {out}: {exc.strerror}") from None
    return (
        f"wrote {len(values):,} {'price' if kind == 'prices' else 'name'} rows to {out}"
    )
