"""The metadata of a saved HTML page: headline, authors, dates, outlet, address, tags, language.

`html_meta` collects what a page states about itself (JSON-LD, OpenGraph and
meta tags, `<h1>`, `<time>`, bylines); this module decides between those
candidates, the page's own statements first, then htmldate's reading of the
markup, then the visible page. `html_source` extracts the body and asks here
for the rest.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from datetime import timezone as dt_timezone
from typing import Any

from newsdigest.ingest.dates import parse_date
from newsdigest.ingest.decode import normalize
from newsdigest.ingest.html_authors import choose_authors
from newsdigest.ingest.html_meta import PageMeta
from newsdigest.ingest.html_site import site_of
from newsdigest.ingest.html_title import choose_headline
from newsdigest.ingest.html_zone import page_zone
from newsdigest.model import is_day_only
from newsdigest.ingest.outlets import clean_site_name, domain_of

__all__ = ["headline", "described"]


def described(page: PageMeta, html: str, timezone: tzinfo | None, body: str = "") -> dict[str, Any]:
    """Every `Article` field but the body and headline, as the page states them."""
    url = _url(page)
    return {
        "authors": _authors(page, url, body),
        "published": _published(page, timezone, html),
        "updated": _updated(page, timezone),
        "outlet": _outlet(page, url),
        "section": _first_text(page.meta.get("article:section"), _jsonld_text(page.jsonld.get("articleSection"))),
        "tags": _tags(page),
        "image": _absolute(_first_text(page.meta.get("og:image"), _jsonld_image(page.jsonld.get("image")),
                                       page.meta.get("twitter:image")), url),
        "url": url,
        "lang": _lang(page),
        "excerpt": _first_text(page.meta.get("og:description"), page.meta.get("description"),
                               _jsonld_text(page.jsonld.get("description"))),
    }


# ---- metadata: the page's own statements first, then trafilatura, then the visible page ----


def headline(page: PageMeta) -> str | None:
    """The article's headline as the page shows it, without the site's name around it (see `html_title`)."""
    choice = choose_headline(page, site_of(page, _url(page), title_parts=False))
    return choice.title if choice else None


def _authors(page: PageMeta, url: str | None, body: str) -> tuple[str, ...]:
    choice = choose_authors(page, site_of(page, url), body)
    return choice.names if choice else ()


def _first_date(candidates: tuple[Any, ...], tz: tzinfo | None) -> datetime | None:
    """The first of the page's stated dates, in order of trust, that reads as a date."""
    for candidate in candidates:
        moment = parse_date(candidate, tz) if isinstance(candidate, str) else None
        if moment:
            return moment
    return None


def _published(page: PageMeta, tz: tzinfo | None, html: str) -> datetime | None:
    stated = _first_date((
        page.jsonld.get("datePublished"),
        page.meta.get("article:published_time"),
        page.meta.get("og:published_time"),
        page.meta.get("datepublished"),
        page.meta.get("pubdate"),
        page.meta.get("publishdate"),
        page.meta.get("publish-date"),
        page.meta.get("parsely-pub-date"),
        page.meta.get("sailthru.date"),
        page.meta.get("dc.date.issued"),
        page.meta.get("dc.date"),
        page.meta.get("date"),
        page.jsonld.get("dateCreated"),
    ), tz)
    if stated:
        return _in_readers_zone(_in_local_time(stated, page), page)
    found = _htmldate(page)
    if found:
        moment = parse_date(found, tz)
        if moment and not _year_only(moment, html):
            return moment
    for value in page.times:
        moment = parse_date(value, tz)
        if moment:
            return moment
    return None


def _in_local_time(moment: datetime, page: PageMeta) -> datetime:
    """A UTC time re-expressed in the outlet's own offset, where the page shows that same moment locally.

    Metadata often gives times in UTC while the page prints the outlet's local time
    ("2023-11-08 23:30:59" beside "2023-11-09T05:30:59Z"). The local form is the
    date readers saw; the offset is the difference between the two, when it is a
    whole number of quarter hours and the minutes and seconds agree.
    """
    if moment.utcoffset() != timedelta(0):
        return moment
    for value in page.times:
        match = _NAIVE_TIME.match(value.strip())
        if not match:
            continue
        try:
            local = datetime.fromisoformat(match.group(1).replace(" ", "T"))
        except ValueError:
            continue
        offset = local - moment.replace(tzinfo=None)
        quarters = offset / timedelta(minutes=15)
        if offset and abs(offset) <= timedelta(hours=14) and quarters == int(quarters) and local.second == moment.second:
            return moment.astimezone(dt_timezone(offset))
    return moment


def _in_readers_zone(moment: datetime, page: PageMeta) -> datetime:
    """A time stated in UTC re-expressed in the zone of the page's country (see `html_zone`), where known."""
    if moment.utcoffset() != timedelta(0) or is_day_only(moment):
        return moment
    zone = page_zone(page, domain_of(_url(page) or ""))
    return moment.astimezone(zone) if zone else moment


_NAIVE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})$")


def _htmldate(page: PageMeta) -> str | None:
    """htmldate's reading of the page (URL, markup and text patterns), original rather than updated date."""
    from htmldate import find_date

    if page.tree is None:
        return None
    try:
        return find_date(page.tree, url=page.canonical, original_date=True, extensive_search=True,
                         outputformat="%Y-%m-%d")
    except (ValueError, TypeError, AttributeError):
        return None


def _year_only(moment: datetime, html: str) -> bool:
    """True when a 1 January date stands for a bare year (a copyright line), which is no publication date."""
    if (moment.month, moment.day) != (1, 1):
        return False
    year = moment.year
    stated = (f"{year}-01-01", f"01/01/{year}", f"1 January {year}", f"January 1, {year}", f"Jan 1, {year}",
              f"Jan. 1, {year}", f"{year}/01/01", f"1 Jan {year}")
    return not any(form in html for form in stated)


def _updated(page: PageMeta, tz: tzinfo | None) -> datetime | None:
    return _first_date((
        page.jsonld.get("dateModified"),
        page.meta.get("article:modified_time"),
        page.meta.get("og:updated_time"),
        page.meta.get("datemodified"),
        page.meta.get("last-modified"),
    ), tz)


def _outlet(page: PageMeta, url: str | None) -> str | None:
    publisher = page.jsonld.get("publisher")
    publisher_name = publisher.get("name") if isinstance(publisher, dict) else None
    for candidate in (
        page.meta.get("og:site_name"),
        publisher_name if isinstance(publisher_name, str) else None,
        page.jsonld_site,
        page.meta.get("application-name"),
    ):
        name = clean_site_name(candidate)
        if name and not name.startswith("http"):
            return name
    return domain_of(url) if url else None


def _url(page: PageMeta) -> str | None:
    main = page.jsonld.get("mainEntityOfPage")
    main_url = main.get("@id") if isinstance(main, dict) else main
    og_url = page.meta.get("og:url")
    canonical = _absolute(page.canonical, og_url if og_url and og_url.startswith("http") else None)
    for candidate in (canonical, og_url, page.jsonld.get("url"), main_url):
        if isinstance(candidate, str) and candidate.startswith(("http://", "https://")):
            return candidate.strip()
    return None


def _tags(page: PageMeta) -> tuple[str, ...]:
    found: list[str] = list(page.meta_all.get("article:tag", []))
    keywords = page.jsonld.get("keywords")
    if isinstance(keywords, str):
        found.extend(k for k in keywords.split(","))
    elif isinstance(keywords, list):
        found.extend(k for k in keywords if isinstance(k, str))
    tags = [" ".join(t.split()) for t in found if t and t.strip() and len(t) < 60 and ":" not in t]
    return tuple(dict.fromkeys(tags))[:20]


def _lang(page: PageMeta) -> str | None:
    for candidate in (page.lang, page.meta.get("og:locale"), _jsonld_text(page.jsonld.get("inLanguage"))):
        if candidate and re.match(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$", candidate):
            return candidate.replace("_", "-").split("-")[0].lower()
    return None


def _jsonld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _jsonld_image(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value if isinstance(value, str) and value.strip() else None


def _absolute(link: str | None, base: str | None) -> str | None:
    """A page-relative link ("/img/a.jpg") made absolute against the page's own URL, where that is known."""
    if not link or not base or link.startswith(("http://", "https://", "data:")):
        return link
    from urllib.parse import urljoin

    return urljoin(base, link)


def _first_text(*candidates: Any) -> str | None:
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            return normalize(" ".join(candidate.split()))
    return None


def _fold(text: str | None) -> str:
    return re.sub(r"\W+", " ", text or "").strip().lower()
