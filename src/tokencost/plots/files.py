"""
Writing a picture: to the file named, in the format its suffix names, or
one clear error (a suffix that names no picture, a folder that does not
exist), checked before anything is drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tokencost._errors import InvalidInputError

__all__ = ["SUFFIXES", "picture_path", "save_figure"]

#: The suffixes a picture may have, each naming its format.
SUFFIXES = (".png", ".svg", ".pdf")


def picture_path(path: str | Path) -> Path:
    """
    *path* as the file a picture is written to, or an error naming it: its
    suffix must name a format (matplotlib would otherwise add ``.png`` and
    write another file than the one asked for) and its folder must exist.
    """
    target = Path(path)
    if target.suffix.lower() not in SUFFIXES or target.is_dir():
        raise InvalidInputError(
            f"cannot draw to {str(path)!r}: name a .png, .svg or .pdf file"
        )
    if not target.parent.is_dir():
        raise InvalidInputError(
            f"cannot draw to {str(path)!r}: No such file or directory "
            f"({str(target.parent)!r})"
        )
    return target


def save_figure(figure: Any, path: str | Path) -> Path:
    """Write the matplotlib *figure* to *path* (see `picture_path`)."""
    target = picture_path(path)
    try:
        figure.savefig(target, dpi=120, format=target.suffix[1:].lower())
    except OSError as exc:
        raise InvalidInputError(
            f"cannot draw to {str(path)!r}: {exc.strerror or exc}"
        ) from None
    return target
