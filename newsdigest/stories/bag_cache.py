"""Each post's bags of terms for grouping, kept between builds: a fit extracts only the posts it has not seen.

A post's bags are a function of the post and of this stage's code, so they are
filed under the post's digest (`story_cache.post_digest`), in one entry keyed
by the code that keeps only the last build's posts. Imported only by a build
that fits (see `fit_cache`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from newsdigest.cache_store import Store, digest
from newsdigest.model import Post
from newsdigest.stories.bags import FIELDS, Bags, bags_many
from newsdigest.stories.story_cache import stage_digest

BAGS_FOLDER = "bags"
"""The folder, inside the stage's cache, of the posts' bags of terms (one entry for the whole site)."""


def cached_bags(posts: Sequence[Post], cache_dir: Path | None, digests: Mapping[str, str]) -> Bags:
    """The bags of terms of `posts` (in order), extracted only for the posts the cache does not hold.

    The result is what `bags_many(posts)` gives.
    """
    store = Store(cache_dir / BAGS_FOLDER if cache_dir is not None else None)
    key = digest("bags", stage_digest())
    known: dict[str, _Row] = store.get(key, _valid_rows) or {}
    todo = [post for post in posts if digests[post.id] not in known]
    fresh = dict(zip((digests[p.id] for p in todo), _rows(bags_many(todo)))) if todo else {}
    rows = [known.get(digests[p.id]) or fresh[digests[p.id]] for p in posts]
    if fresh or len(known) != len(posts):
        store.put(key, {digests[p.id]: row for p, row in zip(posts, rows)})
    return Bags(
        np.concatenate([row[0] for row in rows]).astype(np.int64),
        np.concatenate([row[1] for row in rows]),
        np.stack([row[2] for row in rows]),
    )


_Row = tuple[np.ndarray, np.ndarray, np.ndarray]
"""One post's bags: hashed columns (uint32: they have 23 bits), counts, sizes per field."""


def _rows(bags: Bags) -> list[_Row]:
    ends = np.cumsum(bags.sizes.sum(axis=1))
    starts = ends - bags.sizes.sum(axis=1)
    return [(bags.columns[a:b].astype(np.uint32), bags.counts[a:b].copy(), bags.sizes[n].copy())
            for n, (a, b) in enumerate(zip(starts.tolist(), ends.tolist()))]


def _valid_rows(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(row, tuple) and len(row) == 3 and all(isinstance(part, np.ndarray) for part in row)
        and row[0].dtype == np.uint32 and row[1].dtype == np.float32 and row[2].shape == (len(FIELDS),)
        and len(row[0]) == len(row[1]) == int(row[2].sum())
        for row in value.values())
