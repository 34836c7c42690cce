"""
How prices are shown: a model's history as a table and as a JSON-ready
dict, and a list of models with their current prices.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import attrs

from tokencost.prices.moments import moment_iso, moment_text, utc_moment

if TYPE_CHECKING:
    # Only for types: ModelPrice renders itself through this module.
    from tokencost.prices.model import ModelPrice, PricePeriod, Rates, Schedule

__all__ = ["ModelList", "PriceHistory", "model_dict"]


def _rate(value: Any) -> str:
    return "-" if value is None else str(value)


#: Components shown in a price history only when some price has them.
_EXTRA = (
    ("cache write 1h", "cache_write_1h_mtok"),
    ("reasoning", "reasoning_mtok"),
    ("input audio", "input_audio_mtok"),
    ("input image", "input_image_mtok"),
    ("input video", "input_video_mtok"),
    ("output audio", "output_audio_mtok"),
    ("output image", "output_image_mtok"),
    ("cache read audio", "cache_read_audio_mtok"),
)


@attrs.frozen
class ModelList:
    """The models of a catalog, one row each, with their current prices."""

    models: tuple[ModelPrice, ...]
    at: date | datetime

    def table(self) -> tuple[list[str], list[list[str]]]:
        headers = ["model", "currency", "input", "cache read", "cache write"]
        headers += ["output", "tiers", "since"]
        rows = []
        for model in self.models:
            period = _period_or_none(model, self.at)
            if period is None:
                continue
            rates = period.standard.rates
            rows.append(
                [
                    model.id,
                    model.currency,
                    _rate(rates.input_mtok),
                    _rate(rates.cache_read_mtok),
                    _rate(rates.cache_write_mtok),
                    _rate(rates.output_mtok),
                    str(len(period.standard.tiers)) if period.standard.tiers else "",
                    moment_text(period.start) if period.start else "-",
                ]
            )
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "models": [
                model_dict(model, period)
                for model in self.models
                if (period := _period_or_none(model, self.at)) is not None
            ],
        }


def _period_or_none(model: ModelPrice, when: date | datetime) -> PricePeriod | None:
    # A listing on a day shows the prices in force at its start (00:00 UTC):
    # a model whose prices change later that day is listed, not left out.
    moment = utc_moment(when)
    for period in reversed(model.periods):
        if period.contains(moment):
            return period
    return None


def _rates_dict(rates: Rates) -> dict[str, Any]:
    return {k: v for k, v in attrs.asdict(rates).items() if v is not None}


def _schedule_dict(schedule: Schedule) -> dict[str, Any]:
    return {
        **_rates_dict(schedule.rates),
        "tiers": [
            {"min_input_tokens": t.min_input_tokens, **_rates_dict(t.rates)}
            for t in schedule.tiers
        ],
    }


def _period_dict(period: PricePeriod) -> dict[str, Any]:
    return {
        "from": None if period.start is None else moment_iso(period.start),
        "until": None if period.end is None else moment_iso(period.end),
        **_schedule_dict(period.standard),
        "variants": {name: _schedule_dict(s) for name, s in period.variants},
        "windows": [
            {"name": w.name, "span": w.span, **_schedule_dict(w.schedule)}
            for w in period.windows
        ],
        "source": period.source,
        "kind": period.kind,
        "checked": period.checked,
        "note": period.note,
    }


def model_dict(model: ModelPrice, period: PricePeriod | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": model.id,
        "name": model.name,
        "currency": model.currency,
        "aliases": list(model.aliases),
        "context_window": model.context_window,
    }
    if period is None:
        out["periods"] = [_period_dict(p) for p in model.periods]
    else:
        out["price"] = _period_dict(period)
    return out


@attrs.frozen
class PriceHistory:
    """One model's price history, every period with its source; or the
    period in force *at* a moment or on a day (refused when the prices
    change during it)."""

    model: ModelPrice
    at: date | datetime | None = None

    def table(self) -> tuple[list[str], list[list[str]]]:
        bands: list[tuple[str, str, Rates, PricePeriod]] = []
        periods = (
            self.model.periods if self.at is None else (self.model.period_at(self.at),)
        )
        for period in periods:
            windows = [(f"{w.name} {w.span}", w.schedule) for w in period.windows]
            for variant, schedule in (
                ("", period.standard),
                *period.variants,
                *windows,
            ):
                label = period.span + (f" [{variant}]" if variant else "")
                band = "all" if not schedule.tiers else "smaller"
                bands.append((label, band, schedule.rates, period))
                bands += [
                    (label, f">= {t.min_input_tokens:,}", t.rates, period)
                    for t in schedule.tiers
                ]
        # The rarer components get a column only when some band prices them.
        extra = [
            (title, field)
            for title, field in _EXTRA
            if any(getattr(rates, field) is not None for _, _, rates, _ in bands)
        ]
        headers = ["period", "prompt", f"input ({self.model.currency}/MTok)"]
        headers += ["cache read", "cache write", "output"]
        headers += [title for title, _ in extra] + ["per request", "source"]
        rows = [
            [
                label,
                band,
                _rate(rates.input_mtok),
                _rate(rates.cache_read_mtok),
                _rate(rates.cache_write_mtok),
                _rate(rates.output_mtok),
                *(_rate(getattr(rates, field)) for _, field in extra),
                _rate(rates.request),
                _provenance(period),
            ]
            for label, band, rates, period in bands
        ]
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        if self.at is None:
            return model_dict(self.model)
        return model_dict(self.model, self.model.period_at(self.at))


def _provenance(period: PricePeriod) -> str:
    """The source, then its kind and the day it was read, as far as known."""
    facts = [period.kind or "kind not stated"]
    facts.append(f"checked {period.checked}" if period.checked else "date unknown")
    return f"{period.source} ({', '.join(facts)})"
