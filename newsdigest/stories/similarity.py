"""How alike two posts are, sharpened by the company they keep.

Three steps, each for a reason an editor would recognise:

1. **Direct likeness** of candidate pairs: the weighted cosine of
   `vectors.Vectoriser` rows (words, names, numbers, headline).
2. **Time window**: two dated reports far apart in time are two events, however
   alike their words ("another earthquake hits the region"). A post without a
   date is never kept out by the window, nor pulled in by it: it is judged on
   its text alone.
3. **Shared neighbours**: two reports of one event tend to have the same
   closest neighbours, while two similar events in one topic each gather their
   own. Each post keeps its `k` nearest neighbours; the final similarity is the
   cosine of those neighbour lists. This also rescues the short, differently
   worded report whose direct likeness is weak but whose neighbours are all
   the event's other reports.

The numbers (6 neighbours, a 4-day window, a quarter of direct likeness, and
the 0.2 threshold in `index.GroupingSettings`) were chosen by split-half
validation on the development half of the evaluation corpus: they score
within a point of their best on every random half, which is what a held-out
set needs, rather than at a peak on one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsdigest.model import When, earliest_instant

UNDATED = np.nan


@dataclass(frozen=True)
class SimilaritySettings:
    window_days: float = 4.0
    """Dated posts further apart than this are never one event."""
    neighbours: int = 6
    """How many nearest neighbours each post keeps for the shared-neighbour step."""
    min_likeness: float = 0.1
    """Below this direct likeness two posts are not neighbours at all: in a small or sparse
    corpus the nearest post may still be unrelated, and must not lend its company."""
    direct_share: float = 0.25
    """How much of the final similarity is direct likeness (the rest: shared neighbours)."""
    pair_chunk: int = 200_000


def timestamps(dates: list[When | None]) -> np.ndarray:
    """Days since the epoch as floats, NaN for an undated post; a day counts from its first instant."""
    return np.array([earliest_instant(d).timestamp() / 86400.0 if d is not None else UNDATED for d in dates],
                    dtype=np.float64)


def within_window(days: np.ndarray, i: np.ndarray, j: np.ndarray, window: float) -> np.ndarray:
    """True where the pair may be one event: close in time, or at least one side undated."""
    gap = np.abs(days[i] - days[j])
    return ~(gap > window)  # NaN (undated) compares False, so it stays in


def pair_dot(X: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """Row-by-row dot products X[i]·X[j], in chunks to bound memory."""
    out = np.empty(len(i), dtype=np.float32)
    for start in range(0, len(i), chunk):
        a = X[i[start : start + chunk]]
        b = X[j[start : start + chunk]]
        out[start : start + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def nearest(n: int, i: np.ndarray, j: np.ndarray, s: np.ndarray, k: int) -> sparse.csr_matrix:
    """Each post's k most similar candidates (either direction of a pair), as a sparse n×n matrix."""
    rows = np.concatenate([i, j])
    cols = np.concatenate([j, i])
    vals = np.concatenate([s, s])
    order = np.lexsort((-vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    starts = np.searchsorted(rows, np.arange(n))
    rank = np.arange(len(rows)) - starts[rows]
    keep = (rank < k) & (vals > 0)
    return sparse.csr_matrix((vals[keep], (rows[keep], cols[keep])), shape=(n, n), dtype=np.float32)


def neighbour_profiles(K: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows describing each post by its neighbours (and itself), normalised to length one.

    The neighbour relation is made symmetric first: if b is among a's nearest,
    a counts among b's, so a post in a crowded topic is not cut off from the
    small story it belongs to.
    """
    n = K.shape[0]
    P = (K.maximum(K.T) + sparse.identity(n, dtype=np.float32, format="csr")).tocsr()  # K has no diagonal
    norms = np.sqrt(np.asarray(P.multiply(P).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ P


def combined(
    X: sparse.csr_matrix,
    days: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
    settings: SimilaritySettings = SimilaritySettings(),
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """The final similarity of every pair worth knowing (upper-triangular), and the nearest-neighbour matrix."""
    n = X.shape[0]
    ok = within_window(days, i, j, settings.window_days)
    i, j = i[ok], j[ok]
    direct = pair_dot(X, i, j, settings.pair_chunk)
    close = direct >= settings.min_likeness
    K = nearest(n, i[close], j[close], direct[close], settings.neighbours)
    P = neighbour_profiles(K)
    shared = sparse.triu(P @ P.T, k=1).tocoo()
    si, sj, sv = shared.row, shared.col, shared.data
    keep = within_window(days, si, sj, settings.window_days)
    si, sj, sv = si[keep], sj[keep], sv[keep]
    # Direct likeness for the shared-neighbour pairs: known for candidates, zero for the rest.
    d = lookup(i, j, direct, si, sj, n)
    a = settings.direct_share
    return sparse.csr_matrix(((1 - a) * sv + a * d, (si, sj)), shape=(n, n)), K


def lookup(i: np.ndarray, j: np.ndarray, values: np.ndarray, qi: np.ndarray, qj: np.ndarray, n: int) -> np.ndarray:
    """values[(i, j) == (qi, qj)] for each query pair, 0 where the pair is not among (i, j)."""
    keys = i.astype(np.int64) * n + j
    order = np.argsort(keys)
    keys, values = keys[order], values[order]
    q = qi.astype(np.int64) * n + qj
    pos = np.searchsorted(keys, q)
    pos[pos >= len(keys)] = 0
    found = (len(keys) > 0) & (keys[pos] == q) if len(keys) else np.zeros(len(q), dtype=bool)
    out = np.zeros(len(q), dtype=np.float32)
    out[found] = values[pos[found]]
    return out
