"""The ``export`` and ``sql`` subcommands: the price table for other engines."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from tokencost._errors import InvalidInputError
from tokencost.engines.query import DIALECTS, TOKEN_COLUMNS
from tokencost.engines.scripts import script
from tokencost.prices.catalog import Catalog, default_catalog, load_catalog, resolve
from tokencost.prices.model import ModelPrice
from tokencost.prices.table import name_rows, price_rows

__all__ = ["register"]


def _catalog(args: argparse.Namespace) -> Catalog:
    if args.sheet:
        return load_catalog(*args.sheet, bundled=not args.only_sheets)
    return default_catalog()


def _models(args: argparse.Namespace, catalog: Catalog) -> list[ModelPrice]:
    if not args.model:
        return catalog.models()
    chosen: dict[str, ModelPrice] = {}
    for text in args.model:
        for name in text.split(","):
            if name.strip():
                price = resolve(name.strip(), catalog)
                chosen.setdefault(price.id, price)
    return list(chosen.values())


def _names(catalog: Catalog, models: list[ModelPrice]) -> list[tuple[str, str]]:
    return name_rows(catalog, models)


def _cmd_export(args: argparse.Namespace) -> str:
    from tokencost.prices.export import write_table

    catalog = _catalog(args)
    models = _models(args, catalog)
    out = Path(args.out)
    rows = price_rows(models)
    written = [write_table(out, rows, kind="prices")]
    if args.names:
        written.append(
            write_table(Path(args.names), _names(catalog, models), kind="names")
        )
    return "\n".join(written)


def _mapping(values: list[str] | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in values or ():
        name, sep, column = item.partition("=")
        if not sep or not column.strip() or name.strip() not in TOKEN_COLUMNS:
            raise InvalidInputError(
                f"cannot read --map {item!r}: expected COUNT=COLUMN with COUNT "
                f"one of {', '.join(TOKEN_COLUMNS)}"
            )
        name, column = name.strip(), column.strip()
        if name in found:
            raise InvalidInputError(
                f"--map gives {name} twice ({found[name]!r} and {column!r}): "
                "give it once"
            )
        found[name] = column
    return found


# The names the script writes as they are given: plain identifiers, which
# every dialect reads alike (quoted or not) and which cannot end a statement.
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ACCEPTED = "letters, digits and underscores, not starting with a digit"


def _column(name: str, what: str) -> str:
    if not _IDENTIFIER.fullmatch(name):
        raise InvalidInputError(
            f"{what} {name!r} is not a column name: expected {_ACCEPTED}"
        )
    return name


def _table(name: str) -> str:
    if not all(_IDENTIFIER.fullmatch(part) for part in name.split(".")):
        raise InvalidInputError(
            f"--table {name!r} is not a table name: expected {_ACCEPTED}, "
            "with dots between a schema and its table (analytics.usage)"
        )
    return name


def _cmd_sql(args: argparse.Namespace) -> str:
    catalog = _catalog(args)
    by = [
        _column(f.strip(), "--by column")
        for f in (args.by or "").split(",")
        if f.strip()
    ]
    tokens = _mapping(args.map)
    for column in tokens.values():
        if column != "-":  # names no column: the table has no such count
            _column(column, "--map column")
    table = _table(args.table)
    model = _column(args.model_column, "--model-column")
    timestamp = _column(args.timestamp_column, "--timestamp-column")
    variant = _column(args.variant_column, "--variant-column")
    models = _models(args, catalog)
    return script(
        args.dialect,
        price_rows(models),
        _names(catalog, models),
        table=table,
        model=model,
        timestamp=timestamp,
        variant=variant,
        tokens=tokens,
        by=by,
    ).rstrip("\n")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        action="append",
        metavar="NAMES",
        help="only these models (comma-separated, repeatable; default: all)",
    )
    p.add_argument(
        "--sheet",
        action="append",
        metavar="FILE",
        help="a price sheet layered over the bundled catalog; repeatable",
    )
    p.add_argument(
        "--only-sheets",
        action="store_true",
        help="use the --sheet files alone, without the bundled catalog",
    )


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the ``export`` and ``sql`` subcommands to *sub*."""
    del parent  # they write files and SQL, not the usual formats
    p = sub.add_parser(
        "export",
        help="write the price table as Parquet or CSV",
        description="Write the flat price table (one row per model, variant, "
        "time window, period and tier; per-token rates as exact decimals) to "
        "a .parquet or .csv file, and optionally the name table, for a "
        "warehouse to load. Parquet needs the arrow extra.",
    )
    p.add_argument("out", metavar="FILE", help="a new .parquet or .csv file")
    p.add_argument(
        "--names", metavar="FILE", help="also write the name table to this file"
    )
    _common(p)
    p.set_defaults(handler=_cmd_export)

    p = sub.add_parser(
        "sql",
        help="print SQL that prices a usage table in a warehouse",
        description="Print the DDL and rows of the price and name tables, a "
        "view that normalizes a usage table, the pricing view priced_usage "
        "and a bill query, for one SQL dialect.",
    )
    p.add_argument("--dialect", required=True, choices=DIALECTS)
    p.add_argument("--table", default="usage", help="the usage table (default: usage)")
    p.add_argument("--model-column", default="model", metavar="COLUMN")
    p.add_argument(
        "--timestamp-column",
        default="timestamp",
        metavar="COLUMN",
        help="a TIMESTAMP column, in UTC (default: timestamp)",
    )
    p.add_argument("--variant-column", default="variant", metavar="COLUMN")
    p.add_argument(
        "--map",
        action="append",
        metavar="COUNT=COLUMN",
        help="read a token count from another column, e.g. "
        "input_tokens=prompt_tokens; repeatable",
    )
    p.add_argument("--by", metavar="COLUMNS", help="extra columns to group the bill by")
    _common(p)
    p.set_defaults(handler=_cmd_sql)
