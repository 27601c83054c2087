"""The shared language of the four stages.

Every stage speaks in these frozen dataclasses and nothing else: ingest makes
`Post`s, the stories stage makes `Story`s out of them, the site stage renders
`Story`s. Keeping them immutable means a stage can never quietly change what an
earlier stage decided.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any, Mapping, TypeGuard

When = datetime | date
"""A post's or story's date as its source knows it: a `datetime` when a time of day was stated, a bare
`date` when only the day was (written back as `2025-09-05`). Python refuses to order a `date` against a
`datetime` (`<`, `max`, `sorted`) and a `date` has no `.time()` or `.astimezone()`, so those mix-ups fail
loudly; but `==` between the two is quietly False and `isinstance(x, date)` holds for a `datetime` too,
so every reader goes through the helpers below (`is_timed`, `day_of`, `sort_key`…) rather than testing
types itself."""

_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?")


def parse_iso(text: str, zone: tzinfo = UTC) -> When:
    """ISO 8601 text as the date it states: the one reading of ISO dates, shared by ingest and post files.

    A date written without a time is its day, and a zone written after a bare day (`2025-09-05+02:00`)
    does not move it: the day is the one written. A time keeps its offset; a naive one is placed in
    `zone`. Anything else raises `ValueError`.
    """
    text = text.strip()
    day = _ISO_DAY.fullmatch(text)
    try:
        return date.fromisoformat(day.group(1) if day else text)
    except ValueError:
        moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def is_timed(value: When) -> TypeGuard[datetime]:
    """True when the source stated a time of day, not just the day."""
    return isinstance(value, datetime)


def earliest_instant(value: When) -> datetime:
    """The earliest instant a date allows, in UTC: a day known only to the day is read as the UTC day,
    so this is its first moment; a naive time is taken as UTC."""
    if not is_timed(value):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def latest_instant(value: When) -> datetime:
    """The latest instant a date allows, in UTC: a day may mean any time that day (read as the UTC day).

    Ordering by it never puts a version dated only by its day ahead of one timed
    on that same day; a naive time is taken as UTC.
    """
    if not is_timed(value):
        return earliest_instant(value) + timedelta(days=1) - timedelta(microseconds=1)
    return earliest_instant(value)


def day_of(value: When, zone: tzinfo | None = None) -> date:
    """The day a date falls on: a day is its own day in every zone; a time falls on its day in `zone`
    (in its own offset when no zone is given, the day its outlet's readers saw)."""
    if not is_timed(value):
        return value
    if zone is not None and value.tzinfo is not None:
        value = value.astimezone(zone)
    return value.date()


def sort_key(value: When | None) -> tuple[int, float]:
    """Oldest first with undated last (`sorted(..., key=...)` ascending), by `latest_instant`: a day
    sorts after every time of that day, since it may mean any of them."""
    if value is None:
        return (1, 0.0)
    return (0, latest_instant(value).timestamp())


def recency_key(value: When | None) -> tuple[int, float]:
    """Newest first with undated last, the order of every list of stories (`stories.json`, the home page,
    the feeds): `sort_key` reversed, so a day comes before every time of that day, and only the
    undated stay last."""
    undated, instant = sort_key(value)
    return (undated, -instant)


def iso_text(value: When) -> str:
    """ISO 8601 as a post file and the site's data write it: a day stays a bare date (`2025-09-05`), a
    time keeps its offset."""
    return value.isoformat()


def iso_text_or_none(value: When | None) -> str | None:
    """`iso_text`, or None where the date is unknown: what a post file and `ingest --explain` show for it."""
    return None if value is None else iso_text(value)


@dataclass(frozen=True)
class Post:
    """One outlet's version of an article, as normalised into `content/posts/<id>.md`."""

    id: str
    title: str
    body: str
    source: str
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: When | None = None
    updated: When | None = None
    url: str | None = None
    excerpt: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    lang: str | None = None
    story: str | None = None
    title_derived: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def when(self) -> When | None:
        """The latest moment this version was touched: updated, else published."""
        return self.updated or self.published

    @cached_property
    def digest(self) -> str:
        """The digest of every field but `path` (where its file lies is no part of what a post says): what the
        later stages' caches file a post's results under, and what the site stage keys its pages by.

        Worked out once per post: grouping, analysis and rendering each ask for it, and a post kept in the
        posts cache (`pipeline.PostCache`) carries it, so a build does not spell out thousands of posts again.
        A post is never changed once made (`dataclasses.replace` makes a new one, which works it out anew).
        """
        return hashlib.sha256(repr([getattr(self, f.name) for f in fields(self) if f.name != "path"]).encode()
                              ).hexdigest()


class RelationKind(str, Enum):
    """How one version relates to the others of its story."""

    FIRST = "first"
    """The earliest version: everything else came after it."""
    COPY = "copy"
    """Near-verbatim copy of another version."""
    REWRITE = "rewrite"
    """A paraphrase or spun copy of another version: same sentences, other words."""
    INDEPENDENT = "independent"
    """Its own reporting: little of its text is found in any other version."""


@dataclass(frozen=True)
class Relation:
    kind: RelationKind
    of: str | None = None
    """The id of the post this one copies or rewrites, where there is one."""
    share: float = 0.0
    """The share of this version's sentences found in `of` (0..1)."""
    evidence: tuple[tuple[str, str], ...] = ()
    """A few (sentence of this version, sentence of `of`) pairs that show the copying, side by side."""


@dataclass(frozen=True)
class Quote:
    """A direct quotation and the versions that carry it."""

    text: str
    speaker: str | None
    post_ids: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    """What one version states about a disputed thing."""

    post_id: str
    value: str
    sentence: str


@dataclass(frozen=True)
class Disagreement:
    """The versions state the same thing differently (a number, a date, a name)."""

    subject: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Version:
    """A post as it stands in its story: how it relates, and what only it says."""

    post: Post
    relation: Relation
    additions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    """One event, told by one or more outlets."""

    id: str
    slug: str
    title: str
    summary: str
    versions: tuple[Version, ...]
    published: When | None = None
    updated: When | None = None
    quotes: tuple[Quote, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    featured: bool = False
    hidden: bool = False
    aliases: tuple[str, ...] = ()
    """Slugs this story was known by before a merge; their pages redirect here."""
    summary_by_editor: bool = False
    editor_note: str = ""
    """Markdown the editor wrote in `content/stories/<slug>.md`, if any."""

    @property
    def url(self) -> str:
        return f"/stories/{self.slug}/"

    @property
    def posts(self) -> tuple[Post, ...]:
        return tuple(v.post for v in self.versions)

    @property
    def outlets(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for post in self.posts:
            if post.outlet:
                seen.setdefault(post.outlet, None)
        return tuple(seen)

    @property
    def tags(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for post in self.posts:
            for tag in post.tags:
                seen.setdefault(tag, None)
        return tuple(seen)


@dataclass(frozen=True)
class IngestReport:
    """What ingest did with each source: the build's summary line, and what an up-to-date build repeats."""

    written: tuple[Path, ...] = ()
    """Posts created or refreshed."""
    unchanged: tuple[Path, ...] = ()
    """Posts already exactly as ingest would write them."""
    kept: tuple[Path, ...] = ()
    """Posts left alone because the editor changed them."""
    skipped: tuple[tuple[Path, str], ...] = ()
    """Sources that gave no post, with the reason."""
    renamed: tuple[tuple[Path, str], ...] = ()
    """Sources whose name gave the same id as another's, with the distinct id each got instead."""
