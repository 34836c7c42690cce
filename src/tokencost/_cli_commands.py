"""The pricing subcommands: models, price, cost, compare, schema."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(sub: Any, parent: argparse.ArgumentParser) -> None:
    """Add the pricing subcommands to *sub*."""
