"""
Bills and priced rows for Spark DataFrames of usage (the ``spark`` extra).

The same price table and pricing query as the DuckDB engine, run by Spark,
so logs too big for one machine are priced where they live::

    import tokencost.spark as tcs

    bill = tcs.bill(spark.read.parquet("s3://logs/usage/"), by=["model", "month"])
    priced = tcs.price_records(df)  # df with cost columns, still a DataFrame

The session must compute decimals exactly and in UTC: `configure` sets
``spark.sql.decimalOperations.allowPrecisionLoss`` to false (with it on,
Spark rounds products to 6 decimals), ``spark.sql.ansi.enabled`` to true (an
overflow is an error, never a null) and the session time zone to UTC; both
functions call it.

Columns are those of ``tokencost bill``: ``model`` (string), ``timestamp``
(timestamp, date, or an ISO string), optional ``variant`` (string), the token
counts (integer types, null meaning 0) and any string column to group by.
Model names are resolved on the driver, once per distinct name. A record
Spark cannot prove it prices as the Python engine does (an unknown model, a
bad count, a day outside every period...) makes the driver read the records
in order with the Python engine, which stops at the first bad one with its
record number, the same error as ``tokencost.bill`` gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC
from typing import TYPE_CHECKING, Any

from tokencost._errors import DataLookupError, InvalidInputError, WrongTypeError
from tokencost.engines.query import (
    ADDED_COLUMNS,
    PARTS_WITHIN,
    ROW,
    TOKEN_COLUMNS,
    NotClean,
    bounds,
    check_no_clash,
    priced_query,
    read_sums,
    resolve_names,
    sums_query,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from tokencost.billing.result import Bill
    from tokencost.prices.catalog import Catalog
    from tokencost.prices.fx import ExchangeRates
    from tokencost.prices.table import PriceRow

__all__ = ["bill", "configure", "price_records"]

_SETTINGS = {
    "spark.sql.decimalOperations.allowPrecisionLoss": "false",
    "spark.sql.ansi.enabled": "true",
    "spark.sql.session.timeZone": "UTC",
}
_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_MOMENT = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9]"
    r"(:[0-5][0-9](\\.[0-9]{1,6})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?$"
)
_MAX_COUNT = 999_999_999_999_999


def configure(spark: SparkSession) -> None:
    """Set the session to exact decimals, errors on overflow, and UTC."""
    for key, value in _SETTINGS.items():
        spark.conf.set(key, value)


def _kinds(df: DataFrame) -> dict[str, str]:
    from pyspark.sql import types as sql_types

    kinds: dict[str, str] = {}
    folded: dict[str, str] = {}
    for field in df.schema.fields:
        # Spark resolves names without regard to case: two such columns
        # are one ambiguous name to it.
        other = folded.get(field.name.lower())
        if other is not None:
            raise InvalidInputError(
                f"the DataFrame has the column {field.name!r} twice"
                + ("" if other == field.name else f" (as {other!r})")
            )
        folded[field.name.lower()] = field.name
        kind = field.dataType
        if isinstance(kind, sql_types.StringType):
            kinds[field.name] = "text"
        elif isinstance(kind, sql_types.TimestampType | sql_types.TimestampNTZType):
            kinds[field.name] = "timestamp"
        elif isinstance(kind, sql_types.DateType):
            kinds[field.name] = "date"
        elif isinstance(
            kind,
            sql_types.ByteType
            | sql_types.ShortType
            | sql_types.IntegerType
            | sql_types.LongType,
        ):
            kinds[field.name] = "integer"
        else:
            kinds[field.name] = kind.simpleString()
    return kinds


def _check_columns(kinds: dict[str, str], tags: Sequence[str]) -> None:
    expected = {
        "model": ("text",),
        "variant": ("text",),
        "timestamp": ("timestamp", "date", "text"),
        **dict.fromkeys(TOKEN_COLUMNS, ("integer",)),
        **dict.fromkeys(tags, ("text",)),
    }
    for name in ("model", "timestamp", *tags):
        if name not in kinds:
            raise InvalidInputError(
                f"the DataFrame has no {name!r} column (it has: "
                f"{', '.join(sorted(kinds))})"
            )
    for name, allowed in expected.items():
        if name in kinds and kinds[name] not in allowed:
            raise WrongTypeError(
                f"column {name!r} is {kinds[name]}: it must be "
                + " or ".join("string" if k == "text" else k for k in allowed)
            )


def _normalized(
    kinds: dict[str, str], tags: Sequence[str], carry: Sequence[str], source: str
) -> str:
    def col(name: str) -> str:
        return f"`{name}`"

    def text(name: str) -> str:
        return f"NULLIF({col(name)}, '')" if name != "variant" else col(name)

    stamp = kinds["timestamp"]
    if stamp == "text":
        ts = col("timestamp")
        moment = (
            f"CASE WHEN {ts} RLIKE '{_DAY}' OR {ts} RLIKE '{_MOMENT}' "
            f"THEN TRY_CAST({ts} AS TIMESTAMP) END"
        )
        timed = f"(LENGTH({ts}) > 10)"
    else:
        moment = f"CAST({col('timestamp')} AS TIMESTAMP)"
        timed = "TRUE" if stamp == "timestamp" else "FALSE"
    counts = ", ".join(
        (
            f"CASE WHEN {col(n)} IS NULL THEN 0 WHEN {col(n)} BETWEEN 0 AND "
            f"{_MAX_COUNT} THEN CAST({col(n)} AS BIGINT) END AS {n}"
        )
        if n in kinds
        else f"CAST(0 AS BIGINT) AS {n}"
        for n in TOKEN_COLUMNS
    )
    variant = col("variant") if "variant" in kinds else "CAST(NULL AS STRING)"
    tag_columns = "".join(f", {text(t)} AS `tag:{t}`" for t in tags)
    carried = "".join(f", {col(c)}" for c in carry)
    inner = (
        f"SELECT {col('model')} AS name, {moment} AS moment, {timed} AS timed, "
        f"{variant} AS raw_variant, {counts}{tag_columns}{carried} FROM {source}"
    )
    tag_names = "".join(f", `tag:{t}`" for t in tags)
    token_ok = " AND ".join(f"{n} IS NOT NULL" for n in TOKEN_COLUMNS)
    return (
        "SELECT name, CAST(moment AS DATE) AS day, "
        "CASE WHEN timed THEN WEEKDAY(moment) * 1440 + HOUR(moment) * 60 "
        "+ MINUTE(moment) ELSE -1 END AS week_minute, "
        "COALESCE(raw_variant, 'standard') AS variant, raw_variant, "
        + ", ".join(TOKEN_COLUMNS)
        + tag_names
        + carried
        + ", (name IS NOT NULL AND moment IS NOT NULL "
        "AND (raw_variant IS NULL OR raw_variant <> '') "
        f"AND {token_ok} AND {PARTS_WITHIN}) AS clean "
        f"FROM ({inner}) AS raw"
    )


def _prepare(
    df: DataFrame, tags: Sequence[str], catalog: Catalog, carry: Sequence[str] = ()
) -> tuple[SparkSession, dict[str, str], list[PriceRow]]:
    """Register the usage, its normalized rows and the name and price tables
    of the models *df* names as temporary views of *df*'s session, under
    names of their own; return the session, the names and the price rows."""
    import uuid

    from pyspark.sql import types as sql_types

    from tokencost.prices.table import price_rows

    spark = df.sparkSession
    configure(spark)
    from tokencost.billing.shapes import changes_reading

    kinds = _kinds(df)
    _check_columns(kinds, tags)
    # The group fields are not among them: a field named like a token
    # count is refused by the Python engine even when grouped by.
    read = {"model", "timestamp", "variant", *TOKEN_COLUMNS, *carry}
    if any(changes_reading(name) for name in set(kinds) - read):
        # A provider's token fields, which the Python engine reads.
        raise NotClean
    prefix = f"tokencost_{uuid.uuid4().hex[:12]}"
    views = {k: f"{prefix}_{k}" for k in ("input", "rows", "names", "prices")}
    df.createOrReplaceTempView(views["input"])
    spark.sql(
        f"CREATE OR REPLACE TEMP VIEW {views['rows']} AS "
        + _normalized(kinds, tags, carry, views["input"])
    )
    names = [
        row[0]
        for row in spark.sql(
            f"SELECT DISTINCT name FROM {views['rows']} WHERE name IS NOT NULL"
        ).collect()
    ]
    pairs, models = resolve_names(catalog, names)
    rate = sql_types.DecimalType(26, 20)
    types = {
        "INTEGER": sql_types.IntegerType(),
        "BIGINT": sql_types.LongType(),
        "VARCHAR": sql_types.StringType(),
        "DATE": sql_types.DateType(),
        # UTC wall-clock times, read alike whatever the session's zone.
        "MOMENT": sql_types.TimestampNTZType(),
        "RATE": rate,
    }
    from tokencost.prices.table import PRICE_COLUMNS

    schema = sql_types.StructType(
        [sql_types.StructField(name, types[kind], True) for name, kind in PRICE_COLUMNS]
    )
    found = price_rows(models.values())
    moments = [i for i, (_, kind) in enumerate(PRICE_COLUMNS) if kind == "MOMENT"]
    rows = [_naive(row.values(), moments) for row in found]
    spark.createDataFrame(rows, schema).createOrReplaceTempView(views["prices"])
    name_schema = sql_types.StructType(
        [
            sql_types.StructField("name", sql_types.StringType(), False),
            sql_types.StructField("model_id", sql_types.StringType(), False),
        ]
    )
    spark.createDataFrame(pairs, name_schema).createOrReplaceTempView(views["names"])
    return spark, views, found


def _naive(values: tuple[Any, ...], moments: Sequence[int]) -> tuple[Any, ...]:
    """*values* with the moments at *moments* as naive UTC datetimes, as
    Spark's TIMESTAMP_NTZ takes them."""
    out = list(values)
    for i in moments:
        if out[i] is not None:
            out[i] = out[i].astimezone(UTC).replace(tzinfo=None)
    return tuple(out)


def _drop(spark: SparkSession, views: dict[str, str]) -> None:
    for name in views.values():
        spark.catalog.dropTempView(name)


def _python_records(df: DataFrame) -> Iterator[dict[str, Any]]:
    """The records of *df* in order, timestamps as UTC ISO text, for the
    Python engine."""
    from pyspark.sql import functions as sql_functions

    kinds = _kinds(df)
    if kinds.get("timestamp") == "timestamp":
        df = df.withColumn(
            "timestamp",
            sql_functions.date_format("timestamp", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'"),
        )
    for row in df.toLocalIterator():
        # Nested rows as dicts, as Arrow's are: OpenTelemetry's attributes
        # are read only from a mapping.
        yield {k: v for k, v in row.asDict(recursive=True).items() if v is not None}


def _rows(df: DataFrame) -> Iterable[dict[str, Any]]:
    """The records of *df* for the Python engine, which may read them again
    to name one."""
    from tokencost.billing.records import Rows

    return Rows(lambda: _python_records(df))


def bill(
    df: DataFrame,
    *,
    by: Sequence[str] | str = ("model",),
    currency: str | None = None,
    catalog: Catalog | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
) -> Bill:
    """
    The exact bill of a Spark DataFrame of usage, grouped by *by*.

    The records are summed by Spark per model, day (or price period), variant,
    window, tier and *by* field, and the few sums are priced on the driver
    by the Python engine's own code: the bill is the one `tokencost.bill`
    gives for the same records, digit for digit.

    Raises:
        TokencostError: as `tokencost.bill`, naming the first bad record.
    """
    from tokencost.billing.biller import _Biller
    from tokencost.billing.engine import bill as python_bill
    from tokencost.billing.engine import check_conversion, in_currency
    from tokencost.billing.records import BILL_FIELDS, check_by
    from tokencost.prices.catalog import default_catalog

    fields = check_by(by)
    check_conversion(currency, fx)
    catalog = catalog or default_catalog()
    tags = [f for f in fields if f not in BILL_FIELDS]
    for tag in tags:
        if tag not in df.columns:
            if _has_rows(df):
                # A record its prices cannot price, or a bad record, is the
                # first error, as in the Python engine; then the column.
                python_bill(_rows(df), catalog=catalog)
                raise _no_column(df, tag)
            return python_bill([], by=fields, currency=currency, fx=fx, catalog=catalog)
    by_day = any(f in ("day", "month", "week", "hour") for f in fields)
    try:
        spark, views, found = _prepare(df, tags, catalog)
        tiers, spans = bounds(found)
        query = sums_query(
            tags,
            by_day=by_day,
            tiers=tiers,
            spans=spans,
            dialect="spark",
            usage=views["rows"],
            names=views["names"],
            prices=views["prices"],
        )
        try:
            rows = spark.sql(query).collect()
        finally:
            _drop(spark, views)
        count, sums = read_sums([tuple(r) for r in rows], len(tags))
    except NotClean:
        pass
    else:
        biller = _Biller(catalog, fields)
        biller.merge(count, sums)
        try:
            return in_currency(biller.result(None), currency, fx)
        except DataLookupError:
            pass
    # The Python engine bills the records, or names the first bad one.
    return python_bill(_rows(df), by=fields, currency=currency, fx=fx, catalog=catalog)


def _has_rows(df: DataFrame) -> bool:
    return bool(df.limit(1).count())


def _no_column(df: DataFrame, tag: str) -> InvalidInputError:
    """The error `tokencost.bill` gives for a bill grouped by *tag*, which
    no record has: naming the columns that have a value in some record, as
    the Python engine names the fields it read."""
    from pyspark.sql import functions as sql_functions

    from tokencost.billing.records import no_value
    from tokencost.billing.shapes import FIELDS

    others = [c for c in df.columns if c not in FIELDS and c != "attributes"]
    valued = []
    if others:
        counts = df.select(
            *(sql_functions.count(df[f"`{c.replace('`', '``')}`"]) for c in others)
        ).first()
        valued = [c for c, n in zip(others, counts or (), strict=False) if n]
    return no_value(tag, valued)


def price_records(df: DataFrame, *, catalog: Catalog | None = None) -> DataFrame:
    """
    *df* with the price columns added: ``model_id``, ``currency``,
    ``time_window``, ``tier``, ``period_start``, the cost of each component
    (``input_cost`` ... ``request_cost``) and ``cost``, exact decimals of
    scale 20 (``DECIMAL(38, 20)``).

    Raises:
        TokencostError: the first record that cannot be priced, as
            `tokencost.bill` names it.
    """
    from pyspark.sql import functions as sql_functions

    from tokencost.billing.engine import bill as python_bill
    from tokencost.prices.catalog import default_catalog

    catalog = catalog or default_catalog()
    check_no_clash(df.columns)
    indexed = df.withColumn(ROW, sql_functions.monotonically_increasing_id())
    try:
        spark, views, _ = _prepare(indexed, (), catalog, carry=[ROW])
        priced = spark.sql(
            priced_query(
                views["rows"],
                extra=["clean", ROW],
                dialect="spark",
                names=views["names"],
                prices=views["prices"],
            )
        )
        bad = priced.filter("NOT clean OR row_id IS NULL OR cost IS NULL").limit(1)
        if bad.count():
            raise NotClean
    except NotClean:
        python_bill(_rows(df), catalog=catalog)
        raise InvalidInputError(
            "the Spark engine prices only plain values (whole counts, ISO "
            "timestamps such as 2026-07-01T09:30:00Z, non-empty variants); "
            "bill these records with tokencost.spark.bill"
        ) from None
    added = priced.select(ROW, *ADDED_COLUMNS)
    return indexed.join(added, ROW).orderBy(ROW).drop(ROW)
