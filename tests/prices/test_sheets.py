"""The price-sheet format: what it accepts and how it says no."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tokencost.prices.bundled import data_path
from tokencost.prices.sheets import parse_sheet

GOOD: dict[str, Any] = {
    "provider": "acme",
    "name": "Acme",
    "currency": "USD",
    "first_party": True,
    "models": [
        {
            "id": "m",
            "periods": [
                {
                    "from": "2026-01-01",
                    "source": "s",
                    "checked": "2026-01-02",
                    "input_mtok": "1",
                    "output_mtok": "2",
                    "tiers": [{"min_input_tokens": 1000, "input_mtok": "3"}],
                },
                {
                    "from": "2026-06-01",
                    "source": "s",
                    "checked": "2026-06-01",
                    "input_mtok": "1.83",
                    "output_mtok": "3.66",
                },
            ],
        }
    ],
}


def _bad(path: str, value: object) -> dict[str, Any]:
    """GOOD with the value at a dotted *path* replaced (or deleted if None)."""
    data = copy.deepcopy(GOOD)
    parts = path.split(".")
    target: Any = data
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last = parts[-1]
    if value is None:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return data


class TestValidSheet:
    def test_becomes_value_objects(self) -> None:
        """A valid sheet turns into ModelPrice values with derived end dates."""
        (model,) = parse_sheet(GOOD, "good").to_models()
        first, second = model.periods
        assert model.id == "acme:m"
        assert first.end == second.start
        assert second.end is None
        assert first.standard.rates.input_mtok == Decimal("1")
        tier = first.standard.tiers[0]
        assert tier.rates.input_mtok == Decimal("3")
        assert tier.rates.output_mtok == Decimal("2")  # inherited from the base

    def test_json_sheet_keeps_decimals(self, tmp_path: Path) -> None:
        """JSON floats are read as Decimals, not binary floats."""
        data = copy.deepcopy(GOOD)
        data["models"][0]["periods"][1]["input_mtok"] = 0.1
        path = tmp_path / "acme.json"
        path.write_text(json.dumps(data))
        model = tc.load_sheet(path).to_models()[0]
        assert model.periods[1].standard.rates.input_mtok == Decimal("0.1")


class TestInvalidSheet:
    @pytest.mark.parametrize(
        ("path", "value", "fragment"),
        [
            (
                "models.0.periods.0.colour",
                "red",
                "models.0.periods.0.colour: unknown field",
            ),
            ("models.0.periods.0.input_mtok", "-1", "models.0.periods.0.input_mtok"),
            ("currency", None, "currency: Field required"),
            ("currency", "dollars", "invalid currency 'dollars'"),
            ("models.0.periods.1.from", "2025-12-01", "out of order"),
            ("models.0.periods.1.from", "2026-01-01", "overlap"),
            ("models.0.periods.0.kind", "official", "kind: Input should be"),
            ("models.0.periods.0.source", None, "source: Field required"),
            ("models.0.periods.1.from", None, "only the first may omit it"),
            ("models.0.periods", [], "at least 1 item"),
        ],
    )
    def test_errors_name_file_and_field(
        self, path: str, value: object, fragment: str
    ) -> None:
        """Each malformed sheet gets one line naming the file and the field."""
        with pytest.raises(tc.InvalidPriceSheetError) as info:
            parse_sheet(_bad(path, value), "acme.toml")
        message = str(info.value)
        assert message.startswith("acme.toml: ")
        assert fragment in message
        assert "\n" not in message

    def test_overlapping_until(self) -> None:
        """A period running past the start of the next one overlaps it."""
        data = _bad("models.0.periods.0.until", "2026-07-01")
        with pytest.raises(tc.InvalidPriceSheetError, match="periods overlap"):
            parse_sheet(data, "x")

    def test_tiers_out_of_order(self) -> None:
        """Tier thresholds must rise strictly."""
        tiers = [
            {"min_input_tokens": 2000, "input_mtok": "3"},
            {"min_input_tokens": 1000, "input_mtok": "4"},
        ]
        data = _bad("models.0.periods.0.tiers", tiers)
        with pytest.raises(tc.InvalidPriceSheetError, match="strictly ascending"):
            parse_sheet(data, "x")

    def test_duplicate_names(self) -> None:
        """Two models may not answer to the same name."""
        data = copy.deepcopy(GOOD)
        data["models"].append({**data["models"][0], "aliases": []})
        with pytest.raises(tc.InvalidPriceSheetError, match="already used"):
            parse_sheet(data, "x")

    def test_bad_toml(self, tmp_path: Path) -> None:
        """A file that is not TOML says so, with its path."""
        path = tmp_path / "broken.toml"
        path.write_text("provider = ")
        with pytest.raises(tc.InvalidPriceSheetError, match="broken.toml: not valid"):
            tc.load_sheet(path)

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """Only TOML and JSON sheets are read."""
        path = tmp_path / "sheet.txt"
        path.write_text("")
        with pytest.raises(tc.InvalidPriceSheetError, match=r"expected \.toml"):
            tc.load_sheet(path)


class TestSchema:
    def test_schema_describes_the_format(self) -> None:
        """The JSON Schema names the fields and forbids unknown ones."""
        schema = tc.sheet_json_schema()
        assert schema["title"] == "tokencost price sheet"
        assert set(schema["required"]) == {"provider", "name", "currency"}
        period = schema["$defs"]["PeriodSheet"]
        assert period["additionalProperties"] is False
        assert "from" in period["properties"]
        assert "price" in period["properties"]["input_mtok"]["description"].lower()

    def test_schema_names_the_kinds(self) -> None:
        """kind is one of three, and checked may be left out."""
        period = tc.sheet_json_schema()["$defs"]["PeriodSheet"]
        kinds = next(o for o in period["properties"]["kind"]["anyOf"] if "enum" in o)
        assert kinds["enum"] == ["first-party", "aggregator", "secondary"]
        assert "checked" not in period.get("required", [])
        assert "source" in period["required"]


class TestBundled:
    def test_every_bundled_sheet_is_valid(self) -> None:
        """The bundled sheets load, and every period names a source and kind."""
        folder = Path(data_path("providers"))
        files = sorted(folder.glob("*.toml"))
        assert len(files) >= 8
        for file in files:
            for model in tc.load_sheet(file).to_models():
                for period in model.periods:
                    assert period.source
                    assert period.kind in ("first-party", "aggregator", "secondary")
                    assert period.checked is None or period.checked.year >= 2025
