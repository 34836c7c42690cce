"""
tokencost: exact, offline pricing for LLM APIs.

Price sheets per million tokens, exact costs, side-by-side comparisons and
the economics of a price change, in `decimal.Decimal` from end to end.
Importing the package reads no data file; the bundled catalog loads on first
use.
"""

from __future__ import annotations

from typing import Any

from tokencost._adapters import (
    reply_format,
    usage_from,
    usage_from_anthropic,
    usage_from_deepseek,
    usage_from_gemini,
    usage_from_moonshot,
    usage_from_openai,
    usage_from_openai_responses,
    usage_from_zhipu,
)
from tokencost._bill import (
    Bill,
    BillGroup,
    BillPart,
    UsageRecord,
    bill,
    bill_file,
    read_records,
)
from tokencost._catalog import (
    Catalog,
    default_catalog,
    load_catalog,
    load_sheet,
    set_default_catalog,
    sheet_json_schema,
)
from tokencost._compare import Comparison, ComparisonRow, compare
from tokencost._cost import Cost, CostLine, cost
from tokencost._cost_many import CostTotal, cost_many
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
    InvalidReplyError,
    InvalidUsageError,
    MissingRateError,
    NoPriceError,
    TokencostError,
    UnknownModelError,
    UnknownProfileError,
    WrongTypeError,
)
from tokencost._fx import ExchangeRates, bundled_rates
from tokencost._growth import Growth, growth
from tokencost._headroom import Headroom, headroom
from tokencost._importers import (
    import_genai_prices,
    import_litellm,
    import_llm_prices,
)
from tokencost._money import Money
from tokencost._numbers import parse_change, parse_tokens, to_decimal
from tokencost._prices import (
    ModelPrice,
    PricePeriod,
    Rates,
    Schedule,
    Tier,
    Window,
)
from tokencost._profiles import (
    RequestShape,
    UsageProfile,
    builtin_profiles,
    load_profiles,
    usage_profile,
)
from tokencost._render import render
from tokencost._sheet_toml import sheet_to_toml
from tokencost._sources import SourceFigures, sources
from tokencost._stats import CatalogStats, catalog_stats
from tokencost._usage import Usage, UsageTotal
from tokencost._workload import WorkloadCost, WorkloadLine, workload_cost

__all__ = [
    "AmbiguousModelError",
    "Bill",
    "BillGroup",
    "BillPart",
    "BreakEven",
    "Catalog",
    "CatalogStats",
    "Comparison",
    "ComparisonRow",
    "Cost",
    "CostLine",
    "CostTotal",
    "CurrencyMismatchError",
    "DataLookupError",
    "DemandShift",
    "EconomicsError",
    "Elasticity",
    "ElasticityFit",
    "ExchangeRates",
    "Forecast",
    "Growth",
    "Headroom",
    "InvalidInputError",
    "InvalidPriceSheetError",
    "InvalidQuantityError",
    "InvalidReplyError",
    "InvalidUsageError",
    "MissingRateError",
    "ModelPrice",
    "Money",
    "NoPriceError",
    "PricePeriod",
    "Rates",
    "RequestShape",
    "Schedule",
    "SourceFigures",
    "Tier",
    "TokencostError",
    "UnknownModelError",
    "UnknownProfileError",
    "Usage",
    "UsageProfile",
    "UsageRecord",
    "UsageTotal",
    "Window",
    "WorkloadCost",
    "WorkloadLine",
    "WrongTypeError",
    "bill",
    "bill_file",
    "break_even_volume_change",
    "builtin_profiles",
    "bundled_rates",
    "catalog_stats",
    "compare",
    "cost",
    "cost_many",
    "default_catalog",
    "demand_shift",
    "elasticity",
    "fit_elasticity",
    "forecast",
    "growth",
    "headroom",
    "import_genai_prices",
    "import_litellm",
    "import_llm_prices",
    "load_catalog",
    "load_profiles",
    "load_sheet",
    "models",
    "parse_change",
    "parse_tokens",
    "price",
    "read_records",
    "render",
    "reply_format",
    "revenue_multiplier",
    "set_default_catalog",
    "sheet_json_schema",
    "sheet_to_toml",
    "sources",
    "to_decimal",
    "usage_from",
    "usage_from_anthropic",
    "usage_from_deepseek",
    "usage_from_gemini",
    "usage_from_moonshot",
    "usage_from_openai",
    "usage_from_openai_responses",
    "usage_from_zhipu",
    "usage_profile",
    "workload_cost",
]


def _set_module(names: list[str]) -> None:
    """Make reprs and docs say ``tokencost.Cost``, not ``tokencost._cost.Cost``."""
    namespace = globals()
    for name in names:
        obj = namespace[name]
        if callable(obj) and obj.__module__.startswith("tokencost._"):
            obj.__module__ = __name__


def price(model: str, *, catalog: Catalog | None = None) -> ModelPrice:
    """
    The `ModelPrice` of *model*: its currency and full price history.

    >>> price("glm-5.2").current.standard.rates.output_mtok
    Decimal('4.13')
    """
    return (catalog or default_catalog()).get(model)


def models(
    provider: str | None = None, *, catalog: Catalog | None = None
) -> list[ModelPrice]:
    """Every model in the catalog, sorted by id; only *provider*'s if given."""
    return (catalog or default_catalog()).models(provider)


_set_module(__all__)


def __getattr__(name: str) -> Any:
    # The version is looked up lazily: importlib.metadata is slow to import.
    if name == "__version__":
        from importlib.metadata import version

        return version("tokencost")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
