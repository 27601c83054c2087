"""Names to URL-safe slugs: one rule for post ids, story addresses and outlet and tag pages.

A slug is the name's Latin letters and digits, folded to ASCII and lower case,
its words joined by hyphens. Each caller knows what a name without such letters
should become (a post is "post", a story "story", an outlet page a short hash),
so `slugify` returns "" for those and leaves the choice to them.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")


def slugify(text: str, limit: int | None = None) -> str:
    """ASCII, lower case, words joined by hyphens; cut at a word boundary within `limit` characters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = ""
    for word in _WORD.findall(folded):
        candidate = f"{slug}-{word}" if slug else word
        if limit is not None and len(candidate) > limit:
            break
        slug = candidate
    if not slug and limit is not None and (first := _WORD.search(folded)):
        return first.group()[:limit]  # one word longer than the limit: its head
    return slug
