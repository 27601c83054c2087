"""Who came first, who copied whom, who rewrote whom, who reported on their own.

The decision is made per version against each possible source, from two
shares measured by `align`:

* **verbatim share** — the share of its sentences found word for word (by
  3-word shingles) in the source: what Churnalism showed;
* **aligned share** — the share of its sentences that have a counterpart in
  the source, verbatim or paraphrased.

Thresholds, and why:

* ``COPY_SHARE = 0.6`` of sentences verbatim: most of the text is cut and
  paste; an outlet that adds a paragraph or trims the end is still copying.
* ``MIN_SENTENCES = 2``: either share must rest on two sentences at least, so
  a three-line brief that shares one quote is not a "rewrite".
* ``REWRITE_SHARE = 1/3`` of sentences aligned: independent reports of one
  event do share facts — the lead, a quote, a figure — but rarely more than a
  fifth of their sentences; once a third of a version follows one source
  sentence by sentence, the source is where the text came from, whatever words
  it now uses.

A version may only copy an *earlier* one: dated versions look at versions
published before them (ties broken by the order given; a bare date counts as
the end of its day, so it never beats a version timed that same day); an undated version may
have come from any other, and a dated one may also draw on an undated one,
since nobody can say the undated one came later. The source named is the
candidate with the highest aligned share.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from newsdigest.model import Post, Relation, RelationKind, latest_instant
from newsdigest.stories.align import VERBATIM, Alignment

__all__ = ["COPY_SHARE", "REWRITE_SHARE", "MIN_SENTENCES", "PairShare", "pair_shares", "chronology", "relate"]

COPY_SHARE = 0.6
REWRITE_SHARE = 1 / 3
MIN_SENTENCES = 2
"""A share rests on at least this many sentences (or all of a shorter version's):
one shared sentence of a three-line brief is a shared fact or quote, not a copy."""


@dataclass(frozen=True)
class PairShare:
    """How much of one version is found in another."""

    aligned: float
    """Share of its sentences said in the other, in any words."""
    verbatim: float
    """Share of its sentences found word for word in the other."""
    aligned_count: int = 0
    verbatim_count: int = 0
    sentences: int = 0


def pair_shares(alignment: Alignment) -> list[list[PairShare]]:
    """shares[v][w]: how much of version v is found in version w."""
    nv = len(alignment.posts)
    shares = [[PairShare(0.0, 0.0) for _ in range(nv)] for _ in range(nv)]
    for v in range(nv):
        rows = alignment.version_sentences(v)
        if not rows:
            continue
        for w in range(nv):
            if w == v:
                continue
            aligned = int(alignment.aligned_matrix[rows.start:rows.stop, w].sum())
            verbatim = int((alignment.verbatim[rows.start:rows.stop, w] >= VERBATIM).sum())
            shares[v][w] = PairShare(aligned / len(rows), verbatim / len(rows), aligned, verbatim, len(rows))
    return shares


def chronology(posts: Sequence[Post]) -> list[int]:
    """Indices of the dated posts, earliest first (ties: the order given)."""
    dated = [(latest_instant(p.published), i) for i, p in enumerate(posts) if p.published is not None]
    return [i for _, i in sorted(dated)]


def _first(posts: Sequence[Post], shares: list[list[PairShare]]) -> int:
    """The earliest dated version; when none is dated, the one the others draw on most."""
    order = chronology(posts)
    if order:
        return order[0]
    drawn_on = [sum(shares[v][w].aligned for v in range(len(posts)) if v != w) for w in range(len(posts))]
    return max(range(len(posts)), key=lambda w: (drawn_on[w], -w))


def relate(posts: Sequence[Post], alignment: Alignment,
           shares: list[list[PairShare]] | None = None) -> dict[str, Relation]:
    """The relation of every version to the others (see the module doc for the rules)."""
    if not posts:
        return {}
    shares = shares if shares is not None else pair_shares(alignment)
    first = _first(posts, shares)
    rank = {i: r for r, i in enumerate(chronology(posts))}
    relations: dict[str, Relation] = {posts[first].id: Relation(RelationKind.FIRST)}
    sources: dict[int, int] = {}

    for v, post in enumerate(posts):
        if v == first:
            continue
        if v in rank:
            candidates = [w for w in range(len(posts)) if w != v and (w not in rank or rank[w] < rank[v])]
        else:
            candidates = [w for w in range(len(posts)) if w != v]
        # Never let two versions be each other's source: the first to claim wins.
        candidates = [w for w in candidates if sources.get(w) != v]
        # Most text in common wins; on a tie, the earlier version is the likelier source.
        best = max(candidates, key=lambda w: (shares[v][w].aligned, shares[v][w].verbatim,
                                              -rank.get(w, len(posts)), -w), default=None)
        if best is None:
            relations[post.id] = Relation(RelationKind.INDEPENDENT)
            continue
        share = shares[v][best]
        enough = min(MIN_SENTENCES, share.sentences)
        if share.verbatim >= COPY_SHARE and share.verbatim_count >= enough:
            kind = RelationKind.COPY
        elif share.aligned >= REWRITE_SHARE and share.aligned_count >= enough:
            kind = RelationKind.REWRITE
        else:
            relations[post.id] = Relation(RelationKind.INDEPENDENT)
            continue
        sources[v] = best
        relations[post.id] = Relation(kind, of=posts[best].id, share=round(share.aligned, 3))
    return {p.id: relations[p.id] for p in posts}
