"""The article's lead (standfirst) that the body extractor left out, put back from the visible page.

Publishers set an article's opening summary apart from its paragraphs: in the
article's header under the headline, in an element of its own styled larger.
Extractors that look for runs of paragraphs drop it, although it is the first
thing a reader reads. The page names it all the same: its stated description
(`og:description`, `description`, JSON-LD `description`) is that lead, word for
word or cut short. So when the page *shows* its description in one element,
after its headline and before the body's first paragraph, and the body lacks it,
that element's text is the lead and opens the body. A description the page does
not show (a search-engine summary), shows elsewhere (the site's tagline in its
banner, a teaser in a list), or shows as a heading (a subtitle, which belongs
with the headline), is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from newsdigest.ingest.html_meta import PageMeta

__all__ = ["restore_lead", "shown_lead"]

_MIN_WORDS = 12
"""A description shorter than this is a label, not a lead."""
_PROBE_WORDS = 8
"""How many of the description's first words must be shown together to count as shown."""
_MAX_GROWTH = 2.5
"""The lead's element may hold at most this many times the description's words (a cut description, a date)."""
_NOT_THE_ARTICLE = frozenset({"nav", "footer", "aside", "a", "button", "form", "script", "style", "noscript",
                              "template", "figcaption", "label", "select", "option", "title"})
_BLOCKS = ("p", "div", "span", "section", "header", "strong", "b", "em", "summary", "h2", "h3", "h4")
_SUBTITLES = frozenset({"h2", "h3", "h4"})
"""A description shown as a heading is the headline's subtitle: it stays with the headline, out of the body."""


def restore_lead(tree: HtmlElement, page: PageMeta, body: str) -> str:
    """`body` opened by the page's visible lead, where the page shows its description and the body lacks it."""
    if not body.strip():
        return body
    lead = shown_lead(tree, page, body)
    return f"{lead}\n\n{body.lstrip()}" if lead else body


def shown_lead(tree: HtmlElement, page: PageMeta, body: str = "") -> str | None:
    """The lead the page shows under its headline, before the body's first paragraph, where `body` lacks it.

    With no body, the element that shows the description wherever the article starts:
    what `ingest --explain` names as the lead.
    """
    description = _description(page)
    if not description:
        return None
    words = description.split()
    probe = _fold(" ".join(words[:_PROBE_WORDS]))
    if body and probe in _fold(body):
        return None
    return _shown_lead(tree, probe, len(words), body)


def _description(page: PageMeta) -> str | None:
    """The page's own description of the article, the cut-off mark ("…") taken off."""
    stated = page.jsonld.get("description")
    for candidate in (page.meta.get("og:description"), page.meta.get("description"),
                      stated if isinstance(stated, str) else None, page.meta.get("twitter:description")):
        if isinstance(candidate, str) and len(candidate.split()) >= _MIN_WORDS:
            return re.sub(r"\s*(?:\.\.\.|…|\[…\])\s*$", "", " ".join(candidate.split()))
    return None


def _shown_lead(tree: HtmlElement, probe: str, described_words: int, body: str) -> str | None:
    """The text of the smallest element that shows the description, if it sits between headline and body."""
    headline = next(iter(tree.iter("h1")), None)
    if headline is None:
        return None
    first_line = next((line for line in body.splitlines() if len(line.split()) >= 6), "")
    body_probe = _fold(" ".join(_plain(first_line).split()[:_PROBE_WORDS]))
    after_headline = False
    for element in _document_order(tree):
        if element is headline:
            after_headline = True
            continue
        if not after_headline or element.tag not in _BLOCKS:
            continue
        text = " ".join(element.text_content().split())
        folded = _fold(text)
        if probe not in folded:
            if body_probe and body_probe in folded:
                return None  # the body starts before anything shows the description
            continue
        if _inside_furniture(element) or any(probe in _fold(c.text_content()) for c in element
                                            if isinstance(c.tag, str)):
            continue  # a child holds it: the smallest element is the lead
        if element.tag in _SUBTITLES or len(text.split()) > _MAX_GROWTH * described_words + 5:
            return None
        return text
    return None


def _document_order(tree: HtmlElement) -> Iterator[HtmlElement]:
    for element in tree.iter():
        if isinstance(element.tag, str):
            yield element


def _inside_furniture(element: HtmlElement) -> bool:
    return any(node.tag in _NOT_THE_ARTICLE for node in (element, *element.iterancestors()))


def _plain(markdown_line: str) -> str:
    """A Markdown line's words: links, emphasis and list marks taken off."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)", " ", markdown_line)
    return re.sub(r"[*_#>\[\]`|]", " ", text)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())
