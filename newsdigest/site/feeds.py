"""Subscriptions: RSS 2.0, Atom 1.0 and JSON Feed 1.1, one entry per story.

A reader subscribes to stories, not to copies of them, so an entry is a story:
its id is derived from the story id alone and never changes (not from the slug,
which an editor may rename), its updated time is that of the latest version, so
a new version moves it, and its content is the summary plus every version with
a link. All URLs are absolute. The same entries feed the site-wide feeds and
the per-tag and per-outlet ones, which live beside those pages.

Feed times are deterministic: the feed's own updated time is its newest entry,
never the build time, so an unchanged site rebuilds to identical feeds.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from jinja2 import Environment

from newsdigest.cache_store import Table
from newsdigest.config import Config
from newsdigest.site.catalog import Catalog
from newsdigest.site.chars import printable
from newsdigest.site.context import StoryView
from newsdigest.site.dates import EPOCH, localize, newest
from newsdigest.site.json_text import document, piece
from newsdigest.site.render_keys import Keys
from newsdigest.site.writer import Writer

FEED_LIMIT = 100
"""Entries per feed: the newest stories; older ones stay on the site and in stories.json."""
FEED_FILES = ("feed.xml", "atom.xml", "feed.json")
"""The files of one feed, in each format."""
FEED_TEMPLATE = "feed_entry.html"
"""The template of an entry's HTML content (all feeds are rewritten when it, or what it uses, changes)."""


@dataclass(frozen=True)
class FeedSpec:
    base: str
    """Folder path of the feed files and the page they describe: "/" or "/tags/x/"."""
    title: str
    description: str
    stories: tuple[StoryView, ...]


def entry_id(story_id: str, config: Config) -> str:
    """A story's feed id: a name-based UUID of the site and the story id, so it survives slug changes."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{config.base_url}/#story/{story_id}").urn


def write_feeds(catalog: Catalog, env: Environment, config: Config, writer: Writer,
                keys: Keys | None, entries: Table) -> list[FeedSpec]:
    """Every feed; with `keys`, a feed whose stories and settings are unchanged is linked from the last build,
    and a story's entry content (kept in `entries`) is rendered again only when its story changed."""
    specs = [FeedSpec("/", config.title, config.description, catalog.listed)]
    for section in catalog.tags:
        specs.append(FeedSpec(section.ref.url, f"{config.title}: {section.ref.name}",
                              f"Stories about {section.ref.name} in {config.title}.", section.stories))
    for section in catalog.outlets:
        specs.append(FeedSpec(section.ref.url, f"{config.title}: {section.ref.name}",
                              f"Stories covered by {section.ref.name} in {config.title}.", section.stories))
    template = env.get_template(FEED_TEMPLATE)
    contents: dict[str, str] = {}
    made: dict[tuple[str, str, str], tuple[FeedEntry, str]] = {}

    def content(story: StoryView) -> str:
        # A story sits in several feeds (site, its tags, its outlets): render its entry once.
        if story.id not in contents:
            contents[story.id] = entries.get(entry_key(story, keys), lambda: printable(template.render(story=story)))
        return contents[story.id]

    def entry(story: StoryView, published: datetime, updated: datetime) -> tuple[FeedEntry, str]:
        # And make its entry once for all of them, in every format (its times differ only where it has none).
        # Keyed on the times as written: one instant at two offsets compares equal as a datetime, and one
        # feed would show the other's offset.
        made_key = (story.id, published.isoformat(), updated.isoformat())
        found = made.get(made_key)
        if found is None:
            found = made[made_key] = (
                _entry(story, published, updated, content(story), config),
                piece(_item(story, published, updated, content(story), config), 2))
        return found

    for spec in specs:
        key = keys.page(FEED_TEMPLATE, spec) if keys is not None else None
        if not all([writer.reuse(spec.base + name, key) for name in FEED_FILES]):
            write_feed(spec, entry, config, writer, key)
    return specs


def _item(story: StoryView, published: datetime, updated: datetime, content: str, config: Config) -> dict[str, Any]:
    """A story's item in a JSON feed."""
    return {
        "id": entry_id(story.id, config),
        "url": config.absolute_url(story.url),
        "title": story.title,
        "summary": story.summary,
        "content_html": content,
        "date_published": published.isoformat(timespec="seconds"),
        "date_modified": updated.isoformat(timespec="seconds"),
        "tags": [t.name for t in story.tags],
        "_newsdigest": {"story_id": story.id, "versions": len(story.versions), "outlets": list(story.outlet_names)},
    }


def _entry(story: StoryView, published: datetime, updated: datetime, content: str, config: Config) -> FeedEntry:
    fe = FeedEntry()
    fe.id(entry_id(story.id, config))
    fe.guid(entry_id(story.id, config), permalink=False)
    fe.title(printable(story.title))
    fe.link(href=config.absolute_url(story.url))
    fe.published(published)
    fe.updated(updated)
    # RSS readers render <description> as HTML: the summary is text, so it goes in escaped.
    fe.description(html.escape(printable(story.summary or story.title), quote=False))
    fe.content(content, type="html")  # escaped, never CDATA: "]]>" cannot break it
    for tag in story.tags:
        fe.category(term=printable(tag.name))
    return fe


def entry_key(story: StoryView, keys: Keys | None) -> str | None:
    """The key of a story's entry content (the same in every feed)."""
    return keys.page(FEED_TEMPLATE, story) if keys is not None else None


def _times(stories: tuple[StoryView, ...], config: Config) -> tuple[datetime, dict[str, datetime], dict[str, datetime]]:
    tz = config.timezone
    feed_updated = newest((s.updated_at for s in stories), tz) or EPOCH
    updated = {s.id: localize(s.updated_at, tz) if s.updated_at else feed_updated for s in stories}
    published = {s.id: localize(s.published_at, tz) if s.published_at else updated[s.id] for s in stories}
    return feed_updated, updated, published


def _ordered(stories: tuple[StoryView, ...], updated: dict[str, datetime]) -> list[StoryView]:
    return sorted(stories, key=lambda s: (-updated[s.id].timestamp(), s.id))[:FEED_LIMIT]


def write_feed(spec: FeedSpec, entry: Callable[[StoryView, datetime, datetime], tuple[FeedEntry, str]],
               config: Config, writer: Writer, key: str | None = None) -> None:
    """A feed's files; `entry` gives each story's entry (feedgen's) and JSON item (a `json_text.piece`)."""
    feed_updated, updated, published = _times(spec.stories, config)
    stories = _ordered(spec.stories, updated)
    page_url = config.absolute_url(spec.base)

    for kind in ("rss", "atom"):
        fg = FeedGenerator()
        fg.id(page_url)
        fg.title(printable(spec.title))
        fg.subtitle(printable(spec.description))
        fg.description(printable(spec.description))
        fg.language(config.language)
        fg.author({"name": config.author or config.title})
        fg.updated(feed_updated)
        fg.lastBuildDate(feed_updated)
        fg.generator("newsdigest")
        self_name = "feed.xml" if kind == "rss" else "atom.xml"
        # feedgen's RSS <link> is the last link given, so the page goes after the self link.
        fg.link(href=config.absolute_url(spec.base + self_name), rel="self")
        fg.link(href=page_url, rel="alternate")
        for story in stories:
            fg.add_entry(entry(story, published[story.id], updated[story.id])[0], order="append")
        data = fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)
        writer.write_bytes(spec.base + self_name, data, key)

    head = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": page_url,
        "feed_url": config.absolute_url(spec.base + "feed.json"),
        "description": spec.description,
        "language": config.language,
        "authors": [{"name": config.author or config.title, "url": config.absolute_url("/")}],
    }
    items = [entry(story, published[story.id], updated[story.id])[1] for story in stories]
    writer.write_text(spec.base + "feed.json", document(head, "items", items) + "\n", key)
