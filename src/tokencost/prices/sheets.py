"""
The price-sheet file format, validated by pydantic at the boundary.

A sheet describes one provider: its currency, whether it is the model
makers' own API, and its models with their dated price periods. A period
holds base rates, long-context tiers, named variants (``batch``...) and
time-of-day windows (``off-peak``...). Sheets are
TOML (read with ``parse_float=Decimal``) or JSON (read with
``parse_float=Decimal``); `sheet_json_schema` gives the JSON Schema, which
``tokencost schema`` prints. Once validated, a sheet becomes frozen
`ModelPrice` values and pydantic is out of the way.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from tokencost._errors import InvalidPriceSheetError
from tokencost._files import parse_data, read_text_file
from tokencost._money import check_currency
from tokencost.prices.model import (
    WEEKDAYS,
    ModelPrice,
    parse_span,
)
from tokencost.prices.moments import moment_text, utc_moment

__all__ = [
    "ProviderSheet",
    "load_sheet",
    "parse_sheet",
    "sheet_json_schema",
]

#: A price: a million per million tokens (one per token) or per request is
#: far above any real price, and bounding it keeps every cost exact.
Price = Annotated[Decimal, Field(ge=0, le=1_000_000, allow_inf_nan=False)]
Name = Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_./@:+-]*$")]
#: An alias may also be an id as an upstream spells it with a leading ``@``
#: (Cloudflare's ``@cf/...``), kept so that string resolves.
AliasName = Annotated[
    str, Field(min_length=1, pattern=r"^@?[A-Za-z0-9][A-Za-z0-9_./@:+-]*$")
]
#: The components a schedule may leave unpriced (``unpriced``): every
#: per-token price but reasoning's, whose absence means the output price.
Unpriced = Literal[
    "input_mtok",
    "output_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
    "cache_write_1h_mtok",
    "input_audio_mtok",
    "input_image_mtok",
    "input_video_mtok",
    "output_audio_mtok",
    "output_image_mtok",
    "cache_read_audio_mtok",
]
#: Where a period starts or ends: a day (midnight UTC), or a moment, an
#: offset date-time in UTC on a whole minute (``2025-09-05T16:00:00Z``).
Bound = date | datetime


def check_bound(value: Bound, field: str) -> Bound:
    """
    *value* if it can bound a period: a day, or a moment in UTC (offset
    ``Z`` or ``+00:00``) on a whole minute.

    Raises:
        ValueError: a date-time without an offset, with another offset than
            UTC, or with seconds.
    """
    if not isinstance(value, datetime):
        return value
    text = value.isoformat()
    if value.tzinfo is None:
        raise ValueError(
            f"'{field}' {text} has no offset: write a moment in UTC, such as "
            f"{value.isoformat()}Z, or a day"
        )
    if value.utcoffset() != timedelta(0):
        raise ValueError(
            f"'{field}' {text} is not in UTC: write the same moment in UTC, "
            f"{utc_moment(value).replace(tzinfo=None).isoformat()}Z"
        )
    if value.second or value.microsecond:
        raise ValueError(
            f"'{field}' {text} is not on a whole minute: prices change on "
            "a minute (write the minute the change took effect)"
        )
    return value


#: The kinds of source, most authoritative first.
Kind = Literal["first-party", "aggregator", "secondary"]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        populate_by_name=True,
    )


class RatesSheet(_Strict):
    """Prices per million tokens and per request; omit what is not known."""

    input_mtok: Price | None = None
    """Price per million plain input tokens."""
    output_mtok: Price | None = None
    """Price per million output tokens, reasoning included."""
    cache_read_mtok: Price | None = None
    """Price per million input tokens read from the cache."""
    cache_write_mtok: Price | None = None
    """Price per million input tokens written to the cache (default TTL,
    five minutes at Anthropic)."""
    cache_write_1h_mtok: Price | None = None
    """Price per million input tokens written to the cache for one hour."""
    reasoning_mtok: Price | None = None
    """Price per million reasoning tokens, when not the output price."""
    request: Price | None = None
    """Price per request, on top of the token prices."""
    input_audio_mtok: Price | None = None
    """Price per million uncached audio input tokens; omitted, audio input
    cannot be priced (it is never priced as text)."""
    input_image_mtok: Price | None = None
    """Price per million uncached image input tokens; omitted, image input
    cannot be priced."""
    input_video_mtok: Price | None = None
    """Price per million uncached video input tokens; omitted, video input
    cannot be priced."""
    output_audio_mtok: Price | None = None
    """Price per million generated audio tokens; omitted, audio output
    cannot be priced."""
    output_image_mtok: Price | None = None
    """Price per million generated image tokens; omitted, image output
    cannot be priced."""
    cache_read_audio_mtok: Price | None = None
    """Price per million audio input tokens read from the cache; omitted,
    cached audio cannot be priced (it is never priced as cached text)."""
    unpriced: list[Unpriced] = Field(default_factory=list)
    """Components that a variant, window or tier does not take from the
    rates it builds on, because its source does not state them: a request
    that uses one raises `NoPriceError` instead of paying the standard (or
    base) rate. ``["cache_read_mtok"]`` on a batch variant whose source gives
    only the batch input and output prices."""

    @model_validator(mode="after")
    def _unpriced(self) -> Self:
        for name in self.unpriced:
            if getattr(self, name) is not None:
                raise ValueError(f"{name} is both priced and listed as unpriced")
        if len(set(self.unpriced)) != len(self.unpriced):
            raise ValueError("a component is listed twice in 'unpriced'")
        return self


class TierSheet(RatesSheet):
    """A long-context tier: it prices the whole request once the prompt reaches
    ``min_input_tokens``. Components left out are those of the base rates."""

    min_input_tokens: int = Field(gt=0)
    """Prompt size, in tokens, from which the tier applies (inclusive)."""


class ScheduleSheet(RatesSheet):
    """Base rates and long-context tiers."""

    tiers: list[TierSheet] = Field(default_factory=list)
    """Long-context tiers, thresholds strictly ascending."""

    @field_validator("tiers")
    @classmethod
    def _ascending(cls, tiers: list[TierSheet]) -> list[TierSheet]:
        for before, after in itertools.pairwise(tiers):
            if after.min_input_tokens <= before.min_input_tokens:
                raise ValueError(
                    "tier thresholds must be strictly ascending, got "
                    f"{before.min_input_tokens} then {after.min_input_tokens}"
                )
        return tiers


class WindowSheet(ScheduleSheet):
    """Recurring hours, in UTC, with their own prices: unset components are
    those of the period's standard rates."""

    name: Name
    """What the window is called, e.g. ``off-peak``."""
    hours: list[str] = Field(min_length=1)
    """Spans of the UTC day, ``"16:30-00:30"``: start inclusive, end
    exclusive; a span whose end is before its start wraps past midnight."""
    days: list[str] = Field(default_factory=lambda: list(WEEKDAYS))
    """The UTC weekdays it applies on: ``mon`` ... ``sun``; default all."""

    @field_validator("hours")
    @classmethod
    def _hours(cls, hours: list[str]) -> list[str]:
        for text in hours:
            parse_span(text)
        return hours

    @field_validator("days")
    @classmethod
    def _days(cls, days: list[str]) -> list[str]:
        for day in days:
            if day not in WEEKDAYS:
                raise ValueError(
                    f"unknown weekday {day!r}: expected one of {', '.join(WEEKDAYS)}"
                )
        return days


class PeriodSheet(ScheduleSheet):
    """The prices in force from one day or moment until the next period
    starts."""

    start: Bound | None = Field(default=None, alias="from")
    """First day in force (from 00:00 UTC), or first moment in force, in
    UTC (``2025-09-05T16:00:00Z``); omit on the first period if unknown."""
    until: Bound | None = None
    """First day no longer in force (the period ends at its 00:00 UTC), or
    first moment no longer in force, in UTC (``2026-07-24T16:00:00Z``: in
    force until 15:59:59.999...); omit to run until the next period."""
    source: str = Field(min_length=1)
    """Where the price comes from: a URL or a document."""
    kind: Kind | None = None
    """What the source is: ``first-party`` (the provider's own page or
    API), ``aggregator`` (LiteLLM, genai-prices, llm-prices, OpenRouter's
    API) or ``secondary`` (a news report, another project's notes)."""
    checked: date | None = None
    """The day the source was read: for a page, the day of the capture (or
    dated copy) it was read from. Leave it out rather than guess."""
    note: str | None = None
    """Anything a reader of the price should know."""
    variants: dict[Name, ScheduleSheet] = Field(default_factory=dict)
    """Named alternatives (``batch``, ``flex``, ``priority``). A variant's
    unset components are those of the standard rates."""
    windows: list[WindowSheet] = Field(default_factory=list)
    """Times of day with their own prices, such as DeepSeek's off-peak
    hours; the first window a moment falls in wins."""
    agree: list[str] = Field(default_factory=list)
    """Sources whose figures for this period agree with it within 1%."""
    disputed: list[str] = Field(default_factory=list)
    """Components (``input``, ``output``...) on which sources differ by more
    than 1%; ``tokencost sources MODEL`` shows their figures."""

    @field_validator("start", "until", mode="before")
    @classmethod
    def _bound_text(cls, value: object) -> object:
        # JSON gives text: a day's ISO form is ten characters, a moment's
        # more, and neither is read as the other (a day is no midnight
        # without an offset).
        if isinstance(value, str):
            text = value.strip()
            try:
                if len(text) <= 10:
                    return date.fromisoformat(text)
                return datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(
                    f"cannot read {value!r}: expected a day such as 2025-09-05 "
                    "or a moment in UTC such as 2025-09-05T16:00:00Z"
                ) from None
        return value

    @field_validator("start", "until")
    @classmethod
    def _bound(cls, value: Bound | None, info: Any) -> Bound | None:
        field = "from" if info.field_name == "start" else "until"
        return None if value is None else check_bound(value, field)

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.unpriced:
            raise ValueError(
                "'unpriced' belongs to a variant, window or tier: the standard "
                "rates take nothing from other rates (omit what is not known)"
            )
        if (
            self.start is not None
            and self.until is not None
            and utc_moment(self.until) <= utc_moment(self.start)
        ):
            raise ValueError(
                f"'until' ({moment_text(utc_moment(self.until))}) must be after "
                f"'from' ({moment_text(utc_moment(self.start))})"
            )
        if "standard" in self.variants:
            raise ValueError("'standard' is the default schedule, not a variant")
        return self


class ModelSheet(_Strict):
    """One model at the provider."""

    id: Name
    """The model's id at this provider, as its API spells it."""
    name: str | None = None
    """A display name."""
    aliases: list[AliasName] = Field(default_factory=list)
    """Other names the model answers to."""
    currency: str | None = None
    """Overrides the sheet's currency for this model."""
    context_window: int | None = Field(default=None, gt=0)
    """The largest prompt plus output, in tokens."""
    periods: list[PeriodSheet] = Field(min_length=1)
    """Price history, oldest first."""

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str | None) -> str | None:
        return None if value is None else check_currency(value)

    @model_validator(mode="after")
    def _history(self) -> Self:
        for index, (before, after) in enumerate(
            itertools.pairwise(self.periods), start=1
        ):
            if after.start is None:
                raise ValueError(
                    f"period {index} has no 'from' date; only the first may omit it"
                )
            start = utc_moment(after.start)
            if before.start is not None and start <= utc_moment(before.start):
                raise ValueError(
                    f"periods overlap or are out of order: period {index} starts "
                    f"{moment_text(start)}, not after "
                    f"{moment_text(utc_moment(before.start))}"
                )
            if before.until is not None and utc_moment(before.until) > start:
                raise ValueError(
                    f"periods overlap: period {index - 1} runs until "
                    f"{moment_text(utc_moment(before.until))}, after period "
                    f"{index} starts at {moment_text(start)}"
                )
        return self


class ProviderSheet(_Strict):
    """A price sheet: one provider and its models."""

    provider: Name
    """The provider's id, used as the prefix in ``provider:model``."""
    name: str
    """The provider's display name."""
    currency: str
    """ISO 4217 code of the prices in this sheet."""
    first_party: bool = False
    """True for a model maker's own API; bare model names resolve only here."""
    home: bool = False
    """When first-party providers share a model name (Z.ai in USD and
    bigmodel.cn in CNY both sell ``glm-5.2``), the bare name resolves to the
    one marked home."""
    url: str | None = None
    """The provider's pricing page."""
    models: list[ModelSheet] = Field(default_factory=list)
    """The models, each with its price history."""

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        return check_currency(value)

    @field_validator("provider")
    @classmethod
    def _provider(cls, value: str) -> str:
        # Ids compare without regard to case (``ZAI:glm-5.2`` is
        # ``zai:glm-5.2``), so a user sheet overrides the bundled one
        # whatever case it writes.
        if ":" in value:
            raise ValueError(
                f"provider id {value!r} contains ':', which separates the "
                "provider from the model in 'provider:model'"
            )
        return value.lower()

    @model_validator(mode="after")
    def _unique(self) -> Self:
        seen: dict[str, str] = {}
        for model in self.models:
            for name in (model.id, *model.aliases):
                key = name.lower()
                if key in seen:
                    raise ValueError(
                        f"name {name!r} of model {model.id!r} is already used "
                        f"by model {seen[key]!r}"
                    )
                seen[key] = model.id
        return self

    def to_models(self) -> list[ModelPrice]:
        """The sheet as frozen value objects, built by `prices.build`."""
        from tokencost.prices.build import build_models

        return build_models(self.model_dump(by_alias=True))


def _where(error: Any) -> str:
    loc = ".".join(str(part) for part in error["loc"])
    return loc or "(top level)"


def _model_of(data: object, error: Any) -> str:
    """`` (model 'deepseek-chat')`` for an error inside a model that has an
    id, so a long sheet's error names the model as well as its index."""
    loc = error["loc"]
    if len(loc) < 2 or loc[0] != "models" or not isinstance(loc[1], int):
        return ""
    try:
        model_id = data["models"][loc[1]]["id"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return ""
    return f" (model {model_id!r})" if isinstance(model_id, str) else ""


def parse_sheet(data: object, origin: str = "<data>") -> ProviderSheet:
    """
    Validate *data* (a dict read from a file) as a provider sheet.

    Raises:
        InvalidPriceSheetError: naming *origin*, the field and the problem.
    """
    try:
        return ProviderSheet.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown field"
        raise InvalidPriceSheetError(
            f"{origin}: {_where(first)}: {message}{_model_of(data, first)}{more}"
        ) from exc


def read_sheet_data(path: Path, text: str | None = None) -> object:
    """Read a TOML or JSON file into plain data, Decimals for non-integers.

    The suffix is checked before anything is read; the file is read with a
    size cap, a leading byte-order mark is accepted, and text that is not
    UTF-8 or nested too deeply is one clear error naming the file.
    """
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise InvalidPriceSheetError(
            f"{path}: unknown sheet type {suffix!r}: expected .toml or .json"
        )
    if text is None:
        text = read_text_file(path, error=InvalidPriceSheetError)
    return parse_data(text, suffix, str(path), error=InvalidPriceSheetError)


def load_sheet(path: str | Path) -> ProviderSheet:
    """Read and validate one sheet file (TOML or JSON)."""
    path = Path(path)
    return parse_sheet(read_sheet_data(path), str(path))


def sheet_json_schema() -> dict[str, Any]:
    """The JSON Schema of a price sheet, for editors and other tools."""
    schema = ProviderSheet.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "tokencost price sheet"
    return schema
