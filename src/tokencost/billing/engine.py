"""
Bulk billing: many logged requests priced exactly, in one pass.

`bill` streams usage records and adds their token counts into groups keyed
by what decides the price: the model, the price period, the variant and the
long-context tier. The tier is decided per record, from that record's own
prompt size, so summing within a group loses nothing: every record in it pays
the same rates, and ``rate x sum(tokens)`` is ``sum(rate x tokens)`` exactly
in `Decimal`. Each group is priced once at the end, and per-request prices
are multiplied by the group's record count. Memory grows with the number of
groups, never with the number of records.

The result, `Bill`, splits the priced groups by the ``by`` fields (model,
provider, variant, day, month, or any extra field of the records) and keeps
one total per currency: two currencies are never added together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import EXACT
from tokencost._errors import (
    InvalidInputError,
    TokencostError,
)
from tokencost._money import Money, check_currency
from tokencost._parsing import as_date, as_moment
from tokencost.billing.readers import _chain
from tokencost.billing.records import (
    _PROGRESS_EVERY,
    _STANDARD,
    BILL_FIELDS,
    MODALITY_FIELDS,
    TOKEN_FIELDS,
    UsageRecord,
)
from tokencost.billing.result import Bill, BillPart, _check_single_currency, _group
from tokencost.costing.lines import CostLine, _line, price_usage
from tokencost.prices.catalog import Catalog, default_catalog
from tokencost.prices.model import ModelPrice, PricePeriod, Schedule
from tokencost.usage.usage import Usage

__all__ = ["bill"]


@attrs.frozen(eq=False)
class _Context:
    """What a (model name, day, variant) resolves to; shared by its records."""

    price: ModelPrice
    period: PricePeriod
    schedule: Schedule
    variant: str | None
    day: str
    thresholds: tuple[int, ...]
    """The tiers' thresholds, ascending: a record's tier index is how many
    of them its prompt reaches."""
    windowed: bool = False
    """Whether the period has time-of-day windows that the standard prices
    give way to: then each record's time picks its context."""
    window: str | None = None
    """The window these prices are for, or None."""


def _utc_day(timestamp: str) -> str | None:
    """
    The day of an ISO timestamp when it can be read off the text: a bare day,
    or a time in UTC (``Z``, ``+00:00``) or without an offset. None when the
    offset moves the day, or the text is no timestamp.
    """
    if len(timestamp) == 10:
        return timestamp
    time = timestamp[11:]
    if timestamp[10:11] in ("T", " ", "t") and (
        time.endswith(("Z", "z", "+00:00")) or ("+" not in time and "-" not in time)
    ):
        return timestamp[:10]
    return None


class _Biller:
    """The running sums of one bill."""

    def __init__(self, catalog: Catalog, by: Sequence[str]) -> None:
        self.catalog = catalog
        self.by = tuple(by)
        self.tags = tuple(field for field in self.by if field not in BILL_FIELDS)
        self.contexts: dict[tuple[str, str, str | None], _Context] = {}
        self.windows: dict[tuple[_Context, str], _Context] = {}
        # For `portable`: where each context came from.
        self.names: dict[int, tuple[Any, ...]] = {}
        self.window_keys: dict[int, tuple[Any, ...]] = {}
        # (context, tier index, tag values) -> [records, *token sums]
        self.sums: dict[tuple[Any, ...], list[int]] = {}
        self.records = 0

    def portable(self) -> tuple[int, dict[tuple[Any, ...], list[int]]]:
        """The record count and the sums keyed by plain values, to send to
        another process: (model name, day, variant, tier, *tags)."""

        def origin(ctx: _Context) -> tuple[Any, ...]:
            if ctx.window is None:
                return (*self.names[id(ctx)], None)
            return (*self.window_keys[id(ctx)], ctx.window)

        return self.records, {
            (*origin(ctx), *rest): acc for (ctx, *rest), acc in self.sums.items()
        }

    def merge(self, records: int, sums: dict[tuple[Any, ...], list[int]]) -> None:
        """Add sums made by `portable` in another process."""
        self.records += records
        for (model, day, variant, window, *rest), acc in sums.items():
            ctx = self.context(model, day, variant)
            if window is not None:
                ctx = self._window_context(ctx, window)
            key = (ctx, *rest)
            mine = self.sums.get(key)
            if mine is None:
                self.sums[key] = acc
            else:
                for i, value in enumerate(acc):
                    mine[i] += value

    def context(self, model: str, day: str, variant: str | None) -> _Context:
        key = (model, day, variant)
        found = self.contexts.get(key)
        if found is None:
            price = self.catalog.get(model)
            period = price.period_at(as_date(day, what="timestamp"))
            schedule = period.schedule(variant)
            found = _Context(
                price=price,
                period=period,
                schedule=schedule,
                variant=None if variant in _STANDARD else variant,
                day=day,
                thresholds=tuple(t.min_input_tokens for t in schedule.tiers),
                windowed=bool(period.windows) and variant in _STANDARD,
            )
            self.contexts[key] = found
            self.names[id(found)] = key
        return found

    def _window_context(self, ctx: _Context, name: str) -> _Context:
        for window in ctx.period.windows:
            if window.name == name:
                break
        else:  # pragma: no cover - the worker found it in the same catalog
            raise InvalidInputError(f"no window {name!r}")
        key = (ctx, name)
        found = self.windows.get(key)
        if found is None:
            found = attrs.evolve(
                ctx,
                schedule=window.schedule,
                thresholds=tuple(t.min_input_tokens for t in window.schedule.tiers),
                windowed=False,
                window=name,
            )
            self.windows[key] = found
            self.window_keys[id(found)] = self.names[id(ctx)]
        return found

    def in_window(self, ctx: _Context, timestamp: object) -> _Context:
        """The context of a record at *timestamp*, inside a window or not."""
        _, moment = as_moment(timestamp, what="timestamp")
        window = None if moment is None else ctx.period.window_at(moment)
        if window is None:
            return ctx
        return self._window_context(ctx, window.name)

    def day_of(self, timestamp: object) -> str:
        if isinstance(timestamp, str) and len(timestamp) >= 10:
            day = _utc_day(timestamp)
            if day is not None:
                return day
        return as_date(timestamp, what="timestamp").isoformat()

    def add_mappings(
        self,
        records: Iterable[Mapping[str, Any]],
        where: Callable[[int], str],
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Add dict records (the JSONL and CSV form); the hot loop."""
        contexts = self.contexts
        sums = self.sums
        tags = self.tags
        count = self.records
        complete = False
        index = 0
        try:
            for index, record in enumerate(records, start=1):
                get = record.get
                timestamp = get("timestamp")
                # The common form, 2026-07-01T09:30:00Z, read off the text.
                if type(timestamp) is str and timestamp[-1:] == "Z":
                    day = timestamp[:10]
                    if len(timestamp) < 11 or timestamp[10] != "T":
                        day = self.day_of(timestamp)
                else:
                    day = self.day_of(timestamp)
                variant = get("variant")
                model = get("model")
                ctx = contexts.get((model, day, variant))  # type: ignore[arg-type]
                if ctx is None:
                    if not isinstance(model, str):
                        raise InvalidInputError(
                            f"model must be a name such as 'glm-5.2', not {model!r}"
                        )
                    ctx = self.context(model, day, variant)
                if ctx.windowed:
                    ctx = self.in_window(ctx, timestamp)
                tokens_in = get("input_tokens", 0)
                tokens_out = get("output_tokens", 0)
                read = get("cache_read_tokens", 0)
                write = get("cache_write_tokens", 0)
                hour = get("cache_write_1h_tokens", 0)
                reasoning = get("reasoning_tokens", 0)
                if (
                    type(tokens_in) is not int
                    or type(tokens_out) is not int
                    or type(read) is not int
                    or type(write) is not int
                    or type(hour) is not int
                    or type(reasoning) is not int
                    or read < 0
                    or write < 0
                    or hour < 0
                    or reasoning < 0
                    or read + write + hour > tokens_in
                    or reasoning > tokens_out
                ):
                    usage = _usage(record)
                    tokens_in = usage.input_tokens
                    tokens_out = usage.output_tokens
                    read = usage.cache_read_tokens
                    write = usage.cache_write_tokens
                    hour = usage.cache_write_1h_tokens
                    reasoning = usage.reasoning_tokens
                modal = None
                if not MODALITY_FIELDS.isdisjoint(record):
                    # Audio, image or video tokens: the checking path, rarely.
                    usage = _usage(record)
                    tokens_in = usage.input_tokens
                    tokens_out = usage.output_tokens
                    read = usage.cache_read_tokens
                    write = usage.cache_write_tokens
                    hour = usage.cache_write_1h_tokens
                    reasoning = usage.reasoning_tokens
                    modal = attrs.astuple(usage)[6:]
                tier = 0
                for threshold in ctx.thresholds:
                    if tokens_in >= threshold:
                        tier += 1
                    else:
                        break
                # Tag values go in raw and are turned into text once, at the end.
                key = (ctx, tier, *map(get, tags)) if tags else (ctx, tier)
                try:
                    acc = sums.get(key)
                except TypeError:
                    raise InvalidInputError(
                        f"cannot group by {', '.join(tags)}: a value is not text "
                        "or a number"
                    ) from None
                if acc is None:
                    acc = sums[key] = [1, tokens_in, tokens_out, read, write, hour]
                    acc += [reasoning, 0, 0, 0, 0, 0]
                else:
                    acc[0] += 1
                    acc[1] += tokens_in
                    acc[2] += tokens_out
                    # Most records leave these at zero; a test is cheaper
                    # than an addition.
                    if read:
                        acc[3] += read
                    if write:
                        acc[4] += write
                    if hour:
                        acc[5] += hour
                    if reasoning:
                        acc[6] += reasoning
                if modal is not None:
                    for slot, tokens in enumerate(modal, start=7):
                        acc[slot] += tokens
                if progress is not None and not index % _PROGRESS_EVERY:
                    progress(index)
            complete = True
        except TokencostError as exc:
            raise type(exc)(f"{where(index)}: {exc}") from exc
        finally:
            # Records added: all of them, or those before the one that failed.
            self.records = count + (index if complete else index - 1)

    def add_records(self, records: Iterable[UsageRecord]) -> None:
        """Add `UsageRecord` values."""
        self.add_mappings(
            (
                {
                    "model": r.model,
                    "timestamp": r.timestamp,
                    "variant": r.variant,
                    **attrs.asdict(r.usage),
                    **dict(r.tags),
                }
                for r in records
            ),
            lambda index: f"record {index}",
        )

    def result(self, currency: str | None) -> Bill:
        # Merge the per-day sums into priced parts, then parts into groups.
        parts: dict[tuple[Any, ...], tuple[_Context, list[int]]] = {}
        for (ctx, tier, *raw_tags), acc in self.sums.items():
            tag_values = [_tag(value) for value in raw_tags]
            group = tuple(self._value(field, ctx, tag_values) for field in self.by)
            part_key = (
                group,
                ctx.price.id,
                ctx.period.start,
                ctx.variant,
                ctx.window,
                tier,
            )
            found = parts.get(part_key)
            if found is None:
                parts[part_key] = (ctx, list(acc))
            else:
                for i, value in enumerate(acc):
                    found[1][i] += value
        grouped: dict[tuple[tuple[str, ...], str], list[BillPart]] = {}
        for (group, *_, tier), (ctx, (records, *tokens)) in parts.items():
            part = _price_part(ctx, tier, records, tokens)
            grouped.setdefault((group, part.total.currency), []).append(part)
        groups = [_group(key, code, items) for (key, code), items in grouped.items()]
        groups.sort(key=lambda g: (g.key, g.currency))
        totals: dict[str, Decimal] = {}
        for g in groups:
            totals[g.currency] = EXACT.add(
                totals.get(g.currency, Decimal(0)), g.total.amount
            )
        if currency is not None:
            _check_single_currency(check_currency(currency), totals)
        return Bill(
            by=self.by,
            groups=tuple(groups),
            records=self.records,
            totals=tuple(Money(totals[c], c) for c in sorted(totals)),
        )

    @staticmethod
    def _value(field: str, ctx: _Context, tag_values: list[str]) -> str:
        if field == "model":
            return ctx.price.id
        if field == "provider":
            return ctx.price.provider
        if field == "variant":
            return ctx.variant or "standard"
        if field == "window":
            return ctx.window or "-"
        if field == "day":
            return ctx.day
        if field == "month":
            return ctx.day[:7]
        return tag_values.pop(0)


def _tag(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def _usage(record: Mapping[str, Any]) -> Usage:
    """The slow, checking path for counts that are not plain ints."""
    counts = {}
    for name in TOKEN_FIELDS:
        value = record.get(name)
        counts[name] = 0 if value is None or value == "" else value
    return Usage(**counts)


def _price_part(
    ctx: _Context, tier_index: int, records: int, tokens: list[int]
) -> BillPart:
    tier = ctx.schedule.tiers[tier_index - 1] if tier_index else None
    rates = ctx.schedule.rates if tier is None else tier.rates
    usage = Usage(*tokens)
    # Token components are priced on the sums; the per-request price is
    # priced separately, once per record.
    raw = price_usage(ctx.price, attrs.evolve(rates, request=None), usage, 1)
    if rates.request is not None:
        raw.append(_line("request", records, rates.request, ctx.price))
    currency = ctx.price.currency
    lines = tuple(
        CostLine(component, quantity, unit, Money(amount, currency))
        for component, quantity, unit, amount in raw
    )
    total = Decimal(0)
    for *_, amount in raw:
        total = EXACT.add(total, amount)
    return BillPart(
        model=ctx.price.id,
        period=ctx.period,
        variant=ctx.variant,
        window=ctx.window,
        tier=tier,
        records=records,
        usage=usage,
        lines=lines,
        total=Money(total, currency),
    )


def _check_by(by: Sequence[str] | str) -> tuple[str, ...]:
    fields = tuple(
        f.strip() for f in (by.split(",") if isinstance(by, str) else by) if f.strip()
    )
    if not fields:
        raise InvalidInputError(
            f"by must name at least one field, such as {', '.join(BILL_FIELDS)}"
        )
    if len(set(fields)) != len(fields):
        raise InvalidInputError(f"by names a field twice: {', '.join(fields)}")
    for field in fields:
        if field in TOKEN_FIELDS or field == "timestamp":
            raise InvalidInputError(
                f"cannot group by {field!r}: group by {', '.join(BILL_FIELDS)} "
                "or a text field of the records"
            )
    return fields


def bill(
    records: Iterable[UsageRecord | Mapping[str, Any]],
    *,
    by: Sequence[str] | str = ("model",),
    currency: str | None = None,
    catalog: Catalog | None = None,
) -> Bill:
    """
    The exact cost of many requests, grouped by *by*.

    Args:
        records: `UsageRecord` values, or dicts with the keys of the JSONL
            format (see ``docs/bill.md``): ``model``, ``timestamp``, the
            token counts, an optional ``variant`` and any extra fields.
        by: The fields to group by: ``model``, ``provider``, ``variant``,
            ``day``, ``month`` (UTC), or the name of an extra field. A
            comma-separated string works too.
        currency: The currency to show the bill in. For now every amount
            must already be in it: exchange rates are not applied yet.
        catalog: The catalog to price on; default the bundled one.

    Raises:
        UnknownModelError, NoPriceError: a record's model or day has no
            price; the message says which record.
        MissingRateError: *currency* differs from an amount's currency.

    >>> b = bill([UsageRecord("glm-5.2", Usage(120_000, 4_000), "2026-07-01")] * 3)
    >>> b.total(), b.records
    (Money(amount=Decimal('0.5568'), currency='USD'), 3)
    """
    biller = _Biller(catalog or default_catalog(), _check_by(by))
    records = iter(records)
    # Records come either all as UsageRecord or all as dicts; peek at the
    # first to pick the path.
    first = next(records, None)
    if first is not None:
        rest = _chain(first, records)
        if isinstance(first, UsageRecord):
            biller.add_records(rest)
        else:
            biller.add_mappings(rest, lambda index: f"record {index}")
    return biller.result(currency)
