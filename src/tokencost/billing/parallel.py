"""
`bill_file`: a file billed in one process, or split by byte ranges across
forked worker processes for large JSONL files.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from tokencost._errors import (
    InvalidInputError,
    TokencostError,
)
from tokencost.billing.engine import _Biller, _check_by
from tokencost.billing.readers import _BATCH, _as_array, _FileRecords
from tokencost.billing.result import Bill
from tokencost.prices.catalog import Catalog, default_catalog

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["bill_file"]


def bill_file(
    path: str | Path,
    *,
    by: Sequence[str] | str = ("model",),
    currency: str | None = None,
    catalog: Catalog | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> Bill:
    """
    The bill of a JSONL or CSV file of usage records, read as a stream.

    Errors name the file and the line. *progress*, if given, is called now
    and then with the number of records read so far.

    With *workers* above 1, a large JSONL file is split into that many byte
    ranges, read by as many processes (forked, where the system can fork),
    and their sums are added: the same exact bill, sooner on several cores.
    Progress is then not reported.
    """
    fields = _check_by(by)
    catalog = catalog or default_catalog()
    records = _FileRecords(path)
    biller = _Biller(catalog, fields)
    if workers > 1 and _can_fork() and records.path.suffix.lower() != ".csv":
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
                for count, sums in _in_parallel(records.path, rest, catalog, fields):
                    biller.merge(count, sums)
                return biller.result(currency)
            except TokencostError:
                # Read again in one process, for the error with its line.
                biller = _Biller(catalog, fields)
    biller.add_mappings(
        itertools.chain.from_iterable(records.batches()), records.where, progress
    )
    return biller.result(currency)


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
_JOB: tuple[Path, Catalog, tuple[str, ...]] | None = None


def _in_parallel(
    path: Path, parts: list[tuple[int, int]], catalog: Catalog, by: tuple[str, ...]
) -> Iterator[tuple[int, dict[tuple[Any, ...], list[int]]]]:
    import multiprocessing

    global _JOB  # noqa: PLW0603 - handed to forked workers, see above
    _JOB = (path, catalog, by)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(len(parts)) as pool:
            yield from pool.imap_unordered(_bill_part, parts)
    finally:
        _JOB = None


def _bill_part(part: tuple[int, int]) -> tuple[int, dict[tuple[Any, ...], list[int]]]:
    assert _JOB is not None
    path, catalog, by = _JOB
    biller = _Biller(catalog, by)
    biller.add_mappings(_records_between(path, *part), lambda index: str(path))
    return biller.portable()


def _records_between(path: Path, start: int, end: int) -> Iterator[dict[str, Any]]:
    """The JSONL records in bytes [start, end) of *path*."""
    left = end - start
    with path.open("rb") as file:
        file.seek(start)
        while left > 0:
            chunk = []
            for raw in file:
                chunk.append(raw)
                left -= len(raw)
                if left <= 0 or len(chunk) == _BATCH:
                    break
            if not chunk:
                break
            records = _as_array(b",".join(chunk).decode("utf-8"), len(chunk))
            yield from records if records is not None else _one_by_one(chunk)


def _one_by_one(chunk: list[bytes]) -> list[dict[str, Any]]:
    import json

    records = []
    for raw in chunk:
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            record = None
        if type(record) is not dict:
            # A worker stops at the first problem; the file is then read
            # again in one pass, which reports it with its line.
            raise InvalidInputError("not a JSON object")
        records.append(record)
    return records
