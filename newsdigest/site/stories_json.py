"""`output/stories.json`: the machine-readable list of every story (a DESIGN.md contract).

Fields named in the contract are always present with those names; everything
else is an addition (relations in detail, quotes, disagreements, flags). Times
are ISO 8601 with their offset; a date known only to the day is written bare
("2024-03-28", as its post file writes it), since a midnight with an offset
would claim an hour the source never gave; null when the source gave none.
"""

from __future__ import annotations

from typing import Any

from newsdigest.cache_store import Table
from newsdigest.config import Config
from newsdigest.model import Story
from newsdigest.site.catalog import Catalog
from newsdigest.site.context import StoryView, post_url
from newsdigest.site.dates import iso_utc
from newsdigest.site.json_text import document, piece
from newsdigest.site.markdown_html import safe_link
from newsdigest.site.render_keys import Keys
from newsdigest.site.writer import Writer


def story_entry(story: Story, view: StoryView, config: Config) -> dict[str, Any]:
    """One story's entry in `stories.json` (`view`: its view in the catalogue)."""
    tz = config.timezone
    return {
        "id": story.id,
        "slug": story.slug,
        "url": story.url,
        "title": story.title,
        "summary": story.summary,
        "published": iso_utc(view.published_at, tz),
        "updated": iso_utc(view.updated_at, tz),
        "posts": [
            {
                "id": version.post.id,
                "source": version.post.source,
                "outlet": version.post.outlet,
                "title": version.post.title,
                "url": safe_link(version.post.url),  # http(s) only: a reader may follow it
                "published": iso_utc(version.post.published, tz),
                "relation": getattr(version.relation.kind, "value", version.relation.kind),
                "relation_of": version.relation.of,
                "share": round(version.relation.share, 4),
                "relation_evidence": [list(pair) for pair in version.relation.evidence],
                "updated": iso_utc(version.post.updated, tz),
                "authors": list(version.post.authors),
                "page": post_url(version.post.id),
                "additions": list(version.additions),
            }
            for version in story.versions
        ],
        "absolute_url": config.absolute_url(story.url),
        "outlets": list(story.outlets),
        "tags": list(story.tags),
        "quotes": [{"text": q.text, "speaker": q.speaker, "post_ids": list(q.post_ids),
                    "shared": len(q.post_ids) > 1} for q in story.quotes],
        "first": next((v.post.id for v in story.versions if v.relation.kind == "first"), None),
        "timing": view.timing,
        "disagreements": [
            {"subject": d.subject,
             "claims": [{"post_id": c.post_id, "value": c.value, "sentence": c.sentence} for c in d.claims]}
            for d in story.disagreements
        ],
        "featured": story.featured,
        "hidden": story.hidden,
        "aliases": list(story.aliases),
    }


def write_stories_json(catalog: Catalog, config: Config, writer: Writer, keys: Keys | None,
                       entries: Table) -> None:
    """`stories.json`, each story's entry (kept in `entries`) made again only when its view's key changed.

    The file is laid out as `json.dumps({"stories": [...]}, indent=2)` lays it
    out; each entry is dumped on its own and indented to its place (`json_text`).
    """
    views = {view.id: view for view in catalog.stories}

    chunks = [entries.get(keys.page("stories.json", views[story.id]) if keys is not None else None,
                          lambda story=story: piece(story_entry(story, views[story.id], config), 2))
              for story in catalog.raw]
    writer.write_text("/stories.json", document({}, "stories", chunks) + "\n")
