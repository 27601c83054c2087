"""Text a reader never sees: hidden elements and hover cards, removed before extraction.

Pages carry text that only appears on demand: a person's name opens a hover
card with their photo and latest headlines, a term opens a tooltip, and some
blocks are simply hidden. In the saved HTML all of it sits inside the
sentence, and extractors read it as part of the paragraph ("Rep. Jane DoeJane
DoeLatest: …"). Hidden elements, and cards nested inside their trigger, are
removed; the trigger's own words stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

_CARD_NAMES = ("tooltip", "popover", "popup", "rollover", "hovercard", "hover-card", "flyout")
"""What a hover card's class names hold."""
_CARD = re.compile("|".join(_CARD_NAMES), re.I)
_CARD_LENGTH = 60


def _is_card(node: HtmlElement) -> bool:
    """A card holds more than a word: a picture, several links, or a sentence of its own (not a trigger link)."""
    if node.find(".//img") is not None or len(node.findall(".//a")) >= 2:
        return True
    return len(" ".join(node.text_content().split())) > _CARD_LENGTH


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


_CARD_CLASSES = (*_CARD_NAMES, "Tooltip", "Popover")
"""The card names `_candidates` looks for, case as written: lower case, and the two capitalised forms pages use."""


def _candidates(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The body's elements that may be hidden or a card, in page order: a `hidden` attribute, a style that
    may hide, a card's class name. One walk with a few attribute reads per element: an XPath of these tests
    took twice as long."""
    seen: set[HtmlElement] = set()
    for body in tree.getroottree().getroot().iter("body"):
        for node in body.iterdescendants():
            if not isinstance(node.tag, str) or node in seen:
                continue
            style, classes = node.get("style"), node.get("class")
            if (node.get("hidden") is not None or (style is not None and ("none" in style or "hidden" in style))
                    or (classes is not None and any(mark in classes for mark in _CARD_CLASSES))):
                seen.add(node)
                yield node


def drop_hidden(tree: HtmlElement) -> None:
    """Remove hidden elements and nested hover cards from `tree`, in place."""
    doomed = []
    for node in _candidates(tree):
        if node.get("hidden") is not None or _HIDDEN_STYLE.search(node.get("style") or ""):
            # Some pages hide everything until a script has run: a hidden block that holds
            # the headline or several paragraphs is the page itself, not a hidden extra.
            if node.find(".//h1") is None and len(node.findall(".//p")) < 3:
                doomed.append(node)
            continue
        marks = node.get("class") or ""
        if marks and _CARD.search(marks) and _is_card(node) and any(
            _CARD.search(ancestor.get("class") or "") for ancestor in node.iterancestors()
        ):
            doomed.append(node)
    for node in doomed:
        parent = node.getparent()
        if parent is None:
            continue
        # Keep the text that follows the element: it belongs to the sentence around it.
        if node.tail:
            previous = node.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)
