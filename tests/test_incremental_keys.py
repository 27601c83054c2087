"""What an incremental build keys its work by: a post's digest, a story's key, a published page's name.

A key that missed a field would publish a stale page; one that changed with
nothing would cost a rebuild. Each is checked both ways.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import shutil
from datetime import UTC, datetime
from pathlib import Path

from build_fixtures import build_site_at, edit_a_post, generated_content, site_tree

from newsdigest.cli import main
from newsdigest.model import Claim, Disagreement, Post, Quote, Relation, RelationKind, Story, Version
from newsdigest.site.render_keys import story_key
from newsdigest.site.writer import Writer

WHEN = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)


def _post(post_id: str = "a", **fields) -> Post:
    return Post(id=post_id, title="Council approves budget", body="The council approved it.", source=f"sources/{post_id}.md",
                outlet="North Ledger", authors=("Sam Lee",), published=WHEN, tags=("schools",),
                path=Path(f"/site/content/posts/{post_id}.md"), **fields)


def _story(**fields) -> Story:
    versions = (Version(_post("a"), Relation(RelationKind.FIRST)),
                Version(_post("b"), Relation(RelationKind.COPY, "a", 0.9, (("x", "y"),)), ("added",)))
    return Story(id="s1", slug="budget", title="Council approves budget", summary="It did.", versions=versions,
                 published=WHEN, quotes=(Quote("Good day", "Mayor", ("a", "b")),),
                 disagreements=(Disagreement("pupils", (Claim("a", "300", "300 pupils"),)),), **fields)


def test_a_posts_digest_changes_with_every_field_but_where_its_file_lies():
    post = _post()
    assert dataclasses.replace(post, path=Path("/elsewhere/a.md")).digest == post.digest
    changed = {"id": "b", "title": "Council rejects budget", "body": "It did not.", "source": "sources/x.md",
               "outlet": "Harbour Times", "authors": ("Alex Moreno",), "published": datetime(2026, 9, 2, tzinfo=UTC),
               "updated": WHEN, "url": "https://example.org/a", "excerpt": "In short", "tags": ("budget",),
               "image": "https://example.org/a.jpg", "lang": "fr", "story": "budget", "title_derived": True,
               "extra": {"desk": "city"}}
    names = {f.name for f in dataclasses.fields(Post)} - {"path"}
    assert names == set(changed), "every field of a post is tried"
    for name, value in changed.items():
        assert dataclasses.replace(post, **{name: value}).digest != post.digest, name


def test_a_post_kept_in_the_posts_cache_carries_its_digest():
    post = _post()
    digest = post.digest
    kept = pickle.loads(pickle.dumps(post))
    assert kept.__dict__.get("digest") == digest  # not worked out again by the next build
    assert kept == post and repr(kept) == repr(post)  # and no part of what the post is


def test_a_storys_key_changes_with_every_field_of_the_story_and_of_its_versions():
    story = _story()
    assert story_key(story) == story_key(_story())  # the same story read again
    others = {"id": "s2", "slug": "other", "title": "Other", "summary": "Other.", "published": None,
              "updated": WHEN, "quotes": (), "disagreements": (), "featured": True, "hidden": True,
              "aliases": ("old",), "summary_by_editor": True, "editor_note": "A note."}
    assert {f.name for f in dataclasses.fields(Story)} - {"versions"} == set(others)
    for name, value in others.items():
        assert story_key(dataclasses.replace(story, **{name: value})) != story_key(story), name
    first, second = story.versions
    for version in (dataclasses.replace(second, relation=Relation(RelationKind.REWRITE, "a", 0.9, (("x", "y"),))),
                    dataclasses.replace(second, relation=Relation(RelationKind.COPY, "a", 0.9, (("x", "z"),))),
                    dataclasses.replace(second, additions=("other",)),
                    dataclasses.replace(second, post=dataclasses.replace(second.post, title="Revised")),
                    dataclasses.replace(second, post=dataclasses.replace(second.post, path=Path("/moved/b.md")))):
        assert story_key(dataclasses.replace(story, versions=(first, version))) != story_key(story)
    assert story_key(dataclasses.replace(story, versions=(second, first))) != story_key(story)


def test_only_a_plain_path_to_a_published_page_is_reused(tmp_path):
    """A page is reused by the name the last build published it under; a path spelt another way (`..`, `.`,
    doubled slashes) is never taken for it, and is written (and checked) as any new file is."""
    site = tmp_path / "site"
    first = Writer(site)
    first.write_text("/posts/a/", "<p>a</p>", "key-a")
    again = Writer(tmp_path / "next", site, first.entries)  # a new rendering, over the published site
    for spelt in ("/posts/x/../a/", "/posts/./a/", "//posts//a/"):
        assert not again.reuse(spelt, "key-a")
    assert not again.reuse("/posts/a/", "another key")
    asked = []
    assert not again.reuse("/posts/b/", lambda: asked.append("b") or "key-a")
    assert asked == []  # a page the last build did not publish is not even keyed
    assert again.reuse("/posts/a/", lambda: "key-a")
    assert set(again.entries) == {"posts/a/index.html"}
    assert (tmp_path / "next" / "posts" / "a" / "index.html").read_text(encoding="utf-8") == "<p>a</p>"


def test_a_page_published_without_a_key_is_never_reused(tmp_path):
    """A file written without a key (its key recorded as "") says nothing of what it was made from: an empty key
    asked for it matches that record, but is no key, so the file is rendered again."""
    site = tmp_path / "site"
    first = Writer(site)
    first.write_text("/about/", "<p>about</p>")
    assert first.entries["about/index.html"].key == ""
    again = Writer(tmp_path / "next", site, first.entries)
    assert not again.reuse("/about/", "")
    assert not again.reuse("/about/", lambda: "")
    assert again.entries == {}


def test_a_path_holding_an_emoji_code_is_printed_as_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", ":smile:"]) == 0
    assert f"{tmp_path}/:smile:/" in capsys.readouterr().out


def test_after_an_edit_only_the_edited_storys_own_pages_are_keyed_again(tmp_path, monkeypatch):
    """A story's page and its posts' pages are most of a site: after an edit, those of the stories the edit did
    not reach keep the keys the last build recorded, and are not keyed again; the site is the one a cold build
    makes."""
    import importlib

    render = importlib.import_module("newsdigest.site.render")
    content = generated_content(tmp_path / "a")
    output, cache = tmp_path / "a" / "output", tmp_path / "a" / "cache"
    build_site_at(content, output, cache)
    keyed: list[str] = []
    key = render._key

    def counting(page, keys):
        if page.made_of is not None:
            keyed.append(page.path)
        return key(page, keys)

    monkeypatch.setattr(render, "_key", counting)
    build_site_at(content, output, cache)  # up to date: nothing runs
    assert keyed == []
    edit_a_post(content)
    edited = next(p for p in (content / "posts").glob("*.md") if "Revised" in p.read_text(encoding="utf-8"))
    build_site_at(content, output, cache)
    story = next(s for s in json.loads((output / "stories.json").read_text(encoding="utf-8"))["stories"]
                 if edited.stem in [p["id"] for p in s["posts"]])
    own = {story["url"], *(f"/posts/{p['id']}/" for p in story["posts"])}
    assert keyed and set(keyed) <= own  # keyed to be reused or to be rendered, and nothing else
    assert sorted(keyed) == sorted(set(keyed)), "a page is keyed once, rendered or not"
    fresh = tmp_path / "fresh"
    shutil.copytree(content, fresh / "content")
    build_site_at(fresh / "content", fresh / "output", fresh / "cache")
    assert site_tree(fresh / "output") == site_tree(output)


def test_a_wrong_record_of_own_pages_changes_no_byte_and_is_mended(tmp_path, monkeypatch):
    """The record of each story's own pages is trusted only where the published file still carries the key it
    names: a record that names other keys (an older build's, a damaged one) costs a render, never a stale page,
    and the build records the right keys again, so the next one reuses those pages without keying them."""
    import importlib

    render = importlib.import_module("newsdigest.site.render")
    from newsdigest.site.code_cache import manifest_store
    from newsdigest.site.writer import valid_manifest

    content = generated_content(tmp_path / "a")
    output, cache = tmp_path / "a" / "output", tmp_path / "a" / "cache"
    build_site_at(content, output, cache)
    store = manifest_store(cache, output)
    site, own = store.get(render._OWN_PAGES, render._valid_own_pages)
    assert own, "every story's own pages are recorded"
    damaged = "0" * 64
    store.put(render._OWN_PAGES, (site, {story: (view, dict.fromkeys(pages, damaged))
                                         for story, (view, pages) in own.items()}))
    edit_a_post(content, 2)
    build_site_at(content, output, cache)
    fresh = tmp_path / "fresh"
    shutil.copytree(content, fresh / "content")
    build_site_at(fresh / "content", fresh / "output", fresh / "cache")
    assert site_tree(fresh / "output") == site_tree(output)

    published = store.get(render._MANIFEST, valid_manifest)
    _, mended = store.get(render._OWN_PAGES, render._valid_own_pages)
    recorded = {name: key for _view, pages in mended.values() for name, key in pages.items()}
    assert recorded and damaged not in {*recorded.values(), *(entry.key for entry in published.values())}
    assert recorded == {name: published[name].key for name in recorded}

    keyed: list[str] = []
    rendered: list[str] = []
    key, render_page = render._key, render._render_page
    monkeypatch.setattr(render, "_key", lambda page, keys: (keyed.append(page.path), key(page, keys))[1])
    monkeypatch.setattr(render, "_render_page",
                        lambda page, *rest: (rendered.append(page.path), render_page(page, *rest))[1])
    edit_a_post(content, 2)  # the same post again: its story's own pages alone are keyed and rendered
    build_site_at(content, output, cache)
    edited = sorted((content / "posts").glob("*.md"))[2].stem
    stories = json.loads((output / "stories.json").read_text(encoding="utf-8"))["stories"]
    own_pages = [{story["url"], *(f"/posts/{p['id']}/" for p in story["posts"])} for story in stories]
    every_own = set().union(*own_pages)
    of_the_edited = next(pages for pages in own_pages if f"/posts/{edited}/" in pages)
    assert set(rendered) & every_own == of_the_edited  # rendered, as its view changed
    assert set(keyed) & every_own <= of_the_edited  # and no other story's own page is keyed or rendered
