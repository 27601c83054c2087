"""The end of a body that the page shows outside the article's container: a sign-off of the site, not the story.

An extractor that keeps an article keeps, now and then, what follows it on the
page too: a newsletter prompt, a "more on this topic" heading, the site's
address, a "like this" counter. On the page these sit outside the element that
holds the article's paragraphs (a sibling box, the page's footer), where the
article's own last paragraphs sit inside it. So the body's lines are found on
the page, the container is the smallest element holding most of the body's
words, and a final run of lines that the page shows outside that container is
cut, but only where the page itself marks that run as apart from the article:
each of its lines sits in the page's furniture (an aside, a footer, a box
classed as related, newsletter, share…) or outside every `<main>` and
`<article>` of a page that has them. The container alone is not enough: an
article's conclusion or references in a sibling block of its own sit outside
the container of its other paragraphs too. Lines the page does not show as
one element are left alone, and a run that is more than a small share of the
body is kept (the container was then not the article's).
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from newsdigest.ingest.split_article import fold, in_furniture

_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "dd", "dt", "figcaption", "pre")
_KEY_CHARS = 40
_MIN_KEY_CHARS = 10
_ARTICLE_SHARE = 0.85
"""The container holds at least this share of the words of the body's lines found on the page."""
_MAX_CUT_SHARE = 0.25
"""A trailing run of more than this share of the body's words is kept."""


def cut_outside_tail(tree: HtmlElement, body: str) -> str:
    """`body` without its final lines that the page shows outside the container of the article's other lines."""
    lines = body.split("\n")
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if len(filled) < 4:
        return body
    homes = line_homes(tree, lines, filled)
    words = {index: len(lines[index].split()) for index in filled}
    found = sum(words[index] for index in filled if homes[index] is not None)
    if not found:
        return body
    article = _container(homes, words, found)
    if article is None:
        return body
    inside = [index for index in filled if homes[index] is not None and _within(homes[index], article)]
    if not inside:
        return body
    tail = [index for index in filled if index > inside[-1]]
    if not any(homes[index] is not None for index in tail):
        return body
    if sum(words[index] for index in tail) > _MAX_CUT_SHARE * sum(words.values()):
        return body
    sections = _SECTION_PATH(tree)
    if not all(_set_apart(home, sections) for index in tail if (home := homes[index]) is not None):
        return body
    return "\n".join(lines[: inside[-1] + 1]).rstrip()


def line_homes(tree: HtmlElement, lines: list[str], indexes: list[int]) -> dict[int, HtmlElement | None]:
    """For each of the lines at `indexes`, the block element of the page whose text starts as the line does, if one does."""
    wanted = {fold(lines[index])[:_KEY_CHARS] for index in indexes}
    homes_by_key: dict[str, HtmlElement] = {}
    for element in _BLOCK_PATH(tree):
        key = fold(_OPENING(element))[:_KEY_CHARS]
        if len(key) >= _MIN_KEY_CHARS and key in wanted:
            homes_by_key[key] = element
    return {index: homes_by_key.get(fold(lines[index])[:_KEY_CHARS]) for index in indexes}


_BLOCK_PATH = etree.XPath("|".join(f"//{tag}" for tag in _BLOCKS))
_OPENING = etree.XPath(f"substring(normalize-space(.), 1, {4 * _KEY_CHARS})")
"""An element's first words, in C: the key needs no more, and reading a long element's whole text is what costs."""


_SECTION_PATH = etree.XPath("//main|//article")


def _set_apart(element: HtmlElement, sections: list[HtmlElement]) -> bool:
    """Whether the page marks `element` as apart from the article: furniture, or outside its `<main>`/`<article>`."""
    return in_furniture(element) or bool(sections) and not any(_within(element, section) for section in sections)


def _container(homes: dict[int, HtmlElement | None], words: dict[int, int], found: int) -> HtmlElement | None:
    """The deepest element that holds at least `_ARTICLE_SHARE` of the found words."""
    held: dict[HtmlElement, int] = {}
    depth: dict[HtmlElement, int] = {}
    for index, home in homes.items():
        if home is None:
            continue
        chain = [home, *home.iterancestors()]
        for level, element in enumerate(reversed(chain)):
            held[element] = held.get(element, 0) + words[index]
            depth[element] = level
    enough = [element for element, count in held.items() if count >= _ARTICLE_SHARE * found]
    return max(enough, key=lambda element: depth[element]) if enough else None


def _within(element: HtmlElement, container: HtmlElement) -> bool:
    return element is container or any(ancestor is container for ancestor in element.iterancestors())
