"""The bundled catalog passes its own rules: one valid, sorted sheet per
provider, no overlapping periods, every price with a source and a checked
date, a consistent name index and sources file, and the coverage promised."""

from __future__ import annotations

import itertools
import json
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc
from tokencost.prices.bundled import data_path, read_sheet
from tokencost.prices.catalog import _Bundled
from tokencost.prices.sheets import ProviderSheet, load_sheet

KINDS = ("first-party", "aggregator", "secondary")
DATA = Path(data_path())
SHEETS = sorted((DATA / "providers").glob("*.toml"))
CURATED = sorted((Path(__file__).parents[2] / "scripts" / "curated").glob("*.toml"))


@pytest.fixture(scope="module")
def sheets() -> list[ProviderSheet]:
    return [load_sheet(path) for path in SHEETS]


class TestValidation:
    """Every bundled sheet is valid and tidy."""

    def test_file_names_are_provider_ids(self, sheets: list[ProviderSheet]) -> None:
        """providers/<id>.toml holds provider <id>, so ids are unique."""
        assert [s.provider for s in sheets] == [p.stem for p in SHEETS]
        assert len({s.provider for s in sheets}) == len(sheets)

    def test_sorted_and_unique(self, sheets: list[ProviderSheet]) -> None:
        """Models are sorted by id and no name is used twice in a sheet."""
        for sheet in sheets:
            ids = [m.id.lower() for m in sheet.models]
            assert ids == sorted(ids), sheet.provider
            names = [n.lower() for m in sheet.models for n in (m.id, *m.aliases)]
            assert len(names) == len(set(names)), sheet.provider

    def test_provenance_and_periods(self, sheets: list[ProviderSheet]) -> None:
        """Every period has a source and a kind, first-party ones the day they
        were read; no date is the build's; periods never overlap."""
        for sheet in sheets:
            for model in sheet.to_models():
                for before, after in itertools.pairwise(model.periods):
                    assert before.end is not None, model.id
                    assert after.start is not None, model.id
                    assert before.end <= after.start, model.id
                for period in model.periods:
                    assert period.source.strip(), model.id
                    assert period.kind in KINDS, model.id
                    if period.kind == "first-party":
                        assert isinstance(period.checked, date), model.id
                    # The day the upstream packages were pinned is no check.
                    assert period.checked != date(2026, 11, 29), model.id

    def test_fast_reader_agrees(self, sheets: list[ProviderSheet]) -> None:
        """The reader that skips pydantic builds exactly the validated values."""
        for path, sheet in zip(SHEETS, sheets, strict=True):
            assert read_sheet(path.read_text(encoding="utf-8")) == sheet.to_models()

    def test_curated_sheets_are_valid(self) -> None:
        """The hand-checked sheets the build starts from are valid too."""
        assert len(CURATED) >= 10
        for path in CURATED:
            assert load_sheet(path).models, path.name

    def test_index_matches_sheets(self, sheets: list[ProviderSheet]) -> None:
        """index.json lists exactly the names the sheets hold."""
        index = json.loads((DATA / "index.json").read_text(encoding="utf-8"))
        names: dict[str, set[str]] = {}
        for sheet in sheets:
            for model in sheet.models:
                for name in (model.id, *model.aliases):
                    names.setdefault(name.lower(), set()).add(sheet.provider)
        assert {k: set(v) for k, v in index["names"].items()} == names
        first = sorted(s.provider for s in sheets if s.first_party)
        assert index["first_party"] == first

    def test_sources_file_matches(self, sheets: list[ProviderSheet]) -> None:
        """Every disputed price has per-source figures to show."""
        side = json.loads((DATA / "sources.json").read_text(encoding="utf-8"))
        ids = {f"{s.provider}:{m.id}" for s in sheets for m in s.models}
        assert set(side["models"]) <= ids
        for sheet in sheets:
            for model in sheet.models:
                if model.periods[-1].disputed:
                    assert len(side["models"][f"{sheet.provider}:{model.id}"]) >= 2

    def test_no_silent_zero_for_unknown(self) -> None:
        """A component the sources lack stays unknown (None), not zero."""
        rates = tc.price("openai:gpt-5.5").current.standard.rates
        assert rates.cache_write_1h_mtok is None
        with pytest.raises(tc.NoPriceError, match="cache-write-1h"):
            tc.cost("openai:gpt-5.5", input_tokens=10, cache_write_1h_tokens=10)

    def test_bare_names_resolve(self) -> None:
        """No name shared by first-party providers is left without a home."""
        catalog = tc.default_catalog()
        for model in catalog:
            if model.first_party:
                found = catalog.get(model.model)
                names = {n.lower() for n in (found.model, *found.aliases)}
                assert model.model.lower() in names


class TestCoverage:
    """The catalog covers what it promises."""

    def test_counts(self) -> None:
        """At least 40 providers and 1,500 models, some of them in CNY."""
        stats = tc.catalog_stats()
        assert stats.providers >= 40
        assert stats.models >= 1500
        assert dict(stats.currencies)["CNY"] >= 15
        assert stats.with_tiers > 100
        assert stats.with_history > 50
        assert stats.with_variants > 100

    @pytest.mark.parametrize(
        "provider",
        [
            "alibaba", "alibaba-cn", "amazon", "anthropic", "azure", "bedrock",
            "cohere", "deepseek", "deepseek-cn", "fireworks", "google", "groq",
            "minimax", "minimax-cn", "mistral", "moonshot", "openai", "openrouter",
            "together", "vertex", "xai", "zai", "zhipuai",
        ],
    )  # fmt: skip
    def test_provider_present(self, provider: str) -> None:
        """Each named provider has models."""
        assert tc.models(provider)

    @pytest.mark.parametrize(
        ("provider", "currency", "first_party"),
        [
            ("zhipuai", "CNY", True),
            ("zai", "USD", True),
            ("deepseek-cn", "CNY", True),
            ("alibaba-cn", "CNY", True),
            ("openrouter", "USD", False),
        ],
    )
    def test_currency(self, provider: str, currency: str, first_party: bool) -> None:
        """Chinese lists stay in their own currency; hosts are not first-party."""
        found = {(m.currency, m.first_party) for m in tc.models(provider)}
        assert found == {(currency, first_party)}

    @pytest.mark.parametrize(
        ("model", "component", "figure"),
        [
            ("claude-fable-5", "cache_write_mtok", Decimal("12.50")),
            ("claude-fable-5", "cache_write_1h_mtok", Decimal("20")),
            ("claude-opus-4-8", "cache_write_1h_mtok", Decimal("10")),
            ("claude-opus-4-8", "output_mtok", Decimal("25")),
            ("glm-5.2", "output_mtok", Decimal("4.40")),
            ("glm-5-turbo", "output_mtok", Decimal("4.00")),
            ("zhipuai:glm-5.2", "output_mtok", Decimal("28")),
            ("deepseek-cn:deepseek-v4-pro", "output_mtok", Decimal("13.5")),
        ],
    )
    def test_first_party_figures(
        self, model: str, component: str, figure: Decimal
    ) -> None:
        """First-party figures win over imported ones."""
        assert getattr(tc.price(model).current.standard.rates, component) == figure


class TestXai:
    """xAI's figures as its own pages show them (scripts/curated/xai.toml)."""

    @pytest.mark.parametrize(
        ("model", "input_mtok", "cache_read_mtok", "output_mtok"),
        [
            # docs.x.ai/docs/models, archived 2025-06-02 (archive.fo/dYUtw)
            ("grok-3", Decimal("3.00"), Decimal("0.75"), Decimal("15.00")),
            ("grok-3-fast", Decimal("5.00"), Decimal("1.25"), Decimal("25.00")),
            ("grok-3-mini", Decimal("0.30"), Decimal("0.075"), Decimal("0.50")),
            ("grok-3-mini-fast", Decimal("0.60"), Decimal("0.15"), Decimal("4.00")),
            ("grok-2-1212", Decimal("2.00"), None, Decimal("10.00")),
            # xAI's pricing page as read on 2026-05-19
            ("grok-4.3", Decimal("1.25"), Decimal("0.20"), Decimal("2.50")),
        ],
    )
    def test_first_party(
        self,
        model: str,
        input_mtok: Decimal,
        cache_read_mtok: Decimal | None,
        output_mtok: Decimal,
    ) -> None:
        """Each figure is xAI's, first-party, dated by the copy it was read from,
        on a day before the retirement of 2026-05-15 (when grok-3 became a
        redirect to grok-4.3)."""
        period = tc.price(f"xai:{model}").period_at(date(2026, 5, 1))
        rates = period.standard.rates
        assert (rates.input_mtok, rates.cache_read_mtok, rates.output_mtok) == (
            input_mtok,
            cache_read_mtok,
            output_mtok,
        )
        assert period.kind == "first-party"
        read = date(2026, 5, 19) if model == "grok-4.3" else date(2025, 6, 2)
        assert period.checked == read
        assert "docs.x.ai" in period.source

    def test_undated_page_is_secondary(self) -> None:
        """The undated copy of xAI's pricing page is kept beside the dated
        capture of 2026-05-08, which is of record for Grok 4.1 Fast and agrees
        with it (0.20 / 0.05 / 0.50 until the retirement of 2026-05-15)."""
        side = json.loads((DATA / "sources.json").read_text(encoding="utf-8"))
        view = side["models"]["xai:grok-4-1-fast-reasoning"]
        assert view["chosen"] == "curated"
        page = view["sources"]["secondary"]
        assert (page["kind"], "checked" in page) == ("secondary", False)
        keys = ("input_mtok", "cache_read_mtok", "output_mtok")
        assert [Decimal(page[k]) for k in keys] == [
            Decimal("0.20"),
            Decimal("0.05"),
            Decimal("0.50"),
        ]
        rates = tc.price("grok-4-1-fast-reasoning").period_at(date(2026, 5, 8))
        assert [getattr(rates.standard.rates, k) for k in keys] == [
            Decimal("0.20"),
            Decimal("0.05"),
            Decimal("0.50"),
        ]

    @pytest.mark.parametrize(
        ("input_tokens", "total"),
        [
            # 200k x $1.25 + 1k x $2.50 per million
            (200_000, Decimal("0.2525")),
            # over 200K the whole request: 200,001 x $2.50 + 1k x $5 per million
            (200_001, Decimal("0.5050025")),
        ],
    )
    def test_grok_4_3_long_context(self, input_tokens: int, total: Decimal) -> None:
        """Requests that exceed 200K tokens pay the long-context rates."""
        usage = tc.Usage(input_tokens=input_tokens, output_tokens=1_000)
        assert tc.cost("grok-4.3", usage).total == tc.Money(total, "USD")


class TestQuickstart:
    """The README's comparison keeps its figures."""

    def test_compare(self) -> None:
        """glm-5.2 = $0.1856 and claude-fable-5 = $1.40, both in USD."""
        usage = tc.Usage(input_tokens=120_000, output_tokens=4_000)
        totals = {m: tc.cost(m, usage).total for m in ("glm-5.2", "claude-fable-5")}
        assert totals == {
            # 120k x $1.40 + 4k x $4.40 per million
            "glm-5.2": tc.Money(Decimal("0.1856"), "USD"),
            "claude-fable-5": tc.Money(Decimal("1.40"), "USD"),
        }


class TestDeepSeek:
    """DeepSeek's February 2025 change and its off-peak hours."""

    @pytest.mark.parametrize(
        ("at", "input_mtok", "output_mtok"),
        [
            ("2025-01-15", Decimal("0.14"), Decimal("0.28")),
            ("2025-03-01", Decimal("0.27"), Decimal("1.10")),
        ],
    )
    def test_two_sides(
        self, at: str, input_mtok: Decimal, output_mtok: Decimal
    ) -> None:
        """Before and after 2025-02-08."""
        rates = tc.price("deepseek-chat").period_at(date.fromisoformat(at))
        got = (rates.standard.rates.input_mtok, rates.standard.rates.output_mtok)
        assert got == (input_mtok, output_mtok)

    @pytest.mark.parametrize(
        ("at", "window", "total"),
        [
            ("2025-03-01T12:00:00Z", None, Decimal("1.37")),
            ("2025-03-01T17:00:00Z", "off-peak", Decimal("0.685")),
            ("2025-03-02T00:29:00Z", "off-peak", Decimal("0.685")),
        ],
    )
    def test_off_peak(self, at: str, window: str | None, total: Decimal) -> None:
        """An off-peak request costs the off-peak price."""
        c = tc.cost("deepseek-chat", input_tokens=1_000_000, output_tokens=1_000_000,
                    at=at)  # fmt: skip
        assert (c.window, c.total.amount) == (window, total)

    def test_weekday_peak(self) -> None:
        """V4 Pro's peak costs double on a weekday, not on a Saturday."""
        kwargs = {"input_tokens": 1_000_000, "output_tokens": 1_000_000}
        friday = tc.cost("deepseek-v4-pro", at="2026-11-27T07:00:00Z", **kwargs)
        saturday = tc.cost("deepseek-v4-pro", at="2026-11-28T07:00:00Z", **kwargs)
        assert (friday.total.amount, saturday.total.amount) == (
            Decimal("5.28"),
            Decimal("2.64"),
        )


class TestLazyLoading:
    """Pricing one model reads only the sheets that know its name."""

    def test_one_lookup(self) -> None:
        """claude-fable-5 needs the anthropic sheet alone."""
        bundled = _Bundled()
        bundled.get("claude-fable-5")
        assert bundled._loaded == {"anthropic"}

    def test_host_lookup(self) -> None:
        """A prefixed name reads that provider's sheet alone."""
        bundled = _Bundled()
        bundled.get("groq:llama-3.1-8b-instant")
        assert bundled._loaded == {"groq"}

    def test_everything_on_listing(self) -> None:
        """Listing reads every sheet."""
        bundled = _Bundled()
        assert len(bundled) == sum(
            len(tomllib.loads(p.read_text(encoding="utf-8"))["models"]) for p in SHEETS
        )
