"""
Option groups that several commands share, each declared once: the catalog
(``--sheet``, ``--only-sheets``), the usage of one request (every token
count a `Usage` has), exchange rates (``--currency``, ``--fx``), and the
``KEY=VALUE`` pairs some options take.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

from tokencost._errors import InvalidInputError
from tokencost._money import Money
from tokencost._parsing import parse_tokens, to_decimal
from tokencost.prices.catalog import Catalog, default_catalog, load_catalog
from tokencost.usage.usage import Usage

__all__ = [
    "GIVEN",
    "TOKEN_OPTIONS",
    "Once",
    "add_catalog_options",
    "add_fx_options",
    "add_token_options",
    "catalog_from",
    "fx_from",
    "fx_to_currency",
    "given_token_options",
    "join_negative_values",
    "money_text",
    "pairs",
    "usage_from_options",
]

#: The token counts of one request: (option, `Usage` field, help).
TOKEN_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--input", "input_tokens", "prompt tokens, cached ones included (e.g. 120k)"),
    ("--output", "output_tokens", "output tokens, reasoning included (e.g. 4k)"),
    ("--cache-read", "cache_read_tokens", "prompt tokens read from the cache"),
    (
        "--cache-write",
        "cache_write_tokens",
        "prompt tokens written to the cache (default time-to-live)",
    ),
    (
        "--cache-write-1h",
        "cache_write_1h_tokens",
        "prompt tokens written to the cache for one hour",
    ),
    ("--reasoning", "reasoning_tokens", "reasoning tokens (part of --output)"),
    ("--input-audio", "input_audio_tokens", "uncached audio prompt tokens"),
    ("--input-image", "input_image_tokens", "uncached image prompt tokens"),
    ("--input-video", "input_video_tokens", "uncached video prompt tokens"),
    ("--output-audio", "output_audio_tokens", "audio output tokens"),
    ("--output-image", "output_image_tokens", "image output tokens"),
    (
        "--cache-read-audio",
        "cache_read_audio_tokens",
        "audio prompt tokens read from the cache (part of --cache-read)",
    ),
)
_SHORT = {"--input": "-i", "--output": "-o"}


def add_catalog_options(parser: argparse.ArgumentParser) -> None:
    """``--sheet`` and ``--only-sheets``: which prices to use."""
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


def catalog_from(args: argparse.Namespace) -> Catalog:
    """The catalog the catalog options ask for."""
    sheets = getattr(args, "sheet", None)
    if not sheets:
        if getattr(args, "only_sheets", False):
            raise InvalidInputError("--only-sheets needs at least one --sheet FILE")
        return default_catalog()
    return load_catalog(*sheets, bundled=not args.only_sheets)


def add_token_options(group: argparse._ActionsContainer) -> None:
    """One option per token count of a `Usage`, each default 0."""
    for option, field, text in TOKEN_OPTIONS:
        names = [option, _SHORT[option]] if option in _SHORT else [option]
        group.add_argument(*names, dest=field, default="0", metavar="N", help=text)


def usage_from_options(args: argparse.Namespace) -> Usage:
    """The `Usage` the token options describe; an error names the option."""
    return Usage(
        *(
            parse_tokens(getattr(args, field), what=option)
            for option, field, _ in TOKEN_OPTIONS
        )
    )


def given_token_options(args: argparse.Namespace) -> list[str]:
    """The token options set to something other than their default."""
    return [option for option, field, _ in TOKEN_OPTIONS if getattr(args, field) != "0"]


def add_fx_options(parser: argparse.ArgumentParser) -> None:
    """``--currency`` and ``--fx``: the currency to show and the rates to use."""
    parser.add_argument(
        "--currency", metavar="CODE", help="show amounts in this currency (e.g. CNY)"
    )
    parser.add_argument(
        "--fx",
        action="append",
        metavar="CODE=RATE",
        help="an exchange rate per 1 USD, e.g. CNY=7.10; default the bundled table",
    )


def fx_from(args: argparse.Namespace) -> dict[str, str] | None:
    """The ``--fx`` rates given, or None for the bundled table."""
    return pairs(getattr(args, "fx", None), "--fx", "CNY=7.10") or None


def fx_to_currency(args: argparse.Namespace) -> dict[str, str] | None:
    """`fx_from`, for a command that converts only to ``--currency``.

    Raises:
        InvalidInputError: ``--fx`` without ``--currency``, which would
            convert nothing.
    """
    rates = fx_from(args)
    if rates is not None and args.currency is None:
        raise InvalidInputError("--fx converts to --currency: give --currency too")
    return rates


#: The attribute of the parsed options that records, per field, the option
#: as typed and its value; `tokencost.cli.main` takes it off after parsing.
GIVEN = "_tokencost_given"


class Once(argparse.Action):
    """An option that may be given once: a second value is an error, not a
    silent replacement of the first (even when the first is the default).
    The command line's parser makes it the action of every option that takes
    one value."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        given: dict[str, tuple[str, object]] = namespace.__dict__.setdefault(GIVEN, {})
        if option_string is not None and self.dest in given:
            before = given[self.dest][1]
            parser.error(
                f"{option_string} given twice ({before!r} and {values!r}): give it once"
            )
        # An option as typed (-i or --input), a positional by its name.
        typed = option_string or str(self.metavar or self.dest)
        given[self.dest] = (typed, values)
        setattr(namespace, self.dest, values)


_MONEY_TEXT = re.compile(r"^(.*\S)\s*([A-Za-z]{3})$")


def money_text(text: str, *, what: str) -> Money | str:
    """
    A figure with a currency code (``"28 CNY"``, ``"2800万CNY"``) as `Money`;
    a figure without one as it was typed.

    >>> money_text("2800万 CNY", what="start"), money_text("28M", what="start")
    (Money(amount=Decimal('28000000'), currency='CNY'), '28M')
    """
    match = _MONEY_TEXT.match(text.strip())
    if match is None:
        return text
    return Money(to_decimal(match.group(1), what=what), match.group(2))


def pairs(values: Sequence[str] | None, option: str, example: str) -> dict[str, str]:
    """``KEY=VALUE`` options read into a dict; a malformed one names itself,
    and a key given twice is an error naming both values."""
    out: dict[str, str] = {}
    for value in values or ():
        key, sep, rest = value.partition("=")
        if not sep or not key.strip() or not rest.strip():
            raise InvalidInputError(
                f"cannot read {option} {value!r}: expected KEY=VALUE, e.g. {example}"
            )
        key, rest = key.strip(), rest.strip()
        if key in out:
            raise InvalidInputError(
                f"{option} gives {key} twice ({out[key]!r} and {rest!r}): give it once"
            )
        out[key] = rest
    return out


# argparse reads "-12%" as an unknown option unless it looks like a negative
# number to it; the quantities tokencost reads are wider than its notion.
# Lists and ranges count ("-0.5,-1,-1.5", "-20..0%/5%"), and so do Chinese
# magnitudes ("-2800万").
_NEGATIVE = re.compile(
    r"^-(?:[0-9]|\.[0-9])[0-9_,.%/e+\-\skmbgt十百千万萬亿億]*$",
    re.IGNORECASE,
)


def join_negative_values(argv: Sequence[str]) -> list[str]:
    """
    ``--option -12%`` written as ``--option=-12%``, which argparse reads.

    >>> join_negative_values(["forecast", "--price-change", "-12%", "-f", "json"])
    ['forecast', '--price-change=-12%', '-f', 'json']
    """
    out: list[str] = []
    for arg in argv:
        previous = out[-1] if out else ""
        long = previous.startswith("--") and "=" not in previous and previous != "--"
        short = re.fullmatch(r"-[A-Za-z]", previous) is not None
        if _NEGATIVE.match(arg) and (long or short):
            out[-1] = f"{previous}={arg}" if long else f"{previous}{arg}"
        else:
            out.append(arg)
    return out
