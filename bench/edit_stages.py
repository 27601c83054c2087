"""Where an incremental build's time goes: each stage's clock and processor time after one change (issue 11).

    PYTHONPATH=. python bench/edit_stages.py --folder /tmp/stages           # one edited post, three times
    PYTHONPATH=. python bench/edit_stages.py --folder /tmp/stages --kind source
    PYTHONPATH=. python bench/edit_stages.py --folder /tmp/stages --kind cold     # no cache, output nor posts
    PYTHONPATH=. python bench/edit_stages.py --folder /tmp/stages --trials 1 --profile /tmp/edit.prof
    PYTHONPATH=. python bench/edit_stages.py --folder /tmp/stages20k --stories 4000 --trials 1   # 20,000 articles

The peer benchmark's corpus (`peer_corpus`, 2,000 articles; `--stories` × 5) is written into
`--folder` and built once (cold) when the folder has no site yet; it is kept,
so later runs start at once. Each trial then makes one change as
`bench_peers` does (a post's title edited, or another outlet's version of a
story added; or, with `--kind cold`, the cache, output and posts removed, as
`bench_peers` resets before a cold build) and runs one build in a fresh process, as `python build.py build`
would, timing the pipeline's stages there: the up-to-date check, ingest, reading the
posts, grouping (the fit, the analysis of the stories the change reaches) and
rendering (catalogue, render keys, pages, search index, feeds, data files,
publishing: see `PARTS`), each stage's first part being the import of its modules (a build imports a
stage only when it runs it), and the whole process (start-up, imports and the up-to-date check
included), then the whole process tree as `bench_peers` measures it
(interpreter start-up and the search indexer included). A shared machine
stretches clock time far more than processor time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

STAGES = ("ingest", "load_posts", "group", "publish")
PARTS = {
    "group": (("newsdigest.stories.group", "fitted_labels", "fit"),
              ("newsdigest.stories.story_cache", "StoryAnalyses.__call__", "analysis"),
              ("newsdigest.stories.group", "save_registry", "registry")),
    "publish": (("newsdigest.site.render", "convert_ahead", "markdown"),
                ("newsdigest.site.render", "build_catalog", "catalogue"),
                ("newsdigest.site.render", "plan", "page plan"),
                ("newsdigest.site.render", "Assets.copy", "static files"),
                ("newsdigest.site.render", "site_key", "site key"),
                ("newsdigest.site.render", "seed_views", "view keys"),
                ("newsdigest.site.render", "_write_pages", "pages"),
                ("newsdigest.site.render", "_start_search", "search"),
                ("newsdigest.site.render", "write_feeds", "feeds"),
                ("newsdigest.site.render", "write_stories_json", "stories.json"),
                ("newsdigest.site.render", "_finish_search", "search wait"),
                ("newsdigest.site.writer", "Writer.commit", "commit")),
}
"""The parts of a stage timed within it (module, attribute, label), each imported only when its stage runs."""
CHECK = (("newsdigest.build_state", "output_state", "output state"),
         ("newsdigest.build_state", "inputs_digest", "inputs digest"),
         ("newsdigest.pipeline", "PostCache.__init__", "post cache"),
         ("newsdigest.build_state", "remember", "record"))
"""The up-to-date check's parts, which run before any stage."""
KINDS = {"edit": "one edited post", "source": "one new source", "cold": "cold"}


def _one(folder: Path, profile: Path | None = None) -> None:
    """In the child: one build of the kept site, printing each stage's clock and processor seconds
    (and writing the build's profile to `profile`, when given; the stage times then include the profiler's cost).

    The profile starts before the imports of `pipeline` and `cli`: what a build imports is part of its cost."""
    start_clock, start_cpu = time.perf_counter(), time.process_time()
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    from newsdigest import pipeline
    from newsdigest.cli import main

    def timed(name: str, stage, indent: int = 4):
        def run(*args, **kwargs):
            clock, cpu, workers = time.perf_counter(), time.process_time(), _children()
            if indent == 4 and name in PARTS:
                # Patching imports the stage's modules, which its own call would import: timed as its first part.
                for module, attribute, label in PARTS[name]:
                    _patch(module, attribute, lambda part, label=label: timed(label, part, 6))
                _report("imports", 6, clock, cpu, workers)
            try:
                return stage(*args, **kwargs)
            finally:
                _report(name, indent, clock, cpu, workers)
        return run

    for name in STAGES:
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    for module, attribute, label in CHECK:
        _patch(module, attribute, lambda part, label=label: timed(label, part))
    entered = pipeline.build

    def build(*args, **kwargs):
        print(f"    {'start-up':14} {time.perf_counter() - start_clock:6.2f} s, {time.process_time() - start_cpu:5.2f} s"
              " processor (this process's imports up to the build, after the interpreter's own start)")
        return entered(*args, **kwargs)
    pipeline.build = build
    argv = ["build", "--content", str(folder / "content"), "--output", str(folder / "output"),
            "--cache", str(folder / "cache"), "--config", str(ROOT / "site.toml")]
    code = main(argv)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    print(f"    {'build':14} {time.perf_counter() - start_clock:6.2f} s, {time.process_time() - start_cpu:5.2f} s "
          f"processor (+ {_children():.2f} s in worker processes and the search indexer)")
    if code != 0:
        raise SystemExit(code)


def _report(name: str, indent: int, clock: float, cpu: float, workers: float) -> None:
    """Print one line: the clock, processor and worker processor seconds since the given readings."""
    print(f"{'':{indent}}{name:{18 - indent}} {time.perf_counter() - clock:6.2f} s, "
          f"{time.process_time() - cpu:5.2f} s processor (+ {_children() - workers:5.2f} s in its worker processes)")


def _patch(module: str, attribute: str, wrap) -> None:
    """Replace `attribute` (a function, or "Class.method") of `module` with `wrap(it)`, once."""
    import importlib

    owner = importlib.import_module(module)
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    if not getattr(getattr(owner, name), "_timed", False):
        wrapped = wrap(getattr(owner, name))
        wrapped._timed = True
        setattr(owner, name, wrapped)


def _children() -> float:
    """Processor seconds of this process's finished children (pool workers, the search indexer)."""
    times = os.times()
    return times.children_user + times.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, required=True, help="where the site is kept between runs")
    parser.add_argument("--kind", choices=("edit", "source", "cold"), default="edit")
    parser.add_argument("--stories", type=int, default=400, help="stories of 5 versions each, for a new folder")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="write each trial's cProfile statistics to PROFILE.N")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.folder, args.profile)
        return 0
    from bench_peers import Newsdigest
    from peer_corpus import articles

    fresh = not (args.folder / "output").is_dir()
    site = Newsdigest(args.folder, articles(args.stories) if fresh else None)  # the corpus is written once, and kept
    if fresh:
        site.reset()
        print("cold build (once) …", flush=True)
        site.build()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(args.folder / "bytecode")}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for trial in range(args.trials):
        stamp = time.time_ns() % 1000
        if args.kind == "cold":
            site.reset()
        elif args.kind == "edit":
            site.edit_post(100 + stamp)
        else:
            site.add_source(next(n % 400 for n in range(stamp, stamp + 400)
                                 if not (args.folder / "content" / "sources" / f"s{n % 400:05d}-extra.md").exists()))
        print(f"  trial {trial + 1} ({KINDS[args.kind]}):", flush=True)
        start = time.perf_counter()
        profile = [] if args.profile is None else ["--profile", f"{args.profile}.{trial + 1}"]
        child = subprocess.Popen([sys.executable, __file__, "--folder", str(args.folder), "--one", *profile],
                                 env=env, cwd=ROOT)
        _pid, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("the build failed")
        print(f"    {'process':14} {time.perf_counter() - start:6.2f} s, {usage.ru_utime + usage.ru_stime:5.2f} s "
              "processor (the whole tree, interpreter start-up included)", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
