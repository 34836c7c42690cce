"""
Reading usage records from JSONL and CSV files.

There is one reader per format, and it behaves the same whatever the number
of worker processes: every JSONL line is exactly one JSON object (or a
blank line), or the bill stops with that line's ``file:line``; every CSV
row has as many cells as the header has names. A leading UTF-8 byte-order
mark is accepted; lines are read with a length cap, so an endless stream
without line ends (``/dev/zero``) is refused instead of read into memory.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from tokencost._errors import InvalidInputError, WrongTypeError
from tokencost._files import MAX_LINE, file_format, open_bytes
from tokencost._parsing import parse_tokens, shorten
from tokencost.billing.shapes import TOKENS, looks_like_tokens

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "MAX_LINE",
    "FileRecords",
    "file_format",
    "parse_line",
    "read_records",
]

_BOM = b"\xef\xbb\xbf"
# The white space JSON has: a form feed, a no-break space or any other that
# str.strip() would take is not white space but a line that is no record.
_JSON_SPACE = " \t\r\n"


class _DuplicateKeyError(Exception):
    """A key given twice in one JSON object."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return record


def _number(text: str) -> float | Decimal:
    """A JSON number with a fraction or an exponent: a float when the float
    is the number written, else the exact `Decimal` (a count written
    ``10000000000000001.0`` is that count, never the float's 1e16, and
    ``1.0000000000000000001`` is not a whole count)."""
    value = float(text)
    if len(text) < 16 and "e" not in text and "E" not in text:
        # At most 15 digits, well inside the float's range: the float holds
        # the number written (most fractions in logs, 0.0042 or 12.5).
        return value
    try:
        exact = Decimal(text)
    except ArithmeticError:  # an exponent beyond Decimal's: 1e-99999999999999999999
        raise _OutOfRangeError(text) from None
    if Decimal(repr(value)) == exact:
        return value
    return exact


class _OutOfRangeError(Exception):
    """A JSON number whose exponent no number holds."""


_DECODER = json.JSONDecoder(object_pairs_hook=_unique, parse_float=_number)
# The decoder's scanner: a value and where it ends, from a position (the C
# scanner, where Python has it); typeshed does not describe it.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]


def _snippet(text: str) -> str:
    text = text.strip()
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parse_line(raw: bytes, first: bool = False) -> dict[str, Any] | None:
    """
    One JSONL line as a record; None for a blank line.

    Raises:
        InvalidInputError: the line is not UTF-8, or not exactly one JSON
            object with distinct keys.
    """
    if first and raw.startswith(_BOM):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8").strip(_JSON_SPACE)
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"not UTF-8 text (byte {exc.start + 1} of the line is "
            f"{raw[exc.start]:#04x})"
        ) from None
    if not text:
        return None
    if text[0] == "\ufeff":
        raise InvalidInputError(
            "a byte-order mark (BOM) starts this line: only the first line of "
            "a file may start with one"
        )
    record: object = None
    try:
        # The scanner directly, not json.loads: one call per line, and the
        # end it reports must be the end of the line.
        record, end = _SCAN(text, 0)
    except StopIteration:
        end = 0
    except _DuplicateKeyError as exc:
        raise InvalidInputError(
            f"the key {exc.args[0]!r} appears twice in this record"
        ) from None
    except RecursionError:
        raise InvalidInputError("the JSON is nested too deeply") from None
    except _OutOfRangeError as exc:
        raise InvalidInputError(
            f"the number {shorten(exc.args[0])} is out of range"
        ) from None
    except ValueError as exc:
        if "digits" in str(exc) and not isinstance(exc, json.JSONDecodeError):
            raise InvalidInputError("a number with too many digits") from None
        end = 0
    if type(record) is not dict or end != len(text):
        raise InvalidInputError(f"not a JSON object: {_snippet(text)}")
    return record


def lines(file: IO[bytes]) -> Iterator[bytes]:
    """The lines of *file*, each at most `MAX_LINE` long."""
    readline = file.readline
    while raw := readline(MAX_LINE):
        if len(raw) == MAX_LINE and not raw.endswith(b"\n"):
            raise InvalidInputError(
                f"a line longer than {MAX_LINE >> 20} MiB: not a record"
            )
        yield raw


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """
    The records of a JSONL or CSV file, as dicts, one at a time.

    JSONL: one JSON object per line; blank lines are skipped. CSV: a header
    row naming the fields; empty cells count as absent and token counts are
    read as integers.

    Raises:
        InvalidInputError: naming the file and line of the first bad record.
    """
    records = FileRecords(path)
    try:
        yield from records
    except InvalidInputError as exc:
        raise type(exc)(f"{records.where()}: {exc}") from exc


class FileRecords:
    """The records of a file, and the line being read, for error messages."""

    def __init__(self, path: str | Path) -> None:
        import os
        from pathlib import Path

        given: object = path
        if not isinstance(given, str | os.PathLike) or isinstance(given, bytes):
            raise WrongTypeError(
                "a bill file must be a path, not "
                f"{type(given).__name__} {shorten(repr(given))}"
            )
        self.path = Path(path)
        self.format = file_format(self.path)
        self.line = 0

    def where(self, index: int = 0) -> str:
        """The file and line of the record being read."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        try:
            binary = open_bytes(self.path)
            if self.format == "csv":
                # Bytes that are not UTF-8 are kept (as lone surrogates) and
                # refused line by line, so the error names the line: the
                # decoder would fail on a whole chunk of the file at once.
                text = io.TextIOWrapper(
                    binary,
                    encoding="utf-8-sig",
                    errors="surrogateescape",
                    newline="",
                )
        except OSError as exc:
            raise InvalidInputError(f"cannot read: {exc.strerror}") from exc
        if self.format == "csv":
            with text:
                yield from self._csv(text)
        else:
            with binary:
                yield from self._jsonl(binary)

    def _jsonl(self, file: IO[bytes]) -> Iterator[dict[str, Any]]:
        first = True
        read = lines(file)
        while True:
            self.line += 1
            raw = next(read, None)
            if raw is None:
                return
            record = parse_line(raw, first)
            first = False
            if record is not None:
                yield record

    def _csv(self, text: IO[str]) -> Iterator[dict[str, Any]]:
        import csv

        reader = csv.reader(_capped(text), strict=True)
        header = self._row(reader, csv.Error)
        if header is None:
            return
        names = _header(header)
        counted = [name in TOKENS or looks_like_tokens(name) for name in names]
        while (row := self._row(reader, csv.Error)) is not None:
            if not row:
                continue
            if len(row) != len(names):
                raise InvalidInputError(
                    f"{len(row)} cells where the header names {len(names)}"
                )
            record: dict[str, Any] = {}
            for name, cell, count in zip(names, row, counted, strict=True):
                if cell == "":
                    continue
                record[name] = parse_tokens(cell, what=name) if count else cell
            yield record

    def _row(self, reader: Any, error: type[Exception]) -> list[str] | None:
        start = reader.line_num + 1
        try:
            row: list[str] = next(reader)
        except StopIteration:
            return None
        except InvalidInputError:
            self.line = start
            raise
        except error as exc:
            self.line = start
            message = str(exc)
            if "field larger than field limit" in message:
                raise InvalidInputError(
                    f"a field longer than {_field_limit():,} characters"
                ) from None
            if "unexpected end of data" in message or "EOF" in message:
                raise InvalidInputError(
                    "a quoted field is never closed (unterminated quote)"
                ) from None
            raise InvalidInputError(f"malformed CSV: {message}") from None
        self.line = start
        return row


def _field_limit() -> int:
    import csv

    return csv.field_size_limit()


def _capped(text: IO[str]) -> Iterator[str]:
    """The lines of *text*, refusing any longer than `MAX_LINE` and any that
    was not UTF-8 (read with ``surrogateescape``)."""
    readline = text.readline
    while line := readline(MAX_LINE):
        if len(line) == MAX_LINE and not line.endswith(("\n", "\r")):
            raise InvalidInputError(
                f"a line longer than {MAX_LINE >> 20} MiB: not a record"
            )
        if not line.isascii():
            try:
                line.encode("utf-8")
            except UnicodeEncodeError as exc:
                start = len(line[: exc.start].encode("utf-8", "surrogateescape"))
                raise InvalidInputError(
                    f"not UTF-8 text (byte {start + 1} of the line is "
                    f"{ord(line[exc.start]) - 0xDC00:#04x})"
                ) from None
        yield line


def _header(names: list[str]) -> list[str]:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InvalidInputError(f"the header names the column {name!r} twice")
        if not name.strip():
            raise InvalidInputError("the header has an empty column name")
        seen.add(name)
    return names
