"""Stage 2 entry: posts in, stories out (`group(posts, config)`).

The order of work, and why:

1. **Cluster** every post by its text, names, numbers and date
   (`index.StoryIndex`); nothing the editor said is needed to find events.
2. **Recognise** the clusters against the registry of last build, only to learn
   which slug each one answers to, so that `content/stories/<slug>.md` finds
   its story. The posts the editor pinned do not count here (see
   `_provisional`: else a split is undone by the next build). Only when there
   are overrides to apply; a cluster the registry
   does not know answers to the slug of the headline its analysis gives it,
   so only those clusters are analysed here.
3. **Apply the editor's overrides**: pinned posts move in, excluded posts move
   out, a pin to an unknown slug founds a new story (a split).
4. **Analyse** each final group (cached per story: `story_cache`), which also
   chooses its headline, from the versions its summary comes from. A group
   analysed in step 2 and left as it was by the overrides is not analysed
   again; one the overrides changed is (its analysis of step 2 was only for
   its slug).
5. **Identify** the final groups against the registry (`identity.assign`; a new
   story's slug is made from its headline once, then kept, so a later headline
   never moves its URL), record the new membership, and **assemble** each group
   into a `Story`.

Overrides are checked before any of this: an override naming a post that does
not exist stops the build with the file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdigest.config import Config
from newsdigest.model import Post, Story
from newsdigest.stories.assemble import build_story, chronological, founder_key, newest_first
from newsdigest.stories.fit_cache import fitted_labels
from newsdigest.stories.identity import Group, Identity, Registry, assign, load_registry, save_registry
from newsdigest.stories.overrides import Override, load_overrides, validate
from newsdigest.stories.story_cache import StoryAnalyses, post_digests

if TYPE_CHECKING:
    from newsdigest.stories.index import GroupingSettings


def group(posts: Sequence[Post], config: Config, settings: GroupingSettings | None = None) -> tuple[Story, ...]:
    """Group posts into stories, newest first, and remember their identities in the registry.

    `settings`: grouping's knobs (None: the defaults, without importing the grouping engine unless it runs).
    """
    overrides = load_overrides(config)
    problems = validate(overrides, posts)
    if problems:
        raise problems[0]
    registry = load_registry(config.stories_dir)
    stories, updated = group_posts(posts, overrides, registry, settings, cache_dir=config.cache_dir / "stories")
    if posts or registry.stories:
        save_registry(config.stories_dir, updated)
    return stories


def group_posts(
    posts: Sequence[Post],
    overrides: Sequence[Override] = (),
    registry: Registry | None = None,
    settings: GroupingSettings | None = None,
    *,
    cache_dir: Path | None = None,
) -> tuple[tuple[Story, ...], Registry]:
    """The pure core of `group`: no files read or written (but the analysis cache in `cache_dir`, if given)."""
    registry = registry or Registry()
    ordered = sorted(posts, key=lambda p: p.id)
    digests = post_digests(ordered)
    labels = fitted_labels(ordered, settings, cache_dir, digests)
    clusters: dict[int, list[Post]] = {}
    for post, label in zip(ordered, labels):
        clusters.setdefault(label, []).append(post)
    groups = [chronological(c) for c in clusters.values()]
    groups.sort(key=lambda g: founder_key(g[0]))
    analyse = StoryAnalyses(cache_dir, digests)  # the headline comes of the analysis: groups are titled by it

    def headlines(members: list[list[Post]]) -> list[str]:
        return [a.headline for a in analyse(members)]

    regrouped = _apply_overrides(groups, overrides, ordered, registry, headlines)
    targets = _targets(regrouped.plans, overrides)
    analyses = analyse(regrouped.members)
    analyse.finish()
    final = [
        Group(
            posts=tuple(p.id for p in members),
            title=(targets[n].title if n in targets and targets[n].title else None) or analysis.headline,
            slug=regrouped.slugs.get(n),
        )
        for n, (members, analysis) in enumerate(zip(regrouped.members, analyses))
    ]
    identities, updated = assign(final, registry)
    stories = [
        build_story(members, analysis, identity, group.title, targets.get(n))
        for n, (members, analysis, identity, group) in enumerate(zip(regrouped.members, analyses, identities, final))
    ]
    return newest_first(stories), updated


@dataclass
class _Regrouped:
    members: list[list[Post]]
    slugs: dict[int, str]
    """Group index -> the slug the editor fixed for it (override file name or a post's `story:`)."""
    plans: dict[int, str]
    """Group index -> slug of the override that applies to it."""


def _apply_overrides(
    groups: list[list[Post]], overrides: Sequence[Override], posts: Sequence[Post], registry: Registry,
    headlines: Callable[[list[list[Post]]], list[str]],
) -> _Regrouped:
    if not overrides and not any(post.story for post in posts):
        return _Regrouped(members=groups, slugs={}, plans={})
    pinned_by_override = {pid for o in overrides for pid in o.posts}
    pinned = pinned_by_override | {post.id for post in posts if post.story}
    provisional = _provisional([[p for p in g if p.id not in pinned] for g in groups], registry, headlines)
    where: dict[str, int] = {}
    for n, identity in enumerate(provisional):
        for name in (identity.id, identity.slug, *identity.aliases) if identity is not None else ():
            where.setdefault(name, n)
    members = [list(g) for g in groups]
    home = {p.id: n for n, g in enumerate(members) for p in g}
    by_id = {p.id: p for p in posts}
    slugs: dict[int, str] = {}
    plans: dict[int, str] = {}

    def target(slug: str, story_id: str | None = None) -> int:
        n = where.get(story_id or "", where.get(slug))
        if n is None:
            members.append([])
            n = len(members) - 1
            where[slug] = n
        slugs.setdefault(n, slug)
        return n

    def move(pid: str, n: int) -> None:
        old = home.get(pid)
        if old == n:
            return
        if old is not None:
            members[old] = [p for p in members[old] if p.id != pid]
        members[n].append(by_id[pid])
        home[pid] = n

    for override in overrides:
        n = target(override.slug, override.story_id)
        plans[n] = override.slug
        for pid in override.exclude:
            if home.get(pid) == n:
                members.append([])
                move(pid, len(members) - 1)
    for override in overrides:
        n = target(override.slug, override.story_id)
        for pid in override.posts:
            move(pid, n)
    for post in posts:
        if post.story and post.id not in pinned_by_override:
            move(post.id, target(post.story, post.story))
    kept = [n for n, g in enumerate(members) if g]
    renumber = {old: new for new, old in enumerate(kept)}
    return _Regrouped(
        members=[chronological(members[n]) for n in kept],
        slugs={renumber[n]: s for n, s in slugs.items() if n in renumber},
        plans={renumber[n]: s for n, s in plans.items() if n in renumber},
    )


def _provisional(groups: list[list[Post]], registry: Registry,
                 headlines: Callable[[list[list[Post]]], list[str]]) -> list[Identity | None]:
    """Which story each automatic group answers to (None: a group of pinned posts only), asked of the registry
    without keeping its answer. A story the registry knows answers to its own slug; only a new one needs its
    headline (its analysis) to make one, so only those groups are analysed before the overrides move posts.

    `groups` are grouping's, without the posts the editor pinned (a post's `story:`, an override's `posts`):
    where a pinned post goes is the pin's to say, so it must not also decide which story a group answers to.
    Grouping keeps putting a pinned post back among the neighbours it was split from; were it counted there,
    the story it was pinned to would look merged into theirs, the pin would then lead to their group, and the
    build after a split would undo it (all of them moved under the pinned slug, their own slug retired). The
    editor who wrote `story: x` wants that post in story x and nothing else moved, on every build.
    """
    present = [n for n, g in enumerate(groups) if g]
    ids = [tuple(p.id for p in groups[n]) for n in present]
    found = assign([Group(members, "") for members in ids], registry)[0]
    new = [k for k, identity in enumerate(found) if identity.id not in registry.stories]
    if new:
        named = dict(zip(new, headlines([groups[present[k]] for k in new])))
        found = assign([Group(members, named.get(k, "")) for k, members in enumerate(ids)], registry)[0]
    answers: list[Identity | None] = [None] * len(groups)
    for k, n in enumerate(present):
        answers[n] = found[k]
    return answers


def _targets(plans: dict[int, str], overrides: Sequence[Override]) -> dict[int, Override]:
    by_slug = {o.slug: o for o in overrides}
    return {n: by_slug[slug] for n, slug in plans.items() if slug in by_slug}


__all__ = ["group", "group_posts"]
