"""Does a sentence stand on its own, out of its article?

The summary and the "only in this version" list show sentences away from the
paragraphs that explained them. Two kinds of sentence never work there: one
that opens on a pronoun or a connective ("He added…", "However, …"), whose
subject or turn is in a sentence the reader does not see, and speech whose
speaker it does not name, which there reads as someone else's words. Both are
refused (`leans_on_context`, `speaker_lost`) as far as their signs show:
speech is caught by its quotation marks, by the first person or "you", or
an order ("Please…") outside them; speech run into the article without
any of these still passes, unless another copy of the same statement quotes
its words (`speech_unmarked`). A sentence about "the storm" or
one that says what someone "also" did usually still tells a fact a reader can
use; it only reads less well than a wording that names its subject
(`reads_as_follow_on`): a summary passes it over when another wording or a
later sentence will do, and "only in this version" lists it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from newsdigest.stories.quotes import SPEECH_VERBS
from newsdigest.stories.sentences import CALENDAR_WORDS, content_tokens, own_prose, quoted_spans

__all__ = ["REPEATED", "leans_on_context", "reads_as_follow_on", "repeats", "speaker_lost", "speech_unmarked", "undated",
           "unfinished"]

_DANGLING = re.compile(
    r"^\W*(?!it\s+(?:seems|appears)\b|this\s+(?:morning|afternoon|evening|week|weekend|month|year|season|spring|"
    r"summer|autumn|fall|winter)\b)"
    r"(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|however|meanwhile|also|still|yet|"
    r"such|so|then|instead|in addition|additionally|furthermore|moreover|besides)\b",
    re.I,
)
"""Openers that lean on a sentence before them: pronouns and connectives. Only "It seems/appears…" and
"This week/morning…" point at nothing before them: "That night…", "Her season…" and "Their trip…" do."""

_BARE_DEFINITE = re.compile(r"^\W*(?i:the|this|that|these|those)\s+[a-z0-9][\w-]*(?:\s+[a-z][\w-]*)?(?:,[^,]{1,50},)?\s+"
                            r"(?:also\s+|[a-z]+ly\s+)?(?:[a-z]+ed|[a-z]+s|is|was|are|were|has|had|will|would|can|"
                            r"could|came|said|says|told|did|does|left|made|took|gave|went|put|set|sent|met|brought)\b")
"""'The document said…', 'The move comes…', 'The warden, a former diver, told…', 'The 58-year-old was…': a common
noun with no name, maybe introduced earlier."""
_LEADING_TIME = re.compile(r"^\W*(?:on|in|at|by|late|early)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+,\s+", re.I)
"""'Late on Friday, ', 'In Kelport, ': when the rest follows a leading phrase of time or place, it is the rest
that names (or does not name) who did what."""

_ALSO = re.compile(r"^\W*(?:[\w.’'-]+\s+){1,4}(?:also|again|nevertheless|nonetheless)\b|^[^,]{1,60},\s*(?:though|however|too),|"
                   r"^\W*(?:earlier|later|previously|the other)\b", re.I)
"""'Ann Roe also said…', 'Ann Roe nevertheless said…', 'The mayor, though, said…', 'Earlier Monday, …', 'The other, …':
adds to, turns from or follows something not shown."""

_SUBJECT = r"(?:[\w.'’-]+\s+){0,4}[\w.'’-]+(?:,[^,]{1,60},)?"
"""Who: up to five words, maybe with a description set off by commas ("the lock keeper, Tomas Hale,")."""
_ASSENT_ONLY = re.compile(
    rf"^\W*(?:(?:in|on|at|by|after|asked|speaking)\b[^,]{{0,40}},\s+)?{_SUBJECT}(?:\s+(?:and|or)\s+{_SUBJECT})?"
    r"\s+(?:[a-z]+ly\s+|also\s+)?(?:agreed|agrees|concurred|concurs|disagreed|disagrees|objected|objects)\W*$",
    re.IGNORECASE)
"""A sentence that is only who (one subject or two, maybe after a setting: "In a letter, …") and a verb of
assent or dissent ("The river board's engineer disagreed."): it says that someone shares or rejects a view
stated before it, which the reader does not see. A sentence that ends on such a verb after a statement of its
own ("Fares rose by a third, a change with which the union disagrees.") is left alone."""

_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?(?:\s*\([^)]{1,30}\))?"
                       r"(?:\s*[―—–]+\s*|\s*-+\s+|\s+-+\s*)")
"""'KELBURY ― ', 'OSKEL (Wire) - ': where the report was filed, not part of what it says. A hyphen needs a
space beside it: 'NATO-led troops…' has no dateline."""

_PRONOUN_SPEAKER = re.compile(rf"\b(?:he|she|they)\s+(?:{SPEECH_VERBS})\b", re.I)
_NAMED_SPEAKER = re.compile(rf"\b[A-Z][\w'’-]+\s+(?:{SPEECH_VERBS})\b")
_SAYS = re.compile(rf"\b(?:{SPEECH_VERBS}|according|asked|asks)\b")
_PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i"))
_FIRST_PERSON = re.compile(r"\b(?:I(?=\s+[a-z]|['’])|me|[Mm]y|[Ww]e|us|[Oo]ur|[Oo]urs|[Mm]yself|"
                           r"[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)\b|^\W*(?:Please|Don['’]t|Do not|Let['’]s)\b")
"""Speech run into the article: the first person, or a reader or listener addressed ("you", "your"; an
order: "Please…", "Don't…", "Let's…"). Lower-case "me" only: "Portland, Me., police said" names a state."""
_SETTING = re.compile(r"^\W*(?:in|on|at|from|near|outside|inside|across|during|after|before|since|by|asked|"
                      r"speaking)\b[^,]*,\s*$", re.I)
"""'In Kelbury, she said…', 'Asked about Ann Roe's plan, he said…': a place, a time or a question set the
scene; a name inside it is not who the pronoun is."""


def _names(prose: str) -> list[str]:
    """Capitalised words that may name a person or body: not a day or a month, and not the sentence's first
    word, which is capitalised whatever it is, unless a speech verb follows it ("Okoye said she…")."""
    words = [w.strip(",;:.’'\"") for w in prose.split()]
    skip = 0 if len(words) > 1 and _SAYS.fullmatch(words[1]) else 1
    return [w for w in words[skip:]
            if w[:1].isupper() and w.casefold() not in _PRONOUNS and w.casefold() not in CALENDAR_WORDS]


@lru_cache(maxsize=65536)
def speaker_lost(text: str) -> bool:
    """Words a summary (or a list of a version's own sentences) cannot repeat without putting them in the wrong mouth.

    A quotation credited to a pronoun with no name before it ("“We will win,” he
    said."; "On Friday, she said, “…”"), a sentence that is mostly a quotation
    and names nobody saying it (its speaker was in the paragraph before), or
    one that speaks in the first person or addresses "you" outside quotation
    marks (a statement's text run into the article), is someone's speech whose speaker a reader of
    the summary cannot know. A summary keeps a quote with its speaker or not at all.
    """
    text = undated(text)  # "OSKEL, Me. — …" is a place, not the first person
    prose = own_prose(text)
    if _FIRST_PERSON.search(prose):
        return True
    if prose == re.sub(r"\s+", " ", text).strip():
        return False  # no quotation
    pronoun = _PRONOUN_SPEAKER.search(prose)
    if pronoun:
        # "…,” he said": lost unless a name stands before the pronoun ("Ann Lee said he would…" names him).
        before = prose[: pronoun.start()]
        return _SETTING.match(before) is not None or not _names(before)
    quoted = len(text.split()) - len(prose.split())
    return quoted * 2 >= len(text.split()) and not _SAYS.search(prose) and ":" not in prose


def speech_unmarked(text: str, copies: Sequence[str]) -> bool:
    """Is `text` speech that lost its marks? When another copy of the statement carries its words as quoted speech
    ("“…,” Ann Roe said."), they are someone's words; a copy with neither quotation marks nor a speaker named
    before a verb of saying ("Being chosen is an honour.") shows them as the outlet's. Such a copy is refused:
    the summary keeps the quote and its speaker, or leaves the statement out. Copies are the same statement when
    most of the bare copy's content words (`REPEATED`) stand inside the other's quotation."""
    prose = own_prose(text)
    if prose != re.sub(r"\s+", " ", text).strip() or _NAMED_SPEAKER.search(prose):
        return False  # it keeps a quotation, or names who speaks ("Ann Roe said being chosen was…")
    words = set(content_tokens(text))
    if not words:
        return False
    for copy in copies:
        said = set(content_tokens(" ".join(copy[start:end] for start, end in quoted_spans(copy))))
        if len(words & said) >= REPEATED * len(words):
            return True
    return False


REPEATED = 0.6
"""Share of the shorter sentence's content words found in the other above which two sentences tell the
reader the same thing twice ("Ann Lee checked into a clinic" after "After her arrest, Ann Lee checked
into the clinic"), however differently the rest is worded. Names, days and months do not count: "Ann Lee was
released in Kelbury on Tuesday" after "Ann Lee was arrested in Kelbury on Monday" is news."""


@lru_cache(maxsize=65536)
def _said(text: str) -> set[str]:
    """What a sentence says apart from whom, where and when: its content words without names, days or months."""
    words = text.split()
    kept = [w for i, w in enumerate(words)
            if not (i and w[:1].isupper()) and w.strip(",;:.").casefold() not in CALENDAR_WORDS]
    return set(content_tokens(" ".join(kept)))


def repeats(a: str, b: str) -> bool:
    """Would `a` after `b` (or `b` after `a`) say the same thing twice (see `REPEATED`)?"""
    x, y = _said(a), _said(b)
    return bool(x and y) and len(x & y) >= REPEATED * min(len(x), len(y))


def unfinished(text: str) -> bool:
    """Does the line stop without the end of a sentence? A heading or a deck kept in the body ("Council Votes to
    Close Two Libraries"), or a line an extraction cut off: joined to the next sentence of a summary, it reads as
    one run-on sentence, and as a headline it stops mid-phrase."""
    return not re.search(r"[.!?…。！？][\"'”’)\]]*\s*$", text)


def undated(sentence: str) -> str:
    """A sentence without a leading dateline."""
    return _DATELINE.sub("", sentence, count=1)


@lru_cache(maxsize=65536)
def _opening(text: str) -> str:
    """The sentence as it opens in the outlet's own words, behind any dateline: "KELBURY — And then…" leans as
    much as "And then…", and a quotation's first word ("“It keeps shaking,” a guard said") is the speaker's."""
    return own_prose(undated(text)).strip(" ,")


def leans_on_context(text: str) -> bool:
    """Does the sentence need the one before it ("He added…", "However, …", "Ann Roe agreed."), or what it
    introduces after it ("Footage showed divers climbing out:", whose video or list is not shown)? Such a sentence
    is refused."""
    return text.rstrip().endswith(":") or bool(_DANGLING.match(_opening(text)) or _ASSENT_ONLY.match(_opening(text)))


def reads_as_follow_on(text: str) -> bool:
    """Does the sentence read as a follow-on ("The move comes…", "Ann Roe also said…")? It may still state a
    fact worth showing; a summary prefers another wording or statement to it."""
    opening = _opening(text)
    rest = _LEADING_TIME.sub("", opening, count=1)
    return bool(_BARE_DEFINITE.match(opening) or _BARE_DEFINITE.match(rest) or _ALSO.match(opening))
