"""Record shapes from real logs: the presets read usage with the same reader
as the provider's replies, and a mapping names columns explicitly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc

from .conftest import Run, jsonl, one_error_line

AT = "2026-07-01T09:30:00Z"

OPENAI_USAGE = {
    "prompt_tokens": 2_006,
    "completion_tokens": 300,
    "prompt_tokens_details": {"cached_tokens": 1_920},
    "completion_tokens_details": {"reasoning_tokens": 192},
}
ANTHROPIC_USAGE = {
    "input_tokens": 50,
    "cache_read_input_tokens": 100_000,
    "cache_creation_input_tokens": 20_000,
    "output_tokens": 4_000,
}
GEMINI_USAGE = {
    "promptTokenCount": 12_000,
    "cachedContentTokenCount": 8_000,
    "candidatesTokenCount": 700,
    "thoughtsTokenCount": 1_300,
}


def _costs(model: str, usage: tc.Usage) -> tc.Money:
    return tc.cost(model, usage, at=AT).total


class TestPresets:
    @pytest.mark.parametrize(
        ("preset", "model", "record", "reply"),
        [
            (
                "openai",
                "openai:gpt-5.5",
                {"usage": OPENAI_USAGE},
                {"usage": OPENAI_USAGE},
            ),
            ("openai", "openai:gpt-5.5", OPENAI_USAGE, OPENAI_USAGE),
            (
                "anthropic",
                "anthropic:claude-fable-5",
                {"usage": ANTHROPIC_USAGE},
                {"type": "message", "usage": ANTHROPIC_USAGE},
            ),
            (
                "anthropic",
                "anthropic:claude-fable-5",
                ANTHROPIC_USAGE,
                {"type": "message", "usage": ANTHROPIC_USAGE},
            ),
            (
                "gemini",
                "google:gemini-2.5-pro",
                {"usageMetadata": GEMINI_USAGE},
                {"usageMetadata": GEMINI_USAGE},
            ),
        ],
    )
    def test_same_reader_as_replies(
        self, preset: str, model: str, record: dict[str, Any], reply: dict[str, Any]
    ) -> None:
        """A preset reads a record's usage exactly as `usage_from` reads the
        provider's reply, nested under ``usage`` or flat."""
        rec = {"model": model, "timestamp": AT, **record}
        expected = _costs(model, tc.usage_from(reply, format=preset))
        assert tc.bill([rec, rec], preset=preset).total() == expected * 2
        # Detected when the shape decides.
        assert tc.bill([rec]).total() == expected

    def test_anthropic_one_hour_split(self) -> None:
        """Anthropic's cache writes split by lifetime are billed at their own
        prices: 5-minute at 12.50, one-hour at 20 per million."""
        usage = {
            "input_tokens": 50,
            "cache_read_input_tokens": 1_000,
            "cache_creation_input_tokens": 3_000,
            "cache_creation": {
                "ephemeral_5m_input_tokens": 1_000,
                "ephemeral_1h_input_tokens": 2_000,
            },
            "output_tokens": 10,
        }
        rec = {"model": "anthropic:claude-fable-5", "timestamp": AT, "usage": usage}
        result = tc.bill([rec], preset="anthropic")
        assert result.groups[0].usage.cache_write_1h_tokens == 2_000
        assert result.groups[0].usage.cache_write_tokens == 1_000
        # 50 x 10 + 1,000 x 1 + 1,000 x 12.50 + 2,000 x 20 + 10 x 50, per million
        assert result.total() == tc.Money("0.0545", "USD")

    def test_otel(self) -> None:
        rec = {
            "timestamp": AT,
            "gen_ai.request.model": "gpt-5.5",
            "gen_ai.response.model": "openai:gpt-5.5",
            "gen_ai.usage.input_tokens": 2_006,
            "gen_ai.usage.output_tokens": 300,
        }
        expected = tc.cost(
            "openai:gpt-5.5", input_tokens=2_006, output_tokens=300, at=AT
        )
        assert tc.bill([rec], preset="otel").total() == expected.total
        # Detected from the gen_ai.usage attributes.
        assert tc.bill([rec]).total() == expected.total

    def test_otel_nested_attributes(self) -> None:
        rec = {
            "timestamp": AT,
            "attributes": {
                "gen_ai.response.model": "openai:gpt-5.5",
                "gen_ai.usage.input_tokens": 2_006,
                "gen_ai.usage.output_tokens": 300,
            },
        }
        expected = tc.cost(
            "openai:gpt-5.5", input_tokens=2_006, output_tokens=300, at=AT
        )
        assert tc.bill([rec], preset="otel").total() == expected.total

    def test_ambiguous_shape_asks_for_a_preset(self) -> None:
        """input_tokens and output_tokens under usage could be Anthropic's or
        OpenAI Responses': the bill asks which."""
        rec = {
            "model": "openai:gpt-5.5",
            "timestamp": AT,
            "usage": {"input_tokens": 10, "output_tokens": 2},
        }
        with pytest.raises(tc.InvalidInputError, match="preset"):
            tc.bill([rec])

    def test_preset_refuses_other_shapes(self) -> None:
        """A record that is not in the preset's shape is refused with its
        number, never billed as zero."""
        good = {"model": "openai:gpt-5.5", "timestamp": AT, "usage": OPENAI_USAGE}
        bad = {"model": "openai:gpt-5.5", "timestamp": AT, "usage": {"tokens": 5}}
        with pytest.raises(tc.InvalidInputError, match="record 2"):
            tc.bill([good, bad], preset="openai")

    def test_unknown_preset(self) -> None:
        with pytest.raises(tc.InvalidInputError, match="openai, anthropic"):
            tc.bill([], preset="claude")  # type: ignore[arg-type]


class TestMapping:
    def test_map_columns(self) -> None:
        rec = {"llm": "glm-5.2", "ts": AT, "in": 120_000, "out": 4_000}
        mapping = {
            "llm": "model",
            "ts": "timestamp",
            "in": "input_tokens",
            "out": "output_tokens",
        }
        assert tc.bill([rec], mapping=mapping).total() == tc.Money("0.1856", "USD")

    def test_map_to_unknown_field(self) -> None:
        with pytest.raises(tc.InvalidInputError, match="input_tokens"):
            tc.bill([], mapping={"in": "inputs"})

    def test_map_two_columns_to_one_field(self) -> None:
        with pytest.raises(tc.InvalidInputError, match="input_tokens"):
            tc.bill([], mapping={"a": "input_tokens", "b": "input_tokens"})

    def test_cli_map_and_preset(self, cli: Run, tmp_path: Path) -> None:
        path = jsonl(
            tmp_path / "r.jsonl",
            [{"llm": "openai:gpt-5.5", "ts": AT, "usage": OPENAI_USAGE}],
        )
        status, out, err = cli(
            "bill", str(path), "--preset", "openai",
            "--map", "llm=model", "--map", "ts=timestamp", "--format", "json",
        )  # fmt: skip
        assert status == 0, err
        expected = _costs("openai:gpt-5.5", tc.usage_from_openai(OPENAI_USAGE))
        assert json.loads(out)["totals"] == {"USD": str(expected.amount)}

    @pytest.mark.parametrize("value", ["llm", "=model", "llm=", "llm=nothing"])
    def test_cli_bad_map(self, cli: Run, tmp_path: Path, value: str) -> None:
        path = jsonl(tmp_path / "r.jsonl", [])
        status, _, err = cli("bill", str(path), "--map", value)
        assert status == 2
        one_error_line(err)

    def test_cli_csv_openai_columns(self, cli: Run, tmp_path: Path) -> None:
        path = tmp_path / "r.csv"
        path.write_text(
            "model,timestamp,prompt_tokens,completion_tokens\n"
            f"openai:gpt-5.5,{AT},2006,300\n"
        )
        status, out, err = cli("bill", str(path), "--format", "json")
        assert status == 0, err
        expected = tc.cost(
            "openai:gpt-5.5", input_tokens=2_006, output_tokens=300, at=AT
        )
        assert json.loads(out)["totals"] == {"USD": str(expected.total.amount)}
