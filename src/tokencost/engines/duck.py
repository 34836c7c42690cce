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

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._files import MAX_LINE, compressed, file_format
from tokencost.engines.periods import change_days, change_spans
from tokencost.engines.query import (
    ADDED_COLUMNS,
    ROW,
    TOKEN_COLUMNS,
    NotClean,
    presum_query,
    priced_query,
    priced_sums_query,
    read_sums,
    resolve_names,
)
from tokencost.engines.sources import (
    Columns,
    arrow_kinds,
    csv_source,
    duckdb_kinds,
    json_source,
    normalized,
    sql_text,
    typed_columns,
)

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    from tokencost.prices.catalog import Catalog

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


def _not_text(name: str) -> bool:
    """Whether a name read as text may have been a JSON number, true, false,
    null, an object or a list, which the Python engine refuses as a model."""
    import json

    try:
        return not isinstance(json.loads(name), str)
    except ValueError:
        return False


def _format(path: Path) -> str:
    """``parquet``, ``csv`` or ``jsonl`` (either maybe gzip-compressed)."""
    if path.suffix.lower() == ".parquet":
        return "parquet"
    return file_format(path)


def _refused(exc: Exception) -> BaseException:
    """What a DuckDB error means here: Ctrl-C, or input DuckDB cannot read
    (which the Python engine then reads, for its error)."""
    if _interrupted(exc):
        return KeyboardInterrupt()
    return NotClean()


def _interrupted(exc: BaseException) -> bool:
    import duckdb

    return isinstance(exc, duckdb.InterruptException) or (
        isinstance(exc, RuntimeError) and "interrupted" in str(exc)
    )


def duckdb_available() -> bool:
    """Whether the ``duckdb`` extra is installed."""
    import importlib.util

    return importlib.util.find_spec("duckdb") is not None


def _connect() -> duckdb.DuckDBPyConnection:
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute("SET TimeZone = 'UTC'")
    # The command shows its own progress, never DuckDB's bar on stderr.
    con.execute("SET enable_progress_bar = false")
    return con


# --- The query -----------------------------------------------------------------


def _load_prices(
    con: duckdb.DuckDBPyConnection, names: Sequence[str], catalog: Catalog
) -> None:
    """Resolve *names* in Python and load the name table and the price rows
    of their models: for the bundled catalog, from the price table shipped
    in the package (`tokencost.prices.shipped`); else compiled here."""
    import os

    from tokencost.engines.scripts import ddl, insert_names, insert_prices
    from tokencost.prices.shipped import is_bundled, shipped_path
    from tokencost.prices.table import NAME_COLUMNS, PRICE_COLUMNS, price_rows

    if any(_not_text(name) for name in names):
        raise NotClean
    pairs, resolved = resolve_names(catalog, names)
    con.execute(ddl("duckdb", "token_names", NAME_COLUMNS))
    for statement in insert_names("duckdb", pairs):
        con.execute(statement)
    con.execute(ddl("duckdb", "token_prices", PRICE_COLUMNS))
    path = shipped_path()
    if is_bundled(catalog) and os.path.exists(path):
        con.execute(
            f"INSERT INTO token_prices SELECT * FROM {shipped_relation(path)} "
            "WHERE model_id IN (SELECT model_id FROM token_names)"
        )
        return
    for statement in insert_prices("duckdb", price_rows(resolved.values())):
        con.execute(statement)


def shipped_relation(path: str) -> str:
    """The shipped price table at *path* as a DuckDB relation, every cell
    as text: inserted into a table of the price table's types, the rates
    are cast exactly."""
    from tokencost.prices.table import PRICE_COLUMNS

    text = ", ".join(f"{sql_text(name)}: 'VARCHAR'" for name, _ in PRICE_COLUMNS)
    return (
        f"read_csv({sql_text(path)}, header = true, auto_detect = false, "
        f"delim = ',', quote = '\"', escape = '\"', columns = {{{text}}})"
    )


def _bounds(
    con: duckdb.DuckDBPyConnection,
) -> tuple[list[int], list[int], list[date], list[str]]:
    """The ``tiers``, ``spans``, ``periods`` and ``windowed`` names of
    `presum_query` for the loaded price rows."""
    from tokencost.prices.table import WEEK_MINUTES

    found = con.execute(
        "SELECT list(DISTINCT tier_min_input_tokens), "
        "list(DISTINCT week_minute_from), "
        "list(DISTINCT period_start) FILTER (WHERE period_start IS NOT NULL), "
        "list(DISTINCT period_end) FILTER (WHERE period_end IS NOT NULL), "
        # The names whose records are summed by their moment: those of
        # models with time windows, or with prices that change during a day.
        "(SELECT list(DISTINCT name) FROM token_names WHERE model_id IN "
        "(SELECT model_id FROM token_prices WHERE week_minute_from <> -1 "
        f"OR week_minute_to <> {WEEK_MINUTES} "
        "OR CAST(period_start AS TIME) <> TIME '00:00:00' "
        "OR CAST(period_end AS TIME) <> TIME '00:00:00')) FROM token_prices"
    ).fetchone()
    assert found is not None
    tiers, spans, starts, ends, windowed = (list(v or ()) for v in found)
    moments = [*starts, *ends]
    return (
        [int(t) for t in tiers],
        sorted({int(m) for m in spans} | set(change_spans(moments))),
        change_days(moments),
        sorted(str(n) for n in windowed),
    )


def _prepare(
    con: duckdb.DuckDBPyConnection,
    source: str,
    *,
    cols: Columns,
    tags: Sequence[str],
    catalog: Catalog,
    carry: Sequence[str] = (),
) -> None:
    import duckdb

    try:
        con.execute(
            "CREATE TEMP VIEW usage_rows AS " + normalized(source, cols, tags, carry)
        )
        found = con.execute(
            "SELECT DISTINCT name FROM usage_rows WHERE name IS NOT NULL"
        ).fetchall()
    except duckdb.Error as exc:
        raise _refused(exc) from None
    _load_prices(con, [row[0] for row in found], catalog)


def _open(
    con: duckdb.DuckDBPyConnection, source: object, tags: Sequence[str]
) -> tuple[str, Columns]:
    """The relation text and column readers for a path or an Arrow table."""
    if isinstance(source, str | Path):
        path = Path(source)
        if _format(path) == "csv":
            return csv_source(path, tags)
        if _format(path) == "parquet":
            import duckdb

            relation = f"read_parquet({sql_text(str(path))})"
            try:
                described = con.execute(f"DESCRIBE SELECT * FROM {relation}")
                columns = [(str(r[0]), str(r[1])) for r in described.fetchall()]
            except duckdb.Error as exc:
                raise _refused(exc) from None
            return relation, typed_columns(duckdb_kinds(columns), tags)
        return json_source(path, tags)
    table: pa.Table = source
    con.register("usage_input", table)
    return "usage_input", typed_columns(arrow_kinds(table.schema), tags)


def sums(
    source: str | Path | pa.Table,
    **options: Any,
) -> Sums:
    """
    The record count and token sums of *source* per model name, day,
    variant, window, tier and tag values, for the Python engine to merge;
    *options* as `summed`. Ctrl-C during a query is `KeyboardInterrupt`.
    """
    try:
        return summed(source, **options)
    except Exception as exc:
        if _interrupted(exc):
            raise KeyboardInterrupt from None
        raise


def summed(
    source: str | Path | pa.Table,
    *,
    tags: Sequence[str],
    by_day: bool,
    catalog: Catalog,
    suspect: Callable[[str], bool] = lambda key: False,
) -> Sums:
    """
    The record count and token sums of *source* per model name, day,
    variant, window, tier and tag values, for the Python engine to merge.

    With *by_day* false, records are summed per price period rather than
    per day (each sum then carries the first day of its records), which
    gives far fewer sums when the bill is not grouped by time.

    *suspect* tells of a field name that the engine does not read but the
    Python engine would (a provider's token count, say): a source that has
    one is not clean.

    The distinct model names come first (with the keys of a JSONL file, in
    the one pass that checks them; from a typed column, cheaply), and the
    price rows of their models decide the buckets: the records are then
    read once and summed per name, day (or span of days between price
    periods), variant, tags and bucket of prompt size and moment
    (`presum_query`), the records that are not clean counted; the few sums
    are joined to the price rows.

    Raises:
        NotClean: a record the engine cannot prove clean, or input DuckDB
            cannot read: bill *source* with the Python engine instead.
    """
    import duckdb

    con = _connect()
    try:
        relation, cols = _open(con, source, tags)
        keys = _check_keys(con, source, cols=cols, suspect=suspect)
        names = None
        if keys is not None:
            # JSONL: read only the fields its lines have.
            names, present = keys
            relation, cols = json_source(Path(str(source)), tags, present)
        try:
            con.execute(
                "CREATE TEMP VIEW usage_rows AS " + normalized(relation, cols, tags)
            )
            if names is None:
                names = _names(con, "usage_rows")
            _load_prices(con, names, catalog)
            tiers, spans, periods, windowed = _bounds(con)
            con.execute(
                "CREATE TEMP TABLE presums AS "
                + presum_query(
                    tags,
                    tiers=tiers,
                    spans=spans,
                    periods=None if by_day else periods,
                    windowed=windowed,
                    zero=[c for c in TOKEN_COLUMNS if c not in cols.present],
                )
            )
            found = con.execute(
                priced_sums_query("presums", tags, by_day=by_day)
            ).fetchall()
        except duckdb.Error as exc:
            raise _refused(exc) from None
    finally:
        con.close()
    return read_sums(found, len(tags))


def _check_lines(path: Path, found: list[tuple[Any, ...]]) -> None:
    """
    Raise `NotClean` unless every line of the JSONL file *path* is shorter
    than `MAX_LINE` bytes, which the Python engine requires (it then names
    the line). *found* holds, per group of lines, the longest object, the
    objects' bytes and their number: DuckDB gives objects without the white
    space around them, so a line is at most its object plus all the bytes
    of the file that are in no object (newlines, blank lines, padding).
    """
    longest = max((row[3] or 0 for row in found), default=0)
    if longest >= MAX_LINE - 1:
        raise NotClean
    if compressed(path):
        # The size of what the gzip stream holds is not known without
        # reading it: only a line that is one long object is seen.
        return
    inside = sum(int(row[4] or 0) + int(row[5] or 0) for row in found)
    outside = max(path.stat().st_size - inside, 0) + 1
    if longest + outside >= MAX_LINE:
        raise NotClean


def _names(con: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    found = con.execute(
        f"SELECT DISTINCT name FROM {relation} WHERE name IS NOT NULL"
    ).fetchall()
    return [row[0] for row in found]


def price_arrow(
    source: str | Path | pa.Table,
    *,
    catalog: Catalog,
    suspect: Callable[[str], bool] = lambda key: False,
) -> pa.Table:
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
        _check_keys(con, source, cols=cols, suspect=suspect)
        try:
            con.execute(
                f"CREATE TEMP VIEW source_rows AS SELECT *, "
                f"row_number() OVER () AS {ROW} FROM {relation}"
            )
        except duckdb.Error as exc:
            raise _refused(exc) from None
        _prepare(
            con,
            "source_rows",
            cols=cols,
            tags=(),
            catalog=catalog,
            carry=[ROW],
        )
        priced = priced_query("usage_rows", extra=["clean", ROW])
        try:
            bad = con.execute(
                f"SELECT MIN({ROW}) FROM ({priced}) WHERE NOT clean "
                "OR row_id IS NULL OR cost IS NULL"
            ).fetchall()
            if bad[0][0] is not None:
                raise NotClean(int(bad[0][0]))

            # A period's start is a UTC moment: as the price table's Arrow
            # form has it, with its zone.
            added = ", ".join(
                "CAST(p.period_start AS TIMESTAMPTZ) AS period_start"
                if c == "period_start"
                else f"p.{c}"
                for c in ADDED_COLUMNS
            )
            return _arrow(
                con.sql(
                    f"SELECT s.* EXCLUDE ({ROW}), {added} "
                    f"FROM source_rows AS s JOIN ({priced}) AS p "
                    f"USING ({ROW}) ORDER BY {ROW}"
                )
            )
        except duckdb.Error as exc:
            raise _refused(exc) from None
    finally:
        con.close()


def _check_keys(
    con: duckdb.DuckDBPyConnection,
    source: str | Path | pa.Table,
    *,
    cols: Columns,
    suspect: Callable[[str], bool],
) -> tuple[list[str], set[str]] | None:
    """Raise `NotClean` when the source has a field the engine does not read
    and *suspect* says the Python engine would. Return a JSONL file's
    distinct model names, read in the same pass, and every key its lines
    have (None for other sources).

    A JSONL file's keys differ from line to line: DuckDB lists each line's
    keys and returns each distinct list once (joined by NUL, with its
    length, so a key holding a NUL cannot pass for two, nor a key given
    twice for one), and *suspect* judges the keys in Python, with the
    Python engine's own rule."""
    import duckdb

    # Not the group fields: the Python engine refuses a field named like a
    # token count even when the bill is grouped by it.
    read = {"model", "timestamp", "variant", *TOKEN_COLUMNS}
    if not isinstance(source, str | Path) or _format(Path(source)) != "jsonl":
        if any(suspect(name) for name in cols.present - read):
            raise NotClean
        return None
    query = (
        "SELECT array_to_string(json_keys(json), chr(0)), len(json_keys(json)), "
        "json_extract_string(json, '$.model'), max(strlen(json::VARCHAR)), "
        "sum(strlen(json::VARCHAR)), count(*) "
        f"FROM read_ndjson_objects({sql_text(str(source))}) GROUP BY ALL"
    )
    try:
        found = con.execute(query).fetchall()
    except duckdb.Error as exc:
        raise _refused(exc) from None
    _check_lines(Path(source), found)
    seen: set[str] = set()
    names: set[str] = set()
    for text, count, name, *_ in found:
        if text is None or count is None:
            raise NotClean
        keys = text.split("\0") if count else []
        if len(keys) != count or len(set(keys)) != count:
            # A key given twice on a line (DuckDB's reader refuses it only
            # among the fields it reads); the Python engine names the line.
            raise NotClean
        seen.update(keys)
        if name is not None:
            names.add(name)
    if any(suspect(name) for name in seen - read):
        raise NotClean
    return sorted(names), seen


def _arrow(relation: duckdb.DuckDBPyRelation) -> pa.Table:
    # DuckDB 1.x calls it arrow(), 2.x to_arrow_table().
    fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
    return fetch()


def iter_arrow_records(table: pa.Table) -> Iterator[dict[str, Any]]:
    """The rows of an Arrow table as dicts, a batch at a time; a null is an
    absent field, as an empty CSV cell is."""
    for batch in table.to_batches(max_chunksize=65_536):
        for row in batch.to_pylist():
            yield {key: value for key, value in row.items() if value is not None}
