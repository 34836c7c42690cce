"""
Reading usage records from JSONL and CSV files, one at a time or in batches.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tokencost._errors import (
    InvalidInputError,
)
from tokencost._parsing import parse_tokens
from tokencost.billing.records import TOKEN_FIELDS

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["read_records"]


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """
    The records of a JSONL or CSV file, as dicts, one at a time.

    JSONL: one JSON object per line; blank lines are skipped. CSV: a header
    row naming the fields; empty cells count as absent and token counts are
    read as integers.
    """
    return iter(_FileRecords(path))


class _FileRecords:
    """The records of a file, and the line being read, for error messages."""

    def __init__(self, path: str | Path) -> None:
        from pathlib import Path

        self.path = Path(path)
        self.line = 0
        self.skipped = 0

    def where(self, index: int) -> str:
        # Counting lines as they are read would cost every record; the
        # record number plus the blank lines skipped gives the same line.
        line = self.line or index + self.skipped
        return f"{self.path}:{line}" if line else str(self.path)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for batch in self.batches():
            yield from batch

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        """The records in lists of up to `_BATCH`, read as a stream."""
        try:
            lines = self.path.open(encoding="utf-8", newline="")
        except OSError as exc:
            raise InvalidInputError(f"cannot read: {exc.strerror}") from exc
        with lines:
            try:
                if self.path.suffix.lower() == ".csv":
                    for record in self._csv(lines):
                        yield [record]
                else:
                    yield from self._jsonl(lines)
            except UnicodeDecodeError:
                # Text is decoded a block at a time, so only roughly where.
                raise InvalidInputError(
                    "not UTF-8 text, at or after this point"
                ) from None

    def _jsonl(self, lines: Iterator[str]) -> Iterator[list[dict[str, Any]]]:
        before = 0  # lines read before the batch
        while chunk := list(itertools.islice(lines, _BATCH)):
            records = _as_array(",".join(chunk), len(chunk))
            yield records if records is not None else self._careful(chunk, before)
            before += len(chunk)

    def _careful(self, chunk: list[str], before: int) -> list[dict[str, Any]]:
        """A batch line by line: blank lines skipped, errors with their line."""
        import json

        records = []
        for number, line in enumerate(chunk, start=before + 1):
            if not line.strip():
                self.skipped += 1
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if type(record) is not dict:
                self.line = number
                raise InvalidInputError(f"not a JSON object: {line.strip()[:60]!r}")
            records.append(record)
        return records

    def _csv(self, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
        import csv

        reader = csv.DictReader(lines)
        for row in reader:
            self.line = reader.line_num
            record: dict[str, Any] = {
                k: v for k, v in row.items() if v not in ("", None)
            }
            for name in TOKEN_FIELDS:
                value = record.get(name)
                if value is not None:
                    record[name] = parse_tokens(value, what=name)
            yield record


# Lines parsed per call of the JSON decoder: one call for many lines is
# what lets the bill read a file nearly as fast as the decoder parses it.
_BATCH = 1024


def _as_array(joined: str, count: int) -> list[dict[str, Any]] | None:
    """
    *count* comma-joined JSONL lines parsed as one JSON array, or None when
    that is not exactly *count* objects (a blank line, a malformed line, two
    values on one line): then the lines are read one by one, for the error.
    """
    import json

    try:
        records = json.loads("[" + joined + "]")
    except ValueError:
        return None
    if len(records) != count or not all(type(r) is dict for r in records):
        return None
    return records  # type: ignore[no-any-return]
