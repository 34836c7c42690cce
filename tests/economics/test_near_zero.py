"""Changes near zero keep 28 significant digits of their own.

A change is a multiplier less one. Taken from a multiplier already rounded
to 28 digits, a change of 1e-29 comes out as 0 and one of 0.35 loses its
last digit; each change here is worked on its own. Expected figures were
worked by hand from the series (1 + x)^e = 1 + e x + e(e - 1) x^2 / 2 + ...
and checked at 300 digits, then rounded to 28 significant digits.
"""

from __future__ import annotations

from decimal import Context, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc

D = Decimal
_REFERENCE = Context(prec=300)
_RESULT = Context(prec=28)


def rounded(value: Decimal) -> Decimal:
    """A 300-digit figure rounded to 28 digits, as the library gives it."""
    return _RESULT.plus(value)


def within_one_unit(got: Decimal, expected: Decimal) -> bool:
    """*got* is *expected* to within one unit in its 28th digit."""
    if expected == 0:
        return got == 0
    unit = D(1).scaleb(expected.adjusted() - 27)
    return abs(_REFERENCE.subtract(got, expected)) <= unit


class TestForecastChanges:
    @pytest.mark.parametrize(
        ("price_change", "elasticity", "volume_change", "revenue_change"),
        [
            # (1 + 1e-29)^2 - 1 = 2e-29 + 1e-58; ^3: 3e-29 + 3e-58 + 1e-87.
            ("1e-29", "2", D("2E-29"), D("3E-29")),
            # 1/(1 + 1e-29) - 1 = -1e-29 + 1e-58 - ...; revenue flat at -1.
            ("1e-29", "-1", D("-1E-29"), D(0)),
            # (1 + 1e-20)^-0.5 - 1 = -5e-21 + 3.75e-41 - ...
            (
                "1e-20",
                "-0.5",
                D("-4.9999999999999999999625E-21"),
                D("4.9999999999999999999875E-21"),
            ),
            # The case of the docs: 1.83^-0.5 - 1 and 1.83^0.5 - 1.
            (
                "83%",
                "-0.5",
                D("-0.2607787290454271640750888078"),
                D("0.3527749258468682897425874817"),
            ),
        ],
    )
    def test_constant(
        self,
        price_change: str,
        elasticity: str,
        volume_change: Decimal,
        revenue_change: Decimal,
    ) -> None:
        """Each change keeps 28 digits of its own, however close to zero."""
        found = tc.forecast(price_change=price_change, elasticity=elasticity)
        assert found.volume_change == volume_change
        assert found.revenue_change == revenue_change
        assert found.to_dict()["volume_change"] == str(volume_change)

    @pytest.mark.parametrize(
        ("price_change", "elasticity", "volume_change", "revenue_change"),
        [
            # e dp; (1 + dp)(1 + e dp) - 1 = 5e-30 - 5e-59, rounded up.
            ("1e-29", "-0.5", D("-5E-30"), D("5E-30")),
            # -4.5e-29; 3e-29 - 4.5e-29 - 1.35e-57.
            ("3e-29", "-1.5", D("-4.5E-29"), D("-1.5E-29")),
            # The line meets the axis: volume gone, revenue gone.
            ("50%", "-3", D(-1), D(-1)),
        ],
    )
    def test_linear(
        self,
        price_change: str,
        elasticity: str,
        volume_change: Decimal,
        revenue_change: Decimal,
    ) -> None:
        """On a straight demand line the changes are exact fractions."""
        found = tc.forecast(
            price_change=price_change, elasticity=elasticity, model="linear"
        )
        assert found.volume_change == volume_change
        assert found.revenue_change == revenue_change

    @given(
        dp=st.decimals("-0.99", "100", places=30, allow_nan=False),
        e=st.decimals("-5", "5", places=30, allow_nan=False),
    )
    def test_constant_against_300_digits(self, dp: Decimal, e: Decimal) -> None:
        """(1 + dp)^e - 1 and (1 + dp)^(e + 1) - 1 to one unit in the 28th
        digit of the change itself."""
        found = tc.forecast(price_change=dp, elasticity=e)
        growth = _REFERENCE.add(1, found.price_change)
        e = found.elasticity
        volume = _REFERENCE.subtract(_REFERENCE.power(growth, e), 1)
        revenue = _REFERENCE.subtract(_REFERENCE.power(growth, _REFERENCE.add(e, 1)), 1)
        assert within_one_unit(found.volume_change, rounded(volume))
        assert within_one_unit(found.revenue_change, rounded(revenue))


class TestDemandShift:
    @pytest.mark.parametrize(
        ("price_change", "volume_change", "elasticity", "shift"),
        [
            # (1 + 1e-29)(1 + 1e-29) - 1 = 2e-29 + 1e-58.
            ("1e-29", "1e-29", "-1", D("2E-29")),
            # (1 - 3e-28) 1.09^4e-27 - 1 = -3e-28 + 4e-27 ln 1.09 + ...
            ("0.09", "-3e-28", "-4e-27", D("4.471078496420932936533417132E-29")),
            # On the curve: no shift at all.
            ("1e-29", "1e-29", "1", D(0)),
        ],
    )
    def test_figures(
        self, price_change: str, volume_change: str, elasticity: str, shift: Decimal
    ) -> None:
        """The shift keeps 28 digits of its own."""
        found = tc.demand_shift(price_change, volume_change, elasticity)
        assert found.shift == shift


class TestGrowth:
    @pytest.mark.parametrize(
        ("start", "end", "periods", "change", "rate"),
        [
            # sqrt(1 + 2e-27) - 1 = 1e-27 - 5e-55.
            (
                1,
                "1.000000000000000000000000002",
                2,
                D("2E-27"),
                D("9.999999999999999999999999995E-28"),
            ),
            # 1e-27 / 3: the multiple 1.000...0333 has more than 28 digits.
            (
                3,
                "3.000000000000000000000000001",
                1,
                D("3.333333333333333333333333333E-28"),
                D("3.333333333333333333333333333E-28"),
            ),
            # (1 + 1e-27)^(1/7) - 1 = 1e-27 / 7 - 3e-54 / 49 - ...
            (
                3,
                "3.000000000000000000000000003",
                7,
                D("1E-27"),
                D("1.428571428571428571428571428E-28"),
            ),
            # 1e30 - 1, rounded; 1e30^(1e-30) - 1 = 30 ln 10 / 1e30 + ...
            (1, "1e30", "1e30", D("1E+30"), D("6.907755278982137052053974364E-29")),
            (100, 121, 2, D("0.21"), D("0.1")),
        ],
    )
    def test_figures(
        self,
        start: object,
        end: object,
        periods: object,
        change: Decimal,
        rate: Decimal,
    ) -> None:
        """The total change and the rate keep 28 digits of their own."""
        found = tc.growth(start, end, periods)  # type: ignore[arg-type]
        assert (found.change, found.rate) == (change, rate)

    @given(
        start=st.decimals("0.001", "1e6", places=6, allow_nan=False),
        ratio=st.decimals("0.5", "2", places=30, allow_nan=False),
        periods=st.decimals("0.5", "1000", places=3, allow_nan=False),
    )
    def test_rate_against_300_digits(
        self, start: Decimal, ratio: Decimal, periods: Decimal
    ) -> None:
        """(end / start)^(1 / periods) - 1 to one unit in its 28th digit, of
        the figures as read (to 28 digits)."""
        found = tc.growth(start, _REFERENCE.multiply(start, ratio), periods)
        multiple = _REFERENCE.divide(found.end, found.start)
        assert found.change == rounded(_REFERENCE.subtract(multiple, 1))
        rate = _REFERENCE.exp(_REFERENCE.divide(_REFERENCE.ln(multiple), periods))
        assert within_one_unit(found.rate, rounded(_REFERENCE.subtract(rate, 1)))


class TestBreakEven:
    @pytest.mark.parametrize(
        ("price_change", "margin", "log"),
        [
            # ln(m / (m + dp)) / ln(1 + dp) = -(1/m)(1 - dp/2m + dp/2 + ...)
            ("-1e-29", "0.12", D("-8.333333333333333333333333334")),
            ("1e-25", "0.3", D("-3.333333333333333333333332944")),
        ],
    )
    def test_log(self, price_change: str, margin: str, log: Decimal) -> None:
        """The log elasticity at break-even keeps 28 digits for tiny changes."""
        found = tc.break_even_volume_change(price_change, margin=margin)
        assert found.log == log
