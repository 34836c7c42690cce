"""Bill files: JSONL and CSV readers, one behaviour whatever the worker
count, every line a record or a file:line error."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc

from .conftest import Run, jsonl, one_error_line, record

GLM = tc.Money("0.1856", "USD")
LINE = json.dumps(record())


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


CSV_HEAD = "model,timestamp,input_tokens,output_tokens"
CSV_ROW = "glm-5.2,2026-07-01T09:30:00Z,120000,4000"


class TestJsonl:
    @pytest.mark.parametrize(
        "lines",
        [
            # Two lines that together make one object, and one line holding
            # two: the counts balance, but no line is one record.
            ['{"model": "glm-5.2", "a": [[{"x": 1}', '{"y": 2}]]}', f"{LINE}, {LINE}"],
            ['{"model": "glm-5.2", "a": [{"x": 1}', '{"y": 2}]}', f"{LINE}, {LINE}"],
            [f"{LINE}, {LINE}"],
            [f"[{LINE}]"],
            ["{}"[:1]],
            ["null"],
            ["5"],
        ],
    )
    def test_malformed_lines(self, tmp_path: Path, lines: list[str]) -> None:
        """A line that is not exactly one JSON object stops the bill at it."""
        path = jsonl(tmp_path / "r.jsonl", [LINE, *lines, LINE])
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:2: "):
            tc.bill_file(path)

    def test_line_number_with_blank_lines_after(self, tmp_path: Path) -> None:
        """The line number points at the bad line, whatever follows it."""
        path = jsonl(tmp_path / "r.jsonl", [LINE, "", LINE, "{bad", "", "", LINE])
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:4: "):
            tc.bill_file(path)

    def test_line_number_of_bad_record(self, tmp_path: Path) -> None:
        bad = json.dumps(record(model="glm-9"))
        path = jsonl(tmp_path / "r.jsonl", ["", LINE, "", bad, "", "", LINE])
        with pytest.raises(tc.UnknownModelError, match=r"r\.jsonl:4: "):
            tc.bill_file(path)

    def test_duplicate_keys(self, tmp_path: Path) -> None:
        line = LINE[:-1] + ', "input_tokens": 5}'
        path = jsonl(tmp_path / "r.jsonl", [LINE, line])
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:2: .*input_tokens"):
            tc.bill_file(path)

    @pytest.mark.parametrize("workers", [1, 2])
    def test_bom(self, tmp_path: Path, workers: int) -> None:
        """A leading UTF-8 BOM is accepted, with one worker or several."""
        path = tmp_path / "r.jsonl"
        path.write_bytes(b"\xef\xbb\xbf" + (LINE + "\n").encode() * 3)
        assert tc.bill_file(path, workers=workers).total() == GLM * 3

    def test_bom_with_parallel_workers(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Split between worker processes, a BOM file bills as with one."""
        from tokencost.billing import parallel

        monkeypatch.setattr(parallel, "_PARALLEL_FROM", 0)
        monkeypatch.setattr(parallel, "_HEAD", 64)
        path = tmp_path / "r.jsonl"
        path.write_bytes(b"\xef\xbb\xbf" + (LINE + "\n").encode() * 40)
        assert tc.bill_file(path, workers=3).total() == GLM * 40
        assert tc.bill_file(path, workers=1).total() == GLM * 40

    def test_malformed_line_with_parallel_workers(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A bad line found by a worker is reported with its line, as by one
        process."""
        from tokencost.billing import parallel

        monkeypatch.setattr(parallel, "_PARALLEL_FROM", 0)
        monkeypatch.setattr(parallel, "_HEAD", 64)
        lines = [LINE] * 30 + [f"{LINE}, {LINE}"] + [LINE] * 9
        path = jsonl(tmp_path / "r.jsonl", lines)
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:31: "):
            tc.bill_file(path, workers=3)

    def test_windows_and_day_only_records_across_workers(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Peak, off-peak and day-only records sum alike in any number of
        processes."""
        from tokencost.billing import parallel

        monkeypatch.setattr(parallel, "_PARALLEL_FROM", 0)
        monkeypatch.setattr(parallel, "_HEAD", 64)
        model = "deepseek:deepseek-v4-flash"
        times = ["2026-10-01T02:00:00Z", "2026-10-01T12:00:00Z", "2026-10-01"]
        records = [
            {"model": model, "timestamp": t, "input_tokens": 1_000_000}
            for t in times * 10
        ]
        path = jsonl(tmp_path / "r.jsonl", records)
        for workers in (1, 3):
            result = tc.bill_file(path, by="window", workers=workers)
            assert [(g.key, g.records, g.total.amount) for g in result.groups] == [
                (("-",), 10, Decimal("1.5")),
                (("no time",), 10, Decimal("1.5")),
                (("peak",), 10, Decimal("3")),
            ]

    def test_read_records_names_the_line(self, tmp_path: Path) -> None:
        path = jsonl(tmp_path / "r.jsonl", [LINE, "", "[1]"])
        records = tc.read_records(path)
        assert next(records)["model"] == "glm-5.2"
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:3: not a JSON"):
            next(records)

    def test_bom_in_the_middle(self, tmp_path: Path) -> None:
        path = tmp_path / "r.jsonl"
        path.write_bytes((LINE + "\n").encode() + b"\xef\xbb\xbf" + LINE.encode())
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:2: .*BOM"):
            tc.bill_file(path)

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "r.jsonl"
        path.write_bytes((LINE + "\n").encode() * 2 + b'{"model": "\xe9"}\n')
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:3: .*UTF-8"):
            tc.bill_file(path)

    def test_utf16(self, tmp_path: Path) -> None:
        path = tmp_path / "r.jsonl"
        path.write_text(LINE + "\n", encoding="utf-16")
        with pytest.raises(tc.InvalidInputError, match="UTF-8"):
            tc.bill_file(path)

    def test_deep_nesting(self, tmp_path: Path) -> None:
        path = tmp_path / "r.jsonl"
        path.write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:1: "):
            tc.bill_file(path)

    def test_huge_count(self, tmp_path: Path) -> None:
        line = LINE[:-1] + ', "cache_read_tokens": ' + "1" * 5_000 + "}"
        path = jsonl(tmp_path / "r.jsonl", [line])
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:1: "):
            tc.bill_file(path)

    def test_over_long_line(self, tmp_path: Path) -> None:
        """A line longer than any record could be is refused, not read whole."""
        path = tmp_path / "r.jsonl"
        path.write_bytes((LINE + "\n").encode() + b" " * (20 << 20) + b"{}\n")
        with pytest.raises(tc.InvalidInputError, match=r"r\.jsonl:2: .*longer"):
            tc.bill_file(path)

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
    def test_dev_zero(self) -> None:
        with pytest.raises(tc.InvalidInputError):
            tc.bill_file("/dev/zero")

    @pytest.mark.parametrize("suffix", [".txt", ".toml", ""])
    def test_unknown_suffix(self, tmp_path: Path, suffix: str) -> None:
        path = jsonl(tmp_path / f"r{suffix}", [record()])
        with pytest.raises(tc.InvalidInputError, match=r"\.jsonl.*\.csv"):
            tc.bill_file(path)

    @pytest.mark.parametrize("suffix", [".jsonl", ".ndjson", ".json", ".JSONL"])
    def test_jsonl_suffixes(self, tmp_path: Path, suffix: str) -> None:
        path = jsonl(tmp_path / f"r{suffix}", [record()])
        assert tc.bill_file(path).total() == GLM


class TestCsv:
    def test_well_formed(self, tmp_path: Path) -> None:
        path = _csv(tmp_path / "r.csv", f"{CSV_HEAD}\n{CSV_ROW}\n{CSV_ROW}\n")
        assert tc.bill_file(path).total() == GLM * 2

    def test_bom(self, tmp_path: Path) -> None:
        path = _csv(tmp_path / "r.csv", f"\ufeff{CSV_HEAD}\n{CSV_ROW}\n")
        assert tc.bill_file(path).total() == GLM

    def test_duplicate_header(self, tmp_path: Path) -> None:
        text = f"{CSV_HEAD},input_tokens\n{CSV_ROW},5\n"
        path = _csv(tmp_path / "r.csv", text)
        with pytest.raises(tc.InvalidInputError, match=r"r\.csv:1: .*input_tokens"):
            tc.bill_file(path)

    def test_extra_cells(self, tmp_path: Path) -> None:
        path = _csv(tmp_path / "r.csv", f"{CSV_HEAD}\n{CSV_ROW}\n{CSV_ROW},99\n")
        with pytest.raises(tc.InvalidInputError, match=r"r\.csv:3: .*5 cells"):
            tc.bill_file(path)

    def test_missing_cells(self, tmp_path: Path) -> None:
        path = _csv(tmp_path / "r.csv", f"{CSV_HEAD}\nglm-5.2,2026-07-01\n")
        with pytest.raises(tc.InvalidInputError, match=r"r\.csv:2: .*2 cells"):
            tc.bill_file(path)

    def test_unterminated_quote(self, tmp_path: Path) -> None:
        text = f'{CSV_HEAD}\n{CSV_ROW}\n"glm-5.2,2026-07-01,1,1\n{CSV_ROW}\n'
        path = _csv(tmp_path / "r.csv", text)
        with pytest.raises(tc.InvalidInputError, match=r"r\.csv:3: .*quote"):
            tc.bill_file(path)

    def test_huge_field(self, tmp_path: Path) -> None:
        text = f"{CSV_HEAD},project\n{CSV_ROW},{'p' * (200 << 10)}\n"
        path = _csv(tmp_path / "r.csv", text)
        with pytest.raises(tc.InvalidInputError, match=r"r\.csv:2: "):
            tc.bill_file(path)

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "r.csv"
        path.write_bytes(f"{CSV_HEAD}\n{CSV_ROW}\n".encode() + b"caf\xe9,x,1,1\n")
        with pytest.raises(tc.InvalidInputError, match="UTF-8"):
            tc.bill_file(path)

    def test_empty_file(self, tmp_path: Path) -> None:
        path = _csv(tmp_path / "r.csv", "")
        assert tc.bill_file(path).records == 0

    def test_line_numbers_with_quoted_newlines(self, tmp_path: Path) -> None:
        text = (
            f'{CSV_HEAD},note\n{CSV_ROW},"two\nlines"\n'
            "glm-9,2026-07-01T09:30:00Z,1,1,x\n"
        )
        path = _csv(tmp_path / "r.csv", text)
        with pytest.raises(tc.UnknownModelError, match=r"r\.csv:4: "):
            tc.bill_file(path)


class TestCli:
    def test_error_line(self, cli: Run, tmp_path: Path) -> None:
        path = jsonl(tmp_path / "r.jsonl", [LINE, "{bad"])
        status, out, err = cli("bill", str(path))
        assert status == 2
        assert out == ""
        assert one_error_line(err).endswith("r.jsonl:2: not a JSON object: '{bad'")

    def test_missing_file(self, cli: Run, tmp_path: Path) -> None:
        status, _, err = cli("bill", str(tmp_path / "none.jsonl"))
        assert status == 2
        one_error_line(err)

    def test_directory(self, cli: Run, tmp_path: Path) -> None:
        (tmp_path / "d.jsonl").mkdir()
        status, _, err = cli("bill", str(tmp_path / "d.jsonl"))
        assert status == 2
        one_error_line(err)
