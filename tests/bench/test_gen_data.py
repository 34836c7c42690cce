"""bench/gen_data.py: every record it writes has a price that prices it."""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import tokencost as tc
from tokencost.billing.records import TOKEN_FIELDS

GEN_DATA = Path(__file__).parents[2] / "bench" / "gen_data.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_data", GEN_DATA)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_data = _load()


def cost_sum(records: list[dict[str, Any]]) -> dict[str, Decimal]:
    """The reference: cost() of every record, added up per currency."""
    totals: dict[str, Decimal] = {}
    for r in records:
        c = tc.cost(
            r["model"],
            tc.Usage(*(r.get(name, 0) for name in TOKEN_FIELDS)),
            at=r["timestamp"],
            variant=r.get("variant"),
        )
        totals[c.currency] = totals.get(c.currency, Decimal(0)) + c.total.amount
    return totals


def bill(path: Path) -> tc.Bill:
    return tc.bill_file(path, engine="python")


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


class TestGenerated:
    def test_a_generated_file_is_priced_whole(self, tmp_path: Path) -> None:
        """The Python engine bills every record of a generated file, and the
        totals are those of cost() on each record."""
        path = tmp_path / "requests.jsonl"
        gen_data.write(3_000, path)
        records = read(path)
        result = bill(path)
        assert result.records == len(records) == 3_000
        assert sum(g.records for g in result.groups) == 3_000
        assert {t.currency: t.amount for t in result.totals} == cost_sum(records)

    def test_the_same_seed_writes_the_same_file(self, tmp_path: Path) -> None:
        """A count and a seed always give the same file."""
        gen_data.write(200, tmp_path / "a.jsonl")
        gen_data.write(200, tmp_path / "b.jsonl")
        assert (tmp_path / "a.jsonl").read_bytes() == (
            tmp_path / "b.jsonl"
        ).read_bytes()


def extremes(
    model: str, first: str, reads: bool, writes: bool, batch: bool
) -> list[dict[str, Any]]:
    """Records at the first and last moment the generator can give *model*,
    with the largest prompt, every count the model prices, and batch when it
    is offered."""
    start = datetime.fromisoformat(first).replace(tzinfo=UTC)
    last = gen_data.ENDS.get(model, gen_data.LAST_DAY) - timedelta(seconds=1)
    prompt = 599_999
    read = prompt // 2 if reads else 0
    write = (prompt - read) // 3 if writes else 0
    records = []
    for moment in (start, last):
        for variant in ("batch", None) if batch else (None,):
            record: dict[str, Any] = {
                "model": model,
                "timestamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "input_tokens": prompt,
                "output_tokens": 7_999,
                "cache_read_tokens": read,
                "cache_write_tokens": write,
            }
            if variant:
                record["variant"] = variant
            records.append(record)
    return records


@pytest.mark.parametrize("spec", gen_data.MODELS, ids=[m[0] for m in gen_data.MODELS])
def test_every_model_is_priced_from_its_first_to_its_last_moment(
    tmp_path: Path, spec: tuple[str, int, str, bool, bool, bool]
) -> None:
    """A record at either end of a model's span, with every count it can
    carry, is priced (a start before the first period that prices cache
    reads, or an end after the last price, would fail here)."""
    model, _, first, reads, writes, batch = spec
    records = extremes(model, first, reads, writes, batch)
    path = tmp_path / "edges.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = bill(path)
    assert result.records == len(records)
    assert {t.currency: t.amount for t in result.totals} == cost_sum(records)
