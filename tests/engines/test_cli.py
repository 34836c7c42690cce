"""`tokencost bill --engine` and `tokencost export`."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc
from tests.engines.conftest import need
from tokencost.cli.main import main

SHEET = str(Path(__file__).parent / "fixtures" / "lab.toml")
# lab-1 on a Monday of its first period: 120k x 1.25 + 4k x 10 per million,
# plus 0.0007 a request; then in the off-peak window of its second period,
# which has no tiers: 1M x 0.75 + 1M x 6 per million.
RECORDS = [
    {
        "model": "lab-1",
        "timestamp": "2026-03-02T09:00:00Z",
        "input_tokens": 120_000,
        "output_tokens": 4_000,
        "project": "a",
    },
    {
        "model": "lab-one",
        "timestamp": "2026-07-06T16:45:00Z",
        "input_tokens": 1_000_000,
        "output_tokens": 1_000_000,
        "project": "b",
    },
]


def _jsonl(tmp_path: Path, records: list[dict[str, object]], extra: str = "") -> Path:
    path = tmp_path / "usage.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + extra)
    return path


class TestBillEngine:
    @pytest.mark.parametrize("engine", ["duckdb", "python"])
    def test_same_json_either_way(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
    ) -> None:
        """The bill as JSON keeps its shape, totals by currency and groups."""
        need("duckdb")
        path = _jsonl(tmp_path, RECORDS)
        argv = ["bill", str(path), "--by", "model,project", "--engine", engine]
        assert main([*argv, "--sheet", SHEET, "--format", "json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["totals"] == {"USD": "6.9407"}
        assert [(g["model"], g["project"], g["total"]) for g in out["groups"]] == [
            ("lab:lab-1", "a", "0.1907"),
            ("lab:lab-1", "b", "6.75"),
        ]

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            (
                '{"model": "glm-9", "timestamp": "2026-07-01", "input_tokens": 1}\n',
                "usage.jsonl:3: unknown model 'glm-9'",
            ),
            (
                '{"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": -5}\n',
                "usage.jsonl:3:",
            ),
            (
                '{"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": "12q"}\n',
                "usage.jsonl:3:",
            ),
            (
                '{"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": 5, "cache_read_tokens": 9}\n',
                "usage.jsonl:3:",
            ),
            (
                '{"model": "glm-5.2", "timestamp": "2024-01-01", "input_tokens": 5}\n',
                "usage.jsonl:3: no price for zai:glm-5.2 on 2024-01-01",
            ),
            (
                '{"model": "glm-5.2", "timestamp": "2026-07-01", "variant": "batch"}\n',
                "usage.jsonl:3:",
            ),
            ("not json\n", "usage.jsonl:3: not a JSON object"),
            (
                '{"timestamp": "2026-07-01", "input_tokens": 5}\n',
                "usage.jsonl:3: no model",
            ),
            # A key given twice, whether or not DuckDB reads that field.
            (
                '{"model": "lab-1", "timestamp": "2026-07-01", "input_tokens": 5,'
                ' "input_tokens": 7}\n',
                "usage.jsonl:3: the key 'input_tokens' appears twice",
            ),
            (
                '{"model": "lab-1", "timestamp": "2026-07-01", "project": "a",'
                ' "project": "b"}\n',
                "usage.jsonl:3: the key 'project' appears twice",
            ),
        ],
    )
    def test_same_errors_either_way(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        extra: str,
        message: str,
    ) -> None:
        """A bad record is the same one-line error, with its line, in both engines."""
        need("duckdb")
        path = _jsonl(tmp_path, RECORDS, extra)
        outcomes = []
        for engine in ("python", "duckdb"):
            status = main(["bill", str(path), "--engine", engine, "--sheet", SHEET])
            outcomes.append((status, capsys.readouterr().err))
        assert outcomes[0] == outcomes[1]
        assert message in outcomes[0][1]
        assert outcomes[0][0] in (1, 2)

    @pytest.mark.parametrize(
        "record",
        [
            {
                "model": "lab-1",
                "timestamp": "2026-03-02",
                "prompt_tokens": 1_000,
                "completion_tokens": 10,
            },
            {
                "model": "lab-1",
                "timestamp": "2026-03-02",
                "input_tokens": 1_000,
                "prompt_tokens": 5,
            },
            {
                "model": "lab-1",
                "timestamp": "2026-03-02",
                "input_tokens": 1_000,
                "request_id": "r-1",
            },
            # Counts as text read as the Python engine reads them; 1.0, a
            # model or variant that is no text, a group field that is true.
            {"model": "lab-1", "timestamp": "2026-03-02", "input_tokens": "1000"},
            {"model": "lab-1", "timestamp": "2026-03-02", "output_tokens": 1.0},
            {"model": True, "timestamp": "2026-03-02", "input_tokens": 1},
            {"model": "lab-1", "timestamp": "2026-03-02", "variant": 5},
            {"model": "lab-1", "timestamp": "2026-03-02", "project": True},
        ],
    )
    def test_fields_duckdb_does_not_read(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        record: dict[str, object],
    ) -> None:
        """A provider's own token fields are read (or refused) by the Python
        engine whichever engine is asked; unknown plain fields are ignored."""
        need("duckdb")
        path = _jsonl(tmp_path, [*RECORDS, record])
        outcomes = []
        for engine in ("python", "duckdb"):
            argv = ["bill", str(path), "--engine", engine, "--sheet", SHEET]
            status = main([*argv, "--format", "json"])
            captured = capsys.readouterr()
            outcomes.append((status, captured.out, captured.err))
        assert outcomes[0] == outcomes[1]

    def test_parquet(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A Parquet file is billed (by DuckDB, the default when installed)."""
        need("duckdb")
        pa = need("pyarrow")
        import pyarrow.parquet as pq

        path = tmp_path / "usage.parquet"
        pq.write_table(pa.Table.from_pylist(RECORDS), path)
        assert main(["bill", str(path), "--sheet", SHEET, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["totals"] == {"USD": "6.9407"}


class TestExport:
    def test_csv_is_exact(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """CSV rates are plain decimals with every digit; names alongside."""
        out, names = tmp_path / "prices.csv", tmp_path / "names.csv"
        assert (
            main(
                ["export", str(out), "--names", str(names), "--model", "deepseek-chat"]
            )
            == 0
        )
        assert "price rows to" in capsys.readouterr().out
        rows = list(csv.DictReader(out.read_text().splitlines()))
        first = rows[0]
        assert first["model_id"] == "deepseek:deepseek-chat"
        assert first["input_rate"] == "0.00000014000000000000"
        assert first["period_start"] == ""
        assert first["period_end"] == "2025-02-08 16:00:00"
        assert Decimal(first["output_rate"]) * 1_000_000 == Decimal("0.28")
        assert {"off-peak", ""} == {r["time_window"] for r in rows}
        assert ("deepseek-chat", "deepseek:deepseek-chat") in {
            (r["name"], r["model_id"])
            for r in csv.DictReader(names.read_text().splitlines())
        }

    def test_parquet_keeps_the_schema(self, tmp_path: Path) -> None:
        """Parquet holds decimal128(26, 20) rates and the schema version."""
        pa = need("pyarrow")
        import pyarrow.parquet as pq

        out = tmp_path / "prices.parquet"
        assert main(["export", str(out), "--model", "glm-5.2"]) == 0
        table = pq.read_table(out)
        assert table.schema.field("output_rate").type == pa.decimal128(26, 20)
        output = tc.price("glm-5.2").current.standard.rates.output_mtok
        assert output is not None
        assert table.column("output_rate").to_pylist() == [output.scaleb(-6)]
        assert table.schema.metadata[b"tokencost.price_table.schema_version"] == b"4"
        assert table.schema.field("period_start").type == pa.timestamp("us", tz="UTC")

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("prices.txt", "name a .parquet or .csv file"),
            ("exists.csv", "already exists"),
        ],
    )
    def test_refusals(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        name: str,
        message: str,
    ) -> None:
        """An unknown suffix or an existing file is refused, exit status 2."""
        (tmp_path / "exists.csv").write_text("x")
        assert main(["export", str(tmp_path / name), "--model", "glm-5.2"]) == 2
        assert message in capsys.readouterr().err


class TestDefaultEngine:
    def test_jsonl_and_csv_default_to_python(self) -> None:
        """Without --engine only Parquet goes to DuckDB; text files are read
        by the reader that refuses every malformed line."""
        from tokencost.billing.columnar import pick_engine

        need("duckdb")  # Parquet goes to DuckDB only when it is installed
        assert pick_engine(None, Path("big.jsonl")) == "python"
        assert pick_engine(None, Path("big.csv")) == "python"
        assert pick_engine(None, Path("big.parquet")) == "duckdb"
        assert pick_engine("duckdb", Path("big.jsonl")) == "duckdb"

    def test_trailing_comma_is_an_error_by_default(self, tmp_path: Path) -> None:
        """A line DuckDB's reader would take is refused with its file:line."""
        log = tmp_path / "usage.jsonl"
        log.write_text(
            '{"model": "glm-5.2", "timestamp": "2026-07-01T09:00:00Z",'
            ' "input_tokens": 5,}\n'
        )
        with pytest.raises(tc.InvalidInputError, match=r"usage.jsonl:1"):
            tc.bill_file(log)
