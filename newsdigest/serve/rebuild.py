"""Rebuild the site after a batch of input changes, doing only the stages the changes reach.

The pipeline is a chain (ingest → posts → stories → pages), so a change enters
it at the stage that reads the changed file and every later stage reruns only
if its input actually changed:

- `site.toml`: the config is reloaded and everything reruns.
- `content/sources/`: ingest (cached by content hash: only new or changed
  sources are normalised), then onwards.
- `content/posts/`: only the changed post files are parsed again (the others
  come from memory); if the posts are equal to the last ones, nothing more runs.
- `content/stories/`, `content/outlets.toml`: the posts are regrouped.
- `templates/`: only the pages (and feeds) whose templates use a changed
  template are rendered again, from the stories in memory (the site stage's
  `render(..., only_templates=...)` knows which page is made of what), and
  only those whose bytes changed are published. The pages open in a browser
  go first; the template's other pages follow in the background (a settle
  limited to them), never the whole site.
- `static/`: the theme's files are copied and the changed ones published at
  once; pages name them with a content hash, so a full render follows in the
  background to refresh those names.

**Edits to existing posts, and new posts, take a fast lane, then settle.** A
full regroup and render (`group(posts, config)`, `render(stories, config)`)
reuses every unchanged story's analysis and page, but still reads the whole
site. When only existing posts changed, the stories stage revises the stories
that hold them (`revised`: same membership, same relations), only those
stories are rendered, into a scratch folder, and only their own pages (as the
site stage names them: `story_folders`) are published: the editor sees the
edit in a fraction of a second. A new post (a source just ingested) is placed
the same way, as a new version of the story its nearest posts are in
(`Placer`, `with_new_versions`). A full regroup and render then runs in a child process
(`settle`, see `worker`) and
publishes whatever else changed (analysis, lists, feeds); if the editor saved
again meanwhile, its result is discarded, never published over newer pages.

Publishing is never whole-site either: renderings land in staging folders and
only files whose bytes changed are moved into `output/`. A stage that fails
leaves `output/` as it was, and its "dirty" flags stay set, so an unrelated
later edit cannot publish a site that skips the still-broken input.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from newsdigest import pipeline
from newsdigest.background import Background
from newsdigest.config import Config, load_config
from newsdigest.model import Post, Story
from newsdigest.postfile import read_post
from newsdigest.publish import new_staging
from newsdigest.serve.problem import Problem, problem_from
from newsdigest.serve.publish import publish_files, sync_tree
from newsdigest.serve.worker import InlineRunner, ProcessRunner, default_runner
from newsdigest.site import story_folders
from newsdigest.site.search import SEARCH_FOLDER
from newsdigest.stories import Placer, revised, with_new_versions

QUICK_LIMIT = 25
"""At most this many stories are patched and rendered on the fast lane; more go the full way at once."""
NEW_POSTS_LIMIT = 5
"""At most this many new posts are placed by guess for a preview; more go the full way at once."""


ANY_TEMPLATE = "*"
"""Stands for "some template, not known which" (a folder moved): every page is rendered."""


@dataclass
class Needs:
    """Which stages a batch of changes reaches (each implies the later ones when its output changes)."""

    config: bool = False
    ingest: bool = False
    posts: bool = False
    group: bool = False
    render: bool = False
    templates: set[str] = field(default_factory=set)
    """Names of the changed templates ("post.html", "partials/macros.html"), when `render`."""
    static: bool = False
    """A static file changed (when `render`)."""
    post_files: set[Path] | None = field(default_factory=set)
    """The post files that changed (when `posts`), each directly in the posts folder; None: not known which."""

    def merge(self, other: Needs) -> None:
        for f in fields(self):
            if f.name not in ("templates", "post_files"):
                setattr(self, f.name, getattr(self, f.name) or getattr(other, f.name))
        self.templates |= other.templates
        self.post_files = None if self.post_files is None or other.post_files is None else (
            self.post_files | other.post_files)

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "post_files")

    @classmethod
    def everything(cls) -> Needs:
        return cls(True, True, True, True, True, post_files=None)


def classify(paths: Iterable[Path], config: Config) -> Needs:
    """Map changed input files to the first stage that reads them."""
    needs = Needs()
    config_path = Path(os.path.abspath(config.config_path))
    sources, posts, stories = (Path(os.path.abspath(p)) for p in (config.sources_dir, config.posts_dir,
                                                                   config.stories_dir))
    outlets = Path(os.path.abspath(config.outlets_file))
    content = Path(os.path.abspath(config.content_dir))
    templates, static = (Path(os.path.abspath(p)) for p in (config.templates_dir, config.static_dir))
    for path in paths:
        if path == config_path:
            needs.config = True
        elif path.is_relative_to(sources):
            needs.ingest = True
        elif path.is_relative_to(posts):
            needs.posts = True
            if not path.exists() and path.suffix == ".md":
                needs.ingest = True  # a deleted post comes back from its source, as in `build`
            if needs.post_files is not None:
                if path.parent == posts and path.is_file():
                    needs.post_files.add(path)
                else:
                    needs.post_files = None  # a folder, a file below one, a path gone: read the folder whole
        elif path.is_relative_to(stories) or path == outlets:
            needs.group = True
        elif path.is_relative_to(templates):
            needs.render = True
            name = path.relative_to(templates).as_posix()
            needs.templates.add(ANY_TEMPLATE if path.is_dir() or name == "." else name)
        elif path.is_relative_to(static):
            needs.render = needs.static = True
        elif path.is_relative_to(content):
            needs.ingest = needs.group = True  # some other content file: be thorough
    return needs


@dataclass(frozen=True)
class Outcome:
    """What one rebuild did."""

    changed: tuple[str, ...] = ()
    """Output files (relative, '/'-separated) that were written or removed."""
    problem: Problem | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    stories: int = 0
    posts: int = 0
    wrote: tuple[Path, ...] = ()
    """Files the build itself wrote among the inputs (ingested posts): not news for the watcher."""
    config_changed: bool = False
    search_stale: bool = False
    """The pages changed but the search index was kept as it was: refresh it in the background."""
    settle: bool = False
    """Only the edited stories' own pages were published: a full build must follow (`Rebuilder.settle`)."""
    bundles: dict[str, str] = field(default_factory=dict)
    """The search bundles this build indexed (folder -> key, as the site stage reports them): what the
    background refresh of the index need not index again."""
    kind: str = "rebuilt"
    """'built', 'rebuilt', 'previewed' (fast lane) or 'settled' (the full build after it)."""
    discarded: bool = False
    """A settle whose result was dropped because a newer edit had been published meanwhile."""


def _preload_readers(stopping: Callable[[], bool]) -> None:
    """A warm-up only: a reader that cannot load says so when a source needs it."""
    from newsdigest.ingest.run import preload_readers

    with contextlib.suppress(Exception):
        preload_readers(stopping)


def _render_options(quick: bool, previous: Path | None = None) -> dict[str, object]:
    """`search=False` for quick rebuilds (the index is refreshed in the background); `previous` to reuse from."""
    return ({"search": False} if quick else {}) | ({"previous": previous} if previous is not None else {})


def _site_path(file: str) -> str:
    """An output file's site path, as pages are named: "posts/x/index.html" -> "/posts/x/"."""
    return "/" + (file[: -len("index.html")] if file == "index.html" or file.endswith("/index.html") else file)


def rendered_files(scratch: Path) -> set[str]:
    """Every file of a partial rendering (relative, '/'-separated): what it wrote is what it renewed."""
    return {(Path(folder) / name).relative_to(scratch).as_posix()
            for folder, _dirs, files in os.walk(scratch) for name in files}


_cleanups = Background("newsdigest-cleanup")


def discard(folder: Path) -> None:
    """Remove a used staging folder off the rebuild's critical path (deleting thousands of files is slow)."""
    _cleanups.start(shutil.rmtree, folder, ignore_errors=True)


def finish_cleanups(timeout: float = 10.0) -> bool:
    """Wait (bounded) for staging folders to be removed, so none is left behind on exit; True when done."""
    return _cleanups.join(timeout)


def _pages_by_story(stories: Sequence[Story]) -> dict[str, set[str]]:
    """Story id -> its pages (story page, posts' pages), as the site stage names them."""
    return {story_id: {folder + "index.html" for folder in folders}
            for story_id, folders in story_folders(stories).items()}


def _owners(stories: tuple[Story, ...], shown: set[str]) -> tuple[Story, ...]:
    """The few stories whose own pages are all the `shown` files, or all the stories.

    A story's own pages render the same from it alone (the fast lane's previews
    rely on it), and rendering a handful of stories takes a fraction of the
    time the whole catalogue does; a list or the front page needs every story.
    """
    owned = _pages_by_story(stories)
    mine = tuple(story for story in stories if owned[story.id] & shown)
    if mine and len(mine) <= QUICK_LIMIT and shown <= set().union(*(owned[story.id] for story in mine)):
        return mine
    return stories


class Rebuilder:
    """Holds the last good posts and stories, and rebuilds from the stage a change reaches.

    `rebuild` runs on the rebuild thread, `settle` on a background thread; a
    lock guards the shared state and the publishing into `output/`, and a
    generation number tells a settle whether it is still the newest build.
    """

    def __init__(self, config: Config, *, fast_lane: bool = True, runner: ProcessRunner | InlineRunner | None = None,
                 open_files: Callable[[], set[str]] = set) -> None:
        """`runner` runs the settle's regroup and render (default: a child process; see `worker`);
        `open_files()` names the output files open in a browser (rendered first on a template change)."""
        self.config = config
        self.open_files = open_files
        self.fast_lane = fast_lane
        self.runner = runner if runner is not None else default_runner()
        self.placer = Placer()
        self._pending = Needs.everything()
        self._post_cache: dict[Path, tuple[tuple[int, int, int], Post]] = {}
        self._posts: tuple[Post, ...] | None = None
        """The posts of the last full grouping."""
        self._latest_posts: tuple[Post, ...] | None = None
        """The posts as last read, previews included."""
        self._stories: tuple[Story, ...] | None = None
        """The stories of the last full grouping (authoritative, not patched)."""
        self._published = False
        """After the first full build, rebuilds are quick ones (no search indexing in the way)."""
        self._lock = threading.RLock()
        self._group_lock = threading.Lock()
        self._generation = 0
        self._settle_for: int | None = None
        self._settle_templates: frozenset[str] | None = None
        """When the settle owed is only for the pages using these templates (None: the whole site)."""
        """The generation a settle is owed for (the fast lane published a preview of it)."""
        self._closing = False
        self._warm_up = Background("newsdigest-readers")

    def close(self) -> None:
        """The server is stopping: a settle in progress stops at its next step and publishes nothing, and the
        readers' warm-up at its next import."""
        self._closing = True

    def join(self, timeout: float) -> bool:
        """Wait (bounded) for the warm-up and the placement fit this rebuilder started; True when both ended."""
        deadline = time.monotonic() + timeout
        warm = self._warm_up.join(timeout)
        return self.placer.join(max(0.0, deadline - time.monotonic())) and warm

    def stories(self) -> tuple[Story, ...] | None:
        """The stories of the last full grouping (whose pages the site holds once it has settled)."""
        with self._lock:
            return self._stories

    # --- the rebuild thread -------------------------------------------------------------------

    def rebuild(self, paths: Iterable[Path] = (), *, progress: bool = False, everything: bool = False) -> Outcome:
        """Rebuild after `paths` changed (all stages when `everything`); never raises for a build failure."""
        paths = list(paths)
        for path in paths:
            self._post_cache.pop(Path(os.path.abspath(path)), None)
        self._pending.merge(Needs.everything() if everything else classify(paths, self.config))
        needs = self._pending
        start = time.perf_counter()
        timings: dict[str, float] = {}
        wrote: list[Path] = []
        config_changed = False

        def lap(name: str, since: float) -> float:
            now = time.perf_counter()
            timings[name] = timings.get(name, 0.0) + now - since
            return now

        def early(changed: Sequence[str], story_count: int, search_stale: bool, owed: bool) -> Outcome:
            """The outcome of a lane that published before a whole render: the changes are taken in, and a
            settle is `owed` when what it published is a preview."""
            self._pending = Needs()
            self._latest_posts = posts
            return Outcome(tuple(changed), None, time.perf_counter() - start, timings, story_count, len(posts),
                           tuple(wrote), config_changed, search_stale, settle=owed,
                           kind="previewed" if owed else "rebuilt")

        try:
            t = start
            if needs.config:
                old = self.config
                self.config = load_config(old.config_path, content_dir=old.content_dir,
                                          output_dir=old.output_dir, cache_dir=old.cache_dir)
                config_changed = self.config != old
                needs.merge(Needs.everything())
                self._post_cache.clear()
                t = lap("config", t)
            config = self.config
            if needs.ingest:
                report = pipeline.ingest(config, progress=progress)
                written = [Path(os.path.abspath(p)) for p in report.written]
                wrote.extend(written)
                for path in written:
                    self._post_cache.pop(path, None)
                needs.posts = True
                needs.merge(Needs(post_files=set(written)))  # ingest never deletes a post: all it changed
                t = lap("ingest", t)
            posts = self._latest_posts
            if posts is not None and needs.posts and needs.post_files is not None:
                posts = pipeline.reload_posts(config, posts, needs.post_files, reader=self._read_post)
                t = lap("posts", t)
            elif needs.posts or posts is None:
                posts = pipeline.load_posts(config, reader=self._read_post)
                live = {p.path for p in posts if p.path is not None}
                for stale in [p for p in self._post_cache if p not in live]:
                    del self._post_cache[stale]
                t = lap("posts", t)

            with self._lock:
                previous_posts, authoritative = self._posts, self._stories
            if (self.fast_lane and not (needs.group or needs.render or needs.config)
                    and authoritative is not None and previous_posts is not None):
                quick = self._fast_lane(posts, previous_posts, authoritative, config, lap, t)
                if quick is not None:
                    changed, owed = quick
                    return early(changed, len(authoritative), False, owed)

            stories = authoritative
            if needs.group or stories is None or posts != previous_posts:
                with self._lock:
                    if self._settle_for is not None:
                        # This build supersedes a settle in flight: stop it now rather than let it
                        # compete for the CPU, and owe the settle for this build instead.
                        self._generation += 1
                        self._settle_for, self._settle_templates = self._generation, None
                stories = self._group(posts, config)
                t = lap("group", t)
                regrouped = self._preview_regrouped(posts, stories, authoritative, needs, config, lap, t)
                if regrouped is not None:
                    return early(regrouped, len(stories), False, True)
            theme = self._theme_lane(stories, authoritative, needs, config, lap, t)
            if theme is not None:
                changed, owed = theme
                return early(changed, len(stories), any(p.endswith(".html") for p in changed), owed)
            changed: list[str] = []
            search_stale = False
            bundles: dict[str, str] = {}
            with self._lock:
                self._generation += 1  # any settle still running is now out of date
                generation = self._generation
            if needs.render or stories != authoritative or needs.config or self._settle_for is not None:
                options = _render_options(quick=self._published, previous=config.output_dir.resolve())
                staging, rendered = pipeline.render_staged(stories, config, **options)
                t = lap("render", t)
                search_stale = "search" in options
                bundles = rendered.bundles
                keep = (SEARCH_FOLDER + "/",) if search_stale else ()
                try:
                    with self._lock:
                        if generation == self._generation:
                            changed = sync_tree(staging, config.output_dir.resolve(), keep=keep)
                            self._settle_for, self._settle_templates = None, None
                finally:
                    discard(staging)
                t = lap("publish", t)
        except Exception as exc:  # a broken input must never stop the server
            return Outcome(problem=problem_from(exc, self.config), seconds=time.perf_counter() - start,
                           timings=timings, wrote=tuple(wrote), config_changed=config_changed)
        with self._lock:
            self._posts, self._stories = posts, stories
        self._latest_posts = posts
        self._pending = Needs()
        if (not self._published or config_changed) and not self._closing:
            self.placer.prepare(posts)  # in the background: for placing new posts in previews
        if not self._published and not self._closing:
            # Ingest found nothing to read: its readers are imported now, not when the first new source arrives.
            self._warm_up.start(_preload_readers, lambda: self._closing)
        self._published = True
        search_stale = search_stale and any(path.endswith(".html") for path in changed)
        return Outcome(tuple(changed), None, time.perf_counter() - start, timings, len(stories), len(posts),
                       tuple(wrote), config_changed, search_stale, bundles=bundles,
                       kind="rebuilt" if self._generation > 1 else "built")

    def _fast_lane(self, posts: tuple[Post, ...], previous: tuple[Post, ...], stories: tuple[Story, ...],
                   config: Config, lap: Callable[[str, float], float], t: float) -> tuple[list[str], bool] | None:
        """Publish the edited stories' own pages now: (changed files, whether a settle is owed).

        None when the change is not a plain edit of posts already in stories.
        """
        ids, before = {p.id for p in posts}, {p.id for p in previous}
        added = [post for post in posts if post.id not in before]
        if not before <= ids or len(added) > NEW_POSTS_LIMIT:
            return None  # posts went away, or many arrived: only a regroup can say what became of them
        patched = revised(stories, posts)
        if added:
            joined = self._place(added, stories, patched)
            if joined is None:
                return None
            patched = joined
        if not patched:
            if posts != previous:
                return None
            return [], self._settle_for is not None  # back to what the stories show (an edit undone)
        if len(patched) > QUICK_LIMIT:
            return None
        return self._preview(patched, config, lap, t), True

    def _place(self, added: list[Post], stories: Sequence[Story], patched: list[Story]) -> list[Story] | None:
        """`patched` plus each new post as a version of the story its cluster-mates are in (a guess).

        None when no guess can be made, or a post starts a story of its own (whose
        id and slug only the stories stage can give).
        """
        placed = self.placer.place(added)
        return None if placed is None else with_new_versions(stories, patched, added, placed)

    def _preview_regrouped(self, posts: tuple[Post, ...], stories: tuple[Story, ...],
                           authoritative: tuple[Story, ...] | None, needs: Needs, config: Config,
                           lap: Callable[[str, float], float], t: float) -> list[str] | None:
        """After a real regroup (a new source, an override): publish the changed stories' pages first.

        The whole-site render (lists, feeds, search) follows in the background. None when the
        change needs the whole site at once (templates, config) or touches too many stories.
        """
        if not self.fast_lane or authoritative is None or not self._published or needs.render or needs.config:
            return None
        before = {story.id: story for story in authoritative}
        touched = [story for story in stories if before.get(story.id) != story]
        if not touched or len(touched) > QUICK_LIMIT:
            return None
        return self._preview(touched, config, lap, t, grouped=(posts, stories))

    def _theme_lane(self, stories: tuple[Story, ...], authoritative: tuple[Story, ...] | None, needs: Needs,
                    config: Config, lap: Callable[[str, float], float],
                    t: float) -> tuple[list[str], bool] | None:
        """After a template or static change alone: render only what it reaches; (changed files, settle owed).

        The site stage picks the pages whose templates use a changed template;
        they are rendered from the stories in memory into a scratch folder and
        published where their bytes changed, with the changed static files.
        When pages are open in a browser, only those of them are rendered now
        (from their own stories alone when they are story or post pages, see
        `_owners`) and the template's other pages are owed to a settle limited
        to them, which renders the open ones again from the whole catalogue.
        A full settle is owed after a static change (pages name assets by
        content hash). None when the content or config changed too, or a
        template change cannot be named (then the whole site, at once).
        """
        if (not self.fast_lane or not self._published or needs.config or not needs.render
                or authoritative is None or stories != authoritative or ANY_TEMPLATE in needs.templates):
            return None
        names = frozenset(needs.templates)
        shown = {file for file in self.open_files() if file.endswith(".html")} if names else set()
        options: dict[str, object] = {"search": False, "only_templates": names}
        subset = stories
        if shown:
            options["only_paths"] = frozenset(_site_path(file) for file in shown)
            subset = _owners(stories, shown)
        scratch = pipeline.render_staged(subset, config, **options)[0]
        what = ", ".join(sorted(names)) or "no template"
        t = lap(f"render (open pages using {what})" if "only_paths" in options else f"render (pages using {what})", t)
        try:
            with self._lock:
                self._generation += 1  # a settle in flight renders with the old theme: it must not publish
                if needs.static:
                    self._settle_for, self._settle_templates = self._generation, None
                elif "only_paths" in options:
                    partial = self._settle_for is None or self._settle_templates is not None
                    self._settle_templates = (self._settle_templates or frozenset()) | names if partial else None
                    self._settle_for = self._generation
                elif self._settle_for is not None:
                    self._settle_for = self._generation
                owed = self._settle_for is not None
                changed = publish_files(scratch, config.output_dir.resolve(), rendered_files(scratch))
        finally:
            discard(scratch)
        lap("publish", t)
        return changed, owed

    def _preview(self, touched: Sequence[Story], config: Config, lap: Callable[[str, float], float], t: float,
                 *, grouped: tuple[tuple[Post, ...], tuple[Story, ...]] | None = None) -> list[str]:
        """Render only `touched` into a scratch folder and publish their own pages; a settle is then owed.

        `grouped` is a fresh full grouping to adopt as authoritative (the settle then only renders).
        """
        # Only the stories' own pages are published now: lists, feeds and data files wait for the settle.
        folders = [folder for own in story_folders(touched).values() for folder in own]
        scratch = pipeline.render_staged(tuple(touched), config, **_render_options(quick=True),
                                         only_paths=frozenset("/" + folder for folder in folders))[0]
        t = lap(f"render ({len(touched)} {'story' if len(touched) == 1 else 'stories'})", t)
        try:
            wanted = {folder + "index.html" for folder in folders}
            with self._lock:
                self._generation += 1
                self._settle_for, self._settle_templates = self._generation, None
                changed = publish_files(scratch, config.output_dir.resolve(), wanted)
                if grouped is not None:
                    self._posts, self._stories = grouped
        finally:
            discard(scratch)
        lap("publish", t)
        return changed

    # --- the settle thread --------------------------------------------------------------------

    def settle(self) -> Outcome | None:
        """The full regroup and render owed after fast-lane previews; None when nothing is owed.

        After a template edit alone, only the pages using the template are owed
        (`_settle_templates`): they are rendered and published, and nothing is removed.

        The heavy part runs through `self.runner` (a child process by default) and is
        abandoned as soon as a newer build is published or the server stops.
        """
        with self._lock:
            generation, templates = self._settle_for, self._settle_templates
            if generation is None or self._closing:
                return None
            config = self.config
        start = time.perf_counter()
        timings: dict[str, float] = {}
        try:
            posts = pipeline.load_posts(config, reader=self._read_post_shared)
        except Exception as exc:
            return Outcome(problem=problem_from(exc, config), seconds=time.perf_counter() - start, kind="settled")
        timings["posts"] = time.perf_counter() - start
        with self._lock:
            known_posts, known_stories = self._posts, self._stories
        reuse = known_stories is not None and posts == known_posts  # grouped already: only the render is owed
        staging = new_staging(config)

        def cancelled() -> bool:
            return self._closing or self._generation != generation

        partial = reuse and templates is not None  # only the pages of a changed template are owed
        options = (_render_options(quick=True) | {"only_templates": templates} if partial
                   else _render_options(quick=True, previous=config.output_dir.resolve()))
        result = self.runner.run(posts, known_stories if reuse else None, config, staging, options, cancelled)
        if result is None or result[0] != "ok":
            discard(staging)
            if result is None:
                return None if self._closing else Outcome(seconds=time.perf_counter() - start, timings=timings,
                                                          kind="settled", discarded=True)
            timings.update(result[2])
            return Outcome(problem=result[1], seconds=time.perf_counter() - start, timings=timings, kind="settled")
        _status, grouped, job_timings = result
        timings.update(job_timings)
        stories = known_stories if reuse else grouped
        t = time.perf_counter()
        try:
            with self._lock:
                if cancelled():
                    return None if self._closing else Outcome(seconds=time.perf_counter() - start,
                                                              timings=timings, kind="settled", discarded=True)
                output = config.output_dir.resolve()
                changed = (publish_files(staging, output, rendered_files(staging)) if partial
                           else sync_tree(staging, output, keep=(SEARCH_FOLDER + "/",)))
                self._posts, self._stories = posts, stories
                self._settle_for, self._settle_templates = None, None
        finally:
            discard(staging)
        timings["publish"] = time.perf_counter() - t
        return Outcome(tuple(changed), None, time.perf_counter() - start, timings, len(stories), len(posts),
                       search_stale=any(p.endswith(".html") for p in changed), kind="settled")

    def _group(self, posts: tuple[Post, ...], config: Config) -> tuple[Story, ...]:
        """Run the stories stage, one at a time (it writes its registry into `content/stories/`)."""
        with self._group_lock:
            return tuple(pipeline.group(posts, config))

    # --- reading posts ------------------------------------------------------------------------

    def _read_post(self, path: Path) -> Post:
        """Parse a post file, or return the one parsed before if the file has not changed since."""
        key_path = Path(os.path.abspath(path))
        st = os.stat(path)
        state = (st.st_mtime_ns, st.st_size, st.st_ino)
        hit = self._post_cache.get(key_path)
        if hit is not None and hit[0] == state:
            return hit[1]
        post = read_post(path)
        self._post_cache[key_path] = (state, post)
        return post

    def _read_post_shared(self, path: Path) -> Post:
        """`_read_post` for the settle thread: uses the cache but does not write to it."""
        key_path = Path(os.path.abspath(path))
        st = os.stat(path)
        hit = self._post_cache.get(key_path)
        if hit is not None and hit[0] == (st.st_mtime_ns, st.st_size, st.st_ino):
            return hit[1]
        return read_post(path)
