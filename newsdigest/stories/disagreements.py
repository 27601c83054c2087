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
"three-and-a-half years" and "a 42-month war" agree.

The excerpt and headline of a post are statements too ("26 dozen countries" of
the demo lives in an excerpt), so they are read along with the body.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsdigest.model import Claim, Disagreement, Post
from newsdigest.stories.numbers import Mention, find_dates, find_mentions
from newsdigest.stories.sentences import content_tokens, markdown_paragraphs, split_sentences

__all__ = ["MATCH", "MATCH_DAYS", "statements", "find_disagreements"]

MATCH = 0.35
"""Score at which two figures are taken to describe the same thing.

The score is half context overlap, half sentence overlap (each an IDF-weighted
cosine, 0..1), plus a bonus for the same numeral (0.3 for a specific one like
"26" or "1.1", 0.15 for a common small one like "two") and 0.1 for the same
counted noun. On the demo, figures from paraphrased sentences score 0.4–1.0
and figures from different sentences of the same story 0.0–0.3; a reworded
sentence that kept only its figure ("26 dozen countries pledged…" against "26
of Ukraine's allies have formally committed…") still reaches 0.4 through the
shared numeral."""

MATCH_DAYS = 0.5
"""Days and dates need more: a story mentions many days ("talks on Thursday", "Putin on
Friday"), and they carry no numeral to tell them apart — only a clearly shared
statement around them says two days are the day of one event."""

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
            for m in [*find_mentions(s, v), *find_dates(s, v)]:
                mentions.append(m)
                sentence_bags.append(bag)
                lo = max(0, m.start - _WINDOW)
                context.append(_bag(s[lo:m.start + len(m.text) + _WINDOW]))
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

    # Sort by version so each version's mentions are one column block.
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].post, i))
    mentions = [mentions[i] for i in order]
    ctx, sen = ctx[order], sen[order]
    post_of = np.array([m.post for m in mentions])
    dims = {d: k for k, d in enumerate(dict.fromkeys(m.dimension for m in mentions))}
    dim_of = np.array([dims[m.dimension] for m in mentions])
    numerals = {d: k for k, d in enumerate(dict.fromkeys(m.numeral for m in mentions))}
    numeral_of = np.array([numerals[m.numeral] for m in mentions])
    bonus_of = np.array([_numeral_bonus(m.numeral) for m in mentions], dtype=np.float32)
    heads = {d: k for k, d in enumerate(dict.fromkeys(m.head for m in mentions))}
    head_of = np.array([heads[m.head] if m.head else -1 for m in mentions])
    bounds = np.searchsorted(post_of, np.arange(len(posts) + 1))
    threshold = np.array([MATCH_DAYS if m.dimension in ("date", "weekday") else MATCH for m in mentions])

    low = np.array([m.low for m in mentions])
    high = np.array([m.high for m in mentions])
    tolerance = 1e-6 * np.maximum(np.abs(np.array([m.value for m in mentions])), 1.0)
    sentence_of = np.unique([m.sentence for m in mentions], return_inverse=True)[1]

    edges_from: list[np.ndarray] = []
    edges_to: list[np.ndarray] = []
    conflicts: list[tuple[int, int]] = []
    ctx_t, sen_t = ctx.T.tocsc(), sen.T.tocsc()
    for v in range(len(posts)):
        lo_v, hi_v = bounds[v], bounds[v + 1]
        if lo_v == hi_v:
            continue
        rows = slice(lo_v, hi_v)
        score = 0.5 * (ctx[rows] @ ctx_t).toarray() + 0.5 * (sen[rows] @ sen_t).toarray()
        score += np.where(numeral_of[rows, None] == numeral_of[None, :], bonus_of[rows, None], 0.0)
        score += np.where((head_of[rows, None] == head_of[None, :]) & (head_of[rows, None] >= 0), 0.1, 0.0)
        score[dim_of[rows, None] != dim_of[None, :]] = -1.0
        # `numbers.compatible`, for every pair at once: do the intervals the two statements allow fail to meet?
        clash = ((low[rows, None] > high[None, :] + tolerance[None, :])
                 | (low[None, :] > high[rows, None] + tolerance[rows, None]))
        for w in range(len(posts)):
            lo_w, hi_w = bounds[w], bounds[w + 1]
            if w == v or lo_w == hi_w:
                continue
            block = score[:, lo_w:hi_w]
            best = block.argmax(axis=1)
            matched = np.nonzero(block[np.arange(hi_v - lo_v), best] >= threshold[rows])[0]
            if not len(matched):
                continue
            targets = lo_w + best[matched]
            keep = np.ones(len(matched), dtype=bool)
            for n in np.nonzero(clash[matched, targets])[0]:
                r, j = int(matched[n]), int(targets[n])
                # "$5m, $6.5m and $7m" against "$5m": the $5m is accounted for by its twin in
                # the same sentence, and $6.5m is just an item the other version leaves out.
                twins = np.nonzero(sentence_of[lo_v:hi_v] == sentence_of[lo_v + r])[0]
                if any(k != r and score[k, j] >= threshold[lo_v + k] and not clash[k, j] for k in twins):
                    keep[n] = False
                    continue
                conflicts.append((lo_v + r, j))
            edges_from.append(lo_v + matched[keep])
            edges_to.append(targets[keep])

    if not conflicts:
        return ()
    graph = sparse.coo_matrix(
        (np.ones(sum(len(e) for e in edges_from)), (np.concatenate(edges_from), np.concatenate(edges_to))),
        shape=(len(mentions), len(mentions)),
    )
    _, label = connected_components(graph, directed=False)
    components: dict[int, list[int]] = {}
    for i, c in enumerate(label):
        components.setdefault(int(c), []).append(i)
    conflicted = {int(label[i]) for i, _ in conflicts}

    found: list[tuple[int, Disagreement]] = []
    for key in conflicted:
        members = [mentions[i] for i in components[key]]
        claims: dict[tuple[str, str], Claim] = {}
        for m in sorted(members, key=lambda m: (m.post, m.start)):
            claim_key = (posts[m.post].id, f"{m.low}:{m.high}")
            claims.setdefault(claim_key, Claim(posts[m.post].id, _value(m), m.sentence))
        found.append((min(components[key]), Disagreement(_subject(members), tuple(claims.values()))))
    found.sort(key=lambda t: t[0])
    return tuple(d for _, d in found)
