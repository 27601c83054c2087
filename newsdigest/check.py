"""`python build.py check`: validate everything the editor wrote, without writing the site.

It reads the configuration (already loaded by the CLI), every post, the story
overrides and the outlets file, and collects every problem instead of stopping
at the first, so that an editor can fix them all in one pass.
"""

from __future__ import annotations

from newsdigest.config import Config, is_folder_note
from newsdigest.errors import NewsdigestError
from newsdigest.model import Post
from newsdigest.postfile import read_post


def check(config: Config) -> list[str]:
    """Every problem found, as `path:line: reason` lines; empty when all is valid."""
    problems: list[str] = []
    posts: list[Post] = []
    seen: dict[str, str] = {}
    for path in sorted(config.posts_dir.glob("*.md")) if config.posts_dir.is_dir() else ():
        if is_folder_note(path):
            continue
        try:
            post = read_post(path)
        except NewsdigestError as exc:
            problems.append(str(exc))
            continue
        if post.id in seen:
            problems.append(f"{path}:2: post id {post.id!r} is also used by {seen[post.id]}")
        seen[post.id] = str(path)
        posts.append(post)
    problems.extend(_check_overrides(posts, config))
    return problems


def _check_overrides(posts: list[Post], config: Config) -> list[str]:
    from newsdigest.stories import check_overrides

    return check_overrides(tuple(posts), config)
