"""DeepSeek's, Moonshot's (China) and MiniMax's lists as copies of their own
pricing pages show them, stored on 2025-12-19 by petehsu/LLM-Docs (commit
fe4ebf53): each figure is a known answer from the page, and the bundled
catalog must price a known request with it, to the digit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tokencost as tc

#: The day of the commit that stored the copies (16:00 -08:00).
COPY_DAY = "2025-12-19"


def request(model: str, at: str = COPY_DAY, hits: int = 20_000) -> tc.Money:
    """100k input tokens (20k of them cache hits, unless told) and 10k output."""
    return tc.cost(
        model,
        input_tokens=100_000,
        cache_read_tokens=hits,
        output_tokens=10_000,
        at=at,
    ).total


def assert_from_copy(model: str, day: date = date(2025, 12, 19)) -> None:
    """First-party, dated by the copy, citing where the copy is."""
    period = tc.price(model).period_at(day)
    assert (period.kind, period.checked) == ("first-party", date(2025, 12, 19))
    assert "petehsu/LLM-Docs" in period.source
    assert "fe4ebf53" in period.source


DEEPSEEK = [
    # 80k cache misses x 0.28 + 20k cache hits x 0.028 + 10k x 0.42 (USD)
    ("deepseek:deepseek-chat", "0.02716", "USD"),
    ("deepseek:deepseek-reasoner", "0.02716", "USD"),
    # 80k x 2 + 20k x 0.2 + 10k x 3 (CNY)
    ("deepseek-cn:deepseek-chat", "0.194", "CNY"),
    ("deepseek-cn:deepseek-reasoner", "0.194", "CNY"),
]


class TestDeepSeekV32:
    """api-docs.deepseek.com's pricing pages (English and Chinese) on the
    copy: the V3.2 list, for both legacy names."""

    @pytest.mark.parametrize(("model", "total", "currency"), DEEPSEEK)
    def test_request(self, model: str, total: str, currency: str) -> None:
        assert request(model) == tc.Money(Decimal(total), currency)

    @pytest.mark.parametrize(("model", "total", "currency"), DEEPSEEK)
    def test_from_the_notice_of_2025_09_29(
        self, model: str, total: str, currency: str
    ) -> None:
        """The list took effect on 2025-09-29 (DeepSeek's notice, on the same
        copy) and ran to the V4 mapping of 2026-04-24."""
        assert request(model, "2025-09-29") == tc.Money(Decimal(total), currency)
        assert request(model, "2026-04-23") == tc.Money(Decimal(total), currency)
        assert_from_copy(model, date(2025, 9, 29))

    @pytest.mark.parametrize("model", ["deepseek-chat", "deepseek-reasoner"])
    def test_cny_v31_list_still_unknown(self, model: str) -> None:
        """The CNY list of 2025-09-05 (V3.1) is on no copy read: that period
        still refuses to guess."""
        with pytest.raises(tc.NoPriceError):
            request(f"deepseek-cn:{model}", "2025-09-20")


MOONSHOT_CN = [
    # cache miss / cache hit / output in CNY per million:
    # 80k x miss + 20k x hit + 10k x output
    ("kimi-k2-0905-preview", "0.50"),  # 4 / 1 / 16
    ("kimi-k2", "0.50"),  # the alias of 0905
    ("kimi-k2-0711-preview", "0.50"),
    ("kimi-k2-thinking", "0.50"),
    ("kimi-k2-turbo-preview", "1.24"),  # 8 / 1 / 58
    ("kimi-k2-thinking-turbo", "1.24"),
]

#: The v1 models have no cache-hit price: 100k x input + 10k x output.
MOONSHOT_CN_V1 = [
    ("moonshot-v1-8k", "0.30"),  # 2 / 10
    ("moonshot-v1-8k-vision-preview", "0.30"),  # listed at the same prices
    ("moonshot-v1-32k", "0.70"),  # 5 / 20
    ("moonshot-v1-128k", "1.30"),  # 10 / 30
]


class TestMoonshotChina:
    """platform.moonshot.cn/docs/pricing/chat on the copy (CNY, the page
    stamped 2025-11-11)."""

    @pytest.mark.parametrize(("model", "total"), MOONSHOT_CN)
    def test_request(self, model: str, total: str) -> None:
        assert request(f"moonshot-cn:{model}") == tc.Money(Decimal(total), "CNY")

    @pytest.mark.parametrize(("model", "total"), MOONSHOT_CN_V1)
    def test_request_v1(self, model: str, total: str) -> None:
        got = request(f"moonshot-cn:{model}", hits=0)
        assert got == tc.Money(Decimal(total), "CNY")

    def test_v1_has_no_cache_price(self) -> None:
        """The page gives the v1 models no cache-hit price: none is guessed."""
        with pytest.raises(tc.NoPriceError, match="cache-read"):
            request("moonshot-cn:moonshot-v1-32k")

    @pytest.mark.parametrize("model", [m for m, _ in MOONSHOT_CN + MOONSHOT_CN_V1])
    def test_provenance(self, model: str) -> None:
        assert_from_copy(f"moonshot-cn:{model}")

    @pytest.mark.parametrize("model", ["moonshot-v1-8k", "moonshot-v1-128k"])
    def test_later_secondary_period_agrees(self, model: str) -> None:
        """From 2026-07-07 the v1 figures rest on another project's
        configuration, with the same figures."""
        later = tc.price(f"moonshot-cn:{model}").period_at(date(2026, 7, 7))
        earlier = tc.price(f"moonshot-cn:{model}").period_at(date(2025, 12, 19))
        assert later.kind == "secondary"
        assert later.standard.rates == earlier.standard.rates


class TestMiniMaxM2:
    """MiniMax's China pay-as-you-go page (CNY) on the copy: MiniMax-M2 was
    the only text model listed."""

    def test_request(self) -> None:
        # 80k x 2.1 + 20k x 0.21 + 10k x 8.4
        assert request("minimax-cn:MiniMax-M2") == tc.Money(Decimal("0.2562"), "CNY")

    def test_cache_write(self) -> None:
        """Cache writes: 2.625 CNY per million."""
        c = tc.cost(
            "minimax-cn:MiniMax-M2",
            input_tokens=1_000_000,
            cache_write_tokens=1_000_000,
            at=COPY_DAY,
        )
        assert c.total == tc.Money(Decimal("2.625"), "CNY")

    def test_provenance(self) -> None:
        assert_from_copy("minimax-cn:MiniMax-M2")

    def test_usd_entry_not_claimed(self) -> None:
        """The global page's copy has the same USD figures, but the upstream
        entry for MiniMax-M2 also answers to M2.1 and M2.5, which the copy
        does not list: it stays the aggregators'."""
        price = tc.price("minimax:MiniMax-M2.5")
        assert price.id == "minimax:MiniMax-M2"
        assert price.current.kind == "aggregator"
        assert request("minimax:MiniMax-M2") == tc.Money(Decimal("0.0366"), "USD")


#: bigmodel.cn's model pages on the copy: one unit price per million tokens,
#: in CNY, which the platform applies to input and output alike (its fee FAQ,
#: on the same copy, bills the total of input and output tokens).
BIGMODEL = [
    ("glm-4-plus", "5"),
    ("glm-4-air-250414", "0.5"),
    ("glm-4-airx", "10"),
    ("glm-4-flashx-250414", "0.1"),
    ("glm-z1-air", "0.5"),
    ("glm-z1-airx", "5"),
    ("glm-z1-flashx", "0.1"),
]


class TestBigModelGlm4:
    """docs.bigmodel.cn's GLM-4 and GLM-Z1 pages on the copy (CNY)."""

    @pytest.mark.parametrize(("model", "unit"), BIGMODEL)
    def test_unit_price(self, model: str, unit: str) -> None:
        rates = tc.price(f"zhipuai:{model}").period_at(date(2025, 12, 19))
        assert rates.standard.rates.input_mtok == Decimal(unit)
        assert rates.standard.rates.output_mtok == Decimal(unit)

    @pytest.mark.parametrize(("model", "unit"), BIGMODEL)
    def test_request(self, model: str, unit: str) -> None:
        """100k input and 10k output tokens: 110k at the unit price."""
        c = tc.cost(
            f"zhipuai:{model}",
            input_tokens=100_000,
            output_tokens=10_000,
            at=COPY_DAY,
        )
        assert c.total == tc.Money(Decimal(unit) * Decimal("0.11"), "CNY")

    @pytest.mark.parametrize(("model", "unit"), BIGMODEL)
    def test_provenance(self, model: str, unit: str) -> None:
        assert_from_copy(f"zhipuai:{model}")
        assert "docs.bigmodel.cn" in tc.price(f"zhipuai:{model}").current.source

    def test_bare_name_is_bigmodel(self) -> None:
        """Only bigmodel.cn sells GLM-4-Plus in the catalog: the bare name is
        its CNY price."""
        price = tc.price("glm-4-plus")
        assert (price.id, price.currency) == ("zhipuai:glm-4-plus", "CNY")

    def test_no_cache_price(self) -> None:
        """The pages give no cache price: none is guessed."""
        with pytest.raises(tc.NoPriceError, match="cache-read"):
            request("zhipuai:glm-4-plus")
