"""Economics: huge magnitudes and undefined points are clear errors."""

from __future__ import annotations

import pytest

import tokencost as tc

from .conftest import Run, one_error_line


class TestMagnitudes:
    @pytest.mark.parametrize(
        "kwargs",
        [
            {"price_change": "83%", "elasticity": 1e6},
            {"price_change": "1e300", "elasticity": -2},
            {"price_change": "83%", "elasticity": "-1e400"},
        ],
    )
    def test_forecast(self, kwargs: dict[str, object]) -> None:
        with pytest.raises(tc.TokencostError):
            tc.forecast(**kwargs)  # type: ignore[arg-type]

    def test_growth_huge(self) -> None:
        with pytest.raises(tc.TokencostError):
            tc.growth(start="1e-300", end="1e300", periods=1)

    def test_cli_forecast(self, cli: Run) -> None:
        status, _, err = cli("forecast", "--price-change", "83%", "--elasticity", "1e6")
        assert status == 2
        one_error_line(err)

    @pytest.mark.parametrize("price", ["1e400", "1e-400"])
    def test_cli_headroom_out_of_range(self, cli: Run, price: str) -> None:
        """A price out of range is a bad number (exit 2), not an unknown
        model."""
        status, _, err = cli("headroom", "--own", "4.13", "--competitor", price)
        assert status == 2
        line = one_error_line(err)
        assert price in line
        assert "out of range" in line
