"""
Tables and big files for the bill: DuckDB's sums, or records for Python.

DuckDB reads, checks and sums the records (`tokencost.engines.duck`), and
`bill` and `bill_file` price the sums with the Python engine's own code, so
a bill is the same whichever engine summed it. Whatever DuckDB cannot prove
it reads as the Python engine does goes to the Python engine, which bills it
or stops at the first bad record with its ``file:line`` (or ``record N``,
from 1, for a table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._errors import DataLookupError, InvalidInputError
from tokencost.billing.records import BILL_FIELDS, Rows
from tokencost.billing.shapes import changes_reading
from tokencost.engines.duck import Sums, duckdb_available, iter_arrow_records
from tokencost.engines.duck import sums as duckdb_sums
from tokencost.engines.query import NotClean

if TYPE_CHECKING:
    import pyarrow as pa

    from tokencost.billing.result import Bill
    from tokencost.prices.catalog import Catalog
__all__ = [
    "ENGINES",
    "arrow_records",
    "as_arrow",
    "bill_table",
    "file_sums",
    "is_table",
    "need",
    "parquet_records",
    "pick_engine",
    "table_sums",
]

#: The engines ``bill --engine`` accepts.
ENGINES: tuple[str, ...] = ("duckdb", "python")

# Fields grouped by time: then sums are kept per day, not per price period.
_BY_TIME = ("day", "month", "week", "hour")


def is_table(data: object) -> bool:
    """Whether *data* is a pandas or Polars DataFrame or an Arrow table."""
    kind = type(data)
    module = kind.__module__.split(".")[0]
    return (module, kind.__name__) in {
        ("pandas", "DataFrame"),
        ("polars", "DataFrame"),
        ("pyarrow", "Table"),
    }


def need(module: str, extra: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise InvalidInputError(
            f"this needs {module}: pip install 'tokencost-exact[{extra}]'"
        )


def as_arrow(data: object) -> pa.Table:
    """
    A pandas or Polars DataFrame or an Arrow table, as an Arrow table.

    Raises:
        InvalidInputError: a column name given twice (DuckDB would read the
            second under another name, and a row read as a dict keeps only
            one of them), or a pandas column Arrow cannot hold (mixed
            numbers and text, say), naming the column.
    """
    need("pyarrow", "arrow")
    import pyarrow as pa

    if isinstance(data, pa.Table):
        table = data
    else:
        kind = type(data).__module__.split(".")[0]
        if kind == "polars":
            table = data.to_arrow()  # type: ignore[attr-defined]
        elif kind == "pandas":
            _check_names([str(name) for name in data.columns])  # type: ignore[attr-defined]
            try:
                table = pa.Table.from_pandas(data, preserve_index=False)
            except (pa.ArrowException, ValueError, TypeError) as exc:
                raise InvalidInputError(
                    "cannot read the DataFrame: " + _one_line(exc)
                ) from None
        else:
            raise InvalidInputError(
                f"expected a pandas or Polars DataFrame or an Arrow table, not "
                f"{type(data).__name__}"
            )
    _check_names(table.column_names)
    return table


def _check_names(names: Sequence[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InvalidInputError(f"the records have the column {name!r} twice")
        seen.add(name)


def _one_line(exc: BaseException) -> str:
    # pyarrow's conversion errors are a tuple of messages over lines.
    parts = exc.args if exc.args else (str(exc),)
    return "; ".join(" ".join(str(part).split()) for part in parts)


def pick_engine(engine: str | None, path: Path) -> str:
    """The engine for *path*: *engine* if named, else DuckDB for Parquet when
    it is installed, else Python. JSONL and CSV go to DuckDB only when asked:
    its JSON reader takes lines the Python reader refuses (a trailing comma
    in an object), and by default a malformed line is an error, never a
    record."""
    if engine is not None:
        if engine not in ENGINES:
            raise InvalidInputError(
                f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}"
            )
        if engine == "duckdb":
            need("duckdb", "duckdb")
        return engine
    if not duckdb_available():
        return "python"
    return "duckdb" if path.suffix.lower() == ".parquet" else "python"


def table_sums(table: pa.Table, fields: Sequence[str], catalog: Catalog) -> Sums | None:
    """DuckDB's sums of an Arrow table of records, or None when DuckDB is not
    installed or cannot prove the records clean (the Python engine then
    bills them)."""
    if not duckdb_available():
        return None
    return _sums(table, fields, catalog)


def file_sums(path: Path, fields: Sequence[str], catalog: Catalog) -> Sums | None:
    """DuckDB's sums of a JSONL, CSV or Parquet file, or None as `table_sums`."""
    return _sums(path, fields, catalog)


def _sums(
    source: Path | pa.Table, fields: Sequence[str], catalog: Catalog
) -> Sums | None:
    if "hour" in fields:
        # The Python engine keys hourly sums its own way; it bills these.
        return None
    tags = [f for f in fields if f not in BILL_FIELDS]
    by_day = any(f in _BY_TIME for f in fields)
    try:
        count, found = duckdb_sums(
            source,
            tags=tags,
            by_day=by_day,
            catalog=catalog,
            suspect=changes_reading,
        )
    except NotClean:
        return None
    return count, found


def bill_table(
    data: object,
    biller: Callable[[Catalog, tuple[str, ...]], Any],
    python: Callable[..., Bill],
    options: tuple[Any, Any, Any, Any, bool],
) -> Bill:
    """
    `bill` of a DataFrame or Arrow table: summed by DuckDB when it is
    installed and no *preset* or *mapping* is given, else the rows read as
    records by the Python engine (*python*, `bill` itself). *biller* is the
    Python engine's accumulator, which prices DuckDB's sums; *options* are
    `bill`'s (by, catalog, preset, mapping, ignore_fees). The bill is in the
    currencies of its prices: `bill` converts it.
    """
    from tokencost.billing.records import check_by
    from tokencost.prices.catalog import default_catalog

    by, catalog, preset, mapping, ignore_fees = options
    table = as_arrow(data)
    if preset is None and mapping is None:
        fields = check_by(by)
        catalog = catalog or default_catalog()
        found = table_sums(table, fields, catalog)
        if found is not None:
            summed = biller(catalog, fields)
            summed.merge(*found)
            try:
                result: Bill = summed.result(None)
            except DataLookupError:
                pass  # The Python engine names the record.
            else:
                return result
    return python(
        arrow_records(table),
        by=by,
        catalog=catalog,
        preset=preset,
        mapping=mapping,
        ignore_fees=ignore_fees,
    )


def arrow_records(table: pa.Table) -> Iterable[dict[str, Any]]:
    """The rows of an Arrow table as record dicts, for the Python engine,
    which may read them again (`Rows`)."""
    return Rows(lambda: iter_arrow_records(table))


def parquet_records(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a Parquet file as record dicts (needs pyarrow)."""
    need("pyarrow", "arrow")
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except FileNotFoundError:
        raise InvalidInputError(
            f"{path}: cannot read: No such file or directory"
        ) from None
    except (OSError, ValueError) as exc:
        raise InvalidInputError(f"cannot read Parquet: {exc}") from None
    return iter_arrow_records(table)
