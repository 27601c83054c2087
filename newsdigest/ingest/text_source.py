"""Plain text sources (browser "select all, copy" dumps, bare articles) through the text-dump cleaner."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import tzinfo

from newsdigest.ingest.article import Article

_SENTENCE = re.compile(r"[.!?…]\s*[\"'”’)]*$")


def _short_prose(text: str) -> str:
    """The text itself when it is a few lines of plain prose.

    The cleaner looks for an article among page furniture and needs a few
    paragraphs to be sure; a file holding just a handful of sentences has no
    furniture to remove, and its sentences are the article.
    """
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    if not lines or len(lines) > 12:
        return ""
    prose = [line for line in lines if (len(line.split()) >= 5 and _SENTENCE.search(line)) or len(line.split()) >= 12]
    if len(prose) < 0.7 * len(lines):
        return ""
    return "\n\n".join(line for line in lines if len(line.split()) >= 4)


def read_text(text: str, *, timezone: tzinfo | None = None) -> Article:
    """The article the text-dump cleaner recovers from `text`."""
    from newsdigest.ingest.textdump import parse_text_dump

    dump = parse_text_dump(text, timezone=timezone)
    if dump.body.strip():
        return dump
    return replace(dump, body=_short_prose(text))
