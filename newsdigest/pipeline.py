"""The thin orchestrator: ingest, read posts, group, render, publish all-or-nothing.

Each stage is called through its one entry function; this module only decides
the order and makes publishing all-or-nothing. A first build renders into a
staging folder beside `output/`, swapped in only when rendering succeeded; a
build over a published site has the site stage write only the changed files,
each beside its target, and rename them over the old ones once the whole
render succeeded. Either way a failed build leaves the last good site
untouched, and `output/` is whole at every instant.

A build first asks `build_state` whether the published site is already what
it would make (same inputs, `output/` untouched) and then stops at once,
having imported nothing else (not even the post reader and its YAML). The
stages themselves cache per story (analysis) and per file (rendering keys,
files linked from the published site), so a build after a small change does
work in proportion to the change, not to the site.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdigest import build_state
from newsdigest.config import Config
from newsdigest.content_files import is_markdown_content, markdown_content
from newsdigest.errors import ContentError, cannot_write
from newsdigest.model import IngestReport, Post, Story
from newsdigest.publish import MARKER, MARKER_TEXT, check_folders, clean_leftovers, new_staging, site_lock, swap_in

if TYPE_CHECKING:
    from newsdigest.site.render import RenderResult


@dataclass(frozen=True)
class BuildResult:
    ingest: IngestReport
    posts: tuple[Post, ...]
    stories: tuple[Story, ...]
    output_dir: Path
    story_count: int = 0
    post_count: int = 0
    up_to_date: bool = False
    """Nothing had changed since the last build: the published site was left as it was."""


def build(config: Config, *, progress: bool = True) -> BuildResult:
    """Ingest new or changed sources, group the posts into stories, publish the site.

    The whole run holds the site's lock, and first clears what a killed build left.
    """
    check_folders(config)
    with site_lock(config), _fewer_collections():
        clean_leftovers(config)
        output = config.output_dir.resolve()
        published = build_state.output_state(output)
        record = build_state.last_record(config)
        inputs = build_state.inputs_digest(config, record.inputs_seen if record is not None else None)
        last = build_state.up_to_date(record, inputs[0], published)
        if last is not None:
            if inputs[1] != last.inputs_seen:
                build_state.refresh_seen(config, inputs[1])
            return BuildResult(last.summary, (), (), config.output_dir, last.stories, last.posts, up_to_date=True)
        report = ingest(config, progress=progress)
        post_cache = PostCache(config.cache_dir, inputs[1])
        posts = load_posts(config, reader=post_cache.read)
        stories_folder = _stories_folder_state(config)
        try:
            stories = group(posts, config)
        finally:
            post_cache.save()  # after grouping, which works out each post's `digest`: the cache keeps it with the post
        files = publish(stories, config, present=published if output.is_dir() else None)
        # The record is of what the published site was made from: the inputs as this build read them, so that an
        # edit made meanwhile makes the next build run. Where the build itself wrote inputs (ingest's posts, the
        # stories stage's registry), they are digested again as they are now, or the next build would run again;
        # an edit made to a post meanwhile is then taken as built (only the next change to it is seen).
        wrote = report.written or _stories_folder_state(config) != stories_folder
        build_state.remember(config, build_state.inputs_digest(config, inputs[1]) if wrote else inputs,
                             len(stories), len(posts), report, files)
    return BuildResult(report, posts, stories, config.output_dir, len(stories), len(posts))


def _stories_folder_state(config: Config) -> dict[str, list[int]]:
    """Each file of `content/stories/` with its `file_state`: the stories stage may write there."""
    try:
        return {entry.name: build_state.file_state(entry.stat())
                for entry in os.scandir(config.stories_dir) if entry.is_file()}
    except OSError:
        return {}


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Look for garbage cycles less often while a build runs (reference counting still frees the rest at once).

    A build keeps what it makes (posts, stories, views, pages) until it ends,
    and the interpreter's default thresholds walk that growing heap again and
    again: about an eighth of the processor time of a build after one edit,
    three full collections included. With a young generation of 50,000
    objects the collector runs a handful of times.
    """
    before = gc.get_threshold()
    gc.set_threshold(50_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def ingest(config: Config, *, progress: bool = True) -> IngestReport:
    """Stage 1 (imported on first use: an up-to-date build never needs it)."""
    from newsdigest.ingest import ingest as run

    return run(config, progress=progress)


def group(posts: tuple[Post, ...], config: Config) -> tuple[Story, ...]:
    """Stage 2 (imported on first use)."""
    from newsdigest.stories import group as run

    return run(posts, config)


def render(stories: tuple[Story, ...], config: Config, **options: Any) -> RenderResult:
    """Stage 3 (imported on first use); `options` are the site stage's `render` keywords."""
    from newsdigest.site import render as run

    return run(stories, config, **options)


def load_posts(config: Config, *, reader: Callable[[Path], Post] | None = None) -> tuple[Post, ...]:
    """Every post in `content/posts/` (`content_files.markdown_content`: not an editor's lock or swap file),
    sorted by id. A broken post raises `ContentError`.

    `reader` lets the preview server reuse posts it parsed before (a cache keyed
    by file state); a plain build reads every file (`postfile.read_post`).
    """
    if reader is None:
        from newsdigest.postfile import read_post as reader
    return _checked((path, reader(path)) for path in markdown_content(config.posts_dir))


def reload_posts(config: Config, posts: Sequence[Post], changed: Iterable[Path], *,
                 reader: Callable[[Path], Post] | None = None) -> tuple[Post, ...]:
    """What `load_posts` gives once only the files `changed` (by name, in `content/posts/`) changed since it gave
    `posts`: those are read again (dropped when no longer a file), every other post is kept as it was.

    The preview server knows which files its watcher saw change, so an edit costs it one file read, not a walk
    of the folder. A post of `posts` without its file's path cannot be placed: then the folder is read whole.
    """
    if reader is None:
        from newsdigest.postfile import read_post as reader
    by_name = {post.path.name: post for post in posts if post.path is not None}
    if len(by_name) != len(posts):
        return load_posts(config, reader=reader)
    again = set()
    for name in {Path(path).name for path in changed}:
        if is_markdown_content(config.posts_dir / name):  # else never a post
            by_name.pop(name, None)
            if os.path.lexists(config.posts_dir / name):
                again.add(name)
    # Read in the order `load_posts` reads, so that the same problem is reported first.
    return _checked((config.posts_dir / name, reader(config.posts_dir / name)) if name in again
                    else (by_name[name].path or config.posts_dir / name, by_name[name])
                    for name in sorted(by_name.keys() | again))


def _checked(read: Iterable[tuple[Path, Post]]) -> tuple[Post, ...]:
    """The posts read (in the order of their paths), sorted by id; the second file of an id raises `ContentError`."""
    posts: list[Post] = []
    seen: dict[str, Path] = {}
    for path, post in read:
        if post.id in seen:
            raise ContentError(f"post id {post.id!r} is also used by {seen[post.id]}", path, 2)
        seen[post.id] = path
        posts.append(post)
    return tuple(sorted(posts, key=lambda p: p.id))


class PostCache:
    """Posts parsed by the last build, reused for files whose bytes are unchanged.

    Parsing front matter is most of the cost of reading thousands of posts;
    reading and digesting their bytes is cheap. A post is a function of its
    file's bytes, its path and this package's code, so the cache is filed under
    the code's digest and each post under its bytes' digest. A build's up-to-date
    check has just digested every input file (`build_state.inputs_digest`), so a
    post file whose state is still the one it digested is not even read again.
    """

    def __init__(self, cache_dir: Path, digested: Mapping[str, Sequence[Any]] | None = None) -> None:
        """`digested`: what `inputs_digest` learnt of each file (its state, then its digest)."""
        # Imported here, once per build, not at the top: a build with nothing to do reads no post and never loads them.
        from newsdigest.cache_store import Store, code_digest, digest
        from newsdigest.postfile import parse_post, read_post

        self._parse_post, self._read_post = parse_post, read_post
        self._store = Store(cache_dir / "posts")
        self._key = digest("posts", code_digest(Path(__file__).resolve().parent))
        self._known: dict[str, Post] = self._store.get(self._key, _valid_posts) or {}
        self._seen: dict[str, Post] = {}
        self._digested = digested or {}

    def read(self, path: Path) -> Post:
        try:
            info = os.lstat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            return self._read_post(path)  # it reports what is wrong with the path
        digested = self._digested.get(str(path))
        if digested is not None and list(digested[:4]) == build_state.file_state(info) and digested[4] in self._known:
            return self._keep(str(digested[4]), self._known[digested[4]], path)
        try:
            data = path.read_bytes()
        except OSError:
            return self._read_post(path)
        sha = hashlib.sha256(data).hexdigest()
        post = self._known.get(sha)
        if post is None:
            try:
                post = self._parse_post(data.decode("utf-8-sig"), path)  # exactly the bytes digested
            except UnicodeDecodeError:
                return self._read_post(path)  # it says so
        return self._keep(sha, post, path)

    def _keep(self, sha: str, post: Post, path: Path) -> Post:
        if post.path != path:
            post = dataclasses.replace(post, path=path)
        self._seen[sha] = post
        return post

    def save(self) -> None:
        """Keep the posts of this build (only when they are not what the cache holds already), and no other
        code's: the folder does not grow with every upgrade."""
        if self._seen.keys() != self._known.keys():
            self._store.put(self._key, self._seen)
            self._store.keep_only((self._key,))


def _valid_posts(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, Post) for k, v in value.items())


def publish(stories: tuple[Story, ...], config: Config, *, present: Mapping[str, Sequence[int]] | None = None
            ) -> dict[str, list[int]] | None:
    """Publish the site: over the published one in place, given `present` (its files and their `output_state`),
    else staged and swapped in.

    Returns the state of every published file (size, modification time, inode)
    when the render reported it, for the up-to-date check.
    """
    if present is None:
        output = config.output_dir.resolve()
        # A first build's files are keyed and recorded as the published site's, so the next build reuses them.
        swap_in(render_staged(stories, config, **({} if output.exists() else {"previous": output}))[0], config)
        return None
    marker = config.output_dir.resolve() / MARKER
    try:
        if not marker.is_file():  # an empty folder given as the output
            marker.write_text(MARKER_TEXT, encoding="utf-8")
        result = render(stories, config, in_place=True, present=present)
        st = marker.stat()
    except OSError as exc:
        raise cannot_write("the site", config.output_dir, exc) from exc
    return {MARKER: [st.st_size, st.st_mtime_ns, st.st_ino],
            **{path: [e.size, e.mtime_ns, e.inode] for path, e in result.files.items()}}


def render_staged(stories: tuple[Story, ...], config: Config, **options: Any) -> tuple[Path, RenderResult]:
    """Render the site into a fresh staging folder beside `output/`; return it, and what the render reported.

    The folder is on the same file system as `output/`, so its files can be
    renamed into place; it is removed if rendering fails. `publish` swaps it in
    whole; the preview server moves over only the files whose bytes changed.
    `options` go to the site stage's `render` (the server passes `search=False`
    on quick rebuilds and refreshes the search index separately).
    """
    staging = new_staging(config)
    try:
        result = render(stories, replace(config, output_dir=staging), **options)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise cannot_write("the site", config.output_dir, exc) from exc
        raise
    return staging, result
