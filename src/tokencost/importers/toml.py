"""
Writing a price sheet as TOML, the format of the bundled catalog.

The standard library reads TOML but does not write it; a sheet is a small,
fixed shape, so a short writer keeps tokencost free of another dependency.
Output is stable: the same sheet always gives the same text, key by key in
the order a reader expects (dates and source before prices).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tokencost.prices.moments import moment_iso

if TYPE_CHECKING:
    from tokencost.prices.sheets import ProviderSheet

__all__ = ["sheet_to_toml"]

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")
_ORDER = {
    key: index
    for index, key in enumerate(
        (
            "provider",
            "id",
            "name",
            "aliases",
            "currency",
            "first_party",
            "home",
            "url",
            "context_window",
            "from",
            "until",
            "source",
            "kind",
            "checked",
            "note",
            "agree",
            "disputed",
            "min_input_tokens",
            "hours",
            "days",
            "input_mtok",
            "input_audio_mtok",
            "input_image_mtok",
            "input_video_mtok",
            "cache_read_mtok",
            "cache_read_audio_mtok",
            "cache_write_mtok",
            "cache_write_1h_mtok",
            "output_mtok",
            "output_audio_mtok",
            "output_image_mtok",
            "reasoning_mtok",
            "request",
            "unpriced",
        )
    )
}


def _key(name: str) -> str:
    return name if _BARE.match(name) else json.dumps(name)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:_}" if value >= 10_000 else str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        # A moment as the sheets write it: in UTC, with Z.
        return moment_iso(value) if value.tzinfo is not None else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], Mapping)


def _table(path: str, data: Mapping[str, Any], lines: list[str]) -> None:
    scalars = sorted(
        (
            k
            for k, v in data.items()
            if not isinstance(v, Mapping) and not _is_table_list(v)
        ),
        key=lambda k: (_ORDER.get(k, len(_ORDER)), k),
    )
    for key in scalars:
        lines.append(f"{_key(key)} = {_value(data[key])}")
    for key, value in data.items():
        sub = f"{path}.{_key(key)}" if path else _key(key)
        if _is_table_list(value):
            for item in value:
                lines.extend(("", f"[[{sub}]]"))
                _table(sub, item, lines)
        elif isinstance(value, Mapping):
            for name, item in value.items():
                lines.extend(("", f"[{sub}.{_key(name)}]"))
                _table(f"{sub}.{_key(name)}", item, lines)


def sheet_to_toml(sheet: ProviderSheet, *, header: str | None = None) -> str:
    """
    The TOML text of *sheet*, which `load_sheet` reads back unchanged.

    Args:
        header: A comment for the top of the file (each line gets ``# ``).
    """
    data = sheet.model_dump(by_alias=True, exclude_defaults=True)
    # Defaults that say something are kept where a reader looks for them.
    data["first_party"] = sheet.first_party
    lines = [f"# {line}".rstrip() for line in (header or "").splitlines()]
    _table("", data, lines)
    return "\n".join(lines).lstrip("\n") + "\n"
