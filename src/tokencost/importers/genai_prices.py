"""
Importing pydantic's genai-prices data (its JSON dump of providers and models).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._errors import InvalidPriceSheetError
from tokencost._parsing import as_date
from tokencost.importers.common import (
    _GENAI_RATES,
    _NAME,
    GENAI_PROVIDERS,
    _add,
    _clean,
    _number,
    _provider,
    _read_json,
    _sheets,
    as_stated,
    malformed_upstream,
    plain_reasoning,
    provenance,
    skip,
)

if TYPE_CHECKING:
    from tokencost.prices.sheets import ProviderSheet

__all__ = ["import_genai_prices"]

# -- genai-prices -------------------------------------------------------------


#: genai-prices' keys that tokencost names otherwise.
_GENAI_FIELDS = {
    "output_reasoning_mtok": "reasoning_mtok",
    "cache_audio_read_mtok": "cache_read_audio_mtok",
}


def _genai_rates(prices: Mapping[str, Any]) -> dict[str, Any]:
    """genai-prices' price keys as sheet rates, tiers merged across keys."""
    base: dict[str, Any] = {}
    tiers: dict[int, dict[str, Any]] = {}
    for key in _GENAI_RATES:
        value = prices.get(key)
        if value is None:
            continue
        field = _GENAI_FIELDS.get(key, key)
        if isinstance(value, dict):
            base[field] = _clean(_number(value["base"]))
            for tier in value.get("tiers", ()):
                # genai-prices prices a tier when input tokens exceed its start.
                threshold = int(tier["start"]) + 1
                tiers.setdefault(threshold, {})[field] = _clean(_number(tier["price"]))
        else:
            base[field] = _clean(_number(value))
    requests = prices.get("requests_kcount")
    if requests is not None:
        base["request"] = _clean(_number(requests) / 1000)
    if tiers:
        base["tiers"] = [{"min_input_tokens": k, **tiers[k]} for k in sorted(tiers)]
    return base


def _genai_hours(constraint: Mapping[str, Any]) -> str:
    start = time.fromisoformat(constraint["start_time"])
    end = time.fromisoformat(constraint["end_time"])
    return f"{start:%H:%M}-{end:%H:%M}"


def _genai_periods(
    model: Mapping[str, Any],
    cite: str,
    day: date | None,
    skipped: Counter[str] | None = None,
) -> list[Any]:
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
        period: dict[str, Any] = {**rates, **provenance(cite, day)}
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
    for period in periods:
        plain_reasoning(period)
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
                stated = as_stated(period, copy.deepcopy(rates), skipped)
                if stated is not None:
                    period.setdefault("variants", {})[name] = stated
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


@malformed_upstream
def import_genai_prices(
    path: str | Path,
    *,
    checked: object = None,
    source: str | None = None,
    providers: Iterable[str] | None = None,
    skipped: Counter[str] | None = None,
) -> list[ProviderSheet]:
    """
    Read genai-prices' ``data.json`` (a list of providers) as price sheets.

    Dated prices become price history, time-of-day prices become windows
    (DeepSeek's off-peak hours), tiered prices become long-context tiers and
    price variants (``processing: batch``, ``service_tier: flex``...) become
    named variants. Exact names in a model's match rule become aliases.

    Args:
        path: The JSON file.
        checked: The day the data was read, if known. Left out, the
            figures carry no date: the day of an import is not the day
            anyone read a provider's price.
        source: What to cite (default the file's name).
        providers: Only these tokencost provider ids (default all).
        skipped: A counter that receives, per reason, the entries left out.
    """
    data = _read_json(path)
    if not isinstance(data, list):
        raise InvalidPriceSheetError(f"{path}: expected a JSON list of providers")
    day = None if checked is None else as_date(checked, what="checked")
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
            periods = _genai_periods(model, cite, day, skipped)
            if not periods:
                skip(skipped, "no token price")
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
            _add(sheet, entry, skipped)
    return _sheets(sheets, str(path))
