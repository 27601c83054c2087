"""Articles that a page splits into several containers of the same kind.

Some publishers cut an article into chunks (to put an advertisement or a
newsletter box between them) and give every chunk the same element and class.
An extractor that picks "the" main container then returns the first chunk
only. If the paragraphs it found sit in such a container, and sibling or cousin
containers of exactly the same kind hold more paragraphs, those are the rest of
the same article, and they are put back in page order.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement

from newsdigest.ingest.html_site import fold

_PARAGRAPHS = ("p", "h2", "h3", "h4", "li", "blockquote")
_MIN_CHARS = 40


def complete_split_article(tree: HtmlElement, body: str) -> str:
    """`body` with the paragraphs of same-kind sibling containers added in page order."""
    body_lines = [line for line in body.split("\n")]
    known = {_key(line): index for index, line in enumerate(body_lines) if len(_key(line)) >= 20}
    if not known:
        return body
    signatures: Counter[tuple[str, str]] = Counter()
    homes: dict[tuple[str, str], list[HtmlElement]] = {}
    for node in tree.iter("p"):
        text = _text(node)
        if len(text) < _MIN_CHARS or _key(text) not in known:
            continue
        container = _container(node)
        if container is None:
            continue
        signature = (container.tag, container.get("class", ""))
        signatures[signature] += 1
        homes.setdefault(signature, []).append(container)
    if not signatures:
        return body
    signature, found = signatures.most_common(1)[0]
    if found < 2:
        return body
    # Sets of the elements themselves (not their ids): an lxml proxy's id is only
    # stable while the proxy is referenced, and these sets keep them referenced.
    anchors = set(homes[signature])
    family = {a for c in homes[signature] for a in _ancestors(c, 2)}
    chunks = [
        element for element in tree.iter(signature[0])
        if element.get("class", "") == signature[1] and (
            element in anchors or any(a in family for a in _ancestors(element, 2))
        )
    ]
    chunks = [chunk for chunk in chunks if chunk in anchors or not _in_furniture(chunk)]
    if len(chunks) < 2:
        return body
    result = list(body_lines)
    positions = dict(known)
    last = -1
    added = 0
    for chunk in chunks:
        for node in chunk.iter(*_PARAGRAPHS):
            if node.tag != "p" and any(a.tag == "p" for a in node.iterancestors()):
                continue
            text = _text(node)
            if len(text) < _MIN_CHARS:
                continue
            key = _key(text)
            if key in positions:
                last = positions[key]
                continue
            if len(text.split()) < 8 or not re.search(r"[.!?”\"’)]$", text):
                continue  # a caption or a label, not a paragraph of prose
            line = text if node.tag == "p" else _markdown(node.tag, text)
            insert_at = last + 1 if last >= 0 else len(result)
            result[insert_at:insert_at] = ["", line]
            positions = {k: (v + 2 if v >= insert_at else v) for k, v in positions.items()}
            positions[key] = insert_at + 1
            last = insert_at + 1
            added += len(text.split())
    if added < 30:
        return body
    return re.sub(r"\n{3,}", "\n\n", "\n".join(result)).strip()


_FURNITURE_TAGS = frozenset({"aside", "nav", "footer", "form", "header"})
_FURNITURE_CLASS = re.compile(r"comment(?!ary)|related|recommend|sidebar|footer|teaser|promo|newsletter|share|more-from", re.IGNORECASE)


def _in_furniture(element: HtmlElement) -> bool:
    """True when an element sits in the page's furniture: comments, related links, sidebars, footers."""
    for node in (element, *element.iterancestors()):
        if node.tag in _FURNITURE_TAGS:
            return True
        marks = " ".join(filter(None, (node.get("class"), node.get("id"))))
        if marks and _FURNITURE_CLASS.search(marks):
            return True
    return False


def _container(node: HtmlElement) -> HtmlElement | None:
    for ancestor in _ancestors(node, 3):
        if ancestor.get("class"):
            return ancestor
    return None


def _ancestors(node: HtmlElement, depth: int) -> list[HtmlElement]:
    found = []
    current = node.getparent()
    while current is not None and len(found) < depth:
        found.append(current)
        current = current.getparent()
    return found


def _markdown(tag: str, text: str) -> str:
    """A block's text as the Markdown of its kind of element: a heading, a list item, a quote, a paragraph."""
    if tag in ("h2", "h3", "h4"):
        return "#" * int(tag[1]) + " " + text
    if tag == "li":
        return "- " + text
    if tag == "blockquote":
        return "> " + text
    return text


def _text(node: HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _key(text: str) -> str:
    return _fold(text)[:80]


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`#>]")


def _fold(text: str) -> str:
    """Text as words only (`html_site.fold`) once Markdown's link targets and marks are gone, to find a block in a
    body."""
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    return fold(_MARKS.sub("", text))
