"""The waterfall chart of a bridge."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tokencost.economics.bridge import bridge
from tokencost.economics.revenue_bridge import bridge_figures
from tokencost.plots.waterfall import _draw, _pyplot, plot_bridge, waterfall_steps

SHEET = Path(__file__).parent.parent / "fixtures" / "bridge" / "shop.toml"
M = 1_000_000


def record(model: str, day: str, i: int, o: int) -> dict[str, Any]:
    return {"model": model, "timestamp": day, "input_tokens": i, "output_tokens": o}


@pytest.fixture(scope="module")
def two_months() -> Any:
    shop = tc.load_catalog(SHEET, bundled=False)
    oct = tc.bill(
        [record("cheap", "2026-10-05", M, M), record("fresh", "2026-10-05", M, M)],
        catalog=shop,
    )
    nov = tc.bill([record("cheap", "2026-11-05", 2 * M, 2 * M)], catalog=shop)
    return bridge(oct, nov, labels=("October", "November"))


class TestSteps:
    def test_bars_of_a_bill_bridge(self, two_months: Any) -> None:
        """October 30; price +7.5, volume +7.5, dropped -25; November 20."""
        bars, currency = waterfall_steps(two_months)
        assert currency == "USD"
        assert bars == [
            ("October", Decimal(0), Decimal(30), "total"),
            ("price", Decimal(30), Decimal("7.5"), "up"),
            ("volume", Decimal("37.5"), Decimal("7.5"), "up"),
            ("dropped", Decimal(20), Decimal(25), "down"),
            ("November", Decimal(0), Decimal(20), "total"),
        ]

    def test_bars_of_figures(self) -> None:
        """The seed case: 1, +2.49, +5.66, 9.15."""
        bars, currency = waterfall_steps(
            bridge_figures(price_change="83%", volume_change="400%")
        )
        assert currency is None
        assert [(label, height) for label, _, height, _ in bars] == [
            ("revenue before", Decimal(1)),
            ("price", Decimal("2.49")),
            ("volume", Decimal("5.66")),
            ("revenue after", Decimal("9.15")),
        ]


class TestChart:
    def test_labels(self, two_months: Any) -> None:
        """Every bar is labelled with its amount; the axis names the currency."""
        plt = pytest.importorskip("matplotlib.pyplot")
        figure = _draw(_pyplot(), two_months)
        (axes,) = figure.axes
        labels = [text.get_text() for text in axes.texts]
        assert labels == ["30.00", "+7.50", "+7.50", "-25.00", "20.00"]
        ticks = [tick.get_text() for tick in axes.get_xticklabels()]
        assert ticks == ["October", "price", "volume", "dropped", "November"]
        assert axes.get_ylabel() == "USD"
        assert axes.get_title() == "What changed, shapley"
        plt.close(figure)

    def test_writes_a_file(self, two_months: Any, tmp_path: Path) -> None:
        """A PNG is written where asked."""
        pytest.importorskip("matplotlib")
        path = plot_bridge(two_months, tmp_path / "bridge.png")
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
