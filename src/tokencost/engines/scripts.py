"""
The whole SQL script for a warehouse: the price and name tables with their
rows, the view that normalizes a usage table, the pricing view and a bill.

The pricing query itself is `tokencost.engines.query`'s; what this module
spells out is what differs between warehouses beyond what sqlglot
translates: decimal types and literals, the ISO day of the week, identifier
quoting and string escapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from tokencost.engines.query import TOKEN_COLUMNS, check_dialect, priced_query

if TYPE_CHECKING:
    from tokencost.prices.table import PriceRow

__all__ = ["ddl", "insert_names", "insert_prices", "script", "usage_view"]

_MODALITY_COUNTS = frozenset(
    {
        "input_audio_tokens",
        "input_image_tokens",
        "input_video_tokens",
        "output_audio_tokens",
        "output_image_tokens",
        "cache_read_audio_tokens",
    }
)


# The ISO day of the week, Monday 1, of a timestamp expression.
_ISO_DOW: dict[str, str] = {
    "duckdb": "ISODOW({ts})",
    "postgres": "CAST(EXTRACT(ISODOW FROM {ts}) AS INTEGER)",
    "spark": "(WEEKDAY({ts}) + 1)",
    "bigquery": "(MOD(EXTRACT(DAYOFWEEK FROM {ts}) + 5, 7) + 1)",
    "snowflake": "DAYOFWEEKISO({ts})",
}
_TYPES: dict[str, dict[str, str]] = {
    "duckdb": {
        "VARCHAR": "VARCHAR",
        "INTEGER": "INTEGER",
        "BIGINT": "BIGINT",
        "DATE": "DATE",
        "RATE": "DECIMAL(26, 20)",
        "TIMESTAMP": "TIMESTAMPTZ",
        "MOMENT": "TIMESTAMP",
    },
    "postgres": {
        "VARCHAR": "TEXT",
        "INTEGER": "INTEGER",
        "BIGINT": "BIGINT",
        "DATE": "DATE",
        "RATE": "NUMERIC(26, 20)",
        "TIMESTAMP": "TIMESTAMPTZ",
        "MOMENT": "TIMESTAMP",
    },
    "spark": {
        "VARCHAR": "STRING",
        "INTEGER": "INT",
        "BIGINT": "BIGINT",
        "DATE": "DATE",
        "RATE": "DECIMAL(26, 20)",
        "TIMESTAMP": "TIMESTAMP",
        # Spark's TIMESTAMP is read in the session's time zone; the bounds
        # are UTC wall-clock times, whatever the session says.
        "MOMENT": "TIMESTAMP_NTZ",
    },
    # NUMERIC holds 9 decimals, so the 20-decimal rates need BIGNUMERIC
    # (38 decimals); integers are INT64.
    "bigquery": {
        "VARCHAR": "STRING",
        "INTEGER": "INT64",
        "BIGINT": "INT64",
        "DATE": "DATE",
        "RATE": "BIGNUMERIC",
        "TIMESTAMP": "TIMESTAMP",
        # An absolute moment; its date and hour are UTC's unless a query
        # names another zone.
        "MOMENT": "TIMESTAMP",
    },
    # NUMBER(p, s) takes up to 38 digits and 37 decimals.
    "snowflake": {
        "VARCHAR": "VARCHAR",
        "INTEGER": "NUMBER(10, 0)",
        "BIGINT": "NUMBER(19, 0)",
        "DATE": "DATE",
        "RATE": "NUMBER(26, 20)",
        "TIMESTAMP": "TIMESTAMP_TZ",
        # Wall-clock time without a zone, written in UTC: its date and hour
        # do not depend on the session's TIMEZONE.
        "MOMENT": "TIMESTAMP_NTZ",
    },
}


def _ident(name: str, dialect: str) -> str:
    if dialect in ("spark", "bigquery"):
        return f"`{name}`"
    if dialect == "snowflake":
        # Snowflake folds unquoted names to upper case and keeps quoted ones
        # as written: unquoted, "row_id" and p.row_id are the same column,
        # and so are a usage table's TIMESTAMP and t.timestamp.
        return name
    return f'"{name}"'


def ddl(dialect: str, table: str, columns: Iterable[tuple[str, str]]) -> str:
    """A CREATE TABLE statement for *columns* ((name, kind) as in
    `tokencost.prices.table.PRICE_COLUMNS`) in *dialect*."""
    types = _TYPES[check_dialect(dialect)]
    body = ",\n".join(
        f"  {_ident(name, dialect)} {types[kind]}" for name, kind in columns
    )
    return f"CREATE TABLE {table} (\n{body}\n);"


def _literal(value: object, kind: str, dialect: str) -> str:
    if value is None:
        return "NULL"
    if kind == "RATE":
        assert isinstance(value, Decimal)
        text = format(value, "f")
        if dialect == "bigquery":
            return f"BIGNUMERIC '{text}'"
        return f"CAST('{text}' AS {_TYPES[dialect]['RATE']})"
    if kind == "MOMENT":
        assert isinstance(value, datetime)
        text = f"{value.astimezone(UTC):%Y-%m-%d %H:%M:%S}"
        return f"CAST('{text}' AS {_TYPES[dialect]['MOMENT']})"
    if kind == "DATE":
        assert isinstance(value, date)
        return f"DATE '{value.isoformat()}'"
    if kind in ("INTEGER", "BIGINT"):
        return str(int(str(value)))
    text = str(value)
    if dialect in ("spark", "bigquery", "snowflake"):
        # These read a backslash as an escape; Spark and BigQuery also take
        # 'a' 'b' as 'ab', so a doubled quote would silently vanish.
        text = text.replace("\\", "\\\\").replace("'", "\\'")
    else:
        text = text.replace("'", "''")
    return f"'{text}'"


def _inserts(
    dialect: str,
    table: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[object]],
    batch: int = 500,
) -> list[str]:
    rows = list(rows)
    statements = []
    names = ", ".join(_ident(name, dialect) for name, _ in columns)
    for start in range(0, len(rows), batch):
        values = ",\n".join(
            "("
            + ", ".join(
                _literal(value, kind, dialect)
                for value, (_, kind) in zip(row, columns, strict=True)
            )
            + ")"
            for row in rows[start : start + batch]
        )
        statements.append(f"INSERT INTO {table} ({names}) VALUES\n{values};")
    return statements


def insert_prices(dialect: str, rows: Iterable[PriceRow]) -> list[str]:
    """INSERT statements for the price table rows."""
    from tokencost.prices.table import PRICE_COLUMNS

    return _inserts(dialect, "token_prices", PRICE_COLUMNS, (r.values() for r in rows))


def insert_names(dialect: str, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """INSERT statements for the name table."""
    from tokencost.prices.table import NAME_COLUMNS

    return _inserts(dialect, "token_names", NAME_COLUMNS, pairs)


def usage_view(
    dialect: str,
    *,
    table: str = "usage",
    model: str = "model",
    timestamp: str = "timestamp",
    variant: str = "variant",
    tokens: dict[str, str] | None = None,
    extra: Sequence[str] = (),
) -> str:
    """
    The view that normalizes a warehouse table of usage for the query: the
    model name in lower case, the UTC day and minute of the week of a
    TIMESTAMP column, the variant (``standard`` when null), and token
    counts (zero when null). *tokens* maps a token column name to the
    table's own name for it (``-`` for none); the counts of other
    modalities (``input_audio_tokens``..., ``cache_read_audio_tokens``) are
    zero unless mapped.
    """
    check_dialect(dialect)
    # The counts of other modalities than text are read only when mapped to
    # a column: most usage tables have none.
    names = {c: "-" if c in _MODALITY_COUNTS else c for c in TOKEN_COLUMNS}
    names.update(tokens or {})

    def col(name: str) -> str:
        return f"t.{_ident(name, dialect)}"

    ts = col(timestamp)
    minute = (
        f"({_ISO_DOW[dialect].format(ts=ts)} - 1) * 1440"
        f" + CAST(EXTRACT(HOUR FROM {ts}) AS INTEGER) * 60"
        f" + CAST(EXTRACT(MINUTE FROM {ts}) AS INTEGER)"
    )
    counts = ",\n  ".join(
        # "-" names no column: the table has no such count.
        f"0 AS {name}" if source == "-" else f"COALESCE({col(source)}, 0) AS {name}"
        for name, source in names.items()
    )
    carried = "".join(f",\n  {col(c)} AS {_ident(c, dialect)}" for c in extra)
    return (
        "CREATE VIEW usage_rows AS\nSELECT\n"
        f"  LOWER(TRIM({col(model)})) AS name,\n"
        f"  CAST({ts} AS DATE) AS day,\n"
        f"  {minute} AS week_minute,\n"
        f"  COALESCE({col(variant)}, 'standard') AS variant,\n"
        f"  {counts}{carried}\n"
        f"FROM {table} AS t;"
    )


def script(
    dialect: str,
    rows: Sequence[PriceRow],
    names: Sequence[tuple[str, str]],
    *,
    table: str = "usage",
    model: str = "model",
    timestamp: str = "timestamp",
    variant: str = "variant",
    tokens: dict[str, str] | None = None,
    by: Sequence[str] = (),
) -> str:
    """
    A whole SQL script for *dialect*: the price and name tables with their
    rows, the view that normalizes the usage table *table*, the priced view
    ``priced_usage`` (one row per usage row, with its costs) and a bill
    query grouped by model id, currency and the columns *by*, whose
    ``unpriced_records`` must be zero for its totals to be complete.
    """
    from tokencost.prices.table import NAME_COLUMNS, PRICE_COLUMNS

    check_dialect(dialect)
    parts = []
    if dialect == "postgres":
        parts.append("SET TIME ZONE 'UTC';")
    elif dialect == "duckdb":
        parts.append("SET TimeZone = 'UTC';")
    elif dialect == "snowflake":
        parts.append("ALTER SESSION SET TIMEZONE = 'UTC';")
    elif dialect == "spark":
        parts.append("SET spark.sql.session.timeZone = UTC;")
        parts.append("SET spark.sql.decimalOperations.allowPrecisionLoss = false;")
        parts.append("SET spark.sql.ansi.enabled = true;")
    parts.append(ddl(dialect, "token_prices", PRICE_COLUMNS))
    parts.extend(insert_prices(dialect, rows))
    parts.append(ddl(dialect, "token_names", NAME_COLUMNS))
    parts.extend(insert_names(dialect, names))
    parts.append(
        usage_view(
            dialect,
            table=table,
            model=model,
            timestamp=timestamp,
            variant=variant,
            tokens=tokens,
            extra=by,
        )
    )
    carried = [f"u.{c}" for c in by]
    parts.append(
        "CREATE VIEW priced_usage AS\n"
        + priced_query("usage_rows", extra=by, dialect=dialect)
        + ";"
    )
    keys = ", ".join(["model_id", "currency", *(_ident(c, dialect) for c in by)])
    del carried
    parts.append(
        f"SELECT {keys}, COUNT(*) AS records, "
        + ", ".join(f"SUM({c}) AS {c}" for c in TOKEN_COLUMNS)
        + ", SUM(cost) AS total, COUNT(*) - COUNT(cost) AS unpriced_records\n"
        f"FROM priced_usage\nGROUP BY {keys}\nORDER BY {keys};"
    )
    return "\n\n".join(parts) + "\n"
