"""`output/stories.json` follows the DESIGN.md contract exactly (extras allowed, nothing renamed)."""

from __future__ import annotations

import json

from site_fixtures import built_site, demo_story, hidden_story, make_config

from newsdigest.site import render

STORY_FIELDS = {"id", "slug", "url", "title", "summary", "published", "updated", "posts"}
POST_FIELDS = {"id", "source", "outlet", "title", "url", "published", "relation"}


def test_contract_fields_and_values(tmp_path):
    config = make_config(tmp_path)
    render([demo_story(), hidden_story()], config, search=False)
    document = json.loads((config.output_dir / "stories.json").read_text(encoding="utf-8"))
    assert set(document) >= {"stories"}
    assert [s["id"] for s in document["stories"]] == ["s-ukraine-guarantees", "s-hidden"]  # every story
    story = document["stories"][0]
    assert STORY_FIELDS <= set(story)
    assert story["url"] == "/stories/moscow-rejects-security-guarantees/"
    assert story["slug"] == "moscow-rejects-security-guarantees"
    assert story["published"] == "2025-09-05T06:12:00+01:00"
    assert story["updated"] == "2026-01-29T09:50:00+00:00"
    assert len(story["posts"]) == 5
    for post in story["posts"]:
        assert POST_FIELDS <= set(post)
        assert post["relation"] in {"first", "copy", "rewrite", "independent"}
        assert post["source"].startswith("sources/")
    by_id = {p["id"]: p for p in story["posts"]}
    assert by_id["p-wire"]["relation"] == "copy" and by_id["p-wire"]["relation_of"] == "p-herald"
    assert by_id["p-undated"]["published"] is None and by_id["p-undated"]["outlet"] is None
    assert by_id["p-herald"]["url"] == "https://herald.example.com/news/moscow"
    assert story["disagreements"][0]["claims"][0]["value"] == "26 dozen countries"
    assert document["stories"][1]["hidden"] is True


def test_urls_in_stories_json_are_built_pages():
    config = built_site()
    document = json.loads((config.output_dir / "stories.json").read_text(encoding="utf-8"))
    for story in document["stories"]:
        assert (config.output_dir / story["url"].lstrip("/") / "index.html").is_file(), story["url"]
        for post in story["posts"]:
            assert (config.output_dir / post["page"].lstrip("/") / "index.html").is_file()
