"""The ``reply`` subcommand: a saved provider reply, priced."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from tokencost._decimal import EXACT, normalize
from tokencost._errors import InvalidInputError
from tokencost._files import read_text_file, unique_keys
from tokencost._money import Money, format_amount
from tokencost._results import result
from tokencost.cli.options import (
    add_catalog_options,
    add_fx_options,
    catalog_from,
    fx_to_currency,
)
from tokencost.costing.lines import Cost
from tokencost.costing.reply import cost_reply
from tokencost.usage.replies import FORMATS, reply_time, reported_cost

__all__ = ["ReplyCost", "register"]


@result
@attrs.frozen
class ReplyCost:
    """A reply's cost, beside what the provider reported it charged."""

    cost: Cost
    """The cost of the reply."""
    reported: Money | None = None
    """What the provider says it charged (OpenRouter's ``usage.cost``)."""
    created: datetime | None = None
    """When the reply says it was created, if its prices were taken as of
    then (no ``--at``)."""

    @property
    def difference(self) -> Money | None:
        """The cost less the reported amount, when both are in one currency."""
        if self.reported is None or self.reported.currency != self.cost.currency:
            return None
        amount = EXACT.subtract(self.cost.total.amount, self.reported.amount)
        return Money(normalize(amount), self.cost.currency)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The cost's lines and total, then the reported amount, if any."""
        headers, rows = self.cost.table()
        if self.created is not None:
            rows.append(
                [
                    f"prices as of {_moment(self.created)} (reply created)",
                    "",
                    "",
                    "",
                ]
            )
        if self.reported is not None:
            rows.append(
                [
                    "reported by the provider",
                    "",
                    "",
                    f"{format_amount(self.reported.amount)} {self.reported.currency}",
                ]
            )
            difference = self.difference
            if difference is not None:
                rows.append(
                    [
                        "difference (cost - reported)",
                        "",
                        "",
                        f"{difference.amount} {difference.currency}",
                    ]
                )
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """The cost, and the reported amount and the difference if any."""
        data = self.cost.to_dict()
        data["created"] = None if self.created is None else _moment(self.created)
        if self.reported is not None:
            data["reported"] = {
                "amount": self.reported.amount,
                "currency": self.reported.currency,
            }
            difference = self.difference
            data["difference"] = None if difference is None else difference.amount
        return data


def _moment(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _read(path: Path) -> object:
    text = read_text_file(path)
    try:
        return json.loads(text, parse_float=Decimal, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "save the reply's body as one JSON object"
        ) from exc
    except InvalidInputError as exc:
        raise InvalidInputError(f"{path}: {exc}") from None


def _cmd_reply(args: argparse.Namespace) -> ReplyCost:
    fx = fx_to_currency(args)
    path = Path(args.file)
    reply = _read(path)
    if not isinstance(reply, dict):
        kind = "null" if reply is None else f"a {type(reply).__name__}"
        raise InvalidInputError(f"{path}: a reply is a JSON object, not {kind}")
    try:
        cost = cost_reply(
            reply,
            model=args.model,
            provider=args.provider,
            format=args.reply_format,
            variant=args.variant,
            at=args.at,
            currency=args.currency,
            fx=fx,
            catalog=catalog_from(args),
            ignore_fees=args.ignore_fees,
        )
    except InvalidInputError as exc:
        raise type(exc)(f"{path}: {exc}") from exc
    created = reply_time(reply) if args.at is None else None
    return ReplyCost(cost, reported_cost(reply), created)


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the ``reply`` subcommand to *sub*."""
    p = sub.add_parser(
        "reply",
        parents=[parent],
        help="the exact cost of a saved provider reply (a JSON file)",
    )
    p.add_argument("file", metavar="FILE.json", help="the reply's JSON body")
    p.add_argument("--model", help="the model to price, if the reply names none")
    p.add_argument(
        "--provider", help="look the model up at this provider (e.g. openrouter)"
    )
    p.add_argument(
        "--reply-format", choices=FORMATS, help="the reply's format, if not detected"
    )
    p.add_argument("--variant", help="a price variant, instead of the reply's tier")
    p.add_argument(
        "--at",
        metavar="DATE",
        help="price as of this day or moment (ISO); default when the reply "
        "says it was created, or now if it does not say",
    )
    p.add_argument(
        "--ignore-fees",
        action="store_true",
        help="price the reply's usage and leave out the charges it carries "
        "besides (web searches, tool calls, search request fees), which no "
        "price sheet holds and which are refused otherwise",
    )
    add_fx_options(p)
    add_catalog_options(p)
    p.set_defaults(handler=_cmd_reply)
