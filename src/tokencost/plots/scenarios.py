"""
A grid of scenarios drawn as two heatmaps: volume and revenue multipliers.

Rows are price changes, columns elasticities; each cell is written with its
multiplier. The revenue map is centred on 1, so cells where revenue rises
and cells where it falls read apart at a glance.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokencost._render import fmt_change, fmt_ratio
from tokencost.plots.comparison import _pyplot
from tokencost.plots.files import picture_path, save_figure

if TYPE_CHECKING:
    from tokencost.economics.scenarios import ScenarioGrid

__all__ = ["plot_scenarios"]


def plot_scenarios(grid: ScenarioGrid, path: str | Path) -> Any:
    """
    Draw *grid* to *path* (PNG, SVG or PDF by its suffix); return the
    matplotlib figure, closed, for its labels to be read.
    """
    picture_path(path)  # before drawing: a bad name fails fast
    plt = _pyplot()
    colors = _colors()
    rows = [fmt_change(dp) for dp in grid.price_changes]
    columns = [fmt_ratio(e) for e in grid.elasticities]
    height = max(3.0, 0.4 * len(rows) + 1.8)
    width = max(8.0, 1.3 * len(columns) * 2 + 3)
    figure, axes = plt.subplots(1, 2, figsize=(width, height))
    panels = (
        ("volume multiplier", grid.volume_multipliers, "Blues", None),
        ("revenue multiplier", grid.revenue_multipliers, "RdYlGn", 1.0),
    )
    for ax, (title, matrix, cmap, centre) in zip(axes, panels, strict=True):
        values = [[float(v) for v in row] for row in matrix]  # floats only to draw
        flat = [v for row in values for v in row]
        low, high = min(flat), max(flat)
        norm = None
        if centre is not None and low < centre < high:
            norm = colors.TwoSlopeNorm(vcenter=centre, vmin=low, vmax=high)
        image = ax.imshow(values, cmap=cmap, norm=norm, aspect="auto")
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                red, green, blue, _ = image.cmap(image.norm(values[i][j]))
                dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
                ax.text(
                    j, i, f"x{fmt_ratio(value, 2)}", ha="center", va="center",
                    fontsize="small", color="white" if dark else "black",
                )  # fmt: skip
        ax.set_xticks(range(len(columns)), labels=columns)
        ax.set_yticks(range(len(rows)), labels=rows)
        ax.set_xlabel("elasticity")
        ax.set_ylabel("price change")
        ax.set_title(f"{title} ({grid.model} elasticity)")
        figure.colorbar(image, ax=ax, shrink=0.85)
    figure.tight_layout()
    try:
        save_figure(figure, path)
    finally:
        plt.close(figure)
    return figure


def _colors() -> Any:
    import importlib

    return importlib.import_module("matplotlib.colors")
