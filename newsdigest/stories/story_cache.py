"""Story analysis, cached per story by the digest of what it reads, and spread over the cores.

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
from collections.abc import Sequence
from pathlib import Path

from newsdigest.cache_store import Store, code_digest, digest
from newsdigest.model import Post
from newsdigest.stories.analysis import Analysis, analyse

STAGE_CODE = Path(__file__).resolve().parent
PARALLEL_MIN = 24
"""Fewer stories than this to analyse are done in-process: forking workers costs more than it saves."""


def post_digest(post: Post) -> str:
    """The digest of everything analysis may read of a post (all of it but where the file lies)."""
    return digest(repr(dataclasses.replace(post, path=None)))


def analysis_key(posts: Sequence[Post]) -> str:
    return digest("analysis", code_digest(STAGE_CODE), *(post_digest(p) for p in posts))


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


def analyse_stories(stories: Sequence[Sequence[Post]], cache_dir: Path | None) -> list[Analysis]:
    """The analysis of each story (its posts in time order), from the cache where it holds one.

    With a `cache_dir`, entries no story of this build used are removed afterwards.
    """
    store = Store(cache_dir)
    keys = [analysis_key(posts) for posts in stories]
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
