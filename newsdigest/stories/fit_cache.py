"""What grouping's fit decides, kept between builds: a cluster label per post.

The fit's labels are a function of every post, in order, of the settings and
of this stage's code, so they are filed under the digest of all of those: a
build whose posts are unchanged (an editor's note, a template, the settings of
the site) does not fit at all, and imports neither NumPy nor SciPy.

More precisely, the fit reads of the posts only their ids (the order of the
rows), their publication times and their bags of terms (`StoryIndex.fit`), so
its labels are filed under the digest of exactly those too. A post edited
where grouping does not look (a byline, tags, a `story:` pin, emphasis or
punctuation in the text: anything that leaves its terms and its date as they
were) changes the first key but not the second, and the labels of the last fit
are the ones a fit would give, without fitting. The bags come from their own
cache (`bag_cache`), so only the edited posts are read for terms. Labels are
trusted only in the shape a fit makes (see `cache_store`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsdigest.cache_store import Store, digest
from newsdigest.model import Post
from newsdigest.stories.story_cache import stage_digest

if TYPE_CHECKING:
    from newsdigest.stories.bags import Bags
    from newsdigest.stories.index import GroupingSettings

LABELS_FOLDER = "labels"
"""The folder, inside the stage's cache, of the last fit's labels (under its two keys)."""


def fitted_labels(posts: Sequence[Post], settings: GroupingSettings | None, cache_dir: Path | None,
                  digests: Mapping[str, str]) -> list[int]:
    """A cluster label per post of `posts` (sorted by id), as `StoryIndex(settings).fit(posts)` gives them.

    `settings` None are the defaults, which the code's digest covers: the engine is imported only to fit.
    """
    store = Store(cache_dir / LABELS_FOLDER if cache_dir is not None else None)
    chosen = "default settings" if settings is None else repr(settings)

    def valid(value: object) -> bool:
        return _valid_labels(value, len(posts))

    key = digest("labels", stage_digest(), chosen, *(digests[p.id] for p in posts))
    labels = store.get(key, valid)
    if labels is None:
        from newsdigest.stories.bag_cache import cached_bags
        from newsdigest.stories.index import StoryIndex

        bags = cached_bags(posts, cache_dir, digests) if posts else None
        terms = terms_key(posts, bags, chosen)
        labels = store.get(terms, valid)
        if labels is None:
            labels = StoryIndex(settings).fit(posts, bags)
            store.put(terms, labels)
        store.put(key, labels)
        store.keep_only((key, terms))
    return labels


def terms_key(posts: Sequence[Post], bags: Bags | None, chosen: str) -> str:
    """The digest of all the fit reads: each post's id and publication time, in order, and their bags of terms
    (None: no posts), with the settings (`chosen`) and this stage's code."""
    arrays = () if bags is None else (bags.columns, bags.counts, bags.sizes)
    return digest("labels of terms", stage_digest(), chosen, *(p.id for p in posts),
                  *(repr(p.published) for p in posts), *(f"{a.dtype}{a.shape}".encode() + a.tobytes() for a in arrays))


def _valid_labels(value: object, count: int) -> bool:
    return isinstance(value, list) and len(value) == count and all(type(label) is int for label in value)
