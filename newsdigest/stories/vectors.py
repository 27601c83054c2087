"""Posts as weighted term vectors whose dot product is the grouping similarity.

Each bag of `features.Features` becomes a TF-IDF vector (sublinear counts, so a
name repeated ten times is not ten times the evidence) normalised to length
one; the bags are then scaled by the square root of their weight and laid side
by side. The dot product of two such rows is therefore the weighted mean of
the four cosines (words, names, numbers, headline) in one sparse product,
which is what lets 100,000 posts be compared quickly.

Terms are hashed into columns (`bags.column`), so there is no vocabulary
to build. Document frequencies are learnt from the posts at hand (`fit`) and
then only counted up, so that placing one new post (`transform`) costs
microseconds and does not move every other post.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsdigest.stories.bags import COLUMN_BITS, FIELDS, Bags

WIDTH = 1 << COLUMN_BITS


@dataclass(frozen=True)
class FieldWeights:
    """How much each bag counts; they sum to one so similarities stay in 0..1."""

    words: float = 0.5
    names: float = 0.3
    numbers: float = 0.1
    headline: float = 0.1


class Vectoriser:
    """Learns document frequencies once, then turns bags into rows."""

    def __init__(self, weights: FieldWeights = FieldWeights()) -> None:
        self.weights = weights
        self.df = np.zeros(WIDTH, dtype=np.int32)
        self.n = 0

    def fit(self, bags: Bags) -> sparse.csr_matrix:
        """Count document frequencies over `bags` and return their rows."""
        self.n = bags.sizes.shape[0]
        # Terms are distinct within a bag and fields hash apart, so each entry is one post's term.
        # Counted over the columns present only: a zeroed 2**23 array is mapped lazily, while a full
        # bincount would write (and convert) every one of its 8 million counts.
        present, counts = np.unique(bags.columns, return_counts=True)
        self.df = np.zeros(WIDTH, dtype=np.int32)
        self.df[present] = counts
        return self.transform(bags)

    def count(self, row: sparse.csr_matrix) -> None:
        """Take one more post's terms into the document frequencies."""
        self.df[row.indices] += 1
        self.n += 1

    def transform(self, bags: Bags) -> sparse.csr_matrix:
        """Rows for `bags` with the frequencies learnt so far (unseen terms count as rare)."""
        n_rows = bags.sizes.shape[0]
        columns, counts = bags.columns, bags.counts.astype(np.float64)
        if not len(columns):
            return sparse.csr_matrix((n_rows, WIDTH), dtype=np.float32)
        idf = math.log(1 + self.n) - np.log1p(self.df[columns].astype(np.float64)) + 1.0
        values = (1.0 + np.log(counts)) * idf
        # Normalise each (post, field) bag to the square root of its field weight.
        flat_sizes = bags.sizes.ravel()
        bag = np.repeat(np.arange(len(flat_sizes)), flat_sizes)
        norms = np.sqrt(np.bincount(bag, weights=values * values, minlength=len(flat_sizes)))
        scale = np.sqrt(np.array([getattr(self.weights, name) for name in FIELDS]))
        field_of = bag % len(FIELDS)
        values = values * scale[field_of] / np.where(norms[bag] > 0, norms[bag], 1.0)
        # The flat arrays are already row after row: hand them to CSR as they are, no sorting.
        indptr = np.concatenate([[0], np.cumsum(bags.sizes.sum(axis=1))])
        X = sparse.csr_matrix(
            (values.astype(np.float32), columns.astype(np.int32), indptr), shape=(n_rows, WIDTH), dtype=np.float32
        )
        X.sum_duplicates()  # canonical form (sorted, no repeats) keeps later products on SciPy's fast path
        return X
