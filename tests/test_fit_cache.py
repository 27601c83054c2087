"""Grouping's fit is skipped only when what it reads is unchanged, and then gives what a fit would.

The fit reads each post's id, publication time and bags of terms. An edit that
leaves those as they were (a byline, tags, spacing) reuses the last fit's
labels under the second key (`fit_cache.terms_key`); an edit to the words fits
again. Either way the stories are the ones grouping without any cache makes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np
from test_stories_group_fixtures import corpus

from newsdigest.stories import bag_cache
from newsdigest.stories.bags import bags_many
from newsdigest.stories.group import group_posts
from newsdigest.stories.story_cache import post_digests


def _memberships(stories) -> set[frozenset[str]]:
    return {frozenset(p.id for p in s.posts) for s in stories}


def _with(posts, n: int, **changes):
    return [replace(p, **changes) if k == n else p for k, p in enumerate(posts)]


def test_an_edit_that_leaves_the_terms_and_dates_reuses_the_fit(tmp_path, fits):
    posts = corpus()
    group_posts(posts, cache_dir=tmp_path)
    assert len(fits) == 1
    n = next(k for k, p in enumerate(posts) if ", " in p.body)
    edited = _with(posts, n, authors=("A. Reporter",), tags=("world",), body=posts[n].body.replace(", ", ",  ", 1))
    stories, _ = group_posts(edited, cache_dir=tmp_path)
    assert len(fits) == 1, "nothing the fit reads changed: its labels are reused"
    cold, _ = group_posts(edited)
    assert _memberships(stories) == _memberships(cold)
    assert any(p.authors == ("A. Reporter",) for s in stories for p in s.posts), "the edit itself shows"


def test_an_edit_to_the_words_or_the_date_fits_again(tmp_path, fits):
    posts = corpus()
    group_posts(posts, cache_dir=tmp_path)
    worded = _with(posts, 0, title=posts[0].title + " as volcano erupts nearby")
    stories, _ = group_posts(worded, cache_dir=tmp_path)
    assert len(fits) == 2
    assert _memberships(stories) == _memberships(group_posts(worded)[0])
    first, _ = group_posts(posts, cache_dir=tmp_path)  # the cache holds the original posts' fit again
    assert len(fits) == 4  # the uncached grouping above fitted too
    story = next(s for s in first if len(s.posts) >= 3 and all(p.published for p in s.posts))
    n = posts.index(story.posts[0])  # a version of a story of three or more, all dated
    dated = _with(posts, n, published=posts[n].published + timedelta(days=400))
    stories, _ = group_posts(dated, cache_dir=tmp_path)
    assert len(fits) == 5, "a date the fit reads changed: it fits again"
    cold, _ = group_posts(dated)
    assert _memberships(stories) == _memberships(cold)
    assert _memberships(stories) != _memberships(first), "a version dated a year apart leaves its story"


def test_the_bag_cache_gives_what_extraction_gives_after_edits_and_removals(tmp_path):
    posts = sorted(corpus(), key=lambda p: p.id)

    def same(got, want) -> bool:
        return all(np.array_equal(getattr(got, f), getattr(want, f)) and getattr(got, f).dtype == getattr(want, f).dtype
                   for f in ("columns", "counts", "sizes"))

    for changed in (posts, posts, _with(posts, 3, title="Entirely new words here")[:-2], posts[1:]):
        assert same(bag_cache.cached_bags(changed, tmp_path, post_digests(changed)), bags_many(changed))
