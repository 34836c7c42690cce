"""Tests for headroom: price ratios, discounts and room to rise.

Expected figures were worked by hand as exact fractions (shown next to each
row) and rounded to 28 significant digits.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc

D = Decimal

prices = st.decimals(min_value=D("0.01"), max_value=D(10000), places=2)
increases = st.decimals(min_value=D("-0.99"), max_value=D(10), places=3)
discounts = st.decimals(min_value=D(0), max_value=D("0.99"), places=2)

#: Identities that compare separately rounded 28-digit figures agree to
#: within this many parts in 10**25 of the larger figure, scaled up where a
#: step divides by something small (1 + x for a deep cut, or 1 + h when the
#: headroom is close to -100%).
TOLERANCE = D("1e-25")


class TestFigures:
    def test_glm_against_fable(self) -> None:
        """$4.13 after +83% against $50, keeping half the price."""
        h = tc.headroom(4.13, 50, increase="83%", keep_discount="50%")
        assert h.own_price == D("4.13")
        assert h.own_price_after == D("7.5579")  # 4.13 * 1.83
        assert h.ratio == D("0.151158")  # 7.5579 / 50
        assert h.discount == D("0.848842")  # 1 - 0.151158
        assert h.headroom_before == D("11.10653753026634382566585956")  # 45.87/4.13
        assert h.headroom == D("5.615594278834067664298283915")  # 42.4421/7.5579
        assert h.rise_keeping_discount == D(
            "2.307797139417033832149141957"
        )  # 17.4421/7.5579
        assert h.ceiling_keeping_discount == D(25)

    @pytest.mark.parametrize(
        ("own", "competitor", "increase", "keep", "after", "ratio", "room", "keeping"),
        [
            (4, 10, "25%", "50%", D(5), D("0.5"), D(1), D(0)),
            (4, 10, 0, 0, D(4), D("0.4"), D("1.5"), D("1.5")),
            (
                60,
                50,
                0,
                0,
                D(60),
                D("1.2"),
                D("-0.1666666666666666666666666667"),
                D("-0.1666666666666666666666666667"),
            ),
            ("2.5", "10", "-20%", "10%", D(2), D("0.2"), D(4), D("3.5")),  # 9/2 - 1
        ],
    )
    def test_table_of_cases(
        self,
        *,
        own: object,
        competitor: object,
        increase: object,
        keep: object,
        after: Decimal,
        ratio: Decimal,
        room: Decimal,
        keeping: Decimal,
    ) -> None:
        """Price after, ratio, headroom and the rise keeping a discount."""
        h = tc.headroom(own, competitor, increase=increase, keep_discount=keep)  # type: ignore[arg-type]
        assert (h.own_price_after, h.ratio, h.headroom) == (after, ratio, room)
        assert h.rise_keeping_discount == keeping

    def test_premium(self) -> None:
        """A price above the competitor's shows a negative discount."""
        h = tc.headroom(60, 50)
        assert h.discount == D("-0.2")
        assert str(h) == "own 60 vs 50: discount -20%; -16.67% to parity"

    def test_numeric_strings(self) -> None:
        """Prices may be numeric strings, with suffixes."""
        assert tc.headroom("4.13", "50").ratio == D("0.0826")
        assert tc.headroom("1k", "2k").headroom == D(1)


class TestMoney:
    def test_same_currency(self) -> None:
        """Money in one currency keeps the currency on the result."""
        h = tc.headroom(tc.Money("29.7", "CNY"), tc.Money(360, "CNY"))
        assert h.currency == "CNY"
        assert h.ratio == D("0.0825")
        assert h.fx_rate is None

    def test_money_and_number(self) -> None:
        """A number against Money is taken in the Money's currency."""
        h = tc.headroom(4, tc.Money(10, "USD"), increase="25%")
        assert (h.currency, h.own_price_after, h.headroom) == ("USD", D(5), D(1))

    def test_mixed_without_rate(self) -> None:
        """Two currencies without fx are refused, naming both."""
        with pytest.raises(tc.CurrencyMismatchError, match=r"CNY.*USD.*fx="):
            tc.headroom(tc.Money("29.7", "CNY"), tc.Money(50, "USD"))

    def test_fx_converts_competitor(self) -> None:
        """fx rates per US dollar convert the competitor into own currency."""
        h = tc.headroom(tc.Money("29.7", "CNY"), tc.Money(50, "USD"), fx={"CNY": "7.2"})
        assert h.competitor_price == D(360)  # 50 * 7.2
        assert h.ratio == D("0.0825")  # 29.7 / 360
        assert (h.currency, h.fx_rate) == ("CNY", D("7.2"))

    def test_fx_cross_rate(self) -> None:
        """Two non-dollar currencies convert through their dollar rates."""
        h = tc.headroom(
            tc.Money(1, "EUR"), tc.Money(16, "CNY"), fx={"EUR": "0.9", "cny": "7.2"}
        )
        assert h.fx_rate == D("0.125")  # 0.9 / 7.2
        assert h.competitor_price == D(2)
        assert h.headroom == D(1)

    def test_fx_missing_currency(self) -> None:
        """fx without one of the currencies raises MissingRateError."""
        with pytest.raises(tc.MissingRateError, match=r"no exchange rate for CNY"):
            tc.headroom(tc.Money(1, "CNY"), tc.Money(1, "EUR"), fx={"EUR": "0.9"})

    def test_fx_usd_must_be_one(self) -> None:
        """A dollar rate other than 1 is refused."""
        with pytest.raises(tc.InvalidQuantityError, match=r"USD must be 1"):
            tc.headroom(tc.Money(1, "CNY"), tc.Money(1, "USD"), fx={"USD": 2, "CNY": 7})


class TestErrors:
    def test_free_competitor(self) -> None:
        """A zero-priced competitor leaves no headroom to measure."""
        with pytest.raises(
            tc.EconomicsError, match=r"competitor price 0 is zero.*free"
        ):
            tc.headroom(4.13, 0)

    def test_free_own_price(self) -> None:
        """A zero own price has unbounded headroom."""
        with pytest.raises(tc.EconomicsError, match=r"own price '0' is zero"):
            tc.headroom("0", 50)

    @pytest.mark.parametrize(("own", "competitor"), [(-1, 50), (4.13, -50)])
    def test_negative_price(self, own: float, competitor: float) -> None:
        """A negative price is refused, naming it."""
        with pytest.raises(tc.InvalidQuantityError, match=r"is negative"):
            tc.headroom(own, competitor)

    def test_model_name(self) -> None:
        """A string that is neither a number nor a model says which model is unknown."""
        with pytest.raises(tc.UnknownModelError, match=r"'glm-5.2x'"):
            tc.headroom("glm-5.2x", 50)

    @pytest.mark.parametrize(
        ("basis", "own", "competitor"),
        [
            ("output", Decimal("4.40"), Decimal("50")),
            ("input", Decimal("1.40"), Decimal("10")),
            # (3 x 1.40 + 4.40) / 4 and (3 x 10 + 50) / 4
            ("blended", Decimal("2.15"), Decimal("20")),
            # one request of the chat profile: see test_profiles
            ("chat", Decimal("0.00406"), Decimal("0.03505")),
        ],
    )
    def test_model_names_on_a_basis(
        self, basis: str, own: Decimal, competitor: Decimal
    ) -> None:
        """Model names are priced on the basis: a component, a blend or a profile."""
        h = tc.headroom("glm-5.2", "claude-fable-5", basis=basis, at="2026-07-01")
        assert h.own_price == own
        assert h.competitor_price == competitor

    @pytest.mark.parametrize("increase", ["-100%", "-150%", -1])
    def test_increase_of_minus_100_or_below(self, increase: object) -> None:
        """An increase of -100% or below is refused."""
        with pytest.raises(tc.InvalidQuantityError, match=r"above -100%"):
            tc.headroom(4.13, 50, increase=increase)  # type: ignore[arg-type]

    @pytest.mark.parametrize("keep", ["100%", "-5%", 1.5])
    def test_discount_out_of_range(self, keep: object) -> None:
        """A discount to keep outside [0, 100%) is refused."""
        with pytest.raises(tc.InvalidQuantityError, match=r"outside \[0, 100%\)"):
            tc.headroom(4.13, 50, keep_discount=keep)  # type: ignore[arg-type]

    def test_unknown_basis(self) -> None:
        """An unknown basis names itself and the bases accepted."""
        with pytest.raises(tc.InvalidInputError, match=r"'cached'.*input, output"):
            tc.headroom(4.13, 50, basis="cached")  # type: ignore[arg-type]

    def test_bool_price(self) -> None:
        """A bool is not a price."""
        with pytest.raises(tc.WrongTypeError, match=r"bool"):
            tc.headroom(True, 50)


class TestRendering:
    def test_basis_is_not_reported_for_numbers(self) -> None:
        """Prices given directly report no basis, whatever basis says."""
        assert tc.headroom(4.13, 50, basis="input").basis is None

    def test_table(self) -> None:
        """The table rounds for display and names the discount kept."""
        _, rows = tc.headroom(4.13, 50, increase="83%", keep_discount="50%").table()
        assert ["own price after increase", "7.5579"] in rows
        assert ["headroom to parity", "+561.56%"] in rows
        assert ["largest rise keeping a 50% discount", "+230.78%"] in rows
        assert ["highest price keeping a 50% discount", "25"] in rows

    def test_table_without_discount(self) -> None:
        """Without a discount to keep, the parity rows are not repeated."""
        _, rows = tc.headroom(4.13, 50).table()
        assert len(rows) == 8
        assert ["discount to competitor", "91.74%"] in rows

    def test_dict(self) -> None:
        """to_dict() keeps every digit."""
        data = tc.headroom(4.13, 50, increase="83%", keep_discount="50%").to_dict()
        assert data["headroom"] == "5.615594278834067664298283915"
        assert data["ceiling_keeping_discount"] == "25"
        assert data["basis"] is None


class TestIdentities:
    @given(own=prices, competitor=prices, x=increases)
    def test_headroom_after_increase(
        self, own: Decimal, competitor: Decimal, x: Decimal
    ) -> None:
        """The headroom after a rise x equals (1 + h) / (1 + x) - 1."""
        before = tc.headroom(own, competitor).headroom
        after = tc.headroom(own, competitor, increase=x).headroom
        expected = (1 + before) / (1 + x) - 1
        scale = max(abs(before), abs(after), D(1)) / min(1 + x, D(1))
        assert abs(after - expected) <= TOLERANCE * scale

    @given(own=prices, competitor=prices, x=increases, d=discounts)
    def test_ratio_and_discount(
        self, own: Decimal, competitor: Decimal, x: Decimal, d: Decimal
    ) -> None:
        """ratio + discount is 1; keeping d scales 1 + headroom by 1 - d."""
        h = tc.headroom(own, competitor, increase=x, keep_discount=d)
        # Each is rounded on its own, so they sum to 1 within the ratio's last digit.
        assert abs(h.ratio + h.discount - 1) <= TOLERANCE * max(h.ratio, D(1))
        scaled = (1 - d) * (1 + h.headroom)
        assert abs((1 + h.rise_keeping_discount) - scaled) <= TOLERANCE * (
            1 + abs(h.headroom)
        )

    @given(own=prices, competitor=prices, x=increases)
    def test_zero_discount_is_parity(
        self, own: Decimal, competitor: Decimal, x: Decimal
    ) -> None:
        """Keeping no discount is exactly the headroom to parity."""
        h = tc.headroom(own, competitor, increase=x)
        assert h.rise_keeping_discount == h.headroom

    @given(own=prices, competitor=prices)
    def test_rising_by_the_headroom_reaches_parity(
        self, own: Decimal, competitor: Decimal
    ) -> None:
        """Raising own price by its headroom lands on the competitor's price."""
        h = tc.headroom(own, competitor)
        parity = tc.headroom(own, competitor, increase=h.headroom)
        scale = max(abs(h.headroom), D(1)) / (1 + h.headroom)
        assert abs(parity.ratio - 1) <= TOLERANCE * scale
