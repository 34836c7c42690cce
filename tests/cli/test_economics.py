"""The elasticity, forecast, break-even, headroom and growth commands."""

from __future__ import annotations

import csv
import io
import json
import shlex
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from tokencost.cli.main import main


def run(capsys: pytest.CaptureFixture[str], command: str) -> tuple[int, str, str]:
    """Run one command line; return the status, stdout and stderr."""
    status = main(shlex.split(command))
    out, err = capsys.readouterr()
    return status, out, err


def measures(table: str) -> dict[str, str]:
    """A two-column measure/value CSV table read into a dict."""
    reader = csv.reader(io.StringIO(table))
    next(reader)
    return {row[0]: row[1] for row in reader}


# -- figures: (command, measure, value) -----------------------------------

CSV_FIGURES = [
    # --method picks one formula: -5% / +10%
    ("elasticity --price-change 10% --volume-change -5% --method simple",
     "elasticity", "-0.5"),
    ("elasticity --price-change 10% --volume-change -5% --method simple",
     "kind", "inelastic"),
    # a negative percentage is a value, not an option: 0.06 / -0.12
    ("elasticity --price-change -12% --volume-change 6% --method simple",
     "elasticity", "-0.5"),
    ("elasticity --price-change=-12% --volume-change 6% --method simple",
     "elasticity", "-0.5"),
    # 1.83 ** -0.5
    ("forecast --price-change 83% --elasticity -0.5",
     "volume multiplier", "0.7392212709545728359249111922"),
    ("forecast --price-change 83% --elasticity -0.5",
     "revenue change", "0.3527749258468682897425874817"),
    # with a margin, profit is held: -0.83 / (0.4 + 0.83)
    ("break-even --price-change 83% --margin 40%",
     "break-even volume change", "-0.6747967479674796747967479675"),
    ("break-even --price-change 83% --margin 40%", "held flat", "profit"),
    # Lerner: -1 / m
    ("break-even --price-change 83% --margin 40%",
     "profit-maximising elasticity (Lerner)", "-2.5"),
    # OWN and --vs take prices too: 10 / 4 - 1
    ("headroom 4 --vs 10", "headroom to parity", "1.5"),
]  # fmt: skip

JSON_FIGURES = [
    ("elasticity --price-change 83% --volume-change 400% --all",
     ("elasticities", 0, "value"), "4.819277108433734939759036145"),
    ("elasticity --price-change 83% --volume-change 400% --all",
     ("elasticities", 1, "value"), "2.273092369477911646586345382"),
    ("elasticity --price-change 83% --volume-change 400% --all",
     ("elasticities", 2, "value"), "2.663239101251016247189262176"),
    # a cut with bases: 1 + (-1.5)(-0.2) = 1.3, and 1.3M at 8
    ("forecast --price-change -20% --elasticity -1.5 --model linear "
     "--volume 1M --price 10", ("volume_multiplier",), "1.3"),
    ("forecast --price-change -20% --elasticity -1.5 --model linear "
     "--volume 1M --price 10", ("revenue",), "10400000"),
    # without a margin revenue is held: -0.83 / 1.83
    ("break-even --price-change 83%",
     ("volume_change",), "-0.4535519125683060109289617486"),
    ("break-even --price-change 83%", ("elasticity", "log"), "-1"),
    # --increase -20% is a value: 10 / (2.5 x 0.8) - 1
    ("headroom --own 2.5 --competitor 10 --increase -20%", ("headroom",), "4"),
]  # fmt: skip

# -- refusals: (command, exit status, what the one-line error says) ---------

ERRORS = [
    ("elasticity --price-change 1% --volume-change 1% --method arc",
     2, "invalid choice: 'arc'"),
    ("elasticity --price-change 1% --volume-change 1% --method log --all",
     2, "not allowed with argument"),
    ("elasticity --price-change -100% --volume-change 1%",
     2, "price change '-100%' would take the price to zero or below"),
    ("elasticity --price-change 10% --volume-change=-100% --method log",
     2, "a volume is 0"),
    ("break-even --price-change 10% --margin 150%", 2, "margin '150%' is outside"),
    ("headroom 4 --own 5 --vs 10", 2, "own price given twice"),
    ("headroom 4 --vs 10 --competitor 9", 2, "competitor given twice"),
    ("headroom --own 4", 2, "--vs (or --competitor)"),
    ("headroom --own 4 --competitor 0", 2, "free competitor"),
    ("headroom 4 --vs 10 --basis cached", 2, "unknown basis 'cached'"),
    ("growth --start 0 --end 5", 2, "start must be > 0, got '0'"),
]  # fmt: skip


@pytest.mark.parametrize(("command", "measure", "value"), CSV_FIGURES)
def test_csv_figures(
    capsys: pytest.CaptureFixture[str], command: str, measure: str, value: str
) -> None:
    """The CSV row of each measure holds the exact figure."""
    status, out, err = run(capsys, f"{command} -f csv")
    assert status == 0, err
    assert measures(out)[measure] == value


@pytest.mark.parametrize(("command", "path", "value"), JSON_FIGURES)
def test_json_figures(
    capsys: pytest.CaptureFixture[str],
    command: str,
    path: tuple[str | int, ...],
    value: str,
) -> None:
    """JSON keeps every digit."""
    status, out, err = run(capsys, f"{command} -f json")
    assert status == 0, err
    data = json.loads(out)
    for key in path:
        data = data[key]
    assert data == value


@pytest.mark.parametrize(("command", "status", "message"), ERRORS)
def test_refusals(
    capsys: pytest.CaptureFixture[str], command: str, status: int, message: str
) -> None:
    """Bad input exits with its status and one line naming the problem."""
    code, out, err = run(capsys, command)
    assert (code, out) == (status, "")
    assert err.count("\n") == 1
    assert err.startswith("tokencost: error: ")
    assert message in err


class TestTables:
    def test_all_methods(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--all shows every method, and says a positive value is a demand shift."""
        status, out, _ = run(
            capsys, "elasticity --price-change 83% --volume-change 400% --all"
        )
        assert status == 0
        lines = out.splitlines()
        assert lines[0].split() == ["method", "elasticity", "kind", "meaning"]
        assert lines[2].startswith("simple    4.8193        demand shift  price and")
        assert lines[3].startswith("midpoint  2.2731        demand shift")
        assert lines[4].startswith("log       2.6632        demand shift")
        assert "not a point on a demand curve" in lines[4]

    def test_headroom(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The GLM-5.2 against Fable 5 figures, from the article's prices."""
        status, out, _ = run(
            capsys,
            "headroom --own 4.13 --competitor 50 --increase 83% --keep-discount 50%",
        )
        assert status == 0
        lines = out.splitlines()
        assert "own price after increase              7.5579" in lines
        assert "headroom to parity                    +561.56%" in lines
        assert "largest rise keeping a 50% discount   +230.78%" in lines

    def test_headroom_of_models(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Model names are priced from the catalog on the chosen basis."""
        status, out, err = run(
            capsys,
            "headroom glm-5.2 --vs claude-fable-5 --basis output --increase 83% "
            "--at 2026-07-01 -f json",
        )
        assert status == 0, err
        data = json.loads(out)
        own = Decimal(data["own_price_after"])
        assert own == Decimal(data["own_price"]) * Decimal("1.83")
        assert Decimal(data["headroom"]) == (Decimal(50) / own - 1).quantize(
            Decimal(data["headroom"])
        )

    def test_growth(self, capsys: pytest.CaptureFixture[str]) -> None:
        """28M to 1.7B over 12 periods compounds at about 40.8% a period."""
        _, out, _ = run(
            capsys, "growth --start 28M --end 1.7B --periods 12 -f markdown"
        )
        assert "| multiple        | 60.7143       |" in out
        assert "| rate per period | +40.8%        |" in out


def test_installed_script(installed_script: Path) -> None:
    """The installed tokencost script runs an economics command."""
    done = subprocess.run(
        [
            installed_script,
            *shlex.split("forecast --price-change -12% --elasticity -0.5 -f csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # 0.88 ** 0.5 - 1
    assert "revenue change,-0.0619" in done.stdout
