"""The pricing subcommands: models, price, cost, compare, schema."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

import attrs

from tokencost._catalog import Catalog, as_date, default_catalog, load_catalog
from tokencost._compare import compare
from tokencost._cost import cost
from tokencost._prices import ModelPrice, PricePeriod, Rates, Schedule
from tokencost._render import Renderable
from tokencost._sheets import sheet_json_schema
from tokencost._usage import Usage

__all__ = ["ModelList", "PriceView", "register"]


def _catalog(args: argparse.Namespace) -> Catalog:
    sheets = getattr(args, "sheet", None)
    if not sheets:
        return default_catalog()
    return load_catalog(*sheets, bundled=not args.only_sheets)


def _usage(args: argparse.Namespace) -> Usage:
    return Usage(
        input_tokens=args.input,
        output_tokens=args.output,
        cache_read_tokens=args.cache_read,
        cache_write_tokens=args.cache_write,
    )


def _rate(value: Any) -> str:
    return "-" if value is None else str(value)


@attrs.frozen
class ModelList:
    """The models of a catalog, one row each, with their current prices."""

    models: tuple[ModelPrice, ...]
    at: date

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
                    period.start.isoformat() if period.start else "-",
                ]
            )
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "models": [
                _model_dict(model, period)
                for model in self.models
                if (period := _period_or_none(model, self.at)) is not None
            ],
        }


def _period_or_none(model: ModelPrice, day: date) -> PricePeriod | None:
    for period in reversed(model.periods):
        if period.contains(day):
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
        "from": period.start,
        "until": period.end,
        **_schedule_dict(period.standard),
        "variants": {name: _schedule_dict(s) for name, s in period.variants},
        "windows": [
            {"name": w.name, "span": w.span, **_schedule_dict(w.schedule)}
            for w in period.windows
        ],
        "source": period.source,
        "checked": period.checked,
        "note": period.note,
    }


def _model_dict(model: ModelPrice, period: PricePeriod | None = None) -> dict[str, Any]:
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
class PriceView:
    """One model's price history, every period with its source."""

    model: ModelPrice
    at: date | None = None

    def table(self) -> tuple[list[str], list[list[str]]]:
        headers = ["period", "prompt", "input", "cache read", "cache write"]
        headers += ["output", "per request", "source"]
        rows = []
        currency = self.model.currency
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
                bands = [("all" if not schedule.tiers else "smaller", schedule.rates)]
                bands += [
                    (f">= {t.min_input_tokens:,}", t.rates) for t in schedule.tiers
                ]
                for band, rates in bands:
                    label = period.span + (f" [{variant}]" if variant else "")
                    rows.append(
                        [
                            label,
                            band,
                            _rate(rates.input_mtok),
                            _rate(rates.cache_read_mtok),
                            _rate(rates.cache_write_mtok),
                            _rate(rates.output_mtok),
                            _rate(rates.request),
                            f"{period.source} (checked {period.checked})",
                        ]
                    )
        headers[2] = f"input ({currency}/MTok)"
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        if self.at is None:
            return _model_dict(self.model)
        return _model_dict(self.model, self.model.period_at(self.at))


@attrs.frozen
class _Schema:
    schema: dict[str, Any]

    def table(self) -> tuple[list[str], list[list[str]]]:
        return ["schema"], [[json.dumps(self.schema, indent=2)]]

    def to_dict(self) -> dict[str, Any]:
        return self.schema


def _cmd_models(args: argparse.Namespace) -> Renderable:
    catalog = _catalog(args)
    if args.stats:
        from tokencost._stats import catalog_stats

        return catalog_stats(catalog)
    day = as_date(args.at, what="--at")
    return ModelList(tuple(catalog.models(args.provider)), day)


def _cmd_price(args: argparse.Namespace) -> Renderable:
    model = _catalog(args).get(args.model)
    return PriceView(model, None if args.at is None else as_date(args.at, what="--at"))


def _cmd_cost(args: argparse.Namespace) -> Renderable:
    return cost(
        args.model,
        _usage(args),
        requests=args.requests,
        at=args.at,
        variant=args.variant,
        catalog=_catalog(args),
    )


def _cmd_compare(args: argparse.Namespace) -> Renderable:
    return compare(
        args.models,
        _usage(args),
        requests=args.requests,
        at=args.at,
        baseline=args.baseline,
        catalog=_catalog(args),
    )


def _cmd_schema(args: argparse.Namespace) -> Renderable | str:
    schema = sheet_json_schema()
    if args.format == "table":
        return json.dumps(schema, indent=2)
    return _Schema(schema)


def _add_catalog_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sheet",
        action="append",
        metavar="FILE",
        help="a price sheet (TOML or JSON) or a folder of them, layered over "
        "the bundled catalog; repeatable",
    )
    parser.add_argument(
        "--only-sheets",
        action="store_true",
        help="use the --sheet files alone, without the bundled catalog",
    )


def _add_usage_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("usage of one request")
    group.add_argument(
        "--input", "-i", default="0", metavar="N",
        help="prompt tokens, cached ones included (e.g. 120k)",
    )  # fmt: skip
    group.add_argument(
        "--output", "-o", default="0", metavar="N", help="output tokens (e.g. 4k)"
    )
    group.add_argument(
        "--cache-read", default="0", metavar="N", help="prompt tokens read from cache"
    )
    group.add_argument(
        "--cache-write", default="0", metavar="N", help="prompt tokens written to cache"
    )
    group.add_argument(
        "--requests", "-n", default="1", metavar="N",
        help="how many such requests (e.g. 1M); default 1",
    )  # fmt: skip
    parser.add_argument("--at", metavar="DATE", help="price as of this day (ISO)")


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the pricing subcommands to *sub*."""
    p = sub.add_parser(
        "models", parents=[parent], help="list the models and their current prices"
    )
    p.add_argument("--provider", help="only this provider's models")
    p.add_argument("--at", metavar="DATE", help="prices as of this day (ISO)")
    p.add_argument(
        "--stats", action="store_true", help="counts of providers and models instead"
    )
    _add_catalog_options(p)
    p.set_defaults(handler=_cmd_models)

    p = sub.add_parser(
        "price", parents=[parent], help="show a model's prices, history and sources"
    )
    p.add_argument("model", help="a model name, e.g. glm-5.2 or openai:gpt-5.5")
    p.add_argument("--at", metavar="DATE", help="only the period in force that day")
    _add_catalog_options(p)
    p.set_defaults(handler=_cmd_price)

    p = sub.add_parser("cost", parents=[parent], help="the exact cost of requests")
    p.add_argument("model", help="a model name, e.g. glm-5.2")
    _add_usage_options(p)
    p.add_argument("--variant", help="a price variant such as batch")
    _add_catalog_options(p)
    p.set_defaults(handler=_cmd_cost)

    p = sub.add_parser(
        "compare", parents=[parent], help="the same usage on several models, ranked"
    )
    p.add_argument("models", nargs="+", metavar="MODEL", help="models to compare")
    _add_usage_options(p)
    p.add_argument("--baseline", metavar="MODEL", help="take ratios against this model")
    _add_catalog_options(p)
    p.set_defaults(handler=_cmd_compare)

    p = sub.add_parser(
        "schema", parents=[parent], help="print the JSON Schema of price sheets"
    )
    p.set_defaults(handler=_cmd_schema)
