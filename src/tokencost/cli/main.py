"""
The ``tokencost`` command: a thin layer over the public functions.

Exit status: 0 on success, 1 when the data cannot answer (unknown model, no
price in force), 2 for bad usage (unreadable quantity, bad option). Errors
are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from tokencost._errors import DataLookupError, TokencostError
from tokencost._render import FORMATS, Renderable, render

__all__ = ["Handler", "main"]

#: A subcommand's implementation: parsed options in, a result to show out.
Handler = Callable[[argparse.Namespace], "Renderable | str"]

EXIT_OK = 0
EXIT_NO_ANSWER = 1
EXIT_USAGE = 2


class _UsageError(Exception):
    """Raised by the parser instead of exiting, so main() owns the exit."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("tokencost").strip()
        raise _UsageError(f"{command}: {message}" if command else message)


class _Version(argparse.Action):
    """``--version``: the version the package was built with."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from tokencost._version import __version__

        print(__version__)
        parser.exit()


def _common() -> argparse.ArgumentParser:
    """Options every subcommand takes."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="table",
        help="how to show the result (default: table)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand registered."""
    from tokencost.cli.bill import register as register_bill
    from tokencost.cli.catalog import register as register_catalog
    from tokencost.cli.economics import register as register_economics
    from tokencost.cli.pricing import register as register_pricing

    parser = _Parser(
        prog="tokencost",
        description="Exact, offline LLM API pricing.",
    )
    parser.add_argument("--version", action=_Version, nargs=0)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    parent = _common()
    register_pricing(sub, parent)
    register_economics(sub, parent)
    register_bill(sub, parent)
    register_catalog(sub, parent)
    return parser


def _fail(message: str, status: int) -> int:
    print(f"tokencost: error: {message}", file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    handler: Handler = args.handler
    try:
        result = handler(args)
    except DataLookupError as exc:
        return _fail(str(exc), EXIT_NO_ANSWER)
    except TokencostError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except BrokenPipeError:  # pragma: no cover - e.g. `tokencost models | head`
        return EXIT_OK
    text = result if isinstance(result, str) else render(result, args.format)
    print(text)
    return EXIT_OK


def run() -> NoReturn:  # pragma: no cover - exercised through the script
    """Entry point for ``python -m tokencost``."""
    sys.exit(main())
