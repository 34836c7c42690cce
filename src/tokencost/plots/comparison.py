"""
Pictures of a comparison: monthly cost by model, and cost against volume.

matplotlib is an optional extra (``pip install 'tokencost-exact[plot]'``), imported
only when a picture is asked for.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._errors import InvalidInputError
from tokencost._money import format_amount
from tokencost._version import install_hint

if TYPE_CHECKING:
    from tokencost.costing.compare import Comparison

__all__ = ["amount_label", "axis_label", "draw_comparison", "plot_comparison"]


def _pyplot() -> Any:
    try:
        matplotlib = importlib.import_module("matplotlib")
    except ImportError:
        raise InvalidInputError(
            f"plotting needs matplotlib: {install_hint('plot')}"
        ) from None
    matplotlib.use("Agg")
    return importlib.import_module("matplotlib.pyplot")


def amount_label(amount: Decimal) -> str:
    """
    An amount for a chart: two decimals from 1 up, three significant digits
    below, so a small cost never reads 0.00.

    >>> amount_label(Decimal("1400000")), amount_label(Decimal("0.18452"))
    ('1,400,000.00', '0.185')
    >>> amount_label(Decimal("0.000184")), amount_label(Decimal(0))
    ('0.000184', '0')
    """
    if amount == 0:
        return "0"
    if abs(amount) >= 1:
        return format_amount(amount, 2)
    return format_amount(amount, max(2, 2 - amount.adjusted()))


def axis_label(value: float) -> str:
    """
    A tick on a chart's axis: 1.5k, 2M, 3B for large values, up to three
    significant digits for small ones.

    >>> axis_label(1_500.0), axis_label(2e6), axis_label(0.00025), axis_label(0.0)
    ('1.5k', '2M', '0.00025', '0')
    """
    if value == 0:
        return "0"
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def draw_comparison(comparison: Comparison) -> Any:
    """
    The figure of *comparison*, closed (see `plot_comparison`).

    Left: the cost of each model per month (or the total, for a one-off
    workload) as bars. Right: cost against monthly volume, one line per model,
    from zero to twice the volume compared.
    """
    plt = _pyplot()
    ticker = importlib.import_module("matplotlib.ticker")
    rows = comparison.rows
    currency = comparison.currency
    first = rows[0].cost
    monthly = first.per is not None
    label = "per month" if monthly else "total"

    def amount(row: Any) -> Decimal:
        projection = row.cost.projection()
        return Decimal(projection["month"].amount if monthly else row.cost.total.amount)

    names = [row.model for row in rows]
    values = [float(amount(row)) for row in rows]  # floats only to draw
    figure, (bars, lines) = plt.subplots(1, 2, figsize=(12, 4.8))
    drawn = bars.barh(names[::-1], values[::-1], color="#4C72B0")
    texts = [f"{amount_label(amount(row))} {currency}" for row in rows]
    bars.bar_label(drawn, labels=texts[::-1], padding=3)
    bars.set_xlabel(f"cost {label} ({currency})")
    bars.set_title(f"{first.profile}: cost {label}")
    bars.margins(x=0.3)
    bars.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: axis_label(x)))

    volume = first.requests
    if monthly and first.per != "month":
        volume = first.requests * Decimal(365) / 12 / _days(first.per)
    steps = [volume * Decimal(i) / 10 for i in range(21)]
    for row in rows:
        per_request = row.cost.per_request.amount
        lines.plot(
            [float(s) for s in steps],
            [float(s * per_request) for s in steps],
            label=row.model,
        )
    lines.axvline(float(volume), color="grey", linestyle=":", linewidth=1)
    lines.set_xlabel("requests per month" if monthly else "requests")
    lines.set_ylabel(f"cost ({currency})")
    lines.set_title("cost against volume")
    for axis in (lines.xaxis, lines.yaxis):
        axis.set_major_formatter(ticker.FuncFormatter(lambda x, _: axis_label(x)))
    lines.legend(fontsize="small")
    figure.tight_layout()
    plt.close(figure)
    return figure


def plot_comparison(comparison: Comparison, path: str | Path) -> Path:
    """Draw *comparison* to *path* (PNG, SVG or PDF by its suffix); see
    `draw_comparison`."""
    from tokencost.plots.files import picture_path, save_figure

    picture_path(path)  # before drawing: a bad name fails fast
    return save_figure(draw_comparison(comparison), path)


def _days(per: str | None) -> Decimal:
    from tokencost.usage.profiles import PERIODS

    return PERIODS[per or "day"]
