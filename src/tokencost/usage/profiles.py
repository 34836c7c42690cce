"""
Usage profiles: a workload described once, as weighted request shapes.

A `UsageProfile` is a mix of `RequestShape` objects with weights, and a
volume (requests per day, month or year). Tiers apply per request shape, so
a profile whose tail crosses a 200K threshold is priced correctly. The
built-in profiles live in ``data/profiles.toml``; users write their own in
the same format (TOML or JSON) or in Python.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import attrs

from tokencost._decimal import EXACT
from tokencost._errors import (
    InvalidInputError,
    InvalidQuantityError,
    UnknownProfileError,
    WrongTypeError,
)
from tokencost._files import parse_data, read_text_file
from tokencost._parsing import parse_amount, parse_tokens, to_decimal
from tokencost._render import fmt_share
from tokencost._results import result
from tokencost.usage.usage import Usage

__all__ = [
    "PERIODS",
    "PERIOD_DAYS",
    "RequestShape",
    "UsageProfile",
    "builtin_profiles",
    "load_profiles",
    "usage_profile",
]

#: Days in each period a volume can be given per, as exact fractions
#: (numerator, denominator): a month is a twelfth of a 365-day year.
PERIOD_DAYS: dict[str, tuple[int, int]] = {
    "day": (1, 1),
    "month": (365, 12),
    "year": (365, 1),
}

#: The same in days, for display and drawing (a month to 80 digits).
PERIODS: dict[str, Decimal] = {
    name: EXACT.divide(Decimal(num), Decimal(den))
    for name, (num, den) in PERIOD_DAYS.items()
}


def _share(value: object) -> Decimal:
    share = to_decimal(value, what="cache share")
    if not 0 <= share <= 1:
        raise InvalidQuantityError(
            f"a cache share is a fraction of the prompt between 0 and 1, got {value!r}"
        )
    return share


def _weight(value: object) -> Decimal:
    return parse_amount(value, what="weight")


def _tokens(value: object) -> int:
    return parse_tokens(value)


@attrs.frozen
class RequestShape:
    """
    One kind of request in a workload, and how often it occurs.

    >>> RequestShape("step", 1, 40_000, 1_500, cache_read_share="0.9").usage
    Usage(input_tokens=40000, output_tokens=1500, cache_read_tokens=36000, cache_write_tokens=0)
    """  # noqa: E501

    name: str
    """What the shape stands for."""
    weight: Decimal = attrs.field(converter=_weight)
    """Relative frequency; weights need not sum to 1."""
    input_tokens: int = attrs.field(converter=_tokens)
    """Prompt tokens of one request, cached ones included."""
    output_tokens: int = attrs.field(converter=_tokens)
    """Output tokens of one request, reasoning included."""
    cache_read_share: Decimal = attrs.field(default=Decimal(0), converter=_share)
    """Fraction of the prompt read from the cache (0.9 is 90%)."""
    cache_write_share: Decimal = attrs.field(default=Decimal(0), converter=_share)
    """Fraction of the prompt written to the cache."""
    variant: str | None = None
    """A price variant (``batch``) used where the model offers it."""

    def __attrs_post_init__(self) -> None:
        if EXACT.add(self.cache_read_share, self.cache_write_share) > 1:
            raise InvalidQuantityError(
                f"shape {self.name!r}: cache shares add up to more than the prompt "
                f"({self.cache_read_share} + {self.cache_write_share} > 1)"
            )

    @property
    def usage(self) -> Usage:
        """The tokens of one such request; cache shares round to whole tokens."""
        prompt = Decimal(self.input_tokens)
        return Usage(
            self.input_tokens,
            self.output_tokens,
            _whole(EXACT.multiply(prompt, self.cache_read_share)),
            _whole(EXACT.multiply(prompt, self.cache_write_share)),
        )


def _whole(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_EVEN))


def _sum(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of *values*, whatever the caller's decimal context."""
    total = Decimal(0)
    for value in values:
        total = EXACT.add(total, value)
    return total


def _shapes(value: Sequence[RequestShape]) -> tuple[RequestShape, ...]:
    shapes = tuple(value)
    if not shapes:
        raise InvalidInputError("a usage profile needs at least one request shape")
    for shape in shapes:
        if not isinstance(shape, RequestShape):
            raise WrongTypeError(f"profile shapes must be RequestShape, not {shape!r}")
    if _sum(s.weight for s in shapes) <= 0:
        weights = ", ".join(str(s.weight) for s in shapes)
        raise InvalidInputError(
            f"the weights of a profile must add up to more than 0, got {weights}"
        )
    return shapes


def _per(value: object) -> str:
    if value not in PERIODS:
        raise InvalidInputError(
            f"unknown period {value!r}: expected one of {', '.join(PERIODS)}"
        )
    return str(value)


def _volume(value: object) -> Decimal:
    return parse_amount(value, what="volume")


@result
@attrs.frozen
class UsageProfile:
    """A named workload: weighted request shapes and a volume."""

    name: str
    """The profile's name, e.g. ``agentic-coding``."""
    shapes: tuple[RequestShape, ...] = attrs.field(converter=_shapes)
    """The kinds of request, with weights."""
    volume: Decimal = attrs.field(default=Decimal(1), converter=_volume)
    """Requests per ``per``."""
    per: str = attrs.field(default="day", converter=_per)
    """The period ``volume`` is counted over: day, month or year."""
    description: str = ""
    """What the workload is."""
    assumptions: str = ""
    """The assumptions behind the figures, with sources where they exist."""

    @property
    def total_weight(self) -> Decimal:
        """The sum of the shapes' weights."""
        return _sum(s.weight for s in self.shapes)

    def shares(self) -> list[tuple[RequestShape, Decimal]]:
        """Each shape with its share of requests (the shares add up to 1)."""
        total = self.total_weight
        return [(s, EXACT.divide(s.weight, total)) for s in self.shapes]

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row per shape."""
        headers = ["shape", "share", "input", "cache read", "cache write"]
        headers += ["output", "variant"]
        rows = [
            [
                shape.name,
                fmt_share(share),
                f"{shape.input_tokens:,}",
                f"{shape.usage.cache_read_tokens:,}",
                f"{shape.usage.cache_write_tokens:,}",
                f"{shape.output_tokens:,}",
                shape.variant or "",
            ]
            for shape, share in self.shares()
        ]
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """The profile, JSON-ready."""
        return {
            "name": self.name,
            "description": self.description,
            "volume": self.volume,
            "per": self.per,
            "assumptions": self.assumptions,
            "shapes": [
                {k: v for k, v in attrs.asdict(s).items() if v is not None}
                for s in self.shapes
            ],
        }


_PROFILE_KEYS = {"description", "volume", "per", "assumptions", "shapes"}
_SHAPE_KEYS = {f.name for f in attrs.fields(RequestShape)}
#: The fields a shape read from a file must give (its name has a default).
_SHAPE_NEEDS = {
    f.name for f in attrs.fields(RequestShape) if f.default is attrs.NOTHING
} - {"name"}


def _from_data(name: str, data: object, origin: str) -> UsageProfile:
    if not isinstance(data, Mapping):
        raise InvalidInputError(f"{origin}: profile {name!r} must be a table")
    unknown = set(data) - _PROFILE_KEYS
    if unknown:
        raise InvalidInputError(
            f"{origin}: profile {name!r}: unknown field {sorted(unknown)[0]!r} "
            f"(expected {', '.join(sorted(_PROFILE_KEYS))})"
        )
    shapes = []
    for index, raw in enumerate(data.get("shapes", [])):
        if not isinstance(raw, Mapping):
            raise InvalidInputError(f"{origin}: {name}.shapes.{index} must be a table")
        extra = set(raw) - _SHAPE_KEYS
        if extra:
            raise InvalidInputError(
                f"{origin}: {name}.shapes.{index}: unknown field {sorted(extra)[0]!r}"
            )
        missing = sorted(_SHAPE_NEEDS - set(raw))
        if missing:
            raise InvalidInputError(
                f"{origin}: {name}.shapes.{index}: missing "
                f"{', '.join(map(repr, missing))} (a shape needs weight, "
                "input_tokens and output_tokens)"
            )
        try:
            shapes.append(RequestShape(**{"name": f"shape {index + 1}", **raw}))
        except TypeError as exc:
            raise InvalidInputError(f"{origin}: {name}.shapes.{index}: {exc}") from exc
        except InvalidInputError as exc:
            raise type(exc)(f"{origin}: {name}.shapes.{index}: {exc}") from exc
    try:
        return UsageProfile(
            name=name,
            shapes=shapes,
            volume=data.get("volume", 1),
            per=data.get("per", "day"),
            description=data.get("description", ""),
            assumptions=data.get("assumptions", ""),
        )
    except InvalidInputError as exc:
        raise type(exc)(f"{origin}: profile {name!r}: {exc}") from exc


def _parse(text: str, suffix: str, origin: str) -> dict[str, UsageProfile]:
    data = parse_data(text, suffix, origin)
    if not isinstance(data, dict):
        raise InvalidInputError(f"{origin}: expected a table of profiles")
    return {name: _from_data(name, body, origin) for name, body in data.items()}


def load_profiles(path: str | Path) -> dict[str, UsageProfile]:
    """
    Read profiles from a TOML or JSON file: a table of profiles by name.

    Raises:
        InvalidInputError: naming the file, the profile and the field.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise InvalidInputError(
            f"{path}: unknown profile file type {suffix!r}: expected .toml or .json"
        )
    return _parse(read_text_file(path), suffix, str(path))


@functools.cache
def builtin_profiles() -> dict[str, UsageProfile]:
    """The profiles shipped with tokencost, by name."""
    from tokencost.prices.bundled import data_path

    with open(data_path("profiles.toml"), encoding="utf-8") as file:
        text = file.read()
    return _parse(text, ".toml", "tokencost/prices/data/profiles.toml")


def usage_profile(
    name: str | UsageProfile, profiles: Mapping[str, UsageProfile] | None = None
) -> UsageProfile:
    """
    The profile called *name*, from *profiles* or the built-in ones.

    Raises:
        UnknownProfileError: with the close names, or the list of names.
    """
    if isinstance(name, UsageProfile):
        return name
    known = builtin_profiles() if profiles is None else profiles
    if not isinstance(name, str):
        raise WrongTypeError(f"profile must be a name or UsageProfile, not {name!r}")
    found = known.get(name.strip().lower())
    if found is not None:
        return found
    close = difflib.get_close_matches(name.lower(), list(known), n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
    raise UnknownProfileError(f"unknown profile {name!r} ({hint})")
