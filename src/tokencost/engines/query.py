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

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from tokencost._errors import InvalidInputError
from tokencost.engines.periods import IN_PERIOD, change_spans, minute_of_day
from tokencost.usage.usage import USAGE_FIELDS

if TYPE_CHECKING:
    from tokencost.prices.catalog import Catalog
    from tokencost.prices.model import ModelPrice
    from tokencost.prices.table import PriceRow

__all__ = [
    "COST_COLUMNS",
    "DIALECTS",
    "PARTS_WITHIN",
    "PRICED_COLUMNS",
    "TOKEN_COLUMNS",
    "NotClean",
    "bounds",
    "check_dialect",
    "presum_query",
    "priced_query",
    "priced_sums_query",
    "read_sums",
    "resolve_names",
    "sums_query",
]

#: The dialects `script` writes.
DIALECTS: tuple[str, ...] = ("duckdb", "spark", "bigquery", "snowflake", "postgres")

#: The token counts of a usage row, as `Usage` names them.
TOKEN_COLUMNS: tuple[str, ...] = USAGE_FIELDS

#: The parts of a record's input and output within their wholes, as `Usage`
#: checks them, as a SQL condition on the token columns.
PARTS_WITHIN: str = (
    "cache_read_tokens + cache_write_tokens + cache_write_1h_tokens "
    "+ input_audio_tokens + input_image_tokens + input_video_tokens "
    "<= input_tokens AND reasoning_tokens + output_audio_tokens "
    "+ output_image_tokens <= output_tokens "
    "AND cache_read_audio_tokens <= cache_read_tokens"
)

#: The cost of each component, then their sum, as the priced rows carry them.
COST_COLUMNS: tuple[str, ...] = (
    "input_cost",
    "cache_read_cost",
    "cache_read_audio_cost",
    "cache_write_cost",
    "cache_write_1h_cost",
    "output_cost",
    "reasoning_cost",
    "input_audio_cost",
    "input_image_cost",
    "input_video_cost",
    "output_audio_cost",
    "output_image_cost",
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

#: What `price_records` adds to each record, in every engine: the priced
#: columns but the price table's own row number.
ADDED_COLUMNS: tuple[str, ...] = tuple(c for c in PRICED_COLUMNS if c != "row_id")


#: The column `price_records` numbers the records by while it prices them,
#: in every engine; dropped from its result.
ROW = "__tokencost_row"


def check_no_clash(names: Iterable[str]) -> None:
    """
    Refuse a table that already has a column `price_records` adds, or the
    one it numbers the records by (`ROW`).

    Raises:
        InvalidInputError: naming the first such column.
    """
    for name in names:
        if name == ROW:
            raise InvalidInputError(
                f"the records have a column {ROW!r}, the name price_records "
                "numbers them by: rename it"
            )
        if name in ADDED_COLUMNS:
            raise InvalidInputError(
                f"the records already have a column {name!r}, which "
                "price_records adds (with "
                f"{', '.join(ADDED_COLUMNS[:5])}, ... and cost): rename it"
            )


_UNCACHED = (
    "(u.input_tokens - u.cache_read_tokens - u.cache_write_tokens"
    " - u.cache_write_1h_tokens - u.input_audio_tokens - u.input_image_tokens"
    " - u.input_video_tokens)"
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
    # Cached audio is part of the cache reads, at its own rate: never at
    # the cache-read rate of text.
    "cache_read_cost": _optional(
        "(u.cache_read_tokens - u.cache_read_audio_tokens)", "cache_read_rate"
    ),
    "cache_read_audio_cost": _optional(
        "u.cache_read_audio_tokens", "cache_read_audio_rate"
    ),
    "cache_write_cost": _optional("u.cache_write_tokens", "cache_write_rate"),
    "cache_write_1h_cost": _optional("u.cache_write_1h_tokens", "cache_write_1h_rate"),
    "output_cost": f"(u.output_tokens - {_REASONING} - u.output_audio_tokens"
    " - u.output_image_tokens) * p.output_rate",
    "reasoning_cost": "CASE WHEN p.reasoning_rate IS NULL THEN 0"
    " ELSE u.reasoning_tokens * p.reasoning_rate END",
    # Tokens of another modality are never priced as text: without a rate
    # of their own they make the cost null.
    **{
        f"{kind}_cost": _optional(f"u.{kind}_tokens", f"{kind}_rate")
        for kind in (
            "input_audio",
            "input_image",
            "input_video",
            "output_audio",
            "output_image",
        )
    },
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
        "p.period_start, p.week_minute_to AS row_week_minute_to, "
        "p.period_end AS row_period_end, " + costs + f", {total} AS cost "
        f"FROM {usage} AS u "
        f"LEFT JOIN {names} AS n ON n.name = u.name "
        f"LEFT JOIN {prices} AS p ON p.model_id = n.model_id "
        "AND p.variant = u.variant "
        + IN_PERIOD
        + "AND u.week_minute >= p.week_minute_from "
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


def _bucket(column: str, bounds: Sequence[Any]) -> str:
    """How many of *bounds* (integers or days) are at most *column*, as
    nested CASEs that halve the bounds at each step: a few comparisons a
    row, not one per bound."""
    found = sorted(set(bounds))

    def literal(value: Any) -> str:
        if isinstance(value, date):
            return f"DATE '{value.isoformat()}'"
        return str(int(value))

    def index(lo: int, hi: int) -> str:
        if lo == hi:
            return str(lo)
        mid = (lo + hi) // 2
        return (
            f"CASE WHEN {column} >= {literal(found[mid])} THEN {index(mid + 1, hi)} "
            f"ELSE {index(lo, mid)} END"
        )

    return index(0, len(found))


def presum_query(
    tags: Sequence[str],
    *,
    tiers: Sequence[int] = (),
    spans: Sequence[int] = (),
    periods: Sequence[date] | None = None,
    windowed: Sequence[str] | None = None,
    zero: Collection[str] = (),
    usage: str = "usage_rows",
) -> str:
    """
    The first step of `sums_query`: the usage rows summed by name, raw
    variant, tags, day, and the bucket of their prompt size between *tiers*
    (tier thresholds) and of their moment between the starts of *spans*
    (spans of the week), so that all the records of a sum match the same
    price row. A record with only a day (minute -1) has a bucket of its own.
    ``unclean`` counts the records that are not clean.

    With *periods* (every start and end of a price period), records are
    summed per span of days between them rather than per day, and each sum
    keeps its first day: far fewer sums, for a bill not grouped by time.
    Per day, the minute of the day decides the bucket; across days, the
    minute of the week. With *windowed* (the names whose models have
    time-of-day windows), only their records are bucketed by moment. The
    token columns in *zero* (those the source lacks) are not summed.
    """
    tag_keys = "".join(f', "tag:{t}"' for t in tags)
    if periods is None:
        day, day_key = "day", "day"
        minutes = sorted({int(s) % 1440 for s in spans if s > 0} - {0})
        moment = "week_minute % 1440"
    else:
        day, day_key = "MIN(day) AS day", _bucket("day", periods)
        minutes = sorted({int(s) for s in spans if s > 0})
        moment = "week_minute"
    minute = f"CASE WHEN week_minute < 0 THEN -1 ELSE {_bucket(moment, minutes)} END"
    if windowed is not None:
        listed = ", ".join("'" + n.replace("'", "''") + "'" for n in windowed)
        minute = f"CASE WHEN name IN ({listed}) THEN {minute} ELSE 0 END"
        if not listed:
            minute = "0"
    return (
        f"SELECT name, {day}, MIN(week_minute) AS week_minute, "
        "COALESCE(raw_variant, 'standard') AS variant, raw_variant"
        f"{tag_keys}, COUNT(*) AS records, MIN(input_tokens) AS prompt, "
        + ", ".join(
            f"0 AS {c}" if c in zero else f"SUM({c}) AS {c}" for c in TOKEN_COLUMNS
        )
        + ", SUM(CASE WHEN clean THEN 0 ELSE 1 END) AS unclean "
        f"FROM {usage} GROUP BY "
        # A constant bucket is left out: GROUP BY 0 would name a column.
        + ", ".join(
            key
            for key in (
                "name",
                day_key,
                f"raw_variant{tag_keys}",
                _bucket("input_tokens", [t for t in tiers if t > 0]),
                minute,
            )
            if not key.lstrip("-").isdigit()
        )
    )


def priced_sums_query(
    presums: str,
    tags: Sequence[str],
    *,
    by_day: bool,
    names: str = "token_names",
    prices: str = "token_prices",
) -> str:
    """
    The second step of `sums_query`: the sums of `presum_query` (the
    relation *presums*) joined to their price rows and summed per model
    name, day (or price row), raw variant, window, tier and tag, with how
    many records in each sum are not clean, match no price row or lack a
    rate they use (``bad``).
    """
    tag_keys = "".join(f', "tag:{t}"' for t in tags)
    extra = ["raw_variant", *(f'"tag:{t}"' for t in tags), "records", "unclean"]
    priced = _core(presums, extra, names, prices, prompt="prompt")
    day_key = "day" if by_day else "row_id"
    from tokencost.prices.table import WEEK_MINUTES

    # A record with only a day, in a period with windows, is billed at the
    # standard prices with no window applied: the Python engine marks it
    # with the window name ''. Its row is the standard row that starts at
    # -1, which ends before the week does when the period has windows (at
    # 0 when one starts on Monday 00:00, later when none does).
    window = (
        "CASE WHEN week_minute = -1 AND row_week_minute_to < "
        f"{WEEK_MINUTES} THEN '' ELSE time_window END"
    )
    # On a day when the prices change, a sum is of one part of the day: the
    # minute it starts (the period's start that day, or 0 for the part
    # before a period ends), which the Python engine keys it by; -1 on the
    # other days.
    part = (
        "CASE WHEN CAST(MIN(period_start) AS DATE) = MIN(day) AND "
        f"{minute_of_day('MIN(period_start)')} > 0 THEN "
        f"{minute_of_day('MIN(period_start)')} "
        "WHEN CAST(MIN(row_period_end) AS DATE) = MIN(day) AND "
        f"{minute_of_day('MIN(row_period_end)')} > 0 THEN 0 ELSE -1 END"
    )
    return (
        "SELECT name, CAST(MIN(day) AS VARCHAR) AS first_day, "
        f"{part} AS part_minute, raw_variant, "
        f"{window} AS time_window, tier{tag_keys}, SUM(records) AS records, "
        + ", ".join(f"SUM({c}) AS {c}" for c in TOKEN_COLUMNS)
        + ", SUM(unclean) + SUM(CASE WHEN row_id IS NULL OR cost IS NULL "
        "THEN records ELSE 0 END) AS bad "
        f"FROM ({priced}) AS priced GROUP BY name, {day_key}, raw_variant, "
        f"row_id, {window}, tier{tag_keys}"
    )


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

    The rows are first summed (`presum_query`) by name, day, variant, tags
    and the bucket of their prompt size and minute of the day between
    *tiers* (every tier threshold of the price rows) and *spans* (every
    start of a span of the week): all the records of a sum match the same
    price row, so the join prices sums, not records (`priced_sums_query`).
    A rate a record needs and the row lacks is caught on the sums, whose
    counts are above zero when any record's is.
    """
    presum = presum_query(tags, tiers=tiers, spans=spans, usage=usage)
    text = priced_sums_query(
        f"({presum})", tags, by_day=by_day, names=names, prices=prices
    )
    return text if dialect == "duckdb" else _transpile(text, dialect)


def bounds(rows: Iterable[PriceRow]) -> tuple[list[int], list[int]]:
    """The ``tiers`` and ``spans`` of `sums_query` for these price rows:
    the spans include the minute of the week of every period bound that is
    not a midnight, so that the records of a day when the prices change are
    summed apart on each side of the change."""
    found = list(rows)
    moments = [
        bound
        for r in found
        for bound in (r.period_start, r.period_end)
        if bound is not None
    ]
    return (
        sorted({r.tier_min_input_tokens for r in found}),
        sorted({r.week_minute_from for r in found} | set(change_spans(moments))),
    )


def read_sums(
    rows: Iterable[Sequence[Any]], width: int
) -> tuple[int, dict[tuple[Any, ...], list[int]]]:
    """
    The rows of `sums_query` as the Python engine merges them: the record
    count and {(name, day, variant, window, tier, *tags): [records, *tokens]}.

    Raises:
        NotClean: a sum holds a record the engine could not price, or no
            record has a value for a tag (the Python engine refuses it).
    """
    total = 0
    found: dict[tuple[Any, ...], list[int]] = {}
    valued = [False] * width
    for row in rows:
        if row[-1]:
            raise NotClean
        name, day, part, variant, window, tier = row[:6]
        counts = [int(v) for v in row[6 + width : -1]]
        total += counts[0]
        when = str(day)
        if part is not None and int(part) >= 0:
            # The part of a day when the prices change, as the Python
            # engine keys it: 2025-09-05T16:00.
            when += f"T{int(part) // 60:02d}:{int(part) % 60:02d}"
        tags = row[6 : 6 + width]
        key = (name, when, variant, window, int(tier), *tags)
        valued = [v or t not in (None, "") for v, t in zip(valued, tags, strict=True)]
        mine = found.get(key)
        if mine is None:
            found[key] = counts
        else:
            for i, value in enumerate(counts):
                mine[i] += value
    if total and not all(valued):
        raise NotClean
    return total, found


class NotClean(Exception):  # noqa: N818 - a signal between engines, not an error
    """An engine cannot prove the input reads as in the Python engine; the
    Python engine must bill it (and report the bad record)."""


def resolve_names(
    catalog: Catalog, names: Iterable[str]
) -> tuple[list[tuple[str, str]], dict[str, ModelPrice]]:
    """
    The (name, model id) pairs of *names* as `tc.cost` resolves them, and
    the models they name by id; `NotClean` for a name the catalog does not
    know, so the Python engine bills the input and reports its record.
    """
    from tokencost._errors import TokencostError

    pairs = []
    models: dict[str, ModelPrice] = {}
    for name in names:
        try:
            price = catalog.get(name)
        except TokencostError:
            raise NotClean from None
        models.setdefault(price.id, price)
        pairs.append((name, price.id))
    return pairs, models
