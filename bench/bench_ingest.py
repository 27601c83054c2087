"""Ingest throughput against trafilatura, on the same pages, in the same run.

    python bench/bench_ingest.py [--corpus ../shared/corpus] [--rounds 3]

Both sides get the machine's two cores and a cold start:

- **newsdigest**: `python build.py ingest` on the extract set's HTML pages and
  text dumps together (every source normalised and written as a post), from an
  empty cache, in a fresh process: what an editor waits for.
- **trafilatura**: `trafilatura.extract` with metadata over the same HTML pages,
  in a fresh process with a two-worker pool (text dumps are not its input, so
  it gets only the HTML: the fairer comparison for it).

Prints documents per second for each and the ratio, and for newsdigest the
processor time per document of its whole process tree (the parent and its two
workers, user and system): a machine shared with other work stretches the time
on the clock far more than that, so compare processor times back to back. Also
the peak memory of the largest process of the tree (a worker, or the parent).
`bench_ingest_cpu.py` splits the processor time between HTML pages and text
dumps. A measurement, not a test: nothing is asserted. The corpus is read only
when present.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TRAFILATURA_RUN = """
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

def extract(path):
    import trafilatura
    return trafilatura.extract(Path(path).read_bytes(), with_metadata=True, output_format="markdown") is not None

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        done = sum(pool.map(extract, sys.argv[1:], chunksize=4))
    print(done)
"""


@dataclass(frozen=True)
class Run:
    """One command's time on the clock, and its process tree's processor time and largest peak memory."""

    seconds: float
    processor_seconds: float
    peak_megabytes: float


def timed(command: list[str], cwd: Path) -> Run:
    """Run `command` and wait for it with `os.wait4`: its usage is its own tree's (the ingest waits for its
    workers), not that of every child this benchmark has run, trafilatura's among them."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise subprocess.CalledProcessError(process.returncode, command, stderr=errors.read())
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # kilobytes on Linux


def newsdigest_run(sources: list[Path], work: Path) -> Run:
    content = work / "content"
    shutil.rmtree(work, ignore_errors=True)
    (content / "sources").mkdir(parents=True)
    for path in sources:
        shutil.copy(path, content / "sources" / path.name)
    command = [sys.executable, "build.py", "ingest", "--content", str(content), "--cache", str(work / "cache")]
    return timed(command, ROOT)


def trafilatura_run(pages: list[Path], work: Path) -> Run:
    work.mkdir(parents=True, exist_ok=True)
    script = work / "trafilatura_run.py"
    script.write_text(TRAFILATURA_RUN)
    return timed([sys.executable, str(script), *map(str, pages)], work)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    extract = args.corpus / "extract"
    if not extract.is_dir():
        print(f"no corpus at {extract}: nothing to measure")
        return 0
    pages = sorted(extract.glob("*.html"))
    dumps = sorted(extract.glob("*.txt"))
    documents = len(pages) + len(dumps)
    ours: list[Run] = []
    theirs: list[Run] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            ours.append(newsdigest_run(pages + dumps, Path(tmp) / "ours"))
            theirs.append(trafilatura_run(pages, Path(tmp) / "theirs"))
    rates = [documents / run.seconds for run in ours]
    ours_rate = statistics.median(rates)
    theirs_rate = statistics.median(len(pages) / run.seconds for run in theirs)
    print(f"newsdigest ingest : {ours_rate:6.1f} documents/s ({len(pages)} HTML + {len(dumps)} text, cold cache, "
          f"median of {args.rounds}: {', '.join(f'{rate:.1f}' for rate in rates)})")
    print(f"  processor time  : {statistics.median(run.processor_seconds for run in ours) / documents * 1000:6.1f} ms "
          f"per document (parent and workers; load average {os.getloadavg()[0]:.1f}); "
          f"largest process {max(run.peak_megabytes for run in ours):.0f} MB")
    print(f"trafilatura       : {theirs_rate:6.1f} documents/s ({len(pages)} HTML, extract with metadata)")
    print(f"ratio             : {ours_rate / theirs_rate:.2f}x  (target: at least 40 documents/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
