"""OpenAI's Realtime API: the usage of a ``response.done`` event, cached audio
apart, and the other OpenAI readers refusing its shape."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import tokencost as tc
from tokencost.cli import main
from tokencost.usage.replies import FORMATS

AT = "2026-07-01"


def event(
    *,
    input_tokens: int = 1_200,
    output_tokens: int = 500,
    details: dict[str, Any] | None = None,
    output_details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``response.done`` event as the Realtime API sends it."""
    if details is None:
        details = {
            "cached_tokens": 1_000,
            "text_tokens": 400,
            "audio_tokens": 800,
            "image_tokens": 0,
            "cached_tokens_details": {
                "text_tokens": 400,
                "audio_tokens": 600,
                "image_tokens": 0,
            },
        }
    if output_details is None:
        output_details = {"text_tokens": 100, "audio_tokens": 400}
    return {
        "type": "response.done",
        "event_id": "event_1",
        "response": {
            "object": "realtime.response",
            "id": "resp_1",
            "status": "completed",
            "usage": {
                "total_tokens": input_tokens + output_tokens,
                "input_tokens": input_tokens,
                "output_tokens": output_tokens,
                "input_token_details": details,
                "output_token_details": output_details,
            },
        },
    }


EVENT = event()
EXPECTED = tc.Usage(
    1_200, 500, 1_000, input_audio_tokens=200, output_audio_tokens=400,
    cache_read_audio_tokens=600,
)  # fmt: skip


class TestRead:
    @pytest.mark.parametrize(
        "reply",
        [EVENT, EVENT["response"], EVENT["response"]["usage"]],
        ids=["event", "response", "usage"],
    )
    def test_detected_and_read(self, reply: dict[str, Any]) -> None:
        """The event, its response and its usage block all read the same, by
        detection and by name: audio counts its cached part, which is apart."""
        assert tc.reply_format(reply) == "openai-realtime"
        assert tc.usage_from(reply) == EXPECTED
        assert tc.usage_from(reply, format="openai-realtime") == EXPECTED
        assert tc.usage_from_openai_realtime(reply) == EXPECTED

    def test_format_is_listed(self) -> None:
        """``openai-realtime`` is one of the formats usage_from takes."""
        assert "openai-realtime" in FORMATS
        assert "usage_from_openai_realtime" in tc.__all__

    def test_priced_on_gpt_realtime_mini(self) -> None:
        """The event on gpt-realtime-mini, line by line: 600 cached audio
        tokens at $0.30 per million, the 400 cached text ones at $0.06."""
        cost = tc.cost("gpt-realtime-mini", tc.usage_from(EVENT), at=AT)
        lines = {
            line.component: (line.quantity, line.amount.amount) for line in cost.lines
        }
        assert lines == {
            "input": (0, Decimal("0")),
            "input_audio": (200, Decimal("0.002")),
            "cache_read": (400, Decimal("0.000024")),
            "cache_read_audio": (600, Decimal("0.00018")),
            "output": (100, Decimal("0.00024")),
            "output_audio": (400, Decimal("0.008")),
        }
        assert cost.total == tc.Money("0.010444", "USD")

    @pytest.mark.parametrize(
        ("details", "output_details", "expected", "total"),
        [
            # 600 audio tokens, none cached: $10 per million, not text's $0.60.
            (
                {"cached_tokens": 0, "text_tokens": 400, "audio_tokens": 600,
                 "image_tokens": 0},
                {"text_tokens": 500, "audio_tokens": 0},
                tc.Usage(1_000, 500, input_audio_tokens=600),
                Decimal("0.00744"),
            ),
            # Images: uncached at $0.80 per million.
            (
                {"cached_tokens": 300, "text_tokens": 500, "audio_tokens": 0,
                 "image_tokens": 500,
                 "cached_tokens_details": {"text_tokens": 300, "audio_tokens": 0,
                                           "image_tokens": 0}},
                {"text_tokens": 500},
                tc.Usage(1_000, 500, 300, input_image_tokens=500),
                Decimal("0.001738"),
            ),
            # No details at all: text.
            (None, None, tc.Usage(1_000, 500), Decimal("0.0018")),
            # Cached tokens without their split, when there is no audio or
            # image to tell apart: cached text.
            (
                {"cached_tokens": 1_000, "text_tokens": 1_000, "audio_tokens": 0,
                 "image_tokens": 0},
                {},
                tc.Usage(1_000, 500, 1_000),
                Decimal("0.00126"),
            ),
        ],
    )  # fmt: skip
    def test_known_answers(
        self,
        details: dict[str, Any] | None,
        output_details: dict[str, Any] | None,
        expected: tc.Usage,
        total: Decimal,
    ) -> None:
        """Each shape read, and priced on gpt-realtime-mini by hand."""
        usage = {"input_tokens": 1_000, "output_tokens": 500}
        if details is not None:
            usage["input_token_details"] = details  # type: ignore[assignment]
        if output_details is not None:
            usage["output_token_details"] = output_details  # type: ignore[assignment]
        read = tc.usage_from(usage, format="openai-realtime")
        assert read == expected
        assert tc.cost("gpt-realtime-mini", read, at=AT).total.amount == total

    def test_cost_reply(self) -> None:
        """cost_reply takes the event, given the model (the event names none)."""
        cost = tc.cost_reply(EVENT, model="gpt-realtime-mini", at=AT)
        assert cost.total == tc.Money("0.010444", "USD")


class TestCli:
    def test_reply_command(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``tokencost reply`` prices a saved response.done event."""
        path = tmp_path / "done.json"
        path.write_text(json.dumps(EVENT), encoding="utf-8")
        code = main([
            "reply", str(path), "--model", "gpt-realtime-mini", "--at", AT,
            "--format", "json",
        ])  # fmt: skip
        data = json.loads(capsys.readouterr().out)
        assert code == 0
        assert data["total"] == "0.010444"
        assert data["usage"]["cache_read_audio_tokens"] == 600

    def test_reply_command_refuses(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Read as Responses, the event's usage is refused: a malformed reply
        for that format, exit 2, one line naming the format to use."""
        path = tmp_path / "usage.json"
        path.write_text(json.dumps(EVENT["response"]["usage"]), encoding="utf-8")
        code = main([
            "reply", str(path), "--model", "gpt-realtime-mini",
            "--reply-format", "openai-responses", "--at", AT,
        ])  # fmt: skip
        err = capsys.readouterr().err
        assert code == 2
        assert err.count("\n") == 1
        assert "format='openai-realtime'" in err


class TestBill:
    """Logged Realtime usage, billed: read as the reader reads it."""

    @pytest.mark.parametrize(
        ("record", "preset"),
        [
            ({"usage": EVENT["response"]["usage"]}, None),
            (EVENT["response"]["usage"], None),
            (EVENT["response"]["usage"], "openai-realtime"),
            ({"usage": EVENT["response"]["usage"]}, "openai-realtime"),
        ],
        ids=["nested", "flat", "flat-preset", "nested-preset"],
    )
    def test_records(self, record: dict[str, Any], preset: str | None) -> None:
        """Two records, nested under ``usage`` or flat, detected or named by
        the preset: twice the event's cost, cached audio apart."""
        rows = [
            {"model": "gpt-realtime-mini", "timestamp": AT, **record},
            {"model": "gpt-realtime-mini", "timestamp": AT, **record},
        ]
        bill = tc.bill(rows, preset=preset)
        assert bill.total().amount == Decimal("0.020888")
        assert bill.groups[0].usage.cache_read_audio_tokens == 1_200

    def test_openai_preset_refuses(self) -> None:
        """The ``openai`` preset would read the audio as text: refused, with
        the record named."""
        rows = [{"model": "gpt-realtime-mini", "timestamp": AT,
                 "usage": EVENT["response"]["usage"]}]  # fmt: skip
        with pytest.raises(
            tc.InvalidReplyError,
            match=r"^record 1: OpenAI Responses reply: usage.input_token_details "
            r"is the OpenAI Realtime API's usage",
        ):
            tc.bill(rows, preset="openai")

    def test_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``tokencost bill`` on a JSONL log of Realtime usage."""
        path = tmp_path / "usage.jsonl"
        line = {"model": "gpt-realtime-mini", "timestamp": AT,
                "usage": EVENT["response"]["usage"]}  # fmt: skip
        path.write_text((json.dumps(line) + "\n") * 3, encoding="utf-8")
        code = main(["bill", str(path), "--format", "json"])
        data = json.loads(capsys.readouterr().out)
        assert code == 0
        assert data["totals"] == {"USD": "0.031332"}


def _with(path: list[str], value: object) -> dict[str, Any]:
    reply = copy.deepcopy(EVENT)
    place = reply["response"]["usage"]
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value
    return reply


class TestRefused:
    @pytest.mark.parametrize(
        ("reply", "message"),
        [
            (
                _with(["input_tokens"], 1_300),
                r"^OpenAI Realtime response: usage.input_token_details.text_tokens "
                r"\(400\) \+ usage.input_token_details.audio_tokens \(800\) \+ "
                r"usage.input_token_details.image_tokens \(0\) != usage.input_tokens "
                r"\(1,300\)$",
            ),
            (
                _with(["input_token_details", "cached_tokens"], 900),
                r"^OpenAI Realtime response: "
                r"usage.input_token_details.cached_tokens_details.text_tokens \(400\) "
                r"\+ usage.input_token_details.cached_tokens_details.audio_tokens "
                r"\(600\) \+ usage.input_token_details.cached_tokens_details."
                r"image_tokens \(0\) != usage.input_token_details.cached_tokens "
                r"\(900\)$",
            ),
            (
                _with(
                    ["input_token_details", "cached_tokens_details"],
                    {"text_tokens": 100, "audio_tokens": 900, "image_tokens": 0},
                ),
                r"^OpenAI Realtime response: usage.input_token_details."
                r"cached_tokens_details.audio_tokens \(900\) exceeds "
                r"usage.input_token_details.audio_tokens \(800\)$",
            ),
            (
                _with(["output_tokens"], 501),
                r"^OpenAI Realtime response: usage.output_token_details.text_tokens "
                r"\(100\) \+ usage.output_token_details.audio_tokens \(400\) != "
                r"usage.output_tokens \(501\)$",
            ),
            (
                _with(["input_token_details", "audio_tokens"], -1),
                r"^OpenAI Realtime response: usage.input_token_details.audio_tokens "
                r"must be >= 0, got -1$",
            ),
            (
                _with(["input_tokens"], "many"),
                r"^OpenAI Realtime response: usage.input_tokens must be a whole "
                r"number of tokens, not str 'many'$",
            ),
        ],
    )
    def test_parts_must_add_up(self, reply: dict[str, Any], message: str) -> None:
        """Parts that do not add up are one clear error naming the fields."""
        with pytest.raises(tc.InvalidReplyError, match=message):
            tc.usage_from(reply)

    def test_cached_images(self) -> None:
        """Cached image tokens have their own price at OpenAI, which the
        catalog lacks: refused, never priced as cached text."""
        reply = event(
            details={
                "cached_tokens": 500, "text_tokens": 400, "audio_tokens": 0,
                "image_tokens": 800,
                "cached_tokens_details": {"text_tokens": 300, "audio_tokens": 0,
                                          "image_tokens": 200},
            },
        )  # fmt: skip
        with pytest.raises(
            tc.InvalidReplyError,
            match=r"^OpenAI Realtime response: usage.input_token_details."
            r"cached_tokens_details.image_tokens is 200: OpenAI prices cached "
            r"image input apart from cached text",
        ):
            tc.usage_from(reply)

    def test_cached_without_split(self) -> None:
        """Cached tokens without their split, beside audio: refused, since
        the cached audio cannot be told from the cached text."""
        reply = event(
            details={"cached_tokens": 1_000, "text_tokens": 400, "audio_tokens": 800,
                     "image_tokens": 0},
        )  # fmt: skip
        with pytest.raises(
            tc.InvalidReplyError,
            match=r"usage.input_token_details.cached_tokens is 1,000 without "
            r"cached_tokens_details",
        ):
            tc.usage_from(reply)

    def test_total_must_add_up(self) -> None:
        """A total_tokens that is not input + output is refused, naming both."""
        reply = event()
        reply["response"]["usage"]["total_tokens"] += 1
        with pytest.raises(
            tc.InvalidReplyError,
            match=r"^OpenAI Realtime response: usage.input_tokens \(1,200\) \+ "
            r"usage.output_tokens \(500\) != usage.total_tokens \(1,701\)$",
        ):
            tc.usage_from(reply)

    def test_event_without_response(self) -> None:
        """A response.done event must carry its response."""
        with pytest.raises(tc.InvalidReplyError, match="has no response"):
            tc.usage_from_openai_realtime({"type": "response.done"})

    @pytest.mark.parametrize(
        ("format", "label", "key"),
        [
            ("openai-responses", "OpenAI Responses reply", "input_token_details"),
            ("openai", "OpenAI Chat Completions reply", "input_token_details"),
        ],
    )
    def test_other_openai_readers_refuse(
        self, format: str, label: str, key: str
    ) -> None:
        """Read as Responses or Chat Completions, a Realtime usage would price
        its audio as text: refused, naming the key and the format to use."""
        usage = dict(EVENT["response"]["usage"])
        if format == "openai":
            usage["prompt_tokens"] = usage.pop("input_tokens")
            usage["completion_tokens"] = usage.pop("output_tokens")
        with pytest.raises(
            tc.InvalidReplyError,
            match=rf"^{label}: usage.{key} is the OpenAI Realtime API's usage, not "
            r"this format's; read it with format='openai-realtime'$",
        ):
            tc.usage_from(usage, format=format)

    def test_output_details_alone_refused(self) -> None:
        """``output_token_details`` alone is refused by the Responses reader."""
        usage = {
            "input_tokens": 10, "output_tokens": 5,
            "output_token_details": {"text_tokens": 0, "audio_tokens": 5},
        }  # fmt: skip
        with pytest.raises(tc.InvalidReplyError, match="output_token_details"):
            tc.usage_from_openai_responses(usage)
        assert tc.usage_from(usage) == tc.Usage(10, 5, output_audio_tokens=5)
