"""
The pricing query, written once and emitted for each SQL dialect.

The query joins normalized usage rows (``usage_rows``: ``name``, ``day``,
``week_minute``, ``variant`` and the six token counts, zero when absent) to
the name table (``token_names``) and the price table (``token_prices``, see
`tokencost.prices.table`), and prices every component as tokens times a
per-token rate: multiplications only, exact in every engine. It is written
in DuckDB's dialect and translated by sqlglot; what differs between
warehouses beyond that (the day of the week, decimal types, literals) is
spelled out per dialect in this module.

A record that matches no price row (an unknown name, a variant the model
lacks, a day outside every period) keeps a null ``row_id``, and a record
that uses a component its row has no rate for gets a null ``cost``; the
engines refuse both, and the emitted bill query counts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tokencost._errors import InvalidInputError

if TYPE_CHECKING:
    from tokencost.prices.table import PriceRow

__all__ = [
    "COST_COLUMNS",
    "DIALECTS",
    "PRICED_COLUMNS",
    "TOKEN_COLUMNS",
    "NotClean",
    "bounds",
    "check_dialect",
    "ddl",
    "insert_names",
    "insert_prices",
    "priced_query",
    "read_sums",
    "script",
    "sums_query",
]

#: The dialects `script` writes.
DIALECTS: tuple[str, ...] = ("duckdb", "spark", "bigquery", "snowflake", "postgres")

#: The token counts of a usage row, as `Usage` names them.
TOKEN_COLUMNS: tuple[str, ...] = (
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cache_write_1h_tokens",
    "reasoning_tokens",
)

#: The cost of each component, then their sum, as the priced rows carry them.
COST_COLUMNS: tuple[str, ...] = (
    "input_cost",
    "cache_read_cost",
    "cache_write_cost",
    "cache_write_1h_cost",
    "output_cost",
    "reasoning_cost",
    "request_cost",
    "cost",
)

#: What the priced query adds to each usage row.
PRICED_COLUMNS: tuple[str, ...] = (
    "row_id",
    "model_id",
    "currency",
    "time_window",
    "tier",
    "period_start",
    *COST_COLUMNS,
)

_UNCACHED = (
    "(u.input_tokens - u.cache_read_tokens - u.cache_write_tokens"
    " - u.cache_write_1h_tokens)"
)
_REASONING = "CASE WHEN p.reasoning_rate IS NULL THEN 0 ELSE u.reasoning_tokens END"


def _optional(tokens: str, rate: str) -> str:
    # A component the record does not use costs nothing even without a rate;
    # one it uses without a rate is null, and the record is refused.
    return f"CASE WHEN {tokens} = 0 THEN 0 ELSE {tokens} * p.{rate} END"


_COSTS: dict[str, str] = {
    # Input and output are always priced, as `cost` prices them: a model
    # without an input or output rate cannot price any record.
    "input_cost": f"{_UNCACHED} * p.input_rate",
    "cache_read_cost": _optional("u.cache_read_tokens", "cache_read_rate"),
    "cache_write_cost": _optional("u.cache_write_tokens", "cache_write_rate"),
    "cache_write_1h_cost": _optional("u.cache_write_1h_tokens", "cache_write_1h_rate"),
    "output_cost": f"(u.output_tokens - {_REASONING}) * p.output_rate",
    "reasoning_cost": "CASE WHEN p.reasoning_rate IS NULL THEN 0"
    " ELSE u.reasoning_tokens * p.reasoning_rate END",
    "request_cost": "COALESCE(p.request_rate, 0)",
}


def _core(
    usage: str,
    extra: Sequence[str],
    names: str = "token_names",
    prices: str = "token_prices",
    prompt: str = "input_tokens",
) -> str:
    costs = ", ".join(f"{expr} AS {name}" for name, expr in _COSTS.items())
    total = " + ".join(f"({expr})" for expr in _COSTS.values())
    carried = "".join(f", u.{column}" for column in extra)
    return (
        "SELECT u.name, u.day, u.week_minute, u.variant, "
        + ", ".join(f"u.{c}" for c in TOKEN_COLUMNS)
        + carried
        + ", p.row_id, p.model_id, p.currency, p.time_window, p.tier, "
        "p.period_start, " + costs + f", {total} AS cost "
        f"FROM {usage} AS u "
        f"LEFT JOIN {names} AS n ON n.name = u.name "
        f"LEFT JOIN {prices} AS p ON p.model_id = n.model_id "
        "AND p.variant = u.variant "
        "AND (p.period_start IS NULL OR u.day >= p.period_start) "
        "AND (p.period_end IS NULL OR u.day < p.period_end) "
        "AND u.week_minute >= p.week_minute_from "
        "AND u.week_minute < p.week_minute_to "
        f"AND u.{prompt} >= p.tier_min_input_tokens "
        "AND (p.tier_max_input_tokens IS NULL "
        f"OR u.{prompt} < p.tier_max_input_tokens)"
    )


def check_dialect(dialect: str) -> str:
    """*dialect*, checked against `DIALECTS`."""
    if dialect not in DIALECTS:
        raise InvalidInputError(
            f"unknown SQL dialect {dialect!r}: choose one of {', '.join(DIALECTS)}"
        )
    return dialect


def priced_query(
    usage: str = "usage_rows",
    *,
    extra: Sequence[str] = (),
    dialect: str = "duckdb",
    names: str = "token_names",
    prices: str = "token_prices",
) -> str:
    """
    The pricing query over the normalized usage relation *usage*, in
    *dialect*: every usage row with the columns of `PRICED_COLUMNS` added,
    and the columns named in *extra* carried through. *names* and *prices*
    name the name and price tables.
    """
    check_dialect(dialect)
    text = _core(usage, extra, names, prices)
    return text if dialect == "duckdb" else _transpile(text, dialect)


def _transpile(text: str, dialect: str) -> str:
    import importlib.util

    if importlib.util.find_spec("sqlglot") is None:
        raise InvalidInputError(
            f"writing {dialect} SQL needs sqlglot: pip install 'tokencost-exact[sql]'"
        )
    import sqlglot

    return str(sqlglot.transpile(text, read="duckdb", write=dialect)[0])


def sums_query(
    tags: Sequence[str],
    *,
    by_day: bool,
    tiers: Sequence[int] = (),
    spans: Sequence[int] = (),
    dialect: str = "duckdb",
    usage: str = "usage_rows",
    names: str = "token_names",
    prices: str = "token_prices",
) -> str:
    """
    The query the engines bill with: records and token sums of the priced
    usage rows per model name, day (or price row), raw variant, window, tier
    and tag (columns ``tag:NAME``), and how many records in each sum are
    not clean, match no price row or lack a rate they use (``bad``).

    The rows are first summed by name, day, variant, tags and the bucket of
    their prompt size and minute of the week between *tiers* (every tier
    threshold of the price rows) and *spans* (every start of a span of the
    week): all the records of a sum match the same price row, so the join
    prices sums, not records. A rate a record needs and the row lacks is
    caught on the sums, whose counts are above zero when any record's is.
    """
    tag_keys = "".join(f', "tag:{t}"' for t in tags)

    def bucket(column: str, bounds: Sequence[int]) -> str:
        return (
            " + ".join(
                f"CASE WHEN {column} >= {int(b)} THEN 1 ELSE 0 END"
                for b in sorted(set(bounds))
            )
            or "0"
        )

    presum = (
        "SELECT name, day, MIN(week_minute) AS week_minute, variant, raw_variant"
        f"{tag_keys}, COUNT(*) AS records, MIN(input_tokens) AS prompt, "
        + ", ".join(f"SUM({c}) AS {c}" for c in TOKEN_COLUMNS)
        + ", SUM(CASE WHEN clean THEN 0 ELSE 1 END) AS unclean "
        f"FROM {usage} GROUP BY name, day, variant, raw_variant{tag_keys}, "
        f"{bucket('input_tokens', tiers)}, {bucket('week_minute', spans)}"
    )
    extra = ["raw_variant", *(f'"tag:{t}"' for t in tags), "records", "unclean"]
    priced = _core(f"({presum})", extra, names, prices, prompt="prompt")
    day_key = "day" if by_day else "row_id"
    text = (
        "SELECT name, CAST(MIN(day) AS VARCHAR) AS first_day, raw_variant, "
        f"time_window, tier{tag_keys}, SUM(records) AS records, "
        + ", ".join(f"SUM({c}) AS {c}" for c in TOKEN_COLUMNS)
        + ", SUM(unclean) + SUM(CASE WHEN row_id IS NULL OR cost IS NULL "
        "THEN records ELSE 0 END) AS bad "
        f"FROM ({priced}) AS priced GROUP BY name, {day_key}, raw_variant, "
        f"row_id, time_window, tier{tag_keys}"
    )
    return text if dialect == "duckdb" else _transpile(text, dialect)


def bounds(rows: Iterable[PriceRow]) -> tuple[list[int], list[int]]:
    """The ``tiers`` and ``spans`` of `sums_query` for these price rows."""
    found = list(rows)
    return (
        sorted({r.tier_min_input_tokens for r in found}),
        sorted({r.week_minute_from for r in found}),
    )


def read_sums(
    rows: Iterable[Sequence[Any]], width: int
) -> tuple[int, dict[tuple[Any, ...], list[int]]]:
    """
    The rows of `sums_query` as the Python engine merges them: the record
    count and {(name, day, variant, window, tier, *tags): [records, *tokens]}.

    Raises:
        NotClean: a sum holds a record the engine could not price.
    """
    total = 0
    found: dict[tuple[Any, ...], list[int]] = {}
    for row in rows:
        if row[-1]:
            raise NotClean
        name, day, variant, window, tier = row[:5]
        counts = [int(v) for v in row[5 + width : -1]]
        total += counts[0]
        key = (name, str(day), variant, window, int(tier), *row[5 : 5 + width])
        mine = found.get(key)
        if mine is None:
            found[key] = counts
        else:
            for i, value in enumerate(counts):
                mine[i] += value
    return total, found


class NotClean(Exception):  # noqa: N818 - a signal between engines, not an error
    """An engine cannot prove the input reads as in the Python engine; the
    Python engine must bill it (and report the bad record)."""


# --- The parts of a script that differ by warehouse -------------------------

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
    },
    "postgres": {
        "VARCHAR": "TEXT",
        "INTEGER": "INTEGER",
        "BIGINT": "BIGINT",
        "DATE": "DATE",
        "RATE": "NUMERIC(26, 20)",
        "TIMESTAMP": "TIMESTAMPTZ",
    },
    "spark": {
        "VARCHAR": "STRING",
        "INTEGER": "INT",
        "BIGINT": "BIGINT",
        "DATE": "DATE",
        "RATE": "DECIMAL(26, 20)",
        "TIMESTAMP": "TIMESTAMP",
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
    },
    # NUMBER(p, s) takes up to 38 digits and 37 decimals.
    "snowflake": {
        "VARCHAR": "VARCHAR",
        "INTEGER": "NUMBER(10, 0)",
        "BIGINT": "NUMBER(19, 0)",
        "DATE": "DATE",
        "RATE": "NUMBER(26, 20)",
        "TIMESTAMP": "TIMESTAMP_TZ",
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
    table's own name for it.
    """
    check_dialect(dialect)
    names = dict(zip(TOKEN_COLUMNS, TOKEN_COLUMNS, strict=True))
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
