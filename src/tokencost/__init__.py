"""
tokencost: exact, offline pricing for LLM APIs.

Price sheets per million tokens, exact costs, side-by-side comparisons, bills
over usage logs and the economics of a price change, in `decimal.Decimal`
from end to end. Importing the package reads no data file and imports none
of its modules: every public name is loaded on first use, and the bundled
catalog on the first lookup.

The public names live in subpackages, one per concern (see
docs/architecture.md). `_PUBLIC` maps each name to its module; `__all__`,
the lazy loading and `dir()` all come from that one table.
"""

# Not `from typing import TYPE_CHECKING`: typing takes longer to import than
# everything else `import tokencost` does. Type checkers read this as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from tokencost._errors import (
        AmbiguousModelError as AmbiguousModelError,
        CurrencyMismatchError as CurrencyMismatchError,
        DataLookupError as DataLookupError,
        EconomicsError as EconomicsError,
        InvalidInputError as InvalidInputError,
        InvalidPriceSheetError as InvalidPriceSheetError,
        InvalidQuantityError as InvalidQuantityError,
        InvalidReplyError as InvalidReplyError,
        InvalidUsageError as InvalidUsageError,
        MissingRateError as MissingRateError,
        NoPriceError as NoPriceError,
        TokencostError as TokencostError,
        UnknownModelError as UnknownModelError,
        UnknownProfileError as UnknownProfileError,
        WrongTypeError as WrongTypeError,
    )
    from tokencost._money import (
        Money as Money,
    )
    from tokencost._parsing import (
        parse_change as parse_change,
        parse_tokens as parse_tokens,
        to_decimal as to_decimal,
    )
    from tokencost._render import (
        render as render,
    )
    from tokencost.billing.engine import (
        bill as bill,
    )
    from tokencost.billing.parallel import (
        bill_file as bill_file,
    )
    from tokencost.billing.readers import (
        read_records as read_records,
    )
    from tokencost.billing.records import (
        UsageRecord as UsageRecord,
    )
    from tokencost.billing.result import (
        Bill as Bill,
        BillGroup as BillGroup,
        BillPart as BillPart,
    )
    from tokencost.costing.compare import (
        Comparison as Comparison,
        ComparisonRow as ComparisonRow,
        compare as compare,
    )
    from tokencost.costing.cost import (
        Cost as Cost,
        CostLine as CostLine,
        cost as cost,
    )
    from tokencost.costing.many import (
        CostTotal as CostTotal,
        cost_many as cost_many,
    )
    from tokencost.costing.workload import (
        WorkloadCost as WorkloadCost,
        WorkloadLine as WorkloadLine,
        workload_cost as workload_cost,
    )
    from tokencost.economics.break_even import (
        BreakEven as BreakEven,
        break_even_volume_change as break_even_volume_change,
    )
    from tokencost.economics.demand import (
        DemandShift as DemandShift,
        demand_shift as demand_shift,
    )
    from tokencost.economics.elasticity import (
        Elasticity as Elasticity,
        elasticity as elasticity,
    )
    from tokencost.economics.fit import (
        ElasticityFit as ElasticityFit,
        fit_elasticity as fit_elasticity,
    )
    from tokencost.economics.forecast import (
        Forecast as Forecast,
        forecast as forecast,
        revenue_multiplier as revenue_multiplier,
    )
    from tokencost.economics.growth import (
        Growth as Growth,
        growth as growth,
    )
    from tokencost.economics.headroom import (
        Headroom as Headroom,
        headroom as headroom,
    )
    from tokencost.importers.toml import (
        sheet_to_toml as sheet_to_toml,
    )
    from tokencost.importers.upstream import (
        import_genai_prices as import_genai_prices,
        import_litellm as import_litellm,
        import_llm_prices as import_llm_prices,
    )
    from tokencost.prices.catalog import (
        Catalog as Catalog,
        default_catalog as default_catalog,
        load_catalog as load_catalog,
        load_sheet as load_sheet,
        models as models,
        price as price,
        set_default_catalog as set_default_catalog,
        sheet_json_schema as sheet_json_schema,
    )
    from tokencost.prices.fx import (
        ExchangeRates as ExchangeRates,
        bundled_rates as bundled_rates,
    )
    from tokencost.prices.model import (
        ModelPrice as ModelPrice,
        PricePeriod as PricePeriod,
        Rates as Rates,
        Schedule as Schedule,
        Tier as Tier,
        Window as Window,
    )
    from tokencost.prices.sources import (
        SourceFigures as SourceFigures,
        sources as sources,
    )
    from tokencost.prices.stats import (
        CatalogStats as CatalogStats,
        catalog_stats as catalog_stats,
    )
    from tokencost.usage.profiles import (
        RequestShape as RequestShape,
        UsageProfile as UsageProfile,
        builtin_profiles as builtin_profiles,
        load_profiles as load_profiles,
        usage_profile as usage_profile,
    )
    from tokencost.usage.replies import (
        reply_format as reply_format,
        usage_from as usage_from,
        usage_from_anthropic as usage_from_anthropic,
        usage_from_deepseek as usage_from_deepseek,
        usage_from_gemini as usage_from_gemini,
        usage_from_moonshot as usage_from_moonshot,
        usage_from_openai as usage_from_openai,
        usage_from_openai_responses as usage_from_openai_responses,
        usage_from_zhipu as usage_from_zhipu,
    )
    from tokencost.usage.usage import (
        Usage as Usage,
        UsageTotal as UsageTotal,
    )

del TYPE_CHECKING

#: Every public name and the module that defines it.
_PUBLIC: dict[str, str] = {
    "AmbiguousModelError": "tokencost._errors",
    "Bill": "tokencost.billing.result",
    "BillGroup": "tokencost.billing.result",
    "BillPart": "tokencost.billing.result",
    "BreakEven": "tokencost.economics.break_even",
    "Catalog": "tokencost.prices.catalog",
    "CatalogStats": "tokencost.prices.stats",
    "Comparison": "tokencost.costing.compare",
    "ComparisonRow": "tokencost.costing.compare",
    "Cost": "tokencost.costing.cost",
    "CostLine": "tokencost.costing.cost",
    "CostTotal": "tokencost.costing.many",
    "CurrencyMismatchError": "tokencost._errors",
    "DataLookupError": "tokencost._errors",
    "DemandShift": "tokencost.economics.demand",
    "EconomicsError": "tokencost._errors",
    "Elasticity": "tokencost.economics.elasticity",
    "ElasticityFit": "tokencost.economics.fit",
    "ExchangeRates": "tokencost.prices.fx",
    "Forecast": "tokencost.economics.forecast",
    "Growth": "tokencost.economics.growth",
    "Headroom": "tokencost.economics.headroom",
    "InvalidInputError": "tokencost._errors",
    "InvalidPriceSheetError": "tokencost._errors",
    "InvalidQuantityError": "tokencost._errors",
    "InvalidReplyError": "tokencost._errors",
    "InvalidUsageError": "tokencost._errors",
    "MissingRateError": "tokencost._errors",
    "ModelPrice": "tokencost.prices.model",
    "Money": "tokencost._money",
    "NoPriceError": "tokencost._errors",
    "PricePeriod": "tokencost.prices.model",
    "Rates": "tokencost.prices.model",
    "RequestShape": "tokencost.usage.profiles",
    "Schedule": "tokencost.prices.model",
    "SourceFigures": "tokencost.prices.sources",
    "Tier": "tokencost.prices.model",
    "TokencostError": "tokencost._errors",
    "UnknownModelError": "tokencost._errors",
    "UnknownProfileError": "tokencost._errors",
    "Usage": "tokencost.usage.usage",
    "UsageProfile": "tokencost.usage.profiles",
    "UsageRecord": "tokencost.billing.records",
    "UsageTotal": "tokencost.usage.usage",
    "Window": "tokencost.prices.model",
    "WorkloadCost": "tokencost.costing.workload",
    "WorkloadLine": "tokencost.costing.workload",
    "WrongTypeError": "tokencost._errors",
    "bill": "tokencost.billing.engine",
    "bill_file": "tokencost.billing.parallel",
    "break_even_volume_change": "tokencost.economics.break_even",
    "builtin_profiles": "tokencost.usage.profiles",
    "bundled_rates": "tokencost.prices.fx",
    "catalog_stats": "tokencost.prices.stats",
    "compare": "tokencost.costing.compare",
    "cost": "tokencost.costing.cost",
    "cost_many": "tokencost.costing.many",
    "default_catalog": "tokencost.prices.catalog",
    "demand_shift": "tokencost.economics.demand",
    "elasticity": "tokencost.economics.elasticity",
    "fit_elasticity": "tokencost.economics.fit",
    "forecast": "tokencost.economics.forecast",
    "growth": "tokencost.economics.growth",
    "headroom": "tokencost.economics.headroom",
    "import_genai_prices": "tokencost.importers.upstream",
    "import_litellm": "tokencost.importers.upstream",
    "import_llm_prices": "tokencost.importers.upstream",
    "load_catalog": "tokencost.prices.catalog",
    "load_profiles": "tokencost.usage.profiles",
    "load_sheet": "tokencost.prices.catalog",
    "models": "tokencost.prices.catalog",
    "parse_change": "tokencost._parsing",
    "parse_tokens": "tokencost._parsing",
    "price": "tokencost.prices.catalog",
    "read_records": "tokencost.billing.readers",
    "render": "tokencost._render",
    "reply_format": "tokencost.usage.replies",
    "revenue_multiplier": "tokencost.economics.forecast",
    "set_default_catalog": "tokencost.prices.catalog",
    "sheet_json_schema": "tokencost.prices.catalog",
    "sheet_to_toml": "tokencost.importers.toml",
    "sources": "tokencost.prices.sources",
    "to_decimal": "tokencost._parsing",
    "usage_from": "tokencost.usage.replies",
    "usage_from_anthropic": "tokencost.usage.replies",
    "usage_from_deepseek": "tokencost.usage.replies",
    "usage_from_gemini": "tokencost.usage.replies",
    "usage_from_moonshot": "tokencost.usage.replies",
    "usage_from_openai": "tokencost.usage.replies",
    "usage_from_openai_responses": "tokencost.usage.replies",
    "usage_from_zhipu": "tokencost.usage.replies",
    "usage_profile": "tokencost.usage.profiles",
    "workload_cost": "tokencost.costing.workload",
}

# Built from the table, not written out again; the `X as X` imports above tell
# type checkers what the package exports.
__all__ = sorted(_PUBLIC)  # noqa: PLE0605


def __getattr__(name: str) -> object:
    # The version is looked up lazily: importlib.metadata is slow to import.
    if name == "__version__":
        from importlib.metadata import version

        return version("tokencost")
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    obj = getattr(import_module(module), name)
    globals()[name] = obj
    return obj


def __dir__() -> list[str]:
    return sorted({*__all__, *(n for n in globals() if n.startswith("__"))})
