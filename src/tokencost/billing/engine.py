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
provider, variant, window, hour, day, week, month, or any extra field of the
records) and keeps one total per currency: two currencies are never added
together.

Nothing is guessed: a record without a timestamp, with a time that is no
time, or with token fields the bill does not read stops the bill with its
number (or its file and line); records in a provider's shape are read
through `tokencost.billing.shapes`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tokencost._errors import (
    DataLookupError,
    InvalidInputError,
    TokencostError,
    WrongTypeError,
)
from tokencost._money import check_currency
from tokencost._parsing import shorten
from tokencost.billing.biller import _Biller
from tokencost.billing.columnar import bill_table, is_table
from tokencost.billing.records import UsageRecord, check_by
from tokencost.billing.result import Bill
from tokencost.billing.shapes import Shapes
from tokencost.prices.catalog import Catalog, default_catalog

if TYPE_CHECKING:
    from tokencost.prices.fx import ExchangeRates

__all__ = ["Reread", "bill", "locate", "priced", "read_all"]


def bill(
    records: Iterable[UsageRecord | Mapping[str, Any]],
    *,
    by: Sequence[str] | str = ("model",),
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    catalog: Catalog | None = None,
    preset: str | None = None,
    mapping: Mapping[str, str] | None = None,
    ignore_fees: bool = False,
) -> Bill:
    """
    The exact cost of many requests, grouped by *by*.

    Every record is accounted for, or the bill stops at the first bad one
    and says which (``record 12: ...``).

    Args:
        records: `UsageRecord` values, or dicts with the keys of the JSONL
            format (see ``docs/bill.md``): ``model``, ``timestamp``, the
            token counts, an optional ``variant`` and any extra fields; or a
            pandas or Polars DataFrame or an Arrow table with those columns.
        by: The fields to group by: ``model``, ``provider``, ``variant``,
            ``window``, ``hour``, ``day``, ``week``, ``month`` (UTC), or the
            name of an extra field. A comma-separated string works too.
        currency: Show the bill in this currency, converted as
            `convert_bill` does: at *fx* if given, else at the ECB reference
            rates of each group's day (or month's end) when grouped by day
            or month, else at today's. `Bill.rates` names what was used.
        fx: Rates per 1 USD (``{"CNY": "7.10"}``) or an `ExchangeRates`
            table, for *currency*.
        catalog: The catalog to price on; default the bundled one.
        preset: Read the records' usage in a provider's shape: ``openai``,
            ``anthropic``, ``gemini``, ``otel``... (see `PRESETS`). Without
            it, a record's shape is detected when its fields decide.
        mapping: Column names to the fields of a record, applied first:
            ``{"tokens_in": "input_tokens", "ts": "timestamp"}``.
        ignore_fees: Bill a record in a provider's shape by its tokens even
            when it shows charges besides them, which no price sheet holds
            (web searches, tool calls, grounding, request fees: see
            `unpriced_fees`), leaving those out. Without it such a record
            stops the bill (`NoPriceError`).

    Raises:
        InvalidInputError: a record without a timestamp, with a time that is
            no time, or with token fields the bill cannot read; a *by* field
            no record has a value for.
        UnknownModelError, NoPriceError: a record's model or day has no
            price, or it uses a component its prices lack, or it shows
            charges besides its tokens; the message says which record (the
            first), and counts that record's tokens.
        MissingRateError: no rate converts an amount to *currency*.
        WrongTypeError: *records* is not an iterable of records.

    >>> from tokencost.usage.usage import Usage
    >>> b = bill([UsageRecord("glm-5.2", Usage(120_000, 4_000), "2026-07-01")] * 3)
    >>> b.total(), b.records
    (Money(amount=Decimal('0.5568'), currency='USD'), 3)
    """
    if is_table(records):  # a DataFrame or Arrow table: summed by DuckDB if it can
        check_conversion(currency, fx)
        options = (by, catalog, preset, mapping, ignore_fees)
        found = bill_table(records, _Biller, bill, options)
        return in_currency(found, currency, fx)
    if isinstance(records, str | bytes | bytearray | Mapping) or not isinstance(
        records, Iterable
    ):
        raise WrongTypeError(
            "records must be an iterable of dicts or UsageRecord values, not "
            f"{type(records).__name__} {shorten(repr(records))}"
        )
    fields = check_by(by)
    check_conversion(currency, fx)
    # An iterator is read once: its records are checked against their
    # prices as they are read. Others are read again only to name a record
    # that uses a component its prices lack, found when the sums are priced.
    once = iter(records) is records
    shapes = Shapes(preset, mapping, ignore_fees)
    biller = _Biller(catalog or default_catalog(), fields, shapes, checking=once)
    rows: Iterable[Mapping[str, Any]] = records  # type: ignore[assignment]
    again = None if once else (lambda: (rows, _record_number))
    read_all(biller, rows, _record_number, again)
    return in_currency(priced(biller, again), currency, fx)


def _record_number(index: int) -> str:
    return f"record {index}"


#: The records of a bill read again from the start, and where each is.
Reread = Callable[[], tuple[Iterable[Mapping[str, Any]], Callable[[int], str]]]


def read_all(
    biller: _Biller,
    records: Iterable[Mapping[str, Any]],
    where: Callable[[int], str],
    again: Reread | None,
    progress: Callable[[int], None] | None = None,
) -> None:
    """
    Add *records* to *biller*. A bad record stops the bill with its error,
    unless a record before it uses a component its prices lack (which is
    seen only when the sums are priced): that one, read *again*, is the
    first bad record, and its error is raised.
    """
    rows = iter(records)
    try:
        biller.add_mappings(rows, where, progress)
    except TokencostError:
        if rows is not records:
            _close(rows)  # a file left in the middle, closed now
        if again is not None and not biller.checking:
            try:
                biller.priced_so_far()
            except DataLookupError:
                locate(biller, again, biller.records)
        raise


def _close(rows: Iterator[Any]) -> None:
    close = getattr(rows, "close", None)
    if close is not None:
        close()


def priced(biller: _Biller, again: Reread | None) -> Bill:
    """
    The bill of *biller*'s sums, in their prices' currencies. A sum that
    uses a component its prices lack names no record: the records are read
    *again*, each checked against its prices, and the first that uses it
    stops the bill with its own error and where it is.
    """
    try:
        return biller.result(None)
    except DataLookupError:
        if again is not None and not biller.checking:
            locate(biller, again)
        raise


def locate(biller: _Biller, again: Reread, limit: int | None = None) -> None:
    """Read the records (the first *limit*) again, checking each against its
    prices, and raise the error of the first that its prices cannot price,
    with where it is; return if none is found (records read again may
    differ)."""
    records, where = again()
    checker = _Biller(biller.catalog, ("model",), biller.shapes, checking=True)
    rows = iter(records)
    try:
        checker.add_mappings(
            rows if limit is None else itertools.islice(rows, limit), where
        )
    finally:
        _close(rows)  # a file read in part is closed now, not when collected


def check_conversion(
    currency: str | None, fx: ExchangeRates | Mapping[str, object] | None
) -> None:
    """Refuse a bill conversion that cannot be done, before reading records."""
    if currency is not None:
        check_currency(currency)
    elif fx is not None:
        raise InvalidInputError("fx converts to a currency: give currency too")


def in_currency(
    result: Bill, currency: str | None, fx: ExchangeRates | Mapping[str, object] | None
) -> Bill:
    """*result* converted to *currency*, or as it is without one."""
    if currency is None:
        return result
    from tokencost.billing.whatif import convert_bill

    return convert_bill(result, currency, fx=fx)
