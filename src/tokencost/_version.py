"""
What is installed: the version, the distribution's name, and a clash.

The distribution is ``tokencost-exact``; the package it installs is
``tokencost``. AgentOps' unrelated ``tokencost`` distribution installs a
package of the same name, so the two overwrite each other's files when put
in one environment. `foreign_package_line` finds that case from files of
the other distribution inside this package's folder: one ``stat`` per file
name, cheap enough to run at import.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"

#: The name to install this library by: ``pip install tokencost-exact``.
DISTRIBUTION = "tokencost-exact"

# Files that AgentOps' `tokencost` distribution puts in the `tokencost`
# folder and this one never has (`tokencost/__init__.py` checks the same two
# before it imports this module).
_FOREIGN_FILES = ("costs.py", "model_prices.json")


def install_hint(extra: str | None = None) -> str:
    """
    The command that installs this library, with *extra* if given.

    >>> install_hint("plot")
    "pip install 'tokencost-exact[plot]'"
    """
    if extra is None:
        return f"pip install {DISTRIBUTION}"
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def foreign_package_line(folder: str | None = None) -> str | None:
    """
    One line saying that AgentOps' ``tokencost`` distribution shares this
    package's folder (*folder*, by default the installed one), or None.
    """
    folder = folder or os.path.dirname(__file__)
    found = [
        name for name in _FOREIGN_FILES if os.path.exists(os.path.join(folder, name))
    ]
    if not found:
        return None
    return (
        f"AgentOps' 'tokencost' distribution is installed over the same "
        f"'tokencost' package folder ({', '.join(found)} in {folder}); the two "
        f"cannot share an environment: pip uninstall -y tokencost "
        f"{DISTRIBUTION} && {install_hint()}"
    )


def warn_if_shared() -> None:
    """Warn, in one line, when AgentOps' ``tokencost`` shares this folder."""
    line = foreign_package_line()
    if line is not None:
        import warnings

        # 4: the caller of `import tokencost`, past the import machinery.
        warnings.warn(line, RuntimeWarning, stacklevel=4)
