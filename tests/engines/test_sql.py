"""`tokencost sql`: the script for each dialect, run where it can be run here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import tokencost as tc
from tests.engines.conftest import need
from tokencost.cli.main import main
from tokencost.engines.scripts import script
from tokencost.prices.table import name_rows, price_rows

#: A usage table as a warehouse holds it: timestamps in UTC.
USAGE = [
    ("lab-1", "2026-07-06 16:45:00", None, 150_000, 2_000, 0, 0, "search"),
    ("LAB-ONE", "2026-07-04 23:00:00", None, 1_000, 10, 400, 100, "search"),
    ("lab-1", "2026-03-02 09:00:00", "batch", 10_000, 500, 0, 0, "agents"),
    ("lab-1", "2026-03-02 09:00:00", None, 300_000, 500, 1_000, 2_000, "agents"),
    ("deepseek-chat", "2025-03-03 17:00:00", None, 1_000_000, 1_000_000, 0, 0, "x"),
    # DeepSeek's list of 2025-09-05 took effect at 16:00 UTC.
    (
        "deepseek-chat",
        "2025-09-05 15:59:59",
        None,
        1_000_000,
        1_000_000,
        100_000,
        0,
        "before",
    ),
    (
        "deepseek-chat",
        "2025-09-05 16:00:00",
        None,
        1_000_000,
        1_000_000,
        100_000,
        0,
        "after",
    ),
    ("zhipuai:glm-5.2", "2026-07-01 09:30:00", None, 120_000, 4_000, 0, 0, "x"),
    ("glm-9", "2026-07-01 09:30:00", None, 1, 1, 0, 0, "x"),
]
MODELS = ("lab-1", "deepseek-chat", "zhipuai:glm-5.2")
#: The groups of the rows around DeepSeek's change: (records, total,
#: unpriced); 0.9 x 0.27 + 0.1 x 0.07 + 1.10 before, 0.9 x 0.56 + 0.1 x 0.07
#: + 1.68 from 16:00 UTC.
CHANGE = {
    ("deepseek:deepseek-chat", "before"): (1, Decimal("1.35"), 0),
    ("deepseek:deepseek-chat", "after"): (1, Decimal("2.191"), 0),
}


def expected(lab: tc.Catalog) -> dict[tuple[str, str], tuple[int, Decimal | None, int]]:
    """(model id, project) -> (records, total, unpriced), from `cost`."""
    found: dict[tuple[str, str], list[Any]] = {}
    for model, at, variant, prompt, output, read, write, project in USAGE:
        try:
            price = lab.get(model)
        except tc.UnknownModelError:
            continue
        amount = tc.cost(
            price,
            tc.Usage(prompt, output, cache_read_tokens=read, cache_write_tokens=write),
            at=at.replace(" ", "T") + "Z",
            variant=variant,
        ).total.amount
        entry = found.setdefault((price.id, project), [0, Decimal(0), 0])
        entry[0] += 1
        entry[1] += amount
    return {k: (v[0], v[1], v[2]) for k, v in found.items()}


def _script(lab: tc.Catalog, dialect: str) -> str:
    models = [lab.get(m) for m in MODELS]
    names = name_rows(lab, models)
    return script(dialect, price_rows(models), names, by=["project"])


def _statements(text: str) -> list[str]:
    return [s for s in text.split(";\n\n") if s.strip()]


class TestDuckDB:
    def test_the_script_bills_a_usage_table(self, lab: tc.Catalog) -> None:
        """DuckDB runs the script; each group's total is the sum of `cost`,
        and the unknown model is counted as unpriced, not summed as zero."""
        duckdb = need("duckdb")
        con = duckdb.connect()
        con.execute(
            "CREATE TABLE usage (model VARCHAR, timestamp TIMESTAMPTZ, variant VARCHAR, "
            "input_tokens BIGINT, output_tokens BIGINT, cache_read_tokens BIGINT, "
            "cache_write_tokens BIGINT, project VARCHAR, cache_write_1h_tokens BIGINT, "
            "reasoning_tokens BIGINT)"
        )
        con.execute("SET TimeZone = 'UTC'")
        for row in USAGE:
            con.execute(
                "INSERT INTO usage VALUES (?, CAST(? || '+00' AS TIMESTAMPTZ), ?, ?, ?, ?, ?, ?, NULL, NULL)",
                list(row),
            )
        *setup, query = _statements(_script(lab, "duckdb"))
        for statement in setup:
            con.execute(statement)
        rows = con.execute(query).fetchall()
        got = {(r[0], r[2]): (r[3], r[-2], r[-1]) for r in rows}
        want = expected(lab)
        assert {k: v for k, v in got.items() if k[0] is not None} == want
        assert got[(None, "x")] == (1, None, 1)
        assert {k: got[k] for k in CHANGE} == CHANGE


class TestCommand:
    def test_prints_the_script(self, capsys: pytest.CaptureFixture[str]) -> None:
        need("sqlglot")
        """`tokencost sql` prints the script for the models asked for."""
        assert main(["sql", "--dialect", "postgres", "--model", "glm-5.2"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("SET TIME ZONE 'UTC';")
        assert "CAST('0.00000140000000000000' AS NUMERIC(26, 20))" in out
        assert "CREATE VIEW priced_usage AS" in out

    def test_map_and_columns(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Columns are renamed and a missing count reads as zero."""
        assert (
            main(
                [
                    "sql",
                    "--dialect",
                    "duckdb",
                    "--model",
                    "glm-5.2",
                    "--table",
                    "logs",
                    "--timestamp-column",
                    "ts",
                    "--map",
                    "input_tokens=prompt_tokens",
                    "--map",
                    "reasoning_tokens=-",
                ]
            )
            == 0
        )
        out = capsys.readouterr().out
        assert 'COALESCE(t."prompt_tokens", 0) AS input_tokens' in out
        assert "0 AS reasoning_tokens" in out
        assert 'CAST(t."ts" AS DATE) AS day' in out
        assert "FROM logs AS t;" in out

    @pytest.mark.parametrize(
        ("argv", "status", "message"),
        [
            (["sql", "--dialect", "oracle"], 2, "invalid choice: 'oracle'"),
            (
                ["sql", "--dialect", "duckdb", "--map", "tokens=x"],
                2,
                "cannot read --map 'tokens=x'",
            ),
            (
                ["sql", "--dialect", "duckdb", "--model", "glm-9"],
                1,
                "unknown model 'glm-9'",
            ),
        ],
    )
    def test_bad_usage(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        status: int,
        message: str,
    ) -> None:
        """Bad options are one line, with the usual statuses."""
        assert main(argv) == status
        assert message in capsys.readouterr().err


class TestPostgres:
    def test_the_script_bills_a_usage_table(
        self, lab: tc.Catalog, postgres: Any
    ) -> None:
        """A real PostgreSQL server runs the script; totals as `cost` gives
        them, and text (DeepSeek's apostrophe) kept whole."""
        values = ",\n".join(
            f"('{m}', TIMESTAMPTZ '{at}+00', {'NULL' if v is None else repr(v)}, "
            f"{i}, {o}, {r}, {w}, '{p}', NULL, NULL)"
            for m, at, v, i, o, r, w, p in USAGE
        )
        table = (
            "CREATE TABLE usage (model TEXT, timestamp TIMESTAMPTZ, variant TEXT, "
            "input_tokens BIGINT, output_tokens BIGINT, cache_read_tokens BIGINT, "
            "cache_write_tokens BIGINT, project TEXT, cache_write_1h_tokens BIGINT, "
            f"reasoning_tokens BIGINT);\nINSERT INTO usage VALUES\n{values};\n"
        )
        rows = postgres.sql(
            table + _script(lab, "postgres") + "SELECT '#', source FROM token_prices;\n"
        )
        got = {
            (r[0] or None, r[2]): (
                int(r[3]),
                Decimal(r[-2]) if r[-2] else None,
                int(r[-1]),
            )
            for r in rows
            if r[0] != "#"
        }
        assert {k: v for k, v in got.items() if k[0] is not None} == expected(lab)
        assert got[(None, "x")] == (1, None, 1)
        assert {k: got[k] for k in CHANGE} == CHANGE
        assert {r[1] for r in rows if r[0] == "#"} == {
            period.source for model in MODELS for period in lab.get(model).periods
        }
