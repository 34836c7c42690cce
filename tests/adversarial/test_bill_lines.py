"""JSONL bills: what may surround the object on a line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc

from .conftest import Run, one_error_line

# 1,000 input tokens of glm-5.2 at 1.40 USD per million: 0.0014 USD.
RECORD = '{"model": "glm-5.2", "timestamp": "2026-07-01", "input_tokens": 1000}'


class TestWhiteSpace:
    """A JSONL line may have JSON's white space around its object (space,
    tab, CR, LF), and nothing else."""

    @pytest.mark.parametrize("space", [" ", "\t", " \t ", "\r"])
    def test_json_space(self, tmp_path: Path, space: str) -> None:
        path = tmp_path / "usage.jsonl"
        path.write_text(f"{space}{RECORD}{space}\n{space}\n")
        found = tc.bill_file(path)
        assert (found.records, found.total().amount) == (1, Decimal("0.0014"))

    @pytest.mark.parametrize(
        "space", ["\x0c", "\x0b", "\x1c", "\u00a0", "\u3000", "\u2028"]
    )
    def test_other_space_is_no_record(
        self, tmp_path: Path, cli: Run, space: str
    ) -> None:
        """A form feed, a no-break space or an ideographic space before the
        object, or alone on a line, is refused with its line."""
        for text in (f"{RECORD}\n{space}{RECORD}\n", f"{RECORD}\n{space}\n"):
            path = tmp_path / "usage.jsonl"
            path.write_text(text, encoding="utf-8")
            status, _, err = cli("bill", str(path), "--engine", "python")
            assert status == 2
            assert one_error_line(err).startswith(
                f"tokencost: error: {path}:2: not a JSON object"
            )
