"""Lines that only say when: a dateline, a 'Posted … at …' or 'Last updated …' stamp.

Two versions printed the same afternoon carry stamps that look alike ("Posted: Apr 2, 2026 1:10 PM" and
"Posted: Apr 2, 2026 4:45 PM") without one having taken a word from the other, so whatever weighs what two
versions share in their own words leaves these lines out.

A line is a stamp only when it writes a date or a clock time and has at most one other word besides its
stamp words ("Thursday, Apr 2, 2026", "Monday 4 May 2026 10.30 BST"), or when it opens with a stamp label
directly followed by its date or time ("Posted on 04/02/2026 at 1:10 pm by the news desk"). A sentence that
tells something and dates it ("It happened on April 9, 2025.", "The fire started at 4 a.m. on Monday.") or
that opens with the same word as prose ("Updated rules take effect Monday.") is prose, and prose is never
left out of a count.
"""

from __future__ import annotations

import re

from newsdigest.ingest.dates import find_dates
from newsdigest.stories.sentences import STAMP_WORDS

__all__ = ["is_stamp"]

_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3])[:h][0-5]\d\b|\b(?:1[0-2]|0?[1-9])\s*[ap]\.?\s?m\b\.?", re.IGNORECASE)
"""A time of day written without a date ("10:42", "7 p.m."; not "4.50", which is as often a price)."""
_LABEL = re.compile(r"^\W*(?:[A-Za-z]+\s+)?(?:posted|published|updated|created|edited|modified)(?:\s+time)?"
                    r"(?:\s*:|\s+(?:on|at)\b)?\s*", re.IGNORECASE)
"""A stamp's opening label ("Last updated", "First posted", "Edited time"), with the ':' / 'on' / 'at' that leads
to its date: the label alone is a word prose opens with too ("Posted guards stood at the gate.")."""
_SPACED = re.compile(r"(?<=\d)\s*([:/])\s*(?=\d)|(?<=\b[ap])\.\s(?=m\b)", re.IGNORECASE)
"""The spaces a sentence splitter leaves inside a written time or date ("11: 00", "05 / 03 / 2013", "p. m.")."""
OTHER_WORDS = 1
"""Words a stamp may carry besides its date, time and stamp words (a zone, 'ET', a city)."""


def is_stamp(sentence: str) -> bool:
    """Whether the line only says when (see the module doc)."""
    sentence = _SPACED.sub(lambda m: m.group(1) or ".", sentence)
    spans = [(f.start, f.end) for f in find_dates(sentence)]
    spans += [m.span() for m in _CLOCK.finditer(sentence)
              if not any(a < m.end() and m.start() < b for a, b in spans)]
    if not spans:
        return False
    label = _LABEL.match(sentence)
    if label and any(start == label.end() for start, _ in spans):
        return True
    rest = sentence
    for start, end in spans:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    return len(re.findall(r"[A-Za-z]{2,}", STAMP_WORDS.sub(" ", rest))) <= OTHER_WORDS
