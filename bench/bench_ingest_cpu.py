"""Processor time per HTML page and per text dump, read in one process, with the costliest functions.

    PYTHONPATH=. python bench/bench_ingest_cpu.py [--corpus ../shared/corpus] [--set extract] [--profile 15]

Runs `source.process_source` (decode, tell the shape, read, render the post) on
every `.html` and then every `.txt` file of a corpus set, after the readers are
imported and warmed as ingest's workers have them (`run.preload_readers`), and
the language identifier's model loaded (asked of a Latin text): a worker loads it
when its first source needs it, and few do, so its half second is left out of
every page's figure rather than charged to whichever page asks first. Prints the
processor milliseconds per page of each kind: the figure to compare before and
after a change, back to back, since a shared machine stretches the clock far
more than processor time. `--profile N` adds the N functions with the most
cumulative processor time of each kind (cProfile timed by processor time; its
overhead makes every figure larger).
A measurement, not a test: nothing is asserted. The corpus is read only when present.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time
from pathlib import Path

from newsdigest.ingest.language import identify_language
from newsdigest.ingest.outlets import OutletBook
from newsdigest.ingest.run import preload_readers
from newsdigest.ingest.source import process_source

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--set", default="extract", help="the corpus set whose .html and .txt files are read")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="show the N costliest functions")
    args = parser.parse_args()
    folder = args.corpus / args.set
    if not folder.is_dir():
        print(f"no corpus at {folder}: nothing to measure")
        return 0
    preload_readers()
    identify_language("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.")  # its model
    outlets = OutletBook()  # no editor's outlet names: the corpus pages name their own
    for kind in ("html", "txt"):
        files = sorted(folder.glob(f"*.{kind}"))
        if not files:
            continue
        sources = [(path, path.read_bytes()) for path in files]
        profile = cProfile.Profile(time.process_time) if args.profile else None  # the clock counts other work too
        start = time.process_time()
        if profile:
            profile.enable()
        skipped = sum(process_source(data, f"sources/{path.name}", path.stem, "UTC", outlets).text is None
                      for path, data in sources)
        if profile:
            profile.disable()
        spent = time.process_time() - start
        print(f"{kind:4s}: {spent / len(files) * 1000:6.1f} ms of processor time per page "
              f"({len(files)} pages, {skipped} skipped)")
        if profile:
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(args.profile)
    print(f"peak memory of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
