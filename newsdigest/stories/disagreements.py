"""Facts the versions state differently: "26 dozen countries" against "26 Western allies".

A disagreement needs two things: two versions talking about *the same thing*,
and saying *incompatible things* about it. The first is the hard part, and it
is decided the way a reader would — by what surrounds the figure:

* the figures must be of one kind (a count against a count, euros against
  euros, a duration against a duration — months and years are converted), of
  one order (`MAX_RATIO`, a range by its nearer end; years at most `YEARS_APART`), and nothing in their
  sentences may tell them apart: two people's figures, two kinds of one noun
  (`counterparts.told_apart`);
* their context must match: the IDF-weighted overlap of the words around each
  figure (the nearest weighing most) and of the whole sentences (their other
  specific figures included), with a bonus when the same numeral appears (an
  outlet that turns "26 Western allies" into "26 dozen countries" keeps the 26);
  a verb of outdoing counts as the verb it outdoes ("outscoring" / "scored");
* days are read against the day each version was published ("on Tuesday",
  "earlier this week", "last year" become the days they may mean), and need a
  clearly shared statement (`MATCH_DAYS`); days that may be two occasions —
  one after the other version was published, or "a second man … on Wednesday"
  — are not compared (`occasions.two_occasions`); a running tally a later
  version gives higher ("has destroyed 170 homes" two days after "destroyed
  120 homes") has grown, and does not clash (`occasions.grown_since`); a figure
  framed as an aim is not compared with one stated as done ("had expected 5,000
  runners" / "4,200 runners finished"), nor are figures that time phrases next
  to them put in two periods ("in the first quarter" / "in the second
  quarter"; `framing`), nor counts of two outcomes ("were killed" / "were
  injured") or of two acts a version itself tells apart (`outcomes`); two
  figures that name no noun compare only under one verb ("treated 30" / "42
  were evacuated" are two groups; `framing.verb_of`), and
  two names of one count ("workers" / "employees", `numbers.same_count`) only
  under one verb too;
* between two versions the figures are paired one to one, best fit first, so
  a version that simply does not mention a figure yields no pair for it — a
  missing figure is an addition, never a disagreement;
* the pairs are grouped into facts with one value per version (`_facts`), and
  a clash is dropped when something explains it away: a version also stating
  the other's value, or two sentences that differ in a second measure too
  (two games, not one game told two ways).

Incompatible means the intervals the statements allow do not meet:
"more than 30 countries" and "35 countries" agree; "30" and "35" do not;
"three-and-a-half years" and "a 42-month war" agree. Two bounds on the same side
given the same day are the exception: "more than $7,300" and "at least $8,000"
are two floors reported for one figure, so they disagree; across days two floors
may tell a count that grew ("more than 400 lives", then "more than 450"), so
they agree (`_clashes`).

The excerpt and headline of a post are statements too ("26 dozen countries" of
the demo lives in an excerpt), so they are read along with the body.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Sequence, TypeVar

import numpy as np
from scipy import sparse

from newsdigest.model import Claim, Disagreement, Post, day_of
from newsdigest.stories.counterparts import (
    NUMBERISH,
    Casing,
    anchored,
    casing_of,
    frames,
    incidence,
    range_ends,
    siblings_clash,
    specific,
    states_numeral,
    told_apart,
    words_of,
)
from newsdigest.stories.framing import aims_apart, periods_apart
from newsdigest.stories.numbers import CALENDAR, Mention, body_of, find_dates, find_mentions, same_count
from newsdigest.stories.occasions import grown_since, publication_days, two_occasions
from newsdigest.stories.outcomes import acts_apart, acts_of, outcomes_apart
from newsdigest.stories.quotes import quote_in, quoted
from newsdigest.stories.sentences import (
    _stem,
    content_tokens,
    markdown_paragraphs,
    plain_words,
    quoted_spans,
    split_sentences,
)
from newsdigest.stories.stamps import is_stamp

__all__ = ["MATCH", "MATCH_DAYS", "PairTests", "ScoredFigures", "find_disagreements", "pair_tests", "scored_figures",
           "statements"]

MATCH = 0.12
"""Score at which two figures of one kind are taken to state the same thing.

The score is half context overlap, half sentence overlap (each an IDF-weighted
cosine over the story's statements, 0..1; context words weigh less the further
they stand from the figure, see `_REACH`), plus a bonus for the same numeral
(0.3 for a specific one like "26" or "1.1", 0.15 for a common small one like
"two"), less `CLOSENESS` per order of magnitude between the values. It is low
because the kind already says much: only a count of the same noun, an age of
the same person or money of one currency is compared at all. Independent
reports of one fact ("affecting 683,000 state workers" / "about 600,000
state workers … face real hardship") share few words besides it and score
0.14–0.35; in the fitting half of the analysis set, same-kind figures of
different facts that survive the other tests mostly score below 0.1 (0.08
already lets in one more, false, pair)."""

MATCH_DAYS = 0.5
"""Days and dates need more: a story mentions many days ("talks on Thursday", "the minister on
Friday"), and they carry no numeral to tell them apart — only a clearly shared
statement around them says two days are the day of one event."""

MATCH_YEARS = 0.4
"""A year carries its own digits, so it needs less shared wording than a weekday, but more than a counted
figure: a story names many years ("in 2009", "since 2016"), and only a clearly shared statement makes two
of them one year stated two ways. Said in the same frame — the same word right before or after ("term
ends in 2031" / "his term ends in 2030"), or as the same end of a span — a year needs only `MATCH`."""

YEARS_APART = 1
"""Two years further apart than this are two years, not one stated two ways: a misstated year is off by one
(a term "ends in 2031" or "in 2030"; "since 1994" or "since 1995"), while "the 1991 blockade" and "from 2005"
are years of two events."""

MAX_RATIO = 1.5
"""Two figures further apart than this are two quantities, not one stated two ways: a changed or
misreported figure ("600,000" for "683,000", "$2.8 billion" for "$3.8 billion") stays within it. A range
is measured by its nearer end ("between 30 and 40" against "55": 55/40)."""

CLOSENESS = 0.2
"""Score taken off per order of magnitude between two figures: with equally fitting context, "$4.5 billion"
pairs with "$4.6 billion" of the same sentence rather than with its "$3.5 billion"."""

CROWDED = 4
"""A counted noun stated with this many different values in one story ("yards", "points", "votes") names
no single quantity: its figures need the shared wording of `MATCH_DAYS` to be paired."""

MAX_VALUES = 3
"""A disputed fact has two or three versions of its value; more are unrelated figures chained together."""

_REACH = 4
"""Content words over which a context word's weight halves: the words nearest a figure say what it counts."""


def statements(post: Post) -> list[str]:
    """Everything a version states: its headline, its excerpt and its body, sentence by sentence."""
    out: list[str] = []
    if post.title and not post.title_derived:
        out.append(post.title)
    for text in (post.excerpt or "",):
        for paragraph in markdown_paragraphs(text):
            out.extend(split_sentences(paragraph))
    for paragraph in markdown_paragraphs(post.body):
        out.extend(split_sentences(paragraph))
    return list(dict.fromkeys(out))  # an excerpt that repeats the lead is one statement


def _published_days(posts: Sequence[Post]) -> list[date | None]:
    """The day each version was published: what its days ("on Tuesday", "last week") are read from."""
    return [day_of(p.published) if p.published else None for p in posts]


def _bag(text: str) -> Counter[str]:
    return Counter(t for t in content_tokens(text) if not NUMBERISH.match(t))


_SPANS = r"(?:nights?|days?|weekends?|weeks?|months?|years?|decades?|seasons?|games?|rounds?)"
_SCOPE = re.compile(
    rf"\b(?:over|across|during|in|for|within|throughout)\s+(?:the\s+)?(?:past\s+|last\s+|first\s+|previous\s+)?"
    rf"(?:[\w-]+\s+)?{_SPANS}\b"
    rf"|\b(?:past|last|previous)\s+(?:[\w-]+\s+)?{_SPANS}\b"
    r"|\bsince\s+(?:the\s+)?(?:[A-Z][a-z]+|\d{4}|last\s+\w+)",
)
"""A period a figure is counted over ('over four nights', 'since October', 'last year').

A total over a stated period and a figure with none count different stretches of
time (one night's arrests against the arrests 'over four nights'): the two are
not the same quantity, so they are not compared.
"""


def _scope_of(m: Mention) -> bool:
    """Whether the clause right after the figure states the period it is counted over."""
    after = m.sentence[m.start: m.start + len(m.text) + 60]
    clause = re.split(r"[;,:—–(]|\band\b|\bbut\b|\bwhile\b", after[len(m.text):], maxsplit=1)[0]
    return bool(_SCOPE.search(m.text + clause))


_OUTDOING = re.compile(r"^out([a-z]{4,}?)(?:ing|ed)$")


def _outdoing_verbs(sentences: Sequence[str]) -> dict[str, str]:
    """The story's verbs of outdoing, each with the stem of the verb it outdoes: {'outscor': 'scor'} for a story
    saying both "outscoring" and "scored".

    Only a verb form counts: the out-word ends in -ing or -ed, what remains of it has four letters or more,
    and the story writes that remainder as a past tense too ("scored", "polled"), which no noun or adjective
    shares. So "outbreak", "outlet", "outlook" and "outlaw(ed)" keep their own meaning, as does "outstanding"
    beside a story's "standing".
    """
    words = {w for s in sentences for w in plain_words(s)}
    out: dict[str, str] = {}
    for w in words:
        m = _OUTDOING.match(w)
        if m and m.group(1) + "ed" in words:
            out[_stem(w)] = _stem(m.group(1) + "ed")
    return out


Bag = TypeVar("Bag", Counter[str], dict[str, float])


def _outdone(bag: Bag, verbs: dict[str, str]) -> Bag:
    """The bag with a verb of outdoing read as the verb it outdoes (`_outdoing_verbs`).

    "Outscoring the visitors 31 to 12" says the team scored 31: it states what "had scored 28 points"
    states, and only the shared "score" shows it.
    """
    folded = type(bag)()
    for t, weight in bag.items():
        key = verbs.get(t, t)
        # a context weight is the nearest occurrence's; a sentence's count adds up
        folded[key] = max(folded.get(key, 0.0), weight) if isinstance(weight, float) else folded.get(key, 0) + weight
    return folded


def _near_bag(sentence: str, start: int, end: int) -> dict[str, float]:
    """The words around a figure, each weighted by how near it stands: 1 inside the figure's own words
    ("26 Western allies"), halving every `_REACH` content words away. "His term ends in 2030" and "the
    term officially ends in 2031" share the words that say which year is meant; the rest of two long
    sentences matters less."""
    weights: dict[str, float] = {}
    words = words_of(sentence)
    before = [t for a, b, t in words if b <= start]
    after = [t for a, b, t in words if a >= end]
    own = [t for a, b, t in words if b > start and a < end]
    for d, t in [*((0, t) for t in own), *enumerate(reversed(before), 1), *enumerate(after, 1)]:
        weights[t] = max(weights.get(t, 0.0), 0.5 ** ((d - 1) / _REACH) if d else 1.0)
    return weights


def _idf_matrix(bags: Sequence[Counter[str] | dict[str, float]], idf: dict[str, float],
                vocab: dict[str, int]) -> sparse.csr_matrix:
    """Rows of IDF weights for the words present (times their weight in a `_near_bag`), L2-normalised: a row
    product is their weighted cosine."""
    indptr, cols, vals = [0], [], []
    for bag in bags:
        for t, weight in bag.items():
            cols.append(vocab[t])
            vals.append(idf[t] * (weight if isinstance(weight, float) else 1.0))
        indptr.append(len(cols))
    data = np.array(vals, dtype=np.float32)
    lengths = np.diff(indptr)
    norms = np.sqrt(np.bincount(np.repeat(np.arange(len(bags)), lengths), weights=data * data,
                                minlength=len(bags)))
    norms[norms == 0] = 1.0
    data /= np.repeat(norms, lengths).astype(np.float32)
    return sparse.csr_matrix((data, np.array(cols, dtype=np.int32), np.array(indptr, dtype=np.int32)),
                             shape=(len(bags), max(1, len(vocab))))


def _figure_token(m: Mention) -> str:
    """A figure as a word of its sentence, the same however it is written: '#count:1600000'."""
    return f"#{m.dimension}:{m.value:g}"


def _numeral_bonus(m: Mention) -> float:
    """A shared '26' or '1.1' is telling; a shared 'two' or '3' happens by chance; a shared 'Friday' says
    nothing, since a story names the same few days over and over."""
    if m.dimension == "day":
        return 0.0
    return 0.3 if specific(m.numeral) else 0.15


_PLURALS = {"people", "children", "men", "women", "police", "staff", "personnel"}


def _subject(mentions: Sequence[Mention]) -> str:
    """A short label for what the versions disagree about: 'Number of Western allies / countries'."""
    dimension = mentions[0].dimension
    phrases = Counter(m.phrase for m in mentions if m.phrase)
    phrase = phrases.most_common(1)[0][0] if phrases else ""
    if dimension == "count":
        if not phrase:
            return "A figure"
        main_head = next(m.head for m in mentions if m.phrase == phrase)
        other_nouns = dict.fromkeys(m.phrase.split()[-1] for m in mentions if m.phrase and m.head != main_head)
        nouns = " / ".join([phrase, *list(other_nouns)[:2]])
        last = phrase.lower().split()[-1]
        if last.endswith("s") or last in _PLURALS:
            subject = f"Number of {nouns}"
        elif all(m.text.lower().endswith(f"-{last}") for m in mentions if m.phrase == phrase):
            subject = f"Number of {last}s"  # '38-word oath', '12-page ruling': a count of that unit
        else:
            subject = f"Figure given for {nouns}"
        # '26 dozen' reads like 26 at a glance: say what it comes to.
        hidden = {m.figure: m.value for m in mentions if m.scaled and re.search(r"dozen|hundred", m.figure, re.I)}
        if hidden:
            subject += " (" + "; ".join(f"{figure} = {value:,.0f}" for figure, value in hidden.items()) + ")"
        return subject
    if dimension == "duration":
        generic = {"years", "months", "days", "weeks", "hours", "decades", "year", "month", "day", "week"}
        return f"How long: {phrase}" if phrase and phrase.lower() not in generic else "How long"
    if dimension == "percent":
        return "Percentage"
    if dimension in ("date", "weekday", "day"):
        return "Day"
    if dimension == "year":
        return "Year"
    if dimension == "age":
        return f"Age of {phrase}" if phrase else "Age"
    return f"Amount ({dimension.split(':', 1)[1]})"


def _value(m: Mention) -> str:
    """The figure as written — a substring of its sentence, so a page can highlight it there."""
    return m.figure or m.text


@dataclass(frozen=True)
class ScoredFigures:
    """A story's figures and how alike each two figures' surroundings are: what pairing starts from, and what
    `bench/dispute_pairs.py` prints to show which pairs reach each test."""

    mentions: list[Mention]
    score: np.ndarray
    """(M, M): context and sentence overlap (`MATCH`); -1 where quoted speech forbids the pair."""
    casing: Casing


def find_disagreements(posts: Sequence[Post]) -> tuple[Disagreement, ...]:
    scored = scored_figures(posts)
    if scored is None:
        return ()
    found = _disagreements(posts, scored.mentions, scored.score, scored.casing)
    return tuple(d for d in (_once_per_version(d, posts) for d in found) if d is not None)


def scored_figures(posts: Sequence[Post]) -> ScoredFigures | None:
    """Every figure the versions state, with the overlap of each two figures' surroundings (None for fewer
    than two figures)."""
    per_post = [statements(p) for p in posts]
    mentions: list[Mention] = []
    # The quoted passage a figure stands in ("" when none): the figure is then the speaker's, compared only
    # with a figure of the same quote or of the same speaker in another version (`_same_speech`).
    spoken: list[str] = []
    context: list[dict[str, float]] = []
    sentence_bags: list[Counter[str]] = []
    df: Counter[str] = Counter()
    published = _published_days(posts)
    for v, sentences in enumerate(per_post):
        for s in sentences:
            bag = _bag(s)
            found = [*find_mentions(s, v), *find_dates(s, v, published[v])]
            if not found:
                df.update(bag.keys())
                continue
            quoted = quoted_spans(s)
            # "Posted: Mar 3, 2021 9:15 AM": when the page was filed, not what it reports (read only where
            # the sentence gives a day at all).
            stamp = any(m.dimension in CALENDAR for m in found) and is_stamp(s)
            # The specific figures of a sentence are words of it too: two sentences giving "1.3 million"
            # are the more alike for it (a figure's own value and the other end of its span aside).
            figures = Counter(_figure_token(m) for m in found if specific(m.numeral))
            df.update(bag.keys() | figures.keys())
            for m in found:
                if stamp and m.dimension in CALENDAR:
                    continue
                mentions.append(m)
                spoken.append(next((s[a:b] for a, b in quoted if a <= m.start < b), ""))
                others = figures - Counter(_figure_token(x) for x in found if x is m or range_ends(m, x))
                sentence_bags.append(bag + others)
                context.append(_near_bag(s, m.start, m.start + len(m.text)))
    mentions = _read_as_hedged(mentions)
    if len(mentions) < 2:
        return None
    verbs = _outdoing_verbs([s for ss in per_post for s in ss])
    if verbs:  # most stories have no verb of outdoing: their bags stand as read
        context = [_outdone(bag, verbs) for bag in context]
        sentence_bags = [_outdone(bag, verbs) for bag in sentence_bags]
    # IDF over the story's statements: words every version uses say little about which figure is which.
    n_sentences = max(1, sum(len(ss) for ss in per_post))
    idf = {t: math.log((1 + n_sentences) / (1 + c)) + 1 for t, c in df.items()}
    for bag in context:
        for t in bag:
            idf.setdefault(t, math.log(1 + n_sentences) + 1)
    vocab = {t: i for i, t in enumerate(idf)}
    ctx = _idf_matrix(context, idf, vocab)
    sen = _idf_matrix(sentence_bags, idf, vocab)

    score = 0.5 * (ctx @ ctx.T).toarray() + 0.5 * (sen @ sen.T).toarray()
    score[~_same_speech(posts, mentions, spoken)] = -1.0
    return ScoredFigures(mentions, score, casing_of([s for ss in per_post for s in ss]))


def _once_per_version(dispute: Disagreement, posts: Sequence[Post]) -> Disagreement | None:
    """The dispute with each version listed on one side only (None when no clash is left).

    A version whose own statements give two of the values (an excerpt's "26 dozen" over its body's "26") is
    listed with the one no other version gives: that value is why it is a party to the dispute, and the other
    is already shown by the versions that share it. When neither or both are its own, its body's value stands.
    """
    body = {p.id: {s for para in markdown_paragraphs(p.body) for s in split_sentences(para)} for p in posts}
    by_post: dict[str, list[Claim]] = {}
    for claim in dispute.claims:
        by_post.setdefault(claim.post_id, []).append(claim)
    kept: set[int] = set()
    for post_id, claims in by_post.items():
        if len(claims) == 1:
            kept.add(id(claims[0]))
            continue
        others = {c.value for c in dispute.claims if c.post_id != post_id}
        own = [c for c in claims if c.value not in others]
        in_body = [c for c in claims if c.sentence in body.get(post_id, set())]
        chosen = own[0] if len(own) == 1 else (in_body or claims)[0]
        kept.add(id(chosen))
    claims = tuple(c for c in dispute.claims if id(c) in kept)
    if len({c.value for c in claims}) < 2:
        return None
    return replace(dispute, claims=claims)


def _same_speech(posts: Sequence[Post], mentions: Sequence[Mention], spoken: Sequence[str]) -> np.ndarray:
    """(M, M): may the two figures be compared as far as quoted speech goes?

    Two figures outside quotes may. A figure inside a quote is its speaker's: it is compared only with a
    figure quoted in another version, and only when the two passages are one quote (`quotes.quoted`), or
    both are credited to the same speaker — then a quote given with another figure is a misquote. Against an
    outlet's own figure, or another person's quote, a speaker's figure may measure something else.
    """
    found = quoted(posts) if any(spoken) else []
    quote: list[int] = []
    speaker: list[str] = []
    for m, passage in zip(mentions, spoken):
        match = quote_in(passage.strip("“”\"\n "), m.post, found) if passage else None
        quote.append(match[1] if match else -1)
        who = match[0].speaker if match else None
        speaker.append(who.split()[-1].lower() if who else "")
    inside = np.array([bool(p) for p in spoken])
    q = np.array(quote)
    who = np.array(speaker)
    one_quote = (q[:, None] == q[None, :]) & (q[:, None] >= 0)
    one_speaker = (who[:, None] == who[None, :]) & (who[:, None] != "")
    return np.where(inside[:, None] & inside[None, :], one_quote | one_speaker, ~inside[:, None] & ~inside[None, :])


def _comparable(mentions: Sequence[Mention], act: Sequence[str]) -> np.ndarray:
    """(M, M): could the two mentions measure the same thing? Same kind, same counted noun, other versions.

    A count is only comparable with a count of the same noun ("600,000 state workers" with "683,000
    workers"), an age only with the age of the same person; money with money of one currency. `act` is what
    each figure says was done (`outcomes.Acts.act`), read once for this and the outcome tests.
    """
    kind = np.array([m.dimension for m in mentions])
    head = np.array([m.head for m in mentions])
    has = incidence([m.measures for m in mentions])
    shared_noun = (has @ has.T).toarray() > 0
    post = np.array([m.post for m in mentions])
    numeral = np.array([m.numeral for m in mentions])
    same_kind = kind[:, None] == kind[None, :]
    needs_head = np.isin(kind, ["count", "age"])
    same_head = ((head[:, None] == head[None, :]) & (head[:, None] != "")) | (shared_noun & (kind != "age")[:, None])
    # "26 dozen shipping companies" against "26 shipping firms": the same figure read two ways; "nearly 70
    # Linden faculty" and "nearly 70 faculty members": one count named two ways. But "12 counties" and
    # "12 others" are two counts: the same numeral names one figure only when scaled differently or when the
    # two noun phrases share a word.
    scaled = np.array([m.scaled for m in mentions])
    words = [{t for w in m.phrase.split() for t in content_tokens(w)} for m in mentions]
    # "nearly 90 faculty members" / "nearly 100 Georgetown faculty": the members counted are the body counted,
    # when the other phrase ends on the body's own word ("40 union members" and "46 unions" are two counts).
    body = np.array([body_of(m.phrase) for m in mentions])
    last = np.array([m.phrase.lower().split()[-1] if m.phrase else "" for m in mentions])
    members = (body[:, None] == last[None, :]) & (body != "")[:, None] & (kind == "count")[None, :]
    same_head |= members | members.T
    same_figure = (numeral[:, None] == numeral[None, :]) & (head[:, None] != "") & (head[None, :] != "")
    same_figure &= (kind == "count")[:, None]
    for i, j in zip(*np.nonzero(same_figure & (scaled[:, None] == scaled[None, :]))):
        same_figure[i, j] = bool(words[i] & words[j])
    # "fallen to 310,000 from a peak of 1.3 million" / "420,000 arrests … the 1.3 million arrests": a figure
    # that names nothing counts what its counterpart counts, where the two sentences share another figure.
    # A figure whose noun was cut off unread ("47 KO's, …") names something, and borrows nothing.
    headless = (kind == "count") & (head == "")
    unread = np.array([m.unread for m in mentions], dtype=bool)
    borrowed = (headless[:, None] | headless[None, :]) & ~(unread[:, None] | unread[None, :]) & anchored(mentions)
    # Two figures that both name no noun ("treated 40" / "55 were evacuated") say what they count only by
    # their verbs: they borrow a count only when the act is the same (one verb, or two words of one outcome:
    # "injured 12" / "wounded 15").
    verb = np.array([act[k] if headless[k] else "" for k in range(len(mentions))])
    borrowed &= ~(headless[:, None] & headless[None, :]) | ((verb[:, None] == verb[None, :]) & (verb[:, None] != ""))
    # Two names of one count ("6,500 workers" / "7,200 employees") are one noun only under one verb
    # ("laid off 6,500 workers" / "laid off 7,200 employees"): "sent 3,000 troops" and "has
    # 3,400 soldiers stationed" name two counts, as two acts do.
    synonym = np.array([same_count(m.head) for m in mentions])
    acts = np.array([act[k] if synonym[k] else "" for k in range(len(mentions))])
    same_head |= ((synonym[:, None] == synonym[None, :]) & (synonym[:, None] != "")
                  & (acts[:, None] == acts[None, :]) & (acts[:, None] != ""))
    # A count over a stated period and one with none count different stretches of time.
    scoped = np.array([m.dimension == "count" and _scope_of(m) for m in mentions])
    same_scope = scoped[:, None] == scoped[None, :]
    return (
        same_kind & (post[:, None] != post[None, :]) & same_scope
        & (same_head | same_figure | borrowed | ~needs_head[:, None])
    )


@dataclass(frozen=True)
class PairTests:
    """Each test `_disagreements` puts to every two figures, by name, as (M, M) arrays: what pairing starts
    from, and what `bench/dispute_pairs.py` prints to show which test stops a pair."""

    score: np.ndarray
    """How alike the surroundings are, with the numeral bonus, less the closeness penalty."""
    need: np.ndarray
    """What the pair needs to score (lowered by the closeness penalty), before any test below."""
    contradict: np.ndarray
    """The values contradict each other (`_clashes`), a tally grown since or not: the pairs the bench lists."""
    clash: np.ndarray
    """The values contradict each other, and are not one tally grown since (`grown`)."""
    grown: np.ndarray
    kind: np.ndarray
    """Same kind, same counted noun, two versions (`_comparable`)."""
    order: np.ndarray
    """Within `MAX_RATIO` (years within `YEARS_APART`), or the same numeral."""
    apart: np.ndarray
    occasions: np.ndarray
    aims: np.ndarray
    periods: np.ndarray
    outcomes: np.ndarray
    """Two classes of outcome: "were killed" / "were injured" (`outcomes.outcomes_apart`)."""
    acts: np.ndarray
    """Two acts a version tells apart: "treated 35 patients and sent 12 patients home" (`outcomes.acts_apart`)."""
    same_numeral: np.ndarray
    """The two figures are written with one numeral ("26" / "26 dozen")."""
    bonus: np.ndarray
    """(M,): each figure's numeral bonus (`_numeral_bonus`)."""

    @property
    def comparable(self) -> np.ndarray:
        """Every test passed: the pair may be paired."""
        return (self.kind & self.order & ~self.apart & ~self.occasions & ~self.aims & ~self.periods
                & ~self.outcomes & ~self.acts)


def pair_tests(posts: Sequence[Post], mentions: list[Mention], score: np.ndarray,
               casing: Casing | None = None) -> PairTests:
    """Every test of two figures that decides whether they may be paired, and whether they clash."""
    # A noun the story counts many times over ("yards", "points") does not say which quantity is meant.
    values_of: dict[str, set[float]] = {}
    for m in mentions:
        if m.dimension == "count" and m.head:
            values_of.setdefault(m.head, set()).add(m.value)
    crowded = {head for head, found in values_of.items() if len(found) >= CROWDED}
    numerals = np.array([m.numeral for m in mentions])
    same_numeral = numerals[:, None] == numerals[None, :]
    bonus = np.array([_numeral_bonus(m) for m in mentions], dtype=np.float32)
    score = score + np.where(same_numeral, bonus[:, None], 0.0)
    threshold = np.array([_threshold(m, crowded) for m in mentions])
    need = np.maximum(threshold[:, None], threshold[None, :])
    year = np.array([m.dimension == "year" for m in mentions])
    # A year said in the same frame ("term ends in 2031" / "his term ends in 2030"), or as the same end of a
    # span ("served from 1971 to 1983" / "held the seat from 1970 to 1982"), needs no more than a count.
    said = frames(mentions)
    for i, j in zip(*np.nonzero(year[:, None] & year[None, :])):
        if any(a and a == b for a, b in zip(said[i], said[j])):
            need[i, j] = MATCH
    value = np.array([m.value for m in mentions])
    published = _published_days(posts)
    grown = grown_since(mentions, published)  # a tally grown since
    distance = np.abs(np.log10(np.maximum(np.abs(value[:, None]), 1e-9) / np.maximum(np.abs(value[None, :]), 1e-9)))
    distance[:, np.isin([m.dimension for m in mentions], [*CALENDAR, "age"])] = 0.0  # labels, not amounts
    distance[year[:, None] & year[None, :] & (np.abs(value[:, None] - value[None, :]) > YEARS_APART)] = np.inf
    # Closeness in value ranks the candidates; it does not make a fitting pair less of one ("had raised $2.9
    # million" / "outraising her $3.8 million" fit as well as if both said $2.9 million), so what a pair
    # needs is lowered by as much as its score.
    penalty = CLOSENESS * np.where(same_numeral | ~np.isfinite(distance), 0.0, distance)
    # A range is of the order of its nearer end: "between 30 and 40 homes" and "55 homes" are 55/40 apart.
    ranged = np.array(["-" in m.numeral and m.dimension not in CALENDAR for m in mentions])
    low = np.maximum(np.where(ranged, [m.low for m in mentions], value), 1e-9)
    high = np.maximum(np.where(ranged, [m.high for m in mentions], value), 1e-9)
    gap = np.log10(np.maximum(np.maximum(low[:, None] / high[None, :], low[None, :] / high[:, None]), 1.0))
    order = np.where(ranged[:, None] | ranged[None, :], np.minimum(distance, gap), distance)
    # A counterpart is a figure of the same kind and order; of two equally fitting ones, the nearer in value.
    contradict = _clashes(mentions, published)
    acts = acts_of(mentions)
    return PairTests(
        score=score - penalty, need=need - penalty, contradict=contradict, clash=contradict & ~grown, grown=grown,
        kind=_comparable(mentions, acts.act), order=(order <= math.log10(MAX_RATIO)) | same_numeral,
        apart=told_apart(mentions, casing or Casing()),
        occasions=two_occasions(mentions, published),  # a later meeting, "a second arrest"
        aims=aims_apart(mentions), periods=periods_apart(mentions),  # a goal and an outcome; two quarters
        outcomes=outcomes_apart(acts), acts=acts_apart(mentions, acts),  # the dead and the hurt; two acts
        same_numeral=same_numeral, bonus=bonus,
    )


def _disagreements(posts: Sequence[Post], mentions: list[Mention], score: np.ndarray,
                   casing: Casing | None = None) -> tuple[Disagreement, ...]:
    """Pairs each figure with its counterpart in each other version (`_one_to_one`); reports the facts that clash.

    A clash is kept only when nothing explains it away: the values are of one
    order (a ratio above `MAX_RATIO` is two different quantities, unless the
    same numeral was scaled, as in "26" against "26 dozen"), nothing in the
    sentences tells the figures apart (`pair_tests`), and no
    reading lets both versions be right (`_explained`). A disagreement with more
    than `MAX_VALUES` values is a pile of unrelated figures, not one disputed fact.
    """
    n = len(mentions)
    tests = pair_tests(posts, mentions, score, casing)
    comparable, base, clash = tests.comparable, tests.kind, tests.clash
    need = np.where(comparable, tests.need, np.inf)
    score = np.where(comparable, tests.score, -1.0)
    same_numeral, bonus = tests.same_numeral, tests.bonus
    value = np.array([m.value for m in mentions])
    day = np.array([m.dimension == "day" for m in mentions])

    post_of = np.array([m.post for m in mentions])
    partner = _one_to_one(score, need, post_of, len(posts))
    # A related sentence needs half what a pair needs; a day needs all of it, since a story names one day
    # for many events ("the mayor lashed out on Friday" says nothing of when a story was published).
    related = np.where(day[:, None] & day[None, :], need, MATCH / 2)
    # The same numeral scaled differently ("26" / "26 dozen") is one figure misread, whatever else either
    # version says (even its own other sentences: the demo's "26 dozen" excerpt over a body's "26 allies").
    scaled = np.array([m.scaled for m in mentions])
    misread = same_numeral & (scaled[:, None] != scaled[None, :]) & (bonus >= 0.3)[:, None]  # '26', not 'two'
    best = np.where(score >= need, score, -np.inf)
    columns = [np.nonzero(post_of == w)[0] for w in range(len(posts))]
    edges: list[tuple[int, int]] = []
    conflicts: list[tuple[int, int]] = []
    for i in range(n):
        for w, cols in enumerate(columns):
            pairs = {int(partner[i, w])} if partner[i, w] > i else set()  # each pair seen from one side
            if len(cols) and post_of[i] != w:
                j = int(cols[best[i, cols].argmax()])
                if misread[i, j] and np.isfinite(best[i, j]):
                    pairs.add(j)
            for j in pairs:
                edges.append((i, j))
                if clash[i, j] and (misread[i, j] or not _explained(i, j, mentions, comparable, base, clash,
                                                                  score - related,
                                                                  post_of)):
                    conflicts.append((i, j))
    if not conflicts:
        return ()
    label, edges = _facts(edges, score, post_of, value, misread)
    # A clashing pair whose figures grouping put in two facts (joining them would give a third version two
    # values) is still one figure told two ways by its two versions, when both say what they measure.
    apart = [(i, j) for i, j in conflicts if label[i] != label[j] and _names_its_measure(mentions[i])
             and _names_its_measure(mentions[j])]
    conflicts = [(i, j) for i, j in conflicts if label[i] == label[j]]
    conflicted = {int(label[i]) for i, _ in conflicts}
    clashing = {k for pair in conflicts for k in pair}
    seconded = {k for a, b in edges if not clash[a, b] for k, other in ((a, b), (b, a)) if other in clashing}

    facts: list[list[int]] = []
    for key in sorted(conflicted):
        members = [i for i in range(n) if label[i] == key]
        if len({f"{mentions[i].low}:{mentions[i].high}" for i in members}) > MAX_VALUES:
            continue  # a chain of many figures, not one disputed fact
        # Claims: the clashing figures, and the figures agreeing with one of them in other versions.
        facts.append(sorted((i for i in members if i in clashing or i in seconded),
                            key=lambda i: (mentions[i].post, mentions[i].start)))
    facts = [sorted(fact, key=lambda i: (mentions[i].post, mentions[i].start))
             for fact in _joined(facts, apart, mentions)]
    found = [(min(fact), Disagreement(_subject([mentions[i] for i in fact]),
                                      tuple(Claim(posts[mentions[i].post].id, value, mentions[i].sentence)
                                            for i, value in zip(fact, values))))
             for fact, values in _spans(facts, mentions)]
    return tuple(d for _, d in sorted(found, key=lambda t: t[0]))


def _joined(facts: list[list[int]], apart: list[tuple[int, int]], mentions: Sequence[Mention]) -> list[list[int]]:
    """The disputes with each clashing pair that grouping kept in two facts: a figure is listed in one dispute
    only, so a pair sharing a figure with a dispute joins it ("$2.1 million" against "$2.4 million", and the
    "$2.4 million" against a third version's "$2.3 million": one dispute of three values). It is left out
    when joining would list one version twice, put two disputes together, or pass `MAX_VALUES`; a pair
    sharing no figure with any dispute is one of its own."""
    facts = [list(fact) for fact in facts]
    for pair in apart:
        holding = [fact for fact in facts if set(pair) & set(fact)]
        if not holding:
            facts.append(list(pair))
            continue
        fact = holding[0]
        new = [k for k in pair if k not in fact]
        if (len(holding) == 1 and new and mentions[new[0]].post not in {mentions[k].post for k in fact}
                and len({(mentions[k].low, mentions[k].high) for k in (*fact, *new)}) <= MAX_VALUES):
            fact.extend(new)
    return facts


def _names_its_measure(m: Mention) -> bool:
    """Does the figure say what it measures by itself: a unit ("$2.6 billion", "three years") or a counted noun?
    A bare count ("…, 11, …") only borrows its noun from a sentence it shares a figure with."""
    return m.dimension != "count" or bool(m.head)


def _spans(facts: list[list[int]], mentions: Sequence[Mention]) -> list[tuple[list[int], list[str]]]:
    """Each fact with the value each of its figures shows; two facts that are the two ends of one span in
    every version ("served from 1971 to 1983" / "held the seat from 1970 to 1982") are one dispute, over the
    span as written."""
    end_of = {}
    for k, fact in enumerate(facts):
        for o, other in enumerate(facts):
            if o != k and len(fact) == len(other) and all(
                    range_ends(mentions[a], mentions[b]) and mentions[a].start < mentions[b].start
                    for a, b in zip(fact, other)):
                end_of[k] = o
    out = []
    for k, fact in enumerate(facts):
        if k in end_of.values():
            continue  # the closing end of a span told with its opening one
        if k in end_of:
            closing = facts[end_of[k]]
            out.append((fact, [mentions[a].sentence[mentions[a].start:mentions[b].start + len(mentions[b].figure)]
                               for a, b in zip(fact, closing)]))
        else:
            out.append((fact, [_value(mentions[i]) for i in fact]))
    return out


def _explained(i: int, j: int, mentions: Sequence[Mention], comparable: np.ndarray, base: np.ndarray,
               clash: np.ndarray, fit: np.ndarray, post_of: np.ndarray) -> bool:
    """Is there a reading under which both versions are right? Either also states the other's value of the
    same kind of thing (in a sentence whose `fit`, its score over what it needs to be related, is >= 0);
    either sentence carries the other's numeral ("47-2 with 39 wins" against "47
    wins"); or the two sentences differ in a second measure too (two games, not one)."""
    return (_also_states(i, j, comparable, clash, fit, post_of)
            or _also_states(j, i, comparable, clash, fit, post_of)
            or states_numeral(mentions[i], mentions[j]) or states_numeral(mentions[j], mentions[i])
            or siblings_clash(i, j, mentions, base, clash))


def _facts(edges: list[tuple[int, int]], score: np.ndarray, post_of: np.ndarray, value: np.ndarray,
           misread: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Group the paired figures into facts, each with one value per version; the edges kept.

    Pairs join in order of how well they fit, misreadings first; a pair that would give a fact two values
    of one version is left out ("$2 billion could be diverted" and "$2.5 billion" of one version are two
    figures, so a third version's figure pairs into the fact of one of them, not both). A misreading is one
    value: "26 dozen countries" in an excerpt is the "26 Western allies" of its body, garbled, and the
    versions giving "26" are all on one side of one dispute.
    """
    n = len(post_of)
    label = np.arange(n)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(i: int) -> int:
        while label[i] != i:
            label[i] = label[label[i]]
            i = int(label[i])
        return i

    def consistent(group: list[int]) -> bool:
        return not any(post_of[x] == post_of[y] and value[x] != value[y] and not misread[x, y]
                       for k, x in enumerate(group) for y in group[k + 1:])

    kept = []
    for i, j in sorted(edges, key=lambda e: (not misread[e], -score[e])):
        a, b = find(i), find(j)
        if a != b:
            if not consistent(members[a] + members[b]):
                continue
            label[b] = a
            members[a] += members.pop(b)
        kept.append((i, j))
    return np.array([find(i) for i in range(n)]), kept


def _one_to_one(score: np.ndarray, need: np.ndarray, post_of: np.ndarray, versions: int) -> np.ndarray:
    """(M, V): each figure's counterpart in each other version (-1 for none), one to one.

    Between two versions, the best-scoring pair is taken first, then the best of the figures left, and so
    on while a pair reaches what it `need`s (the higher of the two figures' thresholds). A figure whose best
    counterpart was taken by a better-fitting one may so still meet its own: "$1.4 billion from harbour
    works" pairs with "$1.9 billion from harbour projects" once the "$1.2 billion" of that
    sentence has been taken by its own "$1.2 billion". (Requiring each pair to be the other's first choice
    would leave the "$1.4 billion" unpaired.)
    """
    partner = np.full((len(post_of), versions), -1)
    for v in range(versions):
        rows = np.nonzero(post_of == v)[0]
        for w in range(v + 1, versions):
            cols = np.nonzero(post_of == w)[0]
            if not len(rows) or not len(cols):
                continue
            block = score[np.ix_(rows, cols)]
            a, b = np.nonzero(block >= need[np.ix_(rows, cols)])
            for k in np.argsort(-block[a, b], kind="stable"):
                i, j = rows[a[k]], cols[b[k]]
                if partner[i, w] < 0 and partner[j, v] < 0:
                    partner[i, w], partner[j, v] = j, i
    return partner


def _read_as_hedged(mentions: Sequence[Mention]) -> list[Mention]:
    """A version that gives a figure once with a bound reads its bare repetitions the same way.

    "Her demand for more than $3 billion" and, later, "$3 billion in funding for the bridge" are one figure
    in one version: the bare one is shorthand, and it allows what the hedged one allows ("$3.8 billion").
    """
    def is_bound(m: Mention) -> bool:
        return math.isinf(m.high) or (m.low == 0.0 and m.value > 0.0)

    bounds: dict[tuple[int, str, float], tuple[float, float]] = {}
    for m in mentions:
        if is_bound(m):
            bounds.setdefault((m.post, m.dimension, m.value), (m.low, m.high))
    out: list[Mention] = []
    for m in mentions:
        bound = bounds.get((m.post, m.dimension, m.value))
        if bound and not is_bound(m):
            m = replace(m, low=min(m.low, bound[0]), high=max(m.high, bound[1]))
        out.append(m)
    return out


def _clashes(mentions: Sequence[Mention], published: Sequence[date | None]) -> np.ndarray:
    """(M, M): do the two statements of a figure contradict each other?

    They do when the intervals they allow do not meet: "30" against "35"; "more than 30" against "25". A
    bound against a value it allows agrees: "more than 30" and "35" (the hedge is what lets a rounded
    report stand beside an exact one). Two bounds on the same side ("more than $7,300" / "at least
    $8,000"; "fewer than 300" / "under 250") are each the figure an outlet was given, stated as a floor or
    a ceiling: versions published the same day that give different bounds report different figures, so
    they disagree. Versions of different or unknown days may give two floors of a count that grew between
    the reports ("more than 400 lives", then "more than 450"), and both may be true: they agree.
    """
    low = np.array([m.low for m in mentions])
    high = np.array([m.high for m in mentions])
    value = np.array([m.value for m in mentions])
    tolerance = 1e-6 * np.maximum(np.abs(value), 1.0)
    apart = tolerance[:, None] + tolerance[None, :]
    clash = (low[:, None] > high[None, :] + tolerance[None, :]) | (low[None, :] > high[:, None] + tolerance[:, None])
    day = publication_days(mentions, published)
    same_day = day[:, None] == day[None, :]  # an unknown day (NaN) equals no day
    floor = np.isfinite(low) & np.isposinf(high)  # "more than 30", "at least 30"
    ceiling = (low == 0.0) & (value > 0.0) & np.isfinite(high)  # "less than 30", "fewer than 30"
    # The bounds themselves differ: "as many as 35 to 40" and "as many as 30 to 40" give one ceiling, 40.
    with np.errstate(invalid="ignore"):  # infinite ends of floors: never compared as ceilings
        clash |= same_day & floor[:, None] & floor[None, :] & (np.abs(low[:, None] - low[None, :]) > apart)
        clash |= same_day & ceiling[:, None] & ceiling[None, :] & (np.abs(high[:, None] - high[None, :]) > apart)
    return clash


def _threshold(m: Mention, crowded: frozenset[str] | set[str] = frozenset()) -> float:
    """How alike two figures' surroundings must be: the less their kind says, the more context must."""
    if m.dimension == "duration" or m.head in crowded:
        return MATCH_DAYS  # "three years", or one of many "yards": the unit alone names no quantity
    if m.dimension == "year":
        return MATCH_YEARS
    if m.dimension in CALENDAR:
        return MATCH_DAYS
    if m.dimension == "age":
        return 0.0  # the age of one named person: nothing else to match
    if m.dimension == "percent" or (m.value < 10 and not m.scaled):
        return MATCH_DAYS  # a bare share, or a small count like "four people": common by chance
    return MATCH


def _also_states(i: int, j: int, comparable: np.ndarray, clash: np.ndarray, fit: np.ndarray,
                 post_of: np.ndarray) -> bool:
    """Does j's version also state i's value for the same kind of thing, in a related sentence (`fit` >= 0)?"""
    others = np.nonzero((post_of == post_of[j]) & comparable[i] & ~clash[i])[0]
    return bool(len(others) and fit[i, others].max() >= 0)
