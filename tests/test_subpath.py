"""A site deployed under a path (`base_url = "https://example.org/digest/"`, a GitHub project site):
every link, asset, feed, sitemap entry, canonical and search asset honours `/digest/`.

The site is the hand-built stories (pagination, outlets, tags, a redirect, the
about page's own links) rendered for the sub-path, then checked the way a host
would serve it: only under `/digest/`, where a link to `/static/…` finds nothing.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from site_fixtures import ROOT, all_stories, broken_links, html_files, make_config, serve

BASE_URL = "https://example.org/digest"
BASE_PATH = "/digest/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The hand-built stories rendered for the sub-path, with the search index."""
    from newsdigest.site import render

    tmp = tmp_path_factory.mktemp("subpath")
    config = replace(make_config(tmp, content_dir=ROOT / "content", page_size=10), base_url=BASE_URL)
    render(all_stories(), config)
    return config.output_dir


def test_the_config_knows_its_base_path(tmp_path):
    config = make_config(tmp_path)
    assert config.base_path == "/" and config.site_url("/feed.xml") == "/feed.xml"
    under = replace(config, base_url=BASE_URL)
    assert under.base_path == BASE_PATH
    assert under.site_url("/stories/x/") == "/digest/stories/x/"
    assert under.absolute_url("/stories/x/") == "https://example.org/digest/stories/x/"


def test_every_internal_link_and_asset_resolves_under_the_sub_path(site):
    assert broken_links(site, BASE_PATH) == []


def test_no_page_links_outside_the_sub_path(site):
    """The link checker would miss a link that happens to name a real file at the root: look for any."""
    outside = []
    for page in html_files(site):
        for attribute, url in re.findall(r'\b(href|src|content)="(/[^"]*)"', page.read_text(encoding="utf-8")):
            if not url.startswith(BASE_PATH):
                outside.append(f"{page.relative_to(site)}: {attribute}={url}")
    assert outside == []


def test_the_redirect_page_points_under_the_sub_path(site):
    page = (site / "stories" / "old-ukraine-slug" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=/digest/stories/moscow-rejects-security-guarantees/"' in page
    assert 'href="https://example.org/digest/stories/moscow-rejects-security-guarantees/"' in page  # canonical


def test_the_about_page_keeps_the_editors_site_links_under_the_sub_path(site):
    page = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="/digest/feed.xml"' in page and 'href="/feed.xml"' not in page


def test_public_urls_in_feeds_sitemap_and_structured_data_carry_the_sub_path(site):
    absolute = re.compile(r"https://example\.org(/[^\"'<>\s]*)")
    files = [site / "sitemap.xml", site / "robots.txt", site / "feed.xml", site / "atom.xml", site / "feed.json",
             site / "index.html", site / "stories" / "moscow-rejects-security-guarantees" / "index.html"]
    found = [match for file in files for match in absolute.findall(file.read_text(encoding="utf-8"))]
    assert found and all(path.startswith(BASE_PATH) for path in found), [p for p in found if not p.startswith(BASE_PATH)]

    locs = [el.text for el in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{BASE_URL}/" in locs and f"{BASE_URL}/stories/moscow-rejects-security-guarantees/" in locs
    atom = ET.parse(site / "atom.xml").getroot()
    self_link = next(el for el in atom.iter("{http://www.w3.org/2005/Atom}link") if el.get("rel") == "self")
    assert self_link.get("href") == f"{BASE_URL}/atom.xml"
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == f"{BASE_URL}/feed.json" and feed["home_page_url"] == f"{BASE_URL}/"


def test_stories_json_urls_stay_paths_from_the_site_root(site):
    """DESIGN.md: a story's `url` is its page's path from the site root, whatever the deployment."""
    stories = json.loads((site / "stories.json").read_text(encoding="utf-8"))["stories"]
    story = next(s for s in stories if s["slug"] == "moscow-rejects-security-guarantees")
    assert story["url"] == "/stories/moscow-rejects-security-guarantees/"
    assert story["absolute_url"] == f"{BASE_URL}/stories/moscow-rejects-security-guarantees/"


def test_the_search_page_loads_pagefind_from_the_sub_path(site):
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'src="/digest/pagefind/pagefind-ui.js"' in page and 'href="/digest/pagefind/pagefind-ui.css"' in page
    assert 'data-bundle-path="/digest/pagefind/"' in page and 'data-base-url="/digest/"' in page


STYLED = """() => [...document.styleSheets].some(sheet => {
    try { return sheet.href && sheet.href.includes('/digest/static/css/site.css') && sheet.cssRules.length > 0; }
    catch (e) { return false; }
})"""


@pytest.mark.browser
def test_a_browser_gets_a_styled_site_and_working_search_under_the_sub_path(browser, site):
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with serve(site, BASE_PATH) as host:  # only under /digest/, as on the real host
        page.goto(host + "/digest/")
        assert page.evaluate(STYLED), "the stylesheet did not load under /digest/"
        page.click(".masthead__nav-editions a")
        assert page.url == host + "/digest/editions/"
        page.goto(host + "/digest/stories/moscow-rejects-security-guarantees/")
        assert page.evaluate(STYLED)
        page.goto(host + "/digest/search/")
        page.fill("input", "Kremlin")
        page.wait_for_selector(".pagefind-ui__result", timeout=30000)
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
        assert "/digest/stories/moscow-rejects-security-guarantees/" in links
        page.goto("about:blank")
    context.close()
    assert failed == []
