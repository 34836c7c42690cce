"""Tests for elasticity, fitting, forecasts, demand shifts, break-even and growth.

Expected figures were worked by hand as exact fractions (shown next to each
row) and rounded to 28 significant digits; logarithms were worked at 60
digits. Identities that pass through ln/exp hold to a stated tolerance.
"""

from __future__ import annotations

import decimal
import math
import statistics
from decimal import Decimal, localcontext

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tokencost as tc

D = Decimal

#: Identities through ln/exp must agree to within this many parts in 10**24.
#: Results carry 28 significant digits; dividing by a logarithm of a change
#: of at least 0.1% can magnify a last-digit rounding by up to 10**3.
TOLERANCE = D("1e-24")


_ONE = D(1)


def close(a: Decimal, b: Decimal, scale: Decimal = _ONE) -> bool:
    """a and b agree to TOLERANCE * scale, relative to the larger of |a|, |b|, 1."""
    return abs(a - b) <= TOLERANCE * scale * max(abs(a), abs(b), D(1))


def change_scale(change: Decimal) -> Decimal:
    """
    How much a change's own rounding is magnified in ln(1 + change).

    A change is kept to 28 digits of *change*, not of 1 + change, so when
    1 + change is tiny (volume nearly gone) its logarithm is less precise.
    """
    return max(abs(change), D(1)) / (1 + change)


# Prices with at most six significant digits, between 0.01 and 10,000.
prices = st.decimals(min_value=D("0.01"), max_value=D(10000), places=2)
volumes = st.decimals(min_value=D("0.001"), max_value=D(10**6), places=3)
price_changes = st.decimals(min_value=D("-0.99"), max_value=D(10), places=3).filter(
    lambda x: abs(x) >= D("0.001")
)
elasticities = st.decimals(min_value=D(-5), max_value=D(5), places=3)


class TestElasticityFormulas:
    @pytest.mark.parametrize(
        ("method", "price_change", "volume_change", "expected"),
        [
            # simple: dq / dp
            ("simple", "83%", "400%", D("4.819277108433734939759036145")),  # 4/0.83
            ("simple", "10%", "-5%", D("-0.5")),  # -0.05/0.1
            ("simple", "-20%", "10%", D("-0.5")),  # 0.1/-0.2
            ("simple", "25%", "0%", D("0")),
            # midpoint: dq(2 + dp) / (dp(2 + dq))
            (
                "midpoint",
                "83%",
                "400%",
                D("2.273092369477911646586345382"),
            ),  # 11.32/4.98
            (
                "midpoint",
                "10%",
                "-5%",
                D("-0.5384615384615384615384615385"),
            ),  # -.105/.195
            ("midpoint", "100%", "-50%", D("-1")),  # -0.5*3 / (1*1.5)
            # log: ln(1 + dq) / ln(1 + dp)
            (
                "log",
                "83%",
                "400%",
                D("2.663239101251016247189262176"),
            ),  # ln 5 / ln 1.83
            ("log", "100%", "-50%", D("-1")),  # ln 0.5 / ln 2
            ("log", "300%", "-50%", D("-0.5")),  # ln 0.5 / ln 4
        ],
    )
    def test_from_changes(
        self, method: str, price_change: str, volume_change: str, expected: Decimal
    ) -> None:
        """Each method gives the hand-computed figure from two changes."""
        result = tc.elasticity(
            price_change=price_change,
            volume_change=volume_change,
            method=method,  # type: ignore[arg-type]
        )
        assert result.value == expected
        assert result.method == method

    @pytest.mark.parametrize(
        ("method", "expected"),
        [
            ("simple", D("-0.5")),  # (-10/100) / (2/10)
            ("midpoint", D("-0.5789473684210526315789473684")),  # -10*22 / (190*2)
            ("log", D("-0.5778829311823856670379557194")),  # ln 0.9 / ln 1.2
        ],
    )
    def test_from_points(self, method: str, expected: Decimal) -> None:
        """Each method gives the hand-computed figure from (10, 100) to (12, 90)."""
        result = tc.elasticity(p0=10, p1=12, q0=100, q1=90, method=method)  # type: ignore[arg-type]
        assert result.value == expected
        assert (result.price_change, result.volume_change) == (D("0.2"), D("-0.1"))

    def test_default_method_is_midpoint(self) -> None:
        """Without a method, the midpoint (arc) elasticity is used."""
        result = tc.elasticity(price_change="83%", volume_change="400%")
        assert result.method == "midpoint"
        assert result.value == D("2.273092369477911646586345382")

    def test_money_points(self) -> None:
        """Prices may be Money in one currency."""
        result = tc.elasticity(
            p0=tc.Money(10, "CNY"),
            p1=tc.Money(12, "CNY"),
            q0=100,
            q1=90,
            method="simple",
        )
        assert result.value == D("-0.5")

    def test_midpoint_from_zero_volume(self) -> None:
        """The midpoint formula copes with a first volume of zero: 5*3 / (5*1)."""
        result = tc.elasticity(p0=1, p1=2, q0=0, q1=5, method="midpoint")
        assert result.value == D(3)
        assert result.volume_change is None

    def test_ignores_callers_context(self) -> None:
        """A caller's low decimal precision does not change the result."""
        with localcontext() as ctx:
            ctx.prec = 3
            result = tc.elasticity(
                price_change="83%", volume_change="400%", method="log"
            )
        assert result.value == D("2.663239101251016247189262176")


class TestElasticityKind:
    @pytest.mark.parametrize(
        ("price_change", "volume_change", "kind"),
        [
            ("10%", "-20%", "elastic"),  # simple -2
            ("10%", "-10%", "unit"),  # simple -1
            ("10%", "-5%", "inelastic"),  # simple -0.5
            ("10%", "0%", "perfectly inelastic"),  # simple 0
            ("83%", "400%", "demand shift"),  # simple +4.82
            ("-10%", "-30%", "demand shift"),  # both fell: simple +3
        ],
    )
    def test_kind(self, price_change: str, volume_change: str, kind: str) -> None:
        """The kind follows the value: below, at or above -1, zero, or positive."""
        result = tc.elasticity(
            price_change=price_change, volume_change=volume_change, method="simple"
        )
        assert result.kind == kind

    def test_repr_says_demand_shift(self) -> None:
        """The repr of a positive value says plainly that demand shifted."""
        text = repr(tc.elasticity(price_change="83%", volume_change="400%"))
        assert text.startswith("<Elasticity midpoint=2.273092369477911646586345382:")
        assert "demand shift" in text
        assert "not a point on a demand curve" in text

    def test_str_is_rounded_and_plain(self) -> None:
        """str() rounds for reading and states the kind."""
        text = str(tc.elasticity(price_change="10%", volume_change="-5%"))
        assert text == (
            "midpoint elasticity -0.5385 (inelastic): "
            "volume responds less than in proportion to price"
        )

    def test_table_and_dict(self) -> None:
        """table() rounds for display; to_dict() keeps every digit."""
        result = tc.elasticity(
            price_change="83%", volume_change="400%", method="simple"
        )
        headers, rows = result.table()
        assert headers == ["measure", "value"]
        assert ["elasticity", "4.8193"] in rows
        assert ["volume change", "+400%"] in rows
        data = result.to_dict()
        assert data["value"] == "4.819277108433734939759036145"
        assert data["kind"] == "demand shift"
        assert (data["price_change"], data["volume_change"]) == ("0.83", "4")


class TestElasticityErrors:
    @pytest.mark.parametrize("price", [0, "0", -4])
    def test_zero_or_negative_price(self, price: object) -> None:
        """A price at or below zero is refused, naming the value."""
        with pytest.raises(tc.InvalidQuantityError, match=r"price p0"):
            tc.elasticity(p0=price, p1=2, q0=1, q1=1)  # type: ignore[arg-type]

    @pytest.mark.parametrize("change", ["-100%", "-150%", -1])
    def test_price_change_of_minus_100_or_below(self, change: object) -> None:
        """A price change of -100% or below is refused, saying what is accepted."""
        with pytest.raises(tc.InvalidQuantityError, match=r"above -100%"):
            tc.elasticity(price_change=change, volume_change="10%")  # type: ignore[arg-type]

    def test_volume_change_below_minus_100(self) -> None:
        """A volume change below -100% would be a negative volume."""
        with pytest.raises(tc.InvalidQuantityError, match=r"'-101%'"):
            tc.elasticity(price_change="10%", volume_change="-101%")

    def test_zero_volume_in_log(self) -> None:
        """The log formula refuses a volume of zero."""
        with pytest.raises(tc.EconomicsError, match=r"volume is 0.*q1=0"):
            tc.elasticity(price_change="10%", volume_change="-100%", method="log")

    def test_zero_first_volume_in_simple(self) -> None:
        """The simple formula refuses a first volume of zero."""
        with pytest.raises(tc.EconomicsError, match=r"first volume, which is 0"):
            tc.elasticity(p0=1, p1=2, q0=0, q1=5, method="simple")

    def test_unknown_method(self) -> None:
        """An unknown method names itself and the methods that exist."""
        with pytest.raises(tc.EconomicsError, match=r"'arc'.*simple, midpoint, log"):
            tc.elasticity(price_change="10%", volume_change="1%", method="arc")  # type: ignore[arg-type]

    def test_unknown_method_is_a_value_error(self) -> None:
        """Callers catching ValueError catch a bad method."""
        with pytest.raises(ValueError, match="unknown elasticity method"):
            tc.elasticity(price_change="10%", volume_change="1%", method="x")  # type: ignore[arg-type]

    def test_unchanged_price(self) -> None:
        """Without a price change there is no elasticity."""
        with pytest.raises(tc.EconomicsError, match=r"did not change"):
            tc.elasticity(price_change=0, volume_change="10%")

    def test_both_forms(self) -> None:
        """Changes and points together are refused."""
        with pytest.raises(tc.InvalidInputError, match=r"not both"):
            tc.elasticity(price_change="1%", volume_change="1%", p0=1)

    def test_neither_form(self) -> None:
        """Incomplete points are refused."""
        with pytest.raises(tc.InvalidInputError, match=r"all four"):
            tc.elasticity(p0=1, p1=2, q0=3)

    def test_bool_change(self) -> None:
        """A bool is not a change."""
        with pytest.raises(tc.WrongTypeError, match=r"bool True"):
            tc.elasticity(price_change=True, volume_change="1%")

    def test_mixed_currency_points(self) -> None:
        """Prices in two currencies are refused."""
        with pytest.raises(tc.CurrencyMismatchError, match=r"USD.*CNY"):
            tc.elasticity(p0=tc.Money(1, "CNY"), p1=tc.Money(2, "USD"), q0=1, q1=1)


class TestElasticityIdentities:
    @given(p0=prices, p1=prices, k=volumes)
    def test_midpoint_and_log_are_minus_one_at_flat_revenue(
        self, p0: Decimal, p1: Decimal, k: Decimal
    ) -> None:
        """midpoint and log give exactly -1 when p0*q0 == p1*q1."""
        assume(p0 != p1)
        q0, q1 = k * p1, k * p0  # revenue k*p0*p1 on both sides, exactly
        for method in ("midpoint", "log"):
            result = tc.elasticity(p0=p0, p1=p1, q0=q0, q1=q1, method=method)
            assert result.value == -1
            assert result.kind == "unit"

    @given(
        dp=price_changes,
        dq=st.decimals(min_value=D("-0.99"), max_value=D(10), places=3),
    )
    def test_methods_agree_on_sign(self, dp: Decimal, dq: Decimal) -> None:
        """simple, midpoint and log never disagree on the sign."""
        signs = {
            tc.elasticity(price_change=dp, volume_change=dq, method=m).value.is_signed()
            for m in ("simple", "midpoint", "log")
        }
        assert len(signs) == 1


class TestFit:
    def test_perfect_fit(self) -> None:
        """Points on Q = 8/P give e = -1, no error, R-squared 1, a = ln 8."""
        fit = tc.fit_elasticity([1, 2, 4], [8, 4, 2])
        assert fit.value == D(-1)
        assert fit.standard_error == 0
        assert fit.r_squared == 1
        assert fit.intercept == D("2.079441541679835928251696364")
        assert fit.observations == 3
        assert fit.kind == "unit"

    def test_noisy_fit_matches_float_regression(self) -> None:
        """A noisy fit agrees with statistics.linear_regression on the logs."""
        ps, qs = [1, 2, 3, 4], [10, 6, 4.5, 3.3]
        fit = tc.fit_elasticity(ps, qs)
        xs, ys = [math.log(p) for p in ps], [math.log(q) for q in qs]
        slope, intercept = statistics.linear_regression(xs, ys)
        assert float(fit.value) == pytest.approx(slope, rel=1e-12)
        assert float(fit.intercept) == pytest.approx(intercept, rel=1e-12)
        assert str(fit.value)[:10] == "-0.7813358"

    def test_standard_error_and_r_squared(self) -> None:
        """SE and R-squared match the textbook formulas worked in floats."""
        ps, qs = [1, 2, 3, 4], [10, 6, 4.5, 3.3]
        fit = tc.fit_elasticity(ps, qs)
        xs, ys = [math.log(p) for p in ps], [math.log(q) for q in qs]
        slope, intercept = statistics.linear_regression(xs, ys)
        sse = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
        sxx = sum((x - statistics.fmean(xs)) ** 2 for x in xs)
        syy = sum((y - statistics.fmean(ys)) ** 2 for y in ys)
        assert float(fit.standard_error) == pytest.approx(math.sqrt(sse / 2 / sxx))
        assert fit.r_squared is not None
        assert float(fit.r_squared) == pytest.approx(1 - sse / syy)

    def test_constant_volume(self) -> None:
        """Volumes that never move give e = 0 and no R-squared."""
        fit = tc.fit_elasticity([1, 2, 3], [5, 5, 5])
        assert fit.value == 0
        assert fit.r_squared is None
        assert fit.kind == "perfectly inelastic"

    def test_fewer_than_three_points(self) -> None:
        """Two points are not enough to fit."""
        with pytest.raises(tc.EconomicsError, match=r"at least 3 observations, got 2"):
            tc.fit_elasticity([1, 2], [3, 4])

    def test_all_prices_equal(self) -> None:
        """Without variation in price there is nothing to fit."""
        with pytest.raises(tc.EconomicsError, match=r"every price is 4.13"):
            tc.fit_elasticity(["4.13"] * 3, [1, 2, 3])

    def test_zero_volume(self) -> None:
        """A zero volume has no logarithm."""
        with pytest.raises(tc.EconomicsError, match=r"volume 1 is 0"):
            tc.fit_elasticity([1, 2, 3], [1, 0, 3])

    def test_zero_price(self) -> None:
        """A zero price is refused, naming its position."""
        with pytest.raises(tc.InvalidQuantityError, match=r"price 2 is 0"):
            tc.fit_elasticity([1, 2, 0], [1, 2, 3])

    def test_lengths_differ(self) -> None:
        """Prices and volumes must pair up."""
        with pytest.raises(tc.InvalidInputError, match=r"3 prices but 2 volumes"):
            tc.fit_elasticity([1, 2, 3], [1, 2])

    def test_table(self) -> None:
        """The table shows the rounded fit."""
        _, rows = tc.fit_elasticity([1, 2, 4], [8, 4, 2]).table()
        assert ["elasticity", "-1"] in rows
        assert ["R-squared", "1"] in rows


class TestForecast:
    @pytest.mark.parametrize(
        ("model", "price_change", "e", "volume", "revenue"),
        [
            # constant: (1 + dp)^e
            ("constant", "21%", "-0.5", D("0.9090909090909090909090909091"), D("1.1")),
            ("constant", "100%", "-1", D("0.5"), D("1")),
            (
                "constant",
                "83%",
                "-0.5",
                D("0.7392212709545728359249111922"),  # 1/sqrt(1.83)
                D("1.352774925846868289742587482"),  # sqrt(1.83)
            ),
            (
                "constant",
                "-12%",
                "-0.5",
                D("1.066003581778052171492188662"),  # 1/sqrt(0.88)
                D("0.9380831519646859109131260227"),  # sqrt(0.88)
            ),
            # linear: 1 + e dp, never below zero
            ("linear", "83%", "-0.5", D("0.585"), D("1.07055")),  # 1.83 * 0.585
            ("linear", "-12%", "-1.5", D("1.18"), D("1.0384")),  # 0.88 * 1.18
            ("linear", "100%", "-1.5", D("0"), D("0")),  # past the choke price
        ],
    )
    def test_multipliers(
        self, model: str, price_change: str, e: str, volume: Decimal, revenue: Decimal
    ) -> None:
        """Each demand model gives the hand-computed multipliers."""
        result = tc.forecast(price_change=price_change, elasticity=e, model=model)  # type: ignore[arg-type]
        assert (result.volume_multiplier, result.revenue_multiplier) == (
            volume,
            revenue,
        )
        # The change keeps 28 digits of its own; plus one, rounded to 28
        # digits, it is the multiplier.
        to_28, wide = decimal.Context(prec=28), decimal.Context(prec=80)
        assert to_28.plus(wide.add(result.volume_change, 1)) == volume
        assert to_28.plus(wide.add(result.revenue_change, 1)) == revenue

    def test_absolute_figures(self) -> None:
        """With a base volume and price, the forecast gives absolute figures."""
        result = tc.forecast(
            price_change="25%",
            elasticity=-1,
            base_volume="1M",
            base_price=tc.Money("4.13", "USD"),
        )
        assert result.volume == D(800000)
        assert result.price == D("5.1625")
        assert result.base_revenue == D(4130000)
        assert result.revenue == D(4130000)
        assert result.currency == "USD"
        _, rows = result.table()
        assert ["revenue after", "4,130,000.00 USD"] in rows
        assert ["volume after", "800,000"] in rows

    def test_accepts_an_elasticity(self) -> None:
        """An Elasticity result can be passed as the elasticity."""
        e = tc.elasticity(price_change="100%", volume_change="-50%", method="log")
        result = tc.forecast(price_change="100%", elasticity=e)
        assert result.volume_multiplier == D("0.5")

    def test_unknown_model(self) -> None:
        """An unknown demand model names itself and the models that exist."""
        with pytest.raises(tc.EconomicsError, match=r"'kinked'.*constant, linear"):
            tc.forecast(price_change="10%", elasticity=-1, model="kinked")  # type: ignore[arg-type]

    def test_price_change_of_minus_100(self) -> None:
        """A price change of -100% is refused."""
        with pytest.raises(tc.InvalidQuantityError, match=r"'-100%'"):
            tc.forecast(price_change="-100%", elasticity=-1)

    @given(dp=price_changes, e=elasticities)
    def test_round_trip_constant(self, dp: Decimal, e: Decimal) -> None:
        """forecast(constant) then elasticity(log) gives e back, within TOLERANCE.

        The tolerance widens by change_scale when volume all but vanishes.
        """
        result = tc.forecast(price_change=dp, elasticity=e)
        assume(result.volume_multiplier > 0)
        back = tc.elasticity(
            price_change=dp, volume_change=result.volume_change, method="log"
        )
        assert close(back.value, e, change_scale(result.volume_change))

    @given(dp=price_changes, e=elasticities)
    def test_round_trip_linear(self, dp: Decimal, e: Decimal) -> None:
        """forecast(linear) then elasticity(simple) gives e back exactly."""
        assume(1 + e * dp > 0)
        result = tc.forecast(price_change=dp, elasticity=e, model="linear")
        back = tc.elasticity(
            price_change=dp, volume_change=result.volume_change, method="simple"
        )
        assert back.value == e

    @given(dp=price_changes)
    def test_unit_elasticity_keeps_revenue(self, dp: Decimal) -> None:
        """At constant elasticity -1, revenue is unchanged, within TOLERANCE."""
        result = tc.forecast(price_change=dp, elasticity=-1)
        assert close(result.revenue_multiplier, D(1))


class TestRevenueMultiplier:
    @pytest.mark.parametrize(
        ("price_change", "volume_change", "expected"),
        [
            ("83%", "400%", D("9.15")),  # 1.83 * 5
            ("25%", "-20%", D("1")),  # 1.25 * 0.8
            ("-12%", "10%", D("0.968")),  # 0.88 * 1.1
            ("50%", "-100%", D("0")),
        ],
    )
    def test_figures(
        self, price_change: str, volume_change: str, expected: Decimal
    ) -> None:
        """(1 + dp)(1 + dq), exactly."""
        assert tc.revenue_multiplier(price_change, volume_change) == expected

    def test_price_change_of_minus_100(self) -> None:
        """A price change of -100% is refused."""
        with pytest.raises(tc.InvalidQuantityError, match=r"above -100%"):
            tc.revenue_multiplier(-1, 0)


class TestDemandShift:
    @pytest.mark.parametrize(
        ("price_change", "volume_change", "e", "along", "multiplier"),
        [
            ("25%", "0%", "-1", D("0.8"), D("1.25")),  # 1.25^-1; 1 / 0.8
            ("100%", "100%", "-1", D("0.5"), D("4")),  # 2^-1; 2 / 0.5
            (
                "83%",
                "400%",
                "-0.5",
                D("0.7392212709545728359249111922"),  # 1.83^-0.5
                D("6.763874629234341448712937409"),  # 5 * sqrt(1.83)
            ),
        ],
    )
    def test_figures(
        self,
        *,
        price_change: str,
        volume_change: str,
        e: str,
        along: Decimal,
        multiplier: Decimal,
    ) -> None:
        """The shift is (1 + dq) / (1 + dp)^e."""
        result = tc.demand_shift(price_change, volume_change, e)
        assert (result.along_curve, result.multiplier) == (along, multiplier)
        assert result.shift == multiplier - 1

    @given(dp=price_changes, e=elasticities)
    def test_no_shift_on_the_curve(self, dp: Decimal, e: Decimal) -> None:
        """A volume the curve predicts needs no shift, within TOLERANCE."""
        predicted = tc.forecast(price_change=dp, elasticity=e)
        assume(predicted.volume_multiplier > 0)
        result = tc.demand_shift(dp, predicted.volume_change, e)
        assert close(result.multiplier, D(1), change_scale(predicted.volume_change))


class TestBreakEven:
    @pytest.mark.parametrize(
        ("price_change", "margin", "volume", "simple", "midpoint", "log"),
        [
            # revenue: -dp / (1 + dp); midpoint and log are -1
            ("25%", None, D("-0.2"), D("-0.8"), D(-1), D(-1)),
            (
                "83%",
                None,
                D("-0.4535519125683060109289617486"),  # -0.83/1.83
                D("-0.5464480874316939890710382514"),  # -1/1.83
                D(-1),
                D(-1),
            ),
            # profit at margin m: -dp / (m + dp)
            (
                "83%",
                "40%",
                D("-0.6747967479674796747967479675"),  # -0.83/1.23
                D("-0.8130081300813008130081300813"),  # -1/1.23
                D("-1.736196319018404907975460123"),  # -2.83/1.63
                D("-1.858803941764975344281495057"),  # ln(0.4/1.23)/ln 1.83
            ),
            (
                "-10%",
                "50%",
                D("0.25"),  # 0.1/0.4
                D("-2.5"),  # -1/0.4
                D("-2.111111111111111111111111111"),  # -1.9/0.9
                D("-2.117904889901081213308696717"),  # ln(0.5/0.4)/ln 0.9
            ),
        ],
    )
    def test_figures(
        self,
        *,
        price_change: str,
        margin: str | None,
        volume: Decimal,
        simple: Decimal,
        midpoint: Decimal,
        log: Decimal,
    ) -> None:
        """Break-even volume change and elasticities, by method (Nagle and Holden)."""
        result = tc.break_even_volume_change(price_change, margin=margin)
        assert result.volume_change == volume
        assert (result.simple, result.midpoint, result.log) == (simple, midpoint, log)
        assert result.target == ("revenue" if margin is None else "profit")

    @pytest.mark.parametrize(
        ("margin", "expected"),
        [("40%", D("-2.5")), ("80%", D("-1.25")), ("100%", D("-1")), (0.25, D("-4"))],
    )
    def test_lerner(self, margin: object, expected: Decimal) -> None:
        """The profit-maximising elasticity is -1/m (Lerner)."""
        result = tc.break_even_volume_change("10%", margin=margin)  # type: ignore[arg-type]
        assert result.optimal_elasticity == expected

    def test_no_lerner_without_margin(self) -> None:
        """Without a margin there is no profit-maximising elasticity."""
        assert tc.break_even_volume_change("10%").optimal_elasticity is None

    def test_zero_price_change(self) -> None:
        """A break-even needs a price change."""
        with pytest.raises(tc.EconomicsError, match=r"'0%' is zero"):
            tc.break_even_volume_change("0%")

    @pytest.mark.parametrize("margin", [0, "0%", "150%", -0.2])
    def test_margin_out_of_range(self, margin: object) -> None:
        """A margin outside (0, 100%] is refused, naming it."""
        with pytest.raises(tc.InvalidQuantityError, match=r"outside \(0, 100%\]"):
            tc.break_even_volume_change("10%", margin=margin)  # type: ignore[arg-type]

    def test_cut_below_cost(self) -> None:
        """A cut deeper than the margin prices below variable cost."""
        with pytest.raises(tc.EconomicsError, match=r"-50%.*40%.*below variable cost"):
            tc.break_even_volume_change("-50%", margin="40%")

    def test_price_change_of_minus_100(self) -> None:
        """A price change of -100% is refused."""
        with pytest.raises(tc.InvalidQuantityError, match=r"above -100%"):
            tc.break_even_volume_change("-100%")

    @given(dp=price_changes)
    def test_revenue_is_flat(self, dp: Decimal) -> None:
        """At the break-even volume change revenue is unchanged, within 1e-26."""
        result = tc.break_even_volume_change(dp)
        assert abs(tc.revenue_multiplier(dp, result.volume_change) - 1) <= D("1e-26")

    @given(
        dp=price_changes, m=st.decimals(min_value=D("0.01"), max_value=D(1), places=2)
    )
    def test_profit_is_flat(self, dp: Decimal, m: Decimal) -> None:
        """(m + dp)(1 + dq) == m at the break-even, within 1e-25."""
        assume(m + dp > 0)
        result = tc.break_even_volume_change(dp, margin=m)
        assert abs((m + dp) * (1 + result.volume_change) - m) <= D("1e-25")


class TestGrowth:
    @pytest.mark.parametrize(
        ("start", "end", "periods", "multiple", "rate"),
        [
            (100, 121, 2, D("1.21"), D("0.1")),
            (1, 8, 3, D("8"), D("1")),
            (
                "28M",
                "1.7B",
                12,
                D("60.71428571428571428571428571"),  # 1700/28
                D("0.4080159488628919877418278776"),  # (1700/28)^(1/12) - 1
            ),
            (50, 25, 1, D("0.5"), D("-0.5")),
            (10, 0, 4, D("0"), D("-1")),
        ],
    )
    def test_figures(
        self, start: object, end: object, periods: int, multiple: Decimal, rate: Decimal
    ) -> None:
        """The multiple is end/start; the rate compounds over the periods."""
        result = tc.growth(start, end, periods)  # type: ignore[arg-type]
        assert (result.multiple, result.rate) == (multiple, rate)
        assert result.change == multiple - 1

    def test_money(self) -> None:
        """Money in one currency keeps its currency."""
        result = tc.growth(tc.Money("28e6", "CNY"), tc.Money("1.7e9", "CNY"), 12)
        assert result.currency == "CNY"
        _, rows = result.table()
        assert ["end", "1,700,000,000 CNY"] in rows

    def test_mixed_currencies(self) -> None:
        """Start and end in two currencies are refused."""
        with pytest.raises(tc.CurrencyMismatchError, match=r"one currency"):
            tc.growth(tc.Money(1, "USD"), tc.Money(2, "CNY"), 1)

    @pytest.mark.parametrize(
        ("start", "end", "periods", "message"),
        [
            (0, 10, 1, r"start must be > 0, got 0"),
            (10, -1, 1, r"end must be >= 0, got -1"),
            (10, 20, 0, r"periods must be > 0, got 0"),
        ],
    )
    def test_bad_figures(
        self, start: object, end: object, periods: object, message: str
    ) -> None:
        """A zero start, negative end or zero periods is refused, naming it."""
        with pytest.raises(tc.InvalidQuantityError, match=message):
            tc.growth(start, end, periods)  # type: ignore[arg-type]

    @given(
        start=volumes,
        rate=st.decimals(min_value=D("-0.9"), max_value=D(2), places=3),
        periods=st.integers(min_value=1, max_value=24),
    )
    def test_compounding_round_trip(
        self, start: Decimal, rate: Decimal, periods: int
    ) -> None:
        """start * (1 + r)^n grows back at r, within TOLERANCE."""
        end = start * (1 + rate) ** periods
        assume(end > 0)
        assert close(tc.growth(start, end, periods).rate, rate)


class TestSurface:
    def test_exported(self) -> None:
        """The economics names are public and __all__ stays sorted."""
        names = {
            "BreakEven",
            "DemandShift",
            "Elasticity",
            "ElasticityFit",
            "Forecast",
            "Growth",
            "Headroom",
            "break_even_volume_change",
            "demand_shift",
            "elasticity",
            "fit_elasticity",
            "forecast",
            "growth",
            "headroom",
            "revenue_multiplier",
        }
        assert names <= set(tc.__all__)
        assert tc.__all__ == sorted(tc.__all__)


class TestText:
    def test_fit_str_and_dict(self) -> None:
        """A fit reads as its elasticity, error and size; to_dict keeps digits."""
        fit = tc.fit_elasticity([1, 2, 4], [8, 4, 2])
        assert str(fit) == "fitted elasticity -1 ± 0 (unit), n=3"
        assert fit.to_dict()["intercept"] == "2.079441541679835928251696364"

    def test_forecast_str(self) -> None:
        """A forecast reads as the volume and revenue change."""
        text = str(tc.forecast(price_change="83%", elasticity=-0.5))
        assert text == (
            "price +83% at elasticity -0.5 (constant): volume -26.08%, revenue +35.28%"
        )

    def test_demand_shift_text(self) -> None:
        """A demand shift reads as the move along the curve and the shift."""
        shift = tc.demand_shift("83%", "400%", -0.5)
        assert str(shift) == (
            "at elasticity -0.5, price +83% alone moves volume -26.08%; "
            "observing +400% means demand grew +576.39%"
        )
        assert ["demand multiplier", "6.7639"] in shift.table()[1]
        assert shift.to_dict()["shift"] == "5.763874629234341448712937409"

    def test_break_even_str(self) -> None:
        """A break-even reads as the floor on volume."""
        text = str(tc.break_even_volume_change("83%", margin="40%"))
        assert text == "price +83% keeps profit flat down to a volume change of -67.48%"

    def test_growth_str_and_dict(self) -> None:
        """Growth reads as the multiple and the rate per period."""
        g = tc.growth("28M", "1.7B", 12)
        assert str(g) == (
            "28,000,000 to 1,700,000,000 in 12 periods: x60.7143, +40.8% per period"
        )
        assert g.to_dict()["rate"] == "0.4080159488628919877418278776"

    def test_midpoint_with_both_volumes_zero(self) -> None:
        """Two zero volumes give 0/0 under the midpoint formula."""
        with pytest.raises(tc.EconomicsError, match=r"both volumes are 0"):
            tc.elasticity(p0=1, p1=2, q0=0, q1=0)
