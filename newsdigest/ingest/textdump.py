"""Browser text dumps ("select all, copy") -> a clean Markdown article and its metadata.

(Minimal first version: the interface is stable, the heuristics are being improved.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

__all__ = ["LineDecision", "TextDump", "parse_text_dump"]


@dataclass(frozen=True)
class LineDecision:
    """Why one line of the source was kept or dropped (for `ingest --explain`)."""

    number: int
    text: str
    kept: bool
    reason: str


@dataclass(frozen=True)
class TextDump:
    """What the cleaner recovered from a text dump."""

    body: str
    title: str | None
    title_derived: bool
    authors: tuple[str, ...]
    published: datetime | None
    updated: datetime | None
    outlet: str | None
    section: str | None
    tags: tuple[str, ...]
    image: str | None
    url: str | None
    lang: str | None
    lines: tuple[LineDecision, ...]


_SENTENCE_END = re.compile(r"[.!?:;\"'”’)]\s*$")


def parse_text_dump(text: str, *, timezone: tzinfo | None = None) -> TextDump:
    """Clean a text dump into an article body plus whatever metadata the text states."""
    decisions: list[LineDecision] = []
    kept: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        ok = len(stripped.split()) >= 8 and bool(_SENTENCE_END.search(stripped))
        decisions.append(LineDecision(number, line, ok, "prose" if ok else "short or not a sentence"))
        if ok:
            kept.append(stripped)
    return TextDump(
        body="\n\n".join(kept),
        title=None,
        title_derived=False,
        authors=(),
        published=None,
        updated=None,
        outlet=None,
        section=None,
        tags=(),
        image=None,
        url=None,
        lang=None,
        lines=tuple(decisions),
    )
