"""Social-media posts quoted inside an article, put back where the article quotes them.

An article that reports what someone posted embeds the post itself (a
`<blockquote class="twitter-tweet">` and the like). Extractors drop these as
widgets, and the article loses the very words it is about. Each embed whose
text is missing from the body is put back, as a Markdown quote, after the last
paragraph of the body that precedes it on the page.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_EMBEDS = (
    '//blockquote[contains(@class,"twitter-tweet") or contains(@class,"instagram-media")'
    ' or contains(@class,"tiktok-embed") or contains(@class,"bluesky-embed") or contains(@class,"threads-post")]'
)


def restore_embeds(tree: HtmlElement, body: str) -> str:
    """`body` with the page's embedded social posts quoted in place."""
    embeds = tree.xpath(_EMBEDS)
    if not embeds or not body.strip():
        return body
    lines = body.split("\n")
    folded_body = _fold(body)
    for embed in embeds:
        quote = _quote_lines(embed)
        if not quote or _fold(" ".join(quote))[:60] in folded_body:
            continue
        anchor = _anchor_line(embed, lines)
        if anchor is None:
            continue
        block = ["", *(f"> {line}" if line else ">" for line in quote)]
        lines[anchor + 1:anchor + 1] = block
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _quote_lines(embed: HtmlElement) -> list[str]:
    """The embed's text as the page shows it: the post, then its signature line."""
    paragraphs = [" ".join(p.text_content().split()) for p in embed.iter("p")]
    paragraphs = [p for p in paragraphs if p]
    whole = " ".join(embed.text_content().split())
    rest = whole
    for paragraph in paragraphs:
        rest = rest.replace(paragraph, "", 1)
    rest = " ".join(rest.split())
    lines = list(paragraphs)
    if rest:
        lines.extend(["", rest])
    return lines if len(whole.split()) >= 3 else []


def _anchor_line(embed: HtmlElement, lines: list[str]) -> int | None:
    keys = [_fold(line)[:60] for line in lines]
    for previous in embed.itersiblings(preceding=True):
        found = _line_of(previous, keys)
        if found is not None:
            return found
    for previous in embed.xpath("preceding::p[position() <= 8]")[::-1]:
        found = _line_of(previous, keys)
        if found is not None:
            return found
    return None


def _line_of(element: HtmlElement, keys: list[str]) -> int | None:
    if not isinstance(element.tag, str):
        return None
    texts = [element] if element.tag == "p" else list(element.iter("p"))[::-1]
    for node in texts:
        key = _fold(" ".join(node.text_content().split()))[:60]
        if len(key) < 20:
            continue
        for index in range(len(keys) - 1, -1, -1):
            if keys[index] and keys[index].startswith(key[:40]):
                return index
    return None


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", re.sub(r"[*_`#>]", "", text)).strip().lower()
