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
from zoneinfo import ZoneInfo

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from jinja2 import Environment, Template

from newsdigest.cache_store import Table
from newsdigest.config import Config
from newsdigest.model import When
from newsdigest.site.catalog import Catalog
from newsdigest.site.chars import printable
from newsdigest.site.context import StoryView
from newsdigest.site.dates import EPOCH, feed_instant, newest, recency_key
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
    and a story's entry (kept in `entries`, laid out in each format) is made again only when its story changed."""
    specs = [FeedSpec("/", config.title, config.description, catalog.listed)]
    for section in catalog.tags:
        specs.append(FeedSpec(section.ref.url, f"{config.title}: {section.ref.name}",
                              f"Stories about {section.ref.name} in {config.title}.", section.stories))
    for section in catalog.outlets:
        specs.append(FeedSpec(section.ref.url, f"{config.title}: {section.ref.name}",
                              f"Stories covered by {section.ref.name} in {config.title}.", section.stories))
    made = Entries(env.get_template(FEED_TEMPLATE), config, keys, entries)
    for spec in specs:
        key = keys.page(FEED_TEMPLATE, spec) if keys is not None else None
        if not all([writer.reuse(spec.base + name, key) for name in FEED_FILES]):
            write_feed(spec, made, config, writer, key)
    return specs


class Entries:
    """Each story's entry, laid out in every format, made once per build and kept between builds.

    A story sits in several feeds (the site's, its tags', its outlets'), and a
    feed listing a changed story is rewritten whole. Laying out the same
    entries again for every feed at every build was most of the feeds' cost;
    so an entry is laid out once, as the text feedgen gives it inside a feed
    (`_laid_out`), kept in `table` under its story's key and its times, and
    the feeds are put together around those texts (`write_feed`).
    """

    def __init__(self, template: Template, config: Config, keys: Keys | None, table: Table) -> None:
        self._template = template
        self._config = config
        self._keys = keys
        self._table = table
        self._contents: dict[str, str] = {}
        self._texts: dict[tuple[str, str, str, str], str] = {}
        self._frames: dict[str, _Frame] = {}

    def text(self, kind: str, story: StoryView, published: datetime, updated: datetime) -> str:
        """A story's entry in a feed of `kind` ("rss", "atom" or "json"), at the times given.

        Keyed on the times as written: one instant at two offsets compares equal
        as a datetime, and one feed would show the other's offset. A story
        without times of its own takes its feed's, so its entry may differ by feed.
        """
        times = (published.isoformat(), updated.isoformat())
        found = self._texts.get((kind, story.id, *times))
        if found is None:
            content_key = entry_key(story, self._keys)
            key = None if content_key is None else "/".join((content_key, kind, *times))
            found = self._texts[(kind, story.id, *times)] = self._table.get(
                key, lambda: self._make(kind, story, published, updated))
        return found

    def _content(self, story: StoryView) -> str:
        if story.id not in self._contents:
            self._contents[story.id] = printable(self._template.render(story=story))
        return self._contents[story.id]

    def _make(self, kind: str, story: StoryView, published: datetime, updated: datetime) -> str:
        content = self._content(story)
        if kind == "json":
            return piece(_item(story, published, updated, content, self._config), 2)
        if kind not in self._frames:
            self._frames[kind] = _frame(kind)
        return _laid_out(self._frames[kind], kind, _entry(story, published, updated, content, self._config))


def kept_entries(catalog: Catalog, keys: Keys | None) -> Callable[[str], bool]:
    """Which kept entries the next build may want: those of the stories listed now (a feed linked from the last
    build made none of its entries, yet they are not stale)."""
    wanted = {entry_key(story, keys) for story in catalog.listed} - {None}
    return lambda key: key.split("/", 1)[0] in wanted


def _serialised(fg: FeedGenerator, kind: str) -> str:
    return (fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)).decode("utf-8")


def _entries_start(text: str, kind: str) -> int:
    """Where a feed's entries go in its text: at the start of the line closing the element that holds them."""
    return text.rindex("\n", 0, text.rindex("</channel>" if kind == "rss" else "</feed>")) + 1


@dataclass(frozen=True)
class _Frame:
    """A feed of one kind with nothing but what feedgen requires, to lay out entries in, and its text when empty
    (the same for every entry: the frame's fields never change) with where entries go in that text."""

    generator: FeedGenerator
    empty: str
    start: int


def _frame(kind: str) -> _Frame:
    """The frame of `kind` (`_Frame`)."""
    fg = FeedGenerator()
    fg.id("frame")
    fg.title("frame")
    fg.description("frame")
    fg.link(href="frame", rel="alternate")
    fg.updated(EPOCH)
    fg.lastBuildDate(EPOCH)
    empty = _serialised(fg, kind)
    return _Frame(fg, empty, _entries_start(empty, kind))


def _laid_out(frame: _Frame, kind: str, entry: FeedEntry) -> str:
    """`entry` as feedgen lays it out in a feed of `kind`: the text its adding puts into `frame`'s.

    An entry's text depends only on its depth in the feed, which is the same
    in every feed of a kind (pretty-printing indents an element by its depth
    alone); a feed of many entries is their texts in order (tests prove it
    against feedgen's own, byte for byte).
    """
    empty, start = frame.empty, frame.start
    frame.generator.add_entry(entry, order="append")
    try:
        full = _serialised(frame.generator, kind)
    finally:
        frame.generator.remove_entry(entry)
    size = len(full) - len(empty)
    if full[:start] != empty[:start] or full[start + size :] != empty[start:]:
        raise ValueError(f"feedgen laid out a {kind} entry where none was expected")
    return full[start : start + size]


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


def _times(stories: tuple[StoryView, ...], latest: When | None,
           tz: ZoneInfo) -> tuple[datetime, dict[str, datetime], dict[str, datetime]]:
    """The feed's date (`latest`: its newest story's, see `newest`) and each story's entry dates."""
    feed_updated = feed_instant(latest, tz) if latest else EPOCH
    updated = {s.id: feed_instant(s.updated_at, tz) if s.updated_at else feed_updated for s in stories}
    published = {s.id: feed_instant(s.published_at, tz) if s.published_at else updated[s.id] for s in stories}
    return feed_updated, updated, published


def _ordered(stories: tuple[StoryView, ...], latest: When | None, tz: ZoneInfo) -> list[StoryView]:
    """The newest stories first, ranked as the home page and `stories.json` rank them (`recency_key`: a day
    before the stories timed that day). A story with no date carries the feed's own date (`_times`), so it
    ranks with the newest story (`latest`), as its entry says."""
    return sorted(stories, key=lambda s: (recency_key(s.updated_at or latest, tz), s.id))[:FEED_LIMIT]


def write_feed(spec: FeedSpec, entries: Entries, config: Config, writer: Writer, key: str | None = None) -> None:
    """A feed's files: feedgen's layout of the feed without entries, with each entry's text (`entries`) put in."""
    latest = newest((s.updated_at for s in spec.stories), config.timezone)  # the feed's date, and an undated story's
    feed_updated, updated, published = _times(spec.stories, latest, config.timezone)
    stories = _ordered(spec.stories, latest, config.timezone)
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
        empty = _serialised(fg, kind)
        start = _entries_start(empty, kind)
        texts = [entries.text(kind, story, published[story.id], updated[story.id]) for story in stories]
        writer.write_bytes(spec.base + self_name, "".join((empty[:start], *texts, empty[start:])).encode("utf-8"), key)

    head = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": page_url,
        "feed_url": config.absolute_url(spec.base + "feed.json"),
        "description": spec.description,
        "language": config.language,
        "authors": [{"name": config.author or config.title, "url": config.absolute_url("/")}],
    }
    items = [entries.text("json", story, published[story.id], updated[story.id]) for story in stories]
    writer.write_text(spec.base + "feed.json", document(head, "items", items) + "\n", key)
