"""The story page says only what is known: built from the shipped demo and from a lone version."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from site_fixtures import built_site, make_config

from newsdigest.pipeline import build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo content built as a user would, into a temporary folder."""
    work = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "content", work / "content")
    config = make_config(work, content_dir=work / "content")
    build(config, progress=False)
    return config.output_dir


def story_page(site: Path) -> str:
    [page] = [p for p in (site / "stories").glob("*/index.html")]
    return page.read_text(encoding="utf-8")


def test_demo_rewrites_of_000_are_told_once_with_their_evidence(demo):
    html = story_page(demo)
    doc = json.loads((demo / "stories.json").read_text(encoding="utf-8"))
    [story] = doc["stories"]
    relation = {p["id"][:3]: (p["relation"], (p["relation_of"] or "")[:3]) for p in story["posts"]}
    assert relation["001"] == relation["003"] == relation["004"] == ("rewrite", "000")
    assert relation["002"] == ("independent", "")
    evidence = {p["id"][:3]: p["relation_evidence"] for p in story["posts"]}
    assert evidence["001"] and evidence["002"] == []
    # Who rewrote whom is said once in the overview (and labelled on each card), not again in a copy map
    # or a timeline.
    assert "Copy map" not in html
    assert html.count("rewrote Unnamed source (000-") == 3
    assert html.count('class="evidence"') == 3


def test_demo_names_no_version_first_when_the_times_tie(demo):
    html = story_page(demo)
    story = json.loads((demo / "stories.json").read_text(encoding="utf-8"))["stories"][0]
    assert story["first"] is None
    assert "First:" not in html and "published first" not in html
    assert "3 versions appeared the same day, 5 Sep 2025" in html


def test_unnamed_outlets_are_named_so_an_editor_can_act(demo):
    html = story_page(demo)
    assert "Unnamed source (000-dbee12e2d6df8b2b)" in html
    assert "Unnamed source 1" not in html
    assert "content/outlets.toml" in html and "<code>outlet:</code>" in html


def test_a_lone_version_claims_no_copying_no_dispute_and_no_shared_quote():
    site = built_site().output_dir
    html = (site / "stories" / "rail-strike-called-off" / "index.html").read_text(encoding="utf-8")
    assert "Who copied whom" not in html and "No version copies another" not in html
    assert "What is disputed" not in html and "Shared quotes" not in html
    assert "drawn from what the versions agree on" not in html


def test_the_disputed_value_is_shown_in_each_outlets_sentence(demo):
    html = story_page(demo)
    assert re.search(r"<mark>26 dozen</mark>", html)
    assert "Where the versions disagree" in html


def test_a_lone_version_page_says_each_fact_once():
    site = built_site().output_dir
    html = (site / "stories" / "rail-strike-called-off" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Who reported it" not in text and "Timeline" not in text and "Last update" not in text
    assert "badge--independent" not in html  # independent of what? there is nothing to compare
    assert "1 version" not in text
    assert "story-head__meta" not in html  # no empty line of facts under the headline
    # Its headline is the story's: shown once, under the kicker, not again on the lone card.
    title = re.search(r'<h1 class="story-head__title">(.*?)</h1>', html, re.S).group(1)
    assert re.search(r'class="version__title visually-hidden"', html)
    assert "Every version" not in text and title


def test_demo_says_how_much_a_rewrite_shares_once(demo):
    text = re.sub(r"<[^>]+>", " ", story_page(demo))
    assert text.count("31% of sentences shared") == 1 and "of its sentences shared" not in text


def test_demo_summary_opens_on_the_plain_news_not_the_spun_wording(demo):
    summary = re.search(r'<p class="standfirst">(.*?)</p>', story_page(demo), re.S).group(1)
    assert "revealed that" not in summary  # the one version's frame, put before a statement the others make


def test_a_story_of_unnamed_outlets_does_not_count_zero_outlets(tmp_path):
    sources = tmp_path / "content" / "sources"
    sources.mkdir(parents=True)
    text = ("Ferry service to Harlow Island resumed on Monday after a three-day strike by deck crews ended with a "
            "pay deal, the operator said.\n\nThe first sailing left Kelport at seven in the morning with about 200 "
            "passengers aboard.\n\nUnion leaders said members had voted to accept a rise of four percent.\n")
    (sources / "first.txt").write_text("Harlow Island ferries sail again after strike\n\n" + text, encoding="utf-8")
    (sources / "second.txt").write_text("Ferries to Harlow Island resume as strike ends\n\n" + text.replace(
        "the operator said", "its operator said"), encoding="utf-8")
    config = make_config(tmp_path, content_dir=tmp_path / "content")
    build(config, progress=False)
    text = re.sub(r"<[^>]+>", " ", story_page(config.output_dir))
    assert re.search(r"\b2 versions\b", text)
    assert "0 outlets" not in text



def test_an_undated_rewrite_is_not_told_as_having_come_second(demo):
    """Which of two near-identical texts came first only the times tell: the demo's 001 is undated, so the page
    and the feed say its rewrite goes one way or the other; 003 and 004 are dated after 000 and are told
    plainly."""
    html = story_page(demo)
    assert "Unnamed source (001-c23af71518a89e79)</a> rewrote Unnamed source (000-dbee12e2d6df8b2b) or was " \
           "rewritten by it (undated: the times do not tell which came first)" in html
    assert html.count("or was rewritten by it") == 1
    assert html.count("Rewrite of or by Unnamed source (000-") == 1 and html.count("Rewrite of Unnamed source") == 2
    feed = (demo / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("rewrite of or by Unnamed source (000-") == 1
    assert feed.count("rewrite of Unnamed source (000-") == 2
