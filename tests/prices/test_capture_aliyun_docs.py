"""Alibaba Cloud Model Studio's CNY list (China, Beijing region) as a copy of
its own pricing page shows it (help.aliyun.com/zh/model-studio/model-pricing,
stamped 2026-02-24), stored on 2026-02-27 by windwild/aliyun-docs (commit
791a0c86): each figure is a known answer from the page, and the bundled
catalog must price a known request with it, to the digit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc

#: The day of the commit that stored the copy (11:54 UTC).
COPY_DAY = "2026-02-27"


def cost(
    model: str, tokens: int, hits: int = 0, variant: str | None = None
) -> tc.Money:
    """``tokens`` input tokens (``hits`` of them cache hits) and 10k output."""
    return tc.cost(
        f"alibaba-cn:{model}",
        input_tokens=tokens,
        cache_read_tokens=hits,
        output_tokens=10_000,
        at=COPY_DAY,
        variant=variant,
    ).total


REQUESTS = [
    # qwen3-max: up to 32K 2.5 / 0.5 / 10; above 32K 4 / 0.8 / 16; above 128K 7 / 1.4 / 28
    ("qwen3-max", 30_000, 10_000, None, "0.155"),  # 20k x 2.5 + 10k x 0.5 + 10k x 10
    ("qwen3-max", 100_000, 20_000, None, "0.496"),  # 80k x 4 + 20k x 0.8 + 10k x 16
    ("qwen3-max", 200_000, 0, None, "1.68"),  # 200k x 7 + 10k x 28
    # qwen-plus: non-thinking 0.8 / 0.16 / 2, thinking output 8
    ("qwen-plus", 100_000, 20_000, None, "0.0872"),  # 80k x 0.8 + 20k x 0.16 + 10k x 2
    ("qwen-plus", 100_000, 20_000, "thinking", "0.1472"),  # ... + 10k x 8
    ("qwen-plus", 200_000, 0, None, "0.68"),  # 200k x 2.4 + 10k x 20
    ("qwen-plus", 200_000, 0, "thinking", "0.72"),  # 200k x 2.4 + 10k x 24
    ("qwen-plus", 300_000, 0, "thinking", "2.08"),  # 300k x 4.8 + 10k x 64
    # qwen3.5-plus: 0.8 / 4.8, 2 / 12 above 128K, 4 / 24 above 256K
    ("qwen3.5-plus", 100_000, 0, None, "0.128"),
    ("qwen3.5-plus", 300_000, 0, None, "1.44"),
    # qwen-flash: 0.15 / 0.03 / 1.5, 0.6 / 0.12 / 6, 1.2 / 0.24 / 12
    (
        "qwen-flash",
        100_000,
        20_000,
        None,
        "0.0276",
    ),  # 80k x 0.15 + 20k x 0.03 + 10k x 1.5
    (
        "qwen-flash",
        300_000,
        100_000,
        None,
        "0.384",
    ),  # 200k x 1.2 + 100k x 0.24 + 10k x 12
    # qwen3.5-flash: 0.2 / 2, 0.8 / 8 above 128K, 1.2 / 12 above 256K
    ("qwen3.5-flash", 100_000, 0, None, "0.04"),
    ("qwen3.5-flash", 200_000, 0, None, "0.24"),
    # qwen-max 2.4 / 0.48 / 9.6; qwen-turbo 0.3 / 0.06 / 0.6 (thinking 3); qwen-long 0.5 / 2
    ("qwen-max", 100_000, 20_000, None, "0.2976"),  # 80k x 2.4 + 20k x 0.48 + 10k x 9.6
    (
        "qwen-turbo",
        100_000,
        20_000,
        None,
        "0.0312",
    ),  # 80k x 0.3 + 20k x 0.06 + 10k x 0.6
    ("qwen-turbo", 100_000, 20_000, "thinking", "0.0552"),  # ... + 10k x 3
    ("qwen-long", 100_000, 0, None, "0.07"),  # 100k x 0.5 + 10k x 2
    # qwen3-coder-plus: 4 / 0.8 / 16, 6 / 1.2 / 24, 10 / 2 / 40, 20 / 4 / 200
    (
        "qwen3-coder-plus",
        100_000,
        20_000,
        None,
        "0.744",
    ),  # 80k x 6 + 20k x 1.2 + 10k x 24
    ("qwen3-coder-plus", 300_000, 0, None, "8"),  # 300k x 20 + 10k x 200
    # qwen3-coder-flash: 1 / 0.2 / 4 up to 32K
    (
        "qwen3-coder-flash",
        30_000,
        10_000,
        None,
        "0.062",
    ),  # 20k x 1 + 10k x 0.2 + 10k x 4
]


@pytest.mark.parametrize(("model", "tokens", "hits", "variant", "total"), REQUESTS)
def test_request(
    model: str, tokens: int, hits: int, variant: str | None, total: str
) -> None:
    assert cost(model, tokens, hits, variant) == tc.Money(Decimal(total), "CNY")


MODELS = sorted({m for m, *_ in REQUESTS})


@pytest.mark.parametrize("model", MODELS)
def test_provenance(model: str) -> None:
    """First-party, dated by the copy, citing where the copy is."""
    period = tc.price(f"alibaba-cn:{model}").period_at(date(2026, 2, 27))
    assert (period.kind, period.checked) == ("first-party", date(2026, 2, 27))
    assert "windwild/aliyun-docs" in period.source
    assert "791a0c86" in period.source


@pytest.mark.parametrize("model", ["qwen3.5-plus", "qwen3.5-flash", "qwen-long"])
def test_no_cache_price_where_the_page_gives_none(model: str) -> None:
    """Models the copy's context-cache page does not list for the implicit
    cache have no cache-hit price: none is guessed."""
    with pytest.raises(tc.NoPriceError, match="cache-read"):
        cost(model, 100_000, 20_000)


def test_qwen36_plus_stays_secondary() -> None:
    """qwen3.6-plus came after the copy."""
    assert tc.price("alibaba-cn:qwen3.6-plus").current.kind == "secondary"


HOSTED = [
    # the same page's other makers' models, Beijing region, CNY per million;
    # 100k input (20k cache hits where the model has a cache price), 10k output
    ("deepseek-v3.2", 20_000, "0.198"),  # 80k x 2 + 20k x 0.4 + 10k x 3
    ("deepseek-v3.2-exp", 0, "0.23"),  # 100k x 2 + 10k x 3
    ("deepseek-v3.1", 20_000, "0.456"),  # 80k x 4 + 20k x 0.8 + 10k x 12
    ("deepseek-r1", 20_000, "0.496"),  # 80k x 4 + 20k x 0.8 + 10k x 16
    ("deepseek-v3", 20_000, "0.248"),  # 80k x 2 + 20k x 0.4 + 10k x 8
    ("kimi-k2.5", 0, "0.61"),  # 100k x 4 + 10k x 21
    ("kimi-k2-thinking", 20_000, "0.496"),  # 80k x 4 + 20k x 0.8 + 10k x 16
    ("Moonshot-Kimi-K2-Instruct", 20_000, "0.496"),
    ("glm-5", 20_000, "0.724"),  # above 32K: 80k x 6 + 20k x 1.2 + 10k x 22
    ("glm-4.7", 20_000, "0.496"),  # above 32K: 80k x 4 + 20k x 0.8 + 10k x 16
    ("glm-4.5-air", 0, "0.2"),  # above 32K: 100k x 1.2 + 10k x 8
    ("MiniMax-M2.5", 20_000, "0.2604"),  # 80k x 2.1 + 20k x 0.42 + 10k x 8.4
]


class TestDashScopeChina:
    """Other makers' models on Model Studio in the Beijing region, at
    Alibaba's CNY price (the host's, not the maker's)."""

    @pytest.mark.parametrize(("model", "hits", "total"), HOSTED)
    def test_request(self, model: str, hits: int, total: str) -> None:
        c = tc.cost(
            f"dashscope-cn:{model}",
            input_tokens=100_000,
            cache_read_tokens=hits,
            output_tokens=10_000,
            at=COPY_DAY,
        )
        assert c.total == tc.Money(Decimal(total), "CNY")

    def test_short_prompt_tier(self) -> None:
        """glm-5 up to 32K input tokens: 4 / 0.8 / 18."""
        c = tc.cost(
            "dashscope-cn:glm-5", input_tokens=30_000, output_tokens=10_000, at=COPY_DAY
        )
        assert c.total == tc.Money(Decimal("0.30"), "CNY")  # 30k x 4 + 10k x 18

    @pytest.mark.parametrize("model", [m for m, _, _ in HOSTED])
    def test_provenance_and_host(self, model: str) -> None:
        price = tc.price(f"dashscope-cn:{model}")
        period = price.period_at(date(2026, 2, 27))
        assert (period.kind, period.checked) == ("first-party", date(2026, 2, 27))
        assert "791a0c86" in period.source
        assert (price.currency, price.first_party) == ("CNY", False)
