"""
Frozen attrs instances built for the price of plain ones.

An attrs frozen class refuses attribute assignment, so its generated
``__init__`` sets every field through ``object.__setattr__``: one call per
field. On the per-request path a gateway takes (one `Usage`, one `Money`,
one `Cost` per call, 27 fields in all) those calls were most of the time of
a call.

`builder` gives a frozen slotted class a twin: a plain class with the same
slots. The hot path creates an instance of the twin, assigns its fields as
ordinary attributes (the interpreter's cheapest store), then gives it the
frozen class as its class, which CPython allows between classes of the same
memory layout. What comes out is an ordinary instance of the frozen class:
equal, hashable and frozen like any other (tests/test_frozen.py).

CPython checks that layout on every such assignment, and compares the slot
names of the two classes one by one unless both inherit their slots from
one base. So `Usage`, `Money` and `Cost` keep their slots in the plain
base classes below, which list their fields (attrs reuses those slots and
adds none), and the twin of such a class derives from the same base: the
check then stops at the shared base, which saved 150 to 300 instructions
an object.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CostSlots", "MoneySlots", "UsageSlots", "builder"]


def builder(cls: type) -> Any:
    """
    A plain class with the slots of the frozen attrs class *cls*.

    The layouts are proved compatible here, once, when the module that
    builds *cls* instances is imported, so a class that cannot take part
    (a ``__weakref__`` slot, a ``__dict__``) fails at import, not on a
    request.
    """
    slots = cls.__dict__.get("__slots__")
    if not isinstance(slots, tuple) or "__weakref__" in slots:
        raise TypeError(f"{cls.__name__} must be slotted, without weakref slot")
    base = cls.__base__
    if base is None or base is object:
        twin = type(f"_{cls.__name__}Builder", (), {"__slots__": slots})
    elif slots:
        # A field missing from the base's slots: the twin, derived from the
        # base, would not have it.
        raise TypeError(
            f"{cls.__name__} adds slots {slots!r} to those of "
            f"{base.__name__}; list them in the base"
        )
    else:
        # The slots live in a plain base: the twin shares it.
        twin = type(f"_{cls.__name__}Builder", (base,), {"__slots__": ()})
    probe: Any = twin()
    probe.__class__ = cls  # TypeError if the layouts differ
    return twin


class UsageSlots:
    """The slots of `Usage`, one per field, shared with its twin."""

    __slots__ = (
        "cache_read_audio_tokens",
        "cache_read_tokens",
        "cache_write_1h_tokens",
        "cache_write_tokens",
        "input_audio_tokens",
        "input_image_tokens",
        "input_tokens",
        "input_video_tokens",
        "output_audio_tokens",
        "output_image_tokens",
        "output_tokens",
        "reasoning_tokens",
    )


class MoneySlots:
    """The slots of `Money`, one per field, shared with its twin."""

    __slots__ = ("amount", "currency")


class CostSlots:
    """The slots of `Cost`, one per field, shared with its twin."""

    __slots__ = (
        "_lines",
        "_source",
        "at",
        "converted_from",
        "fx",
        "model",
        "period",
        "rate",
        "requests",
        "tier",
        "total",
        "usage",
        "variant",
        "window",
    )
