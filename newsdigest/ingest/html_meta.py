"""What a saved page says about itself: JSON-LD, OpenGraph and meta tags, `<time>`, bylines.

Publishers describe their articles for search engines and social networks, and
those descriptions are the most reliable metadata a page has: JSON-LD
`NewsArticle` carries the headline, the authors and the exact publication time
with its offset; OpenGraph and `article:*` tags carry most of it again. Where a
page has neither, the visible page still does: the `<h1>`, a `<time>` element,
an element marked as the byline. This module only collects what is there, one
`PageMeta` of candidates; `html_source` decides between them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lxml.html import HtmlElement

_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle", "techarticle", "report", "posting",
    "socialmediaposting", "liveblogposting", "webpage", "itempage", "medicalwebpage", "creativework",
    "discussionforumposting", "review", "recipe", "howto",
})  # fmt: skip
_SPECIFIC_TYPES = _ARTICLE_TYPES - {"webpage", "itempage", "creativework", "medicalwebpage"}
_HOME_LINK = re.compile(r"^(?:https?://[^/]+)?/?(?:index\.\w+)?$")
_BYLINE_NOT = re.compile(r"bio|avatar|image|img|photo|description|about|box|follow|social|more|related|list", re.IGNORECASE)


@dataclass
class PageMeta:
    """Candidate values found in a page, by where they were found."""

    jsonld: dict[str, Any] = field(default_factory=dict)
    """The page's main article object from JSON-LD, if any."""
    jsonld_site: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    """`<meta>` tags by lower-cased property/name (first occurrence)."""
    meta_all: dict[str, list[str]] = field(default_factory=dict)
    title_tag: str | None = None
    h1: list[str] = field(default_factory=list)
    h1_parts: list[str] = field(default_factory=list)
    """The pieces of `<h1>`s made of several (a kicker, the headline, a subtitle), each alone."""
    subheadings: list[str] = field(default_factory=list)
    """`<h2>` and `<h3>` texts in page order: where pages without an `<h1>` headline show it."""
    canonical: str | None = None
    lang: str | None = None
    times: list[str] = field(default_factory=list)
    """`datetime` attributes of `<time>` elements, in page order."""
    tree: HtmlElement | None = None

    # The visible-page candidates cost a walk over the whole page each, and most
    # pages name their authors in metadata: they are read only when asked for.

    @cached_property
    def bylines(self) -> list[str]:
        """Texts of elements marked as bylines (rel=author, itemprop=author, class*=byline)."""
        return list(_bylines(self.tree)) if self.tree is not None else []

    @cached_property
    def by_lines(self) -> list[str]:
        """Names the visible page puts after a "By" (the printed byline), in page order."""
        return list(_printed_bylines(self.texts))

    @cached_property
    def headline_at(self) -> int | None:
        """Which of `texts` holds (the start of) the first `<h1>` found among them: where the article's head is.

        A heading may stand in one piece of text, be split over several ("Thema" + "– Corona"), or have one of
        its parts (a kicker) stand alone; a part counts only when it says more than a word or two."""
        from newsdigest.ingest.html_site import fold

        folded = [fold(text) for text in self.texts]
        for h1 in self.h1:
            heading = fold(h1)
            if not heading:
                continue
            for i, text in enumerate(folded):
                joined, j = text, i
                while joined and f"{heading} ".startswith(f"{joined} ") and j < i + 8:
                    if joined == heading:
                        return i
                    j += 1
                    joined = f"{joined} {folded[j]}".strip() if j < len(folded) else ""
            part = next((i for i, text in enumerate(folded) if len(text) > 10 and f" {text} " in f" {heading} "), None)
            if part is not None:
                return part
        return None

    @cached_property
    def texts(self) -> list[str]:
        """The body's pieces of text in page order, spaces folded, scripts and styles left out (the first 4000)."""
        return _texts(self.tree) if self.tree is not None else []

    @cached_property
    def copyright_holder(self) -> str | None:
        """Who the page's copyright line names ("© 2019 Jane Doe"): on a personal site, its author."""
        if self.tree is None:
            return None
        for text in self.tree.xpath("//body//text()[contains(., '©') or contains(., '(c)') or contains(., '(C)')"
                                    " or contains(., 'Copyright') or contains(., 'copyright')]")[-5:]:
            match = _COPYRIGHT.search(" ".join(str(text).split()))
            if match:
                return match.group(1)
        return None

    @cached_property
    def author_links(self) -> list[str]:
        """Texts of links to an author's page (`/author/…`, `/reporters/…`)."""
        if self.tree is None:
            return []
        links = self.tree.xpath(
            '//a[contains(@href,"/author") or contains(@href,"/reporter") or contains(@href,"/writer")'
            ' or contains(@href,"/byline") or contains(@href,"/staff/") or contains(@href,"/contributor")]'
        )[:10]
        return [text for a in links if (text := _text(a)) and len(text) < 60 and not _in_comments(a)]


def read_page_meta(tree: HtmlElement) -> PageMeta:
    found = PageMeta(tree=tree)
    _read_jsonld(tree, found)
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        value = (node.get("content") or "").strip()
        if key and value:
            found.meta.setdefault(key, value)
            found.meta_all.setdefault(key, []).append(value)
    title = tree.find(".//title")
    if title is not None:
        found.title_tag = _text(title)
    for h1 in tree.iter("h1"):
        parts = _heading_parts(h1)
        text = " ".join(parts)
        # A heading that links to the front page is the site's logo, not the article's headline.
        if text and len(text) < 300 and not any(_HOME_LINK.match(a.get("href") or "x") for a in h1.iter("a")):
            found.h1.append(text)
            if len(parts) > 1:
                found.h1_parts.extend(parts)
    for heading in tree.iter("h2", "h3"):
        text = " ".join(_heading_parts(heading))
        if text and len(text) < 300:
            found.subheadings.append(text)
            if len(found.subheadings) >= 40:
                break
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            found.canonical = link.get("href").strip()
            break
    root = tree.getroottree().getroot()
    found.lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    for node in tree.iter("time"):
        value = node.get("datetime") or node.get("content")
        if value:
            found.times.append(value.strip())
    return found


_COPYRIGHT = re.compile(
    r"(?:©|\([cC]\)|[cC]opyright)(?:\s*(?:©|\([cC]\)))?\s*(?:\d{4}\s*(?:[-–]\s*(?:\d{4})?)?)?\s*(?:by\s+)?"
    r"([^\W\d][^.•|,:;()\d]{1,60}?)\s*(?:[.•|,:;()]|\d|$)"
)
_BY_WORD = r"(?:(?:written|words|posted)\s+)?by|von|par|por|door|av|af"
"""The word a byline opens with, in the languages that put one before the name (English, German,
French, Spanish and Portuguese, Dutch, the Scandinavian languages)."""
_BY = re.compile(rf"^(?i:{_BY_WORD}|author:?)$")
_BY_NAME = re.compile(rf"^(?i:{_BY_WORD})\s+([^\W\d_][^\n]{{2,80}})$")
"""A name after the word ("By Jane Doe", "Von Jana Muster"); `_printed_bylines` also asks that it be capitalised
as names are, in any script (`str.isupper`): "Par ailleurs, …" opens a sentence, not a byline."""


def _texts(tree: HtmlElement) -> list[str]:
    body = tree.find(".//body")
    chunks: list[str] = []
    if body is None:
        return chunks
    for node in body.iter():
        if node.tag in ("script", "style", "noscript", "template") or not isinstance(node.tag, str):
            continue
        for piece in (node.text, node.tail):
            if piece and piece.strip():
                chunks.append(" ".join(piece.split()))
        if len(chunks) > 4000:
            break
    return chunks


def _printed_bylines(chunks: list[str]) -> Iterator[str]:
    """"By Jane Doe" as the page shows it, whether in one text node or split over elements."""
    found = 0
    for index, chunk in enumerate(chunks):
        match = _BY_NAME.match(chunk)
        if match and match.group(1)[0].isupper():
            yield match.group(1)
        elif _BY.match(chunk) and index + 1 < len(chunks):
            yield chunks[index + 1]
        else:
            continue
        found += 1
        if found >= 5:
            return


def _read_jsonld(tree: HtmlElement, found: PageMeta) -> None:
    best: dict[str, Any] | None = None
    best_rank = -1
    nodes: dict[str, dict[str, Any]] = {}
    for script in tree.xpath('//script[contains(translate(@type,"JSONLD","jsonld"),"ld+json")]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        for item in _objects(data):
            if isinstance(item.get("@id"), str) and len(item) > 1:
                nodes.setdefault(item["@id"], item)
            types = {t.lower() for t in _types(item)}
            if "website" in types or "organization" in types or "newsmediaorganization" in types:
                name = item.get("name")
                if isinstance(name, str) and not found.jsonld_site:
                    found.jsonld_site = name.strip()
            if not types & _ARTICLE_TYPES:
                continue
            rank = (2 if types & _SPECIFIC_TYPES else 0) + (1 if item.get("headline") else 0)
            if rank > best_rank:
                best, best_rank = item, rank
    if best is not None:
        found.jsonld = {key: _resolved(value, nodes) if key in _PEOPLE_KEYS else value for key, value in best.items()}


_PEOPLE_KEYS = frozenset({"author", "creator", "publisher"})


def _resolved(value: Any, nodes: dict[str, dict[str, Any]]) -> Any:
    """A JSON-LD reference (`{"@id": …}`) replaced by the object it names elsewhere in the page's graph.

    Site generators describe the author once as a `Person` node of the `@graph` and
    point to it from the article: the name is only in the node.
    """
    if isinstance(value, list):
        return [_resolved(item, nodes) for item in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return nodes.get(value["@id"], value)
    return value


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _objects(graph)
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _objects(main)


def _types(item: dict[str, Any]) -> list[str]:
    value = item.get("@type", [])
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


_AUTHOR_CLASSES = ("byline", "author", "autor", "auteur")
"""What a byline's class names hold: "author" as other languages write it too (Autor, Autorenzeile, autore, auteur)."""
_AUTHOR_IDS = ("byline", "author", "autor")


def _marked_as_author(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Every element marked as an author's, in page order: `rel` or `itemprop` "author", or a class or id naming one.

    One walk with a few attribute reads per element: an XPath of nine tests over the whole page took half as long again.
    """
    for node in tree.getroottree().getroot().iter():
        if not isinstance(node.tag, str):
            continue
        classes, ident = node.get("class"), node.get("id")
        if (node.get("rel") == "author" or node.get("itemprop") == "author"
                or (classes is not None and any(mark in classes for mark in _AUTHOR_CLASSES))
                or (ident is not None and any(mark in ident for mark in _AUTHOR_IDS))):
            yield node


def _bylines(tree: HtmlElement) -> Iterator[str]:
    seen = 0
    for node in _marked_as_author(tree):
        if node.tag in ("meta", "link", "script", "style", "img", "body", "html") or _in_comments(node):
            continue
        attrs = " ".join(filter(None, (node.get("class"), node.get("id"))))
        if attrs and _BYLINE_NOT.search(attrs) and not node.get("rel") and not node.get("itemprop"):
            continue
        if node.get("itemprop") == "author":
            name = node.xpath('.//*[@itemprop="name"]')
            text = (name[0].get("content") or _text(name[0])) if name else (node.get("content") or _short_text(node))
        else:
            text = _short_text(node)
        if text and len(text) < 120:
            yield text
            seen += 1
            if seen >= 8:
                return


_INLINE = frozenset({"a", "b", "i", "em", "strong", "u", "abbr", "sup", "sub", "mark", "q", "cite", "font", "nobr"})


def _heading_parts(heading: HtmlElement) -> list[str]:
    """A heading's text in its separately styled pieces ("Kicker" + "Headline"), or whole when it is one.

    A kicker in its own `<span>` or line touches the headline with no space between
    them in the markup; read as one string they would run together ("KickerHeadline").
    """
    pieces: list[str] = []
    current = heading.text or ""
    for child in heading:
        if not isinstance(child.tag, str):
            current += child.tail or ""
        elif child.tag in _INLINE:
            current += child.text_content() + (child.tail or "")
        else:
            pieces.append(current)
            pieces.append(child.text_content())
            current = child.tail or ""
    pieces.append(current)
    return [text for piece in pieces if (text := " ".join(piece.split()))]


_COMMENTS = re.compile(r"comment|respond|reply|discussion", re.IGNORECASE)


def _in_comments(node: HtmlElement) -> bool:
    """Whether a node is part of the readers' comments or the form to write one: their authors are not the article's."""
    for ancestor in node.iterancestors():
        if ancestor.tag == "form":
            return True
        if _COMMENTS.search(" ".join(filter(None, (ancestor.get("class"), ancestor.get("id"))))):
            return True
    return False


def _short_text(node: HtmlElement, limit: int = 120) -> str | None:
    """A node's text when it is short (a byline), without reading all of a long one (a container)."""
    pieces: list[str] = []
    size = 0
    for piece in node.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > 4 * limit:
            return None
    return " ".join("".join(pieces).split())


def _text(node: HtmlElement) -> str:
    return " ".join(node.text_content().split())
