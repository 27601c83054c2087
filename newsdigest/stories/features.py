"""What an editor looks at to tell whether two articles report the same event.

A post is reduced to four bags of terms, each answering one question:

- `words`: what is it about? Content words of headline and body.
- `names`: who and where? Capitalised names (people, places, organisations)
  found in running text, whole and word by word, so that "Tara Reid" and a
  later plain "Reid" still meet.
- `numbers`: which figures? Counts, ages, scores, sums and years.
- `headline`: how did the outlet sum it up? Content words of the title.

Names and numbers are what keep two earthquakes, or two rehab stays, apart
when the vocabulary around them is the same, so they get their own bags rather
than drowning among the words. Nothing here knows any outlet, site or phrase:
only the shape of English news text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsdigest.model import Post, When
from newsdigest.stories.sentences import GROUPING_STOP_WORDS, MONTHS, WEEKDAYS

_TOKEN = re.compile(r"(?<![\w.])(?>\d+(?:[.,]\d+)*)(?!\w)|[^\W\d_]+(?:['’\-][^\W\d_]+)*")
"""A figure (1,200 or 3.5) or a word (with inner apostrophes and hyphens)."""
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_LOWER = "a-zß-öø-ÿāăąćčďđēęěğīıłńňōőœřśşšţťūůűźżž"
_NAME_WORD = rf"(?:[{_UPPER}][{_LOWER}]+(?:['’\-][{_UPPER}{_LOWER}]+|[{_UPPER}][{_LOWER}]+)*|[{_UPPER}]{{2,}}s?)"
"""A capitalised word ("Viña", "McCain", "O'Neill-Smith") or an acronym ("NATO", "CEOs")."""
_CONNECTORS = frozenset(["of", "de", "del", "la", "le", "van", "von", "der", "al", "bin", "da", "du"])
_NAME = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:(?:{'|'.join(sorted(_CONNECTORS))})\s+)?{_NAME_WORD})*")
_SENTENCE_START = re.compile(r"(?:[.!?:;\"“”]\s+|\n\s*)$")
_OPENING = frozenset(" \t\n\"“”'‘")
"""Characters that can directly precede a sentence's first word (the regex confirms)."""
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Features:
    """The terms of one post, each bag as term -> count."""

    post_id: str
    words: dict[str, int]
    names: dict[str, int]
    numbers: dict[str, int]
    headline: dict[str, int]
    published: When | None


def extract(post: Post) -> Features:
    """Reduce a post to the bags of terms that grouping compares."""
    body = post.body or ""
    title = post.title or ""
    text = f"{title}\n{body}"
    names = _names(body)
    if not _is_title_case(title):
        # A sentence-case headline capitalises only names, so its names count too.
        names = _names(title, names)
    words, numbers = _words_and_numbers(text)
    headline, _ = _words_and_numbers(title)
    return Features(post.id, words, names, numbers, headline, post.published)


def _words_and_numbers(text: str) -> tuple[dict[str, int], dict[str, int]]:
    # One pass of the regex, counted in C; then set operations, not a Python test per word,
    # sort the distinct tokens into words and figures (this runs 100,000 times in a benchmark).
    counts = Counter(_TOKEN.findall(text.lower()))
    for stop in GROUPING_STOP_WORDS.intersection(counts):
        del counts[stop]
    numbers: dict[str, int] = {}
    odd = [t for t in counts if t[0] <= "9" or len(t) == 1 or "'" in t or "’" in t]
    for token in odd:
        count = counts.pop(token)
        if token[0] <= "9":
            value = token.replace(",", "")
            if value not in ("0", "1"):
                numbers[value] = numbers.get(value, 0) + count
            continue
        token = token.replace("’", "'")
        token = token.removesuffix("'s")
        if len(token) > 1 and token not in GROUPING_STOP_WORDS:
            counts[token] += count
    return dict(counts), numbers


def _names(text: str, into: dict[str, int] | None = None) -> dict[str, int]:
    """Capitalised runs, whole and word by word, that are names rather than a sentence's first word.

    A run of one word that opens a sentence ("Police said…", "Three died…") is
    capitalised by grammar, not because it is a name: it counts only if the
    same word also appears capitalised in mid-sentence somewhere in the text.
    """
    out: dict[str, int] = dict(into) if into else {}
    openers: list[str] = []
    for match in _NAME.finditer(text):
        parts = match.group(0).split()
        start = match.start()
        at_start = start == 0 or (
            text[start - 1] in _OPENING and _SENTENCE_START.search(text, max(0, start - 3), start)
        )
        if at_start and parts[0].lower() in GROUPING_STOP_WORDS:
            parts = parts[1:]
        kept = []
        for part in parts:
            if part[-1] in "s'’" and ("'" in part or "’" in part):
                part = _POSSESSIVE.sub("", part)
            low = part.lower()
            if part and low not in GROUPING_STOP_WORDS and low not in _CALENDAR:
                kept.append(low)
        if not kept:
            continue
        if at_start and len(kept) == 1:
            openers.append(kept[0])
            continue
        whole = " ".join(kept)
        out[whole] = out.get(whole, 0) + 1
        if len(kept) > 1:
            for part in kept:
                if len(part) > 2 and part not in _CONNECTORS:
                    out[part] = out.get(part, 0) + 1
    for word in openers:
        if word in out:
            out[word] += 1
    return out


_CALENDAR = frozenset((*WEEKDAYS, *MONTHS)) - {"may"}
"""Capitalised, but every story has a weekday: they would tie unrelated events together. Less "may", which is as
often the modal verb ("Prices May Rise") as the month: as a grouping stop word it is dropped before this test."""


def _is_title_case(title: str) -> bool:
    """True when most words of a headline are capitalised ("Quake Hits City")."""
    words = [w for w in re.findall(r"[^\W\d_]+", title) if len(w) > 3]
    if len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) / len(words) > 0.6
