"""
The ``tokencost`` command: a thin layer over the public functions.

Exit status: 0 on success, 1 when the data cannot answer (unknown model, no
price in force), 2 for bad usage (unreadable quantity, bad option), 130 when
interrupted (Ctrl-C). Errors are one line on stderr, never a traceback; output
cut short by a closed pipe (``tokencost models | head``) ends quietly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from tokencost._errors import DataLookupError, TokencostError
from tokencost._render import FORMATS, MAGNITUDES, Renderable, render

__all__ = ["Handler", "main"]

#: A subcommand's implementation: parsed options in, a result to show out.
Handler = Callable[[argparse.Namespace], "Renderable | str"]

EXIT_OK = 0
EXIT_NO_ANSWER = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _UsageError(Exception):
    """Raised by the parser instead of exiting, so main() owns the exit."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from tokencost.cli.options import Once

        super().__init__(*args, **kwargs)
        # An option that takes one value may be given once: a second value is
        # an error, not a silent replacement of the first.
        self.register("action", None, Once)
        self.register("action", "store", Once)

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
    parent = _Parser(add_help=False)
    parent.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="table",
        help="how to show the result (default: table); json and csv are exact, "
        "for programs",
    )
    parent.add_argument(
        "--magnitudes",
        choices=MAGNITUDES,
        default="western",
        help="how table and markdown write large figures: 1,700,000,000 "
        "(western, the default) or 17亿 (chinese)",
    )
    return parent


#: The modules of the subcommands, in the order help lists them, with the
#: commands each registers (tests/cli/test_parser.py holds this to what the
#: modules register). A command line registers only the modules of the
#: commands it names: `tokencost cost` does not import the economics.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pricing", ("models", "price", "cost", "compare", "profiles", "schema")),
    ("reply", ("reply",)),
    ("economics", ("elasticity", "forecast", "break-even", "headroom", "growth")),
    ("bill", ("bill",)),
    ("bridge", ("bridge", "bridge-figures", "demand", "cross-elasticity")),
    ("catalog", ("import", "sources")),
    ("tables", ("export", "sql")),
)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """
    The argument parser: with *argv*, the subcommands it names (each word
    that is a command name counts, so the one it runs is always among
    them); without, or when it names none or asks for completion, all.
    """
    from importlib import import_module

    from tokencost.cli.completion import register as register_completion

    parser = _Parser(
        prog="tokencost",
        description="Exact, offline LLM API pricing.",
    )
    parser.add_argument("--version", action=_Version, nargs=0)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    parent = _common()
    named = set(argv or ())
    wanted = [module for module, commands in COMMANDS if named.intersection(commands)]
    if not wanted or "completion" in named:
        wanted = [module for module, _ in COMMANDS]
    for module in wanted:
        import_module(f"tokencost.cli.{module}").register(sub, parent)
    register_completion(sub, parser)
    return parser


def _fail(message: str, status: int) -> int:
    # One line, whatever the message holds.
    line = " ".join(message.split())
    print(f"tokencost: error: {line}", file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("tokencost: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_OK
    except RecursionError:
        return _fail("the input is nested too deeply", EXIT_USAGE)
    except Exception as exc:  # the last guard against a traceback
        return _fail(
            f"unexpected {type(exc).__name__}: {exc} (this is a bug in tokencost; "
            "please report it with the command that caused it)",
            EXIT_NO_ANSWER,
        )


def _run(argv: Sequence[str] | None) -> int:
    from tokencost.cli.options import GIVEN, join_negative_values

    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    try:
        args = parser.parse_args(join_negative_values(argv))
    except _UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    given: dict[str, tuple[str, object]] = vars(args).pop(GIVEN, {})
    empty = _empty_option(args, given)
    if empty is not None:
        return _fail(f"{args.command}: {empty} is empty: give it a value", EXIT_USAGE)
    handler: Handler = args.handler
    try:
        result = handler(args)
        text = (
            result
            if isinstance(result, str)
            else render(result, args.format, magnitudes=args.magnitudes)
        )
    except DataLookupError as exc:
        return _fail(str(exc), EXIT_NO_ANSWER)
    except TokencostError as exc:
        return _fail(str(exc), EXIT_USAGE)
    return _write(text)


def _write(text: str) -> int:
    """Print *text*; output that cannot be written is one error line."""
    out = sys.stdout
    if out is None:  # started with its standard output closed
        return _fail("no standard output to write to", EXIT_NO_ANSWER)
    try:
        # Checked whole first, so that nothing is written when it fails.
        text.encode(out.encoding or "utf-8")
    except UnicodeEncodeError as exc:
        return _fail(
            f"cannot write {exc.object[exc.start]!r} "
            f"(U+{ord(exc.object[exc.start]):04X}) in the output's encoding "
            f"({out.encoding}): set PYTHONIOENCODING=utf-8, or use "
            "--magnitudes western",
            EXIT_NO_ANSWER,
        )
    except LookupError:  # an encoding Python does not know: let print() say
        pass
    try:
        print(text, file=out)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _discard_stdout()
        return _fail(f"cannot write the output: {exc.strerror or exc}", EXIT_NO_ANSWER)
    return EXIT_OK


def _empty_option(
    args: argparse.Namespace, given: dict[str, tuple[str, object]]
) -> str | None:
    """The first option given an empty value (``--currency ''``), if any: an
    empty value is a mistake, never a request for the default. It is named
    as it was typed (``--input``, not the field it fills)."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and not v.strip() for v in values):
            typed = given.get(name)
            return typed[0] if typed else f"--{name.replace('_', '-')}"
    return None


def _discard_stdout() -> None:
    """After a closed pipe: send what is left to /dev/null, so that the
    interpreter's last flush at exit does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no real stdout
        pass
