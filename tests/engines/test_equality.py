"""
One semantics: the DuckDB engine prices every record, and every group, to
the last digit as the Python engine does, and refuses the same records with
the same errors.
"""

from __future__ import annotations

import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tokencost as tc
from tests.engines.conftest import need
from tests.engines.strategies import streams
from tokencost.engines.query import COST_COLUMNS

_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_BY = ("model", "model,project", "provider,variant,window", "day", "month,project")


def _python_costs(records: list[dict[str, Any]], catalog: tc.Catalog) -> list[Decimal]:
    costs = []
    for record in records:
        usage = tc.Usage(**{k: v for k, v in record.items() if k.endswith("_tokens")})
        found = tc.cost(
            record["model"],
            usage,
            at=record["timestamp"],
            variant=record.get("variant"),
            catalog=catalog,
        )
        costs.append(found.total.amount)
    return costs


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except tc.TokencostError as exc:
        return type(exc).__name__, str(exc)


def _table(records: list[dict[str, Any]]) -> Any:
    """The records as an Arrow table: a column per key any record has, null
    where a record lacks it."""
    import pyarrow as pa

    keys = sorted({key for record in records for key in record})
    return pa.table({key: [record.get(key) for record in records] for key in keys})


@pytest.fixture(autouse=True)
def _engines() -> None:
    need("duckdb")
    need("pyarrow")


class TestDuckDB:
    @_SETTINGS
    @given(records=st.one_of(streams(bad=False), streams()))
    def test_per_record_costs(
        self, lab: tc.Catalog, records: list[dict[str, Any]]
    ) -> None:
        """`price_records` gives each record the cost `cost` gives it, or the
        error `bill` gives for the first bad record."""

        table = _table(records)
        expected = _outcome(lambda: tc.bill(records, catalog=lab))
        got = _outcome(lambda: tc.price_records(table, catalog=lab))
        if expected[0] != "ok":
            assert got == expected
            return
        assert got[0] == "ok"
        priced = got[1]
        assert priced.column("cost").to_pylist() == _python_costs(records, lab)
        assert priced.column("model").to_pylist() == [r["model"] for r in records]
        parts = [
            sum(priced.column(c).to_pylist()[i] for c in COST_COLUMNS[:-1])
            for i in range(priced.num_rows)
        ]
        assert parts == priced.column("cost").to_pylist()

    @_SETTINGS
    @given(records=st.one_of(streams(bad=False), streams()))
    def test_group_totals(self, lab: tc.Catalog, records: list[dict[str, Any]]) -> None:
        """A bill of an Arrow table, summed by DuckDB, is the Python engine's
        bill of the same records, group for group and digit for digit; the
        sum of the per-record costs of each currency is its total."""

        table = _table(records)
        for by in _BY:
            expected = _outcome(
                lambda by=by: tc.bill(records, by=by, catalog=lab).to_dict()
            )
            got = _outcome(lambda by=by: tc.bill(table, by=by, catalog=lab).to_dict())
            assert got == expected
            # Read once, each record checked against its prices as it is
            # read: the same bill, or the same error for the same record.
            once = _outcome(
                lambda by=by: tc.bill(iter(records), by=by, catalog=lab).to_dict()
            )
            assert once == expected
        if expected[0] == "ok":
            priced = tc.price_records(table, catalog=lab)
            sums: dict[str, Decimal] = {}
            for currency, cost in zip(
                priced.column("currency").to_pylist(),
                priced.column("cost").to_pylist(),
                strict=True,
            ):
                sums[currency] = sums.get(currency, Decimal(0)) + cost
            totals = tc.bill(records, catalog=lab).to_dict()["totals"]
            assert sums == {code: Decimal(amount) for code, amount in totals.items()}

    @settings(_SETTINGS, max_examples=12)
    @given(records=st.one_of(streams(bad=False, max_size=8), streams(max_size=8)))
    def test_files(self, lab: tc.Catalog, records: list[dict[str, Any]]) -> None:
        """`bill_file` gives the same bill, or the same error with the same
        line, with either engine, for JSONL, CSV and Parquet."""
        import pyarrow.parquet as pq

        with tempfile.TemporaryDirectory() as folder:
            jsonl = Path(folder, "usage.jsonl")
            jsonl.write_text("".join(json.dumps(r) + "\n" for r in records))
            csv_path = Path(folder, "usage.csv")
            columns = sorted({k for r in records for k in r})
            csv_path.write_text(
                ",".join(columns)
                + "\n"
                + "".join(
                    ",".join(str(r.get(c, "")) for c in columns) + "\n" for r in records
                )
            )
            for path in (jsonl, csv_path):
                for by in ("model", "day,project"):
                    outcomes = [
                        _outcome(
                            lambda engine=engine, path=path, by=by: tc.bill_file(
                                path, by=by, catalog=lab, engine=engine
                            ).to_dict()
                        )
                        for engine in ("python", "duckdb")
                    ]
                    assert outcomes[1] == outcomes[0], path.suffix
            parquet = Path(folder, "usage.parquet")
            pq.write_table(_table(records), parquet)
            got = _outcome(lambda: tc.bill_file(parquet, catalog=lab).to_dict())
            expected = _outcome(lambda: tc.bill(records, catalog=lab).to_dict())
            if expected[0] == "ok":
                assert got == expected
            else:
                # Every record's error names the record, a rate missing
                # from a sum too (found after reading, then read again).
                message = expected[1]
                if message.startswith("record "):
                    message = f"{parquet}: {message}"
                assert got == (expected[0], message)


@_SETTINGS
@given(records=streams())
def test_the_first_bad_record_is_named(
    lab: tc.Catalog, records: list[dict[str, Any]]
) -> None:
    """A bill that stops at record N stops at the first bad one: the
    records before it are billed, and record N alone gets the same error,
    whatever makes it bad (a component its prices lack, found only when
    the sums are priced, included)."""
    outcome = _outcome(lambda: tc.bill(records, catalog=lab))
    if outcome[0] == "ok":
        return
    found = re.match(r"record (\d+): (.*)", outcome[1])
    assert found is not None, outcome
    index = int(found[1])
    assert _outcome(lambda: tc.bill(records[: index - 1], catalog=lab))[0] == "ok"
    alone = _outcome(lambda: tc.bill([records[index - 1]], catalog=lab))
    assert alone == (outcome[0], f"record 1: {found[2]}")


@st.composite
def _one_unpriced(draw: st.DrawFn) -> tuple[list[dict[str, Any]], int]:
    """Records the Python engine bills, and one put among them (its index,
    from 1) that uses a component its prices lack: a cache read in Azure's
    EU GPT-4.1 batch prices, or a prompt in the tier of Azure's EU GPT-5.4
    priority prices that prices nothing."""
    found = draw(streams(bad=False, max_size=8))
    day = draw(st.sampled_from(("2026-07-01", "2026-11-01T10:00:00Z")))
    if draw(st.booleans()):
        prompt = draw(st.integers(1, 300_000))
        bad = {
            "model": "azure:eu/gpt-4.1",
            "variant": "batch",
            "input_tokens": prompt,
            "cache_read_tokens": draw(st.integers(1, prompt)),
        }
    else:
        bad = {
            "model": "azure:eu/gpt-5.4",
            "variant": "priority",
            "input_tokens": draw(st.integers(272_001, 1_000_000)),
        }
    bad.update(timestamp=day, output_tokens=draw(st.integers(0, 1_000)))
    index = draw(st.integers(0, len(found)))
    found.insert(index, bad)
    return found, index + 1


@settings(
    _SETTINGS,
    max_examples=15,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
        HealthCheck.too_slow,
    ],
)
@given(case=_one_unpriced())
def test_an_unpriced_component_in_every_engine(
    lab: tc.Catalog, case: tuple[list[dict[str, Any]], int]
) -> None:
    """The record that uses a component its prices lack is named, with its
    own count, by the Python engine (records read twice or once), DuckDB
    (a table, a JSONL or CSV file) and `price_records`."""
    records, index = case
    with pytest.raises(tc.NoPriceError) as alone:
        tc.bill([records[index - 1]], catalog=lab)
    message = str(alone.value).removeprefix("record 1: ")
    want = ("NoPriceError", f"record {index}: {message}")
    table = _table(records)
    assert _outcome(lambda: tc.bill(records, catalog=lab)) == want
    assert _outcome(lambda: tc.bill(iter(records), catalog=lab)) == want
    assert _outcome(lambda: tc.bill(table, by="model,day", catalog=lab)) == want
    assert _outcome(lambda: tc.price_records(table, catalog=lab)) == want
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "usage.jsonl")
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
        for engine in ("python", "duckdb"):
            got = _outcome(
                lambda engine=engine: tc.bill_file(path, engine=engine, catalog=lab)
            )
            assert got == ("NoPriceError", f"{path}:{index}: {message}")


# Keys a JSONL record may carry beside the bill's own: a provider's count,
# counts in any case or spelling, OpenTelemetry's (most often), a field
# nobody reads.
_KEYS = (
    "prompt_tokens",
    "completion_tokens",
    "Input_Tokens",
    "input_token",
    "tokens",
    "token_note",
    "usage",
    "cache_creation",
    "gen_ai.usage.input_tokens",
    "attributes",
    "attributes",
    "attributes",
    "request_id",
    "project",
)
_VALUES = st.one_of(st.integers(0, 1_000), st.sampled_from(("search", "")))
_ATTRIBUTES = st.fixed_dictionaries(
    {},
    optional={
        # Above any cached or reasoning part of the record's own counts.
        "gen_ai.usage.input_tokens": st.integers(400_000, 500_000),
        "gen_ai.usage.output_tokens": st.integers(50_000, 60_000),
        "service.name": st.just("search"),
    },
)


@st.composite
def _keyed(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Records the Python engine bills, one of them with another key."""
    found = draw(streams(bad=False, max_size=6))
    record = found[draw(st.integers(0, len(found) - 1))]
    key = draw(st.sampled_from(_KEYS))
    record[key] = draw(_ATTRIBUTES if key == "attributes" else _VALUES)
    return found


@settings(
    _SETTINGS,
    max_examples=25,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
        HealthCheck.too_slow,
    ],
)
@given(
    records=_keyed(),
    by=st.sampled_from(("model", "model,token_note", "model,attributes")),
)
def test_no_key_the_python_engine_reads_is_ignored(
    lab: tc.Catalog, records: list[dict[str, Any]], by: str
) -> None:
    """Whatever other keys a JSONL file's records have, and whatever the bill
    is grouped by, DuckDB gives the Python engine's bill or its error, with
    the same line."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "usage.jsonl")
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
        outcomes = [
            _outcome(
                lambda engine=engine: tc.bill_file(
                    path, by=by, catalog=lab, engine=engine
                ).to_dict()
            )
            for engine in ("python", "duckdb")
        ]
    assert outcomes[1] == outcomes[0]


@settings(
    _SETTINGS,
    max_examples=20,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
        HealthCheck.too_slow,
    ],
)
@given(
    records=streams(bad=False, max_size=6),
    where=st.tuples(st.integers(0, 5), st.integers(0, 9)),
)
def test_a_key_given_twice(
    lab: tc.Catalog, records: list[dict[str, Any]], where: tuple[int, int]
) -> None:
    """A line that gives one of its keys twice (a field the bill reads, or a
    tag it does not) is the Python engine's error, with its line, in DuckDB
    too: DuckDB's reader refuses only the fields it reads given twice."""
    lines = [json.dumps(r) for r in records]
    index = where[0] % len(lines)
    keys = list(records[index])
    key = keys[where[1] % len(keys)]
    lines[index] = "{" + json.dumps(key) + ': "again", ' + lines[index][1:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "usage.jsonl")
        path.write_text("".join(line + "\n" for line in lines))
        outcomes = [
            _outcome(
                lambda engine=engine: tc.bill_file(
                    path, by="model", catalog=lab, engine=engine
                ).to_dict()
            )
            for engine in ("python", "duckdb")
        ]
    assert outcomes[1] == outcomes[0]
    assert f"usage.jsonl:{index + 1}: the key {key!r} appears twice" in str(outcomes[0])
