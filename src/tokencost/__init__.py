"""
tokencost: exact, offline pricing for LLM APIs.

Price sheets per million tokens, exact costs, side-by-side comparisons and
the economics of a price change, in `decimal.Decimal` from end to end.
Importing the package reads no data file; the bundled catalog loads on first
use.
"""

from __future__ import annotations

import importlib

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

# Not `from typing import TYPE_CHECKING`: typing takes longer to import than
# everything else `import tokencost` does. Type checkers read this as True.
TYPE_CHECKING = False

if TYPE_CHECKING:
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
    from tokencost._compare import (
        Comparison,
        ComparisonRow,
        compare,
    )
    from tokencost._cost import (
        Cost,
        CostLine,
        cost,
    )
    from tokencost._cost_many import (
        CostTotal,
        cost_many,
    )
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
    from tokencost._fx import (
        ExchangeRates,
        bundled_rates,
    )
    from tokencost._growth import (
        Growth,
        growth,
    )
    from tokencost._headroom import (
        Headroom,
        headroom,
    )
    from tokencost._importers import (
        import_genai_prices,
        import_litellm,
        import_llm_prices,
    )
    from tokencost._money import (
        Money,
    )
    from tokencost._numbers import (
        parse_change,
        parse_tokens,
        to_decimal,
    )
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
    from tokencost._render import (
        render,
    )
    from tokencost._sheet_toml import (
        sheet_to_toml,
    )
    from tokencost._sources import (
        SourceFigures,
        sources,
    )
    from tokencost._stats import (
        CatalogStats,
        catalog_stats,
    )
    from tokencost._usage import (
        Usage,
        UsageTotal,
    )
    from tokencost._workload import (
        WorkloadCost,
        WorkloadLine,
        workload_cost,
    )

# Every name but the errors is imported on first use, through __getattr__
# below: `import tokencost` costs next to nothing (attrs alone takes longer
# to import than the rest), and a program pays only for what it uses.
_LAZY: dict[str, str] = {
    "Bill": "tokencost._bill",
    "BillGroup": "tokencost._bill",
    "BillPart": "tokencost._bill",
    "BreakEven": "tokencost._economics",
    "Catalog": "tokencost._catalog",
    "CatalogStats": "tokencost._stats",
    "Comparison": "tokencost._compare",
    "ComparisonRow": "tokencost._compare",
    "Cost": "tokencost._cost",
    "CostLine": "tokencost._cost",
    "CostTotal": "tokencost._cost_many",
    "DemandShift": "tokencost._economics",
    "Elasticity": "tokencost._economics",
    "ElasticityFit": "tokencost._economics",
    "ExchangeRates": "tokencost._fx",
    "Forecast": "tokencost._economics",
    "Growth": "tokencost._growth",
    "Headroom": "tokencost._headroom",
    "ModelPrice": "tokencost._prices",
    "Money": "tokencost._money",
    "PricePeriod": "tokencost._prices",
    "Rates": "tokencost._prices",
    "RequestShape": "tokencost._profiles",
    "Schedule": "tokencost._prices",
    "SourceFigures": "tokencost._sources",
    "Tier": "tokencost._prices",
    "Usage": "tokencost._usage",
    "UsageProfile": "tokencost._profiles",
    "UsageRecord": "tokencost._bill",
    "UsageTotal": "tokencost._usage",
    "Window": "tokencost._prices",
    "WorkloadCost": "tokencost._workload",
    "WorkloadLine": "tokencost._workload",
    "bill": "tokencost._bill",
    "bill_file": "tokencost._bill",
    "break_even_volume_change": "tokencost._economics",
    "builtin_profiles": "tokencost._profiles",
    "bundled_rates": "tokencost._fx",
    "catalog_stats": "tokencost._stats",
    "compare": "tokencost._compare",
    "cost": "tokencost._cost",
    "cost_many": "tokencost._cost_many",
    "default_catalog": "tokencost._catalog",
    "demand_shift": "tokencost._economics",
    "elasticity": "tokencost._economics",
    "fit_elasticity": "tokencost._economics",
    "forecast": "tokencost._economics",
    "growth": "tokencost._growth",
    "headroom": "tokencost._headroom",
    "import_genai_prices": "tokencost._importers",
    "import_litellm": "tokencost._importers",
    "import_llm_prices": "tokencost._importers",
    "load_catalog": "tokencost._catalog",
    "load_profiles": "tokencost._profiles",
    "load_sheet": "tokencost._catalog",
    "parse_change": "tokencost._numbers",
    "parse_tokens": "tokencost._numbers",
    "read_records": "tokencost._bill",
    "render": "tokencost._render",
    "reply_format": "tokencost._adapters",
    "revenue_multiplier": "tokencost._economics",
    "set_default_catalog": "tokencost._catalog",
    "sheet_json_schema": "tokencost._catalog",
    "sheet_to_toml": "tokencost._sheet_toml",
    "sources": "tokencost._sources",
    "to_decimal": "tokencost._numbers",
    "usage_from": "tokencost._adapters",
    "usage_from_anthropic": "tokencost._adapters",
    "usage_from_deepseek": "tokencost._adapters",
    "usage_from_gemini": "tokencost._adapters",
    "usage_from_moonshot": "tokencost._adapters",
    "usage_from_openai": "tokencost._adapters",
    "usage_from_openai_responses": "tokencost._adapters",
    "usage_from_zhipu": "tokencost._adapters",
    "usage_profile": "tokencost._profiles",
    "workload_cost": "tokencost._workload",
}

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
        if name in _LAZY:
            continue
        obj = namespace[name]
        if callable(obj) and obj.__module__.startswith("tokencost._"):
            obj.__module__ = __name__


def price(model: str, *, catalog: Catalog | None = None) -> ModelPrice:
    """
    The `ModelPrice` of *model*: its currency and full price history.

    >>> price("glm-5.2").current.standard.rates.output_mtok
    Decimal('4.13')
    """
    from tokencost._catalog import default_catalog

    return (catalog or default_catalog()).get(model)


def models(
    provider: str | None = None, *, catalog: Catalog | None = None
) -> list[ModelPrice]:
    """Every model in the catalog, sorted by id; only *provider*'s if given."""
    from tokencost._catalog import default_catalog

    return (catalog or default_catalog()).models(provider)


_set_module(__all__)


def __getattr__(name: str) -> Any:
    # The version is looked up lazily: importlib.metadata is slow to import.
    if name == "__version__":
        from importlib.metadata import version

        return version("tokencost")
    module = _LAZY.get(name)
    if module is not None:
        obj = getattr(importlib.import_module(module), name)
        if callable(obj) and obj.__module__.startswith("tokencost._"):
            obj.__module__ = __name__
        globals()[name] = obj
        return obj
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
