"""A price change at or below -100% is refused the same way everywhere."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import tokencost as tc

SURFACES: dict[str, Callable[[str], object]] = {
    "workload adjust": lambda change: tc.workload_cost(
        "glm-5.2", tc.Usage(1000, 100), adjust=change
    ),
    "compare adjust": lambda change: tc.compare(
        ["glm-5.2"], input_tokens=1000, adjust={"glm-5.2": change}
    ),
    "elasticity": lambda change: tc.elasticity(price_change=change, volume_change="1%"),
    "forecast": lambda change: tc.forecast(price_change=change, elasticity=-1),
    "break-even": tc.break_even_volume_change,
    "headroom": lambda change: tc.headroom(own=1, competitor=2, increase=change),
}


@pytest.mark.parametrize("change", ["-100%", "-1", "-150%"])
@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_one_check_one_error(surface: str, change: str) -> None:
    """Every surface raises InvalidQuantityError with the same wording."""
    with pytest.raises(tc.InvalidQuantityError, match=r"above -100%, such as '-12%'"):
        SURFACES[surface](change)
