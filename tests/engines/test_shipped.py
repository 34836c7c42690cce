"""
The compiled price table shipped in the package, and the DuckDB engine on
the bundled catalog, which reads its price rows from it.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokencost as tc
from tests.engines.conftest import SHEETS, need
from tests.engines.strategies import records
from tokencost.billing.columnar import file_sums
from tokencost.prices.catalog import default_catalog
from tokencost.prices.shipped import compiled_text, is_bundled, shipped_path

# Bundled models with windows (DeepSeek's off-peak hours until 2025-09-05),
# long-context tiers, batch prices, several periods and two currencies.
BUNDLED = (
    "deepseek-chat",
    "deepseek-reasoner",
    "gpt-5.5",
    "gemini-2.5-pro",
    "claude-sonnet-4-5",
    "glm-5.2",
    "zhipuai:glm-5.2",
    "kimi-k3",
    "gemini-2.5-flash",
)


@pytest.fixture(autouse=True)
def _engines() -> None:
    need("duckdb")
    need("pyarrow")


def _utc_naive(value: object) -> object:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


class TestShippedTable:
    def test_not_stale(self) -> None:
        """The shipped table is what the bundled sheets compile to now."""
        shipped = Path(shipped_path()).read_text(encoding="utf-8")
        assert shipped == compiled_text(), (
            "the shipped price table is stale: run python scripts/build_price_table.py"
        )

    def test_reads_as_price_table(self) -> None:
        """Read by DuckDB as the engine reads it, the shipped file is
        `price_table()` of the bundled catalog, every rate to the last digit."""
        import duckdb

        from tokencost.engines.duck import shipped_relation
        from tokencost.engines.scripts import ddl
        from tokencost.prices.table import PRICE_COLUMNS

        con = duckdb.connect()
        con.execute(ddl("duckdb", "t", PRICE_COLUMNS))
        con.execute(f"INSERT INTO t SELECT * FROM {shipped_relation(shipped_path())}")
        got = con.execute("SELECT * FROM t ORDER BY row_id").fetchall()
        expected = tc.price_table()
        assert len(got) == expected.num_rows > 6000
        # The engine's TIMESTAMP holds the UTC moments of the Arrow table's
        # zoned ones.
        assert got == [
            tuple(_utc_naive(value) for value in row.values())
            for row in expected.to_pylist()
        ]
        bounds = {row[8] for row in got} | {row[9] for row in got}
        assert datetime(2025, 9, 5, 16) in bounds

    def test_only_the_bundled_catalog_uses_it(self) -> None:
        """A catalog with a user's sheets or repriced models is not the one
        the table was compiled from."""
        assert is_bundled(default_catalog())
        assert not is_bundled(tc.load_catalog(*SHEETS, bundled=True))
        assert not is_bundled(
            tc.repriced_catalog(default_catalog(), {"glm-5.2": "gpt-5.5"})
        )


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except tc.TokencostError as exc:
        return type(exc).__name__, str(exc)


@st.composite
def _bundled_records(draw: st.DrawFn) -> dict[str, Any]:
    record = draw(records(bad=False))
    record["model"] = draw(st.sampled_from(BUNDLED))
    record.pop("input_audio_tokens", None)
    if draw(st.booleans()):
        # Audio and image input within the prompt, as `Usage` wants them:
        # priced by Gemini 2.5 Flash, unpriced (refused) by the others.
        room = record["input_tokens"] - sum(
            record.get(k, 0)
            for k in (
                "cache_read_tokens",
                "cache_write_tokens",
                "cache_write_1h_tokens",
            )
        )
        audio = draw(st.integers(0, room))
        record["input_audio_tokens"] = audio
        record["input_image_tokens"] = draw(st.integers(0, room - audio))
    return record


class TestBundledEngine:
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )
    @given(batch=st.lists(_bundled_records(), min_size=1, max_size=10))
    def test_same_bill(self, batch: list[dict[str, Any]]) -> None:
        """On the bundled catalog, DuckDB bills a JSONL file exactly as the
        Python engine does (or refuses it with the same error); a file the
        Python engine bills and that has no field DuckDB leaves to it is
        summed by DuckDB itself, not handed back."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        plain = not any("prompt_tokens" in record for record in batch)
        with tempfile.TemporaryDirectory() as folder:
            jsonl = Path(folder, "usage.jsonl")
            jsonl.write_text("".join(json.dumps(r) + "\n" for r in batch))
            keys = sorted({k for r in batch for k in r})
            parquet = Path(folder, "usage.parquet")
            pq.write_table(
                pa.table({k: [r.get(k) for r in batch] for k in keys}), parquet
            )
            for by in ("model", "day,project", "provider,variant,window", "month"):
                expected = _outcome(
                    lambda by=by: tc.bill_file(jsonl, by=by, engine="python").to_dict()
                )
                got = _outcome(
                    lambda by=by: tc.bill_file(jsonl, by=by, engine="duckdb").to_dict()
                )
                assert got == expected, by
                if expected[0] == "ok":
                    from_parquet = tc.bill_file(parquet, by=by).to_dict()
                    assert from_parquet == expected[1], by
                    if plain:
                        fields = tuple(by.split(","))
                        for path in (jsonl, parquet):
                            summed = file_sums(path, fields, default_catalog())
                            assert summed is not None, (path.suffix, by)
                            assert summed[0] == len(batch)


class TestModalities:
    def test_priced_in_duckdb(self, tmp_path: Path) -> None:
        """Audio and image input on Gemini 2.5 Flash are priced by DuckDB
        itself, at their own rates, as `cost` prices them; audio input on a
        model without an audio price is refused, never priced as text."""
        rows = [
            {
                "model": "gemini-2.5-flash",
                "timestamp": "2026-07-01T10:00:00Z",
                "input_tokens": 1_000_000,
                "input_audio_tokens": 300_000,
                "input_image_tokens": 200_000,
                "output_tokens": 10_000,
            }
        ]
        path = tmp_path / "audio.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        assert file_sums(path, ("model",), default_catalog()) is not None
        bill = tc.bill_file(path, engine="duckdb")
        usage = tc.Usage(
            input_tokens=1_000_000,
            input_audio_tokens=300_000,
            input_image_tokens=200_000,
            output_tokens=10_000,
        )
        expected = tc.cost("gemini-2.5-flash", usage, at="2026-07-01T10:00:00Z")
        assert bill.total().amount == expected.total.amount
        assert bill.to_dict() == tc.bill_file(path, engine="python").to_dict()
        rows[0]["model"] = "gpt-4.1"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        assert file_sums(path, ("model",), default_catalog()) is None
        with pytest.raises(tc.NoPriceError, match="input-audio"):
            tc.bill_file(path, engine="duckdb")

    @pytest.mark.parametrize(
        ("counts", "costs"),
        [
            # Gemini 2.5 Flash on 2026-07-01: text, image and video input
            # 0.30, audio input 1.00, output 2.50 per million.
            (
                {"input_tokens": 1_000_000, "input_audio_tokens": 300_000},
                {"input_cost": "0.21", "input_audio_cost": "0.3", "cost": "0.51"},
            ),
            (
                {
                    "input_tokens": 5_000,
                    "input_image_tokens": 4_000,
                    "output_tokens": 7,
                },
                {
                    "input_cost": "0.0003",
                    "input_image_cost": "0.0012",
                    "output_cost": "0.0000175",
                    "cost": "0.0015175",
                },
            ),
        ],
    )
    def test_price_records(self, counts: dict[str, int], costs: dict[str, str]) -> None:
        """`price_records` prices each modality at its own rate, in its own
        column, as `cost` does."""
        import pyarrow as pa

        table = pa.table(
            {
                "model": ["gemini-2.5-flash"],
                "timestamp": ["2026-07-01T10:00:00Z"],
                **{k: [v] for k, v in counts.items()},
            }
        )
        priced = tc.price_records(table)
        for column, amount in costs.items():
            assert priced.column(column).to_pylist() == [Decimal(amount)], column
        expected = tc.cost("gemini-2.5-flash", tc.Usage(**counts), at="2026-07-01")
        assert priced.column("cost").to_pylist() == [expected.total.amount]

    def test_every_token_column_has_a_cost_column(self) -> None:
        """The engines read `Usage`'s counts (the same tuple); each must also
        be priced, so a count `Usage` gains cannot be read and left unpriced."""
        from tokencost.engines.query import COST_COLUMNS, TOKEN_COLUMNS

        for column in TOKEN_COLUMNS:
            assert f"{column.removesuffix('_tokens')}_cost" in COST_COLUMNS, column


class TestAdversarial:
    def _both(self, path: Path, by: str = "model") -> tuple[Any, Any]:
        return tuple(  # type: ignore[return-value]
            _outcome(
                lambda engine=engine: tc.bill_file(path, by=by, engine=engine).to_dict()
            )
            for engine in ("python", "duckdb")
        )

    def test_empty_file(self, tmp_path: Path) -> None:
        """An empty JSONL file is a bill of no records in both engines."""
        path = tmp_path / "empty.jsonl"
        path.write_text("")
        python, duck = self._both(path)
        assert python == duck
        assert python[0] == "ok"
        assert python[1]["records"] == 0

    def test_counts_at_the_limit(self, tmp_path: Path) -> None:
        """Counts of 15 digits on an expensive model, summed over records,
        overflow no decimal: the bill is exact and the same in both engines."""
        big = 999_999_999_999_999
        lines = [
            {
                "model": "claude-opus-4-8",
                "timestamp": f"2026-07-0{day}T10:00:00Z",
                "input_tokens": big,
                "output_tokens": big,
                "cache_read_tokens": big,
            }
            for day in range(1, 4)
        ]
        path = tmp_path / "big.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in lines))
        python, duck = self._both(path)
        assert python == duck
        assert python[0] == "ok"
        assert python[1]["groups"][0]["usage"]["output_tokens"] == 3 * big

    @pytest.mark.parametrize(
        "key",
        [
            "prompt_tokens",
            "Input_Tokens",
            "usage",
            "gen_ai.usage.input_tokens",
            "in\u0000put_tokens",
        ],
    )
    def test_keys_the_python_engine_reads(self, tmp_path: Path, key: str) -> None:
        """A key DuckDB does not read but the Python engine would (whatever
        its case, or with a NUL inside) hands the file to the Python engine:
        the same bill or the same error, never the key ignored."""
        rows = [
            {
                "model": "gpt-5.5",
                "timestamp": "2026-07-01T10:00:00Z",
                "input_tokens": 5,
            },
            {"model": "gpt-5.5", "timestamp": "2026-07-01T11:00:00Z", key: 7},
        ]
        path = tmp_path / "keys.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        python, duck = self._both(path)
        assert python == duck
        assert file_sums(path, ("model",), default_catalog()) is None

    @pytest.mark.parametrize("first", [False, True])
    def test_attributes_holding_counts(self, tmp_path: Path, first: bool) -> None:
        """OpenTelemetry attributes holding token counts are read by the
        Python engine (its input is 100,000 tokens at 5 a million, 0.5003
        with the output), before or after a record whose attributes hold
        none: DuckDB leaves such a file to it, and the bill is the same."""
        base = {"model": "gpt-5.5", "input_tokens": 5_000, "output_tokens": 10}
        plain = {**base, "timestamp": "2026-07-01T10:00:00Z"}
        plain["attributes"] = {"service.name": "search"}
        otel = {**base, "timestamp": "2026-07-01T11:00:00Z"}
        otel["attributes"] = {
            "gen_ai.usage.input_tokens": 100_000,
            "gen_ai.usage.output_tokens": 10,
        }
        rows = [otel, plain] if first else [plain, otel]
        path = tmp_path / "otel.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        python, duck = self._both(path)
        assert python == duck
        assert python[0] == "ok"
        # 5,000 + 100,000 input at 5, 20 output at 30 a million.
        assert python[1]["totals"] == {"USD": "0.5256"}
        assert file_sums(path, ("model",), default_catalog()) is None

    @pytest.mark.parametrize(
        ("column", "columns"),
        [
            (
                "attributes",
                {"input_tokens": [5], "attributes": [{"service.name": "search"}]},
            ),
            ("prompt_tokens", {"prompt_tokens": [7], "completion_tokens": [3]}),
        ],
    )
    def test_price_records_names_the_column(
        self, column: str, columns: dict[str, list[Any]]
    ) -> None:
        """`price_records` does not read a column that may hold token counts
        the Python engine reads: it says so, naming it, where `bill` reads
        the table."""
        import pyarrow as pa

        table = pa.table(
            {
                "model": ["gpt-5.5"],
                "timestamp": ["2026-07-01T10:00:00Z"],
                **columns,
            }
        )
        with pytest.raises(tc.InvalidInputError, match=f"not '{column}', which"):
            tc.price_records(table)
        assert tc.bill(table).records == 1

    def test_group_field_named_like_tokens(self, tmp_path: Path) -> None:
        """A field named like a token count is refused by the Python engine
        even when the bill is grouped by it; DuckDB gives the same error."""
        rows = [
            {
                "model": "gpt-5.5",
                "timestamp": "2026-07-01T10:00:00Z",
                "input_tokens": 5,
                "token_note": "x",
            }
        ]
        path = tmp_path / "tagged.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        python, duck = self._both(path, by="model,token_note")
        assert python == duck
        assert python[0] == "InvalidInputError"
        assert "cannot read the token counts 'token_note'" in python[1]

    @pytest.mark.parametrize(
        "stamp",
        [
            " 026-07-01T10:00:00Z",  # strptime alone reads year 26
            "0000-07-01T10:00:00Z",
            "0001-01-01T00:30:00+01:00",
            "2026-07-01T10:00:60Z",
            "2026-13-01T10:00:00Z",
        ],
    )
    def test_timestamps_python_refuses(self, tmp_path: Path, stamp: str) -> None:
        """A timestamp that is no time for Python is never read as one by
        DuckDB: both engines stop at the same line."""
        rows = [
            {
                "model": "gpt-5.5",
                "timestamp": "2026-07-01T10:00:00Z",
                "input_tokens": 5,
            },
            {"model": "gpt-5.5", "timestamp": stamp, "input_tokens": 5},
        ]
        path = tmp_path / "stamps.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        python, duck = self._both(path)
        assert python == duck
        assert python[0] != "ok"
        assert ":2:" in python[1]
