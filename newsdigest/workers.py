"""How many forked worker processes a batch of work is worth: the one rule every stage forks by.

A fork copies only the thread that calls it. A lock another thread held at that
moment (the preview server's watcher, a progress bar's refresh, the search
indexer's feeder, logging) stays held for ever in the child, which then hangs
on its first use. So a process with other threads running does its work
itself, as it does when the batch is too small to repay the workers' start or
the machine has one core. The output is the same either way: the forked paths
are compared with the serial ones byte for byte by the test suite.

Every stage forks its workers through `forked_pool` (or `fork_map`, built on
it): a `ProcessPoolExecutor` on the fork context, which notices a worker the
system killed (the out-of-memory killer on a large build, a `kill`) where
`multiprocessing.Pool.map` would wait for its results for ever. A dead worker
stops the stage with `IncompleteBuild`, raised before anything is published,
so the editor reads why instead of watching a build that never ends.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from newsdigest.errors import IncompleteBuild

__all__ = ["cores", "fork_map", "fork_workers", "forked_pool"]

R = TypeVar("R")


def cores() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_workers(jobs: int, *, from_jobs: int, most: int = 8) -> int:
    """Worker processes to fork for `jobs` jobs, at most `most`; 0 (do the work here) for fewer than `from_jobs`
    jobs, on one core, while other threads run, or where the system cannot fork."""
    workers = min(cores(), most)
    if jobs < from_jobs or workers < 2 or threading.active_count() > 1 or not hasattr(os, "fork"):
        return 0
    return workers


@contextmanager
def forked_pool(workers: int, what: str, *, initializer: Callable[..., object] | None = None,
                initargs: tuple[Any, ...] = ()) -> Iterator[ProcessPoolExecutor]:
    """`workers` forked worker processes (they inherit this process's warm state: imports, compiled templates,
    the job in a module global) for the stage `what`; a worker that dies raises `IncompleteBuild` naming it.

    The workers are forked on the first submission, before the pool starts its own thread. Leaving the block
    drops the work not yet started: after an error its results would be thrown away."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=initializer, initargs=initargs)
    try:
        yield pool
    except BrokenProcessPool:
        raise IncompleteBuild(
            f"a worker process died during {what}, before it finished (most often the system ends a worker for "
            "want of memory), so the run stopped and nothing was published; free some memory, or build with "
            "fewer programs running, and build again") from None
    finally:
        pool.shutdown(cancel_futures=True)


def fork_map(function: Callable[..., R], items: Iterable[Any], *, workers: int, what: str,
             chunksize: int = 1) -> list[R]:
    """`function` of each of `items`, in their order, computed by `workers` forked workers taking `chunksize`
    items at a time (see `forked_pool`: a dead worker raises `IncompleteBuild` naming `what`)."""
    with forked_pool(workers, what) as pool:
        return list(pool.map(function, items, chunksize=chunksize))
