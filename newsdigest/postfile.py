"""The normalised post file, `content/posts/<id>.md`: YAML front matter, then Markdown.

Ingest writes these files and the pipeline reads them back, so the format lives
here, between the two. A written post carries `ingest_digest`, a hash of its own
text: if the file still hashes to it, nobody has edited it since ingest wrote
it and ingest may replace it; otherwise it is the editor's and is left alone.
The record lives in the file itself so that deleting `.cache/` cannot make
ingest forget whose a post is.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from newsdigest.errors import ContentError
from newsdigest.front_matter import read_editor_file, split_front_matter
from newsdigest.model import Post, When, iso_text, iso_text_or_none, parse_iso

DIGEST_KEY = "ingest_digest"
KNOWN_KEYS = (
    "id", "title", "title_derived", "outlet", "author", "published", "updated", "url",
    "source", "excerpt", "tags", "image", "lang", "story",
)  # fmt: skip
_DIGEST_LINE = re.compile(rf"^{DIGEST_KEY}: .*\n", re.M)


def render_post(post: Post) -> str:
    """The text of a post file, signed with its own digest."""
    meta: dict[str, Any] = {"id": post.id, "title": post.title}
    if post.title_derived:
        meta["title_derived"] = True
    meta["outlet"] = post.outlet
    meta["author"] = list(post.authors) if len(post.authors) > 1 else (post.authors[0] if post.authors else None)
    meta["published"] = iso_text_or_none(post.published)
    if post.updated:
        meta["updated"] = iso_text(post.updated)
    meta["url"] = post.url
    meta["source"] = post.source
    meta["excerpt"] = post.excerpt
    meta["tags"] = list(post.tags)
    meta["image"] = post.image
    meta["lang"] = post.lang
    if post.story:
        meta["story"] = post.story
    for key, value in post.extra.items():
        if key not in meta and key != DIGEST_KEY:
            meta[key] = value
    head = _front_matter_text(meta)
    unsigned = f"---\n{head}---\n\n{post.body.strip()}\n"
    return _sign(unsigned)


def _front_matter_text(meta: dict[str, Any]) -> str:
    """YAML for a post's front matter, by libyaml's writer when it says the same as the pure one.

    The pure-Python writer costs most of ingesting a clean Markdown source. The two
    writers differ only in how they escape characters (libyaml writes emoji as
    `\\U...`), so a text with any escape is written again by the pure one and a
    post's bytes, hence its signature, never depend on which writer ran.
    """
    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 1000, "default_flow_style": None}
    dumper = getattr(yaml, "CSafeDumper", None)
    if dumper is not None:
        head = yaml.dump(meta, Dumper=dumper, **options)
        if "\\" not in head:
            return head
    return yaml.safe_dump(meta, **options)


def is_untouched(text: str) -> bool:
    """True when a post file is exactly what ingest wrote (its digest still matches)."""
    match = re.search(rf"^{DIGEST_KEY}: (\w+)$", text, re.M)
    if not match:
        return False
    return _digest(_DIGEST_LINE.sub("", text, count=1)) == match.group(1)


def read_post(path: Path) -> Post:
    """Parse a post file; a broken one raises `ContentError` naming the file and line."""
    return parse_post(read_editor_file(path, "post"), path)


def parse_post(text: str, path: Path) -> Post:
    front = split_front_matter(text, path, required=True)
    meta, body, line_of = front.meta, front.body.strip(), front.line_of

    def text_of(key: str, required: bool = False) -> str | None:
        value = meta.get(key)
        if value is None or value == "":
            if required:
                raise ContentError(f"front matter needs '{key}'", path, line_of(key) or 2)
            return None
        if isinstance(value, (list, dict)):
            raise ContentError(f"'{key}' must be text", path, line_of(key))
        return str(value)

    def when(key: str) -> When | None:
        value = meta.get(key)
        if value in (None, ""):
            return None
        try:
            return parse_when(value)
        except ValueError:
            raise ContentError(f"'{key}' is not a date and time in ISO 8601 form: {value!r}", path, line_of(key)) from None

    def strings(key: str) -> tuple[str, ...]:
        value = meta.get(key)
        if value in (None, ""):
            return ()
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
            return tuple(str(v) for v in value if str(v).strip())
        raise ContentError(f"'{key}' must be text or a list of text", path, line_of(key))

    post_id = text_of("id") or path.stem
    source = text_of("source", required=True)
    extra = {k: v for k, v in meta.items() if k not in KNOWN_KEYS and k != DIGEST_KEY}
    return Post(
        id=post_id,
        title=text_of("title", required=True) or "",
        body=body,
        source=source or "",
        outlet=text_of("outlet"),
        authors=strings("author"),
        published=when("published"),
        updated=when("updated"),
        url=text_of("url"),
        excerpt=text_of("excerpt"),
        tags=strings("tags"),
        image=text_of("image"),
        lang=text_of("lang"),
        story=text_of("story"),
        title_derived=bool(meta.get("title_derived", False)),
        extra=extra,
        path=path,
    )


def parse_when(value: Any) -> When:
    """A front-matter date (YAML may already have parsed it), read as ingest reads one (`model.parse_iso`):
    a bare date (`2025-09-05`) is a day, known only to the day; a date with a time is that time, and a
    naive time means UTC."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return value
    return parse_iso(str(value))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _sign(unsigned: str) -> str:
    # The digest line goes last in the front matter so that the rest keeps its order.
    head_end = unsigned.index("\n---\n", 3) + 1  # the closing line, not a value ending in "---"
    signature = _digest(unsigned)
    return unsigned[:head_end] + f"{DIGEST_KEY}: {signature}\n" + unsigned[head_end:]
