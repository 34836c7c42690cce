"""
How the DuckDB engine reads records: each source's columns as SQL
expressions that give a field's clean value, or NULL when the Python engine
might read it differently, and the relation of normalized usage rows.

A JSONL file is read with every field as JSON (so a string ``"12"`` is not a
count and a number is not text, as in Python's `json`), except the
timestamp, read as text: a number or ``true`` there becomes text no
timestamp form matches. A CSV file is read as text, an empty cell absent.
Parquet files and Arrow tables are typed: their column types are checked
before anything is read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tokencost._errors import InvalidInputError
from tokencost._files import MAX_LINE, compressed, open_bytes
from tokencost.engines.query import PARTS_WITHIN, TOKEN_COLUMNS, NotClean

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "Columns",
    "arrow_kinds",
    "csv_source",
    "duckdb_kinds",
    "json_source",
    "normalized",
    "sql_text",
    "typed_columns",
]

_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_MOMENT = (
    _DAY + r"[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?"
)
# Token counts the engine sums in BIGINT and prices in DECIMAL(38, 20).
_COUNT = r"[0-9]{1,15}"
_BOM = b"\xef\xbb\xbf"


def sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Columns:
    """How each field is read from a source: a SQL expression giving the
    clean value, or NULL when the value is not clean."""

    def __init__(self, present: set[str]) -> None:
        self.present = present

    def text(self, name: str) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def count(self, name: str) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def moment(self, name: str) -> tuple[str, str]:  # pragma: no cover
        """(microseconds since 1970-01-01 UTC or NULL, whether it has a
        time of day)."""
        raise NotImplementedError

    def row_clean(self) -> str:
        """Whether the row as a whole is one the Python engine reads (every
        field, read or not)."""
        return "TRUE"


class _JsonColumns(Columns):
    """
    JSONL read with the model, variant, timestamp and counts as text and the
    group fields as JSON.

    As text, a number reads as its digits: a count ``12`` and ``"12"`` are
    both 12, as the Python engine reads them; ``1.5``, ``true`` or ``"12k"``
    match no count and go to the Python engine. A model or variant that was
    a number or ``true`` reads as text no catalog name or variant has (the
    engine checks the names it resolves). Group fields stay JSON, since a
    number or ``true`` must be written as Python writes it.
    """

    def text(self, name: str) -> str:
        c = _ident(name)
        if name in _AS_TEXT:
            return c
        return f"CASE WHEN json_type({c}) = 'VARCHAR' THEN {c} ->> '$' END"

    def is_clean_text(self, name: str) -> str:
        c = _ident(name)
        if name in _AS_TEXT:
            return "TRUE"
        return f"({c} IS NULL OR json_type({c}) = 'VARCHAR')"

    def count(self, name: str) -> str:
        c = _ident(name)
        return (
            f"CASE WHEN {c} IS NULL THEN 0 WHEN regexp_full_match({c}, '{_COUNT}') "
            f"THEN CAST({c} AS BIGINT) END"
        )

    def moment(self, name: str) -> tuple[str, str]:
        return _text_moment(_ident(name))


# The JSONL fields read as text rather than JSON.
_AS_TEXT = frozenset({"model", "variant", "timestamp", *TOKEN_COLUMNS})


class _TextColumns(Columns):
    """CSV read as text: an empty cell is absent, as in Python's reader."""

    def __init__(self, present: set[str], header: Sequence[str]) -> None:
        super().__init__(present)
        self.header = header

    def row_clean(self) -> str:
        # Python's csv module refuses a field longer than its limit (in
        # characters; bytes, here, are never fewer): such a row is left to
        # the Python engine, for its error. Every column, read or not.
        import csv

        limit = csv.field_size_limit()
        lengths = ", ".join(f"strlen({_ident(h)})" for h in self.header)
        return f"(coalesce(greatest({lengths}), 0) <= {limit})"

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


class TypedColumns(Columns):
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
        # A float column (pandas makes one of whole counts with a missing
        # value) holds whole numbers exactly up to 2**53, far above the
        # largest count: a whole value is the count, as in Python; 1.5, NaN
        # or an infinity is NULL, a record for the Python engine's error.
        whole = f" AND {c} = trunc({c})" if self.kinds.get(name) == "float" else ""
        return (
            f"CASE WHEN {c} IS NULL THEN 0 WHEN {c} BETWEEN 0 AND "
            f"999999999999999{whole} THEN CAST({c} AS BIGINT) END"
        )

    def moment(self, name: str) -> tuple[str, str]:
        kind = self.kinds[name]
        c = _ident(name)
        if kind == "text":
            return _text_moment(c)
        if kind == "date":
            return f"epoch_us(CAST({c} AS TIMESTAMPTZ))", "FALSE"
        if kind == "timestamp_ns":
            # Cut to the microsecond, as Python's datetime holds it: a cast
            # to TIMESTAMPTZ rounds, and 16:29:59.999999999 would become
            # 16:30, in the next window (23:59:59.999999999, the next day).
            return _floor_div(f"epoch_ns({c})", 1000), "TRUE"
        return f"epoch_us(CAST({c} AS TIMESTAMPTZ))", "TRUE"


def _text_moment(text: str) -> tuple[str, str]:
    # The common form, 2026-07-01T09:30:00Z, by a fixed format once its
    # every character is checked (strptime alone skips leading blanks), as
    # a timestamp without a zone: its microseconds since 1970 are UTC's,
    # with no pass through the time-zone library, which a cast to
    # TIMESTAMPTZ takes (it cost as much as the check and the parse
    # together). The others are checked against the plain ISO forms, then
    # cast. Year 0 is no year in Python, and DuckDB reads it as 1 BC:
    # `normalized` refuses it.
    clean = (
        f"CASE WHEN regexp_full_match({text}, '{_COMMON}') "
        f"THEN epoch_us(try_strptime({text}, '%Y-%m-%dT%H:%M:%SZ')) "
        f"WHEN regexp_full_match({text}, '{_DAY}') "
        f"OR regexp_full_match({text}, '{_MOMENT}') "
        f"THEN epoch_us(TRY_CAST({text} AS TIMESTAMPTZ)) END"
    )
    return clean, f"(strlen({text}) > 10)"


# One pattern costs less than a GLOB of as many character classes.
_COMMON = _DAY + "T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"
# 0001-01-01T00:00:00Z, the first moment Python has, in microseconds, and
# 10000-01-01T00:00:00Z, the first after its last: DuckDB reads
# 9999-12-31T23:30:00-01:00 as a moment of the year 10000, which no day of
# Python's holds.
_FIRST_US = -62_135_596_800_000_000
_END_US = 253_402_300_800_000_000


def _floor_mod(value: str, by: int) -> str:
    return f"((({value}) % {by} + {by}) % {by})"


def _floor_div(value: str, by: int) -> str:
    # DuckDB's // truncates toward zero; days before 1970 need the floor.
    return f"((({value}) - {_floor_mod(value, by)}) // {by})"


def normalized(
    source: str, cols: Columns, tags: Sequence[str], carry: Sequence[str] = ()
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
        moment, timed = "CAST(NULL AS BIGINT)", "FALSE"
    clean_text = [
        getattr(cols, "is_clean_text")(name)  # noqa: B009 - every subclass has it
        for name in ("variant", *tags)
        if name in cols.present
    ]
    if (whole := cols.row_clean()) != "TRUE":
        clean_text.append(whole)
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
        # The UTC day and minute of the week by integer arithmetic on the
        # minutes since 1970-01-01 (a Thursday): DuckDB reads the parts of
        # a TIMESTAMPTZ through its time-zone library, many times slower.
        f"SELECT name, DATE '1970-01-01' + CAST({_floor_div('minutes', 1440)} "
        "AS INTEGER) AS day, "
        "CASE WHEN timed THEN "
        f"{_floor_mod(_floor_div('minutes', 1440) + ' + 3', 7)} * 1440 "
        f"+ {_floor_mod('minutes', 1440)} ELSE -1 END AS week_minute, "
        "COALESCE(raw_variant, 'standard') AS variant, raw_variant, "
        + ", ".join(TOKEN_COLUMNS)
        + tag_names
        + carried
        + ", (clean_text AND name IS NOT NULL AND moment IS NOT NULL "
        f"AND moment >= {_FIRST_US} AND moment < {_END_US} "
        "AND (raw_variant IS NULL OR raw_variant <> '') "
        f"AND {token_ok} AND {PARTS_WITHIN}) AS clean "
        f"FROM (SELECT *, {_floor_div('moment', 60_000_000)} AS minutes "
        f"FROM ({inner}))"
    )


def json_source(
    path: Path, tags: Sequence[str], keys: Collection[str] | None = None
) -> tuple[str, Columns]:
    """A JSONL file's relation and readers; with *keys* (every key its
    lines have), the fields no line has are not read at all."""
    if _starts_with_bom(path):
        raise NotClean
    fields = [
        f
        for f in ("model", "timestamp", "variant", *TOKEN_COLUMNS, *tags)
        if keys is None or f in keys
    ]
    # The timestamp as text: a JSON number or true becomes text that no
    # timestamp form matches, so it is refused all the same.
    columns = ", ".join(
        f"{sql_text(name)}: '{'VARCHAR' if name in _AS_TEXT else 'JSON'}'"
        for name in fields
    )
    source = (
        f"read_json({sql_text(str(path))}, format = 'newline_delimited', "
        f"{_compression(path)}columns = {{{columns}}})"
    )
    return source, _JsonColumns(set(fields))


def _starts_with_bom(path: Path) -> bool:
    """Whether the (decompressed) file starts with a byte-order mark; a
    stream that cannot be read is left to the Python engine."""
    try:
        with open_bytes(path) as file:
            return file.read(3) == _BOM
    except (OSError, InvalidInputError):
        raise NotClean from None


def _compression(path: Path) -> str:
    """The reader option for a gzip-compressed file, named by its suffix
    whatever its case (DuckDB's own detection reads a lowercase ``.gz``)."""
    return "compression = 'gzip', " if compressed(path) else ""


def csv_source(path: Path, tags: Sequence[str]) -> tuple[str, Columns]:
    if _starts_with_bom(path):
        raise NotClean
    try:
        with io.TextIOWrapper(open_bytes(path), encoding="utf-8", newline="") as file:
            header = next(csv.reader(file), None)
    except (OSError, UnicodeDecodeError, csv.Error, InvalidInputError):
        raise NotClean from None
    if (
        not header
        or len({h.lower() for h in header}) != len(header)
        or not all(h.strip() for h in header)
    ):
        # Duplicated (or case-folded) names, or a blank one: the Python
        # engine decides (and refuses a blank name).
        raise NotClean
    columns = ", ".join(f"{sql_text(h)}: 'VARCHAR'" for h in header)
    source = (
        f"read_csv({sql_text(str(path))}, {_compression(path)}header = true, "
        "delim = ',', "
        "quote = '\"', escape = '\"', auto_detect = false, "
        f"strict_mode = true, null_padding = false, "
        # A line the Python engine refuses, DuckDB refuses too (bytes are
        # never fewer than characters): the Python engine then names it.
        f"max_line_size = {MAX_LINE - 1}, columns = {{{columns}}})"
    )
    return source, _TextColumns(set(header), header)


_INTEGER = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")


def arrow_kinds(schema: pa.Schema) -> dict[str, str]:
    """The kind of each column of an Arrow schema, for `typed_columns`."""
    import pyarrow as pa

    kinds: dict[str, str] = {}
    for field in schema:
        kind = field.type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            kinds[field.name] = "text"
        elif pa.types.is_timestamp(kind):
            kinds[field.name] = "timestamp_ns" if kind.unit == "ns" else "timestamp"
        elif pa.types.is_date(kind):
            kinds[field.name] = "date"
        elif str(kind) in _INTEGER:
            kinds[field.name] = "integer"
        elif pa.types.is_floating(kind):
            kinds[field.name] = "float"
        else:
            kinds[field.name] = str(kind)
    return kinds


# DuckDB's names of the types Parquet columns read as, by kind.
_DUCKDB_KINDS = {
    "VARCHAR": "text",
    "DATE": "date",
    **dict.fromkeys(
        (
            "TIMESTAMP",
            "TIMESTAMP WITH TIME ZONE",
            "TIMESTAMP_S",
            "TIMESTAMP_MS",
        ),
        "timestamp",
    ),
    **dict.fromkeys(("TIMESTAMP_NS", "TIMESTAMPTZ_NS"), "timestamp_ns"),
    **dict.fromkeys(
        (
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "UTINYINT",
            "USMALLINT",
            "UINTEGER",
            "UBIGINT",
        ),
        "integer",
    ),
    **dict.fromkeys(("FLOAT", "DOUBLE"), "float"),
}


def duckdb_kinds(columns: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The kind of each column, given (name, DuckDB type) as ``DESCRIBE``
    lists them (a Parquet file's schema, read without pyarrow)."""
    return {name: _DUCKDB_KINDS.get(kind, kind) for name, kind in columns}


# The kinds of a timestamp column the engine reads.
_MOMENT_KINDS = ("text", "timestamp", "timestamp_ns", "date")


def typed_columns(kinds: dict[str, str], tags: Sequence[str]) -> TypedColumns:
    """The readers of a typed source, given each column's kind (`arrow_kinds`,
    `duckdb_kinds`): text, timestamp, timestamp_ns (nanoseconds),
    date, integer, float, or another type's name.

    Raises:
        NotClean: two columns whose names differ only in case, or a field
            of a type the Python engine would read differently.
    """
    names = list(kinds)
    if len({n.lower() for n in names}) != len(names):
        raise NotClean
    for name in ("model", "variant", *tags):
        if name in kinds and kinds[name] != "text":
            raise NotClean
    if "timestamp" in kinds and kinds["timestamp"] not in _MOMENT_KINDS:
        raise NotClean
    for name in TOKEN_COLUMNS:
        if name in kinds and kinds[name] not in ("integer", "float"):
            raise NotClean
    return TypedColumns(set(names), kinds)
