"""Who publishes a saved page: its stated site names and its host, and whether a text names the site.

A page's headline and byline often carry the site's own name ("Headline |
Example News", author "Example News"). The site names itself in `og:site_name`,
JSON-LD `publisher` or `WebSite`, `application-name` and its Twitter handle,
and its address says it again: a text is the site's name when it is one of
those names or spells the host ("Example-News", "EXAMPLE.NEWS", the initials of
"Analyse Opinion Critique" in `aoc.media`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsdigest.ingest.html_meta import PageMeta

__all__ = ["Site", "site_of"]

_GENERIC_LABELS = frozenset({"www", "www1", "www2", "m", "mobile", "amp", "blog", "blogs", "news", "web"})
"""Host labels that say nothing about who publishes ("www.", "m.", "blog.")."""


@dataclass(frozen=True)
class Site:
    names: tuple[str, ...]
    """The names the page gives its site, as written."""
    host: str | None
    """The page's host without `www.`, from its stated address or, failing that, its own links."""

    def names_it(self, text: str | None) -> bool:
        """Whether `text` is the site's name (a stated name, or a spelling of the host)."""
        folded = fold(text)
        if not folded:
            return False
        compact = folded.replace(" ", "")
        if any(compact == fold(name).replace(" ", "") for name in self.names):
            return True
        labels = self._labels()
        if len(labels) > 1 and set(folded.split()) == labels:
            return True  # "Blog-Example" for blog.example.org
        return compact in labels or compact in self._host_spellings() or _initials(text) in labels

    def mentions(self, text: str | None) -> bool:
        """Whether `text` holds the site's name or host among its words ("Example.com-Redaktion")."""
        words = f" {fold(text)} "
        if self.names_it(text):
            return True
        spelled = {fold(name) for name in self.names} | {fold(label) for label in self._labels()}
        if self.host:
            spelled.add(fold(self.host))
        return any(len(name) >= 4 and f" {name} " in words for name in spelled)

    def _labels(self) -> set[str]:
        if not self.host:
            return set()
        labels = [label for label in self.host.split(".")[:-1] if label not in _GENERIC_LABELS]
        return {re.sub(r"[^a-z0-9]", "", label) for label in labels if len(label) >= 3}

    def _host_spellings(self) -> set[str]:
        """The host as a name is written: "example.de", "exampleblog" from `blog.example.de`."""
        if not self.host:
            return set()
        labels = self.host.split(".")
        return {re.sub(r"[^a-z0-9]", "", ".".join(labels[i:])) for i in range(len(labels) - 1)} | {
            re.sub(r"[^a-z0-9]", "", "".join(labels[:-1]))}


def site_of(page: PageMeta, url: str | None, *, title_parts: bool = True) -> Site:
    """The site's names and host; with `title_parts`, also the `<title>`'s parts that no heading shows."""
    publisher = page.jsonld.get("publisher")
    publisher_name = publisher.get("name") if isinstance(publisher, dict) else None
    handle = (page.meta.get("twitter:site") or "").lstrip("@")
    names = [page.meta.get("og:site_name"), page.jsonld_site, page.meta.get("application-name"), publisher_name,
             handle if re.fullmatch(r"\w{3,}", handle) else None]
    stated = tuple(dict.fromkeys(n.strip() for n in names if isinstance(n, str) and n.strip()))
    # A site name with a tagline ("Example | News and views") is also the site by its first part.
    parts = tuple(p.strip() for n in stated for p in re.split(r"\s+[|–—-]\s+", n) if p.strip())
    extra = _title_sites(page) if title_parts else ()
    return Site(tuple(dict.fromkeys(stated + parts + extra)), _host(url) or _linked_host(page))


def _title_sites(page: PageMeta) -> tuple[str, ...]:
    """The parts of the `<title>` around the headline ("Headline | Site"): none of the page's headings holds them."""
    parts = [p.strip() for p in _SEPARATOR.split(page.title_tag or "") if p.strip()]
    if len(parts) < 2:
        return ()
    headings = " ".join(fold(h) for h in page.h1)
    return tuple(p for p in parts if p != max(parts, key=len) and f" {fold(p)} " not in f" {headings} ")


_SEPARATOR = re.compile(r"\s+[|–—•·»:-]\s+|\s*\|\s*")


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host and "." in host else None


def _linked_host(page: PageMeta) -> str | None:
    """The host most of the page's absolute links point to: a saved page links to its own site most."""
    if page.tree is None:
        return None
    hosts = Counter(h for href in page.tree.xpath("//a/@href")[:400] if (h := _host(str(href))))
    if not hosts:
        return None
    host, count = hosts.most_common(1)[0]
    return host if count >= 3 else None


def _initials(name: str) -> str:
    words = fold(name).split()
    return "".join(w[0] for w in words) if len(words) >= 3 else ""


_NON_WORDS = re.compile(r"\W+")


def fold(text: str | None) -> str:
    """Words only, lower case, single-spaced: how two spellings of a name or title are compared."""
    return _NON_WORDS.sub(" ", text or "").strip().lower()
