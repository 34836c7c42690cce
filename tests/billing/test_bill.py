"""bill(): exact totals over many records, grouping, formats and errors."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost.billing import parallel as _bill
from tokencost.billing.records import TOKEN_FIELDS
from tokencost.cli.main import main


def cost_sum(records: list[dict[str, Any]], catalog: tc.Catalog) -> dict[str, Decimal]:
    """The reference: cost() of every record, added up per currency."""
    totals: dict[str, Decimal] = {}
    for r in records:
        c = tc.cost(
            r["model"],
            tc.Usage(*(r.get(name, 0) for name in TOKEN_FIELDS)),
            at=r["timestamp"],
            variant=r.get("variant"),
            catalog=catalog,
        )
        totals[c.currency] = totals.get(c.currency, Decimal(0)) + c.total.amount
    return totals


@st.composite
def acme_records(draw: st.DrawFn) -> dict[str, Any]:
    """Records on the test catalog: both acme-1 periods, around its 100k tier,
    with and without batch, and a CNY model."""
    model = draw(st.sampled_from(["acme-1", "acme-mini", "yuan-1"]))
    day = draw(
        st.sampled_from(["2026-03-01", "2026-05-31", "2026-06-01", "2026-09-30"])
    )
    hour = draw(st.integers(0, 23))
    prompt = draw(st.sampled_from([0, 1, 99_999, 100_000, 100_001, 250_000]))
    record: dict[str, Any] = {
        "model": model,
        "timestamp": f"{day}T{hour:02d}:15:00Z",
        "input_tokens": prompt,
        "output_tokens": draw(st.integers(0, 50_000)),
    }
    if model == "acme-1":
        read = draw(st.integers(0, prompt))
        record["cache_read_tokens"] = read
        record["cache_write_tokens"] = draw(st.integers(0, prompt - read))
        if day >= "2026-06-01" and draw(st.booleans()):
            record["variant"] = "batch"
    return record


class TestExactness:
    @settings(max_examples=150, deadline=None)
    @given(st.lists(acme_records(), max_size=40))
    def test_totals_equal_sum_of_costs(
        self, acme: tc.Catalog, records: list[dict[str, Any]]
    ) -> None:
        """Each currency's total is exactly the sum of cost() over the records."""
        result = tc.bill(records, by="model,day,variant", catalog=acme)
        assert {t.currency: t.amount for t in result.totals} == cost_sum(records, acme)
        assert result.records == len(records)

    @settings(max_examples=50, deadline=None)
    @given(st.lists(acme_records(), min_size=1, max_size=30))
    def test_lines_add_up(
        self, acme: tc.Catalog, records: list[dict[str, Any]]
    ) -> None:
        """Parts are the sums of their lines, groups of their parts."""
        result = tc.bill(records, by="provider", catalog=acme)
        for group in result.groups:
            assert group.total.amount == sum(p.total.amount for p in group.parts)
            assert group.records == sum(p.records for p in group.parts)
            for part in group.parts:
                assert part.total.amount == sum(x.amount.amount for x in part.lines)

    def test_seeded_sample_on_bundled_catalog(self) -> None:
        """2,000 seeded random records on the bundled catalog bill exactly."""
        rng = random.Random(7)
        models = ["claude-fable-5", "claude-sonnet-4-5", "gpt-5.5", "glm-5.2"]
        # deepseek-chat was retired on 2026-07-24; its successor has windows.
        models += ["gemini-2.5-pro", "deepseek-v4-flash", "MiniMax-M3"]
        records = []
        for _ in range(2_000):
            prompt = int(200 * 3000 ** rng.random())
            read = int(prompt * rng.choice((0, 0.5, 0.9)))
            record = {
                "model": rng.choice(models),
                "timestamp": f"2026-{rng.randint(7, 11):02d}-{rng.randint(1, 28):02d}"
                + rng.choice(
                    ["", f"T{rng.randrange(24):02d}:{rng.randrange(60):02d}Z"]
                ),
                "input_tokens": prompt,
                "output_tokens": rng.randrange(8_000),
                "cache_read_tokens": read,
            }
            if record["model"] == "gpt-5.5" and rng.random() < 0.3:
                record["variant"] = "batch"
            records.append(record)
        result = tc.bill(records, by="model,month")
        expected = cost_sum(records, tc.default_catalog())
        assert {t.currency: t.amount for t in result.totals} == expected
        assert result.total().amount == expected["USD"]


CLOCK = """
provider = "clock"
name = "Clock"
currency = "USD"
first_party = true

[[models]]
id = "clock-1"

[[models.periods]]
from = 2026-01-01
source = "tests"
checked = 2026-01-01
input_mtok = 2
cache_write_mtok = 2.5
cache_write_1h_mtok = 4
output_mtok = 8
reasoning_mtok = 10

[[models.periods.tiers]]
min_input_tokens = 100_000
input_mtok = 3

[[models.periods.windows]]
name = "off-peak"
hours = ["16:30-00:30"]
input_mtok = 1
output_mtok = 4
"""


CLOCK_TIMES = [
    "2026-03-02", "2026-03-02T16:29:59Z", "2026-03-02T16:30:00Z",
    "2026-03-03T00:29:00Z", "2026-03-03T00:30:00Z", "2026-03-02T12:00:00-05:00",
]  # fmt: skip


@st.composite
def clock_records(draw: st.DrawFn) -> dict[str, Any]:
    """Records at any time of day, with one-hour cache writes and reasoning."""
    prompt = draw(st.sampled_from([0, 10, 99_999, 100_000, 300_000]))
    write = draw(st.integers(0, prompt))
    hour = draw(st.integers(0, prompt - write))
    output = draw(st.integers(0, 9_000))
    record: dict[str, Any] = {
        "model": "clock-1",
        "timestamp": draw(st.sampled_from(CLOCK_TIMES)),
        "input_tokens": prompt,
        "cache_write_tokens": write,
        "cache_write_1h_tokens": hour,
        "output_tokens": output,
        "reasoning_tokens": draw(st.integers(0, output)),
    }
    return record


@pytest.fixture(scope="module")
def clock(tmp_path_factory: pytest.TempPathFactory) -> tc.Catalog:
    """A catalog with a time-of-day window, 1-hour cache writes and reasoning."""
    path = tmp_path_factory.mktemp("sheets") / "clock.toml"
    path.write_text(CLOCK, encoding="utf-8")
    return tc.load_catalog(path, bundled=False)


class TestWindowsAndNewCounts:
    @settings(max_examples=150, deadline=None)
    @given(st.lists(clock_records(), max_size=30))
    def test_totals_equal_sum_of_costs(
        self, clock: tc.Catalog, records: list[dict[str, Any]]
    ) -> None:
        """Windows, 1-hour cache writes and reasoning bill like cost()."""
        result = tc.bill(records, by="window", catalog=clock)
        assert {t.currency: t.amount for t in result.totals} == cost_sum(records, clock)

    def test_window_by_time_of_day(self, clock: tc.Catalog) -> None:
        """The time of a record picks the window; a bare day takes none."""
        records = [
            {"model": "clock-1", "timestamp": t, "input_tokens": 1_000_000}
            for t in ("2026-03-02T17:00:00Z", "2026-03-02T12:00:00Z", "2026-03-02")
        ]
        result = tc.bill(records, by="window", catalog=clock)
        assert [(g.key, g.records, g.total.amount) for g in result.groups] == [
            (("-",), 1, Decimal("3")),  # 1M prompts reach the tier: 1M x 3
            # a bare day: the standard prices, and the bill says no window
            # applied
            (("no time",), 1, Decimal("3")),
            # the window has no tier of its own: 1M x 1
            (("off-peak",), 1, Decimal("1")),
        ]


class TestKnownFigures:
    def test_per_request_price_counts_records(self, acme: tc.Catalog) -> None:
        """The per-request price is paid once per record, on summed tokens."""
        records = [
            {"model": "acme-1", "timestamp": "2026-03-01", "input_tokens": 1_000,
             "output_tokens": 500},
        ] * 3  # fmt: skip
        result = tc.bill(records, catalog=acme)
        # 3 x (1,000 x 2 + 500 x 8) / 1M + 3 x 0.001
        assert result.total() == tc.Money("0.021", "USD")
        (part,) = result.groups[0].parts
        assert [(x.component, x.quantity) for x in part.lines] == [
            ("input", 3_000),
            ("output", 1_500),
            ("request", 3),
        ]

    def test_tier_is_decided_per_record(self, acme: tc.Catalog) -> None:
        """Two 60k prompts stay below the 100k tier although they sum to 120k."""
        records = [
            {"model": "acme-1", "timestamp": "2026-07-01", "input_tokens": 60_000},
            {"model": "acme-1", "timestamp": "2026-07-01", "input_tokens": 60_000},
            {"model": "acme-1", "timestamp": "2026-07-01", "input_tokens": 100_000},
        ]
        result = tc.bill(records, catalog=acme)
        # 120k x 3.66 + 100k x 7.32, per million
        assert result.total().amount == Decimal("1.1712")
        tiers = [p.tier for p in result.groups[0].parts]
        assert [t and t.min_input_tokens for t in tiers] == [None, 100_000]

    def test_timestamp_offset_moves_the_day(self, acme: tc.Catalog) -> None:
        """23:30 at UTC-5 on May 31 is June 1 in UTC: the new period applies."""
        records = [
            {"model": "acme-1", "timestamp": "2026-05-31T23:30:00-05:00",
             "input_tokens": 50_000},
        ]  # fmt: skip
        result = tc.bill(records, by="day", catalog=acme)
        assert result.groups[0].key == ("2026-06-01",)
        # 50k x 3.66 per million; May's price would give 0.101
        assert result.total().amount == Decimal("0.183")

    def test_usage_records(self, acme: tc.Catalog) -> None:
        """UsageRecord values bill like the equivalent dicts, tags included."""
        usage = tc.Usage(2_000_000, 1_000_000)
        records = [
            tc.UsageRecord("acme-1", usage, "2026-07-01", "batch", {"team": "a"}),
            tc.UsageRecord("acme-1", usage, "2026-07-02", None, {"team": "b"}),
        ]
        result = tc.bill(records, by="team,variant", catalog=acme)
        assert [(g.key, g.total.amount) for g in result.groups] == [
            (("a", "batch"), Decimal("10.98")),  # 2 x 1.83 + 7.32
            # 2M prompt tokens reach the 100k tier: 2 x 7.32 + 21.96
            (("b", "standard"), Decimal("36.60")),
        ]


GROUPING_RECORDS = [
    {"model": "acme-1", "timestamp": "2026-07-01T10:00:00Z", "input_tokens": 10,
     "project": "x"},
    {"model": "acme-mini", "timestamp": "2026-07-02T10:00:00Z", "input_tokens": 10},
    {"model": "yuan-1", "timestamp": "2026-08-01T00:00:00Z",
     "input_tokens": 1_000_000, "project": "x"},
]  # fmt: skip


class TestGrouping:
    records = GROUPING_RECORDS

    def test_by_fields(self, acme: tc.Catalog) -> None:
        """Groups are keyed by the by fields; a missing extra field is '-'."""
        result = tc.bill(self.records, by=["month", "project"], catalog=acme)
        assert [(g.key, g.currency, g.records) for g in result.groups] == [
            (("2026-07", "-"), "USD", 1),
            (("2026-07", "x"), "USD", 1),
            (("2026-08", "x"), "CNY", 1),
        ]

    def test_currencies_are_never_added(self, acme: tc.Catalog) -> None:
        """One total per currency; total() asks which one when there are two."""
        result = tc.bill(self.records, by="provider", catalog=acme)
        # 10 x 3.66 + 10 x 0.10 per million dollars; 1M x 8 per million yuan
        assert [str(t) for t in result.totals] == ["8.00 CNY", "0.000038 USD"]
        assert result.total("usd").amount == Decimal("0.0000376")
        assert result.total("CNY").amount == Decimal(8)
        with pytest.raises(tc.InvalidInputError, match="CNY, USD"):
            result.total()

    def test_currency_converts(self, acme: tc.Catalog) -> None:
        """currency= converts every group, at fx= when given, as convert_bill."""
        usd = tc.bill(self.records, currency="USD", fx={"CNY": "8"}, catalog=acme)
        # 8 CNY at 8 per dollar, plus the dollar groups' 0.0000376
        assert usd.total().amount == Decimal("1.0000376")
        plain = tc.bill(self.records, catalog=acme)
        assert usd == tc.convert_bill(plain, "USD", fx={"CNY": "8"})
        one = tc.bill(self.records[:2], currency="usd", catalog=acme)
        assert one.total() == plain.total("USD")

    def test_file_currency(self, acme: tc.Catalog, tmp_path: Path) -> None:
        """bill_file converts as bill does."""
        log = tmp_path / "usage.jsonl"
        log.write_text("\n".join(json.dumps(r) for r in self.records) + "\n")
        from_file = tc.bill_file(log, currency="USD", fx={"CNY": "8"}, catalog=acme)
        assert from_file.total().amount == Decimal("1.0000376")

    def test_currency_refusals(self, acme: tc.Catalog) -> None:
        """No rate for a currency, or rates without a currency, are refused."""
        with pytest.raises(tc.MissingRateError, match="CNY"):
            tc.bill(self.records, currency="USD", fx={"EUR": "0.9"}, catalog=acme)
        with pytest.raises(tc.InvalidInputError, match="give currency too"):
            tc.bill(self.records, fx={"CNY": "8"}, catalog=acme)

    def test_empty(self) -> None:
        """No records: no groups, no totals, zero."""
        result = tc.bill([])
        assert (result.records, result.groups, result.total().amount) == (0, (), 0)

    @pytest.mark.parametrize("by", ["", "model,model", "input_tokens"])
    def test_bad_by(self, by: str) -> None:
        """An empty, repeated or numeric by field is refused."""
        with pytest.raises(tc.InvalidInputError):
            tc.bill([], by=by)

    def test_reads_every_usage_field(self, tmp_path: Path) -> None:
        """The bill sums every token count Usage has: each count, set to its
        own value, comes back in the group's usage, and the group costs what
        cost() says, on a sheet that prices every component."""
        from tests.costing.test_aggregates import SHEET

        (tmp_path / "allparts.toml").write_text(SHEET, encoding="utf-8")
        catalog = tc.load_catalog(tmp_path / "allparts.toml")
        counts = {name: 10 + i for i, name in enumerate(TOKEN_FIELDS)}
        counts["input_tokens"] = counts["output_tokens"] = 1_000
        # Cached audio is a part of the cache reads (12).
        counts["cache_read_audio_tokens"] = 5
        record = {"model": "every-1", "timestamp": "2026-07-01", **counts}
        result = tc.bill([record, record], by="model", catalog=catalog)
        usage = tc.Usage(**counts)
        assert {n: getattr(usage, n) for n in TOKEN_FIELDS} == counts
        assert result.groups[0].usage == tc.Usage(
            **{n: 2 * v for n, v in counts.items()}
        )
        single = tc.cost("every-1", usage, at="2026-07-01", catalog=catalog)
        assert result.total().amount == 2 * single.total.amount


class TestErrors:
    def test_unknown_model_names_the_record(self, acme: tc.Catalog) -> None:
        """The error says which record has the unknown model."""
        records = [{"model": "acme-1", "timestamp": "2026-07-01"}] * 2
        records.append({"model": "acme-2", "timestamp": "2026-07-01"})
        with pytest.raises(tc.UnknownModelError, match=r"^record 3: unknown model"):
            tc.bill(records, catalog=acme)

    def test_bad_tokens(self, acme: tc.Catalog) -> None:
        """Cache tokens above the input are refused, as in Usage."""
        records = [{"model": "acme-1", "timestamp": "2026-07-01", "input_tokens": 5,
                    "cache_read_tokens": 6}]  # fmt: skip
        with pytest.raises(tc.InvalidUsageError, match="record 1: cache tokens"):
            tc.bill(records, catalog=acme)

    def test_file_errors_name_the_line(self, tmp_path: Path) -> None:
        """A malformed line is reported with the file and line number."""
        path = tmp_path / "log.jsonl"
        path.write_text(
            '{"model": "glm-5.2", "timestamp": "2026-07-01"}\n\n[1, 2]\n',
            encoding="utf-8",
        )
        with pytest.raises(tc.InvalidInputError, match=r"log.jsonl:3: not a JSON"):
            tc.bill_file(path)

    def test_not_utf8(self, tmp_path: Path) -> None:
        """Bytes that are not UTF-8 are one clear error naming the file."""
        path = tmp_path / "log.jsonl"
        path.write_bytes(b'{"model": "glm-5.2", "timestamp": "2026-07-01"}\n\xff\xfe\n')
        with pytest.raises(tc.InvalidInputError, match=r"log.jsonl:2: not UTF-8"):
            tc.bill_file(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is one clear error."""
        with pytest.raises(tc.InvalidInputError, match="cannot read"):
            tc.bill_file(tmp_path / "none.jsonl")


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


FILE_RECORDS = [
    {"model": "glm-5.2", "timestamp": "2026-07-01T08:00:00Z",
     "input_tokens": 120_000, "output_tokens": 4_000},
    {"model": "gpt-5.5", "timestamp": "2026-07-02T08:00:00Z",
     "input_tokens": 272_001, "output_tokens": 1_000, "variant": "batch"},
]  # fmt: skip


class TestFiles:
    records = FILE_RECORDS

    def test_jsonl_and_csv_agree(self, tmp_path: Path) -> None:
        """The same records as JSONL and as CSV give the same bill."""
        jsonl = write_jsonl(tmp_path / "a.jsonl", self.records)
        csv_path = tmp_path / "a.csv"
        csv_path.write_text(
            "model,timestamp,input_tokens,output_tokens,cache_read_tokens,variant\n"
            "glm-5.2,2026-07-01T08:00:00Z,120k,4000,,\n"
            "gpt-5.5,2026-07-02T08:00:00Z,272001,1000,0,batch\n",
            encoding="utf-8",
        )
        a = tc.bill_file(jsonl, by="model,day")
        b = tc.bill_file(csv_path, by="model,day")
        assert a == b
        assert a.total().amount == Decimal("0.1856") + tc.cost(
            "gpt-5.5", input_tokens=272_001, output_tokens=1_000,
            at="2026-07-02", variant="batch",
        ).total.amount  # fmt: skip

    def test_read_records(self, tmp_path: Path) -> None:
        """read_records yields the file's records as dicts."""
        path = write_jsonl(tmp_path / "a.jsonl", self.records)
        assert list(tc.read_records(path)) == self.records

    def test_progress(self, tmp_path: Path) -> None:
        """The progress callback hears the running record count."""
        path = write_jsonl(tmp_path / "a.jsonl", self.records * 10_000)
        seen: list[int] = []
        tc.bill_file(path, progress=seen.append)
        assert seen == [8192, 16384]


class TestWorkers:
    def test_same_bill(
        self, tmp_path: Path, acme: tc.Catalog, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Three processes give the same bill as one, blank lines and all."""
        monkeypatch.setattr(_bill, "_PARALLEL_FROM", 0)
        monkeypatch.setattr(_bill, "_HEAD", 1_000)
        rng = random.Random(3)
        lines = []
        for index in range(3_000):
            record = {
                "model": rng.choice(["acme-1", "acme-mini", "yuan-1"]),
                "timestamp": f"2026-0{rng.randint(3, 8)}-1{rng.randint(0, 9)}",
                "input_tokens": rng.choice([10, 99_999, 100_000, 200_000]),
                "output_tokens": rng.randrange(9_000),
                "team": rng.choice("ab"),
            }
            lines.append(json.dumps(record) + ("\n\n" if index % 97 == 0 else "\n"))
        path = tmp_path / "log.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        one = tc.bill_file(path, by="team,model,month", catalog=acme)
        three = tc.bill_file(path, by="team,model,month", catalog=acme, workers=3)
        assert three == one
        assert three.records == 3_000
        assert _bill._split(path, 3)[-1][1] == path.stat().st_size

    def test_error_names_the_line(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An error found by a worker is reported with its line, as with one."""
        monkeypatch.setattr(_bill, "_PARALLEL_FROM", 0)
        monkeypatch.setattr(_bill, "_HEAD", 1_000)
        records = [{"model": "glm-5.2", "timestamp": "2026-07-01"}] * 500
        records[420] = {"model": "glm-9", "timestamp": "2026-07-01"}
        path = write_jsonl(tmp_path / "log.jsonl", records)
        with pytest.raises(tc.UnknownModelError, match=r"log.jsonl:421: unknown"):
            tc.bill_file(path, workers=2)
        # a blank line before it moves it down one
        text = path.read_text(encoding="utf-8")
        path.write_text("\n" + text, encoding="utf-8")
        with pytest.raises(tc.UnknownModelError, match=r"log.jsonl:422: unknown"):
            tc.bill_file(path)


class TestCommand:
    def test_bill_json(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """tokencost bill prints exact totals and groups as JSON."""
        path = write_jsonl(tmp_path / "a.jsonl", FILE_RECORDS)
        status = main(["bill", str(path), "--by", "provider", "--format", "json"])
        data = json.loads(capsys.readouterr().out)
        assert status == 0
        assert data["records"] == 2
        assert [g["provider"] for g in data["groups"]] == ["openai", "zai"]
        assert data["totals"]["USD"] == str(tc.bill(FILE_RECORDS).total().amount)

    def test_bill_table(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The table has a row per group and the total."""
        path = write_jsonl(tmp_path / "a.jsonl", FILE_RECORDS[:1])
        assert main(["bill", str(path)]) == 0
        out = capsys.readouterr().out
        assert "zai:glm-5.2" in out
        assert out.rstrip().endswith("0.1856 USD")

    def test_unknown_model_exit_1(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown model exits 1 with the file and line."""
        path = write_jsonl(
            tmp_path / "a.jsonl", [{"model": "nope-9", "timestamp": "2026-07-01"}]
        )
        assert main(["bill", str(path)]) == 1
        assert "a.jsonl:1: unknown model 'nope-9'" in capsys.readouterr().err

    def test_currency_mismatch_exit_1(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--currency converts; one that no rate table has exits 1."""
        path = write_jsonl(tmp_path / "a.jsonl", FILE_RECORDS[:1])
        assert main(["bill", str(path), "--currency", "EUR"]) == 0
        assert " EUR" in capsys.readouterr().out
        assert main(["bill", str(path), "--currency", "XYZ"]) == 1
        assert "no exchange rate for XYZ" in capsys.readouterr().err
