"""A date stated without a time of day is a day (a bare `date`), everywhere it is used; a time is a time,
midnight included."""

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from site_fixtures import make_config

from newsdigest.check import check
from newsdigest.model import (
    Post,
    Relation,
    RelationKind,
    Story,
    Version,
    day_of,
    earliest_instant,
    is_timed,
    iso_text,
    latest_instant,
    sort_key,
)
from newsdigest.postfile import parse_post, render_post
from newsdigest.site import render
from newsdigest.stories.assemble import chronological, newest_first
from newsdigest.stories.relations import earliest_apart

LONDON_SUMMER = timezone(timedelta(hours=1))
PLUS_TWO = timezone(timedelta(hours=2))
TOKYO = ZoneInfo("Asia/Tokyo")


def post(post_id: str, published: datetime | date | None, **extra) -> Post:
    return Post(id=post_id, title=post_id, body="Text.", source=f"sources/{post_id}.txt", published=published, **extra)


def test_a_day_only_version_never_goes_before_one_timed_that_day():
    timed = post("timed", datetime(2025, 9, 5, 5, 12, tzinfo=LONDON_SUMMER))
    day_only = post("day", date(2025, 9, 5))
    undated = post("undated", None)
    previous_day = post("before", date(2025, 9, 4))
    order = [p.id for p in chronological([undated, day_only, timed, previous_day])]
    assert order == ["before", "timed", "day", "undated"]


def test_the_instants_a_day_allows_span_its_utc_day():
    assert earliest_instant(date(2025, 9, 5)) == datetime(2025, 9, 5, tzinfo=UTC)
    assert latest_instant(date(2025, 9, 5)) == datetime(2025, 9, 5, 23, 59, 59, 999999, tzinfo=UTC)
    midnight = datetime(2025, 9, 5, tzinfo=PLUS_TWO)
    assert earliest_instant(midnight) == latest_instant(midnight) == datetime(2025, 9, 4, 22, tzinfo=UTC)
    assert latest_instant(datetime(2025, 9, 5, 8)) == datetime(2025, 9, 5, 8, tzinfo=UTC)  # naive is UTC


def test_the_day_a_date_falls_on():
    assert day_of(date(2025, 9, 5), TOKYO) == date(2025, 9, 5)  # a day is its own day in every zone
    late = datetime(2025, 9, 5, 20, 0, tzinfo=UTC)
    assert day_of(late) == date(2025, 9, 5)
    assert day_of(late, TOKYO) == date(2025, 9, 6)


def test_sort_key_puts_a_day_after_the_times_of_that_day_and_undated_last():
    values = [None, date(2025, 9, 5), datetime(2025, 9, 5, 23, 0, tzinfo=UTC), date(2025, 9, 4)]
    assert sorted(values, key=sort_key) == [date(2025, 9, 4), values[2], date(2025, 9, 5), None]


def test_iso_text_keeps_a_day_bare_and_a_time_with_its_offset():
    assert iso_text(date(2025, 9, 5)) == "2025-09-05"
    assert iso_text(datetime(2025, 9, 5, tzinfo=PLUS_TWO)) == "2025-09-05T00:00:00+02:00"
    assert is_timed(datetime(2025, 9, 5, tzinfo=PLUS_TWO)) and not is_timed(date(2025, 9, 5))


def _post_text(published: str) -> str:
    return f"---\nid: a\ntitle: Bridge reopens\nsource: sources/a.txt\npublished: {published}\n---\n\nThe bridge reopened.\n"


def test_a_post_file_bare_date_is_a_day_and_is_written_back_bare():
    read = parse_post(_post_text("2025-09-05"), Path("a.md"))
    assert read.published == date(2025, 9, 5) and not is_timed(read.published)
    assert "\npublished: '2025-09-05'\n" in render_post(read)


def test_a_post_timed_at_midnight_is_timed():
    read = parse_post(_post_text("2025-09-05T00:00:00+02:00"), Path("a.md"))
    assert read.published == datetime(2025, 9, 5, tzinfo=PLUS_TWO) and is_timed(read.published)
    assert "published: '2025-09-05T00:00:00+02:00'" in render_post(read)
    # It is earlier than a version of the same day timed at 08:00 in London: the first, not "some time that day".
    later = post("b", datetime(2025, 9, 5, 8, tzinfo=LONDON_SUMMER))
    assert earliest_apart([later, read]) == 1


def test_a_story_of_midnight_times_shows_their_clock_time(tmp_path):
    """00:00 at +02:00 is 23:00 the evening before in London (the site's zone), not a day."""
    midnight = datetime(2011, 10, 26, tzinfo=PLUS_TWO)
    story = _story(post("a", midnight, outlet="The Courier"), post("b", midnight, outlet="The Ledger"))
    config = make_config(tmp_path)
    render([story], config, search=False)
    listed = json.loads((config.output_dir / "stories.json").read_text(encoding="utf-8"))["stories"][0]
    assert {p["published"] for p in listed["posts"]} == {"2011-10-25T23:00:00+01:00"}
    page = (config.output_dir / "stories" / "bridge-reopens" / "index.html").read_text(encoding="utf-8")
    assert "25 October 2011, 23:00" in page


def _story(*posts: Post) -> Story:
    return Story(id="s-bridge", slug="bridge-reopens", title="Bridge reopens", summary="The bridge reopened.",
                 versions=tuple(Version(p, Relation(RelationKind.INDEPENDENT)) for p in posts))


def test_a_story_dated_only_by_its_day_shows_and_lists_the_day_without_a_clock_time(tmp_path):
    """The site's zone (London, an hour ahead of UTC in October) must not turn the day into '01:00'."""
    day = date(2011, 10, 26)
    story = _story(post("a", day, outlet="The Courier"), post("b", day, outlet="The Ledger"))
    config = make_config(tmp_path)
    render([story], config, search=False)
    out = config.output_dir
    listed = json.loads((out / "stories.json").read_text(encoding="utf-8"))["stories"][0]
    assert listed["published"] == "2011-10-26" and listed["updated"] == "2011-10-26"
    assert {p["published"] for p in listed["posts"]} == {"2011-10-26"}
    page = (out / "stories" / "bridge-reopens" / "index.html").read_text(encoding="utf-8")
    assert "26 October 2011" in page
    assert "01:00" not in page and "T01:00" not in page
    assert '"datePublished":"2011-10-26"' in page.replace(" ", "")
    # Feeds need a full timestamp: a day is given its first instant, midnight UTC, on its own day.
    assert "<pubDate>Wed, 26 Oct 2011 00:00:00 +0000</pubDate>" in (out / "feed.xml").read_text(encoding="utf-8")
    assert "<published>2011-10-26T00:00:00+00:00</published>" in (out / "atom.xml").read_text(encoding="utf-8")
    item = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"][0]
    assert item["date_published"] == item["date_modified"] == "2011-10-26T00:00:00+00:00"


def test_a_day_and_a_time_of_that_day_order_and_date_a_story(tmp_path):
    """A story of a day-only version and a version timed that day: the timed one is first; the story's
    latest activity is the day (it may mean any time of it)."""
    timed = post("a", datetime(2011, 10, 26, 9, 30, tzinfo=LONDON_SUMMER), outlet="The Courier")
    story = _story(post("b", date(2011, 10, 26), outlet="The Ledger"), timed)
    config = make_config(tmp_path)
    render([story], config, search=False)
    listed = json.loads((config.output_dir / "stories.json").read_text(encoding="utf-8"))["stories"][0]
    assert listed["published"] == "2011-10-26T09:30:00+01:00" and listed["updated"] == "2011-10-26"
    page = (config.output_dir / "stories" / "bridge-reopens" / "index.html").read_text(encoding="utf-8")
    assert page.index('id="v-a"') < page.index('id="v-b"')


def test_check_warns_of_a_story_with_no_time_of_day_but_not_of_one_timed_at_midnight(tmp_path):
    untimed = "has a time of day"
    for published, warned in (("2025-09-05", True), ("2025-09-05T00:00:00+02:00", False)):
        config = make_config(tmp_path / published[-5:].replace(":", ""))
        config.posts_dir.mkdir(parents=True)
        (config.posts_dir / "a.md").write_text(_post_text(published), encoding="utf-8")
        assert any(untimed in warning for warning in check(config).warnings) is warned, published


def test_ingest_reads_a_date_alone_as_its_day_and_a_written_midnight_as_a_time():
    from newsdigest.ingest.dates import find_dates, parse_date

    assert parse_date("Tue. Jun 11th, 2024", PLUS_TWO) == date(2024, 6, 11)
    assert parse_date("2025-09-05", PLUS_TWO) == date(2025, 9, 5)
    assert parse_date("September 5, 2025 12:00 am", PLUS_TWO) == datetime(2025, 9, 5, tzinfo=PLUS_TWO)
    assert parse_date("2025-09-05T00:00:00+02:00") == datetime(2025, 9, 5, tzinfo=PLUS_TWO)
    (day,) = find_dates("Posted 5 September 2025", PLUS_TWO)
    (midnight,) = find_dates("Posted 5 September 2025, 00:00", PLUS_TWO)
    assert day.moment == date(2025, 9, 5) and midnight.moment == datetime(2025, 9, 5, tzinfo=PLUS_TWO)


def test_post_files_and_ingest_read_an_iso_day_with_a_zone_as_that_day():
    """One ISO reader: a zone written after a bare day does not make it a time (02:00 UTC) or move the day."""
    from newsdigest.ingest.dates import parse_date

    for written in ("2025-09-05+02:00", "2025-09-05Z", "2025-09-05"):
        assert parse_post(_post_text(written), Path("a.md")).published == date(2025, 9, 5), written
        assert parse_date(written, TOKYO) == date(2025, 9, 5), written
    assert parse_post(_post_text("2025-09-05T00:00:00Z"), Path("a.md")).published == datetime(2025, 9, 5, tzinfo=UTC)
    assert parse_date("2025-09-05 10:00", TOKYO) == datetime(2025, 9, 5, 10, tzinfo=TOKYO)


def test_every_list_of_stories_puts_a_day_before_the_stories_timed_that_day(tmp_path):
    """A story last touched on a day may have been touched at any time of it: stories.json, the home page and
    the feeds all take the latest, and so agree on one order."""
    harbour = Story(id="s-harbour", slug="harbour", title="Harbour dredging starts", summary="Dredging started.",
                    versions=(Version(post("h", datetime(2011, 10, 26, 10, tzinfo=UTC)), Relation(RelationKind.FIRST)),),
                    published=datetime(2011, 10, 26, 10, tzinfo=UTC), updated=datetime(2011, 10, 26, 10, tzinfo=UTC))
    library = Story(id="s-library", slug="library", title="Library reopens", summary="The library reopened.",
                    versions=(Version(post("l", date(2011, 10, 26)), Relation(RelationKind.FIRST)),),
                    published=date(2011, 10, 26), updated=date(2011, 10, 26))
    earlier = Story(id="s-earlier", slug="earlier", title="Ferry timetable changes", summary="The ferry changed.",
                    versions=(Version(post("e", date(2011, 10, 25)), Relation(RelationKind.FIRST)),),
                    published=date(2011, 10, 25), updated=date(2011, 10, 25))
    ordered = newest_first([earlier, harbour, library])
    assert [s.slug for s in ordered] == ["library", "harbour", "earlier"]
    config = make_config(tmp_path)
    render(list(ordered), config, search=False)
    out = config.output_dir
    assert [s["slug"] for s in json.loads((out / "stories.json").read_text(encoding="utf-8"))["stories"]] == [
        "library", "harbour", "earlier"]
    home = (out / "index.html").read_text(encoding="utf-8")
    assert home.index("Library reopens") < home.index("Harbour dredging starts") < home.index("Ferry timetable changes")
    items = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [item["title"] for item in items] == ["Library reopens", "Harbour dredging starts", "Ferry timetable changes"]
    rss = (out / "feed.xml").read_text(encoding="utf-8")
    assert rss.index("Library reopens") < rss.index("Harbour dredging starts")
