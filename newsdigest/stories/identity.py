"""Stable story ids and slugs, remembered in `content/stories/registry.json`.

A reader's bookmark and a feed reader's entry id must survive rebuilds, new
versions, re-ingested posts and regrouping. Two sources of stability:

1. **Founding post.** A story first seen gets its id from a hash of its
   founding post's id (the earliest version; undated ones count as latest), so
   the same content yields the same ids even with no history at all: deleting
   `.cache/` changes nothing, and so does a fresh checkout without the
   registry, as long as the founding post is the same.
2. **Registry.** After each build the final membership of every story is
   written to `content/stories/registry.json` (machine-written; the editor
   never needs to touch it, deleting it only loses history). A new grouping is
   matched to the registry by shared posts, so a story whose earliest post
   changes, or that gains and loses versions, keeps its id and slug.

When one new group holds the posts of several known stories, they merged: the
one with the most shared posts (then the oldest) survives and lists the
others' slugs in `aliases`, so their old pages can redirect. When a known
story splits, the part with most of its posts keeps the id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsdigest.atomic import write_atomically
from newsdigest.errors import ContentError
from newsdigest.slugs import slugify

REGISTRY_NAME = "registry.json"
REGISTRY_NOTE = (
    "Written by newsdigest after every build: which posts make up each story, so ids and URLs stay stable. "
    "Do not edit; deleting it only forgets history. Overrides go in content/stories/<slug>.md."
)
SLUG_MAX = 60


@dataclass(frozen=True)
class Known:
    """A story as the registry remembers it."""

    id: str
    slug: str
    posts: frozenset[str]
    aliases: tuple[str, ...] = ()
    order: int = 0
    """Position in the registry: lower is older, which wins ties."""


@dataclass(frozen=True)
class Identity:
    id: str
    slug: str
    aliases: tuple[str, ...] = ()


@dataclass
class Registry:
    """The remembered stories, keyed by id."""

    stories: dict[str, Known] = field(default_factory=dict)
    retired: dict[str, str] = field(default_factory=dict)
    """Slugs that must not be reused, mapped to the id of the story they now redirect to."""

    def slug_owner(self, slug: str) -> str | None:
        for known in self.stories.values():
            if known.slug == slug or slug in known.aliases:
                return known.id
        return self.retired.get(slug)


def registry_path(stories_dir: Path) -> Path:
    return stories_dir / REGISTRY_NAME


def load_registry(stories_dir: Path) -> Registry:
    """The registry in `stories_dir`; empty when missing or unreadable (it is only history)."""
    path = registry_path(stories_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stories = {}
        for order, item in enumerate(data.get("stories", [])):
            stories[item["id"]] = Known(
                id=str(item["id"]),
                slug=str(item["slug"]),
                posts=frozenset(map(str, item.get("posts", []))),
                aliases=tuple(map(str, item.get("aliases", []))),
                order=order,
            )
        retired = {str(k): str(v) for k, v in data.get("retired", {}).items()}
        return Registry(stories, retired)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Registry()


def save_registry(stories_dir: Path, registry: Registry) -> bool:
    """Write the registry if its content changed; True when a file was written."""
    ordered = sorted(registry.stories.values(), key=lambda k: k.order)
    data = {
        "note": REGISTRY_NOTE,
        "stories": [
            {"id": k.id, "slug": k.slug, "aliases": list(k.aliases), "posts": sorted(k.posts)} for k in ordered
        ],
        "retired": dict(sorted(registry.retired.items())),
    }
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    path = registry_path(stories_dir)
    try:
        if path.read_bytes() == text.encode("utf-8"):
            return False
    except OSError:
        pass
    if path.is_dir() and not path.is_symlink():
        raise ContentError("is a folder; remove it so the story registry can be written here", path)
    write_atomically(path, text, "the story registry")
    return True


@dataclass(frozen=True)
class Group:
    """A set of posts about to become a story, with what identity needs to know about it."""

    posts: tuple[str, ...]
    """Post ids, founding post first."""
    title: str
    slug: str | None = None
    """A slug the editor fixed for this group (the name of its override file), if any."""


def assign(groups: Sequence[Group], registry: Registry) -> tuple[list[Identity], Registry]:
    """An identity for every group, and the registry updated to the new membership.

    Groups are matched to known stories by the number of posts they share,
    largest overlaps first, so each known story goes to the group holding most
    of it. A group pinned to a slug by the editor takes the story of that slug.
    """
    known = registry.stories
    by_post: dict[str, list[str]] = {}
    for k in known.values():
        for post in k.posts:
            by_post.setdefault(post, []).append(k.id)
    claims: list[tuple[int, int, int, str]] = []  # (-overlap, order, group index, known id)
    for g, group in enumerate(groups):
        counts: dict[str, int] = {}
        for post in group.posts:
            for kid in by_post.get(post, ()):
                counts[kid] = counts.get(kid, 0) + 1
        for kid, count in counts.items():
            claims.append((-count, known[kid].order, g, kid))
    owner: dict[int, str] = {}
    taken: set[str] = set()
    # The editor's pinned slugs are settled first.
    for g, group in enumerate(groups):
        if group.slug:
            kid = registry.slug_owner(group.slug)
            if kid in known and kid not in taken:
                owner[g] = kid
                taken.add(kid)
    for _, _, g, kid in sorted(claims):
        if g in owner or kid in taken:
            continue
        owner[g] = kid
        taken.add(kid)
    # Known stories whose posts now sit in a group owned by another story were merged into it.
    absorbed: dict[int, list[str]] = {}
    for neg, _, g, kid in sorted(claims):
        if kid not in taken and g in owner:
            absorbed.setdefault(g, []).append(kid)
            taken.add(kid)

    used_ids = set(known) | set(registry.retired.values())
    used_slugs = {s for k in known.values() for s in (k.slug, *k.aliases)} | set(registry.retired)
    identities: list[Identity] = []
    new_stories: dict[str, Known] = {}
    retired = dict(registry.retired)
    next_order = max((k.order for k in known.values()), default=-1) + 1
    for g, group in enumerate(groups):
        if g in owner:
            old = known[owner[g]]
            aliases = list(old.aliases)
            for kid in absorbed.get(g, ()):
                gone = known[kid]
                for slug in (gone.slug, *gone.aliases):
                    if slug not in aliases and slug != old.slug:
                        aliases.append(slug)
            identity = Identity(old.id, old.slug, tuple(aliases))
            order = old.order
        else:
            story_id = _fresh_id(group.posts[0] if group.posts else group.slug or "story", used_ids)
            slug = group.slug if group.slug and group.slug not in used_slugs else _fresh_slug(group.title, used_slugs)
            used_ids.add(story_id)
            used_slugs.add(slug)
            identity = Identity(story_id, slug)
            order = next_order
            next_order += 1
        identities.append(identity)
        new_stories[identity.id] = Known(identity.id, identity.slug, frozenset(group.posts), identity.aliases, order)
    # Stories that vanished entirely keep their slugs reserved, so a URL never changes meaning.
    for kid, old in known.items():
        if kid in new_stories:
            continue
        survivor = next((i.id for i in identities if old.slug in i.aliases), kid)
        for slug in (old.slug, *old.aliases):
            retired.setdefault(slug, survivor)
    return identities, Registry(new_stories, retired)


def founding_id(post_id: str, salt: int = 0) -> str:
    """The id a story founded by `post_id` gets: short, opaque, the same on every machine."""
    text = post_id if salt == 0 else f"{post_id}#{salt}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _fresh_id(founder: str, used: set[str]) -> str:
    salt = 0
    while (candidate := founding_id(founder, salt)) in used:
        salt += 1
    return candidate


def story_slug(title: str) -> str:
    """The address a story's title gives it: at most `SLUG_MAX` characters, "story" when it has no Latin letters."""
    return slugify(title, SLUG_MAX) or "story"


def _fresh_slug(title: str, used: set[str]) -> str:
    base = story_slug(title)
    slug, n = base, 2
    while slug in used:
        slug = f"{base}-{n}"
        n += 1
    return slug
