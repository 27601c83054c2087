"""The stories stage's incremental entry points, for previews: place a post, revise the stories of edited posts.

Grouping a site of thousands of articles from scratch takes seconds, but
`StoryIndex` can also place one more post into clusters it has already fitted
(`StoryIndex.add`: candidate lookup plus a few dot products, milliseconds).
`Placer` keeps one fitted index and says where a new post belongs;
`with_new_versions` adds it to the story holding its cluster-mates, and
`revised` puts edited posts in place in their stories. The full regroup
(`group`) still decides for real (relations, analysis, a new story's id).

These are preview aids only: when the index has not been fitted yet, or when
anything about it fails, the caller takes the full way, so nothing depends on
them being right.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Mapping, Sequence

from newsdigest.background import Background
from newsdigest.model import Post, Relation, RelationKind, Story, Version

log = logging.getLogger(__name__)


class Placer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: object | None = None
        self._placed: dict[str, tuple[str, ...]] = {}
        """Post id -> its cluster-mates when placed (empty for the posts the index was fitted on)."""
        self._fits = Background("newsdigest-placement")

    def prepare(self, posts: Sequence[Post]) -> None:
        """Fit an index on `posts` in the background (the way the stories stage does), replacing any other."""
        self._fits.start(self._fit, tuple(posts))

    def join(self, timeout: float) -> bool:
        """Wait (bounded) for the fits in progress, numpy and scipy work that cannot be interrupted
        (see `newsdigest.background`); True when none is left running."""
        return self._fits.join(timeout)

    def _fit(self, posts: tuple[Post, ...]) -> None:
        try:
            from newsdigest.stories.index import StoryIndex  # the way `group` fits (with the default settings)

            index = StoryIndex()
            index.fit(sorted(posts, key=lambda p: p.id))  # the order `group` fits in
        except Exception:  # an aid, not a requirement
            log.debug("no story index for previews", exc_info=True)
            return
        with self._lock:
            self._index = index
            self._placed = {post.id: () for post in posts}

    def place(self, posts: Sequence[Post]) -> dict[str, tuple[str, ...]] | None:
        """For each new post, the ids of the posts in the cluster it joins; None when no guess can be made."""
        with self._lock:
            index = self._index
            if index is None:
                return None
            try:
                found: dict[str, tuple[str, ...]] = {}
                for post in posts:
                    if post.id not in self._placed:
                        label = index.add(post)  # type: ignore[attr-defined]
                        mates = index.posts_of(label)  # type: ignore[attr-defined]
                        self._placed[post.id] = tuple(pid for pid in mates if pid != post.id)
                    # (A post placed by an earlier preview that has not settled yet keeps its place.)
                    found[post.id] = self._placed[post.id]
                return found
            except Exception:
                log.debug("placing a new post failed", exc_info=True)
                self._index = None  # in an unknown state now: guess no more until refitted
                return None


def revised(stories: Sequence[Story], posts: Sequence[Post]) -> list[Story]:
    """The stories holding a post that changed, with the new post in place of the old one.

    Membership, relations and the story's own analysis stay as they were: a
    preview until the full regroup settles it.
    """
    by_id = {post.id: post for post in posts}
    patched = []
    for story in stories:
        if any(by_id.get(version.post.id, version.post) != version.post for version in story.versions):
            versions = tuple(dataclasses.replace(v, post=by_id.get(v.post.id, v.post)) for v in story.versions)
            patched.append(dataclasses.replace(story, versions=versions))
    return patched


def with_new_versions(stories: Sequence[Story], patched: Sequence[Story], added: Sequence[Post],
                      mates: Mapping[str, Sequence[str]]) -> list[Story] | None:
    """`patched` plus each new post as a version of the story its cluster-mates (`Placer.place`) are in.

    None when a post has no mate in any story: it starts a story of its own,
    whose id and slug only a full `group` can give.
    """
    home = {post.id: story.id for story in stories for post in story.posts}
    result = {story.id: story for story in stories}
    result.update({story.id: story for story in patched})
    touched = {story.id for story in patched}
    for post in added:
        target = next((home[mate] for mate in mates.get(post.id, ()) if mate in home), None)
        if target is None:
            return None
        story = result[target]
        version = Version(post, Relation(RelationKind.INDEPENDENT))  # until the analysis says otherwise
        result[target] = dataclasses.replace(story, versions=(*story.versions, version))
        touched.add(target)
    return [result[story_id] for story_id in sorted(touched)]
