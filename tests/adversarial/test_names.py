"""Names: provider ids in any case, colons, over-long names, variants."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc

from .conftest import Run, one_error_line

_SHEET = """\
provider = "{provider}"
name = "Z"
currency = "USD"
first_party = true
home = true

[[models]]
id = "glm-5.2"

[[models.periods]]
from = 2026-01-01
source = "tests"
checked = 2026-01-01
input_mtok = 10
output_mtok = 20
"""


def _sheet(tmp_path: Path, provider: str) -> Path:
    path = tmp_path / "zai.toml"
    path.write_text(_SHEET.format(provider=provider), encoding="utf-8")
    return path


class TestProviderCase:
    @pytest.mark.parametrize("provider", ["zai", "ZAI", "Zai"])
    def test_override_applies_to_every_spelling(
        self, tmp_path: Path, provider: str
    ) -> None:
        """A user sheet overrides the bundled model whatever the case of its
        provider id: bare name and prefixed name give the same price."""
        catalog = tc.load_catalog(_sheet(tmp_path, provider))
        for name in ("glm-5.2", "zai:glm-5.2", "ZAI:GLM-5.2"):
            result = tc.cost(
                name, input_tokens=1_000_000, at="2026-07-01", catalog=catalog
            )
            assert result.total.amount == Decimal(10), name

    def test_provider_id_with_colon(self, tmp_path: Path) -> None:
        """A provider id containing ':' is refused with a message naming it."""
        with pytest.raises(tc.InvalidPriceSheetError, match="':'"):
            tc.load_catalog(_sheet(tmp_path, "z:ai"))


class TestLongNames:
    def test_over_long_name_cut(self) -> None:
        """An over-long model name is cut in the error message."""
        with pytest.raises(tc.UnknownModelError) as info:
            tc.cost("x" * 5_000, input_tokens=1)
        message = str(info.value)
        assert len(message) < 300
        assert "..." in message or "\u2026" in message

    def test_cli_over_long_name(self, cli: Run) -> None:
        status, _, err = cli("cost", "y" * 10_000, "--input", "1")
        assert status == 1
        assert len(one_error_line(err)) < 300


class TestVariants:
    def test_empty_variant_is_standard(self) -> None:
        """variant="" means the standard prices, as documented."""
        standard = tc.cost("glm-5.2", input_tokens=1_000, at="2026-07-01")
        empty = tc.cost("glm-5.2", input_tokens=1_000, at="2026-07-01", variant="")
        assert empty.total == standard.total == tc.Money("0.0014", "USD")

    def test_input_only_model(self) -> None:
        """An embedding model prices its input tokens without an output rate."""
        result = tc.cost(
            "openai:text-embedding-3-small", input_tokens=1_000_000, at="2026-07-01"
        )
        assert result.total == tc.Money("0.02", "USD")

    def test_input_only_model_refuses_output(self) -> None:
        """Output tokens on a model without an output rate still cannot be
        priced."""
        with pytest.raises(tc.NoPriceError, match="output"):
            tc.cost(
                "openai:text-embedding-3-small",
                input_tokens=1_000,
                output_tokens=10,
                at="2026-07-01",
            )
