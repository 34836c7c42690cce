"""
A revenue change split into its price and volume parts, from two figures.

Revenue is price x volume. With the price multiplied by P = 1 + dp and the
volume by Q = 1 + dq, revenue is multiplied by PQ and changes by PQ - 1
times its starting value. How much of that change is the price's and how
much the volume's depends on the order the two are moved in:

========================  ======================  ======================
method                    price effect            volume effect
========================  ======================  ======================
``"price-first"``         dp                      dq P
``"volume-first"``        dp Q                    dq
``"shapley"`` (default)   dp (1 + Q) / 2          dq (1 + P) / 2
========================  ======================  ======================

The log shares, ln P / ln PQ and ln Q / ln PQ, split the *growth rate*
instead of the change: they do not depend on an order, and multiplied by
the change they give the log-mean Divisia (LMDI) split of B. W. Ang,
"Decomposition analysis for policymaking in energy", Energy Policy 32, 2004.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

import attrs

from tokencost._decimal import EXACT, exact_arithmetic, finish, work
from tokencost._errors import InvalidQuantityError
from tokencost._money import Money, format_amount
from tokencost._parsing import Number, parse_amount, parse_change
from tokencost._render import exact_cells, fmt_change, fmt_ratio, plain
from tokencost._results import result
from tokencost.economics.decomposition import (
    BridgeMethod,
    apportion,
    check_method,
    quantum_exponent,
    split_product,
    to_decimal_at,
)

__all__ = ["FigureBridge", "bridge_figures"]

_EFFECTS = ("price", "volume")


@result
@attrs.frozen
class FigureBridge:
    """
    A revenue change split into a price effect and a volume effect.

    Amounts are in units of the starting revenue unless a revenue was given.

    >>> b = bridge_figures(price_change="83%", volume_change="400%")
    >>> b.multiple, b.change, b.price, b.volume
    (Decimal('9.15'), Decimal('8.15'), Decimal('2.49'), Decimal('5.66'))
    """

    price_change: Decimal
    """The price change, as a fraction (``0.83`` is +83%)."""
    volume_change: Decimal
    """The volume change, as a fraction."""
    method: BridgeMethod
    """``"shapley"``, ``"price-first"`` or ``"volume-first"``."""
    before: Decimal
    """Revenue before: the revenue given, or 1."""
    after: Decimal
    """Revenue after: before x (1 + dp)(1 + dq), exact."""
    price: Decimal
    """The price effect; with `volume`, adds up exactly to `change`."""
    volume: Decimal
    """The volume effect."""
    log_price_share: Decimal | None
    """ln(1 + dp) / ln((1 + dp)(1 + dq)): the share of the growth rate that
    is the price's; None when revenue did not change or fell to zero."""
    log_volume_share: Decimal | None
    """The volume's share of the growth rate, 1 - `log_price_share`."""
    currency: str | None = None
    """The currency of the revenue, when it was given as `Money`."""

    @property
    @exact_arithmetic
    def change(self) -> Decimal:
        """after - before, exact."""
        return self.after - self.before

    @property
    @exact_arithmetic
    def multiple(self) -> Decimal:
        """after / before: (1 + dp)(1 + dq)."""
        return finish((1 + self.price_change) * (1 + self.volume_change))

    def steps(self) -> list[tuple[str, Decimal]]:
        """Start, each effect, end: the bars of a waterfall chart."""
        return [
            ("revenue before", self.before),
            ("price", self.price),
            ("volume", self.volume),
            ("revenue after", self.after),
        ]

    def amount_text(self, value: Decimal) -> str:
        """An amount as the table shows it (2 to 6 decimals), and the currency."""
        if self.currency is None:
            return format_amount(value)
        return f"{format_amount(value)} {self.currency}"

    def __str__(self) -> str:
        return (
            f"revenue x{fmt_ratio(self.multiple)} ({self.method}): price "
            f"{self.amount_text(self.price)}, volume {self.amount_text(self.volume)}"
        )

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The bridge, start to end, then the log shares."""

        def share(value: Decimal | None) -> str:
            return "n/a" if value is None else percent(value)

        rows = [
            ["revenue before", self.amount_text(self.before)],
            [
                f"price effect ({fmt_change(self.price_change)})",
                self.amount_text(self.price),
            ],
            [
                f"volume effect ({fmt_change(self.volume_change)})",
                self.amount_text(self.volume),
            ],
            ["revenue after", self.amount_text(self.after)],
            ["change", self.amount_text(self.change)],
            ["multiple", f"x{fmt_ratio(self.multiple)}"],
            ["log share: price", share(self.log_price_share)],
            ["log share: volume", share(self.log_volume_share)],
        ]
        return [f"bridge ({self.method})", "value"], rows

    def to_dict(self) -> dict[str, Any]:
        """The exact figures, Decimals as strings."""

        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "method": self.method,
            "currency": self.currency,
            "price_change": str(self.price_change),
            "volume_change": str(self.volume_change),
            "before": str(self.before),
            "after": str(self.after),
            "change": str(self.change),
            "multiple": str(self.multiple),
            "effects": {"price": str(self.price), "volume": str(self.volume)},
            "log_shares": {
                "price": text(self.log_price_share),
                "volume": text(self.log_volume_share),
            },
        }


def percent(share: Decimal) -> str:
    """
    A share as a percentage with 2 decimals, half to even.

    >>> percent(Decimal("0.2729824541506161895520227736"))
    '27.30%'

    In an exact CSV the fraction itself is written.
    """
    if exact_cells():
        return plain(share)
    hundredths = EXACT.multiply(share, 100).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_EVEN, context=EXACT
    )
    return f"{hundredths}%"


def _log_shares(growth_p: Decimal, growth_q: Decimal) -> tuple[Decimal, Decimal] | None:
    if growth_p == 0 or growth_q == 0 or growth_p * growth_q == 1:
        return None
    ctx = work()
    price = ctx.ln(growth_p)
    volume = ctx.ln(growth_q)
    total = ctx.add(price, volume)
    return finish(ctx.divide(price, total)), finish(ctx.divide(volume, total))


@exact_arithmetic
def bridge_figures(
    *,
    price_change: Number,
    volume_change: Number,
    method: BridgeMethod = "shapley",
    revenue: Number | Money | None = None,
) -> FigureBridge:
    """
    Split a revenue change into its price and volume effects.

    Args:
        price_change: The price change, as a fraction (0.83) or a percentage
            ("83%"), above -100%.
        volume_change: The volume change, -100% or above.
        method: ``"shapley"`` (the default: the average of both orders),
            ``"price-first"`` (the price moves first, at the old volume) or
            ``"volume-first"``.
        revenue: The revenue before, a number or `Money`; without it every
            amount is in units of the revenue before.

    Returns:
        A frozen `FigureBridge`. Shapley effects can have no finite decimal
        form; they are rounded to 28 significant digits of the largest
        figure, and the larger effect absorbs the last digit, so price +
        volume is exactly the change.

    Raises:
        InvalidQuantityError: for a price change of -100% or below, a volume
            change below -100%, or a negative revenue.
        InvalidInputError: for an unknown method.
    """
    method = check_method(method)
    dp = parse_change(price_change, what="price change")
    if dp <= -1:
        raise InvalidQuantityError(
            f"price change {price_change!r} would take the price to zero or below: "
            "expected a change above -100%, such as '-12%' or '83%'"
        )
    dq = parse_change(volume_change, what="volume change")
    if dq < -1:
        raise InvalidQuantityError(
            f"volume change {volume_change!r} would make volume negative: "
            "expected a change of -100% or above, such as '-30%' or '400%'"
        )
    currency = None
    if isinstance(revenue, Money):
        currency = revenue.currency
        base = parse_amount(revenue.amount, what="revenue")
    elif revenue is not None:
        base = parse_amount(revenue, what="revenue")
    else:
        base = Decimal(1)
    growth_p = EXACT.add(1, dp)
    growth_q = EXACT.add(1, dq)
    after = EXACT.multiply(base, EXACT.multiply(growth_p, growth_q))
    start = Fraction(base)
    effects = split_product(
        {"price": start, "volume": Fraction(1)},
        {"price": start * Fraction(growth_p), "volume": Fraction(growth_q)},
        method,
    )
    exact = [effects[name] for name in _EFFECTS]
    change = EXACT.subtract(after, base)
    exponent = quantum_exponent(exact, [base, after, change])
    price, volume = (
        to_decimal_at(u, exponent) for u in apportion(exact, change, exponent)
    )
    shares = _log_shares(growth_p, growth_q)
    return FigureBridge(
        price_change=finish(dp),
        volume_change=finish(dq),
        method=method,
        before=to_decimal_at(
            round(Fraction(base) / Fraction(10) ** exponent), exponent
        ),
        after=to_decimal_at(
            round(Fraction(after) / Fraction(10) ** exponent), exponent
        ),
        price=price,
        volume=volume,
        log_price_share=None if shares is None else shares[0],
        log_volume_share=None if shares is None else shares[1],
        currency=currency,
    )
