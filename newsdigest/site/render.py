"""Stage 3's entry: `render(stories, config)` writes the whole site into `config.output_dir`.

The pipeline points `output_dir` at a staging folder and swaps it in only when
this returns, so any exception here leaves the published site untouched. The
order matters: static files first (pages reference them by content hash),
then pages; the search indexer starts as soon as the last page is written
(Pagefind reads only the HTML) and works on another core while the feeds and
data files are written, and the render waits for it at the end.

`only_templates` is for the preview server after a template edit: it writes
only the pages (and feeds) whose template closure contains a changed template
(see `template_use`), plus the static files their asset URLs are hashed from,
and none of the data files, which no template shapes.

`previous` is the published site: a full render reuses every file of it whose
render key (`render_keys`) is unchanged, links those whose bytes come out the
same, and runs the search indexer only when some page's bytes changed (see
`writer`; the index is in shards, and only those holding a changed page are
rebuilt: see `search`). With `in_place`, the published site is
`config.output_dir` itself: only the files whose bytes change are written
(beside their targets, renamed over them once everything is rendered, search
index included). What it wrote is remembered in the cache as the next build's
manifest; the stage's cache folders of earlier code, and the manifests of
output folders that no longer exist, are removed (`code_cache.prune`).
Rendering many pages is shared among forked workers, one per core.

Every page a render is asked for (all the planned pages, or those `only_templates` and `only_paths` choose) has
its file written or reused when the pages are done, or the render fails (`IncompleteBuild`, naming them) before
anything is published: a worker that lost part of its share must not publish a site whose links lead nowhere.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from jinja2 import Environment
from lxml import etree
from markupsafe import Markup

from newsdigest.cache_store import Store, Table, digest
from newsdigest.config import Config
from newsdigest.dist_versions import release, releases
from newsdigest.errors import IncompleteBuild, named
from newsdigest.model import Story
from newsdigest.site.catalog import Catalog, build_catalog
from newsdigest.site.code_cache import code_store, manifest_store, prune
from newsdigest.site.context import PostView, StoryView, body_source
from newsdigest.site.feeds import FEED_TEMPLATE, kept_entries, write_feeds
from newsdigest.site.markdown_html import convert_ahead, remembering
from newsdigest.site.pages import Page, plan
from newsdigest.site.render_keys import Keys, seed_views, site_key
from newsdigest.site.search import SEARCH_FOLDER, Indexing, Shard, bundle_of, bundle_plan, shard_key, start_search_index
from newsdigest.site.sitemap import write_robots, write_sitemap
from newsdigest.site.stories_json import write_stories_json
from newsdigest.site.template_use import users_of
from newsdigest.site.theme import Assets, environment
from newsdigest.site.writer import Manifest, Writer, files_below, valid_manifest
from newsdigest.workers import fork_map, fork_workers

log = logging.getLogger(__name__)

PARALLEL_MIN = 400
"""Fewer pages than this to render are done in-process: forking workers costs more than it saves."""


@dataclass(frozen=True)
class RenderResult:
    catalog: Catalog
    pages: tuple[Page, ...]
    """Every page of the site, written or not."""
    searchable: bool
    files: Manifest = field(default_factory=dict)
    """Every file written or kept (relative path -> its entry, with its file state)."""
    bundles: dict[str, str] = field(default_factory=dict)
    """The key of each search bundle the site now has (its folder -> `search.shard_key`), when this render
    indexed the site: a later refresh of the index (the preview server's) need not index them again."""


def render(stories: Iterable[Story], config: Config, *, search: bool = True,
           only_templates: Collection[str] | None = None, only_paths: Collection[str] | None = None,
           previous: Path | None = None, in_place: bool = False,
           present: Mapping[str, Sequence[int]] | None = None) -> RenderResult:
    """Write every page, feed, data file and the search index for `stories`.

    With `only_templates` (template names such as "post.html" or
    "partials/macros.html"), write only the pages and feeds rendered from
    templates that use one of them, and no data files or search index; with
    `only_paths` as well (site paths: "/posts/x/"), only those of these pages
    (the ones open in a browser, which the preview server renders first).
    With `only_paths` alone, only those pages, of whatever template, and no feeds or data files (the
    preview server's quick look at a few stories' own pages).
    With `previous` (the published site), a full render reuses its unchanged files.
    With `in_place` (a full render over the published site in `config.output_dir`), only changed files are
    replaced; `present` gives the folder's files (relative paths) with their states (size, modification time,
    inode) when the caller has walked it already, so that no file is looked at twice.
    """
    stories = tuple(stories)
    config.output_dir.mkdir(parents=True, exist_ok=True)
    full = only_templates is None and only_paths is None
    in_place = in_place and full
    if in_place:
        previous = config.output_dir
    manifests = manifest_store(config.cache_dir, previous) if full and previous is not None else None
    writer = Writer(config.output_dir, previous if full else None,
                    manifests.get(_MANIFEST, valid_manifest) if manifests else None, in_place=in_place,
                    states=present if in_place else None)
    try:
        result = _render(stories, config, writer, manifests, search=search, only_templates=only_templates,
                         only_paths=only_paths)
        if in_place:
            writer.commit(files_below(writer.root) if present is None else present,
                          keep=None if search else SEARCH_FOLDER)
        if manifests is not None:
            prune(config.cache_dir, manifests)
    finally:
        writer.abort()  # a failed render leaves the published files untouched
    return dataclasses.replace(result, files=writer.entries)


def _render(stories: tuple[Story, ...], config: Config, writer: Writer, manifests: Store | None, *,
            search: bool, only_templates: Collection[str] | None, only_paths: Collection[str] | None) -> RenderResult:
    full = only_templates is None and only_paths is None
    conversions = _conversions(config) if manifests is not None else None
    memo = (conversions.get(_CONVERSIONS, _valid_conversions) or {}) if conversions else {}
    known = set(memo)
    with remembering(memo):
        convert_ahead(body_source(version.post) for story in stories for version in story.versions)
        catalog = build_catalog(stories, config.timezone, config.base_path)
        pages = plan(catalog, config)  # the about page is the editor's Markdown too
    assets = Assets(writer.root)
    assets.copy(config, writer)
    env = environment(config, assets)
    keys = Keys(site_key(config)) if manifests is not None else None  # keys serve only to reuse, and to be reused
    if keys is not None:
        seed_views(keys, catalog)
    uses = (lambda _name: True) if only_templates is None else users_of(env, only_templates)
    paths = None if only_paths is None else frozenset(only_paths)

    chosen = [page for page in pages if uses(page.template) and (paths is None or page.path in paths)]
    before = manifests.get(_OWN_PAGES, _valid_own_pages) if manifests is not None and keys is not None else None
    own = _write_pages(chosen, env, writer, keys, before[1] if before is not None and before[0] == keys.site else None)
    indexing, bundles = _start_search(writer, catalog.raw) if full and search else (None, {})

    searchable = False
    # Pieces made from one story each (its feed entry, its stories.json entry): a file listing every story is
    # rewritten at every change, but only the changed stories' pieces are made again.
    feed_entries, story_entries = (
        Table(conversions, digest("fragments", name)) for name in (_FEED_ENTRIES, "stories.json"))
    try:
        if uses(FEED_TEMPLATE) and paths is None:
            write_feeds(catalog, env, config, writer, keys, feed_entries)
        if full:
            write_stories_json(catalog, config, writer, keys, story_entries)
            write_sitemap(pages, config, writer)
            write_robots(config, writer)
            if conversions is not None:
                shown = _in_use(memo, catalog, pages)
                if shown.keys() != known:  # most builds show the conversions they found: nothing to write
                    conversions.put(_CONVERSIONS, shown)
                feed_entries.save(kept_entries(catalog, keys))
                story_entries.save()
            if search:
                searchable = _finish_search(writer, indexing)
            if manifests is not None:
                manifests.put(_MANIFEST, writer.entries)
                if keys is not None and (before is None or before != (keys.site, own)):
                    manifests.put(_OWN_PAGES, (keys.site, own))
    finally:
        if isinstance(indexing, Indexing):
            indexing.close()  # a failed render leaves no indexer running
    return RenderResult(catalog=catalog, pages=tuple(pages), searchable=searchable,
                        bundles=bundles if searchable else {})


_MANIFEST = digest("manifest")


def _markdown_release() -> str:
    """python-markdown's release from `dist_versions`, without importing it (most builds convert nothing); an
    install without its metadata (a vendored copy) is asked of the module itself."""
    found = release("markdown")
    if found is None:
        import markdown

        found = markdown.__version__
    return f"markdown={found}"


_CONVERSIONS = digest("markdown", _markdown_release(), *releases("nh3"))
"""Conversions are kept per python-markdown and nh3 release."""
_FEED_ENTRIES = digest(FEED_TEMPLATE, "laid out by", *releases("feedgen", "lxml"), repr(etree.LIBXML_VERSION))
"""Feed entries are kept as feedgen lays them out, with lxml and the libxml2 it runs on (a C library, not an
installed distribution: its version is read from lxml, which lays the feeds out anyway)."""


def _conversions(config: Config) -> Store:
    """Markdown conversions of the last full render (they depend on the site stage's code too)."""
    return code_store(config.cache_dir)


def _valid_conversions(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, tuple) and len(k) == 4 and isinstance(k[0], str) and type(v) is Markup
        for k, v in value.items())


def _in_use(memo: dict[tuple[str, str | None, bool, str], Markup], catalog: Catalog, pages: Sequence[Page]) -> dict:
    """The conversions this site shows (the bodies of its posts, the editor's notes, what its pages convert
    themselves: `Page.converted`), so the cache does not grow."""
    shown = {id(post.body) for post in catalog.posts} | {id(story.editor_note) for story in catalog.stories}
    shown |= {id(html) for page in pages for html in page.converted}
    return {key: html for key, html in memo.items() if id(html) in shown}


def _key(page: Page, keys: Keys | None) -> str | None:
    if keys is None:
        return None
    return keys.page(page.template, page.path if page.meta_from_context else page.meta,
                     page.context if page.made_of is None else page.made_of)


PageKey = str | None | Callable[[], str | None]
"""A page's key, or the function that works it out once (see `_write_pages`)."""


def _render_page(page: Page, env: Environment, writer: Writer, key: PageKey) -> None:
    html = env.get_template(page.template).render(page=page.meta, **page.context)
    writer.write_text(page.path, html, key() if callable(key) else key)


_OWN_PAGES = digest("own pages")
"""The last full render's `OwnPages`, beside its manifest."""

OwnPages = dict[str, tuple[str, dict[str, str]]]
"""Story id -> the key of its view, and the key of each of its own pages (its page, its posts': relative file ->
key), as a full render made them."""


def _valid_own_pages(value: object) -> bool:
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], dict)
            and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], dict)
                    for v in value[1].values()))


def _owner(page: Page) -> StoryView | None:
    """The story whose view a page is made of alone (its own page, or one of its posts'), if any."""
    made = page.made_of
    return made.story if isinstance(made, PostView) else made if isinstance(made, StoryView) else None


def _write_pages(pages: Sequence[Page], env: Environment, writer: Writer, keys: Keys | None,
                 before: OwnPages | None = None) -> OwnPages:
    """Reuse the published pages whose key is unchanged; render the others, in forked workers when many.
    Returns the `OwnPages` of this render (empty without keys).

    A page the last build did not publish cannot be reused, so its key is left to whoever renders it. A story's
    own pages are most of a site, and after an edit most stories are as they were: a page of a story whose view
    has the key it had (`before`, with the same site key), still published under the key recorded then, has that
    key again (a page's key is made of the site's, its template, its path and its story's view), so it is not
    worked out again.
    """
    own: OwnPages = {}
    todo: list[tuple[Page, PageKey]] = []
    for page in pages:
        owner = _owner(page) if keys is not None else None
        view = keys.seeded(owner) if owner is not None and keys is not None else None
        if view is None:
            once = cache(partial(_key, page, keys))  # keyed at most once, by `reuse` or by the render
            if not writer.reuse(page.path, once):
                todo.append((page, once))
            continue
        relative = writer.relative_name(page.path)
        was = before.get(owner.id) if before is not None else None
        key = was[1].get(relative) if was is not None and was[0] == view else None
        if key is None or writer.published_key(page.path) != key:
            key = _key(page, keys)
        if key is not None:
            own.setdefault(owner.id, (view, {}))[1][relative] = key
        if not writer.reuse(page.path, key):
            todo.append((page, key))
    _render_pages(todo, env, writer)
    _check_written(pages, writer)
    return own


def _check_written(pages: Sequence[Page], writer: Writer) -> None:
    """Refuse (`IncompleteBuild`) a render in which a page of `pages` (those it was asked for) was neither written
    nor reused: a worker that lost its share would otherwise publish a site whose links lead nowhere."""
    missing = writer.missing(page.path for page in pages)
    if missing:
        raise IncompleteBuild.of_newsdigest(
            f"the build made no file for {len(missing)} of its {len(pages)} pages ({named(missing)})")


def _render_pages(todo: Sequence[tuple[Page, PageKey]], env: Environment, writer: Writer) -> None:
    """Render each page of `todo` under its key, in forked workers when many."""
    workers = fork_workers(len(todo), from_jobs=PARALLEL_MIN)
    if not workers:
        for page, key in todo:
            _render_page(page, env, writer, key)
        return
    # One page of each template first, here: the templates it reaches are compiled once, in this process, and the
    # workers inherit them instead of each compiling them all again.
    firsts = {id(job[0]): job for job in {job[0].template: job for job in reversed(todo)}.values()}
    for page, key in firsts.values():
        _render_page(page, env, writer, key)
    todo = [job for job in todo if id(job[0]) not in firsts]
    global _job
    _job = (todo, env, writer)  # inherited by the forked workers: nothing is pickled but the results
    try:
        results = fork_map(_render_share, [(n, workers) for n in range(workers)], workers=workers,
                           what="page rendering")
    except BaseException:
        writer.abort_dead(page.path for page, _key in todo)
        raise
    finally:
        _job = None
    for entries, pending in results:
        writer.entries.update(entries)
        writer.pending.extend(pending)


_job: tuple[Sequence[tuple[Page, PageKey]], Environment, Writer] | None = None


def _render_share(share: tuple[int, int]) -> tuple[Manifest, list[tuple[str, str]]]:
    """In a worker: render every `workers`-th page from the `n`-th; what the writer recorded goes back."""
    assert _job is not None
    todo, env, writer = _job
    n, workers = share
    writer.entries, writer.pending = {}, []
    for page, key in todo[n::workers]:
        _render_page(page, env, writer, key)
    return writer.entries, writer.pending


def _start_search(writer: Writer, stories: Sequence[Story]) -> tuple[Indexing | bool, dict[str, str]]:
    """Reuse the published bundles of the shards whose pages kept their bytes; start the indexer on the others.

    With the key of every bundle; True: every bundle was reused; False: there will be no index.
    """
    plan = bundle_plan(stories)
    keys = {folder: shard_key(folder, ((f, writer.entries[f].sha) for f in files)) for folder, files in plan.items()}
    # Into a fresh folder, Pagefind writes the bundles in place: nothing is there yet it could write through. (The
    # reused bundles are linked into `pagefind/shard-<n>/` below, before Pagefind writes `pagefind/`: Pagefind
    # 1.5.2 writes only its own files there, and the bundle's files are read without those folders.)
    direct = not writer.in_place and not os.path.lexists(writer.root / SEARCH_FOLDER)
    todo = []
    indexed: dict[str, list[str]] = {}
    for path in writer.old:
        owner = bundle_of(path)
        if owner is not None:
            indexed.setdefault(owner, []).append(path)
    for folder, files in plan.items():
        old = indexed.get(folder, [])
        if old and all(writer.old[path].key == keys[folder] and writer.intact(path) for path in old):
            for path in old:
                writer.reuse(path, keys[folder])
        else:
            todo.append(Shard(folder, keys[folder], tuple((f, writer.source(f)) for f in files),
                              into=writer.root / folder if direct else None))
    if not plan:
        return False, keys
    return ((start_search_index(todo) or False) if todo else True), keys


def _finish_search(writer: Writer, indexing: Indexing | bool | None) -> bool:
    """Wait for the indexer and write what it made; True when the site has an index (else none of it)."""
    files = indexing.finish() if isinstance(indexing, Indexing) else None
    try:
        if files is not None:
            for shard, relative, path in files:
                if shard.into is not None:
                    writer.adopt(f"{shard.folder}/{relative}", shard.key)
                else:
                    writer.write_bytes(f"{shard.folder}/{relative}", path.read_bytes(), shard.key)
            return True
    finally:
        if isinstance(indexing, Indexing):
            indexing.close()
    if indexing is True:
        return True
    writer.forget(SEARCH_FOLDER)  # a partial index would list bundles that are not there
    return False
