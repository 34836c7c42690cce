"""
The bridge subcommands: why a bill (or a revenue) changed, and demand read
from logs.

- ``bridge OCT NOV`` or ``bridge LOG --before 2026-10 --after 2026-11``:
  price, volume, mix, new and dropped effects between two bills;
- ``bridge-figures --price-change 83% --volume-change 400%``: the same
  split for a revenue, from two figures;
- ``demand LOG``: own-price elasticities of the models whose price changed;
- ``cross-elasticity OCT NOV --of A --against B``.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from tokencost._errors import InvalidInputError
from tokencost._render import Renderable, fmt_change, fmt_ratio
from tokencost.billing.parallel import bill_file
from tokencost.billing.result import Bill
from tokencost.cli.options import (
    add_catalog_options,
    add_fx_options,
    catalog_from,
    pairs,
)
from tokencost.economics.bridge import bridge, bridge_periods
from tokencost.economics.bridge_result import Bridge
from tokencost.economics.cells import UNITS
from tokencost.economics.cross import CrossElasticity, cross_between, cross_elasticity
from tokencost.economics.decomposition import BRIDGE_METHODS
from tokencost.economics.elasticity import METHODS
from tokencost.economics.estimates import DemandEstimates, estimate_demand
from tokencost.economics.periods import period_sides
from tokencost.economics.revenue_bridge import FigureBridge, bridge_figures, percent

__all__ = ["register"]

_DERIVED = ("model", "provider", "variant", "window", "tier")


def _fields(by: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in by.split(",") if f.strip())


def _tags(by: str) -> tuple[str, ...]:
    """The fields a bill must be grouped by for a bridge by *by*."""
    return tuple(f for f in _fields(by) if f not in _DERIVED)


def _plot(result: Bridge | FigureBridge, path: str | None) -> None:
    if path is not None:
        from tokencost.plots.waterfall import plot_bridge

        plot_bridge(result, path)


def _fx(args: argparse.Namespace) -> dict[str, str] | None:
    return pairs(args.fx, "--fx", "CNY=7.10") or None


def _bridge(args: argparse.Namespace) -> Renderable:
    catalog = catalog_from(args)
    tags = _tags(args.by)
    periods = args.before is not None or args.after is not None
    if periods:
        if args.after_file is not None or args.before is None or args.after is None:
            raise InvalidInputError(
                "give two files, or one file with both --before and --after"
            )
        log = bill_file(args.file, by=("day", *tags), catalog=catalog)
        result = bridge_periods(
            log,
            args.before,
            args.after,
            by=args.by,
            unit=args.unit,
            method=args.method,
            currency=args.currency,
            fx=_fx(args),
        )
    else:
        if args.after_file is None:
            raise InvalidInputError(
                "give two files (before and after), or one file with --before "
                "and --after periods such as 2026-10"
            )
        bills = [
            bill_file(path, by=tags or ("model",), catalog=catalog)
            for path in (args.file, args.after_file)
        ]
        result = bridge(
            *bills,
            by=args.by,
            unit=args.unit,
            method=args.method,
            labels=(Path(args.file).name, Path(args.after_file).name),
            currency=args.currency,
            fx=_fx(args),
        )
    _plot(result, args.plot)
    return result


@attrs.frozen
class _AllMethods:
    """A revenue bridge under every method, one row each."""

    results: tuple[FigureBridge, ...]

    def table(self) -> tuple[list[str], list[list[str]]]:
        first = self.results[0]

        def amount(value: Any) -> str:
            return first.amount_text(value)

        rows = [
            [r.method, amount(r.price), amount(r.volume), amount(r.change)]
            for r in self.results
        ]
        shares = [first.log_price_share, first.log_volume_share]
        if shares[0] is not None and shares[1] is not None:
            texts = [percent(s) for s in shares if s is not None]
            rows.append(["log shares", *texts, percent(Decimal(1))])
        headers = [
            f"x{fmt_ratio(first.multiple)}",
            f"price ({fmt_change(first.price_change)})",
            f"volume ({fmt_change(first.volume_change)})",
            "change",
        ]
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        first = self.results[0].to_dict()
        common = {k: v for k, v in first.items() if k not in ("method", "effects")}
        return {
            **common,
            "methods": {
                r.method: {"price": str(r.price), "volume": str(r.volume)}
                for r in self.results
            },
        }


def _bridge_figures(args: argparse.Namespace) -> Renderable:
    revenue: Any = args.revenue
    if args.currency is not None:
        if revenue is None:
            raise InvalidInputError("--currency needs --revenue")
        from tokencost._money import Money

        revenue = Money(revenue, args.currency)
    methods = BRIDGE_METHODS if args.all else (args.method,)
    results = tuple(
        bridge_figures(
            price_change=args.price_change,
            volume_change=args.volume_change,
            method=method,
            revenue=revenue,
        )
        for method in methods
    )
    _plot(results[0], args.plot)
    return _AllMethods(results) if args.all else results[0]


def _demand(args: argparse.Namespace) -> DemandEstimates:
    log: Bill = bill_file(args.file, by=(args.period,), catalog=catalog_from(args))
    return estimate_demand(
        log, unit=args.unit, models=args.model or None, confidence=args.confidence
    )


def _cross(args: argparse.Namespace) -> CrossElasticity:
    catalog = catalog_from(args)
    if args.before is not None or args.after is not None:
        if args.after_file is not None or args.before is None or args.after is None:
            raise InvalidInputError(
                "give two files, or one file with both --before and --after"
            )
        log = bill_file(args.file, by=("day",), catalog=catalog)
        sides = period_sides(log, args.before, args.after, (), args.unit)
        return cross_between(
            sides,
            of=args.of,
            against=args.against,
            method=args.method,
            labels=(args.before, args.after),
        )
    else:
        if args.after_file is None:
            raise InvalidInputError(
                "give two files (before and after), or one file with --before "
                "and --after periods"
            )
        before, after = (
            bill_file(p, catalog=catalog) for p in (args.file, args.after_file)
        )
    return cross_elasticity(
        before,
        after,
        of=args.of,
        against=args.against,
        method=args.method,
        unit=args.unit,
    )


def _files(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="BEFORE", help="a .jsonl or .csv file of records")
    p.add_argument(
        "after_file",
        nargs="?",
        metavar="AFTER",
        help="the file after; or give --before and --after periods of BEFORE",
    )
    p.add_argument("--before", metavar="PERIOD", help="2026-10, 2026-10-05 or A..B")
    p.add_argument("--after", metavar="PERIOD", help="the period after")


def _unit(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--unit",
        choices=UNITS,
        default="tokens",
        help="what volume is counted in: tokens (input + output), requests, or "
        "blended ((3 x input + output) / 4) (default: tokens)",
    )


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the bridge and demand subcommands to *sub*."""
    change = "as a percentage ('83%%', '-12%%') or a fraction (0.83)"
    p = sub.add_parser(
        "bridge",
        parents=[parent],
        help="why a bill changed: price, volume, mix, new and dropped effects",
        description="Split the change between two bills (two files, or two "
        "periods of one file) into price, volume, mix, new and dropped "
        "effects, exactly, by group.",
    )
    _files(p)
    p.add_argument(
        "--by",
        default="model",
        metavar="FIELDS",
        help=f"comma-separated fields to group by: {', '.join(_DERIVED)}, or "
        "an extra field of the records (default: model)",
    )
    _unit(p)
    p.add_argument(
        "--method",
        choices=BRIDGE_METHODS,
        default="shapley",
        help="order of the effects (default: shapley, the average of every order)",
    )
    p.add_argument("--plot", metavar="FILE", help="also draw a waterfall chart")
    add_fx_options(p)
    add_catalog_options(p)
    p.set_defaults(handler=_bridge)

    p = sub.add_parser(
        "bridge-figures",
        parents=[parent],
        help="a revenue change split into price and volume, from two figures",
        description="Split the revenue change of a price change and a volume "
        "change into a price effect and a volume effect, with the log shares.",
    )
    p.add_argument("--price-change", required=True, help=f"price change, {change}")
    p.add_argument("--volume-change", required=True, help=f"volume change, {change}")
    p.add_argument("--revenue", help="revenue before, e.g. 41000 (default: 1)")
    p.add_argument("--currency", metavar="CODE", help="the revenue's currency")
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--method",
        choices=BRIDGE_METHODS,
        default="shapley",
        help="order of the effects (default: shapley)",
    )
    how.add_argument("--all", action="store_true", help="show every method")
    p.add_argument("--plot", metavar="FILE", help="also draw a waterfall chart")
    p.set_defaults(handler=_bridge_figures)

    p = sub.add_parser(
        "demand",
        parents=[parent],
        help="own-price elasticities read from a log, with confidence intervals",
        description="Fit ln volume on ln price, per day or month, for every "
        "model whose price changed in the log.",
    )
    p.add_argument("file", metavar="FILE", help="a .jsonl or .csv file of records")
    p.add_argument(
        "--period",
        choices=("day", "month"),
        default="day",
        help="one observation per day or per month (default: day)",
    )
    p.add_argument("--model", action="append", help="a model to estimate; repeatable")
    p.add_argument(
        "--confidence", default="95%", help="level of the interval (default: 95%%)"
    )
    _unit(p)
    add_catalog_options(p)
    p.set_defaults(handler=_demand)

    p = sub.add_parser(
        "cross-elasticity",
        parents=[parent],
        help="how one model's volume moved against another model's price",
        description="The cross-price elasticity between two bills: the change "
        "in one model's volume over the change in another model's price.",
    )
    _files(p)
    p.add_argument("--of", required=True, metavar="MODEL", help="whose volume")
    p.add_argument("--against", required=True, metavar="MODEL", help="whose price")
    p.add_argument(
        "--method",
        choices=METHODS,
        default="midpoint",
        help="formula (default: midpoint)",
    )
    _unit(p)
    add_catalog_options(p)
    p.set_defaults(handler=_cross)
