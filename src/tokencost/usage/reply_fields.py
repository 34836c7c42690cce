"""
Reading fields from a reply, whatever its form: a dict (parsed JSON), an
object with ``model_dump()`` (the official SDKs' pydantic models), any
other object with attributes. `_Block` reads counts from one usage block
and says which field was wrong when one is.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from tokencost._errors import InvalidReplyError, WrongTypeError

__all__ = []

_MISSING = object()


def _view(value: object, what: str, label: str | None = None) -> object:
    """
    *value* as something fields can be read from: a mapping or an object.

    A *reply* that is not one is the caller's mistake (`WrongTypeError`); a
    nested block that is not one, given the reply's *label*, is a malformed
    reply (`InvalidReplyError`).
    """
    if isinstance(value, Mapping):
        return value
    if value is None or isinstance(
        value, str | bytes | bytearray | int | float | Decimal | list | tuple
    ):
        kind = type(value).__name__
        if label is not None:
            raise InvalidReplyError(
                f"{label}: {what} must be an object, not {kind} {value!r}"
            )
        raise WrongTypeError(
            f"{what} must be a dict or a response object, not {kind}"
            + ("; parse JSON text with json.loads() first" if kind == "str" else "")
        )
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        dumped = dump()
        if isinstance(dumped, Mapping):
            return dumped
    return value


def _get(data: object, key: str) -> object:
    """The field *key* of *data*, or `_MISSING`; a null counts as missing."""
    if isinstance(data, Mapping):
        value = data.get(key, _MISSING)
    else:
        value = getattr(data, key, _MISSING)
    return _MISSING if value is None else value


def _has(data: object, key: str) -> bool:
    if isinstance(data, Mapping):
        return key in data
    return hasattr(data, key)


class _Block:
    """A usage block being read; knows each field's path for error messages."""

    def __init__(self, data: object, path: str, label: str) -> None:
        self.data = data
        self.path = path
        self.label = label

    def error(self, message: str) -> InvalidReplyError:
        return InvalidReplyError(f"{self.label}: {message}")

    def field(self, name: str) -> str:
        return f"{self.path}.{name}"

    def optional(self, *names: str) -> tuple[str, int] | None:
        """The first of *names* present, with its count; None if none is."""
        for name in names:
            value = _get(self.data, name)
            if value is _MISSING:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.error(
                    f"{self.field(name)} must be a whole number of tokens, "
                    f"not {type(value).__name__} {value!r}"
                )
            if value < 0:
                raise self.error(f"{self.field(name)} must be >= 0, got {value}")
            return self.field(name), value
        return None

    def count(self, *names: str) -> tuple[str, int]:
        """The first of *names* present, with its count; it must be there."""
        found = self.optional(*names)
        if found is None:
            raise self.error(f"{self.field(names[0])} is missing")
        return found

    def count_or_zero(self, *names: str) -> int:
        found = self.optional(*names)
        return 0 if found is None else found[1]

    def child(self, *names: str) -> _Block | None:
        """The nested block under the first of *names* present, if any."""
        for name in names:
            value = _get(self.data, name)
            if value is not _MISSING:
                return _Block(
                    _view(value, self.field(name), self.label),
                    self.field(name),
                    self.label,
                )
        return None

    def part(self, part: tuple[str, int], whole: tuple[str, int]) -> None:
        """Check that the count *part* fits inside the count *whole*."""
        if part[1] > whole[1]:
            raise self.error(
                f"{part[0]} ({part[1]:,}) exceeds {whole[0]} ({whole[1]:,})"
            )


def _block(reply: object, keys: tuple[str, ...], label: str) -> _Block:
    """The usage block of *reply*, found under one of *keys*, or *reply* itself."""
    data = _view(reply, "reply")
    for key in keys:
        if _has(data, key):
            inner = _get(data, key)
            if inner is _MISSING:
                raise InvalidReplyError(
                    f"{label}: {key} is null (a streamed reply reports usage only "
                    "in its last chunk, and only when asked to)"
                )
            return _Block(_view(inner, key, label), key, label)
    return _Block(data, keys[0], label)
