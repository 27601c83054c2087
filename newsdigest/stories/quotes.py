"""Direct quotes, who said them, and which versions carry them.

A quote is the one piece of a story that outlets are supposed to copy word for
word, so it is the best evidence of shared sourcing and the first thing a
reader checks ("did he really say that?"). Outlets still differ in the quote
marks they use and in small edits ("sea or air" / "sea, or air", a trimmed
first sentence), so quotes are matched by word bigrams, not by string.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from newsdigest.model import Claim, Disagreement, Post, Quote
from newsdigest.stories.sentences import markdown_paragraphs, plain_words

__all__ = ["MIN_WORDS", "QuoteMention", "find_quotes", "shared_quotes", "analyse_quotes"]

MIN_WORDS = 3
"""Shorter quoted phrases are scare quotes or labels ("probably", "guarantors"), not statements."""

MATCH = 0.6
"""Share of the shorter quote's word bigrams that must appear in the longer for the two to be one quote.
Tolerates a trimmed clause or changed punctuation; two different sentences of
one speech rarely share more than a few bigrams."""

_PAIRS = [
    re.compile(r"“([^“”]+)”"),
    re.compile(r'(?<![\w"])"([^"\n]+)"(?![\w])'),
    re.compile(r"(?<![\w‘])‘([^‘’]+?)’(?!\w)"),
    re.compile(r"(?<![\w'])'([^'\n]+?)'(?!\w)"),
]

_SPEECH = (
    r"said|says|say|told|tells|added|adds|stated|states|replied|replies|responded|warned|warns|argued|argues|"
    r"asserted|affirmed|insisted|insists|claimed|claims|complained|wrote|writes|posted|declared|noted|notes|"
    r"explained|announced|remarked|continued|commented|tweeted|conceded|acknowledged|urged|stressed|"
    r"emphasi[sz]ed|suggested|described|called|branded|quipped|predicted|cautioned|countered|admitted|"
    r"confirmed|denied|vowed|promised|pledged|accused|critici[sz]ed|commended|praised|recalled|joked|maintained"
)
_NAME = r"(?:[A-Z][\w'’.-]*|de|van|von|al|bin|da|di|le|la)"
_NAME_RUN = rf"{_NAME}(?:\s+{_NAME})*"
_RELATIVE = re.compile(r"\b(?:who|whom|which|that|he|she|they|it|we)\b")  # "Trump, who he says": not an apposition
_SPEECH_BEFORE_QUOTE = re.compile(rf"\b(?:{_SPEECH})\b(?=[^“”\"]*$)")
_AUX_TAIL = re.compile(r"(?:\s+(?:has|had|have|also|then|again|later|previously|recently|once|[a-z]+ly))*\s*,?\s*$")
_QUOTED_AS = re.compile(rf"quot\w*\s+(?:[\w'’]+\s+){{0,4}}?(?P<name>{_NAME_RUN})\s+as\s+saying")
_ACCORDING = re.compile(rf"according to\s+(?:[a-z]\w*\s+)*(?P<name>{_NAME_RUN})")
# after the quote: ', said Macron' / ', Macron said' / ' he added'
_AFTER_VERB_NAME = re.compile(
    rf"^\W{{0,3}}\s*(?:{_SPEECH})\s+(?:the\s+|a\s+)?(?:[a-z][\w-]*\s+){{0,3}}(?P<name>{_NAME_RUN})")
_AFTER_NAME_VERB = re.compile(
    rf"^\W{{0,3}}\s*(?:the\s+|a\s+)?(?:[a-z][\w-]*\s+){{0,3}}(?P<name>{_NAME_RUN})\s+(?:{_SPEECH})\b")
_PRONOUN = re.compile(
    rf"^\W{{0,3}}\s*(?:he|she|they)\s+(?:{_SPEECH})\b|(?:^|\W)(?:he|she)\s+(?:{_SPEECH})\b[^“”\"]*$", re.I)

_TITLES = {
    "president", "prime", "minister", "sir", "dame", "chancellor", "secretary", "general", "secretary-general",
    "spokesperson", "spokesman", "spokeswoman", "chief", "leader", "mr", "mrs", "ms", "dr", "senator", "governor",
    "mayor", "king", "queen", "prince", "princess", "pope", "the", "a", "an", "uk", "us", "u.s.", "eu", "french",
    "german", "russian", "ukrainian", "american", "british", "chinese", "defence", "defense", "foreign", "interior",
    "italian", "spanish", "japanese", "indian", "israeli", "iranian", "turkish", "polish", "dutch", "canadian",
    "australian", "european", "western", "irish", "scottish", "welsh", "korean", "north", "south",
    "state", "deputy", "vice", "former", "envoy", "special", "ceo", "judge", "general-secretary", "senior",
    "then", "but", "and", "however", "meanwhile", "when", "while", "as", "in", "on", "at", "after",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "he", "she", "they", "it", "we", "i", "you", "this", "that", "these", "those", "his", "her", "their",
}


@dataclass(frozen=True)
class QuoteMention:
    post: int
    text: str
    speaker: str | None
    bigrams: frozenset[tuple[str, str]]
    words: int
    sentence: str = ""
    """The sentence that carries the quote, attribution included."""


def _clean_speaker(raw: str | None) -> str | None:
    """'UK Prime Minister Sir Keir Starmer' → 'Keir Starmer'; 'The Kremlin' → None."""
    if not raw:
        return None
    words = [w.strip(".,;:") for w in raw.split()]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    while words and words[0].lower() in _TITLES:
        words = words[1:]
    # A run like "Russian President Vladimir Putin": keep the last two capitalised words.
    names = [w for w in words if w and w.lower() not in _TITLES]
    if not names:
        return None
    name = " ".join(names[-3:] if len(names) >= 3 and names[-3][0].islower() else names[-2:])
    return name if name[0].isupper() else None


def _name_before_verb(tail: str) -> str | None:
    """'… the ministry's spokesperson, Ivan Petrov, said:' → 'Ivan Petrov' (nearest speech verb first)."""
    for verb in reversed(list(_SPEECH_BEFORE_QUOTE.finditer(tail))):
        left = _AUX_TAIL.sub("", tail[:verb.start()])
        m = re.search(rf"({_NAME_RUN})$", left)
        if m and _clean_speaker(m.group(1)):
            return _clean_speaker(m.group(1))
        # "Ivan Petrov, the minister, said"
        m = re.search(rf"({_NAME_RUN}),(?P<apposition>[^,“”\"]{{1,80}})$", left)
        if m and _clean_speaker(m.group(1)) and not _RELATIVE.search(m.group("apposition")):
            return _clean_speaker(m.group(1))
    return None


def _subject(previous: str) -> str | None:
    """The named subject opening the last sentence of `previous`, for a following 'he said'.

    Only a name in subject position counts ("Trump told CBS…"): a name met later
    in the sentence is as likely the person spoken about as the speaker, and a
    wrong speaker is worse than none.
    """
    last = re.split(r"(?<=[.!?])\s+", previous.strip())[-1] if previous.strip() else ""
    m = re.match(rf"\W*(?P<name>{_NAME_RUN})(?:,[^,]{{1,80}},)?\s+[a-z]", last)
    if m and _clean_speaker(m.group("name")):
        return _clean_speaker(m.group("name"))
    # "At the same time, Nato chief Mark Rutte said …": the first name that speaks.
    m = re.search(rf"(?P<name>{_NAME_RUN})\s+(?:{_SPEECH})\b", last)
    return _clean_speaker(m.group("name")) if m else None


def _speaker(quote: str, before: str, after: str, previous: str) -> str | None:
    """Who is credited with the quote, from the words around it in its sentence."""
    tail = re.split(r"(?<=[.!?])\s+", before.strip())[-1] if before.strip() else ""
    earlier = before.strip()[: len(before.strip()) - len(tail)].strip() or previous  # the sentence before
    m = _QUOTED_AS.search(tail)
    if m:
        return _clean_speaker(m.group("name"))
    head = re.split(r"(?<=[.!?])\s+", after.strip(), maxsplit=1)[0] if after.strip() else ""
    if re.search(r"[.!?…]\W*$", quote) and not re.match(r"\W*[a-z,]", after):
        head = ""  # the quote closed its sentence: what follows is a new statement, not its attribution
    for pattern in (_AFTER_VERB_NAME, _AFTER_NAME_VERB):
        m = pattern.search(head)
        if m and _clean_speaker(m.group("name")):
            return _clean_speaker(m.group("name"))
    if _PRONOUN.search(head):
        return _subject(tail) or _subject(earlier)
    name = _name_before_verb(tail)
    if name:
        return name
    if _PRONOUN.search(tail):  # "Healey praised Trump, who he says …": the sentence's own subject first
        return _subject(tail) or _subject(earlier)
    m = _ACCORDING.search(tail + " " + head)
    if m:
        return _clean_speaker(m.group("name"))
    return None


def _is_label(text: str) -> bool:
    """'Coalition of the Willing': a quoted name, not words anyone said."""
    small = {"of", "the", "and", "for", "a", "in", "on"}
    words = [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in small]
    return bool(words) and all(w[0].isupper() for w in words) and len(words) <= 6


def find_quotes(post: Post, index: int = 0) -> list[QuoteMention]:
    """Every direct quote of at least `MIN_WORDS` words in a post's body, with its speaker."""
    mentions: list[QuoteMention] = []
    paragraphs = markdown_paragraphs(post.body)
    previous = ""
    for paragraph in paragraphs:
        spans: list[tuple[int, int, str]] = []
        for pattern in _PAIRS:
            for m in pattern.finditer(paragraph):
                if any(s <= m.start() < e or s < m.end() <= e for s, e, _ in spans):
                    continue
                spans.append((m.start(), m.end(), m.group(1)))
        spans.sort()
        last_end, last_speaker = 0, None
        for start, end, inner in spans:
            text = inner.strip().strip(",").strip()
            words = plain_words(text)
            if len(words) < MIN_WORDS or _is_label(text):
                continue
            before = paragraph[:start]
            after = paragraph[end:]
            speaker = _speaker(inner, before, after, previous)
            if speaker is None and last_speaker and not re.search(r"[.!?]\s", paragraph[last_end:start]):
                speaker = last_speaker  # '… said there was “…” and that “…”': one speaker, two quotes
            last_end, last_speaker = end, speaker
            bigrams = frozenset(zip(words, words[1:]))
            sentence = (re.split(r"(?<=[.!?])\s+", before)[-1] + paragraph[start:end]
                        + re.split(r"(?<=[.!?”\"])\s+", after, maxsplit=1)[0])
            mentions.append(QuoteMention(index, text.rstrip(","), speaker, bigrams, len(words), sentence.strip()))
        previous = paragraph
    return mentions


def _same(a: QuoteMention, b: QuoteMention) -> bool:
    short, long = (a, b) if len(a.bigrams) <= len(b.bigrams) else (b, a)
    if not short.bigrams:
        return False
    return len(short.bigrams & long.bigrams) / len(short.bigrams) >= MATCH


def _full_names(posts: Sequence[Post]) -> dict[str, str]:
    """Surname -> the full name the story uses for it ('Putin' -> 'Vladimir Putin'), where one is clear."""
    seen: dict[str, Counter[str]] = {}
    for post in posts:
        for m in re.finditer(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+", post.body):
            name = _clean_speaker(m.group(0))
            if name and " " in name:
                seen.setdefault(name.split()[-1], Counter())[name] += 1
    return {surname: names.most_common(1)[0][0] for surname, names in seen.items()}


def shared_quotes(posts: Sequence[Post]) -> tuple[Quote, ...]:
    """Quotes merged across versions, the most widely carried first (see `analyse_quotes`)."""
    return analyse_quotes(posts)[0]


def analyse_quotes(posts: Sequence[Post]) -> tuple[tuple[Quote, ...], tuple[Disagreement, ...]]:
    """Quotes merged across versions, and the quotes versions credit to different people.

    Each quote is shown in its longest wording; its speaker is the one most
    versions name, in the fullest form the story uses ('Putin' is 'Vladimir
    Putin'). A quote that one version gives to Peskov and another to Putin is a
    disagreement about a name, reported like a disputed figure.
    """
    mentions = [m for i, post in enumerate(posts) for m in find_quotes(post, i)]
    full_names = _full_names(posts)
    quotes: list[tuple[int, int, Quote]] = []
    disputes: list[tuple[int, Disagreement]] = []
    for members in _groups(mentions):
        items = [mentions[i] for i in members]
        post_ids = tuple(dict.fromkeys(posts[i].id for i in sorted({m.post for m in items})))
        text = max(items, key=lambda m: (m.words, -m.post)).text
        speakers = [m.speaker for m in items if m.speaker]
        speaker = None
        if speakers:
            surnames = Counter(s.split()[-1] for s in speakers)
            surname = surnames.most_common(1)[0][0]
            speaker = max((s for s in speakers if s.split()[-1] == surname), key=len)
            if " " not in speaker:
                speaker = full_names.get(speaker, speaker)
            credited = {m.speaker.split()[-1] for m in items if m.speaker}
            if len(credited) > 1 and len({m.post for m in items if m.speaker}) > 1:
                claims = tuple(dict.fromkeys(
                    Claim(posts[m.post].id, m.speaker, m.sentence) for m in sorted(items, key=lambda m: m.post)
                    if m.speaker))
                short = text if len(text) <= 60 else text[:57].rsplit(" ", 1)[0] + "…"
                disputes.append((min(members), Disagreement(f"Who said “{short}”", claims)))
        quotes.append((-len(post_ids), min(members), Quote(text, speaker, post_ids)))
    quotes.sort(key=lambda t: (t[0], t[1]))
    disputes.sort(key=lambda t: t[0])
    return tuple(q for _, _, q in quotes), tuple(d for _, d in disputes)


def _groups(mentions: Sequence[QuoteMention]) -> list[list[int]]:
    """Indices of mentions that are one quote, found through shared word bigrams."""
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_bigram: dict[tuple[str, str], list[int]] = {}
    for i, m in enumerate(mentions):
        for g in m.bigrams:
            by_bigram.setdefault(g, []).append(i)
    for i, m in enumerate(mentions):
        seen: set[int] = set()
        for g in m.bigrams:
            for j in by_bigram[g]:
                if j > i and j not in seen:
                    seen.add(j)
                    if _same(m, mentions[j]):
                        parent[root(j)] = root(i)

    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())
