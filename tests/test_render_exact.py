"""CSV and JSON for programs: exact figures, no separators, currency in its own column."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

import tokencost as tc
from tokencost._render import format_chinese, plain
from tokencost.cli import main


def run_csv(capsys: pytest.CaptureFixture[str], *argv: str) -> list[list[str]]:
    assert main([*argv, "--format", "csv"]) == 0
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


def numbers_are_plain(rows: list[list[str]]) -> None:
    for row in rows[1:]:
        for cell in row:
            assert "," not in cell, cell
            assert not cell.endswith((" USD", " CNY")), cell


class TestCsv:
    def test_cost(self, capsys: pytest.CaptureFixture[str]) -> None:
        """cost CSV: raw amounts, the total split from its currency."""
        rows = run_csv(
            capsys,
            "cost",
            "glm-5.2",
            "--input",
            "120k",
            "--output",
            "4k",
            "--at",
            "2026-07-01",
        )
        assert rows == [
            ["component", "tokens", "unit price (per MTok)", "amount", "currency"],
            ["input", "120000", "1.40", "0.168", "USD"],
            ["output", "4000", "4.40", "0.0176", "USD"],
            ["total (zai:glm-5.2)", "", "", "0.1856", "USD"],
        ]

    def test_compare(self, capsys: pytest.CaptureFixture[str]) -> None:
        """compare CSV: no '1,400,000.00', and the ratio with every digit."""
        rows = run_csv(
            capsys, "compare", "glm-5.2", "claude-fable-5", "--input", "120k",
            "--output", "4k", "--requests", "1M", "--at", "2026-07-01",
        )  # fmt: skip
        numbers_are_plain(rows)
        by_model = {row[1]: row for row in rows[1:]}
        fable = by_model["anthropic:claude-fable-5"]
        assert fable[2:6] == [
            "1400000",
            "1.4",
            "7.543103448275862068965517241",
            "1214400",
        ]
        assert Decimal(fable[2]) / Decimal(by_model["zai:glm-5.2"][2]) == Decimal(
            fable[4]
        )

    def test_bill(self, capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
        """bill CSV: '1850.38 USD' becomes a number and a currency column."""
        from pathlib import Path

        log = Path(str(tmp_path)) / "log.jsonl"
        record = '{"model": "glm-5.2", "timestamp": "2026-07-01T09:30:00Z", "input_tokens": 120000, "output_tokens": 4000}\n'
        log.write_text(record * 10_001)
        rows = run_csv(capsys, "bill", str(log))
        numbers_are_plain(rows)
        assert rows[0][-1] == "currency"
        assert rows[1][:2] == ["zai:glm-5.2", "10001"]
        # 10,001 x (120k x $1.40 + 4k x $4.40) per million
        assert rows[1][-2:] == ["1856.1856", "USD"]
        assert rows[-1][0] == "total"
        assert rows[-1][-2:] == ["1856.1856", "USD"]

    def test_growth_changes_are_fractions(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Percent cells become exact fractions, as in the Python API."""
        rows = run_csv(
            capsys, "growth", "--start", "100", "--end", "121", "--periods", "2"
        )
        assert dict(rows[1:]) == {
            "start": "100", "end": "121", "periods": "2", "multiple": "1.21",
            "total change": "0.21", "rate per period": "0.1",
        }  # fmt: skip

    def test_workload_shares(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Profile shares are fractions and every row with an amount has USD."""
        rows = run_csv(
            capsys,
            "cost",
            "glm-5.2",
            "--profile",
            "agentic-coding",
            "--at",
            "2026-07-01",
        )
        numbers_are_plain(rows)
        assert [row[1] for row in rows[1:4]] == ["0.6", "0.3", "0.1"]
        assert {row[-1] for row in rows[1:]} == {"USD"}

    def test_table_still_rounds(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Tables for people keep separators and rounding."""
        assert (
            main(
                [
                    "compare",
                    "glm-5.2",
                    "claude-fable-5",
                    "-i",
                    "120k",
                    "-o",
                    "4k",
                    "-n",
                    "1M",
                    "--at",
                    "2026-07-01",
                ]
            )
            == 0
        )
        out = capsys.readouterr().out
        assert "1,400,000.00" in out
        assert "7.54" in out

    def test_json_is_exact(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON amounts are decimal strings with every digit."""
        assert (
            main(
                [
                    "cost",
                    "glm-5.2",
                    "-i",
                    "120k",
                    "-o",
                    "4k",
                    "--at",
                    "2026-07-01",
                    "-f",
                    "json",
                ]
            )
            == 0
        )
        data = json.loads(capsys.readouterr().out)
        assert (
            data["total"] == {"amount": "0.1856", "currency": "USD"}
            or data["total"] == "0.1856"
        )


class TestChinese:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("2800万", "28000000"),
            ("1.7亿", "170000000"),
            ("3千万", "30000000"),
            ("十万", None),
            ("12.5萬", "125000"),
            ("2億", "200000000"),
            ("1万亿", "1000000000000"),
            ("-0.5亿", "-50000000"),
        ],
    )
    def test_read(self, text: str, value: str | None) -> None:
        """万, 亿 and their compounds read exactly; a bare unit is refused."""
        if value is None:
            with pytest.raises(tc.TokencostError, match="2800万"):
                tc.to_decimal(text)
        else:
            assert tc.to_decimal(text) == Decimal(value)

    def test_tokens(self) -> None:
        """Token counts take Chinese magnitudes too."""
        assert tc.parse_tokens("12万") == 120_000

    @pytest.mark.parametrize(
        ("value", "text"),
        [
            ("28000000", "2800万"),
            ("1700000000", "17亿"),
            ("170000000", "1.7亿"),
            ("1850383.92", "185.0384万"),
            ("9999.5", "9999.5"),
            ("-12345", "-1.2345万"),
            ("2500000000000", "2.5万亿"),
        ],
    )
    def test_write(self, value: str, text: str) -> None:
        """Large figures are written in 万, 亿 and 万亿, 4 decimals at most."""
        assert format_chinese(Decimal(value)) == text

    def test_growth_in_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The seed's 2800万 to 17亿 yuan, read and shown in Chinese magnitudes."""
        assert (
            main(
                [
                    "growth",
                    "--start",
                    "2800万",
                    "--end",
                    "17亿",
                    "--periods",
                    "12",
                    "--magnitudes",
                    "chinese",
                ]
            )
            == 0
        )
        out = capsys.readouterr().out
        assert "start            2800万" in out
        assert "end              17亿" in out
        assert "multiple         60.7143" in out

    def test_csv_ignores_magnitudes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """CSV stays raw whatever the magnitudes asked for tables."""
        rows = run_csv(
            capsys,
            "growth",
            "--start",
            "2800万",
            "--end",
            "17亿",
            "--magnitudes",
            "chinese",
        )
        assert rows[1:3] == [["start", "28000000"], ["end", "1700000000"]]


def test_plain() -> None:
    """plain() writes every digit, positionally."""
    assert plain(Decimal("1.7E+9")) == "1700000000"
    assert plain(Decimal("0.000000012300")) == "0.0000000123"
