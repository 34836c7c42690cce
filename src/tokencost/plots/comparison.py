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

__all__ = ["plot_comparison"]


def _pyplot() -> Any:
    try:
        matplotlib = importlib.import_module("matplotlib")
    except ImportError:
        raise InvalidInputError(
            f"plotting needs matplotlib: {install_hint('plot')}"
        ) from None
    matplotlib.use("Agg")
    return importlib.import_module("matplotlib.pyplot")


def plot_comparison(comparison: Comparison, path: str | Path) -> Path:
    """
    Draw *comparison* to *path* (PNG, SVG or PDF by its suffix).

    Left: the cost of each model per month (or the total, for a one-off
    workload) as bars. Right: cost against monthly volume, one line per model,
    from zero to twice the volume compared.
    """
    plt = _pyplot()
    path = Path(path)
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
    texts = [format_amount(amount(row), 2) for row in rows]
    bars.bar_label(drawn, labels=texts[::-1], padding=3)
    bars.set_xlabel(f"{currency} {label}")
    bars.set_title(f"{first.profile}: cost {label}")
    bars.margins(x=0.25)

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
    lines.set_ylabel(currency)
    lines.set_title("cost against volume")
    lines.legend(fontsize="small")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def _days(per: str | None) -> Decimal:
    from tokencost.usage.profiles import PERIODS

    return PERIODS[per or "day"]
