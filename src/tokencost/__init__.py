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
    from tokencost._errors import AmbiguousModelError as AmbiguousModelError
    from tokencost._errors import CurrencyMismatchError as CurrencyMismatchError
    from tokencost._errors import DataLookupError as DataLookupError
    from tokencost._errors import EconomicsError as EconomicsError
    from tokencost._errors import InvalidInputError as InvalidInputError
    from tokencost._errors import InvalidPriceSheetError as InvalidPriceSheetError
    from tokencost._errors import InvalidQuantityError as InvalidQuantityError
    from tokencost._errors import InvalidReplyError as InvalidReplyError
    from tokencost._errors import InvalidUsageError as InvalidUsageError
    from tokencost._errors import MissingRateError as MissingRateError
    from tokencost._errors import NoPriceError as NoPriceError
    from tokencost._errors import NoUsageError as NoUsageError
    from tokencost._errors import TokencostError as TokencostError
    from tokencost._errors import UnknownModelError as UnknownModelError
    from tokencost._errors import UnknownProfileError as UnknownProfileError
    from tokencost._errors import WrongTypeError as WrongTypeError
    from tokencost._money import Money as Money
    from tokencost._parsing import parse_change as parse_change
    from tokencost._parsing import parse_tokens as parse_tokens
    from tokencost._parsing import set_clock as set_clock
    from tokencost._parsing import to_decimal as to_decimal
    from tokencost._render import render as render
    from tokencost.billing.engine import bill as bill
    from tokencost.billing.frames import price_records as price_records
    from tokencost.billing.parallel import bill_file as bill_file
    from tokencost.billing.readers import read_records as read_records
    from tokencost.billing.records import UsageRecord as UsageRecord
    from tokencost.billing.result import Bill as Bill
    from tokencost.billing.result import BillGroup as BillGroup
    from tokencost.billing.result import BillPart as BillPart
    from tokencost.billing.whatif import adjust_bill as adjust_bill
    from tokencost.billing.whatif import convert_bill as convert_bill
    from tokencost.billing.whatif import repriced_catalog as repriced_catalog
    from tokencost.costing.compare import Comparison as Comparison
    from tokencost.costing.compare import ComparisonRow as ComparisonRow
    from tokencost.costing.compare import compare as compare
    from tokencost.costing.cost import cost as cost
    from tokencost.costing.lines import Cost as Cost
    from tokencost.costing.lines import CostLine as CostLine
    from tokencost.costing.many import CostTotal as CostTotal
    from tokencost.costing.many import cost_many as cost_many
    from tokencost.costing.reply import cost_reply as cost_reply
    from tokencost.costing.workload import WorkloadCost as WorkloadCost
    from tokencost.costing.workload import WorkloadLine as WorkloadLine
    from tokencost.costing.workload import workload_cost as workload_cost
    from tokencost.economics.break_even import BreakEven as BreakEven
    from tokencost.economics.break_even import (
        break_even_volume_change as break_even_volume_change,
    )
    from tokencost.economics.bridge import bridge as bridge
    from tokencost.economics.bridge import bridge_periods as bridge_periods
    from tokencost.economics.bridge_result import Bridge as Bridge
    from tokencost.economics.bridge_result import BridgeEffects as BridgeEffects
    from tokencost.economics.bridge_result import BridgeGroup as BridgeGroup
    from tokencost.economics.cross import CrossElasticity as CrossElasticity
    from tokencost.economics.cross import cross_elasticity as cross_elasticity
    from tokencost.economics.demand import DemandShift as DemandShift
    from tokencost.economics.demand import demand_shift as demand_shift
    from tokencost.economics.elasticity import Elasticity as Elasticity
    from tokencost.economics.elasticity import elasticity as elasticity
    from tokencost.economics.estimates import DemandEstimate as DemandEstimate
    from tokencost.economics.estimates import DemandEstimates as DemandEstimates
    from tokencost.economics.estimates import estimate_demand as estimate_demand
    from tokencost.economics.fit import ElasticityFit as ElasticityFit
    from tokencost.economics.fit import fit_elasticity as fit_elasticity
    from tokencost.economics.forecast import Forecast as Forecast
    from tokencost.economics.forecast import forecast as forecast
    from tokencost.economics.forecast import revenue_multiplier as revenue_multiplier
    from tokencost.economics.growth import Growth as Growth
    from tokencost.economics.growth import GrowthSeries as GrowthSeries
    from tokencost.economics.growth import growth as growth
    from tokencost.economics.headroom import Headroom as Headroom
    from tokencost.economics.headroom import headroom as headroom
    from tokencost.economics.revenue_bridge import FigureBridge as FigureBridge
    from tokencost.economics.revenue_bridge import bridge_figures as bridge_figures
    from tokencost.economics.scenarios import ScenarioGrid as ScenarioGrid
    from tokencost.economics.scenarios import scenario_grid as scenario_grid
    from tokencost.importers.genai_prices import (
        import_genai_prices as import_genai_prices,
    )
    from tokencost.importers.litellm import import_litellm as import_litellm
    from tokencost.importers.llm_prices import import_llm_prices as import_llm_prices
    from tokencost.importers.toml import sheet_to_toml as sheet_to_toml
    from tokencost.plots.waterfall import plot_bridge as plot_bridge
    from tokencost.prices.catalog import Catalog as Catalog
    from tokencost.prices.catalog import default_catalog as default_catalog
    from tokencost.prices.catalog import load_catalog as load_catalog
    from tokencost.prices.catalog import load_sheet as load_sheet
    from tokencost.prices.catalog import models as models
    from tokencost.prices.catalog import price as price
    from tokencost.prices.catalog import set_default_catalog as set_default_catalog
    from tokencost.prices.catalog import sheet_json_schema as sheet_json_schema
    from tokencost.prices.fx import ExchangeRates as ExchangeRates
    from tokencost.prices.fx import bundled_rates as bundled_rates
    from tokencost.prices.fx import dated_rates as dated_rates
    from tokencost.prices.model import ModelPrice as ModelPrice
    from tokencost.prices.model import PricePeriod as PricePeriod
    from tokencost.prices.model import Rates as Rates
    from tokencost.prices.model import Schedule as Schedule
    from tokencost.prices.model import Tier as Tier
    from tokencost.prices.model import Window as Window
    from tokencost.prices.sources import SourceFigure as SourceFigure
    from tokencost.prices.sources import SourceFigures as SourceFigures
    from tokencost.prices.sources import sources as sources
    from tokencost.prices.stats import CatalogStats as CatalogStats
    from tokencost.prices.stats import ProviderStats as ProviderStats
    from tokencost.prices.stats import catalog_stats as catalog_stats
    from tokencost.prices.table import price_table as price_table
    from tokencost.usage.anthropic import usage_from_anthropic as usage_from_anthropic
    from tokencost.usage.anthropic import usage_from_bedrock as usage_from_bedrock
    from tokencost.usage.fees import unpriced_fees as unpriced_fees
    from tokencost.usage.gemini import usage_from_gemini as usage_from_gemini
    from tokencost.usage.openai import usage_from_deepseek as usage_from_deepseek
    from tokencost.usage.openai import usage_from_mistral as usage_from_mistral
    from tokencost.usage.openai import usage_from_moonshot as usage_from_moonshot
    from tokencost.usage.openai import usage_from_openai as usage_from_openai
    from tokencost.usage.openai import (
        usage_from_openai_responses as usage_from_openai_responses,
    )
    from tokencost.usage.openai import usage_from_openrouter as usage_from_openrouter
    from tokencost.usage.openai import usage_from_perplexity as usage_from_perplexity
    from tokencost.usage.openai import usage_from_zhipu as usage_from_zhipu
    from tokencost.usage.profiles import RequestShape as RequestShape
    from tokencost.usage.profiles import UsageProfile as UsageProfile
    from tokencost.usage.profiles import builtin_profiles as builtin_profiles
    from tokencost.usage.profiles import load_profiles as load_profiles
    from tokencost.usage.profiles import usage_profile as usage_profile
    from tokencost.usage.realtime import (
        usage_from_openai_realtime as usage_from_openai_realtime,
    )
    from tokencost.usage.replies import reply_format as reply_format
    from tokencost.usage.replies import reply_model as reply_model
    from tokencost.usage.replies import reply_tier as reply_tier
    from tokencost.usage.replies import reply_time as reply_time
    from tokencost.usage.replies import reported_cost as reported_cost
    from tokencost.usage.replies import usage_from as usage_from
    from tokencost.usage.usage import Usage as Usage
    from tokencost.usage.usage import UsageTotal as UsageTotal

del TYPE_CHECKING


# AgentOps' `tokencost` puts these files in the same folder: two stats, and
# the module that words the one-line warning only if one is there.
if any(
    __import__("os").path.exists(__file__.replace("__init__.py", name))
    for name in ("costs.py", "model_prices.json")
):
    from tokencost._version import warn_if_shared as _warn_if_shared

    _warn_if_shared()
    del _warn_if_shared

#: Every public name and the module that defines it.
_PUBLIC: dict[str, str] = {
    "AmbiguousModelError": "tokencost._errors",
    "Bill": "tokencost.billing.result",
    "BillGroup": "tokencost.billing.result",
    "BillPart": "tokencost.billing.result",
    "BreakEven": "tokencost.economics.break_even",
    "Bridge": "tokencost.economics.bridge_result",
    "BridgeEffects": "tokencost.economics.bridge_result",
    "BridgeGroup": "tokencost.economics.bridge_result",
    "Catalog": "tokencost.prices.catalog",
    "CatalogStats": "tokencost.prices.stats",
    "Comparison": "tokencost.costing.compare",
    "ComparisonRow": "tokencost.costing.compare",
    "Cost": "tokencost.costing.lines",
    "CostLine": "tokencost.costing.lines",
    "CostTotal": "tokencost.costing.many",
    "CrossElasticity": "tokencost.economics.cross",
    "CurrencyMismatchError": "tokencost._errors",
    "DataLookupError": "tokencost._errors",
    "DemandEstimate": "tokencost.economics.estimates",
    "DemandEstimates": "tokencost.economics.estimates",
    "DemandShift": "tokencost.economics.demand",
    "EconomicsError": "tokencost._errors",
    "Elasticity": "tokencost.economics.elasticity",
    "ElasticityFit": "tokencost.economics.fit",
    "ExchangeRates": "tokencost.prices.fx",
    "FigureBridge": "tokencost.economics.revenue_bridge",
    "Forecast": "tokencost.economics.forecast",
    "Growth": "tokencost.economics.growth",
    "GrowthSeries": "tokencost.economics.growth",
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
    "NoUsageError": "tokencost._errors",
    "PricePeriod": "tokencost.prices.model",
    "ProviderStats": "tokencost.prices.stats",
    "Rates": "tokencost.prices.model",
    "RequestShape": "tokencost.usage.profiles",
    "ScenarioGrid": "tokencost.economics.scenarios",
    "Schedule": "tokencost.prices.model",
    "SourceFigure": "tokencost.prices.sources",
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
    "adjust_bill": "tokencost.billing.whatif",
    "bill": "tokencost.billing.engine",
    "bill_file": "tokencost.billing.parallel",
    "break_even_volume_change": "tokencost.economics.break_even",
    "bridge": "tokencost.economics.bridge",
    "bridge_figures": "tokencost.economics.revenue_bridge",
    "bridge_periods": "tokencost.economics.bridge",
    "builtin_profiles": "tokencost.usage.profiles",
    "bundled_rates": "tokencost.prices.fx",
    "catalog_stats": "tokencost.prices.stats",
    "compare": "tokencost.costing.compare",
    "convert_bill": "tokencost.billing.whatif",
    "cost": "tokencost.costing.cost",
    "cost_many": "tokencost.costing.many",
    "cost_reply": "tokencost.costing.reply",
    "cross_elasticity": "tokencost.economics.cross",
    "dated_rates": "tokencost.prices.fx",
    "default_catalog": "tokencost.prices.catalog",
    "demand_shift": "tokencost.economics.demand",
    "elasticity": "tokencost.economics.elasticity",
    "estimate_demand": "tokencost.economics.estimates",
    "fit_elasticity": "tokencost.economics.fit",
    "forecast": "tokencost.economics.forecast",
    "growth": "tokencost.economics.growth",
    "headroom": "tokencost.economics.headroom",
    "import_genai_prices": "tokencost.importers.genai_prices",
    "import_litellm": "tokencost.importers.litellm",
    "import_llm_prices": "tokencost.importers.llm_prices",
    "load_catalog": "tokencost.prices.catalog",
    "load_profiles": "tokencost.usage.profiles",
    "load_sheet": "tokencost.prices.catalog",
    "models": "tokencost.prices.catalog",
    "parse_change": "tokencost._parsing",
    "parse_tokens": "tokencost._parsing",
    "plot_bridge": "tokencost.plots.waterfall",
    "price": "tokencost.prices.catalog",
    "price_records": "tokencost.billing.frames",
    "price_table": "tokencost.prices.table",
    "read_records": "tokencost.billing.readers",
    "render": "tokencost._render",
    "reply_format": "tokencost.usage.replies",
    "reply_model": "tokencost.usage.replies",
    "reply_tier": "tokencost.usage.replies",
    "reply_time": "tokencost.usage.replies",
    "reported_cost": "tokencost.usage.replies",
    "repriced_catalog": "tokencost.billing.whatif",
    "revenue_multiplier": "tokencost.economics.forecast",
    "scenario_grid": "tokencost.economics.scenarios",
    "set_clock": "tokencost._parsing",
    "set_default_catalog": "tokencost.prices.catalog",
    "sheet_json_schema": "tokencost.prices.catalog",
    "sheet_to_toml": "tokencost.importers.toml",
    "sources": "tokencost.prices.sources",
    "to_decimal": "tokencost._parsing",
    "unpriced_fees": "tokencost.usage.fees",
    "usage_from": "tokencost.usage.replies",
    "usage_from_anthropic": "tokencost.usage.anthropic",
    "usage_from_bedrock": "tokencost.usage.anthropic",
    "usage_from_deepseek": "tokencost.usage.openai",
    "usage_from_gemini": "tokencost.usage.gemini",
    "usage_from_mistral": "tokencost.usage.openai",
    "usage_from_moonshot": "tokencost.usage.openai",
    "usage_from_openai": "tokencost.usage.openai",
    "usage_from_openai_realtime": "tokencost.usage.realtime",
    "usage_from_openai_responses": "tokencost.usage.openai",
    "usage_from_openrouter": "tokencost.usage.openai",
    "usage_from_perplexity": "tokencost.usage.openai",
    "usage_from_zhipu": "tokencost.usage.openai",
    "usage_profile": "tokencost.usage.profiles",
    "workload_cost": "tokencost.costing.workload",
}

# Built from the table, not written out again; the `X as X` imports above tell
# type checkers what the package exports.
__all__ = sorted(_PUBLIC)  # noqa: PLE0605


def __getattr__(name: str) -> object:
    if name == "__version__":
        # The file the build reads the version from, so the two always agree.
        from tokencost._version import __version__

        return __version__
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    obj = getattr(import_module(module), name)
    globals()[name] = obj
    return obj


def __dir__() -> list[str]:
    return sorted({*__all__, *(n for n in globals() if n.startswith("__"))})
