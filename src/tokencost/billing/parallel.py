"""
`bill_file`: a file billed in one process, or split by byte ranges across
forked worker processes for large JSONL files.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._errors import (
    DataLookupError,
    InvalidInputError,
    TokencostError,
    WrongTypeError,
)
from tokencost._files import compressed, file_format
from tokencost._parsing import shorten
from tokencost.billing.biller import _Biller
from tokencost.billing.columnar import file_sums, parquet_records, pick_engine
from tokencost.billing.engine import (
    Reread,
    check_conversion,
    in_currency,
    priced,
    read_all,
)
from tokencost.billing.readers import FileRecords, lines, parse_line
from tokencost.billing.records import check_by
from tokencost.billing.result import Bill
from tokencost.billing.shapes import Shapes
from tokencost.prices.catalog import Catalog, default_catalog

if TYPE_CHECKING:
    from tokencost.prices.fx import ExchangeRates

__all__ = ["bill_file"]


def bill_file(
    path: str | Path,
    *,
    by: Sequence[str] | str = ("model",),
    currency: str | None = None,
    fx: ExchangeRates | Mapping[str, object] | None = None,
    catalog: Catalog | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
    preset: str | None = None,
    mapping: Mapping[str, str] | None = None,
    engine: str | None = None,
    ignore_fees: bool = False,
) -> Bill:
    """
    The bill of a JSONL or CSV file of usage records, read as a stream.

    Every line is one record (or blank), or the bill stops with the first
    bad one's ``file:line``. *progress*, if given, is called now and then
    with the number of records read so far. *preset* and *mapping* read
    records in other shapes, and *currency* and *fx* convert it, as for
    `bill`.

    With *workers* above 1, a large JSONL file is split into that many byte
    ranges, read by as many processes (forked, where the system can fork),
    and their sums are added: the same exact bill, sooner on several cores.
    Every process reads lines with the same reader. Progress is then not
    reported.

    *engine* is ``"duckdb"`` (JSONL, CSV and Parquet files read, checked and
    summed by DuckDB: the ``duckdb`` extra), ``"python"``, or None for
    DuckDB when it is installed and the file is Parquet, else Python (a JSONL
    or CSV file goes to DuckDB only when asked: see docs/bill.md).
    Both give the same bill and the same errors: a file DuckDB cannot prove
    it reads as the Python engine does (or one read with a *preset* or a
    *mapping*) is read by the Python engine.

    Raises:
        InvalidInputError: a bad record, with its file and line; a file
            whose name is not ``.jsonl``, ``.ndjson``, ``.json`` or ``.csv``;
            *workers* below 1.
        WrongTypeError: *workers* is not an int.
    """
    if type(workers) is not int:
        raise WrongTypeError(
            f"workers must be a whole number such as 2, not {shorten(repr(workers))}"
        )
    if workers < 1:
        raise InvalidInputError(f"workers must be 1 or more, not {workers}")
    fields = check_by(by)
    check_conversion(currency, fx)
    shapes = Shapes(preset, mapping, ignore_fees)
    catalog = catalog or default_catalog()
    source = Path(path)
    if source.suffix.lower() != ".parquet":
        file_format(source)  # a name no engine reads, refused by each alike
    # DuckDB reads a file more than once (and the Python engine reads it
    # again when DuckDB cannot prove it clean): a named pipe, read once,
    # goes to the Python engine.
    if (
        pick_engine(engine, source) == "duckdb"
        and shapes.plain
        and not mapping
        and source.is_file()
    ):
        found = file_sums(source, fields, catalog)
        if found is not None:
            summed = _Biller(catalog, fields)
            summed.merge(*found)
            try:
                return in_currency(summed.result(None), currency, fx)
            except DataLookupError:
                pass  # The Python engine names the record.
    again: Reread | None = _reread(source)
    if source.suffix.lower() == ".parquet":
        summed = _Biller(catalog, fields, shapes)
        rows, where = _reread(source)()
        read_all(summed, rows, where, again)
        return in_currency(priced(summed, again), currency, fx)
    records = FileRecords(path)
    # A named pipe is read once: each record is checked against its prices
    # as it is read, since none can be read again to be named.
    once = not records.path.is_file()
    if once:
        again = None
    biller = _Biller(catalog, fields, shapes, checking=once)
    # A compressed file cannot be cut into byte ranges: read in one process.
    if (
        workers > 1
        and _can_fork()
        and records.format == "jsonl"
        and not compressed(records.path)
    ):
        parts = _split(records.path, workers)
        if len(parts) > 1:
            try:
                # The head of the file is billed here first: that loads the
                # sheets of the models it names, which the forked workers
                # then share instead of each reading them again.
                head, rest = _head(records.path, parts)
                biller.add_mappings(
                    _records_between(records.path, *head), lambda index: ""
                )
                job = (records.path, catalog, fields, shapes)
                for count, sums in _in_parallel(job, rest):
                    biller.merge(count, sums)
                return in_currency(biller.result(None), currency, fx)
            except TokencostError:
                # Read again in one process, for the error with its line.
                biller = _Biller(catalog, fields, Shapes(preset, mapping, ignore_fees))
    read_all(biller, records, records.where, again, progress)
    return in_currency(priced(biller, again), currency, fx)


def _reread(path: Path) -> Reread:
    """How the Python engine reads the records of *path* again, from the
    start, to name one."""

    def again() -> tuple[Iterable[Mapping[str, Any]], Callable[[int], str]]:
        if path.suffix.lower() == ".parquet":
            where = f"{path}: record "
            return parquet_records(path), lambda index: f"{where}{index}"
        records = FileRecords(path)
        return records, records.where

    return again


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


# Files smaller than this are read in one process: starting another costs
# more than reading a few megabytes.
_PARALLEL_FROM = 8 << 20


def _split(path: Path, workers: int) -> list[tuple[int, int]]:
    """Byte ranges of *path*, one per worker, each ending after a newline."""
    size = path.stat().st_size
    if size < _PARALLEL_FROM:
        return [(0, size)]
    bounds = [0]
    with path.open("rb") as file:
        for index in range(1, workers):
            file.seek(max(size * index // workers, bounds[-1]))
            file.readline()
            bounds.append(min(file.tell(), size))
    bounds.append(size)
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


# How much of the file the parent bills before it forks the workers.
_HEAD = 1 << 20


def _head(
    path: Path, parts: list[tuple[int, int]]
) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """The first part cut in two at a line end after `_HEAD` bytes: the head,
    and the parts left."""
    start, end = parts[0]
    with path.open("rb") as file:
        file.seek(min(start + _HEAD, end))
        file.readline()
        cut = min(file.tell(), end)
    rest = [(cut, end), *parts[1:]] if cut < end else parts[1:]
    return (start, cut), rest


# What forked workers read: set just before the pool starts, so the catalog
# is shared by the fork instead of sent through a pipe.
_Job = tuple["Path", Catalog, tuple[str, ...], Shapes]
_JOB: _Job | None = None


def _in_parallel(
    job: _Job, parts: list[tuple[int, int]]
) -> Iterator[tuple[int, dict[tuple[Any, ...], list[int]]]]:
    import multiprocessing
    import signal

    global _JOB  # noqa: PLW0603 - handed to forked workers, see above
    _JOB = job
    try:
        context = multiprocessing.get_context("fork")
        # Ctrl-C while the pool forks its workers would stop the parent
        # before the `with` that stops them: they would be left behind,
        # waiting for work forever and holding the output open. It is held
        # until the pool is in the `with`, and the workers, forked with it
        # held, ignore it.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = context.Pool(len(parts), initializer=_ignore_interrupts)
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            raise
        with pool:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            yield from pool.imap_unordered(_bill_part, parts)
    finally:
        _JOB = None


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C reaches the whole process group, and only the
    parent should answer it (it stops the pool and reports once). The
    worker starts with Ctrl-C held (see `_in_parallel`): one that came
    while it started is dropped with it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _bill_part(part: tuple[int, int]) -> tuple[int, dict[tuple[Any, ...], list[int]]]:
    assert _JOB is not None
    path, catalog, by, shapes = _JOB
    biller = _Biller(catalog, by, shapes)
    biller.add_mappings(_records_between(path, *part), lambda index: str(path))
    return biller.portable()


def _records_between(path: Path, start: int, end: int) -> Iterator[dict[str, Any]]:
    """The JSONL records in bytes [start, end) of *path*, read by the same
    line reader as the whole file (a BOM is skipped at byte 0 only)."""
    left = end - start
    with path.open("rb") as file:
        file.seek(start)
        first = start == 0
        for raw in lines(file):
            record = parse_line(raw, first)
            first = False
            if record is not None:
                yield record
            left -= len(raw)
            if left <= 0:
                break
