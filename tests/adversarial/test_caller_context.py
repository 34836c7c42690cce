"""The caller's decimal context, across the public functions and the way
their results are shown: nothing the caller sets changes a figure, and no
setting of theirs turns a result into a `decimal` exception."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest

import tokencost as tc

DAY = "2026-07-01"


@contextmanager
def _precision_3() -> Iterator[None]:
    with decimal.localcontext(prec=3, rounding=decimal.ROUND_DOWN):
        yield


@contextmanager
def _traps() -> Iterator[None]:
    with decimal.localcontext() as ctx:
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        yield


@contextmanager
def _small_exponents() -> Iterator[None]:
    with decimal.localcontext(Emax=6, Emin=-6):
        yield


@contextmanager
def _clamped() -> Iterator[None]:
    with decimal.localcontext(prec=28, clamp=1, Emax=30, Emin=-30):
        yield


CONTEXTS = {
    "precision 3, rounding down": _precision_3,
    "inexact and rounded trapped": _traps,
    "exponents within 6": _small_exponents,
    "clamped exponents": _clamped,
}


def _compare(**options: Any) -> tc.Comparison:
    return tc.compare(
        ["glm-5.2", "gpt-5.5", "claude-fable-5"],
        input_tokens=123_457,
        output_tokens=9_876,
        requests=1_234_567,
        at=DAY,
        **options,
    )


CALLS: dict[str, Callable[[], Any]] = {
    "compare": _compare,
    "compare, adjusted": lambda: _compare(adjust={"glm-5.2": "+33.3333333%"}),
    "compare in CNY": lambda: _compare(currency="CNY"),
    "compare, a profile": lambda: tc.compare(
        ["glm-5.2", "gpt-5.5"], "agentic-coding", at=DAY
    ),
    "workload, adjusted": lambda: tc.workload_cost(
        "glm-5.2",
        "agentic-coding",
        requests=1_234_567,
        per="month",
        adjust="+33.3333333%",
        at=DAY,
    ),
    "cost in JPY": lambda: tc.cost(
        "glm-5.2",
        input_tokens=123_457,
        output_tokens=98_765,
        requests=777,
        currency="JPY",
        at=DAY,
    ),
    "headroom in USD": lambda: tc.headroom(
        tc.Money(28, "CNY"),
        tc.Money(50, "USD"),
        increase="83.333%",
        currency="USD",
        at="2026-06-22",
    ),
    "growth in Chinese magnitudes": lambda: tc.growth(
        ["2800万", "1.23456789亿", "17亿"], periods=6
    ),
}


def _shown(value: Any) -> tuple[str, ...]:
    """Every way a result is shown: JSON, CSV, a table and its repr."""
    return (
        tc.render(value, "json"),
        tc.render(value, "csv"),
        tc.render(value, "table"),
        repr(value),
    )


class TestPublicCalls:
    @pytest.mark.parametrize("context", list(CONTEXTS))
    @pytest.mark.parametrize("call", list(CALLS))
    def test_same_figures_and_text(self, call: str, context: str) -> None:
        """A result computed and shown under the caller's odd context is the
        one computed and shown under the default context, to the character."""
        expected = _shown(CALLS[call]())
        with CONTEXTS[context]():
            got = _shown(CALLS[call]())
        assert got == expected

    @pytest.mark.parametrize("context", list(CONTEXTS))
    def test_chinese_magnitude(self, context: str) -> None:
        """A figure in 亿 reads the same, to the exponent, whatever the
        caller's context."""
        expected = tc.to_decimal("1.23456789亿")
        with CONTEXTS[context]():
            got = tc.to_decimal("1.23456789亿")
        assert got == Decimal("123456789")
        assert str(got) == str(expected)


class TestComparisonFigures:
    """The ratios, differences and adjusted costs of a comparison, checked
    against figures worked by hand from the price sheets."""

    @pytest.mark.parametrize("context", [None, *CONTEXTS])
    def test_ratio_and_difference(self, context: str | None) -> None:
        """glm-5.2 at 1.40/4.40 and gpt-5.5 at 5/30 USD per MTok, for 10,000
        input and 1,000 output tokens: 0.0184 and 0.08 USD, a ratio of
        0.08 / 0.0184 and a difference of 0.0616."""

        def run() -> tc.Comparison:
            return tc.compare(
                ["gpt-5.5", "glm-5.2"], input_tokens=10_000, output_tokens=1_000, at=DAY
            )

        if context is None:
            result = run()
        else:
            with CONTEXTS[context]():
                result = run()
        first, second = result.rows
        assert first.cost.total.amount == Decimal("0.0184")
        assert second.cost.total.amount == Decimal("0.08")
        assert second.ratio == Decimal("4.347826086956521739130434783")
        assert second.difference == Decimal("0.0616")

    @pytest.mark.parametrize("context", [None, *CONTEXTS])
    def test_adjusted_cost(self, context: str | None) -> None:
        """A rise of 33.3333333% on glm-5.2's 0.0184 USD is 0.0184 times
        1.333333333, every digit of it."""

        def run() -> tc.Comparison:
            return tc.compare(
                ["glm-5.2", "gpt-5.5"],
                input_tokens=10_000,
                output_tokens=1_000,
                at=DAY,
                adjust={"glm-5.2": "+33.3333333%"},
            )

        if context is None:
            result = run()
        else:
            with CONTEXTS[context]():
                result = run()
        glm = result.rows[0]
        assert glm.model == "zai:glm-5.2"
        assert glm.cost.total.amount == Decimal("0.0245333333272")
        assert result.rows[1].ratio == Decimal("3.260869566032608695855978261")


class TestMoneyShown:
    @pytest.mark.parametrize("context", list(CONTEXTS))
    @pytest.mark.parametrize(
        ("amount", "currency", "text", "display"),
        [
            ("1234.5678", "USD", "1,234.57 USD", "$1,234.57"),
            ("0.00931403508771929824561", "CNY", "0.009314 CNY", "CN¥0.009314"),
            ("-28000000.005", "CNY", "-28,000,000.01 CNY", "-CN¥28,000,000.01"),
        ],
    )
    def test_str_and_display(
        self, context: str, amount: str, currency: str, text: str, display: str
    ) -> None:
        """An amount is written the same whatever the caller's context."""
        money = tc.Money(amount, currency)
        with CONTEXTS[context]():
            assert (str(money), money.display()) == (text, display)


_COLD = """
import decimal
ctx = decimal.getcontext()
ctx.prec = 3
ctx.traps[decimal.Inexact] = True
ctx.traps[decimal.Rounded] = True
import tokencost as tc
cost = tc.cost("glm-5.2", input_tokens="1.2M", output_tokens=999, currency="CNY",
               at="2026-07-01")
print(cost.total.amount, cost.total)
print(tc.parse_tokens("1.2M"), tc.to_decimal("1.7亿"))
"""


def test_cold_start_in_an_odd_context() -> None:
    """The first call, which loads the catalog and the rates, gives the
    figures of the default context when the caller's context traps every
    rounding: 1.2M input tokens at 1.40 and 999 output tokens at 4.40 USD per
    MTok, in yuan at the ECB's rates of 2026-07-01."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _COLD], capture_output=True, text=True, check=False
    )
    assert done.stderr == ""
    first, second = done.stdout.splitlines()
    usd = Decimal("1.2") * Decimal("1.40") + Decimal("0.000999") * Decimal("4.40")
    rate = tc.dated_rates("2026-07-01").rate("USD", "CNY")
    amount = decimal.Context(prec=120).multiply(usd, rate)
    assert Decimal(first.split()[0]) == amount
    assert first.split(" ", 1)[1] == f"{tc.Money(amount, 'CNY')}"
    assert second == "1200000 170000000.0"


class TestProfileFigures:
    """A profile's request shapes and shares, read under the caller's odd
    context, are the exact ones."""

    @pytest.mark.parametrize("context", list(CONTEXTS))
    def test_shape_usage(self, context: str) -> None:
        """90% of 123,457 is 111,111.3 tokens, 3.33% is 4,111.1181: rounded
        to 111,111 and 4,111, not worked in three digits (111,000)."""
        shape = tc.RequestShape(
            "step", 1, 123_457, 100, cache_read_share="0.9", cache_write_share="0.0333"
        )
        with CONTEXTS[context]():
            usage = shape.usage
            priced = tc.cost("zhipuai:glm-5.2", usage, at=DAY)
        assert usage == tc.Usage(123_457, 100, 111_111, 4_111)
        # 8,235 x 8 + 111,111 x 2 + 4,111 x 8 + 100 x 28 CNY per million.
        assert priced.total == tc.Money("0.32379", "CNY")

    @pytest.mark.parametrize("context", list(CONTEXTS))
    def test_shares(self, context: str) -> None:
        """Three equal weights share a third each, to 120 digits, however
        few the caller's context keeps; their weights add up exactly."""
        shapes = [tc.RequestShape(f"s{i}", "1.0000001", 10, 1) for i in range(3)]
        profile = tc.UsageProfile("thirds", shapes)
        with CONTEXTS[context]():
            shares = [share for _, share in profile.shares()]
            weight = profile.total_weight
        assert weight == Decimal("3.0000003")
        assert shares == [Decimal("0." + "3" * 120)] * 3
