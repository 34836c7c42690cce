"""
Importing Simon Willison's llm-prices data (one JSON file per vendor).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._parsing import as_date
from tokencost.importers.common import (
    LLM_PRICES_VENDORS,
    _add,
    _clean,
    _number,
    _provider,
    _read_json,
    _sheets,
    malformed_upstream,
    provenance,
    skip,
)

if TYPE_CHECKING:
    from tokencost.prices.sheets import ProviderSheet

__all__ = ["import_llm_prices"]

# -- llm-prices ---------------------------------------------------------------

_LONG = re.compile(r"^(?P<base>.+)-(?P<k>\d+)k$")


@malformed_upstream
def import_llm_prices(
    *paths: str | Path,
    checked: object = None,
    source: str | None = None,
    skipped: Counter[str] | None = None,
) -> list[ProviderSheet]:
    """
    Read simonw/llm-prices per-vendor JSON files (or folders of them).

    Each ``price_history`` entry becomes a dated period; a model listed
    again with a ``-200k`` suffix becomes a long-context tier of the base
    model, from 200,001 prompt tokens.

    Args:
        paths: Vendor files such as ``openai.json``, or folders of them.
        checked: The day the data was read, if known. Left out, the
            figures carry no date: the day of an import is not the day
            anyone read a provider's price.
        source: What to cite (default ``llm-prices <file>``).
        skipped: A counter that receives, per reason, the entries left out.
    """
    day = None if checked is None else as_date(checked, what="checked")
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        files.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    sheets: dict[str, dict[str, Any]] = {}
    for file in files:
        data = _read_json(file)
        if not isinstance(data, dict) or "models" not in data:
            skip(skipped, "a file without models")
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
            if not periods:
                skip(skipped, "no token price")
                continue
            entry = {"id": mid, "name": model.get("name") or mid}
            _add(sheet, {**entry, "periods": periods}, skipped)
    return _sheets(sheets, "llm-prices")


def _llm_periods(model: Mapping[str, Any], cite: str, day: date | None) -> list[Any]:
    periods = []
    for item in model.get("price_history") or ():
        period: dict[str, Any] = provenance(cite, day)
        for ours, theirs in (
            ("input_mtok", "input"),
            ("cache_read_mtok", "input_cached"),
            ("output_mtok", "output"),
        ):
            if item.get(theirs) is not None:
                period[ours] = _clean(_number(item[theirs]))
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
