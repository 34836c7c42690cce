"""cost_reply(): from a provider's reply to its cost in one call."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

import tokencost as tc
from tests.conftest import FIXTURES
from tokencost._decimal import EXACT

RECORDED: list[dict[str, Any]] = json.loads(
    (FIXTURES / "recorded" / "replies.json").read_text("utf-8")
)


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / "replies" / f"{name}.json").read_text()
    )
    return data


def anthropic(**usage: Any) -> dict[str, Any]:
    return {"type": "message", "model": "claude-fable-5", "usage": usage}


ONE_HOUR = anthropic(
    input_tokens=1_200,
    cache_creation_input_tokens=30_000,
    cache_creation={
        "ephemeral_5m_input_tokens": 10_000,
        "ephemeral_1h_input_tokens": 20_000,
    },
    output_tokens=800,
    service_tier="standard",
)


class TestOneCall:
    def test_one_hour_writes(self) -> None:
        """The docs' one-hour example: 0.577 USD, not 0.427."""
        # 1,200 x 10 + 10,000 x 12.50 + 20,000 x 20 + 800 x 50, per million
        cost = tc.cost_reply(ONE_HOUR, at="2026-07-01")
        assert cost.total == tc.Money("0.577", "USD")
        assert cost.model == "anthropic:claude-fable-5"
        parts = {line.component: line.amount.amount for line in cost.lines}
        assert parts == {
            "input": Decimal("0.012"),
            "cache_write": Decimal("0.125"),
            "cache_write_1h": Decimal("0.4"),
            "output": Decimal("0.04"),
        }

    def test_same_as_cost_of_usage_from(self) -> None:
        """cost_reply is cost(reply's model, usage_from(reply))."""
        reply = fixture("openai_chat")
        expected = tc.cost(reply["model"], tc.usage_from(reply), at="2026-07-01")
        assert tc.cost_reply(reply, at="2026-07-01") == expected

    @pytest.mark.parametrize(
        ("model", "resolved"),
        [
            ("claude-sonnet-4-5-20250929", "anthropic:claude-sonnet-4-5"),
            ("gpt-5-2025-08-07", "openai:gpt-5"),
        ],
    )
    def test_dated_snapshot_ids(self, model: str, resolved: str) -> None:
        """The dated ids replies carry resolve as the catalog resolves them."""
        reply = {"model": model, "usage": {"prompt_tokens": 10, "completion_tokens": 2}}
        assert tc.cost_reply(reply, at="2026-07-01").model == resolved

    def test_model_given(self) -> None:
        """A Bedrock reply names no model: model= says which."""
        reply = {"usage": {"inputTokens": 3, "outputTokens": 61,
                           "cacheReadInputTokens": 2_074,
                           "cacheWriteInputTokens": 297}}  # fmt: skip
        with pytest.raises(tc.InvalidReplyError, match="names no model"):
            tc.cost_reply(reply)
        cost = tc.cost_reply(reply, model="claude-sonnet-4-5", at="2026-07-01")
        # 3 x 3 + 2,074 x 0.30 + 297 x 3.75 + 61 x 15, per million
        assert cost.total == tc.Money("0.00265995", "USD")

    def test_provider_given(self) -> None:
        """provider= looks the model up at that provider."""
        reply = {"model": "anthropic/claude-sonnet-4.5",
                 "usage": {"prompt_tokens": 1_000, "completion_tokens": 10}}  # fmt: skip
        cost = tc.cost_reply(reply, provider="openrouter", at="2026-07-01")
        assert cost.model == "openrouter:anthropic/claude-sonnet-4.5"


class TestServiceTier:
    @pytest.mark.parametrize(
        ("tier", "variant", "total"),
        [
            # 1,000 x 5 + 100 x 30, per million; flex halves both
            ("default", None, Decimal("0.008")),
            ("flex", "flex", Decimal("0.004")),
        ],
    )
    def test_openai_service_tier(
        self, tier: str, variant: str | None, total: Decimal
    ) -> None:
        """OpenAI's service_tier picks the price variant."""
        reply = {"model": "gpt-5.5", "service_tier": tier,
                 "usage": {"prompt_tokens": 1_000, "completion_tokens": 100}}  # fmt: skip
        cost = tc.cost_reply(reply, at="2026-07-01")
        assert (cost.variant, cost.total.amount) == (variant, total)

    def test_batch_result_line(self) -> None:
        """A line of OpenAI's batch output is priced at the batch variant."""
        line = {"custom_id": "r1", "response": {"status_code": 200, "body": {
            "model": "gpt-5.5",
            "usage": {"prompt_tokens": 1_000, "completion_tokens": 100}}}}  # fmt: skip
        cost = tc.cost_reply(line, at="2026-07-01")
        assert (cost.variant, cost.total.amount) == ("batch", Decimal("0.004"))

    def test_anthropic_batch_result(self) -> None:
        """An Anthropic Message Batches result is unwrapped and read as batch."""
        line = {"custom_id": "r1", "result": {"type": "succeeded", "message": ONE_HOUR}}
        assert tc.reply_tier(line) == "batch"
        assert tc.usage_from(line) == tc.usage_from(ONE_HOUR)

    def test_unknown_tier_refused(self) -> None:
        """A tier tokencost has no variant for is refused, naming it."""
        reply = {"model": "gpt-5.5", "service_tier": "scale",
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1}}  # fmt: skip
        with pytest.raises(tc.InvalidReplyError, match="service_tier is 'scale'"):
            tc.cost_reply(reply)
        cost = tc.cost_reply(reply, variant="standard", at="2026-07-01")
        assert cost.variant is None

    def test_missing_variant_is_data_error(self) -> None:
        """A tier the model has no price for is NoPriceError, listing them."""
        reply = {**ONE_HOUR, "usage": {**ONE_HOUR["usage"], "service_tier": "priority"}}
        with pytest.raises(tc.NoPriceError, match="no 'priority' variant"):
            tc.cost_reply(reply, at="2026-07-01")


class TestNotStrict:
    def test_unknown_model_gives_none(self) -> None:
        """strict=False returns None for a model the catalog does not know."""
        reply = {**ONE_HOUR, "model": "claude-nonesuch-9"}
        assert tc.cost_reply(reply, strict=False) is None
        with pytest.raises(tc.UnknownModelError, match="claude-nonesuch-9"):
            tc.cost_reply(reply)

    def test_malformed_reply_still_raises(self) -> None:
        """strict=False does not hide a malformed reply."""
        with pytest.raises(tc.InvalidReplyError, match="input_tokens is missing"):
            tc.cost_reply(anthropic(output_tokens=1), strict=False)


class TestCrossCheck:
    @pytest.mark.parametrize(
        ("having", "reported"),
        [
            ("0.01355025", "0.01355025"),
            ("0.00219855", "0.00219855"),
            ("claude-4.5-sonnet", "0.000102"),
            ("gpt-5-mini", "0.00019325"),
            ("gpt-4.1-mini", "0.000086"),
        ],
    )
    def test_openrouter_cost_agrees(self, having: str, reported: str) -> None:
        """Recorded OpenRouter replies cost what OpenRouter reported, to the digit."""
        (reply,) = [
            e["reply"]
            for e in RECORDED
            if e["format"] == "openrouter" and having in json.dumps(e["reply"])
        ]
        assert tc.reported_cost(reply) == tc.Money(reported, "USD")
        cost = tc.cost_reply(reply, at="2026-11-01")
        assert cost.model.startswith("openrouter:")
        assert cost.total == tc.Money(reported, "USD")

    def test_no_reported_cost(self) -> None:
        """Replies that report no cost give None."""
        assert tc.reported_cost(ONE_HOUR) is None


class TestCurrency:
    def test_cny(self) -> None:
        """currency= converts every line, and the total is their sum."""
        cost = tc.cost_reply(
            ONE_HOUR, at="2026-07-01", currency="CNY", fx={"CNY": "7.1"}
        )
        assert cost.total == tc.Money("4.0967", "CNY")  # 0.577 x 7.1
        assert sum(line.amount.amount for line in cost.lines) == cost.total.amount


class TestDatedRates:
    def test_cost_converts_at_the_rates_of_its_day(self) -> None:
        """Without fx=, cost() converts at the bundled rates of the day priced."""
        cost = tc.cost_reply(ONE_HOUR, at="2026-06-22", currency="CNY")
        table = tc.dated_rates("2026-06-22")
        assert cost.fx is not None
        assert cost.fx.date == table.date
        assert cost.rate == table.rate("USD", "CNY")
        total = Decimal(0)
        for line in cost.lines:
            total = EXACT.add(total, line.amount.amount)
        assert cost.total.amount == total


def chat(model: str, **usage: Any) -> dict[str, Any]:
    return {"object": "chat.completion", "model": model, "usage": usage}


class TestTotals:
    """A reply's own total says where its reasoning tokens are counted."""

    @pytest.mark.parametrize(
        ("reply", "output", "reasoning", "amount"),
        [
            # xAI counts reasoning on top of completion_tokens: 10,120 +
            # 1,499 + 2,809 = 14,428. At $1.25 (input), $0.20 (cached) and
            # $2.50 (output) per million: 9,992 x 1.25 + 128 x 0.20 +
            # 4,308 x 2.50 = 23,285.6 millionths, what xAI reported
            # (232,856,000 ticks of 1e-10 USD).
            (
                chat(
                    "grok-4.20-0309-reasoning",
                    prompt_tokens=10_120,
                    completion_tokens=1_499,
                    total_tokens=14_428,
                    prompt_tokens_details={"cached_tokens": 128},
                    completion_tokens_details={"reasoning_tokens": 2_809},
                ),
                4_308,
                2_809,
                Decimal("0.0232856"),
            ),
            # Reasoning below the completion count, still on top of it.
            (
                chat(
                    "grok-4.20-0309-reasoning",
                    prompt_tokens=20,
                    completion_tokens=7,
                    total_tokens=30,
                    completion_tokens_details={"reasoning_tokens": 3},
                ),
                10,
                3,
                Decimal("0.00005"),  # 20 x 1.25 + 10 x 2.50 millionths
            ),
            # OpenAI counts it within: 2,006 + 300 = 2,306.
            (
                chat(
                    "gpt-5",
                    prompt_tokens=2_006,
                    completion_tokens=300,
                    total_tokens=2_306,
                    completion_tokens_details={"reasoning_tokens": 192},
                ),
                300,
                192,
                Decimal("0.0055075"),  # 2,006 x 1.25 + 300 x 10 millionths
            ),
        ],
    )
    def test_reasoning_where_the_total_counts_it(
        self, reply: dict[str, Any], output: int, reasoning: int, amount: Decimal
    ) -> None:
        """The output tokens billed are those the total adds up to."""
        cost = tc.cost_reply(reply, at="2026-08-18")
        assert (cost.usage.output_tokens, cost.usage.reasoning_tokens) == (
            output,
            reasoning,
        )
        assert cost.total.amount == amount

    @pytest.mark.parametrize(
        ("reply", "message"),
        [
            (
                chat("gpt-5", prompt_tokens=100, completion_tokens=10, total_tokens=5),
                r"usage.prompt_tokens \(100\) \+ usage.completion_tokens \(10\) "
                r"!= usage.total_tokens \(5\)$",
            ),
            (
                chat(
                    "gpt-5",
                    prompt_tokens=100,
                    completion_tokens=10,
                    total_tokens=150,
                    completion_tokens_details={"reasoning_tokens": 4},
                ),
                r"usage.prompt_tokens \(100\) \+ usage.completion_tokens \(10\) "
                r"\(\+ usage.completion_tokens_details.reasoning_tokens \(4\)\) "
                r"!= usage.total_tokens \(150\)$",
            ),
            (
                {
                    "object": "response",
                    "model": "gpt-5",
                    "usage": {
                        "input_tokens": 100,
                        "output_tokens": 10,
                        "total_tokens": 111,
                    },
                },
                r"OpenAI Responses reply: usage.input_tokens \(100\) \+ "
                r"usage.output_tokens \(10\) != usage.total_tokens \(111\)$",
            ),
            (
                {
                    "modelVersion": "gemini-2.5-flash",
                    "usageMetadata": {
                        "promptTokenCount": 20,
                        "candidatesTokenCount": 198,
                        "thoughtsTokenCount": 405,
                        "totalTokenCount": 218,
                    },
                },
                r"usageMetadata.totalTokenCount \(218\) is not promptTokenCount "
                r"\(20\) \+ toolUsePromptTokenCount \(0\) \+ candidatesTokenCount "
                r"\(198\) \+ thoughtsTokenCount \(405\)$",
            ),
        ],
    )
    def test_contradicting_total_refused(
        self, reply: dict[str, Any], message: str
    ) -> None:
        """A total the counts do not add up to is refused, naming them."""
        with pytest.raises(tc.InvalidReplyError, match=message):
            tc.cost_reply(reply, at="2026-08-18")

    def test_gemini_total_with_thoughts(self) -> None:
        """Gemini's total is prompt + tool prompt + candidates + thoughts:
        20 + 198 + 405 = 623, and the 603 generated tokens are billed."""
        reply = {
            "modelVersion": "gemini-2.5-flash",
            "usageMetadata": {
                "promptTokenCount": 20,
                "candidatesTokenCount": 198,
                "thoughtsTokenCount": 405,
                "totalTokenCount": 623,
            },
        }
        cost = tc.cost_reply(reply, at="2026-08-18")
        assert cost.usage == tc.Usage(20, 603, reasoning_tokens=405)
        # 20 x $0.30 + 603 x $2.50 per million.
        assert cost.total.amount == Decimal("0.0015135")


class TestStreamedResponses:
    """The event that ends a streamed Responses API reply holds the whole
    response, its usage and service tier too."""

    RESPONSE: dict[str, Any] = {  # noqa: RUF012
        "object": "response",
        "model": "gpt-5",
        "service_tier": "flex",
        "usage": {
            "input_tokens": 3_200,
            "output_tokens": 1_100,
            "total_tokens": 4_300,
            "input_tokens_details": {"cached_tokens": 3_072},
            "output_tokens_details": {"reasoning_tokens": 896},
        },
    }

    @pytest.mark.parametrize(
        "kind", ["response.completed", "response.incomplete", "response.failed"]
    )
    def test_final_event(self, kind: str) -> None:
        """Priced as the response it carries: GPT-5 at the flex prices, 128
        tokens at $0.625, 3,072 cached at $0.0625, 1,100 out at $5 per
        million."""
        event = {"type": kind, "sequence_number": 42, "response": self.RESPONSE}
        cost = tc.cost_reply(event, at="2026-07-01")
        assert cost == tc.cost_reply(self.RESPONSE, at="2026-07-01")
        assert (cost.variant, cost.total.amount) == ("flex", Decimal("0.005772"))

    def test_event_before_the_usage(self) -> None:
        """An earlier event's response has no usage yet: refused, saying so."""
        event = {
            "type": "response.in_progress",
            "response": {**self.RESPONSE, "usage": None},
        }
        with pytest.raises(tc.InvalidReplyError, match="usage is null"):
            tc.cost_reply(event, at="2026-07-01")


class TestGatewayCopies:
    """Anthropic's cache counts copied into an OpenAI-shaped usage."""

    @pytest.mark.parametrize(
        ("extra", "amount"),
        [
            # Zero, or the same count under both names: read as usual.
            # 13,559 x 1 + 122 x 5 millionths.
            ({"cache_creation_input_tokens": 0, "cache_read_input_tokens": 0},
             Decimal("0.014169")),
            # 1,559 x 1 + 12,000 x 0.10 + 122 x 5 millionths.
            ({"cache_read_input_tokens": 12_000}, Decimal("0.003369")),
        ],
    )  # fmt: skip
    def test_agreeing_counts(self, extra: dict[str, int], amount: Decimal) -> None:
        """Claude Haiku 4.5 at $1, $0.10 cached and $5 output per million."""
        cached = extra.get("cache_read_input_tokens", 0)
        reply = chat(
            "claude-haiku-4-5",
            prompt_tokens=13_559,
            completion_tokens=122,
            prompt_tokens_details={"cached_tokens": cached},
            **extra,
        )
        cost = tc.cost_reply(reply, provider="anthropic", at="2026-08-18")
        assert cost.usage.cache_read_tokens == cached
        assert cost.total.amount == amount
