"""Where the site stage keeps between builds what its own code computes.

Compiled templates (`theme.CompiledTemplates`), Markdown conversions and the
pieces of feeds and `stories.json` (`render`) are a function of the stage's
code (`READS`), so they live in one folder filed under the digest of that
code: other code never reads them, and a change of code starts an empty folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from newsdigest.cache_store import Store, code_digest

SITE_CODE = Path(__file__).resolve().parent
READS = (SITE_CODE, *(SITE_CODE.parent / f"{name}.py" for name in (
    "cache_store", "config", "errors", "front_matter", "model", "publish", "search_binary", "slugs")))
"""Every module the site stage's output is a function of: its own, and those outside `site/` it imports
(`model.iso_text` decides how a time is written, `slugs` names folders…), so that a change to any of them
starts an empty store and a new site key. A test checks the list against the stage's imports."""


def code_store(cache_dir: Path, *below: str) -> Store:
    """The store of the site stage's code in `cache_dir` (or the folder `below` it)."""
    return Store(cache_dir.joinpath("site", _code_folder(), *below))


def _code_folder() -> str:
    return code_digest(*READS)[:16]


def prune(cache_dir: Path, manifests: Store) -> None:
    """Remove the site stage's folders that this build did not use: those of earlier code (every change of the
    stage's code starts a new one) and the manifests of output folders other than `manifests`' (the published
    site's). Only a full render over a published site calls it, so what it keeps is what the next build reads;
    what it removes could only cost that folder's build time, never change a file."""
    top = cache_dir / "site"
    keep = {_code_folder(), manifests.folder.name if manifests.folder is not None else ""}
    try:
        stale = [entry for entry in top.iterdir() if entry.name not in keep and entry.is_dir()]
    except OSError:
        return
    for entry in stale:
        shutil.rmtree(entry, ignore_errors=True)
