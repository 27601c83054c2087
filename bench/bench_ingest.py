"""Ingest throughput against trafilatura, on the same pages, in the same run.

    python bench/bench_ingest.py [--corpus ../shared/corpus] [--rounds 3]

Both sides get the machine's two cores and a cold start:

- **newsdigest**: `python build.py ingest` on the extract set's HTML pages and
  text dumps together (every source normalised and written as a post), from an
  empty cache, in a fresh process: what an editor waits for.
- **trafilatura**: `trafilatura.extract` with metadata over the same HTML pages,
  in a fresh process with a two-worker pool (text dumps are not its input, so
  it gets only the HTML: the fairer comparison for it).

Prints documents per second for each and the ratio. A measurement, not a test:
nothing is asserted. The corpus is read only when present.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def newsdigest_seconds(sources: list[Path], work: Path) -> float:
    content = work / "content"
    shutil.rmtree(work, ignore_errors=True)
    (content / "sources").mkdir(parents=True)
    for path in sources:
        shutil.copy(path, content / "sources" / path.name)
    command = [sys.executable, "build.py", "ingest", "--content", str(content), "--cache", str(work / "cache")]
    return timed(command, ROOT)


def trafilatura_seconds(pages: list[Path], work: Path) -> float:
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
    ours: list[float] = []
    theirs: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            ours.append((len(pages) + len(dumps)) / newsdigest_seconds(pages + dumps, Path(tmp) / "ours"))
            theirs.append(len(pages) / trafilatura_seconds(pages, Path(tmp) / "theirs"))
    ours_rate, theirs_rate = statistics.median(ours), statistics.median(theirs)
    print(f"newsdigest ingest : {ours_rate:6.1f} documents/s ({len(pages)} HTML + {len(dumps)} text, cold cache, "
          f"median of {args.rounds})")
    print(f"trafilatura       : {theirs_rate:6.1f} documents/s ({len(pages)} HTML, extract with metadata)")
    print(f"ratio             : {ours_rate / theirs_rate:.2f}x  (target: at least 40 documents/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
