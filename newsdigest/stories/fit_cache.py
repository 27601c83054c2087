"""What grouping's fit decides, kept between builds: a cluster label per post.

The fit's labels are a function of every post, in order, of the settings and
of this stage's code, so they are filed under the digest of all of those: a
build whose posts are unchanged (an editor's note, a template, the settings of
the site) does not fit at all, and imports neither NumPy nor SciPy. When it
must fit, the posts' bags of terms come from their own cache (`bag_cache`).
Labels are trusted only in the shape a fit makes (see `cache_store`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsdigest.cache_store import Store, digest
from newsdigest.model import Post
from newsdigest.stories.story_cache import stage_digest

if TYPE_CHECKING:
    from newsdigest.stories.index import GroupingSettings

LABELS_FOLDER = "labels"
"""The folder, inside the stage's cache, of the last fit's labels (one entry)."""


def fitted_labels(posts: Sequence[Post], settings: GroupingSettings | None, cache_dir: Path | None,
                  digests: Mapping[str, str]) -> list[int]:
    """A cluster label per post of `posts` (sorted by id), as `StoryIndex(settings).fit(posts)` gives them.

    `settings` None are the defaults, which the code's digest covers: the engine is imported only to fit.
    """
    store = Store(cache_dir / LABELS_FOLDER if cache_dir is not None else None)
    chosen = "default settings" if settings is None else repr(settings)
    key = digest("labels", stage_digest(), chosen, *(digests[p.id] for p in posts))
    labels = store.get(key, lambda value: _valid_labels(value, len(posts)))
    if labels is None:
        from newsdigest.stories.bag_cache import cached_bags
        from newsdigest.stories.index import StoryIndex

        labels = StoryIndex(settings).fit(posts, cached_bags(posts, cache_dir, digests) if posts else None)
        store.put(key, labels)
        store.keep_only((key,))
    return labels


def _valid_labels(value: object, count: int) -> bool:
    return isinstance(value, list) and len(value) == count and all(type(label) is int for label in value)
