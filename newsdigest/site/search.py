"""The search index: Pagefind, run over the finished pages in the staging folder.

Pagefind reads the built HTML, so it runs last. Only the parts of story and
post pages marked `data-pagefind-body` are indexed. Search is an extra: when
the binary is missing or fails, the build warns and the site is published
without an index (the search page says so), rather than failing the build.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 300
SEARCH_FOLDER = "pagefind"
"""The index's folder in the site."""


def pagefind_command() -> list[str] | None:
    """The Python package's launcher when installed (`pagefind[extended]`), else a `pagefind` on PATH."""
    if importlib.util.find_spec("pagefind") is not None:
        return [sys.executable, "-m", "pagefind"]
    binary = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return [binary] if binary else None


def build_search_index(site_dir: Path) -> bool:
    """Index `site_dir` in place; True when `pagefind/` was written."""
    command = pagefind_command()
    if command is None:
        log.warning("pagefind is not installed: the site is built without a search index")
        return False
    try:
        result = subprocess.run(
            [*command, "--site", str(site_dir), "--output-subdir", SEARCH_FOLDER],
            capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("pagefind could not run (%s): the site is built without a search index", exc)
        return False
    if result.returncode != 0 or not (site_dir / SEARCH_FOLDER / "pagefind-ui.js").is_file():
        log.warning("pagefind failed (exit %s): %s", result.returncode, (result.stderr or result.stdout).strip()[-500:])
        return False
    return True
