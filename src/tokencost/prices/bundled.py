"""
Reading the bundled price sheets fast, without pydantic.

The sheets shipped inside the package are validated by the test suite
(``tests/prices/test_bundled.py`` checks every one with the pydantic models of
`tokencost.prices.sheets` and that this reader builds exactly the same values), so
the first cost of a process need not import pydantic, which takes longer than
everything else tokencost does on its first call. User sheets always go
through the validating reader.

The values are built by `tokencost.prices.build`, the one builder that
validated user sheets go through too.
"""

from __future__ import annotations

import os
import tomllib
from decimal import Decimal

from tokencost.prices.build import build_models
from tokencost.prices.model import ModelPrice

__all__ = ["data_path", "read_bundled", "read_sheet"]


def data_path(*parts: str) -> str:
    """
    The path of a file in the bundled data folder, ``prices/data/``.

    The one way to find bundled data. A plain path next to this module:
    importlib.resources would cost more to import (zipfile, tempfile...) than
    reading the sheets a cost needs, and tokencost is never imported from a
    zip.
    """
    return os.path.join(os.path.dirname(__file__), "data", *parts)


def read_sheet(text: str) -> list[ModelPrice]:
    """The models of one bundled sheet, given its TOML text."""
    return build_models(tomllib.loads(text, parse_float=Decimal))


def read_bundled() -> list[ModelPrice]:
    """Every model of every bundled sheet, files in name order."""
    folder = data_path("providers")
    models: list[ModelPrice] = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), encoding="utf-8") as sheet:
                models.extend(read_sheet(sheet.read()))
    return models
