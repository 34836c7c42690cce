"""The ``bill`` subcommand: a JSONL or CSV file of usage records, priced."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tokencost._render import Renderable
from tokencost.billing.parallel import bill_file
from tokencost.billing.records import BILL_FIELDS
from tokencost.prices.catalog import default_catalog, load_catalog

__all__ = ["register"]


@contextmanager
def _progress(path: Path) -> Iterator[Callable[[int], None] | None]:
    """
    A progress bar on stderr while *path* is read, when stderr is a terminal
    and the optional ``tqdm`` is installed (``pip install tokencost[progress]``);
    otherwise nothing.
    """
    if not sys.stderr.isatty():
        yield None
        return
    try:
        from tqdm import tqdm
    except ImportError:
        yield None
        return
    with tqdm(unit=" records", unit_scale=True, file=sys.stderr, leave=False) as bar:
        done = 0

        def update(records: int) -> None:
            nonlocal done
            bar.update(records - done)
            done = records

        yield update


def _cmd_bill(args: argparse.Namespace) -> Renderable:
    sheets = args.sheet
    catalog = (
        load_catalog(*sheets, bundled=not args.only_sheets)
        if sheets
        else default_catalog()
    )
    path = Path(args.file)
    with _progress(path) as progress:
        return bill_file(
            path,
            by=args.by,
            currency=args.currency,
            catalog=catalog,
            progress=progress,
            workers=args.workers,
        )


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the ``bill`` subcommand to *sub*."""
    p = sub.add_parser(
        "bill",
        parents=[parent],
        help="price a JSONL or CSV file of logged requests, grouped",
        description="Price every record of a JSONL or CSV file of usage records "
        "(model, timestamp, token counts, optional variant and extra fields) "
        "exactly, streaming the file, and show the totals by group.",
    )
    p.add_argument("file", metavar="FILE", help="a .jsonl or .csv file of records")
    p.add_argument(
        "--by",
        default="model",
        metavar="FIELDS",
        help=f"comma-separated fields to group by: {', '.join(BILL_FIELDS)}, "
        "or an extra field of the records (default: model)",
    )
    p.add_argument(
        "--currency",
        metavar="CODE",
        help="show the bill in this currency (amounts in another currency "
        "cannot be converted yet)",
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
    p.set_defaults(handler=_cmd_bill)
