"""Elasticities read from bills: own-price fits with intervals, cross-price."""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, Context, Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tokencost._errors import (
    CurrencyMismatchError,
    EconomicsError,
    InvalidInputError,
    NoUsageError,
)
from tokencost.economics.cross import cross_elasticity
from tokencost.economics.estimates import estimate_demand

SHEET = Path(__file__).parent.parent / "fixtures" / "bridge" / "shop.toml"
K = 1000


@pytest.fixture(scope="module")
def shop() -> tc.Catalog:
    """shop:cheap doubles its prices on 2026-11-01; the others never change."""
    return tc.load_catalog(SHEET, bundled=False)


def record(model: str, day: str, i: int, o: int) -> dict[str, Any]:
    return {"model": model, "timestamp": day, "input_tokens": i, "output_tokens": o}


DAYS = ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"]


def _float_fit(prices: list[float], volumes: list[float]) -> tuple[float, float]:
    """Slope and its standard error, in floats, as a textbook computes them."""
    xs = [math.log(p) for p in prices]
    ys = [math.log(q) for q in volumes]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = my - slope * mx
    sse = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return slope, math.sqrt(sse / (n - 2) / sxx)


class TestOwnPrice:
    def test_unit_elasticity_exactly(self, shop: tc.Catalog) -> None:
        """Price doubled, volume halved: -1, no error, an empty interval."""
        volumes = [16 * K, 16 * K, 8 * K, 8 * K]
        rows = [record("cheap", d, v, 0) for d, v in zip(DAYS, volumes, strict=True)]
        rows += [record("mid", d, K, K) for d in DAYS]
        result = estimate_demand(tc.bill(rows, by="day,model", catalog=shop))
        (only,) = result.estimates
        assert only.model == "shop:cheap"
        assert (only.elasticity, only.standard_error) == (Decimal(-1), Decimal(0))
        assert (only.low, only.high) == (Decimal(-1), Decimal(-1))
        assert only.observations == 4
        assert only.price_change == 1
        assert result.unchanged == ("shop:mid",)

    def test_noisy_fit_and_interval(self, shop: tc.Catalog) -> None:
        """Volumes 16, 14, 8, 9 thousand at prices p, p, 2p, 2p."""
        volumes = [16, 14, 8, 9]
        rows = [
            record("cheap", d, v * K, 0) for d, v in zip(DAYS, volumes, strict=True)
        ]
        (only,) = estimate_demand(tc.bill(rows, by="day", catalog=shop)).estimates
        slope, error = _float_fit([1, 1, 2, 2], [16, 14, 8, 9])
        assert abs(float(only.elasticity) - slope) < 1e-12
        assert abs(float(only.standard_error) - error) < 1e-12
        # 4 points: t with 2 degrees of freedom, 4.302652729749464.
        assert only.t_value == Decimal("4.302652729749463852320943893")
        assert abs(float(only.low) - (slope - 4.302652729749464 * error)) < 1e-12
        assert abs(float(only.high) - (slope + 4.302652729749464 * error)) < 1e-12
        assert only.to_dict()["interval"] == [str(only.low), str(only.high)]

    def test_the_callers_decimal_context_changes_nothing(
        self, shop: tc.Catalog
    ) -> None:
        """A 3-digit, round-down context leaves the estimate alone."""
        rows = [
            record("cheap", d, v * K, 0)
            for d, v in zip(DAYS, [16, 14, 8, 9], strict=True)
        ]
        bill = tc.bill(rows, by="day", catalog=shop)
        expected = estimate_demand(bill).to_dict()
        with localcontext(Context(prec=3, rounding=ROUND_DOWN)):
            assert estimate_demand(bill).to_dict() == expected

    def test_a_wider_confidence(self, shop: tc.Catalog) -> None:
        """A 99% interval contains the 95% one."""
        rows = [
            record("cheap", d, v * K, 0)
            for d, v in zip(DAYS, [16, 14, 8, 9], strict=True)
        ]
        bill = tc.bill(rows, by="day", catalog=shop)
        (narrow,) = estimate_demand(bill).estimates
        (wide,) = estimate_demand(bill, confidence="99%").estimates
        assert wide.low < narrow.low < narrow.high < wide.high

    @pytest.mark.parametrize(
        ("confidence", "header"),
        [
            (None, "95% interval"),
            ("99%", "99% interval"),
            ("99.999%", "99.999% interval"),
            ("0.0001%", "0.0001% interval"),
            (
                "99.9999999999999999999999999999%",
                "99.9999999999999999999999999999% interval",
            ),
            (
                "0.999999999999999999999999999999",
                "99.9999999999999999999999999999% interval",
            ),
        ],
    )
    def test_the_interval_is_named_by_its_level(
        self, shop: tc.Catalog, confidence: str | None, header: str
    ) -> None:
        """The table names the level asked for, every digit: a 99.999%
        interval is not headed "100%"."""
        rows = [
            record("cheap", d, v * K, 0)
            for d, v in zip(DAYS, [16, 14, 8, 9], strict=True)
        ]
        bill = tc.bill(rows, by="day", catalog=shop)
        found = (
            estimate_demand(bill)
            if confidence is None
            else estimate_demand(bill, confidence=confidence)
        )
        headers, _ = found.table()
        assert headers[4] == header
        (only,) = found.estimates
        level = header.removesuffix("% interval")
        with localcontext(Context(prec=60)):
            assert only.confidence == Decimal(level) / 100
        assert only.to_dict()["confidence"] == str(only.confidence)

    def test_mix_does_not_move_the_price(self, shop: tc.Catalog) -> None:
        """Output-heavy days do not look like price rises: a fixed basket."""
        rows = [
            record("mid", "2026-10-01", 10 * K, 0),
            record("mid", "2026-10-02", 0, 10 * K),
            record("mid", "2026-10-03", 5 * K, 5 * K),
        ]
        with pytest.raises(EconomicsError, match="no model's price changed"):
            estimate_demand(tc.bill(rows, by="day", catalog=shop))

    def test_usage_priced_in_some_periods_only(self, shop: tc.Catalog) -> None:
        """Batch usage, offered only before November, is left out of the basket."""
        rows = [record("tiered", d, K, 0) for d in DAYS]
        rows.append({**record("tiered", DAYS[0], K, 0), "variant": "batch"})
        (only,) = estimate_demand(tc.bill(rows, by="day", catalog=shop)).estimates
        # Standard basket: 4,000 input tokens and 4 requests; the request fee
        # goes from 0.01 to 0.02: 0.084 / 0.044 - 1 = 10/11.
        assert only.price_change == Decimal("0.9090909090909090909090909091")
        assert only.observations == 4

    def test_fewer_than_three_periods(self, shop: tc.Catalog) -> None:
        """Two months are two points: too few for a fit with an error."""
        rows = [
            record("cheap", "2026-10-05", K, K),
            record("cheap", "2026-11-05", K, K),
        ]
        with pytest.raises(EconomicsError, match="at least 3 periods, the bill has 2"):
            estimate_demand(tc.bill(rows, by="month", catalog=shop))

    def test_a_period_without_usage(self, shop: tc.Catalog) -> None:
        """A zero volume has no logarithm: an error naming the period."""
        rows = [record("cheap", d, K, K) for d in DAYS]
        rows.append(record("mid", "2026-11-03", K, K))
        with pytest.raises(
            EconomicsError, match="shop:cheap has no usage in 2026-11-03"
        ):
            estimate_demand(tc.bill(rows, by="day", catalog=shop))

    def test_a_named_model_that_never_changed_price(self, shop: tc.Catalog) -> None:
        """Asking for a model with constant prices is an error, not a zero."""
        rows = [record("mid", d, K, K) for d in DAYS]
        with pytest.raises(EconomicsError, match="price of shop:mid did not change"):
            estimate_demand(tc.bill(rows, by="day", catalog=shop), models=["mid"])

    def test_needs_periods(self, shop: tc.Catalog) -> None:
        """A bill not grouped by day or month has no time to fit over."""
        rows = [record("cheap", d, K, K) for d in DAYS]
        with pytest.raises(InvalidInputError, match="grouped by day or month"):
            estimate_demand(tc.bill(rows, catalog=shop))

    @pytest.mark.parametrize(
        "models", [["cheap", "cheap"], ["cheap", "shop:cheap"], ["shop:cheap"] * 3]
    )
    def test_a_model_named_twice(self, shop: tc.Catalog, models: list[str]) -> None:
        """A model named twice is refused, not estimated twice over."""
        rows = [
            record("cheap", d, v * K, 0)
            for d, v in zip(DAYS, [16, 14, 8, 9], strict=True)
        ]
        bill = tc.bill(rows, by="day", catalog=shop)
        with pytest.raises(
            InvalidInputError, match=r"^models name shop:cheap twice \("
        ):
            estimate_demand(bill, models=models)

    def test_unknown_model(self, shop: tc.Catalog) -> None:
        """A model the bill does not have is named in the error."""
        rows = [record("cheap", d, K, K) for d in DAYS]
        with pytest.raises(NoUsageError, match="'dear' has no usage"):
            estimate_demand(tc.bill(rows, by="day", catalog=shop), models=["dear"])


class TestCrossPrice:
    def test_a_model_billed_in_two_currencies(self, shop: tc.Catalog) -> None:
        """One bill in CNY and the other in USD: the price of a model cannot
        be compared across the two, so the cross elasticity is refused
        rather than read from 14 CNY against 2 USD."""
        before, after = self._bills(shop, 6 * K)
        in_yuan = tc.bill(
            [
                record("cheap", "2026-10-05", 8 * K, 0),
                record("mid", "2026-10-05", 4 * K, 0),
            ],
            catalog=shop,
            currency="CNY",
            fx={"CNY": "7"},
        )
        with pytest.raises(
            CurrencyMismatchError,
            match=r"^shop:cheap is billed in CNY in one bill and USD in another",
        ):
            cross_elasticity(in_yuan, after, of="mid", against="cheap")
        with pytest.raises(CurrencyMismatchError, match=r"^shop:mid is billed in CNY"):
            cross_elasticity(in_yuan, after, of="cheap", against="mid")
        # Both in CNY at one rate: the same figures as both in USD.
        after_in_yuan = tc.bill(
            [
                record("cheap", "2026-11-05", 4 * K, 0),
                record("mid", "2026-11-05", 6 * K, 0),
            ],
            catalog=shop,
            currency="CNY",
            fx={"CNY": "7"},
        )
        same = cross_elasticity(in_yuan, after_in_yuan, of="mid", against="cheap")
        plain = cross_elasticity(before, after, of="mid", against="cheap")
        assert (same.value, same.price_change) == (plain.value, Decimal(1))

    def _bills(self, shop: tc.Catalog, mid_after: int) -> tuple[tc.Bill, tc.Bill]:
        before = tc.bill(
            [
                record("cheap", "2026-10-05", 8 * K, 0),
                record("mid", "2026-10-05", 4 * K, 0),
            ],
            catalog=shop,
        )
        after = tc.bill(
            [
                record("cheap", "2026-11-05", 4 * K, 0),
                record("mid", "2026-11-05", mid_after, 0),
            ],
            catalog=shop,
        )
        return before, after

    @pytest.mark.parametrize(
        ("method", "expected"),
        [
            ("simple", "1"),  # +100% volume over +100% price
            ("midpoint", "1"),  # (4/6) / (1/1.5)
            ("log", "1"),  # ln 2 / ln 2
        ],
    )
    def test_substitutes(self, shop: tc.Catalog, method: str, expected: str) -> None:
        """cheap doubles its price; mid's volume doubles: +1, substitutes."""
        before, after = self._bills(shop, 8 * K)
        result = cross_elasticity(
            before,
            after,
            of="mid",
            against="cheap",
            method=method,  # type: ignore[arg-type]
        )
        assert result.value == Decimal(expected)
        assert result.kind == "substitutes"
        assert result.warnings == ()

    def test_complements_by_hand(self, shop: tc.Catalog) -> None:
        """mid falls from 4 to 3 thousand: midpoint (-1/3.5) / (1/1.5) = -3/7."""
        before, after = self._bills(shop, 3 * K)
        result = cross_elasticity(before, after, of="mid", against="cheap")
        assert result.value == Decimal("-0.4285714285714285714285714286")
        assert result.kind == "complements"

    def test_demand_shift_warning(self, shop: tc.Catalog) -> None:
        """cheap's price and volume both rose: flagged as a demand shift."""
        before = tc.bill(
            [record("cheap", "2026-10-05", K, 0), record("mid", "2026-10-05", K, 0)],
            catalog=shop,
        )
        after = tc.bill(
            [
                record("cheap", "2026-11-05", 2 * K, 0),
                record("mid", "2026-11-05", 2 * K, 0),
            ],
            catalog=shop,
        )
        result = cross_elasticity(before, after, of="mid", against="cheap")
        (warning,) = result.warnings
        assert "shop:cheap's price and volume moved the same way" in warning
        assert ["warning", warning] in result.table()[1]

    def test_own_price_warning(self, shop: tc.Catalog) -> None:
        """of's own price moved too: flagged; against itself: refused."""
        before = tc.bill(
            [record("cheap", "2026-10-05", K, 0), record("tiered", "2026-10-05", K, 0)],
            catalog=shop,
        )
        after = tc.bill(
            [record("cheap", "2026-11-05", K, 0), record("tiered", "2026-11-05", K, 0)],
            catalog=shop,
        )
        # tiered: 1 request of 1,000 input tokens, 0.001 + 0.01 -> 0.001 + 0.02.
        result = cross_elasticity(before, after, of="cheap", against="tiered")
        assert result.price_change == Decimal("0.9090909090909090909090909091")
        assert result.value == 0
        assert result.kind == "independent"
        (warning,) = result.warnings
        assert warning.startswith("shop:cheap's own price changed too (+100%)")
        with pytest.raises(InvalidInputError, match="against itself"):
            cross_elasticity(before, after, of="cheap", against="shop:cheap")

    def test_unchanged_price(self, shop: tc.Catalog) -> None:
        """The other model's price did not change: no elasticity."""
        before, after = self._bills(shop, 8 * K)
        with pytest.raises(EconomicsError, match="did not change"):
            cross_elasticity(before, after, of="cheap", against="mid")

    def test_other_model_missing(self, shop: tc.Catalog) -> None:
        """The other model must be billed on both sides."""
        before, _ = self._bills(shop, 8 * K)
        empty_cheap = tc.bill([record("mid", "2026-11-05", K, 0)], catalog=shop)
        with pytest.raises(NoUsageError, match="shop:cheap has no usage in the second"):
            cross_elasticity(before, empty_cheap, of="mid", against="cheap")
