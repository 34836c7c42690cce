"""Economics: huge magnitudes and undefined points are clear errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc

from .conftest import Run, jsonl, one_error_line


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

    @pytest.mark.parametrize(
        ("price_change", "elasticity"),
        [("83%", "-1e7"), ("83%", "-1e30"), ("-99%", "1e6"), ("1e28", "-1e5")],
    )
    def test_forecast_too_small(self, price_change: str, elasticity: str) -> None:
        """A volume multiplier too small for a decimal is refused, as one
        too large is: (1 + dp)^e is never 0, so 0 would be a wrong figure."""
        with pytest.raises(tc.EconomicsError, match="too small"):
            tc.forecast(price_change=price_change, elasticity=elasticity)

    def test_forecast_small_but_representable(self) -> None:
        """1.83^-1e5 is tiny, not zero: 10^-26245.1..., to 28 digits."""
        found = tc.forecast(price_change="83%", elasticity="-1e5")
        assert found.volume_multiplier == Decimal(
            "7.780848459739149579233405863E-26246"
        )
        assert found.volume_change == -1

    def test_cli_forecast_too_small(self, cli: Run) -> None:
        status, out, err = cli(
            "forecast", "--price-change", "83%", "--elasticity", "-1e30"
        )
        assert (status, out) == (2, "")
        assert "too small" in one_error_line(err)

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


class TestLastMonthOfTheCalendar:
    def test_cli_bridge_into_december_9999(self, cli: Run, tmp_path: Path) -> None:
        """December 9999 is a period like any other: the bridge is exact,
        never an internal error."""
        sheet = Path(__file__).parent.parent / "fixtures" / "bridge" / "shop.toml"
        log = jsonl(
            tmp_path / "log.jsonl",
            [
                {"model": "cheap", "timestamp": "9999-11-05", "input_tokens": 10**6},
                {
                    "model": "cheap",
                    "timestamp": "9999-12-31",
                    "input_tokens": 3 * 10**6,
                },
            ],
        )
        status, out, err = cli(
            "bridge", str(log), "--before", "9999-11", "--after", "9999-12",
            "--sheet", str(sheet), "--only-sheets", "--format", "json",
        )  # fmt: skip
        assert (status, err) == (0, "")
        found = json.loads(out)
        assert (found["before"], found["after"], found["change"]) == ("2", "6", "4")
        assert found["effects"]["volume"] == "4"
