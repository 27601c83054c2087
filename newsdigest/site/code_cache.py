"""Where the site stage keeps between builds what its own code computes.

Compiled templates (`theme.CompiledTemplates`), Markdown conversions and the
pieces of feeds and `stories.json` (`render`) are a function of the stage's
code, so they live in one folder filed under the digest of that code: other
code never reads them, and a change of code starts an empty folder.
"""

from __future__ import annotations

from pathlib import Path

from newsdigest.cache_store import Store, code_digest

SITE_CODE = Path(__file__).resolve().parent


def code_store(cache_dir: Path, *below: str) -> Store:
    """The store of the site stage's code in `cache_dir` (or the folder `below` it)."""
    return Store(cache_dir.joinpath("site", code_digest(SITE_CODE)[:16], *below))
