"""Bags of terms as flat, hashed arrays: the form the vectoriser and worker processes share.

`features.extract` gives dictionaries, which are pleasant to read and test but
slow to move between processes and to turn into a matrix. Here each term is
hashed into a fixed column (CRC-32, so the same on every run and machine: a
rebuild must group exactly as the last one did), and all bags are laid end to
end in three arrays. With no vocabulary to build or share, extraction can run
in worker processes and hand back only numbers.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsdigest.model import Post
from newsdigest.stories.features import Features, extract
from newsdigest.workers import fork_map, fork_workers

PARALLEL_FROM = 20_000
"""Below this many posts, starting worker processes costs more than it saves."""
FIELDS = ("words", "names", "numbers", "headline")
COLUMN_BITS = 23
"""Terms are hashed into 2**23 columns: no vocabulary to build or share between processes,
and at 150,000 distinct terms fewer than 2 % share a column with another."""


@dataclass(frozen=True)
class Bags:
    """Many posts' bags in flat arrays: what the vectoriser needs, cheap to pass between processes."""

    columns: np.ndarray
    """Hashed column of every term of every bag, post after post, field after field."""
    counts: np.ndarray
    sizes: np.ndarray
    """Number of terms in each (post, field) bag: shape (posts, len(FIELDS))."""


def column(field: int, term: str) -> int:
    """The hashed column of a term in a field: CRC-32, so the same on every run and machine."""
    return zlib.crc32(term.encode("utf-8"), _FIELD_SEEDS[field]) & ((1 << COLUMN_BITS) - 1)


_FIELD_SEEDS = (0x5EED0001, 0x5EED0002, 0x5EED0003, 0x5EED0004)


def bags_of(features: Sequence[Features]) -> Bags:
    columns: list[int] = []
    counts: list[int] = []
    sizes: list[int] = []
    mask = (1 << COLUMN_BITS) - 1
    crc32 = zlib.crc32
    for feats in features:
        for f, name in enumerate(FIELDS):
            bag = getattr(feats, name)
            sizes.append(len(bag))
            seed = _FIELD_SEEDS[f]
            columns.extend([crc32(term.encode("utf-8"), seed) & mask for term in bag])
            counts.extend(bag.values())
    return Bags(
        np.asarray(columns, dtype=np.int64),
        np.asarray(counts, dtype=np.float32),
        np.asarray(sizes, dtype=np.int64).reshape(len(features), len(FIELDS)),
    )


def bags_many(posts: Sequence[Post]) -> Bags:
    """The bags of every post, extracted on all cores when there are many (it is pure Python text work)."""
    workers = fork_workers(len(posts), from_jobs=PARALLEL_FROM, most=4)
    if not workers:
        return bags_of([extract(p) for p in posts])
    global _SHARED
    _SHARED = posts  # inherited by the forked workers: only slice bounds and arrays cross the pipe
    step = 2_000
    try:
        parts = fork_map(_bags_slice, [(i, min(i + step, len(posts))) for i in range(0, len(posts), step)],
                         workers=workers, what="story grouping")
    finally:
        _SHARED = ()
    return Bags(
        np.concatenate([b.columns for b in parts]),
        np.concatenate([b.counts for b in parts]),
        np.concatenate([b.sizes for b in parts]),
    )


_SHARED: Sequence[Post] = ()


def _bags_slice(bounds: tuple[int, int]) -> Bags:
    return bags_of([extract(p) for p in _SHARED[bounds[0] : bounds[1]]])
