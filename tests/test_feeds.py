"""Feeds parse cleanly in feedparser, carry one entry per story, and keep their ids."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

import feedparser
import pytest
from site_fixtures import all_stories, built_site, demo_story, hidden_story, make_config, second_story

from newsdigest.model import Post, Relation, RelationKind, Version
from newsdigest.site import render

FEEDS = ("feed.xml", "atom.xml", "feed.json")


def parsed(path):
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    result = feedparser.parse(path.read_bytes())
    assert not result.bozo, (path, result.get("bozo_exception"))
    return result


def site_feeds(config):
    return {name: parsed(config.output_dir / name) for name in FEEDS}


@pytest.fixture
def small_site(tmp_path):
    config = make_config(tmp_path)
    render([demo_story(), second_story(), hidden_story()], config, search=False)
    return config


def entries(feeds):
    return {"feed.xml": feeds["feed.xml"].entries, "atom.xml": feeds["atom.xml"].entries,
            "feed.json": feeds["feed.json"]["items"]}


def test_feeds_parse_without_errors_and_have_one_entry_per_visible_story(small_site):
    feeds = site_feeds(small_site)
    assert feeds["feed.xml"].version == "rss20"
    assert feeds["atom.xml"].version == "atom10"
    assert feeds["feed.json"]["version"] == "https://jsonfeed.org/version/1.1"
    for name, items in entries(feeds).items():
        assert len(items) == 2, name  # demo + rail; the hidden story is left out
        titles = [item["title"] for item in items]
        assert "Hidden story" not in titles


def test_entries_are_complete_and_absolute(small_site):
    atom = site_feeds(small_site)["atom.xml"]
    entry = next(e for e in atom.entries if e.title.startswith("Moscow"))
    assert entry.link == "https://digest.example.org/stories/moscow-rejects-security-guarantees/"
    assert entry.id.startswith("urn:uuid:")
    assert entry.updated_parsed[:5] == (2026, 1, 29, 9, 50)
    assert entry.published_parsed[:5] == (2025, 9, 5, 5, 12)
    content = entry.content[0].value
    assert "The Kremlin rejected" in content
    for outlet in ("The Morning Herald", "Daily Courier", "Global Gazette", "Wire Service"):
        assert outlet in content
    assert 'href="https://herald.example.com/news/moscow"' in content
    assert 'href="https://digest.example.org/posts/p-herald/"' in content
    assert 'href="/' not in content  # no site-relative links in feeds
    rss = site_feeds(small_site)["feed.xml"]
    assert rss.feed.link == "https://digest.example.org/"
    item = next(e for e in rss.entries if e.title.startswith("Moscow"))
    assert item.id == entry.id and "26 dozen countries" in item.content[0].value


def test_json_feed(small_site):
    feed = site_feeds(small_site)["feed.json"]
    assert feed["feed_url"] == "https://digest.example.org/feed.json"
    item = next(i for i in feed["items"] if i["title"].startswith("Moscow"))
    assert item["url"] == "https://digest.example.org/stories/moscow-rejects-security-guarantees/"
    assert item["date_modified"] == "2026-01-29T09:50:00+00:00"
    assert datetime.fromisoformat(item["date_published"])
    assert "content_html" in item and item["summary"]


def test_entry_ids_survive_rebuilds_and_renames_and_updated_moves_with_a_new_version(tmp_path):
    story = demo_story()
    first = make_config(tmp_path, output="one")
    render([story], first, search=False)

    late = Post(id="p-late", title="Late version", body="Late.", source="sources/late.txt", outlet="Late Times",
                published=datetime(2026, 2, 1, 12, 0, tzinfo=UTC), url="https://late.example/x")
    grown = dataclasses.replace(story, slug="renamed-slug",
                                versions=story.versions + (Version(late, Relation(RelationKind.INDEPENDENT)),),
                                aliases=story.aliases + ("moscow-rejects-security-guarantees",))
    second = make_config(tmp_path, output="two")
    render([grown], second, search=False)

    for name in FEEDS:
        before, after = entries(site_feeds(first))[name], entries(site_feeds(second))[name]
        assert len(before) == len(after) == 1
        assert before[0]["id"] == after[0]["id"], name
    atom_after = site_feeds(second)["atom.xml"].entries[0]
    assert atom_after.updated_parsed[:4] == (2026, 2, 1, 12)
    assert "Late Times" in atom_after.content[0].value
    # The old address still leads to the story.
    assert (second.output_dir / "stories/moscow-rejects-security-guarantees/index.html").is_file()


def test_tag_and_outlet_feeds():
    config = built_site()
    for folder in ("tags/ukraine", "outlets/the-morning-herald"):
        feeds = {name: parsed(config.output_dir / folder / name) for name in FEEDS}
        for name, items in entries(feeds).items():
            assert [i["title"] for i in items] == ["Moscow rejects Western security guarantees for Ukraine"], (folder, name)
        assert feeds["atom.xml"].feed.link == f"https://digest.example.org/{folder}/"


def test_every_feed_of_the_big_site_parses():
    config = built_site()
    for path in sorted(config.output_dir.rglob("*.xml")):
        if path.name in ("feed.xml", "atom.xml"):
            parsed(path)
    assert len(site_feeds(config)["atom.xml"].entries) == 48  # every listed story


def test_hostile_text_in_feeds_is_escaped():
    config = built_site()
    atom = parsed(config.output_dir / "atom.xml")
    entry = next(e for e in atom.entries if e.title.startswith("Evil"))
    content = entry.content[0].value
    assert "<script" not in content and "onerror=" not in content.replace("onerror=alert", "")
    assert "javascript:" not in content


def test_feeds_hold_the_newest_stories_up_to_the_limit(tmp_path):
    from site_fixtures import many_stories

    from newsdigest.site.feeds import FEED_LIMIT

    config = make_config(tmp_path)
    render(many_stories(FEED_LIMIT + 30), config, search=False)
    feeds = site_feeds(config)
    for name, items in entries(feeds).items():
        assert len(items) == FEED_LIMIT, name
    assert feeds["atom.xml"].entries[0].title == "Story number 0"  # newest first


def test_feeds_put_together_from_kept_entries_are_feedgens_own_layout_byte_for_byte(tmp_path):
    """Each entry is laid out once and kept; a feed is its head with those texts put in. Checked against
    feedgen laying out the whole feed at once, for entries with markup, non-ASCII text, one tag or several."""
    from feedgen.feed import FeedGenerator

    from newsdigest.site.catalog import build_catalog
    from newsdigest.site.chars import printable
    from newsdigest.site.feeds import _entries_start, _entry, _frame, _laid_out, _serialised

    config = make_config(tmp_path)
    stories = build_catalog(all_stories(), config.timezone).listed
    assert len(stories) > 20 and len({len(s.tags) for s in stories}) > 1
    moment = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    made = [_entry(s, moment, moment, printable(f"<p>{s.title} — «{n}» & ]]> <b>x</b></p>"), config)
            for n, s in enumerate(stories)]
    for kind in ("rss", "atom"):
        whole = FeedGenerator()
        whole.id("https://digest.example.org/")
        whole.title("A feed")
        whole.description("Its description")
        whole.link(href="https://digest.example.org/", rel="alternate")
        whole.updated(moment)
        whole.lastBuildDate(moment)
        empty = _serialised(whole, kind)
        frame = _frame(kind)
        texts = [_laid_out(frame, kind, entry) for entry in made]
        for entry in made:
            whole.add_entry(entry, order="append")
        start = _entries_start(empty, kind)
        assert "".join((empty[:start], *texts, empty[start:])) == _serialised(whole, kind), kind
        assert len(texts) == len(stories) and all(text.count("<title>") == 1 for text in texts)
