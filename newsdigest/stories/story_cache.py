"""Story analysis, cached per story by the digest of what it reads, and spread over the cores;
and each post's bags of terms for grouping, cached per post the same way.

`analyse` is a pure function of a story's posts (in time order): their every
field but the file path, and the code of this stage. So the digest of those is
the cache key, and a story whose posts did not change costs one file read on
the next build. An entry is used only when it is filed under that digest and
has the shape of an analysis of exactly those posts (see `cache_store`), so a
stale or damaged cache can cost time but never change a page.

The stories still to analyse are shared among worker processes (one per core)
when there are enough of them to repay starting the workers. Workers are
forked, which is only safe from a single-threaded process (the preview server's
rebuild thread analyses in-process; its full builds run in a child process).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import scipy

from newsdigest.cache_store import Store, Table, code_digest, digest
from newsdigest.model import Post
from newsdigest.stories.analysis import Analysis, analyse
from newsdigest.stories.assemble import choose_title
from newsdigest.stories.bags import FIELDS, Bags, bags_many

STAGE_CODE = Path(__file__).resolve().parent
READS = (STAGE_CODE, STAGE_CODE.parent / "model.py")
"""Every module of the package that analysis and grouping read: the stage's own and the model's."""


@cache
def stage_digest() -> str:
    """What the cached results of this stage are a function of besides their posts: the code of `READS`
    and the versions of the numerical libraries it computes with."""
    return digest(code_digest(*READS), np.__version__, scipy.__version__)

PARALLEL_MIN = 24
"""Fewer stories than this to analyse are done in-process: forking workers costs more than it saves."""


def post_digest(post: Post) -> str:
    """The digest of everything analysis may read of a post (all of it but where the file lies)."""
    return digest(repr(dataclasses.replace(post, path=None)))


def post_digests(posts: Sequence[Post]) -> dict[str, str]:
    """Post id -> `post_digest`, computed once per build for both caches."""
    return {post.id: post_digest(post) for post in posts}


def analysis_key(posts: Sequence[Post], digests: Mapping[str, str] | None = None) -> str:
    return digest("analysis", stage_digest(),
                  *(digests[p.id] if digests is not None else post_digest(p) for p in posts))


BAGS_FOLDER = "bags"
"""The folder, inside the analysis cache's, of the posts' bags of terms (one entry for the whole site)."""


def cached_bags(posts: Sequence[Post], cache_dir: Path | None, digests: Mapping[str, str]) -> Bags:
    """The bags of terms of `posts` (in order), extracted only for the posts the cache does not hold.

    A post's bags are a function of the post and of this stage's code, so they are
    filed under the post's digest, in one entry keyed by the code; the entry then
    keeps only this build's posts. The result is what `bags_many(posts)` gives.
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


TITLES_FOLDER = "titles"
"""The folder, inside the analysis cache's, of the headlines chosen for groups of posts (one entry)."""


class Titles:
    """`choose_title` per set of posts, kept between builds: it reads every word of every version.

    A title is a function of its posts and this stage's code, so it is filed under
    their digests, in one entry keyed by the code that keeps this build's sets only.
    """

    def __init__(self, cache_dir: Path | None, digests: Mapping[str, str]) -> None:
        store = Store(cache_dir / TITLES_FOLDER if cache_dir is not None else None)
        self._table = Table(store, digest("titles", stage_digest()), _valid_titles)
        self._digests = digests

    def __call__(self, members: Sequence[Post]) -> str:
        key = digest(*sorted(self._digests[p.id] for p in members))
        return self._table.get(key, lambda: choose_title(members))

    def save(self) -> None:
        self._table.save()


def _valid_titles(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items())


def _valid_for(posts: Sequence[Post]):
    ids = {p.id for p in posts}

    def valid(value: object) -> bool:
        return (isinstance(value, Analysis) and set(value.relations) == ids
                and set(value.additions) <= ids and isinstance(value.quotes, tuple)
                and isinstance(value.disagreements, tuple) and isinstance(value.summary, str)
                and set(value.copy_map) <= ids)
    return valid


def cores() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analyse_stories(stories: Sequence[Sequence[Post]], cache_dir: Path | None,
                    digests: Mapping[str, str] | None = None) -> list[Analysis]:
    """The analysis of each story (its posts in time order), from the cache where it holds one.

    With a `cache_dir`, entries no story of this build used are removed afterwards.
    `digests`: the posts' `post_digests`, when the caller has them.
    """
    store = Store(cache_dir)
    keys = [analysis_key(posts, digests) for posts in stories]
    found: list[Analysis | None] = [store.get(key, _valid_for(posts)) for key, posts in zip(keys, stories)]
    todo = [n for n, hit in enumerate(found) if hit is None]
    for n, analysis in zip(todo, _compute([tuple(stories[n]) for n in todo])):
        found[n] = analysis
        store.put(keys[n], analysis)
    store.keep_only(keys)
    return [a for a in found if a is not None]


def _compute(stories: list[tuple[Post, ...]]) -> list[Analysis]:
    workers = min(cores(), 8)
    if len(stories) < PARALLEL_MIN or workers < 2 or threading.active_count() > 1:
        return [analyse(posts) for posts in stories]
    # Biggest stories first, so that no worker is left with a long one at the end.
    order = sorted(range(len(stories)), key=lambda n: -sum(len(p.body) for p in stories[n]))
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(analyse, [stories[n] for n in order], chunksize=4)
    out: list[Analysis | None] = [None] * len(stories)
    for n, analysis in zip(order, results):
        out[n] = analysis
    return [a for a in out if a is not None]
