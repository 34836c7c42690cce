"""A grid of forecasts over price changes x elasticities: figures, CLI, heatmap."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tokencost as tc
from tokencost.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestGrid:
    def test_shape(self) -> None:
        """0..100%/10% x three elasticities is 11 x 3 forecasts, in order."""
        g = tc.scenario_grid(price_changes="0..100%/10%", elasticities="-0.5,-1,-1.5")
        assert g.price_changes == tuple(Decimal(i) / 10 for i in range(11))
        assert g.elasticities == (Decimal("-0.5"), Decimal(-1), Decimal("-1.5"))
        assert len(g.forecasts) == 33
        assert len(g.revenue_multipliers) == 11
        assert all(len(row) == 3 for row in g.revenue_multipliers)

    @pytest.mark.parametrize(
        ("change", "e", "volume", "revenue"),
        [
            ("21%", "-0.5", "0.9090909090909090909090909091", "1.1"),
            ("100%", "-1", "0.5", "1"),
            (
                "100%",
                "-0.5",
                "0.7071067811865475244008443621",
                "1.414213562373095048801688724",
            ),
            ("0", "-1.5", "1", "1"),
        ],
    )
    def test_cells(self, change: str, e: str, volume: str, revenue: str) -> None:
        """Each cell is the forecast of its price change and elasticity."""
        g = tc.scenario_grid(
            price_changes="0,21%,100%", elasticities=[Decimal("-0.5"), -1, "-1.5"]
        )
        cell = g.forecast_at(change, e)
        assert cell.volume_multiplier == Decimal(volume)
        assert cell.revenue_multiplier == Decimal(revenue)

    def test_linear(self) -> None:
        """The linear model gives 1 + e dp per cell."""
        g = tc.scenario_grid(price_changes="50%", elasticities="-1", model="linear")
        assert g.volume_multipliers == ((Decimal("0.5"),),)
        assert g.revenue_multipliers == ((Decimal("0.75"),),)

    @settings(max_examples=25, deadline=None)
    @given(
        st.lists(st.integers(-90, 300), min_size=1, max_size=5),
        st.lists(st.decimals("-3", "0", places=2), min_size=1, max_size=4),
    )
    def test_cells_match_forecast(
        self, changes: list[int], slopes: list[Decimal]
    ) -> None:
        """Every cell equals tc.forecast() for its pair, digit for digit."""
        g = tc.scenario_grid(
            price_changes=[f"{c}%" for c in changes], elasticities=slopes
        )
        for cell in g.forecasts:
            alone = tc.forecast(
                price_change=cell.price_change, elasticity=cell.elasticity
            )
            assert cell.revenue_multiplier == alone.revenue_multiplier
            assert cell.volume_multiplier == alone.volume_multiplier

    @pytest.mark.parametrize(
        ("changes", "slopes", "message"),
        [
            ("0..100%/0", "-1", "step must go from 0% towards 100%"),
            ("100..0%/10%", "-1", "step must go from 100% towards 0%"),
            ("0..1000%/0.01%", "-1", "at most 1,001"),
            ("", "-1", "expected figures separated by commas"),
            ("-100%", "-1", "-100%"),
            ("0..100%/1%", "-3..0/0.01", "at most 10,000"),
        ],
    )
    def test_bad(self, changes: str, slopes: str, message: str) -> None:
        """Bad lists and ranges are one clear error naming the value."""
        with pytest.raises(tc.TokencostError, match=message):
            tc.scenario_grid(price_changes=changes, elasticities=slopes)


class TestCommand:
    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """forecast with a range and a list prints one row per price change."""
        code, out, _ = run(
            capsys,
            "forecast",
            "--price-change",
            "0..100%/50%",
            "--elasticity",
            "-0.5,-1,-1.5",
        )
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split() == [
            "price", "change", "volume", "x", "(e=-0.5)", "volume", "x", "(e=-1)",
            "volume", "x", "(e=-1.5)", "revenue", "x", "(e=-0.5)", "revenue", "x",
            "(e=-1)", "revenue", "x", "(e=-1.5)",
        ]  # fmt: skip
        assert lines[4].split() == [
            "+100%",
            "0.7071",
            "0.5",
            "0.3536",
            "1.4142",
            "1",
            "0.7071",
        ]

    def test_csv_is_exact(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The CSV carries the fractions and every digit of the multipliers."""
        code, out, _ = run(
            capsys,
            "forecast",
            "--price-change",
            "-20..20%/20%",
            "--elasticity",
            "-1",
            "-f",
            "csv",
        )
        assert code == 0
        rows = list(csv.reader(io.StringIO(out)))
        assert rows == [
            ["price change", "volume x (e=-1)", "revenue x (e=-1)"],
            ["-0.2", "1.25", "1"],
            ["0", "1", "1"],
            ["0.2", "0.8333333333333333333333333333", "1"],
        ]

    def test_single_stays_a_forecast(self, capsys: pytest.CaptureFixture[str]) -> None:
        """One price change and one elasticity is the plain forecast."""
        code, out, _ = run(
            capsys, "forecast", "--price-change", "21%", "--elasticity", "-0.5"
        )
        assert code == 0
        assert "revenue multiplier  1.1" in out

    def test_plot_needs_a_grid(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--plot on one forecast is bad usage, saying how to make a grid."""
        code, _, err = run(
            capsys, "forecast", "--price-change", "21%", "--elasticity", "-0.5",
            "--plot", str(tmp_path / "x.png"),
        )  # fmt: skip
        assert code == 2
        assert "--price-change 0..100%/10%" in err


class TestHeatmap:
    def test_labels(self, tmp_path: Path) -> None:
        """The heatmaps name their axes, rows, columns and every cell."""
        pytest.importorskip("matplotlib")
        from tokencost.plots.scenarios import plot_scenarios

        g = tc.scenario_grid(price_changes="0..100%/50%", elasticities="-0.5,-1")
        figure = plot_scenarios(g, tmp_path / "grid.png")
        assert (tmp_path / "grid.png").stat().st_size > 10_000
        volume, revenue = figure.axes[:2]
        assert volume.get_title() == "volume multiplier (constant elasticity)"
        assert revenue.get_title() == "revenue multiplier (constant elasticity)"
        assert revenue.get_xlabel() == "elasticity"
        assert revenue.get_ylabel() == "price change"
        assert [t.get_text() for t in revenue.get_xticklabels()] == ["-0.5", "-1"]
        assert [t.get_text() for t in revenue.get_yticklabels()] == [
            "0%",
            "+50%",
            "+100%",
        ]
        assert [t.get_text() for t in revenue.texts] == [
            "x1", "x1", "x1.22", "x1", "x1.41", "x1",
        ]  # fmt: skip

    def test_command_writes_png(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """forecast --plot writes the heatmaps and still prints the table."""
        pytest.importorskip("matplotlib")
        target = tmp_path / "grid.png"
        code, out, _ = run(
            capsys, "forecast", "--price-change", "0..100%/10%", "--elasticity",
            "-0.5,-1,-1.5", "--plot", str(target),
        )  # fmt: skip
        assert code == 0
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert out.count("\n") == 13
