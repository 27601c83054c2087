"""Where the site stage keeps what it reuses between builds, and which of its folders it removes.

Compiled templates (`theme.CompiledTemplates`), Markdown conversions and the
pieces of feeds and `stories.json` (`render`) are a function of the stage's
code (`READS`), so they live in one folder filed under the digest of that
code: other code never reads them, and a change of code starts an empty folder.
Beside it, each output folder built with this cache has a folder of its own
for the manifest of what was published there (`manifest_store`).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from newsdigest.cache_store import Store, code_digest, digest

SITE_CODE = Path(__file__).resolve().parent
READS = (SITE_CODE, *(SITE_CODE.parent / f"{name}.py" for name in (
    "cache_store", "config", "dist_versions", "errors", "front_matter", "model", "publish", "search_binary",
    "slugs", "workers")))
"""Every module the site stage's output is a function of: its own, and those outside `site/` it imports
(`model.iso_text` decides how a time is written, `slugs` names folders…), so that a change to any of them
starts an empty store and a new site key. A test checks the list against the stage's imports."""

_FOLDER = re.compile(r"[0-9a-f]{16}")
"""How the stage names its folders in `<cache>/site/` (a digest's first 16 hex digits): nothing else is removed."""
_OUTPUT = digest("the output folder of this manifest")


def code_store(cache_dir: Path, *below: str) -> Store:
    """The store of the site stage's code in `cache_dir` (or the folder `below` it)."""
    return Store(cache_dir.joinpath("site", _code_folder(), *below))


def _code_folder() -> str:
    return code_digest(*READS)[:16]


def manifest_store(cache_dir: Path, published: Path) -> Store:
    """Where the manifest of the site published at `published` is kept: a folder for each output folder, which
    also records that folder's path, so that `prune` keeps it exactly as long as the output folder exists."""
    output = str(published.resolve())
    store = Store(cache_dir / "site" / digest(output)[:16])
    if store.get(_OUTPUT, lambda value: value == output) is None:
        store.put(_OUTPUT, output)
    return store


def prune(cache_dir: Path, manifests: Store) -> None:
    """Remove the site stage's folders that no build reads again: those of earlier code (every change of the
    stage's code starts a new one, and an old one is never read again) and the manifests of output folders that
    no longer exist. The manifests of other output folders that exist are kept: two outputs may share a cache
    (a folder to deploy and the preview server's), and each reuses its files only by its own manifest.

    Only folders this module names (`_FOLDER`) are looked at, real folders and not links, so whatever else is
    under `<cache>/site/` stays. `manifests` is this build's, kept whatever it records."""
    keep = {_code_folder(), manifests.folder.name if manifests.folder is not None else ""}
    try:
        with os.scandir(cache_dir / "site") as entries:
            stale = [Path(entry.path) for entry in entries
                     if entry.name not in keep and _FOLDER.fullmatch(entry.name)
                     and entry.is_dir(follow_symlinks=False) and not _for_an_output(Path(entry.path))]
    except OSError:
        return
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)


def _for_an_output(folder: Path) -> bool:
    """Whether `folder` holds the manifest of an output folder that still exists."""
    output = Store(folder).get(_OUTPUT, lambda value: isinstance(value, str) and digest(value)[:16] == folder.name)
    return output is not None and Path(output).is_dir()
