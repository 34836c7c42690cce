"""
Reading counts out of the usage block of a provider's reply.

A reply may be a dict (parsed JSON), an object with a ``model_dump()``
method (the official SDKs' pydantic models), any other object with
attributes, or just its usage block. `UsageBlock` reads whole, non-negative
counts out of it and names the field, by its path in the reply, in every
error.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from tokencost._errors import InvalidReplyError, WrongTypeError

__all__ = ["MISSING", "UsageBlock", "field", "has", "usage_block", "view"]

#: What `field` gives for a field that is absent or null.
MISSING = object()


def view(value: object, what: str, label: str | None = None) -> object:
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


def field(data: object, key: str) -> object:
    """The field *key* of *data*, or `MISSING`; a null counts as missing."""
    if isinstance(data, Mapping):
        value = data.get(key, MISSING)
    else:
        value = getattr(data, key, MISSING)
    return MISSING if value is None else value


def has(data: object, key: str) -> bool:
    """Whether *data* has the field *key*, even if null."""
    if isinstance(data, Mapping):
        return key in data
    return hasattr(data, key)


Count = tuple[str, int]
"""A count read from a reply: the field's path and its value."""


class UsageBlock:
    """A usage block being read; knows each field's path for error messages."""

    def __init__(self, data: object, path: str, label: str) -> None:
        self.data = data
        self.path = path
        self.label = label

    def error(self, message: str) -> InvalidReplyError:
        """An `InvalidReplyError` naming the reply."""
        return InvalidReplyError(f"{self.label}: {message}")

    def field(self, name: str) -> str:
        """The path of the field *name*, for messages."""
        return f"{self.path}.{name}"

    def number(self, name: str, value: object) -> int:
        """*value*, read from field *name*, checked to be a count."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(
                f"{self.field(name)} must be a whole number of tokens, "
                f"not {type(value).__name__} {value!r}"
            )
        if value < 0:
            raise self.error(f"{self.field(name)} must be >= 0, got {value}")
        return value

    def optional(self, *names: str) -> Count | None:
        """The first of *names* present, with its count; None if none is."""
        for name in names:
            value = field(self.data, name)
            if value is not MISSING:
                return self.field(name), self.number(name, value)
        return None

    def count(self, *names: str) -> Count:
        """The first of *names* present, with its count; it must be there."""
        found = self.optional(*names)
        if found is None:
            raise self.error(f"{self.field(names[0])} is missing")
        return found

    def count_or_zero(self, *names: str) -> int:
        """The first of *names* present, or 0."""
        found = self.optional(*names)
        return 0 if found is None else found[1]

    def agreeing(self, *names: str) -> Count | None:
        """
        The count under any of *names*; when several are present they must
        agree (providers that renamed a field sometimes send both).
        """
        found = None
        for name in names:
            count = self.optional(name)
            if count is None:
                continue
            if found is not None and found[1] != count[1]:
                raise self.error(
                    f"{found[0]} ({found[1]:,}) != {count[0]} ({count[1]:,})"
                )
            found = found or count
        return found

    def child(self, *names: str) -> UsageBlock | None:
        """The nested block under the first of *names* present, if any."""
        for name in names:
            value = field(self.data, name)
            if value is not MISSING:
                return UsageBlock(
                    view(value, self.field(name), self.label),
                    self.field(name),
                    self.label,
                )
        return None

    def items(self, *names: str) -> Iterator[UsageBlock]:
        """The blocks in the list under the first of *names* present."""
        for name in names:
            value = field(self.data, name)
            if value is MISSING:
                continue
            if not isinstance(value, list | tuple):
                raise self.error(
                    f"{self.field(name)} must be a list, "
                    f"not {type(value).__name__} {value!r}"
                )
            for index, item in enumerate(value):
                path = f"{self.field(name)}[{index}]"
                yield UsageBlock(view(item, path, self.label), path, self.label)
            return

    def text(self, *names: str) -> str | None:
        """The first of *names* present as text (an enum gives its value)."""
        for name in names:
            value = field(self.data, name)
            if value is MISSING:
                continue
            value = getattr(value, "value", value)
            if not isinstance(value, str):
                raise self.error(
                    f"{self.field(name)} must be text, "
                    f"not {type(value).__name__} {value!r}"
                )
            return value
        return None

    def part(self, part: Count, whole: Count) -> None:
        """Check that the count *part* fits inside the count *whole*."""
        if part[1] > whole[1]:
            raise self.error(
                f"{part[0]} ({part[1]:,}) exceeds {whole[0]} ({whole[1]:,})"
            )

    def parts(self, parts: list[Count], whole: Count) -> None:
        """Check that the counts *parts*, together, fit inside *whole*."""
        parts = [p for p in parts if p[1]]
        if sum(p[1] for p in parts) > whole[1]:
            named = " + ".join(f"{p[0]} ({p[1]:,})" for p in parts)
            raise self.error(f"{named} exceeds {whole[0]} ({whole[1]:,})")


def usage_block(reply: object, keys: tuple[str, ...], label: str) -> UsageBlock:
    """The usage block of *reply*, found under one of *keys*, or *reply* itself."""
    data = view(reply, "reply")
    for key in keys:
        if has(data, key):
            inner = field(data, key)
            if inner is MISSING:
                raise InvalidReplyError(
                    f"{label}: {key} is null (a streamed reply reports usage only "
                    "in its last chunk, and only when asked to)"
                )
            return UsageBlock(view(inner, key, label), key, label)
    return UsageBlock(data, keys[0], label)
