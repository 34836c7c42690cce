"""
tokencost: exact, offline pricing for LLM APIs.

Price sheets per million tokens, exact costs, side-by-side comparisons and
the economics of a price change, in `decimal.Decimal` from end to end.
Importing the package reads no data file; the bundled catalog loads on first
use.
"""

from __future__ import annotations

from typing import Any

from tokencost._economics import (
    BreakEven,
    DemandShift,
    Elasticity,
    ElasticityFit,
    Forecast,
    break_even_volume_change,
    demand_shift,
    elasticity,
    fit_elasticity,
    forecast,
    revenue_multiplier,
)
from tokencost._errors import (
    AmbiguousModelError,
    CurrencyMismatchError,
    DataLookupError,
    EconomicsError,
    InvalidInputError,
    InvalidPriceSheetError,
    InvalidQuantityError,
    InvalidUsageError,
    MissingRateError,
    NoPriceError,
    TokencostError,
    UnknownModelError,
    WrongTypeError,
)
from tokencost._growth import Growth, growth
from tokencost._headroom import Headroom, headroom
from tokencost._money import Money
from tokencost._numbers import parse_change, parse_tokens, to_decimal
from tokencost._render import render

__all__ = [
    "AmbiguousModelError",
    "BreakEven",
    "CurrencyMismatchError",
    "DataLookupError",
    "DemandShift",
    "EconomicsError",
    "Elasticity",
    "ElasticityFit",
    "Forecast",
    "Growth",
    "Headroom",
    "InvalidInputError",
    "InvalidPriceSheetError",
    "InvalidQuantityError",
    "InvalidUsageError",
    "MissingRateError",
    "Money",
    "NoPriceError",
    "TokencostError",
    "UnknownModelError",
    "WrongTypeError",
    "break_even_volume_change",
    "demand_shift",
    "elasticity",
    "fit_elasticity",
    "forecast",
    "growth",
    "headroom",
    "parse_change",
    "parse_tokens",
    "render",
    "revenue_multiplier",
    "to_decimal",
]


def _set_module(names: list[str]) -> None:
    """Make reprs and docs say ``tokencost.Cost``, not ``tokencost._cost.Cost``."""
    namespace = globals()
    for name in names:
        obj = namespace[name]
        if callable(obj) and obj.__module__.startswith("tokencost._"):
            obj.__module__ = __name__


_set_module(__all__)


def __getattr__(name: str) -> Any:
    # The version is looked up lazily: importlib.metadata is slow to import.
    if name == "__version__":
        from importlib.metadata import version

        return version("tokencost")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
