"""Figures dated by another project's readings of the providers' own pages and
APIs: Lore-Hex/quill-router's hourly price refresh writes what its parsers read
to src/trusted_router/data/provider_models/*.json, and its commit 6c4a47ca
(2026-08-22, generated 06:42 UTC) is the last one stored. Each figure below is
the file's (integer microdollars per million tokens, divided out by hand), and
the catalog must carry it, of record and first-party, dated 2026-08-22."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc

READING_DAY = date(2026, 8, 22)
COMMIT = "6c4a47ca"

#: (model, component, figure, where the reading came from)
FIGURES = [
    # xAI's API, api.x.ai/v1/language-models (grok.json)
    ("xai:grok-4.5", "input_mtok", "2", "api.x.ai"),
    ("xai:grok-4.5", "cache_read_mtok", "0.30", "api.x.ai"),
    ("xai:grok-4.5", "output_mtok", "6", "api.x.ai"),
    ("xai:grok-4.6", "input_mtok", "2", "api.x.ai"),
    ("xai:grok-4.6", "cache_read_mtok", "0.50", "api.x.ai"),
    ("xai:grok-4.6", "output_mtok", "6", "api.x.ai"),
    ("xai:grok-build-0.1", "input_mtok", "1", "api.x.ai"),
    ("xai:grok-build-0.1", "cache_read_mtok", "0.20", "api.x.ai"),
    ("xai:grok-build-0.1", "output_mtok", "2", "api.x.ai"),
    # platform.kimi.ai's pricing pages (kimi.json)
    ("moonshot:kimi-k2.7-code", "input_mtok", "0.95", "chat-k27-code.md"),
    ("moonshot:kimi-k2.7-code", "cache_read_mtok", "0.19", "chat-k27-code.md"),
    ("moonshot:kimi-k2.7-code", "output_mtok", "4.00", "chat-k27-code.md"),
    ("moonshot:kimi-k2.7-code-highspeed", "input_mtok", "1.90", "chat-k27-code.md"),
    (
        "moonshot:kimi-k2.7-code-highspeed",
        "cache_read_mtok",
        "0.38",
        "chat-k27-code.md",
    ),
    ("moonshot:kimi-k2.7-code-highspeed", "output_mtok", "8.00", "chat-k27-code.md"),
    ("moonshot:kimi-k3", "input_mtok", "3.00", "chat-k3.md"),
    ("moonshot:kimi-k3", "cache_read_mtok", "0.30", "chat-k3.md"),
    ("moonshot:kimi-k3", "output_mtok", "15.00", "chat-k3.md"),
    # platform.minimax.io's pay-as-you-go page, Standard table (minimax.json)
    ("minimax:MiniMax-M3", "input_mtok", "0.30", "pricing-paygo.md"),
    ("minimax:MiniMax-M3", "cache_read_mtok", "0.06", "pricing-paygo.md"),
    ("minimax:MiniMax-M3", "output_mtok", "1.20", "pricing-paygo.md"),
    # docs.z.ai's pricing table (zai.json)
    ("zai:glm-5.2", "input_mtok", "1.40", "docs.z.ai"),
    ("zai:glm-5.2", "cache_read_mtok", "0.26", "docs.z.ai"),
    ("zai:glm-5.2", "output_mtok", "4.40", "docs.z.ai"),
    ("zai:glm-5.3", "input_mtok", "1.40", "docs.z.ai"),
    ("zai:glm-5.3", "cache_read_mtok", "0.26", "docs.z.ai"),
    ("zai:glm-5.3", "output_mtok", "4.40", "docs.z.ai"),
]

#: The long-context tiers: (model, first token of the tier, input, cache read,
#: output). xAI's threshold is 200,000 (the largest prompt at the standard
#: rates), MiniMax's 512K.
TIERS = [
    ("xai:grok-4.5", 200_001, "4", "0.60", "12"),
    ("xai:grok-4.6", 200_001, "4", "1", "12"),
    ("xai:grok-build-0.1", 200_001, "2", "0.40", "4"),
    ("minimax:MiniMax-M3", 512_001, "0.60", "0.12", "2.40"),
]


@pytest.mark.parametrize(("model", "component", "figure", "where"), FIGURES)
def test_figure(model: str, component: str, figure: str, where: str) -> None:
    period = tc.price(model).period_at(READING_DAY)
    assert getattr(period.standard.rates, component) == Decimal(figure)
    assert (period.kind, period.checked) == ("first-party", READING_DAY)
    assert "Lore-Hex/quill-router" in period.source
    assert COMMIT in period.source
    assert where in period.source


@pytest.mark.parametrize(("model", "start", "inp", "cached", "out"), TIERS)
def test_long_context_tier(
    model: str, start: int, inp: str, cached: str, out: str
) -> None:
    (tier,) = tc.price(model).period_at(READING_DAY).standard.tiers
    assert tier.min_input_tokens == start
    assert (
        tier.rates.input_mtok,
        tier.rates.cache_read_mtok,
        tier.rates.output_mtok,
    ) == (Decimal(inp), Decimal(cached), Decimal(out))


@pytest.mark.parametrize(
    ("model", "input_tokens", "total"),
    [
        # 150k x 2 + 50k cached x 0.30 + 10k x 6 per million
        ("xai:grok-4.5", 200_000, "0.375"),
        # one token more: the whole request at 4 / 0.60 / 12
        ("xai:grok-4.5", 200_001, "0.750004"),
        # 150k x 2 + 50k x 0.50 + 10k x 6
        ("xai:grok-4.6", 200_000, "0.385"),
        # 150k x 0.95 + 50k x 0.19 + 10k x 4
        ("moonshot:kimi-k2.7-code", 200_000, "0.192"),
        # 150k x 3 + 50k x 0.30 + 10k x 15
        ("moonshot:kimi-k3", 200_000, "0.615"),
        # 150k x 0.30 + 50k x 0.06 + 10k x 1.20
        ("minimax:MiniMax-M3", 200_000, "0.06"),
        # above 512K: 562,001 x 0.60 + 50k x 0.12 + 10k x 2.40
        ("minimax:MiniMax-M3", 612_001, "0.3672006"),
    ],
)
def test_request(model: str, input_tokens: int, total: str) -> None:
    """A known request on the reading's day: 50k of the input tokens cached,
    10k output."""
    c = tc.cost(
        model,
        input_tokens=input_tokens,
        cache_read_tokens=50_000,
        output_tokens=10_000,
        at=READING_DAY,
    )
    assert c.total == tc.Money(Decimal(total), "USD")


def test_kimi_k3_cache_writes_unknown() -> None:
    """Moonshot prints no cache-write price for K3: none is guessed."""
    with pytest.raises(tc.NoPriceError, match="cache-write"):
        tc.cost(
            "moonshot:kimi-k3",
            input_tokens=1_000,
            cache_write_tokens=500,
            at=READING_DAY,
        )


def test_grok_4_7_not_claimed() -> None:
    """Grok 4.7 came after the last stored reading: it stays the aggregators'."""
    assert tc.price("xai:grok-4.7").current.kind == "aggregator"
