"""
``python -m tokencost``, and the ``tokencost`` command's entry point.

The command line's modules load inside `main`, so Ctrl-C while they load
(a few tens of milliseconds on a cold start) ends with "interrupted" and
exit status 130, as it does once the command runs, not with a traceback.
"""

import sys

__all__ = ["main"]


def main() -> int:
    """Run the ``tokencost`` command on ``sys.argv``; return its exit status."""
    try:
        from tokencost.cli.main import main as command
    except KeyboardInterrupt:
        print("tokencost: interrupted", file=sys.stderr)
        return 130
    return command()


if __name__ == "__main__":
    sys.exit(main())
