"""python-markdown, set up for the bodies of posts and the editor's notes: Markdown → HTML, not yet sanitised.

Its own module because importing python-markdown is costly and most builds
convert nothing: `markdown_html.render_markdown` answers from the last build's
conversions and imports this module only for a text it has not seen.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as etree

import markdown as md
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class _RankHeadings(Treeprocessor):
    """Body headings start at `<h2>` (the page owns `<h1>`) and never skip a level.

    The levels a body uses are ranked: with `#` and `###` only, they become
    `<h2>` and `<h3>`, so outlines stay valid whatever the outlet's habits.
    """

    def run(self, root: etree.Element) -> None:
        headings = [el for el in root.iter() if re.fullmatch(r"h[1-6]", str(el.tag))]
        levels = sorted({int(el.tag[1]) for el in headings})
        rank = {level: min(2 + index, 6) for index, level in enumerate(levels)}
        for element in headings:
            element.tag = f"h{rank[int(element.tag[1])]}"


class _RankHeadingsExtension(Extension):
    def extendMarkdown(self, md_instance: md.Markdown) -> None:
        md_instance.treeprocessors.register(_RankHeadings(md_instance), "rank_headings", 5)


def markdown_to_html(text: str) -> str:
    """The HTML python-markdown makes of `text` (tables, footnotes, definition lists via `extra`)."""
    converter = _converter()
    try:
        return converter.convert(text or "")
    finally:
        converter.reset()  # footnotes, abbreviations and the like belong to one text only


_local = threading.local()


def _converter() -> md.Markdown:
    """This thread's converter: setting one up costs more than converting a typical article,
    and a site renders thousands (a `Markdown` instance is not safe to share between threads)."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = md.Markdown(extensions=["extra", "sane_lists", _RankHeadingsExtension()], output_format="html")
        _local.converter = converter
    return converter
