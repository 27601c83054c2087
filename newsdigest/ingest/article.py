"""What every source reader returns: the article and what the source says about it.

The three readers (Markdown, HTML, text dump) differ in everything but this.
`run.py` turns an `Article` into a `Post` (adding the id, the source path and
the outlet as the editor named it), so a reader never needs to know where its
file lives. Fields a source does not state stay `None` or empty: unknown stays
unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Article:
    body: str
    """The article in Markdown, without its headline."""
    title: str | None = None
    title_derived: bool = False
    """True when the source states no headline and `title` was made from the lead."""
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    outlet: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    url: str | None = None
    lang: str | None = None
    excerpt: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Keys of the source's own front matter that have no place above; kept, never lost."""


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_MARKDOWN_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|[*_`#>]")


def derive_headline(body: str, *, max_words: int = 12) -> str | None:
    """A short, honest headline from the lead: its first sentence, cut at a word boundary.

    Used only where the source states none; the post then says `title_derived: true`
    so that no reader mistakes it for the outlet's own headline.
    """
    for paragraph in body.split("\n"):
        text = _MARKDOWN_NOISE.sub(lambda m: m.group(1) or "", paragraph).strip(" -*•\t")
        if len(text.split()) < 5:
            continue
        sentence = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
        words = sentence.split()
        if len(words) <= max_words:
            return sentence.rstrip(".")
        cut = " ".join(words[:max_words])
        # Do not leave a dangling small word at the end of a cut headline.
        cut = re.sub(r"(?:\s+\S{1,3}|[,;:])+$", "", cut)
        return cut.rstrip(",;:") + "…"
    return None
