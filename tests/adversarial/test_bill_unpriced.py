"""A record that uses a component its prices lack (a cache read in a batch
variant with no cache-read price, a prompt in a long-context tier that
prices nothing) stops the bill with its own file:line and its own count, in
every engine and for every kind of input, though the engines find it only
when they price their sums."""

from __future__ import annotations

import csv
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tests.engines.conftest import need

from .conftest import Run, jsonl, one_error_line

MOMENT = "2026-11-01T10:00:00Z"
# Azure's EU GPT-4.1 batch prices give input and output only: its sheet
# lists the cache read as unpriced. 10 x 1.10 + 5 x 4.40 per million.
OK = {
    "model": "azure:eu/gpt-4.1",
    "variant": "batch",
    "timestamp": MOMENT,
    "input_tokens": 10,
    "output_tokens": 5,
}
OK_COST = tc.Money("0.000033", "USD")
BAD = {**OK, "input_tokens": 1000, "cache_read_tokens": 500}
MESSAGE = (
    "azure:eu/gpt-4.1 has no known cache-read price in its batch prices, so "
    "500 cache-read tokens cannot be priced"
)
# Azure's EU GPT-5.4 priority prices have a tier from 272,001 prompt tokens
# that prices nothing.
TIER_OK = {
    "model": "azure:eu/gpt-5.4",
    "variant": "priority",
    "timestamp": MOMENT,
    "input_tokens": 272_000,
    "output_tokens": 5,
}
TIER_BAD = {**TIER_OK, "input_tokens": 300_000}
TIER_MESSAGE = (
    "azure:eu/gpt-5.4 has no known input price in its priority prices, for "
    "prompts of 272,001 tokens or more, so 300,000 input tokens cannot be "
    "priced"
)

ENGINES = ("python", "duckdb")


def _columns(records: list[dict[str, Any]]) -> list[str]:
    return sorted({key for record in records for key in record})


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    """*records* as a JSONL, CSV or Parquet file, by *path*'s suffix."""
    if path.suffix == ".jsonl":
        return jsonl(path, records)
    columns = _columns(records)
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            for record in records:
                writer.writerow([record.get(c, "") for c in columns])
        return path
    need("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(
        pa.table({c: [r.get(c) for r in records] for c in columns}), str(path)
    )
    return path


def _where(path: Path, index: int) -> str:
    """How an error names the record *index* (from 1) of *path*: a line of
    text (after the CSV header), a record of Parquet."""
    if path.suffix == ".jsonl":
        return f"{path}:{index}"
    if path.suffix == ".csv":
        return f"{path}:{index + 1}"
    return f"{path}: record {index}"


def _engine(engine: str) -> None:
    if engine == "duckdb":
        need("duckdb")


class TestFiles:
    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
    @pytest.mark.parametrize(
        ("records", "index"),
        [
            ([BAD], 1),
            ([BAD, OK], 1),
            ([OK, BAD], 2),
            ([OK, OK, BAD, OK, BAD], 3),  # the same record twice: the first
            ([OK, BAD, BAD], 2),
        ],
        ids=["only", "first", "last", "middle", "duplicated"],
    )
    def test_the_record_is_named(
        self,
        tmp_path: Path,
        engine: str,
        suffix: str,
        records: list[dict[str, Any]],
        index: int,
    ) -> None:
        """The error names the first record that uses the unpriced
        component, and counts its tokens (500), not the sum's (1,000)."""
        _engine(engine)
        path = _write(tmp_path / f"usage{suffix}", records)
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill_file(path, engine=engine)
        assert str(caught.value) == f"{_where(path, index)}: {MESSAGE}"

    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
    def test_a_tier_that_prices_nothing(
        self, tmp_path: Path, engine: str, suffix: str
    ) -> None:
        """A prompt above the tier's threshold: its own 300,000 tokens."""
        _engine(engine)
        records = [TIER_OK, TIER_OK, TIER_BAD, {**TIER_BAD, "input_tokens": 400_000}]
        path = _write(tmp_path / f"usage{suffix}", records)
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill_file(path, engine=engine)
        assert str(caught.value) == f"{_where(path, 3)}: {TIER_MESSAGE}"

    @pytest.mark.parametrize("engine", ENGINES)
    def test_below_the_tier_all_is_billed(self, tmp_path: Path, engine: str) -> None:
        """272,000 prompt tokens are below the tier: billed, at 5.5 and 33
        USD per million (priority), 1.496 + 0.000165."""
        _engine(engine)
        path = _write(tmp_path / "usage.jsonl", [TIER_OK, TIER_OK])
        assert tc.bill_file(path, engine=engine).total() == tc.Money("2.99233", "USD")

    @pytest.mark.parametrize("engine", ENGINES)
    def test_first_in_the_file_not_first_priced(
        self, tmp_path: Path, engine: str
    ) -> None:
        """The sums of the batch prices are priced first (their first record
        comes first), and fail too; the first bad record is the tier's."""
        _engine(engine)
        path = _write(tmp_path / "usage.jsonl", [OK, TIER_OK, TIER_BAD, BAD])
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill_file(path, engine=engine)
        assert str(caught.value) == f"{path}:3: {TIER_MESSAGE}"

    @pytest.mark.parametrize("engine", ENGINES)
    def test_before_a_malformed_line(self, tmp_path: Path, engine: str) -> None:
        """A record that cannot be priced, then a line that is no record:
        the bill stops at the first of the two."""
        _engine(engine)
        path = jsonl(tmp_path / "usage.jsonl", [OK, BAD, OK, "{not json"])
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill_file(path, engine=engine)
        assert str(caught.value) == f"{path}:2: {MESSAGE}"

    @pytest.mark.parametrize("engine", ENGINES)
    def test_after_a_malformed_line(self, tmp_path: Path, engine: str) -> None:
        """The line that is no record comes first: its error."""
        _engine(engine)
        path = jsonl(tmp_path / "usage.jsonl", [OK, "{not json", BAD])
        with pytest.raises(tc.InvalidInputError, match=r"usage\.jsonl:2: "):
            tc.bill_file(path, engine=engine)

    @pytest.mark.parametrize(
        ("engine", "index"),
        [("python", 1), ("python", 50_000), ("python", 100_000), ("duckdb", 50_000)],
    )
    def test_one_in_100k(self, tmp_path: Path, engine: str, index: int) -> None:
        """One bad record among 100,000, first, in the middle or last."""
        _engine(engine)
        line = json.dumps(OK)
        lines = [line] * 100_000
        lines[index - 1] = json.dumps(BAD)
        path = jsonl(tmp_path / "usage.jsonl", lines)
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill_file(path, engine=engine)
        assert str(caught.value) == f"{path}:{index}: {MESSAGE}"

    def test_100k_billed(self, tmp_path: Path) -> None:
        """Without the bad record, the 100,000 records are billed."""
        path = jsonl(tmp_path / "usage.jsonl", [json.dumps(OK)] * 100_000)
        assert tc.bill_file(path).total() == OK_COST * 100_000

    def test_with_parallel_workers(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Summed in worker processes, the record is named as by one."""
        from tokencost.billing import parallel

        monkeypatch.setattr(parallel, "_PARALLEL_FROM", 0)
        monkeypatch.setattr(parallel, "_HEAD", 64)
        path = jsonl(tmp_path / "usage.jsonl", [OK] * 30 + [BAD] + [OK] * 9)
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill_file(path, workers=3)
        assert str(caught.value) == f"{path}:31: {MESSAGE}"

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
    def test_a_named_pipe(self, tmp_path: Path) -> None:
        """A pipe is read once: each record is checked as it is read."""
        path = tmp_path / "usage.jsonl"
        os.mkfifo(path)
        text = "".join(json.dumps(r) + "\n" for r in [OK, OK, BAD, OK])

        def feed() -> None:
            with path.open("w", encoding="utf-8") as out:
                out.write(text)

        writer = threading.Thread(target=feed)
        writer.start()
        try:
            with pytest.raises(tc.NoPriceError) as caught:
                tc.bill_file(path)
        finally:
            writer.join(timeout=10)
        assert str(caught.value) == f"{path}:3: {MESSAGE}"

    @pytest.mark.parametrize("engine", ENGINES)
    def test_the_command(self, tmp_path: Path, cli: Run, engine: str) -> None:
        """`tokencost bill` says it in one line, with exit status 1."""
        _engine(engine)
        path = jsonl(tmp_path / "usage.jsonl", [OK, BAD])
        status, out, err = cli("bill", str(path), "--engine", engine)
        assert status == 1
        assert out == ""
        assert one_error_line(err) == f"tokencost: error: {path}:2: {MESSAGE}"


def _records(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    yield from items


class TestRecords:
    @pytest.mark.parametrize(
        ("records", "index"),
        [([BAD], 1), ([OK, BAD], 2), ([OK, TIER_OK, TIER_BAD, BAD], 3)],
    )
    @pytest.mark.parametrize("kind", ["list", "iterator"])
    def test_record_number(
        self, records: list[dict[str, Any]], index: int, kind: str
    ) -> None:
        """A list is read again to name the record; an iterator, read once,
        has each record checked as it is read: the same error."""
        given = records if kind == "list" else _records(records)
        message = TIER_MESSAGE if records[index - 1] is TIER_BAD else MESSAGE
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill(given)
        assert str(caught.value) == f"record {index}: {message}"

    @pytest.mark.parametrize("kind", ["list", "iterator"])
    def test_billed(self, kind: str) -> None:
        """Records that use no unpriced component are billed either way."""
        records = [OK, TIER_OK, OK]
        given = records if kind == "list" else _records(records)
        assert tc.bill(given).total() == OK_COST * 2 + tc.Money("1.496165", "USD")

    @pytest.mark.parametrize("frame", ["arrow", "pandas", "polars"])
    @pytest.mark.parametrize("call", [tc.bill, tc.price_records])
    def test_tables(self, frame: str, call: Any) -> None:
        """A DataFrame or an Arrow table: the row, as for a list."""
        need("duckdb")
        pa = need("pyarrow")
        records = [OK, OK, BAD, OK]
        table = pa.table({c: [r.get(c) for r in records] for c in _columns(records)})
        data: Any = table
        if frame == "pandas":
            need("pandas")
            data = table.to_pandas()
        elif frame == "polars":
            data = need("polars").from_arrow(table)
        with pytest.raises(tc.NoPriceError) as caught:
            call(data)
        assert str(caught.value) == f"record 3: {MESSAGE}"

    def test_an_unknown_variant(self) -> None:
        """An unknown variant was always named with its record."""
        with pytest.raises(tc.NoPriceError, match=r"^record 2: no 'nope' variant "):
            tc.bill([OK, {**OK, "variant": "nope"}])
