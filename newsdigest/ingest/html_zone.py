"""The time zone a page's readers live in, for publication times the page states only in UTC.

Many publishing tools write `article:published_time` in UTC ("…T23:11:59Z").
The day an article appeared is the day in its own country: 23:11 UTC on the
31st is already the 1st in Berlin, and 00:44 UTC on the 4th still the 3rd in
São Paulo. The country comes from the page's language tag ("pt-BR",
`og:locale` "de_DE") or its host's country-code domain (`.de`, `.com.ar`); a
country with several zones is read in the zone most of its territory shares
(CLDR's metazones: Brasília time for Brazil).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsdigest.ingest.html_meta import PageMeta

__all__ = ["page_zone"]

_REGION = re.compile(r"^[a-z]{2,3}[-_]([A-Za-z]{2})\b")
_NOT_COUNTRIES = frozenset({"eu", "io", "tv", "me", "co", "fm", "ai", "ly", "to", "cc", "ws", "nu", "tk", "su"})
"""Country-code domains used worldwide for their spelling (`.io`, `.tv`, `.me`) say nothing of the readers;
`.uk` is written `GB` in the zone data."""


def page_zone(page: PageMeta, host: str | None) -> tzinfo | None:
    """The zone of the page's country, when its language tag or domain says which country that is."""
    for tag in (page.lang, page.meta.get("og:locale")):
        match = _REGION.match((tag or "").strip())
        if match and _speaks(match.group(1).upper(), tag.strip()[:match.start(1) - 1].lower()):
            return _country_zone(match.group(1).upper())
    if host:
        suffix = host.rsplit(".", 1)[-1].lower()
        if len(suffix) == 2 and suffix.isalpha() and suffix not in _NOT_COUNTRIES:
            return _country_zone("GB" if suffix == "uk" else suffix.upper())
    return None


def _speaks(country: str, language: str) -> bool:
    """Whether a language tag's region is a country that speaks its language ("es_LA" means Latin America, not Laos)."""
    from babel.core import get_global

    return language in get_global("territory_languages").get(country, {})


@lru_cache(maxsize=256)
def _country_zone(country: str) -> tzinfo | None:
    from babel.core import get_global

    zones = get_global("territory_zones").get(country) or []
    if not zones:
        return None
    metazones = get_global("meta_zones")
    shared = Counter(metazones.get(zone, zone) for zone in zones)
    common = shared.most_common(1)[0][0]
    zone = next(z for z in zones if metazones.get(z, z) == common)
    try:
        return ZoneInfo(zone)
    except ZoneInfoNotFoundError:
        return None
