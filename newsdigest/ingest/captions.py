"""Picture captions that the body extractor kept as lines of the article, taken out again.

A caption describes a picture: who is in it, where it was taken, whose it is. It
is not part of the article's text (a reader who copies the article leaves it
out with the picture, and the summaries must not take "the minister, left, on
Tuesday" for a sentence of the story). Extractors keep it when the page sets it
in the article's container as a plain block. Whether a line is a caption is a
fact of the page: the page shows its text only inside a caption (`<figcaption>`,
or an element the page itself calls a caption), never in the article's running
text. A line the page also shows outside its captions stays.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from newsdigest.ingest.html_lead import markdown_words
from newsdigest.ingest.html_site import fold

__all__ = ["drop_captions"]

_CAPTIONS = etree.XPath('//figcaption | //*[contains(@class, "caption")]')
"""A `<figcaption>`, or an element whose class calls it a caption."""
_MIN_WORDS = 2
"""A line of one word ("Photo") says too little to tell where the page shows it."""
_MAX_CHARACTERS = 800
"""A caption is a few sentences at most: a longer block that calls itself one (a page whose every picture can
be enlarged marks its whole body "captions") holds the article."""


def drop_captions(tree: HtmlElement, body: str) -> str:
    """`body` without the lines that the page shows only as a picture's caption."""
    captions = _caption_texts(tree)
    if not captions:
        return body
    joined = f" {' | '.join(captions)} "
    longest = 2 * max(map(len, captions)) + 100  # a line longer than this holds more than a caption, links and all
    page = None
    lines = body.split("\n")
    kept = []
    for line in lines:
        text = fold(markdown_words(line)) if len(line) <= longest else ""
        if len(text.split()) >= _MIN_WORDS and f" {text} " in joined:
            if page is None:
                page = f" {fold(' '.join(tree.itertext()))} "
            if page.count(f" {text} ") <= joined.count(f" {text} "):
                continue
        kept.append(line)
    return "\n".join(kept) if len(kept) < len(lines) else body


def _caption_texts(tree: HtmlElement) -> list[str]:
    """The folded text of each caption on the page, outermost only."""
    texts = []
    counted: set[HtmlElement] = set()
    for element in _CAPTIONS(tree):  # in document order: an outer caption comes before the ones inside it
        if any(ancestor in counted for ancestor in element.iterancestors()):
            continue  # counted with its outermost caption
        text = " ".join(element.itertext())
        if len(text) <= _MAX_CHARACTERS and (text := fold(text)):
            texts.append(text)
            counted.add(element)
    return texts
