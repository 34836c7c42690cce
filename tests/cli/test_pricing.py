"""The tokencost command: output, formats, exit statuses and errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tokencost.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


class TestCost:
    def test_glm_figures(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The cost command prints the lines and the exact total."""
        status, out, _ = run(
            capsys, "cost", "glm-5.2", "--input", "120k", "--output", "4k",
            "--at", "2026-07-01", "--format", "json",
        )  # fmt: skip
        assert status == 0
        data = json.loads(out)
        assert data["total"] == "0.1856"
        assert [line["amount"] for line in data["lines"]] == ["0.168", "0.0176"]

    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The table shows each line and the total with its currency."""
        status, out, _ = run(
            capsys, "cost", "claude-fable-5", "--input", "120k", "--output", "4k",
            "--cache-read", "100k", "--cache-write", "10k", "--at", "2026-07-01",
        )  # fmt: skip
        assert status == 0
        assert "cache write" in out
        assert out.rstrip().endswith("0.525 USD")

    def test_requests_and_sheet(self, capsys: pytest.CaptureFixture[str]) -> None:
        """User sheets work alone; --requests multiplies."""
        status, out, _ = run(
            capsys, "cost", "acme-1", "--input", "120k", "--output", "4k",
            "--cache-read", "100k", "--cache-write", "10k", "--requests", "1k",
            "--at", "2026-03-01", "--sheet", str(FIXTURES), "--only-sheets", "-f", "json",
        )  # fmt: skip
        assert status == 0
        assert json.loads(out)["total"] == "98"


class TestCompare:
    def test_ranked_with_ratio(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Compare ranks cheapest first with the ratio to the cheapest."""
        status, out, _ = run(
            capsys, "compare", "claude-fable-5", "glm-5.2", "--input", "120k",
            "--output", "4k", "--at", "2026-07-01", "--format", "csv",
        )  # fmt: skip
        assert status == 0
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[1][:4] == ["1", "zai:glm-5.2", "0.1856", "1"]
        assert rows[2][:4] == [
            "2",
            "anthropic:claude-fable-5",
            "1.4",
            "7.543103448275862068965517241",
        ]

    def test_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Markdown output is a pipe table."""
        status, out, _ = run(
            capsys, "compare", "glm-5.2", "gpt-5.5", "-i", "1k", "-o", "1k",
            "--at", "2026-07-01", "-f", "markdown",
        )  # fmt: skip
        assert status == 0
        assert out.startswith("| #")
        assert "| 1   | zai:glm-5.2" in out


class TestOtherCommands:
    def test_models(self, capsys: pytest.CaptureFixture[str]) -> None:
        """models lists a provider's models with their current prices."""
        status, out, _ = run(capsys, "models", "--provider", "anthropic", "-f", "json")
        assert status == 0
        ids = [m["id"] for m in json.loads(out)["models"]]
        assert "anthropic:claude-fable-5" in ids
        assert all(i.startswith("anthropic:") for i in ids)

    def test_price_history(self, capsys: pytest.CaptureFixture[str]) -> None:
        """price shows DeepSeek's changes of 2025 and 2026, and the retirement."""
        status, out, _ = run(capsys, "price", "deepseek-chat", "-f", "json")
        assert status == 0
        periods = json.loads(out)["periods"]
        assert [(p["until"], p["output_mtok"]) for p in periods] == [
            ("2025-02-08T16:00:00Z", "0.28"),  # the promotion ends at 16:00 UTC
            ("2025-02-26", "1.10"),
            ("2025-09-05T16:00:00Z", "1.10"),  # and so does the night discount
            ("2025-09-29", "1.68"),
            ("2026-04-24", "0.42"),
            ("2026-04-26T12:15:00Z", "0.28"),  # served by V4-Flash
            ("2026-07-24T16:00:00Z", "0.28"),  # retired after 15:59 UTC
        ]

    def test_price_at(self, capsys: pytest.CaptureFixture[str]) -> None:
        """price --at shows the period in force that day."""
        status, out, _ = run(capsys, "price", "deepseek-chat", "--at", "2025-01-15")
        assert status == 0
        assert "0.28" in out
        assert "1.10" not in out

    def test_price_at_a_moment(self, capsys: pytest.CaptureFixture[str]) -> None:
        """price --at takes a time; on the day of a change a bare day is
        refused (exit 1) with a line asking for one."""
        status, out, _ = run(
            capsys, "price", "deepseek-chat", "--at", "2025-09-05T15:00:00Z"
        )
        assert status == 0
        assert "2025-02-26 to 2025-09-05 16:00 UTC" in out
        status, _, err = run(capsys, "price", "deepseek-chat", "--at", "2025-09-05")
        assert status == 1
        assert "no one price for all of 2025-09-05" in err
        assert err.count("\n") == 1

    def test_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """schema prints the JSON Schema."""
        status, out, _ = run(capsys, "schema")
        assert status == 0
        assert json.loads(out)["title"] == "tokencost price sheet"


class TestErrors:
    @pytest.mark.parametrize(
        ("argv", "status", "fragment"),
        [
            (["cost", "glm-5.2", "--input", "12q"], 2, "cannot read --input '12q'"),
            (["cost", "glm-5.2", "--input", "-5"], 2, "--input must be >= 0, got '-5'"),
            (["cost", "glm-5.2", "--input", "1.5"], 2, "whole number"),
            (["cost", "glm-5.2x"], 1, "did you mean 'glm-5.2'"),
            (["cost", "glm-5.2", "--at", "2020-01-01"], 1, "first known price"),
            (["cost", "glm-5.2", "--at", "yesterday"], 2, "ISO date"),
            (["cost", "glm-5.2", "--input", "1", "--cache-read", "2"], 2, "exceed"),
            (["compare"], 2, "compare: the following arguments are required"),
            (["cost", "glm-5.2", "--format", "xml"], 2, "invalid choice: 'xml'"),
            (["frobnicate"], 2, "invalid choice"),
            (["price", "nope:glm"], 1, "unknown model 'nope:glm'"),
        ],
    )
    def test_one_line_no_traceback(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        status: int,
        fragment: str,
    ) -> None:
        """Errors are one line on stderr with the right exit status."""
        code, out, err = run(capsys, *argv)
        assert code == status
        assert out == ""
        assert err.startswith("tokencost: error: ")
        assert fragment in err
        assert err.count("\n") == 1
        assert "Traceback" not in err

    def test_bad_sheet(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A malformed user sheet names the file and the field."""
        sheet = tmp_path / "bad.toml"
        sheet.write_text(
            (FIXTURES / "yuan.toml")
            .read_text()
            .replace("input_mtok = 8", "input_mtok = -8")
        )
        code, _, err = run(capsys, "models", "--sheet", str(sheet))
        assert code == 2
        assert "bad.toml: models.0.periods.0.input_mtok" in err


class TestScript:
    def test_installed_script(self, installed_script: Path) -> None:
        """The installed console script runs end to end."""
        result = subprocess.run(
            [str(installed_script), "compare", "glm-5.2", "claude-fable-5", "--input", "120k",
             "--output", "4k", "--at", "2026-07-01", "--format", "csv"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "zai:glm-5.2,0.1856" in result.stdout

    def test_module(self) -> None:
        """python -m tokencost exits 2 on bad usage with a one-line error."""
        result = subprocess.run(
            [sys.executable, "-m", "tokencost", "cost", "glm-5.2", "--input", "12q"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 2
        assert (
            result.stderr
            == "tokencost: error: cannot read --input '12q': expected a number such as '1200', '1.2M', '120k', '3_000', '2e6' or '2800万'\n"
        )


class TestWorkloads:
    def test_compare_profile_per_month(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The issue's example: agentic coding, 1M requests a month, in USD."""
        status, out, _ = run(
            capsys, "compare", "glm-5.2", "claude-fable-5", "gpt-5.5",
            "--profile", "agentic-coding", "--requests", "1M", "--per", "month",
            "--currency", "USD", "--at", "2026-07-01", "-f", "json",
        )  # fmt: skip
        assert status == 0
        rows = json.loads(out)["rows"]
        assert [(r["model"], r["total"]) for r in rows] == [
            ("zai:glm-5.2", "42680"),
            ("openai:gpt-5.5", "181500"),
            ("anthropic:claude-fable-5", "284750"),
        ]

    def test_currency_fx_adjust(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--fx and --adjust: 120k/4k on GLM-5.2 after +83%, in yuan at 7.10."""
        status, out, _ = run(
            capsys, "compare", "glm-5.2", "claude-fable-5", "-i", "120k", "-o", "4k",
            "--currency", "CNY", "--fx", "CNY=7.10", "--adjust", "glm-5.2=+83%",
            "--at", "2026-07-01", "-f", "json",
        )  # fmt: skip
        assert status == 0
        data = json.loads(out)
        # 0.1856 x 1.83 x 7.10 and 1.40 x 7.10
        assert [r["total"] for r in data["rows"]] == ["2.4115008", "9.94"]
        assert data["fx"]["rates"] == {"CNY": "7.10"}

    def test_profiles_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """profiles lists the built-in profiles and shows one."""
        status, out, _ = run(capsys, "profiles")
        assert status == 0
        assert "agentic-coding" in out
        status, out, _ = run(capsys, "profiles", "rag", "-f", "json")
        assert json.loads(out)["shapes"][0]["cache_read_share"] == "0.75"

    @pytest.mark.parametrize(
        ("argv", "status", "fragment"),
        [
            (["compare", "glm-5.2", "--profile", "nope"], 1, "unknown profile 'nope'"),
            (["compare", "glm-5.2", "--fx", "CNY"], 2, "expected KEY=VALUE"),
            (
                ["compare", "glm-5.2", "--currency", "BRL", "-i", "1"],
                1,
                "no exchange rate for BRL",
            ),
            (["compare", "glm-5.2", "--profile", "chat", "-i", "5"], 2, "drop --input"),
            (
                ["compare", "glm-5.2", "--profile", "chat", "--requests", "-3"],
                2,
                "must be >= 0",
            ),
        ],
    )
    def test_errors(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        status: int,
        fragment: str,
    ) -> None:
        """Workload mistakes get one-line errors with the right status."""
        code, _, err = run(capsys, *argv)
        assert code == status
        assert fragment in err
        assert err.count("\n") == 1

    def test_plot(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--plot writes a PNG when matplotlib is installed."""
        pytest.importorskip("matplotlib")
        target = tmp_path / "cost.png"
        status, _, _ = run(
            capsys, "compare", "glm-5.2", "claude-fable-5", "--profile", "chat",
            "--at", "2026-07-01", "--plot", str(target),
        )  # fmt: skip
        assert status == 0
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    def test_plot_without_matplotlib(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Without the plot extra, --plot says how to install it."""
        import importlib

        real = importlib.import_module

        def fail(name: str, package: str | None = None) -> object:
            if name.startswith("matplotlib"):
                raise ImportError(name)
            return real(name, package)

        monkeypatch.setattr(importlib, "import_module", fail)
        code, _, err = run(
            capsys, "compare", "glm-5.2", "--profile", "chat", "--plot", str(tmp_path / "x.png"),
        )  # fmt: skip
        assert code == 2
        assert "pip install 'tokencost-exact[plot]'" in err
