"""
What every importer shares: provider ids, per-token to per-million
conversion, and the sheets being built.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Context, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, get_args

from tokencost._errors import InvalidPriceSheetError, TokencostError
from tokencost._files import read_text_file

if TYPE_CHECKING:
    from tokencost.prices.sheets import ProviderSheet

__all__ = ["litellm_provider_id"]


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./@:+-]*$")
# Ten significant digits undo binary-float noise (2.7500000000000004e-06)
# without touching any real price.
_TEN = Context(prec=10)
_MILLION = Decimal(1_000_000)

#: LiteLLM provider names that become one tokencost provider id.
LITELLM_PROVIDERS: dict[str, str] = {
    "amazon_nova": "amazon",
    "azure_text": "azure",
    "bedrock_converse": "bedrock",
    "codestral": "mistral",
    "cohere_chat": "cohere",
    "dashscope": "alibaba",
    "fireworks_ai": "fireworks",
    "gemini": "google",
    "meta_llama": "meta",
    "text-completion-codestral": "mistral",
    "text-completion-openai": "openai",
    "together_ai": "together",
    "vertex_ai": "vertex",
}

#: genai-prices provider ids that become another tokencost provider id.
GENAI_PROVIDERS: dict[str, str] = {
    "aws": "bedrock",
    "moonshotai": "moonshot",
    "x-ai": "xai",
}

#: llm-prices vendor names that become another tokencost provider id.
LLM_PRICES_VENDORS: dict[str, str] = {
    "meta-ai": "meta",
    "moonshot-ai": "moonshot",
    "qwen": "alibaba",
}

#: Providers that are a model maker's own API (bare names resolve there).
FIRST_PARTY: frozenset[str] = frozenset(
    {
        "ai21",
        "alibaba",
        "amazon",
        "anthropic",
        "cohere",
        "deepseek",
        "google",
        "meta",
        "minimax",
        "mistral",
        "moonshot",
        "openai",
        "xai",
        "zai",
    }
)

_LITELLM_MODES = frozenset({"chat", "completion", "responses"})
_LITELLM_VARIANTS = {"batches": "batch", "flex": "flex", "priority": "priority"}
_LITELLM_RATES = {
    "input_cost_per_token": "input_mtok",
    "output_cost_per_token": "output_mtok",
    "cache_read_input_token_cost": "cache_read_mtok",
    "cache_creation_input_token_cost": "cache_write_mtok",
    "cache_creation_input_token_cost_above_1hr": "cache_write_1h_mtok",
    "output_cost_per_reasoning_token": "reasoning_mtok",
    "input_cost_per_audio_token": "input_audio_mtok",
    "input_cost_per_image_token": "input_image_mtok",
    "input_cost_per_video_token": "input_video_mtok",
    "output_cost_per_audio_token": "output_audio_mtok",
    "output_cost_per_image_token": "output_image_mtok",
    "cache_read_input_audio_token_cost": "cache_read_audio_mtok",
}
_LITELLM_KEY = re.compile(
    r"^(?P<base>input_cost_per_token|output_cost_per_token|cache_read_input_token_cost"
    r"|cache_creation_input_token_cost(?:_above_1hr)?|output_cost_per_reasoning_token"
    r"|input_cost_per_(?:audio|image|video)_token|output_cost_per_(?:audio|image)_token"
    r"|cache_read_input_audio_token_cost)"
    r"(?:_above_(?P<k>\d+)k_tokens)?(?:_(?P<variant>batches|flex|priority))?$"
)
_GENAI_RATES = (
    "input_mtok",
    "output_mtok",
    "cache_read_mtok",
    "cache_write_mtok",
    "cache_write_1h_mtok",
    "output_reasoning_mtok",
    "input_audio_mtok",
    "input_image_mtok",
    "input_video_mtok",
    "output_audio_mtok",
    "output_image_mtok",
    "cache_audio_read_mtok",
)


def litellm_provider_id(name: str) -> str:
    """The tokencost provider id for a LiteLLM ``litellm_provider`` value."""
    if name.startswith("vertex_ai"):
        return "vertex"
    return LITELLM_PROVIDERS.get(name, name).replace("_", "-").lower()


def _mtok(per_token: object) -> Decimal | None:
    """A per-token price as a price per million tokens, or None."""
    if isinstance(per_token, bool) or not isinstance(per_token, int | float | str):
        return None
    value = _TEN.multiply(_number(per_token), _MILLION)
    return _clean(value)


class BadFigureError(ValueError):
    """An upstream figure that is no usable number; `malformed_upstream` adds
    the file to its message."""


def _number(value: object) -> Decimal:
    """An upstream price as a finite Decimal of a sane size, else `BadFigureError`
    naming it."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    if not number.is_finite():
        raise BadFigureError(f"price {value!r} is not a finite number")
    if number.adjusted() > 12:
        raise BadFigureError(f"price {value!r} is out of range")
    return number


_P = ParamSpec("_P")
_R = TypeVar("_R")


def malformed_upstream(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """
    An importer whose file is not shaped as its format is (a price that is no
    number, a key missing) raises one `InvalidPriceSheetError` naming the
    file, never the `KeyError` or `decimal` signal it met.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return func(*args, **kwargs)
        except TokencostError:
            raise
        except (ArithmeticError, AttributeError, KeyError, IndexError, TypeError,
                ValueError) as exc:  # fmt: skip
            files = ", ".join(str(a) for a in args if isinstance(a, str | Path))
            reason = (
                str(exc)
                if isinstance(exc, BadFigureError)
                else f"not shaped as the format is ({type(exc).__name__}: {exc})"
            )
            raise InvalidPriceSheetError(f"{files}: {reason}") from None

    return wrapper


def _clean(value: Decimal) -> Decimal:
    value = _TEN.plus(value).normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral() else value


def _read_json(path: str | Path) -> Any:
    path = Path(path)
    text = read_text_file(path, error=InvalidPriceSheetError)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidPriceSheetError(f"{path}: not valid JSON: {exc}") from exc
    except (RecursionError, ValueError) as exc:
        raise InvalidPriceSheetError(f"{path}: not readable JSON: {exc}") from None


def _sheets(
    providers: Mapping[str, dict[str, Any]], origin: str
) -> list[ProviderSheet]:
    # pydantic is imported only when data is imported, to keep import light.
    from tokencost.prices.sheets import parse_sheet

    out = []
    for pid in sorted(providers):
        data = providers[pid]
        data.pop("_names", None)
        data["models"] = sorted(data["models"].values(), key=lambda m: m["id"].lower())
        if data["models"]:
            out.append(parse_sheet(data, f"{origin} ({pid})"))
    return out


def _provider(
    pid: str, name: str | None = None, url: str | None = None
) -> dict[str, Any]:
    sheet: dict[str, Any] = {
        "provider": pid,
        "name": name or pid,
        "currency": "USD",
        "first_party": pid in FIRST_PARTY,
        "models": {},
    }
    if url:
        sheet["url"] = url
    return sheet


def provenance(cite: str, day: date | None) -> dict[str, Any]:
    """An imported period's source, its kind (aggregator) and, if known, the
    day it was read."""
    out: dict[str, Any] = {"source": cite, "kind": "aggregator"}
    if day is not None:
        out["checked"] = day
    return out


def skip(skipped: Counter[str] | None, reason: str) -> None:
    """Count one upstream entry left out, and why, when the caller asked."""
    if skipped is not None:
        skipped[reason] += 1


def _add(
    sheet: dict[str, Any], model: dict[str, Any], skipped: Counter[str] | None = None
) -> None:
    """Add *model* unless its name is taken; drop aliases already taken.

    An id with a leading ``@`` (Cloudflare's ``@cf/meta/...``) is kept under
    the id without it, the original becoming an alias. Whatever is left out
    is counted in *skipped*.
    """
    taken: set[str] = sheet.setdefault("_names", set())
    if model["id"].startswith("@"):
        original = model["id"]
        model["id"] = original[1:]
        model["aliases"] = [original, *model.get("aliases", ())]
    key = model["id"].lower()
    if not _NAME.match(model["id"]):
        skip(skipped, "a name tokencost cannot use")
        return
    if key in taken:
        skip(skipped, "a name already taken at the same provider")
        return
    taken.add(key)
    aliases = []
    for alias in model.pop("aliases", ()):
        if alias.lower() not in taken:
            taken.add(alias.lower())
            aliases.append(alias)
    if aliases:
        model["aliases"] = aliases
    sheet["models"][key] = model


def plain_reasoning(schedule: dict[str, Any]) -> None:
    """Drop a reasoning price equal to the output price, in *schedule* and
    its tiers: it says no more than "reasoning costs the output price", and
    kept, a variant that halves the output price would inherit it whole."""
    for rates in (schedule, *schedule.get("tiers", ())):
        if (
            "reasoning_mtok" in rates
            and rates.get("output_mtok") == rates["reasoning_mtok"]
        ):
            del rates["reasoning_mtok"]


def as_stated(
    standard: Mapping[str, Any],
    schedule: dict[str, Any],
    skipped: Counter[str] | None = None,
) -> dict[str, Any] | None:
    """
    *schedule*, a variant of *standard*, priced only as its source
    states it: every price of the standard it does not give is listed as
    ``unpriced``, so a request that needs one raises `NoPriceError` instead
    of paying the standard rate (a batch variant that gives only the batch
    input and output prices does not say what cache reads cost in batch),
    and when the standard has long-context tiers and *schedule* has none,
    a tier at the standard's first threshold leaves everything unpriced.

    None, counted in *skipped*, when it cannot be so stated: the standard
    has a reasoning price of its own and *schedule* none (an absent
    reasoning price means the output price, so it cannot be left unpriced),
    or *schedule* has some of the standard's long-context tiers and not all.
    """
    from tokencost.prices.sheets import Unpriced

    unpriceable: tuple[str, ...] = get_args(Unpriced)
    plain_reasoning(schedule)
    if "reasoning_mtok" in standard and "reasoning_mtok" not in schedule:
        skip(skipped, "a variant without the reasoning price its standard has")
        return None
    missing = [f for f in unpriceable if f in standard and f not in schedule]
    if missing:
        schedule["unpriced"] = missing
    thresholds = [tier["min_input_tokens"] for tier in standard.get("tiers", ())]
    own = {tier["min_input_tokens"] for tier in schedule.get("tiers", ())}
    if thresholds and not own:
        known = [f for f in unpriceable if f in standard or f in schedule]
        schedule["tiers"] = [{"min_input_tokens": thresholds[0], "unpriced": known}]
    elif not own.issuperset(thresholds):
        # Some of the standard's tiers and not others: which band the
        # variant's own prices cover is not said.
        skip(skipped, "a variant without every long-context tier its standard has")
        return None
    return schedule
