"""End to end: the shipped demo, built with the real CLI, read in Chromium like a reader would."""

from __future__ import annotations

import json

import feedparser
import pytest


def demo_story(demo_site) -> dict:
    stories = json.loads((demo_site.output / "stories.json").read_text(encoding="utf-8"))["stories"]
    assert stories, "the demo build produced no stories"
    return max(stories, key=lambda s: len(s["posts"]))


def test_demo_is_one_story_of_five_versions(demo_site):
    story = demo_story(demo_site)
    assert len(story["posts"]) == 5
    assert (demo_site.output / story["url"].lstrip("/") / "index.html").is_file()


def test_demo_feeds_parse(demo_site):
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((demo_site.output / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert len(feed.entries) == len(json.loads((demo_site.output / "stories.json").read_text())["stories"])


@pytest.mark.browser
def test_demo_story_page_shows_every_version_and_the_26_dozen_dispute(browser, demo_site):
    from site_fixtures import serve

    story = demo_story(demo_site)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    with serve(demo_site.output) as base:
        page.goto(base + story["url"])
        assert page.locator("article.version").count() == 5
        for post in story["posts"]:
            if post["outlet"]:
                assert page.locator("article.version", has_text=post["outlet"]).count() >= 1
        disputes = page.locator("#disputes")
        assert disputes.is_visible()
        assert disputes.get_by_text("26 dozen", exact=False).first.is_visible()
        assert page.locator(".glance").get_by_text("26 dozen", exact=False).first.is_visible()
    context.close()


@pytest.mark.browser
def test_demo_story_page_gives_the_version_count_once_at_each_screen_size(browser, demo_site):
    from site_fixtures import serve

    story = demo_story(demo_site)
    with serve(demo_site.output) as base:
        for width, pills in ((390, True), (1280, False)):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(base + story["url"])
            # Small screens show the count in the pills, wide ones in the line under the headline: never both.
            count = page.locator(".story-head").get_by_text("5 versions", exact=False)
            assert [count.nth(i).is_visible() for i in range(count.count())].count(True) == 1
            assert page.locator(".facts").is_visible() is pills
            assert page.locator(".story-head__count").is_visible() is not pills
            context.close()
