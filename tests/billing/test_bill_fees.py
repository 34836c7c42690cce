"""
A bill of records in a provider's shape that show charges besides their
tokens (web searches, tool calls, request fees) stops at the first such
record, as `cost_reply` refuses the reply: its tokens are not its cost.

claude-sonnet-4-5 costs $3 / $15 per million input / output tokens as of
2026-07-01, so a record of 2,100 input and 300 output tokens costs
0.0063 + 0.0045 = 0.0108 USD.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from tokencost.cli.main import main

ONE = Decimal("0.0108")


def record(searches: int | None = None, minute: int = 0) -> dict[str, Any]:
    usage: dict[str, Any] = {"input_tokens": 2_100, "output_tokens": 300}
    if searches is not None:
        usage["server_tool_use"] = {"web_search_requests": searches}
    return {
        "timestamp": f"2026-07-01T09:{minute % 60:02d}:00Z",
        "model": "claude-sonnet-4-5",
        "usage": usage,
    }


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


MESSAGE = (
    "the record carries charges besides its tokens that no price sheet holds: "
    "{n} (usage.server_tool_use.web_search_requests); its tokens are not its "
    "whole cost (pass ignore_fees=True, --ignore-fees on the command line, to "
    "bill the tokens and leave them out)"
)


class TestRecords:
    def test_stops_at_the_first(self) -> None:
        records = [record(), record(0), record(2), record(5)]
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill(records, preset="anthropic")
        assert str(caught.value) == "record 3: " + MESSAGE.format(n="2 web searches")

    def test_ignore_fees(self) -> None:
        records = [record(), record(0), record(2), record(5)]
        bill = tc.bill(records, preset="anthropic", ignore_fees=True)
        assert (bill.records, bill.total()) == (4, tc.Money(4 * ONE, "USD"))

    def test_no_fee_no_error(self) -> None:
        bill = tc.bill([record(), record(0)], preset="anthropic")
        assert bill.total() == tc.Money(2 * ONE, "USD")

    def test_detected_shape(self) -> None:
        """A flat Anthropic usage, told by its cache fields, without a preset."""
        flat = {
            "timestamp": "2026-07-01T09:00:00Z",
            "model": "claude-sonnet-4-5",
            "input_tokens": 2_100,
            "output_tokens": 300,
            "cache_read_input_tokens": 0,
            "server_tool_use": {"web_search_requests": 1},
        }
        with pytest.raises(tc.NoPriceError, match="^record 1: .*1 web search "):
            tc.bill([flat])
        assert tc.bill([flat], ignore_fees=True).total() == tc.Money(ONE, "USD")

    def test_malformed_count(self) -> None:
        bad = record()
        bad["usage"]["server_tool_use"] = {"web_search_requests": -2}
        with pytest.raises(tc.InvalidReplyError, match="^record 1: reply: usage"):
            tc.bill([bad], preset="anthropic")

    def test_an_arrow_table(self) -> None:
        pa = pytest.importorskip("pyarrow")
        table = pa.Table.from_pylist([record(), record(3)])
        with pytest.raises(tc.NoPriceError, match="^record 2: .*3 web searches"):
            tc.bill(table, preset="anthropic")
        bill = tc.bill(table, preset="anthropic", ignore_fees=True)
        assert bill.total() == tc.Money(2 * ONE, "USD")


@given(st.lists(st.one_of(st.none(), st.integers(0, 10**6)), max_size=30))
def test_property(searches: list[int | None]) -> None:
    """A bill refuses exactly when a record has a search, naming the first;
    ignoring the fees bills every record by its tokens alone."""
    records = [record(n, minute) for minute, n in enumerate(searches)]
    first = next((i for i, n in enumerate(searches, 1) if n), None)
    if first is None:
        assert tc.bill(records, preset="anthropic").records == len(records)
    else:
        with pytest.raises(tc.NoPriceError, match=f"^record {first}: "):
            tc.bill(records, preset="anthropic")
    ignored = tc.bill(records, preset="anthropic", ignore_fees=True)
    assert ignored.records == len(records)
    assert ignored.total() == tc.Money(len(records) * ONE, "USD")


class TestFiles:
    def test_line(self, tmp_path: Path) -> None:
        path = write(tmp_path / "usage.jsonl", [record(), record(4)])
        with pytest.raises(tc.NoPriceError) as caught:
            tc.bill_file(path, preset="anthropic")
        assert str(caught.value) == f"{path}:2: " + MESSAGE.format(n="4 web searches")

    @pytest.mark.parametrize("workers", [1, 2])
    def test_a_large_file(self, tmp_path: Path, workers: int) -> None:
        """Past the size the workers start at: the same line, and with
        ignore_fees the same total, whatever the workers."""
        records = [record(None, i) for i in range(70_000)]
        records[51_234] = record(1, 7)
        path = write(tmp_path / "usage.jsonl", records)
        assert path.stat().st_size > 8 << 20
        with pytest.raises(tc.NoPriceError, match=f"^{path}:51235: .*1 web search "):
            tc.bill_file(path, preset="anthropic", workers=workers)
        bill = tc.bill_file(path, preset="anthropic", workers=workers, ignore_fees=True)
        assert bill.total() == tc.Money(70_000 * ONE, "USD")

    def test_command_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = write(tmp_path / "usage.jsonl", [record(), record(2)])
        status = main(["bill", str(path), "--preset", "anthropic"])
        out, err = capsys.readouterr()
        assert (status, out) == (1, "")
        assert err == (
            f"tokencost: error: {path}:2: " + MESSAGE.format(n="2 web searches") + "\n"
        )
        status = main(
            ["bill", str(path), "--preset", "anthropic", "--ignore-fees", "-f", "json"]
        )
        out, err = capsys.readouterr()
        assert (status, err) == (0, "")
        assert json.loads(out)["totals"] == {"USD": "0.0216"}


def flat(searches: int, minute: int = 0, **more: object) -> dict[str, Any]:
    """A record in the bill's own shape, with Anthropic's tool counts."""
    return {
        "timestamp": f"2026-07-01T09:{minute:02d}:00Z",
        "model": "claude-sonnet-4-5",
        "input_tokens": 2_100,
        "output_tokens": 300,
        "server_tool_use": {"web_search_requests": searches},
        **more,
    }


class TestOwnShape:
    """A field that shows a charge is looked at in the bill's own shape too,
    in every record (not only the first with those keys), by every engine."""

    def test_every_record_is_looked_at(self) -> None:
        records = [flat(0, 0), flat(0, 1), flat(3, 2)]
        with pytest.raises(tc.NoPriceError, match="^record 3: .*3 web searches"):
            tc.bill(records)
        assert tc.bill(records[:2]).total() == tc.Money(2 * ONE, "USD")
        assert tc.bill(records, ignore_fees=True).total() == tc.Money(3 * ONE, "USD")

    @pytest.mark.parametrize(
        ("more", "fee"),
        [
            ({"num_search_queries": 4}, "4 search queries (usage.num_search_queries)"),
            ({"num_sources_used": 2}, "2 Live Search sources (xAI)"),
            ({"inference_geo": "us"}, "inference kept in one geography"),
        ],
    )
    def test_other_fields(self, more: dict[str, Any], fee: str) -> None:
        record = flat(0, **more)
        with pytest.raises(tc.NoPriceError, match="^record 1: ") as caught:
            tc.bill([record])
        assert fee in str(caught.value)

    @pytest.mark.parametrize("engine", ["python", "duckdb"])
    def test_engines(self, tmp_path: Path, engine: str) -> None:
        pytest.importorskip("duckdb")
        path = write(tmp_path / "usage.jsonl", [flat(0, 0), flat(2, 1)])
        with pytest.raises(tc.NoPriceError, match=f"^{path}:2: .*2 web searches"):
            tc.bill_file(path, engine=engine)
        bill = tc.bill_file(path, engine=engine, ignore_fees=True)
        assert bill.total() == tc.Money(2 * ONE, "USD")

    def test_a_table(self) -> None:
        pa = pytest.importorskip("pyarrow")
        table = pa.Table.from_pylist([flat(0, 0), flat(1, 1)])
        with pytest.raises(tc.NoPriceError, match="^record 2: .*1 web search "):
            tc.bill(table)
        assert tc.bill(table, ignore_fees=True).total() == tc.Money(2 * ONE, "USD")

    def test_a_tag_named_iterations_is_a_tag(self) -> None:
        """Only a provider's nested usage reads `iterations`; in the bill's own
        shape it is a field like any other."""
        record = {**flat(0), "iterations": 3}
        del record["server_tool_use"]
        bill = tc.bill([record], by="iterations")
        groups = bill.to_dict()["groups"]
        assert [(g["iterations"], g["total"]) for g in groups] == [("3", "0.0108")]
