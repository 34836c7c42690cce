"""
Checks on the curated sheets that fail the build, each naming the file and
the model: a figure without a source or a kind, a first-party figure without
the day it was read, periods that overlap or run backwards, a variant that
leaves out a component its standard price has (without listing it as
``unpriced``), and tier thresholds that do not rise.

They run on the raw TOML data, before the sheet models validate it, so the
message can name the model by its id rather than by its position.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tokencost.prices.moments import moment_text, utc_moment
from tokencost.prices.sheets import check_bound

KINDS = ("first-party", "aggregator", "secondary")
COMPONENTS = (
    "input_mtok",
    "output_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
    "cache_write_1h_mtok",
    "reasoning_mtok",
    "request",
    "input_audio_mtok",
    "input_image_mtok",
    "input_video_mtok",
    "output_audio_mtok",
    "output_image_mtok",
    "cache_read_audio_mtok",
)


class BuildError(Exception):
    """A curated sheet the build refuses, with every problem found."""


def check_curated(path: Path, data: Mapping[str, Any]) -> list[str]:
    """Every problem in one curated sheet, as ``file: model ...: problem``."""
    problems = []
    for model in data.get("models", ()):
        where = f"{path}: model {model.get('id', '?')!r}"
        problems += [f"{where}: {p}" for p in _model(model)]
    return problems


def _model(model: Mapping[str, Any]) -> Iterator[str]:
    periods = list(model.get("periods", ()))
    for number, period in enumerate(periods, start=1):
        yield from (f"period {number}: {p}" for p in _period(period))
        yield from (f"period {number}: {p}" for p in _bounds(period))
    for number, (before, after) in enumerate(itertools.pairwise(periods), start=2):
        start, prior = _moment(after.get("from")), _moment(before.get("from"))
        until = _moment(before.get("until"))
        if start is None:
            yield f"period {number} has no 'from' date; only the first may omit it"
        elif prior is not None and start <= prior:
            yield (
                f"periods overlap or are out of order: period {number} starts "
                f"{moment_text(start)}, not after {moment_text(prior)}"
            )
        elif until is not None and until > start:
            yield (
                f"periods overlap: period {number - 1} runs until "
                f"{moment_text(until)}, after period {number} starts at "
                f"{moment_text(start)}"
            )


def _moment(value: Any) -> datetime | None:
    # A bound the checks below refuse (a moment without an offset) still
    # compares, so every problem of the sheet is listed at once.
    return None if not isinstance(value, date) else utc_moment(value)


def _bounds(period: Mapping[str, Any]) -> Iterator[str]:
    """A `from` or `until` that is neither a day nor a whole minute in UTC,
    and an `until` not after its `from`."""
    for field in ("from", "until"):
        value = period.get(field)
        if value is None:
            continue
        if not isinstance(value, date):
            yield f"'{field}' must be a day or a moment in UTC, not {value!r}"
            continue
        try:
            check_bound(value, field)
        except ValueError as exc:
            yield str(exc)
    start, until = _moment(period.get("from")), _moment(period.get("until"))
    if start is not None and until is not None and until <= start:
        yield (
            f"'until' ({moment_text(until)}) must be after 'from' "
            f"({moment_text(start)})"
        )


def _period(period: Mapping[str, Any]) -> Iterator[str]:
    if not str(period.get("source", "")).strip():
        yield "a curated figure needs a 'source'"
    kind = period.get("kind")
    if kind not in KINDS:
        yield f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}"
    checked = period.get("checked")
    if kind == "first-party" and not isinstance(checked, date):
        yield "a first-party figure needs 'checked', the day its page was read"
    yield from _tiers("standard", period)
    standard = {c for c in COMPONENTS if period.get(c) is not None}
    for name, variant in sorted(period.get("variants", {}).items()):
        given = {c for c in COMPONENTS if c in variant}
        missing = sorted(standard - given - set(variant.get("unpriced", ())))
        if missing:
            yield (
                f"variant {name!r} lacks {', '.join(missing)}, which the "
                "standard price has; give every component, list the ones the "
                "source does not state in 'unpriced' (or leave the variant out)"
            )
        yield from _tiers(f"variant {name!r}", variant)
    for window in period.get("windows", ()):
        yield from _tiers(f"window {window.get('name', '?')!r}", window)


def _tiers(what: str, schedule: Mapping[str, Any]) -> Iterator[str]:
    thresholds = [t.get("min_input_tokens") for t in schedule.get("tiers", ())]
    for before, after in itertools.pairwise(thresholds):
        if not (isinstance(before, int) and isinstance(after, int) and after > before):
            yield (f"{what}: tier thresholds must rise, got {before} then {after}")
