"""Student's t quantiles and probabilities, without scipy."""

from __future__ import annotations

import math
from decimal import Context, Decimal

import pytest

from tokencost._errors import InvalidInputError
from tokencost.economics.student_t import t_central, t_quantile

# The 0.975 column of the printed table (two-sided 95%), three decimals.
TABLE_975 = [
    (1, "12.706"), (2, "4.303"), (3, "3.182"), (4, "2.776"), (5, "2.571"),
    (6, "2.447"), (7, "2.365"), (8, "2.306"), (9, "2.262"), (10, "2.228"),
    (11, "2.201"), (12, "2.179"), (13, "2.160"), (14, "2.145"), (15, "2.131"),
    (16, "2.120"), (17, "2.110"), (18, "2.101"), (19, "2.093"), (20, "2.086"),
    (21, "2.080"), (22, "2.074"), (23, "2.069"), (24, "2.064"), (25, "2.060"),
    (26, "2.056"), (27, "2.052"), (28, "2.048"), (29, "2.045"), (30, "2.042"),
    (40, "2.021"), (60, "2.000"), (120, "1.980"),
]  # fmt: skip

# Other columns of the same table.
TABLE_OTHER = [
    ("0.95", 1, "6.314"), ("0.95", 2, "2.920"), ("0.95", 10, "1.812"),
    ("0.95", 30, "1.697"), ("0.995", 1, "63.657"), ("0.995", 2, "9.925"),
    ("0.995", 5, "4.032"), ("0.995", 10, "3.169"), ("0.995", 30, "2.750"),
    ("0.9", 1, "3.078"), ("0.9", 10, "1.372"), ("0.99", 20, "2.528"),
]  # fmt: skip

# Quantiles as double-precision statistical software gives them (R qt).
PRECISE = [
    (10, "2.228138851986274"),
    (30, "2.042272456301238"),
    (100, "1.983971518523552"),
    (5, "2.570581835636314"),
]


def _three(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.001"))


class TestQuantile:
    @pytest.mark.parametrize(("df", "expected"), TABLE_975)
    def test_the_975_column(self, df: int, expected: str) -> None:
        """Every entry of the printed 97.5% column, to its three decimals."""
        assert _three(t_quantile(Decimal("0.975"), df)) == Decimal(expected)

    @pytest.mark.parametrize(("p", "df", "expected"), TABLE_OTHER)
    def test_other_columns(self, p: str, df: int, expected: str) -> None:
        """Entries of the 90%, 95%, 99% and 99.5% columns."""
        assert _three(t_quantile(Decimal(p), df)) == Decimal(expected)

    @pytest.mark.parametrize(("df", "expected"), PRECISE)
    def test_sixteen_digits(self, df: int, expected: str) -> None:
        """Agrees with double-precision software to within its rounding."""
        value = t_quantile(Decimal("0.975"), df)
        assert abs(value - Decimal(expected)) < Decimal("5e-15")

    def test_two_degrees_has_a_closed_form(self) -> None:
        """For 2 degrees of freedom t = sqrt(2a^2 / (1 - a^2)), a = 2p - 1."""
        ctx = Context(prec=60)
        a = Decimal("0.95")
        exact = ctx.sqrt(ctx.divide(2 * a * a, 1 - a * a))
        assert t_quantile(Decimal("0.975"), 2) == Context(prec=28).plus(exact)

    def test_one_degree_is_the_cauchy(self) -> None:
        """For 1 degree of freedom t = tan(pi (p - 1/2))."""
        expected = math.tan(math.pi * 0.4)
        value = t_quantile(Decimal("0.9"), 1)
        assert abs(float(value) - expected) < 1e-12
        assert abs(value - Decimal("3.077683537175253")) < Decimal("1e-14")

    def test_symmetric(self) -> None:
        """The lower quantile is minus the upper one; the median is 0."""
        upper = t_quantile(Decimal("0.975"), 7)
        assert t_quantile(Decimal("0.025"), 7) == -upper
        assert t_quantile(Decimal("0.5"), 7) == 0

    def test_inverse_of_the_distribution(self) -> None:
        """The central probability at the 97.5% quantile is 95%."""
        for df in (1, 2, 3, 8, 25):
            t = t_quantile(Decimal("0.975"), df)
            assert abs(t_central(t, df) - Decimal("0.95")) < Decimal("1e-25")

    @pytest.mark.parametrize("p", ["0", "1", "1.5", "-0.1"])
    def test_probability_outside_zero_one(self, p: str) -> None:
        """A probability outside (0, 1) is refused, naming it."""
        with pytest.raises(InvalidInputError, match=p):
            t_quantile(Decimal(p), 3)

    @pytest.mark.parametrize("df", [0, -1, 2.5, True])
    def test_degrees_of_freedom(self, df: object) -> None:
        """Degrees of freedom must be a whole number of 1 or more."""
        with pytest.raises(InvalidInputError, match="degrees of freedom"):
            t_quantile(Decimal("0.975"), df)  # type: ignore[arg-type]


class TestCentral:
    def test_closed_forms(self) -> None:
        """P(|T| <= t) at points with known closed forms."""
        ctx = Context(prec=60)
        pi = Decimal("3.14159265358979323846264338327950288419716939937510582")
        # 1 degree: P(|T| <= 1) = 1/2.
        assert t_central(Decimal(1), 1) == Decimal("0.5")
        # 3 degrees: at t = sqrt(3), theta = pi/4, so 1/2 + 1/pi.
        expected = Context(prec=28).plus(ctx.add(Decimal("0.5"), ctx.divide(1, pi)))
        assert t_central(ctx.sqrt(Decimal(3)), 3) == expected
        # 4 degrees: at t = 2, sin = 1/sqrt(2), cos^2 = 1/2: (1 + 1/4)/sqrt(2).
        four = ctx.divide(Decimal("1.25"), ctx.sqrt(Decimal(2)))
        assert t_central(Decimal(2), 4) == Context(prec=28).plus(four)

    def test_the_callers_context_changes_nothing(self) -> None:
        """A caller's 5-digit, round-down context leaves the figures alone."""
        from decimal import ROUND_DOWN, localcontext

        expected = t_quantile(Decimal("0.975"), 9), t_central(Decimal(3), 3)
        with localcontext(Context(prec=5, rounding=ROUND_DOWN)):
            from tokencost.economics import student_t

            student_t._quantile.cache_clear()
            assert (t_quantile(Decimal("0.975"), 9), t_central(Decimal(3), 3)) == (
                expected
            )
