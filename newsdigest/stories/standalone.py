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
from collections.abc import Collection, Sequence
from functools import lru_cache

from newsdigest.stories.attribution import SPEECH_VERBS
from newsdigest.stories.sentences import (
    CALENDAR_WORDS,
    GROUPING_STOP_WORDS,
    SENTENCE_CACHE,
    content_tokens,
    own_prose,
    quoted_spans,
)
from newsdigest.stories.told_figures import same_figure

__all__ = ["REPEATED", "adds_to_unseen", "full_names", "leans_on_context", "reads_as_follow_on", "repeats", "speaker_lost", "speech_unmarked",
           "undated", "unfinished", "unintroduced", "unlabelled"]

_DANGLING = re.compile(
    r"^\W*(?!it\s+(?:seems|appears)\b|this\s+(?:morning|afternoon|evening|week|weekend|month|year|season|spring|"
    r"summer|autumn|fall|winter)\b)"
    r"(?:(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|however|meanwhile|also|still|yet|"
    r"such|so|then|instead|in addition|additionally|furthermore|moreover|besides)\b|"
    r"(?:soon|even|likewise|similarly|subsequently|afterwards?|thereafter|nonetheless|nevertheless|thus|therefore|"
    r"hence|otherwise|(?:more|most)\s+recently)(?:\s*,|\s+(?:he|she|it|they|this|that|these|those|his|her|its|"
    r"their)\b))",
    re.I,
)
"""Openers that lean on a sentence before them: pronouns and connectives. Only "It seems/appears…" and
"This week/morning…" point at nothing before them: "That night…", "Her season…" and "Their trip…" do. An adverb
of time or consequence leans only when it stands alone ("Soon, …", "Likewise, …") or before a pronoun ("Even
they…"); "Even before the storm reached the coast, …" and "Soon after the vote, …" say what they follow."""

_SETTING_PHRASE = re.compile(r"^\W*(?:in|on|at|by|from|during|after|before|since|with|late|early|last|earlier|later|"
                             r"speaking|asked|reading|writing)\b[^,;:“”\"]{0,60},\s+", re.I)
"""'In a statement on Monday, ', 'Speaking at the quay, ': a scene set before the subject; a pronoun or a
connective after it ("…, he decried…") leans on the sentence before as much as one that opens the sentence."""

_ANAPHORA = re.compile(
    r"\b(?:(?:those|these)\s+(?!who\b|which\b|that\b|of\b|in\b|at\b|days\b|include)[a-z]{3,}|"
    r"(?<!first\s)(?<!second\s)(?<!third\s)(?<!no\s)(?<!any\s)(?<!one\s)(?<!other\s)(?<!all\s)(?<!many\s)"
    r"such\s+(?:a\s+|an\s+)?(?!as\b)[a-z]{3,}|"
    r"(?:to|of|with|about|on|by|for|up|over|from|against|behind|after)\s+(?:this|that)\s+(?!morning\b|afternoon\b|"
    r"evening\b|night\b|week\b|weekend\b|month\b|year\b|season\b|time\b|is\b|was\b|has\b|had\b|will\b|would\b|"
    r"could\b|can\b|may\b|might\b|should\b|must\b|are\b|were\b)[a-z]{3,}|"
    r"as\s+well(?=\s*[,.;]|\s*$)|a\s+subsequent\b|"
    r"(?:after|before|despite|besides|like|beyond|about)\s+(?:this|that|these|those)(?=\s*[,.;])|"
    r"^\W*(?:one|some|many|most|all|each|both|none|two|three|several)\s+of\s+(?:them|those|these)\b|"
    r"(?<!said\s)(?<!says\s)\bthat\s+(?:night|day|morning|afternoon|evening|week|weekend|month|year)\b|^\W*others\b)",
    re.I,
)
"""Words that point back at something the sentence does not say: "those plans", "such a tax", "answer that
claim", "objected as well", "during a subsequent audit", "After that, …", "One of them, …", "the gate was locked
that morning" (a time told before; "this week" is the reader's), "Others said…". Quoted words are the
speaker's and are not looked at; "those who…", "such as", "that week" point at nothing before, and "the town's
second such arrest", "no such plan" count what the sentence itself tells."""

_BARE_DEFINITE = re.compile(r"^\W*(?i:the|this|that|these|those)\s+[a-z0-9][\w-]*(?:\s+[a-z][\w-]*)?(?:,[^,]{1,50},)?\s+"
                            r"(?:also\s+|[a-z]+ly\s+)?(?:[a-z]+ed|[a-z]+s|is|was|are|were|has|had|will|would|can|"
                            r"could|came|said|says|told|did|does|left|made|took|gave|went|put|set|sent|met|brought)\b")
"""'The document said…', 'The move comes…', 'The warden, a former diver, told…', 'The 58-year-old was…': a common
noun with no name, maybe introduced earlier."""
_LEADING_TIME = re.compile(r"^\W*(?:on|in|at|by|late|early)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+,\s+", re.I)
"""'Late on Friday, ', 'In Kelport, ': when the rest follows a leading phrase of time or place, it is the rest
that names (or does not name) who did what."""

_ALSO = re.compile(r"^\W*(?:[\w.’'-]+\s+){1,4}(?:also|again|nevertheless|nonetheless|later|subsequently|then|"
                   r"continued|added|went\s+on|(?:was|were|is|are)\s+referring\s+to)\b|^[^,]{1,60},\s*(?:though|however|too),|"
                   r"^\W*(?:earlier|later|previously|the other)\b", re.I)
"""'Ann Roe also said…', 'Ann Roe nevertheless said…', 'Ann Roe later said…', 'Ann Roe continued, …', 'Ann Roe
was referring to…' (words not shown), 'The mayor,
though, said…', 'Earlier Monday, …', 'The other, …': adds to, turns from or follows something not shown."""

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
    marks (a statement's text run into the article), or one opening inside a quotation begun in a sentence
    before it (`_opens_inside_quote`), is someone's speech whose speaker a reader of the summary cannot know, or
    that it shows as the outlet's words. A summary keeps a quote with its speaker or not at all.
    """
    text = undated(text)  # "OSKEL, Me. — …" is a place, not the first person
    if _opens_inside_quote(text):
        return True
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


def _opens_inside_quote(text: str) -> bool:
    """Does the sentence open inside a quotation whose opening mark is in a sentence before it ('We will stay
    open, " the owner said.')? Its first words are someone's speech shown without a mark, whoever said them."""
    spans = quoted_spans(text)
    return bool(spans) and spans[0][0] == 0 and text.lstrip()[:1] not in "\"“‘'"


def speech_unmarked(text: str, copies: Sequence[str]) -> bool:
    """Is `text` speech that lost its marks? When another copy of the statement carries its words as quoted speech
    ("“…,” Ann Roe said."), they are someone's words; a copy with neither quotation marks nor a speaker named
    before a verb of saying ("Being chosen is an honour.") shows them as the outlet's. Such a copy is refused:
    the summary keeps the quote and its speaker, or leaves the statement out. Copies are the same statement when
    most of the bare copy's content words (`REPEATED`) stand inside the other's quotation."""
    words = _bare_words(text)
    return bool(words) and any(len(words & _quoted_words(copy)) >= REPEATED * len(words) for copy in copies)


@lru_cache(maxsize=65536)
def _bare_words(text: str) -> frozenset[str]:
    """The content words of a sentence that shows no quotation and names no speaker; none for any other.
    Kept for each text: the summary asks of every wording of a statement against every other, again and again."""
    prose = own_prose(text)
    if prose != re.sub(r"\s+", " ", text).strip() or _NAMED_SPEAKER.search(prose):
        return frozenset()  # it keeps a quotation, or names who speaks ("Ann Roe said being chosen was…")
    return frozenset(content_tokens(text))


@lru_cache(maxsize=65536)
def _quoted_words(text: str) -> frozenset[str]:
    """The content words inside a sentence's quotations (kept for each text, as `_bare_words`)."""
    return frozenset(content_tokens(" ".join(text[start:end] for start, end in quoted_spans(text))))


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
    """Would `a` after `b` (or `b` after `a`) say the same thing twice (see `REPEATED`)? Two sentences that open
    on the same words and share a good part of the rest ("The ferry that lost power off Oskel was towed…", "The
    ferry that lost power off Oskel reached…") are two outlets' leads of one report, however their ends differ;
    two statements that only open alike ("The mayor's office said the vote…", "The mayor's office said the
    bridge…") are two pieces of news. Two sentences quoting the same words (`_QUOTED_RUN` of them) tell one
    statement twice, however they frame it, and so do two stating one figure of one measured thing under one act
    (`told_figures.same_figure`: "paid $2.1 billion for Beta", "a $2.1 billion deal for Beta"), however
    little else they share."""
    x, y = _said(a), _said(b)
    if bool(x and y) and len(x & y) >= REPEATED * min(len(x), len(y)):
        return True
    if _quoted_runs(a) & _quoted_runs(b):
        return True  # the same words quoted twice ("“a disgrace to the town”"): one statement, told twice
    words_a, words_b = re.findall(r"[\w'’-]+", a), re.findall(r"[\w'’-]+", b)
    opening = [w.casefold() for w in words_a[:_SAME_OPENING]]
    if len(opening) == _SAME_OPENING and opening == [w.casefold() for w in words_b[:_SAME_OPENING]]:
        rest_a, rest_b = _said(" ".join(words_a[_SAME_OPENING:])), _said(" ".join(words_b[_SAME_OPENING:]))
        if rest_a and rest_b and len(rest_a & rest_b) >= REPEATED / 2 * min(len(rest_a), len(rest_b)):
            return True
    return same_figure(a, b)  # last: the word tests above are cheaper than reading the figures


_SAME_OPENING = 4
"""Words two sentences must open on alike to be one lead told twice, if they share half as much of the rest as
`REPEATED` asks of two sentences worded apart."""


_QUOTED_RUN = 4
"""Words in a row two quotations must share to be the same words quoted."""


@lru_cache(maxsize=65536)
def _quoted_runs(text: str) -> frozenset[tuple[str, ...]]:
    """Every run of `_QUOTED_RUN` words inside the sentence's quotations, lower-cased."""
    runs: set[tuple[str, ...]] = set()
    for start, end in quoted_spans(text):
        words = re.findall(r"[\w'’-]+", text[start:end].casefold())
        runs.update(tuple(words[i:i + _QUOTED_RUN]) for i in range(len(words) - _QUOTED_RUN + 1))
    return frozenset(runs)


def unfinished(text: str) -> bool:
    """Does the line stop without the end of a sentence? A heading or a deck kept in the body ("Council Votes to
    Close Two Libraries"), or a line an extraction cut off: joined to the next sentence of a summary, it reads as
    one run-on sentence, and as a headline it stops mid-phrase."""
    return not re.search(r"[.!?…。！？][\"'”’)\]]*\s*$", text)


_FURNITURE = frozenset("""
    update updated updates watch video videos photos photo pictures gallery breaking news exclusive opinion
    analysis live listen podcast review editorial explainer poll quiz interactive graphic developing
""".split())
"""Labels an outlet tags its pages with, not words about the event. A word before a colon that is not one of
them is usually a speaker ("Mayor: …", "WHO: …"), which a headline must keep: without it, a claim reads
as fact."""
_LABEL = re.compile(r"^\s*[^\W\d_]+(?:\s[^\W\d_]+)?\s*:\s+")


def unlabelled(text: str) -> str:
    """The text without a page label before a colon ("Update: …", "BREAKING: …"): it tags the outlet's page, not
    the event, in a headline or a summary alike. A speaker before a colon ("Mayor: …") stays."""
    match = _LABEL.match(text)
    if match and all(w.casefold() in _FURNITURE for w in text[: match.end()].rstrip(": ").split()):
        return text[match.end():]
    return text


def undated(sentence: str) -> str:
    """A sentence without a leading dateline."""
    return _DATELINE.sub("", sentence, count=1)


@lru_cache(maxsize=65536)
def _opening(text: str) -> str:
    """The sentence as it opens in the outlet's own words, behind any dateline: "KELBURY — And then…" leans as
    much as "And then…", and a quotation's first word ("“It keeps shaking,” a guard said") is the speaker's."""
    return own_prose(undated(text)).strip(" ,")


@lru_cache(maxsize=SENTENCE_CACHE)
def leans_on_context(text: str) -> bool:
    """Does the sentence need the one before it ("He added…", "However, …", "Ann Roe agreed."), or what it
    introduces after it ("Footage showed divers climbing out:", whose video or list is not shown)? Such a sentence
    is refused. (Cached: a summary, the additions and the headline each ask it of the same sentences.)"""
    opening = _opening(text)
    after_setting = _SETTING_PHRASE.sub("", opening, count=1)
    return (text.rstrip().endswith(":") or bool(_DANGLING.match(opening) or _ASSENT_ONLY.match(opening))
            or (after_setting != opening and bool(_DANGLING.match(after_setting)))
            or bool(_ANAPHORA.search(opening)))


def adds_to_unseen(text: str) -> bool:
    """Does the sentence add to, turn from or follow a statement it does not show ("Ann Roe also said…", "The
    mayor, though, said…", `_ALSO`)? After a summary's opening, which came from other versions, there is no
    such statement to follow."""
    opening = _opening(text)
    return bool(_ALSO.match(opening) or _ALSO.match(_SETTING_PHRASE.sub("", opening, count=1)))


def reads_as_follow_on(text: str) -> bool:
    """Does the sentence read as a follow-on ("The move comes…", "Ann Roe also said…")? It may still state a
    fact worth showing; a summary prefers another wording or statement to it."""
    opening = _opening(text)
    rest = _LEADING_TIME.sub("", opening, count=1)
    return bool(_BARE_DEFINITE.match(opening) or _BARE_DEFINITE.match(rest)) or adds_to_unseen(text)


_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Capt|Sgt|Sen|Rep|Gov|Gen|Lt|Col)\.?"
_NAME = r"[A-Z][A-Za-z’'-]*[a-z](?<!['’]s)(?:-[A-Z][a-z]+)?"
"""A surname: capitalised, maybe with a capital inside ('McAllan', 'DeVries', "O'Dowd"), without the "'s" that
makes it a possessive ("Mr. Roe's" is Roe)."""
_FULLER = re.compile(rf"\b(?!{_HONORIFIC}\s)(?:[A-Z][a-z]{{0,3}}\.|[A-Z][\w’'-]*)\s+(?=({_NAME})\b)")
"""A name with a word before it ('Tam Vell', 'Mayor Okoye', 'Rep. Ann Roe'): who the bare surname is."""
_PERSON = re.compile(rf"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+(?P<titled>{_NAME})\b(?!\s+[A-Z])|"
                     rf"(?<![\w.’'-])(?P<given>[A-Z][a-z]{{2,}})\s+(?P<surname>{_NAME})\b"
                     rf"(?!\s+[A-Z])|\b(?P<aged>{_NAME}),\s+\d{{1,3}},")
"""Signs that a surname is a person's: a courtesy title ('Mr. Roe'), a first name before it ('Ann Roe', where no
capitalised word goes before or after: not 'Kelbury Lock Team'), an age after it ('Roe, 34,')."""
_BARE_PERSON = re.compile(
    rf"\b{_HONORIFIC}\s+(?P<titled>{_NAME})\b(?!\s+[A-Z])|"
    rf"^\W*(?P<subject>{_NAME})(?:,\s+\d{{1,3}},|\s+[a-z])|"
    rf"\b(?P<speaker>{_NAME})\s+(?:{SPEECH_VERBS})\b|"
    rf"\b(?:{SPEECH_VERBS})\s+(?P<said>{_NAME})\b(?!\s+[A-Z])")
"""A surname standing alone for a person: after a title ('Mr. Vell said', "Mrs. Okoye's plan"), as the subject
opening the sentence ('Vell has been charged', 'Okoye, 34, was…'), or beside a verb of saying ('Okoye added', 'said
Vell'). A bare possessive is not looked at: "Kelbury's mayor" is a place's as often as a person's."""


_NAMED_BEFORE = re.compile(r"\b[A-Z][\w.’'-]*\s+$")


def _folded(name: str) -> str:
    """A name with its apostrophes alike: "O’Dowd" in one version is "O'Dowd" in another."""
    return name.replace("’", "'")


def full_names(texts: Sequence[str]) -> frozenset[str]:
    """Surnames the texts show to be people's (`_PERSON`: a title, a first name, an age) and also give with a
    word before them ('Ann Roe', 'Mayor Roe'): those a reader could have been told in full. A company or a
    place ("Kelbury said…") has none of those signs, and a common noun ("Kelbury Police") is also written in
    lower case."""
    people: set[str] = set()
    fuller: set[str] = set()
    for text in texts:
        for m in _PERSON.finditer(text):
            given = (m.group("given") or "").casefold()
            if given and (given in CALENDAR_WORDS or given in GROUPING_STOP_WORDS or given.endswith("ing")):
                continue  # "Monday Roe", "The Kelbury…", "Describing Kelbury…": a day, a first word, a verb
            people.add(_folded(m.group("titled") or m.group("surname") or m.group("aged")))
        fuller.update(_folded(m.group(1)) for m in _FULLER.finditer(text))
    # A word the texts also write in lower case is a common noun capitalised in a name ("Kelbury Police", "the
    # police said"), not a surname.
    common = {word for text in texts for word in re.findall(r"\b[a-z][\w’'-]*", text)}
    # A plural whose singular the texts also use ("Kelbury Greens" beside "a Green") names a group.
    words = {word for text in texts for word in re.findall(r"\b[A-Z][\w’'-]*", text)}
    return frozenset(name for name in people & fuller
                     if name.casefold() not in common | CALENDAR_WORDS and not (name.endswith("s") and name[:-1] in words))


def unintroduced(text: str, before: str, surnames: Collection[str]) -> bool:
    """Does the sentence call someone by a bare surname ("Mr. Roe said…", "Roe was charged…") that neither the
    text shown before it (`before`) nor the sentence itself gives in full ("Ann Roe", "Mayor Roe") though the
    story does (`surnames`, from `full_names`)? Away from the article, "Roe" is nobody the reader has met."""
    for found in _BARE_PERSON.finditer(text):
        kind = next(key for key, value in found.groupdict().items() if value)
        name = _folded(found.group(kind))
        if name not in surnames or (kind != "titled" and _NAMED_BEFORE.search(text[:found.start(kind)])):
            continue  # not a person's, or the end of a longer name ("President Roe's", "Ann Roe said")
        shown = f"{before} {text[:found.end()]}"
        if not any(_folded(m.group(1)) == name for m in _FULLER.finditer(shown)):
            return True
    return False
