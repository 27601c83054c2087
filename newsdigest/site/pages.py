"""Which pages the site has, where they live, and what each one is given.

This is the site map in code: one function per kind of page, each returning
`Page`s with a path, a template name and a context of view objects. Nothing
here renders; `render.py` walks the list. Sitemap and link checks read the same
list, so a page that exists is a page that is listed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from markupsafe import Markup

from newsdigest.config import Config
from newsdigest.front_matter import read_editor_file
from newsdigest.site import jsonld
from newsdigest.model import Story
from newsdigest.site.catalog import Catalog, Edition, Section
from newsdigest.site.context import PostView, StoryView, post_url
from newsdigest.site.markdown_html import render_markdown
from newsdigest.site.search import SEARCH_FOLDER, plan_bundles
from newsdigest.site.theme import FeedLink, feed_links

T = TypeVar("T")


@dataclass(frozen=True)
class PageMeta:
    """The page's `<head>`: title, description, canonical URL, social cards and structured data."""

    title: str
    description: str
    path: str
    canonical: str
    section: str
    """Which navigation item is current."""
    og_type: str = "website"
    published: str = ""
    modified: str = ""
    image: str | None = None
    jsonld: tuple[Mapping[str, Any], ...] = ()
    feeds: tuple[FeedLink, ...] = ()
    """Feeds of this page besides the site's own (a tag's, an outlet's)."""
    noindex: bool = False
    redirect: str | None = None
    home: bool = False


@dataclass(frozen=True)
class Pagination:
    page: int
    pages: int
    prev_url: str | None
    next_url: str | None
    links: tuple[tuple[int, str], ...]
    total: int


@dataclass(frozen=True)
class Page:
    path: str
    """Site path: `/stories/x/` (written as `stories/x/index.html`) or `/404.html`."""
    template: str
    head: PageMeta | Callable[[], PageMeta]
    """The page's `meta`, or the function that makes it from the path, the context and the settings alone (a
    story's or a post's page): made only when the page is rendered, and never read by its render key, which
    spares making and digesting every story's and post's structured data at every build."""
    context: Mapping[str, Any] = field(default_factory=dict)
    in_sitemap: bool = True
    lastmod: str = ""
    converted: tuple[Markup, ...] = ()
    """The editor's Markdown this page converts itself (the about page's body), not a post's or a story's: the
    render keeps these conversions for the next build, as it keeps those of the posts and stories shown."""
    made_of: object | None = None
    """The one view the whole context is made of (a story's page: its story's view; a post's: the post's view),
    whose render key then stands for the context's: a site's thousands of such pages are keyed by one digest
    each, not by walking their contexts."""

    @property
    def meta(self) -> PageMeta:
        return self.head if isinstance(self.head, PageMeta) else self.head()

    @property
    def meta_from_context(self) -> bool:
        return not isinstance(self.head, PageMeta)


def plan(catalog: Catalog, config: Config) -> list[Page]:
    """Every HTML page of the site."""
    pages: list[Page] = []
    pages += front_page(catalog, config)
    pages += all_stories(catalog, config)
    pages += story_pages(catalog, config)
    pages += post_pages(catalog, config)
    pages += edition_pages(catalog, config)
    pages += section_pages(catalog.outlets, "outlets", "Outlets", "Every outlet in the digest", config)
    pages += section_pages(catalog.tags, "tags", "Topics", "Every topic in the digest", config)
    pages += [search_page(config, catalog), about_page(config), not_found_page(config)]
    pages += redirect_pages(catalog, config)
    return pages


def _meta(config: Config, path: str, title: str, description: str, section: str, **extra: Any) -> PageMeta:
    return PageMeta(title=title, description=description, path=path, canonical=config.absolute_url(path),
                    section=section, **extra)


def paginate(items: Sequence[T], size: int, base: str) -> Iterator[tuple[str, Sequence[T], Pagination]]:
    """Slices of `items` with their paths: `base`, then `base/page/2/`, …"""
    pages = max(1, math.ceil(len(items) / size))

    def url(n: int) -> str:
        return base if n == 1 else f"{base}page/{n}/"

    links = tuple((n, url(n)) for n in range(1, pages + 1))
    for n in range(1, pages + 1):
        yield url(n), items[(n - 1) * size : n * size], Pagination(
            page=n, pages=pages, prev_url=url(n - 1) if n > 1 else None,
            next_url=url(n + 1) if n < pages else None, links=links, total=len(items))


def front_page(catalog: Catalog, config: Config) -> list[Page]:
    edition = catalog.latest_edition
    stories = catalog.front_page(config.page_size)
    earlier = catalog.editions[1:8]
    shown = {s.id for s in stories}
    previously = tuple(s for s in catalog.listed if s.id not in shown)[: max(0, config.page_size - len(stories))]
    meta = _meta(config, "/", config.title, config.description, "home", home=True,
                 jsonld=(jsonld.website(config),))
    return [Page("/", "index.html", meta, {
        "edition": edition,
        "stories": stories,
        "more": (len(edition.stories) > len(stories)) if edition else False,
        "earlier": earlier,
        "previously": previously,
        "total": len(catalog.listed),
    }, lastmod=stories[0].updated.iso if stories else "")]


def all_stories(catalog: Catalog, config: Config) -> list[Page]:
    pages = []
    for path, chunk, pagination in paginate(catalog.listed, config.page_size, "/stories/"):
        title = "All stories" + (f" — page {pagination.page}" if pagination.page > 1 else "")
        meta = _meta(config, path, title, f"Every story in {config.title}, newest first.", "editions")
        pages.append(Page(path, "list.html", meta, {
            "heading": "All stories", "intro": "Every story in the digest, newest first.",
            "stories": chunk, "pagination": pagination, "section_feeds": ()}))
    return pages


def story_pages(catalog: Catalog, config: Config) -> list[Page]:
    return [Page(story.url, "story.html", partial(_story_meta, story, config), {"story": story},
                 in_sitemap=not story.hidden, lastmod=story.updated.iso, made_of=story)
            for story in catalog.stories]


def _story_meta(story: StoryView, config: Config) -> PageMeta:
    return _meta(config, story.url, story.title, story.summary or config.description, "story",
                 og_type="article", published=story.published.iso, modified=story.updated.iso,
                 jsonld=(jsonld.story_article(story, config),), noindex=story.hidden)


def post_pages(catalog: Catalog, config: Config) -> list[Page]:
    return [Page(post.version.post_url, "post.html", partial(_post_meta, post, config),
                 {"post": post, "version": post.version, "story": post.story}, in_sitemap=not post.story.hidden,
                 lastmod=(post.version.updated or post.version.published).iso, made_of=post)
            for post in catalog.posts]


def _post_meta(post: PostView, config: Config) -> PageMeta:
    version = post.version
    description = version.excerpt or f"{version.outlet_name}'s version of “{post.story.title}”."
    return _meta(config, version.post_url, f"{version.title} — {version.outlet_name}", description, "story",
                 og_type="article", published=version.published.iso,
                 modified=(version.updated or version.published).iso, image=post.image,
                 jsonld=(jsonld.post_article(post, config),), noindex=post.story.hidden)


def edition_pages(catalog: Catalog, config: Config) -> list[Page]:
    editions = catalog.editions
    meta = _meta(config, "/editions/", "Editions", f"Every day's edition of {config.title}.", "editions")
    months: dict[str, list[Edition]] = {}
    for edition in editions:
        months.setdefault(edition.day.strftime("%B %Y"), []).append(edition)
    pages = [Page("/editions/", "editions.html", meta, {"months": tuple(months.items()), "editions": editions,
                                                       "undated": catalog.undated})]
    for index, edition in enumerate(editions):
        newer = editions[index - 1] if index > 0 else None
        older = editions[index + 1] if index + 1 < len(editions) else None
        for path, chunk, pagination in paginate(edition.stories, config.page_size, edition.url):
            meta = _meta(config, path, f"Edition of {edition.label}", f"The stories of {edition.label}.", "editions")
            pages.append(Page(path, "edition.html", meta, {
                "edition": edition, "stories": chunk, "pagination": pagination, "newer": newer, "older": older}))
    return pages


def section_pages(sections: tuple[Section, ...], kind: str, heading: str, intro: str, config: Config) -> list[Page]:
    singular = {"outlets": "outlet", "tags": "topic"}[kind]
    index_meta = _meta(config, f"/{kind}/", heading, f"{intro}.", kind)
    pages = [Page(f"/{kind}/", "sections.html", index_meta, {"heading": heading, "intro": intro, "sections": sections,
                                                          "kind": kind})]
    for section in sections:
        feeds = feed_links(section.ref.url, f"{config.title}: {section.ref.name}")
        for path, chunk, pagination in paginate(section.stories, config.page_size, section.ref.url):
            title = section.ref.name + (f" — page {pagination.page}" if pagination.page > 1 else "")
            n = len(section.stories)
            description = f"{n} {'story' if n == 1 else 'stories'} covered by {section.ref.name}." if kind == "outlets" \
                else f"{n} {'story' if n == 1 else 'stories'} about {section.ref.name}."
            meta = _meta(config, path, title, description, kind, feeds=feeds)
            pages.append(Page(path, "list.html", meta, {
                "heading": section.ref.name, "intro": description, "kicker": singular.capitalize(),
                "stories": chunk, "pagination": pagination, "section_feeds": feeds,
                "posts": section.posts if kind == "outlets" and pagination.page == 1 else ()}))
    return pages


def search_page(config: Config, catalog: Catalog) -> Page:
    """The search page, naming the index's bundles to merge (every shard but the first, at `pagefind/`)."""
    meta = _meta(config, "/search/", "Search", f"Search every story and version in {config.title}.", "search")
    folders = plan_bundles((story.id, ()) for story in catalog.stories if not story.hidden)
    merged = tuple(f"/{folder}/" for folder in sorted(folders) if folder != SEARCH_FOLDER)
    return Page("/search/", "search.html", meta, {"merged": merged})


def about_page(config: Config) -> Page:
    """From `content/about.md` when the editor wrote one: its first `# Heading` is the page title."""
    source = config.content_dir / "about.md"
    title, body = "About", Markup("")
    if source.is_file():
        text = read_editor_file(source, "about page")
        lines = text.lstrip().splitlines()
        if lines and lines[0].startswith("# "):
            title, text = lines[0][2:].strip(), "\n".join(lines[1:])
        body = render_markdown(text, site_links=True, site_root=config.base_path)
    meta = _meta(config, "/about/", title, config.description, "about")
    return Page("/about/", "about.html", meta, {"heading": title, "body": body}, converted=(body,))


def not_found_page(config: Config) -> Page:
    meta = _meta(config, "/404.html", "Page not found", "There is no page at this address.", "", noindex=True)
    return Page("/404.html", "404.html", meta, {}, in_sitemap=False)


def redirect_pages(catalog: Catalog, config: Config) -> list[Page]:
    """Old slugs of merged stories keep working: a page that points on to the story's new address."""
    taken = {story.url for story in catalog.stories}
    pages = []
    for story in catalog.stories:
        for alias in story.aliases:
            path = f"/stories/{alias}/"
            if "/" in alias or not alias or alias.startswith(".") or path in taken:
                continue
            taken.add(path)
            meta = PageMeta(title=story.title, description=f"This story moved to {story.url}", path=path,
                            canonical=config.absolute_url(story.url), section="", noindex=True, redirect=story.url)
            pages.append(Page(path, "redirect.html", meta, {"story": story}, in_sitemap=False))
    return pages


def story_folders(stories: Sequence[Story]) -> dict[str, frozenset[str]]:
    """Story id -> the folders of the pages only it makes (its own page, its posts' pages): "stories/x/", "posts/y/".

    These pages render the same from their story alone, which is what lets
    the preview server render a handful of stories and publish just their
    pages. A post in two stories has its page under the first (as `build_catalog` decides).
    """
    seen: set[str] = set()
    folders = {}
    for story in stories:
        mine = {story.url.lstrip("/")}
        for post in story.posts:
            if post.id not in seen:
                seen.add(post.id)
                mine.add(post_url(post.id).lstrip("/"))
        folders[story.id] = frozenset(mine)
    return folders


__all__ = ["Page", "PageMeta", "Pagination", "paginate", "plan", "story_folders"]
