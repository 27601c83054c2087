"""Guess which story a new post joins, for a preview, with the stories stage's own index.

Grouping a site of thousands of articles from scratch takes seconds, but the
stories stage's `StoryIndex` can also place one more post into clusters it
has already fitted (`StoryIndex.add`: candidate lookup plus a few dot
products, milliseconds). The server keeps one fitted index in memory and asks
it where a newly ingested post belongs; the story holding its cluster-mates
is then previewed with the new version added. The full regroup that settles
the site still decides for real (relations, analysis, a new story's id).

This is a preview aid only: when the stories stage does not offer the index,
when it has not been fitted yet, or when anything about it fails, the caller
takes the full way, so nothing depends on it being right.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from newsdigest.model import Post

log = logging.getLogger(__name__)


class Placer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: object | None = None
        self._placed: dict[str, tuple[str, ...]] = {}
        """Post id -> its cluster-mates when placed (empty for the posts the index was fitted on)."""

    def prepare(self, posts: Sequence[Post]) -> None:
        """Fit an index on `posts` in the background (the way the stories stage does), replacing any other."""
        thread = threading.Thread(target=self._fit, args=(tuple(posts),), name="newsdigest-placement", daemon=True)
        thread.start()

    def _fit(self, posts: tuple[Post, ...]) -> None:
        try:
            from newsdigest.stories.group import DEFAULT_SETTINGS
            from newsdigest.stories.index import StoryIndex

            index = StoryIndex(DEFAULT_SETTINGS)
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
