"""
Importers: other projects' price data as tokencost price sheets.

Three formats are read, all in USD:

- LiteLLM's ``model_prices_and_context_window.json`` (prices per token,
  one entry per model name, long-context and batch/flex/priority prices as
  suffixed keys);
- genai-prices' ``data.json`` (providers with models, prices per million
  tokens, conditional prices by start date or time of day, variants);
- simonw/llm-prices' per-vendor JSON (dated price history per model).

Each importer returns validated `ProviderSheet` objects, one per provider;
`sheet_to_toml` writes one as a TOML file. Entries that cannot be
represented (no token price, a name the format does not accept) are left
out: an import never guesses a price, and a component the source does not
give stays unknown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date, time
from decimal import Context, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._errors import InvalidPriceSheetError
from tokencost.prices.catalog import as_date

if TYPE_CHECKING:
    from tokencost.prices.sheets import ProviderSheet

__all__ = [
    "import_genai_prices",
    "import_litellm",
    "import_llm_prices",
    "litellm_provider_id",
]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./@:+-]*$")
# Ten significant digits undo binary-float noise (2.7500000000000004e-06)
# without touching any real price.
_TEN = Context(prec=10)
_MILLION = Decimal(1_000_000)

#: LiteLLM provider names that become one tokencost provider id.
LITELLM_PROVIDERS: dict[str, str] = {
    "amazon_nova": "amazon",
    "azure_text": "azure",
    "bedrock_converse": "bedrock",
    "codestral": "mistral",
    "cohere_chat": "cohere",
    "dashscope": "alibaba",
    "fireworks_ai": "fireworks",
    "gemini": "google",
    "meta_llama": "meta",
    "text-completion-codestral": "mistral",
    "text-completion-openai": "openai",
    "together_ai": "together",
    "vertex_ai": "vertex",
}

#: genai-prices provider ids that become another tokencost provider id.
GENAI_PROVIDERS: dict[str, str] = {
    "aws": "bedrock",
    "moonshotai": "moonshot",
    "x-ai": "xai",
}

#: llm-prices vendor names that become another tokencost provider id.
LLM_PRICES_VENDORS: dict[str, str] = {
    "meta-ai": "meta",
    "moonshot-ai": "moonshot",
    "qwen": "alibaba",
}

#: Providers that are a model maker's own API (bare names resolve there).
FIRST_PARTY: frozenset[str] = frozenset(
    {
        "ai21",
        "alibaba",
        "amazon",
        "anthropic",
        "cohere",
        "deepseek",
        "google",
        "meta",
        "minimax",
        "mistral",
        "moonshot",
        "openai",
        "xai",
        "zai",
    }
)

_LITELLM_MODES = frozenset({"chat", "completion", "responses"})
_LITELLM_VARIANTS = {"batches": "batch", "flex": "flex", "priority": "priority"}
_LITELLM_RATES = {
    "input_cost_per_token": "input_mtok",
    "output_cost_per_token": "output_mtok",
    "cache_read_input_token_cost": "cache_read_mtok",
    "cache_creation_input_token_cost": "cache_write_mtok",
    "cache_creation_input_token_cost_above_1hr": "cache_write_1h_mtok",
    "output_cost_per_reasoning_token": "reasoning_mtok",
}
_LITELLM_KEY = re.compile(
    r"^(?P<base>input_cost_per_token|output_cost_per_token|cache_read_input_token_cost"
    r"|cache_creation_input_token_cost(?:_above_1hr)?|output_cost_per_reasoning_token)"
    r"(?:_above_(?P<k>\d+)k_tokens)?(?:_(?P<variant>batches|flex|priority))?$"
)
_GENAI_RATES = (
    "input_mtok",
    "output_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
    "cache_write_1h_mtok",
    "output_reasoning_mtok",
)


def litellm_provider_id(name: str) -> str:
    """The tokencost provider id for a LiteLLM ``litellm_provider`` value."""
    if name.startswith("vertex_ai"):
        return "vertex"
    return LITELLM_PROVIDERS.get(name, name).replace("_", "-").lower()


def _mtok(per_token: object) -> Decimal | None:
    """A per-token price as a price per million tokens, or None."""
    if isinstance(per_token, bool) or not isinstance(per_token, int | float | str):
        return None
    value = _TEN.multiply(Decimal(str(per_token)), _MILLION)
    return _clean(value)


def _clean(value: Decimal) -> Decimal:
    value = _TEN.plus(value).normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral() else value


def _read_json(path: str | Path) -> Any:
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidPriceSheetError(f"{path}: cannot read: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise InvalidPriceSheetError(f"{path}: not valid JSON: {exc}") from exc


def _sheets(
    providers: Mapping[str, dict[str, Any]], origin: str
) -> list[ProviderSheet]:
    # pydantic is imported only when data is imported, to keep import light.
    from tokencost.prices.sheets import parse_sheet

    out = []
    for pid in sorted(providers):
        data = providers[pid]
        data.pop("_names", None)
        data["models"] = sorted(data["models"].values(), key=lambda m: m["id"].lower())
        if data["models"]:
            out.append(parse_sheet(data, f"{origin} ({pid})"))
    return out


def _provider(
    pid: str, name: str | None = None, url: str | None = None
) -> dict[str, Any]:
    sheet: dict[str, Any] = {
        "provider": pid,
        "name": name or pid,
        "currency": "USD",
        "first_party": pid in FIRST_PARTY,
        "models": {},
    }
    if url:
        sheet["url"] = url
    return sheet


def _add(sheet: dict[str, Any], model: dict[str, Any]) -> None:
    """Add *model* unless its name is taken; drop aliases already taken."""
    taken: set[str] = sheet.setdefault("_names", set())
    key = model["id"].lower()
    if key in taken or not _NAME.match(model["id"]):
        return
    taken.add(key)
    aliases = []
    for alias in model.pop("aliases", ()):
        if alias.lower() not in taken:
            taken.add(alias.lower())
            aliases.append(alias)
    if aliases:
        model["aliases"] = aliases
    sheet["models"][key] = model


# -- LiteLLM ------------------------------------------------------------------


def _litellm_model_id(key: str, provider: str) -> str:
    """The model's own name: *key* without LiteLLM's routing prefixes."""
    name = key
    head, sep, rest = name.partition("/")
    norm = head.replace("_", "-").lower()
    prov = provider.replace("_", "-").lower()
    if sep and (prov.startswith(norm) or norm.startswith(prov.split("-")[0])):
        name = rest
    return name.removeprefix("accounts/fireworks/models/")


def _litellm_schedule(entry: Mapping[str, Any], variant: str | None) -> dict[str, Any]:
    base: dict[str, Any] = {}
    tiers: dict[int, dict[str, Any]] = {}
    for key, value in entry.items():
        match = _LITELLM_KEY.match(key)
        if match is None:
            continue
        suffix = match["variant"]
        if (_LITELLM_VARIANTS[suffix] if suffix else None) != variant:
            continue
        price = _mtok(value)
        if price is None:
            continue
        field = _LITELLM_RATES[match["base"]]
        if match["k"]:
            threshold = int(match["k"]) * 1000 + 1  # "above N tokens"
            tiers.setdefault(threshold, {})[field] = price
        else:
            base[field] = price
    if variant is None:
        request = _mtok(entry.get("input_cost_per_request"))
        if request is not None:
            base["request"] = _clean(request / _MILLION)
        for step in entry.get("tiered_pricing") or ():
            rates = {
                _LITELLM_RATES[k]: p
                for k in _LITELLM_RATES
                if (p := _mtok(step.get(k))) is not None
            }
            low = int((step.get("range") or [0])[0])
            if low:
                tiers.setdefault(low + 1, {}).update(rates)
            else:
                base = {**rates, **base}
    if tiers:
        base["tiers"] = [
            {"min_input_tokens": k, **tiers[k]} for k in sorted(tiers) if tiers[k]
        ]
    return base


def import_litellm(
    path: str | Path,
    *,
    checked: object = None,
    source: str | None = None,
    providers: Iterable[str] | None = None,
) -> list[ProviderSheet]:
    """
    Read LiteLLM's ``model_prices_and_context_window.json`` as price sheets.

    Only chat, completion and responses models with a token price are kept.
    Each LiteLLM provider becomes a sheet (``gemini`` becomes ``google``,
    ``bedrock_converse`` joins ``bedrock``...; see `litellm_provider_id`);
    ``_above_200k_tokens`` prices become long-context tiers, ``_batches``,
    ``_flex`` and ``_priority`` prices become variants.

    Args:
        path: The JSON file.
        checked: The day the data was taken (default today).
        source: What to cite (default the file's name).
        providers: Only these tokencost provider ids (default all).
    """
    data = _read_json(path)
    if not isinstance(data, dict):
        raise InvalidPriceSheetError(f"{path}: expected a JSON object of models")
    day = as_date(checked, what="checked")
    cite = source or f"LiteLLM {Path(path).name}"
    wanted = None if providers is None else set(providers)
    sheets: dict[str, dict[str, Any]] = {}
    for key in sorted(data):
        entry = data[key]
        if not isinstance(entry, dict) or entry.get("mode") not in _LITELLM_MODES:
            continue
        upstream = str(entry.get("litellm_provider") or "")
        pid = litellm_provider_id(upstream)
        if not upstream or (wanted is not None and pid not in wanted):
            continue
        period = _litellm_schedule(entry, None)
        if "input_mtok" not in period and "output_mtok" not in period:
            continue
        variants = {
            name: schedule
            for suffix, name in _LITELLM_VARIANTS.items()
            if (schedule := _litellm_schedule(entry, name))
        }
        if variants:
            period["variants"] = variants
        upstream_source = entry.get("source")
        period["source"] = cite + (
            f" (citing {upstream_source})" if isinstance(upstream_source, str) else ""
        )
        period["checked"] = day
        model: dict[str, Any] = {"id": _litellm_model_id(key, upstream)}
        window = entry.get("max_input_tokens") or entry.get("max_tokens")
        if isinstance(window, int) and window > 0:
            model["context_window"] = window
        model["periods"] = [period]
        _add(sheets.setdefault(pid, _provider(pid)), model)
    return _sheets(sheets, str(path))


# -- genai-prices -------------------------------------------------------------


def _genai_rates(prices: Mapping[str, Any]) -> dict[str, Any]:
    """genai-prices' price keys as sheet rates, tiers merged across keys."""
    base: dict[str, Any] = {}
    tiers: dict[int, dict[str, Any]] = {}
    for key in _GENAI_RATES:
        value = prices.get(key)
        if value is None:
            continue
        field = "reasoning_mtok" if key == "output_reasoning_mtok" else key
        if isinstance(value, dict):
            base[field] = _clean(Decimal(str(value["base"])))
            for tier in value.get("tiers", ()):
                # genai-prices prices a tier when input tokens exceed its start.
                threshold = int(tier["start"]) + 1
                tiers.setdefault(threshold, {})[field] = _clean(
                    Decimal(str(tier["price"]))
                )
        else:
            base[field] = _clean(Decimal(str(value)))
    requests = prices.get("requests_kcount")
    if requests is not None:
        base["request"] = _clean(Decimal(str(requests)) / 1000)
    if tiers:
        base["tiers"] = [{"min_input_tokens": k, **tiers[k]} for k in sorted(tiers)]
    return base


def _genai_hours(constraint: Mapping[str, Any]) -> str:
    start = time.fromisoformat(constraint["start_time"])
    end = time.fromisoformat(constraint["end_time"])
    return f"{start:%H:%M}-{end:%H:%M}"


def _genai_periods(model: Mapping[str, Any], cite: str, day: date) -> list[Any]:
    prices = model.get("prices")
    entries = prices if isinstance(prices, list) else [{"prices": prices or {}}]
    periods: list[dict[str, Any]] = []
    for entry in entries:
        rates = _genai_rates(entry.get("prices") or {})
        constraint = entry.get("constraint") or {}
        if "start_time" in constraint:
            if not periods:
                continue
            windows = periods[-1].setdefault("windows", [])
            for window in windows:
                if {k: v for k, v in window.items() if k.endswith("_mtok")} == rates:
                    window["hours"].append(_genai_hours(constraint))
                    break
            else:
                windows.append(
                    {"name": "w", "hours": [_genai_hours(constraint)], **rates}
                )
            continue
        start = constraint.get("start_date")
        period: dict[str, Any] = {**rates, "source": cite, "checked": day}
        if start:
            period["from"] = date.fromisoformat(start)
        if "input_mtok" in rates or "output_mtok" in rates:
            periods.append(period)
    periods.sort(key=lambda p: p.get("from") or date.min)
    if any("from" not in p for p in periods[1:]):
        periods = [p for p in periods if "from" in p] or periods[:1]
    for period in periods:
        for index, window in enumerate(period.get("windows", ())):
            window["name"] = _window_name(period, window, index)
    for variant in model.get("price_variants") or ():
        name = _genai_variant_name(variant.get("when") or {})
        rates = _genai_rates(variant.get("prices") or {})
        if name is None or not rates:
            continue
        since = (variant.get("constraint") or {}).get("start_date")
        first = date.min if since is None else date.fromisoformat(since)
        for period in periods:
            # A variant dated after a period began still applies to the
            # latest period: that is the price in force now.
            if (period.get("from") or date.min) >= first or period is periods[-1]:
                period.setdefault("variants", {})[name] = rates
    return periods


def _window_name(
    period: Mapping[str, Any], window: Mapping[str, Any], index: int
) -> str:
    """``off-peak`` or ``peak`` by comparing prices, else ``window-N``."""
    mine, theirs = window.get("input_mtok"), period.get("input_mtok")
    if mine is not None and theirs is not None and mine != theirs:
        return "off-peak" if mine < theirs else "peak"
    return f"window-{index + 1}"


def _genai_variant_name(when: Mapping[str, str]) -> str | None:
    if when.get("processing") == "batch":
        return "batch"
    value = when.get("service_tier") or when.get("speed")
    if value and value != "default":
        return value
    if when and not value:
        return "-".join(str(v).replace("/", "-") for v in when.values())
    return None


def _genai_aliases(match: Any) -> list[str]:
    """The exact names a genai-prices match clause lists."""
    if not isinstance(match, dict):
        return []
    if "equals" in match:
        return [str(match["equals"])]
    found = []
    for key in ("or",):
        for clause in match.get(key, ()):
            found.extend(_genai_aliases(clause))
    return found


def import_genai_prices(
    path: str | Path,
    *,
    checked: object = None,
    source: str | None = None,
    providers: Iterable[str] | None = None,
) -> list[ProviderSheet]:
    """
    Read genai-prices' ``data.json`` (a list of providers) as price sheets.

    Dated prices become price history, time-of-day prices become windows
    (DeepSeek's off-peak hours), tiered prices become long-context tiers and
    price variants (``processing: batch``, ``service_tier: flex``...) become
    named variants. Exact names in a model's match rule become aliases.

    Args:
        path: The JSON file.
        checked: The day the data was taken (default today).
        source: What to cite (default the file's name).
        providers: Only these tokencost provider ids (default all).
    """
    data = _read_json(path)
    if not isinstance(data, list):
        raise InvalidPriceSheetError(f"{path}: expected a JSON list of providers")
    day = as_date(checked, what="checked")
    cite = source or f"genai-prices {Path(path).name}"
    wanted = None if providers is None else set(providers)
    sheets: dict[str, dict[str, Any]] = {}
    for provider in data:
        upstream = str(provider.get("id", ""))
        pid = GENAI_PROVIDERS.get(upstream, upstream).replace("_", "-").lower()
        if not pid or (wanted is not None and pid not in wanted):
            continue
        urls = provider.get("pricing_urls") or [None]
        sheet = sheets.setdefault(pid, _provider(pid, provider.get("name"), urls[0]))
        for model in provider.get("models", ()):
            periods = _genai_periods(model, cite, day)
            if not periods:
                continue
            entry: dict[str, Any] = {"id": model["id"], "periods": periods}
            if model.get("name"):
                entry["name"] = model["name"]
            if isinstance(model.get("context_window"), int):
                entry["context_window"] = model["context_window"]
            aliases = [
                a
                for a in dict.fromkeys(_genai_aliases(model.get("match")))
                if a.lower() != model["id"].lower() and _NAME.match(a)
            ]
            if aliases:
                entry["aliases"] = aliases
            _add(sheet, entry)
    return _sheets(sheets, str(path))


# -- llm-prices ---------------------------------------------------------------

_LONG = re.compile(r"^(?P<base>.+)-(?P<k>\d+)k$")


def import_llm_prices(
    *paths: str | Path,
    checked: object = None,
    source: str | None = None,
) -> list[ProviderSheet]:
    """
    Read simonw/llm-prices per-vendor JSON files (or folders of them).

    Each ``price_history`` entry becomes a dated period; a model listed
    again with a ``-200k`` suffix becomes a long-context tier of the base
    model, from 200,001 prompt tokens.

    Args:
        paths: Vendor files such as ``openai.json``, or folders of them.
        checked: The day the data was taken (default today).
        source: What to cite (default ``llm-prices <file>``).
    """
    day = as_date(checked, what="checked")
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        files.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    sheets: dict[str, dict[str, Any]] = {}
    for file in files:
        data = _read_json(file)
        if not isinstance(data, dict) or "models" not in data:
            continue
        vendor = str(data.get("vendor") or file.stem)
        pid = LLM_PRICES_VENDORS.get(vendor, vendor).replace("_", "-").lower()
        cite = source or f"llm-prices {file.name}"
        models = {m["id"]: m for m in data["models"] if isinstance(m, dict)}
        sheet = sheets.setdefault(pid, _provider(pid))
        for mid, model in sorted(models.items()):
            long = _LONG.match(mid)
            if long and long["base"] in models:
                continue
            periods = _llm_periods(model, cite, day)
            longer = sorted(
                (int(m["k"]), other)
                for other_id, other in models.items()
                if (m := _LONG.match(other_id)) and m["base"] == mid
            )
            for k, other in longer:
                _llm_tier(periods, _llm_periods(other, cite, day), k * 1000 + 1)
            if periods:
                entry = {"id": mid, "name": model.get("name") or mid}
                _add(sheet, {**entry, "periods": periods})
    return _sheets(sheets, "llm-prices")


def _llm_periods(model: Mapping[str, Any], cite: str, day: date) -> list[Any]:
    periods = []
    for item in model.get("price_history") or ():
        period: dict[str, Any] = {"source": cite, "checked": day}
        for ours, theirs in (
            ("input_mtok", "input"),
            ("cache_read_mtok", "input_cached"),
            ("output_mtok", "output"),
        ):
            if item.get(theirs) is not None:
                period[ours] = _clean(Decimal(str(item[theirs])))
        if item.get("from_date"):
            period["from"] = date.fromisoformat(item["from_date"])
        if item.get("to_date"):
            period["until"] = date.fromisoformat(item["to_date"])
        periods.append(period)
    periods.sort(key=lambda p: p.get("from") or date.min)
    return periods


def _llm_tier(periods: list[Any], long: list[Any], threshold: int) -> None:
    """Attach the long-context prices of *long* to the matching periods."""
    for period in periods:
        for other in long:
            if other.get("from") == period.get("from"):
                rates = {k: v for k, v in other.items() if k.endswith("_mtok")}
                period.setdefault("tiers", []).append(
                    {"min_input_tokens": threshold, **rates}
                )
