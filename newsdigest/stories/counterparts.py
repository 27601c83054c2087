"""What tells two figures of one kind apart, or together, beyond the words around them.

`disagreements` pairs the figures of a story's versions by the words around
them. Words alone pair too much on real coverage — two fighters' records, a
player's rushing and receiving yards, the votes to break a filibuster and the
votes to sustain one — and too little where an outlet writes a figure with no
noun ("fell to 310,000 from a peak of 1.3 million"). This module reads what a
reader reads to tell:

* `told_apart`: the sentences credit the figures to different people, or to
  different kinds of one thing ("rushing" / "receiving" yards; "$… worth of
  bicycles" / "$… worth of furniture");
* `anchored`: the two sentences both state a third, specific figure, so they
  report one set of facts and a noun-less figure may borrow its counterpart's;
* `frames`: a year said in the same words ("term ends in 2031" / "term ends in
  2030"), or as the same end of a span;
* `states_numeral` and `siblings_clash`: a version whose sentence also carries
  the other's numeral ("47-2 with 39 wins"), and two sentences that differ in
  a second measure too ("25 points and 16 rebounds" / "22 points and nine
  rebounds"), describe two occasions, not one fact told two ways.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from newsdigest.stories.numbers import CALENDAR, Mention
from newsdigest.stories.sentences import WORD as TOKEN
from newsdigest.stories.sentences import CALENDAR_WORDS, STOP_WORDS, content_tokens, word_key

__all__ = [
    "NUMBERISH",
    "Casing",
    "anchored",
    "casing_of",
    "frames",
    "incidence",
    "names",
    "potential",
    "range_ends",
    "siblings_clash",
    "specific",
    "states_numeral",
    "told_apart",
    "words_of",
]

NUMBERISH = re.compile(r"^\d|^(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|"
                       r"billion|half)$")

_NOT_NAMES = {"mr", "mrs", "ms", "dr", "rep", "sen", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr"} | (
    CALENDAR_WORDS | STOP_WORDS)

_PREPOSITIONS = {"in", "of", "off", "at", "from", "near", "to", "into", "on", "across", "around", "outside", "inside",
                 "for", "with", "by", "against", "toward", "towards", "over", "under", "between", "through"}

_CLAUSE = re.compile(r"[,;:()–—]|--|\b(?:that|which|who|whom|whose|after|before|while|when|where|because|although|"
                     r"though|since|until|unless|if)\b", re.I)
"""Where a clause opens: the figure's actor is named after the last of these before it."""
_DOER = re.compile(r"\b(?:he|she|they|his|her|their|him|them|is|are|was|were|has|have|had|will|would|could|can|"
                   r"may|might|must|should|did|does|do|\w+ed)\b", re.I)
"""A clause that speaks of someone ("he had", "the party has", "was charged"): its figure is the sentence's actor's."""
_SPAN = re.compile(r"^\s*(?:to|through|until|till|and|-|–|—)\s*$", re.I)

_WORTH = re.compile(r"^\s*worth\s+of\s+(?:[\w-]+['’]s?\s+)?([A-Za-z]+)")
_SPENT_ON = re.compile(r"^\s*on\s+(?:the\s+|its\s+|their\s+)*([a-z]+(?:\s+[a-z]+)?)")
"""What a sum is spent on, in lower case ("$4.2 million on road repairs"): a capital after "on" is a day or a
name ("on Monday"), not a purpose."""


def specific(numeral: str) -> bool:
    """Too specific to recur by chance: '26', '1.1', '400000' (not 'two' or '3')."""
    try:
        return float(numeral) >= 10 or "." in numeral
    except ValueError:
        return False


@dataclass(frozen=True)
class Casing:
    """How a story writes its words: those it writes in lower case, those it capitalises inside a sentence,
    and the surnames it gives two people ('moreno' of "Ada Moreno" and "Luis Moreno")."""

    lower: frozenset[str] = frozenset()
    inner: frozenset[str] = frozenset()
    namesakes: frozenset[str] = frozenset()


@lru_cache(maxsize=65536)
def _tokens(sentence: str) -> tuple[tuple[int, str, str], ...]:
    """(offset, word, `word_key`) of each word of a sentence: `casing_of` reads every sentence twice, and `names`
    is asked again of the sentences of the story's figures."""
    return tuple((m.start(), m.group(0), word_key(m.group(0))) for m in TOKEN.finditer(sentence))


@lru_cache(maxsize=4096)
def words_of(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, stem) of the content words of a sentence that are not numbers, in order."""
    return tuple((w.start(), w.end(), t) for w in TOKEN.finditer(sentence) for t in content_tokens(w.group(0))
                 if not NUMBERISH.match(t))


def casing_of(sentences: Sequence[str]) -> Casing:
    sentences = list(dict.fromkeys(sentences))  # a sentence several versions share tells its casing once
    lower: set[str] = set()
    inner: set[str] = set()
    for sentence in sentences:
        for k, (_, word, key) in enumerate(_tokens(sentence)):
            if word[0].islower():
                lower.add(key)
            elif k:
                inner.add(key)
    casing = Casing(frozenset(lower), frozenset(inner))
    given: dict[str, set[str]] = {}
    for sentence in sentences:
        for run in _full_names(sentence, names(sentence, casing)):  # namesakes do not change a sentence's names
            if len(run) >= 2:
                given.setdefault(run[-1], set()).add(run[0])
    return Casing(casing.lower, casing.inner, frozenset(s for s, first in given.items() if len(first) >= 2))


def names(sentence: str, casing: Casing) -> list[tuple[int, str, bool]]:
    """(offset, lower-cased word, may act) of the proper names a sentence mentions.

    A name is a word the story capitalises inside a sentence and never writes in lower case ("Ortiz"; not
    "Earlier", "Rescuers" or "The", capitalised only where they open a sentence); months, days and titles
    are left out. A name after a preposition ("off Varn", "in the Senate") is a place or a setting, not
    someone a figure belongs to, so it may not act; the first word of a name decides for all of it.
    """
    found: list[tuple[int, str, bool]] = []
    before, in_name, acts = "", False, True
    for k, (at, word, key) in enumerate(_tokens(sentence)):
        if word[0].isupper() and key not in casing.lower and key not in _NOT_NAMES and (k or key in casing.inner):
            if not in_name:
                acts = before not in _PREPOSITIONS
            found.append((at, key, acts))
            in_name = True
            continue
        in_name = False
        if key != "the":
            before = key
    return found


def _holder(m: Mention, named: list[tuple[int, str, bool]]) -> str:
    """The name just before the parentheses holding a figure ("Lindgren (45-1, 33 KOs)"): the figure is theirs."""
    opened = m.sentence.rfind("(", 0, m.start)
    if opened > m.sentence.rfind(")", 0, m.start):
        before = [(at, key) for at, key, _ in named if at < opened]
        if before and not re.search(r"[^\s\w'’.-]", m.sentence[before[-1][0]:opened]):
            return before[-1][1]
    return ""


def _actor(m: Mention, named: list[tuple[int, str, bool]]) -> str:
    """Whose figure it is: its holder; or the first name in the figure's own clause ("…, requiring Halloran to
    garner 60 votes"); or, when that clause has someone doing something before the figure ("he had the 41
    votes", "the party has only 51 votes"), the first name of the sentence, whom it stands for. '' when
    none: in "The Kremlin's refusal comes after 26 countries pledged troops" the countries are nobody's."""
    holder = _holder(m, named)
    if holder:
        return holder
    opens = max((b.end() for b in _CLAUSE.finditer(m.sentence, 0, m.start)), default=0)
    own = next((key for at, key, acts in named if opens <= at < m.start and acts), "")
    if own or not _DOER.search(m.sentence, opens, m.start):
        return own
    return next((key for at, key, acts in named if at < m.start and acts), "")


def _kinds(m: Mention) -> set[str]:
    """What narrows a figure to one kind of its thing: the lower-case words before a counted noun ('rushing'
    of '189 rushing yards'), or what a sum bought or was spent on ('bicycl' of '$7,240.80 worth of bicycles';
    road, repair of '$4.2 million on road repairs')."""
    if m.dimension == "count":
        return {w.lower() for w in m.phrase.split()[:-1] if w.isalpha() and w.islower() and w not in _NOT_NAMES}
    if m.dimension.startswith("money:"):
        after = m.sentence[m.start + len(m.figure):]
        bought = _WORTH.match(after)
        if bought:
            return set(content_tokens(bought.group(1))[:1])
        spent = _SPENT_ON.match(after)
        return set(content_tokens(spent.group(1))) if spent else set()
    return set()


_ELIGIBLE = re.compile(r"^[\s,]*(?:(?:who\s+)?(?:are|were|is|was|be|been)\s+)?eligible\b", re.IGNORECASE)
"""A count's own words saying its members may act, not that they did: "2.5 million people eligible",
"900 members who were eligible"."""


def potential(m: Mention) -> bool:
    """Does the figure count those eligible to act ("3.1 million residents eligible to vote", "3.1 million
    eligible voters") rather than those who did ("2.9 million residents cast ballots")? The same noun then
    counts two groups. Only eligibility reads so: "12 miners were able to escape" or "300 passengers were
    allowed to leave" count people who did act, and clash with "15 miners escaped"."""
    if m.dimension != "count" or not m.head:
        return False
    at = m.sentence.rfind(m.text, 0, m.start + len(m.text))  # the text opens at or before its numeral
    return bool(re.search(r"\beligible\b", m.phrase, re.IGNORECASE)
                or (at >= 0 and _ELIGIBLE.match(m.sentence[at + len(m.text):])))


def incidence(items: Sequence[set[str] | frozenset[str]]) -> sparse.csr_matrix:
    """(len(items), words): which item holds which word; a product with its transpose counts shared words."""
    vocab = {x: k for k, x in enumerate({x for found in items for x in found})}
    rows = [r for r, found in enumerate(items) for _ in found]
    cols = [vocab[x] for found in items for x in found]
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(items), max(1, len(vocab))))


def told_apart(mentions: Sequence[Mention], casing: Casing) -> np.ndarray:
    """(M, M): do the two statements say outright that they measure different things?

    * Different actors: each sentence credits its figure to someone the other sentence never names
      ("Ortiz … had the 41 votes" / "requiring Halloran to garner 60 votes"). A sentence that names the
      other's actor keeps the pair: "the Ortiz administration" and "Mr. Ortiz" are one. Figures held by
      two different names are two people's whatever else is named: "Varga (52-3, 46 KOs)" / "Lindgren
      (45-1, 33 KOs)".
    * Different kinds of one thing: "189 rushing yards" / "176 receiving yards"; "$7,240.80 worth of
      bicycles" / "$6,915.40 worth of children's furniture".
    * Those eligible to act against those who did: "3.1 million residents eligible" / "2.9 million residents
      cast ballots" (`potential`).
    """
    by_sentence = {m.sentence: names(m.sentence, casing) for m in mentions}
    actor = [_actor(m, by_sentence[m.sentence]) for m in mentions]
    vocab = {key: k for k, key in enumerate({key for found in by_sentence.values() for _, key, _ in found})}
    n = len(mentions)
    names_of = np.zeros((n, max(1, len(vocab))), dtype=bool)
    for j, m in enumerate(mentions):
        names_of[j, [vocab[key] for _, key, _ in by_sentence[m.sentence]]] = True
    has_actor = np.array([bool(a) for a in actor], dtype=bool)
    named_there = names_of[:, [vocab.get(a, 0) for a in actor]].T & has_actor[:, None]  # j's sentence names i's
    by_others = has_actor[:, None] & has_actor[None, :] & ~named_there & ~named_there.T
    holder = np.array([_holder(m, by_sentence[m.sentence]) for m in mentions])
    by_others |= (holder[:, None] != "") & (holder[None, :] != "") & (holder[:, None] != holder[None, :])
    by_others |= _namesakes(mentions, actor, by_sentence, casing)
    kinds = [_kinds(m) for m in mentions]
    has_kind = np.array([bool(k) for k in kinds])
    holds = incidence(kinds)
    shared_kind = (holds @ holds.T).toarray() > 0
    other_kinds = has_kind[:, None] & has_kind[None, :] & ~shared_kind
    eligible = np.array([potential(m) for m in mentions])
    post = np.array([m.post for m in mentions])
    return (by_others | other_kinds | (eligible[:, None] != eligible[None, :])) & (post[:, None] != post[None, :])


def _full_names(sentence: str, named: list[tuple[int, str, bool]]) -> list[tuple[str, ...]]:
    """The names of a sentence as wholes: ('ada', 'moreno') of "Ada Moreno was a councillor"."""
    runs: list[list[str]] = []
    end = -1
    for at, key, _ in named:
        if runs and not sentence[end:at].strip():
            runs[-1].append(key)
        else:
            runs.append([key])
        word = TOKEN.match(sentence, at)
        end = word.end() if word else at
    return [tuple(run) for run in runs]


def _namesakes(mentions: Sequence[Mention], actor: list[str],
               by_sentence: dict[str, list[tuple[int, str, bool]]], casing: Casing) -> np.ndarray:
    """(M, M): is one figure credited to a full name ("Ada Moreno … repaid the fund last month") and the other
    to a bare surname the story gives two people ("Moreno … repaid the fund last year", in a story of Ada
    and Luis Moreno)? The bare name may be either; uncertain, the two are not taken for one."""
    if not casing.namesakes:
        return np.zeros((len(mentions), len(mentions)), dtype=bool)
    runs = {sentence: _full_names(sentence, named) for sentence, named in by_sentence.items()}
    whole = [next((run for run in runs[m.sentence] if who and who in run), ()) for m, who in zip(mentions, actor)]
    full = np.array([run[-1] if len(run) >= 2 and run[-1] in casing.namesakes else "" for run in whole])
    bare = np.array([run[0] if len(run) == 1 and run[0] in casing.namesakes else "" for run in whole])
    one_way = (full[:, None] != "") & (full[:, None] == bare[None, :])
    return one_way | one_way.T


def anchored(mentions: Sequence[Mention]) -> np.ndarray:
    """(M, M): do the sentences of two figures of different versions both state a third figure, the same
    specific value of one kind ("1.3 million" in each)? Such sentences report one set of facts."""
    sentence_of: dict[tuple[int, str], int] = {}
    members: list[list[int]] = []
    for k, m in enumerate(mentions):
        s = sentence_of.setdefault((m.post, m.sentence), len(members))
        if s == len(members):
            members.append([])
        members[s].append(k)
    key = [(m.dimension, round(m.value, 6)) if m.dimension not in CALENDAR and specific(m.numeral) else None
           for m in mentions]
    holders: dict[tuple[str, float], set[int]] = {}
    for s, ks in enumerate(members):
        for k in ks:
            if key[k] is not None:
                holders.setdefault(key[k], set()).add(s)
    out = np.zeros((len(mentions), len(mentions)), dtype=bool)
    for value, sentences in holders.items():
        for s in sentences:
            for t in sentences:
                a, b = mentions[members[s][0]], mentions[members[t][0]]
                if a.post == b.post:
                    continue
                for i in members[s]:
                    for j in members[t]:
                        if key[i] != value and key[j] != value:
                            out[i, j] = True
    return out


def range_ends(a: Mention, b: Mention) -> bool:
    """Are a and b of one sentence the two ends of one span ("from 1971 to 1983", "10-12")?"""
    if a.dimension != b.dimension or a.sentence != b.sentence or a is b:
        return False
    first, second = (a, b) if a.start < b.start else (b, a)
    return bool(_SPAN.match(first.sentence[first.start + len(first.figure):second.start]))


def frames(mentions: Sequence[Mention]) -> list[tuple[str, str, str]]:
    """For each figure: the content words right before and right after it, and which end of a span it is.

    ('end', '', '') for "his term ends in 2030"; ('serv', '', 'start') for the 1971 of "served from 1971
    to 1979". Two years sharing any of these are said in the same frame.
    """
    by_sentence: dict[tuple[int, str], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault((m.post, m.sentence), []).append(m)
    out = []
    for m in mentions:
        words = words_of(m.sentence)
        before = [t for at, _, t in words if at < m.start]
        after = [t for at, _, t in words if at >= m.start + len(m.figure)]
        ends = [x for x in by_sentence[(m.post, m.sentence)] if range_ends(m, x)]
        end = ("start" if ends[0].start > m.start else "end") if len(ends) == 1 else ""
        out.append((before[-1] if before else "", after[0] if after else "", end))
    return out


def states_numeral(m: Mention, other: Mention) -> bool:
    """Does `other`'s sentence also carry m's numeral, in any form ("47" in "47-2 with 39 wins")? Then it
    states both numbers, and its figure measures something else. Only specific numerals count."""
    if m.dimension in CALENDAR or not specific(m.numeral) or not re.fullmatch(r"[\d.]+", m.numeral):
        return False
    return bool(re.search(rf"(?<![\d.]){re.escape(m.numeral)}(?!\d|\.\d)", other.sentence.replace(",", "")))


def siblings_clash(i: int, j: int, mentions: Sequence[Mention], comparable: np.ndarray, clash: np.ndarray) -> bool:
    """Do the two sentences also disagree on another count of one noun ("25 points and 16 rebounds" /
    "22 points and nine rebounds")? Two statements that differ in two measures are accounts of two
    occasions — two games, two fighters — not one fact told two ways. The other end of a span is part of
    the same fact ("from 1971 to 1983" / "from 1970 to 1982"), so it does not count."""
    def siblings(k: int) -> list[int]:
        m = mentions[k]
        return [o for o, x in enumerate(mentions) if o != k and x.post == m.post and x.sentence == m.sentence
                and not range_ends(m, x) and x.dimension == "count" and x.head]
    others = siblings(j)
    return any(comparable[a, b] and clash[a, b] and mentions[a].head == mentions[b].head
               for a in siblings(i) for b in others)
