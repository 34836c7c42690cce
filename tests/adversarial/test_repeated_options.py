"""Options given twice: a second value is an error naming both, never a
silent replacement of the first (which priced another request, at another
day or rate, than the one the caller read back)."""

from __future__ import annotations

import json

import pytest

import tokencost as tc

from .conftest import Run

DAY = "2026-07-01"


class TestOneValueOptions:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["cost", "glm-5.2", "--input", "1k", "--input", "2k"],
                "--input given twice ('1k' and '2k')",
            ),
            (
                ["cost", "glm-5.2", "-i", "1k", "--input", "2k"],
                "--input given twice ('1k' and '2k')",
            ),
            (
                # The first value is the default: still given twice.
                ["cost", "glm-5.2", "--output", "0", "-o", "5k"],
                "-o given twice ('0' and '5k')",
            ),
            (
                ["cost", "glm-5.2", "--at", DAY, "--at", "2025-01-01"],
                f"--at given twice ('{DAY}' and '2025-01-01')",
            ),
            (
                ["cost", "glm-5.2", "--currency", "CNY", "--currency", "JPY"],
                "--currency given twice ('CNY' and 'JPY')",
            ),
            (
                ["compare", "glm-5.2", "gpt-5.5", "-n", "1M", "--requests", "2M"],
                "--requests given twice ('1M' and '2M')",
            ),
            (
                ["models", "-f", "json", "--format", "csv"],
                "--format given twice ('json' and 'csv')",
            ),
            (
                [
                    "forecast",
                    "--price-change",
                    "83%",
                    "--elasticity",
                    "-0.5",
                    "--elasticity",
                    "-1.5",
                ],
                "--elasticity given twice ('-0.5' and '-1.5')",
            ),
            (
                ["break-even", "--price-change", "83%", "--price-change", "-12%"],
                "--price-change given twice ('83%' and '-12%')",
            ),
            (
                [
                    "headroom",
                    "--own",
                    "4.13",
                    "--competitor",
                    "50",
                    "--increase",
                    "83%",
                    "--increase",
                    "50%",
                ],
                "--increase given twice ('83%' and '50%')",
            ),
            (
                ["growth", "--start", "1", "--start", "2", "--end", "3"],
                "--start given twice ('1' and '2')",
            ),
        ],
    )
    def test_refused(self, cli: Run, argv: list[str], message: str) -> None:
        """Exit 2, one line naming the option and both values, no output."""
        status, out, err = cli(*argv)
        assert (status, out) == (2, "")
        assert message in err
        assert err.startswith("tokencost: error: ")
        assert len(err.splitlines()) == 1

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["cost", "glm-5.2", "--input", ""], "cost: --input is empty"),
            (["cost", "glm-5.2", "-o", " "], "cost: -o is empty"),
            (["cost", ""], "cost: model is empty"),
            (["compare", "glm-5.2", ""], "compare: MODEL is empty"),
        ],
    )
    def test_empty_named_as_typed(
        self, cli: Run, argv: list[str], message: str
    ) -> None:
        """An empty value names the option as it was typed, or the
        positional argument by its name, not the field it fills."""
        status, out, err = cli(*argv)
        assert (status, out) == (2, "")
        assert f"tokencost: error: {message}: give it a value" in err

    def test_once_is_priced(self, cli: Run) -> None:
        """Given once each, the options price the request: 10,000 input and
        1,000 output tokens of glm-5.2 at 1.40 and 4.40 USD per MTok."""
        status, out, _ = cli(
            "cost", "glm-5.2", "-i", "10k", "-o", "1k", "--at", DAY, "-f", "json"
        )
        assert status == 0
        assert json.loads(out)["total"] == "0.0184"


class TestKeyValueOptions:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                [
                    "cost",
                    "glm-5.2",
                    "-i",
                    "1k",
                    "--currency",
                    "CNY",
                    "--fx",
                    "CNY=7",
                    "--fx",
                    "CNY=8",
                ],
                "--fx gives CNY twice ('7' and '8')",
            ),
            (
                [
                    "cost",
                    "glm-5.2",
                    "-i",
                    "1k",
                    "--currency",
                    "CNY",
                    "--fx",
                    "CNY=7",
                    "--fx",
                    "cny=8",
                ],
                "exchange rate for CNY given twice",
            ),
            (
                [
                    "compare",
                    "glm-5.2",
                    "gpt-5.5",
                    "-i",
                    "10k",
                    "--adjust",
                    "glm-5.2=+10%",
                    "--adjust",
                    "glm-5.2=+20%",
                ],
                "--adjust gives glm-5.2 twice ('+10%' and '+20%')",
            ),
            (
                [
                    "compare",
                    "glm-5.2",
                    "gpt-5.5",
                    "-i",
                    "10k",
                    "--adjust",
                    "glm-5.2=+10%",
                    "--adjust",
                    "zai:glm-5.2=+20%",
                ],
                "zai:glm-5.2 adjusted twice",
            ),
            (
                [
                    "sql",
                    "--dialect",
                    "duckdb",
                    "--model",
                    "glm-5.2",
                    "--map",
                    "input_tokens=a",
                    "--map",
                    "input_tokens=b",
                ],
                "--map gives input_tokens twice ('a' and 'b')",
            ),
        ],
    )
    def test_refused(self, cli: Run, argv: list[str], message: str) -> None:
        """Exit 2, one line naming the key and both values, no output."""
        status, out, err = cli(*argv)
        assert (status, out) == (2, "")
        assert message in err
        assert len(err.splitlines()) == 1

    def test_rate_once(self, cli: Run) -> None:
        """One rate per currency converts: 0.0014 USD at 7.10 is 0.00994 CNY."""
        status, out, _ = cli(
            "cost", "glm-5.2", "-i", "1k", "--at", DAY, "--currency", "CNY",
            "--fx", "CNY=7.10", "--fx", "JPY=150", "-f", "json",
        )  # fmt: skip
        assert status == 0
        assert json.loads(out)["total"] == "0.00994"


class TestLibrary:
    def test_rates_named_twice(self) -> None:
        """Two spellings of one currency in a rate table are refused."""
        with pytest.raises(tc.InvalidInputError, match="CNY given twice"):
            tc.ExchangeRates(rates={"cny": "7", "CNY": "8"})

    def test_adjust_named_twice(self) -> None:
        """Two names of one model in adjust= are refused."""
        with pytest.raises(tc.InvalidInputError, match="zai:glm-5.2 adjusted twice"):
            tc.compare(
                ["glm-5.2", "gpt-5.5"],
                input_tokens=10_000,
                at=DAY,
                adjust={"glm-5.2": "+10%", "zai:glm-5.2": "+20%"},
            )

    @pytest.mark.parametrize(
        "models",
        [["glm-5.2", "glm-5.2"], ["glm-5.2", "gpt-5.5", "zai:glm-5.2"]],
    )
    def test_model_compared_twice(self, models: list[str]) -> None:
        """One model named twice in a comparison (under one name or two) is
        refused, not ranked against itself."""
        with pytest.raises(tc.InvalidInputError, match="zai:glm-5.2 compared twice"):
            tc.compare(models, input_tokens=10_000, at=DAY)

    def test_model_compared_twice_cli(self, cli: Run) -> None:
        """On the command line too: exit 2, one line."""
        status, out, err = cli("compare", "glm-5.2", "zai:glm-5.2", "-i", "10k")
        assert (status, out) == (2, "")
        assert "zai:glm-5.2 compared twice ('glm-5.2' and 'zai:glm-5.2')" in err
