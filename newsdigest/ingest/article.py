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
from typing import Any

from newsdigest.model import When


@dataclass(frozen=True)
class Article:
    body: str
    """The article in Markdown, without its headline."""
    title: str | None = None
    title_derived: bool = False
    """True when the source states no headline and `title` was made from the lead."""
    authors: tuple[str, ...] = ()
    published: When | None = None
    updated: When | None = None
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


def derive_headline(body: str, *, max_words: int = 16) -> str | None:
    """A short, honest headline from the lead: its first sentence, shortened by `headline_from_sentence`.

    Used only where the source states none; the post then says `title_derived: true`
    so that no reader mistakes it for the outlet's own headline.
    """
    for paragraph in body.split("\n"):
        text = _MARKDOWN_NOISE.sub(lambda m: m.group(1) or "", paragraph).strip(" -*•\t")
        if len(text.split()) < 5:
            continue
        return headline_from_sentence(_SENTENCE_END.split(text, maxsplit=1)[0], max_words=max_words)
    return None


def headline_or_lead(title: str | None, body: str) -> tuple[str | None, bool]:
    """The headline the source states, else one derived from the lead of `body` (`derive_headline`), and whether
    it was derived: every reader, and the post made from what it read, decide it the same way."""
    if title:
        return title, False
    derived = derive_headline(body)
    return derived, derived is not None


def headline_from_sentence(sentence: str, *, max_words: int = 16) -> str | None:
    """The lead sentence whole when it has at most `max_words` words, else cut where a clause ends
    (`_clause_end`) and marked with an ellipsis. Every reader derives its headlines here, so a line cut at a fixed
    number of words, which stops mid-phrase ("Crews of the ferry that ran aground off the…"), is made nowhere;
    one cut where a clause ends still says something whole."""
    words = sentence.strip().rstrip(".!?").split()
    if not words:
        return None
    if len(words) <= max_words:
        return " ".join(words)
    cut = " ".join(words[:_clause_end(words, max_words)])
    # Do not leave a dangling small word at the end of a cut headline.
    cut = re.sub(r"(?:\s+\S{1,3}|[,;:])+$", "", cut)
    return cut.rstrip(",;:") + "…"


CLAUSE_OPENERS = frozenset({"after", "while", "because", "amid", "but", "when", "although", "though", "since",
                            "before", "until", "despite"})
"""Words that open a new clause: a lead's main clause usually ends before them. Not "who" or "which", whose
clause may sit inside the subject ("A ferry that lost power … has docked"), nor "as", as often part of the verb's
phrase ("was chosen as the next harbour master"). Shared by the readers that cut a headline and by the story's choice of one."""
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they"})


def opens_clause(word: str, following: str) -> bool:
    """Does `word` (then `following`) open a clause of its own: a word of `CLAUSE_OPENERS`, or "as" before a
    pronoun that is its subject ("… as she walked home")?"""
    word = word.lower()
    return word in CLAUSE_OPENERS or (word == "as" and following.lower() in _SUBJECT_PRONOUNS)


MIN_CUT_WORDS = 6
"""A cut shorter than this says too little to name the story."""


def _clause_end(words: list[str], max_words: int) -> int:
    """How many of the sentence's words to keep: up to the last clause end within `max_words` (after a comma,
    semicolon, colon or dash, or before a word opening a clause), else before the last phrase a preposition opens
    there, else `max_words`. A comma closing an apposition ("Ann Roe, the ferry's pilot, was praised") ends no clause:
    before it, the subject still lacks its verb."""
    best = phrase = 0
    for index, word in enumerate(words[:max_words]):
        # "as part of", "in front of": the second preposition goes on the phrase the first opened with a common
        # noun; after a name ("in Kelbury as…") a new phrase opens.
        if index >= MIN_CUT_WORDS and word.lower() in _PHRASE_OPENERS and not (
                words[index - 2].lower() in _PHRASE_OPENERS and words[index - 1][:1].islower()):
            phrase = index
        if index >= MIN_CUT_WORDS and (opens_clause(word, words[index + 1] if index + 1 < len(words) else "")
                                       or word in {"—", "–"}):
            best = index
        if index + 1 >= MIN_CUT_WORDS and word.endswith((",", ";", ":")):
            opened = sum(w.endswith(",") for w in words[:index])
            if not (word.endswith(",") and opened % 2 == 1):
                best = index + 1
    return best or phrase or max_words


_PHRASE_OPENERS = frozenset({"in", "on", "at", "as", "of", "for", "to", "with", "by", "from", "into", "over",
                             "under", "near", "during", "against"})
"""Prepositions: where no clause ends in reach, the line stops before the last phrase they open ("…moored in
the harbour…", not "…moored in the harbour as part…")."""
