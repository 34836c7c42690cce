"""The examples in the docstrings of the installed package run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import tokencost

MODULES = sorted(
    name
    for _, name, _ in pkgutil.iter_modules(tokencost.__path__, "tokencost.")
    if name != "tokencost.__main__"
)


@pytest.mark.parametrize("name", ["tokencost", *MODULES])
def test_docstring_examples(name: str) -> None:
    """Every example in the module's docstrings gives the output shown."""
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failed == 0
