"""
The reader for OpenAI's Realtime API: the usage of a ``response.done``
event, or of the ``realtime.response`` it carries.

Its shape is not the Responses API's: the details blocks are
``input_token_details`` and ``output_token_details`` (singular "token"),
``audio_tokens`` counts every audio prompt token, cached ones included, and
``cached_tokens`` every cached prompt token, audio ones included, split by
modality in ``cached_tokens_details``.
"""

from __future__ import annotations

from tokencost._errors import InvalidReplyError
from tokencost.usage.reply_fields import (
    MISSING,
    Count,
    UsageBlock,
    field,
    usage_block,
    view,
)
from tokencost.usage.usage import Usage

__all__ = ["REALTIME_KEYS", "usage_from_openai_realtime"]

#: The keys of a usage block that only the Realtime API writes.
REALTIME_KEYS = ("input_token_details", "output_token_details")

_LABEL = "OpenAI Realtime response"
_MODALITIES = ("text_tokens", "audio_tokens", "image_tokens")


def realtime_response(reply: object) -> object:
    """The ``realtime.response`` of a ``response.done`` event; any other
    reply as it is."""
    data = view(reply, "reply")
    if field(data, "type") == "response.done":
        response = field(data, "response")
        if response is MISSING:
            raise InvalidReplyError(f"{_LABEL}: response.done has no response")
        return view(response, "response", _LABEL)
    return data


def _split(block: UsageBlock, whole: Count | None, names: tuple[str, ...]) -> Count:
    """The counts *names* of *block*, checked to add up to *whole* when all
    are given (to fit inside it otherwise); *whole* when given, else their
    sum."""
    parts = [p for p in (block.optional(name) for name in names) if p is not None]
    total = sum(p[1] for p in parts)
    if whole is None:
        return " + ".join(p[0] for p in parts) or block.path, total
    if len(parts) == len(names) and total != whole[1]:
        named = " + ".join(f"{p[0]} ({p[1]:,})" for p in parts)
        raise block.error(f"{named} != {whole[0]} ({whole[1]:,})")
    block.parts(parts, whole)
    return whole


def _n(block: UsageBlock | None, name: str) -> Count | None:
    return None if block is None else block.optional(name)


def usage_from_openai_realtime(reply: object) -> Usage:
    """
    The `Usage` of an OpenAI Realtime API ``response.done`` event, of its
    ``response`` (``"object": "realtime.response"``) or of its ``usage``.

    ``input_tokens`` counts every prompt token; ``input_token_details``
    splits them into ``text_tokens``, ``audio_tokens`` and ``image_tokens``
    (which must add up to it), and ``cached_tokens`` counts the cached ones
    of every modality, split in ``cached_tokens_details`` (which must add
    up to it). The audio and image counts include their cached tokens, so
    the uncached audio is ``audio_tokens`` less the cached audio, and the
    cached audio is `Usage.cache_read_audio_tokens`, priced at the model's
    cached-audio price. ``output_token_details`` gives the generated text
    and audio tokens.

    >>> usage_from_openai_realtime({"type": "response.done", "response": {
    ...     "object": "realtime.response", "usage": {
    ...     "total_tokens": 1_700, "input_tokens": 1_200, "output_tokens": 500,
    ...     "input_token_details": {"cached_tokens": 1_000, "text_tokens": 400,
    ...         "audio_tokens": 800, "image_tokens": 0,
    ...         "cached_tokens_details": {"text_tokens": 400,
    ...             "audio_tokens": 600, "image_tokens": 0}},
    ...     "output_token_details": {"text_tokens": 100, "audio_tokens": 400}}}})
    Usage(input_tokens=1200, output_tokens=500, cache_read_tokens=1000, cache_write_tokens=0, input_audio_tokens=200, output_audio_tokens=400, cache_read_audio_tokens=600)

    Raises:
        InvalidReplyError: if a count is missing, not a whole number or
            negative, if the parts do not add up, and for cached image
            tokens: OpenAI prices cached image input apart from cached
            text, and tokencost has no price for it, so they are refused
            rather than priced as text.
    """  # noqa: E501
    block = usage_block(realtime_response(reply), ("usage",), _LABEL)
    prompt = block.count("input_tokens")
    output = block.count("output_tokens")
    details = block.child("input_token_details")
    cached = _n(details, "cached_tokens")
    audio = _n(details, "audio_tokens")
    image = _n(details, "image_tokens")
    cached_audio = cached_image = None
    if details is not None:
        _split(details, prompt, _MODALITIES)
        inner = details.child("cached_tokens_details")
        if inner is not None:
            cached = _split(inner, cached, _MODALITIES)
            cached_audio = inner.optional("audio_tokens")
            cached_image = inner.optional("image_tokens")
            for part, whole in ((cached_audio, audio), (cached_image, image)):
                if part is not None and whole is not None:
                    details.part(part, whole)
            text = inner.optional("text_tokens")
            whole_text = details.optional("text_tokens")
            if text is not None and whole_text is not None:
                details.part(text, whole_text)
        elif (
            cached is not None
            and cached[1]
            and not (
                audio is not None and image is not None and audio[1] == image[1] == 0
            )
        ):
            raise details.error(
                f"{cached[0]} is {cached[1]:,} without cached_tokens_details: "
                "the cached audio and image tokens cannot be told from the "
                "cached text"
            )
        if cached is not None:
            block.part(cached, prompt)
    if cached_image is not None and cached_image[1]:
        raise block.error(
            f"{cached_image[0]} is {cached_image[1]:,}: OpenAI prices cached "
            "image input apart from cached text, and tokencost has no price "
            "for it; these tokens cannot be priced exactly"
        )
    out = block.child("output_token_details")
    out_audio = None
    if out is not None:
        _split(out, output, ("text_tokens", "audio_tokens"))
        out_audio = out.optional("audio_tokens")
    heard = 0 if cached_audio is None else cached_audio[1]
    if cached_audio is not None and audio is None and heard:
        raise block.error(
            f"{cached_audio[0]} ({heard:,}) is given without "
            "input_token_details.audio_tokens, which counts it"
        )
    uncached_audio = (
        None if audio is None else (f"{audio[0]} less cached", audio[1] - heard)
    )
    block.parts([c for c in (cached, uncached_audio, image) if c], prompt)
    total = block.optional("total_tokens")
    if total is not None and total[1] != prompt[1] + output[1]:
        raise block.error(
            f"{prompt[0]} ({prompt[1]:,}) + {output[0]} ({output[1]:,}) "
            f"!= {total[0]} ({total[1]:,})"
        )
    return Usage(
        prompt[1],
        output[1],
        0 if cached is None else cached[1],
        input_audio_tokens=0 if uncached_audio is None else uncached_audio[1],
        input_image_tokens=0 if image is None else image[1],
        output_audio_tokens=0 if out_audio is None else out_audio[1],
        cache_read_audio_tokens=heard,
    )
