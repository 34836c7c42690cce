"""Gzip-compressed JSONL and CSV files (``usage.jsonl.gz``) are billed as
the files they hold, by either engine; a stream that is not gzip, is corrupt
or is cut short stops the bill with one line, the same in each engine; and a
file whose name no engine reads is refused by every engine alike (a
``.txt`` file was billed as JSON lines by DuckDB)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokencost as tc
from tests.engines.conftest import need

from .conftest import Run, one_error_line, record

ENGINES = ("python", "duckdb")
# GLM-5.2 on 2026-07-01: 1.40 in, 4.40 out per million; two records of
# 120,000 + 4,000 and one of 1,000 + 10 tokens: 0.3712 + 0.001444.
RECORDS = [
    record(project="a"),
    record(project="b"),
    record(project="a", input_tokens=1_000, output_tokens=10),
]
TOTAL = tc.Money(Decimal("0.372644"), "USD")
REFUSED = (
    "cannot tell the format of a bill file from its name: expected a .jsonl "
    "(or .ndjson, .json) file of JSON lines or a .csv file, either of them "
    "gzip-compressed (.jsonl.gz, .csv.gz), or a .parquet file"
)


def _engine(engine: str) -> None:
    if engine == "duckdb":
        need("duckdb")


def _text(records: list[dict[str, Any]], form: str) -> str:
    if form == "jsonl":
        return "".join(json.dumps(r) + "\n" for r in records)
    columns = sorted({key for r in records for key in r})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for r in records:
        writer.writerow([r.get(c, "") for c in columns])
    return out.getvalue()


def _gz(path: Path, text: str) -> Path:
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


class TestBilled:
    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize(
        "name", ["usage.jsonl.gz", "usage.ndjson.gz", "usage.csv.gz", "USAGE.CSV.GZ"]
    )
    def test_as_the_file_it_holds(self, tmp_path: Path, engine: str, name: str) -> None:
        _engine(engine)
        form = "csv" if ".csv" in name.lower() else "jsonl"
        path = _gz(tmp_path / name, _text(RECORDS, form))
        bill = tc.bill_file(path, by="project", engine=engine)
        assert bill.total() == TOTAL
        assert bill.records == 3
        assert [(g.key, g.records, g.total.amount) for g in bill.groups] == [
            (("a",), 2, Decimal("0.187044")),
            (("b",), 1, Decimal("0.1856")),
        ]

    def test_read_records(self, tmp_path: Path) -> None:
        path = _gz(tmp_path / "usage.jsonl.gz", _text(RECORDS, "jsonl"))
        assert list(tc.read_records(path)) == RECORDS

    def test_several_members(self, tmp_path: Path) -> None:
        """Two gzip streams one after the other (``cat a.gz b.gz``) hold
        the lines of both."""
        path = tmp_path / "usage.jsonl.gz"
        path.write_bytes(
            gzip.compress(_text(RECORDS[:2], "jsonl").encode())
            + gzip.compress(_text(RECORDS[2:], "jsonl").encode())
        )
        for engine in ENGINES:
            _engine(engine)
            assert tc.bill_file(path, engine=engine).total() == TOTAL

    def test_workers(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """With workers, a compressed file gives the plain file's bill (it
        is read in one process: byte ranges would cut the stream)."""
        from tokencost.billing import parallel

        monkeypatch.setattr(parallel, "_PARALLEL_FROM", 1 << 10)
        lines = _text(RECORDS, "jsonl") * 2_000
        path = _gz(tmp_path / "usage.jsonl.gz", lines)
        assert path.stat().st_size > 1 << 10
        plain = tmp_path / "usage.jsonl"
        plain.write_text(lines, encoding="utf-8")
        expected = tc.bill_file(plain, by="project", workers=2).to_dict()
        assert tc.bill_file(path, by="project", workers=2).to_dict() == expected
        assert Decimal(expected["totals"]["USD"]) == TOTAL.amount * 2_000

    def test_the_command(self, tmp_path: Path, cli: Run) -> None:
        path = _gz(tmp_path / "usage.jsonl.gz", _text(RECORDS, "jsonl"))
        status, out, err = cli("bill", str(path), "-f", "csv")
        assert (status, err) == (0, "")
        assert out.splitlines()[-1] == "total,3,,,,,0.372644,USD"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    counts=st.lists(
        st.tuples(
            st.integers(0, 300_000), st.integers(0, 50_000), st.sampled_from("xyz")
        ),
        min_size=1,
        max_size=12,
    ),
    form=st.sampled_from(["jsonl", "csv"]),
)
def test_the_same_bill_compressed_or_not(
    tmp_path: Path, counts: list[tuple[int, int, str]], form: str
) -> None:
    """Any records: the compressed file's bill is the plain file's, digit for
    digit, in each engine."""
    records = [record(input_tokens=i, output_tokens=o, project=p) for i, o, p in counts]
    text = _text(records, form)
    plain = tmp_path / f"usage.{form}"
    plain.write_text(text, encoding="utf-8")
    packed = _gz(tmp_path / f"usage.{form}.gz", text)
    expected = tc.bill_file(plain, by="project", engine="python").to_dict()
    for engine in ENGINES:
        _engine(engine)
        got = tc.bill_file(packed, by="project", engine=engine).to_dict()
        assert got == expected, engine


class TestRefused:
    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            (
                "usage.jsonl.gz",
                b'{"model": "glm-5.2"}\n',
                "usage.jsonl.gz:1: the file is not readable gzip-compressed "
                "data (Not a gzipped file (b'{\"'))",
            ),
            (
                "usage.csv.gz",
                gzip.compress(b"model,timestamp,input_tokens\n" * 50)[:30],
                "usage.csv.gz:1: the gzip-compressed data ends early: the file "
                "is cut short",
            ),
        ],
    )
    @pytest.mark.parametrize("engine", ENGINES)
    def test_a_bad_stream(
        self, tmp_path: Path, engine: str, name: str, data: bytes, message: str
    ) -> None:
        _engine(engine)
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill_file(path, engine=engine)
        assert str(caught.value) == f"{tmp_path}/{message}"

    @pytest.mark.parametrize("engine", ENGINES)
    def test_a_stream_cut_after_some_lines(self, tmp_path: Path, engine: str) -> None:
        """Cut after the first records: the bill stops, and bills none."""
        _engine(engine)
        data = gzip.compress(_text(RECORDS * 2_000, "jsonl").encode())
        path = tmp_path / "usage.jsonl.gz"
        path.write_bytes(data[: len(data) - 40])
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill_file(path, engine=engine)
        assert str(caught.value).endswith(
            ": the gzip-compressed data ends early: the file is cut short"
        )
        assert str(caught.value).startswith(f"{path}:")

    @pytest.mark.parametrize("engine", ENGINES)
    def test_a_bad_record_inside(self, tmp_path: Path, engine: str) -> None:
        """The line of the bad record in the file the stream holds."""
        _engine(engine)
        text = _text(RECORDS[:2], "jsonl") + '{"model": "glm-5.2"}\n'
        path = _gz(tmp_path / "usage.jsonl.gz", text)
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill_file(path, engine=engine)
        assert str(caught.value).startswith(f"{path}:3: ")
        with pytest.raises(tc.InvalidInputError) as plain:
            tc.bill([*RECORDS[:2], {"model": "glm-5.2"}])
        assert str(caught.value).endswith(str(plain.value).split(": ", 1)[1])

    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize("name", ["usage.txt", "usage.gz", "usage.parquet.gz"])
    def test_a_name_no_engine_reads(
        self, tmp_path: Path, engine: str, name: str
    ) -> None:
        _engine(engine)
        path = tmp_path / name
        path.write_text(_text(RECORDS, "jsonl"), encoding="utf-8")
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill_file(path, engine=engine)
        assert str(caught.value) == f"{path}: {REFUSED}"

    def test_the_command(self, tmp_path: Path, cli: Run) -> None:
        path = tmp_path / "usage.jsonl.gz"
        path.write_bytes(b"not gzip\n")
        status, out, err = cli("bill", str(path))
        assert (status, out) == (2, "")
        assert "not readable gzip-compressed data" in one_error_line(err)
