"""The pricing subcommands: models, price, cost, compare, schema."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any

import attrs

from tokencost._errors import InvalidInputError
from tokencost._parsing import as_date, as_moment, parse_amount, parse_tokens
from tokencost._render import Renderable, fmt_ratio
from tokencost.cli.options import (
    add_catalog_options,
    add_fx_options,
    add_token_options,
    catalog_from,
    fx_to_currency,
    given_token_options,
    pairs,
    usage_from_options,
)
from tokencost.costing.compare import compare
from tokencost.costing.cost import cost
from tokencost.costing.workload import workload_cost
from tokencost.prices.catalog import (
    sheet_json_schema,
)
from tokencost.prices.views import ModelList, PriceHistory
from tokencost.usage.profiles import (
    UsageProfile,
    builtin_profiles,
    load_profiles,
    usage_profile,
)
from tokencost.usage.usage import Usage

__all__ = ["register"]


@attrs.frozen
class _Schema:
    schema: dict[str, Any]

    def table(self) -> tuple[list[str], list[list[str]]]:
        return ["schema"], [[json.dumps(self.schema, indent=2)]]

    def to_dict(self) -> dict[str, Any]:
        return self.schema


def _cmd_models(args: argparse.Namespace) -> Renderable:
    catalog = catalog_from(args)
    if args.stats:
        from tokencost.prices.stats import catalog_stats

        if args.provider is not None:
            raise InvalidInputError(
                f"--stats counts every provider; drop --provider {args.provider!r} "
                "(its row is in the table)"
            )
        as_of = None if args.at is None else as_date(args.at, what="--at")
        return catalog_stats(catalog, as_of=as_of)
    day, moment = as_moment(args.at, what="--at")
    return ModelList(
        tuple(catalog.models(args.provider)), day if moment is None else moment
    )


def _cmd_price(args: argparse.Namespace) -> Renderable:
    model = catalog_from(args).get(args.model)
    if args.at is None:
        return model
    day, moment = as_moment(args.at, what="--at")
    return PriceHistory(model, day if moment is None else moment)


def _workload(args: argparse.Namespace) -> Usage | UsageProfile:
    if args.profile is None:
        return usage_from_options(args)
    given = given_token_options(args)
    if given:
        raise InvalidInputError(f"--profile describes the requests; drop {given[0]}")
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
    fx = fx_to_currency(args)
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
            catalog=catalog_from(args),
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
        catalog=catalog_from(args),
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
        fx=fx_to_currency(args),
        adjust=pairs(args.adjust, "--adjust", "glm-5.2=+83%") or None,
        baseline=args.baseline,
        catalog=catalog_from(args),
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
            [p.name, str(len(p.shapes)), fmt_ratio(p.volume, 4), p.per, p.description]
            for p in self.profiles
        ]
        return ["profile", "shapes", "volume", "per", "description"], rows

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


def _add_usage_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("usage of one request")
    add_token_options(group)
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
    add_fx_options(parser)


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the pricing subcommands to *sub*."""
    p = sub.add_parser(
        "models", parents=[parent], help="list the models and their current prices"
    )
    p.add_argument("--provider", help="only this provider's models")
    p.add_argument("--at", metavar="DATE", help="prices as of this day (ISO)")
    p.add_argument(
        "--stats",
        action="store_true",
        help="counts of providers and models instead, as of --at (default today)",
    )
    add_catalog_options(p)
    p.set_defaults(handler=_cmd_models)

    p = sub.add_parser(
        "price", parents=[parent], help="show a model's prices, history and sources"
    )
    p.add_argument("model", help="a model name, e.g. glm-5.2 or openai:gpt-5.5")
    p.add_argument("--at", metavar="DATE", help="only the period in force that day")
    add_catalog_options(p)
    p.set_defaults(handler=_cmd_price)

    p = sub.add_parser("cost", parents=[parent], help="the exact cost of requests")
    p.add_argument("model", help="a model name, e.g. glm-5.2")
    _add_usage_options(p)
    p.add_argument("--variant", help="a price variant such as batch")
    add_catalog_options(p)
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
    add_catalog_options(p)
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
