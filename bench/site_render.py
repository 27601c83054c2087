"""How long the site stage takes on a large generated digest (no search index unless asked).

    python bench/site_render.py [STORIES] [--search]

Prints stories, pages and seconds. Uses the tests' story generator, so it needs
no content and measures `render()` alone: catalogue, templates, feeds, data.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from site_fixtures import make_config, many_stories

from newsdigest.site import render


def main(argv: list[str]) -> int:
    count = int(next((a for a in argv if a.isdigit()), "1000"))
    search = "--search" in argv
    stories = many_stories(count)
    with tempfile.TemporaryDirectory(prefix="newsdigest-bench-") as tmp:
        config = make_config(Path(tmp), content_dir=ROOT / "content")
        start = time.perf_counter()
        result = render(stories, config, search=search)
        elapsed = time.perf_counter() - start
        files = sum(1 for p in config.output_dir.rglob("*") if p.is_file())
    print(f"{count} stories, {len(result.pages)} pages, {files} files, search={search}: {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
