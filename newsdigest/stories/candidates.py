"""Which pairs of posts are worth comparing: an inverted index of rare terms.

Comparing every post with every other is 5 billion pairs at 100,000 posts.
Two reports of one event share something rare (a name, a place, a figure, an
unusual word), so each post is looked up only under its few most telling
terms, and a term that half the corpus uses is never a key at all. A pair is a
candidate when one post's key term appears anywhere in the other post.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class IndexSettings:
    keys_per_post: int = 10
    """How many of its most telling terms each post is looked up under."""
    min_postings: int = 50
    """A term shared by at most this many posts is always rare enough to be a key..."""
    postings_share: float = 0.0005
    """...and in a larger corpus, by at most this share of it."""

    min_shared: int = 2
    """A pair is proposed when it shares at least this many rare terms (one may be chance)."""

    def max_postings(self, n: int) -> int:
        return max(self.min_postings, int(self.postings_share * n))


def key_terms(X: sparse.csr_matrix, df: np.ndarray, settings: IndexSettings) -> sparse.csr_matrix:
    """Each row's `keys_per_post` heaviest terms among those rare enough to be keys (as a 0/1 matrix)."""
    cap = settings.max_postings(X.shape[0])
    rare = (df[X.indices] <= cap) & (df[X.indices] >= 1)
    rows, cols = [], []
    indptr, indices, data = X.indptr, X.indices, X.data
    m = settings.keys_per_post
    for r in range(X.shape[0]):
        lo, hi = indptr[r], indptr[r + 1]
        sel = np.flatnonzero(rare[lo:hi]) + lo
        if len(sel) > m:
            sel = sel[np.argpartition(-data[sel], m - 1)[:m]]
        rows.append(np.full(len(sel), r, dtype=np.int32))
        cols.append(indices[sel])
    if not rows:
        return sparse.csr_matrix(X.shape, dtype=np.float32)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    return sparse.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=X.shape)


def rare_part(X: sparse.csr_matrix, df: np.ndarray, settings: IndexSettings) -> sparse.csr_matrix:
    """The 0/1 pattern of each row's terms that are rare enough to be keys."""
    cap = settings.max_postings(X.shape[0])
    mask = df[X.indices] <= cap
    B = sparse.csr_matrix((mask.astype(np.float32), X.indices.copy(), X.indptr.copy()), shape=X.shape)
    B.eliminate_zeros()
    return B


def candidate_pairs(
    X: sparse.csr_matrix, df: np.ndarray, settings: IndexSettings = IndexSettings()
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) where `min_shared` key terms of one post occur in the other."""
    keys, present = _compact(key_terms(X, df, settings), rare_part(X, df, settings))
    hits = keys @ present.T
    hits = sparse.triu(hits.maximum(hits.T), k=1).tocoo()  # both directions, each pair once
    strong = hits.data >= settings.min_shared
    return hits.row[strong].astype(np.int32), hits.col[strong].astype(np.int32)


def _compact(*matrices: sparse.csr_matrix) -> list[sparse.csr_matrix]:
    """The same rows over only the columns some row uses, in their order.

    A product over 2**23 hashed columns builds an index of every column, most
    of them empty; the 0/1 counts of shared terms do not depend on which
    columns are left out.
    """
    used = np.unique(np.concatenate([m.indices for m in matrices]))
    return [sparse.csr_matrix((m.data, np.searchsorted(used, m.indices).astype(np.int32), m.indptr),
                              shape=(m.shape[0], len(used))) for m in matrices]
