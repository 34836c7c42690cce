"""
Amounts of money: a `Decimal` and the ISO 4217 code of its currency.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import attrs

from tokencost._decimal import EXACT
from tokencost._errors import (
    CurrencyMismatchError,
    InvalidQuantityError,
    WrongTypeError,
)
from tokencost._frozen import MoneySlots, builder
from tokencost._parsing import to_decimal
from tokencost._render import exact_cells, plain

__all__ = [
    "Money",
    "check_currency",
    "format_amount",
    "format_rate",
]

_CODE = re.compile(r"^[A-Z]{3}$")
# Codes already checked, returned as they are: every Money the engine builds
# passes its currency through here, and the regular expression is the slow
# part. At most 26**3 codes can ever get in.
_CHECKED: set[str] = set()
# Symbols only where they name one currency: "¥" alone is both yuan and yen.
_SYMBOLS = {"USD": "$", "CNY": "CN¥", "EUR": "€", "GBP": "£", "JPY": "JP¥"}


def check_currency(code: object) -> str:
    """
    Return *code* as an upper-case ISO 4217 code, or raise.

    >>> check_currency("usd")
    'USD'
    """
    if type(code) is str and code in _CHECKED:
        return code
    if not isinstance(code, str):
        raise WrongTypeError(f"currency must be a str such as 'USD', not {code!r}")
    upper = code.strip().upper()
    if not _CODE.match(upper):
        raise InvalidQuantityError(
            f"invalid currency {code!r}: expected a three-letter ISO 4217 code "
            "such as 'USD' or 'CNY'"
        )
    _CHECKED.add(upper)
    return upper


def format_rate(rate: Decimal) -> str:
    """
    A unit price for people: as the sheet gives it, or rounded half-even to
    10 significant digits when a conversion made it longer. An exact CSV
    (see `tokencost._render.exact_cells`) and JSON keep every digit.

    >>> format_rate(Decimal("1.40")), format_rate(Decimal("6.65288220551378446115"))
    ('1.40', '6.652882206')
    """
    digits = len(rate.as_tuple().digits)
    if exact_cells() or digits <= 10:
        return f"{rate:f}"
    quantum = Decimal(1).scaleb(rate.adjusted() - 9, EXACT)
    return f"{rate.quantize(quantum, rounding=ROUND_HALF_EVEN, context=EXACT):f}"


def format_amount(amount: Decimal, places: int | None = None) -> str:
    """
    Show *amount* with thousands separators, rounded half-up to *places*.

    Without *places*, an amount keeps its exact decimals, at least 2 and at
    most 6 (so a fraction of a cent stays visible); 1,000 or more gets 2.

    >>> format_amount(Decimal("1234.5"))
    '1,234.50'
    >>> format_amount(Decimal("0.18452")), format_amount(Decimal("3.0450"))
    ('0.18452', '3.045')
    >>> format_amount(Decimal("0.0000004")), format_amount(Decimal("-0.001"), 2)
    ('0.000000', '0.00')

    In an exact CSV (see `tokencost._render.exact_cells`) the amount is
    written in full, without separators: ``1234.5``.
    """
    if exact_cells():
        return plain(amount)
    # In the exact context: the caller's precision never cuts what is shown.
    if places is None:
        exponent = amount.normalize(EXACT).as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) else 0
        places = 2 if amount.copy_abs() >= 1000 else min(max(decimals, 2), 6)
    quantum = Decimal(1).scaleb(-places, EXACT)
    rounded = amount.quantize(quantum, rounding=ROUND_HALF_UP, context=EXACT)
    if not rounded:
        rounded = rounded.copy_abs()  # a zero shown has no sign: not "-0.00"
    return f"{rounded:,.{places}f}"


def _to_amount(value: object) -> Decimal:
    """*value* as an exact amount; a negative zero (``-0``, which ``0 * -1``
    gives) is zero, so no amount shows as ``-0.00``."""
    if type(value) is Decimal and value.is_finite():
        number = value
    else:
        number = to_decimal(value, what="amount")
    if not number and number.is_signed():
        return number.copy_abs()
    return number


@attrs.frozen(order=False, weakref_slot=False)
class Money(MoneySlots):
    """
    An exact amount in one currency.

    Adding or comparing amounts in two currencies raises
    `CurrencyMismatchError`; converting needs an explicit rate.

    >>> Money("4.13", "USD") * 3
    Money(amount=Decimal('12.39'), currency='USD')
    >>> str(Money("0.5", "cny"))
    '0.50 CNY'
    """

    amount: Decimal = attrs.field(converter=_to_amount)
    """The exact amount; never rounded."""
    currency: str = attrs.field(default="USD", converter=check_currency)
    """The ISO 4217 code, upper case."""

    def _same(self, other: Money, op: str) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatchError(
                f"cannot {op} {self.currency} and {other.currency} amounts "
                f"({self} and {other}) without an exchange rate"
            )

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "add")
        return Money(EXACT.add(self.amount, other.amount), self.currency)

    def __radd__(self, other: object) -> Money:
        # sum() starts from the int 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        return Money(EXACT.subtract(self.amount, other.amount), self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, Money):
            return NotImplemented
        product = EXACT.multiply(self.amount, to_decimal(factor, what="factor"))
        return Money(product, self.currency)

    __rmul__ = __mul__

    def __truediv__(self, divisor: object) -> Money:
        if isinstance(divisor, Money):
            return NotImplemented
        number = to_decimal(divisor, what="divisor")
        if not number:
            raise InvalidQuantityError(f"cannot divide {self} by zero")
        return Money(EXACT.divide(self.amount, number), self.currency)

    def ratio(self, other: Money) -> Decimal:
        """``self / other`` as a plain number; both must share a currency."""
        self._same(other, "divide")
        if not other.amount:
            raise InvalidQuantityError(f"cannot divide {self} by zero ({other})")
        return EXACT.divide(self.amount, other.amount)

    def __neg__(self) -> Money:
        return Money(EXACT.minus(self.amount), self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount >= other.amount

    def __str__(self) -> str:
        return f"{format_amount(self.amount)} {self.currency}"

    def display(self, places: int | None = None) -> str:
        """The amount for people: ``$1,234.50`` or ``CN¥0.50`` (never a bare
        ``¥``, which is both yuan and yen)."""
        symbol = _SYMBOLS.get(self.currency)
        text = format_amount(self.amount, places)
        if symbol is None:
            return f"{text} {self.currency}"
        if text.startswith("-"):
            return f"-{symbol}{text[1:]}"
        return f"{symbol}{text}"

    @classmethod
    def _checked(cls, amount: Decimal, currency: str) -> Money:
        """An amount the engine computed, in a code already checked: built
        without the converters, which a hot loop would pay for every call."""
        if cls is not Money:
            return cls(amount, currency)
        if not amount and amount.is_signed():
            amount = amount.copy_abs()
        money = _MoneyBuilder()
        money.amount = amount
        money.currency = currency
        money.__class__ = Money
        return money  # type: ignore[no-any-return]

    @classmethod
    def zero(cls, currency: str = "USD") -> Money:
        """Nothing, in *currency*."""
        return cls(Decimal(0), currency)


_MoneyBuilder = builder(Money)
