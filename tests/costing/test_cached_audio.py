"""Cached audio prompt tokens: a part of the cache reads, priced at their own
rate, never at the cached-text one."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from tests.conftest import FIXTURES
from tokencost.cli import main

PIXEL = tc.load_catalog(FIXTURES / "pixel.toml", bundled=False)
AT = "2026-07-01"

#: The recorded Gemini 2.5 Flash reply (tests/fixtures/recorded): 3,297
#: prompt tokens, 2,918 of them cached, of which 284 are audio.
RECORDED = next(
    entry["reply"]
    for entry in json.loads((FIXTURES / "recorded" / "replies.json").read_text())
    if "direct-url_force_download-video-google_2_5].yaml"
    in (entry["recorded_in"] or "")
)


def lines(cost: tc.Cost) -> dict[str, tuple[int, Decimal]]:
    return {line.component: (line.quantity, line.amount.amount) for line in cost.lines}


class TestKnownAnswers:
    def test_recorded_gemini_reply(self) -> None:
        """The recorded reply on Gemini 2.5 Flash, line by line: 284 cached
        audio tokens at $0.10 per million, the other 2,634 cached tokens at
        $0.03."""
        cost = tc.cost_reply(RECORDED, at=AT)
        assert cost.model == "google:gemini-2.5-flash"
        assert lines(cost) == {
            "input": (10, Decimal("0.000003")),
            "input_audio": (37, Decimal("0.000037")),
            "input_video": (332, Decimal("0.0000996")),
            "cache_read": (2_634, Decimal("0.00007902")),
            "cache_read_audio": (284, Decimal("0.0000284")),
            "output": (150, Decimal("0.000375")),
        }
        assert cost.total == tc.Money("0.00062202", "USD")

    def test_recorded_reply_cost_more_than_as_cached_text(self) -> None:
        """Read as before (every cached token at the cached-text rate), the
        same request cost $0.00060214: 284 x (0.10 - 0.03) / 1M less."""
        usage = tc.usage_from(RECORDED)
        as_text = attrs.evolve(usage, cache_read_audio_tokens=0)
        before = tc.cost("gemini-2.5-flash", as_text, at=AT).total.amount
        after = tc.cost("gemini-2.5-flash", usage, at=AT).total.amount
        assert before == Decimal("0.00060214")
        assert after - before == Decimal("0.00001988")

    @pytest.mark.parametrize(
        ("model", "variant", "usage", "expected"),
        [
            # 1M cached tokens, 400k of them audio: 600k x 0.03 + 400k x 0.10.
            (
                "gemini-2.5-flash", None,
                tc.Usage(1_000_000, 0, 1_000_000, cache_read_audio_tokens=400_000),
                Decimal("0.058"),
            ),
            # Priority: cached text $0.054, cached audio $0.18.
            (
                "gemini-2.5-flash", "priority",
                tc.Usage(1_000_000, 0, 1_000_000, cache_read_audio_tokens=400_000),
                Decimal("0.1044"),
            ),
            # Gemini 2.5 Flash-Lite: $0.01 and $0.03.
            (
                "gemini-2.5-flash-lite", None,
                tc.Usage(2_000_000, 0, 2_000_000, cache_read_audio_tokens=1_000_000),
                Decimal("0.04"),
            ),
            # Gemini 3.1 Flash-Lite's batch halves both: $0.0125 and $0.025.
            (
                "gemini-3.1-flash-lite", "batch",
                tc.Usage(1_000_000, 0, 1_000_000, cache_read_audio_tokens=1_000_000),
                Decimal("0.025"),
            ),
            # gpt-realtime-mini: 600 cached audio at $0.30, 400 cached text at
            # $0.06, 1,000 audio in at $10, 500 audio out at $20.
            (
                "gpt-realtime-mini", None,
                tc.Usage(2_000, 500, 1_000, input_audio_tokens=1_000,
                         output_audio_tokens=500, cache_read_audio_tokens=600),
                Decimal("0.020204"),
            ),
        ],
    )  # fmt: skip
    def test_bundled_rates(
        self, model: str, variant: str | None, usage: tc.Usage, expected: Decimal
    ) -> None:
        """Each cached-audio rate of the bundled catalog, worked by hand."""
        cost = tc.cost(model, usage, at=AT, variant=variant)
        assert cost.total.amount == expected

    def test_keywords_and_requests(self) -> None:
        """The count as a keyword, over many requests: 1,000 requests of 284
        cached audio tokens at $0.10 per million are $0.0284."""
        cost = tc.cost(
            "pixel-1", input_tokens=300, cache_read_tokens=284,
            cache_read_audio_tokens=284, requests=1_000, catalog=PIXEL, at=AT,
        )  # fmt: skip
        assert lines(cost) == {
            "input": (16_000, Decimal("0.0048")),
            "cache_read_audio": (284_000, Decimal("0.0284")),
            "output": (0, Decimal("0")),
        }
        assert cost.total.amount == Decimal("0.0332")


class TestShown:
    def test_price_history_column(self) -> None:
        """A price history shows the cached-audio rate of each variant."""
        headers, rows = tc.price("gemini-2.5-flash").table()
        column = headers.index("cache read audio")
        assert [row[column] for row in rows][-4:] == ["0.10", "0.10", "0.10", "0.18"]

    def test_price_table_column(self) -> None:
        """The shipped price table carries the rate per token, exactly."""
        from tokencost.prices.table import RATE_COLUMNS, price_rows

        assert ("cache_read_audio_rate", "cache_read_audio_mtok") in RATE_COLUMNS
        rows = price_rows([tc.price("gemini-2.5-flash")])
        rates = {(r.variant, r.cache_read_audio_rate) for r in rows}
        assert rates == {
            ("standard", Decimal("0.0000001")),
            ("batch", Decimal("0.0000001")),
            ("flex", Decimal("0.0000001")),
            ("priority", Decimal("0.00000018")),
        }


class TestRefused:
    def test_model_without_the_rate(self) -> None:
        """Cached audio on a model with no cached-audio price is refused,
        naming the model and the component, never priced as cached text."""
        with pytest.raises(
            tc.NoPriceError,
            match=r"^pixel:pixel-text has no known cache-read-audio price, so 284 "
            r"cache-read-audio tokens cannot be priced \(cached audio tokens are "
            r"never priced as cached text\)$",
        ):
            tc.cost(
                "pixel-text", tc.Usage(300, 0, 284, cache_read_audio_tokens=284),
                catalog=PIXEL, at=AT,
            )  # fmt: skip

    def test_bundled_model_without_the_rate(self) -> None:
        """A bundled model with audio input and cached input prices but no
        cached-audio price (Vertex's Gemini 2.5 Flash preview of 09-2025,
        from the aggregators): refused."""
        with pytest.raises(
            tc.NoPriceError, match="gemini-2.5-flash-preview-09-2025.*cache-read-audio"
        ):
            tc.cost(
                "vertex:gemini-2.5-flash-preview-09-2025",
                tc.Usage(1_000, 0, 500, cache_read_audio_tokens=1),
                at=AT,
            )

    @pytest.mark.parametrize(
        ("counts", "error", "message"),
        [
            (
                {"input_tokens": 1_000, "cache_read_tokens": 100,
                 "cache_read_audio_tokens": 101},
                tc.InvalidUsageError,
                "cache_read_audio_tokens=101 exceed cache_read_tokens=100; "
                "cache_read_tokens must count every prompt token read from the "
                "cache, audio ones too$",
            ),
            (
                {"input_tokens": 1_000, "cache_read_audio_tokens": 1},
                tc.InvalidUsageError,
                "cache_read_audio_tokens=1 exceed cache_read_tokens=0;",
            ),
            (
                {"cache_read_audio_tokens": -1},
                tc.InvalidQuantityError,
                "cache_read_audio_tokens must be >= 0, got -1$",
            ),
        ],
    )  # fmt: skip
    def test_refused_counts(
        self, counts: dict[str, int], error: type[Exception], message: str
    ) -> None:
        """Cached audio is part of the cache reads: more, or a negative
        count, is one clear error naming it."""
        with pytest.raises(error, match="^" + message):
            tc.Usage(**counts)  # type: ignore[arg-type]
        with pytest.raises(error, match="^" + message):
            tc.UsageTotal(**counts)  # type: ignore[arg-type]


class TestCli:
    def test_cost_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--cache-read-audio`` prices its line at the cached-audio rate."""
        code = main([
            "cost", "gemini-2.5-flash", "--input", "3297", "--output", "150",
            "--cache-read", "2918", "--cache-read-audio", "284",
            "--input-audio", "37", "--input-video", "332", "--at", AT,
            "--format", "json",
        ])  # fmt: skip
        out = capsys.readouterr().out
        assert code == 0
        data = json.loads(out)
        assert data["total"] == "0.00062202"
        audio = [ln for ln in data["lines"] if ln["component"] == "cache_read_audio"]
        assert audio == [
            {
                "component": "cache_read_audio",
                "quantity": 284,
                "unit_price": "0.10",
                "unit": "MTok",
                "amount": "0.0000284",
            }
        ]

    def test_cost_option_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The table shows the line by name."""
        code = main([
            "cost", "gemini-2.5-flash", "--input", "1M", "--cache-read", "1M",
            "--cache-read-audio", "400k", "--at", AT,
        ])  # fmt: skip
        out = capsys.readouterr().out
        assert code == 0
        assert "cache read audio" in out
        assert "0.04" in out

    def test_cost_option_unpriced(self, capsys: pytest.CaptureFixture[str]) -> None:
        """On a model without the rate: exit 1, one line, no traceback."""
        code = main([
            "cost", "vertex:gemini-2.5-flash-preview-09-2025", "--input", "1000",
            "--cache-read", "500",
            "--cache-read-audio", "100", "--at", AT,
        ])  # fmt: skip
        err = capsys.readouterr().err
        assert code == 1
        assert err.count("\n") == 1
        assert "cache-read-audio" in err


counts = st.integers(min_value=0, max_value=300_000)


class TestProperties:
    @given(counts, counts, counts, counts, st.integers(1, 1_000))
    def test_lines_add_up(
        self, text: int, cached_text: int, audio: int, output: int, requests: int
    ) -> None:
        """The cached-audio line plus the others is the total; the two cache
        lines hold every cached token; cached audio costs its own rate."""
        usage = tc.Usage(
            text + cached_text + audio,
            output,
            cached_text + audio,
            cache_read_audio_tokens=audio,
        )
        cost = tc.cost("pixel-1", usage, requests=requests, catalog=PIXEL, at=AT)
        assert cost.total.amount == sum(line.amount.amount for line in cost.lines)
        priced = lines(cost)
        read = priced.get("cache_read", (0, Decimal(0)))[0]
        heard = priced.get("cache_read_audio", (0, Decimal(0)))
        assert read + heard[0] == usage.cache_read_tokens * requests
        assert heard[1] == Decimal(audio * requests) * Decimal("0.10") / 1_000_000
        # Against the same request read as cached text: the difference is the
        # two rates' difference on the audio tokens, exactly.
        plain = tc.cost(
            "pixel-1", tc.Usage(usage.input_tokens, output, usage.cache_read_tokens),
            requests=requests, catalog=PIXEL, at=AT,
        )  # fmt: skip
        assert cost.total.amount - plain.total.amount == (
            Decimal(audio * requests) * Decimal("0.07") / 1_000_000
        )
