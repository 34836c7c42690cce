"""
Reading the files people hand in: sheets, profiles and import data.

One reader for all of them, so they behave alike: the file is read with a
size cap (an endless stream such as ``/dev/zero`` is refused, not read into
memory), a leading UTF-8 byte-order mark is accepted, UTF-16 and other
non-UTF-8 text is one clear error naming the file, and TOML or JSON that is
malformed, nested too deeply or gives a key twice in one object is an
error, never a `RecursionError` or a silently kept last value.

Bill files are named by their format (`file_format`) and may be
gzip-compressed (`open_bytes` reads them decompressed, whichever engine
bills them).
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from tokencost._errors import InvalidInputError

if TYPE_CHECKING:
    from gzip import GzipFile
    from pathlib import Path

__all__ = [
    "MAX_FILE",
    "MAX_LINE",
    "compressed",
    "file_format",
    "open_bytes",
    "parse_data",
    "read_text_file",
    "unique_keys",
]

#: The longest JSONL line or CSV record read, in bytes (JSONL) or characters
#: (CSV): far above any real record, low enough that a file without line
#: ends cannot fill memory. Every engine refuses the same lines.
MAX_LINE = 1 << 20

#: The largest sheet, profile or import file read, in bytes: far above any
#: real one, low enough that an endless stream cannot fill memory.
MAX_FILE = 64 << 20


def read_text_file(
    path: Path, *, error: type[InvalidInputError] = InvalidInputError
) -> str:
    """
    The text of a UTF-8 file (a leading byte-order mark is dropped), read
    with a cap of `MAX_FILE` bytes.

    Raises:
        *error*: naming the file, when it cannot be read, is larger than the
            cap or is not UTF-8 (UTF-16 files say so).
    """
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE + 1)
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE:
        raise error(f"{path}: larger than {MAX_FILE >> 20} MiB: not a data file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error(f"{path}: UTF-16 text; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            f"{path}: not UTF-8 text (byte {exc.start + 1} is {data[exc.start]:#04x})"
        ) from None


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """
    A JSON object whose keys are distinct (``json.loads``'s
    ``object_pairs_hook``): JSON lets a key appear twice and keeps the last
    value, where TOML refuses it; a count or a price given twice has no one
    value to use.

    Raises:
        InvalidInputError: naming the key and both values.
    """
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, value in pairs:
            if key in seen:
                first = next(v for k, v in pairs if k == key)
                raise InvalidInputError(
                    f"the key {key!r} appears twice in one object ({first!r}, "
                    f"then {value!r}): give each key once"
                )
            seen.add(key)
    return data


def parse_data(
    text: str,
    suffix: str,
    origin: str,
    *,
    error: type[InvalidInputError] = InvalidInputError,
) -> Any:
    """
    TOML or JSON text (by *suffix*, ``.toml`` or ``.json``) as plain data,
    non-integers as `Decimal`.

    Raises:
        *error*: naming *origin*, for malformed or too deeply nested text.
    """
    import json
    import tomllib

    try:
        if suffix == ".toml":
            return tomllib.loads(text, parse_float=Decimal)
        if suffix == ".json":
            return json.loads(text, parse_float=Decimal, object_pairs_hook=unique_keys)
    except InvalidInputError as exc:
        raise error(f"{origin}: {exc}") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise error(f"{origin}: not valid {suffix[1:]}: {exc}") from None
    except RecursionError:
        raise error(f"{origin}: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer past Python's digit limit
        raise error(f"{origin}: not valid {suffix[1:]}: {exc}") from None
    raise error(f"{origin}: unknown file type {suffix!r}: expected .toml or .json")


# The names of a bill file of JSON lines.
_JSONL = (".jsonl", ".ndjson", ".json")


def file_format(path: Path) -> str:
    """``jsonl`` or ``csv``, from the file's suffix; a gzip-compressed file
    ends in ``.gz`` after it (``usage.jsonl.gz``)."""
    suffix = (path.with_suffix("") if compressed(path) else path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in _JSONL:
        return "jsonl"
    raise InvalidInputError(
        f"{path}: cannot tell the format of a bill file from its name: expected "
        "a .jsonl (or .ndjson, .json) file of JSON lines or a .csv file, either "
        "of them gzip-compressed (.jsonl.gz, .csv.gz), or a .parquet file"
    )


def compressed(path: Path) -> bool:
    """Whether *path* names a gzip-compressed file (``.gz``)."""
    return path.suffix.lower() == ".gz"


def open_bytes(path: Path) -> IO[bytes]:
    """*path* opened for reading bytes, decompressed as it is read when it is
    gzip-compressed: a stream that is not gzip, is corrupt or ends early is
    an `InvalidInputError` when the bytes are read."""
    if not compressed(path):
        return path.open("rb")
    import gzip

    return io.BufferedReader(_Gunzip(gzip.open(path, "rb")), 1 << 16)


class _Gunzip(io.RawIOBase):
    """A gzip stream whose errors are `InvalidInputError`, naming what is
    wrong with the stream (the records read before it stand)."""

    def __init__(self, file: GzipFile) -> None:
        super().__init__()
        self._file = file

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        import zlib

        try:
            data = self._file.read(len(buffer))
        except EOFError:
            raise InvalidInputError(
                "the gzip-compressed data ends early: the file is cut short"
            ) from None
        except (OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            raise InvalidInputError(
                f"the file is not readable gzip-compressed data ({exc})"
            ) from None
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._file.close()
        super().close()
