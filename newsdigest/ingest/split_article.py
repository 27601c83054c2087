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
_HEADINGS = ("h2", "h3", "h4")
_OTHER_CONTENT = ("table", "figure", "img", "pre", "iframe", "video")
_MIN_CHARS = 40
_FAMILY_DEPTH = 4
"""How far up a chunk and a container of the article may meet: a page builder wraps each chunk in a section, a
row and a column of its own, so the chunks are cousins three or four levels apart, not siblings."""


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
    # Sets and maps of the elements themselves (not their ids): an lxml proxy's id is only
    # stable while the proxy is referenced, and these keep them referenced.
    anchors = set(homes[signature])
    meetings = _meetings(homes[signature])
    shared = {a for c in homes[signature] for a in c.iterancestors()}
    chunks = [
        element for element in tree.iter(signature[0])
        if element.get("class", "") == signature[1] and (element in anchors or (
            _same_template(element, meetings) and not _in_furniture(element, shared)))
    ]
    if len(chunks) < 2:
        return body
    return _merged(body, body_lines, known, chunks)


def _merged(body: str, body_lines: list[str], known: dict[str, int], chunks: list[HtmlElement]) -> str:
    """`body` with the chunks' new blocks where the page has them: after the body's line that comes before them in
    the chunks or, for blocks ahead of every line the body has, before the first line that follows them.

    A heading (`h2`-`h4`) is kept when prose the chunks hold follows it, with no table, figure or code between: it
    names the part of the article that prose opens. One pass, the body put together once: a long page adds hundreds of
    blocks."""
    present = {_key(line) for line in body_lines}
    after: dict[int, list[str]] = {}
    before: dict[int, list[str]] = {}
    ahead: list[str] = []  # new blocks before any line of the body
    last = -1
    heading: str | None = None
    added = 0

    def place(line: str) -> None:
        present.add(_key(line))
        (after.setdefault(last, []) if last >= 0 else ahead).append(line)

    for chunk in chunks:
        for node in chunk.iter(*_PARAGRAPHS, *_OTHER_CONTENT):
            if node.tag in _OTHER_CONTENT:
                heading = None  # it names content this step does not carry over, which a later step may restore
                continue
            if _holds_block(node):
                continue  # its inner blocks are read one by one: taken whole too, their text would show twice
            text = _text(node)
            key = _key(text)
            if node.tag in _HEADINGS and not (len(text) >= _MIN_CHARS and key in known):
                heading = _markdown(node.tag, text) if key and key not in present else None
                continue
            prose = len(text) >= _MIN_CHARS and (key in known or (
                len(text.split()) >= 8 and re.search(r"[.!?”\"’)]$", text) is not None))
            if not prose:
                continue  # a caption or a label, not a paragraph of prose
            if heading and _key(heading) not in present:
                place(heading)
            heading = None
            if key in known:
                if last < 0 and ahead:
                    before[known[key]] = ahead
                last = known[key]
            elif key not in present and not _pointer(node):
                place(_markdown(_kind(node, chunk), text))
                added += len(text.split())
    if added < 30:
        return body
    if last < 0:
        before[len(body_lines)] = ahead
    result: list[str] = []
    for index, line in enumerate([*body_lines, ""]):
        for new in before.get(index, ()):
            result += ["", new, ""]
        result.append(line)
        for new in after.get(index, ()):
            result += ["", new, ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(result)).strip()


def _holds_block(node: HtmlElement) -> bool:
    """Whether a block holds blocks of its own (a list item of a number and a paragraph, a quote of paragraphs)."""
    return any(inner is not node for inner in node.iter(*_PARAGRAPHS))


def _pointer(node: HtmlElement) -> bool:
    """Whether a block is set apart in italics around a link: an editor's pointer to another article ("More on
    that project here: …"), not the article's own prose, though the page builder puts it in the article's chunk."""
    if node.find(".//a[@href]") is None:
        return False
    for element in node.iter():
        if element.text and element.text.strip() and not _set_apart(element, node):
            return False
        if element is not node and element.tail and element.tail.strip() and not _set_apart(element.getparent(), node):
            return False
    return True


def _set_apart(element: HtmlElement, block: HtmlElement) -> bool:
    """Whether text directly in `element` is in italics or a link within `block`."""
    for node in (element, *element.iterancestors()):
        if node is block:
            return False
        if node.tag in ("i", "em", "a"):
            return True
    return False


def _kind(node: HtmlElement, chunk: HtmlElement) -> str:
    """The kind of block a block's text is shown as: a paragraph in a list item or a quote is shown as that."""
    for element in (node, *node.iterancestors()):
        if element is chunk:
            break
        if element.tag in ("li", "blockquote"):
            return str(element.tag)
    return str(node.tag)


_FURNITURE_TAGS = frozenset({"aside", "nav", "footer", "form", "header"})
_FURNITURE_CLASS = re.compile(r"comment(?!ary)|related|recommend|sidebar|footer|teaser|promo|newsletter|share|more-from", re.IGNORECASE)


def _in_furniture(element: HtmlElement, shared: set[HtmlElement]) -> bool:
    """True when an element sits in the page's furniture: comments, related links, sidebars, footers. Only the
    element and its ancestors below those it shares with the article are read: a class the article's own
    containers carry ("content-sidebar-wrap", a page's "no-sidebar") names the page's layout, not a block of it."""
    for node in (element, *element.iterancestors()):
        if node in shared:
            break
        if node.tag in _FURNITURE_TAGS:
            return True
        marks = " ".join(filter(None, (node.get("class"), node.get("id"))))
        if marks and _FURNITURE_CLASS.search(marks):
            return True
    return False


_Lineage = tuple[tuple[str, str], ...]


def _meetings(anchors: list[HtmlElement]) -> dict[HtmlElement, set[_Lineage]]:
    """For each ancestor of the article's containers within `_FAMILY_DEPTH` levels, the kinds of element on the way
    up from one of them to it (as many as it is levels up): the path a chunk repeating the template takes there."""
    meetings: dict[HtmlElement, set[_Lineage]] = {}
    for anchor in anchors:
        lineage = _lineage(anchor, _FAMILY_DEPTH)
        for level, ancestor in enumerate(_ancestors(anchor, _FAMILY_DEPTH)):
            meetings.setdefault(ancestor, set()).add(lineage[:level])
    return meetings


def _same_template(element: HtmlElement, meetings: dict[HtmlElement, set[_Lineage]]) -> bool:
    """Whether `element` meets a container of the article within `_FAMILY_DEPTH` levels, as far up and through the
    same kinds of element (tag and class) as that container does: the page's template repeated for the next chunk,
    not a card elsewhere in the page that happens to share the chunk's class, nor a block of it under another
    kind of wrapper."""
    lineage = _lineage(element, _FAMILY_DEPTH)
    for level, ancestor in enumerate(_ancestors(element, _FAMILY_DEPTH)):
        if ancestor in meetings:
            return lineage[:level] in meetings[ancestor]
    return False


def _lineage(node: HtmlElement, depth: int) -> tuple[tuple[str, str], ...]:
    """The kinds (tag and class) of `node`'s nearest `depth` ancestors, nearest first."""
    return tuple((str(a.tag), a.get("class", "")) for a in _ancestors(node, depth))


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
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_MARKS = re.compile(r"[*_`#>]")


def _fold(text: str) -> str:
    """Text as words only (`html_site.fold`) once Markdown's link targets and marks are gone, to find a block in a
    body."""
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "\\" in text:  # Markdown's escapes ("Leser\*innen"): the page's text has the character alone
        text = _ESCAPE.sub(r"\1", text)
    return fold(_MARKS.sub("", text))
