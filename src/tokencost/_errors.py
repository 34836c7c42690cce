"""
The errors tokencost raises for anything a caller can get wrong.

Every error derives from `TokencostError` and from the built-in exception a
caller would naturally catch, so ``except LookupError`` keeps working::

    TokencostError
    ├── InvalidInputError (ValueError)       a value is out of range or malformed
    │   ├── InvalidQuantityError             "12q" tokens, -5 tokens, "83 pc"
    │   ├── InvalidUsageError                cache tokens above input tokens, ...
    │   │   └── InvalidReplyError            a provider reply's usage is unreadable
    │   ├── InvalidPriceSheetError           a price file fails validation
    │   ├── CurrencyMismatchError            two currencies in one sum
    │   └── EconomicsError                   a formula undefined at that point
    ├── WrongTypeError (TypeError)           a bool or None where a number goes
    └── DataLookupError (LookupError)        the data cannot answer
        ├── UnknownModelError                no model by that name
        ├── AmbiguousModelError              a bare name matches several models
        ├── NoPriceError                     no period in force, or no such rate
        ├── MissingRateError                 no exchange rate for a conversion
        ├── NoUsageError                     a bill or period with no usage
        └── UnknownProfileError              no usage profile by that name

The CLI maps `DataLookupError` to exit status 1 and every other
`TokencostError` to exit status 2.
"""

from __future__ import annotations

__all__ = [
    "AmbiguousModelError",
    "CurrencyMismatchError",
    "DataLookupError",
    "EconomicsError",
    "InvalidInputError",
    "InvalidPriceSheetError",
    "InvalidQuantityError",
    "InvalidReplyError",
    "InvalidUsageError",
    "MissingRateError",
    "NoPriceError",
    "NoUsageError",
    "TokencostError",
    "UnknownModelError",
    "UnknownProfileError",
    "WrongTypeError",
]


class TokencostError(Exception):
    """The root of every error a caller of tokencost can cause."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # Tracebacks say tokencost.UnknownModelError, the name users catch.
        if cls.__module__ == __name__:
            cls.__module__ = "tokencost"


TokencostError.__module__ = "tokencost"


class InvalidInputError(TokencostError, ValueError):
    """A value handed in is malformed or out of range."""


class InvalidQuantityError(InvalidInputError):
    """A token count, amount or percentage could not be read."""


class InvalidUsageError(InvalidInputError):
    """A usage is inconsistent, e.g. more cached tokens than input tokens."""


class InvalidReplyError(InvalidUsageError):
    """A provider's reply has no usage block of a known format, or its token
    counts are missing, of the wrong type, negative or inconsistent."""


class InvalidPriceSheetError(InvalidInputError):
    """A price sheet (bundled or user-supplied) fails validation."""


class CurrencyMismatchError(InvalidInputError):
    """Two amounts in different currencies were combined without a rate."""


class EconomicsError(InvalidInputError):
    """An economic formula is undefined for the figures given."""


class WrongTypeError(TokencostError, TypeError):
    """A value of the wrong type, such as a bool for a token count."""


class DataLookupError(TokencostError, LookupError):
    """The data cannot answer: no such model, period, rate or profile."""


class UnknownModelError(DataLookupError):
    """No model matches the name."""


class AmbiguousModelError(DataLookupError):
    """A bare model name matches more than one model; a prefix is needed."""


class NoPriceError(DataLookupError):
    """No price is known for that model, date or component."""


class MissingRateError(DataLookupError):
    """A conversion needs an exchange rate that is not available."""


class NoUsageError(DataLookupError):
    """A bill, or a period of one, has no usage to compare or fit."""


class UnknownProfileError(DataLookupError):
    """No usage profile has that name."""
