"""The grouping engine: fit on all posts at once, then place new posts one by one.

`StoryIndex.fit(posts)` is what a build runs: features, vectors, candidate
pairs from the rare-term index, the combined similarity, average link. It
returns one cluster label per post.

`StoryIndex.add(post)` places one more post without redoing any of that: it
looks the post up in the same rare-term postings, takes its nearest
neighbours, scores it against the clusters those neighbours belong to with the
same shared-neighbour similarity, and joins the cluster whose average reaches
the threshold (or opens a new one). It touches a few hundred posts, not
100,000, which is what lets a newsroom tool file a breaking report at once.
A later full `fit` may still regroup a little differently; the build always
fits, so a site never depends on the order posts arrived in.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsdigest.model import Post
from newsdigest.stories.bags import Bags, bags_many, bags_of
from newsdigest.stories.candidates import IndexSettings, candidate_pairs, rare_part
from newsdigest.stories.cluster import average_link
from newsdigest.stories.features import extract
from newsdigest.stories.similarity import SimilaritySettings, combined, timestamps, within_window
from newsdigest.stories.vectors import FieldWeights, Vectoriser


@dataclass(frozen=True)
class GroupingSettings:
    """Every knob of grouping in one place, with the reason for its value in its module."""

    weights: FieldWeights = field(default_factory=FieldWeights)
    index: IndexSettings = field(default_factory=IndexSettings)
    similarity: SimilaritySettings = field(default_factory=SimilaritySettings)
    threshold: float = 0.2
    """Average combined similarity at which two groups are one story."""


class StoryIndex:
    """Posts grouped into clusters, ready to place one more."""

    def __init__(self, settings: GroupingSettings | None = None) -> None:
        self.settings = settings or GroupingSettings()
        self._reset()

    def _reset(self) -> None:
        self.vectoriser = Vectoriser(self.settings.weights)
        self.ids: list[str] = []
        self.rows: list[sparse.csr_matrix] = []
        self.matrix: sparse.csr_matrix | None = None
        self.days = np.empty(0)
        self.labels: list[int] = []
        self.members: dict[int, list[int]] = {}
        self.postings: dict[int, list[int]] = {}
        """Postings of posts placed with `add` since the last `fit`."""
        self.fitted_postings: sparse.csc_matrix | None = None
        self.neighbours: list[dict[int, float]] = []
        self._unindexed: sparse.csr_matrix | None = None
        """The last `fit`'s neighbours, until `add` first needs the fit indexed (with `matrix` and the
        vectoriser's frequencies, which stay as the fit left them until then)."""
        self.timings: dict[str, float] = {}
        """Seconds spent in each step of the last `fit` (for the benchmark)."""

    # -- batch -------------------------------------------------------------

    def fit(self, posts: Sequence[Post], bags: Bags | None = None) -> list[int]:
        """Group `posts` from scratch; return a cluster label per post, in order.

        `bags`: the posts' bags of terms when the caller has them already (from a cache).
        """
        self._reset()
        s = self.settings
        n = len(posts)
        self.ids = [p.id for p in posts]
        self.days = timestamps([p.published for p in posts])
        if n == 0:
            return []
        clock = _Clock(self.timings)
        if bags is None:
            bags = bags_many(posts)
        clock("features")
        X = self.vectoriser.fit(bags)
        del bags
        self.matrix = X
        df = self.vectoriser.df
        clock("vectors")
        i, j = candidate_pairs(X, df, s.index)
        self.timings["candidate pairs"] = float(len(i))
        clock("candidates")
        S, K = combined(X, self.days, i, j, s.similarity)
        clock("similarity")
        labels = average_link(S, s.threshold)
        clock("clustering")
        self.labels = labels.tolist()
        self.members = {}
        for row, label in enumerate(self.labels):
            self.members.setdefault(label, []).append(row)
        self._unindexed = K  # indexed for `add` on its first call: a build never places
        return list(self.labels)

    def _index_for_adding(self) -> None:
        if self._unindexed is not None and self.matrix is not None:
            self._index_postings(self.matrix, self.vectoriser.df)
            self._keep_neighbours(self._unindexed)
            self._unindexed = None

    def _index_postings(self, X: sparse.csr_matrix, df: np.ndarray) -> None:
        # Column c of the CSC matrix lists the posts holding rare term c: the postings, for free.
        self.fitted_postings = rare_part(X, df, self.settings.index).tocsc()
        self.postings = {}

    def _posted(self, col: int) -> list[int]:
        found: list[int] = []
        P = self.fitted_postings
        if P is not None and col < P.shape[1]:
            found = P.indices[P.indptr[col] : P.indptr[col + 1]].tolist()
        return found + self.postings.get(col, [])

    def _keep_neighbours(self, K: sparse.csr_matrix) -> None:
        K = K.maximum(K.T).tocsr()
        self.neighbours = [
            dict(zip(K.indices[K.indptr[r] : K.indptr[r + 1]].tolist(), K.data[K.indptr[r] : K.indptr[r + 1]].tolist()))
            for r in range(K.shape[0])
        ]

    # -- one at a time -----------------------------------------------------

    def add(self, post: Post) -> int:
        """Place one new post; return its cluster label (an existing one or a new one)."""
        self._index_for_adding()
        s = self.settings
        row = len(self.ids)
        x = self.vectoriser.transform(bags_of([extract(post)]))
        day = timestamps([post.published])
        cap = s.index.max_postings(row + 1)
        df = self.vectoriser.df
        cands: set[int] = set()
        for col in x.indices.tolist():
            if df[col] <= cap:
                cands.update(self._posted(col))
        cand = np.fromiter(cands, dtype=np.int64, count=len(cands))
        days = np.concatenate([self.days, day])
        if len(cand):
            cand = cand[within_window(days, np.full(len(cand), row), cand, s.similarity.window_days)]
        direct = self._dot(x, cand)
        # Nearest neighbours of the new post, and it among theirs.
        k = s.similarity.neighbours
        top = np.argsort(-direct)[:k]
        floor = s.similarity.min_likeness
        mine = {int(cand[t]): float(direct[t]) for t in top if direct[t] >= floor}
        # Register the post before scoring so profiles include it.
        self.ids.append(post.id)
        self.days = days
        self.rows.append(x)
        self.neighbours.append(mine)
        for other, sim in mine.items():
            self.neighbours[other][row] = sim
        self.vectoriser.count(x)
        for col in x.indices.tolist():
            if df[col] <= cap:
                self.postings.setdefault(col, []).append(row)
        direct_of = dict(zip(cand.tolist(), direct.tolist()))
        label = self._place(row, direct_of)
        self.labels.append(label)
        self.members.setdefault(label, []).append(row)
        return label

    def posts_of(self, label: int) -> tuple[str, ...]:
        """The ids of the posts in cluster `label` (as returned by `fit` or `add`)."""
        return tuple(self.ids[row] for row in self.members.get(label, ()))

    def _dot(self, x: sparse.csr_matrix, cand: np.ndarray) -> np.ndarray:
        """x · row for each candidate row, by matching sorted column ids (no 8M-wide temporaries)."""
        if not len(cand):
            return np.zeros(0, dtype=np.float32)
        fitted = 0 if self.matrix is None else self.matrix.shape[0]
        out = np.zeros(len(cand), dtype=np.float32)
        old = cand < fitted
        if old.any():
            out[old] = _sparse_dots(self.matrix[cand[old]], x)
        for pos in np.flatnonzero(~old):
            out[pos] = _sparse_dots(self.rows[int(cand[pos]) - fitted], x)[0]
        return out

    def _profile(self, row: int) -> dict[int, float]:
        prof = dict(self.neighbours[row])
        prof[row] = 1.0
        norm = math.sqrt(sum(v * v for v in prof.values())) or 1.0
        return {k: v / norm for k, v in prof.items()}

    def _place(self, row: int, direct_of: dict[int, float]) -> int:
        s = self.settings
        mine = self._profile(row)
        reach: set[int] = set()
        for nb in mine:
            reach.update(self.neighbours[nb])
            reach.add(nb)
        reach.discard(row)
        score: dict[int, float] = {}
        a = s.similarity.direct_share
        days = self.days
        for other in reach:
            if not within_window(days, np.array([row]), np.array([other]), s.similarity.window_days)[0]:
                continue
            theirs = self._profile(other)
            shared = sum(v * theirs.get(k, 0.0) for k, v in mine.items())
            sim = (1 - a) * shared + a * direct_of.get(other, 0.0)
            label = self.labels[other]
            score[label] = score.get(label, 0.0) + sim
        best, best_avg = -1, s.threshold
        for label, total in score.items():
            avg = total / len(self.members[label])
            if avg >= best_avg:
                best, best_avg = label, avg
        if best < 0:
            best = max(self.members, default=-1) + 1
        return best


def _sparse_dots(rows: sparse.csr_matrix, x: sparse.csr_matrix) -> np.ndarray:
    xi, xd = x.indices, x.data
    if not len(xi) or not rows.nnz:
        return np.zeros(rows.shape[0], dtype=np.float32)
    order = np.argsort(xi)
    xi, xd = xi[order], xd[order]
    pos = np.minimum(np.searchsorted(xi, rows.indices), len(xi) - 1)
    hit = xi[pos] == rows.indices
    products = np.where(hit, rows.data * xd[pos], 0.0)
    row_of = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
    return np.bincount(row_of, weights=products, minlength=rows.shape[0]).astype(np.float32)


class _Clock:
    def __init__(self, into: dict[str, float]) -> None:
        self.into = into
        self.last = time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        self.into[step] = now - self.last
        self.last = now
