"""A build reaches a stable state in one build: building again changes nothing.

After an editor's change the next build writes the site and the story
registry; building again with nothing changed, with an empty cache or into an
empty output, must give the same stories and the same bytes. The case that
once failed: a post split off its story by a pin (its own `story:`, or an
override's `posts`) after another post was edited. Grouping keeps putting the
pinned post back among its old neighbours, and the build after the split
merged all of them under the pinned slug and retired the old one; and a merge
by an override, whose pinned posts, counted in their own old cluster, took the
merged story's identity there on the next build.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from build_fixtures import build_site_at, demo_content, generated_content, site_tree

SPLIT = "a-split-story"


def _stories(output: Path) -> dict[str, frozenset[str]]:
    data = json.loads((output / "stories.json").read_text(encoding="utf-8"))
    return {s["slug"]: frozenset(p["id"] for p in s["posts"]) for s in data["stories"]}


def _pin_in_the_post(content: Path, post: Path) -> None:
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("---\n", f"---\nstory: {SPLIT}\n", 1), encoding="utf-8")


def _pin_in_an_override(content: Path, post: Path) -> None:
    (content / "stories" / f"{SPLIT}.md").write_text(f"---\nposts: [{post.stem}]\n---\n", encoding="utf-8")


@pytest.mark.parametrize("pin", [_pin_in_the_post, _pin_in_an_override], ids=["story-key", "override-file"])
def test_a_split_after_an_edit_stays_split_on_the_next_builds(tmp_path, pin):
    content = demo_content(tmp_path / "a")
    output, cache = tmp_path / "a" / "output", tmp_path / "a" / "cache"
    build_site_at(content, output, cache)
    (before,) = _stories(output).items()  # the demo is one story of five versions
    posts = sorted((content / "posts").glob("*.md"))
    edited = posts[0].read_text(encoding="utf-8")
    posts[0].write_text(re.sub(r"(?m)^author: .*$", "author: A. Editor", edited, count=1), encoding="utf-8")
    pin(content, posts[1])

    build_site_at(content, output, cache)
    split = _stories(output)
    assert split == {before[0]: before[1] - {posts[1].stem}, SPLIT: frozenset({posts[1].stem})}, \
        "the pinned post alone in the new story, the others where they were, under their old address"
    site, registry = site_tree(output), (content / "stories" / "registry.json").read_bytes()
    assert '"retired": {}' in registry.decode("utf-8"), "no address retired by a split"

    shutil.rmtree(cache)
    build_site_at(content, output, cache)  # nothing changed; the build runs again for want of its cache
    assert _stories(output) == split
    assert (content / "stories" / "registry.json").read_bytes() == registry
    assert site_tree(output) == site

    fresh = tmp_path / "fresh"
    shutil.copytree(content, fresh / "content")
    build_site_at(fresh / "content", fresh / "output", fresh / "cache")  # the same content, no cache, no output
    assert site_tree(fresh / "output") == site
    assert (fresh / "content" / "stories" / "registry.json").read_bytes() == registry


def test_a_merge_by_an_override_stays_merged_on_the_next_builds(tmp_path):
    """An override that pins every post of a larger story into a smaller one: the next build, from the same
    content without the cache and output, keeps them merged under the smaller story's address."""
    content = generated_content(tmp_path / "a")
    output, cache = tmp_path / "a" / "output", tmp_path / "a" / "cache"
    build_site_at(content, output, cache)
    by_size = sorted(_stories(output).items(), key=lambda item: (len(item[1]), item[0]))
    (small, small_posts), (_, large_posts) = by_size[0], by_size[-1]
    assert len(large_posts) > len(small_posts)
    (content / "stories" / f"{small}.md").write_text(f"---\nposts: [{', '.join(sorted(large_posts))}]\n---\n",
                                                      encoding="utf-8")
    build_site_at(content, output, cache)
    merged = _stories(output)
    assert merged[small] == small_posts | large_posts
    site, registry = site_tree(output), (content / "stories" / "registry.json").read_bytes()

    fresh = tmp_path / "fresh"
    shutil.copytree(content, fresh / "content")
    build_site_at(fresh / "content", fresh / "output", fresh / "cache")
    assert _stories(fresh / "output") == merged
    assert (fresh / "content" / "stories" / "registry.json").read_bytes() == registry
    assert site_tree(fresh / "output") == site
