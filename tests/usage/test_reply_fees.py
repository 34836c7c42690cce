"""
Charges a reply carries besides its tokens: `unpriced_fees`, and
`cost_reply` refusing a reply whose tokens are not its whole cost.

The figures: claude-sonnet-4-5 at $3 / $15 per million input / output
tokens, gpt-5.5 at $5 / $30, gemini-2.5-flash at $0.30 / $2.50 (the
catalog as of 2026-07-01), so 2,100 input and 300 output tokens cost
0.0063 + 0.0045 = 0.0108, 0.0105 + 0.009 = 0.0195 and 0.00063 + 0.00075 =
0.00138 USD.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokencost as tc
from tokencost.cli.main import main

AT = "2026-07-01"


def claude(**usage: object) -> dict[str, Any]:
    return {
        "type": "message",
        "model": "claude-sonnet-4-5",
        "usage": {"input_tokens": 2_100, "output_tokens": 300, **usage},
    }


def responses(*kinds: str) -> dict[str, Any]:
    return {
        "object": "response",
        "model": "gpt-5.5",
        "output": [{"type": kind} for kind in kinds],
        "usage": {"input_tokens": 2_100, "output_tokens": 300},
    }


def gemini(grounding: dict[str, Any]) -> dict[str, Any]:
    return {
        "modelVersion": "gemini-2.5-flash",
        "candidates": [{"content": {}, "groundingMetadata": grounding}],
        "usageMetadata": {"promptTokenCount": 2_100, "candidatesTokenCount": 300},
    }


def sonar(**usage: object) -> dict[str, Any]:
    return {
        "model": "sonar",
        "object": "chat.completion",
        "created": 1_782_900_000,
        "usage": {
            "prompt_tokens": 2_100,
            "completion_tokens": 300,
            "total_tokens": 2_400,
            **usage,
        },
    }


FEES = [
    (
        claude(server_tool_use={"web_search_requests": 3}),
        ("3 web searches (usage.server_tool_use.web_search_requests)",),
    ),
    (
        claude(server_tool_use={"web_search_requests": 1_200, "web_fetch_requests": 4}),
        ("1,200 web searches (usage.server_tool_use.web_search_requests)",),
    ),
    (
        claude(server_tool_use={"code_execution_requests": 2}),
        ("2 server tool uses (usage.server_tool_use.code_execution_requests)",),
    ),
    (
        claude(inference_geo="us"),
        (
            "inference kept in one geography (usage.inference_geo 'us'), "
            "priced at a multiple of the standard rates",
        ),
    ),
    (
        claude(
            iterations=[
                {"type": "advisor", "input_tokens": 900, "output_tokens": 40},
                {"type": "message", "input_tokens": 2_100, "output_tokens": 300},
                {"type": "advisor", "input_tokens": 950, "output_tokens": 60},
            ]
        ),
        (
            "2 advisor iterations (usage.iterations), billed apart from the "
            "top-level counts, at their model's prices",
        ),
    ),
    (
        {
            **claude(),
            "content": [
                {"type": "server_tool_use", "name": "bash_code_execution"},
                {"type": "bash_code_execution_tool_result"},
                {"type": "text", "text": "done"},
            ],
        },
        ("1 code execution result (billed by container time) (content[].type)",),
    ),
    (
        responses("web_search_call", "message", "web_search_call", "file_search_call"),
        (
            "2 web search calls (output[].type 'web_search_call')",
            "1 file search call (output[].type 'file_search_call')",
        ),
    ),
    (
        responses("code_interpreter_call", "image_generation_call"),
        (
            "1 code interpreter call (billed per container) "
            "(output[].type 'code_interpreter_call')",
            "1 image generation call (billed at the image model's prices) "
            "(output[].type 'image_generation_call')",
        ),
    ),
    (
        gemini({"webSearchQueries": ["price of glm-5.2", "z.ai pricing"]}),
        (
            "2 Google Search queries (grounding) "
            "(candidates[].groundingMetadata.webSearchQueries)",
        ),
    ),
    (
        gemini({"groundingChunks": [{"web": {"uri": "https://example.com"}}]}),
        ("grounding with Google Search (candidates[].groundingMetadata)",),
    ),
    (
        gemini({"groundingChunks": [{"maps": {"title": "a cafe"}}]}),
        ("grounding with Google Maps (candidates[].groundingMetadata)",),
    ),
    (
        {
            "model": "gpt-4o-mini-search-preview-2025-03-11",
            "usage": {"prompt_tokens": 2_100, "completion_tokens": 300},
        },
        (
            "a web search fee on every request to "
            "gpt-4o-mini-search-preview-2025-03-11 (a search model)",
        ),
    ),
    (
        sonar(search_context_size="low"),
        ("Perplexity's request fee (usage.search_context_size 'low')",),
    ),
    (
        sonar(citation_tokens=5_000, num_search_queries=18, reasoning_tokens=70_000),
        (
            "18 search queries (usage.num_search_queries)",
            "5,000 citation tokens (usage.citation_tokens)",
            "70,000 reasoning tokens (at their own rate) (usage.reasoning_tokens)",
        ),
    ),
]


@pytest.mark.parametrize(("reply", "fees"), FEES)
def test_each_charge_is_named(reply: dict[str, Any], fees: tuple[str, ...]) -> None:
    assert tc.unpriced_fees(reply) == fees


@pytest.mark.parametrize(("reply", "fees"), FEES)
def test_cost_reply_refuses_it(reply: dict[str, Any], fees: tuple[str, ...]) -> None:
    """Each fee appears in the one-line error; strict=False gives None."""
    with pytest.raises(tc.NoPriceError) as caught:
        tc.cost_reply(reply, at=AT)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(
        "the reply carries charges besides its tokens that no price sheet holds: "
    )
    for fee in fees:
        assert fee in message
    assert "ignore_fees=True" in message
    assert tc.cost_reply(reply, at=AT, strict=False) is None


NO_FEES = [
    (claude(), Decimal("0.0108")),
    # A web fetch costs its tokens only; zero searches are no searches.
    (
        claude(server_tool_use={"web_search_requests": 0, "web_fetch_requests": 3}),
        Decimal("0.0108"),
    ),
    (claude(inference_geo="global"), Decimal("0.0108")),
    (claude(inference_geo="not_available"), Decimal("0.0108")),
    (
        claude(iterations=[{"type": "message", "input_tokens": 2_100}]),
        Decimal("0.0108"),
    ),
    (responses("message", "reasoning", "function_call"), Decimal("0.0195")),
    (gemini({"webSearchQueries": []}), Decimal("0.00138")),
    # Gemini's file search grounds on retrieved context: its tokens only.
    (gemini({"groundingChunks": [{"retrievedContext": {}}]}), Decimal("0.00138")),
]


@pytest.mark.parametrize(("reply", "total"), NO_FEES)
def test_the_tokens_are_the_cost(reply: dict[str, Any], total: Decimal) -> None:
    assert tc.unpriced_fees(reply) == ()
    assert tc.cost_reply(reply, at=AT).total == tc.Money(total, "USD")


@pytest.mark.parametrize(
    ("reply", "total"),
    [
        (claude(server_tool_use={"web_search_requests": 3}), "0.0108"),
        (claude(inference_geo="us"), "0.0108"),
        (responses("web_search_call"), "0.0195"),
        (gemini({"webSearchQueries": ["q"]}), "0.00138"),
    ],
)
def test_ignore_fees_prices_the_usage(reply: dict[str, Any], total: str) -> None:
    cost = tc.cost_reply(reply, at=AT, ignore_fees=True)
    assert cost.total == tc.Money(Decimal(total), "USD")


def test_batch_results_and_sdk_objects() -> None:
    """The fee is found inside a batch result line and in attribute objects."""
    line = {
        "custom_id": "r1",
        "result": {
            "type": "succeeded",
            "message": claude(server_tool_use={"web_search_requests": 2}),
        },
    }
    assert tc.unpriced_fees(line) == (
        "2 web searches (usage.server_tool_use.web_search_requests)",
    )
    sdk = SimpleNamespace(
        type="message",
        model="claude-sonnet-4-5",
        usage=SimpleNamespace(
            input_tokens=2_100,
            output_tokens=300,
            server_tool_use=SimpleNamespace(
                web_search_requests=4, web_fetch_requests=None
            ),
        ),
    )
    assert tc.unpriced_fees(sdk) == (
        "4 web searches (usage.server_tool_use.web_search_requests)",
    )


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (
            claude(server_tool_use={"web_search_requests": -1}),
            "usage.server_tool_use.web_search_requests must be a whole number "
            "of at least 0, not int -1",
        ),
        (
            claude(server_tool_use={"web_search_requests": True}),
            "usage.server_tool_use.web_search_requests must be a whole number "
            "of at least 0, not bool True",
        ),
        (
            claude(server_tool_use={"web_search_requests": "3"}),
            "usage.server_tool_use.web_search_requests must be a whole number "
            "of at least 0, not str '3'",
        ),
        (claude(server_tool_use=[1]), "usage.server_tool_use must be an object"),
        (claude(iterations=4), "usage.iterations must be a list, not int 4"),
        (claude(inference_geo=1), "usage.inference_geo must be text, not int 1"),
        (
            sonar(num_search_queries=2.5),
            "usage.num_search_queries must be a whole number of at least 0",
        ),
    ],
)
def test_malformed_counts(reply: dict[str, Any], message: str) -> None:
    """A fee count that is no count is a malformed reply, refused before
    anything is priced."""
    with pytest.raises(tc.InvalidReplyError, match="^reply: " + _escape(message)):
        tc.unpriced_fees(reply)
    with pytest.raises(tc.InvalidReplyError):
        tc.cost_reply(reply, at=AT)


def _escape(text: str) -> str:
    import re

    return re.escape(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_searches_property(searches: int) -> None:
    """A fee is named exactly when there is at least one search, with its
    count; leaving it out prices the same usage as a reply without it."""
    reply = claude(server_tool_use={"web_search_requests": searches})
    fees = tc.unpriced_fees(reply)
    if searches:
        noun = "web search" if searches == 1 else "web searches"
        assert fees == (
            f"{searches:,} {noun} (usage.server_tool_use.web_search_requests)",
        )
    else:
        assert fees == ()
    assert (
        tc.cost_reply(reply, at=AT, ignore_fees=True).total
        == tc.cost_reply(claude(), at=AT).total
    )


class TestPerplexity:
    def test_format_and_reported_cost(self) -> None:
        reply = sonar(
            search_context_size="low",
            cost={
                "input_tokens_cost": 0.0021,
                "output_tokens_cost": 0.0003,
                "request_cost": 0.005,
                "total_cost": 0.0074,
            },
        )
        assert tc.reply_format(reply) == "perplexity"
        assert tc.reported_cost(reply) == tc.Money(Decimal("0.0074"), "USD")
        assert tc.usage_from(reply) == tc.Usage(2_100, 300)

    def test_a_cost_breakdown_alone_tells_the_format(self) -> None:
        reply = sonar(cost={"total_cost": "0.0074"})
        assert tc.reply_format(reply) == "perplexity"
        assert tc.reported_cost(reply) == tc.Money(Decimal("0.0074"), "USD")

    def test_openrouter_is_still_openrouter(self) -> None:
        reply = {"usage": {"prompt_tokens": 1, "completion_tokens": 1, "cost": 0.5}}
        assert tc.reply_format(reply) == "openrouter"

    def test_breakdown_without_total(self) -> None:
        with pytest.raises(tc.InvalidReplyError, match="without its total_cost"):
            tc.reported_cost(sonar(cost={"request_cost": 0.005}))

    def test_looked_up_at_perplexity(self) -> None:
        """A Perplexity reply names the bare `sonar`: it is Perplexity's."""
        cost = tc.cost_reply(sonar(search_context_size="low"), ignore_fees=True)
        assert cost.model == "perplexity:sonar"


class TestCommandLine:
    def save(self, tmp_path: Path, reply: object) -> str:
        path = tmp_path / "reply.json"
        path.write_text(json.dumps(reply), encoding="utf-8")
        return str(path)

    def test_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = self.save(tmp_path, claude(server_tool_use={"web_search_requests": 3}))
        status = main(["reply", path, "--at", AT])
        out, err = capsys.readouterr()
        assert (status, out) == (1, "")
        assert err.count("\n") == 1
        assert "3 web searches (usage.server_tool_use.web_search_requests)" in err
        assert "--ignore-fees" in err
        assert "Traceback" not in err

    def test_ignore_fees(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = self.save(tmp_path, claude(server_tool_use={"web_search_requests": 3}))
        status = main(["reply", path, "--at", AT, "--ignore-fees", "-f", "json"])
        out, err = capsys.readouterr()
        assert (status, err) == (0, "")
        assert json.loads(out)["total"] == "0.0108"


@pytest.mark.parametrize(
    ("reply", "fee"),
    [
        (
            claude(server_tool_use={"web_search_requests": 1}),
            "1 web search (usage.server_tool_use.web_search_requests)",
        ),
        (
            sonar(num_search_queries=1),
            "1 search query (usage.num_search_queries)",
        ),
        (
            gemini({"webSearchQueries": ["q"]}),
            "1 Google Search query (grounding) "
            "(candidates[].groundingMetadata.webSearchQueries)",
        ),
        (
            claude(iterations=[{"type": "compaction"}]),
            "1 compaction iteration (usage.iterations), billed apart from the "
            "top-level counts, at their model's prices",
        ),
    ],
)
def test_one_is_singular(reply: dict[str, Any], fee: str) -> None:
    assert tc.unpriced_fees(reply) == (fee,)


def grok(**usage: object) -> dict[str, Any]:
    return {
        "object": "chat.completion",
        "model": "grok-4",
        "created": 1_782_900_000,  # 2026-07-01 10:00 UTC
        "usage": {
            "prompt_tokens": 2_100,
            "completion_tokens": 300,
            "total_tokens": 2_400,
            **usage,
        },
    }


class TestXai:
    """xAI's replies: its server-side tool calls, and the cost it reports in
    ticks (10**10 to the dollar). grok-4 requests of 2026-07-01 are billed
    as grok-4.3, $1.25 / $2.50: 0.002625 + 0.00075 = 0.003375 USD."""

    @pytest.mark.parametrize(
        ("usage", "fees"),
        [
            (
                {
                    "server_side_tool_usage_details": {
                        "web_search_calls": 2,
                        "x_search_calls": 0,
                        "code_interpreter_calls": 1,
                    }
                },
                (
                    "2 web search calls (xAI server-side tool) "
                    "(usage.server_side_tool_usage_details.web_search_calls)",
                    "1 code interpreter call (xAI server-side tool) "
                    "(usage.server_side_tool_usage_details.code_interpreter_calls)",
                ),
            ),
            (
                {"server_side_tool_usage": {"x_search": 3}},
                (
                    "3 x search calls (xAI server-side tool) "
                    "(usage.server_side_tool_usage.x_search)",
                ),
            ),
            (
                {"num_sources_used": 12},
                ("12 Live Search sources (xAI) (usage.num_sources_used)",),
            ),
            (
                {"num_server_side_tools_used": 1},
                ("1 xAI server-side tool call (usage.num_server_side_tools_used)",),
            ),
            ({"server_side_tool_usage_details": {"web_search_calls": 0}}, ()),
            ({"num_sources_used": 0}, ()),
        ],
    )
    def test_tools(self, usage: dict[str, Any], fees: tuple[str, ...]) -> None:
        assert tc.unpriced_fees(grok(**usage)) == fees

    def test_tool_calls_are_counted_once(self) -> None:
        """A Responses reply lists its calls in `output` and counts them in
        its usage: named once, from the usage."""
        reply = {
            "object": "response",
            "model": "grok-4",
            "output": [{"type": "web_search_call"}, {"type": "x_search_call"}],
            "usage": {
                "input_tokens": 2_100,
                "output_tokens": 300,
                "server_side_tool_usage_details": {
                    "web_search_calls": 1,
                    "x_search_calls": 1,
                },
            },
        }
        assert len(tc.unpriced_fees(reply)) == 2
        del reply["usage"]["server_side_tool_usage_details"]
        assert tc.unpriced_fees(reply) == (
            "1 web search call (output[].type 'web_search_call')",
            "1 X search call (output[].type 'x_search_call')",
        )

    @pytest.mark.parametrize(
        ("ticks", "usd"),
        [
            (37_756_000, "0.0037756"),
            (200_000_000, "0.02"),
            (10**10, "1"),
            (10**11, "10"),
            (0, "0"),
            (1, "0.0000000001"),
            (123_456_789_012_345, "12345.6789012345"),
        ],
    )
    def test_reported_cost(self, ticks: int, usd: str) -> None:
        reported = tc.reported_cost(grok(cost_in_usd_ticks=ticks))
        assert reported == tc.Money(Decimal(usd), "USD")

    def test_reported_cost_ignores_the_callers_context(self) -> None:
        import decimal

        with decimal.localcontext() as context:
            context.prec = 3
            reported = tc.reported_cost(grok(cost_in_usd_ticks=123_456_789_012_345))
        assert reported == tc.Money(Decimal("12345.6789012345"), "USD")

    @pytest.mark.parametrize("ticks", [-1, True, 1.5, "37756000", [1]])
    def test_bad_ticks(self, ticks: object) -> None:
        with pytest.raises(
            tc.InvalidReplyError,
            match="^reply: usage.cost_in_usd_ticks must be a whole number of at least 0",
        ):
            tc.reported_cost(grok(cost_in_usd_ticks=ticks))

    def test_priced_at_xai_not_openrouter(self) -> None:
        """A reported cost in ticks is xAI's, not OpenRouter's: the model is
        looked up at its maker."""
        cost = tc.cost_reply(grok(cost_in_usd_ticks=33_750_000))
        assert (cost.model, cost.total) == (
            "xai:grok-4-0709",
            tc.Money(Decimal("0.003375"), "USD"),
        )

    def test_command_line_shows_the_difference(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "grok.json"
        path.write_text(json.dumps(grok(cost_in_usd_ticks=37_756_000)), "utf-8")
        status = main(["reply", str(path), "-f", "json"])
        out, err = capsys.readouterr()
        data = json.loads(out)
        assert (status, err) == (0, "")
        assert (data["total"], data["reported"], data["difference"]) == (
            "0.003375",
            {"amount": "0.0037756", "currency": "USD"},
            "-0.0004006",
        )


def test_empty_and_streamed_replies() -> None:
    """An empty reply shows no charge; a streamed chunk whose usage is null
    is refused as `usage_from` refuses it, not read as free of charges."""
    assert tc.unpriced_fees({}) == ()
    with pytest.raises(tc.InvalidReplyError, match="usage is null"):
        tc.unpriced_fees({"model": "gpt-5.5", "usage": None})
