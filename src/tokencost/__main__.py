"""``python -m tokencost``: the same as the ``tokencost`` command."""

from tokencost.cli.main import run

run()
