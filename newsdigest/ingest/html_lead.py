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
with the headline), is left out. A page that states no description it shows
still sets its lead right above the body: a paragraph of prose between the
headline and the body's first paragraph, with little between it and the body
(see `lead_above_body`), opens the body too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from newsdigest.ingest.html_meta import PageMeta

__all__ = ["lead_above_body", "markdown_words", "restore_lead", "shown_lead"]

_MIN_WORDS = 12
"""A description shorter than this is a label, not a lead."""
_PROBE_WORDS = 8
"""How many of the description's first words must be shown together to count as shown."""
_MAX_GROWTH = 2.5
"""The lead's element may hold at most this many times the description's words (a cut description, a date)."""
_NOT_THE_ARTICLE = frozenset({"nav", "footer", "aside", "a", "button", "form", "script", "style", "noscript",
                              "template", "figcaption", "label", "select", "option", "title"})
_BLOCKS = ("p", "div", "span", "section", "header", "strong", "b", "em", "summary", "h2", "h3", "h4")
_LEAD_MIN_WORDS = 15
"""A paragraph above the body shorter than this is a label, a byline or a caption, not a lead."""
_LEAD_MAX_GAP = 100
"""At most this many words may stand between a lead and the body's first paragraph."""
_LEAD_MAX_LINKED = 0.2
"""A lead is prose: link text may make up at most this share of it."""
_LEAD_MIN_SHARED = 1
"""A lead tells what the article tells: at least this many of its longer words stand in the headline or the body's
opening (`_TOPIC_WORDS` words); a teaser for another article or a call to subscribe shares none. (Two would also
turn away a lead that names the article's place in other words than its headline.)"""
_TOPIC_WORDS = 150
_LONG_WORD = 5
"""Words of at least this many letters carry a text's topic; shorter ones are mostly grammar in any language."""
_SENTENCE_END = re.compile(r"[.!?…\"”»]$")
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_CAPTION = re.compile(r"caption", re.IGNORECASE)
_SUBTITLES = frozenset({"h2", "h3", "h4"})
"""A description shown as a heading is the headline's subtitle: it stays with the headline, out of the body."""


def restore_lead(tree: HtmlElement, page: PageMeta, body: str) -> str:
    """`body` opened by the page's visible lead, where the page shows its description or a paragraph right above
    the body, and the body lacks it."""
    if not body.strip():
        return body
    lead = shown_lead(tree, page, body) or lead_above_body(tree, body)
    return f"{lead}\n\n{body.lstrip()}" if lead else body


def lead_above_body(tree: HtmlElement, body: str) -> str | None:
    """The paragraph the page shows between its headline and the body's first paragraph, close above the body.

    Many pages state no description, or one the page does not show; their lead is still the first
    paragraph under the headline, set in a block of its own (a header, an intro box) that an extractor
    leaves out. It is a paragraph of prose (`_LEAD_MIN_WORDS` words or more, ending like a sentence,
    hardly linked, sharing a word with the headline or the body's opening), and the page shows little
    between it and the body (a byline, a date, a caption: at most
    `_LEAD_MAX_GAP` words); a promotion or a teaser under the headline sits further from the article.
    """
    headline = _headline_element(tree)
    probe = _body_probe(body).split()
    if headline is None or not probe:
        return None
    folded_body = _fold(body)
    topic = _long_words(f"{headline.text_content()} {' '.join(folded_body.split()[:_TOPIC_WORDS])}")
    # One walk over the page's text in reading order (each element's text at its start, its tail at its end, a
    # comment's tail where the comment stands),
    # from the headline on: the words shown after the lead are counted until the body's first words appear.
    shown: list[str] = []
    lead: str | None = None
    lead_element: HtmlElement | None = None
    lead_end = 0
    after_headline = inside_lead = False
    hidden = 0
    for event, element in etree.iterwalk(tree, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):
            piece = element.tail  # a comment shows nothing, the text after it is the page's
        elif event == "start":
            if element is headline:
                after_headline = True
                continue
            if not after_headline:
                continue
            if element.tag in _INVISIBLE:
                hidden += 1
                continue
            if lead is None and not hidden and element.tag == "p":
                text = " ".join(element.text_content().split())
                if _is_lead_paragraph(element, text, folded_body, topic):
                    lead, lead_element, inside_lead = text, element, True
            piece = element.text
        else:
            if element.tag in _INVISIBLE and after_headline and element is not headline:
                hidden -= 1
            if element is lead_element:
                inside_lead, lead_end = False, len(shown)
            piece = element.tail
        if not after_headline or hidden or inside_lead or not piece:
            continue
        before = len(shown)
        shown.extend(_fold(piece).split())
        at = _find(shown, probe, max(0, before - len(probe) + 1))
        if at is not None:
            return lead if lead is not None and at - lead_end <= _LEAD_MAX_GAP else None
        if lead is not None and not inside_lead and len(shown) - lead_end > _LEAD_MAX_GAP + len(probe):
            return None  # the body starts too far below it, if at all
    return None


def _find(words: list[str], probe: list[str], start: int) -> int | None:
    """Where `probe` first starts in `words` at or after `start`."""
    for at in range(start, len(words) - len(probe) + 1):
        if words[at:at + len(probe)] == probe:
            return at
    return None


def _long_words(text: str) -> set[str]:
    return {word for word in _fold(text).split() if len(word) >= _LONG_WORD}


def _is_lead_paragraph(element: HtmlElement, text: str, folded_body: str, topic: set[str]) -> bool:
    if len(text.split()) < _LEAD_MIN_WORDS or not _SENTENCE_END.search(text) or _inside_furniture(element):
        return False
    if any(node.tag == "figure" or _CAPTION.search(node.get("class") or "") for node in (element, *element.iterancestors())):
        return False  # a picture's or a video's caption, however long
    if _fold(text)[:60] in folded_body or len(_long_words(text) & topic) < _LEAD_MIN_SHARED:
        return False
    linked = sum(len(" ".join(" ".join(anchor.itertext()).split())) for anchor in element.iter("a"))
    return linked <= _LEAD_MAX_LINKED * len(text)


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


def _body_probe(body: str) -> str:
    """The opening words of the body's first line of prose (six words or more), folded: what the page's own
    text must show for an element to stand where the body starts."""
    first_line = next((line for line in body.splitlines() if len(line.split()) >= 6), "")
    return _fold(" ".join(markdown_words(first_line).split()[:_PROBE_WORDS]))


def _shown_lead(tree: HtmlElement, probe: str, described_words: int, body: str) -> str | None:
    """The text of the smallest element that shows the description, if it sits between headline and body."""
    headline = _headline_element(tree)
    if headline is None:
        return None
    body_probe = _body_probe(body)
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


def _headline_element(tree: HtmlElement) -> HtmlElement | None:
    """The element that shows the article's headline: the one schema.org's microdata marks as the headline,
    when the page marks one only (a page may style it as any heading, and use `<h1>` for its footer's titles;
    a page that marks several marks its teasers too), else the first `<h1>`."""
    body = tree.find(".//body")
    marked = body.xpath('.//*[@itemprop="headline"]') if body is not None else []
    if len(marked) == 1 and marked[0].text_content().strip():
        return marked[0]
    return next(iter(tree.iter("h1")), None)


def _document_order(tree: HtmlElement) -> Iterator[HtmlElement]:
    for element in tree.iter():
        if isinstance(element.tag, str):
            yield element


def _inside_furniture(element: HtmlElement) -> bool:
    return any(node.tag in _NOT_THE_ARTICLE for node in (element, *element.iterancestors()))


def markdown_words(markdown_line: str) -> str:
    """A Markdown line's words: links, emphasis and list marks taken off."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)", " ", markdown_line)
    return re.sub(r"[*_#>\[\]`|]", " ", text)


_NON_WORDS = re.compile(r"[^\w]+")


def _fold(text: str) -> str:
    return " ".join(_NON_WORDS.sub(" ", text.lower()).split())
