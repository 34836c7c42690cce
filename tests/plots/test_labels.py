"""Charts label small costs readably and name their axes."""

from __future__ import annotations

from decimal import Decimal

import pytest

import tokencost as tc
from tokencost.plots.comparison import amount_label, axis_label

pytest.importorskip("matplotlib")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("1400000", "1,400,000.00"),
        ("36", "36.00"),
        ("0.18452", "0.185"),
        ("0.00231", "0.00231"),
        ("0.000000184", "0.000000184"),
        ("0", "0"),
    ],
)
def test_amount_label(amount: str, text: str) -> None:
    """Bars never read 0.00 for a cost that is not zero."""
    assert amount_label(Decimal(amount)) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(2_500_000.0, "2.5M"), (1_000.0, "1k"), (0.0125, "0.0125"), (3e9, "3B")],
)
def test_axis_label(value: float, text: str) -> None:
    """Axis ticks are short: k, M and B instead of long digits."""
    assert axis_label(value) == text


def test_bill_figure() -> None:
    """A bill's chart labels every bar with its amount and currency."""
    from tokencost.plots.bill import draw_bill

    rows = [
        {
            "model": "glm-5.2",
            "timestamp": "2026-07-01",
            "input_tokens": 120_000,
            "output_tokens": 4_000,
        },
        {
            "model": "deepseek-chat",
            "timestamp": "2026-07-01",
            "input_tokens": 1_000,
            "output_tokens": 50,
        },
    ]
    figure = draw_bill(tc.bill(rows))
    (ax,) = figure.axes
    assert ax.get_xlabel() == "cost (USD)"
    assert ax.get_title().startswith("bill by model: 2 records")
    amounts = {g.key[0]: g.total.amount for g in tc.bill(rows).groups}
    assert amounts["deepseek:deepseek-chat"] == Decimal("0.000154")
    assert [t.get_text() for t in ax.texts] == ["0.000154 USD", "0.186 USD"]
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "zai:glm-5.2"


def test_bill_figure_needs_one_currency() -> None:
    """A bill in two currencies is converted before it is drawn."""
    from tokencost.plots.bill import draw_bill

    rows = [
        {"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": 1000},
        {"model": "zhipuai:glm-5.2", "timestamp": "2026-07-01", "input_tokens": 1000},
    ]
    bill = tc.bill(rows)
    if len(bill.totals) < 2:
        pytest.skip("the catalog has no CNY glm-5.2")
    with pytest.raises(tc.InvalidInputError, match="give --currency"):
        draw_bill(bill)


def test_comparison_figure() -> None:
    """The comparison chart's labels show sub-cent costs and name the currency."""
    from tokencost.plots.comparison import draw_comparison

    c = tc.compare(
        ["glm-5.2", "deepseek-chat"],
        input_tokens=1_000,
        output_tokens=100,
        at="2026-07-01",
    )
    figure = draw_comparison(c)
    bars, lines = figure.axes
    assert bars.get_xlabel() == "cost total (USD)"
    assert lines.get_ylabel() == "cost (USD)"
    texts = [t.get_text() for t in bars.texts]
    assert all(not t.startswith("0.00 ") for t in texts)
    assert all(t.endswith(" USD") for t in texts)
