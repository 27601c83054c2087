"""Saved HTML pages: trafilatura finds the article, the page's own descriptions name it.

trafilatura (with htmldate for dates) is the best general extractor there is,
and the base here. It is tuned for a digest: comments are not the article, and
when a page is unsure precision wins, because a teaser or a sign-up form in a
post is worse than a lost caption. Its body is then checked: a leading copy of
the headline, and trailing lines that are the page's furniture (teasers, share
prompts, newsletter and comment calls, copyright), are cut. Where trafilatura
finds too little, the text-dump cleaner on the page's visible text or the
page's JSON-LD `articleBody` stand in (a second, recall-first extraction of a
short page was tried too: no measurable gain on the development pages, so it
is left out and one parse saved; so was reading every page a second time with
the text-dump cleaner and combining the two readings line by line, adding
lines its model keeps beside trafilatura's article and dropping trafilatura's
lines it is sure are furniture, by thresholds or by a combiner fitted on both
readings: with the line model fitted on other sites, no combination gained on
every held-out half, and the second reading about doubles the time a page
takes); an article the page splits into
chunks, and social posts it embeds, are put back whole, and the lead the page
shows under its headline (see `html_lead`) opens the body. A run of lines
that the page shows as links closes many bodies (teasers, "follow us"): it is cut
(see `link_tail`); so are lines the page shows only as a picture's caption (see `captions`).

Metadata (headline, authors, dates, outlet) is read by `html_fields` from
what the page says about itself (`html_meta`) and the visible page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from lxml.html import HtmlElement

from newsdigest.errors import SourceError
from newsdigest.ingest.article import Article, headline_or_lead
from newsdigest.ingest.body_cleanup import tidy_body
from newsdigest.ingest.captions import drop_captions
from newsdigest.ingest.decode import normalize
from newsdigest.ingest.embeds import restore_embeds
from newsdigest.ingest.hidden import drop_hidden
from newsdigest.ingest.html_classes import choose_classes_in_c
from newsdigest.ingest.html_fields import described, headline
from newsdigest.ingest.html_lead import restore_lead
from newsdigest.ingest.html_meta import PageMeta, read_page_meta
from newsdigest.ingest.link_tail import drop_link_tail
from newsdigest.ingest.split_article import complete_split_article
from newsdigest.ingest.text_lines import CJK_WORD

_JSONLD_MIN_WORDS = 40
"""The page's JSON-LD `articleBody` replaces the body only when it has at least this many words (and half as many again)."""
_SECOND_OPINION_BELOW = 15
"""Below this, the text-dump cleaner reads the page too (a brief can be 20 words)."""
_MIN_ARTICLE_WORDS = 8
"""Below this, what was found is a menu or a label, not an article."""


def read_html(text: str, *, timezone: tzinfo | None = None) -> Article:
    """The article of a saved HTML page."""
    read = read_page(text)
    if read is None:
        raise SourceError("the page cannot be parsed as HTML")
    tree, page = read
    title = headline(page)
    body = body_steps(tree, page, title)[-1].body
    if _words(body) < _MIN_ARTICLE_WORDS:
        raise SourceError("no article text found in the page")
    title, title_derived = headline_or_lead(title, body)
    return Article(body=body, title=title, title_derived=title_derived, **described(page, text, timezone, body))


@dataclass(frozen=True)
class BodyStep:
    """The body as one step of `body_steps` left it: which step, and the text."""

    step: str
    body: str


def body_steps(tree: HtmlElement, page: PageMeta, title: str | None) -> list[BodyStep]:
    """The body after each step that changed it, in order; the last is the article's body.

    Every step is recorded, so that a tool can say which one put a line in or took it out.
    """
    steps: list[BodyStep] = []

    def record(step: str, body: str) -> str:
        if not steps or steps[-1].body != body:
            steps.append(BodyStep(step, body))
        return body

    body = record("trafilatura", _body_text(_extract(tree)))
    if _words(body) < _SECOND_OPINION_BELOW:
        # Extraction found (almost) nothing: read the page as a browser shows it with the text-dump cleaner.
        second = _second_opinion(tree)
        if _words(second) > _words(body):
            body = record("text-dump cleaner", second)
    body = record("split article", complete_split_article(tree, body))
    body = record("embeds", restore_embeds(tree, body))
    jsonld_body = _jsonld_body(page)
    if jsonld_body and _words(jsonld_body) > max(_JSONLD_MIN_WORDS, 1.5 * _words(body)):
        body = record("json-ld articleBody", jsonld_body)
    # The lead is sought after the body is chosen: a page's `articleBody` is its paragraphs, rarely its lead.
    body = record("lead", restore_lead(tree, page, body))
    body = record("link tail", drop_link_tail(tree, body))
    body = record("captions", drop_captions(tree, body))
    record("tidy", tidy_body(body, title=title))
    return steps


def read_page(text: str) -> tuple[HtmlElement, PageMeta] | None:
    """The page's visible tree and what it states about itself, as ingest reads them.

    The metadata is read before what the page hides is dropped (JSON-LD and `<meta>`
    are never shown), and the bylines, read from the tree only when asked for, are read
    from what a reader sees: `ingest --explain` and the training tools use this too,
    so that they describe the same readings ingest makes.
    """
    from trafilatura.utils import HTML_PARSER, load_html

    choose_classes_in_c(HTML_PARSER)  # the parser trafilatura reads pages with
    tree = load_html(text)
    if tree is None:
        return None
    page = read_page_meta(tree)
    drop_hidden(tree)
    return tree, page


def _extract(tree: HtmlElement | None) -> Any:
    from trafilatura import bare_extraction
    from trafilatura.settings import Extractor

    if tree is None:
        return None
    options = Extractor(
        output_format="markdown",
        precision=True,
        comments=False,
        formatting=True,
        tables=True,
        # The page's metadata is read by `html_meta` and, for dates, htmldate below, only when needed.
        with_metadata=False,
    )
    try:
        return bare_extraction(tree, options=options, as_dict=False)
    except (ValueError, TypeError, AttributeError):
        return None


def _body_text(document: Any) -> str:
    from trafilatura.xml import xmltotxt

    if document is None or document.body is None:
        return ""
    return normalize(xmltotxt(document.body, True), fix_mojibake=True).strip()


def _second_opinion(tree: HtmlElement) -> str:
    from newsdigest.ingest.page_text import page_copy
    from newsdigest.ingest.textdump import parse_text_dump

    try:
        return parse_text_dump(page_copy(tree)).body
    except Exception:  # the cleaner is a fallback here: its failure leaves the first answer standing
        return ""


def _words(text: str) -> int:
    """How many words `text` has, Chinese and Japanese included (a length for thresholds, not a tokeniser)."""
    spaced = text.split()
    if not CJK_WORD.search(text):
        return len(spaced)
    return sum(1 for token in spaced if not CJK_WORD.search(token)) + len(CJK_WORD.findall(text))


def _jsonld_body(page: PageMeta) -> str | None:
    value = page.jsonld.get("articleBody")
    if not isinstance(value, str) or not value.strip():
        return None
    # Some sites put HTML in articleBody; keep its paragraphs, drop its tags.
    value = re.sub(r"(?i)</p>|<br\s*/?>", "\n\n", value)
    value = re.sub(r"<[^>]+>", " ", value)
    import html

    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", html.unescape(value))]
    return normalize("\n\n".join(p for p in paragraphs if p))
