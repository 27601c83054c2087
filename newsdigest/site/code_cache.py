"""Where the site stage keeps between builds what its own code computes.

Compiled templates (`theme.CompiledTemplates`), Markdown conversions and the
pieces of feeds and `stories.json` (`render`) are a function of the stage's
code (`READS`), so they live in one folder filed under the digest of that
code: other code never reads them, and a change of code starts an empty folder.
"""

from __future__ import annotations

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
    return Store(cache_dir.joinpath("site", code_digest(*READS)[:16], *below))
