"""Stage 3's entry: `render(stories, config)` writes the whole site into `config.output_dir`.

The pipeline points `output_dir` at a staging folder and swaps it in only when
this returns, so any exception here leaves the published site untouched. The
order matters: static files first (pages reference them by content hash),
then pages, feeds and data files, and the search index last, because Pagefind
reads the finished HTML.

`only_templates` is for the preview server after a template edit: it writes
only the pages (and feeds) whose template closure contains a changed template
(see `template_use`), plus the static files their asset URLs are hashed from,
and none of the data files, which no template shapes.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from newsdigest.config import Config
from newsdigest.model import Story
from newsdigest.site.catalog import Catalog, build_catalog
from newsdigest.site.feeds import FEED_TEMPLATE, write_feeds
from newsdigest.site.pages import Page, plan
from newsdigest.site.search import build_search_index
from newsdigest.site.sitemap import write_robots, write_sitemap
from newsdigest.site.stories_json import write_stories_json
from newsdigest.site.template_use import users_of
from newsdigest.site.theme import Assets, environment
from newsdigest.site.writer import Writer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderResult:
    catalog: Catalog
    pages: tuple[Page, ...]
    """Every page of the site, written or not."""
    searchable: bool


def render(stories: Iterable[Story], config: Config, *, search: bool = True,
           only_templates: Collection[str] | None = None, only_paths: Collection[str] | None = None) -> RenderResult:
    """Write every page, feed, data file and the search index for `stories`.

    With `only_templates` (template names such as "post.html" or
    "partials/macros.html"), write only the pages and feeds rendered from
    templates that use one of them, and no data files or search index; with
    `only_paths` as well (site paths: "/posts/x/"), only those of these pages
    (the ones open in a browser, which the preview server renders first).
    """
    stories = tuple(stories)
    config.output_dir.mkdir(parents=True, exist_ok=True)
    writer = Writer(config.output_dir)
    catalog = build_catalog(stories, config.timezone, config.base_path)

    assets = Assets(writer.root)
    assets.copy(config)
    env = environment(config, assets)
    uses = (lambda _name: True) if only_templates is None else users_of(env, only_templates)
    paths = None if only_paths is None or only_templates is None else frozenset(only_paths)

    pages = plan(catalog, config)
    for page in pages:
        if uses(page.template) and (paths is None or page.path in paths):
            template = env.get_template(page.template)
            writer.write_text(page.path, template.render(page=page.meta, **page.context))

    if uses(FEED_TEMPLATE) and paths is None:
        write_feeds(catalog, env, config, writer)
    searchable = False
    if only_templates is None:
        write_stories_json(catalog, config, writer)
        write_sitemap(pages, config, writer)
        write_robots(config, writer)
        searchable = build_search_index(writer.root) if search else False
    return RenderResult(catalog=catalog, pages=tuple(pages), searchable=searchable)
