"""
The longest line and the longest CSV field a bill reads are the same in
both engines: DuckDB billed a JSONL line or a CSV record over 1 MiB, and a
CSV field over 131,072 characters, which the Python engine refuses. Now
DuckDB leaves any such file to the Python engine, which names the line;
files whose lines are all shorter are still summed by DuckDB.
"""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tests.engines.conftest import need
from tokencost._files import MAX_LINE
from tokencost.billing.columnar import file_sums

from .conftest import record

ENGINES = ("python", "duckdb")
# GLM-5.2 on 2026-07-01: 1.40 in, 4.40 out per million; 120,000 + 4,000
# tokens a record: 0.168 + 0.0176 = 0.1856.
ONE = Decimal("0.1856")


def line_of(size: int, padding: int = 0) -> str:
    """A record's JSON text of exactly *size* bytes, then *padding* spaces."""
    empty = json.dumps(record(note=""))
    text = json.dumps(record(note="x" * (size - len(empty))))
    assert len(text.encode()) == size
    return text + " " * padding


def jsonl(path: Path, *middle: str, newline: str = "\n") -> Path:
    lines = [json.dumps(record()), *middle, json.dumps(record())]
    path.write_bytes(newline.join(lines).encode() + newline.encode())
    return path


def bill(path: Path, engine: str) -> tc.Bill:
    if engine == "duckdb":
        need("duckdb")
    return tc.bill_file(path, engine=engine)


def summed_by_duckdb(path: Path) -> bool:
    need("duckdb")
    return file_sums(path, ("model",), tc.default_catalog()) is not None


REFUSED = "a line longer than 1 MiB: not a record"


class TestJsonLines:
    @pytest.mark.parametrize("engine", ENGINES)
    def test_the_longest_line_read(self, tmp_path: Path, engine: str) -> None:
        """A line of MAX_LINE - 1 bytes, then its newline, is a record."""
        path = jsonl(tmp_path / "usage.jsonl", line_of(MAX_LINE - 1))
        assert bill(path, engine).total() == tc.Money(3 * ONE, "USD")

    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize(
        ("size", "padding"),
        [(MAX_LINE, 0), (MAX_LINE + 1, 0), (2 * MAX_LINE, 0), (200, MAX_LINE)],
        ids=["limit", "limit+1", "twice", "padded"],
    )
    def test_a_longer_line(
        self, tmp_path: Path, engine: str, size: int, padding: int
    ) -> None:
        path = jsonl(tmp_path / "usage.jsonl", line_of(size, padding))
        with pytest.raises(tc.InvalidInputError) as caught:
            bill(path, engine)
        assert str(caught.value) == f"{path}:2: {REFUSED}"

    @pytest.mark.parametrize("engine", ENGINES)
    def test_compressed(self, tmp_path: Path, engine: str) -> None:
        plain = jsonl(tmp_path / "plain.jsonl", line_of(MAX_LINE + 10))
        path = tmp_path / "usage.jsonl.gz"
        path.write_bytes(gzip.compress(plain.read_bytes()))
        with pytest.raises(tc.InvalidInputError, match=f"^{path}:2: {REFUSED}$"):
            bill(path, engine)

    def test_duckdb_still_sums_the_files_it_can(self, tmp_path: Path) -> None:
        long = jsonl(tmp_path / "long.jsonl", line_of(MAX_LINE - 1000))
        crlf = jsonl(tmp_path / "crlf.jsonl", json.dumps(record()), newline="\r\n")
        padded = jsonl(tmp_path / "padded.jsonl", line_of(300, 5_000))
        assert summed_by_duckdb(long)
        assert summed_by_duckdb(crlf)
        assert summed_by_duckdb(padded)
        assert not summed_by_duckdb(jsonl(tmp_path / "over.jsonl", line_of(MAX_LINE)))
        for path in (long, crlf, padded):
            assert bill(path, "duckdb").total() == bill(path, "python").total()


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    columns = sorted({key for row in rows for key in row})
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
    return path


class TestCsv:
    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize(
        ("note", "error"),
        [
            ("x" * 131_072, None),
            ("é" * 100_000, None),  # 200,000 bytes, 100,000 characters
            ("x" * 131_073, "a field longer than 131,072 characters"),
            ("x" * (MAX_LINE + 10), REFUSED),
        ],
        ids=["field-limit", "multibyte", "field-limit+1", "line"],
    )
    def test_limits(
        self, tmp_path: Path, engine: str, note: str, error: str | None
    ) -> None:
        """The line limit counts characters in CSV, like the field limit."""
        rows = [record(note="a"), record(note=note), record(note="b")]
        path = write_csv(tmp_path / "usage.csv", rows)
        if error is None:
            assert bill(path, engine).total() == tc.Money(3 * ONE, "USD")
        else:
            with pytest.raises(tc.InvalidInputError) as caught:
                bill(path, engine)
            assert str(caught.value) == f"{path}:3: {error}"

    @pytest.mark.parametrize("engine", ENGINES)
    def test_the_callers_field_limit(self, tmp_path: Path, engine: str) -> None:
        """Python's csv limit is the process's: both engines follow it."""
        path = write_csv(tmp_path / "usage.csv", [record(note="x" * 2_000)])
        old = csv.field_size_limit(1_000)
        try:
            with pytest.raises(
                tc.InvalidInputError, match="a field longer than 1,000 characters"
            ):
                bill(path, engine)
        finally:
            csv.field_size_limit(old)
        assert bill(path, engine).total() == tc.Money(ONE, "USD")
