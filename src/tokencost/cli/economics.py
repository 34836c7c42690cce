"""The economics subcommands: elasticity, forecast, break-even, headroom, growth."""

from __future__ import annotations

import argparse
from typing import Any

import attrs

from tokencost._errors import InvalidInputError
from tokencost._money import Money
from tokencost._parsing import Number, parse_series, to_decimal
from tokencost._render import fmt_ratio
from tokencost.cli.options import (
    Once,
    add_fx_options,
    fx_from,
    fx_to_currency,
    money_text,
)
from tokencost.economics.break_even import BreakEven, break_even_volume_change
from tokencost.economics.elasticity import METHODS, MODELS, Elasticity, elasticity
from tokencost.economics.forecast import Forecast, forecast
from tokencost.economics.growth import Growth, GrowthSeries, growth
from tokencost.economics.headroom import Headroom, headroom
from tokencost.economics.scenarios import ScenarioGrid, scenario_grid
from tokencost.prices.fx import exchange_rates

__all__ = ["register"]


def _add(
    sub: Any, parent: argparse.ArgumentParser, name: str, help: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, parents=[parent], help=help, description=help
    )
    return parser


@attrs.frozen
class _AllMethods:
    """The elasticity of one change under every method, one row each."""

    results: tuple[Elasticity, ...]

    def table(self) -> tuple[list[str], list[list[str]]]:
        rows = [[r.method, fmt_ratio(r.value), r.kind, r.meaning] for r in self.results]
        return ["method", "elasticity", "kind", "meaning"], rows

    def to_dict(self) -> dict[str, Any]:
        first = self.results[0].to_dict()
        return {
            "price_change": first["price_change"],
            "volume_change": first["volume_change"],
            "elasticities": [
                {k: v for k, v in r.to_dict().items() if not k.endswith("_change")}
                for r in self.results
            ],
        }


def _elasticity(args: argparse.Namespace) -> Elasticity | _AllMethods:
    methods = METHODS if args.all else (args.method,)
    results = tuple(
        elasticity(
            price_change=args.price_change,
            volume_change=args.volume_change,
            method=method,
        )
        for method in methods
    )
    return _AllMethods(results) if args.all else results[0]


def _is_series(text: str) -> bool:
    return "," in text or ".." in text


def _base_price(args: argparse.Namespace) -> Money | str | None:
    """--price, with its currency if it has one, shown in --currency."""
    if args.price is None:
        return None
    price = money_text(args.price, what="--price")
    if args.currency is None:
        return price
    if isinstance(price, Money):
        return exchange_rates(fx_from(args)).convert(price, args.currency)
    return Money(to_decimal(price, what="--price"), args.currency)


def _forecast(args: argparse.Namespace) -> Forecast | ScenarioGrid:
    if args.fx and args.currency is None:
        raise InvalidInputError("--fx converts to --currency: give --currency too")
    bases: dict[str, Any] = {
        "model": args.model,
        "base_volume": args.volume,
        "base_price": _base_price(args),
        "unit": args.unit,
    }
    if _is_series(args.price_change) or _is_series(args.elasticity):
        grid = scenario_grid(
            price_changes=args.price_change, elasticities=args.elasticity, **bases
        )
        if args.plot:
            from tokencost.plots.scenarios import plot_scenarios

            plot_scenarios(grid, args.plot)
        return grid
    if args.plot:
        raise InvalidInputError(
            "--plot draws a grid of scenarios: give several price changes or "
            "elasticities, e.g. --price-change 0..100%/10% --elasticity -0.5,-1"
        )
    return forecast(price_change=args.price_change, elasticity=args.elasticity, **bases)


def _break_even(args: argparse.Namespace) -> BreakEven:
    return break_even_volume_change(args.price_change, margin=args.margin)


def _headroom(args: argparse.Namespace) -> Headroom:
    if args.own_name is not None and args.own is not None:
        raise InvalidInputError(
            f"own price given twice ({args.own_name!r} and --own {args.own!r}): "
            "give OWN or --own"
        )
    if args.vs is not None and args.competitor is not None:
        raise InvalidInputError(
            f"competitor given twice (--vs {args.vs!r} and --competitor "
            f"{args.competitor!r}): give --vs or --competitor"
        )
    own = args.own_name if args.own is None else args.own
    competitor = args.vs if args.competitor is None else args.competitor
    if own is None or competitor is None:
        raise InvalidInputError(
            "headroom needs two prices or models: OWN (or --own) and "
            "--vs (or --competitor)"
        )
    return headroom(
        money_text(own, what="own price"),
        money_text(competitor, what="competitor price"),
        increase=args.increase,
        keep_discount=args.keep_discount,
        basis=args.basis,
        at=args.at,
        currency=args.currency,
        fx=fx_from(args),
    )


def _growth(args: argparse.Namespace) -> Growth | GrowthSeries:
    if args.figures and (args.start is not None or args.end is not None):
        raise InvalidInputError(
            "give the figures (tokencost growth 28M 500M 1.7B) or --start and "
            "--end, not both"
        )
    periods = parse_series(args.periods, what="periods")
    options = {"currency": args.currency, "fx": fx_to_currency(args)}
    if len(args.figures) == 2:
        args.start, args.end = args.figures
    elif args.figures:
        figures: list[Number | Money] = [
            money_text(f, what="figure") for f in args.figures
        ]
        each: Number | list[Number] = periods[0] if len(periods) == 1 else list(periods)
        return growth(figures, periods=each, **options)
    if args.start is None or args.end is None:
        raise InvalidInputError(
            "growth needs two figures or more: tokencost growth 28M 500M 1.7B, "
            "or --start 28M --end 1.7B"
        )
    if len(periods) != 1:
        raise InvalidInputError(
            f"--periods {args.periods!r}: one number between --start and --end"
        )
    return growth(
        money_text(args.start, what="start"),
        money_text(args.end, what="end"),
        periods[0],
        **options,
    )


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the economics subcommands to *sub*."""
    change = "as a percentage ('83%%', '-12%%') or a fraction (0.83)"

    p = _add(sub, parent, "elasticity", "price elasticity between two observations")
    p.add_argument("--price-change", required=True, help=f"price change, {change}")
    p.add_argument("--volume-change", required=True, help=f"volume change, {change}")
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--method",
        choices=METHODS,
        default="midpoint",
        help="formula (default: midpoint, the arc elasticity)",
    )
    how.add_argument("--all", action="store_true", help="show every method")
    p.set_defaults(handler=_elasticity)

    p = _add(sub, parent, "forecast", "volume and revenue after a price change")
    p.add_argument(
        "--price-change",
        required=True,
        help=f"price change, {change}; several give a grid of scenarios: "
        "'-10%%,0,10%%' or a range FROM..TO/STEP such as '0..100%%/10%%'",
    )
    p.add_argument(
        "--elasticity",
        required=True,
        help="elasticity to assume, e.g. -0.5; several give a grid: -0.5,-1,-1.5",
    )
    p.add_argument(
        "--model",
        choices=MODELS,
        default="constant",
        help="demand curve (default: constant elasticity)",
    )
    p.add_argument("--volume", help="volume before the change, e.g. 1.2M")
    p.add_argument(
        "--price",
        help="price before the change, e.g. 4.13 or '28 CNY' (per --unit)",
    )
    p.add_argument(
        "--unit", help="what the volume counts and the price is per, e.g. MTok"
    )
    add_fx_options(p)
    p.add_argument(
        "--plot",
        metavar="FILE.png",
        help="draw a grid of scenarios as heatmaps (needs the 'plot' extra)",
    )
    p.set_defaults(handler=_forecast)

    p = _add(
        sub,
        parent,
        "break-even",
        "volume change that keeps revenue (or profit) flat after a price change",
    )
    p.add_argument("--price-change", required=True, help=f"price change, {change}")
    p.add_argument(
        "--margin",
        help="contribution margin, e.g. 40%%; without it revenue is held flat",
    )
    p.set_defaults(handler=_break_even)

    p = _add(sub, parent, "headroom", "room to raise a price against a competitor")
    p.add_argument(
        "own_name", nargs="?", metavar="OWN", help="own model or price per unit"
    )
    p.add_argument("--own", help="own price, e.g. 4.13")
    p.add_argument("--vs", help="competitor model or price")
    p.add_argument("--competitor", help="competitor price, e.g. 50")
    p.add_argument(
        "--basis",
        default="output",
        help="price compared for model names: input, output, blended (3:1) or a "
        "usage profile's cost per request (default: output)",
    )
    p.add_argument("--at", metavar="DATE", help="model prices as of this day (ISO)")
    p.add_argument("--increase", default="0", help=f"rise applied to own, {change}")
    p.add_argument(
        "--keep-discount", default="0", help="discount to the competitor to keep"
    )
    add_fx_options(p)
    p.set_defaults(handler=_headroom)

    p = _add(
        sub,
        parent,
        "growth",
        "multiple and compound rate over a series of figures, step by step",
    )
    p.add_argument(
        "figures",
        nargs="*",
        metavar="FIGURE",
        help="two figures or more, e.g. 28M 500M 1.7B or 2800万 1.7亿; a "
        "currency code may follow each (28M CNY)",
    )
    p.add_argument("--start", action=Once, help="first figure, e.g. 28M")
    p.add_argument("--end", action=Once, help="last figure, e.g. 1.7B")
    p.add_argument(
        "--periods",
        action=Once,
        default="1",
        help="periods between neighbouring figures: one for every step (6), or "
        "one per step (6,6) (default: 1)",
    )
    add_fx_options(p)
    p.set_defaults(handler=_growth)
