"""
The running sums of a bill, `_Biller`: records read, checked and added
into sums per pricing group (and per group field), then priced once.

The hot loop (`_Biller.add_mappings`) does a few dictionary updates per
record. A component the prices of a sum lack shows when the sums are
priced; a biller made with ``checking`` prices each record that may use
one as it is read instead, so that the first such record stops the bill
with its own error (see `tokencost.billing.engine.locate`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from tokencost._decimal import EXACT
from tokencost._errors import (
    DataLookupError,
    InvalidInputError,
    TokencostError,
    WrongTypeError,
)
from tokencost._money import Money, check_currency
from tokencost._parsing import MAX_TOKENS, as_moment, shorten
from tokencost.billing.contexts import (
    NO_TIME,
    PricingContext,
    group_value,
    hashable,
    price_part,
    unpriced_slots,
)
from tokencost.billing.records import (
    _NO_MODEL,
    _NO_TIMESTAMP,
    _PROGRESS_EVERY,
    _STANDARD,
    BILL_FIELDS,
    MODALITY_FIELDS,
    as_mapping,
    hour_of,
    no_value,
    tag_key,
    tag_text,
    usage_of,
)
from tokencost.billing.result import Bill, BillPart, _check_single_currency, _group
from tokencost.billing.shapes import FIELDS, Shapes
from tokencost.prices.catalog import Catalog

__all__ = ["_Biller"]

# The sums of the counts after reasoning (the other modalities, cached audio
# too), zero in a new sum: a record that has any adds its own.
_NO_MODALITIES = (0,) * len(MODALITY_FIELDS)
# A sum: the record count, then a sum per count of `Usage`.
_WIDTH = 7 + len(MODALITY_FIELDS)


class _Biller:
    """The running sums of one bill."""

    def __init__(
        self,
        catalog: Catalog,
        by: Sequence[str],
        shapes: Shapes | None = None,
        *,
        checking: bool = False,
    ) -> None:
        self.catalog = catalog
        self.by = tuple(by)
        self.shapes = shapes or Shapes(None, None)
        self.hourly = "hour" in self.by
        self.tags = tuple(field for field in self.by if field not in BILL_FIELDS)
        self.contexts: dict[tuple[str, str, str | None], PricingContext] = {}
        self.windows: dict[tuple[PricingContext, str], PricingContext] = {}
        # For `portable`: where each context came from.
        self.names: dict[int, tuple[Any, ...]] = {}
        self.window_keys: dict[int, tuple[Any, ...]] = {}
        # (context, tier index, [hour], tag values) -> [records, *token sums]
        self.sums: dict[tuple[Any, ...], list[int]] = {}
        self.records = 0
        # Checking each record against its prices as it is read (records
        # that can be read only once): the sums are kept in `checked`, so
        # that every record misses `sums` and takes the checking path.
        self.checking = checking
        self.checked: dict[tuple[Any, ...], list[int]] = {}
        self.unpriced: dict[tuple[PricingContext, int], tuple[int, ...]] = {}

    def portable(self) -> tuple[int, dict[tuple[Any, ...], list[int]]]:
        """The record count and the sums keyed by plain values, to send to
        another process: (model name, day, variant, window, tier, *rest)."""

        def origin(ctx: PricingContext) -> tuple[Any, ...]:
            if ctx.day_only:
                return (*self.window_keys[id(ctx)], NO_TIME)
            if ctx.window is None:
                return (*self.names[id(ctx)], None)
            return (*self.window_keys[id(ctx)], ctx.window)

        return self.records, {
            (*origin(ctx), *rest): acc for (ctx, *rest), acc in self._all().items()
        }

    def _all(self) -> dict[tuple[Any, ...], list[int]]:
        """Every sum, checked ones included."""
        if self.checked:
            self.sums.update(self.checked)
            self.checked.clear()
        return self.sums

    def merge(self, records: int, sums: dict[tuple[Any, ...], list[int]]) -> None:
        """Add sums made by `portable` in another process."""
        self.records += records
        for (model, day, variant, window, *rest), acc in sums.items():
            ctx = self.context(model, day, variant)
            if window == NO_TIME:
                ctx = self._day_only(ctx)
            elif window is not None:
                ctx = self._window_context(ctx, window)
            key = (ctx, *rest)
            sums = self._all()
            mine = sums.get(key)
            if mine is None:
                sums[key] = acc
            else:
                for i, value in enumerate(acc):
                    mine[i] += value

    def context(self, model: str, day: str, variant: str | None) -> PricingContext:
        key = (model, day, variant)
        found = self.contexts.get(key) if hashable(model, variant) else None
        if found is None:
            if model is None:
                raise InvalidInputError(_NO_MODEL)
            if not isinstance(model, str):
                raise WrongTypeError(
                    "model must be a name such as 'glm-5.2', not "
                    + shorten(repr(model))
                )
            if variant is not None and not isinstance(variant, str):
                raise WrongTypeError(
                    "variant must be a name such as 'batch', not "
                    + shorten(repr(variant))
                )
            price = self.catalog.get(model)
            # A day, or the part of a day from the minute the prices change
            # ("2025-09-05T16:00", `_part_of_day`); on a day when they do,
            # each record's time picks its part.
            when, moment = as_moment(day, what="timestamp")
            split = moment is None and bool(price.changes_during(when))
            period = (
                price.current_on(when) if split else price.period_at(moment or when)
            )
            schedule = period.standard if split else period.schedule(variant)
            found = PricingContext(
                price=price,
                period=period,
                schedule=schedule,
                variant=None if variant in _STANDARD else variant,
                day=when.isoformat(),
                thresholds=tuple(t.min_input_tokens for t in schedule.tiers),
                windowed=split or (bool(period.windows) and variant in _STANDARD),
                split=split,
            )
            self.contexts[key] = found
            self.names[id(found)] = key
        return found

    def _window_context(self, ctx: PricingContext, name: str) -> PricingContext:
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

    def _day_only(self, ctx: PricingContext) -> PricingContext:
        key = (ctx, NO_TIME)
        found = self.windows.get(key)
        if found is None:
            found = attrs.evolve(ctx, windowed=False, day_only=True)
            self.windows[key] = found
            self.window_keys[id(found)] = self.names[id(ctx)]
        return found

    def in_window(self, ctx: PricingContext, moment: datetime | None) -> PricingContext:
        """The context of a record at *moment*: in a window, outside any, or
        of a record that gave only a day."""
        if ctx.split:
            ctx = self._part_of_day(ctx, moment)
            if not ctx.windowed:
                return ctx
        if moment is None:
            return self._day_only(ctx)
        window = ctx.period.window_at(moment)
        if window is None:
            return ctx
        return self._window_context(ctx, window.name)

    def _part_of_day(self, ctx: PricingContext, at: datetime | None) -> PricingContext:
        """The context of the part of a day when the prices change that *at*
        falls in, keyed by the minute the part starts (``2025-09-05T16:00``),
        as sums travel between processes and engines."""
        model, day, variant = self.names[id(ctx)]
        changes = ctx.price.changes_during(date.fromisoformat(ctx.day))
        if at is None:  # only a day: it has no one price
            ctx.price.period_at(date.fromisoformat(ctx.day))
        assert at is not None
        start = "00:00"
        for change in changes:
            if change > at:
                break
            start = f"{change:%H:%M}"
        return self.context(model, f"{day}T{start}", variant)

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
        hourly = self.hourly
        shapes = self.shapes
        plain = shapes.plain
        allowed = shapes.allowed
        count = self.records
        fromisoformat = datetime.fromisoformat
        moment: datetime | None
        complete = False
        index = 0
        try:
            for index, given in enumerate(records, start=1):
                record = given if type(given) is dict else as_mapping(given)
                if not plain or not record.keys() <= allowed:
                    record = shapes(record)
                get = record.get
                timestamp = get("timestamp")
                if timestamp is None:
                    raise InvalidInputError(_NO_TIMESTAMP)
                if (
                    type(timestamp) is str
                    and len(timestamp) == 20
                    and timestamp[19] == "Z"
                    and timestamp[10] == "T"
                    and timestamp[7] == "-"
                ):
                    # The common form, 2026-07-01T09:30:00Z: checked by the
                    # parser, its day read off the text (which a week date
                    # of the same length, 2026-W27-3T09:30:00Z, is not).
                    try:
                        moment = fromisoformat(timestamp)
                    except ValueError:
                        as_moment(timestamp, what="timestamp")  # the error
                    day = timestamp[:10]
                else:
                    when, moment = as_moment(timestamp, what="timestamp")
                    day = when.isoformat()
                variant = get("variant")
                model = get("model")
                try:
                    ctx = contexts.get((model, day, variant))  # type: ignore[arg-type]
                except TypeError:
                    ctx = None
                if ctx is None:
                    ctx = self.context(model, day, variant)  # type: ignore[arg-type]
                if ctx.windowed:
                    ctx = self.in_window(ctx, moment)
                tokens_in = get("input_tokens", 0)
                tokens_out = get("output_tokens", 0)
                read = get("cache_read_tokens", 0)
                write = get("cache_write_tokens", 0)
                hour = get("cache_write_1h_tokens", 0)
                reasoning = get("reasoning_tokens", 0)
                modal = None
                # Audio, image or video tokens, or counts that are not plain
                # and consistent: the checking path, which builds a Usage.
                modal_record = not MODALITY_FIELDS.isdisjoint(record)
                if modal_record or (
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
                    or tokens_in > MAX_TOKENS
                    or tokens_out > MAX_TOKENS
                ):
                    usage = usage_of(record)
                    tokens_in = usage.input_tokens
                    tokens_out = usage.output_tokens
                    read = usage.cache_read_tokens
                    write = usage.cache_write_tokens
                    hour = usage.cache_write_1h_tokens
                    reasoning = usage.reasoning_tokens
                    if modal_record:
                        modal = attrs.astuple(usage)[6:]
                tier = 0
                for threshold in ctx.thresholds:
                    if tokens_in >= threshold:
                        tier += 1
                    else:
                        break
                # Tag values go in raw and are turned into text once, at the
                # end: but a number's text at once (1, 1.0 and True are equal).
                key = (
                    (ctx, tier, *map(tag_key, map(get, tags))) if tags else (ctx, tier)
                )
                if hourly:
                    key = (*key[:2], hour_of(moment), *key[2:])
                try:
                    acc = sums.get(key)
                except TypeError:
                    raise InvalidInputError(
                        f"cannot group by {', '.join(tags)}: a value is not text "
                        "or a number"
                    ) from None
                if acc is None:
                    counts = (tokens_in, tokens_out, read, write, hour, reasoning)
                    acc = self._start(key, counts, modal)
                acc[0] += 1
                acc[1] += tokens_in
                acc[2] += tokens_out
                # Most records leave these at zero; a test is cheaper than
                # an addition.
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

    def _start(
        self,
        key: tuple[Any, ...],
        counts: tuple[int, ...],
        modal: tuple[int, ...] | None,
    ) -> list[int]:
        """
        The sum for a record whose key `sums` lacks: a new one; or, when
        checking, the record is first priced alone if it uses a component
        its prices may lack, so that the first such record stops the bill
        with its own count (`NoPriceError`).
        """
        if not self.checking:
            acc = self.sums[key] = [0] * _WIDTH
            return acc
        ctx, tier = key[0], key[1]
        slots = self.unpriced.get((ctx, tier))
        if slots is None:
            slots = self.unpriced[ctx, tier] = unpriced_slots(ctx, tier)
        tokens = counts if modal is None else (*counts, *modal)
        # The slots ascend, and the counts of other modalities come after
        # the six of text: a record without them has no more to check.
        for slot in slots:
            if slot >= len(tokens):
                break
            if tokens[slot]:
                if modal is None:
                    tokens = (*counts, *_NO_MODALITIES)
                price_part(ctx, tier, 1, list(tokens))
                break
        found = self.checked.get(key)
        if found is None:
            found = self.checked[key] = [0] * _WIDTH
        return found

    def priced_so_far(self) -> None:
        """
        Price every sum read so far, to no purpose but its error: a
        `DataLookupError` when a sum uses a component its prices lack.
        """
        for (ctx, tier, *_), (records, *tokens) in self._all().items():
            try:
                price_part(ctx, tier, records, tokens)
            except DataLookupError:
                raise
            except TokencostError:
                continue  # a sum too large to price, not a record's fault

    def result(self, currency: str | None) -> Bill:
        # Merge the per-day sums into priced parts, then parts into groups.
        parts: dict[tuple[Any, ...], tuple[PricingContext, list[int]]] = {}
        for (ctx, tier, *raw_tags), acc in self._all().items():
            hour = raw_tags.pop(0) if self.hourly else ""
            tag_values = [tag_text(value) for value in raw_tags]
            group = tuple(
                group_value(field, ctx, hour, tag_values) for field in self.by
            )
            part_key = (
                group,
                ctx.price.id,
                ctx.period.start,
                ctx.variant,
                ctx.window,
                ctx.day_only,
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
            part = price_part(ctx, tier, records, tokens)
            grouped.setdefault((group, part.total.currency), []).append(part)
        # After pricing: a record its prices cannot price is the first bad
        # record, as it is where records are checked as they are read.
        self._check_tags()
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

    def _check_tags(self) -> None:
        """Refuse a bill grouped by a field no record has a value for (an
        empty bill has nothing to group, and is not refused)."""
        start = 3 if self.hourly else 2
        sums = self._all()
        for i, field in enumerate(self.tags, start=start):
            if sums and all(key[i] in (None, "") for key in sums):
                # The fields seen, when every record was read as it is.
                fields = None
                if self.shapes.plain:
                    fields = [
                        f
                        for f in self.shapes.allowed
                        if isinstance(f, str) and f not in FIELDS
                    ]
                raise no_value(field, fields)
