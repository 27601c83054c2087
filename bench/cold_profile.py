"""Where a cold build of the peer corpus spends its processor time, part by part (issue 11).

    PYTHONPATH=. python bench/cold_profile.py --folder /tmp/cold     # writes the corpus there on first use
    PYTHONPATH=. python bench/cold_profile.py --folder /tmp/cold --profile /tmp/cold.prof

The peer benchmark's corpus (`peer_corpus`, 2,000 articles by default) is
written into `--folder` once and kept; each run removes the cache, the output
and the posts (as `bench_peers` resets before a cold build) and builds once,
in this process, with every pool of workers turned off (the build is told it
has one core), so that each part's processor time is measured where it runs:
ingest, reading posts, grouping, each step of the story analysis, and
rendering (Markdown, templates, feeds, stories.json, the search index), with
the writing of files counted apart, wherever it happens. Pagefind runs in its
own processes: their time is the children's. A part's time is the process's
processor time while it runs (other threads included: the search indexer's
copying of pages runs beside the feeds). Processor seconds, not clock: the
machine is shared, and a normal build spreads most of these parts over the
cores.
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

ANALYSIS_STEPS = ("align", "pair_shares", "relate", "analyse_quotes", "find_disagreements", "find_additions",
                  "main_event", "summarise", "choose_title")
PARTS = (  # (module, function, label): each label's time is the process's while the function runs
    ("newsdigest.pipeline", "ingest", "ingest (sources into posts)"),
    ("newsdigest.pipeline", "load_posts", "reading posts"),
    ("newsdigest.pipeline", "group", "grouping, analysis included"),
    ("newsdigest.stories.story_cache", "_compute", "  story analysis"),
    *(("newsdigest.stories.analysis", step, f"    {step}") for step in ANALYSIS_STEPS),
    ("newsdigest.pipeline", "publish", "rendering and publishing (swap included)"),
    ("newsdigest.site.render", "build_catalog", "  catalog (post views)"),
    ("newsdigest.site.context", "render_markdown", "    Markdown of the bodies"),
    ("newsdigest.site.render", "_write_pages", "  pages (templates and writing)"),
    ("newsdigest.site.render", "write_feeds", "  feeds"),
    ("newsdigest.site.render", "write_stories_json", "  stories.json"),
    ("newsdigest.site.render", "write_sitemap", "  sitemap"),
    ("newsdigest.site.render", "_start_search", "  search index: plan and start"),
    ("newsdigest.site.render", "_finish_search", "  search index: wait and record"),
)


def _one_core() -> None:
    """Every pool of the build stays in-process: each sizes itself by these."""
    os.cpu_count = lambda: 1
    os.sched_getaffinity = lambda _pid: {0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, required=True, help="where the corpus is kept between runs")
    parser.add_argument("--stories", type=int, default=400, help="stories of 5 versions (when writing the corpus)")
    parser.add_argument("--profile", type=Path, help="also write the build's cProfile statistics (processor time)")
    args = parser.parse_args()
    from analysis_steps import _timed
    from bench_peers import Newsdigest
    from peer_corpus import articles

    fresh = not (args.folder / "content" / "sources").is_dir()
    site = Newsdigest(args.folder, articles(args.stories) if fresh else None)
    site.reset()
    _one_core()
    spent: dict[str, float] = defaultdict(float)
    start = time.process_time()
    for module, name, label in PARTS:
        owner = importlib.import_module(module)
        setattr(owner, name, _timed(spent, label, getattr(owner, name)))
    import jinja2

    from newsdigest import cli as command
    from newsdigest.site.writer import Writer

    Writer.write_bytes = _timed(spent, "writing files (pages, feeds, data; any part)", Writer.write_bytes)
    jinja2.Template.render = _timed(spent, "templates (pages and feeds; any part)", jinja2.Template.render)
    profiler = None
    if args.profile is not None:
        import cProfile

        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
    command.console.quiet = True  # its closing lines name a preview command for another site
    code = command.main(["build", "--content", str(args.folder / "content"), "--output", str(args.folder / "output"),
                "--cache", str(args.folder / "cache"), "--config", str(ROOT / "site.toml")])
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    total = time.process_time() - start
    children = os.times().children_user + os.times().children_system
    print(f"\ncold build of {args.folder} in one process: processor seconds")
    for _module, _name, label in PARTS:
        print(f"  {label:48} {spent[label]:6.2f}")
    for label in ("templates (pages and feeds; any part)", "writing files (pages, feeds, data; any part)"):
        print(f"  {label:48} {spent[label]:6.2f}")
    counted = sum(spent[label] for label in ("ingest (sources into posts)", "reading posts",
                                             "grouping, analysis included", "rendering and publishing (swap included)"))
    print(f"  {'the rest (imports, settings, up-to-date check)':48} {total - counted:6.2f}")
    print(f"  {'the whole build (this process)':48} {total:6.2f}")
    print(f"  {'Pagefind (its own processes)':48} {children:6.2f}")
    print(f"  peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
