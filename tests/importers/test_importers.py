"""The importers: upstream data as sheets, and the bundled catalog checked
against the upstream figures it was built from (excerpts in
tests/fixtures/upstream/, taken from LiteLLM 1.110.2, genai-prices 0.2.3 and
simonw/llm-prices at 723ef0bd)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import tokencost as tc
from tokencost.prices.sheets import ProviderSheet, parse_sheet, read_sheet_data

UPSTREAM = Path(__file__).parents[1] / "fixtures" / "upstream"
LITELLM = UPSTREAM / "litellm.json"
GENAI = UPSTREAM / "genai-prices.json"
LLM_PRICES = UPSTREAM / "llm-prices"


def _catalog(sheets: list[ProviderSheet]) -> tc.Catalog:
    return tc.Catalog([m for s in sheets for m in s.to_models()])


@pytest.fixture(scope="module")
def litellm() -> tc.Catalog:
    return _catalog(tc.import_litellm(LITELLM, checked="2026-11-29"))


@pytest.fixture(scope="module")
def genai() -> tc.Catalog:
    return _catalog(tc.import_genai_prices(GENAI, checked="2026-11-29"))


@pytest.fixture(scope="module")
def llm_prices() -> tc.Catalog:
    return _catalog(tc.import_llm_prices(LLM_PRICES, checked="2026-08-05"))


@pytest.fixture(scope="module")
def upstream(litellm: tc.Catalog, genai: tc.Catalog) -> dict[str, tc.Catalog]:
    return {"litellm": litellm, "genai-prices": genai}


class TestLiteLLM:
    """LiteLLM's per-token JSON becomes per-MTok sheets."""

    def test_per_million(self, litellm: tc.Catalog) -> None:
        """5e-06 per token is 5 per million, exactly."""
        rates = litellm.get("openai:gpt-5.5").current.standard.rates
        assert (rates.input_mtok, rates.cache_read_mtok, rates.output_mtok) == (
            Decimal("5"),
            Decimal("0.5"),
            Decimal("30"),
        )

    def test_tier_above(self, litellm: tc.Catalog) -> None:
        """'_above_272k_tokens' starts a tier at 272,001 prompt tokens."""
        tier = litellm.get("openai:gpt-5.5").current.standard.tiers[0]
        assert (tier.min_input_tokens, tier.rates.output_mtok) == (
            272_001,
            Decimal("45"),
        )

    @pytest.mark.parametrize(
        ("variant", "input_mtok", "output_mtok"),
        [
            ("batch", Decimal("2.5"), Decimal("15")),
            ("flex", Decimal("2.5"), Decimal("15")),
            ("priority", Decimal("12.5"), Decimal("75")),
        ],
    )
    def test_variants(
        self,
        litellm: tc.Catalog,
        variant: str,
        input_mtok: Decimal,
        output_mtok: Decimal,
    ) -> None:
        """Suffixed prices become named variants."""
        rates = litellm.get("openai:gpt-5.5").current.schedule(variant).rates
        assert (rates.input_mtok, rates.output_mtok) == (input_mtok, output_mtok)

    def test_provider_renamed_and_prefix_dropped(self, litellm: tc.Catalog) -> None:
        """'gemini/gemini-2.5-pro' is google:gemini-2.5-pro, first-party."""
        model = litellm.get("google:gemini-2.5-pro")
        tier = model.current.standard.tiers[0]
        assert (model.first_party, tier.min_input_tokens) == (True, 200_001)

    def test_source_and_checked(self, litellm: tc.Catalog) -> None:
        """Every imported price cites the file and the day given."""
        period = litellm.get("openai:gpt-5.5").current
        assert period.source.startswith("LiteLLM litellm.json")
        assert period.checked == date(2026, 11, 29)

    def test_unknown_stays_unknown(self, litellm: tc.Catalog) -> None:
        """No cache-write figure upstream means no cache-write price."""
        with pytest.raises(tc.NoPriceError, match="cache-write"):
            tc.cost(
                "openai:gpt-5.5", input_tokens=10, cache_write_tokens=10,
                catalog=litellm,
            )  # fmt: skip

    def test_not_a_file(self, tmp_path: Path) -> None:
        """A missing file is a sheet error naming it."""
        with pytest.raises(tc.InvalidPriceSheetError, match="cannot read"):
            tc.import_litellm(tmp_path / "missing.json")


class TestGenaiPrices:
    """genai-prices' data becomes sheets with windows, variants and aliases."""

    def test_time_of_day(self, genai: tc.Catalog) -> None:
        """DeepSeek's daily window becomes a window with its own prices."""
        c = tc.cost(
            "deepseek:deepseek-chat", input_tokens=1_000_000,
            at="2026-06-01T12:00:00", catalog=genai,
        )  # fmt: skip
        assert (c.window, c.total.amount) == ("peak", Decimal("0.27"))

    def test_windows_merged(self, genai: tc.Catalog) -> None:
        """Two spans with the same prices are one window."""
        windows = genai.get("deepseek:deepseek-flash").current.windows
        assert [w.span for w in windows] == ["01:00-04:00, 06:00-10:00 UTC"]

    def test_alias_from_match(self, genai: tc.Catalog) -> None:
        """An exact name in the match rule is an alias."""
        assert genai.get("deepseek:deepseek-chat-v3-0324").model == "deepseek-chat"

    def test_provider_renamed(self, genai: tc.Catalog) -> None:
        """'aws' is tokencost's 'bedrock'."""
        model = genai.get("bedrock:global.amazon.nova-2-lite-v1:0")
        assert model.current.standard.rates.cache_read_mtok == Decimal("0.075")


class TestLLMPrices:
    """llm-prices' history becomes dated periods, '-200k' ids become tiers."""

    @pytest.mark.parametrize(
        ("day", "output_mtok"),
        [(date(2025, 1, 15), Decimal("0.28")), (date(2025, 3, 1), Decimal("1.1"))],
    )
    def test_history(
        self, llm_prices: tc.Catalog, day: date, output_mtok: Decimal
    ) -> None:
        """DeepSeek's February 2025 change, on both sides."""
        period = llm_prices.get("deepseek:deepseek-chat").period_at(day)
        assert period.standard.rates.output_mtok == output_mtok

    def test_long_context_folded(self, llm_prices: tc.Catalog) -> None:
        """gemini-2.5-pro-200k is the >200k tier of gemini-2.5-pro."""
        schedule = llm_prices.get("google:gemini-2.5-pro").current.standard
        assert [(t.min_input_tokens, t.rates.output_mtok) for t in schedule.tiers] == [
            (200_001, Decimal("15"))
        ]
        with pytest.raises(tc.UnknownModelError):
            llm_prices.get("google:gemini-2.5-pro-200k")


class TestRoundTrip:
    """sheet_to_toml writes what load_sheet reads back unchanged."""

    @pytest.mark.parametrize("source", ["litellm", "genai", "llm-prices"])
    def test_same_sheet(self, source: str) -> None:
        """Every imported fixture sheet survives TOML."""
        if source == "litellm":
            sheets = tc.import_litellm(LITELLM, checked="2026-11-29")
        elif source == "genai":
            sheets = tc.import_genai_prices(GENAI, checked="2026-11-29")
        else:
            sheets = tc.import_llm_prices(LLM_PRICES, checked="2026-08-05")
        assert sheets
        for sheet in sheets:
            text = tc.sheet_to_toml(sheet, header="a header")
            assert text.startswith("# a header\n")
            assert parse_sheet(read_sheet_data(Path("s.toml"), text)) == sheet

    @pytest.mark.parametrize("figure", ["3", "0.0000001", "1.40", "1250", "0.075"])
    def test_figures_keep_their_text(self, figure: str) -> None:
        """A price is written as the sheet gave it: no 3.0, no 1e-7."""
        sheet = parse_sheet(
            {
                "provider": "p",
                "name": "P",
                "currency": "USD",
                "models": [
                    {
                        "id": "m",
                        "periods": [
                            {
                                "source": "tests",
                                "kind": "secondary",
                                "input_mtok": figure,
                            }
                        ],
                    }
                ],
            }
        )
        text = tc.sheet_to_toml(sheet)
        assert f"input_mtok = {figure}\n" in text
        back = parse_sheet(read_sheet_data(Path("s.toml"), text))
        rates = back.models[0].periods[0]
        assert rates.input_mtok is not None
        assert f"{rates.input_mtok:f}" == figure


#: (source, model, component, the upstream figure per million tokens).
SAMPLE = [
    ("litellm", "fireworks:openchat-3p5-0106-7b", "input_mtok", Decimal("0.2")),
    ("litellm", "bedrock:eu.amazon.nova-pro-v1:0", "output_mtok", Decimal("4.2")),
    ("litellm", "inferenceapis:qwen3-vl", "output_mtok", Decimal("1.15")),
    ("litellm", "zerogpu:gpt-5.6-luna", "output_mtok", Decimal("1.2")),
    ("litellm", "azure-ai:claude-sonnet-5-5", "output_mtok", Decimal("10")),
    (
        "litellm",
        "azure:global-standard/gpt-4o-2024-08-06",
        "cache_read_mtok",
        Decimal("1.25"),
    ),
    ("litellm", "scaleway:deepseek-v4-flash-0731", "output_mtok", Decimal("0.8")),
    ("litellm", "azure:us/gpt-5.2-pro", "output_mtok", Decimal("184.8")),
    ("litellm", "gmi:moonshotai/Kimi-K2.6", "output_mtok", Decimal("3.6")),
    (
        "litellm",
        "vercel-ai-gateway:mistral/mistral-small",
        "input_mtok",
        Decimal("0.1"),
    ),
    ("litellm", "azure-ai:kimi-k2.7-code", "input_mtok", Decimal("0.95")),
    (
        "litellm",
        "qwen-ai-platform:qwen3-vl-32b-instruct",
        "input_mtok",
        Decimal("0.16"),
    ),
    ("litellm", "crusoe:google/gemma-3-12b-it", "input_mtok", Decimal("0.1")),
    ("litellm", "azure-ai:FW-DeepSeek-V4.1-Flash", "cache_read_mtok", Decimal("0.008")),
    ("litellm", "azure:gpt-6.1-terra", "output_mtok", Decimal("5")),
    ("litellm", "morph:morph-glm53-744b", "cache_read_mtok", Decimal("0.1955")),
    ("litellm", "lambda-ai:lfm-40b", "output_mtok", Decimal("0.2")),
    ("litellm", "azure:eu/gpt-6-luna", "output_mtok", Decimal("0.6")),
    (
        "litellm",
        "deepinfra:Sao10K/L3.3-70B-Euryale-v2.3",
        "output_mtok",
        Decimal("0.75"),
    ),
    ("litellm", "azure:us/gpt-4o-mini", "output_mtok", Decimal("0.66")),
    ("litellm", "tencent:deepseek-v4-pro", "cache_read_mtok", Decimal("0.145")),
    ("litellm", "llamagate:deepseek-r1-7b-qwen", "input_mtok", Decimal("0.08")),
    ("litellm", "azure-ai:mistral-medium-3-5", "input_mtok", Decimal("1.5")),
    (
        "litellm",
        "together:nvidia/NVIDIA-Nemotron-Nano-9B-v2",
        "output_mtok",
        Decimal("0.25"),
    ),
    ("litellm", "bedrock:anthropic.claude-sonnet-4-6", "input_mtok", Decimal("3")),
    (
        "litellm",
        "databricks:databricks-gemini-3-7-flash",
        "output_mtok",
        Decimal("3.74997"),
    ),
    ("litellm", "wandb:ibm-granite/granite-4.2-8b", "input_mtok", Decimal("0.06")),
    ("litellm", "wandb:Qwen/Qwen3.5-35B-A3B", "output_mtok", Decimal("1.25")),
    ("litellm", "azure:eu/computer-use-preview", "output_mtok", Decimal("13.2")),
    (
        "litellm",
        "vercel-ai-gateway:google/gemini-2.5-pro",
        "input_mtok",
        Decimal("1.25"),
    ),
    (
        "litellm",
        "vercel-ai-gateway:openai/gpt-4.1-mini",
        "cache_read_mtok",
        Decimal("0.1"),
    ),
    ("litellm", "kyma:claude-haiku-4-5", "input_mtok", Decimal("1.35")),
    (
        "genai-prices",
        "bedrock:global.amazon.nova-2-lite-v1:0",
        "cache_read_mtok",
        Decimal("0.075"),
    ),
    (
        "genai-prices",
        "huggingface-novita:MiniMaxAI/MiniMax-M2",
        "output_mtok",
        Decimal("1.2"),
    ),
    ("genai-prices", "bedrock:amazon.nova-sonic-v1:0", "output_mtok", Decimal("0.24")),
    (
        "genai-prices",
        "openrouter:ibm-granite/granite-4.1-8b",
        "output_mtok",
        Decimal("0.1"),
    ),
    (
        "genai-prices",
        "quicksilverpro:qwen3.8-27b-decentered",
        "output_mtok",
        Decimal("1.428"),
    ),
    (
        "genai-prices",
        "doubleword:zai-org/GLM-5.2-FP8",
        "cache_read_mtok",
        Decimal("0.19"),
    ),
    (
        "genai-prices",
        "huggingface-together:MiniMaxAI/MiniMax-M3",
        "output_mtok",
        Decimal("1.2"),
    ),
    ("genai-prices", "fireworks:glm-5p3-flash-us", "input_mtok", Decimal("0.225")),
    (
        "genai-prices",
        "openrouter:google/gemini-3.8-flash:batch",
        "output_mtok",
        Decimal("1.875"),
    ),
    (
        "genai-prices",
        "databricks:databricks-qwen3-next-80b-a3b-instruct",
        "output_mtok",
        Decimal("1.2"),
    ),
    (
        "genai-prices",
        "openrouter:liquid/lfm-3-1.7b",
        "cache_read_mtok",
        Decimal("0.02"),
    ),
    ("genai-prices", "minimax:MiniMax-M2", "cache_read_mtok", Decimal("0.03")),
    (
        "genai-prices",
        "openrouter:inclusionai/ling-3.0-flash",
        "input_mtok",
        Decimal("0.021"),
    ),
    (
        "genai-prices",
        "perplexity:perplexity/glm-5.3-flash",
        "input_mtok",
        Decimal("0.15"),
    ),
    (
        "genai-prices",
        "openrouter:openai/gpt-5.6-luna-pro",
        "cache_read_mtok",
        Decimal("0.02"),
    ),
    ("genai-prices", "groq:llama-3.1-70b-versatile", "output_mtok", Decimal("0.79")),
    ("genai-prices", "cerebras:llama3.1-8b", "output_mtok", Decimal("0.1")),
    ("genai-prices", "openrouter:magnum-72b", "output_mtok", Decimal("6")),
    ("genai-prices", "openrouter:mythalion-13b", "output_mtok", Decimal("1.2")),
    (
        "genai-prices",
        "groq:llama3-groq-70b-8192-tool-use-preview",
        "output_mtok",
        Decimal("0.89"),
    ),
    (
        "genai-prices",
        "novita:nousresearch/nous-hermes-llama2-13b",
        "input_mtok",
        Decimal("0.17"),
    ),
    (
        "genai-prices",
        "bedrock:regional.openai.gpt-5.6-terra",
        "output_mtok",
        Decimal("13.2"),
    ),
    ("genai-prices", "openrouter:google/gemma-3-4b-it", "output_mtok", Decimal("0.05")),
    (
        "genai-prices",
        "openrouter:phi-3.5-mini-128k-instruct",
        "input_mtok",
        Decimal("0.1"),
    ),
    (
        "genai-prices",
        "bedrock:global.openai.gpt-6.1-terra",
        "cache_read_mtok",
        Decimal("0.05"),
    ),
    (
        "genai-prices",
        "openrouter:inflection/inflection-3-pi",
        "input_mtok",
        Decimal("2.5"),
    ),
    ("genai-prices", "bedrock:global.openai.gpt-5.6-sol", "output_mtok", Decimal("20")),
]


class TestBundledAgainstUpstream:
    """The bundled catalog carries the upstream figures it was imported from."""

    def test_sample_size(self) -> None:
        """At least fifty prices are checked."""
        assert len(SAMPLE) >= 50

    @pytest.mark.parametrize(("source", "model", "component", "figure"), SAMPLE)
    def test_figure(
        self, upstream: dict[str, tc.Catalog], source: str, model: str,
        component: str, figure: Decimal,
    ) -> None:  # fmt: skip
        """Upstream excerpt, importer and bundled catalog give one figure."""
        imported = getattr(
            upstream[source].get(model).current.standard.rates, component
        )
        bundled = tc.price(model)
        assert imported == figure
        assert getattr(bundled.current.standard.rates, component) == figure
        assert bundled.current.source.lower().startswith(source[:5])

    def test_first_party_figure_is_of_record(self, genai: tc.Catalog) -> None:
        """An upstream figure that a capture of the provider's page confirms
        is priced from the capture, with the same figure."""
        imported = genai.get("openai:gpt-5.3-codex").current.standard.rates
        bundled = tc.price("openai:gpt-5.3-codex").current
        assert (
            imported.input_mtok == bundled.standard.rates.input_mtok == Decimal("1.75")
        )
        assert bundled.kind == "first-party"


class TestNothingDroppedSilently:
    """What an importer leaves out is counted; Cloudflare's ids are kept."""

    def _litellm(self, tmp_path: Path) -> Path:
        import json

        data = {
            "cloudflare/@cf/meta/llama-3.1-8b-instruct": {
                "litellm_provider": "cloudflare",
                "mode": "chat",
                "input_cost_per_token": 2.82e-07,
                "output_cost_per_token": 8.27e-07,
            },
            "text-embedding-3-small": {
                "litellm_provider": "openai",
                "mode": "embedding",
                "input_cost_per_token": 2e-08,
            },
            "gpt-free": {"litellm_provider": "openai", "mode": "chat"},
            "cloudflare/@cf/meta/llama-latest": {
                "alias_of": "cloudflare/@cf/meta/llama-3.1-8b-instruct"
            },
            "openai/gpt-gone-latest": {"alias_of": "openai/gpt-gone"},
        }
        path = tmp_path / "litellm.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    def test_cloudflare_kept_under_a_safe_id(self, tmp_path: Path) -> None:
        """'@cf/...' becomes 'cf/...', with the original as an alias."""
        sheets = tc.import_litellm(self._litellm(tmp_path))
        catalog = _catalog(sheets)
        model = catalog.get("cloudflare:cf/meta/llama-3.1-8b-instruct")
        assert model.aliases == (
            "@cf/meta/llama-3.1-8b-instruct",
            "cf/meta/llama-latest",
        )
        assert catalog.get("cloudflare:cf/meta/llama-latest") is model
        assert catalog.get("cloudflare:@cf/meta/llama-3.1-8b-instruct") is model
        assert model.current.standard.rates.input_mtok == Decimal("0.282")

    def test_skips_are_counted(self, tmp_path: Path) -> None:
        """Every entry left out is counted under its reason."""
        from collections import Counter

        skipped: Counter[str] = Counter()
        tc.import_litellm(self._litellm(tmp_path), skipped=skipped)
        assert skipped == Counter(
            {
                "not a chat, completion or responses model": 1,
                "no token price": 1,
                "an alias of a model not imported": 1,
            }
        )

    def test_no_date_unless_given(self, tmp_path: Path) -> None:
        """Imported figures are aggregator figures, dated only when told."""
        undated = _catalog(tc.import_litellm(self._litellm(tmp_path)))
        dated = _catalog(
            tc.import_litellm(self._litellm(tmp_path), checked="2026-08-05")
        )
        name = "cloudflare:cf/meta/llama-3.1-8b-instruct"
        assert undated.get(name).current.checked is None
        assert undated.get(name).current.kind == "aggregator"
        assert dated.get(name).current.checked == date(2026, 8, 5)
