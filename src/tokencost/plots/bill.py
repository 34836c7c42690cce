"""
A bill drawn: the total of each group as a bar, labelled with its amount.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._errors import InvalidInputError
from tokencost.plots.comparison import _pyplot, amount_label, axis_label

if TYPE_CHECKING:
    from tokencost.billing.result import Bill

__all__ = ["draw_bill", "plot_bill"]

# More bars than this are unreadable: the largest are drawn, the rest summed.
_MOST = 30


def draw_bill(bill: Bill) -> Any:
    """
    The figure of *bill*, closed: one bar per group, largest at the top, with
    its exact amount rounded for reading.

    Raises:
        InvalidInputError: a bill with amounts in several currencies (convert
            it first: ``--currency``), or without any group.
    """
    currencies = {group.currency for group in bill.groups}
    if len(currencies) != 1:
        raise InvalidInputError(
            "a bill is drawn in one currency: it has "
            f"{', '.join(sorted(currencies)) or 'no amounts'}; give --currency"
        )
    (currency,) = currencies
    plt = _pyplot()
    ticker = importlib.import_module("matplotlib.ticker")
    groups = sorted(bill.groups, key=lambda g: g.total.amount, reverse=True)
    shown = [(" / ".join(g.key), g.total.amount) for g in groups[:_MOST]]
    if len(groups) > _MOST:
        rest = sum((g.total.amount for g in groups[_MOST:]), start=shown[0][1] * 0)
        shown.append((f"{len(groups) - _MOST} others", rest))
    names = [name for name, _ in shown][::-1]
    values = [float(amount) for _, amount in shown][::-1]  # floats only to draw
    figure, ax = plt.subplots(figsize=(10, max(2.5, 0.45 * len(shown) + 1.5)))
    drawn = ax.barh(names, values, color="#4C72B0")
    ax.bar_label(
        drawn,
        labels=[f"{amount_label(a)} {currency}" for _, a in shown][::-1],
        padding=3,
    )
    ax.set_xlabel(f"cost ({currency})")
    ax.set_title(
        f"bill by {', '.join(bill.by)}: {bill.records:,} records, "
        f"{amount_label(bill.total(currency).amount)} {currency}"
    )
    ax.margins(x=0.3)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: axis_label(x)))
    figure.tight_layout()
    plt.close(figure)
    return figure


def plot_bill(bill: Bill, path: str | Path) -> Path:
    """Draw *bill* to *path* (PNG, SVG or PDF by its suffix); see `draw_bill`."""
    from tokencost.plots.files import picture_path, save_figure

    picture_path(path)  # before drawing: a bad name fails fast
    return save_figure(draw_bill(bill), path)
