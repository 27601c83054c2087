"""Grouping at scale: 100,000 generated posts, then one more.

    python bench/bench_grouping.py            # 100,000 posts (the figure of issue 4)
    python bench/bench_grouping.py 20000      # a quicker look

Prints, and does not assert (it is a measurement, not a test):

- the time to group all posts (`StoryIndex.fit`, what a build runs), which
  must stay under 60 s on the project's 2-core machine;
- the peak resident memory of the whole process, which must stay under 2 GB;
- the time to place one new post into the grouped corpus (`StoryIndex.add`),
  which must stay under 1 s (the median and worst of 20 are shown);
- B-cubed F1 against the generator's own truth, to show the speed was not
  bought with nonsense.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Self

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from grouping_corpus import generate

from newsdigest.stories.index import StoryIndex


def bcubed(pred: list[int], gold: list[int]) -> tuple[float, float, float]:
    by_pred: dict[int, set[int]] = defaultdict(set)
    by_gold: dict[int, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = sum(len(by_pred[p] & by_gold[g]) / len(by_pred[p]) for p, g in zip(pred, gold)) / len(gold)
    recall = sum(len(by_pred[p] & by_gold[g]) / len(by_gold[g]) for p, g in zip(pred, gold)) / len(gold)
    return 2 * precision * recall / (precision + recall), precision, recall


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process, and of the largest worker it started (MB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024.0, workers / 1024.0


class TotalMemory:
    """Samples the proportional memory (PSS) of this process plus its workers, four times a second.

    RSS counts pages a forked worker shares with its parent twice; PSS splits
    them, so the sum is what the whole run really holds. Linux only.
    """

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.25):
            pids = [me] + [pid for pid in _pids() if _parent(pid) == me]
            self.peak_mb = max(self.peak_mb, sum(_pss_kb(pid) for pid in pids) / 1024.0)


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _cpu_seconds() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 100_000
    extra = 20
    t0 = time.perf_counter()
    posts, truth = generate(n + extra)
    # Hold back posts of events that have other reports too: each should find its story.
    sizes: dict[int, int] = defaultdict(int)
    for event in truth:
        sizes[event] += 1
    rng = random.Random(11)
    held = set(rng.sample([i for i, ev in enumerate(truth) if sizes[ev] >= 2], extra))
    held_back = [p for i, p in enumerate(posts) if i in held]
    held_truth = [ev for i, ev in enumerate(truth) if i in held]
    posts = [p for i, p in enumerate(posts) if i not in held]
    truth = [ev for i, ev in enumerate(truth) if i not in held]
    print(f"generated {n:,} posts ({len(set(truth)):,} events) in {time.perf_counter() - t0:.1f} s")

    index = StoryIndex()
    load_before = os.getloadavg()[0]
    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    with TotalMemory() as total:
        labels = index.fit(posts)
    grouping = time.perf_counter() - t0
    cpu = _cpu_seconds() - cpu0
    print(f"grouped {n:,} posts into {len(set(labels)):,} stories in {grouping:.1f} s (limit 60 s)")
    print(
        f"  CPU time {cpu:.1f} s on {os.cpu_count()} cores; load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after (other work on the machine slows the wall clock)"
    )
    print(
        "  "
        + ", ".join(f"{k} {v:.1f} s" if k != "candidate pairs" else f"{v:,.0f} {k}" for k, v in index.timings.items())
    )
    f1, p, r = bcubed(labels, truth)
    print(f"B-cubed against the generator's events: F1={f1:.3f} precision={p:.3f} recall={r:.3f}")

    times = []
    placed = []
    for post in held_back:
        t0 = time.perf_counter()
        placed.append(index.add(post))
        times.append(time.perf_counter() - t0)
    # Where a held-back post's event already had posts in the corpus, it should join their story.
    story_of_event = {ev: labels[i] for i, ev in enumerate(truth)}
    known = [(ev, lab) for ev, lab in zip(held_truth, placed) if ev in story_of_event]
    joined = sum(1 for ev, lab in known if story_of_event[ev] == lab)
    print(
        f"placed {len(times)} new posts one at a time: median {statistics.median(times) * 1000:.0f} ms, "
        f"worst {max(times) * 1000:.0f} ms (limit 1000 ms); "
        f"{joined} of {len(known)} whose event was already in the corpus joined its story"
    )
    own, worker = peak_rss_mb()
    print(
        f"peak memory: {own:,.0f} MB RSS for this process (limit 2048 MB); while grouping, this process and its "
        f"feature workers together held at most {total.peak_mb:,.0f} MB (PSS; each worker's RSS peaked at "
        f"{worker:,.0f} MB, mostly pages shared by fork)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
