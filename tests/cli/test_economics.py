"""Tests for the elasticity, forecast, break-even, headroom and growth commands."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tokencost.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; return the status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def rows(table: str) -> dict[str, str]:
    """Read a two-column measure/value table into a dict."""
    reader = csv.reader(io.StringIO(table))
    next(reader)
    return {row[0]: row[1] for row in reader}


class TestElasticity:
    def test_all_methods(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--all shows every method, and says a positive value is a demand shift."""
        status, out, _ = run(
            capsys,
            "elasticity",
            "--price-change",
            "83%",
            "--volume-change",
            "400%",
            "--all",
        )
        assert status == 0
        lines = out.splitlines()
        assert lines[0].split() == ["method", "elasticity", "kind", "meaning"]
        assert lines[2].startswith(
            "simple    4.8193        demand shift  price and volume"
        )
        assert lines[3].startswith("midpoint  2.2731        demand shift")
        assert lines[4].startswith("log       2.6632        demand shift")
        assert "not a point on a demand curve" in lines[4]

    def test_all_methods_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON keeps every digit of every method."""
        _, out, _ = run(
            capsys,
            "elasticity",
            "--price-change",
            "83%",
            "--volume-change",
            "400%",
            "--all",
            "--format",
            "json",
        )
        data = json.loads(out)
        assert (data["price_change"], data["volume_change"]) == ("0.83", "4")
        values = {e["method"]: e["value"] for e in data["elasticities"]}
        assert values == {
            "simple": "4.819277108433734939759036145",
            "midpoint": "2.273092369477911646586345382",
            "log": "2.663239101251016247189262176",
        }

    def test_one_method_csv(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--method picks one formula; CSV has a row per measure."""
        _, out, _ = run(
            capsys,
            "elasticity",
            "--price-change",
            "10%",
            "--volume-change",
            "-5%",
            "--method",
            "simple",
            "-f",
            "csv",
        )
        assert rows(out)["elasticity"] == "-0.5"
        assert rows(out)["kind"] == "inelastic"

    def test_negative_percentage(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--price-change -12% is read as a value, not an option."""
        status, out, _ = run(
            capsys,
            "elasticity",
            "--price-change",
            "-12%",
            "--volume-change",
            "6%",
            "--method",
            "simple",
            "-f",
            "csv",
        )
        assert status == 0
        assert rows(out)["elasticity"] == "-0.5"  # 0.06 / -0.12

    def test_unknown_method(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown method exits 2 naming the choices."""
        status, _, err = run(
            capsys,
            "elasticity",
            "--price-change",
            "1%",
            "--volume-change",
            "1%",
            "--method",
            "arc",
        )
        assert status == 2
        assert "invalid choice: 'arc'" in err
        assert "'midpoint'" in err

    def test_method_and_all(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--method and --all cannot be combined."""
        status, _, err = run(
            capsys,
            "elasticity",
            "--price-change",
            "1%",
            "--volume-change",
            "1%",
            "--method",
            "log",
            "--all",
        )
        assert status == 2
        assert "not allowed with argument" in err

    def test_price_change_of_minus_100(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """-100% exits 2 with a one-line message naming the value."""
        status, out, err = run(
            capsys, "elasticity", "--price-change", "-100%", "--volume-change", "1%"
        )
        assert (status, out) == (2, "")
        assert err.count("\n") == 1
        assert err.startswith("tokencost: error: price change '-100%'")

    def test_zero_volume_in_log(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A volume change of -100% under the log method exits 2."""
        status, _, err = run(
            capsys,
            "elasticity",
            "--price-change",
            "10%",
            "--volume-change=-100%",
            "--method",
            "log",
        )
        assert status == 2
        assert "a volume is 0" in err


class TestForecast:
    def test_negative_elasticity(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--elasticity -0.5 is read as a value; the multipliers are shown."""
        status, out, _ = run(
            capsys,
            "forecast",
            "--price-change",
            "83%",
            "--elasticity",
            "-0.5",
            "-f",
            "csv",
        )
        assert status == 0
        table = rows(out)
        assert table["volume multiplier"] == "0.7392212709545728359249111922"
        assert table["volume change"] == "-0.2607787290454271640750888078"
        assert table["revenue change"] == "0.352774925846868289742587482"

    def test_cut_with_bases(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A cut with a base volume and price gives absolute figures."""
        _, out, _ = run(
            capsys,
            "forecast",
            "--price-change",
            "-20%",
            "--elasticity",
            "-1.5",
            "--model",
            "linear",
            "--volume",
            "1M",
            "--price",
            "10",
            "-f",
            "json",
        )
        data = json.loads(out)
        assert data["volume_multiplier"] == "1.3"  # 1 + (-1.5)(-0.2)
        assert data["volume"] == "1300000"
        assert data["revenue"] == "10400000"  # 1.3M * 8


class TestBreakEven:
    def test_with_margin(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With a margin the break-even holds profit and shows Lerner's -1/m."""
        _, out, _ = run(
            capsys,
            "break-even",
            "--price-change",
            "83%",
            "--margin",
            "40%",
            "-f",
            "csv",
        )
        table = rows(out)
        assert table["held flat"] == "profit"
        assert table["break-even volume change"] == "-0.6747967479674796747967479675"
        assert (
            table["break-even elasticity (midpoint)"]
            == "-1.736196319018404907975460123"
        )
        assert table["profit-maximising elasticity (Lerner)"] == "-2.5"

    def test_revenue(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a margin revenue is held: -0.83 / 1.83."""
        _, out, _ = run(capsys, "break-even", "--price-change", "83%", "-f", "json")
        data = json.loads(out)
        assert data["volume_change"] == "-0.4535519125683060109289617486"
        assert data["elasticity"]["log"] == "-1"

    def test_bad_margin(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A margin above 100% exits 2 naming it."""
        status, _, err = run(
            capsys, "break-even", "--price-change", "10%", "--margin", "150%"
        )
        assert status == 2
        assert "margin '150%' is outside" in err


class TestHeadroom:
    def test_prices(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The GLM-5.2 against Fable 5 figures, from prices."""
        status, out, _ = run(
            capsys,
            "headroom",
            "--own",
            "4.13",
            "--competitor",
            "50",
            "--increase",
            "83%",
            "--keep-discount",
            "50%",
        )
        assert status == 0
        lines = out.splitlines()
        assert "own price after increase              7.5579" in lines
        assert "headroom to parity                    +561.56%" in lines
        assert "largest rise keeping a 50% discount   +230.78%" in lines

    def test_positional_price_and_vs(self, capsys: pytest.CaptureFixture[str]) -> None:
        """OWN and --vs accept prices too."""
        _, out, _ = run(capsys, "headroom", "4", "--vs", "10", "-f", "csv")
        assert rows(out)["headroom to parity"] == "1.5"

    def test_model_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Model names are priced from the catalog on the chosen basis."""
        status, _, err = run(
            capsys,
            "headroom",
            "glm-5.2",
            "--vs",
            "claude-fable-5",
            "--basis",
            "output",
            "--increase",
            "83%",
            "--at",
            "2026-07-01",
            "-f",
            "json",
        )
        assert status == 0, err
        data = json.loads(_)
        # 4.40 x 1.83 = 8.052 against 50: 50 / 8.052 - 1
        assert data["own_price_after"] == "8.052"
        assert Decimal(data["headroom"]) == (
            Decimal(50) / Decimal("8.052") - 1
        ).quantize(Decimal(data["headroom"]))

    def test_own_twice(self, capsys: pytest.CaptureFixture[str]) -> None:
        """OWN and --own together exit 2."""
        status, _, err = run(capsys, "headroom", "4", "--own", "5", "--vs", "10")
        assert status == 2
        assert "own price given twice" in err

    def test_competitor_twice(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--vs and --competitor together exit 2."""
        status, _, err = run(capsys, "headroom", "4", "--vs", "10", "--competitor", "9")
        assert status == 2
        assert "competitor given twice" in err

    def test_no_competitor(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing competitor exits 2 saying what is needed."""
        status, _, err = run(capsys, "headroom", "--own", "4")
        assert status == 2
        assert "--vs (or --competitor)" in err

    def test_free_competitor(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A zero-priced competitor exits 2."""
        status, _, err = run(capsys, "headroom", "--own", "4", "--competitor", "0")
        assert status == 2
        assert "free competitor" in err

    def test_bad_basis(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown basis exits 2 naming the choices."""
        status, _, err = run(capsys, "headroom", "4", "--vs", "10", "--basis", "cached")
        assert status == 2
        assert "unknown basis 'cached'" in err

    def test_negative_increase(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--increase -20% is read as a value."""
        _, out, _ = run(
            capsys,
            "headroom",
            "--own",
            "2.5",
            "--competitor",
            "10",
            "--increase",
            "-20%",
            "-f",
            "json",
        )
        assert json.loads(out)["headroom"] == "4"


class TestGrowth:
    def test_arr(self, capsys: pytest.CaptureFixture[str]) -> None:
        """28M to 1.7B over 12 periods compounds at about 40.8% a period."""
        _, out, _ = run(
            capsys,
            "growth",
            "--start",
            "28M",
            "--end",
            "1.7B",
            "--periods",
            "12",
            "-f",
            "markdown",
        )
        assert "| multiple        | 60.7143       |" in out
        assert "| rate per period | +40.8%        |" in out

    def test_zero_start(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A zero start exits 2 naming it."""
        status, _, err = run(capsys, "growth", "--start", "0", "--end", "5")
        assert status == 2
        assert "start must be > 0, got '0'" in err


class TestScript:
    def test_installed_script(self) -> None:
        """The installed tokencost script runs an economics command."""
        script = shutil.which("tokencost", path=str(Path(sys.executable).parent))
        assert script is not None
        done = subprocess.run(
            [
                script,
                "forecast",
                "--price-change",
                "-12%",
                "--elasticity",
                "-0.5",
                "-f",
                "csv",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0
        assert "revenue change,-0.0619168480353140890868739773" in done.stdout
