"""
The one builder of price values: a parsed sheet (a plain mapping, as TOML or
JSON reads it) into frozen `ModelPrice` values.

Both readers end here: validated user sheets (`ProviderSheet.to_models`
hands over its fields) and the bundled sheets, which skip validation because
the test suite has validated them. What the builder decides: a tier's unset
components come from its schedule's rates, a variant's and a window's from
the standard rates, except those it lists as ``unpriced`` (not known),
and a period without ``until`` ends where the next begins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

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

__all__ = ["build_models"]

#: Every component a sheet may price, as `Rates` names it.
_RATE_FIELDS = tuple(field.name for field in attrs.fields(Rates))


def build_models(sheet: Mapping[str, Any]) -> list[ModelPrice]:
    """Every model of *sheet*, with its full price history."""
    return [_model(sheet, model) for model in sheet.get("models", ())]


def _price(value: Any) -> Decimal | None:
    if value is None:
        return None
    # TOML integers come back as int; the sheet models store every price as
    # a Decimal, and so does this reader.
    return value if isinstance(value, Decimal) else Decimal(value)


def _rates(data: Mapping[str, Any], base: Rates | None = None) -> Rates:
    rates = Rates(**{name: _price(data.get(name)) for name in _RATE_FIELDS})
    if base is None:
        return rates
    rates = rates.over(base)
    unpriced = data.get("unpriced")
    if unpriced:
        # What the source does not state is not known: never the base rate.
        rates = attrs.evolve(rates, **dict.fromkeys(unpriced))
    return rates


def _schedule(data: Mapping[str, Any], base: Rates | None = None) -> Schedule:
    rates = _rates(data, base)
    tiers = tuple(
        Tier(tier["min_input_tokens"], _rates(tier, rates))
        for tier in data.get("tiers", ())
    )
    return Schedule(rates, tiers)


def _window(data: Mapping[str, Any], standard: Rates) -> Window:
    return Window(
        name=data["name"],
        hours=tuple(parse_span(text) for text in data["hours"]),
        schedule=_schedule(data, standard),
        days=tuple(sorted({WEEKDAYS.index(d) for d in data.get("days", WEEKDAYS)})),
    )


def _model(sheet: Mapping[str, Any], data: Mapping[str, Any]) -> ModelPrice:
    raw_periods: Sequence[Mapping[str, Any]] = data["periods"]
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
