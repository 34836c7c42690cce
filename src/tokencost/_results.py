"""
What every result object shares: a short ``repr``, an HTML table for
notebooks, and a ``to_dict()`` that `json.dumps` takes as it is.

`result` is a class decorator put on top of ``@attrs.frozen``: the class
keeps its own ``table()`` and ``to_dict()``, and gets the rest from them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from tokencost._decimal import exact_arithmetic
from tokencost._render import jsonable

__all__ = ["REPR_LIMIT", "html_table", "result", "short_repr"]

#: The longest a result's repr gets, in characters.
REPR_LIMIT = 300

_T = TypeVar("_T")


def _brief(value: object) -> str | None:
    """*value* in a few characters, or None to leave it out of the repr."""
    if isinstance(value, bool) or value is None:
        return None if value is None else repr(value)
    amount, currency = getattr(value, "amount", None), getattr(value, "currency", None)
    if isinstance(amount, Decimal) and isinstance(currency, str):  # Money
        return f"{_digits(amount)} {currency}"
    if isinstance(value, Decimal):
        return _digits(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    return None


def _digits(value: Decimal) -> str:
    """*value*, cut to 16 significant digits and marked when cut (a converted
    amount has up to 80); `to_dict()` keeps them all."""
    text = str(value)
    if len(text) <= 20:
        return text
    return f"{value:.16g}..."


def short_repr(value: object) -> str:
    """``Name(field=value, ...)`` with the scalar fields, at most `REPR_LIMIT`."""
    parts = []
    for field in attrs.fields(type(value)):  # type: ignore[arg-type]
        if field.name.startswith("_") or not field.repr:
            continue
        shown = _brief(getattr(value, field.name))
        if shown is not None:
            parts.append(f"{field.name}={shown}")
    text = f"{type(value).__name__}({', '.join(parts)})"
    if len(text) > REPR_LIMIT:
        text = text[: REPR_LIMIT - 4] + "...)"
    return text


def html_table(headers: list[str], rows: list[list[str]], caption: str) -> str:
    """An HTML ``<table>`` of *headers* and *rows*, every cell escaped."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return (
        f'<table class="tokencost"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def result(cls: type[_T]) -> type[_T]:
    """
    Give an attrs result class a short ``__repr__`` (unless it writes its
    own), ``_repr_html_`` (an HTML table of its `table()`, which notebooks
    show), and a ``to_dict()`` whose Decimals are strings and dates ISO
    strings, ready for `json.dumps`.
    """
    own: Callable[[Any], dict[str, Any]] = cls.to_dict  # type: ignore[attr-defined]

    def to_dict(self: Any) -> dict[str, Any]:
        data: dict[str, Any] = jsonable(own(self))
        return data

    def repr_html(self: Any) -> str:
        headers, rows = self.table()
        return html_table(headers, rows, short_repr(self))

    to_dict.__doc__ = own.__doc__
    to_dict.__qualname__ = f"{cls.__qualname__}.to_dict"
    written = getattr(cls.__dict__.get("__repr__"), "__code__", None)
    # attrs' generated methods come from "<attrs generated ...>" sources.
    if written is None or written.co_filename.startswith("<"):
        cls.__repr__ = short_repr  # type: ignore[method-assign]
    cls._repr_html_ = repr_html  # type: ignore[attr-defined]
    cls.to_dict = to_dict  # type: ignore[attr-defined]
    # Showing a result rounds and compares its figures: that happens in the
    # exact context, never in the caller's, which could round a figure
    # differently or raise a bare decimal signal.
    for name in ("table", "to_dict", "__repr__", "__str__", "_repr_html_"):
        method = cls.__dict__.get(name)
        if callable(method):
            setattr(cls, name, exact_arithmetic(method))
    return cls
