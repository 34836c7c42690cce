"""
Counts that describe a catalog: `catalog_stats` and `CatalogStats`.
"""

from __future__ import annotations

from typing import Any

import attrs

from tokencost._results import result
from tokencost.prices.catalog import Catalog, default_catalog

__all__ = ["CatalogStats", "catalog_stats"]


@result
@attrs.frozen
class CatalogStats:
    """How many providers and models a catalog holds, and of what kind."""

    providers: int
    """Providers (price sheets)."""
    first_party_providers: int
    """Providers that are a model maker's own API."""
    models: int
    """Models, counted once per provider."""
    with_tiers: int
    """Models whose current price has long-context tiers."""
    with_history: int
    """Models with more than one dated price period."""
    with_variants: int
    """Models whose current price has named variants (batch, flex...)."""
    with_windows: int
    """Models with time-of-day windows in some period (off-peak...)."""
    disputed: int
    """Models whose current price the sources disagree on by more than 1%."""
    currencies: tuple[tuple[str, int], ...]
    """Models per currency, most first."""

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row per count."""
        rows = [
            ["providers", f"{self.providers:,}"],
            ["first-party providers", f"{self.first_party_providers:,}"],
            ["models", f"{self.models:,}"],
            ["models with long-context tiers", f"{self.with_tiers:,}"],
            ["models with price history", f"{self.with_history:,}"],
            ["models with variants", f"{self.with_variants:,}"],
            ["models with time windows", f"{self.with_windows:,}"],
            ["models with disputed prices", f"{self.disputed:,}"],
        ]
        rows += [[f"models in {code}", f"{count:,}"] for code, count in self.currencies]
        return ["count", "value"], rows

    def to_dict(self) -> dict[str, Any]:
        """The counts by name."""
        out = attrs.asdict(self)
        out["currencies"] = dict(self.currencies)
        return out


def catalog_stats(catalog: Catalog | None = None) -> CatalogStats:
    """
    Count the providers and models of *catalog* (default the bundled one).
    """
    chosen = catalog or default_catalog()
    models = list(chosen)
    currencies: dict[str, int] = {}
    for model in models:
        currencies[model.currency] = currencies.get(model.currency, 0) + 1
    return CatalogStats(
        providers=len({m.provider for m in models}),
        first_party_providers=len({m.provider for m in models if m.first_party}),
        models=len(models),
        with_tiers=sum(1 for m in models if m.current.standard.tiers),
        with_history=sum(1 for m in models if len(m.periods) > 1),
        with_variants=sum(1 for m in models if m.current.variants),
        with_windows=sum(1 for m in models if any(p.windows for p in m.periods)),
        disputed=sum(1 for m in models if m.current.disputed),
        currencies=tuple(sorted(currencies.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
