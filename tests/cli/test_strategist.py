"""growth over a series, and --currency/--fx on headroom, forecast and growth."""

from __future__ import annotations

import csv
import io

import pytest

from tokencost.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def table(out: str) -> dict[str, list[str]]:
    rows = list(csv.reader(io.StringIO(out)))
    return {row[0]: row[1:] for row in rows}


class TestGrowth:
    def test_series(self, capsys: pytest.CaptureFixture[str]) -> None:
        """tokencost growth 28M 500M 1.7B: each step and the compound rate."""
        code, out, _ = run(capsys, "growth", "28M", "500M", "1.7B", "--periods", "6")
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split() == [
            "step",
            "from",
            "to",
            "periods",
            "multiple",
            "change",
            "rate",
            "per",
            "period",
        ]
        assert lines[2].split() == [
            "1",
            "28,000,000",
            "500,000,000",
            "6",
            "17.8571",
            "+1,685.71%",
            "+61.67%",
        ]
        assert lines[3].split() == [
            "2",
            "500,000,000",
            "1,700,000,000",
            "6",
            "3.4",
            "+240%",
            "+22.63%",
        ]
        assert lines[4].split() == [
            "overall",
            "28,000,000",
            "1,700,000,000",
            "12",
            "60.7143",
            "+5,971.43%",
            "+40.8%",
        ]

    def test_series_csv(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The series CSV is exact, periods per step as given."""
        code, out, _ = run(
            capsys, "growth", "100", "110", "133.1", "--periods", "1,2", "-f", "csv"
        )
        assert code == 0
        rows = table(out)
        assert rows["overall"] == ["100", "133.1", "3", "1.331", "0.331", "0.1"]

    def test_two_figures(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Two positional figures are the same as --start and --end."""
        code, out, _ = run(capsys, "growth", "28M", "1.7B", "--periods", "12")
        assert code == 0
        _, again, _ = run(
            capsys, "growth", "--start", "28M", "--end", "1.7B", "--periods", "12"
        )
        assert out == again
        assert "rate per period  +40.8%" in out

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["--start", "28M", "--end", "1B", "--end", "2B"],
                "--end given twice ('1B' and '2B')",
            ),
            (["--start", "1", "--start", "2", "--end", "3"], "--start given twice"),
            (["28M", "1B", "--start", "1"], "not both"),
            (["28M"], "at least two figures"),
            (["--start", "28M"], "growth needs two figures or more"),
            (["1", "2", "3", "--periods", "1,2,3"], "3 figures have 2 steps"),
        ],
    )
    def test_bad_usage(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        """Repeated or missing figures are bad usage, in one line."""
        code, _, err = run(capsys, "growth", *argv)
        assert code == 2
        assert message in err
        assert err.count("\n") == 1

    def test_currency(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Yuan figures with their code, shown in dollars at a given rate."""
        code, out, _ = run(
            capsys, "growth", "2800万 CNY", "17亿 CNY", "--periods", "12",
            "--currency", "USD", "--fx", "CNY=7.10", "-f", "csv",
        )  # fmt: skip
        assert code == 0
        rows = table(out)
        assert rows["start"] == ["3943661.971830985915492957746", "USD"]
        assert rows["rate per period"] == ["0.4080159488628919877418278776", ""]


class TestHeadroom:
    def test_in_another_currency(self, capsys: pytest.CaptureFixture[str]) -> None:
        """28 CNY against $50, both shown in USD at 6.78 CNY per dollar."""
        code, out, _ = run(
            capsys, "headroom", "--own", "28 CNY", "--competitor", "50 USD",
            "--currency", "USD", "--fx", "CNY=6.78", "-f", "csv",
        )  # fmt: skip
        assert code == 0
        rows = table(out)
        assert rows["own price"] == ["4.12979351032448377581120944", "USD"]
        assert rows["competitor price"] == ["50", "USD"]
        assert rows["headroom to parity"] == ["11.10714285714285714285714286", ""]

    def test_competitor_in_own_currency(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without --currency the competitor is converted into own's currency."""
        code, out, _ = run(
            capsys,
            "headroom",
            "--own",
            "28 CNY",
            "--competitor",
            "50 USD",
            "--fx",
            "CNY=6.78",
        )
        assert code == 0
        assert "competitor price                339 CNY" in out


class TestForecast:
    def test_unit_and_currency(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A forecast names the unit of its volume and the currency of its price."""
        code, out, _ = run(
            capsys, "forecast", "--price-change", "83%", "--elasticity", "-0.5",
            "--volume", "1M", "--price", "28 CNY", "--unit", "MTok",
        )  # fmt: skip
        assert code == 0
        assert "volume before (MTok)     1,000,000" in out
        assert "price before (per MTok)  28.00 CNY" in out
        assert "price after (per MTok)   51.24 CNY" in out

    def test_converted(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--currency converts the base price; revenue follows in that currency."""
        code, out, _ = run(
            capsys, "forecast", "--price-change", "83%", "--elasticity", "-0.5",
            "--volume", "1M", "--price", "28 CNY", "--currency", "USD",
            "--fx", "CNY=7", "-f", "csv",
        )  # fmt: skip
        assert code == 0
        assert table(out)["price before"] == ["4", "USD"]
        assert table(out)["revenue before"] == ["4000000", "USD"]

    def test_fx_needs_currency(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--fx alone says what it is for."""
        code, _, err = run(
            capsys,
            "forecast",
            "--price-change",
            "1%",
            "--elasticity",
            "-1",
            "--fx",
            "CNY=7",
        )
        assert code == 2
        assert "give --currency too" in err


def test_headroom_at_dated_rates() -> None:
    """28 CNY at the ECB rates of 2026-06-22 is the article's $4.13."""
    from decimal import Decimal

    import tokencost as tc
    from tokencost._decimal import finish

    h = tc.headroom(
        tc.Money(28, "CNY"), tc.Money(50, "USD"), currency="USD", at="2026-06-22"
    )
    rates = tc.dated_rates("2026-06-22")
    assert h.own_price == finish(rates.convert(tc.Money(28, "CNY"), "USD").amount)
    assert round(h.own_price, 4) == Decimal("4.1330")
    assert h.competitor_price == 50
