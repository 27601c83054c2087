"""The metadata of a saved HTML page: headline, authors, dates, outlet, address, tags, language.

`html_meta` collects what a page states about itself (JSON-LD, OpenGraph and
meta tags, `<h1>`, `<time>`, bylines); `html_title`, `html_authors` and
`html_dates` decide between those candidates for the headline, the authors and
the publication date, this module for the rest. `html_source` extracts the body
and asks here for the metadata; `explain_choices` says why each was chosen.
"""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any

from newsdigest.ingest.decode import normalize
from newsdigest.ingest.html_authors import author_candidates, choose_authors, readings_left_out
from newsdigest.ingest.html_dates import choose_published, published_and_updated
from newsdigest.ingest.html_meta import PageMeta
from newsdigest.ingest.html_site import site_of
from newsdigest.ingest.html_title import choose_headline
from newsdigest.ingest.outlets import clean_site_name, domain_of
from newsdigest.model import iso_text_or_none

__all__ = ["headline", "described", "explain_choices"]


def described(page: PageMeta, html: str, timezone: tzinfo | None, body: str = "") -> dict[str, Any]:
    """Every `Article` field but the body and headline, as the page states them."""
    url = _url(page)
    published, updated = published_and_updated(page, timezone, html, host=domain_of(url or ""))
    return {
        "authors": _authors(page, url, body),
        "published": published.moment,
        "updated": updated,
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


def explain_choices(page: PageMeta, html: str, timezone: tzinfo | None, body: str = "") -> list[str]:
    """One line per field: the headline, authors and publication date chosen, and where each was read."""
    url = _url(page)
    title = choose_headline(page, site_of(page, url, title_parts=False))
    site = site_of(page, url)
    candidates = author_candidates(page, site, body)
    readings = len(candidates)
    authors = choose_authors(page, site, body, candidates)
    whole = () if authors else readings_left_out(page, site, body)
    published = choose_published(page, timezone, html, host=domain_of(url or ""))
    lines = [
        f"headline: {title.title!r} — {title.reason}" if title else "headline: none stated (made from the lead)",
        (f"authors: {'; '.join(authors.names)} — from the {authors.source}"
         + (" (no person is named: the site, a desk, initials or a user name)" if authors.outlet else "")
         + (f" (left out: {'; '.join(authors.left_out)})" if authors.left_out else "")
         + f", the best-scored of {readings} reading{'s' if readings != 1 else ''} of the byline") if authors
        else "authors: none named by the page" + (f" (left out whole: {' / '.join(whole)})" if whole else ""),
        f"published: {iso_text_or_none(published.moment) or 'unknown'} — {published.source}",
    ]
    return lines


def _authors(page: PageMeta, url: str | None, body: str) -> tuple[str, ...]:
    choice = choose_authors(page, site_of(page, url), body)
    return choice.names if choice else ()


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


