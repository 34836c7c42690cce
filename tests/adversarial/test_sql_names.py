"""`tokencost sql` writes the names it is given into SQL: a name that is not
a plain identifier is refused, never pasted into a script that breaks (or
runs a statement of its own) in the warehouse."""

from __future__ import annotations

import pytest

from tests.engines.conftest import need

from .conftest import Run, one_error_line

SQL = ["sql", "--dialect", "postgres", "--model", "glm-5.2"]


class TestRefused:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["--table", "usage; DROP TABLE prices"],
                "--table 'usage; DROP TABLE prices' is not a table name",
            ),
            (["--table", "my schema.usage"], "--table 'my schema.usage'"),
            (["--table", "analytics..usage"], "--table 'analytics..usage'"),
            (["--table", 'a"b'], "--table 'a\"b'"),
            (["--model-column", "x'y"], '--model-column "x\'y" is not a column name'),
            (["--timestamp-column", "ts, 1"], "--timestamp-column 'ts, 1'"),
            (["--variant-column", "9lives"], "--variant-column '9lives'"),
            (["--map", 'input_tokens=a"b'], "--map column 'a\"b' is not a column name"),
            (["--by", 'team"x'], "--by column 'team\"x' is not a column name"),
            (["--by", "team,a`b"], "--by column 'a`b'"),
        ],
    )
    def test_not_an_identifier(self, cli: Run, argv: list[str], message: str) -> None:
        """Exit 2, one line naming the option, the value and what is accepted,
        and no SQL on stdout."""
        status, out, err = cli(*SQL, *argv)
        assert (status, out) == (2, "")
        line = one_error_line(err)
        assert message in line
        assert "letters, digits and underscores" in line


class TestAccepted:
    def test_plain_and_dotted_names(self, cli: Run) -> None:
        """Identifiers, and a table under its schema, go into the script."""
        need("sqlglot")
        status, out, err = cli(
            *SQL,
            "--table", "analytics.llm_usage",
            "--model-column", "model_name",
            "--timestamp-column", "ts",
            "--map", "input_tokens=prompt_tokens",
            "--map", "reasoning_tokens=-",
            "--by", "team,_project2",
        )  # fmt: skip
        assert (status, err) == (0, "")
        assert "FROM analytics.llm_usage AS t;" in out
        assert 'LOWER(TRIM(t."model_name")) AS name' in out
        assert 'COALESCE(t."prompt_tokens", 0) AS input_tokens' in out
        assert "0 AS reasoning_tokens" in out
        assert 't."team"' in out
        assert 't."_project2"' in out
