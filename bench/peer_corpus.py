"""The peer benchmark's corpus: N stories × 5 outlet versions, Markdown with front matter.

The same articles are written three ways, one per generator, so each is given
what a new user of it would write: newsdigest sources (Jekyll-style front
matter, as `serve_sitegen` writes them), Hugo content (YAML front matter) and
Pelican content (its `Key: value` metadata header). Everything is derived from
a seed: the same arguments give the same files, byte for byte.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from serve_sitegen import OUTLETS, _story, article

VERSIONS = 5


@dataclass(frozen=True)
class Article:
    name: str
    """File stem, unique in the corpus: s0001-v2."""
    source: str
    """The newsdigest source text (front matter, then Markdown)."""


def articles(stories: int, seed: int = 11, first_story: int = 0) -> list[Article]:
    """`stories` × 5 versions; `first_story` numbers a further batch (the 'new source' of a rebuild)."""
    rng = random.Random(seed + first_story)
    start = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)
    out = []
    for index in range(first_story, first_story + stories):
        story = _story(rng, index)
        first = start + timedelta(minutes=index * 37)
        for version, outlet in enumerate(rng.sample(OUTLETS, VERSIONS)):
            when = first + timedelta(minutes=version * rng.randint(5, 90))
            out.append(Article(f"s{index:05d}-v{version}", article(story, version, rng, when, outlet)))
    return out


_HEAD = re.compile(r"\A---\n(.*?)\n---\n\n(.*)\Z", re.S)


def _fields(text: str) -> tuple[dict[str, str], str]:
    head, body = _HEAD.match(text).groups()
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    return meta, body


def write_newsdigest(folder: Path, items: list[Article]) -> None:
    sources = folder / "content" / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    (folder / "content" / "posts").mkdir(exist_ok=True)
    for item in items:
        (sources / f"{item.name}.md").write_text(item.source, encoding="utf-8")


def write_hugo(folder: Path, items: list[Article]) -> None:
    posts = folder / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for item in items:
        meta, body = _fields(item.source)
        head = (f"title: {meta['title']}\ndate: {meta['date']}\nauthor: {meta['author']}\n"
                f"params:\n  outlet: {meta['publisher']}\ntags: {meta['categories']}\n")
        (posts / f"{item.name}.md").write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")


def write_pelican(folder: Path, items: list[Article]) -> None:
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    for item in items:
        meta, body = _fields(item.source)
        tags = meta["categories"].strip("[]")
        head = (f"Title: {meta['title'].strip(chr(34))}\nDate: {meta['date'][:16].replace('T', ' ')}\n"
                f"Author: {meta['author']}\nCategory: {meta['publisher']}\nTags: {tags}\nSlug: {item.name}\n")
        (content / f"{item.name}.md").write_text(f"{head}\n{body}", encoding="utf-8")
