"""
Write the price data bundled with an installed genai-prices as JSON.

Run it with the interpreter of a throwaway environment that has the pinned
genai-prices installed (``build_catalog.py`` does this); it prints the
providers in the shape of genai-prices' published ``data.json``. Only data
crosses over: tokencost never imports genai-prices.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import sys
from decimal import Decimal
from typing import Any


def plain(value: Any) -> Any:
    """*value* as JSON-ready data: Decimals and times as strings."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for field in dataclasses.fields(value):
            if field.name.startswith("_"):
                continue
            item = getattr(value, field.name)
            if item is not None:
                out[field.name.rstrip("_")] = plain(item)
        return out
    if hasattr(value, "__dict__"):  # genai-prices' ModelPrice keeps its prices here
        return {
            k: plain(v)
            for k, v in vars(value).items()
            if v is not None and not k.startswith("_")
        }
    return value


def main() -> None:
    from genai_prices import data  # type: ignore[import-not-found]

    providers = []
    for provider in data.providers:
        entry = plain(provider)
        entry.pop("extractors", None)
        providers.append(entry)
    json.dump(providers, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
