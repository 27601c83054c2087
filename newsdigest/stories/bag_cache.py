"""Each post's bags of terms for grouping, kept between builds: a fit extracts only the posts it has not seen.

A post's bags are a function of the post and of this stage's code, so they are
filed under the post's digest (`Post.digest`), in one entry keyed
by the code that keeps only the last build's posts. The entry is the last
build's `Bags` as they are (three flat arrays, post after post) with the posts'
digests in the same order: a few objects to unpickle and write, where an entry
per post made thousands, and writing them again after one edit cost more than
extracting the edited post. Imported only by a build that fits (see `fit_cache`).
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
    wanted = tuple(digests[p.id] for p in posts)
    known: _Table | None = store.get(key, _valid_table)
    if known is not None and known[0] == wanted:
        return _bags(known)
    table = known or ((), *_arrays(bags_many(())))
    row = {post_digest: n for n, post_digest in enumerate(table[0])}
    todo = [post for post in posts if digests[post.id] not in row]
    if todo:
        fresh = _arrays(bags_many(todo))
        row.update((digests[p.id], len(table[0]) + n) for n, p in enumerate(todo))
        table = (table[0] + tuple(digests[p.id] for p in todo),
                 *(np.concatenate([old, new]) for old, new in zip(table[1:], fresh)))
    ends = np.cumsum(table[3].sum(axis=1)).tolist()
    order = [row[post_digest] for post_digest in wanted]
    spans = [(ends[n - 1] if n else 0, ends[n]) for n in order]
    result: _Table = (wanted,
                      np.concatenate([table[1][a:b] for a, b in spans] or [table[1][:0]]),
                      np.concatenate([table[2][a:b] for a, b in spans] or [table[2][:0]]),
                      table[3][order] if order else table[3][:0])
    store.put(key, result)
    store.keep_only((key,))  # and no other code's: the folder does not grow with every upgrade
    return _bags(result)


_Table = tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]
"""Posts' digests, and their bags laid end to end: hashed columns (uint32: they have 23 bits), counts, and the
number of terms of each (post, field)."""


def _arrays(bags: Bags) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return bags.columns.astype(np.uint32), bags.counts, bags.sizes


def _bags(table: _Table) -> Bags:
    return Bags(table[1].astype(np.int64), table[2], table[3])


def _valid_table(value: object) -> bool:
    if not (isinstance(value, tuple) and len(value) == 4 and isinstance(value[0], tuple)
            and all(isinstance(part, np.ndarray) for part in value[1:])):
        return False
    names, columns, counts, sizes = value
    return (all(isinstance(name, str) for name in names) and columns.dtype == np.uint32
            and counts.dtype == np.float32 and sizes.dtype == np.int64 and sizes.shape == (len(names), len(FIELDS))
            and bool((sizes >= 0).all()) and len(columns) == len(counts) == int(sizes.sum()))
