"""The bridge, bridge-figures, demand and cross-elasticity commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tokencost.cli.main import main

SHEET = str(Path(__file__).parent.parent / "fixtures" / "bridge" / "shop.toml")
M = 1_000_000


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; return the status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, rows: list[dict[str, Any]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def record(model: str, day: str, i: int, o: int, **extra: Any) -> dict[str, Any]:
    return {
        "model": model,
        "timestamp": day,
        "input_tokens": i,
        "output_tokens": o,
        **extra,
    }


@pytest.fixture
def logs(tmp_path: Path) -> tuple[str, str, str]:
    """October and November apart, and both in one log."""
    october = [
        record("cheap", "2026-10-05", M, M, project="a"),
        record("fresh", "2026-10-05", M, M, project="b"),
    ]
    november = [record("cheap", "2026-11-05", 2 * M, 2 * M, project="a")]
    return (
        write(tmp_path / "oct.jsonl", october),
        write(tmp_path / "nov.jsonl", november),
        write(tmp_path / "usage.jsonl", october + november),
    )  # fmt: skip


class TestBridge:
    def test_two_files(
        self, capsys: pytest.CaptureFixture[str], logs: tuple[str, str, str]
    ) -> None:
        """Two logs: a row per model, the totals, the files as labels."""
        status, out, err = run(
            capsys, "bridge", logs[0], logs[1], "--only-sheets", "--sheet", SHEET
        )
        assert (status, err) == (0, "")
        lines = out.splitlines()
        assert lines[0].split() == [
            "model", "oct.jsonl", "price", "volume", "mix", "new", "dropped", "nov.jsonl"
        ]  # fmt: skip
        assert lines[2].split() == [
            "shop:cheap", "5.00", "7.50", "7.50", "0.00", "0.00", "0.00", "20.00"
        ]  # fmt: skip
        assert lines[3].split() == [
            "shop:fresh", "25.00", "0.00", "0.00", "0.00", "0.00", "-25.00", "0.00"
        ]  # fmt: skip
        assert lines[4].split()[0] == "total"

    def test_two_periods_of_one_log_as_json(
        self, capsys: pytest.CaptureFixture[str], logs: tuple[str, str, str]
    ) -> None:
        """--before and --after cut one log; JSON carries exact strings."""
        status, out, _ = run(
            capsys, "bridge", logs[2], "--before", "2026-10", "--after", "2026-11",
            "--by", "project", "--only-sheets", "--sheet", SHEET, "--format", "json",
        )  # fmt: skip
        assert status == 0
        data = json.loads(out)
        assert (data["before"], data["after"], data["change"]) == ("30", "20", "-10")
        assert data["effects"] == {
            "price": "7.5", "volume": "7.5", "mix": "0", "new": "0", "dropped": "-25"
        }  # fmt: skip
        assert [g["project"] for g in data["groups"]] == ["a", "b"]
        assert data["labels"] == ["2026-10", "2026-11"]

    def test_methods_and_units(
        self, capsys: pytest.CaptureFixture[str], logs: tuple[str, str, str]
    ) -> None:
        """--method price-first: the old usage at the new prices first."""
        _, out, _ = run(
            capsys, "bridge", logs[0], logs[1], "--method", "price-first",
            "--unit", "requests", "--only-sheets", "--sheet", SHEET, "-f", "json",
        )  # fmt: skip
        data = json.loads(out)
        assert (data["method"], data["unit"]) == ("price-first", "requests")
        assert data["effects"]["price"] == "5"

    def test_plot(
        self,
        capsys: pytest.CaptureFixture[str],
        logs: tuple[str, str, str],
        tmp_path: Path,
    ) -> None:
        """--plot draws the waterfall beside the table."""
        pytest.importorskip("matplotlib")
        chart = tmp_path / "bridge.png"
        status, _, _ = run(
            capsys, "bridge", logs[0], logs[1], "--plot", str(chart),
            "--only-sheets", "--sheet", SHEET,
        )  # fmt: skip
        assert status == 0
        assert chart.read_bytes()[:4] == b"\x89PNG"

    def test_currency_and_rates(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--currency and --fx bridge a USD log to a CNY one; without, exit 2."""
        usd = write(tmp_path / "usd.jsonl", [record("cheap", "2026-10-05", M, M)])
        cny = write(tmp_path / "cny.jsonl", [record("yuan-1", "2026-11-05", M, M)])
        yuan = str(Path(SHEET).parent.parent / "yuan.toml")
        sheets = ["--only-sheets", "--sheet", SHEET, "--sheet", yuan]
        status, _, err = run(capsys, "bridge", usd, cny, *sheets)
        assert status == 2
        assert "usd.jsonl is in USD but cny.jsonl is in CNY" in err
        status, out, _ = run(
            capsys, "bridge", usd, cny, *sheets, "--currency", "CNY", "--fx",
            "CNY=7.10", "-f", "json",
        )  # fmt: skip
        assert status == 0
        data = json.loads(out)
        # cheap: 5 USD is 35.5 CNY, dropped; yuan-1: 36 CNY, new.
        assert (data["currency"], data["before"], data["after"]) == (
            "CNY",
            "35.5",
            "36",
        )
        assert data["effects"]["dropped"] == "-35.5"

    @pytest.mark.parametrize(
        ("args", "status", "message"),
        [
            (["{0}"], 2, "give two files"),
            (["{0}", "{1}", "--before", "2026-10"], 2, "give two files, or one"),
            (["{2}", "--before", "2026-09", "--after", "2026-10"], 1,
             "2026-09 has no usage"),
            (["{2}", "--before", "2026-10", "--after", "2026-1x"], 2,
             "cannot read period '2026-1x'"),
            (["{0}", "{1}", "--by", "month"], 2, "cannot bridge by 'month'"),
        ],
    )  # fmt: skip
    def test_errors(
        self,
        capsys: pytest.CaptureFixture[str],
        logs: tuple[str, str, str],
        args: list[str],
        status: int,
        message: str,
    ) -> None:
        """Bad input: one line on stderr, exit 1 or 2, no traceback."""
        argv = [a.format(*logs) for a in args]
        code, out, err = run(capsys, "bridge", *argv, "--only-sheets", "--sheet", SHEET)
        assert code == status
        assert out == ""
        assert err.startswith("tokencost: error: ")
        assert message in err
        assert err.count("\n") == 1


class TestBridgeFigures:
    def test_seed_case(self, capsys: pytest.CaptureFixture[str]) -> None:
        """+83% and +400%: 2.49 and 5.66, log shares 27.30% and 72.70%."""
        status, out, _ = run(
            capsys, "bridge-figures", "--price-change", "83%", "--volume-change", "400%"
        )
        assert status == 0
        assert out.splitlines()[2:] == [
            "revenue before         1.00",
            "price effect (+83%)    2.49",
            "volume effect (+400%)  5.66",
            "revenue after          9.15",
            "change                 8.15",
            "multiple               x9.15",
            "log share: price       27.30%",
            "log share: volume      72.70%",
        ]

    def test_all_methods(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--all: one row per method, then the log shares."""
        _, out, _ = run(
            capsys, "bridge-figures", "--price-change", "83%",
            "--volume-change", "400%", "--all", "-f", "csv",
        )  # fmt: skip
        assert out.splitlines() == [
            "x9.15,price (+83%),volume (+400%),change",
            "shapley,2.49,5.66,8.15",
            "price-first,0.83,7.32,8.15",
            "volume-first,4.15,4,8.15",
            "log shares,0.2729824541506161895520227736,0.7270175458493838104479772264,1",
        ]

    def test_revenue_in_money(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A revenue and its currency give amounts; JSON keeps them exact."""
        _, out, _ = run(
            capsys, "bridge-figures", "--price-change", "-12%", "--volume-change",
            "30%", "--revenue", "41000", "--currency", "usd", "-f", "json",
        )  # fmt: skip
        data = json.loads(out)
        assert data["currency"] == "USD"
        # -0.12 x 41000 x (1 + 1.3) / 2 and 0.3 x 41000 x (1 + 0.88) / 2.
        assert data["effects"] == {"price": "-5658", "volume": "11562"}
        assert data["after"] == "46904"

    def test_plot(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--plot draws the revenue waterfall as well."""
        pytest.importorskip("matplotlib")
        chart = tmp_path / "revenue.svg"
        status, out, _ = run(
            capsys, "bridge-figures", "--price-change", "83%", "--volume-change",
            "400%", "--plot", str(chart),
        )  # fmt: skip
        assert status == 0
        assert "9.15" in out
        assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")

    def test_bad_change(self, capsys: pytest.CaptureFixture[str]) -> None:
        """-100% price: exit 2 with the value named."""
        status, _, err = run(
            capsys, "bridge-figures", "--price-change", "-100%", "--volume-change", "0"
        )
        assert status == 2
        assert "'-100%'" in err


class TestDemand:
    def test_estimates(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Daily volumes around a price doubling: -1 exactly."""
        days = ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"]
        volumes = [16_000, 16_000, 8_000, 8_000]
        rows = [record("cheap", d, v, 0) for d, v in zip(days, volumes, strict=True)]
        log = write(tmp_path / "daily.jsonl", rows)
        status, out, _ = run(
            capsys, "demand", log, "--only-sheets", "--sheet", SHEET, "-f", "json"
        )
        assert status == 0
        (estimate,) = json.loads(out)["estimates"]
        assert estimate["elasticity"] == "-1"
        assert estimate["observations"] == 4
        assert estimate["interval"] == ["-1", "-1"]

    def test_too_few_periods(
        self, capsys: pytest.CaptureFixture[str], logs: tuple[str, str, str]
    ) -> None:
        """Two months: exit 2, needs three."""
        status, _, err = run(
            capsys,
            "demand",
            logs[2],
            "--period",
            "month",
            "--only-sheets",
            "--sheet",
            SHEET,
        )
        assert status == 2
        assert "at least 3 periods" in err


class TestCross:
    def test_two_periods(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """mid doubles while cheap doubles its price: +1, substitutes."""
        rows = [
            record("cheap", "2026-10-05", 8000, 0), record("mid", "2026-10-05", 4000, 0),
            record("cheap", "2026-11-05", 4000, 0), record("mid", "2026-11-05", 8000, 0),
        ]  # fmt: skip
        log = write(tmp_path / "usage.jsonl", rows)
        status, out, _ = run(
            capsys, "cross-elasticity", log, "--before", "2026-10", "--after", "2026-11",
            "--of", "mid", "--against", "cheap", "--only-sheets", "--sheet", SHEET,
            "-f", "json",
        )  # fmt: skip
        assert status == 0
        data = json.loads(out)
        assert (data["value"], data["kind"]) == ("1", "substitutes")


def test_installed_script_bridges(tmp_path: Path, installed_script: Path) -> None:
    """The installed script bridges two logs; a missing file is exit 2."""
    import subprocess

    script = str(installed_script)
    before = write(tmp_path / "oct.jsonl", [record("cheap", "2026-10-05", M, M)])
    after = write(tmp_path / "nov.jsonl", [record("cheap", "2026-11-05", M, M)])
    args = [script, "bridge", before, after, "--only-sheets", "--sheet", SHEET]
    done = subprocess.run(
        [*args, "-f", "csv"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "shop:cheap,5,5,0,0,0,0,10" in done.stdout
    missing = [*args[:3], str(tmp_path / "none.jsonl"), *args[4:]]
    done = subprocess.run(missing, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("tokencost: error: ")
    assert "none.jsonl" in done.stderr
    assert "Traceback" not in done.stderr
