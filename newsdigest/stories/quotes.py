"""Direct quotes, who said them, and which versions carry them.

A quote is the one piece of a story that outlets are supposed to copy word for
word, so it is the best evidence of shared sourcing and the first thing a
reader checks ("did he really say that?"). Outlets still differ in the quote
marks they use and in small edits ("by road or rail" / "by road, or rail", a trimmed
first sentence), so quotes are matched by word bigrams, not by string.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache, partial
from typing import Sequence

from newsdigest.model import Claim, Disagreement, Post, Quote
from newsdigest.stories.attribution import (BODIES, SPEECH, Around, clean_speaker, is_document, lower_case_words,
                                             names_of, role_holders, speaker)
from newsdigest.stories.sentences import (SINGLE_QUOTED, markdown_paragraphs, own_prose, plain_word_count,
                                          plain_words, quoted_passages, split_sentences)

__all__ = ["MIN_WORDS", "QuoteMention", "find_quotes", "quote_in", "shared_quotes", "analyse_quotes", "quoted"]

MIN_WORDS = 3
"""Shorter quoted phrases are scare quotes or labels ("soon", "partners"), not statements."""

MATCH = 0.6
"""Share of the shorter quote's word bigrams that must appear in the longer for the two to be one quote.
Tolerates a trimmed clause or changed punctuation; two different sentences of
one speech rarely share more than a few bigrams."""

SHARED_WORDS = 5
"""Fewer words in common than this ("a fine old mess") are a phrase two outlets happen to quote, not a
shared quotation."""

UNATTRIBUTED_WORDS = 8
"""A quote no version credits to anyone must be at least this long to be listed: shorter ones are phrases
lifted from a document or scare quotes ("keeps the door open to talks")."""

RUN_WORDS = 2 * SHARED_WORDS
"""Two versions quoting this many words alike in a row quote one statement, however differently they cut it
(one quotes the sentence before it, the other the sentence after): twice a statement's worth (`SHARED_WORDS`), so
that a stock phrase or a title two different statements both quote ("the national security of the United
States") does not make them one."""

CARRY_WORDS = 12
"""A quote that follows an attributed one in its paragraph, with no more than this many words of
attribution between them ('“…,” said his lawyer, Ann Roe. “…”'), goes on with the same speaker."""

_SINGLE_PAIRS = (
    SINGLE_QUOTED,
    re.compile(r"(?<![\w'])'([^'\n]+?)'(?!\w)"),
)
"""Quotes in single marks, read where no double marks hold them (double marks are paired by `quoted_passages`)."""

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


_OPENING_MARKS = ("“", '"')


def _sentence_of(paragraph: str, start: int, end: int) -> str:
    """The sentences of `paragraph` that hold its quote at [start, end), whole: split as every sentence of a
    story is (`split_sentences`), so an initial ("general manager A.J. Smith said") does not cut the credit off."""
    held, at = [], 0
    for sentence in split_sentences(paragraph):
        begin = paragraph.find(sentence, at)
        at = begin + len(sentence)
        if begin < end and at > start:
            held.append(sentence)
    return " ".join(held)


def _running_on(paragraph: str, passage: tuple[int, int, bool] | None) -> list[tuple[int, int, str]]:
    """The paragraph's last passage, if a quote opens there and is never closed: news copy leaves a quote that goes
    on into the next paragraph open at the paragraph's end (that paragraph opens with a mark again)."""
    if passage is None or passage[2]:
        return []
    start, end, _ = passage
    inner = paragraph[start + 1:end]
    # A straight mark is as often a closing one ('…, " said Roe'): only one that opens a sentence.
    if paragraph[start] == '"' and not re.match(r"\s*[A-Z\d]", inner):
        return []
    return [(start, end, inner)]


def _passages(paragraph: str) -> tuple[list[tuple[int, int, str]], tuple[int, int, bool] | None]:
    """A paragraph's closed quotes, as (start, end, the words between the marks), in reading order: those in double
    marks of any kind however mixed or spaced ('“…,"', '" … , "'), then those in single marks outside them; and its
    last double-marked passage, which may run on into the next paragraph."""
    double = quoted_passages(paragraph)
    spans = [(start, end, paragraph[start + 1:end - 1]) for start, end, closed in double if closed]
    for pattern in _SINGLE_PAIRS:
        for m in pattern.finditer(paragraph):
            if not any(s <= m.start() < e or s < m.end() <= e for s, e, _ in spans):
                spans.append((m.start(), m.end(), m.group(1)))
    return sorted(spans), (double[-1] if double else None)


def _is_label(text: str) -> bool:
    """'Friends of the Harbour', 'Top 5 Beaches': a quoted name, not words anyone said."""
    small = {"of", "the", "and", "for", "a", "in", "on"}
    words = [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in small]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words) and len(words) <= 6


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
    names = names_of(paragraphs)
    roles = role_holders(paragraphs, names)
    for number, paragraph in enumerate(paragraphs):
        spans, last = _passages(paragraph)
        follows = paragraphs[number + 1].lstrip()[:1] if number + 1 < len(paragraphs) else ""
        if follows in _OPENING_MARKS:
            spans.extend(_running_on(paragraph, last))
        last_end = 0
        # A paragraph that is nothing but a quote goes on with the speaker the paragraph before introduced
        # ("…, he said in a statement:" / an attributed quote), as news copy does.
        standalone = bool(spans) and spans[0][0] <= 1 and len(paragraph) - spans[-1][1] <= 2
        last_speaker = previous_speaker if standalone and (previous.rstrip().endswith(":") or previous_speaker) \
            else None
        # Nothing but quotes, with no verb of saying of their own: they go on with that speaker rather than with
        # whoever a neighbouring sentence has speak.
        unattributed = standalone and not SPEECH.search(own_prose(paragraph))
        for start, end, inner in spans:
            text = inner.strip().strip(",").strip()
            words = plain_words(text)
            if len(words) < MIN_WORDS or _is_label(text):
                continue
            before = paragraph[:start]
            after = paragraph[end:]
            earlier = "\n\n".join(paragraphs[max(0, number - 2):number])
            found = speaker(Around(inner, before, after, earlier, partial(roles, number, start)), names, recent)
            credit, direct = (found.name, found.direct) if found else (None, False)
            gap = paragraph[last_end:start]
            close = not re.search(r"[.!?]\s", gap) or len(gap.split()) <= CARRY_WORDS
            # Only the last speaker is named between the two quotes ('“…,” Roe said. “…”'): the second one goes on
            # with Roe rather than with a guess from a neighbouring sentence.
            nobody_new = last_speaker and not set(re.findall(r"[A-Z][\w'’-]+", gap)) & names.proper - set(
                last_speaker.split())
            if (found is None or (not direct and (unattributed or nobody_new))) and last_speaker and close:
                credit = last_speaker  # '… said there was “…” and that “…”' / '“…,” he said. “…”': one speaker
            last_end, last_speaker = end, credit
            recent = credit or recent
            bigrams = frozenset(zip(words, words[1:]))
            sentence = _sentence_of(paragraph, start, end)
            mentions.append(QuoteMention(index, text.rstrip(","), credit, bigrams, len(words), sentence,
                                         direct))
        previous_speaker = last_speaker if spans else None
        previous = paragraph
    return tuple(mentions)


def _common_passages(items: Sequence[QuoteMention]) -> list[QuoteMention]:
    """The words two versions quote alike where they cut a quote differently ('Where were you all winter, Ana? You
    were arguing about the colour of the new benches.' / 'You were arguing about the colour of the new benches.
    The roads are still broken.'): the longest run of `RUN_WORDS` words or more that two mentions from different
    versions share, as the first of them writes it."""
    found: list[QuoteMention] = []
    for k, a in enumerate(items):
        for b in items[k + 1:]:
            run = _trimmed(_shared_run(a, b))
            if len(run) < RUN_WORDS:
                continue
            pattern = r"[\W_]+".join(re.escape(w).replace("'", "['’]") for w in run)
            m = re.search(pattern, a.text, re.I)
            if m:
                found.append(QuoteMention(a.post, m.group(0), a.speaker, frozenset(zip(run, run[1:])), len(run),
                                          a.sentence, a.direct))
    return found


_EDGE_WORDS = frozenset("and or but nor so the a an of to by for in on at with as from any that than".split())
"""Words that join a passage to what was cut off around it."""


def _trimmed(run: Sequence[str]) -> Sequence[str]:
    """A run of words without the function words it starts or stops on ('… the new benches and'): a cut passage
    reads from a word that says something to another."""
    start, end = 0, len(run)
    while start < end and run[start] in _EDGE_WORDS:
        start += 1
    while end > start and run[end - 1] in _EDGE_WORDS:
        end -= 1
    return run[start:end]


def _longest_run(a: Sequence[str], b: Sequence[str]) -> Sequence[str]:
    """The longest run of words that `a` and `b` both hold."""
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[m.a:m.a + m.size]


def _shared_run(a: QuoteMention, b: QuoteMention) -> Sequence[str]:
    """The longest run of words two mentions from different versions both quote, if they share enough word
    pairs to hold one of `RUN_WORDS` words; else none."""
    if a.post == b.post or len(a.bigrams & b.bigrams) < RUN_WORDS - 1:
        return []
    return _longest_run(plain_words(a.text), plain_words(b.text))


def _one_quote(a: QuoteMention, b: QuoteMention) -> bool:
    """Two mentions of one quote: most word pairs shared (`_same`), or a long run of words quoted alike by two
    versions that cut the quote differently (`_common_passages`)."""
    if _same(a, b):
        return True
    return len(_shared_run(a, b)) >= RUN_WORDS


def _same(a: QuoteMention, b: QuoteMention) -> bool:
    short, long = (a, b) if len(a.bigrams) <= len(b.bigrams) else (b, a)
    if not short.bigrams:
        return False
    return len(short.bigrams & long.bigrams) / len(short.bigrams) >= MATCH


FULL_NAME_WORDS = 3
"""The most words a story's full name for someone keeps ('Ada Maren Roe', 'Kim Il Sung'): a longer run of
capitals is a body's name before a person's."""


def _full_names(posts: Sequence[Post]) -> dict[str, Counter[str]]:
    """Surname -> the full names the story uses for it, with how often ('Roe' -> 'Ada Maren Roe': 2, 'Ada Roe': 1).
    A name of three words loses an opening word the story also uses alone or writes in lower case: 'Kelbury Ann
    Roe' beside "Kelbury said" is a body's name before a person's."""
    common = {w for p in posts for w in lower_case_words(p.body)}
    runs = [m.group(0).split() for p in posts for m in _CAPITALISED_RUN.finditer(p.body)]
    alone = {run[0] for run in runs if len(run) == 1}
    seen: dict[str, Counter[str]] = {}
    for run in runs:
        if len(run) < 2:
            continue
        words = (clean_speaker(" ".join(run), FULL_NAME_WORDS) or "").split()
        while len(words) > 2 and (words[0].casefold() in common or words[0] in alone):
            words.pop(0)
        if len(words) > 1:
            seen.setdefault(words[-1], Counter())[" ".join(words)] += 1
    return seen


def _fullest(speaker: str, full_names: dict[str, Counter[str]]) -> str:
    """The name the story uses most for `speaker` among those that end with it ('Roe' or 'Maren Roe' →
    'Ada Maren Roe'); the speaker as credited where it uses none, or two as often ('Ada Roe' and 'Bo Roe':
    which Roe spoke, the story does not tell)."""
    used = full_names.get(speaker.split()[-1], Counter())
    fuller = sorted(((count, name) for name, count in used.items() if name.endswith(" " + speaker)), reverse=True)
    if not fuller or (len(fuller) > 1 and fuller[0][0] == fuller[1][0]):
        return speaker
    return fuller[0][1]


_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)*")


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
    ('Roe' is 'Ada Maren Roe'). A quote that one version gives to Lind and
    another to Roe is a disagreement about a name — but only when both name
    the speaker in the quote's own sentence and the versions quote the same
    words: a credit inferred from "he said" is too weak to accuse an outlet of.
    """
    mentions = [m for i, post in enumerate(posts) for m in find_quotes(post, i)]
    full_names = _full_names(posts)
    quoted_most = Counter(m.speaker.split()[-1] for m in mentions if m.speaker)
    quotes: list[tuple[int, int, Quote]] = []
    disputes: list[tuple[int, Disagreement]] = []
    for members in _groups(mentions):
        for k, (wording, carriers, items) in enumerate(_wordings([mentions[i] for i in members])):
            post_ids = tuple(posts[i].id for i in carriers)
            text = wording.text
            speakers = [m.speaker for m in items if m.speaker]
            if any(not is_document(s) for s in speakers):  # a person named outweighs a document
                speakers = [s for s in speakers if not is_document(s)]
            speaker = None
            if speakers:
                # A credit in the quote's own sentence outweighs one inferred from "he said" or a neighbour;
                # between equals, the person the story quotes most is the likelier speaker.
                surnames: Counter[str] = Counter()
                for m in items:
                    if m.speaker in speakers:
                        surname = m.speaker.split()[-1]
                        surnames[surname] += (2 if m.direct else 1) + 0.001 * quoted_most[surname]
                surname = surnames.most_common(1)[0][0]
                speaker = max((s for s in speakers if s.split()[-1] == surname), key=len)
                speaker = _fullest(speaker, full_names)
                dispute = _who_said(items, text, posts)
                if dispute:
                    disputes.append((min(members), dispute))
            if speaker is None and wording.words < UNATTRIBUTED_WORDS:
                continue  # a short quoted phrase nobody is credited with: a label or scare quote, not a statement
            quotes.append((-len(post_ids), (min(members), k), Quote(text, speaker, post_ids)))
    quotes.sort(key=lambda t: (t[0], t[1]))
    disputes.sort(key=lambda t: t[0])
    return tuple(q for _, _, q in quotes), tuple(d for _, d in disputes)


def _wordings(items: Sequence[QuoteMention]) -> list[tuple[QuoteMention, tuple[int, ...], list[QuoteMention]]]:
    """The wordings to show of one quote, each with the versions that carry it and their mentions of it.

    First the longest wording, a version's own or the words two versions' cuts
    of it have in common (`_common_passages`), that two versions or more carry
    (`_carries`: a changed word or punctuation is the same quote, a sentence
    left out is not), if it is a statement (`SHARED_WORDS` words or more). Then each
    shorter one that two versions or more carry whole, every word pair of it,
    and that repeats no statement's worth of a wording already shown: one
    version may quote in one passage what others quote as two, and a reader
    sees each part once. A version quoting three words of a long quote is not
    credited with the quote, and three shared words are not a shared quote.
    With no such wording, the longest one, with the versions that carry it.
    Last, each version's own statement that neither repeats nor is one of
    those (`_same`): a fragment one version quotes ('the fee vote in May') can
    tie two different statements of one speaker into one quote, and
    the one no other version carries is still a quote of its version.
    """
    def carrying(candidate: QuoteMention, whole: bool) -> list[QuoteMention]:
        return [m for m in items if (candidate.bigrams <= m.bigrams or not whole) and _carries(m, candidate)]

    def new_statement(candidate: QuoteMention) -> bool:
        """A statement (`SHARED_WORDS` words or more) that repeats no statement's worth of a wording shown."""
        return candidate.words >= SHARED_WORDS and not any(
            len(candidate.bigrams & wording.bigrams) >= SHARED_WORDS - 1 for wording, _, _ in shown)

    ranked = sorted([*items, *_common_passages(items)], key=lambda m: (-m.words, m not in items, m.post))
    shown: list[tuple[QuoteMention, tuple[int, ...], list[QuoteMention]]] = []
    for candidate in ranked:
        if not new_statement(candidate):
            continue  # too short to be a statement, or it repeats part of a wording already shown
        members = carrying(candidate, whole=bool(shown))
        carriers = tuple(sorted({m.post for m in members}))
        if len(carriers) >= 2:
            shown.append((candidate, carriers, members))
    if not shown:
        longest = max(items, key=lambda m: (m.words, -m.post))
        members = carrying(longest, whole=False)
        shown.append((longest, tuple(sorted({m.post for m in members})), members))
    for mention in sorted(items, key=lambda m: (-m.words, m.post)):
        if new_statement(mention) and not any(_same(mention, wording) for wording, _, _ in shown):
            members = carrying(mention, whole=True)
            shown.append((mention, tuple(sorted({m.post for m in members})), members))
    return shown


def _carries(mention: QuoteMention, wording: QuoteMention) -> bool:
    """Does a version's mention quote this wording? It holds most of the wording's words (`MATCH`) in the
    wording's order, and neither leaves out a statement's worth of it nor puts one in between its words
    (`SHARED_WORDS` words in a row): a version that quotes one sentence of a two-sentence passage does not
    carry the passage, and one whose long quote holds the same word pairs scattered ('a shameful waste of
    time … the money of the harbour') does not carry 'a shameful waste of the money of the harbour'."""
    if len(wording.bigrams & mention.bigrams) < MATCH * max(1, len(wording.bigrams)):
        return False
    words, held = plain_words(wording.text), plain_words(mention.text)
    cuts = {plain_word_count(wording.text[:m.start()]) for m in re.finditer(r"…|\.\.\.", wording.text)}
    covered = matched = 0
    reached = None  # where the last matched block ended in the mention
    for block in SequenceMatcher(None, words, held, autojunk=False).get_matching_blocks():
        put_in = block.size and reached is not None and block.b - reached >= SHARED_WORDS \
            and not any(covered <= cut <= block.a for cut in cuts)  # an ellipsis says words were cut there
        if block.a - covered >= SHARED_WORDS or put_in:
            return False  # a statement's worth left out, or put in between the wording's words
        covered, matched = max(covered, block.a + block.size), matched + block.size
        reached = block.b + block.size if block.size else reached
    return matched >= MATCH * len(words)


def _who_said(items: Sequence[QuoteMention], text: str, posts: Sequence[Post]) -> Disagreement | None:
    """Versions naming different people, each in the quote's own sentence, for the same words."""
    if len(plain_words(text)) < UNATTRIBUTED_WORDS:
        return None  # a short phrase is said by many; crediting it differently is no dispute
    # A body ('the Interior Ministry said') is no rival to a person: someone speaks for it.
    credited = [m for m in items if m.speaker and m.direct and m.speaker.split()[-1].casefold() not in BODIES
                and _same_words(m, items)]
    if len({m.speaker.split()[-1] for m in credited if m.speaker}) < 2 or len({m.post for m in credited}) < 2:
        return None
    quoted = set(plain_words(text))
    if any(w.lower().replace("’", "'") in quoted for m in credited if m.speaker for w in m.speaker.split()):
        return None  # a name inside the quote itself: the attribution is as likely the person spoken of
    surnames = {m.speaker.split()[-1] for m in credited if m.speaker}
    if any(len({s for s in surnames if s in m.sentence.replace(m.text, "")}) >= 2 for m in items):
        return None  # "Ada Roe and Bo Lind said in a statement": one version credits them together
    names = {m.speaker for m in credited if m.speaker}
    claims = tuple(dict.fromkeys(Claim(posts[m.post].id, _fullest_credit(m.speaker or "", names), m.sentence)
                                 for m in sorted(credited, key=lambda m: m.post)))
    short = text if len(text) <= 60 else text[:57].rsplit(" ", 1)[0] + "…"
    return Disagreement(f"Who said “{short}”", claims)


def _fullest_credit(name: str, names: set[str]) -> str:
    """The fullest way the versions' credits write this speaker (`_fullest` reads the story's text instead):
    "Butler" is shown as another version's "A.J. Butler", whose last words it is, so a reader sees one person
    under one name, not two rival speakers. "John Butler" and "Mary Butler" stay apart."""
    words = name.split()
    fuller = [n for n in names if len(n.split()) > len(words) and n.split()[-len(words):] == words]
    return max(fuller, key=lambda n: (len(n.split()), n)) if fuller and words else name


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
                    if _one_quote(m, mentions[j]):
                        parent[root(j)] = root(i)

    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())
