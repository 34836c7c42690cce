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

    def test_cli_headroom_huge(self, cli: Run) -> None:
        status, _, err = cli("headroom", "--own", "4.13", "--competitor", "1e400")
        assert status in (1, 2)
        assert "1e400" in one_error_line(err)
