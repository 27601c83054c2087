"""Markdown with front matter: posts from Jekyll, Hugo and other static sites.

Their front matter already says what the article is, in each generator's own
words: Jekyll's `date`, `excerpt`, `categories`, `last_modified_at`; Hugo's
`lastmod`, `description`, `summary`, `cover`, `authors`. This maps those words
onto the post's, reads naive dates in the site's time zone, and keeps any key
it has no place for, so nothing the source said is lost.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, tzinfo
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from newsdigest.errors import SourceError
from newsdigest.ingest.article import Article, headline_or_lead
from newsdigest.ingest.authors import clean_authors
from newsdigest.ingest.dates import parse_date
from newsdigest.ingest.language import language_of
from newsdigest.ingest.text_dateline import dateline_in_prose


# Post field <- front-matter keys, first present wins.
_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "published": ("published", "date", "pubdate", "pubDate", "publishdate", "publishDate", "date_published",
                  "datePublished", "created", "created_at"),
    "updated": ("updated", "lastmod", "last_modified_at", "modified", "dateModified", "date_modified",
                "updated_at", "last_updated"),
    "excerpt": ("excerpt", "description", "summary", "subtitle", "abstract", "lead"),
    "image": ("image", "featured_image", "featuredImage", "cover", "cover_image", "thumbnail", "images",
              "og_image", "hero", "header"),
    "authors": ("author", "authors", "byline", "creator", "creators"),
    "url": ("url", "canonical_url", "canonicalURL", "canonical", "original_url", "link", "source_url"),
    "outlet": ("outlet", "publisher", "site_name", "sitename", "site", "publication"),
    "lang": ("lang", "language", "locale"),
    "section": ("section", "category"),
    "story": ("story",),
}  # fmt: skip
_TAG_KEYS = ("categories", "tags", "keywords", "topics")
# Keys that describe the source site's own rendering, not the article.
_SITE_ONLY = frozenset(["layout", "draft", "slug", "permalink", "weight", "type", "aliases", "menu", "toc", "comments", "sitemap", "id", "source"])


class _TomlHandler(BaseHandler):
    """Hugo's `+++` front matter, read with the standard library (python-frontmatter's own needs `toml`)."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        return tomllib.loads(fm)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        raise NotImplementedError("sources are read, never written")


class _YamlHandler(YAMLHandler):
    """YAML front matter read with libyaml's C loader where PyYAML has it (the pure Python one is ten times slower)."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=_LOADER)  # noqa: S506 - a safe loader


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_HANDLERS = (_YamlHandler(), _TomlHandler())


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as a mapping, and the body after it."""
    text = text.lstrip()
    handler = next((h for h in _HANDLERS if h.detect(text)), None)
    if handler is None:
        raise SourceError("no front matter found")
    try:
        meta, body = frontmatter.parse(text, handler=handler)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError(f"front matter is not valid: {problem}") from None
    if not isinstance(meta, dict):
        raise SourceError("front matter is not a mapping of keys to values")
    return meta, body


def read_markdown(text: str, *, timezone: tzinfo | None = None) -> Article:
    """The article of a Markdown source with front matter."""
    meta, body = split_front_matter(text)
    used: set[str] = set()

    def first(field: str) -> Any:
        for key in _KEYS[field]:
            if key in meta and meta[key] not in (None, "", [], {}):
                used.add(key)
                return meta[key]
        for key in _KEYS[field]:
            if key in meta:
                used.add(key)
        return None

    title = _text(first("title"))
    body = body.strip()
    body, heading = _drop_leading_title(body, title)
    title, title_derived = headline_or_lead(title or heading, body)
    tags: list[str] = []
    for key in _TAG_KEYS:
        if key in meta:
            used.add(key)
            tags.extend(_strings(meta[key]))
    fields = {
        "authors": clean_authors(first("authors")),
        "published": parse_date(first("published"), timezone),
        "updated": parse_date(first("updated"), timezone),
        "outlet": _text(first("outlet")),
        "section": _text(first("section")),
        "image": _image(first("image")),
        "url": _text(first("url")),
        "lang": _text(first("lang")) or language_of(body),
        "excerpt": _text(first("excerpt")),
    }
    if fields["published"] is None:
        # No date in the front matter: the body's own dateline, if it states one.
        stated = dateline_in_prose(body, timezone)
        fields["published"], fields["updated"] = stated.published, fields["updated"] or stated.updated
    story = _text(first("story"))
    extra = {
        key: _plain(value)
        for key, value in meta.items()
        if key not in used and key not in _SITE_ONLY and isinstance(key, str)
    }
    if story:
        extra["story"] = story
    return Article(
        body=body,
        title=title,
        title_derived=title_derived,
        tags=tuple(dict.fromkeys(t for t in tags if t)),
        extra=extra,
        **fields,
    )


def _drop_leading_title(body: str, title: str | None) -> tuple[str, str | None]:
    """Remove a first line that repeats the headline (`# Title` or the bare title)."""
    lines = body.split("\n", 1)
    first_line = lines[0].strip()
    heading = re.match(r"^#\s+(.+?)\s*#*$", first_line)
    candidate = heading.group(1) if heading else first_line
    if (heading and not title) or (title and _fold(candidate) == _fold(title)):
        return (lines[1].strip() if len(lines) > 1 else ""), candidate
    return body, None


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
        return _text(value)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("title"))
    text = " ".join(str(value).split())
    return text or None


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [" ".join(str(v).split()) for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _image(value: Any) -> str | None:
    # Hugo's `cover` is a table ({image = "…", alt = "…"}); `images` is a list.
    if isinstance(value, dict):
        value = value.get("image") or value.get("src") or value.get("url")
    return _text(value)


def _plain(value: Any) -> Any:
    """A front-matter value as YAML can write it back (dates as ISO text)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
