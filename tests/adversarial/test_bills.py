"""Bills: every record accounted for or the first bad one named with its
file:line; nothing guessed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc

from .conftest import Run, jsonl, one_error_line, record

GLM = tc.Money("0.1856", "USD")  # one record(): 120k in, 4k out on 2026-07-01


class TestRecordsInMemory:
    @pytest.mark.parametrize("bad", [None, 5, "glm-5.2", ["model"]])
    def test_non_mapping_record(self, bad: object) -> None:
        """A record that is not a mapping stops the bill, naming the record."""
        with pytest.raises(tc.WrongTypeError, match="record 2"):
            tc.bill([record(), bad, record()])  # type: ignore[list-item]

    def test_first_record_not_a_mapping(self) -> None:
        with pytest.raises(tc.WrongTypeError, match="record 1"):
            tc.bill([None, record()])  # type: ignore[list-item]

    @pytest.mark.parametrize("records", ["str", 5, None, b"x"])
    def test_not_records(self, records: object) -> None:
        with pytest.raises(tc.WrongTypeError):
            tc.bill(records)  # type: ignore[arg-type]

    def test_missing_timestamp(self) -> None:
        """A record without a timestamp is refused, not priced at today's
        prices."""
        rec = record()
        del rec["timestamp"]
        with pytest.raises(tc.InvalidInputError, match="record 1: .*timestamp"):
            tc.bill([rec])

    @pytest.mark.parametrize("key", ["Model", " model", None])
    def test_missing_model(self, key: str | None) -> None:
        """A record without a model (or with it under another spelling, as a
        CSV header ``Model`` gives) says so and how to map it, instead of
        "model must be a name ..., not None"."""
        rec: dict[str, object] = dict(record())
        model = rec.pop("model")
        if key is not None:
            rec[key] = model
        with pytest.raises(tc.InvalidInputError) as info:
            tc.bill([record(), rec])
        assert str(info.value) == (
            "record 2: no model: a record must name the model that served it; "
            "add a model field, or map a column to it (--map COLUMN=model)"
        )

    @pytest.mark.parametrize(
        "timestamp",
        [
            "2026-07-01T99:99:99Z",
            "2026-07-01T25:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-07-01Tgarbage",
            "2026-07-01 junk",
            "",
            5,
        ],
    )
    def test_invalid_timestamp(self, timestamp: object) -> None:
        with pytest.raises(tc.TokencostError, match="record 1"):
            tc.bill([record(timestamp=timestamp)])

    @pytest.mark.parametrize(
        "extra",
        [
            {"tokens": 5},
            {"input_token": 5},
            {"total_tokens": 100},
            {"total_tokens": 100, "input_tokens": 5},
            {"prompt_tokens": 5},
            {"usage": {"input_tokens": 5, "output_tokens": 1}},
        ],
    )
    def test_unrecognised_token_fields(self, extra: dict[str, Any]) -> None:
        """Token fields the bill does not read are refused, not billed as 0."""
        rec = {"model": "glm-5.2", "timestamp": "2026-07-01", **extra}
        with pytest.raises(tc.InvalidInputError, match="record 1"):
            tc.bill([rec])

    def test_total_tokens_is_a_check(self) -> None:
        """total_tokens beside input and output is checked, not ignored."""
        assert tc.bill([record(total_tokens=124_000)]).total() == GLM
        with pytest.raises(tc.InvalidInputError, match=r"record 2: total_tokens"):
            tc.bill([record(total_tokens=124_000), record(total_tokens=5)])

    def test_attributes_looked_at_in_every_record(self) -> None:
        """OpenTelemetry attributes holding token counts are read in every
        record, also after a record whose attributes held none: the bill
        does not depend on the order of the records."""
        plain = record(attributes={"service.name": "search"})
        otel = record(
            input_tokens=1,
            output_tokens=1,
            attributes={
                "gen_ai.usage.input_tokens": 120_000,
                "gen_ai.usage.output_tokens": 4_000,
            },
        )
        assert tc.bill([plain, otel]).total() == GLM * 2
        assert tc.bill([otel, plain]).total() == GLM * 2

    def test_extra_text_fields_still_group(self) -> None:
        result = tc.bill([record(project="a"), record(project="b")], by="project")
        assert [g.key for g in result.groups] == [("a",), ("b",)]
        assert result.total() == GLM * 2

    def test_usage_record_without_timestamp(self) -> None:
        with pytest.raises(TypeError):
            tc.UsageRecord("glm-5.2", tc.Usage(1, 1))  # type: ignore[call-arg]

    @pytest.mark.parametrize("variant", ["", None, "standard"])
    def test_standard_variant(self, variant: str | None) -> None:
        assert tc.bill([record(variant=variant)]).total() == GLM


class TestOptions:
    @pytest.mark.parametrize("workers", ["2", 0, -3, 2.5, True])
    def test_bad_workers(self, tmp_path: Path, workers: object) -> None:
        path = jsonl(tmp_path / "r.jsonl", [record()])
        with pytest.raises(tc.TokencostError, match="workers"):
            tc.bill_file(path, workers=workers)  # type: ignore[arg-type]

    def test_cli_negative_workers(self, cli: Run, tmp_path: Path) -> None:
        path = jsonl(tmp_path / "r.jsonl", [record()])
        status, _, err = cli("bill", str(path), "--workers", "-3")
        assert status == 2
        assert "workers" in one_error_line(err)

    @pytest.mark.parametrize("option", ["--by", "--currency"])
    def test_cli_empty_values(self, cli: Run, tmp_path: Path, option: str) -> None:
        path = jsonl(tmp_path / "r.jsonl", [record()])
        status, _, err = cli("bill", str(path), option, "")
        assert status == 2
        one_error_line(err)


class TestGrouping:
    def test_by_week(self) -> None:
        """Weeks are ISO weeks of the UTC day, labelled like 2026-W27."""
        records = [
            record(timestamp="2026-07-01T09:30:00Z"),  # Wednesday, ISO week 27
            record(timestamp="2026-07-05T23:30:00Z"),  # Sunday, still week 27
            record(timestamp="2026-07-06T00:30:00Z"),  # Monday, week 28
            record(timestamp="2026-07-05T23:30:00-01:00"),  # Monday in UTC
            record(timestamp="2027-01-01T12:00:00Z"),  # Friday of 2026-W53
            record(timestamp="2027-01-04T12:00:00Z"),  # Monday, 2027-W01
        ]
        result = tc.bill(records, by="week")
        assert [(g.key, g.records) for g in result.groups] == [
            (("2026-W27",), 2),
            (("2026-W28",), 2),
            (("2026-W53",), 1),
            (("2027-W01",), 1),
        ]
        assert result.total() == GLM * 6

    def test_by_hour_in_utc(self) -> None:
        records = [
            record(timestamp="2026-07-01T09:30:00Z"),
            record(timestamp="2026-07-01T04:59:00-05:00"),  # 09:59 UTC
            record(timestamp="2026-07-01T10:00:00+01:00"),  # 09:00 UTC
            record(timestamp="2026-07-01T10:00:00"),  # naive: UTC
        ]
        result = tc.bill(records, by="hour")
        assert [(g.key, g.records) for g in result.groups] == [
            (("2026-07-01T09",), 3),
            (("2026-07-01T10",), 1),
        ]

    def test_by_hour_needs_a_time(self) -> None:
        with pytest.raises(tc.InvalidInputError, match="hour"):
            tc.bill([record(timestamp="2026-07-01")], by="hour")

    def test_by_week_on_file(self, cli: Run, tmp_path: Path) -> None:
        path = jsonl(tmp_path / "r.jsonl", [record(), record()])
        status, out, _ = cli("bill", str(path), "--by", "week", "--format", "json")
        assert status == 0
        data = json.loads(out)
        assert [g["week"] for g in data["groups"]] == ["2026-W27"]
        assert data["groups"][0]["records"] == 2


class TestDayOnly:
    def test_day_only_record_says_no_window(self) -> None:
        """A record that carries only a day, on a model with time-of-day
        windows, is priced at the standard prices and says no window applied."""
        records = [
            {
                "model": "deepseek:deepseek-v4-flash",
                "timestamp": "2026-10-01",
                "input_tokens": 1_000_000,
            },
            {
                "model": "deepseek:deepseek-v4-flash",
                "timestamp": "2026-10-01T02:00:00Z",
                "input_tokens": 1_000_000,
            },
        ]
        result = tc.bill(records, by="window")
        assert [(g.key, g.total.amount) for g in result.groups] == [
            (("no time",), Decimal("0.15")),
            (("peak",), Decimal("0.30")),
        ]
        assert result.groups[0].parts[0].window is None
        assert result.groups[0].parts[0].day_only is True
        assert result.groups[1].parts[0].day_only is False
