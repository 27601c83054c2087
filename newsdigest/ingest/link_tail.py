"""The run of links that closes an extracted body: the page's teasers, not the article's last lines.

After an article's last paragraph, publishers put links to other pages in the
same container: "more on this", a list of teaser headlines, a card that links
a headline and its first sentence to another article, "follow us" links. An
extractor that keeps the container keeps them, as plain lines. Whether a line
is a link is a fact of the page, not of the line's words: a line whose text the
page shows (almost) wholly as link text is a link line. A run of link lines at
the end of the body, with the short labels among and before them (the block's
heading, "Read next:" in any language), is cut; a line of prose ends the run,
so an article whose last sentence holds a link keeps it.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsdigest.ingest.body_cleanup import is_furniture
from newsdigest.ingest.html_lead import markdown_words
from newsdigest.ingest.html_site import fold

__all__ = ["drop_link_tail"]

_LINKED = 0.8
"""A line is a link line when link text covers at least this share of its characters."""
_MIN_LINKS = 2
"""The run is cut only when it holds at least this many link lines: one closing link is often the article's source."""
_MAX_LABEL_WORDS = 10
"""A line of at most this many words that does not end like a sentence is a label (a block's heading)."""
_SENTENCE_END = re.compile(r"[.!?…\"”»“)]$")
_NOT_WORD = re.compile(r"[^\w\n]+")


def drop_link_tail(tree: HtmlElement, body: str) -> str:
    """`body` without the run of link lines (and labels among them) that ends it."""
    lines = body.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if len(filled) < 3:
        return body
    anchors = _anchor_texts(tree)
    if not anchors:
        return body
    start = None
    links = labels = 0
    top_link = None
    for index in reversed(filled[1:]):
        text = _plain(lines[index])
        if lines[index].lstrip().startswith("|"):
            break  # a table row is the article's data, whatever it links to
        if not text:
            continue
        if _link_share(text, anchors) >= _LINKED:
            links, top_link = links + 1, index
        elif _is_label(lines[index], text):
            labels += 1
        else:
            break
        start = index
    # Links with a short note under each (an address, a distance) are the article's own list.
    if start is None or top_link is None or links < _MIN_LINKS or labels >= links:
        return body
    above = max((index for index in filled if index < top_link), default=None)
    if above is not None and above >= start and not is_furniture(lines[above]):
        return body  # a list the article introduces under its own heading ("Sources"), not the page's teasers
    return "\n".join(lines[:start]).rstrip()


def _anchor_texts(tree: HtmlElement) -> list[str]:
    """The folded text of every link on the page that has words, longest first, each once."""
    # Its pieces joined with spaces: a card's headline and first sentence are two blocks, not one word where they meet.
    raw = {" ".join(anchor.itertext()) for anchor in tree.iter("a")}
    # Folded all at once (as `fold` folds each): a page has hundreds of links, most of them short.
    folded = _NOT_WORD.sub(" ", "\n".join(text.replace("\n", " ") for text in raw)).lower().split("\n")
    return sorted({text.strip() for text in folded if len(text.strip()) >= 3}, key=len, reverse=True)


def _link_share(text: str, anchors: list[str]) -> float:
    """How much of `text` (folded) the page shows as link text: all of it when a link holds the whole line."""
    remaining = f" {text} "
    for anchor in anchors:
        if len(anchor) >= len(text) and f" {text} " in f" {anchor} ":
            return 1.0
        if f" {anchor} " in remaining:
            remaining = remaining.replace(f" {anchor} ", "  ")
    total = len(text.replace(" ", ""))
    return (total - len(remaining.replace(" ", ""))) / max(1, total)


def _is_label(line: str, text: str) -> bool:
    """Whether `line` (`text` is its `_plain` reading) is a short label: a few words, no sentence's end."""
    words = text.split()
    stripped = re.sub(r"[*_]+$", "", line.strip())
    return 0 < len(words) <= _MAX_LABEL_WORDS and not _SENTENCE_END.search(stripped)


def _plain(line: str) -> str:
    """A Markdown line's words, folded: link targets, emphasis and list marks taken off."""
    return fold(markdown_words(line))
