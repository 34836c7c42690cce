"""A revenue change split into price and volume, from two figures."""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, Context, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tokencost._errors import InvalidInputError, InvalidQuantityError
from tokencost._money import Money
from tokencost.economics.revenue_bridge import bridge_figures


class TestSeedCase:
    """+83% price and +400% calls."""

    @pytest.mark.parametrize(
        ("method", "price", "volume"),
        [
            ("shapley", "2.49", "5.66"),
            ("price-first", "0.83", "7.32"),
            ("volume-first", "4.15", "4"),
        ],
    )
    def test_effects(self, method: str, price: str, volume: str) -> None:
        """9.15x, a change of 8.15, split by each method."""
        bridge = bridge_figures(
            price_change="83%",
            volume_change="400%",
            method=method,  # type: ignore[arg-type]
        )
        assert bridge.multiple == Decimal("9.15")
        assert bridge.change == Decimal("8.15")
        assert (bridge.price, bridge.volume) == (Decimal(price), Decimal(volume))

    def test_log_shares(self) -> None:
        """ln 1.83 / ln 9.15 and ln 5 / ln 9.15: 27.30% and 72.70%."""
        bridge = bridge_figures(price_change="83%", volume_change="400%")
        assert bridge.log_price_share is not None
        assert bridge.log_volume_share is not None
        assert round(bridge.log_price_share * 100, 2) == Decimal("27.30")
        assert round(bridge.log_volume_share * 100, 2) == Decimal("72.70")
        assert (
            abs(float(bridge.log_price_share) - math.log(1.83) / math.log(9.15)) < 1e-15
        )
        assert bridge.log_price_share + bridge.log_volume_share == 1

    def test_table_and_json(self) -> None:
        """The table reads start, effects, end; JSON carries exact strings."""
        bridge = bridge_figures(price_change="83%", volume_change="400%")
        headers, rows = bridge.table()
        assert headers == ["bridge (shapley)", "value"]
        assert rows[:4] == [
            ["revenue before", "1.00"],
            ["price effect (+83%)", "2.49"],
            ["volume effect (+400%)", "5.66"],
            ["revenue after", "9.15"],
        ]
        assert ["log share: price", "27.30%"] in rows
        data = bridge.to_dict()
        assert data["effects"] == {"price": "2.49", "volume": "5.66"}
        assert (data["before"], data["after"], data["change"]) == ("1", "9.15", "8.15")
        assert data["method"] == "shapley"

    def test_with_a_revenue(self) -> None:
        """A starting revenue in money scales every effect."""
        bridge = bridge_figures(
            price_change="83%", volume_change="400%", revenue=Money("41000", "USD")
        )
        assert (bridge.before, bridge.after) == (Decimal(41000), Decimal(375150))
        assert (bridge.price, bridge.volume) == (Decimal(102090), Decimal(232060))
        assert bridge.currency == "USD"
        assert str(bridge) == (
            "revenue x9.15 (shapley): price 102,090.00 USD, volume 232,060.00 USD"
        )


class TestRounding:
    def test_terminating(self) -> None:
        """+10% price, -10% volume: Shapley halves that terminate, kept exact."""
        bridge = bridge_figures(price_change="10%", volume_change="-10%", revenue=1)
        # Shapley: 0.1 x (1 + 0.9)/2 = 0.095; -0.1 x (1 + 1.1)/2 = -0.105.
        assert (bridge.price, bridge.volume, bridge.change) == (
            Decimal("0.095"),
            Decimal("-0.105"),
            Decimal("-0.01"),
        )

    def test_the_larger_effect_absorbs_the_digit(self) -> None:
        """Effects finer than the quantum round half-even, and the larger
        (the first of two equals) gives back the digit rounding added."""
        bridge = bridge_figures(
            price_change="0.0000000000000000000000000001",
            volume_change="0.0000000000000000000000000001",
            revenue=3,
        )
        # Each is exactly 3E-28 + 1.5E-56; the quantum is 1E-56.
        assert bridge.price == Decimal("3.0000000000000000000000000001E-28")
        assert bridge.volume == Decimal("3.0000000000000000000000000002E-28")
        with localcontext(Context(prec=100)):
            assert bridge.price + bridge.volume == bridge.change

    @given(
        st.decimals(min_value=Decimal("-0.99"), max_value=10, places=4),
        st.decimals(min_value=-1, max_value=10, places=4),
        st.decimals(min_value=0, max_value=10**9, places=2),
        st.sampled_from(["shapley", "price-first", "volume-first"]),
    )
    def test_effects_add_up(
        self, dp: Decimal, dq: Decimal, revenue: Decimal, method: str
    ) -> None:
        """Price + volume is exactly the change, whatever the figures."""
        bridge = bridge_figures(
            price_change=dp,
            volume_change=dq,
            revenue=revenue,
            method=method,  # type: ignore[arg-type]
        )
        assert bridge.price + bridge.volume == bridge.after - bridge.before
        exact = Fraction(revenue) * Fraction(dp) * (1 + (1 + Fraction(dq))) / 2
        if method == "shapley":
            assert abs(Fraction(bridge.price) - exact) <= Fraction(1, 10**15) * max(
                1, abs(exact)
            )

    def test_callers_context(self) -> None:
        """A 3-digit, round-down context changes nothing."""
        expected = bridge_figures(price_change="83%", volume_change="400%")
        with localcontext(Context(prec=3, rounding=ROUND_DOWN)):
            assert bridge_figures(price_change="83%", volume_change="400%") == expected


class TestUndefined:
    def test_no_change_has_no_log_shares(self) -> None:
        """+25% price and -20% volume leave revenue flat: no log shares."""
        bridge = bridge_figures(price_change="25%", volume_change="-20%")
        assert bridge.change == 0
        assert bridge.price == Decimal("0.225")
        assert bridge.log_price_share is None
        assert ["log share: price", "n/a"] in bridge.table()[1]

    def test_volume_gone(self) -> None:
        """-100% volume: the effects exist, the log shares do not."""
        bridge = bridge_figures(price_change="10%", volume_change="-100%")
        assert bridge.after == 0
        assert (bridge.price, bridge.volume) == (Decimal("0.05"), Decimal("-1.05"))
        assert bridge.log_volume_share is None

    @pytest.mark.parametrize(
        ("kwargs", "error", "match"),
        [
            ({"price_change": "-100%"}, InvalidQuantityError, "'-100%'.*above -100%"),
            ({"volume_change": "-101%"}, InvalidQuantityError, "'-101%'"),
            ({"method": "lmdi"}, InvalidInputError, "'lmdi'"),
            ({"revenue": -5}, InvalidQuantityError, "-5"),
            ({"price_change": "83 pc"}, InvalidQuantityError, "83 pc"),
        ],
    )
    def test_bad_input(
        self, kwargs: dict[str, object], error: type[Exception], match: str
    ) -> None:
        """Each bad value is one error naming it."""
        args: dict[str, object] = {"price_change": "83%", "volume_change": "400%"}
        with pytest.raises(error, match=match):
            bridge_figures(**{**args, **kwargs})  # type: ignore[arg-type]
