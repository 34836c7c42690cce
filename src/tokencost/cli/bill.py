"""The ``bill`` subcommand: a JSONL or CSV file of usage records, priced."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tokencost._errors import InvalidInputError
from tokencost._files import compressed
from tokencost._render import Renderable
from tokencost.billing.columnar import ENGINES
from tokencost.billing.parallel import bill_file
from tokencost.billing.records import BILL_FIELDS
from tokencost.billing.shapes import FIELDS, PRESETS
from tokencost.billing.whatif import adjust_bill, convert_bill, repriced_catalog
from tokencost.cli.options import (
    add_catalog_options,
    add_fx_options,
    catalog_from,
    fx_from,
    pairs,
)

__all__ = ["register"]


# How much of the file is read to guess how many records it holds.
_SAMPLE = 1 << 16


def _estimated_records(path: Path) -> int | None:
    """The records *path* holds, estimated from its size and the lines of its
    first 64 KiB; None for an empty or unreadable file, and for a pipe, which
    has no size and whose lines, once read here, the bill would never see,
    and for a compressed file."""
    import stat

    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode) or compressed(path):
            return None  # a compressed file's size says little of its lines
        size = found.st_size
        with path.open("rb") as file:
            sample = file.read(_SAMPLE)
    except OSError:
        return None
    lines = sample.count(b"\n")
    if not lines:
        return None
    whole = sample.rfind(b"\n") + 1  # the sample's complete lines
    return max(1, round(size * lines / whole))


@contextmanager
def _progress(path: Path) -> Iterator[Callable[[int], None] | None]:
    """
    A progress bar on stderr while *path* is read, when stderr is a terminal
    and the optional ``tqdm`` is installed
    (``pip install 'tokencost-exact[progress]'``); otherwise nothing. The
    file's size gives the bar its percentage and time left: the total is
    estimated from the lines of its first 64 KiB.
    """
    if not sys.stderr.isatty():
        yield None
        return
    try:
        from tqdm import tqdm
    except ImportError:
        yield None
        return
    total = _estimated_records(path)
    with tqdm(
        total=total, unit=" records", unit_scale=True, file=sys.stderr, leave=False
    ) as bar:
        done = 0

        def update(records: int) -> None:
            nonlocal done
            if bar.total is not None and records > bar.total:
                bar.total = records  # the estimate was short
            bar.update(records - done)
            done = records

        yield update


def _cmd_bill(args: argparse.Namespace) -> Renderable:
    catalog = catalog_from(args)
    swaps = pairs(args.reprice, "--reprice", "glm-5.2=claude-fable-5")
    if swaps:
        catalog = repriced_catalog(catalog, swaps)
    path = Path(args.file)
    mapping = _mapping(args.map or [])
    with _progress(path) as progress:
        result = bill_file(
            path,
            by=args.by,
            catalog=catalog,
            progress=progress,
            workers=args.workers,
            preset=args.preset,
            mapping=mapping,
            engine=args.engine,
            ignore_fees=args.ignore_fees,
        )
    changes = pairs(args.adjust, "--adjust", "glm-5.2=+83%")
    if changes:
        result = adjust_bill(result, changes, catalog=catalog)
    if args.currency is not None:
        result = convert_bill(result, args.currency, fx=fx_from(args))
    elif args.fx:
        raise InvalidInputError("--fx converts to --currency: give --currency too")
    if args.plot:
        from tokencost.plots.bill import plot_bill

        plot_bill(result, args.plot)
    return result


def _mapping(pairs: list[str]) -> dict[str, str]:
    """``--map COLUMN=FIELD`` options as a dict; a column named twice is an
    error, as is a field named twice (checked by the bill)."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise InvalidInputError(
                f"cannot read --map {pair!r}: expected COLUMN=FIELD, such as "
                "tokens_in=input_tokens"
            )
        if column in mapping:
            raise InvalidInputError(f"--map gives the column {column!r} twice")
        mapping[column] = field.strip()
    return mapping


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the ``bill`` subcommand to *sub*."""
    p = sub.add_parser(
        "bill",
        parents=[parent],
        help="price a JSONL, CSV or Parquet file of logged requests, grouped",
        description="Price every record of a JSONL or CSV file of usage records "
        "(model, timestamp, token counts, optional variant and extra fields) "
        "exactly, streaming the file, and show the totals by group.",
    )
    p.add_argument(
        "file",
        metavar="FILE",
        help=(
            "a .jsonl (.ndjson, .json), .csv or .parquet file of records; "
            "JSONL and CSV may be gzip-compressed (.jsonl.gz, .csv.gz)"
        ),
    )
    p.add_argument(
        "--by",
        default="model",
        metavar="FIELDS",
        help=f"comma-separated fields to group by: {', '.join(BILL_FIELDS)}, "
        "or an extra field of the records (default: model)",
    )
    add_fx_options(p)
    p.add_argument(
        "--adjust", action="append", metavar="MODEL=CHANGE",
        help="what if a model's prices changed, e.g. glm-5.2=+83%%; repeatable",
    )  # fmt: skip
    p.add_argument(
        "--reprice", action="append", metavar="OLD=NEW",
        help="price OLD's records as if they had run on NEW; repeatable",
    )  # fmt: skip
    p.add_argument(
        "--plot", metavar="FILE.png",
        help="also draw the groups' totals (needs the 'plot' extra)",
    )  # fmt: skip
    p.add_argument(
        "--preset",
        choices=PRESETS,
        metavar="NAME",
        help="read each record's usage in a provider's shape: "
        f"{', '.join(PRESETS)} (default: the bill's own fields, or the shape "
        "the fields decide)",
    )
    p.add_argument(
        "--ignore-fees",
        action="store_true",
        help="bill a record by its tokens even when it shows charges besides "
        "them (web searches, tool calls, search request fees), which no price "
        "sheet holds and which stop the bill otherwise",
    )
    p.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        help=f"read COLUMN as FIELD ({', '.join(FIELDS)}); repeatable",
    )
    p.add_argument(
        "--workers",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="read a large JSONL file with N processes (default: 1)",
    )
    p.add_argument(
        "--engine",
        choices=ENGINES,
        help="duckdb reads JSONL, CSV and Parquet with DuckDB (the duckdb "
        "extra); python streams JSONL and CSV (default: duckdb for Parquet "
        "when installed, python for JSONL and CSV)",
    )
    add_catalog_options(p)
    p.set_defaults(handler=_cmd_bill)
