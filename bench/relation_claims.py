"""List every version a build calls a copy or rewrite, with the evidence its page shows, for reading.

    python bench/relation_claims.py STORIES.json [--count]

The analysis set's labels say only whether three outlets' reports are
independent; most of its stories are unlabelled real coverage, where a copy claim can only be judged by reading its evidence pairs side by side. Each
claim is printed as its version, kind, source, dates and share, then each pair:
the version's sentence over the source's. --count prints the totals only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__)
        return 2
    try:
        stories = _stories(Path(args[0]))
    except (OSError, ValueError) as error:
        print(f"{args[0]}: not a readable stories.json ({error})", file=sys.stderr)
        return 1
    kinds: Counter[str] = Counter()
    for story in stories:
        published = {post["id"]: post.get("published") for post in story.get("posts", [])}
        for post in story.get("posts", []):
            kind = post.get("relation")
            if kind not in ("copy", "rewrite"):
                continue
            kinds[kind] += 1
            if "--count" in argv:
                continue
            source = post.get("relation_of")
            print(f"=== {post['id']} {kind} of {source}  share={post.get('share')}  "
                  f"published {post.get('published')} / {published.get(source)}")
            for mine, theirs in post.get("relation_evidence", []):
                print(f"    {mine}\n      <- {theirs}")
    print(f"copy={kinds['copy']} rewrite={kinds['rewrite']} total={sum(kinds.values())}")
    return 0


def _stories(path: Path) -> list[dict]:
    """The stories of a stories.json, each post with an id; ValueError naming what is wrong otherwise."""
    data = json.loads(path.read_text(encoding="utf-8"))
    stories = data.get("stories") if isinstance(data, dict) else None
    if not isinstance(stories, list) or not all(isinstance(s, dict) for s in stories):
        raise ValueError('no "stories" list of objects at the top')
    for story in stories:
        posts = story.get("posts", [])
        if not isinstance(posts, list) or not all(isinstance(p, dict) and "id" in p for p in posts):
            raise ValueError(f"story {story.get('id')!r} has a post without an id")
    return stories


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
