"""Stage 3's entry: `render(stories, config)` writes the whole site into `config.output_dir`.

The pipeline points `output_dir` at a staging folder and swaps it in only when
this returns, so any exception here leaves the published site untouched. The
order matters: static files first (pages reference them by content hash),
then pages, feeds and data files, and the search index last, because Pagefind
reads the finished HTML.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from newsdigest.config import Config
from newsdigest.model import Story
from newsdigest.site.catalog import Catalog, build_catalog
from newsdigest.site.feeds import write_feeds
from newsdigest.site.pages import Page, plan
from newsdigest.site.search import build_search_index
from newsdigest.site.sitemap import write_robots, write_sitemap
from newsdigest.site.stories_json import write_stories_json
from newsdigest.site.theme import Assets, environment
from newsdigest.site.writer import Writer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderResult:
    catalog: Catalog
    pages: tuple[Page, ...]
    searchable: bool


def render(stories: Iterable[Story], config: Config, *, search: bool = True) -> RenderResult:
    """Write every page, feed, data file and the search index for `stories`."""
    stories = tuple(stories)
    config.output_dir.mkdir(parents=True, exist_ok=True)
    writer = Writer(config.output_dir)
    catalog = build_catalog(stories, config.timezone)

    assets = Assets(writer.root)
    assets.copy(config)
    env = environment(config, assets)

    pages = plan(catalog, config)
    for page in pages:
        template = env.get_template(page.template)
        writer.write_text(page.path, template.render(page=page.meta, **page.context))

    write_feeds(catalog, env, config, writer)
    write_stories_json(catalog, config, writer)
    write_sitemap(pages, config, writer)
    write_robots(config, writer)
    searchable = build_search_index(writer.root) if search else False
    return RenderResult(catalog=catalog, pages=tuple(pages), searchable=searchable)
