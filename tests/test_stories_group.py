"""Grouping posts into stories: which posts go together, and ids that never move."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_stories_group_fixtures import briefs, corpus, final, quake_chile, quake_japan

from newsdigest.config import Config
from newsdigest.model import Post
from newsdigest.stories import group
from newsdigest.stories.group import group_posts
from newsdigest.stories.identity import Group, Known, Registry, assign, founding_id, load_registry, story_slug
from newsdigest.stories.index import StoryIndex


def make_config(root: Path) -> Config:
    content = root / "content"
    (content / "posts").mkdir(parents=True, exist_ok=True)
    return Config(
        title="Test digest",
        description="Tests",
        base_url="https://digest.example.org",
        language="en",
        timezone=ZoneInfo("UTC"),
        content_dir=content,
        output_dir=root / "output",
        cache_dir=root / "cache",
        config_path=root / "site.toml",
        theme_dir=root,
    )


def memberships(stories) -> set[frozenset[str]]:
    return {frozenset(p.id for p in s.posts) for s in stories}


def ids(posts: list[Post]) -> frozenset[str]:
    return frozenset(p.id for p in posts)


def story_of(stories, post_id: str):
    return next(s for s in stories if any(p.id == post_id for p in s.posts))


# -- which posts go together -------------------------------------------------


def test_each_event_is_one_story_and_unrelated_posts_stay_apart():
    stories, _ = group_posts(corpus())
    expected = {ids(quake_chile()), ids(quake_japan()), ids(final())} | {frozenset([p.id]) for p in briefs()}
    assert memberships(stories) == expected


def test_two_similar_events_in_one_topic_stay_two_stories():
    # Two earthquakes: same words (magnitude, struck, tsunami, power cut, depth), other places and figures.
    stories, _ = group_posts(quake_chile() + quake_japan())
    assert memberships(stories) == {ids(quake_chile()), ids(quake_japan())}


def test_an_undated_post_joins_its_event():
    stories, _ = group_posts(corpus())
    chile = story_of(stories, "chile-wire")
    assert "chile-undated" in {p.id for p in chile.posts}


def test_missing_dates_neither_break_nor_bias_grouping():
    undated = [replace(p, published=None) for p in corpus()]
    stories, _ = group_posts(undated)
    assert memberships(stories) == memberships(group_posts(corpus())[0])


def test_posts_far_apart_in_time_are_not_one_event():
    # The same report filed again two months later is a new event for a digest, not an update.
    wire = quake_chile()[0]
    later = replace(wire, id="chile-wire-again", published=wire.published.replace(month=wire.published.month + 2))
    stories, _ = group_posts([wire, later])
    assert len(stories) == 2


def test_versions_run_in_time_order_with_undated_last_and_stories_newest_first():
    stories, _ = group_posts(corpus())
    chile = story_of(stories, "chile-wire")
    assert [p.id for p in chile.posts] == ["chile-wire", "chile-daily", "chile-blog", "chile-undated"]
    assert chile.published == quake_chile()[0].published
    assert chile.updated == quake_chile()[2].published
    assert stories[0].posts[0].id.startswith("japan")  # the latest event opens the list
    stamps = [s.updated for s in stories]
    assert stamps == sorted(stamps, reverse=True)


def test_story_title_is_an_outlet_headline_and_the_slug_is_short_ascii():
    stories, _ = group_posts(corpus())
    chile = story_of(stories, "chile-wire")
    assert chile.title in {p.title for p in quake_chile()}
    assert chile.slug == story_slug(chile.title)
    assert chile.slug.isascii() and len(chile.slug) <= 60 and "valparaiso" in chile.slug
    assert len({s.slug for s in stories}) == len(stories)


def test_a_headline_label_before_a_colon_is_left_out_of_the_story_title():
    posts = [replace(p, title="Update: " + p.title) if p.id == "final-wire" else p for p in final()]
    stories, _ = group_posts(posts)
    assert not stories[0].title.startswith("Update")


def test_the_five_demo_seeds_shape_one_story_with_an_unrelated_one_apart():
    # Mirrors the demo: several outlets on one event plus an unrelated story of our own making.
    stories, _ = group_posts(quake_chile() + final())
    assert memberships(stories) == {ids(quake_chile()), ids(final())}


# -- stable identity ---------------------------------------------------------


def test_ids_and_slugs_are_the_same_on_every_rebuild(tmp_path):
    config = make_config(tmp_path)
    first = group(corpus(), config)
    registry = config.stories_dir / "registry.json"
    assert registry.exists() and json.loads(registry.read_text())["stories"]
    second = group(corpus(), config)
    assert [(s.id, s.slug) for s in first] == [(s.id, s.slug) for s in second]


def test_ids_do_not_depend_on_the_order_posts_arrive_in(tmp_path):
    shuffled = corpus()
    random.Random(3).shuffle(shuffled)
    a = {s.id: memberships([s]) for s in group_posts(corpus())[0]}
    b = {s.id: memberships([s]) for s in group_posts(shuffled)[0]}
    assert a == b


def test_ids_follow_the_founding_post_even_without_a_registry(tmp_path):
    config = make_config(tmp_path)
    first = {s.id for s in group(corpus(), config)}
    (config.stories_dir / "registry.json").unlink()
    assert {s.id for s in group(corpus(), config)} == first
    chile = story_of(group_posts(corpus())[0], "chile-wire")
    assert chile.id == founding_id("chile-wire")


def test_a_story_keeps_its_id_when_an_earlier_version_arrives(tmp_path):
    config = make_config(tmp_path)
    late = [p for p in corpus() if p.id != "chile-wire"]
    before = story_of(group(late, config), "chile-daily")
    after = story_of(group(corpus(), config), "chile-daily")
    assert after.posts[0].id == "chile-wire"  # the new version is now the founding one...
    assert (after.id, after.slug) == (before.id, before.slug)  # ...and nothing moved


def test_a_story_keeps_its_id_when_a_version_is_re_ingested_with_new_text(tmp_path):
    config = make_config(tmp_path)
    before = story_of(group(corpus(), config), "chile-blog")
    edited = [
        replace(p, body=p.body + "\n\nThis article was updated.") if p.id == "chile-blog" else p for p in corpus()
    ]
    after = story_of(group(edited, config), "chile-blog")
    assert (after.id, after.slug) == (before.id, before.slug)


def test_when_two_stories_merge_the_survivor_keeps_the_other_slug_as_an_alias(tmp_path):
    config = make_config(tmp_path)
    config.stories_dir.mkdir(parents=True)
    split = config.stories_dir / "chile-aftermath.md"
    split.write_text("---\nposts: [chile-blog, chile-undated]\n---\n", encoding="utf-8")
    first = group(corpus(), config)
    main_story = story_of(first, "chile-wire")
    aftermath = story_of(first, "chile-blog")
    assert aftermath.slug == "chile-aftermath" and aftermath.id != main_story.id

    split.unlink()  # the editor lets grouping have its way: the two are one story again
    merged = story_of(group(corpus(), config), "chile-blog")
    assert merged.id == main_story.id and merged.slug == main_story.slug
    assert "chile-aftermath" in merged.aliases
    # And it stays that way on the next build; the old slug is never handed to another story.
    again = group(corpus(), config)
    assert "chile-aftermath" in story_of(again, "chile-blog").aliases
    assert "chile-aftermath" not in {s.slug for s in again}


def test_assign_prefers_the_story_holding_most_posts_and_records_the_merge():
    registry = Registry(
        {
            "a": Known("a", "story-a", frozenset({"p1", "p2", "p3"}), order=0),
            "b": Known("b", "story-b", frozenset({"p4"}), order=1),
        }
    )
    identities, updated = assign([Group(("p1", "p2", "p3", "p4"), "Whatever")], registry)
    assert identities[0].id == "a" and identities[0].aliases == ("story-b",)
    assert updated.slug_owner("story-b") == "a"


def test_a_split_story_leaves_its_id_with_the_larger_part():
    registry = Registry({"a": Known("a", "story-a", frozenset({"p1", "p2", "p3"}), order=0)})
    identities, _ = assign([Group(("p3",), "Small part"), Group(("p1", "p2"), "Large part")], registry)
    assert identities[1].id == "a"
    assert identities[0].id != "a" and identities[0].slug == "small-part"


def test_a_broken_registry_is_only_lost_history(tmp_path):
    config = make_config(tmp_path)
    config.stories_dir.mkdir(parents=True)
    (config.stories_dir / "registry.json").write_text("{not json", encoding="utf-8")
    assert load_registry(config.stories_dir).stories == {}
    assert len(group(corpus(), config)) == 7


def test_slugify_is_ascii_short_and_cut_at_a_word():
    assert story_slug("Séisme à Valparaíso: 3 morts") == "seisme-a-valparaiso-3-morts"
    long = story_slug("word " * 40)
    assert len(long) <= 60 and not long.endswith("-")
    assert story_slug("!!!") == "story"


# -- one post at a time ------------------------------------------------------


def test_one_new_post_is_placed_with_its_event_or_alone():
    posts = corpus()
    newcomer = next(p for p in posts if p.id == "japan-blog")
    index = StoryIndex()
    labels = index.fit([p for p in posts if p.id != "japan-blog"])
    japan_label = labels[[p.id for p in posts if p.id != "japan-blog"].index("japan-wire")]
    assert index.add(newcomer) == japan_label
    assert set(index.posts_of(japan_label)) == {"japan-wire", "japan-daily", "japan-blog"}
    lonely = Post(
        id="brief-zoo",
        title="Zoo welcomes twin red pandas",
        body="Two red panda cubs were born at the Brookfield zoo, keepers said, the first twins in its history.",
        source="sources/brief-zoo.md",
    )
    assert index.add(lonely) not in set(labels) | {japan_label}


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_corpora(n):
    stories, _ = group_posts(corpus()[:n])
    assert len(stories) == n


def test_an_empty_index_places_posts_too():
    index = StoryIndex()
    assert index.fit([]) == []
    chile = quake_chile()
    first = index.add(chile[0])
    assert index.add(chile[1]) == first
    assert index.add(final()[0]) != first


def test_average_link_groups_as_scipy_linkage_cut_at_the_threshold():
    import numpy as np
    from scipy import sparse
    from scipy.cluster.hierarchy import fcluster, linkage

    from newsdigest.stories.cluster import average_link

    rng = np.random.default_rng(3)
    for _ in range(40):
        n = int(rng.integers(3, 30))
        dense = np.triu(rng.random((n, n)) * (rng.random((n, n)) < 0.4), k=1)  # sparse: missing pairs are 0
        ours = average_link(sparse.csr_matrix(dense), 0.2)
        tree = linkage((1.0 - (dense + dense.T))[np.triu_indices(n, k=1)], method="average")
        theirs = fcluster(tree, 0.8, criterion="distance")
        assert len({(a, b) for a, b in zip(ours.tolist(), theirs.tolist())}) == len(set(ours.tolist())) == len(
            set(theirs.tolist()))


def test_average_link_breaks_exact_ties_by_the_earliest_rows_and_keeps_duplicates_together():
    # Duplicate wire copies make exact ties, where SciPy's order (and a heap's) is arbitrary: the rule is fixed.
    import numpy as np
    from scipy import sparse

    from newsdigest.stories.cluster import average_link

    # Two identical copies of a wire report (w, w) and two posts each as close to both copies (0.4), not to
    # each other: the copies merge first, then whichever post comes first joins them; the other's average
    # with the three is then 0.8 / 3, under the threshold.
    def chain(order: list[str]) -> list[set[str]]:
        like = {frozenset("ab"): 1.0, frozenset("ap"): 0.4, frozenset("bp"): 0.4, frozenset("aq"): 0.4,
                frozenset("bq"): 0.4}
        n = len(order)
        dense = np.array([[like.get(frozenset(order[i] + order[j]), 0.0) if i < j else 0.0 for j in range(n)]
                          for i in range(n)])
        labels = average_link(sparse.csr_matrix(dense), 0.3).tolist()
        return sorted(({order[k] for k in range(n) if labels[k] == label} for label in set(labels)), key=sorted)

    assert chain(["p", "a", "b", "q"]) == [{"a", "b", "p"}, {"q"}]
    assert chain(["q", "a", "b", "p"]) == [{"a", "b", "q"}, {"p"}]  # the earliest row wins the tie

    # The same tie where the group of copies is known by its earliest row (0), not by whichever copy
    # absorbed the other: b's one more (weak) link once made b the survivor, and p paired off with e instead.
    dense = np.zeros((5, 5))  # rows: a p e - b
    dense[0, 4], dense[0, 1], dense[1, 4], dense[1, 2], dense[2, 4] = 1.0, 0.4, 0.4, 0.4, 0.1
    assert average_link(sparse.csr_matrix(dense), 0.3).tolist() == [0, 0, 1, 2, 0]

    # Random stories of duplicated rows: the same input gives the same groups, whether the matrix comes
    # symmetric, triangular or with its entries shuffled, and copies of one row are always one group.
    rng = np.random.default_rng(11)
    for _ in range(30):
        base = rng.random((int(rng.integers(3, 12)), 40)) * (rng.random((1, 40)) < 0.3)
        copies = rng.integers(1, 4, len(base))
        x = np.repeat(base, copies, axis=0)
        x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
        full = np.round(x @ x.T, 2)  # rounded: many exact ties besides the duplicates
        np.fill_diagonal(full, 0.0)
        labels = average_link(sparse.csr_matrix(np.triu(full)), 0.3)
        assert np.array_equal(labels, average_link(sparse.csr_matrix(np.triu(full)), 0.3))
        assert np.array_equal(labels, average_link(sparse.csr_matrix(full), 0.3))
        coo = sparse.coo_matrix(np.triu(full))
        shuffle = rng.permutation(coo.nnz)
        shuffled = sparse.coo_matrix((coo.data[shuffle], (coo.row[shuffle], coo.col[shuffle])), shape=full.shape)
        assert np.array_equal(labels, average_link(shuffled, 0.3))
        owner = np.repeat(np.arange(len(base)), copies)
        for row in range(len(base)):
            assert len(set(labels[owner == row].tolist())) == 1


def test_components_are_scipy_connected_components():
    import numpy as np
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    from newsdigest.stories.cluster import _components

    rng = np.random.default_rng(5)
    for _ in range(60):
        n, m = int(rng.integers(1, 200)), int(rng.integers(0, 300))
        rows, cols = rng.integers(0, n, m), rng.integers(0, n, m)
        ours = _components(n, rows, cols).tolist()
        theirs = connected_components(sparse.csr_matrix((np.ones(m), (rows, cols)), shape=(n, n)), directed=False)[1]
        assert len(set(zip(ours, theirs.tolist()))) == len(set(ours)) == len(set(theirs.tolist()))


def test_the_shipped_demo_is_one_story_of_five_versions(demo_site):
    listed = json.loads((demo_site.output / "stories.json").read_text(encoding="utf-8"))["stories"]
    assert len(listed) == 1 and len(listed[0]["posts"]) == 5
    registry = json.loads((demo_site.content / "stories" / "registry.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in registry["stories"]] == [listed[0]["id"]]


def test_grouping_keeps_words_that_name_what_an_event_is_about():
    from newsdigest.stories.features import _words_and_numbers

    words, _ = _words_and_numbers("The fire bill for the water system has interest for the council.")
    assert {"fire", "bill", "system", "interest", "council"} <= set(words)
    assert not {"the", "for", "has"} & set(words)


def test_cached_grouping_is_used_only_for_the_same_posts(tmp_path, monkeypatch):
    from newsdigest.stories import group_posts

    fits: list[int] = []
    fit = StoryIndex.fit
    monkeypatch.setattr(StoryIndex, "fit",
                        lambda self, posts, bags=None: (fits.append(len(posts)), fit(self, posts, bags))[1])
    posts = corpus()
    first, _ = group_posts(posts, cache_dir=tmp_path)
    again, _ = group_posts(posts, cache_dir=tmp_path)
    assert again == first and len(fits) == 1  # the same posts: the same stories, from the cache
    # A Chile quake report rewritten as the Japan one leaves the Chile story: grouped afresh, not from the cache.
    japan = quake_japan()[0]
    moved = [replace(p, title=japan.title, body=japan.body) if p.id == quake_chile()[0].id else p for p in posts]
    regrouped, _ = group_posts(moved, cache_dir=tmp_path)
    assert len(fits) == 2
    assert regrouped == group_posts(moved)[0]
