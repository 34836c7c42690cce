"""A bill grouped by a field no record has (``--by projcet``) is refused,
naming the field and the fields the records have, in every engine; a field
some records have and others lack groups the others under ``-``."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tests.engines.conftest import need

from .conftest import Run, jsonl, one_error_line, record

ENGINES = ("python", "duckdb")
REFUSED = (
    "cannot group by 'projcet': no record has a value for it (did you mean "
    "'project'?); group by model, provider, variant, window, hour, day, week, "
    "month or a field of the records (here: customer, project)"
)
# GLM-5.2 on 2026-07-01, 120,000 input and 4,000 output tokens.
GLM = tc.Money("0.1856", "USD")


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    columns = sorted({key for r in records for key in r})
    if path.suffix == ".jsonl":
        return jsonl(path, records)
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(columns)
            for r in records:
                writer.writerow([r.get(c, "") for c in columns])
        return path
    need("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({c: [r.get(c) for r in records] for c in columns}), path)
    return path


RECORDS = [
    record(project="search"),
    record(customer="acme"),
    record(project="agents", customer="acme"),
]


def _engine(engine: str) -> None:
    if engine == "duckdb":
        need("duckdb")


class TestNoRecordHasIt:
    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
    def test_files(self, tmp_path: Path, engine: str, suffix: str) -> None:
        """JSONL, CSV and Parquet, either engine: the same error."""
        _engine(engine)
        path = _write(tmp_path / f"usage{suffix}", RECORDS)
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill_file(path, by="model,projcet", engine=engine)
        assert str(caught.value) == REFUSED

    @pytest.mark.parametrize("by", ["projcet", "day,projcet", "hour,projcet"])
    def test_records(self, by: str) -> None:
        """Whatever it is grouped by beside it."""
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill(RECORDS, by=by)
        assert str(caught.value) == REFUSED

    def test_one_record(self) -> None:
        """One record, no field beside the bill's own: none to name."""
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill([record()], by="project")
        assert str(caught.value) == (
            "cannot group by 'project': no record has a value for it; group by "
            "model, provider, variant, window, hour, day, week, month or a "
            "field of the records (here: none)"
        )

    def test_a_misspelt_field_of_its_own(self) -> None:
        """`modle` is refused, with the field it resembles."""
        with pytest.raises(tc.InvalidInputError, match=r"\(did you mean 'model'\?\)"):
            tc.bill([record()], by="modle")

    @pytest.mark.parametrize("value", [None, ""])
    def test_every_value_empty(self, tmp_path: Path, value: str | None) -> None:
        """A field every record gives as null or empty has no value to group
        by: refused too, in JSONL (where the key is there) as in CSV."""
        records = [record(project=value), record(project=value)]
        path = _write(tmp_path / "usage.jsonl", records)
        for engine in ENGINES:
            _engine(engine)
            with pytest.raises(
                tc.InvalidInputError,
                match=r"^cannot group by 'project': no record has a value for it;",
            ):
                tc.bill_file(path, by="project", engine=engine)

    @pytest.mark.parametrize("frame", ["arrow", "pandas", "polars"])
    def test_tables(self, frame: str) -> None:
        """A DataFrame or an Arrow table, summed by DuckDB: the same error."""
        need("duckdb")
        pa = need("pyarrow")
        columns = sorted({key for r in RECORDS for key in r})
        table = pa.table({c: [r.get(c) for r in RECORDS] for c in columns})
        data: Any = table
        if frame == "pandas":
            need("pandas")
            data = table.to_pandas()
        elif frame == "polars":
            data = need("polars").from_arrow(table)
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill(data, by="projcet")
        assert str(caught.value) == REFUSED

    def test_100k_records(self, tmp_path: Path) -> None:
        """Among 100,000 records, in either engine."""
        lines = [json.dumps(r) for r in RECORDS] * 33_334
        path = jsonl(tmp_path / "usage.jsonl", lines[:100_000])
        for engine in ENGINES:
            _engine(engine)
            with pytest.raises(tc.InvalidInputError) as caught:
                tc.bill_file(path, by="projcet", engine=engine)
            assert str(caught.value) == REFUSED

    @pytest.mark.parametrize("engine", ENGINES)
    def test_the_command(self, tmp_path: Path, cli: Run, engine: str) -> None:
        """Bad usage: one line, exit status 2."""
        _engine(engine)
        path = _write(tmp_path / "usage.jsonl", RECORDS)
        status, out, err = cli("bill", str(path), "--by", "projcet", "--engine", engine)
        assert status == 2
        assert out == ""
        assert one_error_line(err) == f"tokencost: error: {REFUSED}"


class TestSomeRecordsHaveIt:
    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
    def test_the_others_under_a_dash(
        self, tmp_path: Path, engine: str, suffix: str
    ) -> None:
        """One record of three has a project: the other two are `-`."""
        _engine(engine)
        records = [record(), record(project="search"), record()]
        path = _write(tmp_path / f"usage{suffix}", records)
        bill = tc.bill_file(path, by="project", engine=engine)
        assert [(g.key, g.records, g.total) for g in bill.groups] == [
            (("-",), 2, GLM * 2),
            (("search",), 1, GLM),
        ]

    def test_only_the_last_of_100k(self, tmp_path: Path) -> None:
        """The last of 100,000 records has it: two groups."""
        lines = [json.dumps(record())] * 99_999 + [json.dumps(record(project="x"))]
        path = jsonl(tmp_path / "usage.jsonl", lines)
        for engine in ENGINES:
            _engine(engine)
            bill = tc.bill_file(path, by="project", engine=engine)
            assert [(g.key, g.records) for g in bill.groups] == [
                (("-",), 99_999),
                (("x",), 1),
            ]


class TestNoRecords:
    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize("text", ["", "\n\n"])
    def test_an_empty_file(self, tmp_path: Path, engine: str, text: str) -> None:
        """No record, nothing to group: an empty bill, as before."""
        _engine(engine)
        path = tmp_path / "usage.jsonl"
        path.write_text(text, encoding="utf-8")
        bill = tc.bill_file(path, by="projcet", engine=engine)
        assert (bill.records, bill.groups, bill.totals) == (0, (), ())

    def test_no_records(self) -> None:
        """An empty list too."""
        assert tc.bill([], by="projcet").records == 0


class TestABadRecordComesFirst:
    """A record its prices cannot price is the first bad record, before the
    field no record has: the same error from a list, an iterator (checked
    as it is read), a table and a file, in every engine."""

    @staticmethod
    def _records() -> list[dict[str, Any]]:
        from tests.adversarial.test_bill_unpriced import BAD, OK

        return [dict(OK), dict(BAD), dict(OK)]

    def test_list_iterator_and_table(self) -> None:
        from tests.adversarial.test_bill_unpriced import MESSAGE

        records = self._records()
        need("duckdb")
        pa = need("pyarrow")
        columns = sorted({key for r in records for key in r})
        table = pa.table({c: [r.get(c) for r in records] for c in columns})
        for given in (records, iter(records), table):
            with pytest.raises(tc.NoPriceError) as caught:
                tc.bill(given, by="day,project")
            assert str(caught.value) == f"record 2: {MESSAGE}", type(given)

    @pytest.mark.parametrize("engine", ENGINES)
    @pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
    def test_files(self, tmp_path: Path, engine: str, suffix: str) -> None:
        from tests.adversarial.test_bill_unpriced import MESSAGE

        _engine(engine)
        path = _write(tmp_path / f"usage{suffix}", self._records())
        line = 2 if suffix == ".jsonl" else 3  # a CSV's header is line 1
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill_file(path, by="project", engine=engine)
        assert str(caught.value) == f"{path}:{line}: {MESSAGE}"

    def test_the_command(self, tmp_path: Path, cli: Run) -> None:
        """The data cannot answer: exit status 1, one line."""
        path = _write(tmp_path / "usage.jsonl", self._records())
        status, out, err = cli("bill", str(path), "--by", "project")
        assert status == 1
        assert out == ""
        assert one_error_line(err).endswith("cache-read tokens cannot be priced")
