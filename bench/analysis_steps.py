"""Where story analysis spends its time: each step's processor seconds over every story of a built site (issue 11).

    PYTHONPATH=. python bench/edit_stages.py --folder /tmp/stages --kind cold --trials 1   # builds the peer corpus
    PYTHONPATH=. python bench/analysis_steps.py --folder /tmp/stages

The stories are those the site's `stories.json` lists, each analysed once in
this process, one after another (no workers, no cache), as a cold build's
workers analyse them; the time of each step `analysis.analyse` calls
(alignment, copying, quotes, disagreements, additions, the main event,
summary, headline) is summed over all of them. Processor time, not clock time:
the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsdigest import pipeline
from newsdigest.config import load_config
from newsdigest.model import Post
from newsdigest.stories import analysis
from newsdigest.stories.assemble import chronological

STEPS = ("align", "pair_shares", "relate", "analyse_quotes", "find_disagreements", "find_additions", "main_event",
         "summarise", "choose_title")


def _timed(spent: dict[str, float], name: str, step: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return step(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start
    return run


def stories_of(folder: Path) -> list[list[Post]]:
    """The posts of each story of the site built in `folder` (content/, output/), in time order."""
    config = load_config(ROOT / "site.toml", content_dir=folder / "content", output_dir=folder / "output",
                         cache_dir=folder / "cache")
    posts = {post.id: post for post in pipeline.load_posts(config)}
    listed = json.loads((config.output_dir / "stories.json").read_text(encoding="utf-8"))["stories"]
    return [chronological([posts[entry["id"]] for entry in story["posts"]]) for story in listed]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, required=True, help="a site built by edit_stages or bench_peers --keep")
    args = parser.parse_args()
    stories = stories_of(args.folder)
    spent: dict[str, float] = defaultdict(float)
    for name in STEPS:
        setattr(analysis, name, _timed(spent, name, getattr(analysis, name)))
    analysis.analyse(stories[0])  # imports and compiled patterns, as a worker has them after its first story
    spent.clear()
    start = time.process_time()
    for posts in stories:
        analysis.analyse(posts)
    print(f"analysis of {len(stories)} stories: {time.process_time() - start:.2f} s processor")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:20} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
