"""Measure ingest and grouping against the evaluation corpora: `python -m newsdigest.evaluate`.

    python -m newsdigest.evaluate --corpus ../shared/corpus [--only extract-html,meta-txt,cluster]

Each set is copied into a fresh temporary content folder and run through the
real stages (ingest, and for `cluster` the whole build), then the corpus's own
scorer (`../eval/score.py` beside the corpus, run as a separate process so that
nothing here can bend its figures) reads the posts or `stories.json`. Prints the
scorer's figures for each set and the ingest throughput over the HTML and text
pages of the extraction set. The corpora are measuring instruments: they are
never copied into the project.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from newsdigest.config import load_config

SETS = ("extract-html", "extract-txt", "meta-html", "meta-txt", "snippets-html", "snippets-txt", "cluster")
_FOLDER = {"snippets": "meta"}
"""Sets scored on another set's pages: `snippets` reads the `with`/`without` snippets of `meta`."""


@dataclass(frozen=True)
class Result:
    name: str
    documents: int
    seconds: float
    cpu_seconds: float
    """Processor time of this process and its workers: what the run costs on a machine shared with others."""
    headline: str
    """The scorer's last line: its headline figure."""
    output: str


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsdigest.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"), help="the corpora folder")
    parser.add_argument("--scorer", type=Path, default=None, help="score.py (default: ../eval/score.py beside the corpus)")
    parser.add_argument("--config", type=Path, default=Path("site.toml"), help="site settings (default: site.toml)")
    parser.add_argument("--only", default=",".join(SETS), help=f"comma-separated sets among {', '.join(SETS)}")
    parser.add_argument("--per-doc", action="store_true", help="pass --per-doc to the scorer")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders and print where they are")
    args = parser.parse_args(argv)

    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in SETS]
    if unknown:
        parser.error(f"unknown set(s): {', '.join(unknown)}")
    scorer = args.scorer or args.corpus.resolve().parent / "eval" / "score.py"
    if not scorer.is_file():
        parser.error(f"scorer not found: {scorer}")

    results: dict[str, Result] = {}
    for name in wanted:
        result = run_set(name, args.corpus.resolve(), scorer, args.config, per_doc=args.per_doc, keep=args.keep)
        results[name] = result
        print(f"== {name}: {result.documents} sources in {result.seconds:.1f}s "
              f"(processor time {result.cpu_seconds:.1f}s)", flush=True)
        print(result.output.rstrip() if args.per_doc else result.headline, flush=True)

    timed = [results[n] for n in ("extract-html", "extract-txt") if n in results]
    if timed:
        documents = sum(r.documents for r in timed)
        seconds = sum(r.seconds for r in timed)
        cpu = sum(r.cpu_seconds for r in timed)
        print(f"== throughput: {documents} documents in {seconds:.1f}s = {documents / seconds:.1f} docs/s "
              f"({' + '.join(r.name for r in timed)}, ingest from a cold cache)")
        # On a machine shared with other work the wall clock measures the neighbours too; the
        # processor time says what the same run gives with two cores to itself.
        print(f"== throughput by processor time: {cpu:.1f}s of CPU = {documents / (cpu / 2):.1f} docs/s on 2 cores")
    return 0


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def run_set(name: str, corpus: Path, scorer: Path, config_path: Path, *, per_doc: bool = False,
            keep: bool = False) -> Result:
    """Copy one set into a temporary content folder, run the real stage(s), score the output."""
    kind, _, extension = name.partition("-")
    folder = corpus / _FOLDER.get(kind, kind)
    work = Path(tempfile.mkdtemp(prefix=f"newsdigest-eval-{name}-"))
    try:
        content = work / "content"
        sources = content / "sources"
        sources.mkdir(parents=True)
        if kind == "cluster":
            files = [p for p in (folder / "sources").iterdir() if p.is_file()]
        else:
            files = sorted(folder.glob(f"*.{extension}"))
        for path in files:
            shutil.copy2(path, sources / path.name)
        config = load_config(config_path, content_dir=content, output_dir=work / "output", cache_dir=work / "cache")
        started = time.perf_counter()
        cpu_started = _cpu_seconds()
        if kind == "cluster":
            from newsdigest.pipeline import build

            build(config, progress=False)
            target = config.output_dir / "stories.json"
        else:
            from newsdigest.ingest import ingest

            ingest(config, progress=False)
            target = config.posts_dir
        seconds = time.perf_counter() - started
        cpu_seconds = _cpu_seconds() - cpu_started
        command = [sys.executable, str(scorer), kind, str(folder / "gold.json"), str(target)]
        if per_doc:
            command.append("--per-doc")
        scored = subprocess.run(command, capture_output=True, text=True, check=False)
        output = scored.stdout + scored.stderr
        lines = [line for line in scored.stdout.splitlines() if line.strip()]
        headline = "\n".join(lines[-2:]) if lines else output.strip()
        if keep:
            print(f"   kept: {work}")
        return Result(name, len(files), seconds, cpu_seconds, headline, output)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
