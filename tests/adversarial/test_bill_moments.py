"""
Bills and the moment of a record: ISO forms beyond the plain one, times
finer than a microsecond, the last moments Python has, and records that
give only a day on a model whose prices change with the time of day. Each
engine bills them alike, to the digit, or refuses them with the same
error and line.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tests.engines.conftest import need
from tokencost.prices.catalog import default_catalog

from .conftest import Run, one_error_line

# DeepSeek V4 Flash since 2026-09-10: 0.15 USD per million input tokens,
# 0.30 at peak (01:00-04:00 and 06:00-10:00 UTC, Monday to Friday).
FLASH = "deepseek:deepseek-v4-flash"
# deepseek-chat from 2025-02-26 to 2025-09-05: 0.27 USD per million input
# tokens, 0.135 off-peak (16:30-00:30 UTC, every day).
CHAT = "deepseek-chat"

DAY_ONLY = {"model": FLASH, "timestamp": "2026-10-05", "input_tokens": 1_000_000}
# One request just before the off-peak window, one just before midnight in
# it: 0.27 and 0.135 for a million input tokens, both on 2025-03-03.
NANO_MOMENTS = ["2025-03-03T16:29:59.999999999Z", "2025-03-03T23:59:59.999999999Z"]
NANO_EXPECTED = [
    (("-", "2025-03-03"), 1, Decimal("0.27")),
    (("off-peak", "2025-03-03"), 1, Decimal("0.135")),
]


def _groups(result: tc.Bill) -> list[tuple[tuple[str, ...], int, Decimal]]:
    return [(g.key, g.records, g.total.amount) for g in result.groups]


def _jsonl(tmp_path: Path, *records: dict[str, Any]) -> Path:
    path = tmp_path / "usage.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


class TestDayOnlyOnWindowedModels:
    """A record with only a day, on a model whose first window of the week
    starts after Monday 00:00 (V4 Flash's peak starts at 01:00)."""

    @pytest.mark.parametrize("by", ["model,window", "model,window,day", "month"])
    @pytest.mark.parametrize("engine", ["python", "duckdb"])
    def test_no_time_in_every_engine(
        self, tmp_path: Path, by: str, engine: str
    ) -> None:
        """Priced at the standard 0.15 and shown as 'no time', whatever
        engine sums it."""
        if engine == "duckdb":
            need("duckdb")
        path = _jsonl(tmp_path, DAY_ONLY)
        found = tc.bill_file(path, by=by, engine=engine)
        assert found.total().amount == Decimal("0.15")
        (group,) = found.groups
        (part,) = group.parts
        assert part.day_only
        assert part.window is None
        if "window" in by:
            assert group.key[by.split(",").index("window")] == "no time"

    def test_duckdb_sums_it_as_day_only(self) -> None:
        """DuckDB itself marks the sum as a record without a time (window
        ''), rather than handing the table to the Python engine."""
        need("duckdb")
        pa = need("pyarrow")
        from tokencost.engines.duck import sums

        table = pa.table({k: [v] for k, v in DAY_ONLY.items()})
        count, found = sums(table, tags=[], by_day=True, catalog=default_catalog())
        assert count == 1
        assert [key[3] for key in found] == [""]


class TestFinerThanMicroseconds:
    """Nanosecond timestamps (pandas' default) are cut to the microsecond,
    as Python's datetime reads them, never rounded up into the next
    window or the next day."""

    def _frame(self) -> Any:
        pd = need("pandas")
        return pd.DataFrame(
            {
                "model": [CHAT, CHAT],
                "timestamp": pd.to_datetime(NANO_MOMENTS),
                "input_tokens": [1_000_000, 1_000_000],
            }
        )

    def test_dataframe(self) -> None:
        need("duckdb")
        frame = self._frame()
        assert str(frame["timestamp"].dtype) == "datetime64[ns, UTC]"
        assert _groups(tc.bill(frame, by="window,day")) == NANO_EXPECTED
        # The Python engine, reading the rows one by one, agrees.
        assert _groups(tc.bill(frame, by="window,day", mapping={})) == NANO_EXPECTED

    @pytest.mark.parametrize("zone", [None, "UTC"])
    def test_arrow_summed_by_duckdb(self, zone: str | None) -> None:
        """DuckDB sums a nanosecond column itself, to the same figures."""
        need("duckdb")
        pa = need("pyarrow")
        from tokencost.engines.duck import sums

        nanos = [1_741_019_399_999_999_999, 1_741_046_399_999_999_999]
        table = pa.table(
            {
                "model": [CHAT, CHAT],
                "timestamp": pa.array(nanos, pa.timestamp("ns", tz=zone)),
                "input_tokens": [1_000_000, 1_000_000],
            }
        )
        _, found = sums(table, tags=[], by_day=True, catalog=default_catalog())
        assert sorted((key[1], key[3] or "-") for key in found) == [
            ("2025-03-03", "-"),
            ("2025-03-03", "off-peak"),
        ]
        assert _groups(tc.bill(table, by="window,day")) == NANO_EXPECTED

    def test_parquet(self, tmp_path: Path, cli: Run) -> None:
        """A Parquet file of such times, billed by DuckDB by default."""
        need("duckdb")
        need("pyarrow")
        path = tmp_path / "usage.parquet"
        self._frame().to_parquet(path)
        status, out, err = cli("bill", str(path), "--by", "window,day", "-f", "json")
        assert status == 0, err
        groups = json.loads(out)["groups"]
        assert [(g["window"], g["day"], g["total"]) for g in groups] == [
            ("-", "2025-03-03", "0.27"),
            ("off-peak", "2025-03-03", "0.135"),
        ]


class TestLastMoments:
    """A time whose UTC day is after 9999-12-31 is no day Python has."""

    @pytest.mark.parametrize("engine", ["python", "duckdb"])
    @pytest.mark.parametrize(
        "moment", ["9999-12-31T23:30:00-01:00", "9999-12-31T23:59:59.5-00:01"]
    )
    def test_refused_with_its_line(
        self, tmp_path: Path, cli: Run, engine: str, moment: str
    ) -> None:
        if engine == "duckdb":
            need("duckdb")
        good = {"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": 1}
        bad = {**good, "timestamp": moment}
        path = _jsonl(tmp_path, good, bad)
        status, _, err = cli("bill", str(path), "--engine", engine)
        assert status == 2
        assert one_error_line(err) == (
            f"tokencost: error: {path}:2: cannot read timestamp {moment!r}: "
            "out of range in UTC"
        )


class TestIsoWeekDates:
    """An ISO week date with a time, 2026-W27-3T09:30:00Z (Wednesday
    2026-07-01), is grouped under its calendar day, never its text."""

    @pytest.mark.parametrize(
        "moment", ["2026-W27-3T09:30:00Z", "2026-W27-3T09:30:00+00:00", "2026-W27-3"]
    )
    def test_grouped_by_its_day(self, moment: str) -> None:
        record = {"model": "glm-5.2", "timestamp": moment, "input_tokens": 1_000}
        found = tc.bill([record], by="day,week,month")
        # 1,000 tokens at 1.40 USD per million.
        assert _groups(found) == [
            (("2026-07-01", "2026-W27", "2026-07"), 1, Decimal("0.0014"))
        ]

    def test_with_plain_records(self) -> None:
        """It falls in the same day as the plain form of the same moment."""
        records = [
            {"model": "glm-5.2", "timestamp": t, "input_tokens": 1_000}
            for t in ("2026-07-01T09:30:00Z", "2026-W27-3T09:30:00Z")
        ]
        assert _groups(tc.bill(records, by="day")) == [
            (("2026-07-01",), 2, Decimal("0.0028"))
        ]
