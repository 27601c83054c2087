"""Which Pagefind a build would run: asked before any stage is imported.

The up-to-date check counts the search indexer among a build's inputs (a site
built without one must be built again once it is installed), and it must not
import the site stage to ask: that import is most of the cost of a build that
finds nothing to do.
"""

from __future__ import annotations

import importlib
import importlib.util
import shutil
import sys
from pathlib import Path


def pagefind_command() -> list[str] | None:
    """The binary of the Python package (`pagefind[extended]`) when installed, else a `pagefind` on PATH.

    The package's binary is run directly, not through `python -m pagefind`:
    that launcher costs a Python start (a few tenths of a second) on every build.
    """
    for name in ("pagefind_bin_extended", "pagefind_bin"):
        if importlib.util.find_spec(name) is not None:
            try:
                binary = importlib.import_module(name).get_executable()
            except Exception:  # noqa: BLE001 - a broken wheel: try the next way
                continue
            if binary is not None and Path(binary).is_file():
                return [str(binary)]
    if importlib.util.find_spec("pagefind") is not None:
        return [sys.executable, "-m", "pagefind"]
    binary = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return [binary] if binary else None
