"""
Record shapes: how a logged request names its model, time and tokens.

A bill reads records in its own shape (``input_tokens``, ``output_tokens``,
``cache_read_tokens``... flat in the record) or in the shape a provider's
reply or a tracing exporter gives, through a *preset*:

- ``openai``: Chat Completions (``prompt_tokens``, ``completion_tokens``,
  ``prompt_tokens_details.cached_tokens``) or Responses (``input_tokens``
  with ``input_tokens_details``), nested under ``usage`` or flat;
- ``anthropic``: ``input_tokens`` without the cache, plus
  ``cache_read_input_tokens``, ``cache_creation_input_tokens`` and the
  ``cache_creation`` split by lifetime;
- ``gemini``: ``usageMetadata`` (or its fields flat);
- ``deepseek``, ``moonshot``, ``zhipu``, ``openai-responses``,
  ``openai-realtime`` (the Realtime API's ``input_token_details``, cached
  audio apart): as `usage_from` reads them;
- ``otel``: OpenTelemetry GenAI attributes (``gen_ai.usage.input_tokens``,
  ``gen_ai.usage.output_tokens``, ``gen_ai.response.model``...), flat or
  under ``attributes``.

A preset reads a record's tokens with the reader of that provider's
replies (`usage_from`), so a bill and a reply never disagree. Without a
preset, each record's shape is told from its fields when they decide, and a
record with token fields the bill cannot read is refused. A *mapping* renames
columns first (``{"tokens_in": "input_tokens"}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from tokencost._errors import InvalidInputError, WrongTypeError
from tokencost.billing.records import TOKEN_FIELDS

__all__ = [
    "FIELDS",
    "PRESETS",
    "Shapes",
    "changes_reading",
    "check_mapping",
    "check_preset",
    "looks_like_tokens",
]

TOKENS = TOKEN_FIELDS
#: The fields a mapping may name.
FIELDS: tuple[str, ...] = ("model", "timestamp", "variant", *TOKENS)

_OTEL = "otel"


#: The presets `bill` and ``tokencost bill --preset`` take.
PRESETS: tuple[str, ...] = (
    "openai",
    "anthropic",
    "gemini",
    _OTEL,
    "openai-responses",
    "deepseek",
    "moonshot",
    "zhipu",
    "openai-realtime",
)

# Where a provider's usage sits in a record, when nested.
_CONTAINERS = ("usage", "usageMetadata", "usage_metadata")
# Top-level keys that are a provider's token counts, when flat.
_PROVIDER_KEYS = frozenset(
    {
        "prompt_tokens",
        "completion_tokens",
        "total_tokens",
        "prompt_tokens_details",
        "completion_tokens_details",
        "input_tokens_details",
        "output_tokens_details",
        "input_token_details",
        "output_token_details",
        "cache_read_input_tokens",
        "cache_creation_input_tokens",
        "cache_creation",
        "prompt_cache_hit_tokens",
        "prompt_cache_miss_tokens",
        "cached_tokens",
        "promptTokenCount",
        "candidatesTokenCount",
        "cachedContentTokenCount",
        "thoughtsTokenCount",
        "toolUsePromptTokenCount",
        "totalTokenCount",
        "prompt_token_count",
        "candidates_token_count",
        "cached_content_token_count",
        "thoughts_token_count",
        "tool_use_prompt_token_count",
        "total_token_count",
    }
)
_OWN = frozenset({"model", "timestamp", "variant", *TOKENS})
# Top-level fields that show charges besides the tokens (`unpriced_fees`),
# in a record of the bill's own shape: one is looked at in every record.
_FEE_KEYS = frozenset(
    {
        "server_tool_use",
        "server_side_tool_usage_details",
        "server_side_tool_usage",
        "num_server_side_tools_used",
        "num_sources_used",
        "num_search_queries",
        "search_context_size",
        "inference_geo",
    }
)
# Where OpenTelemetry records nest their attributes, token counts included.
_ATTRIBUTES = "attributes"
_OTEL_USAGE = "gen_ai.usage."
_OTEL_MODELS = ("gen_ai.response.model", "gen_ai.request.model")
_OTEL_TOKENS = {
    "gen_ai.usage.input_tokens": "input_tokens",
    "gen_ai.usage.output_tokens": "output_tokens",
    "gen_ai.usage.cache_read.input_tokens": "cache_read_tokens",
    "gen_ai.usage.cache_creation.input_tokens": "cache_write_tokens",
    "gen_ai.usage.reasoning.output_tokens": "reasoning_tokens",
}


def looks_like_tokens(key: object) -> bool:
    """Whether a key the bill does not read looks like a token count: then
    billing the record without it would be silently wrong."""
    if not isinstance(key, str):
        return False
    lower = key.lower()
    return (
        "token" in lower
        or key in _CONTAINERS
        or key in _PROVIDER_KEYS
        or lower.startswith("gen_ai.usage")
    )


def changes_reading(key: object) -> bool:
    """Whether a field other than the bill's own (`FIELDS`) can change how
    a record is read: a token count (`looks_like_tokens`), ``attributes``,
    where OpenTelemetry records nest theirs, or a field that shows a
    charge besides the tokens (``server_tool_use``...). An engine that
    does not read such a field must leave the records to the Python
    engine."""
    return key == _ATTRIBUTES or key in _FEE_KEYS or looks_like_tokens(key)


def check_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """
    *mapping* checked: column names to the fields of `FIELDS`, one column
    per field.

    Raises:
        InvalidInputError: an unknown field, an empty name, or two columns
            for one field.
    """
    if mapping is None:
        return {}
    if not isinstance(mapping, Mapping):
        raise WrongTypeError(
            f"mapping must be a dict of column names to fields, not {mapping!r}"
        )
    seen: dict[str, str] = {}
    pairs: list[tuple[object, object]] = list(mapping.items())
    for column, field in pairs:
        if not isinstance(column, str) or not isinstance(field, str):
            raise WrongTypeError(
                f"mapping must map column names to field names: {column!r}: {field!r}"
            )
        if not column.strip():
            raise InvalidInputError("mapping has an empty column name")
        if field not in FIELDS:
            raise InvalidInputError(
                f"cannot map {column!r} to {field!r}: expected one of "
                + ", ".join(FIELDS)
            )
        if field in seen:
            raise InvalidInputError(
                f"mapping gives {field} twice: {seen[field]!r} and {column!r}"
            )
        seen[field] = column
    return dict(mapping)


def check_preset(preset: str | None) -> str | None:
    """*preset* checked against `PRESETS`."""
    if preset is None:
        return None
    if preset not in PRESETS:
        raise InvalidInputError(
            f"unknown preset {preset!r}: expected one of {', '.join(PRESETS)}"
        )
    return preset


class Shapes:
    """Turns records of any accepted shape into the bill's own shape."""

    __slots__ = ("_ignore_fees", "_mapping", "_preset", "allowed")

    def __init__(
        self,
        preset: str | None,
        mapping: Mapping[str, str] | None,
        ignore_fees: bool = False,
    ) -> None:
        self._preset = check_preset(preset)
        self._mapping = check_mapping(mapping)
        self._ignore_fees = ignore_fees
        # Keys already known not to be token counts: a record whose keys are
        # all in here needs no further look.
        self.allowed: set[object] = set(_OWN)

    @property
    def plain(self) -> bool:
        """Whether records are read as they are, with no preset or mapping."""
        return self._preset is None and not self._mapping

    def __call__(self, record: Mapping[str, Any]) -> Mapping[str, Any]:
        """*record* in the bill's own shape, or an error saying why not."""
        if self._mapping:
            record = self._rename(record)
        preset = self._preset
        if preset is None:
            keys = record.keys()
            if keys <= self.allowed:
                return record
            preset = self._detect(record)
            if preset is None:
                return record
        if preset == _OTEL:
            return _from_otel(record)
        return _from_reply(record, preset, self._ignore_fees)

    def _rename(self, record: Mapping[str, Any]) -> dict[str, Any]:
        renamed: dict[str, Any] = {}
        for key, value in record.items():
            field = self._mapping.get(key, key)
            if field in renamed:
                raise InvalidInputError(
                    f"both {key!r} and a column mapped to it give {field}"
                )
            renamed[field] = value
        return renamed

    def _detect(self, record: Mapping[str, Any]) -> str | None:
        """The preset a record's fields call for, None for the bill's own
        shape; an error for token fields that no shape reads."""
        foreign = [
            key for key in record if key not in self.allowed and looks_like_tokens(key)
        ]
        attributes = record.get(_ATTRIBUTES)
        if isinstance(attributes, Mapping) and any(
            looks_like_tokens(key) for key in attributes
        ):
            return _OTEL
        if not foreign:
            if not self._ignore_fees and not _FEE_KEYS.isdisjoint(record):
                _refuse_fees(record)
                # Never a fee field: the next record's may show a charge.
                self.allowed.update(
                    key for key in record if key not in _FEE_KEYS | {_ATTRIBUTES}
                )
                return None
            # Never ``attributes``: the next record's may hold token counts,
            # and must be looked at whatever the records before it held.
            self.allowed.update(key for key in record if key != _ATTRIBUTES)
            return None
        if foreign == ["total_tokens"] and (
            "input_tokens" in record or "output_tokens" in record
        ):
            _check_total(record)
            return None
        if any(str(key).startswith(_OTEL_USAGE) for key in foreign):
            return _OTEL
        unknown = [
            key
            for key in foreign
            if key not in _PROVIDER_KEYS and key not in _CONTAINERS
        ]
        if unknown:
            raise self._unreadable(unknown)
        from tokencost._errors import InvalidReplyError
        from tokencost.usage.replies import reply_format

        try:
            return reply_format(dict(record))
        except InvalidReplyError as exc:
            raise InvalidInputError(
                f"{exc}; or name the preset, one of {', '.join(PRESETS)}"
            ) from None

    @staticmethod
    def _unreadable(keys: list[Any]) -> InvalidInputError:
        shown = ", ".join(repr(key) for key in keys[:5])
        return InvalidInputError(
            f"cannot read the token counts {shown}: the fields a bill reads are "
            f"{', '.join(TOKENS)}; name a preset ({', '.join(PRESETS)}) "
            "or map the columns (--map COLUMN=FIELD)"
        )


def _check_total(record: Mapping[str, Any]) -> None:
    """A ``total_tokens`` beside the bill's own counts is read as a check:
    it must be input plus output, or the counts are not what they seem."""
    total = record["total_tokens"]
    parts = [record.get("input_tokens", 0), record.get("output_tokens", 0)]
    if not all(type(v) is int for v in (total, *parts)):
        raise InvalidInputError(
            "total_tokens, input_tokens and output_tokens must be whole numbers"
        )
    if total != parts[0] + parts[1]:
        raise InvalidInputError(
            f"total_tokens ({total:,}) is not input_tokens ({parts[0]:,}) + "
            f"output_tokens ({parts[1]:,}): the counts are not in the bill's "
            "shape; name a preset or map the columns"
        )


def _rest(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's other fields (model, timestamp, variant, extra fields)."""
    return {
        key: value
        for key, value in record.items()
        if key not in _CONTAINERS and key not in _PROVIDER_KEYS
    }


def _from_reply(
    record: Mapping[str, Any], preset: str, ignore_fees: bool
) -> dict[str, Any]:
    from tokencost.usage.replies import usage_from

    if preset == "openai":
        # Chat Completions or Responses: the field names decide, as for
        # replies.
        block = record.get("usage", record)
        if (
            isinstance(block, Mapping)
            and "prompt_tokens" not in block
            and ("input_tokens" in block)
        ):
            preset = "openai-responses"
    usage = usage_from(dict(record), format=preset)
    if not ignore_fees:
        _refuse_fees(record)
    out = _rest(record)
    for key in TOKENS:
        out[key] = getattr(usage, key)
    return out


def _refuse_fees(record: Mapping[str, Any]) -> None:
    """A record whose reply carried charges besides its tokens (web
    searches, tool calls, request fees) cannot be billed by its tokens."""
    from tokencost.usage.fees import fees_refused, unpriced_fees

    fees = unpriced_fees(dict(record))
    if fees:
        raise fees_refused(fees, "record", "bill the tokens")


def _from_otel(record: Mapping[str, Any]) -> dict[str, Any]:
    attributes = record.get(_ATTRIBUTES)
    data: dict[str, Any] = dict(record)
    if isinstance(attributes, Mapping):
        data.update(attributes)
        del data[_ATTRIBUTES]
    out = {key: value for key, value in data.items() if not key.startswith("gen_ai.")}
    if "model" not in out:
        for key in _OTEL_MODELS:
            if data.get(key):
                out["model"] = data[key]
                break
    if "timestamp" not in out:
        start = data.get("startTimeUnixNano", data.get("start_time_unix_nano"))
        if start is not None:
            out["timestamp"] = _from_nanoseconds(start)
    unknown = [
        key for key in data if key.startswith(_OTEL_USAGE) and key not in _OTEL_TOKENS
    ]
    if unknown:
        raise InvalidInputError(
            f"cannot read the OpenTelemetry attribute {unknown[0]!r}: a bill reads "
            + ", ".join(_OTEL_TOKENS)
        )
    for key, field in _OTEL_TOKENS.items():
        if key in data:
            out[field] = data[key]
    if "input_tokens" not in out and "output_tokens" not in out:
        raise InvalidInputError(
            "no gen_ai.usage.input_tokens or gen_ai.usage.output_tokens in this "
            "OpenTelemetry record"
        )
    return out


def _from_nanoseconds(value: object) -> str:
    try:
        nanoseconds = int(str(value))
        seconds, rest = divmod(nanoseconds, 10**9)
        moment = datetime.fromtimestamp(seconds, UTC).replace(microsecond=rest // 1000)
    except (ValueError, OverflowError, OSError):
        raise InvalidInputError(
            f"cannot read startTimeUnixNano {value!r}: expected nanoseconds since 1970"
        ) from None
    return moment.isoformat()
