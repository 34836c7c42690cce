"""
Importing LiteLLM's model cost map (``model_prices_and_context_window.json``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._errors import InvalidPriceSheetError
from tokencost._parsing import as_date
from tokencost.importers.common import (
    _LITELLM_KEY,
    _LITELLM_MODES,
    _LITELLM_RATES,
    _LITELLM_VARIANTS,
    _MILLION,
    _NAME,
    BadFigureError,
    _add,
    _clean,
    _mtok,
    _provider,
    _read_json,
    _sheets,
    as_stated,
    litellm_provider_id,
    malformed_upstream,
    plain_reasoning,
    provenance,
    skip,
)

if TYPE_CHECKING:
    from tokencost.prices.sheets import ProviderSheet

__all__ = ["import_litellm"]

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


@malformed_upstream
def import_litellm(
    path: str | Path,
    *,
    checked: object = None,
    source: str | None = None,
    providers: Iterable[str] | None = None,
    skipped: Counter[str] | None = None,
) -> list[ProviderSheet]:
    """
    Read LiteLLM's ``model_prices_and_context_window.json`` as price sheets.

    Only chat, completion and responses models with a token price are kept.
    Each LiteLLM provider becomes a sheet (``gemini`` becomes ``google``,
    ``bedrock_converse`` joins ``bedrock``...; see `litellm_provider_id`);
    ``_above_200k_tokens`` prices become long-context tiers, ``_batches``,
    ``_flex`` and ``_priority`` prices become variants, and an ``alias_of``
    entry (``deepseek/deepseek-flash-latest``) becomes an alias of the model
    it points to.

    Args:
        path: The JSON file.
        checked: The day the data was read, if known. Left out, the
            figures carry no date: the day of an import is not the day
            anyone read a provider's price.
        source: What to cite (default the file's name).
        providers: Only these tokencost provider ids (default all).
        skipped: A counter that receives, per reason, the entries left out
            (not a chat model, no token price, a name already taken...).
    """
    data = _read_json(path)
    if not isinstance(data, dict):
        raise InvalidPriceSheetError(f"{path}: expected a JSON object of models")
    day = None if checked is None else as_date(checked, what="checked")
    cite = source or f"LiteLLM {Path(path).name}"
    wanted = None if providers is None else set(providers)
    sheets: dict[str, dict[str, Any]] = {}
    aliases: list[tuple[str, str]] = []
    for key in sorted(data):
        entry = data[key]
        if isinstance(entry, dict) and isinstance(entry.get("alias_of"), str):
            aliases.append((key, entry["alias_of"]))
            continue
        if not isinstance(entry, dict) or entry.get("mode") not in _LITELLM_MODES:
            skip(skipped, "not a chat, completion or responses model")
            continue
        upstream = str(entry.get("litellm_provider") or "")
        pid = litellm_provider_id(upstream)
        if not upstream:
            skip(skipped, "no provider")
            continue
        if wanted is not None and pid not in wanted:
            continue
        try:
            period = _litellm_schedule(entry, None)
            plain_reasoning(period)
            variants = {
                name: stated
                for name in _LITELLM_VARIANTS.values()
                if (schedule := _litellm_schedule(entry, name))
                and (stated := as_stated(period, schedule, skipped)) is not None
            }
        except BadFigureError as exc:
            raise BadFigureError(f"{key}: {exc}") from None
        if "input_mtok" not in period and "output_mtok" not in period:
            skip(skipped, "no token price")
            continue
        if variants:
            period["variants"] = variants
        upstream_source = entry.get("source")
        period["source"] = cite + (
            f" (citing {upstream_source})" if isinstance(upstream_source, str) else ""
        )
        period.update(provenance(period.pop("source"), day))
        model: dict[str, Any] = {"id": _litellm_model_id(key, upstream)}
        window = entry.get("max_input_tokens") or entry.get("max_tokens")
        if isinstance(window, int) and window > 0:
            model["context_window"] = window
        model["periods"] = [period]
        _add(sheets.setdefault(pid, _provider(pid)), model, skipped)
    for key, target in aliases:
        _alias(sheets, key, target, skipped)
    return _sheets(sheets, str(path))


def _alias(
    sheets: dict[str, dict[str, Any]],
    key: str,
    target: str,
    skipped: Counter[str] | None,
) -> None:
    """Add LiteLLM's alias *key* (``deepseek/deepseek-flash-latest``) to the
    model it points to (``alias_of``), if that model was imported."""
    head = target.partition("/")[0]
    sheet = sheets.get(litellm_provider_id(head))
    model = None
    if sheet is not None:
        target_id = _litellm_model_id(target, head).removeprefix("@")
        model = sheet["models"].get(target_id.lower())
    if sheet is not None and model is not None:
        name = _litellm_model_id(key, head).removeprefix("@")
        taken: set[str] = sheet.setdefault("_names", set())
        if name.lower() in taken or not _NAME.match(name):
            skip(skipped, "an alias whose name is taken or unusable")
            return
        taken.add(name.lower())
        model["aliases"] = [*model.get("aliases", ()), name]
        return
    skip(skipped, "an alias of a model not imported")
