"""How many forked worker processes a batch of work is worth: the one rule every stage forks by.

A fork copies only the thread that calls it. A lock another thread held at that
moment (the preview server's watcher, a progress bar's refresh, the search
indexer's feeder, logging) stays held for ever in the child, which then hangs
on its first use. So a process with other threads running does its work
itself, as it does when the batch is too small to repay the workers' start or
the machine has one core. The output is the same either way: the forked paths
are compared with the serial ones byte for byte by the test suite.
"""

from __future__ import annotations

import os
import threading

__all__ = ["cores", "fork_workers"]


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
