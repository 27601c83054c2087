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
from functools import lru_cache
from typing import Iterator, Sequence

from newsdigest.model import Claim, Disagreement, Post, Quote
from newsdigest.stories.sentences import markdown_paragraphs, plain_words, split_sentences

__all__ = ["MIN_WORDS", "QuoteMention", "find_quotes", "quote_in", "shared_quotes", "analyse_quotes", "quoted"]

MIN_WORDS = 3
"""Shorter quoted phrases are scare quotes or labels ("probably", "guarantors"), not statements."""

MATCH = 0.6
"""Share of the shorter quote's word bigrams that must appear in the longer for the two to be one quote.
Tolerates a trimmed clause or changed punctuation; two different sentences of
one speech rarely share more than a few bigrams."""

SHARED_WORDS = 5
"""Fewer words in common than this ("spill the beans") are a phrase two outlets happen to quote, not a
shared quotation."""

UNATTRIBUTED_WORDS = 8
"""A quote no version credits to anyone must be at least this long to be listed: shorter ones are phrases
lifted from a document or scare quotes ("asserts his innocence of any wrongdoing")."""

CARRY_WORDS = 12
"""A quote that follows an attributed one in its paragraph, with no more than this many words of
attribution between them ('“…,” said his lawyer, Ann Roe. “…”'), goes on with the same speaker."""

_PAIRS = [
    re.compile(r"“([^“”]+)”"),
    re.compile(r'(?<![\w"])"([^"\n]+)"(?![\w])'),
    re.compile(r"(?<![\w‘])‘([^‘’]+?)’(?!\w)"),
    re.compile(r"(?<![\w'])'([^'\n]+?)'(?!\w)"),
]

SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|replied|replies|responded|warned|warns|argued|argues|"
    r"asserted|affirmed|insisted|insists|claimed|claims|complained|wrote|writes|posted|declared|noted|notes|"
    r"explained|announced|remarked|continued|commented|tweeted|conceded|acknowledged|urged|stressed|"
    r"emphasi[sz]ed|suggested|described|called|branded|quipped|predicted|cautioned|countered|admitted|"
    r"confirmed|denied|vowed|promised|pledged|accused|critici[sz]ed|commended|praised|recalled|joked|maintained|"
    r"concluded|read|reads|testified|ruled|observed"
)
_NAME = r"(?:[A-Z][\w'’.-]*|de|van|von|al|bin|da|di|le|la)"
_NAME_RUN = rf"{_NAME}(?:\s+{_NAME})*"
_RELATIVE = re.compile(r"\b(?:who|whom|which|that|he|she|they|it|we)\b")  # "Trump, who he says": not an apposition
_SPEECH_BEFORE_QUOTE = re.compile(rf"\b(?:{SPEECH_VERBS})\b(?=[^“”\"]*$)")
_NAME_THEN_VERB = re.compile(
    rf"(?P<name>{_NAME_RUN})(?:,[^,“”\"]{{1,60}},|\s*\([^)]{{1,15}}\)|,\s*[A-Z]-[A-Z][\w.]*,)?,?\s+(?:{SPEECH_VERBS})\b")
_AUX_TAIL = re.compile(r"(?:\s+(?:has|had|have|also|then|again|later|previously|recently|once|[a-z]+ly))*\s*,?\s*$")
_QUOTED_AS = re.compile(rf"quot\w*\s+(?:[\w'’]+\s+){{0,4}}?(?P<name>{_NAME_RUN})\s+as\s+saying")
_ACCORDING = re.compile(rf"according to\s+(?:[a-z]\w*\s+)*(?P<name>{_NAME_RUN})")
# after the quote: ', said Macron' / ', Macron said' / ' he added'
_AFTER_VERB_NAME = re.compile(
    rf"^\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+(?:the\s+|a\s+)?(?:[a-z][\w-]*\s+){{0,3}}(?P<name>{_NAME_RUN})")
_AFTER_NAME_VERB = re.compile(
    rf"^\W{{0,3}}\s*(?:the\s+|a\s+)?(?:[a-z][\w-]*\s+){{0,3}}(?P<name>{_NAME_RUN})\s+(?:{SPEECH_VERBS})\b")
_PRONOUN = re.compile(
    rf"^\W{{0,3}}\s*(?:he|she|they)\s+(?:{SPEECH_VERBS})\b|(?:^|\W)(?:he|she)\s+(?:{SPEECH_VERBS})\b[^“”\"]*$", re.I)

_TITLES = {
    "president", "prime", "minister", "sir", "dame", "chancellor", "secretary", "general", "secretary-general",
    "spokesperson", "spokesman", "spokeswoman", "chief", "leader", "mr", "mrs", "ms", "dr", "senator", "governor",
    "mayor", "king", "queen", "prince", "princess", "pope", "the", "a", "an", "uk", "us", "u.s.", "eu", "french",
    "german", "russian", "ukrainian", "american", "british", "chinese", "defence", "defense", "foreign", "interior",
    "italian", "spanish", "japanese", "indian", "israeli", "iranian", "turkish", "polish", "dutch", "canadian",
    "australian", "european", "western", "irish", "scottish", "welsh", "korean", "north", "south",
    "state", "deputy", "vice", "former", "envoy", "special", "ceo", "judge", "general-secretary", "senior",
    "gov", "sen", "rep", "gen", "lt", "col", "sgt", "capt", "rev", "congressman", "congresswoman", "representative",
    "speaker", "sheriff", "attorney", "lawyer", "spokesman", "aide", "adviser", "advisor", "democrat", "republican",
    "democratic", "house", "senate", "white", "campaign", "statement", "letter",
    "then", "but", "and", "however", "meanwhile", "when", "while", "as", "in", "on", "at", "after",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "he", "she", "they", "it", "we", "i", "you", "this", "that", "these", "those", "his", "her", "their",
}


@dataclass(frozen=True)
class Attribution:
    name: str
    direct: bool
    """Named in the quote's own sentence ("…," Ann Roe said), not inferred from a pronoun or a neighbour."""


@dataclass(frozen=True)
class QuoteMention:
    post: int
    text: str
    speaker: str | None
    bigrams: frozenset[tuple[str, str]]
    words: int
    sentence: str = ""
    """The sentence that carries the quote, attribution included."""
    direct: bool = False
    """The speaker is named in that sentence (see `Attribution`)."""


def _clean_speaker(raw: str | None) -> str | None:
    """'UK Prime Minister Sir Keir Starmer' → 'Keir Starmer'; 'The Kremlin' → None."""
    if not raw:
        return None
    words = [w.strip(".,;:") for w in raw.split()]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    while words and words[0].lower() in _TITLES:
        words = words[1:]
    # A run like "Russian President Vladimir Putin": keep the last two capitalised words.
    names = [w for w in words if w and w.lower() not in _TITLES and re.search(r"[a-z]", w)
             and not re.match(r"I['’]", w)]
    if not names:
        return None
    name = " ".join(names[-3:] if len(names) >= 3 and names[-3][0].islower() else names[-2:])
    return name if name[0].isupper() else None


def _inferred(tail: str, earlier: str, recent: str | None) -> Iterator[tuple[str | None, bool]]:
    """Whom a pronoun ("he said") stands for, likeliest first: the sentence's subject, the one before's, the last named."""
    yield _subject(tail), False
    yield _subject(earlier), False
    yield recent, False


def _name_before_verb(tail: str) -> str | None:
    """'… the ministry's spokesperson, Ivan Petrov, said:' → 'Ivan Petrov' (nearest speech verb first)."""
    for verb in reversed(list(_SPEECH_BEFORE_QUOTE.finditer(tail))):
        left = _AUX_TAIL.sub("", tail[:verb.start()]).rstrip(", ")
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
    m = re.match(rf"\W*(?P<name>{_NAME_RUN})(?:,[^,]{{1,80}},|\s+\([^)]{{1,15}}\))?\s+[a-z]", last)
    if m and _clean_speaker(m.group("name")):
        return _clean_speaker(m.group("name"))
    # "At the same time, Nato chief Mark Rutte said …": the first name that speaks.
    m = re.search(rf"(?P<name>{_NAME_RUN})(?:\s+\([^)]{{1,15}}\))?\s+(?:{SPEECH_VERBS})\b", last)
    return _clean_speaker(m.group("name")) if m else None


def _speaker(quote: str, before: str, after: str, previous: str, proper: frozenset[str] = frozenset(),
             recent: str | None = None) -> Attribution | None:
    """Who is credited with the quote: the first attribution around it that names a real name.

    A real name is one the text also capitalises in mid-sentence (`proper_names`): a word
    that is capitalised only because it opens a sentence ("There", "Posting") names nobody.
    """
    for raw, direct in _attributions(quote, before, after, previous, recent):
        name = _clean_speaker(raw)
        if name and (not proper or name.split()[-1] in proper):
            return Attribution(name, direct)
    return None


def _attributions(quote: str, before: str, after: str, previous: str,
                  recent: str | None) -> Iterator[tuple[str | None, bool]]:
    """Candidate speakers, the most direct attribution first; True for a name in the quote's own sentence."""
    tail = re.split(r"(?<=[.!?])\s+", before.strip())[-1] if before.strip() else ""
    earlier = before.strip()[: len(before.strip()) - len(tail)].strip() or previous  # the sentence before
    m = _QUOTED_AS.search(tail)
    if m:
        yield m.group("name"), True
    if re.search(r"\d\W*$", quote):
        # "“The bid is €40” million, the chairman said": the mark closed inside the figure, so its scale
        # word is not the start of the attribution, which follows it (the quote's text keeps the bare figure).
        after = re.sub(r"^\s*(?:thousand|million|billion|trillion)\b", "", after)
    head = (split_sentences(after.strip()) or [""])[0]  # "…,” Mr. Trump said: not cut at "Mr."
    if re.search(r"[.!?…]\W*$", quote) and not re.match(r"\W*[a-z,]", after):
        head = ""  # the quote closed its sentence: what follows is a new statement, not its attribution
    m = _AFTER_VERB_NAME.search(head)
    if m and m.group("name").endswith(("'s", "’s")):
        # "…,” said the statement from Roe's attorney, Ann Kell: the possessor did not speak.
        later = re.search(rf"(?<![\w'’])({_NAME_RUN})(?![\w'’])", head[m.end():])
        if later and not later.group(1).endswith(("'s", "’s")):
            yield later.group(1), True
    elif m:
        # "said Harbor Labs researcher Ana Ruiz": the person comes after the body and the role.
        person = re.match(rf"\s+(?:[a-z][\w-]*\s+){{1,4}}(?P<name>{_NAME_RUN})", head[m.end():])
        yield (person.group("name") if person else m.group("name")), True
    attached = not re.match(r"\W*(?!(?:the|a|an|his|her|its|their)\b)[a-z]+\b", head)  # not "while X said"
    if attached and (re.match(r"\W*[a-z,(]", head) or (head and not re.search(r"[.!?…]\W*$", quote))):
        # "…,” the Republican leader, Ana Okafor, said / Senate President Ana Okafor (R) said
        for m in _NAME_THEN_VERB.finditer(head):
            if not re.search(r"\b(?:of|in|from|at)\s+$", head[:m.start()]):  # "of New York": a place
                yield m.group("name"), True
                break
    if _PRONOUN.search(head):
        yield from _inferred(tail, earlier, recent)
    yield _name_before_verb(tail), True
    if _PRONOUN.search(tail):  # "Marsh praised Ortiz, who he says …": the sentence's own subject first
        yield from _inferred(tail, earlier, recent)
    m = _ACCORDING.search(tail + " " + head)
    if m:
        yield m.group("name"), True
    opening = tail if re.search(r"[.!?]\W*$", tail) else "" if tail else earlier
    if opening and re.search(rf"\b(?:{SPEECH_VERBS}|speak)\b", opening):
        # "Mr. Lind went on to say that … history. “There have been …”": the quote is what was said.
        yield _subject(opening), False


_MID_SENTENCE_CAPITAL = re.compile(
    r"(?:(?<=[\w,;)]\s)|(?<=\b[A-Z]\.\s)|(?<=Mr\.\s)|(?<=Ms\.\s)|(?<=Dr\.\s)|(?<=Mrs\.\s))([A-Z][\w'’-]*)")


def proper_names(paragraphs: Sequence[str]) -> frozenset[str]:
    """Capitalised words the text uses in mid-sentence: names, not sentence (or quotation) openers."""
    found: set[str] = set()
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            for m in _MID_SENTENCE_CAPITAL.finditer(sentence):
                if m.start() > 0:
                    found.add(m.group(1))
    return frozenset(found)


def _is_label(text: str) -> bool:
    """'Coalition of the Willing': a quoted name, not words anyone said."""
    small = {"of", "the", "and", "for", "a", "in", "on"}
    words = [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in small]
    return bool(words) and all(w[0].isupper() for w in words) and len(words) <= 6


def find_quotes(post: Post, index: int = 0) -> list[QuoteMention]:
    """Every direct quote of at least `MIN_WORDS` words in a post's body, with its speaker."""
    return list(_body_quotes(post.body, index))


@lru_cache(maxsize=256)
def _body_quotes(body: str, index: int) -> tuple[QuoteMention, ...]:
    """`find_quotes` of a body; cached, since a story's analysis reads its versions' quotes twice (its shared
    quotes, and the quotes its disagreements' figures stand in)."""
    mentions: list[QuoteMention] = []
    paragraphs = markdown_paragraphs(body)
    previous, previous_speaker, recent = "", None, None
    proper = proper_names(paragraphs)
    for paragraph in paragraphs:
        spans: list[tuple[int, int, str]] = []
        for pattern in _PAIRS:
            for m in pattern.finditer(paragraph):
                if any(s <= m.start() < e or s < m.end() <= e for s, e, _ in spans):
                    continue
                spans.append((m.start(), m.end(), m.group(1)))
        spans.sort()
        last_end = 0
        # A paragraph that is nothing but a quote goes on with the speaker the paragraph before introduced
        # ("…, he said in a statement:" / an attributed quote), as news copy does.
        standalone = bool(spans) and spans[0][0] <= 1 and len(paragraph) - spans[-1][1] <= 2
        last_speaker = previous_speaker if standalone and (previous.rstrip().endswith(":") or previous_speaker) \
            else None
        for start, end, inner in spans:
            text = inner.strip().strip(",").strip()
            words = plain_words(text)
            if len(words) < MIN_WORDS or _is_label(text):
                continue
            before = paragraph[:start]
            after = paragraph[end:]
            found = _speaker(inner, before, after, previous, proper, recent)
            speaker, direct = (found.name, found.direct) if found else (None, False)
            gap = paragraph[last_end:start]
            if speaker is None and last_speaker and (not re.search(r"[.!?]\s", gap) or len(gap.split()) <= CARRY_WORDS):
                speaker = last_speaker  # '… said there was “…” and that “…”' / '“…,” he said. “…”': one speaker
            last_end, last_speaker = end, speaker
            recent = speaker or recent
            bigrams = frozenset(zip(words, words[1:]))
            sentence = (re.split(r"(?<=[.!?])\s+", before)[-1] + paragraph[start:end]
                        + re.split(r"(?<=[.!?”\"])\s+", after, maxsplit=1)[0])
            mentions.append(QuoteMention(index, text.rstrip(","), speaker, bigrams, len(words), sentence.strip(),
                                         direct))
        previous_speaker = last_speaker if spans else None
        previous = paragraph
    return tuple(mentions)


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


def quoted(posts: Sequence[Post]) -> list[tuple[QuoteMention, int]]:
    """Every version's quotes, each with the id of the quote it is across versions (the shared-quote matching
    of `analyse_quotes`): two mentions with one id are one quote."""
    mentions = [m for i, post in enumerate(posts) for m in find_quotes(post, i)]
    group = {i: g for g, members in enumerate(_groups(mentions)) for i in members}
    return [(m, group[i]) for i, m in enumerate(mentions)]


def quote_in(text: str, post: int, found: Sequence[tuple[QuoteMention, int]]) -> tuple[QuoteMention, int] | None:
    """Which of a version's quotes (from `quoted`) a quoted passage of its text is: the one sharing most of
    its word pairs, when it is one quote by `MATCH`; None for a passage `find_quotes` does not read (a
    headline's, a phrase too short to be a quote)."""
    words = plain_words(text)
    passage = QuoteMention(post, text, None, frozenset(zip(words, words[1:])), len(words))
    best = max(((len(passage.bigrams & m.bigrams), k) for k, (m, _) in enumerate(found)
                if m.post == post and _same(passage, m)), default=None)
    return found[best[1]] if best else None


def shared_quotes(posts: Sequence[Post]) -> tuple[Quote, ...]:
    """Quotes merged across versions, the most widely carried first (see `analyse_quotes`)."""
    return analyse_quotes(posts)[0]


def analyse_quotes(posts: Sequence[Post]) -> tuple[tuple[Quote, ...], tuple[Disagreement, ...]]:
    """Quotes merged across versions, and the quotes versions credit to different people.

    Each quote is shown in the longest wording that every version carrying it
    holds (a version quoting a fragment is not credited with the whole); its
    speaker is the one most versions name, in the fullest form the story uses
    ('Putin' is 'Vladimir Putin'). A quote that one version gives to Peskov and
    another to Putin is a disagreement about a name — but only when both name
    the speaker in the quote's own sentence and the versions quote the same
    words: a credit inferred from "he said" is too weak to accuse an outlet of.
    """
    mentions = [m for i, post in enumerate(posts) for m in find_quotes(post, i)]
    full_names = _full_names(posts)
    quoted_most = Counter(m.speaker.split()[-1] for m in mentions if m.speaker)
    quotes: list[tuple[int, int, Quote]] = []
    disputes: list[tuple[int, Disagreement]] = []
    for members in _groups(mentions):
        items = [mentions[i] for i in members]
        wording, carriers = _wording(items)
        post_ids = tuple(posts[i].id for i in carriers)
        text = wording.text
        speakers = [m.speaker for m in items if m.speaker]
        speaker = None
        if speakers:
            # A credit in the quote's own sentence outweighs one inferred from "he said" or a neighbour;
            # between equals, the person the story quotes most is the likelier speaker.
            surnames: Counter[str] = Counter()
            for m in items:
                if m.speaker:
                    surname = m.speaker.split()[-1]
                    surnames[surname] += (2 if m.direct else 1) + 0.001 * quoted_most[surname]
            surname = surnames.most_common(1)[0][0]
            speaker = max((s for s in speakers if s.split()[-1] == surname), key=len)
            if " " not in speaker:
                speaker = full_names.get(speaker, speaker)
            dispute = _who_said(items, text, posts)
            if dispute:
                disputes.append((min(members), dispute))
        if speaker is None and max(m.words for m in items) < UNATTRIBUTED_WORDS:
            continue  # a short quoted phrase nobody is credited with: a label or scare quote, not a statement
        quotes.append((-len(post_ids), min(members), Quote(text, speaker, post_ids)))
    quotes.sort(key=lambda t: (t[0], t[1]))
    disputes.sort(key=lambda t: t[0])
    return tuple(q for _, _, q in quotes), tuple(d for _, d in disputes)


def _wording(items: Sequence[QuoteMention]) -> tuple[QuoteMention, tuple[int, ...]]:
    """The wording to show and the versions that really carry it (most of its word pairs).

    The longest wording that two versions or more carry, if it is a statement
    (`SHARED_WORDS` words or more); else the longest wording, with the versions
    that carry all of it. A version quoting three words of a long quote is not
    credited with the quote, and three shared words are not a shared quote.
    """
    def carriers(candidate: QuoteMention) -> tuple[int, ...]:
        return tuple(sorted({m.post for m in items
                             if len(candidate.bigrams & m.bigrams) >= MATCH * max(1, len(candidate.bigrams))}))

    ranked = sorted(items, key=lambda m: (-m.words, m.post))
    for candidate in ranked:
        found = carriers(candidate)
        if len(found) > 1 and candidate.words >= SHARED_WORDS:
            return candidate, found
    return ranked[0], carriers(ranked[0])


def _who_said(items: Sequence[QuoteMention], text: str, posts: Sequence[Post]) -> Disagreement | None:
    """Versions naming different people, each in the quote's own sentence, for the same words."""
    if len(plain_words(text)) < UNATTRIBUTED_WORDS:
        return None  # a short phrase is said by many; crediting it differently is no dispute
    credited = [m for m in items if m.speaker and m.direct and _same_words(m, items)]
    if len({m.speaker.split()[-1] for m in credited if m.speaker}) < 2 or len({m.post for m in credited}) < 2:
        return None
    quoted = set(plain_words(text))
    if any(w.lower().replace("’", "'") in quoted for m in credited if m.speaker for w in m.speaker.split()):
        return None  # a name inside the quote itself: the attribution is as likely the person spoken of
    claims = tuple(dict.fromkeys(Claim(posts[m.post].id, m.speaker or "", m.sentence)
                                 for m in sorted(credited, key=lambda m: m.post)))
    short = text if len(text) <= 60 else text[:57].rsplit(" ", 1)[0] + "…"
    return Disagreement(f"Who said “{short}”", claims)


def _same_words(mention: QuoteMention, items: Sequence[QuoteMention]) -> bool:
    """Does every other version's wording match this one both ways (no fragment of a longer quote)?"""
    return all(_mutual(mention, other) for other in items if other.post != mention.post)


def _mutual(a: QuoteMention, b: QuoteMention) -> bool:
    if not a.bigrams or not b.bigrams:
        return False
    shared = len(a.bigrams & b.bigrams)
    return shared >= MATCH * len(a.bigrams) and shared >= MATCH * len(b.bigrams)


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
