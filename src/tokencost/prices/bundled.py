"""
Reading the bundled price sheets fast, without pydantic.

The sheets shipped inside the package are validated by the test suite
(``tests/prices/test_bundled.py`` checks every one with the pydantic models of
`tokencost.prices.sheets` and that this reader builds exactly the same values), so
the first cost of a process need not import pydantic, which takes longer than
everything else tokencost does on its first call. User sheets always go
through the validating reader.

The values are built the way `ProviderSheet.to_models` builds them: a tier's
unset components come from its schedule's rates, a variant's from the
standard rates, and a period without ``until`` ends where the next begins.
"""

from __future__ import annotations

import os
import tomllib
from decimal import Decimal
from typing import Any

from tokencost.prices.model import (
    WEEKDAYS,
    ModelPrice,
    PricePeriod,
    Rates,
    Schedule,
    Tier,
    Window,
    parse_span,
)

__all__ = ["data_path", "read_bundled", "read_sheet"]


def data_path(*parts: str) -> str:
    """
    The path of a file in the bundled data folder, ``prices/data/``.

    The one way to find bundled data. A plain path next to this module:
    importlib.resources would cost more to import (zipfile, tempfile...) than
    reading the sheets a cost needs, and tokencost is never imported from a
    zip.
    """
    return os.path.join(os.path.dirname(__file__), "data", *parts)


def _price(value: Any) -> Decimal | None:
    if value is None:
        return None
    # TOML integers come back as int; the sheet models store every price as
    # a Decimal, and so does this reader.
    return value if isinstance(value, Decimal) else Decimal(value)


def _rates(data: dict[str, Any], base: Rates | None = None) -> Rates:
    rates = Rates(
        input_mtok=_price(data.get("input_mtok")),
        output_mtok=_price(data.get("output_mtok")),
        cache_read_mtok=_price(data.get("cache_read_mtok")),
        cache_write_mtok=_price(data.get("cache_write_mtok")),
        request=_price(data.get("request")),
        cache_write_1h_mtok=_price(data.get("cache_write_1h_mtok")),
        reasoning_mtok=_price(data.get("reasoning_mtok")),
        input_audio_mtok=_price(data.get("input_audio_mtok")),
        input_image_mtok=_price(data.get("input_image_mtok")),
        input_video_mtok=_price(data.get("input_video_mtok")),
        output_audio_mtok=_price(data.get("output_audio_mtok")),
        output_image_mtok=_price(data.get("output_image_mtok")),
    )
    return rates if base is None else rates.over(base)


def _schedule(data: dict[str, Any], base: Rates | None = None) -> Schedule:
    rates = _rates(data, base)
    tiers = tuple(
        Tier(tier["min_input_tokens"], _rates(tier, rates))
        for tier in data.get("tiers", ())
    )
    return Schedule(rates, tiers)


def _window(data: dict[str, Any], standard: Rates) -> Window:
    return Window(
        name=data["name"],
        hours=tuple(parse_span(text) for text in data["hours"]),
        schedule=_schedule(data, standard),
        days=tuple(sorted({WEEKDAYS.index(d) for d in data.get("days", WEEKDAYS)})),
    )


def _model(sheet: dict[str, Any], data: dict[str, Any]) -> ModelPrice:
    raw_periods: list[dict[str, Any]] = data["periods"]
    periods = []
    for index, period in enumerate(raw_periods):
        end = period.get("until")
        if end is None and index + 1 < len(raw_periods):
            end = raw_periods[index + 1].get("from")
        standard = _schedule(period)
        variants = tuple(
            (name, _schedule(variant, standard.rates))
            for name, variant in sorted(period.get("variants", {}).items())
        )
        periods.append(
            PricePeriod(
                start=period.get("from"),
                end=end,
                standard=standard,
                source=period["source"],
                checked=period.get("checked"),
                variants=variants,
                note=period.get("note"),
                windows=tuple(
                    _window(window, standard.rates)
                    for window in period.get("windows", ())
                ),
                agree=tuple(period.get("agree", ())),
                disputed=tuple(period.get("disputed", ())),
                kind=period.get("kind"),
            )
        )
    currency = data.get("currency") or sheet["currency"]
    return ModelPrice(
        provider=sheet["provider"],
        model=data["id"],
        name=data.get("name") or data["id"],
        currency=currency.strip().upper(),
        periods=tuple(periods),
        aliases=tuple(data.get("aliases", ())),
        first_party=sheet.get("first_party", False),
        context_window=data.get("context_window"),
        home=sheet.get("home", False),
    )


def read_sheet(text: str) -> list[ModelPrice]:
    """The models of one bundled sheet, given its TOML text."""
    sheet = tomllib.loads(text, parse_float=Decimal)
    return [_model(sheet, model) for model in sheet.get("models", ())]


def read_bundled() -> list[ModelPrice]:
    """Every model of every bundled sheet, files in name order."""
    folder = data_path("providers")
    models: list[ModelPrice] = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), encoding="utf-8") as sheet:
                models.extend(read_sheet(sheet.read()))
    return models
