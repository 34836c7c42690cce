"""
Student's t distribution for whole degrees of freedom, in `Decimal`.

A confidence interval for a fitted slope needs the quantile of Student's t
with n - 2 degrees of freedom. For whole degrees of freedom the distribution
function has a finite closed form (Abramowitz and Stegun, "Handbook of
Mathematical Functions", 26.7.3 and 26.7.4). With θ = atan(t / √ν), the
probability that |T| ≤ t is

- ν = 1: 2θ / π;
- ν odd, ν ≥ 3: (2/π) (θ + sin θ cos θ (1 + 2/3 cos²θ + ... +
  (2·4···(ν-3)) / (1·3···(ν-2)) cos^(ν-3)θ));
- ν even: sin θ (1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + ... +
  (1·3···(ν-3)) / (2·4···(ν-2)) cos^(ν-2)θ).

Every term is positive, so nothing cancels; the sums, the arctangent (by
its series after halving the angle) and π (Machin's formula) are worked at
60 digits, and the quantile is found by safeguarded regula falsi on that
function, then rounded to 28 significant digits. No scipy, no floats.
"""

from __future__ import annotations

import functools
from decimal import Context, Decimal

from tokencost._decimal import finish, work
from tokencost._errors import InvalidInputError

__all__ = ["t_central", "t_quantile"]

_PREC = 60
_ONE = Decimal(1)
_TWO = Decimal(2)


def _ctx() -> Context:
    return work(_PREC)


def _atan_small(x: Decimal, ctx: Context) -> Decimal:
    """atan(x) by its Taylor series, for |x| small (below 0.1)."""
    square = ctx.multiply(x, x)
    term = x
    total = x
    k = 1
    limit = Decimal(10) ** -(_PREC + 2)
    while term.copy_abs() > limit:
        term = ctx.minus(ctx.multiply(term, square))
        total = ctx.add(total, ctx.divide(term, 2 * k + 1))
        k += 1
    return total


def _atan(x: Decimal, ctx: Context) -> Decimal:
    """atan(x): halve the angle until the series converges fast."""
    halvings = 0
    while x.copy_abs() > Decimal("0.1"):
        # atan(x) = 2 atan(x / (1 + √(1 + x²)))
        x = ctx.divide(x, ctx.add(_ONE, ctx.sqrt(ctx.add(_ONE, ctx.multiply(x, x)))))
        halvings += 1
    return ctx.multiply(_atan_small(x, ctx), 2**halvings)


@functools.cache
def _pi() -> Decimal:
    """π by Machin's formula, 16 atan(1/5) - 4 atan(1/239)."""
    ctx = _ctx()
    fifth = _atan_small(ctx.divide(_ONE, 5), ctx)
    other = _atan_small(ctx.divide(_ONE, 239), ctx)
    return ctx.subtract(ctx.multiply(fifth, 16), ctx.multiply(other, 4))


def _central(t: Decimal, df: int) -> Decimal:
    """P(|T| <= t) for t >= 0, at 60 digits."""
    ctx = _ctx()
    nu = Decimal(df)
    radius = ctx.sqrt(ctx.add(nu, ctx.multiply(t, t)))
    sin = ctx.divide(t, radius)
    cos_sq = ctx.divide(nu, ctx.add(nu, ctx.multiply(t, t)))
    if df % 2 == 0:
        coefficient = _ONE
        power = _ONE
        total = _ONE
        for k in range(1, df // 2):
            coefficient = ctx.divide(ctx.multiply(coefficient, 2 * k - 1), 2 * k)
            power = ctx.multiply(power, cos_sq)
            total = ctx.add(total, ctx.multiply(coefficient, power))
        return ctx.multiply(sin, total)
    theta = _atan(ctx.divide(t, ctx.sqrt(nu)), ctx)
    if df > 1:
        cos = ctx.sqrt(cos_sq)
        coefficient = _ONE
        power = _ONE
        total = _ONE
        for k in range(1, (df - 1) // 2):
            coefficient = ctx.divide(ctx.multiply(coefficient, 2 * k), 2 * k + 1)
            power = ctx.multiply(power, cos_sq)
            total = ctx.add(total, ctx.multiply(coefficient, power))
        theta = ctx.add(theta, ctx.multiply(ctx.multiply(sin, cos), total))
    return ctx.divide(ctx.multiply(theta, 2), _pi())


def _check_df(df: object) -> int:
    if type(df) is not int or df < 1:
        raise InvalidInputError(
            f"degrees of freedom {df!r}: expected a whole number of 1 or more"
        )
    return df


def t_central(t: Decimal, df: int) -> Decimal:
    """
    P(-|t| <= T <= |t|) for Student's t with *df* degrees of freedom,
    to 28 significant digits.

    >>> t_central(Decimal(1), 1)
    Decimal('0.5')
    """
    return finish(_central(t.copy_abs(), _check_df(df)))


@functools.cache
def _quantile(probability: Decimal, df: int) -> Decimal:
    ctx = _ctx()
    # The central probability wanted.
    target = ctx.subtract(ctx.multiply(probability, 2), _ONE)
    low, high = Decimal(0), _ONE
    f_low = ctx.minus(target)
    f_high = ctx.subtract(_central(high, df), target)
    while f_high < 0:
        low, f_low = high, f_high
        high = ctx.multiply(high, 2)
        f_high = ctx.subtract(_central(high, df), target)
    # Regula falsi, Illinois variant: halve the weight of an end that stays.
    tolerance = Decimal(10) ** -(_PREC - 12)
    side = 0
    for _ in range(400):
        if ctx.subtract(high, low) <= ctx.multiply(tolerance, high):
            break
        step = ctx.divide(
            ctx.multiply(f_high, ctx.subtract(high, low)), ctx.subtract(f_high, f_low)
        )
        middle = ctx.subtract(high, step)
        if not low < middle < high:
            middle = ctx.divide(ctx.add(low, high), _TWO)
        value = ctx.subtract(_central(middle, df), target)
        if value == 0:
            return middle
        if value < 0:
            low, f_low = middle, value
            if side == -1:
                f_high = ctx.divide(f_high, _TWO)
            side = -1
        else:
            high, f_high = middle, value
            if side == 1:
                f_low = ctx.divide(f_low, _TWO)
            side = 1
    return ctx.divide(ctx.add(low, high), _TWO)


def t_quantile(probability: Decimal, df: int) -> Decimal:
    """
    The *probability* quantile of Student's t with *df* degrees of freedom:
    the t with P(T <= t) = probability, to 28 significant digits.

    >>> t_quantile(Decimal("0.975"), 2)
    Decimal('4.302652729749463852320943893')

    Raises:
        InvalidInputError: for a probability outside (0, 1) or degrees of
            freedom below 1.
    """
    df = _check_df(df)
    if not Decimal(0) < probability < _ONE:
        raise InvalidInputError(
            f"probability {probability}: expected a value between 0 and 1, "
            "such as 0.975"
        )
    half = Decimal("0.5")
    if probability == half:
        return Decimal(0)
    if probability < half:
        return finish(_quantile(_ctx().subtract(_ONE, probability), df)).copy_negate()
    return finish(_quantile(probability, df))
