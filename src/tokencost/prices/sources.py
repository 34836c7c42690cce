"""
What each upstream source says about a model's price: `sources`.

The bundled catalog is built from several sources (hand-checked first-party
sheets, genai-prices, LiteLLM, llm-prices). The figures of each, for the
current standard price of every model, are kept in a side file,
``data/sources.json``, read only when `sources` is called, so loading the
catalog never pays for it.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from typing import Any

import attrs

from tokencost._results import result
from tokencost.prices.catalog import Catalog, resolve
from tokencost.prices.model import ModelPrice, Rates

__all__ = ["SourceFigures", "sources"]

#: The components the sources are compared on, as sheet field names.
COMPARED: tuple[str, ...] = (
    "input_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
    "cache_write_1h_mtok",
    "output_mtok",
)
_TOLERANCE = Decimal("0.01")


@functools.cache
def _side_file() -> dict[str, Any]:
    from tokencost.prices.bundled import data_path

    with open(data_path("sources.json"), encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    return data


def differs(a: Decimal, b: Decimal) -> bool:
    """Whether two prices differ by more than 1% of the larger."""
    top = max(abs(a), abs(b))
    return bool(top) and abs(a - b) / top > _TOLERANCE


@result
@attrs.frozen
class SourceFigures:
    """
    One model's current standard price in the catalog and in each source.

    ``figures`` holds, per source, the prices per million tokens it gives
    (only the components it knows). ``agree`` and ``disputed`` are what the
    catalog recorded when it was built.
    """

    model: str
    """The full id, ``provider:model``."""
    currency: str
    """The currency of every figure."""
    catalog: Rates
    """The standard rates the catalog uses now."""
    figures: tuple[tuple[str, tuple[tuple[str, Decimal], ...]], ...]
    """(source, ((component, price per MTok), ...)) for each source."""
    agree: tuple[str, ...] = ()
    """Sources within 1% of the catalog on every component they share."""
    disputed: tuple[str, ...] = ()
    """Components on which some source differs by more than 1%."""

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row for the catalog, then one per source; ``*`` marks a
        figure more than 1% from the catalog's."""
        names = [c.removesuffix("_mtok").replace("_", " ") for c in COMPARED]
        headers = ["source", *names]
        headers[1] = f"input ({self.currency}/MTok)"
        ours = {c: getattr(self.catalog, c) for c in COMPARED}
        rows = [
            ["catalog", *("-" if ours[c] is None else str(ours[c]) for c in COMPARED)]
        ]
        for source, values in self.figures:
            given = dict(values)
            row = [source]
            for component in COMPARED:
                value, mine = given.get(component), ours[component]
                if value is None:
                    row.append("-")
                else:
                    flag = mine is not None and differs(value, mine)
                    row.append(f"{value}{' *' if flag else ''}")
            rows.append(row)
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """Every figure, exact."""
        return {
            "model": self.model,
            "currency": self.currency,
            "catalog": {c: getattr(self.catalog, c) for c in COMPARED},
            "sources": {source: dict(values) for source, values in self.figures},
            "agree": list(self.agree),
            "disputed": list(self.disputed),
        }


def sources(
    model: str | ModelPrice, *, catalog: Catalog | None = None
) -> SourceFigures:
    """
    What each source of the bundled catalog says about *model*'s price.

    A model that is not in the bundled catalog (a user's own sheet) has no
    source figures; the result then lists the catalog's price alone.

    >>> s = sources("zai:glm-5.2")
    >>> dict(dict(s.figures)["curated"])["output_mtok"], s.disputed
    (Decimal('4.13'), ('cache_write', 'output'))
    """
    price = resolve(model, catalog)
    period = price.current
    found = _side_file()["models"].get(price.id, {})
    figures = tuple(
        (
            source,
            tuple(
                (c, Decimal(values[c])) for c in COMPARED if values.get(c) is not None
            ),
        )
        for source, values in found.items()
    )
    return SourceFigures(
        model=price.id,
        currency=price.currency,
        catalog=period.standard.rates,
        figures=figures,
        agree=period.agree,
        disputed=period.disputed,
    )
