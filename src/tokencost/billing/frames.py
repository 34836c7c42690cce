"""
`price_records`: a table of usage records with the price of each added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tokencost._errors import InvalidInputError
from tokencost.billing.columnar import arrow_records, as_arrow, need
from tokencost.billing.engine import bill
from tokencost.billing.shapes import FIELDS, changes_reading
from tokencost.engines.duck import price_arrow
from tokencost.engines.query import NotClean, check_no_clash
from tokencost.prices.catalog import default_catalog

if TYPE_CHECKING:
    from tokencost.prices.catalog import Catalog

__all__ = ["price_records"]


def price_records(data: Any, *, catalog: Catalog | None = None) -> Any:
    """
    The records of a DataFrame or Arrow table with their prices added.

    Returns the same kind of table as *data* (pandas, Polars or Arrow), the
    rows in their order, with these columns added: ``model_id``,
    ``currency``, ``time_window`` (null outside any), ``tier`` (0 below every
    long-context tier), ``period_start``, the cost of each component
    (``input_cost``, ``cache_read_cost``, ``cache_read_audio_cost``,
    ``cache_write_cost``, ``cache_write_1h_cost``, ``output_cost``,
    ``reasoning_cost``, the costs of other modalities (``input_audio_cost``...)
    and ``request_cost``) and ``cost``: exact decimals with 20 places, each equal
    to what `cost` gives for the record. Needs the ``duckdb`` extra.

    Raises:
        TokencostError: the first record that cannot be priced, named by its
            row (``record 3: unknown model ...``), as `bill` names it.
    """
    need("duckdb", "duckdb")
    table = as_arrow(data)
    check_no_clash(table.column_names)
    catalog = catalog or default_catalog()
    try:
        priced = price_arrow(table, catalog=catalog, suspect=changes_reading)
    except NotClean as exc:
        # The Python engine names the first bad record...
        bill(arrow_records(table), catalog=catalog)
        # ...unless DuckDB refused a column or a value the Python engine reads.
        unread = [
            name
            for name in table.column_names
            if name not in FIELDS and changes_reading(name)
        ]
        if unread:
            raise InvalidInputError(
                f"price_records reads the columns {', '.join(FIELDS)}, not "
                f"{unread[0]!r}, which may hold token counts or charges; bill "
                "these records with tokencost.bill, which reads it"
            ) from None
        row = f"record {exc.args[0]}: " if exc.args else ""
        raise InvalidInputError(
            f"{row}the DuckDB engine prices only plain values (text names and "
            "variants, whole counts, ISO timestamps such as "
            "2026-07-01T09:30:00Z); bill these records with tokencost.bill"
        ) from None
    kind = type(data).__module__.split(".")[0]
    if kind == "polars":
        import polars as pl

        return pl.from_arrow(priced)
    if kind == "pandas":
        return priced.to_pandas()
    return priced
