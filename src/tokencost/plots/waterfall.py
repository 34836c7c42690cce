"""
A waterfall chart of a bridge: the start, each effect, the end.

matplotlib is an optional extra (``pip install 'tokencost-exact[plot]'``),
imported only when a picture is asked for. Amounts are labelled in the bridge's
currency; floats are used only to place the bars.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._decimal import EXACT
from tokencost._errors import InvalidInputError
from tokencost._money import format_amount

if TYPE_CHECKING:
    from tokencost.economics.bridge_result import Bridge
    from tokencost.economics.revenue_bridge import FigureBridge

__all__ = ["plot_bridge", "waterfall_steps"]

_UP, _DOWN, _TOTAL = "#55A868", "#C44E52", "#4C72B0"


def _pyplot() -> Any:
    try:
        matplotlib = importlib.import_module("matplotlib")
    except ImportError:
        raise InvalidInputError(
            "plotting needs matplotlib: pip install 'tokencost-exact[plot]'"
        ) from None
    matplotlib.use("Agg")
    return importlib.import_module("matplotlib.pyplot")


def waterfall_steps(
    bridge: Bridge | FigureBridge,
) -> tuple[list[tuple[str, Decimal, Decimal, str]], str | None]:
    """
    The bars of the chart: (label, bottom, height, kind) with kind
    ``total``, ``up`` or ``down``, and the currency (None for a bridge of
    figures without one). Effects that are exactly zero are left out.
    """
    steps = bridge.steps()
    bars = []
    level = Decimal(0)
    last = len(steps) - 1
    for index, (label, value) in enumerate(steps):
        if index in (0, last):
            bars.append((label, Decimal(0), value, "total"))
            level = value
            continue
        if value == 0:
            continue
        bottom = level if value > 0 else EXACT.add(level, value)
        bars.append((label, bottom, value.copy_abs(), "up" if value > 0 else "down"))
        level = EXACT.add(level, value)
    return bars, bridge.currency


def plot_bridge(bridge: Bridge | FigureBridge, path: str | Path) -> Path:
    """
    Draw *bridge* as a waterfall to *path* (PNG, SVG or PDF by its suffix):
    the cost before, each effect as a rise or a fall, the cost after, every
    bar labelled with its amount in the bridge's currency.
    """
    from tokencost.plots.files import picture_path, save_figure

    picture_path(path)  # before drawing: a bad name fails fast
    plt = _pyplot()
    figure = _draw(plt, bridge)
    try:
        return save_figure(figure, path)
    finally:
        plt.close(figure)


def _draw(plt: Any, bridge: Bridge | FigureBridge) -> Any:
    """The figure, not yet saved."""
    bars, currency = waterfall_steps(bridge)
    figure, axes = plt.subplots(figsize=(8, 4.8))
    colours = {"total": _TOTAL, "up": _UP, "down": _DOWN}
    names = [label for label, *_ in bars]
    drawn = axes.bar(
        names,
        [float(height) for _, _, height, _ in bars],
        bottom=[float(bottom) for _, bottom, _, _ in bars],
        color=[colours[kind] for *_, kind in bars],
    )
    texts = []
    for _, _, height, kind in bars:
        sign = "-" if kind == "down" else ("+" if kind == "up" else "")
        texts.append(f"{sign}{format_amount(height)}")
    axes.bar_label(drawn, labels=texts, label_type="center", fontsize="small")
    axes.set_ylabel(currency or "times the revenue before")
    axes.set_title(f"What changed, {bridge.method}")
    axes.axhline(0, color="grey", linewidth=0.8)
    figure.tight_layout()
    return figure
