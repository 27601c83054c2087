"""Story analysis cost: ten versions of sixty sentences, the shape of a busy story.

    python bench/bench_analysis.py            # best of 5
    python bench/bench_analysis.py 10         # best of 10

Prints, and does not assert (it is a measurement, not a test), the processor
time of one `analyse` call over the ten versions (the best of several runs, after
one warm-up on two versions, as a build would have warmed its regexes and
imports). Processor time, not clock time: the machine is shared and the clock
mostly measures other people's load. The story is generated, so the figure
compares commits, not outlets.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdigest.model import Post
from newsdigest.stories.analysis import analyse

START = datetime(2025, 3, 1, 8, tzinfo=UTC)


def busy_story(seed: int = 7, versions: int = 10, sentences: int = 60) -> list[Post]:
    """Versions that reword about a third of one text's sentences, each with one quote."""
    rng = random.Random(seed)
    vocabulary = [f"word{i}" for i in range(3000)]
    names = ["Anna Berg", "Bo Lind", "Ivan Petrov", "Elena Marsh"]
    base = [" ".join(rng.choice(vocabulary) for _ in range(18)).capitalize() + f" with {rng.randint(2, 90)} ships."
            for _ in range(sentences)]
    posts = []
    for v in range(versions):
        lines = []
        for s in base:
            words = s.split()
            if rng.random() < 0.3:
                words = [rng.choice(vocabulary) if rng.random() < 0.3 else w for w in words]
            lines.append(" ".join(words))
        lines[rng.randrange(sentences)] = f"“{' '.join(rng.sample(vocabulary, 8))},” said {rng.choice(names)}."
        posts.append(Post(id=f"v{v}", title=f"Version {v}", body="\n\n".join(lines), source=f"sources/v{v}.txt",
                          outlet=f"Outlet {v}", published=START + timedelta(hours=v)))
    return posts


def main(trials: int = 5) -> None:
    posts = busy_story()
    analyse(posts[:2])
    times = []
    for _ in range(trials):
        start = time.process_time()
        analysis = analyse(posts)
        times.append(time.process_time() - start)
    print(f"analyse: {len(posts)} versions, {len(analysis.relations)} relations; "
          f"best {min(times):.3f} s, worst {max(times):.3f} s of processor time over {trials} runs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
