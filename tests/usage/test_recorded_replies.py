"""
The usage readers on replies recorded from real provider APIs.

tests/fixtures/recorded/replies.json holds usage blocks that pydantic's
genai-prices recorded from real APIs (MIT; see the README there), each
with the counts genai-prices itself extracted: an independent reading to
cross-check ours against.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import tokencost as tc
from tests.conftest import FIXTURES

_FIXTURE = FIXTURES / "recorded" / "replies.json"
RECORDED: list[dict[str, Any]] = json.loads(_FIXTURE.read_text("utf-8"))


def _id(entry: dict[str, Any]) -> str:
    name = (entry["recorded_in"] or "?").rsplit("/", 1)[-1].removesuffix(".yaml")
    return f"{entry['format']}-{name[:60]}"


def _theirs(entry: dict[str, Any], key: str) -> int:
    return int((entry["genai_prices"] or {}).get(key, 0))


@pytest.mark.parametrize("entry", RECORDED, ids=[_id(e) for e in RECORDED])
class TestRecorded:
    def test_every_reply_reads(self, entry: dict[str, Any]) -> None:
        """Every recorded reply reads, in its format and by detection alike."""
        usage = tc.usage_from(entry["reply"], format=entry["format"])
        assert tc.usage_from(entry["reply"]) == usage

    def test_totals_agree_with_genai_prices(self, entry: dict[str, Any]) -> None:
        """Prompt and output totals are genai-prices' own reading."""
        usage = tc.usage_from(entry["reply"], format=entry["format"])
        assert usage.input_tokens == _theirs(entry, "input_tokens")
        assert usage.output_tokens == _theirs(entry, "output_tokens")

    def test_parts_agree_with_genai_prices(self, entry: dict[str, Any]) -> None:
        """Cache writes, reasoning and each modality match genai-prices'."""
        usage = tc.usage_from(entry["reply"], format=entry["format"])
        writes = usage.cache_write_tokens + usage.cache_write_1h_tokens
        assert writes == _theirs(entry, "cache_write_tokens")
        assert usage.reasoning_tokens == _theirs(entry, "output_reasoning_tokens")
        if entry["format"] == "openrouter":
            return  # genai-prices reads no modality from OpenRouter replies
        # genai-prices counts a modality's prompt tokens cached ones included.
        for modality in ("audio", "image", "video"):
            mine = getattr(usage, f"input_{modality}_tokens")
            cached = _theirs(entry, f"cache_{modality}_read_tokens")
            assert mine + cached == _theirs(entry, f"input_{modality}_tokens")
        assert usage.output_image_tokens == _theirs(entry, "output_image_tokens")
        assert usage.output_audio_tokens == _theirs(entry, "output_audio_tokens")
        # Cached audio, which genai-prices reads apart as we do.
        assert usage.cache_read_audio_tokens == _theirs(
            entry, "cache_audio_read_tokens"
        )

    def test_cache_reads_agree(self, entry: dict[str, Any]) -> None:
        """Cache reads match genai-prices', except where it does not read
        them (Mistral's ``num_cached_tokens``)."""
        usage = tc.usage_from(entry["reply"], format=entry["format"])
        usage_block = entry["reply"].get("usage") or {}
        if "num_cached_tokens" in usage_block:
            assert usage.cache_read_tokens == usage_block["num_cached_tokens"]
        else:
            assert usage.cache_read_tokens == _theirs(entry, "cache_read_tokens")


def _recorded(fragment: str, having: str = "") -> dict[str, Any]:
    """The one recorded reply from a cassette named with *fragment* whose
    JSON contains *having*."""
    (reply,) = [
        e["reply"]
        for e in RECORDED
        if fragment in (e["recorded_in"] or "") and having in json.dumps(e["reply"])
    ]
    return reply


class TestRecordedFigures:
    def test_gemini_image_output(self) -> None:
        """Gemini 2.5 Flash Image's picture is 1,290 image-output tokens."""
        reply = _recorded("test_google_image_or_text_output.yaml", "IMAGE")
        usage = tc.usage_from(reply)
        assert (usage.input_tokens, usage.output_tokens) == (10, 1_304)
        assert usage.output_image_tokens == 1_290
        assert tc.reply_model(reply) == "gemini-2.5-flash-image"

    def test_gemini_cached_audio_and_video(self) -> None:
        """Uncached audio and video are the prompt's less the cache's."""
        reply = _recorded("direct-url_force_download-video-google_2_5].yaml")
        usage = tc.usage_from(reply)
        assert usage.cache_read_tokens == 2_918
        assert usage.cache_read_audio_tokens == 284
        assert usage.input_audio_tokens == 321 - 284
        assert usage.input_video_tokens == 2_893 - 2_561
        assert usage.uncached_input_tokens == 3_297 - 2_918 - 37 - 332
        assert usage.reasoning_tokens == 95

    def test_mistral_cached(self) -> None:
        """Mistral's num_cached_tokens are cache reads."""
        reply = _recorded("test_tool_choice_matrix[list_single-mistral].yaml")
        assert tc.reply_format(reply) == "mistral"
        usage = tc.usage_from(reply)
        assert (usage.input_tokens, usage.cache_read_tokens) == (70, 69)

    def test_openai_cache_writes(self) -> None:
        """OpenAI's input_tokens_details.cache_write_tokens are cache writes."""
        reply = _recorded(
            "test_openai_responses_prompt_cache_e2e.yaml", '"cache_write_tokens": 4012'
        )
        usage = tc.usage_from(reply)
        assert (usage.input_tokens, usage.cache_write_tokens) == (4_020, 4_012)

    def test_openrouter_reported_cost(self) -> None:
        """OpenRouter's usage.cost is offered as the reported cost."""
        reply = _recorded(
            "test_openrouter_cache_messages_anthropic_real_api.yaml", "0.01355025"
        )
        assert tc.reply_format(reply) == "openrouter"
        assert tc.reported_cost(reply) == tc.Money("0.01355025", "USD")
        usage = tc.usage_from(reply)
        assert (usage.input_tokens, usage.cache_write_tokens) == (3_214, 3_211)

    def test_openrouter_video(self) -> None:
        """OpenRouter's prompt_tokens_details.video_tokens are video input."""
        reply = _recorded("test_openrouter_binary_content_video_public_api.yaml")
        usage = tc.usage_from(reply)
        assert (usage.input_tokens, usage.input_video_tokens) == (270, 258)
        assert usage.uncached_input_tokens == 12

    def test_anthropic_thinking(self) -> None:
        """Anthropic's output_tokens_details.thinking_tokens are reasoning."""
        reply = _recorded("test_anthropic_opus_5_features.yaml")
        usage = tc.usage_from(reply)
        assert (usage.output_tokens, usage.reasoning_tokens) == (44, 33)
        assert tc.reply_tier(reply) is None  # "standard"
