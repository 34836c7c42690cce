"""
Reading the files people hand in: sheets, profiles and import data.

One reader for all of them, so they behave alike: the file is read with a
size cap (an endless stream such as ``/dev/zero`` is refused, not read into
memory), a leading UTF-8 byte-order mark is accepted, UTF-16 and other
non-UTF-8 text is one clear error naming the file, and TOML or JSON that is
malformed, nested too deeply or gives a key twice in one object is an
error, never a `RecursionError` or a silently kept last value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tokencost._errors import InvalidInputError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["MAX_FILE", "parse_data", "read_text_file", "unique_keys"]

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
