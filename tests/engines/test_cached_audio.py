"""Cached audio in every engine: DuckDB, Spark and PostgreSQL price it at its
own rate, as the Python engine does, and refuse it where a model has none."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import tokencost as tc
from tests.engines.conftest import need
from tokencost.engines.scripts import script
from tokencost.prices.table import name_rows, price_rows

#: Gemini 2.5 Flash on 2026-07-01: 600,000 cached text tokens at $0.03 per
#: million (0.018) and 400,000 cached audio at $0.10 (0.04). lab-1 before
#: June 2026: 2,000 text input at $1.25 (0.0025), 6,000 cached text at $0.125
#: (0.00075), 2,000 cached audio at $0.4375 (0.000875), and $0.0007 a request.
RECORDS: list[dict[str, Any]] = [
    {
        "model": "gemini-2.5-flash",
        "timestamp": "2026-07-01T10:00:00Z",
        "input_tokens": 1_000_000,
        "output_tokens": 0,
        "cache_read_tokens": 1_000_000,
        "cache_read_audio_tokens": 400_000,
    },
    {
        "model": "lab-1",
        "timestamp": "2026-03-02T09:00:00Z",
        "input_tokens": 10_000,
        "output_tokens": 0,
        "cache_read_tokens": 8_000,
        "cache_read_audio_tokens": 2_000,
    },
]
#: (cache_read_cost, cache_read_audio_cost, cost) of each record, by hand.
COSTS = [
    (Decimal("0.018"), Decimal("0.04"), Decimal("0.058")),
    (Decimal("0.00075"), Decimal("0.000875"), Decimal("0.004825")),
]
#: lab-1 from June 2026 has no cached-audio price.
UNPRICED = {**RECORDS[1], "timestamp": "2026-07-01T09:00:00Z"}
MESSAGE = "lab:lab-1 has no known cache-read-audio price"
COLUMNS = ("cache_read_cost", "cache_read_audio_cost", "cost")


def _table(records: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    keys = sorted({key for record in records for key in record})
    return pa.table({key: [record.get(key) for record in records] for key in keys})


def test_python_figures(lab: tc.Catalog) -> None:
    """The Python engine's figures are the hand-worked ones."""
    for record, (read, heard, total) in zip(RECORDS, COSTS, strict=True):
        usage = tc.Usage(**{k: v for k, v in record.items() if k.endswith("_tokens")})
        cost = tc.cost(record["model"], usage, at=record["timestamp"], catalog=lab)
        lines = {line.component: line.amount.amount for line in cost.lines}
        assert (lines["cache_read"], lines["cache_read_audio"]) == (read, heard)
        assert cost.total.amount == total


class TestDuckDB:
    def test_price_records(self, lab: tc.Catalog) -> None:
        """Each record's cache-read and cached-audio costs, by hand."""
        need("duckdb")
        priced = tc.price_records(_table(RECORDS), catalog=lab)
        rows = list(zip(*(priced.column(c).to_pylist() for c in COLUMNS), strict=True))
        assert rows == COSTS

    def test_bill(self, lab: tc.Catalog) -> None:
        """DuckDB's bill is the Python engine's, digit for digit."""
        need("duckdb")
        got = tc.bill(_table(RECORDS), by="model", catalog=lab)
        assert got.to_dict() == tc.bill(RECORDS, by="model", catalog=lab).to_dict()
        assert got.total().amount == Decimal("0.062825")

    def test_no_rate(self, lab: tc.Catalog) -> None:
        """Cached audio on a model without the rate: the Python engine's error,
        never the cached-text price."""
        need("duckdb")
        for call in (tc.price_records, tc.bill):
            with pytest.raises(tc.NoPriceError, match=MESSAGE):
                call(_table([*RECORDS, UNPRICED]), catalog=lab)
        with pytest.raises(tc.NoPriceError, match=MESSAGE):
            tc.bill([*RECORDS, UNPRICED], catalog=lab)


class TestSpark:
    _SCHEMA = (
        "model string, timestamp string, input_tokens long, output_tokens long, "
        "cache_read_tokens long, cache_read_audio_tokens long"
    )

    def _frame(self, spark: Any, records: list[dict[str, Any]]) -> Any:
        names = [n.split()[0] for n in self._SCHEMA.split(", ")]
        rows = [tuple(r[n] for n in names) for r in records]
        return spark.createDataFrame(rows, self._SCHEMA)

    def test_price_records_and_bill(self, spark: Any, lab: tc.Catalog) -> None:
        """Spark prices cached audio at its rate, as the Python engine does."""
        import tokencost.spark as tcs

        df = self._frame(spark, RECORDS)
        rows = tcs.price_records(df, catalog=lab).orderBy("model").collect()
        assert [tuple(row[c] for c in COLUMNS) for row in rows] == COSTS
        bill = tcs.bill(df, by="model", catalog=lab)
        assert bill.to_dict() == tc.bill(RECORDS, by="model", catalog=lab).to_dict()

    def test_no_rate(self, spark: Any, lab: tc.Catalog) -> None:
        """Spark refuses cached audio without a rate, with the same error."""
        import tokencost.spark as tcs

        with pytest.raises(tc.NoPriceError, match=MESSAGE):
            tcs.bill(self._frame(spark, [UNPRICED]), catalog=lab)


class TestPostgres:
    def test_the_script_prices_cached_audio(
        self, lab: tc.Catalog, postgres: Any
    ) -> None:
        """PostgreSQL runs the script with the cached-audio column mapped:
        each model's total as `cost` gives it; the record on a model without
        the rate is counted as unpriced, not priced as cached text."""
        records = [*RECORDS, UNPRICED]
        models = [lab.get("gemini-2.5-flash"), lab.get("lab-1")]
        text = script(
            "postgres",
            price_rows(models),
            name_rows(lab, models),
            tokens={"cache_read_audio_tokens": "cached_audio"},
            by=["project"],
        )
        values = ",\n".join(
            f"('{r['model']}', TIMESTAMPTZ '{r['timestamp']}', NULL, "
            f"{r['input_tokens']}, {r['output_tokens']}, {r['cache_read_tokens']}, "
            f"0, {r['cache_read_audio_tokens']}, 'p{i}')"
            for i, r in enumerate(records)
        )
        table = (
            "CREATE TABLE usage (model TEXT, timestamp TIMESTAMPTZ, variant TEXT, "
            "input_tokens BIGINT, output_tokens BIGINT, cache_read_tokens BIGINT, "
            "cache_write_tokens BIGINT, cached_audio BIGINT, project TEXT, "
            "cache_write_1h_tokens BIGINT, reasoning_tokens BIGINT);\n"
            f"INSERT INTO usage (model, timestamp, variant, input_tokens, "
            "output_tokens, cache_read_tokens, cache_write_tokens, cached_audio, "
            f"project) VALUES\n{values};\n"
        )
        # In a transaction rolled back: the server is shared by the session,
        # and the other tests create the same tables.
        rows = postgres.sql("BEGIN;\n" + table + text + "ROLLBACK;\n")
        got = {r[2]: (Decimal(r[-2]) if r[-2] else None, int(r[-1])) for r in rows}
        assert got == {
            "p0": (Decimal("0.058"), 0),
            "p1": (Decimal("0.004825"), 0),
            "p2": (None, 1),
        }
