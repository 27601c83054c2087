"""Facts the versions state differently: "26 dozen countries" against "26 Western allies".

A disagreement needs two things: two versions talking about *the same thing*,
and saying *incompatible things* about it. The first is the hard part, and it
is decided the way a reader would — by what surrounds the figure:

* the figures must be of one kind (a count against a count, euros against
  euros, a duration against a duration — months and years are converted);
* their context must match: the IDF-weighted overlap of the words around each
  figure and of the whole sentences, with a bonus when the same numeral or the
  same counted noun appears (an outlet that turns "26 Western allies" into
  "26 dozen countries" keeps the 26);
* each figure is matched only to its best counterpart in each other version,
  so a version that simply does not mention a figure yields no pair at all —
  a missing figure is an addition, never a disagreement.

Incompatible means the intervals the statements allow do not meet:
"more than 30 countries" and "35 countries" agree; "30" and "35" do not;
"three-and-a-half years" and "a 42-month war" agree. Two bounds on the same side
are the exception: "more than $9,200" and "at least $10,000" are two floors
reported for one figure, so they disagree (`_clashes`).

The excerpt and headline of a post are statements too ("26 dozen countries" of
the demo lives in an excerpt), so they are read along with the body.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from collections import Counter
from typing import Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsdigest.model import Claim, Disagreement, Post
from newsdigest.stories.numbers import Mention, find_dates, find_mentions
from newsdigest.stories.sentences import content_tokens, markdown_paragraphs, split_sentences

__all__ = ["MATCH", "MATCH_DAYS", "statements", "find_disagreements"]

MATCH = 0.12
"""Score at which two figures of one kind are taken to state the same thing.

The score is half context overlap, half sentence overlap (each an IDF-weighted
cosine over the story's statements, 0..1), plus a bonus for the same numeral
(0.3 for a specific one like "26" or "1.1", 0.15 for a common small one like
"two"), less `CLOSENESS` per order of magnitude between the values. It is low
because the kind already says much: only a count of the same noun, an age of
the same person or money of one currency is compared at all. Independent
reports of one fact ("affecting 896,000 federal employees" / "about 800,000
federal employees … face real problems") share few words besides it and score
0.14–0.3; in the fitting half of the analysis set, same-kind figures of
different facts that survive the other tests mostly score below 0.1."""

MATCH_DAYS = 0.5
"""Days and dates need more: a story mentions many days ("talks on Thursday", "Putin on
Friday"), and they carry no numeral to tell them apart — only a clearly shared
statement around them says two days are the day of one event."""

MATCH_YEARS = 0.4
"""A year carries its own digits, so it needs less shared wording than a weekday, but more than a counted
figure: a story names many years ("in 2009", "since 2016"), and only a clearly shared statement ("term
ends in 2018" / "term ends in 2019") makes two of them one year stated two ways."""

MAX_RATIO = 1.5
"""Two figures further apart than this are two quantities, not one stated two ways: a changed or
misreported figure ("800,000" for "896,000", "$4.7 billion" for "$5.7 billion") stays within it."""

CLOSENESS = 0.2
"""Score taken off per order of magnitude between two figures: with equally fitting context, "$3.5 billion"
pairs with "$3.6 billion" of the same sentence rather than with its "$2.5 billion"."""

CROWDED = 4
"""A counted noun stated with this many different values in one story ("yards", "points", "votes") names
no single quantity: its figures need the shared wording of `MATCH_DAYS` to be paired."""

MAX_VALUES = 3
"""A disputed fact has two or three versions of its value; more are unrelated figures chained together."""

_CALENDAR = ("date", "weekday", "year")

_WINDOW = 60
"""Characters either side of a figure that make up its context."""

_NUMBERISH = re.compile(r"^\d|^(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|"
                        r"billion|half)$")


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


_STAMP_WORDS = re.compile(
    r"\b(?:posted|published|updated|last|modified|first|am|pm|a\.\s?m|p\.\s?m|gmt|utc|[ecmp][sd]t|ist|bst|on|at|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\d+",
    re.I)


def _is_stamp(sentence: str) -> bool:
    """A dateline or 'Posted …' line: fewer than four words once its dates, times and stamp words are gone."""
    return len(re.findall(r"[A-Za-z]{2,}", _STAMP_WORDS.sub(" ", sentence))) < 4 or bool(
        re.match(r"^\W*(?:posted|published|updated|last updated)\b", sentence, re.I))


_QUOTED = re.compile(r"“[^“”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """Where a sentence quotes someone (to the sentence's end when the quote runs on)."""
    return [m.span() for m in _QUOTED.finditer(sentence)]


def _bag(text: str) -> Counter[str]:
    return Counter(t for t in content_tokens(text) if not _NUMBERISH.match(t))


def _idf_matrix(bags: Sequence[Counter[str]], idf: dict[str, float], vocab: dict[str, int]) -> sparse.csr_matrix:
    """Rows of IDF weights for the words present, L2-normalised: a row product is their weighted cosine."""
    rows, cols, vals = [], [], []
    for r, bag in enumerate(bags):
        for t in bag:
            rows.append(r)
            cols.append(vocab[t])
            vals.append(idf[t])
    m = sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(len(bags), max(1, len(vocab))))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms).astype(np.float32) @ m


def _numeral_bonus(numeral: str) -> float:
    """A shared '26' or '1.1' is telling; a shared 'two' or '3' happens by chance."""
    try:
        specific = float(numeral) >= 10 or "." in numeral
    except ValueError:
        specific = False
    return 0.3 if specific else 0.15


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
        subject = f"Number of {nouns}" if last.endswith("s") or last in _PLURALS else f"Figure given for {nouns}"
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
    if dimension in ("date", "weekday"):
        return "Day"
    if dimension == "year":
        return "Year"
    if dimension == "age":
        return f"Age of {phrase}" if phrase else "Age"
    return f"Amount ({dimension.split(':', 1)[1]})"


def _value(m: Mention) -> str:
    """The figure as written — a substring of its sentence, so a page can highlight it there."""
    return m.figure or m.text


def find_disagreements(posts: Sequence[Post]) -> tuple[Disagreement, ...]:
    per_post = [statements(p) for p in posts]
    mentions: list[Mention] = []
    context: list[Counter[str]] = []
    sentence_bags: list[Counter[str]] = []
    bag_of: dict[str, Counter[str]] = {}
    df: Counter[str] = Counter()
    for v, sentences in enumerate(per_post):
        for s in sentences:
            bag = bag_of.setdefault(s, _bag(s))
            df.update(bag.keys())
            quoted = _quoted_spans(s)
            stamp = _is_stamp(s)
            for m in [*find_mentions(s, v), *find_dates(s, v)]:
                if any(a <= m.start < b for a, b in quoted):
                    continue  # a figure in quoted speech is the speaker's claim, not the outlet's
                if stamp and m.dimension in _CALENDAR:
                    continue  # "Posted: Sep 27, 2013 5:50 PM": when the page was filed, not what it reports
                mentions.append(m)
                sentence_bags.append(bag)
                lo = max(0, m.start - _WINDOW)
                context.append(_bag(s[lo:m.start + len(m.text) + _WINDOW]))
    mentions = _read_as_hedged(mentions)
    if len(mentions) < 2:
        return ()
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
    return _disagreements(posts, mentions, score)


def _comparable(mentions: Sequence[Mention]) -> np.ndarray:
    """(M, M): could the two mentions measure the same thing? Same kind, same counted noun, other versions.

    A count is only comparable with a count of the same noun ("800,000 federal employees" with "896,000
    employees"), an age only with the age of the same person; money with money of one currency.
    """
    kind = np.array([m.dimension for m in mentions])
    head = np.array([m.head for m in mentions])
    nouns = {noun: k for k, noun in enumerate({n for m in mentions for n in m.measures})}
    rows = [i for i, m in enumerate(mentions) for _ in m.measures]
    cols = [nouns[n] for m in mentions for n in m.measures]
    has = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(mentions), max(1, len(nouns))))
    shared_noun = (has @ has.T).toarray() > 0
    post = np.array([m.post for m in mentions])
    numeral = np.array([m.numeral for m in mentions])
    same_kind = kind[:, None] == kind[None, :]
    needs_head = np.isin(kind, ["count", "age"])
    same_head = ((head[:, None] == head[None, :]) & (head[:, None] != "")) | (shared_noun & (kind != "age")[:, None])
    # "26 dozen shipping companies" against "26 shipping firms": the same figure read two ways.
    same_figure = (numeral[:, None] == numeral[None, :]) & (head[:, None] != "") & (head[None, :] != "")
    same_figure &= (kind == "count")[:, None]
    return same_kind & (post[:, None] != post[None, :]) & (same_head | same_figure | ~needs_head[:, None])


def _disagreements(posts: Sequence[Post], mentions: list[Mention], score: np.ndarray) -> tuple[Disagreement, ...]:
    """Pairs each figure with its mutual best counterpart in each other version; reports the pairs that clash.

    A clash is kept only when nothing explains it away: the values are of one
    order (a ratio above `MAX_RATIO` is two different quantities, unless the
    same numeral was scaled, as in "26" against "26 dozen"), and neither version
    also states the other's value of the same thing elsewhere (then each simply
    mentions two quantities). A disagreement with more than `MAX_VALUES`
    values is a pile of unrelated figures, not one disputed fact.
    """
    n = len(mentions)
    # A noun the story counts many times over ("yards", "points") does not say which quantity is meant.
    values_of: dict[str, set[float]] = {}
    for m in mentions:
        if m.dimension == "count" and m.head:
            values_of.setdefault(m.head, set()).add(m.value)
    crowded = {head for head, found in values_of.items() if len(found) >= CROWDED}
    numerals = np.array([m.numeral for m in mentions])
    bonus = np.array([_numeral_bonus(m.numeral) for m in mentions], dtype=np.float32)
    score = score + np.where(numerals[:, None] == numerals[None, :], bonus[:, None], 0.0)
    threshold = np.array([_threshold(m, crowded) for m in mentions])
    value = np.array([m.value for m in mentions])
    clash = _clashes(mentions)
    distance = np.abs(np.log10(np.maximum(np.abs(value[:, None]), 1e-9) / np.maximum(np.abs(value[None, :]), 1e-9)))
    distance[:, np.isin([m.dimension for m in mentions], [*_CALENDAR, "age"])] = 0.0  # labels, not amounts
    same_numeral = numerals[:, None] == numerals[None, :]
    # A counterpart is a figure of the same kind and order; of two equally fitting ones, the nearer in value.
    comparable = _comparable(mentions) & ((distance <= math.log10(MAX_RATIO)) | same_numeral)
    score = score - CLOSENESS * np.where(same_numeral, 0.0, distance)
    score[~comparable] = -1.0

    post_of = np.array([m.post for m in mentions])
    best = np.full((n, len(posts)), -1)
    for w in range(len(posts)):
        cols = np.nonzero(post_of == w)[0]
        if len(cols):
            block = score[:, cols]
            pick = block.argmax(axis=1)
            ok = block[np.arange(n), pick] >= threshold
            best[ok, w] = cols[pick[ok]]
    edges: list[tuple[int, int]] = []
    conflicts: list[tuple[int, int]] = []
    # The same numeral scaled differently ("26" / "26 dozen") is one figure misread, whatever else either
    # version says; otherwise a version that also states the other value measures two things.
    scaled = np.array([m.scaled for m in mentions])
    misread = same_numeral & (scaled[:, None] != scaled[None, :]) & (bonus >= 0.3)[:, None]  # '26', not 'two'
    for i in range(n):
        for w in range(len(posts)):
            j = int(best[i, w])
            mutual = j >= 0 and best[j, post_of[i]] == i
            if j < 0 or (mutual and j < i) or not (mutual or misread[i, j]):
                continue  # not each other's best counterpart (or seen from the other side)
            edges.append((i, j))
            if clash[i, j] and (misread[i, j] or not (_also_states(i, j, comparable, clash, score, post_of)
                                                or _also_states(j, i, comparable, clash, score, post_of))):
                conflicts.append((i, j))
    if not conflicts:
        return ()
    graph = sparse.coo_matrix((np.ones(len(edges)), tuple(np.array(edges).T)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    conflicted = {int(label[i]) for i, _ in conflicts}
    clashing = {k for pair in conflicts for k in pair}
    seconded = {k for a, b in edges if not clash[a, b] for k, other in ((a, b), (b, a)) if other in clashing}

    found: list[tuple[int, Disagreement]] = []
    for key in sorted(conflicted):
        members = [i for i in range(n) if label[i] == key]
        values = {f"{mentions[i].low}:{mentions[i].high}" for i in members}
        self_contradiction = any(post_of[a] == post_of[b] and clash[a, b] and not misread[a, b]
                                 for a in members for b in members if a < b)
        if len(values) > MAX_VALUES or self_contradiction:
            continue  # a chain of many figures, or a version stating two of them: not one disputed fact
        # Claims: the clashing figures, and the figures agreeing with one of them in other versions.
        keep = [i for i in members if i in clashing or i in seconded]
        claims = [Claim(posts[mentions[i].post].id, _value(mentions[i]), mentions[i].sentence)
                  for i in sorted(keep, key=lambda i: (mentions[i].post, mentions[i].start))]
        found.append((min(members), Disagreement(_subject([mentions[i] for i in members]), tuple(claims))))
    return tuple(d for _, d in sorted(found, key=lambda t: t[0]))


def _read_as_hedged(mentions: Sequence[Mention]) -> list[Mention]:
    """A version that gives a figure once with a bound reads its bare repetitions the same way.

    "His demand for more than $5 billion" and, later, "$5 billion in funding for the wall" are one figure
    in one version: the bare one is shorthand, and it allows what the hedged one allows ("$5.7 billion").
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


def _clashes(mentions: Sequence[Mention]) -> np.ndarray:
    """(M, M): do the two statements of a figure contradict each other?

    They do when the intervals they allow do not meet ("30" against "35"; "more than 30" against "25"),
    and also when both give a bound on the same side and the bounds differ: "more than $9,200" against
    "at least $10,000" are logically compatible, but each outlet reports the figure it was given, as a
    floor, so the two report different figures. A bound against a point value it allows ("more than 30"
    / "35") is still agreement: the hedge is what lets a rounded report stand beside an exact one.
    """
    low = np.array([m.low for m in mentions])
    high = np.array([m.high for m in mentions])
    value = np.array([m.value for m in mentions])
    tolerance = 1e-6 * np.maximum(np.abs(value), 1.0)
    apart = tolerance[:, None] + tolerance[None, :]
    clash = (low[:, None] > high[None, :] + tolerance[None, :]) | (low[None, :] > high[:, None] + tolerance[:, None])
    floor = np.isfinite(low) & np.isposinf(high)  # "more than 30", "at least 30"
    ceiling = (low == 0.0) & (value > 0.0) & np.isfinite(high)  # "less than 30", "fewer than 30"
    bounded_alike = (floor[:, None] & floor[None, :]) | (ceiling[:, None] & ceiling[None, :])
    clash |= bounded_alike & (np.abs(value[:, None] - value[None, :]) > apart)
    return clash


def _threshold(m: Mention, crowded: frozenset[str] | set[str] = frozenset()) -> float:
    """How alike two figures' surroundings must be: the less their kind says, the more context must."""
    if m.dimension == "duration" or m.head in crowded:
        return MATCH_DAYS  # "three years", or one of many "yards": the unit alone names no quantity
    if m.dimension == "year":
        return MATCH_YEARS
    if m.dimension in _CALENDAR:
        return MATCH_DAYS
    if m.dimension == "age":
        return 0.0  # the age of one named person: nothing else to match
    if m.dimension == "percent" or (m.value < 10 and not m.scaled):
        return MATCH_DAYS  # a bare share, or a small count like "four people": common by chance
    return MATCH


def _also_states(i: int, j: int, comparable: np.ndarray, clash: np.ndarray, score: np.ndarray,
                 post_of: np.ndarray) -> bool:
    """Does j's version also state i's value for the same kind of thing, in a related sentence?"""
    others = np.nonzero((post_of == post_of[j]) & comparable[i] & ~clash[i])[0]
    return bool(len(others) and score[i, others].max() >= MATCH / 2)
