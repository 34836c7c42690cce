"""The ``tokencost`` command: `main` parses, runs and maps errors to exits."""

from tokencost.cli.main import main

__all__ = ["main"]
