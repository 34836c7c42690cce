"""The catalog subcommands: import and sources."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import attrs

from tokencost._errors import InvalidInputError
from tokencost._render import Renderable
from tokencost.cli.options import add_catalog_options, catalog_from

__all__ = ["ImportResult", "register"]

IMPORTERS = ("litellm", "genai-prices", "llm-prices")


@attrs.frozen
class ImportResult:
    """The sheets an import wrote: one row per file, then what was left out."""

    files: tuple[tuple[str, str, int], ...]
    """(provider, file written, number of models) per sheet."""
    skipped: tuple[tuple[str, int], ...] = ()
    """(reason, number of upstream entries) for each reason an entry was
    left out."""

    def table(self) -> tuple[list[str], list[list[str]]]:
        rows = [[p, f, f"{n:,}"] for p, f, n in self.files]
        total = sum(n for *_, n in self.files)
        rows.append([f"total ({len(self.files)} providers)", "", f"{total:,}"])
        rows += [["skipped", reason, f"{n:,}"] for reason, n in self.skipped]
        return ["provider", "file", "models"], rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": [
                {"provider": p, "file": f, "models": n} for p, f, n in self.files
            ],
            "skipped": dict(self.skipped),
        }


def _cmd_import(args: argparse.Namespace) -> Renderable:
    from tokencost.importers.genai_prices import import_genai_prices
    from tokencost.importers.litellm import import_litellm
    from tokencost.importers.llm_prices import import_llm_prices
    from tokencost.importers.toml import sheet_to_toml

    providers = args.provider or None
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InvalidInputError(
            f"--out {str(out)!r} is a file, not a folder: name a folder to write "
            "one sheet per provider into"
        )
    skipped: Counter[str] = Counter()
    if args.source == "litellm":
        sheets = import_litellm(
            args.files[0], checked=args.checked, providers=providers, skipped=skipped
        )
    elif args.source == "genai-prices":
        sheets = import_genai_prices(
            args.files[0], checked=args.checked, providers=providers, skipped=skipped
        )
    else:
        sheets = import_llm_prices(*args.files, checked=args.checked, skipped=skipped)
        if providers:
            sheets = [s for s in sheets if s.provider in providers]
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for sheet in sheets:
            path = out / f"{sheet.provider}.toml"
            header = f"Imported by `tokencost import {args.source}`."
            path.write_text(sheet_to_toml(sheet, header=header), encoding="utf-8")
            written.append((sheet.provider, str(path), len(sheet.models)))
    except OSError as exc:
        raise InvalidInputError(
            f"cannot write into --out {str(out)!r}: {exc.strerror or exc}"
        ) from None
    return ImportResult(tuple(written), tuple(sorted(skipped.items())))


def _cmd_sources(args: argparse.Namespace) -> Renderable:
    from tokencost.prices.sources import sources

    return sources(args.model, catalog=catalog_from(args))


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the catalog subcommands to *sub*."""
    p = sub.add_parser(
        "import",
        parents=[parent],
        help="turn LiteLLM, genai-prices or llm-prices data into TOML sheets",
    )
    p.add_argument("source", choices=IMPORTERS, help="the format of FILE")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="the data file (llm-prices: vendor files or a folder of them)",
    )
    p.add_argument(
        "--out", "-d", default=".", metavar="DIR",
        help="where to write one sheet per provider (default: here)",
    )  # fmt: skip
    p.add_argument(
        "--provider", action="append", metavar="ID",
        help="only this tokencost provider id; repeatable",
    )  # fmt: skip
    p.add_argument(
        "--checked",
        metavar="DATE",
        help="the day the data was read, if known (default: no date)",
    )
    p.set_defaults(handler=_cmd_import)

    p = sub.add_parser(
        "sources",
        parents=[parent],
        help="what each source of the catalog says about a model's price",
    )
    p.add_argument("model", help="a model name, e.g. glm-5.2")
    add_catalog_options(p)
    p.set_defaults(handler=_cmd_sources)
