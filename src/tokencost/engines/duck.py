"""
The DuckDB engine: usage read, checked, priced and summed by one query.

The engine reads JSONL, CSV and Parquet files, and Arrow tables (pandas and
Polars DataFrames through Arrow), into one normalized relation, resolves the
distinct model names in Python with the catalog's own rules, loads the price
rows of those models only, and runs the pricing query of
`tokencost.engines.query` over it, in UTC.

It prices only what it can prove the Python engine reads the same way: a
record is *clean* when its model is text the catalog knows, its timestamp
is a date or an ISO date-time of the plain form (``2026-07-01``,
``2026-07-01T09:30:00Z``, an offset, up to microseconds), its variant and
extra fields are text or absent, and its token counts are whole numbers of
up to 15 digits whose parts fit (cache tokens within input, reasoning within
output); and when it matches a price row with every rate it uses. One
record that is not clean, or a file DuckDB cannot read, and the engine
hands the whole input back (`NotClean`): the Python engine then bills it or
stops at the first bad record with its line, so the errors are the same in
both engines by construction.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost.engines.query import (
    TOKEN_COLUMNS,
    NotClean,
    bounds,
    priced_query,
    read_sums,
    sums_query,
)

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    from tokencost.prices.catalog import Catalog
    from tokencost.prices.table import PriceRow

__all__ = [
    "NotClean",
    "Sums",
    "duckdb_available",
    "price_arrow",
    "sums",
]

#: (records, {(name, day, variant, window, tier, *tags): [records, *tokens]}),
#: the form the Python engine merges.
Sums = tuple[int, dict[tuple[Any, ...], list[int]]]

# The plain ISO forms of a timestamp that DuckDB and Python read alike.
_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_MOMENT = (
    _DAY + r"[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?"
)
# Token counts the engine sums in BIGINT and prices in DECIMAL(38, 20).
_COUNT = r"[0-9]{1,15}"
_BOM = b"\xef\xbb\xbf"


def duckdb_available() -> bool:
    """Whether the ``duckdb`` extra is installed."""
    import importlib.util

    return importlib.util.find_spec("duckdb") is not None


def _connect() -> duckdb.DuckDBPyConnection:
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute("SET TimeZone = 'UTC'")
    return con


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Columns:
    """How each field is read from a source: a SQL expression giving the
    clean value, or NULL when the value is not clean."""

    def __init__(self, present: set[str]) -> None:
        self.present = present

    def text(self, name: str) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def count(self, name: str) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def moment(self, name: str) -> tuple[str, str]:  # pragma: no cover
        """(TIMESTAMPTZ or NULL, whether it has a time of day)."""
        raise NotImplementedError


class _JsonColumns(_Columns):
    """JSONL read with every field as JSON, so a string ``"120"`` is not a
    count and a number is not text, as in Python's `json`."""

    def text(self, name: str) -> str:
        c = _ident(name)
        return f"CASE WHEN json_type({c}) = 'VARCHAR' THEN {c} ->> '$' END"

    def is_clean_text(self, name: str) -> str:
        c = _ident(name)
        return f"({c} IS NULL OR json_type({c}) = 'VARCHAR')"

    def count(self, name: str) -> str:
        c = _ident(name)
        return (
            f"CASE WHEN {c} IS NULL THEN 0 WHEN regexp_full_match("
            f"CAST({c} AS VARCHAR), '{_COUNT}') THEN "
            f"CAST(CAST({c} AS VARCHAR) AS BIGINT) END"
        )

    def moment(self, name: str) -> tuple[str, str]:
        return _text_moment(_ident(name))


class _TextColumns(_Columns):
    """CSV read as text: an empty cell is absent, as in Python's reader."""

    def text(self, name: str) -> str:
        return f"NULLIF({_ident(name)}, '')"

    def is_clean_text(self, name: str) -> str:
        return "TRUE"

    def count(self, name: str) -> str:
        c = _ident(name)
        return (
            f"CASE WHEN {c} IS NULL OR {c} = '' THEN 0 WHEN regexp_full_match("
            f"{c}, '{_COUNT}') THEN CAST({c} AS BIGINT) END"
        )

    def moment(self, name: str) -> tuple[str, str]:
        return _text_moment(self.text(name))


class _TypedColumns(_Columns):
    """Parquet and Arrow columns, whose types were checked beforehand."""

    def __init__(self, present: set[str], kinds: dict[str, str]) -> None:
        super().__init__(present)
        self.kinds = kinds

    def text(self, name: str) -> str:
        return _ident(name)

    def is_clean_text(self, name: str) -> str:
        return "TRUE"

    def count(self, name: str) -> str:
        c = _ident(name)
        return (
            f"CASE WHEN {c} IS NULL THEN 0 WHEN {c} BETWEEN 0 AND "
            f"999999999999999 THEN CAST({c} AS BIGINT) END"
        )

    def moment(self, name: str) -> tuple[str, str]:
        kind = self.kinds[name]
        c = _ident(name)
        if kind == "text":
            return _text_moment(c)
        if kind == "date":
            return f"CAST({c} AS TIMESTAMPTZ)", "FALSE"
        return f"CAST({c} AS TIMESTAMPTZ)", "TRUE"


def _text_moment(text: str) -> tuple[str, str]:
    # The common form, 2026-07-01T09:30:00Z, by a fixed format; the others
    # checked against the plain ISO forms, then cast. Year 0 is no year in
    # Python, and DuckDB reads it as 1 BC: refused.
    clean = (
        f"CASE WHEN substr({text}, 1, 4) = '0000' THEN NULL "
        f"WHEN length({text}) = 20 AND substr({text}, 11, 1) = 'T' "
        f"AND substr({text}, 20, 1) = 'Z' "
        f"THEN CAST(try_strptime({text}, '%Y-%m-%dT%H:%M:%SZ') AS TIMESTAMPTZ) "
        f"WHEN regexp_full_match({text}, '{_DAY}') "
        f"OR regexp_full_match({text}, '{_MOMENT}') "
        f"THEN TRY_CAST({text} AS TIMESTAMPTZ) END"
    )
    return clean, f"(length({text}) > 10)"


def _normalized(
    source: str, cols: _Columns, tags: Sequence[str], carry: Sequence[str] = ()
) -> str:
    """The ``usage_rows`` relation: the query's columns, the raw variant and
    the tags, and ``clean``."""

    def text_or_null(name: str) -> str:
        return cols.text(name) if name in cols.present else "NULL"

    def count(name: str) -> str:
        return cols.count(name) if name in cols.present else "0"

    if "timestamp" in cols.present:
        moment, timed = cols.moment("timestamp")
    else:
        moment, timed = "CAST(NULL AS TIMESTAMPTZ)", "FALSE"
    clean_text = [
        getattr(cols, "is_clean_text")(name)  # noqa: B009 - every subclass has it
        for name in ("variant", *tags)
        if name in cols.present
    ]
    counts = ", ".join(f"{count(name)} AS {name}" for name in TOKEN_COLUMNS)
    carried = "".join(f", {_ident(name)}" for name in carry)
    tag_columns = "".join(
        f", {text_or_null(tag)} AS {_ident('tag:' + tag)}" for tag in tags
    )
    inner = (
        f"SELECT {text_or_null('model')} AS name, {moment} AS moment, "
        f"{timed} AS timed, {text_or_null('variant')} AS raw_variant, "
        f"{counts}{tag_columns}, "
        + (" AND ".join(clean_text) if clean_text else "TRUE")
        + f" AS clean_text{carried} FROM {source}"
    )
    token_ok = " AND ".join(f"{name} IS NOT NULL" for name in TOKEN_COLUMNS)
    tag_names = "".join(f", {_ident('tag:' + tag)}" for tag in tags)
    return (
        "SELECT name, CAST(moment AS DATE) AS day, "
        "CASE WHEN timed THEN (isodow(moment) - 1) * 1440 + hour(moment) * 60 "
        "+ minute(moment) ELSE -1 END AS week_minute, "
        "COALESCE(raw_variant, 'standard') AS variant, raw_variant, "
        + ", ".join(TOKEN_COLUMNS)
        + tag_names
        + carried
        + ", (clean_text AND name IS NOT NULL AND moment IS NOT NULL "
        "AND (raw_variant IS NULL OR raw_variant <> '') "
        f"AND {token_ok} "
        "AND cache_read_tokens + cache_write_tokens + cache_write_1h_tokens "
        "<= input_tokens AND reasoning_tokens <= output_tokens) AS clean "
        f"FROM ({inner})"
    )


# --- Sources -----------------------------------------------------------------


def _json_source(path: Path, tags: Sequence[str]) -> tuple[str, _Columns]:
    with path.open("rb") as file:
        if file.read(3) == _BOM:
            raise NotClean
    fields = ["model", "timestamp", "variant", *TOKEN_COLUMNS, *tags]
    # The timestamp as text: a JSON number or true becomes text that no
    # timestamp form matches, so it is refused all the same.
    columns = ", ".join(
        f"{_sql_text(name)}: '{'VARCHAR' if name == 'timestamp' else 'JSON'}'"
        for name in fields
    )
    source = (
        f"read_json({_sql_text(str(path))}, format = 'newline_delimited', "
        f"columns = {{{columns}}})"
    )
    return source, _JsonColumns(set(fields))


def _csv_source(path: Path, tags: Sequence[str]) -> tuple[str, _Columns]:
    with path.open("rb") as file:
        if file.read(3) == _BOM:
            raise NotClean
    try:
        with path.open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        raise NotClean from None
    if not header or len({h.lower() for h in header}) != len(header):
        # Duplicated (or case-folded) names: the Python engine decides.
        raise NotClean
    columns = ", ".join(f"{_sql_text(h)}: 'VARCHAR'" for h in header)
    source = (
        f"read_csv({_sql_text(str(path))}, header = true, delim = ',', "
        "quote = '\"', escape = '\"', auto_detect = false, "
        f"strict_mode = true, null_padding = false, columns = {{{columns}}})"
    )
    return source, _TextColumns(set(header))


_INTEGER = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")


def _typed_columns(schema: pa.Schema, tags: Sequence[str]) -> _TypedColumns:
    import pyarrow as pa

    names = list(schema.names)
    if len({n.lower() for n in names}) != len(names):
        raise NotClean
    kinds: dict[str, str] = {}
    for field in schema:
        kind = field.type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            kinds[field.name] = "text"
        elif pa.types.is_timestamp(kind):
            kinds[field.name] = "timestamp"
        elif pa.types.is_date(kind):
            kinds[field.name] = "date"
        elif str(kind) in _INTEGER:
            kinds[field.name] = "integer"
        else:
            kinds[field.name] = str(kind)
    for name in ("model", "variant", *tags):
        if name in kinds and kinds[name] != "text":
            raise NotClean
    if "timestamp" in kinds and kinds["timestamp"] not in ("text", "timestamp", "date"):
        raise NotClean
    for name in TOKEN_COLUMNS:
        if name in kinds and kinds[name] != "integer":
            raise NotClean
    return _TypedColumns(set(names), kinds)


# --- The query -----------------------------------------------------------------


def _load_prices(
    con: duckdb.DuckDBPyConnection, names: Sequence[str], catalog: Catalog
) -> list[PriceRow]:
    """Resolve *names* in Python and load the rows of their models."""
    from tokencost._errors import TokencostError
    from tokencost.engines.query import ddl, insert_names, insert_prices
    from tokencost.prices.table import NAME_COLUMNS, PRICE_COLUMNS, price_rows

    resolved: dict[str, Any] = {}
    pairs = []
    for name in names:
        try:
            price = catalog.get(name)
        except TokencostError:
            raise NotClean from None
        resolved.setdefault(price.id, price)
        pairs.append((name, price.id))
    con.execute(ddl("duckdb", "token_prices", PRICE_COLUMNS))
    con.execute(ddl("duckdb", "token_names", NAME_COLUMNS))
    rows = price_rows(resolved.values())
    for statement in insert_prices("duckdb", rows):
        con.execute(statement)
    for statement in insert_names("duckdb", pairs):
        con.execute(statement)
    return rows


def _prepare(
    con: duckdb.DuckDBPyConnection,
    source: str,
    *,
    cols: _Columns,
    tags: Sequence[str],
    catalog: Catalog,
    carry: Sequence[str] = (),
) -> list[PriceRow]:
    import duckdb

    try:
        con.execute(
            "CREATE TEMP VIEW usage_rows AS " + _normalized(source, cols, tags, carry)
        )
        found = con.execute(
            "SELECT DISTINCT name FROM usage_rows WHERE name IS NOT NULL"
        ).fetchall()
    except duckdb.Error:
        raise NotClean from None
    return _load_prices(con, [row[0] for row in found], catalog)


def _open(
    con: duckdb.DuckDBPyConnection, source: object, tags: Sequence[str]
) -> tuple[str, _Columns]:
    """The relation text and column readers for a path or an Arrow table."""
    if isinstance(source, str | Path):
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return _csv_source(path, tags)
        if suffix == ".parquet":
            import duckdb

            relation = f"read_parquet({_sql_text(str(path))})"
            try:
                schema = _arrow(con.sql(f"SELECT * FROM {relation} LIMIT 0"))
            except duckdb.Error:
                raise NotClean from None
            return relation, _typed_columns(schema.schema, tags)
        return _json_source(path, tags)
    table: pa.Table = source
    con.register("usage_input", table)
    return "usage_input", _typed_columns(table.schema, tags)


def sums(
    source: str | Path | pa.Table,
    *,
    tags: Sequence[str],
    by_day: bool,
    catalog: Catalog,
) -> Sums:
    """
    The record count and token sums of *source* per model name, day,
    variant, window, tier and tag values, for the Python engine to merge.

    With *by_day* false, records are summed per price period rather than
    per day (each sum then carries the first day of its records), which
    gives far fewer sums when the bill is not grouped by time.

    Raises:
        NotClean: a record the engine cannot prove clean, or input DuckDB
            cannot read: bill *source* with the Python engine instead.
    """
    import duckdb

    con = _connect()
    try:
        relation, cols = _open(con, source, tags)
        rows = _prepare(con, relation, cols=cols, tags=tags, catalog=catalog)
        tiers, spans = bounds(rows)
        query = sums_query(tags, by_day=by_day, tiers=tiers, spans=spans)
        try:
            found = con.execute(query).fetchall()
        except duckdb.Error:
            raise NotClean from None
    finally:
        con.close()
    return read_sums(found, len(tags))


def price_arrow(source: str | Path | pa.Table, *, catalog: Catalog) -> pa.Table:
    """
    Every record of *source* with its price columns (`PRICED_COLUMNS`)
    added, in the order read, as Arrow.

    Raises:
        NotClean: as `sums`, with the first row not clean (from 1) when
            DuckDB could read the rows.
    """
    import duckdb

    con = _connect()
    try:
        relation, cols = _open(con, source, ())
        try:
            con.execute(
                f"CREATE TEMP VIEW source_rows AS SELECT *, "
                f"row_number() OVER () AS source_row FROM {relation}"
            )
        except duckdb.Error:
            raise NotClean from None
        _prepare(
            con,
            "source_rows",
            cols=cols,
            tags=(),
            catalog=catalog,
            carry=["source_row"],
        )
        priced = priced_query("usage_rows", extra=["clean", "source_row"])
        try:
            bad = con.execute(
                f"SELECT MIN(source_row) FROM ({priced}) WHERE NOT clean "
                "OR row_id IS NULL OR cost IS NULL"
            ).fetchall()
            if bad[0][0] is not None:
                raise NotClean(int(bad[0][0]))
            from tokencost.engines.query import PRICED_COLUMNS

            added = ", ".join(f"p.{c}" for c in PRICED_COLUMNS)
            return _arrow(
                con.sql(
                    f"SELECT s.* EXCLUDE (source_row), {added} "
                    f"FROM source_rows AS s JOIN ({priced}) AS p "
                    "USING (source_row) ORDER BY source_row"
                )
            )
        except duckdb.Error:
            raise NotClean from None
    finally:
        con.close()


def _arrow(relation: duckdb.DuckDBPyRelation) -> pa.Table:
    # DuckDB 1.x calls it arrow(), 2.x to_arrow_table().
    fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
    return fetch()


def iter_arrow_records(table: pa.Table) -> Iterator[dict[str, Any]]:
    """The rows of an Arrow table as dicts, a batch at a time."""
    for batch in table.to_batches(max_chunksize=65_536):
        yield from batch.to_pylist()
