"""Random usage records that reach every shape of the price table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

import tokencost as tc
from tests.engines.conftest import SHEETS

#: Names that exercise tiers, windows, variants, dated periods, two
#: currencies, aliases, case, input-only models, cached-audio prices (lab-1
#: before June 2026, Gemini 2.5 Flash), a window that starts after Monday
#: 00:00 (DeepSeek V4 Flash's peak hours), components a variant or a tier
#: leaves unpriced (Azure's EU GPT-4.1 batch prices have no cache read; its
#: EU GPT-5.4 priority prices nothing from 272,001 prompt tokens) and an
#: unknown name.
MODELS = (
    "lab-1",
    "lab-one",
    "LAB:lab-1",
    "lab-embed",
    "acme-1",
    "deepseek-chat",
    "zhipuai:glm-5.2",
    "gpt-5.5",
    "yuan-1",
    "claude-sonnet-4-5",
    "gemini-2.5-flash",
    "deepseek:deepseek-v4-flash",
    "azure:eu/gpt-4.1",
    "azure:eu/gpt-5.4",
    "glm-9",
)
_FIRST = datetime(2024, 12, 1, tzinfo=UTC)
_MINUTES = int((datetime(2026, 12, 31, tzinfo=UTC) - _FIRST).total_seconds() // 60)


@st.composite
def timestamps(draw: st.DrawFn) -> str:
    """An ISO timestamp: UTC with Z (to the second or the microsecond), an
    offset (of whole, half or three-quarter hours), naive, or a bare day."""
    moment = _FIRST + timedelta(
        minutes=draw(st.integers(0, _MINUTES)), seconds=draw(st.integers(0, 59))
    )
    form = draw(st.sampled_from(("Z", "micro", "offset", "naive", "day")))
    if form == "day":
        return moment.strftime("%Y-%m-%d")
    if form == "naive":
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    if form == "Z":
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == "micro":
        moment += timedelta(microseconds=draw(st.integers(0, 999_999)))
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    hours = draw(st.integers(-11, 12))
    minutes = draw(st.sampled_from((0, 30, 45)))
    return moment.astimezone(
        __import__("datetime").timezone(timedelta(hours=hours, minutes=minutes))
    ).isoformat()


@st.composite
def records(draw: st.DrawFn, *, bad: bool = True) -> dict[str, Any]:
    """One record of the JSONL format."""
    prompt = draw(
        st.one_of(
            st.sampled_from((0, 99_999, 100_000, 200_000, 200_001, 272_001)),
            st.integers(0, 400_000),
        )
    )
    read = draw(st.integers(0, prompt))
    write = draw(st.integers(0, prompt - read)) if draw(st.booleans()) else 0
    hour = draw(st.integers(0, prompt - read - write)) if draw(st.booleans()) else 0
    output = draw(st.integers(0, 50_000))
    reasoning = draw(st.integers(0, output)) if draw(st.booleans()) else 0
    # Cached audio, a part of the cache reads, now and then.
    audio = draw(st.integers(0, read)) if read and draw(st.booleans()) else 0
    record: dict[str, Any] = {
        "model": draw(st.sampled_from(MODELS if bad else MODELS[:-1])),
        "timestamp": draw(timestamps()),
        "input_tokens": prompt,
        "output_tokens": output,
    }
    for name, value in (
        ("cache_read_tokens", read),
        ("cache_write_tokens", write),
        ("cache_write_1h_tokens", hour),
        ("reasoning_tokens", reasoning),
        ("cache_read_audio_tokens", audio),
    ):
        if value or draw(st.booleans()):
            record[name] = value
    variant = draw(
        st.sampled_from((None, None, "batch", "flex", "standard", "priority"))
    )
    if variant is not None:
        record["variant"] = variant
    # Now and then a field DuckDB does not read but the Python engine does
    # (a provider's token count, another modality), or one nobody reads.
    extra = draw(
        st.sampled_from(
            (None,) * 8 + ("prompt_tokens", "input_audio_tokens", "request_id")
        )
    )
    if extra is not None:
        record[extra] = draw(st.integers(0, 1_000))
    project = draw(st.sampled_from((None, "search", "agents")))
    if project is not None:
        record["project"] = project
    return record


#: The catalog the records are priced on: the bundled one and the test sheets.
CATALOG = tc.load_catalog(*SHEETS, bundled=True)


def _priced(record: dict[str, Any]) -> bool:
    """Whether the Python engine bills *record* (on the test catalog)."""
    try:
        tc.bill([record], catalog=CATALOG)
    except tc.TokencostError:
        return False
    return True


def streams(
    *, bad: bool = True, max_size: int = 12
) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Lists of records. With *bad*, any record (so most lists hold one the
    Python engine refuses); without, only records it bills."""
    one = records(bad=bad)
    if not bad:
        one = one.filter(_priced)
    return st.lists(one, min_size=1, max_size=max_size)
