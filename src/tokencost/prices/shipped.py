"""
The compiled price table shipped in the package: ``data/price-table.csv``.

Compiling the price table of the whole bundled catalog takes about a second
and a half, and a bill used to compile the rows of the models its log names
on every run. The catalog build (``scripts/build_catalog.py``, or
``scripts/build_price_table.py`` after a sheet is edited by hand) writes the
table of the bundled catalog once, in the CSV form ``tokencost export``
writes (rates with all their 20 decimals, absent values as empty cells), and
the DuckDB engine reads the rows of the models a log names from it. A test
holds the file equal to what `tokencost.price_table` compiles from the
bundled sheets, so it cannot go stale unnoticed.

Only the bundled catalog itself is read this way: a catalog with a user's
sheets, or repriced, compiles its rows as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tokencost.prices.bundled import data_path

if TYPE_CHECKING:
    from tokencost.prices.catalog import Catalog

__all__ = [
    "SHIPPED_TABLE",
    "compiled_text",
    "is_bundled",
    "shipped_path",
    "write_shipped",
]

#: The file name of the shipped table in the bundled data folder.
SHIPPED_TABLE = "price-table.csv"


def shipped_path() -> str:
    """The path of the shipped price table."""
    return data_path(SHIPPED_TABLE)


def is_bundled(catalog: Catalog) -> bool:
    """Whether *catalog* is the bundled catalog itself, with no user sheet
    and nothing repriced: the catalog the shipped table was compiled from."""
    from tokencost.prices.catalog import _Bundled

    return type(catalog) is _Bundled


def compiled_text(catalog: Catalog | None = None) -> str:
    """The price table of *catalog* (default: the bundled sheets as they are
    on disk now, read afresh) as the CSV text that is shipped."""
    from tokencost.prices.catalog import _Bundled
    from tokencost.prices.export import csv_text
    from tokencost.prices.table import PRICE_COLUMNS, price_rows

    chosen = catalog if catalog is not None else _Bundled()
    rows = price_rows(chosen.models())
    return csv_text((name for name, _ in PRICE_COLUMNS), (r.values() for r in rows))


def write_shipped(path: str | Path | None = None) -> Path:
    """Write the bundled catalog's price table to *path* (default: the
    shipped file) and return the path."""
    out = Path(path) if path is not None else Path(shipped_path())
    out.write_text(compiled_text(), encoding="utf-8", newline="")
    return out
