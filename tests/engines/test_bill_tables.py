"""`Bill.to_arrow()`, `to_pandas()` and `to_polars()`: every total exact,
converted bills included, whose amounts are products of 28 significant
digits."""

from __future__ import annotations

from decimal import Context, Decimal
from typing import Any

import pytest

import tokencost as tc
from tests.engines.conftest import need

# The ECB's reference rates of 2026-07-01 and 02: 1 EUR = 1.1383 and
# 1.1399 USD. Each line of a bill is converted on its own, its USD amount
# divided by the rate to 28 significant digits, and the lines are added.
SIGNIFICANT = Context(prec=28)


def _eur(rate: str, *lines: str) -> Decimal:
    return sum(
        (SIGNIFICANT.divide(Decimal(line), Decimal(rate)) for line in lines),
        Decimal(0),
    )


def _record(model: str, day: str, **tokens: int) -> dict[str, Any]:
    return {"model": model, "timestamp": f"{day}T10:00:00Z", **tokens}


# gpt-4.1: 2 USD per million input tokens, 8 per million output tokens.
SMALL = _record("gpt-4.1", "2026-07-01", input_tokens=10, output_tokens=5)
# gpt-4.1-nano: 0.10 USD per million input tokens.
TINY = _record("gpt-4.1-nano", "2026-07-01", input_tokens=1)
HUGE = _record("gpt-4.1", "2026-07-02", input_tokens=10**15)

SMALL_EUR = _eur("1.1383", "0.00002", "0.00004")  # input, output
TINY_EUR = _eur("1.1383", "0.0000001")
HUGE_EUR = _eur("1.1399", "2000000000")


class TestToArrow:
    def test_a_bill_in_its_own_currency(self) -> None:
        """Unconverted totals keep the type they always had."""
        pa = need("pyarrow")
        table = tc.bill([SMALL, TINY]).to_arrow()
        assert table.schema.field("total").type == pa.decimal128(38, 20)
        assert table["total"].to_pylist() == [Decimal("0.00006"), Decimal("1E-7")]

    def test_converted_at_the_ecb_rates(self) -> None:
        """A bill converted at the bundled ECB rates has 32 decimals: the
        scale grows to hold them, every digit kept."""
        pa = need("pyarrow")
        bill = tc.bill([SMALL], by="day", currency="EUR")
        assert bill.groups[0].total.amount == SMALL_EUR
        assert bill.total().amount == Decimal("0.00005271018185012738293947114117")
        table = bill.to_arrow()
        assert table.schema.field("total").type == pa.decimal128(38, 32)
        assert table["total"].to_pylist() == [SMALL_EUR]

    def test_the_longest_amount_sets_the_scale(self) -> None:
        """Two groups: the scale is the one the tinier needs (35)."""
        pa = need("pyarrow")
        bill = tc.bill([SMALL, TINY], by="model,day", currency="EUR")
        table = bill.to_arrow()
        assert table.schema.field("total").type == pa.decimal128(38, 35)
        assert table["total"].to_pylist() == [SMALL_EUR, TINY_EUR]

    def test_past_38_digits(self) -> None:
        """Ten digits before the point and 35 after: decimal256, exact."""
        pa = need("pyarrow")
        bill = tc.bill([SMALL, TINY, HUGE], by="model,day", currency="EUR")
        table = bill.to_arrow()
        assert table.schema.field("total").type == pa.decimal256(76, 35)
        assert table["total"].to_pylist() == [SMALL_EUR, HUGE_EUR, TINY_EUR]
        assert table["total"][1].as_py() == Decimal("1754539871.918589349942977454")

    def test_an_empty_bill(self) -> None:
        """No groups: no rows, and the type of a bill in its own currency."""
        pa = need("pyarrow")
        table = tc.bill([]).to_arrow()
        assert table.num_rows == 0
        assert table.schema.field("total").type == pa.decimal128(38, 20)


class TestToPandasAndPolars:
    def test_pandas_holds_every_digit(self) -> None:
        """Past 38 digits too, as `Decimal` objects."""
        need("pandas")
        bill = tc.bill([SMALL, TINY, HUGE], by="model,day", currency="EUR")
        assert bill.to_pandas()["total"].tolist() == [SMALL_EUR, HUGE_EUR, TINY_EUR]

    def test_polars_within_38_digits(self) -> None:
        """A Polars Decimal of the scale `to_arrow` chose, every digit kept."""
        pl = need("polars")
        frame = tc.bill([SMALL, TINY], by="model,day", currency="EUR").to_polars()
        assert frame.schema["total"] == pl.Decimal(38, 35)
        assert frame["total"].to_list() == [SMALL_EUR, TINY_EUR]

    def test_polars_past_38_digits(self) -> None:
        """Polars' widest decimal has 38 digits: refused, naming what holds
        the totals, never rounded."""
        need("polars")
        need("pyarrow")
        bill = tc.bill([SMALL, TINY, HUGE], by="model,day", currency="EUR")
        with pytest.raises(
            tc.InvalidInputError,
            match=r"^the totals need 45 digits \(35 decimals\) to be exact, more "
            r"than a Polars Decimal holds \(38\): use to_pandas\(\) or "
            r"to_arrow\(\), which hold them exactly$",
        ):
            bill.to_polars()
