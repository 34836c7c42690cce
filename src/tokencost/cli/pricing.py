"""The pricing subcommands: models, price, cost, compare, schema."""

from __future__ import annotations

import argparse
import json
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from tokencost._errors import InvalidInputError
from tokencost._parsing import as_date, parse_amount, parse_tokens
from tokencost._render import Renderable
from tokencost.costing.compare import compare
from tokencost.costing.cost import cost
from tokencost.costing.workload import workload_cost
from tokencost.prices.catalog import (
    Catalog,
    default_catalog,
    load_catalog,
    sheet_json_schema,
)
from tokencost.prices.model import ModelPrice, PricePeriod, Rates, Schedule
from tokencost.usage.profiles import (
    UsageProfile,
    builtin_profiles,
    load_profiles,
    usage_profile,
)
from tokencost.usage.usage import Usage

__all__ = ["ModelList", "PriceView", "register"]


def _catalog(args: argparse.Namespace) -> Catalog:
    sheets = getattr(args, "sheet", None)
    if not sheets:
        return default_catalog()
    return load_catalog(*sheets, bundled=not args.only_sheets)


def _usage(args: argparse.Namespace) -> Usage:
    return Usage(
        input_tokens=parse_tokens(args.input, what="--input"),
        output_tokens=parse_tokens(args.output, what="--output"),
        cache_read_tokens=parse_tokens(args.cache_read, what="--cache-read"),
        cache_write_tokens=parse_tokens(args.cache_write, what="--cache-write"),
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
        from tokencost.prices.stats import catalog_stats

        return catalog_stats(catalog)
    day = as_date(args.at, what="--at")
    return ModelList(tuple(catalog.models(args.provider)), day)


def _cmd_price(args: argparse.Namespace) -> Renderable:
    model = _catalog(args).get(args.model)
    return PriceView(model, None if args.at is None else as_date(args.at, what="--at"))


def _pairs(values: list[str] | None, option: str, example: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values or []:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip() or not rest.strip():
            raise InvalidInputError(
                f"cannot read {option} {value!r}: expected KEY=VALUE, e.g. {example}"
            )
        out[key.strip()] = rest.strip()
    return out


def _workload(args: argparse.Namespace) -> Usage | UsageProfile:
    if args.profile is None:
        return _usage(args)
    given = [
        o
        for o in ("input", "output", "cache_read", "cache_write")
        if getattr(args, o) != "0"
    ]
    if given:
        raise InvalidInputError(
            f"--profile describes the requests; drop --{given[0].replace('_', '-')}"
        )
    profiles = load_profiles(args.profiles) if args.profiles else None
    return usage_profile(args.profile, profiles)


def _requests(args: argparse.Namespace, *, whole: bool = False) -> Decimal | None:
    """--requests: a volume (fractions allowed) for a profile's projection,
    a whole number of requests otherwise."""
    if args.requests is None:
        return None
    if whole:
        return Decimal(parse_tokens(args.requests, what="--requests"))
    return parse_amount(args.requests, what="--requests")


def _cmd_cost(args: argparse.Namespace) -> Renderable:
    workload = _workload(args)
    fx = _pairs(args.fx, "--fx", "CNY=7.10") or None
    if isinstance(workload, UsageProfile) or args.per:
        return workload_cost(
            args.model,
            workload,
            requests=_requests(args),
            per=args.per,
            at=args.at,
            variant=args.variant,
            currency=args.currency,
            fx=fx,
            catalog=_catalog(args),
        )
    return cost(
        args.model,
        workload,
        requests=parse_tokens(
            1 if args.requests is None else args.requests, what="--requests"
        ),
        at=args.at,
        variant=args.variant,
        currency=args.currency,
        fx=fx,
        catalog=_catalog(args),
    )


def _cmd_compare(args: argparse.Namespace) -> Renderable:
    workload = _workload(args)
    result = compare(
        args.models,
        workload,
        requests=_requests(args, whole=not isinstance(workload, UsageProfile)),
        per=args.per,
        at=args.at,
        currency=args.currency,
        fx=_pairs(args.fx, "--fx", "CNY=7.10") or None,
        adjust=_pairs(args.adjust, "--adjust", "glm-5.2=+83%") or None,
        baseline=args.baseline,
        catalog=_catalog(args),
    )
    if args.plot:
        from tokencost.plots.comparison import plot_comparison

        plot_comparison(result, args.plot)
    return result


@attrs.frozen
class _ProfileList:
    profiles: tuple[UsageProfile, ...]

    def table(self) -> tuple[list[str], list[list[str]]]:
        rows = [
            [p.name, str(len(p.shapes)), f"{p.volume:,f} / {p.per}", p.description]
            for p in self.profiles
        ]
        return ["profile", "shapes", "volume", "description"], rows

    def to_dict(self) -> dict[str, Any]:
        return {"profiles": [p.to_dict() for p in self.profiles]}


def _cmd_profiles(args: argparse.Namespace) -> Renderable:
    profiles = load_profiles(args.profiles) if args.profiles else builtin_profiles()
    if args.name:
        return usage_profile(args.name, profiles)
    return _ProfileList(tuple(profiles.values()))


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
        "--requests", "-n", metavar="N",
        help="how many requests (e.g. 1M); default 1, or the profile's volume",
    )  # fmt: skip
    group.add_argument(
        "--profile", "-p", metavar="NAME",
        help="a usage profile instead of one request shape (see 'tokencost profiles')",
    )  # fmt: skip
    group.add_argument(
        "--profiles", metavar="FILE", help="read profiles from this TOML or JSON file"
    )
    group.add_argument(
        "--per", choices=("day", "month", "year"),
        help="the period --requests is counted over; adds a projection",
    )  # fmt: skip
    parser.add_argument("--at", metavar="DATE", help="price as of this day (ISO)")
    parser.add_argument(
        "--currency", metavar="CODE", help="show amounts in this currency (e.g. CNY)"
    )
    parser.add_argument(
        "--fx", action="append", metavar="CODE=RATE",
        help="an exchange rate per 1 USD, e.g. CNY=7.10; default the bundled table",
    )  # fmt: skip


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
    p.add_argument(
        "--adjust", action="append", metavar="MODEL=CHANGE",
        help="a hypothetical price change for one model, e.g. glm-5.2=+83%%",
    )  # fmt: skip
    p.add_argument(
        "--plot", metavar="FILE.png",
        help="also draw monthly cost by model (needs the 'plot' extra)",
    )  # fmt: skip
    _add_catalog_options(p)
    p.set_defaults(handler=_cmd_compare)

    p = sub.add_parser(
        "profiles", parents=[parent], help="list the usage profiles, or show one"
    )
    p.add_argument("name", nargs="?", help="a profile to show")
    p.add_argument("--profiles", metavar="FILE", help="read profiles from this file")
    p.set_defaults(handler=_cmd_profiles)

    p = sub.add_parser(
        "schema", parents=[parent], help="print the JSON Schema of price sheets"
    )
    p.set_defaults(handler=_cmd_schema)
