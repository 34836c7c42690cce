"""
The reader for Google's Gemini ``generateContent`` replies.
"""

from __future__ import annotations

from tokencost.usage.reply_fields import UsageBlock, usage_block
from tokencost.usage.usage import Usage

__all__ = ["usage_from_gemini"]

#: Gemini's modalities and the `Usage` count of their uncached prompt
#: tokens (None: text). A document's pages are read as images, as Gemini
#: counts them.
_INPUT = {
    "TEXT": None,
    "AUDIO": "input_audio_tokens",
    "IMAGE": "input_image_tokens",
    "DOCUMENT": "input_image_tokens",
    "VIDEO": "input_video_tokens",
}
_OUTPUT = {"TEXT": None, "AUDIO": "output_audio_tokens", "IMAGE": "output_image_tokens"}


def _by_modality(
    block: UsageBlock, names: tuple[str, str], known: dict[str, str | None]
) -> dict[str, int]:
    """The tokens of each modality in the details list under *names*."""
    counts: dict[str, int] = {}
    for item in block.items(*names):
        modality = item.text("modality")
        if modality not in known:
            raise block.error(
                f"{item.field('modality')} is {modality!r}: tokencost knows "
                + ", ".join(known)
            )
        tokens = item.count_or_zero("tokenCount", "token_count")
        counts[modality] = counts.get(modality, 0) + tokens
    return counts


def usage_from_gemini(reply: object) -> Usage:
    """
    The `Usage` of a Gemini ``generateContent`` reply, or of its
    ``usageMetadata``.

    ``promptTokenCount`` includes ``cachedContentTokenCount``; the tokens of
    tool-use prompts (``toolUsePromptTokenCount``) are input too. Thinking
    tokens (``thoughtsTokenCount``) are billed as output but are not part of
    ``candidatesTokenCount``, so output is their sum, and they are the
    reasoning tokens. The details lists split the counts by modality:
    ``promptTokensDetails`` and ``toolUsePromptTokensDetails`` less
    ``cacheTokensDetails`` give the uncached audio, image and video prompt
    tokens (a document's pages count as images, as Gemini counts them),
    ``candidatesTokensDetails`` the generated audio and image tokens. Gemini leaves out counts that are
    zero, so only ``promptTokenCount`` is required; a ``totalTokenCount``
    must be the sum of the prompt, tool-use prompt, candidates and thoughts
    counts. The snake_case names of
    the ``google-genai`` SDK (``usage_metadata``, ``prompt_token_count``...)
    are read too. Cached tokens are read at the cache-read price, but the
    audio ones (``AUDIO`` in ``cacheTokensDetails``), which Google prices
    apart (Gemini 2.5 Flash: $0.10 per million against $0.03 for cached
    text), go to ``cache_read_audio_tokens``, still within
    ``cache_read_tokens``; cached image and video tokens stay at the
    cache-read price, as Google prices them. Context-cache storage, billed
    per hour, is not a token count and is not included.

    >>> usage_from_gemini({"usageMetadata": {
    ...     "promptTokenCount": 10, "candidatesTokenCount": 1_304,
    ...     "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 10}],
    ...     "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 1_290}]}})
    Usage(input_tokens=10, output_tokens=1304, cache_read_tokens=0, cache_write_tokens=0, output_image_tokens=1290)
    """  # noqa: E501
    block = usage_block(
        reply, ("usageMetadata", "usage_metadata"), "Gemini generateContent reply"
    )
    prompt = block.count("promptTokenCount", "prompt_token_count")
    cached = block.optional("cachedContentTokenCount", "cached_content_token_count")
    if cached is not None:
        block.part(cached, prompt)
    tools = block.count_or_zero(
        "toolUsePromptTokenCount", "tool_use_prompt_token_count"
    )
    candidates = block.count_or_zero("candidatesTokenCount", "candidates_token_count")
    thoughts = block.count_or_zero("thoughtsTokenCount", "thoughts_token_count")
    counts: dict[str, int] = {}
    prompt_details = _by_modality(
        block, ("promptTokensDetails", "prompt_tokens_details"), _INPUT
    )
    tool_details = _by_modality(
        block,
        ("toolUsePromptTokensDetails", "tool_use_prompt_tokens_details"),
        _INPUT,
    )
    cache_details = _by_modality(
        block, ("cacheTokensDetails", "cache_tokens_details"), _INPUT
    )
    for details, whole, (listing, counted) in (
        (prompt_details, prompt[1], ("promptTokensDetails", "promptTokenCount")),
        (
            tool_details,
            tools,
            ("toolUsePromptTokensDetails", "toolUsePromptTokenCount"),
        ),
    ):
        listed = sum(details.values())
        if listed > whole:
            raise block.error(
                f"the tokens of {listing} ({listed:,}) exceed {counted} ({whole:,})"
            )
    for modality, name in _INPUT.items():
        if name is None:
            continue
        uncached = (
            prompt_details.get(modality, 0)
            + tool_details.get(modality, 0)
            - cache_details.get(modality, 0)
        )
        if uncached < 0:
            raise block.error(
                f"more cached {modality} tokens ({cache_details[modality]:,}) "
                f"than {modality} prompt tokens"
            )
        counts[name] = counts.get(name, 0) + uncached
    output_details = _by_modality(
        block, ("candidatesTokensDetails", "candidates_tokens_details"), _OUTPUT
    )
    for modality, name in _OUTPUT.items():
        if name is not None:
            counts[name] = output_details.get(modality, 0)
    billed_output = candidates + thoughts
    total = block.optional("totalTokenCount", "total_token_count")
    if total is not None and total[1] != prompt[1] + tools + billed_output:
        # Google's total is the sum of these four; a total that is not
        # says a count is missing or double-counted.
        raise block.error(
            f"{total[0]} ({total[1]:,}) is not promptTokenCount ({prompt[1]:,}) + "
            f"toolUsePromptTokenCount ({tools:,}) + candidatesTokenCount "
            f"({candidates:,}) + thoughtsTokenCount ({thoughts:,})"
        )
    if counts["output_audio_tokens"] + counts["output_image_tokens"] > candidates:
        raise block.error(
            f"the audio and image tokens of candidatesTokensDetails exceed "
            f"candidatesTokenCount ({candidates:,})"
        )
    cached_tokens = 0 if cached is None else cached[1]
    cached_audio = cache_details.get("AUDIO", 0)
    if cached_audio > cached_tokens:
        raise block.error(
            f"the AUDIO tokens of cacheTokensDetails ({cached_audio:,}) exceed "
            f"cachedContentTokenCount ({cached_tokens:,})"
        )
    # The cached image and video tokens leave their modality's uncached
    # count above; were they not all in the cached count, the rest would
    # be priced as uncached text.
    listed = sum(cache_details.values())
    if listed > cached_tokens:
        raise block.error(
            f"the tokens of cacheTokensDetails ({listed:,}) exceed "
            f"cachedContentTokenCount ({cached_tokens:,})"
        )
    return Usage(
        prompt[1] + tools,
        billed_output,
        cached_tokens,
        cache_read_audio_tokens=cached_audio,
        reasoning_tokens=thoughts,
        **counts,
    )
