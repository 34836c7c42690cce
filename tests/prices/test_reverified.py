"""Flagship figures re-read from dated copies of the providers' own pages:
each figure is the capture's, and the catalog prices a known request with it.
Where no dated copy was found, the figure of record is the aggregators', and
the undated or secondary readings only stand beside it."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tokencost.prices.bundled import data_path

CURATED = Path(__file__).parents[2] / "scripts" / "curated"
DATA = Path(data_path())
MOONSHOT_CAPTURE = (
    "https://megalodon.jp/ref/2026-0326-0135-31/"
    "https://platform.moonshot.ai:443/docs/pricing/chat"
)


def _sheet(name: str) -> dict[str, Any]:
    text = (CURATED / f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text, parse_float=Decimal)


def _view(model: str) -> dict[str, Any]:
    side = json.loads((DATA / "sources.json").read_text(encoding="utf-8"))
    view: dict[str, Any] = side["models"][model]
    return view


class TestMoonshot:
    """Moonshot's pricing pages as stored on 2026-05-08 (platform.kimi.ai, in
    Lore-Hex/quill-router's commit 1b026d1b), and as megalodon.jp captured
    platform.moonshot.ai/docs/pricing/chat on 2026-03-26 01:35:31 JST."""

    @pytest.mark.parametrize(
        ("model", "row", "march"),
        [
            # cache hit, cache miss, output, context window
            ("kimi-k2.6", ("0.16", "0.95", "4.00", 262_144), False),
            ("kimi-k2.5", ("0.10", "0.60", "3.00", 262_144), True),
            ("kimi-k2-0905-preview", ("0.15", "0.60", "2.50", 262_144), True),
            ("kimi-k2-0711-preview", ("0.15", "0.60", "2.50", 131_072), True),
            ("kimi-k2-turbo-preview", ("0.15", "1.15", "8.00", 262_144), False),
            ("kimi-k2-thinking", ("0.15", "0.60", "2.50", 262_144), False),
            ("kimi-k2-thinking-turbo", ("0.15", "1.15", "8.00", 262_144), False),
            ("moonshot-v1-8k", (None, "0.20", "2.00", 8_192), False),
            ("moonshot-v1-32k", (None, "1.00", "3.00", 32_768), False),
            ("moonshot-v1-128k", (None, "2.00", "5.00", 131_072), False),
        ],
    )
    def test_sheet_has_the_capture(
        self, model: str, row: tuple[str | None, str, str, int], march: bool
    ) -> None:
        """The sheet writes the copies' row, dated by the later copy."""
        cache_hit, cache_miss, output, context = row
        entry = next(m for m in _sheet("moonshot")["models"] if m["id"] == model)
        (period,) = entry["periods"]
        assert (
            period.get("cache_read_mtok"),
            period["input_mtok"],
            period["output_mtok"],
            entry["context_window"],
        ) == (
            None if cache_hit is None else Decimal(cache_hit),
            Decimal(cache_miss),
            Decimal(output),
            context,
        )
        assert (period["kind"], period["checked"]) == ("first-party", date(2026, 5, 8))
        assert "quill-router, commit 1b026d1b" in period["source"]
        assert (MOONSHOT_CAPTURE in period["source"]) is march

    @pytest.mark.parametrize(
        ("model", "day", "total"),
        [
            # 800k x 0.60 + 200k x 0.10 + 100k x 3.00 per million
            ("kimi-k2.5", "2026-03-25", "0.80"),
            ("kimi-k2.5", "2026-05-08", "0.80"),
            # 800k x 0.60 + 200k x 0.15 + 100k x 2.50 per million
            ("kimi-k2-0905-preview", "2026-03-25", "0.76"),
            ("kimi-k2", "2026-05-08", "0.76"),
            ("kimi-k2-0711-preview", "2026-03-25", "0.76"),
            ("kimi-k2-thinking", "2026-05-08", "0.76"),
            # 800k x 0.95 + 200k x 0.16 + 100k x 4.00 per million
            ("kimi-k2.6", "2026-05-08", "1.192"),
            # 800k x 1.15 + 200k x 0.15 + 100k x 8.00 per million
            ("kimi-k2-turbo-preview", "2026-05-08", "1.75"),
            ("kimi-k2-thinking-turbo", "2026-05-08", "1.75"),
        ],
    )
    def test_cost_on_the_capture_day(self, model: str, day: str, total: str) -> None:
        """1M input tokens, 200k of them cache hits, and 100k output on the
        day of a capture."""
        usage = tc.Usage(
            input_tokens=1_000_000, cache_read_tokens=200_000, output_tokens=100_000
        )
        c = tc.cost(model, usage, at=day)
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        ("model", "total"),
        [
            # 1M x 0.20 + 100k x 2.00 per million
            ("moonshot-v1-8k", "0.40"),
            ("moonshot-v1-8k-vision-preview", "0.40"),
            # 1M x 1.00 + 100k x 3.00
            ("moonshot-v1-32k", "1.30"),
            # 1M x 2.00 + 100k x 5.00
            ("moonshot-v1-128k", "2.50"),
        ],
    )
    def test_v1_cost(self, model: str, total: str) -> None:
        """The v1 models have one input price; the vision previews cost the same."""
        c = tc.cost(
            model, input_tokens=1_000_000, output_tokens=100_000, at="2026-05-08"
        )
        assert c.total == tc.Money(Decimal(total), "USD")

    @pytest.mark.parametrize(
        "model", ["kimi-k2.5", "kimi-k2-0905-preview", "kimi-k2.6", "moonshot-v1-8k"]
    )
    def test_of_record(self, model: str) -> None:
        """The copies are the price of record, first-party over the aggregators."""
        (period,) = tc.price(f"moonshot:{model}").periods
        assert (period.kind, period.checked) == ("first-party", date(2026, 5, 8))
        assert _view(f"moonshot:{model}")["chosen"] == "curated"

    def test_kimi_k3_from_the_dated_reading(self) -> None:
        """K3 is first-party from the reading of 2026-08-22 (see
        test_readings_2026_08): Moonshot prints no cache-write price, so the
        aggregators' cache writes (3 and 6) only stand beside it."""
        period = tc.price("kimi-k3").current
        rates = period.standard.rates
        assert (period.kind, period.checked) == ("first-party", date(2026, 8, 22))
        assert (
            rates.input_mtok,
            rates.cache_read_mtok,
            rates.cache_write_mtok,
            rates.cache_write_1h_mtok,
            rates.output_mtok,
        ) == (Decimal(3), Decimal("0.3"), None, None, Decimal(15))
        genai = _view("moonshot:kimi-k3")["sources"]["genai-prices"]
        assert (genai["cache_write_mtok"], genai["cache_write_1h_mtok"]) == ("3", "6")


class TestMiniMax:
    """No dated copy of MiniMax's pricing page was found; one dated reading of
    it (2026-08-22) prices MiniMax-M3."""

    def test_first_party_claim_only_for_m3(self) -> None:
        """Only MiniMax-M3 rests on a dated reading of MiniMax's page (see
        test_readings_2026_08); M2.7 stays the aggregators', cache writes
        included."""
        kinds = {
            (m["id"], p["kind"])
            for m in _sheet("minimax")["models"]
            for p in m["periods"]
        }
        assert kinds == {("MiniMax-M3", "first-party")}
        m27 = tc.price("MiniMax-M2.7").current
        assert m27.kind == "aggregator"
        assert m27.standard.rates.cache_write_mtok == Decimal("0.375")

    def test_list_price_reported_beside(self) -> None:
        """The articles' M3 list price (0.60 / 0.12 / 2.40, 1.20 / 0.24 / 4.80
        above 512K) stands beside the 0.30 / 0.06 / 1.20 of record."""
        view = _view("minimax:MiniMax-M3")
        assert view["chosen"] == "curated"
        page = view["sources"]["secondary"]
        keys = ("input_mtok", "cache_read_mtok", "output_mtok")
        assert [Decimal(page[k]) for k in keys] == [
            Decimal("0.60"),
            Decimal("0.12"),
            Decimal("2.40"),
        ]
        written = next(
            m for m in _sheet("secondary/minimax")["models"] if m["id"] == "MiniMax-M3"
        )
        (tier,) = written["periods"][0]["tiers"]
        assert (tier["min_input_tokens"], tier["input_mtok"], tier["output_mtok"]) == (
            512_001,
            Decimal("1.20"),
            Decimal("4.80"),
        )

    @pytest.mark.parametrize(
        ("input_tokens", "total"),
        [
            # 500k x 0.30 + 100k x 1.20 per million: the figures of record
            (500_000, "0.27"),
            # above 512K the whole request: 600k x 0.60 + 100k x 2.40
            (600_000, "0.60"),
        ],
    )
    def test_m3_cost_of_record(self, input_tokens: int, total: str) -> None:
        """MiniMax-M3 on 2026-07-01 at the figures of record."""
        c = tc.cost(
            "MiniMax-M3",
            input_tokens=input_tokens,
            output_tokens=100_000,
            at=date(2026, 7, 1),
        )
        assert c.total == tc.Money(Decimal(total), "USD")


class TestXai:
    """docs.x.ai/docs/models as stored on 2026-05-08 (Lore-Hex/quill-router,
    commit 618e39f0), and the retirement of 2026-05-15 it announces."""

    @pytest.mark.parametrize(
        ("model", "before", "after"),
        [
            # 100k x 0.20 + 10k x 0.50 per million, then grok-4.3's
            # 100k x 1.25 + 10k x 2.50
            ("grok-4-1-fast-reasoning", "0.025", "0.15"),
            ("grok-4-1-fast", "0.025", "0.15"),
            ("grok-4-1-fast-non-reasoning", "0.025", "0.15"),
            ("grok-4-fast-reasoning", "0.025", "0.15"),
            ("grok-4-fast-non-reasoning", "0.025", "0.15"),
            # 100k x 3 + 10k x 15
            ("grok-4-0709", "0.45", "0.15"),
            ("grok-3", "0.45", "0.15"),
            # 100k x 0.20 + 10k x 1.50
            ("grok-code-fast-1", "0.035", "0.15"),
        ],
    )
    def test_retired_slugs_bill_as_grok_4_3(
        self, model: str, before: str, after: str
    ) -> None:
        """The eight slugs retired on 2026-05-15 keep resolving and are billed
        at grok-4.3's prices from 12:00 PT (19:00 UTC) that day."""
        usage = tc.Usage(input_tokens=100_000, output_tokens=10_000)
        assert tc.cost(model, usage, at="2026-05-14").total == tc.Money(
            Decimal(before), "USD"
        )
        assert tc.cost(model, usage, at="2026-05-16").total == tc.Money(
            Decimal(after), "USD"
        )
        period = tc.price(model).period_at(datetime(2026, 5, 15, 19, tzinfo=UTC))
        assert (period.kind, period.checked) == ("first-party", date(2026, 5, 8))
        assert "may-15-retirement" in period.source

    def test_redirect_long_context(self) -> None:
        """A redirected request over 200K tokens pays grok-4.3's long-context
        rates: 300k x 2.50 + 10k x 5.00 per million."""
        usage = tc.Usage(input_tokens=300_000, output_tokens=10_000)
        c = tc.cost("grok-code-fast-1", usage, at="2026-06-01")
        assert c.total == tc.Money(Decimal("0.80"), "USD")

    @pytest.mark.parametrize(
        "model",
        [
            "grok-4.20-0309-reasoning",
            "grok-4.20-0309-non-reasoning",
            "grok-4.20-multi-agent-0309",
        ],
    )
    @pytest.mark.parametrize(
        ("day", "total", "kind"),
        [
            # 100k x 2.00 + 10k x 6.00 per million, before the cut
            ("2026-04-29", "0.26", "aggregator"),
            # 100k x 1.25 + 10k x 2.50, as the capture of 2026-05-08 shows
            ("2026-05-08", "0.15", "first-party"),
        ],
    )
    def test_grok_4_20(self, model: str, day: str, total: str, kind: str) -> None:
        """Grok 4.20 at 1.25 / 2.50 on the capture, 2 / 6 before the cut."""
        usage = tc.Usage(input_tokens=100_000, output_tokens=10_000)
        assert tc.cost(model, usage, at=day).total == tc.Money(Decimal(total), "USD")
        assert tc.price(model).period_at(date.fromisoformat(day)).kind == kind

    def test_sheet_cites_the_capture(self) -> None:
        """Every first-party period added from the capture names its commit."""
        added = {
            "grok-4-1-fast-reasoning",
            "grok-4-1-fast-non-reasoning",
            "grok-4.20",
            "grok-4.20-multi-agent-0309",
        }
        for entry in _sheet("xai")["models"]:
            if entry["id"] not in added:
                continue
            firsts = [p for p in entry["periods"] if p["kind"] == "first-party"]
            assert firsts
            for period in firsts:
                assert period["checked"] == date(2026, 5, 8)
                assert "commit 618e39f0" in period["source"]
