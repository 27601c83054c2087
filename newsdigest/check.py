"""`python build.py check`: validate everything the editor wrote, without writing the site.

It reads the configuration (already loaded by the CLI), every post, the story
overrides and the outlets file, and collects every problem instead of stopping
at the first, so that an editor can fix them all in one pass.

Besides problems (which fail a build) it reports warnings: content that builds
but that a reader would notice — a version shown as "Unnamed source", a story
whose timeline cannot say who came first, one topic under two spellings. Each
names the file and how to fix it; warnings never fail the check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdigest.config import Config
from newsdigest.content_files import is_source, markdown_content
from newsdigest.errors import NewsdigestError, named
from newsdigest.model import Post, Story, is_timed
from newsdigest.postfile import read_post


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    """`path:line: reason` lines that would fail a build."""
    warnings: tuple[str, ...]
    """`path: what a reader would notice — how to fix it` lines; the site still builds."""


def check(config: Config) -> CheckReport:
    """Every problem and every warning found; both empty when all is well."""
    problems: list[str] = []
    posts: list[Post] = []
    files: dict[str, Path] = {}
    for path in markdown_content(config.posts_dir):
        try:
            post = read_post(path)
        except NewsdigestError as exc:
            problems.append(str(exc))
            continue
        if post.id in files:
            problems.append(f"{path}:2: post id {post.id!r} is also used by {files[post.id]}")
        files[post.id] = path
        posts.append(post)
    problems.extend(_check_overrides(posts, config))
    warnings = [*_version_warnings(posts, files, config), *_tag_warnings(posts, files),
                *_unread_sources(posts, files, config)]
    if not problems:
        warnings.extend(_story_warnings(posts, files, config))
    return CheckReport(tuple(problems), tuple(warnings))


def _check_overrides(posts: list[Post], config: Config) -> list[str]:
    from newsdigest.stories import check_overrides

    return check_overrides(tuple(posts), config)


def _version_warnings(posts: Sequence[Post], files: dict[str, Path], config: Config) -> list[str]:
    warnings = []
    for post in posts:
        path = files[post.id]
        if not (post.outlet or "").strip():
            shown = "by its web address's host" if post.url else "as an unnamed source"
            warnings.append(
                f"{path}: no outlet, so the version is shown {shown} — add `outlet:` to the post, "
                f"or a domain or alias for it in {config.outlets_file} and ingest again"
            )
        if post.published is None:
            warnings.append(
                f"{path}: no date, so the version is listed last and in no edition — add "
                "`published:` to the post (ISO 8601 with offset, e.g. 2025-09-05T08:30:00+01:00, or a bare date)"
            )
    return warnings


def _unread_sources(posts: Sequence[Post], files: dict[str, Path], config: Config) -> list[str]:
    """Posts made from a source that ingest no longer reads by its name (`content_files.is_source`, a rule that
    may have grown since): still published, never updated from their source again."""
    warnings = []
    for post in posts:
        source = config.content_dir / post.source
        if ".." in Path(post.source).parts or not source.is_relative_to(config.sources_dir) or not source.is_file():
            continue
        if not is_source(source.relative_to(config.sources_dir)):
            warnings.append(
                f"{files[post.id]}: its source {source} is not read by ingest (a folder's note, a hidden file or "
                "the name of an editor's backup or temporary file), so the post is published as it is and never "
                "updated — rename the source to ingest it again, or delete the post"
            )
    return warnings


def _tag_warnings(posts: Sequence[Post], files: dict[str, Path]) -> list[str]:
    """One topic page takes every spelling of a tag, and shows just one: say which posts spell it otherwise."""
    first: dict[str, tuple[str, Path]] = {}
    warnings = []
    for post in posts:
        for tag in dict.fromkeys(t.strip() for t in post.tags if t and t.strip()):
            key = tag.casefold()
            if key not in first:
                first[key] = (tag, files[post.id])
            elif first[key][0] != tag:
                spelling, where = first[key]
                warnings.append(
                    f"{files[post.id]}: tag {tag!r} differs only by case from {spelling!r} in {where}, "
                    "and the topic page shows one spelling — write the tag the same way in both"
                )
    return warnings


def _story_warnings(posts: Sequence[Post], files: dict[str, Path], config: Config) -> list[str]:
    """Stories as a build would group them (without writing the registry)."""
    from newsdigest.stories import group_posts, load_overrides
    from newsdigest.stories.identity import load_registry

    try:
        stories, _registry = group_posts(posts, load_overrides(config), load_registry(config.stories_dir))
    except NewsdigestError:
        return []  # already reported as a problem
    return [warning for story in stories if (warning := _untimed_story(story, files))]


def _untimed_story(story: Story, files: dict[str, Path]) -> str | None:
    """A story none of whose versions has a time of day: its timeline cannot tell who published first."""
    if any(v.post.published is not None and is_timed(v.post.published) for v in story.versions):
        return None
    paths = [str(files[v.post.id]) for v in story.versions if v.post.id in files]
    names = named(paths, most=3)
    return (
        f"{names}: no version of the story {story.title!r} has a time of day, so its page shows only days and "
        "cannot tell who published first — add the time to `published:` in the posts whose originals state it "
        "(e.g. 2025-09-05T08:30:00+01:00)"
    )
