"""
BigQuery's and Snowflake's scripts, against reviewed golden files.

These warehouses cannot run here, so their scripts are compared with files
a person checked against each warehouse's documentation: BigQuery's rates
are BIGNUMERIC (NUMERIC keeps only 9 decimals) written as BIGNUMERIC
literals (a bare 0.00000125 would be a FLOAT64), its integers INT64, its
identifiers in backticks, its day of the week from EXTRACT(DAYOFWEEK),
Sunday first; Snowflake's rates are NUMBER(26, 20), its day of the week
DAYOFWEEKISO, its names unquoted (it folds them to upper case, as it does
the usage table's), and its strings escape backslashes. After a deliberate change, rewrite them with
``TOKENCOST_WRITE_GOLDEN=1 pytest tests/engines/test_golden.py`` and review
the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tokencost as tc
from tests.engines.conftest import HERE, need
from tokencost.engines.scripts import script
from tokencost.prices.table import name_rows, price_rows

GOLDEN = HERE / "golden"


def _script(dialect: str) -> str:
    catalog = tc.load_catalog(HERE / "fixtures", bundled=False)
    models = catalog.models()
    return script(
        dialect,
        price_rows(models),
        name_rows(catalog, models),
        table="analytics.llm_usage",
        tokens={"input_tokens": "prompt_tokens", "reasoning_tokens": "-"},
        by=["customer"],
    )


@pytest.mark.parametrize("dialect", ["bigquery", "snowflake"])
def test_matches_the_golden_file(dialect: str) -> None:
    """The script is the reviewed one, byte for byte."""
    need("sqlglot")
    path = Path(GOLDEN / f"{dialect}.sql")
    text = _script(dialect)
    if os.environ.get("TOKENCOST_WRITE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text()


@pytest.mark.parametrize(
    ("dialect", "present", "absent"),
    [
        (
            "bigquery",
            [
                "`input_rate` BIGNUMERIC",
                "BIGNUMERIC '0.00000125000000000000'",
                "`row_id` INT64",
                "MOD(EXTRACT(DAYOFWEEK FROM t.`timestamp`) + 5, 7) + 1",
            ],
            ["NUMERIC(", "DECIMAL"],
        ),
        (
            "snowflake",
            [
                "input_rate NUMBER(26, 20)",
                "CAST('0.00000125000000000000' AS NUMBER(26, 20))",
                "DAYOFWEEKISO(t.timestamp)",
                "ALTER SESSION SET TIMEZONE = 'UTC';",
            ],
            ["BIGNUMERIC", "FLOAT"],
        ),
    ],
)
def test_types_follow_the_warehouse(
    dialect: str, present: list[str], absent: list[str]
) -> None:
    """The decimal types and literals each warehouse needs to stay exact."""
    need("sqlglot")
    text = _script(dialect)
    for part in present:
        assert part in text
    for part in absent:
        assert part not in text
