"""The site's catalogue: every story, post, outlet, tag and day, ordered once.

Pages, feeds and the sitemap all list the same things in the same order; doing
the grouping and ordering here means the front page, a tag feed and an outlet
page can never disagree about which stories exist or which comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from newsdigest.model import Story
from newsdigest.site.context import Directory, PostView, Ref, StoryView, post_view, story_view
from newsdigest.site.dates import day_label, recency_key


@dataclass(frozen=True)
class Edition:
    """One day's edition: every story with a version published or updated that day."""

    day: date
    url: str
    label: str
    stories: tuple[StoryView, ...]

    @property
    def iso(self) -> str:
        return self.day.isoformat()


@dataclass(frozen=True)
class Section:
    """An outlet's or a tag's page: the stories it is part of, newest first."""

    ref: Ref
    stories: tuple[StoryView, ...]
    posts: tuple[PostView, ...]


@dataclass(frozen=True)
class Catalog:
    stories: tuple[StoryView, ...]
    """Every story, hidden ones included (their pages exist, unlisted)."""
    listed: tuple[StoryView, ...]
    """Visible stories, newest activity first, undated last."""
    posts: tuple[PostView, ...]
    editions: tuple[Edition, ...]
    """Newest day first."""
    undated: tuple[StoryView, ...]
    outlets: tuple[Section, ...]
    tags: tuple[Section, ...]
    raw: tuple[Story, ...]

    @property
    def latest_edition(self) -> Edition | None:
        return self.editions[0] if self.editions else None

    def front_page(self, limit: int) -> tuple[StoryView, ...]:
        """Featured stories first, then the latest day's edition (coverage, then recency)."""
        featured = [s for s in self.listed if s.featured]
        today = list(self.latest_edition.stories) if self.latest_edition else list(self.undated)
        rest = [s for s in today if not s.featured]
        return tuple(featured + rest)[: max(limit, len(featured))]


def build_catalog(stories: tuple[Story, ...] | list[Story], tz: ZoneInfo, site_root: str = "/") -> Catalog:
    directory = Directory(site_root)
    seen_slugs: dict[str, str] = {}
    views: list[StoryView] = []
    posts: list[PostView] = []
    seen_posts: set[str] = set()
    for story in stories:
        if story.slug in seen_slugs:
            raise ValueError(f"stories {seen_slugs[story.slug]!r} and {story.id!r} share the slug {story.slug!r}")
        seen_slugs[story.slug] = story.id
        view = story_view(story, tz, directory)
        views.append(view)
        for version_view, version in zip(view.versions, _ordered_versions(story, view)):
            if version.post.id in seen_posts:
                continue  # one page per post, under the first story that holds it
            seen_posts.add(version.post.id)
            posts.append(post_view(version_view, view, version.post, tz))

    listed = sorted((v for v in views if not v.hidden), key=lambda v: (recency_key(v.updated_at, tz), -len(v.outlets)))
    return Catalog(
        stories=tuple(views),
        listed=tuple(listed),
        posts=tuple(posts),
        editions=_editions(listed, tz),
        undated=tuple(v for v in listed if not v.activity_days),
        outlets=_sections(listed, posts, lambda s: s.outlets, lambda p: (p.version.outlet,) if p.version.outlet else ()),
        tags=_sections(listed, posts, lambda s: s.tags, lambda p: p.version.tags),
        raw=tuple(stories),
    )


def _ordered_versions(story: Story, view: StoryView):
    by_id = {v.post.id: v for v in story.versions}
    return [by_id[v.id] for v in view.versions]


def _edition_order(tz: ZoneInfo):
    return lambda s: (not s.featured, -len(s.outlets), recency_key(s.updated_at, tz))


def _editions(listed: list[StoryView], tz: ZoneInfo) -> tuple[Edition, ...]:
    days: dict[date, list[StoryView]] = {}
    for story in listed:
        for day in story.activity_days:
            days.setdefault(day, []).append(story)
    return tuple(
        Edition(day=day, url=f"/editions/{day.isoformat()}/", label=day_label(day),
                stories=tuple(sorted(days[day], key=_edition_order(tz))))
        for day in sorted(days, reverse=True)
    )


def _sections(listed, posts, story_refs, post_refs) -> tuple[Section, ...]:
    stories_by: dict[str, list[StoryView]] = {}
    posts_by: dict[str, list[PostView]] = {}
    refs: dict[str, Ref] = {}
    listed_ids = {s.id for s in listed}
    for story in listed:
        for ref in story_refs(story):
            refs.setdefault(ref.url, ref)
            stories_by.setdefault(ref.url, []).append(story)
    for post in posts:
        if post.story.id not in listed_ids:
            continue
        for ref in post_refs(post):
            posts_by.setdefault(ref.url, []).append(post)
    return tuple(
        Section(ref=refs[url], stories=tuple(stories_by[url]), posts=tuple(posts_by.get(url, ())))
        for url in sorted(refs, key=lambda u: refs[u].name.casefold())
    )
