"""
What each source says about a model's price, and which one is of record:
`sources`.

The bundled catalog is built from several sources: the curated sheets
(first-party figures, each dated by the day its page was read), secondary
figures kept beside them (news, other projects' notes), and the aggregators
genai-prices, LiteLLM and llm-prices. The build chooses the price of record
by authority (first-party, then aggregator, then secondary), then by
recency, and keeps every source's figures for the current standard price in
a side file, ``data/sources.json``, read only when `sources` is called.

The same model sold by another first-party list in another currency (Z.ai's
GLM-5.2 in USD, bigmodel.cn's in CNY) is shown beside it, never compared.
"""

from __future__ import annotations

import functools
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from tokencost._results import result
from tokencost.prices.catalog import Catalog, default_catalog, resolve
from tokencost.prices.model import (
    ModelPrice,
    PricePeriod,
    Rates,
)
from tokencost.prices.moments import moment_iso, moment_text, utc_moment

__all__ = ["SourceFigure", "SourceFigures", "sources"]

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


@attrs.frozen
class SourceFigure:
    """One source's figures for a model's current standard price."""

    source: str
    """``curated``, ``secondary``, ``genai-prices``, ``litellm``,
    ``llm-prices``, or another list's ``provider:model`` id."""
    kind: str | None
    """``first-party``, ``aggregator`` or ``secondary``."""
    checked: date | None
    """The day the source was read, when known."""
    currency: str
    """The currency of the figures."""
    figures: tuple[tuple[str, Decimal], ...]
    """(component, price per million tokens), for the components it gives."""
    cite: str
    """What the source is: a URL, a document, a release."""
    of_record: bool = False
    """Whether the catalog's price is this source's."""
    since: datetime | None = None
    """For a price the catalog holds from later than the day the sources
    were compared on (`SourceFigures.scheduled`): its first moment, in UTC
    (midnight for a price that starts with a day)."""


@result
@attrs.frozen
class SourceFigures:
    """
    One model's standard price in the catalog and in each source, on the
    day the sources were compared, and the catalog's prices announced for
    later days.

    ``rows`` holds one `SourceFigure` per source, the one of record first;
    ``why`` says why it was chosen. ``agree`` and ``disputed`` are what the
    catalog recorded when it was built.
    """

    model: str
    """The full id, ``provider:model``."""
    currency: str
    """The currency of the catalog's price."""
    catalog: Rates
    """The standard rates the catalog uses on `compared_on`."""
    rows: tuple[SourceFigure, ...] = ()
    """Every source's figures."""
    chosen: str | None = None
    """The source of record, when the model comes from the bundled build."""
    why: str | None = None
    """Why that source is of record."""
    agree: tuple[str, ...] = ()
    """Sources within 1% of the catalog on every component they share."""
    disputed: tuple[str, ...] = ()
    """Components on which some source differs by more than 1%."""
    compared_on: date | None = None
    """The day the sources were compared on (the day the bundled catalog's
    inputs were taken): ``catalog`` is the price in force that day."""
    scheduled: tuple[SourceFigure, ...] = ()
    """The catalog's prices from a later day than `compared_on`, one per
    period, labelled ``catalog from DAY``: a change already announced,
    which the sources are not compared on."""

    @property
    def figures(self) -> tuple[tuple[str, tuple[tuple[str, Decimal], ...]], ...]:
        """(source, figures) for each source in the catalog's currency."""
        return tuple(
            (r.source, r.figures) for r in self.rows if r.currency == self.currency
        )

    def table(self) -> tuple[list[str], list[list[str]]]:
        """One row for the catalog, then one per source; ``*`` marks a
        figure more than 1% from the catalog's, in the same currency."""
        names = [c.removesuffix("_mtok").replace("_", " ") for c in COMPARED]
        headers = ["source", "kind", "checked", "currency", *names, "of record"]
        ours = {c: getattr(self.catalog, c) for c in COMPARED}
        label = "catalog"
        if self.scheduled:
            since = self.scheduled[0].since
            label = "catalog before " + ("-" if since is None else moment_text(since))
        rows = [
            [
                label,
                "",
                "",
                self.currency,
                *("-" if ours[c] is None else str(ours[c]) for c in COMPARED),
                "",
            ]
        ]
        for row in self.rows:
            given = dict(row.figures)
            cells = [
                row.source,
                row.kind or "-",
                "-" if row.checked is None else row.checked.isoformat(),
                row.currency,
            ]
            for component in COMPARED:
                value, mine = given.get(component), ours[component]
                if value is None:
                    cells.append("-")
                    continue
                flag = (
                    row.currency == self.currency
                    and mine is not None
                    and differs(value, mine)
                )
                cells.append(f"{value}{' *' if flag else ''}")
            cells.append(f"yes: {self.why}" if row.of_record else "")
            rows.append(cells)
        for row in self.scheduled:
            given = dict(row.figures)
            rows.append(
                [
                    row.source,
                    row.kind or "-",
                    "-" if row.checked is None else row.checked.isoformat(),
                    row.currency,
                    *(str(given[c]) if c in given else "-" for c in COMPARED),
                    "",
                ]
            )
        return headers, rows

    def to_dict(self) -> dict[str, Any]:
        """Every figure, exact, with its provenance."""
        return {
            "model": self.model,
            "currency": self.currency,
            "catalog": {c: getattr(self.catalog, c) for c in COMPARED},
            "chosen": self.chosen,
            "why": self.why,
            "sources": [
                {
                    "source": r.source,
                    "kind": r.kind,
                    "checked": r.checked,
                    "currency": r.currency,
                    "figures": dict(r.figures),
                    "cite": r.cite,
                    "of_record": r.of_record,
                }
                for r in self.rows
            ],
            "agree": list(self.agree),
            "disputed": list(self.disputed),
            "compared_on": self.compared_on,
            "scheduled": [
                {
                    "from": None if r.since is None else moment_iso(r.since),
                    "kind": r.kind,
                    "checked": r.checked,
                    "figures": dict(r.figures),
                    "cite": r.cite,
                }
                for r in self.scheduled
            ],
        }


def _figures(values: dict[str, Any]) -> tuple[tuple[str, Decimal], ...]:
    return tuple((c, Decimal(values[c])) for c in COMPARED if values.get(c) is not None)


def _sibling(price: ModelPrice, on: date) -> SourceFigure:
    return _figure(price, price.current_on(on), price.id)


def _figure(price: ModelPrice, period: PricePeriod, label: str) -> SourceFigure:
    rates = period.standard.rates
    return SourceFigure(
        source=label,
        kind=period.kind,
        checked=period.checked,
        currency=price.currency,
        figures=tuple(
            (c, getattr(rates, c)) for c in COMPARED if getattr(rates, c) is not None
        ),
        cite=period.source,
    )


def sources(
    model: str | ModelPrice, *, catalog: Catalog | None = None
) -> SourceFigures:
    """
    What each source of the bundled catalog says about *model*'s price, which
    one is of record and why, and the same model on the other first-party
    lists (in their currencies).

    A model that is not in the bundled catalog (a user's own sheet) has no
    source figures; the result then lists the catalog's price alone.

    >>> s = sources("zai:glm-5.2")
    >>> s.chosen, dict(s.rows[0].figures)["output_mtok"]
    ('curated', Decimal('4.40'))
    >>> others = ("secondary", "zhipuai:glm-5.2")
    >>> [(r.source, r.currency, dict(r.figures)["output_mtok"])
    ...  for r in s.rows if r.source in others]
    [('secondary', 'USD', Decimal('4.13')), ('zhipuai:glm-5.2', 'CNY', Decimal('28'))]
    """
    chosen_catalog = catalog or default_catalog()
    price = resolve(model, chosen_catalog)
    side = _side_file()
    # The sources were compared on the prices in force on the build's day;
    # a price that starts later is shown on a row of its own.
    on = date.fromisoformat(side["compared_on"])
    period = price.current_on(on)
    found = side["models"].get(price.id, {})
    chosen = found.get("chosen")
    why = found.get("why")
    record = found.get("sources", {}).get(chosen, {})
    overridden = bool(found) and record.get("cite") != period.source
    if overridden:
        # A sheet of the caller's replaced the bundled price: the bundled
        # sources are shown, but none of them is of record.
        chosen, why = None, "a sheet loaded over the bundled catalog replaces it"
    rows = [
        SourceFigure(
            source=source,
            kind=values.get("kind"),
            checked=None
            if values.get("checked") is None
            else date.fromisoformat(values["checked"]),
            currency=price.currency,
            figures=_figures(values),
            cite=values.get("cite", ""),
            of_record=source == chosen,
        )
        for source, values in found.get("sources", {}).items()
    ]
    if overridden:
        own = _figure(price, period, "loaded sheet")
        rows.insert(0, attrs.evolve(own, of_record=True))
    rows.sort(key=lambda r: not r.of_record)
    scheduled = tuple(
        attrs.evolve(
            _figure(price, later, f"catalog from {moment_text(later.start)}"),
            since=later.start,
        )
        for later in price.periods
        if later.start is not None and later.start > utc_moment(on)
    )
    rows += [
        _sibling(other, on)
        for other in chosen_catalog.siblings(price)
        if other.currency != price.currency
    ]
    return SourceFigures(
        model=price.id,
        currency=price.currency,
        catalog=period.standard.rates,
        rows=tuple(rows),
        chosen=chosen,
        why=why,
        agree=period.agree,
        disputed=period.disputed,
        compared_on=on,
        scheduled=scheduled,
    )
