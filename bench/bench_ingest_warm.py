"""Ingest with a warm cache: the price of checking every source and trusting no cache entry blindly.

    PYTHONPATH=. python bench/bench_ingest_warm.py [--sources 300] [--rounds 15]

Generates `--sources` small text articles in a temporary site, ingests them
once (cold, not measured), then measures `--rounds` ingests in which every
source is unchanged: each is checked as a regular file, read, hashed, and its
cache entry validated (shape, key, input digest, signature, id and source)
before the post is compared with what is on disk. Prints the CPU time per run
(minimum and median; CPU time, because the machine is shared). A measurement,
not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from newsdigest.config import load_config
from newsdigest.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent


def article(n: int) -> str:
    return (f"Town {n} reopens its bridge after {n + 2} years\n\n"
            f"The town of number {n} reopened its bridge on Monday after {n + 2} years of repairs, and {100 + n} "
            "residents came to see the work that engineers had carried out over the winter.\n\n"
            f"The mayor said the cost of {n + 5} million had been shared with the region.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsdigest-bench-"))
    try:
        sources = tmp / "content" / "sources"
        sources.mkdir(parents=True)
        for n in range(args.sources):
            (sources / f"s-{n}.txt").write_text(article(n), encoding="utf-8")
        config = load_config(ROOT / "site.toml", content_dir=tmp / "content", output_dir=tmp / "output",
                             cache_dir=tmp / "cache")
        ingest(config, progress=False)
        times = []
        for _ in range(args.rounds):
            start = time.process_time()
            report = ingest(config, progress=False)
            times.append(time.process_time() - start)
        assert len(report.unchanged) == args.sources
        print(f"warm ingest of {args.sources} sources: CPU {min(times) * 1000:.0f} ms min, "
              f"{statistics.median(times) * 1000:.0f} ms median over {args.rounds} runs")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
