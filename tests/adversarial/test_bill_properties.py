"""The bill of any record stream equals the sum of the per-record costs,
whatever the grouping and the worker count."""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokencost as tc

MODELS = [
    "glm-5.2",
    "zhipuai:glm-5.2",  # CNY
    "deepseek:deepseek-v4-flash",  # time-of-day windows
    "anthropic:claude-fable-5",
    "openai:gpt-5.5",
]
GROUPINGS = [
    "model",
    "day",
    "week",
    "hour",
    "month,provider",
    "window,project",
    "variant",
]

_timestamps = st.builds(
    lambda day, hour, minute: (
        f"2026-{day[0]:02d}-{day[1]:02d}T{hour:02d}:{minute:02d}:00Z"
    ),
    st.sampled_from([(7, 1), (7, 4), (9, 28), (10, 1), (10, 3), (11, 2)]),
    st.integers(0, 23),
    st.integers(0, 59),
)


@st.composite
def _records(draw: st.DrawFn) -> dict[str, Any]:
    input_tokens = draw(st.integers(0, 300_000))
    read = draw(st.integers(0, input_tokens))
    write = draw(st.integers(0, input_tokens - read))
    model = draw(st.sampled_from(MODELS))
    return {
        "model": model,
        "timestamp": draw(_timestamps),
        "input_tokens": input_tokens,
        "output_tokens": draw(st.integers(0, 50_000)),
        "cache_read_tokens": read,
        # Only Anthropic of these prices cache writes.
        "cache_write_tokens": write if model.startswith("anthropic:") else 0,
        "project": draw(st.sampled_from(["a", "b", "c"])),
    }


def _expected(records: list[dict[str, Any]]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for rec in records:
        result = tc.cost(
            rec["model"],
            input_tokens=rec["input_tokens"],
            output_tokens=rec["output_tokens"],
            cache_read_tokens=rec["cache_read_tokens"],
            cache_write_tokens=rec["cache_write_tokens"],
            at=rec["timestamp"],
        )
        totals[result.total.currency] += result.total.amount
    return dict(totals)


@pytest.fixture
def parallel_from_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split files of any size between workers, so small examples exercise
    the parallel path."""
    from tokencost.billing import parallel

    monkeypatch.setattr(parallel, "_PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel, "_HEAD", 64)


class TestBillEqualsSumOfCosts:
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )
    @given(
        records=st.lists(_records(), max_size=40),
        by=st.sampled_from(GROUPINGS),
        workers=st.sampled_from([1, 2, 3]),
    )
    def test_file(
        self,
        parallel_from_zero: None,
        records: list[dict[str, Any]],
        by: str,
        workers: int,
    ) -> None:
        expected = _expected(records)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "r.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in records))
            result = tc.bill_file(path, by=by, workers=workers)
        assert {t.currency: t.amount for t in result.totals} == expected
        assert result.records == len(records)
        assert sum(g.records for g in result.groups) == len(records)
        for group in result.groups:
            assert group.total.amount == sum(p.total.amount for p in group.parts)

    @settings(max_examples=40, deadline=None)
    @given(records=st.lists(_records(), max_size=40), by=st.sampled_from(GROUPINGS))
    def test_in_memory(self, records: list[dict[str, Any]], by: str) -> None:
        result = tc.bill(records, by=by)
        assert {t.currency: t.amount for t in result.totals} == _expected(records)
        assert result.records == len(records)
