"""Does a sentence stand on its own, out of its article?

The summary and the "only in this version" list show sentences away from the
paragraphs that explained them. A sentence that leans on the one before it
("He added…", "The move…", "Earlier Monday, …"), or speech whose speaker it
does not name, reads as nonsense or, worse, as someone else's words there.
These checks are shared so that both places refuse the same sentences.
"""

from __future__ import annotations

import re

from newsdigest.stories.sentences import content_tokens

__all__ = ["REPEATED", "leans_on_context", "repeats", "speaker_lost", "undated"]

_DANGLING = re.compile(
    r"^\W*(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|however|meanwhile|also|still|yet|"
    r"such|so|then|there|here|instead|in addition|additionally|furthermore|moreover|besides|earlier|later|"
    r"previously)\b",
    re.I,
)
"""Openers that lean on a sentence before them: pronouns, connectives, "Earlier Monday, …"."""

_BARE_DEFINITE = re.compile(r"^\W*(?i:the|this|that|these|those)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+"
                            r"(?:also\s+|[a-z]+ly\s+)?(?:[a-z]+ed|[a-z]+s|is|was|are|were|has|had|will|would|can|"
                            r"could|came|said|says|did|does|left|made|took|gave|went|put|set|sent|met|brought)\b")
"""'The document said…', 'The move comes…': a common noun with no name, introduced somewhere earlier."""

_ALSO = re.compile(r"^\W*(?:[\w.’'-]+\s+){1,8}(?:also|too|again|further)\b|^[^,]{1,60},\s*(?:though|however|too),", re.I)
"""'Trump also said…', 'McConnell, though, said…': a sentence that adds to or turns from something the
reader has not been told."""

_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?(?:\s*\([^)]{1,30}\))?\s*[―—–-]+\s*")
"""'WASHINGTON ― ', 'PARIS (Reuters) - ': where the report was filed, not part of what it says."""


_QUOTED = re.compile(r"“[^“”]*(?:”|$)|(?<!\w)\"[^\"]*(?:\"|$)")
_SAYS = re.compile(r"\b(?:said|says|say|told|tells|asked|asks|wrote|writes|added|adds|according|stated|states|"
                   r"declared|explained|announced|noted|insisted|replied|recalled|tweeted|posted|warned|urged)\b")
_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|they)\s+(?:said|says|added|asked|told|wrote|replied|insisted)\b", re.I)
_PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i"))
_FIRST_PERSON = re.compile(r"\b(?:I(?=\s+[a-z]|['’])|[Mm]e|[Mm]y|[Ww]e|us|[Oo]ur|[Oo]urs|[Mm]yself)\b")


def speaker_lost(text: str) -> bool:
    """Words a summary (or a list of a version's own sentences) cannot repeat without putting them in the wrong mouth.

    A quotation credited to a pronoun with no name before it ("“We will win,” he
    said."; "Asked about it, she said, “…”"), a sentence that is mostly a
    quotation and names nobody saying it (its speaker was in the paragraph before), or
    one that speaks in the first person outside quotation marks (a statement's
    text run into the article), is someone's speech whose speaker a reader of
    the summary cannot know. A summary keeps a quote with its speaker or not at all.
    """
    prose = _QUOTED.sub(" ", text)
    if _FIRST_PERSON.search(prose):
        return True
    if prose == text:
        return False  # no quotation
    pronoun = _PRONOUN_SPEAKER.search(prose)
    if pronoun:
        # "…,” he said": lost unless a name stands before the pronoun ("Ann Lee said he would…" names him);
        # the sentence's first word is capitalised whatever it is ("Despite that, he said, “…”").
        before = prose[: pronoun.start()].split()[1:]
        return not any(w[:1].isupper() and w.strip(",;:").lower() not in _PRONOUNS for w in before)
    quoted = len(text.split()) - len(prose.split())
    return quoted * 2 >= len(text.split()) and not _SAYS.search(prose) and ":" not in prose


REPEATED = 0.6
"""Share of the shorter sentence's content words found in the other above which two sentences tell the
reader the same thing twice ("Ann Lee checked into a clinic on Friday" after "After leaving …, Ann Lee
checked into the clinic"), however differently the rest is worded."""


def repeats(a: str, b: str) -> bool:
    """Would `a` after `b` (or `b` after `a`) say the same thing twice (see `REPEATED`)?"""
    x, y = set(content_tokens(a)), set(content_tokens(b))
    return bool(x and y) and len(x & y) >= REPEATED * min(len(x), len(y))


def undated(sentence: str) -> str:
    """A sentence without a leading dateline."""
    return _DATELINE.sub("", sentence, count=1)


def leans_on_context(text: str) -> bool:
    """Does the sentence need one before it ("He added…", "The document…", "Earlier Monday, …"), or what
    it introduces after it ("Footage showed agents arriving:", whose video or list is not shown)?"""
    if text.rstrip().endswith(":"):
        return True
    # "CITY — And then…" leans on what came before as much as "And then…"; a quotation's own first word
    # ("“It keeps shaking,” a spokesman said") is the speaker's, not the sentence's.
    text = re.sub(r"\s+", " ", _QUOTED.sub(" ", undated(text))).strip(" ,")
    return bool(_DANGLING.match(text) or _BARE_DEFINITE.match(text) or _ALSO.match(text))
