"""The search index: Pagefind, run over the finished pages in the staging folder.

Pagefind reads the built HTML, so it runs last. Only the parts of story and
post pages marked `data-pagefind-body` are indexed. Search is an extra: when
the binary is missing or fails, the build warns and the site is published
without an index (the search page says so), rather than failing the build.
"""

from __future__ import annotations

import importlib
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


def build_search_index(site_dir: Path) -> bool:
    """Index `site_dir` in place; True when `pagefind/` was written."""
    indexing = start_search_index(site_dir)
    return indexing is not None and indexing.finish()


class Indexing:
    """Pagefind at work on a folder whose pages are all written, while the build writes its other files.

    Pagefind reads only `.html` files, so feeds and data files may still be
    written beside them meanwhile: the indexer uses one core while the build
    uses the other.
    """

    def __init__(self, index_dir: Path, process: subprocess.Popen[str]) -> None:
        self.index_dir = index_dir
        self._process = process

    def finish(self) -> bool:
        """Wait for the indexer; True when `pagefind/` was written (a failure is a warning, not an error)."""
        try:
            stdout, stderr = self._process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            self._process.kill()
            self._process.communicate()
            log.warning("pagefind could not run (%s): the site is built without a search index", exc)
            return False
        if self._process.returncode != 0 or not (self.index_dir / "pagefind-ui.js").is_file():
            log.warning("pagefind failed (exit %s): %s", self._process.returncode, (stderr or stdout).strip()[-500:])
            return False
        return True

    def stop(self) -> None:
        """End the indexer if it is still running (nothing when it has finished)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()


def start_search_index(site_dir: Path, index_dir: Path | None = None) -> Indexing | None:
    """Start indexing `site_dir` (every page must be written already) into its `pagefind/`, or into `index_dir`;
    None, with a warning, when it cannot start."""
    command = pagefind_command()
    if command is None:
        log.warning("pagefind is not installed: the site is built without a search index")
        return None
    try:
        process = subprocess.Popen(
            [*command, "--site", str(site_dir),
             *(["--output-path", str(index_dir)] if index_dir is not None else ["--output-subdir", SEARCH_FOLDER])],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
    except OSError as exc:
        log.warning("pagefind could not run (%s): the site is built without a search index", exc)
        return None
    return Indexing(index_dir if index_dir is not None else site_dir / SEARCH_FOLDER, process)
