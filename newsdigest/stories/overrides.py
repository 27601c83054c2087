"""The editor's word on a story: `content/stories/<slug>.md`.

Front matter keys (all optional):

```yaml
---
title: "Pinned headline"        # replaces the chosen version headline
summary: "One paragraph."       # replaces the consensus summary (or write it as the body)
posts: [post-id, other-id]      # these posts belong here, wherever grouping put them
exclude: [post-id]              # these posts do not belong here (each becomes its own story)
featured: true
hidden: true                    # built, but left off the front page and the feeds
id: 3f2a9c01b2d4                # bind to a story by id instead of by file name
---
Optional Markdown: the summary when `summary` is not set, else a note shown on the page.
```

The file name is the story's slug. A file whose slug names no story yet
creates one from its `posts`: that is how a story is split. A post can also
pin itself with `story: <slug>` in its own front matter.

Every mistake is a `ContentError` naming the file and line: broken YAML, a
key of the wrong type, a post id that does not exist, a post claimed by two
stories. The build stops on them, because a silently ignored override is an
editor's decision lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdigest.config import Config
from newsdigest.content_files import markdown_content
from newsdigest.errors import ContentError
from newsdigest.front_matter import read_editor_file, split_front_matter
from newsdigest.model import Post

KEYS = ("title", "summary", "posts", "exclude", "featured", "hidden", "id")


@dataclass(frozen=True)
class Override:
    """One `content/stories/<slug>.md`, parsed and type-checked."""

    slug: str
    path: Path
    title: str | None = None
    summary: str | None = None
    note: str = ""
    posts: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    featured: bool = False
    hidden: bool = False
    story_id: str | None = None
    lines: tuple[tuple[str, int], ...] = ()
    """(post id, line) for each id listed under `posts` or `exclude`, to point at a bad one."""

    def line_of(self, post_id: str) -> int | None:
        return next((line for pid, line in self.lines if pid == post_id), None)


def load_overrides(config: Config) -> tuple[Override, ...]:
    """Every override file in `content/stories/` (not an editor's lock or swap file: `content_files`), parsed;
    raise `ContentError` on the first broken one."""
    return tuple(parse_override(path) for path in markdown_content(config.stories_dir))


def parse_override(path: Path) -> Override:
    return parse_override_text(read_editor_file(path, "story override"), path)


def parse_override_text(text: str, path: Path) -> Override:
    front = split_front_matter(text, path, required=False)
    meta, head, body = front.meta, front.head, front.body

    def line_of(key: str) -> int:
        return front.line_of(key) or 2

    for key in meta:
        if key not in KEYS:
            raise ContentError(
                f"unknown key {key!r} in a story override (known: {', '.join(KEYS)})", path, line_of(str(key))
            )

    def text_of(key: str) -> str | None:
        value = meta.get(key)
        if value is None:
            return None
        if isinstance(value, (list, dict, bool)):
            raise ContentError(f"'{key}' must be text", path, line_of(key))
        return str(value).strip() or None

    def flag(key: str) -> bool:
        value = meta.get(key, False)
        if not isinstance(value, bool):
            raise ContentError(f"'{key}' must be true or false", path, line_of(key))
        return value

    def ids(key: str) -> tuple[list[str], list[tuple[str, int]]]:
        value = meta.get(key)
        if value is None:
            return [], []
        if isinstance(value, (str, int)):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise ContentError(f"'{key}' must be a list of post ids", path, line_of(key))
        found = []
        start = line_of(key)
        block = head.splitlines()[start - 2 :]
        for v in map(str, value):
            offset = next(
                (n for n, line in enumerate(block) if re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", line)), 0
            )
            found.append((v, start + offset))
        return [str(v) for v in value], found

    posts, post_lines = ids("posts")
    exclude, exclude_lines = ids("exclude")
    both = set(posts) & set(exclude)
    if both:
        pid = min(both)
        raise ContentError(f"post {pid!r} is both pinned and excluded", path, dict(exclude_lines)[pid])
    body = body.strip()
    summary = text_of("summary")
    return Override(
        slug=path.stem,
        path=path,
        title=text_of("title"),
        summary=summary if summary is not None else (body or None),
        note=body if summary is not None else "",
        posts=tuple(posts),
        exclude=tuple(exclude),
        featured=flag("featured"),
        hidden=flag("hidden"),
        story_id=text_of("id"),
        lines=tuple(post_lines + exclude_lines),
    )


def validate(overrides: Sequence[Override], posts: Iterable[Post]) -> list[ContentError]:
    """Problems that need the posts to see: unknown post ids, a post pinned to two stories."""
    by_id = {p.id: p for p in posts}
    problems: list[ContentError] = []
    pinned: dict[str, Override] = {}
    for override in overrides:
        for pid in (*override.posts, *override.exclude):
            if pid not in by_id:
                problems.append(
                    ContentError(
                        f"no post has the id {pid!r} (see content/posts/)", override.path, override.line_of(pid)
                    )
                )
        for pid in override.posts:
            other = pinned.setdefault(pid, override)
            if other is not override:
                problems.append(
                    ContentError(
                        f"post {pid!r} is pinned here and in {other.path.name}; a post belongs to one story",
                        override.path,
                        override.line_of(pid),
                    )
                )
    for post in by_id.values():
        owner = pinned.get(post.id)
        if post.story and owner is not None and owner.slug != post.story and owner.story_id != post.story:
            problems.append(
                ContentError(
                    f"post {post.id!r} says story: {post.story!r}, but {owner.path.name} pins it to another story",
                    post.path or post.id,
                )
            )
    return problems


def check_overrides(posts: Sequence[Post], config: Config) -> list[str]:
    """Every problem with the story overrides, as printable lines; empty when all is well.

    For `python build.py check`: it reads the overrides without building anything.
    """
    problems: list[str] = []
    overrides: list[Override] = []
    for path in markdown_content(config.stories_dir):
        try:
            overrides.append(parse_override(path))
        except ContentError as exc:
            problems.append(str(exc))
    return problems + [str(problem) for problem in validate(overrides, posts)]
