"""
CSV bills: bytes that are not UTF-8 named by their line, and header names
that are blank, in every engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tokencost as tc
from tests.engines.conftest import need

from .conftest import Run, one_error_line

HEAD = "model,timestamp,input_tokens,project"
ROW = "glm-5.2,2026-07-01,1000,a"


class TestNotUtf8:
    @pytest.mark.parametrize("rows_before", [0, 1, 2_000])
    def test_names_the_line(self, tmp_path: Path, rows_before: int) -> None:
        """The line of the bad byte, however far into the file (the
        decoder reads the file in chunks of several KiB)."""
        path = tmp_path / "usage.csv"
        path.write_bytes(
            (HEAD + "\n" + (ROW + "\n") * rows_before).encode()
            + b"glm-5.2,2026-07-01,1000,caf\xe9\n"
            + (ROW + "\n").encode()
        )
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill_file(path)
        assert str(caught.value) == (
            f"{path}:{rows_before + 2}: not UTF-8 text (byte 28 of the line is 0xe9)"
        )

    def test_in_the_header(self, tmp_path: Path) -> None:
        path = tmp_path / "usage.csv"
        path.write_bytes(b"model,timestamp,input_tokens,pr\xf6ject\n" + ROW.encode())
        with pytest.raises(tc.InvalidInputError) as caught:
            tc.bill_file(path)
        assert str(caught.value) == (
            f"{path}:1: not UTF-8 text (byte 32 of the line is 0xf6)"
        )

    def test_after_text_of_other_scripts(self, tmp_path: Path) -> None:
        """The byte is counted in bytes, past characters of several bytes."""
        path = tmp_path / "usage.csv"
        path.write_bytes(
            (HEAD + "\n").encode() + "glm-5.2,2026-07-01,1000,项目".encode() + b"\xff\n"
        )
        with pytest.raises(tc.InvalidInputError, match=r":2: .*byte 31 .* 0xff"):
            tc.bill_file(path)

    def test_utf8_of_other_scripts_is_text(self, tmp_path: Path) -> None:
        path = tmp_path / "usage.csv"
        path.write_text(f"{HEAD}\nglm-5.2,2026-07-01,1000,项目\n", encoding="utf-8")
        found = tc.bill_file(path, by="project")
        assert [(g.key, g.total.amount) for g in found.groups] == [
            (("项目",), tc.cost("glm-5.2", input_tokens=1000).total.amount)
        ]


class TestBlankHeaderName:
    @pytest.mark.parametrize("engine", ["python", "duckdb"])
    @pytest.mark.parametrize("header", [f"{HEAD}, ", f"{HEAD},", f" ,{HEAD}"])
    def test_refused_in_every_engine(
        self, tmp_path: Path, cli: Run, engine: str, header: str
    ) -> None:
        if engine == "duckdb":
            need("duckdb")
        path = tmp_path / "usage.csv"
        cells = "x," + ROW if header.startswith(" ,") else ROW + ",x"
        path.write_text(f"{header}\n{cells}\n")
        status, _, err = cli("bill", str(path), "--engine", engine)
        assert status == 2
        assert one_error_line(err) == (
            f"tokencost: error: {path}:1: the header has an empty column name"
        )
