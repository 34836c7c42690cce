"""``python -m tokencost``: the same as the ``tokencost`` command."""

from tokencost._cli import run

run()
