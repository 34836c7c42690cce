"""
Every aggregate equals the exact sum of single `cost()` calls.

`cost_many`, `workload_cost`, `compare`, `bill` and the CLI's `cost`,
`compare` and `bill` commands each add up requests their own way; a
component one of them forgets (a one-hour cache write, reasoning tokens, a
fee per request) shows up here as a difference from the sum of `cost()`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc
from tokencost.cli import main
from tokencost.prices.model import COMPONENTS

# A provider pricing every component, each at its own rate, with a tier and
# a batch variant, so that no two components can stand in for each other.
SHEET = """
provider = "allparts"
name = "All parts"
currency = "USD"
first_party = true

[[models]]
id = "every-1"

[[models.periods]]
from = 2026-01-01
source = "tests"
checked = 2026-01-01
input_mtok = 3
cache_read_mtok = 0.3
cache_write_mtok = 3.75
cache_write_1h_mtok = 6
output_mtok = 15
reasoning_mtok = 20
request = 0.0007
input_audio_mtok = 10
input_image_mtok = 3.5
input_video_mtok = 4
output_audio_mtok = 80
output_image_mtok = 30
cache_read_audio_mtok = 1

[[models.periods.tiers]]
min_input_tokens = 200_001
input_mtok = 6
cache_read_mtok = 0.6
cache_write_mtok = 7.5
cache_write_1h_mtok = 12
output_mtok = 22.5
reasoning_mtok = 30
input_audio_mtok = 20
output_image_mtok = 60
cache_read_audio_mtok = 2

[models.periods.variants.batch]
input_mtok = 1.5
cache_read_mtok = 0.15
cache_write_mtok = 1.875
cache_write_1h_mtok = 3
output_mtok = 7.5
reasoning_mtok = 10
request = 0.00035
input_audio_mtok = 5
output_image_mtok = 15
cache_read_audio_mtok = 0.5
"""

AT = "2026-07-01"
MODEL = "allparts:every-1"

#: For each component, two requests that use it (one below the tier, one
#: in it) besides plain input and output.
USAGES: dict[str, tuple[tc.Usage, tc.Usage]] = {
    "input": (tc.Usage(12_345, 0), tc.Usage(250_000, 0)),
    "cache_read": (
        tc.Usage(12_000, 100, cache_read_tokens=9_000),
        tc.Usage(300_000, 100, cache_read_tokens=280_000),
    ),
    "cache_write": (
        tc.Usage(12_000, 100, cache_write_tokens=7_000),
        tc.Usage(300_000, 100, cache_write_tokens=100_000),
    ),
    "cache_write_1h": (
        tc.Usage(12_000, 100, cache_write_1h_tokens=5_000),
        tc.Usage(300_000, 100, cache_write_1h_tokens=150_000),
    ),
    "output": (tc.Usage(10, 7_777), tc.Usage(210_000, 12_345)),
    "reasoning": (
        tc.Usage(1_000, 8_000, reasoning_tokens=6_000),
        tc.Usage(220_000, 9_000, reasoning_tokens=8_500),
    ),
    "request": (tc.Usage(0, 0), tc.Usage(1, 1)),
    "input_audio": (
        tc.Usage(12_000, 100, input_audio_tokens=4_000),
        tc.Usage(300_000, 100, input_audio_tokens=120_000),
    ),
    "input_image": (
        tc.Usage(12_000, 100, input_image_tokens=3_000),
        tc.Usage(300_000, 100, cache_read_tokens=1_000, input_image_tokens=90_000),
    ),
    "input_video": (
        tc.Usage(12_000, 100, input_video_tokens=6_000),
        tc.Usage(300_000, 100, input_video_tokens=200_000),
    ),
    "output_audio": (
        tc.Usage(1_000, 8_000, output_audio_tokens=5_000),
        tc.Usage(220_000, 9_000, output_audio_tokens=7_000),
    ),
    "cache_read_audio": (
        tc.Usage(12_000, 100, cache_read_tokens=9_000, cache_read_audio_tokens=2_840),
        tc.Usage(
            300_000, 100, cache_read_tokens=280_000, cache_read_audio_tokens=280_000
        ),
    ),
    "output_image": (
        tc.Usage(1_000, 2_000, output_image_tokens=1_290),
        tc.Usage(220_000, 9_000, reasoning_tokens=500, output_image_tokens=2_580),
    ),
}
VARIANTS = (None, "batch")
COUNTS = ("input_tokens", "output_tokens", "cache_read_tokens")
COUNTS += ("cache_write_tokens", "cache_write_1h_tokens", "reasoning_tokens")
COUNTS += ("input_audio_tokens", "input_image_tokens", "input_video_tokens")
COUNTS += ("output_audio_tokens", "output_image_tokens", "cache_read_audio_tokens")
OPTIONS = ("--input", "--output", "--cache-read", "--cache-write")
OPTIONS += ("--cache-write-1h", "--reasoning", "--input-audio", "--input-image")
OPTIONS += ("--input-video", "--output-audio", "--output-image")
OPTIONS += ("--cache-read-audio",)


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sheets") / "allparts.toml"
    path.write_text(SHEET, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def catalog(sheet: Path) -> tc.Catalog:
    return tc.load_catalog(sheet)


def _single(catalog: tc.Catalog, usage: tc.Usage, variant: str | None) -> Decimal:
    return tc.cost(MODEL, usage, at=AT, variant=variant, catalog=catalog).total.amount


def _argv(usage: tc.Usage) -> list[str]:
    out: list[str] = []
    for option, count in zip(OPTIONS, COUNTS, strict=True):
        out += [option, str(getattr(usage, count))]
    return out


def test_the_table_covers_every_component() -> None:
    """The cases above exercise every component the price model has."""
    assert set(USAGES) == set(COMPONENTS)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("component", COMPONENTS)
class TestEveryAggregate:
    def test_the_component_is_billed(
        self, catalog: tc.Catalog, component: str, variant: str | None
    ) -> None:
        """Each case does bill its component, so a sum that drops it differs."""
        for usage in USAGES[component]:
            c = tc.cost(MODEL, usage, at=AT, variant=variant, catalog=catalog)
            assert component in {line.component for line in c.lines}

    def test_cost_many(
        self, catalog: tc.Catalog, component: str, variant: str | None
    ) -> None:
        """cost_many is the sum of cost() over its usages, line by line too."""
        usages = USAGES[component]
        total = tc.cost_many(MODEL, usages, at=AT, variant=variant, catalog=catalog)
        assert total.total.amount == sum(_single(catalog, u, variant) for u in usages)
        assert total.total.amount == sum(line.amount.amount for line in total.lines)

    def test_workload_cost(
        self, catalog: tc.Catalog, component: str, variant: str | None
    ) -> None:
        """A workload of one usage and n requests is n times cost()."""
        for usage in USAGES[component]:
            w = tc.workload_cost(
                MODEL, usage, requests=3, at=AT, variant=variant, catalog=catalog
            )
            assert w.total.amount == 3 * _single(catalog, usage, variant)

    def test_bill(
        self, catalog: tc.Catalog, component: str, variant: str | None
    ) -> None:
        """A bill is the sum of cost() over its records."""
        records = [
            {
                "model": MODEL,
                "timestamp": f"{AT}T12:00:00Z",
                **({} if variant is None else {"variant": variant}),
                **{count: getattr(u, count) for count in COUNTS},
            }
            for u in USAGES[component]
        ]
        b = tc.bill(records, catalog=catalog)
        expected = sum(_single(catalog, u, variant) for u in USAGES[component])
        assert b.total().amount == expected

    def test_cli_cost(
        self,
        sheet: Path,
        catalog: tc.Catalog,
        component: str,
        variant: str | None,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """`tokencost cost` shows exactly what cost() computes."""
        for usage in USAGES[component]:
            argv = ["cost", MODEL, *_argv(usage), "--at", AT, "--sheet", str(sheet)]
            argv += [] if variant is None else ["--variant", variant]
            assert main([*argv, "-f", "json"]) == 0
            shown = json.loads(capsys.readouterr().out)
            assert Decimal(shown["total"]) == _single(catalog, usage, variant)

    def test_cli_bill(
        self,
        *,
        tmp_path: Path,
        sheet: Path,
        catalog: tc.Catalog,
        component: str,
        variant: str | None,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """`tokencost bill` totals exactly the sum of cost() over the lines."""
        log = tmp_path / "usage.jsonl"
        lines = [
            json.dumps(
                {
                    "model": MODEL,
                    "timestamp": f"{AT}T12:00:00Z",
                    **({} if variant is None else {"variant": variant}),
                    **{count: getattr(u, count) for count in COUNTS},
                }
            )
            for u in USAGES[component]
        ]
        log.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert main(["bill", str(log), "--sheet", str(sheet), "-f", "json"]) == 0
        shown = json.loads(capsys.readouterr().out)
        expected = sum(_single(catalog, u, variant) for u in USAGES[component])
        assert Decimal(shown["totals"]["USD"]) == expected


@pytest.mark.parametrize("component", COMPONENTS)
class TestComparison:
    """compare prices every model at its standard rates."""

    def test_compare(self, catalog: tc.Catalog, component: str) -> None:
        """compare prices each model exactly as cost() does."""
        for usage in USAGES[component]:
            row = tc.compare([MODEL], usage, at=AT, catalog=catalog).rows[0]
            assert row.cost.total.amount == _single(catalog, usage, None)

    def test_cli_compare(
        self,
        sheet: Path,
        catalog: tc.Catalog,
        component: str,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """`tokencost compare` shows exactly what cost() computes."""
        for usage in USAGES[component]:
            argv = ["compare", MODEL, *_argv(usage), "--at", AT, "--sheet", str(sheet)]
            assert main([*argv, "-f", "json"]) == 0
            shown = json.loads(capsys.readouterr().out)
            assert Decimal(shown["rows"][0]["total"]) == _single(catalog, usage, None)
