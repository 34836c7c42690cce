"""A variant or tier prices only what its source states: components listed
as ``unpriced`` are unknown there, never the standard (or base) rate."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc

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
input_mtok = 2
cache_read_mtok = 0.2
output_mtok = 8

[[models.periods.tiers]]
min_input_tokens = 200_001
input_mtok = 4
cache_read_mtok = 0.4
output_mtok = 16

[models.periods.variants.batch]
input_mtok = 1
output_mtok = 4
{batch}

[[models.periods.variants.batch.tiers]]
min_input_tokens = 200_001
unpriced = ["input_mtok", "output_mtok", "cache_read_mtok"]
"""


def _catalog(
    tmp_path: Path, batch: str = 'unpriced = ["cache_read_mtok"]'
) -> tc.Catalog:
    path = tmp_path / "acme.toml"
    path.write_text(SHEET.format(batch=batch), encoding="utf-8")
    return tc.load_catalog(path, bundled=False)


class TestSheet:
    @pytest.mark.parametrize(
        ("usage", "variant", "total"),
        [
            # standard: 1,000 input of which 500 cached, 100 output
            ({"input_tokens": 1000, "cache_read_tokens": 500, "output_tokens": 100}, None,
             Decimal("0.0019")),
            # batch, no cache reads: 1,000 x 1 + 100 x 4, per million
            ({"input_tokens": 1000, "output_tokens": 100}, "batch", Decimal("0.0014")),
            # the standard's long-context tier still applies to standard
            ({"input_tokens": 300_000, "output_tokens": 100}, None, Decimal("1.2016")),
        ],
    )  # fmt: skip
    def test_what_is_stated_is_priced(
        self,
        tmp_path: Path,
        usage: dict[str, int],
        variant: str | None,
        total: Decimal,
    ) -> None:
        catalog = _catalog(tmp_path)
        found = tc.cost(
            "acme-x",
            tc.Usage(**usage),
            at="2026-06-01",
            variant=variant,
            catalog=catalog,
        )
        assert found.total == tc.Money(total, "USD")

    def test_an_unpriced_component_is_refused(self, tmp_path: Path) -> None:
        """The batch variant does not state a cache-read price: cached tokens
        in batch are refused, not priced at the standard 0.2."""
        catalog = _catalog(tmp_path)
        with pytest.raises(
            tc.NoPriceError,
            match=r"^acme:acme-x has no known cache-read price in its batch prices, "
            r"so 500 cache-read tokens cannot be priced$",
        ):
            tc.cost(
                "acme-x", input_tokens=1000, cache_read_tokens=500, variant="batch",
                at="2026-06-01", catalog=catalog,
            )  # fmt: skip

    def test_an_unpriced_tier_is_refused(self, tmp_path: Path) -> None:
        """Above the threshold the batch price is not known: refused, not
        priced at the batch base rate below the threshold."""
        catalog = _catalog(tmp_path)
        with pytest.raises(
            tc.NoPriceError,
            match=r"no known input price in its batch prices, for prompts of "
            r"200,001 tokens or more, so 300,000 input tokens",
        ):
            tc.cost(
                "acme-x", input_tokens=300_000, output_tokens=1, variant="batch",
                at="2026-06-01", catalog=catalog,
            )  # fmt: skip

    def test_without_unpriced_the_standard_rate_is_inherited(
        self, tmp_path: Path
    ) -> None:
        """A sheet that lists nothing keeps the documented inheritance."""
        catalog = _catalog(tmp_path, batch="")
        found = tc.cost(
            "acme-x", input_tokens=1000, cache_read_tokens=500, variant="batch",
            at="2026-06-01", catalog=catalog,
        )  # fmt: skip
        # 500 x 1 + 500 x 0.2, per million
        assert found.total == tc.Money("0.0006", "USD")

    def test_bill_refuses_it_too(self, tmp_path: Path) -> None:
        catalog = _catalog(tmp_path)
        record = {
            "model": "acme-x", "timestamp": "2026-06-01T00:00:00Z",
            "variant": "batch", "input_tokens": 1000, "cache_read_tokens": 10,
        }  # fmt: skip
        with pytest.raises(tc.NoPriceError, match="cache-read price in its batch"):
            tc.bill([record], catalog=catalog)

    @pytest.mark.parametrize(
        ("batch", "message"),
        [
            ('cache_read_mtok = 0.1\nunpriced = ["cache_read_mtok"]',
             "cache_read_mtok is both priced and listed as unpriced"),
            ('unpriced = ["cache_read_mtok", "cache_read_mtok"]', "listed twice"),
            ('unpriced = ["reasoning_mtok"]', "unpriced"),
            ('unpriced = ["request"]', "unpriced"),
            ('unpriced = ["nonsense"]', "unpriced"),
            ('unpriced = "cache_read_mtok"', "unpriced"),
        ],
    )  # fmt: skip
    def test_malformed(self, tmp_path: Path, batch: str, message: str) -> None:
        with pytest.raises(tc.InvalidPriceSheetError, match=message):
            _catalog(tmp_path, batch)

    def test_not_on_the_standard_rates(self, tmp_path: Path) -> None:
        """The standard rates take nothing from other rates: nothing to leave
        unpriced there."""
        path = tmp_path / "acme.toml"
        text = SHEET.format(batch="").replace(
            "output_mtok = 8\n", 'output_mtok = 8\nunpriced = ["cache_write_mtok"]\n', 1
        )
        path.write_text(text, encoding="utf-8")
        with pytest.raises(tc.InvalidPriceSheetError, match="'unpriced' belongs to"):
            tc.load_catalog(path, bundled=False)


class TestBundledCatalog:
    """Known answers on imported variants, by hand from `tokencost price`."""

    @pytest.mark.parametrize(
        ("model", "usage", "total"),
        [
            # batch: 1,000 x 0.15 + 1,000 x 1.25 (reasoning is output), per
            # million; reasoning used to pay the standard 2.5
            ("vertex:gemini-2.5-flash",
             {"input_tokens": 1000, "output_tokens": 1000, "reasoning_tokens": 800},
             Decimal("0.0014")),
            # batch below the threshold: 100,000 x 1.5 + 10 x 7.5
            ("bedrock:anthropic.claude-sonnet-4-5-20250929-v1:0",
             {"input_tokens": 100_000, "output_tokens": 10}, Decimal("0.150075")),
        ],
    )  # fmt: skip
    def test_priced(self, model: str, usage: dict[str, int], total: Decimal) -> None:
        found = tc.cost(model, tc.Usage(**usage), variant="batch", at="2026-11-01")
        assert found.total == tc.Money(total, "USD")

    def test_reasoning_follows_each_variants_output(self) -> None:
        """The standard's reasoning price equalled its output price; it is
        not kept, so no variant inherits it."""
        period = tc.price("vertex:gemini-2.5-flash").current
        assert period.standard.rates.reasoning_mtok is None
        for _, schedule in period.variants:
            assert schedule.rates.reasoning_mtok is None

    @pytest.mark.parametrize(
        ("model", "usage", "message"),
        [
            ("azure:eu/gpt-4.1",
             {"input_tokens": 1000, "cache_read_tokens": 500, "output_tokens": 10},
             "no known cache-read price in its batch prices"),
            ("bedrock:anthropic.claude-sonnet-4-5-20250929-v1:0",
             {"input_tokens": 300_000, "output_tokens": 10},
             "in its batch prices, for prompts of 200,001 tokens or more"),
        ],
    )  # fmt: skip
    def test_refused(self, model: str, usage: dict[str, int], message: str) -> None:
        with pytest.raises(tc.NoPriceError, match=message):
            tc.cost(model, tc.Usage(**usage), variant="batch", at="2026-11-01")

    def test_price_table_leaves_it_null(self) -> None:
        """The exported price table has no rate where the catalog has none."""
        pytest.importorskip("pyarrow")
        table = tc.price_table(models=["azure:eu/gpt-4.1"]).to_pylist()
        batch = [row for row in table if row["variant"] == "batch"]
        assert batch
        assert all(row["cache_read_rate"] is None for row in batch)
        assert all(row["input_rate"] is not None for row in batch)
