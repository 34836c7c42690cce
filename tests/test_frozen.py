"""Frozen instances built through a plain twin are ordinary frozen instances."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest

import tokencost as tc
from tokencost._frozen import builder
from tokencost.costing.lines import Cost


def test_builder_refuses_a_weakref_slot() -> None:
    """A class whose layout cannot be swapped fails when the twin is made."""

    @attrs.frozen
    class WithWeakref:
        a: int

    with pytest.raises(TypeError, match="without weakref slot"):
        builder(WithWeakref)


def test_builder_refuses_a_class_without_slots() -> None:
    @attrs.frozen(slots=False)
    class Plain:
        a: int

    with pytest.raises(TypeError, match="must be slotted"):
        builder(Plain)


@pytest.mark.parametrize(
    "value",
    [
        tc.Usage(100_000, 2_000, 60_000, 10_000),
        tc.Usage(10, 5, reasoning_tokens=2, input_audio_tokens=3),
        tc.Money(Decimal("0.585"), "USD"),
        tc.cost("claude-fable-5", tc.Usage(100_000, 2_000), at="2026-07-01"),
        tc.cost("claude-fable-5", input_tokens=100_000, at="2026-07-01").total,
    ],
    ids=["usage", "usage-rare", "money", "cost", "cost-total"],
)
def test_built_instances_are_frozen_and_whole(value: object) -> None:
    """Equal to a copy, hashable, picklable, and refusing assignment."""
    cls = type(value)
    assert cls.__name__ in {"Usage", "Money", "Cost"}
    assert copy.copy(value) == value
    assert pickle.loads(pickle.dumps(value)) == value
    assert hash(copy.deepcopy(value)) == hash(value)
    name = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, name, None)
    with pytest.raises(AttributeError):
        value.unknown = 1  # type: ignore[attr-defined]


def test_cost_built_fast_equals_the_constructor() -> None:
    """Every field of the Cost cost() builds is the one Cost(...) would set."""
    c = tc.cost("gemini-2.5-pro", tc.Usage(300_000, 2_000, 60_000), at="2026-07-01")
    fields = {f.alias: getattr(c, f.name) for f in attrs.fields(Cost)}
    made = Cost(**fields)
    assert made == c
    for f in attrs.fields(Cost):
        assert getattr(made, f.name) == getattr(c, f.name), f.name
    assert c.tier is not None  # the long-context tier, so tier is set too
    # Above 200k tokens: 240k at 2.50, 60k cache reads at 0.25, 2k at 15.
    assert c.total == tc.Money(Decimal("0.645"), "USD")


@pytest.mark.parametrize("cls", [tc.Usage, tc.Money, Cost])
def test_slots_live_in_a_plain_base(cls: type) -> None:
    """The frozen class adds no slot: its base holds one per field, and its
    twin derives from that base."""
    assert cls.__dict__["__slots__"] == ()
    base = cls.__base__
    assert set(base.__slots__) == {f.name for f in attrs.fields(cls)}
    assert builder(cls).__base__ is base


def test_builder_refuses_a_field_missing_from_the_base() -> None:
    """A field left out of the base's slots fails when the twin is made."""

    class Slots:
        __slots__ = ("a",)

    @attrs.frozen(weakref_slot=False)
    class Frozen(Slots):
        a: int
        b: int

    with pytest.raises(TypeError, match="adds slots"):
        builder(Frozen)


def test_a_twin_of_a_base_builds_an_equal_instance() -> None:
    """An instance built in the twin of a class with a slots base equals
    the one its constructor makes."""

    class Slots:
        __slots__ = ("a", "b")

    @attrs.frozen(weakref_slot=False)
    class Frozen(Slots):
        a: int
        b: str

    made: Any = builder(Frozen)()
    made.a, made.b = 1, "x"
    made.__class__ = Frozen
    assert made == Frozen(1, "x")
    assert hash(made) == hash(Frozen(1, "x"))
