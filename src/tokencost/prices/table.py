"""
The catalog as one flat, effective-dated price table, for SQL engines.

Each row is one (model, variant, time window, period, long-context tier) and
one span of the week, with the currency and every component rate as an
exact decimal. A usage record matches exactly one row of its model: the row
whose variant it names, whose period holds its moment (or its whole UTC
day, for a record that gives only a day), whose span of the week holds its
UTC minute of the week, and whose tier bounds hold its prompt size. So the
pricing query is a plain join, and nothing in it guesses or ranks:

- **Periods as moments.** ``period_start`` (inclusive) and ``period_end``
  (exclusive) are UTC timestamps on whole minutes: midnight for a period
  that starts or ends with a day, ``2025-09-05 16:00:00`` for DeepSeek's
  change of that afternoon. A record with only a day matches a period only
  if the period covers the whole day: on a day when the prices change, it
  matches none and is refused, as in the Python engine.

- **Rates per token, at a fixed scale.** The sheets price per million
  tokens; the table holds the same figures divided by a million, exactly,
  as ``DECIMAL(26, 20)``. An amount is then ``tokens * rate``: a
  multiplication, which every SQL engine does exactly, and never a division
  (DuckDB's DECIMAL division returns a DOUBLE).
- **Windows as spans of the week.** A time window (DeepSeek's off-peak
  hours) is turned into minutes of the UTC week, Monday 00:00 being 0, and
  the standard prices of a windowed period cover the minutes no window
  covers. Where windows overlap the first one wins, as in `PricePeriod`.
  A record that carries only a day has the minute ``-1``, which only the
  standard prices cover: no window applies to it.
- **Tiers as bounds.** ``tier_min_input_tokens`` (inclusive) and
  ``tier_max_input_tokens`` (exclusive, null for the top tier): a prompt of
  exactly a threshold is in that threshold's tier.

`SCHEMA_VERSION` changes whenever a column is added, removed or changes
meaning; docs/bill.md describes the columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from tokencost._errors import InvalidPriceSheetError

if TYPE_CHECKING:
    import pyarrow as pa

    from tokencost.prices.catalog import Catalog
    from tokencost.prices.model import ModelPrice, PricePeriod, Rates, Schedule

__all__ = [
    "NAME_COLUMNS",
    "PRICE_COLUMNS",
    "RATE_COLUMNS",
    "RATE_PRECISION",
    "RATE_SCALE",
    "SCHEMA_VERSION",
    "WEEK_MINUTES",
    "PriceRow",
    "name_rows",
    "price_rows",
    "price_table",
]

#: The version of the table's columns; stored in the Arrow and Parquet
#: metadata as ``tokencost.price_table.schema_version``.
SCHEMA_VERSION = 4
#: Digits after the point of every per-token rate: a rate per million tokens
#: with up to 14 decimals fits exactly.
RATE_SCALE = 20
#: Total digits of a rate: 6 before the point, up to 999,999 a token.
RATE_PRECISION = 26
#: Minutes in a week: the end of the last span.
WEEK_MINUTES = 7 * 24 * 60

#: The rate columns, per token except ``request_rate`` (per request), with
#: the `Rates` field each comes from.
RATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("input_rate", "input_mtok"),
    ("cache_read_rate", "cache_read_mtok"),
    ("cache_write_rate", "cache_write_mtok"),
    ("cache_write_1h_rate", "cache_write_1h_mtok"),
    ("output_rate", "output_mtok"),
    ("reasoning_rate", "reasoning_mtok"),
    ("input_audio_rate", "input_audio_mtok"),
    ("input_image_rate", "input_image_mtok"),
    ("input_video_rate", "input_video_mtok"),
    ("output_audio_rate", "output_audio_mtok"),
    ("output_image_rate", "output_image_mtok"),
    ("cache_read_audio_rate", "cache_read_audio_mtok"),
    ("request_rate", "request"),
)

#: The columns of the price table, in order, with their SQL types.
PRICE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("row_id", "INTEGER"),
    ("model_id", "VARCHAR"),
    ("provider", "VARCHAR"),
    ("currency", "VARCHAR"),
    ("variant", "VARCHAR"),
    ("time_window", "VARCHAR"),
    ("week_minute_from", "INTEGER"),
    ("week_minute_to", "INTEGER"),
    ("period_start", "MOMENT"),
    ("period_end", "MOMENT"),
    ("tier", "INTEGER"),
    ("tier_min_input_tokens", "BIGINT"),
    ("tier_max_input_tokens", "BIGINT"),
    *((name, "RATE") for name, _ in RATE_COLUMNS),
    ("source", "VARCHAR"),
    ("source_kind", "VARCHAR"),
    ("checked", "DATE"),
)

#: The columns of the name table: every accepted spelling, lower case, and
#: the model id it means.
NAME_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "VARCHAR"),
    ("model_id", "VARCHAR"),
)

_MILLION_PLACES = 6


@attrs.frozen
class PriceRow:
    """One row of the price table; the fields are the columns, in order."""

    row_id: int
    model_id: str
    provider: str
    currency: str
    variant: str
    time_window: str | None
    week_minute_from: int
    week_minute_to: int
    period_start: datetime | None
    period_end: datetime | None
    tier: int
    tier_min_input_tokens: int
    tier_max_input_tokens: int | None
    input_rate: Decimal | None
    cache_read_rate: Decimal | None
    cache_write_rate: Decimal | None
    cache_write_1h_rate: Decimal | None
    output_rate: Decimal | None
    reasoning_rate: Decimal | None
    input_audio_rate: Decimal | None
    input_image_rate: Decimal | None
    input_video_rate: Decimal | None
    output_audio_rate: Decimal | None
    output_image_rate: Decimal | None
    cache_read_audio_rate: Decimal | None
    request_rate: Decimal | None
    source: str
    source_kind: str | None
    checked: date | None

    def values(self) -> tuple[Any, ...]:
        """The row as a tuple, in column order."""
        return attrs.astuple(self, recurse=False)


def per_token(rate: Decimal | None, *, per_million: bool, model: str) -> Decimal | None:
    """*rate* as the table holds it: per token, at `RATE_SCALE` places, exactly.

    Raises:
        InvalidPriceSheetError: the rate needs more places, or is too large.
    """
    if rate is None:
        return None
    value = rate.scaleb(-_MILLION_PLACES) if per_million else rate
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    whole_digits = value.adjusted() + 1 if value else 0
    if places > RATE_SCALE or whole_digits > RATE_PRECISION - RATE_SCALE:
        raise InvalidPriceSheetError(
            f"{model}: the rate {rate} does not fit the price table "
            f"(at most {RATE_SCALE - _MILLION_PLACES} decimals per million "
            f"tokens and {RATE_PRECISION - RATE_SCALE} digits before the point)"
        )
    return value.quantize(Decimal(1).scaleb(-RATE_SCALE))


def _week_spans(period: PricePeriod) -> list[tuple[str | None, int, int]]:
    """(window name or None, from, to): the week split between the windows
    (first match wins) and the standard prices, which also cover -1."""
    owner: list[int] = [-1] * WEEK_MINUTES
    for index in reversed(range(len(period.windows))):
        window = period.windows[index]
        for day in window.days:
            for first, last in window.hours:
                a = first.hour * 60 + first.minute
                b = last.hour * 60 + last.minute
                ranges = [(a, b)] if a < b else [(a, 1440), (0, b)]
                for lo, hi in ranges:
                    base = day * 1440
                    owner[base + lo : base + hi] = [index] * (hi - lo)
    spans: list[tuple[str | None, int, int]] = [(None, -1, 0)]
    start = 0
    for minute in range(1, WEEK_MINUTES + 1):
        if minute == WEEK_MINUTES or owner[minute] != owner[start]:
            index = owner[start]
            name = None if index < 0 else period.windows[index].name
            previous = spans[-1]
            if previous[0] == name and previous[2] == start:
                spans[-1] = (name, previous[1], minute)
            else:
                spans.append((name, start, minute))
            start = minute
    return spans


def _schedules(
    period: PricePeriod,
) -> Iterator[tuple[str, str | None, int, int, Schedule]]:
    """(variant, window, week from, week to, schedule) of a period."""
    if period.windows:
        schedules = {w.name: w.schedule for w in period.windows}
        for name, lo, hi in _week_spans(period):
            schedule = period.standard if name is None else schedules[name]
            yield "standard", name, lo, hi, schedule
    else:
        yield "standard", None, -1, WEEK_MINUTES, period.standard
    for variant, schedule in period.variants:
        yield variant, None, -1, WEEK_MINUTES, schedule


def _rates(rates: Rates, model: str) -> dict[str, Decimal | None]:
    return {
        column: per_token(
            getattr(rates, field), per_million=field != "request", model=model
        )
        for column, field in RATE_COLUMNS
    }


def price_rows(models: Iterable[ModelPrice], *, first_id: int = 1) -> list[PriceRow]:
    """The price table rows of *models*, numbered from *first_id*."""
    rows: list[PriceRow] = []
    for price in models:
        for period in price.periods:
            for variant, window, lo, hi, schedule in _schedules(period):
                bounds = [0, *(t.min_input_tokens for t in schedule.tiers), None]
                tiers = [schedule.rates, *(t.rates for t in schedule.tiers)]
                for tier, rates in enumerate(tiers):
                    rows.append(
                        PriceRow(
                            row_id=first_id + len(rows),
                            model_id=price.id,
                            provider=price.provider,
                            currency=price.currency,
                            variant=variant,
                            time_window=window,
                            week_minute_from=lo,
                            week_minute_to=hi,
                            period_start=period.start,
                            period_end=period.end,
                            tier=tier,
                            tier_min_input_tokens=bounds[tier] or 0,
                            tier_max_input_tokens=bounds[tier + 1],
                            source=period.source,
                            source_kind=period.kind,
                            checked=period.checked,
                            **_rates(rates, price.id),
                        )
                    )
    return rows


def name_rows(
    catalog: Catalog, models: Iterable[ModelPrice] | None = None
) -> list[tuple[str, str]]:
    """(name, model id) for every spelling *catalog* resolves on its own to
    one of *models* (default: all of its models): ids, provider-prefixed
    aliases and the bare names that are not ambiguous; lower case, as names
    are matched."""
    from tokencost._errors import DataLookupError

    pairs: dict[str, str] = {}
    models = list(catalog) if models is None else list(models)
    for price in models:
        for name in (price.model, *price.aliases):
            pairs[f"{price.provider}:{name}".lower()] = price.id
    for price in models:
        for name in (price.model, *price.aliases):
            key = name.lower()
            if key in pairs:
                continue
            try:
                found = catalog.get(key)
            except DataLookupError:
                continue
            if found.id == price.id:
                pairs[key] = found.id
    return sorted(pairs.items())


def arrow_schema() -> pa.Schema:
    """The Arrow schema of the price table, with its version in the metadata."""
    import pyarrow as pa

    types = {
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "VARCHAR": pa.string(),
        "DATE": pa.date32(),
        "MOMENT": pa.timestamp("us", tz="UTC"),
        "RATE": pa.decimal128(RATE_PRECISION, RATE_SCALE),
    }
    nullable = {
        "time_window",
        "source_kind",
        "checked",
        "period_start",
        "period_end",
        "tier_max_input_tokens",
        *(name for name, _ in RATE_COLUMNS),
    }
    return pa.schema(
        [
            pa.field(name, types[kind], nullable=name in nullable)
            for name, kind in PRICE_COLUMNS
        ],
        metadata={"tokencost.price_table.schema_version": str(SCHEMA_VERSION)},
    )


def to_arrow(rows: Iterable[PriceRow]) -> pa.Table:
    """*rows* as an Arrow table of `arrow_schema`."""
    import pyarrow as pa

    schema = arrow_schema()
    columns: list[list[Any]] = [[] for _ in PRICE_COLUMNS]
    for row in rows:
        for column, value in zip(columns, row.values(), strict=True):
            column.append(value)
    return pa.Table.from_arrays(
        [
            pa.array(values, type=field.type)
            for values, field in zip(columns, schema, strict=True)
        ],
        schema=schema,
    )


def names_to_arrow(pairs: Iterable[tuple[str, str]]) -> pa.Table:
    """The name table as Arrow: ``name``, ``model_id``."""
    import pyarrow as pa

    names, ids = zip(*pairs, strict=True) if pairs else ((), ())
    return pa.table(
        {"name": pa.array(names, pa.string()), "model_id": pa.array(ids, pa.string())}
    )


def price_table(
    models: Iterable[str | ModelPrice] | None = None, *, catalog: Catalog | None = None
) -> pa.Table:
    """
    The price table as an Arrow table (needs the ``arrow`` extra, pyarrow).

    Args:
        models: Model names or `ModelPrice` values to include; default every
            model of *catalog*.
        catalog: The catalog to read; default the bundled one.

    One row per model, variant, time window, span of the week, period and
    long-context tier; rates per token as ``decimal128(26, 20)``, exact;
    period bounds as UTC timestamps (``timestamp[us, tz=UTC]``). The
    schema version is in the metadata (``tokencost.price_table.schema_version``).

    Raises:
        UnknownModelError: a name in *models* is not in the catalog.
    """
    from tokencost.prices.catalog import default_catalog, resolve

    catalog = catalog or default_catalog()
    if models is None:
        chosen: list[ModelPrice] = catalog.models()
    else:
        if isinstance(models, str):
            models = [models]
        seen: dict[str, ModelPrice] = {}
        for name in models:
            price = resolve(name, catalog)
            seen.setdefault(price.id, price)
        chosen = list(seen.values())
    return to_arrow(price_rows(chosen))
