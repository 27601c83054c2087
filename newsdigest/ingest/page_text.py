"""A saved page's visible text, one block per line, roughly as a browser would copy it.

Used to show an editor what of a page became the article (`ingest --explain`),
and to give the text-dump cleaner a page to read when the HTML extractor finds
too little.
"""

from __future__ import annotations

from lxml.html import HtmlElement

_BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "br", "title"]
)
_INVISIBLE = frozenset(["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button", "select", "option"])


def page_lines(tree: HtmlElement) -> list[str]:
    """The visible text of `tree`, a line per block element, empty lines removed."""
    root = tree.find(".//body")
    if root is None:
        root = tree
    parts: list[str] = []
    _walk(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _walk(node: HtmlElement, parts: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _INVISIBLE or not tag:
        if node.tail:
            parts.append(node.tail)
        return
    block = tag in _BLOCKS
    if block:
        parts.append("\n")
    if tag in ("td", "th"):
        parts.append(" ")
    if node.text:
        parts.append(node.text)
    for child in node:
        _walk(child, parts)
    if block:
        parts.append("\n")
    if node.tail:
        parts.append(node.tail)
