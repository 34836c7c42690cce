"""Sheets, profiles and import files: encodings, nesting, endless streams,
huge prices, digits beyond any precision."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc

from .conftest import Run, one_error_line

SHEET = """\
provider = "acme"
name = "Acme"
currency = "USD"
first_party = true

[[models]]
id = "acme-x"

[[models.periods]]
from = 2026-01-01
source = "tests"
checked = 2026-01-01
input_mtok = {input}
output_mtok = 8
"""


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


class TestEncodings:
    def test_bom_accepted(self, tmp_path: Path) -> None:
        """A leading UTF-8 BOM is accepted by the sheet reader."""
        text = SHEET.format(input=2)
        path = _write(tmp_path, "acme.toml", b"\xef\xbb\xbf" + text.encode())
        catalog = tc.load_catalog(path, bundled=False)
        assert tc.cost("acme-x", input_tokens=1_000_000, catalog=catalog).total == (
            tc.Money(2, "USD")
        )

    @pytest.mark.parametrize(
        "data",
        [
            SHEET.format(input=2).replace('"Acme"', '"Acm\xe9"').encode("latin-1"),
            SHEET.format(input=2).encode("utf-16"),
            b"\xff\xfe\x00\x00garbage",
        ],
    )
    @pytest.mark.parametrize("suffix", [".toml", ".json"])
    def test_not_utf8(self, tmp_path: Path, data: bytes, suffix: str) -> None:
        path = _write(tmp_path, "bad" + suffix, data)
        with pytest.raises(tc.InvalidPriceSheetError, match="UTF-8"):
            tc.load_catalog(path, bundled=False)

    def test_profiles_not_utf8(self, cli: Run, tmp_path: Path) -> None:
        path = _write(tmp_path, "p.toml", "name = 'caf\xe9'".encode("utf-16"))
        status, _, err = cli("profiles", "--profiles", str(path))
        assert status == 2
        assert "UTF-8" in one_error_line(err)

    def test_import_not_utf8(self, cli: Run, tmp_path: Path) -> None:
        path = _write(tmp_path, "litellm.json", '{"a": "\xe9"}'.encode("utf-16"))
        status, _, err = cli("import", "litellm", str(path), "--out", str(tmp_path))
        assert status == 2
        one_error_line(err)


class TestNesting:
    def test_deep_json(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "deep.json", b"[" * 200_000 + b"]" * 200_000)
        with pytest.raises(tc.InvalidPriceSheetError):
            tc.load_catalog(path, bundled=False)

    def test_deep_toml(self, tmp_path: Path) -> None:
        path = _write(tmp_path, "deep.toml", b"a = " + b"[" * 200_000 + b"]" * 200_000)
        with pytest.raises(tc.InvalidPriceSheetError):
            tc.load_catalog(path, bundled=False)

    def test_deep_json_cli(self, cli: Run, tmp_path: Path) -> None:
        path = _write(tmp_path, "deep.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000)
        status, _, err = cli("cost", "acme-x", "--input", "1", "--sheet", str(path))
        assert status == 2
        one_error_line(err)


class TestKeyGivenTwice:
    def test_json_sheet(self, tmp_path: Path) -> None:
        """A JSON sheet that gives a price twice is refused, as TOML is,
        instead of keeping the last value."""
        path = _write(
            tmp_path,
            "acme.json",
            b'{"provider": "acme", "provider": "acme2", "models": []}',
        )
        with pytest.raises(
            tc.InvalidPriceSheetError,
            match=r"the key 'provider' appears twice in one object "
            r"\('acme', then 'acme2'\)",
        ):
            tc.load_catalog(path, bundled=False)


class TestEndless:
    @pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
    def test_dev_zero_as_sheet(self) -> None:
        """An endless stream is refused before it is read to the end."""
        with pytest.raises(tc.InvalidPriceSheetError):
            tc.load_catalog("/dev/zero", bundled=False)

    def test_oversized_sheet(self, tmp_path: Path) -> None:
        path = tmp_path / "big.toml"
        with path.open("wb") as file:
            # Sparse: the size is there without writing it.
            file.truncate(65 << 20)
        with pytest.raises(tc.InvalidPriceSheetError, match="larger than"):
            tc.load_catalog(path, bundled=False)


class TestHugePrices:
    @pytest.mark.parametrize("price", ["1e400", "1e40", "-1", "nan", "inf"])
    def test_refused(self, tmp_path: Path, price: str) -> None:
        path = _write(tmp_path, "acme.toml", SHEET.format(input=price).encode())
        with pytest.raises(tc.InvalidPriceSheetError, match="input_mtok"):
            tc.load_catalog(path, bundled=False)

    def test_many_digits(self, tmp_path: Path) -> None:
        """A price with more digits than any working precision keeps the total
        equal to the sum of the lines, exactly."""
        price = "1.2345678901234567890123456789012345"
        path = _write(tmp_path, "acme.toml", SHEET.format(input=price).encode())
        catalog = tc.load_catalog(path, bundled=False)
        result = tc.cost(
            "acme-x", input_tokens=3, output_tokens=1, catalog=catalog, at="2026-07-01"
        )
        lines = [line.amount.amount for line in result.lines]
        assert lines[0] == Decimal("0.0000037037036703703703670370370367037035")
        assert result.total.amount == Decimal(
            "0.0000117037036703703703670370370367037035"
        )
