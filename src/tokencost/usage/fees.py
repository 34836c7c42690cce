"""
Charges a reply carries besides its tokens: `unpriced_fees`.

Price sheets hold prices per token. Some replies also carry a charge per
call, per search or per request that no price sheet holds: Anthropic's web
searches and code execution, OpenAI's built-in tool calls and search
models, Gemini's grounding with Google Search or Maps, Perplexity's request
fee and search queries. The tokens of such a reply are not its cost, so
`cost_reply` refuses it unless told to leave them out (``ignore_fees``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tokencost._errors import NoPriceError
from tokencost.usage.replies import perplexity_usage, reply_model, unwrap_reply
from tokencost.usage.reply_fields import MISSING, UsageBlock, field, usage_block, view

__all__ = ["fees_refused", "unpriced_fees"]

#: What each of Anthropic's ``usage.server_tool_use`` counts is. A web
#: fetch costs its tokens only; any count not named here is a charge
#: tokencost cannot tell the price of, and is refused as one.
_SERVER_TOOLS: dict[str, str | None] = {
    "web_search_requests": "web search",
    "web_fetch_requests": None,
}

#: The output items of an OpenAI Responses reply that carry a charge per
#: call or per container besides the tokens.
_OPENAI_TOOL_CALLS = {
    "web_search_call": "web search call",
    "x_search_call": "X search call",
    "file_search_call": "file search call",
    "code_interpreter_call": "code interpreter call (billed per container)",
    "image_generation_call": "image generation call (billed at the image "
    "model's prices)",
}

#: Anthropic's content blocks that show a code execution container ran.
_CODE_EXECUTION = re.compile(r"(?:^|_)code_execution_tool_result$")

#: OpenAI's search models search on every request, for a fee per call.
_SEARCH_MODEL = re.compile(r"^(?:openai[:/])?gpt-[\w.-]*-search-(?:preview|api)\b")


def unpriced_fees(reply: object) -> tuple[str, ...]:
    """
    The charges *reply* carries besides its tokens, which no price sheet
    holds: one line each, naming the count and the field it was read from.
    Empty when the tokens are the whole cost.

    Read from Anthropic's ``usage.server_tool_use`` (web searches; a web
    fetch costs its tokens only), its code execution results, the
    iterations of ``usage.iterations`` other than the message itself (an
    advisor's or a compaction's tokens, outside the top-level counts) and
    ``usage.inference_geo`` (inference kept in one geography is priced at
    a multiple of the standard rates); the built-in tool calls among an
    OpenAI Responses reply's ``output`` items (web search, file search,
    code interpreter, image generation) and OpenAI's search models; xAI's
    server-side tool calls (``usage.server_side_tool_usage_details``) and
    Live Search sources (``usage.num_sources_used``);
    Gemini's grounding (``groundingMetadata``: Google Search queries,
    Google Maps); Perplexity's request fee (``search_context_size``),
    search queries, citation and reasoning tokens.

    >>> unpriced_fees({"type": "message", "model": "claude-sonnet-4-5",
    ...     "usage": {"input_tokens": 2_100, "output_tokens": 300,
    ...               "server_tool_use": {"web_search_requests": 2}}})
    ('2 web searches (usage.server_tool_use.web_search_requests)',)
    >>> unpriced_fees({"model": "gpt-5.5", "usage": {"prompt_tokens": 10,
    ...                                              "completion_tokens": 2}})
    ()

    Raises:
        InvalidReplyError: if a count is not a whole number of at least 0,
            or a block that must be an object or a list is not one.
        WrongTypeError: if *reply* is not a dict or an object.
    """
    inner, _ = unwrap_reply(reply)
    data = view(inner, "reply")
    usage = usage_block(data, ("usage",), "reply")
    fees: list[str] = []
    tools: list[str] = []
    fees += _anthropic_usage(usage)
    fees += _perplexity(usage)
    tools = _xai(usage)
    fees += tools
    fees += _anthropic_content(data)
    if not tools:  # xAI counts its output's tool calls in its usage too
        fees += _openai_output(data)
    fees += _gemini_grounding(data)
    model = reply_model(data)
    if model is not None and _SEARCH_MODEL.match(model.lower()):
        fees.append(f"a web search fee on every request to {model} (a search model)")
    return tuple(fees)


def fees_refused(fees: tuple[str, ...], what: str, instead: str) -> NoPriceError:
    """The error for *what* (``reply``, ``record``) showing *fees*: its
    tokens are not its cost; *instead* says what ``ignore_fees`` does."""
    # A reply is priced by its usage, a bill's record by its token counts.
    counted = "usage is" if what == "reply" else "tokens are"
    return NoPriceError(
        f"the {what} carries charges besides its tokens that no price sheet "
        f"holds: {'; '.join(fees)}; its {counted} not its whole cost (pass "
        f"ignore_fees=True, --ignore-fees on the command line, to {instead} "
        "and leave them out)"
    )


def _many(count: int, what: str) -> str:
    """*count* and *what*, its noun in the plural unless the count is 1:
    ``_many(2, "web search call (billed per call)")`` is "2 web search
    calls (billed per call)"."""
    noun, paren, note = what.partition(" (")
    if count != 1 and noun.endswith("y") and noun[-2:-1] not in "aeiou":
        noun = noun[:-1] + "ies"
    elif count != 1:
        noun += "es" if noun.endswith(("s", "sh", "ch")) else "s"
    return f"{count:,} {noun}{paren}{note}"


def _counted(block: UsageBlock, name: str, what: str) -> list[str]:
    value = field(block.data, name)
    if value is MISSING:
        return []
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise block.error(
            f"{block.field(name)} must be a whole number of at least 0, "
            f"not {type(value).__name__} {value!r}"
        )
    return [f"{_many(value, what)} ({block.field(name)})"] if value else []


def _anthropic_usage(usage: UsageBlock) -> list[str]:
    fees: list[str] = []
    tools = usage.child("server_tool_use")
    if tools is not None:
        names = list(tools.data) if isinstance(tools.data, Mapping) else _SERVER_TOOLS
        for name in names:
            what = _SERVER_TOOLS.get(name, "server tool use")
            if what is not None:
                fees += _counted(tools, name, what)
    kinds: dict[str, int] = {}
    for item in usage.items("iterations"):
        kind = item.text("type") or "untyped"
        if kind != "message":
            kinds[kind] = kinds.get(kind, 0) + 1
    fees += [
        f"{_many(count, kind + ' iteration')} ({usage.field('iterations')}), "
        "billed apart from the top-level counts, at their model's prices"
        for kind, count in kinds.items()
    ]
    geo = usage.text("inference_geo")
    if geo is not None and geo.lower() not in ("", "global", "not_available"):
        fees.append(
            f"inference kept in one geography ({usage.field('inference_geo')} "
            f"{geo!r}), priced at a multiple of the standard rates"
        )
    return fees


#: Where xAI counts its server-side tool calls, by tool.
_XAI_TOOLS = ("server_side_tool_usage_details", "server_side_tool_usage")


def _xai(usage: UsageBlock) -> list[str]:
    fees: list[str] = []
    for key in _XAI_TOOLS:
        tools = usage.child(key)
        if tools is None or not isinstance(tools.data, Mapping):
            continue
        for name in tools.data:
            tool = str(name).removesuffix("_calls").replace("_", " ")
            fees += _counted(tools, str(name), f"{tool} call (xAI server-side tool)")
        return fees
    fees += _counted(usage, "num_server_side_tools_used", "xAI server-side tool call")
    fees += _counted(usage, "num_sources_used", "Live Search source (xAI)")
    return fees


def _perplexity(usage: UsageBlock) -> list[str]:
    if not perplexity_usage(usage.data):
        return []
    fees: list[str] = []
    size = usage.text("search_context_size")
    if size is not None:
        fees.append(
            f"Perplexity's request fee ({usage.field('search_context_size')} {size!r})"
        )
    fees += _counted(usage, "num_search_queries", "search query")
    fees += _counted(usage, "citation_tokens", "citation token")
    fees += _counted(usage, "reasoning_tokens", "reasoning token (at their own rate)")
    return fees


def _items(data: object, key: str) -> list[tuple[str, object]]:
    value = field(data, key)
    if value is MISSING or not isinstance(value, list | tuple):
        return []
    return [
        (f"{key}[{index}]", view(item, f"{key}[{index}]", "reply"))
        for index, item in enumerate(value)
        if item is not None
    ]


def _kind(item: object) -> str | None:
    kind = field(item, "type")
    kind = getattr(kind, "value", kind)
    return kind if isinstance(kind, str) else None


def _anthropic_content(data: object) -> list[str]:
    if field(data, "type") != "message":
        return []
    runs = sum(
        1
        for _, block in _items(data, "content")
        if _CODE_EXECUTION.search(_kind(block) or "")
    )
    if not runs:
        return []
    what = "code execution result (billed by container time)"
    return [f"{_many(runs, what)} (content[].type)"]


def _openai_output(data: object) -> list[str]:
    counts: dict[str, int] = {}
    for _, item in _items(data, "output"):
        kind = _kind(item)
        if kind in _OPENAI_TOOL_CALLS:
            counts[kind] = counts.get(kind, 0) + 1
    return [
        f"{_many(count, _OPENAI_TOOL_CALLS[kind])} (output[].type {kind!r})"
        for kind, count in counts.items()
    ]


def _gemini_grounding(data: object) -> list[str]:
    queries = 0
    web = maps = False
    for path, candidate in _items(data, "candidates"):
        for key in ("groundingMetadata", "grounding_metadata"):
            value = field(candidate, key)
            if value is MISSING:
                continue
            grounding = view(value, f"{path}.{key}", "Gemini reply")
            for name in ("webSearchQueries", "web_search_queries"):
                found = field(grounding, name)
                if isinstance(found, list | tuple):
                    queries += len(found)
            for name in ("groundingChunks", "grounding_chunks"):
                for _, chunk in _items(grounding, name):
                    web = web or field(chunk, "web") is not MISSING
                    maps = maps or field(chunk, "maps") is not MISSING
    fees: list[str] = []
    if queries:
        what = "Google Search query (grounding)"
        fees.append(
            f"{_many(queries, what)} (candidates[].groundingMetadata.webSearchQueries)"
        )
    elif web:
        fees.append("grounding with Google Search (candidates[].groundingMetadata)")
    if maps:
        fees.append("grounding with Google Maps (candidates[].groundingMetadata)")
    return fees
