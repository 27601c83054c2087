"""Names to URL path segments: outlets and tags get pages, so they need stable slugs.

Slugs come from the name alone (never from its position in a list), so an
outlet's page keeps its address as stories come and go. Two names that fold to
the same slug (`BBC News` and `bbc-news`) share one page; a name with no Latin
letters falls back to a short hash so it still gets an address.
"""

from __future__ import annotations

import hashlib
import re

from newsdigest.slugs import slugify

_SAFE_SEGMENT = re.compile(r"^[\w][\w.-]*$", re.UNICODE)


def page_slug(name: str) -> str:
    """The page segment of an outlet or tag name; a name with no Latin letters gets a short hash."""
    return slugify(name, 80) or "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def check_segment(value: str, what: str) -> str:
    """A slug or id from upstream becomes a folder name: refuse anything that could escape."""
    if not value or not _SAFE_SEGMENT.match(value) or ".." in value:
        raise ValueError(f"{what} {value!r} cannot be used in a URL path")
    return value
