"""Places the versions name differently for one event: "the 2008 event in Harwick" against "in Harlow".

Figures carry their own evidence of being one quantity (a kind, a unit, an
order); a place name carries none. Versions of one story name many places, and
most differences are of scale or of event ("in Brooklyn" / "in New York"; a
ceremony in one town, a speech in another), not of fact. So a place is set
against another only when everything says they stand for one place:

* each is a one-word name the sentence puts after a preposition of place
  ("in", "at", "near", "outside"), ending its noun phrase ("in Harwick",
  not "in Harwick County" or "in British television"), outside quotes;
* each version names only its own: neither ever names the other's place, so
  neither is a second place of the story;
* the two names are near-spellings of each other (`CONFUSABLE`): one place
  misheard or misread, not two places of different scale;
* the two sentences state one fact: they share at least `SHARED` content words
  besides the places, and their IDF-weighted cosine over the story's
  statements reaches `ALIKE`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsdigest.model import Claim, Disagreement, Post
from newsdigest.stories.counterparts import Casing, names
from newsdigest.stories.sentences import _WORD, STOP_WORDS, content_tokens

__all__ = ["ALIKE", "CONFUSABLE", "SHARED", "place_disputes"]

CONFUSABLE = 0.6
"""Spelling likeness (difflib's ratio) from which two names may be one place garbled: "Harwick" / "Harlow"
share their opening and most letters; "Brooklyn" / "Queens" or "Iran" / "Afghanistan" do not."""

SHARED = 2
"""Content words (places aside) two sentences must share to be one statement: a place is all that differs."""

ALIKE = 0.15
"""IDF-weighted cosine two sentences must reach as well: their shared words must be ones the story does not
use everywhere. On the analysis development set (104 stories) only four pairs of near-spelled places pass
the other tests; the one place really told two ways scores 0.19, the others 0.0-0.08 (a state against a
town in it; "Senate" against "Center")."""

_PLACE_PREPOSITIONS = {"in", "at", "near", "outside"}
_QUOTED = re.compile(r"“[^“”]*(?:”|$)|\"[^\"]*(?:\"|$)")


@dataclass(frozen=True)
class _Place:
    post: int
    sentence: int
    name: str
    """As written: 'Harwick'."""


_CUE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?[A-Z]", re.I)
"""A preposition of place before a capital: the cheap test that spares most sentences the reading of names."""


def _places(sentence: str, casing: Casing) -> list[tuple[str, int]]:
    """(name as written, offset) of the one-word places a sentence names after a preposition of place."""
    if not any(m.group(0)[-1].isupper() for m in _CUE.finditer(sentence)):
        return []
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]
    named = {at for at, _, acts in names(sentence, casing) if not acts}
    found = []
    words = list(_WORD.finditer(sentence))
    for k, word in enumerate(words):
        if word.start() not in named or any(a <= word.start() < b for a, b in quoted):
            continue
        before = [w.group(0).lower() for w in words[max(0, k - 2):k]]
        if not before or (before[-1] not in _PLACE_PREPOSITIONS
                          and not (before[-1] == "the" and len(before) == 2 and before[0] in _PLACE_PREPOSITIONS)):
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        gap = sentence[word.end():nxt.start()] if nxt else ""
        if nxt and not gap.strip() and (nxt.start() in named or nxt.group(0).lower() not in STOP_WORDS):
            continue  # a longer name ("Harwick County") or a modifier ("British television")
        found.append((word.group(0), word.start()))
    return found


def _confusable(a: str, b: str) -> bool:
    """Near-spellings of two names (`CONFUSABLE`), yet not one name spelled two ways: "Bern" / "Berne" or
    "Tbilisi" / "Tiflis" keep one's letters inside the other's or differ by one letter; "Harwick" / "Harlow"
    change two or more. Initials and abbreviations ("K. C.", "KC") say too little to compare."""
    x, y = a.lower(), b.lower()
    if min(len(x), len(y)) < 4 or a.isupper() or b.isupper() or x in y or y in x:
        return False
    match = SequenceMatcher(None, x, y)
    kept = sum(block.size for block in match.get_matching_blocks())
    return match.ratio() >= CONFUSABLE and max(len(x), len(y)) - kept >= 2


def place_disputes(posts: Sequence[Post], per_post: Sequence[Sequence[str]], casing: Casing) -> tuple[Disagreement, ...]:
    """Disputes over where something happened, one per place told two ways (see the module's rules)."""
    places = [_Place(v, s, name) for v, sentences in enumerate(per_post) for s, sentence in enumerate(sentences)
              for name, _ in _places(sentence, casing)]
    if len({p.post for p in places}) < 2:
        return ()
    words = [{w.lower() for sentence in sentences for w in _WORD.findall(sentence)} for sentences in per_post]
    pairs = [(a, b) for k, a in enumerate(places) for b in places[k + 1:]
             if a.post != b.post and a.name.lower() != b.name.lower()
             and a.name.lower() not in words[b.post] and b.name.lower() not in words[a.post]
             and _confusable(a.name, b.name)]
    if not pairs:
        return ()
    cosine = _cosine(per_post)
    groups: list[dict[int, _Place]] = []
    for a, b in pairs:
        s, t = per_post[a.post][a.sentence], per_post[b.post][b.sentence]
        own = {x for n in (a.name, b.name) for x in content_tokens(n)}
        shared = (set(content_tokens(s)) & set(content_tokens(t))) - own
        if len(shared) < SHARED or cosine(a.post, a.sentence, b.post, b.sentence) < ALIKE:
            continue
        group = next((g for g in groups if g.get(a.post) == a or g.get(b.post) == b
                      or any(p.name.lower() in (a.name.lower(), b.name.lower()) for p in g.values())), None)
        if group is None:
            groups.append({a.post: a, b.post: b})
        else:
            group.setdefault(a.post, a)
            group.setdefault(b.post, b)
    return tuple(
        Disagreement("Place", tuple(Claim(posts[p.post].id, p.name, per_post[p.post][p.sentence])
                                    for _, p in sorted(group.items())))
        for group in groups if len({p.name.lower() for p in group.values()}) > 1)


def _cosine(per_post: Sequence[Sequence[str]]) -> Callable[[int, int, int, int], float]:
    """cosine(v, s, w, t): the IDF-weighted cosine of sentence s of version v and sentence t of version w."""
    bags = {(v, s): Counter(content_tokens(sentence)) for v, sentences in enumerate(per_post)
            for s, sentence in enumerate(sentences)}
    df = Counter(t for bag in bags.values() for t in bag)
    n = max(1, len(bags))
    idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}

    def vector(key: tuple[int, int]) -> dict[str, float]:
        return {t: c * idf[t] for t, c in bags[key].items()}

    def cosine(v: int, s: int, w: int, t: int) -> float:
        x, y = vector((v, s)), vector((w, t))
        dot = sum(weight * y.get(t, 0.0) for t, weight in x.items())
        norm = math.sqrt(sum(a * a for a in x.values())) * math.sqrt(sum(b * b for b in y.values()))
        return dot / norm if norm else 0.0

    return cosine

