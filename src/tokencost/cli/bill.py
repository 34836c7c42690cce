"""The ``bill`` subcommand: a JSONL or CSV file of usage records, priced."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tokencost._errors import InvalidInputError
from tokencost._render import Renderable
from tokencost.billing.parallel import bill_file
from tokencost.billing.records import BILL_FIELDS
from tokencost.billing.shapes import FIELDS, PRESETS
from tokencost.cli.options import add_catalog_options, catalog_from

__all__ = ["register"]


@contextmanager
def _progress(path: Path) -> Iterator[Callable[[int], None] | None]:
    """
    A progress bar on stderr while *path* is read, when stderr is a terminal
    and the optional ``tqdm`` is installed
    (``pip install 'tokencost-exact[progress]'``);
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
    catalog = catalog_from(args)
    path = Path(args.file)
    mapping = _mapping(args.map or [])
    with _progress(path) as progress:
        return bill_file(
            path,
            by=args.by,
            currency=args.currency,
            catalog=catalog,
            progress=progress,
            workers=args.workers,
            preset=args.preset,
            mapping=mapping,
        )


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
        help="price a JSONL or CSV file of logged requests, grouped",
        description="Price every record of a JSONL or CSV file of usage records "
        "(model, timestamp, token counts, optional variant and extra fields) "
        "exactly, streaming the file, and show the totals by group.",
    )
    p.add_argument(
        "file", metavar="FILE", help="a .jsonl (.ndjson, .json) or .csv file of records"
    )
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
        "--preset",
        choices=PRESETS,
        metavar="NAME",
        help="read each record's usage in a provider's shape: "
        f"{', '.join(PRESETS)} (default: the bill's own fields, or the shape "
        "the fields decide)",
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
    add_catalog_options(p)
    p.set_defaults(handler=_cmd_bill)
