"""Provider lists read from first-party sources, as the curated sheets give
them and as the bundled catalog prices them: each figure is a known answer
from the sheet under scripts/curated/, and the catalog must carry it."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tokencost.prices.moments import utc_moment

CURATED = Path(__file__).parents[2] / "scripts" / "curated"


def _curated(provider: str, model: str, start: str | None) -> dict[str, Any]:
    """The period of *model* in the curated sheet of *provider* starting on
    *start*, as written."""
    sheet = tomllib.loads(
        (CURATED / f"{provider}.toml").read_text(encoding="utf-8"),
        parse_float=Decimal,
    )
    entry = next(m for m in sheet["models"] if m["id"] == model)
    want = None if start is None else date.fromisoformat(start)
    return next(p for p in entry["periods"] if p.get("from") == want)


class TestMistral:
    """Mistral's model cards (its docs repository) as the curated sheet has
    them, and the catalog's prices for the same days."""

    @pytest.mark.parametrize(
        ("model", "start", "input_mtok", "output_mtok", "checked"),
        [
            ("mistral-medium-3-5", "2026-04-28", "1.5", "7.5", "2026-08-21"),
            ("mistral-large-2512", "2025-12-02", "0.5", "1.5", "2026-08-21"),
            ("mistral-small-2603", "2026-03-16", "0.15", "0.6", "2026-08-21"),
            ("ministral-14b-2512", "2025-12-02", "0.2", "0.2", "2026-08-21"),
            ("ministral-8b-2512", "2025-12-02", "0.15", "0.15", "2026-08-21"),
            ("ministral-3b-2512", "2025-12-02", "0.1", "0.1", "2026-08-21"),
            ("codestral-2508", "2025-10-20", "0.3", "0.9", "2026-08-21"),
            ("mistral-medium-2508", "2025-10-20", "0.4", "2", "2026-08-21"),
            ("mistral-medium-2505", "2025-10-20", "0.4", "2", "2026-08-21"),
            ("magistral-medium-2509", "2025-10-20", "2", "5", "2026-08-21"),
            ("magistral-small-2509", "2025-10-20", "0.5", "1.5", "2026-08-21"),
            ("devstral-2512", "2025-12-09", "0.4", "2", "2026-08-21"),
            ("mistral-large-2411", "2025-10-20", "2", "6", "2026-08-21"),
            ("open-mistral-nemo-2407", "2025-10-20", "0.15", "0.15", "2026-08-21"),
            # the -latest names follow their targets, dated by the docs' commits
            ("mistral-large-latest", "2025-10-20", "0.4", "2", "2025-11-26"),
            ("mistral-large-latest", "2025-12-02", "0.5", "1.5", "2026-08-21"),
            ("mistral-medium-latest", "2025-10-20", "0.4", "2", "2026-06-12"),
            ("mistral-medium-latest", "2026-06-16", "1.5", "7.5", "2026-08-21"),
            ("mistral-small-latest", "2025-10-20", "0.1", "0.3", "2026-03-16"),
            ("mistral-small-latest", "2026-03-16", "0.15", "0.6", "2026-08-21"),
            ("ministral-8b-latest", "2025-10-20", "0.1", "0.1", "2025-11-26"),
            ("ministral-3b-latest", "2025-10-20", "0.04", "0.04", "2025-11-26"),
        ],
    )
    def test_figures(
        self,
        model: str,
        start: str,
        input_mtok: str,
        output_mtok: str,
        checked: str,
    ) -> None:
        """Input and output as the model card gives them, cache reads at a
        tenth of input, batch at half, first-party and dated by the commit."""
        written = _curated("mistral", model, start)
        assert (written["input_mtok"], written["output_mtok"]) == (
            Decimal(input_mtok),
            Decimal(output_mtok),
        )
        period = tc.price(f"mistral:{model}").period_at(date.fromisoformat(start))
        rates = period.standard.rates
        assert (rates.input_mtok, rates.cache_read_mtok, rates.output_mtok) == (
            Decimal(input_mtok),
            Decimal(input_mtok) / 10,
            Decimal(output_mtok),
        )
        batch = period.schedule("batch").rates
        assert (batch.input_mtok, batch.output_mtok) == (
            Decimal(input_mtok) / 2,
            Decimal(output_mtok) / 2,
        )
        assert (period.kind, period.checked) == (
            "first-party",
            date.fromisoformat(checked),
        )
        assert "mistralai/platform-docs-public" in period.source

    def test_no_price_before_the_first_card(self) -> None:
        """Mistral Nemo was released in 2024, but the first model card read is
        of 2025-10-20: before that the sheet has no price, and says so."""
        with pytest.raises(tc.NoPriceError):
            tc.cost("mistral:open-mistral-nemo-2407", input_tokens=1, at="2025-10-19")

    @pytest.mark.parametrize(
        ("at", "total"),
        [
            # 1M in x $0.40 + 1M out x $2 (mistral-medium-2508)
            ("2026-06-15", Decimal("2.4")),
            # 1M in x $1.50 + 1M out x $7.50 (mistral-medium-3-5)
            ("2026-06-16", Decimal("9.0")),
        ],
    )
    def test_latest_follows_its_target(self, at: str, total: Decimal) -> None:
        """mistral-medium-latest costs what the model it pointed to cost."""
        c = tc.cost(
            "mistral-medium-latest",
            input_tokens=1_000_000,
            output_tokens=1_000_000,
            at=at,
        )
        assert c.total == tc.Money(total, "USD")

    @pytest.mark.parametrize(
        ("model", "retired"),
        [
            ("mistral-large-2411", "2026-05-31"),
            ("devstral-2512", "2026-07-31"),
            ("magistral-medium-2509", "2026-07-31"),
            ("mistral-small-2506", "2026-07-31"),
        ],
    )
    def test_retired(self, model: str, retired: str) -> None:
        """A model is priced until the retirement day the docs give and
        refused from that day on."""
        day = date.fromisoformat(retired)
        price = tc.price(f"mistral:{model}")
        assert price.period_at(day - timedelta(days=1)).end == utc_moment(day)
        with pytest.raises(tc.NoPriceError, match="no longer offered"):
            tc.cost(f"mistral:{model}", input_tokens=1, at=retired)

    def test_batch_with_cache(self) -> None:
        """Mistral Small 4 in batch: 600k plain input x $0.075, 400k cached
        x $0.0075 and 100k output x $0.30 per million."""
        c = tc.cost(
            "mistral-small-2603",
            input_tokens=1_000_000,
            cache_read_tokens=400_000,
            output_tokens=100_000,
            variant="batch",
        )
        assert c.total == tc.Money(Decimal("0.078"), "USD")


class TestChinaLists:
    """CNY lists as the China platforms sell them. No first-party copy was
    found for these, so they rest on another project's configuration and
    say so: kind secondary, dated by the commit read."""

    @pytest.mark.parametrize(
        ("model", "input_mtok", "cache_read_mtok", "output_mtok"),
        [
            ("kimi-k2.7-code", "6.5", "1.3", "27"),
            ("kimi-k2.7-code-highspeed", "13", "2.6", "54"),
            ("kimi-k2.6", "6.5", "1.1", "27"),
            ("kimi-k2.5", "4", "0.7", "21"),
            ("moonshot-v1-8k", "2", None, "10"),
            ("moonshot-v1-32k", "5", None, "20"),
            ("moonshot-v1-128k", "10", None, "30"),
        ],
    )
    def test_moonshot(
        self,
        model: str,
        input_mtok: str,
        cache_read_mtok: str | None,
        output_mtok: str,
    ) -> None:
        """Moonshot's China list, in CNY, as the curated sheet writes it."""
        written = _curated("moonshot-cn", model, "2026-07-07")
        cache = None if cache_read_mtok is None else Decimal(cache_read_mtok)
        assert (
            written["input_mtok"],
            written.get("cache_read_mtok"),
            written["output_mtok"],
        ) == (Decimal(input_mtok), cache, Decimal(output_mtok))
        price = tc.price(f"moonshot-cn:{model}")
        rates = price.current.standard.rates
        assert (rates.input_mtok, rates.cache_read_mtok, rates.output_mtok) == (
            Decimal(input_mtok),
            cache,
            Decimal(output_mtok),
        )
        assert price.currency == "CNY"
        assert (price.current.kind, price.current.checked) == (
            "secondary",
            date(2026, 7, 7),
        )

    @pytest.mark.parametrize(
        ("model", "usage", "total"),
        [
            # 800k plain x 6.5 + 200k cached x 1.1 + 100k out x 27 per million
            (
                "moonshot-cn:kimi-k2.6",
                {"input_tokens": 1_000_000, "cache_read_tokens": 200_000,
                 "output_tokens": 100_000},
                Decimal("8.12"),
            ),
            # 8k x 2 + 2k x 10 per million
            (
                "moonshot-cn:moonshot-v1-8k",
                {"input_tokens": 8_000, "output_tokens": 2_000},
                Decimal("0.036"),
            ),
            # up to 512K: 100k x 2.1 + 10k x 8.4 per million
            (
                "minimax-cn:MiniMax-M3",
                {"input_tokens": 100_000, "output_tokens": 10_000},
                Decimal("0.294"),
            ),
            # over 512K the whole request: 600k x 4.2 + 10k x 16.8 per million
            (
                "minimax-cn:MiniMax-M3",
                {"input_tokens": 600_000, "output_tokens": 10_000},
                Decimal("2.688"),
            ),
        ],
    )  # fmt: skip
    def test_cost_in_yuan(
        self, model: str, usage: dict[str, int], total: Decimal
    ) -> None:
        """A request on a China list costs its exact amount in CNY."""
        assert tc.cost(model, **usage).total == tc.Money(total, "CNY")

    def test_minimax_m3_priority(self) -> None:
        """MiniMax-M3 priority requests: 100k x 3.15 + 10k x 12.6 per million."""
        c = tc.cost(
            "minimax-cn:MiniMax-M3",
            input_tokens=100_000,
            output_tokens=10_000,
            variant="priority",
        )
        assert c.total == tc.Money(Decimal("0.441"), "CNY")

    def test_minimax_m3_written(self) -> None:
        """The curated M3 period, its long-context tier and its source kind."""
        written = _curated("minimax-cn", "MiniMax-M3", "2026-07-13")
        tier = written["tiers"][0]
        assert (
            written["input_mtok"],
            written["cache_read_mtok"],
            written["output_mtok"],
            tier["min_input_tokens"],
            tier["input_mtok"],
            tier["output_mtok"],
            written["kind"],
        ) == (
            Decimal("2.1"),
            Decimal("0.42"),
            Decimal("8.4"),
            512_001,
            Decimal("4.2"),
            Decimal("16.8"),
            "secondary",
        )

    @pytest.mark.parametrize("model", ["kimi-k2.6", "kimi-k2.5", "moonshot-v1-8k"])
    def test_bare_name_is_the_usd_list(self, model: str) -> None:
        """A bare Kimi name is Moonshot's international (USD) list, home over
        the China list."""
        assert tc.price(model).id == f"moonshot:{model}"
        assert tc.price(model).currency == "USD"


class TestHostPrices:
    """A model a host resells carries the host's price: DashScope's list of
    other makers' models, apart from the makers' own lists."""

    @pytest.mark.parametrize(
        ("model", "input_mtok", "cache_read_mtok", "output_mtok"),
        [
            # LiteLLM 1.110.2, citing alibabacloud.com/help/en/model-studio/models
            ("deepseek-v4-flash", "0.2", "0.04", "0.4"),
            ("deepseek-v4-pro", "2.4", "0.2", "4.8"),
            ("glm-5.2", "1.4", "0.28", "4.4"),
            ("kimi-k2.7-code", "0.95", "0.19", "4"),
        ],
    )
    def test_dashscope(
        self, model: str, input_mtok: str, cache_read_mtok: str, output_mtok: str
    ) -> None:
        """DashScope's own figures, an aggregator's reading, on a host list."""
        price = tc.price(f"dashscope:{model}")
        rates = price.current.standard.rates
        assert (rates.input_mtok, rates.cache_read_mtok, rates.output_mtok) == (
            Decimal(input_mtok),
            Decimal(cache_read_mtok),
            Decimal(output_mtok),
        )
        assert (price.first_party, price.current.kind) == (False, "aggregator")

    @pytest.mark.parametrize("model", ["kimi-k2-thinking", "Moonshot-Kimi-K2-Instruct"])
    def test_dashscope_own_page(self, model: str) -> None:
        """Alibaba's own Kimi page: 0.574 / 2.294 USD, dated by the page's
        Last Updated stamp; 1M in + 100k out costs 0.8034."""
        written = _curated("dashscope", model, "2025-11-13")
        assert (written["input_mtok"], written["output_mtok"]) == (
            Decimal("0.574"),
            Decimal("2.294"),
        )
        period = tc.price(f"dashscope:{model}").current
        assert (period.kind, period.checked) == ("first-party", date(2025, 11, 13))
        c = tc.cost(f"dashscope:{model}", input_tokens=1_000_000, output_tokens=100_000)
        assert c.total == tc.Money(Decimal("0.8034"), "USD")

    def test_bare_name_stays_with_the_maker(self) -> None:
        """Bare glm-5.2 is Z.ai's list, whose cache read (0.26) is not
        DashScope's (0.28)."""
        assert tc.price("glm-5.2").id == "zai:glm-5.2"
        assert tc.price("glm-5.2").current.standard.rates.cache_read_mtok == Decimal(
            "0.26"
        )
