"""usage_from() and the provider readers, on recorded reply shapes."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from tests.conftest import FIXTURES

REPLIES = FIXTURES / "replies"


def reply(name: str) -> dict[str, Any]:
    """A recorded reply, parsed."""
    data: dict[str, Any] = json.loads((REPLIES / f"{name}.json").read_text())
    return data


Reader = Callable[[object], tc.Usage]

# fixture, reader, detected format, expected usage
KNOWN: list[tuple[str, Reader, str, tc.Usage]] = [
    # prompt 2,006 of which 1,920 cached; 300 completion (192 reasoning inside)
    (
        "openai_chat",
        tc.usage_from_openai,
        "openai",
        tc.Usage(2_006, 300, 1_920, reasoning_tokens=192),
    ),
    (
        "openai_responses",
        tc.usage_from_openai_responses,
        "openai-responses",
        tc.Usage(3_200, 1_100, 3_072, reasoning_tokens=896),
    ),
    # 50 uncached + 100,000 read + 20,000 written = 120,050 prompt tokens
    (
        "anthropic_message",
        tc.usage_from_anthropic,
        "anthropic",
        tc.Usage(120_050, 4_000, 100_000, 20_000),
    ),
    # 1,200 uncached + 10,000 (5m) + 20,000 (1h, its own count) written
    (
        "anthropic_message_1h_cache",
        tc.usage_from_anthropic,
        "anthropic",
        tc.Usage(31_200, 800, 0, 10_000, cache_write_1h_tokens=20_000),
    ),
    # output = 700 candidates + 1,300 thoughts, which are the reasoning
    (
        "gemini_generate_content",
        tc.usage_from_gemini,
        "gemini",
        tc.Usage(12_000, 2_000, 8_000, reasoning_tokens=1_300),
    ),
    # input = 1,500 prompt + 2,500 tool-use prompt
    ("gemini_tool_use", tc.usage_from_gemini, "gemini", tc.Usage(4_000, 400)),
    # input = 6,400 hits + 2,600 misses
    (
        "deepseek_chat",
        tc.usage_from_deepseek,
        "deepseek",
        tc.Usage(9_000, 1_500, 6_400),
    ),
    (
        "deepseek_reasoner",
        tc.usage_from_deepseek,
        "deepseek",
        tc.Usage(1_200, 3_000, reasoning_tokens=2_400),
    ),
    ("moonshot_chat", tc.usage_from_moonshot, "moonshot", tc.Usage(4_000, 250, 3_500)),
    # Zhipu copies OpenAI's shape, so detection reads it as OpenAI
    ("zhipu_chat", tc.usage_from_zhipu, "openai", tc.Usage(5_000, 800, 4_096)),
]
IDS = [name for name, *_ in KNOWN]


class TestRecordedReplies:
    @pytest.mark.parametrize(("name", "read", "fmt", "usage"), KNOWN, ids=IDS)
    def test_reader(self, name: str, read: Reader, fmt: str, usage: tc.Usage) -> None:
        """Each provider's reader gives the hand-computed usage."""
        assert read(reply(name)) == usage

    @pytest.mark.parametrize(("name", "read", "fmt", "usage"), KNOWN, ids=IDS)
    def test_detected(self, name: str, read: Reader, fmt: str, usage: tc.Usage) -> None:
        """usage_from() tells the format and reads the same usage."""
        assert tc.reply_format(reply(name)) == fmt
        assert tc.usage_from(reply(name)) == usage
        assert tc.usage_from(reply(name), format=fmt) == usage

    @pytest.mark.parametrize(("name", "read", "fmt", "usage"), KNOWN, ids=IDS)
    def test_usage_block_alone(
        self, name: str, read: Reader, fmt: str, usage: tc.Usage
    ) -> None:
        """The usage block alone reads like the whole reply."""
        data = reply(name)
        block = data.get("usage") or data["usageMetadata"]
        assert read(block) == usage
        if fmt not in ("anthropic", "openai-responses"):
            assert tc.usage_from(block) == usage

    @pytest.mark.parametrize(
        ("name", "model", "at", "total"),
        [
            # 86 x 5 + 1,920 x 0.50 + 300 x 30, per million
            ("openai_chat", "gpt-5.5", "2026-07-01", Decimal("0.01039")),
            # 128 x 5 + 3,072 x 0.50 + 1,100 x 30
            ("openai_responses", "gpt-5.5", "2026-07-01", Decimal("0.035176")),
            # 50 x 10 + 100,000 x 1 + 20,000 x 12.50 + 4,000 x 50
            # = 0.0005 + 0.1 + 0.25 + 0.2
            ("anthropic_message", "claude-fable-5", "2026-07-01", Decimal("0.5505")),
            # 1,200 x 10 + 10,000 x 12.50 + 20,000 x 20 + 800 x 50: the
            # one-hour writes at the one-hour price (not 0.427, the 5-minute)
            (
                "anthropic_message_1h_cache",
                "claude-fable-5",
                "2026-07-01",
                Decimal("0.577"),
            ),
            # 4,000 x 1.25 + 8,000 x 0.125 + 2,000 x 10
            (
                "gemini_generate_content",
                "gemini-2.5-pro",
                "2026-07-01",
                Decimal("0.026"),
            ),
            # 4,000 x 0.30 + 400 x 2.50
            ("gemini_tool_use", "gemini-2.5-flash", "2026-07-01", Decimal("0.0022")),
            # 2,600 x 0.27 + 6,400 x 0.07 + 1,500 x 1.10
            ("deepseek_chat", "deepseek-chat", "2025-03-01", Decimal("0.0028")),
            # 1,200 x 0.55 + 3,000 x 2.19
            (
                "deepseek_reasoner",
                "deepseek-reasoner",
                "2025-03-01",
                Decimal("0.00723"),
            ),
            # 500 x 3 + 3,500 x 0.30 + 250 x 15
            ("moonshot_chat", "kimi-k3", "2026-07-01", Decimal("0.0063")),
            # 904 x 1.40 + 4,096 x 0.26 + 800 x 4.40
            ("zhipu_chat", "glm-5.2", "2026-07-01", Decimal("0.00585056")),
        ],
    )
    def test_cost(self, name: str, model: str, at: str, total: Decimal) -> None:
        """A recorded reply costs what hand computation gives."""
        usage = tc.usage_from(reply(name))
        assert tc.cost(model, usage, at=at).total == tc.Money(total, "USD")

    def test_cost_many_of_replies(self) -> None:
        """A list of replies is priced one by one: 0.5505 + 0.577."""
        replies = [reply("anthropic_message"), reply("anthropic_message_1h_cache")]
        total = tc.cost_many(
            "claude-fable-5", map(tc.usage_from, replies), at="2026-07-01"
        )
        assert total.total == tc.Money(Decimal("1.1275"), "USD")
        assert total.usage == tc.UsageTotal(
            151_250, 4_800, 100_000, 30_000, requests=2, cache_write_1h_tokens=20_000
        )


class OpenAIDetails(pydantic.BaseModel):
    cached_tokens: int | None = None


class OpenAIUsage(pydantic.BaseModel):
    # The SDK's models keep fields they do not declare, such as DeepSeek's.
    model_config = pydantic.ConfigDict(extra="allow")
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    prompt_tokens_details: OpenAIDetails | None = None


class OpenAIReply(pydantic.BaseModel):
    id: str
    object: str
    usage: OpenAIUsage | None = None


class TestObjects:
    def test_pydantic_model(self) -> None:
        """An SDK's pydantic reply is read through model_dump()."""
        model = OpenAIReply.model_validate(reply("openai_chat"))
        usage = tc.Usage(2_006, 300, 1_920, reasoning_tokens=192)
        assert tc.usage_from(model) == usage
        assert tc.usage_from_openai(model.usage) == usage

    def test_pydantic_extra_fields(self) -> None:
        """Fields the model does not declare are read too."""
        model = OpenAIReply.model_validate(reply("deepseek_chat"))
        assert tc.reply_format(model) == "deepseek"
        assert tc.usage_from(model) == tc.Usage(9_000, 1_500, 6_400)

    def test_attributes(self) -> None:
        """Any object with attributes is read field by field; None is absent."""
        obj = SimpleNamespace(
            type="message",
            usage=SimpleNamespace(
                input_tokens=10,
                output_tokens=5,
                cache_read_input_tokens=None,
                cache_creation_input_tokens=40,
                cache_creation=None,
            ),
        )
        assert tc.usage_from(obj) == tc.Usage(50, 5, 0, 40)

    def test_google_genai_snake_case(self) -> None:
        """The google-genai SDK's snake_case names read like the REST ones."""
        dumped = {
            "usage_metadata": {
                "prompt_token_count": 12_000,
                "cached_content_token_count": 8_000,
                "candidates_token_count": 700,
                "thoughts_token_count": 1_300,
                "tool_use_prompt_token_count": None,
            }
        }
        usage = tc.Usage(12_000, 2_000, 8_000, reasoning_tokens=1_300)
        assert tc.usage_from(dumped) == usage

    def test_moonshot_nested_cache(self) -> None:
        """Moonshot's cached tokens may sit in prompt_tokens_details."""
        block = {
            "prompt_tokens": 4_000,
            "completion_tokens": 250,
            "prompt_tokens_details": {"cached_tokens": 3_500},
        }
        assert tc.usage_from_moonshot(block) == tc.Usage(4_000, 250, 3_500)

    def test_anthropic_split_without_total(self) -> None:
        """With only the split, the writes are its parts."""
        block = {
            "input_tokens": 100,
            "output_tokens": 1,
            "cache_creation": {"ephemeral_1h_input_tokens": 900},
        }
        expected = tc.Usage(1_000, 1, 0, 0, cache_write_1h_tokens=900)
        assert tc.usage_from_anthropic(block) == expected

    def test_openai_null_details(self) -> None:
        """Null details, as compatible APIs send, mean nothing cached."""
        block = {
            "prompt_tokens": 10,
            "completion_tokens": 2,
            "prompt_tokens_details": None,
            "completion_tokens_details": None,
        }
        assert tc.usage_from(block) == tc.Usage(10, 2)


class TestDetection:
    @pytest.mark.parametrize(
        ("data", "fmt"),
        [
            (
                {
                    "object": "response",
                    "usage": {"input_tokens": 1, "output_tokens": 1},
                },
                "openai-responses",
            ),
            (
                {"type": "message", "usage": {"input_tokens": 1, "output_tokens": 1}},
                "anthropic",
            ),
            (
                {"input_tokens": 1, "output_tokens": 1, "cache_read_input_tokens": 0},
                "anthropic",
            ),
            (
                {"input_tokens": 1, "output_tokens": 1, "input_tokens_details": {}},
                "openai-responses",
            ),
            (
                {"prompt_tokens": 1, "completion_tokens": 1, "cached_tokens": 0},
                "moonshot",
            ),
            ({"completion_tokens": 1}, "openai"),
            ({"candidatesTokenCount": 1}, "gemini"),
        ],
    )
    def test_fields_decide(self, data: dict[str, Any], fmt: str) -> None:
        """Reply markers or distinctive fields decide the format."""
        assert tc.reply_format(data) == fmt

    def test_anthropic_and_responses_undecided(self) -> None:
        """A bare input/output block is ambiguous, and the error says what to pass."""
        with pytest.raises(
            tc.InvalidReplyError,
            match="cannot tell an Anthropic Messages usage from an OpenAI Responses usage.*format='anthropic'",
        ):
            tc.usage_from({"input_tokens": 1, "output_tokens": 1})

    def test_nothing_known(self) -> None:
        """A dict with no usage is refused, listing the formats."""
        with pytest.raises(
            tc.InvalidReplyError,
            match="cannot detect the reply format.*'openai', 'openai-responses', 'anthropic', 'gemini', 'deepseek', 'moonshot', 'zhipu'",
        ):
            tc.usage_from({"id": "x", "choices": []})

    def test_stream_chunk(self) -> None:
        """A streamed chunk without usage is refused with the reason."""
        with pytest.raises(tc.InvalidReplyError, match="usage is null .*last chunk"):
            tc.usage_from(reply("openai_chat_stream_chunk"))
        with pytest.raises(
            tc.InvalidReplyError, match="^OpenAI Chat Completions reply: usage is null"
        ):
            tc.usage_from_openai(reply("openai_chat_stream_chunk"))

    def test_unknown_format(self) -> None:
        """An unknown format name is refused, listing the known ones."""
        with pytest.raises(
            tc.InvalidInputError, match="unknown reply format 'zhipuai'"
        ):
            tc.usage_from(reply("zhipu_chat"), format="zhipuai")

    @pytest.mark.parametrize(
        ("value", "kind"),
        [("{}", "str"), (b"{}", "bytes"), ([], "list"), (None, "NoneType"), (3, "int")],
    )
    def test_not_a_reply(self, value: object, kind: str) -> None:
        """Only dicts and objects are replies; JSON text gets a hint."""
        with pytest.raises(
            tc.WrongTypeError,
            match=f"reply must be a dict or a response object, not {kind}",
        ):
            tc.usage_from(value)

    def test_json_text_hint(self) -> None:
        """JSON text is refused with a pointer to json.loads()."""
        with pytest.raises(tc.WrongTypeError, match=r"json\.loads"):
            tc.usage_from_openai('{"usage": {}}')


class TestBadShapes:
    @pytest.mark.parametrize(
        ("read", "data", "message"),
        [
            (
                tc.usage_from_openai,
                {"completion_tokens": 2},
                "OpenAI Chat Completions reply: usage.prompt_tokens is missing",
            ),
            (
                tc.usage_from_openai,
                {"prompt_tokens": None, "completion_tokens": 2},
                "usage.prompt_tokens is missing",
            ),
            (
                tc.usage_from_openai,
                {"prompt_tokens": -1, "completion_tokens": 2},
                "usage.prompt_tokens must be >= 0, got -1",
            ),
            (
                tc.usage_from_openai,
                {"prompt_tokens": "10", "completion_tokens": 2},
                "usage.prompt_tokens must be a whole number of tokens, not str '10'",
            ),
            (
                tc.usage_from_openai,
                {"prompt_tokens": 10.0, "completion_tokens": 2},
                "usage.prompt_tokens must be a whole number of tokens, not float 10.0",
            ),
            (
                tc.usage_from_openai,
                {"prompt_tokens": True, "completion_tokens": 2},
                "not bool True",
            ),
            (
                tc.usage_from_openai,
                {
                    "prompt_tokens": 10,
                    "completion_tokens": 2,
                    "prompt_tokens_details": {"cached_tokens": 11},
                },
                r"usage.prompt_tokens_details.cached_tokens \(11\) exceeds usage.prompt_tokens \(10\)",
            ),
            (
                tc.usage_from_openai,
                {
                    "prompt_tokens": 10,
                    "completion_tokens": 2,
                    "prompt_tokens_details": 5,
                },
                "usage.prompt_tokens_details must be an object, not int 5",
            ),
            (
                tc.usage_from_openai,
                {
                    "prompt_tokens": 10,
                    "completion_tokens": 2,
                    "completion_tokens_details": {"reasoning_tokens": 3},
                },
                r"completion_tokens_details.reasoning_tokens \(3\) exceeds usage.completion_tokens \(2\)",
            ),
            (
                tc.usage_from_openai_responses,
                {
                    "input_tokens": 5,
                    "output_tokens": 1,
                    "input_tokens_details": {"cached_tokens": 6},
                },
                r"OpenAI Responses reply: usage.input_tokens_details.cached_tokens \(6\) exceeds usage.input_tokens \(5\)",
            ),
            (
                tc.usage_from_anthropic,
                {"output_tokens": 1},
                "Anthropic Messages reply: usage.input_tokens is missing",
            ),
            (
                tc.usage_from_anthropic,
                {"input_tokens": 1, "output_tokens": 1, "cache_read_input_tokens": -5},
                "usage.cache_read_input_tokens must be >= 0",
            ),
            (
                tc.usage_from_anthropic,
                {
                    "input_tokens": 1,
                    "output_tokens": 1,
                    "cache_creation_input_tokens": 10,
                    "cache_creation": {
                        "ephemeral_5m_input_tokens": 4,
                        "ephemeral_1h_input_tokens": 5,
                    },
                },
                r"ephemeral_5m_input_tokens \(4\) \+ usage.cache_creation.ephemeral_1h_input_tokens \(5\) != usage.cache_creation_input_tokens \(10\)",
            ),
            (
                tc.usage_from_gemini,
                {"candidatesTokenCount": 1},
                "Gemini generateContent reply: usageMetadata.promptTokenCount is missing",
            ),
            (
                tc.usage_from_gemini,
                {"promptTokenCount": 10, "cachedContentTokenCount": 20},
                r"usageMetadata.cachedContentTokenCount \(20\) exceeds usageMetadata.promptTokenCount \(10\)",
            ),
            (
                tc.usage_from_gemini,
                {
                    "promptTokenCount": 10,
                    "cachedContentTokenCount": 2,
                    "promptTokensDetails": [{"modality": "AUDIO", "tokenCount": 10}],
                    "cacheTokensDetails": [{"modality": "AUDIO", "tokenCount": 3}],
                },
                r"^Gemini generateContent reply: the AUDIO tokens of cacheTokensDetails \(3\) exceed cachedContentTokenCount \(2\)",
            ),
            (
                # A gateway's OpenAI-shaped usage of an Anthropic reply: are
                # the 13,000 written tokens in prompt_tokens or not?
                tc.usage_from_openai,
                {
                    "prompt_tokens": 13_559,
                    "completion_tokens": 122,
                    "prompt_tokens_details": {"cached_tokens": 0},
                    "cache_creation_input_tokens": 13_000,
                },
                r"^OpenAI Chat Completions reply: usage.cache_creation_input_tokens "
                r"\(13,000\) is Anthropic's count, with no cache_write_tokens of "
                r"this shape's: whether usage.prompt_tokens counts these tokens is "
                r"not said, so they cannot be priced",
            ),
            (
                # An Anthropic usage read as a Responses one.
                tc.usage_from_openai_responses,
                {
                    "input_tokens": 10,
                    "cache_read_input_tokens": 1_000,
                    "output_tokens": 5,
                },
                r"usage.cache_read_input_tokens \(1,000\) is Anthropic's count, "
                r"with no cached_tokens of this shape's: whether usage.input_tokens",
            ),
            (
                tc.usage_from_openai,
                {
                    "prompt_tokens": 13_559,
                    "completion_tokens": 122,
                    "prompt_tokens_details": {"cached_tokens": 12_000},
                    "cache_read_input_tokens": 11_000,
                },
                r"usage.cache_read_input_tokens \(11,000\) != "
                r"usage.prompt_tokens_details.cached_tokens \(12,000\)$",
            ),
            (
                tc.usage_from_gemini,
                {
                    "promptTokenCount": 100,
                    "promptTokensDetails": [
                        {"modality": "TEXT", "tokenCount": 50},
                        {"modality": "IMAGE", "tokenCount": 500},
                    ],
                },
                r"^Gemini generateContent reply: the tokens of promptTokensDetails "
                r"\(550\) exceed promptTokenCount \(100\)$",
            ),
            (
                tc.usage_from_gemini,
                {
                    "promptTokenCount": 100,
                    "toolUsePromptTokenCount": 10,
                    "toolUsePromptTokensDetails": [
                        {"modality": "TEXT", "tokenCount": 20}
                    ],
                },
                r"the tokens of toolUsePromptTokensDetails \(20\) exceed "
                r"toolUsePromptTokenCount \(10\)$",
            ),
            (
                tc.usage_from_bedrock,
                {
                    "inputTokens": 3,
                    "outputTokens": 61,
                    "cacheReadInputTokens": 2_074,
                    "cacheWriteInputTokens": 297,
                    "totalTokens": 2_500,
                },
                r"^Bedrock Converse reply: usage.totalTokens \(2,500\) is not "
                r"inputTokens \(3\) \+ outputTokens \(61\) \+ "
                r"cacheReadInputTokens \(2,074\) \+ cacheWriteInputTokens \(297\)$",
            ),
            (
                tc.usage_from_gemini,
                {
                    "promptTokenCount": 1_000,
                    "cachedContentTokenCount": 100,
                    "promptTokensDetails": [
                        {"modality": "IMAGE", "tokenCount": 800},
                        {"modality": "TEXT", "tokenCount": 200},
                    ],
                    "cacheTokensDetails": [{"modality": "IMAGE", "tokenCount": 800}],
                },
                r"^Gemini generateContent reply: the tokens of cacheTokensDetails \(800\) exceed cachedContentTokenCount \(100\)$",
            ),
            (
                tc.usage_from_gemini,
                {
                    "promptTokenCount": 1_000,
                    "promptTokensDetails": [
                        {"modality": "VIDEO", "tokenCount": 700},
                        {"modality": "TEXT", "tokenCount": 300},
                    ],
                    "cacheTokensDetails": [
                        {"modality": "VIDEO", "tokenCount": 600},
                        {"modality": "TEXT", "tokenCount": 100},
                    ],
                },
                r"^Gemini generateContent reply: the tokens of cacheTokensDetails \(700\) exceed cachedContentTokenCount \(0\)$",
            ),
            (
                tc.usage_from_gemini,
                {
                    "usage_metadata": {
                        "prompt_token_count": 10,
                        "thoughts_token_count": "many",
                    }
                },
                "usage_metadata.thoughts_token_count must be a whole number",
            ),
            (
                tc.usage_from_deepseek,
                {
                    "prompt_tokens": 10,
                    "completion_tokens": 1,
                    "prompt_cache_hit_tokens": 3,
                    "prompt_cache_miss_tokens": 8,
                },
                r"DeepSeek reply: usage.prompt_cache_hit_tokens \(3\) \+ usage.prompt_cache_miss_tokens \(8\) != usage.prompt_tokens \(10\)",
            ),
            (
                tc.usage_from_deepseek,
                {"prompt_tokens": 10, "completion_tokens": 1},
                "usage.prompt_cache_hit_tokens is missing",
            ),
            (
                tc.usage_from_moonshot,
                {
                    "prompt_tokens": 10,
                    "completion_tokens": 1,
                    "cached_tokens": 3,
                    "prompt_tokens_details": {"cached_tokens": 4},
                },
                r"Moonshot reply: usage.cached_tokens \(3\) != usage.prompt_tokens_details.cached_tokens \(4\)",
            ),
            (
                tc.usage_from_moonshot,
                {"prompt_tokens": 10, "completion_tokens": 1, "cached_tokens": 30},
                r"usage.cached_tokens \(30\) exceeds usage.prompt_tokens \(10\)",
            ),
            (
                tc.usage_from_zhipu,
                {"usage": {"prompt_tokens": 1}},
                "Zhipu GLM reply: usage.completion_tokens is missing",
            ),
        ],
    )
    def test_one_line_error_naming_the_field(
        self, read: Reader, data: dict[str, Any], message: str
    ) -> None:
        """A bad count raises InvalidReplyError naming the field, on one line."""
        with pytest.raises(tc.InvalidReplyError, match=message) as info:
            read(data)
        assert "\n" not in str(info.value)

    def test_reply_errors_are_usage_errors(self) -> None:
        """InvalidReplyError is caught as InvalidUsageError and ValueError."""
        assert issubclass(tc.InvalidReplyError, tc.InvalidUsageError)
        assert issubclass(tc.InvalidReplyError, ValueError)


counts = st.integers(min_value=0, max_value=300_000)


@st.composite
def anthropic_replies(draw: st.DrawFn) -> tuple[dict[str, Any], tc.Usage]:
    """An Anthropic reply and the usage it stands for."""
    uncached, read, five, hour, output = (draw(counts) for _ in range(5))
    data = {
        "type": "message",
        "usage": {
            "input_tokens": uncached,
            "cache_read_input_tokens": read,
            "cache_creation_input_tokens": five + hour,
            "cache_creation": {
                "ephemeral_5m_input_tokens": five,
                "ephemeral_1h_input_tokens": hour,
            },
            "output_tokens": output,
        },
    }
    usage = tc.Usage(
        uncached + read + five + hour, output, read, five, cache_write_1h_tokens=hour
    )
    return data, usage


@st.composite
def openai_replies(draw: st.DrawFn) -> tuple[dict[str, Any], tc.Usage]:
    """An OpenAI Chat Completions reply and the usage it stands for."""
    prompt, completion = draw(counts), draw(counts)
    cached = draw(st.integers(min_value=0, max_value=prompt))
    reasoning = draw(st.integers(min_value=0, max_value=completion))
    data = {
        "object": "chat.completion",
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            "prompt_tokens_details": {"cached_tokens": cached},
            "completion_tokens_details": {"reasoning_tokens": reasoning},
        },
    }
    return data, tc.Usage(prompt, completion, cached, reasoning_tokens=reasoning)


class TestProperties:
    @given(st.lists(anthropic_replies(), max_size=6))
    def test_anthropic_replies_sum_and_cost(
        self, pairs: list[tuple[dict[str, Any], tc.Usage]]
    ) -> None:
        """Read replies, then cost_many: each usage as expected, total = sum of costs."""
        usages = [tc.usage_from(data) for data, _ in pairs]
        assert usages == [usage for _, usage in pairs]
        total = tc.cost_many("claude-sonnet-4-5", usages, at="2026-07-01")
        costs = [tc.cost("claude-sonnet-4-5", u, at="2026-07-01").total for u in usages]
        assert total.total == sum(costs, tc.Money.zero("USD"))
        assert total.usage == tc.UsageTotal.of(usages)

    @given(st.lists(openai_replies(), max_size=6))
    def test_openai_replies_sum_and_cost(
        self, pairs: list[tuple[dict[str, Any], tc.Usage]]
    ) -> None:
        """Tiered gpt-5.5: the total is the sum of each reply's own cost."""
        usages = [tc.usage_from(data) for data, _ in pairs]
        assert usages == [usage for _, usage in pairs]
        total = tc.cost_many("gpt-5.5", usages, at="2026-07-01")
        costs = [tc.cost("gpt-5.5", u, at="2026-07-01") for u in usages]
        assert total.total == sum((c.total for c in costs), tc.Money.zero("USD"))
        assert total.tiered_requests == sum(1 for c in costs if c.tier is not None)
