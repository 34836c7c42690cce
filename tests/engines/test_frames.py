"""`price_records` and the DuckDB bill on DataFrames as analysts have them:
float count columns (pandas makes one of whole counts with a missing
value), and the columns the pricing adds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tests.engines.conftest import need
from tokencost.billing.parallel import bill_file
from tokencost.engines.query import ADDED_COLUMNS

NAN = float("nan")

# By hand, from the bundled prices:
# - gpt-5.5 on 2026-10-05, 300,000 input tokens: above 272K, so 10 input,
#   1.00 cache read and 45 output per million: 299,000 x 10 + 1,000 x 1
#   + 10 x 45 = 2,991,450 millionths;
# - gpt-5.5, input missing: 20 output tokens x 30 = 600 millionths;
# - glm-5.2, cache reads missing: 1,000 x 1.40 + 30 x 4.40 = 1,532.
COSTS = [Decimal("2.99145"), Decimal("0.0006"), Decimal("0.001532")]
RECORDS: dict[str, list[Any]] = {
    "model": ["gpt-5.5", "gpt-5.5", "glm-5.2"],
    "timestamp": [
        "2026-10-05T02:21:19Z",
        "2026-10-06T02:21:19Z",
        "2026-10-06T02:21:19Z",
    ],
    "input_tokens": [300_000.0, NAN, 1_000.0],
    "output_tokens": [10, 20, 30],
    "cache_read_tokens": [1_000.0, 0.0, NAN],
}


def _frames() -> list[Any]:
    pd = need("pandas")
    pl = need("polars")
    pa = need("pyarrow")
    frame = pd.DataFrame(RECORDS)
    return [
        frame,
        pl.from_pandas(frame),
        pa.Table.from_pandas(frame),
    ]


def _costs(priced: Any) -> list[Decimal]:
    column = priced["cost"]
    values = column.to_pylist() if hasattr(column, "to_pylist") else list(column)
    return [Decimal(value) for value in values]


class TestFloatCounts:
    @pytest.mark.parametrize("kind", ["pandas", "polars", "arrow"])
    def test_whole_floats_and_missing_values(self, kind: str) -> None:
        frame = _frames()[["pandas", "polars", "arrow"].index(kind)]
        assert float(frame["input_tokens"][0]) == 300_000.0
        assert _costs(tc.price_records(frame)) == COSTS
        assert tc.bill(frame).total().amount == sum(COSTS)

    def test_the_same_as_cost(self) -> None:
        frame = _frames()[0]
        for index, record in frame.iterrows():
            counts = {
                name: int(record[name])
                for name in ("input_tokens", "output_tokens", "cache_read_tokens")
                if record[name] == record[name]  # NaN is absent
            }
            got = tc.cost(record["model"], at=record["timestamp"], **counts)  # type: ignore[arg-type]
            assert got.total.amount == COSTS[index]

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (1.5, "record 2: input_tokens must be a whole number of tokens, got 1.5"),
            (-1.0, "record 2: input_tokens must be >= 0"),
        ],
    )
    def test_a_bad_float_is_named_as_python_names_it(
        self, value: float, message: str
    ) -> None:
        frame = _frames()[0].copy()
        frame.loc[1, "input_tokens"] = value
        for call in (tc.price_records, tc.bill):
            with pytest.raises(tc.TokencostError) as caught:
                call(frame)
            assert str(caught.value).startswith(message)

    def test_nan_in_an_arrow_column_is_not_absent(self) -> None:
        # Arrow keeps NaN apart from null: NaN is no count, as in Python.
        pa = need("pyarrow")
        table = pa.table(
            {
                "model": ["gpt-5.5"],
                "timestamp": ["2026-10-05T02:21:19Z"],
                "input_tokens": pa.array([NAN], pa.float64()),
            }
        )
        for call in (tc.price_records, tc.bill):
            with pytest.raises(
                tc.InvalidQuantityError,
                match="record 1: input_tokens must be finite, got nan",
            ):
                call(table)

    def test_parquet_of_float_counts(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        need("duckdb")
        pa = need("pyarrow")
        parquet = need("pyarrow.parquet")
        path = tmp_path / "usage.parquet"
        parquet.write_table(pa.Table.from_pandas(_frames()[0]), path)
        python = bill_file(path, engine="python").to_dict()

        def no_python(*args: object) -> None:
            raise AssertionError("DuckDB handed the file to the Python engine")

        monkeypatch.setattr("tokencost.billing.parallel.parquet_records", no_python)
        duck = bill_file(path, engine="duckdb").to_dict()
        assert duck == python
        assert Decimal(duck["totals"]["USD"]) == sum(COSTS)


class TestAddedColumns:
    def test_what_is_added(self) -> None:
        frame = _frames()[2]
        priced = tc.price_records(frame)
        assert priced.column_names == [*frame.column_names, *ADDED_COLUMNS]
        # The price table's own row number is not a column of the records.
        assert "row_id" not in ADDED_COLUMNS

    def test_a_column_of_the_callers_named_row_id_is_kept(self) -> None:
        pa = need("pyarrow")
        table = _frames()[2].append_column("row_id", pa.array(["a", "b", "c"]))
        priced = tc.price_records(table)
        assert priced.column("row_id").to_pylist() == ["a", "b", "c"]

    @pytest.mark.parametrize("name", ["row_id", "source_row", "row"])
    def test_a_column_of_the_callers_is_kept(self, name: str) -> None:
        pa = need("pyarrow")
        table = _frames()[2].append_column(name, pa.array(["a", "b", "c"]))
        priced = tc.price_records(table)
        assert priced.column(name).to_pylist() == ["a", "b", "c"]
        assert _costs(priced) == COSTS

    @pytest.mark.parametrize(
        "name", ["cost", "tier", "currency", "model_id", "__tokencost_row"]
    )
    def test_a_clash_is_refused(self, name: str) -> None:
        pa = need("pyarrow")
        table = _frames()[2].append_column(name, pa.array(["x", "y", "z"]))
        with pytest.raises(tc.InvalidInputError, match=f"column '{name}'"):
            tc.price_records(table)


class TestColumnNames:
    """A column given twice is refused, never read as one of the two: DuckDB
    renames the second, and a row read as a dict keeps only the last."""

    def _table(self) -> Any:
        pa = need("pyarrow")
        return pa.Table.from_arrays(
            [
                pa.array(["gpt-5.5"]),
                pa.array(["2026-10-05T02:21:19Z"]),
                pa.array([1_000]),
                pa.array([300_000]),
                pa.array([10]),
            ],
            names=[
                "model",
                "timestamp",
                "input_tokens",
                "input_tokens",
                "output_tokens",
            ],
        )

    @pytest.mark.parametrize("call", [tc.bill, tc.price_records])
    def test_an_arrow_table(self, call: Any) -> None:
        with pytest.raises(tc.InvalidInputError, match="column 'input_tokens' twice"):
            call(self._table())

    @pytest.mark.parametrize("call", [tc.bill, tc.price_records])
    def test_a_pandas_frame(self, call: Any) -> None:
        frame = self._table().to_pandas()
        with pytest.raises(tc.InvalidInputError, match="column 'input_tokens' twice"):
            call(frame)

    @pytest.mark.parametrize("call", [tc.bill, tc.price_records])
    def test_a_column_arrow_cannot_hold(self, call: Any) -> None:
        """Counts and text in one pandas column: a one-line error naming the
        column, not pyarrow's own exception."""
        pd = need("pandas")
        frame = pd.DataFrame(
            {
                "model": ["gpt-5.5", "gpt-5.5"],
                "timestamp": ["2026-10-05T02:21:19Z"] * 2,
                "input_tokens": [1_000, "many"],
                "output_tokens": [10, 10],
            }
        )
        with pytest.raises(tc.InvalidInputError, match="column input_tokens") as info:
            call(frame)
        assert "\n" not in str(info.value)
