"""
Counts that describe a catalog: `catalog_stats` and `CatalogStats`.

Per provider: how many current prices rest on a first-party source, how many
more than one source vouches for, how many the sources dispute, and how old
the newest check of that provider's prices is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from tokencost._results import result
from tokencost.prices.catalog import Catalog, default_catalog
from tokencost.prices.model import ModelPrice, PricePeriod

__all__ = ["CatalogStats", "ProviderStats", "catalog_stats"]


@attrs.frozen
class ProviderStats:
    """The trust counts of one provider's current prices."""

    provider: str
    """The provider id."""
    models: int
    """Models priced."""
    first_party: int
    """Current prices of kind ``first-party``."""
    multi_source: int
    """Current prices more than one source speaks to: two or more agree, or
    some source disputes it."""
    disputed: int
    """Current prices some source disagrees with by more than 1%."""
    newest_check: date | None
    """The latest ``checked`` day among the current prices, on or before the
    day of the statistics; None if none is dated by then."""
    age_days: int | None
    """Days from ``newest_check`` to the day of the statistics."""


@result
@attrs.frozen
class CatalogStats:
    """How many providers and models a catalog holds, of what kind, and how
    far each provider's prices can be trusted."""

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
    first_party_prices: int = 0
    """Models whose current price is of kind ``first-party``."""
    multi_source: int = 0
    """Models whose current price more than one source speaks to."""
    as_of: date | None = None
    """The day ages are counted to."""
    by_provider: tuple[ProviderStats, ...] = ()
    """The trust counts per provider, by provider id."""

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row per provider, then the whole catalog."""
        headers = [
            "provider",
            "models",
            "first-party",
            "multi-source",
            "disputed",
            "newest check",
            "age (days)",
        ]
        rows = [
            [
                p.provider,
                f"{p.models:,}",
                f"{p.first_party:,}",
                f"{p.multi_source:,}",
                f"{p.disputed:,}",
                "-" if p.newest_check is None else p.newest_check.isoformat(),
                "-" if p.age_days is None else f"{p.age_days:,}",
            ]
            for p in self.by_provider
        ]
        newest = max(
            (p.newest_check for p in self.by_provider if p.newest_check), default=None
        )
        rows.append(
            [
                f"all {self.providers:,} providers",
                f"{self.models:,}",
                f"{self.first_party_prices:,}",
                f"{self.multi_source:,}",
                f"{self.disputed:,}",
                "-" if newest is None else newest.isoformat(),
                "-"
                if newest is None or self.as_of is None
                else f"{(self.as_of - newest).days:,}",
            ]
        )
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """The counts by name."""
        out = attrs.asdict(self, recurse=True)
        out["currencies"] = dict(self.currencies)
        return out


def catalog_stats(
    catalog: Catalog | None = None, *, as_of: date | None = None
) -> CatalogStats:
    """
    Count the providers and models of *catalog* (default the bundled one);
    ages are counted to *as_of* (default today, in UTC), and each model is
    counted by its price in force that day.
    """
    from tokencost._parsing import as_date

    today = as_date(as_of, what="as_of")
    chosen = catalog or default_catalog()
    models = list(chosen)
    currencies: dict[str, int] = {}
    grouped: dict[str, list[Any]] = {}
    # Each model's period in force on *as_of*, found once: the counts below
    # read it several times.
    periods: dict[int, PricePeriod] = {}
    for model in models:
        currencies[model.currency] = currencies.get(model.currency, 0) + 1
        grouped.setdefault(model.provider, []).append(model)
        periods[id(model)] = model.current_on(today)

    def current(m: ModelPrice) -> PricePeriod:
        return periods[id(m)]

    def multi(m: ModelPrice) -> bool:
        return len(current(m).agree) > 1 or bool(current(m).disputed)

    by_provider = []
    for provider in sorted(grouped):
        group = grouped[provider]
        checked = (current(m).checked for m in group)
        # A source read after the day of the statistics had not been read
        # on that day: its check would give a negative age.
        dates = [day for day in checked if day is not None and day <= today]
        newest = max(dates, default=None)
        by_provider.append(
            ProviderStats(
                provider=provider,
                models=len(group),
                first_party=sum(1 for m in group if current(m).kind == "first-party"),
                multi_source=sum(1 for m in group if multi(m)),
                disputed=sum(1 for m in group if current(m).disputed),
                newest_check=newest,
                age_days=None if newest is None else (today - newest).days,
            )
        )
    return CatalogStats(
        providers=len(grouped),
        first_party_providers=len({m.provider for m in models if m.first_party}),
        models=len(models),
        with_tiers=sum(1 for m in models if current(m).standard.tiers),
        with_history=sum(1 for m in models if len(m.periods) > 1),
        with_variants=sum(1 for m in models if current(m).variants),
        with_windows=sum(1 for m in models if any(p.windows for p in m.periods)),
        disputed=sum(1 for m in models if current(m).disputed),
        currencies=tuple(sorted(currencies.items(), key=lambda kv: (-kv[1], kv[0]))),
        first_party_prices=sum(1 for m in models if current(m).kind == "first-party"),
        multi_source=sum(1 for m in models if multi(m)),
        as_of=today,
        by_provider=tuple(by_provider),
    )
