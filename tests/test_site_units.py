"""Small pieces of the site stage: times, slugs, pagination, teasers, names, characters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from newsdigest.model import Post, Relation, RelationKind, Story, Version
from newsdigest.site.chars import finalize, printable
from newsdigest.site.context import Directory, story_view, teaser
from newsdigest.site.dates import moment, recency_key
from newsdigest.site.pages import paginate
from newsdigest.site.slugs import check_segment, page_slug
from newsdigest.site.theme import json_ld

LONDON = ZoneInfo("Europe/London")


def test_moment_in_site_zone_and_unknown():
    m = moment(datetime(2025, 12, 1, 23, 30, tzinfo=UTC), ZoneInfo("Asia/Tokyo"))
    assert m.iso == "2025-12-02T08:30:00+09:00"
    assert m.text == "2 December 2025, 08:30 JST"
    assert m.day == "Tuesday 2 December 2025"
    unknown = moment(None, LONDON)
    assert not unknown.known and unknown.text == "date unknown" and unknown.iso == ""


def test_a_date_without_a_time_shows_its_day_and_no_invented_clock():
    day_only = moment(date(2025, 9, 5), ZoneInfo("Europe/London"))
    assert day_only.text == "5 September 2025"
    assert day_only.iso == "2025-09-05"
    assert "00:00" not in day_only.short and "05:00" not in day_only.text


def test_naive_times_are_taken_as_site_local():
    assert moment(datetime(2025, 7, 1, 12, 0), LONDON).iso == "2025-07-01T12:00:00+01:00"


def test_undated_sorts_last():
    values = [None, datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC)]
    ordered = sorted(values, key=lambda v: recency_key(v, LONDON))
    assert ordered == [values[2], values[1], None]


@pytest.mark.parametrize(("name", "slug"), [
    ("BBC News", "bbc-news"), ("Le Monde Diplomatique", "le-monde-diplomatique"), ("Épsilon Diário", "epsilon-diario"),
    ("  ", None), ("Новости", None),
])
def test_page_slug(name, slug):
    result = page_slug(name)
    if slug is None:
        assert result.startswith("x-") and len(result) == 12
    else:
        assert result == slug


@pytest.mark.parametrize("bad", ["", "../x", "a/b", ".hidden", "a\\b", "a b"])
def test_unsafe_segments_are_refused(bad):
    with pytest.raises(ValueError):
        check_segment(bad, "slug")


def test_outlets_that_fold_to_one_slug_share_a_page():
    directory = Directory()
    assert directory.outlet("BBC News") is directory.outlet("bbc news")
    assert directory.outlet("") is None


def test_paginate():
    pages = list(paginate(list(range(23)), 10, "/stories/"))
    assert [path for path, _, _ in pages] == ["/stories/", "/stories/page/2/", "/stories/page/3/"]
    assert list(pages[2][1]) == [20, 21, 22]
    assert pages[0][2].prev_url is None and pages[0][2].next_url == "/stories/page/2/"
    assert [path for path, _, _ in paginate([], 10, "/x/")] == ["/x/"]


def test_teaser_keeps_whole_sentences():
    text = "First sentence here. " * 30
    cut = teaser(text, 60)
    assert cut.endswith(".") and len(cut) <= 60
    assert teaser("short") == "short"
    assert teaser("word " * 100, 30).endswith("…")


def test_unnamed_outlets_stay_tellable_apart():
    def version(pid, outlet=None, url=None):
        post = Post(id=pid, title=pid, body="", source=f"s/{pid}", outlet=outlet, url=url)
        return Version(post, Relation(RelationKind.INDEPENDENT))

    story = Story(id="s", slug="s", title="t", summary="", versions=(
        version("a"), version("b", url="https://www.example.com/x"), version("c"), version("d", "Named")))
    names = [v.outlet_name for v in story_view(story, LONDON, Directory()).versions]
    # Each unnamed one carries its post id: tellable apart, and the editor knows which post to name.
    assert names == ["Unnamed source (a)", "example.com", "Unnamed source (c)", "Named"]


def test_printable_drops_control_characters_and_keeps_markup():
    from markupsafe import Markup

    assert printable("a\x00b\x0bc\u0085d\tz\n") == "abcd\tz\n"
    assert isinstance(finalize(Markup("<b>x\x01</b>")), Markup)
    assert finalize(3) == 3


def test_json_ld_escapes_markup_characters():
    text = str(json_ld({"headline": "</script><!-- & \u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


def test_each_search_index_file_belongs_to_the_bundle_of_its_folder():
    from newsdigest.site.search import SEARCH_FOLDER, bundle_of

    assert bundle_of(f"{SEARCH_FOLDER}/pagefind.js") == SEARCH_FOLDER
    assert bundle_of(f"{SEARCH_FOLDER}/index/en_1.pf_index") == SEARCH_FOLDER
    assert bundle_of(f"{SEARCH_FOLDER}/shard-2/index/en_1.pf_index") == f"{SEARCH_FOLDER}/shard-2"
    assert bundle_of(f"{SEARCH_FOLDER}/shard-note.txt") is None  # a file, not a shard's folder
    assert bundle_of("stories/a/index.html") is None
