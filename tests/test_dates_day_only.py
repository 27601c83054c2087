"""A date stated without a time of day is 'some time that day', everywhere it is used."""

from datetime import datetime, timedelta, timezone

from newsdigest.model import Post, is_day_only, latest_instant
from newsdigest.stories.assemble import chronological

LONDON_SUMMER = timezone(timedelta(hours=1))


def post(post_id: str, published: datetime | None) -> Post:
    return Post(id=post_id, title=post_id, body="Text.", source=f"sources/{post_id}.txt", published=published)


def test_a_day_only_version_never_goes_before_one_timed_that_day():
    timed = post("timed", datetime(2025, 9, 5, 5, 12, tzinfo=LONDON_SUMMER))
    day_only = post("day", datetime(2025, 9, 5, tzinfo=LONDON_SUMMER))
    undated = post("undated", None)
    previous_day = post("before", datetime(2025, 9, 4, tzinfo=LONDON_SUMMER))
    order = [p.id for p in chronological([undated, day_only, timed, previous_day])]
    assert order == ["before", "timed", "day", "undated"]


def test_the_convention_itself():
    assert is_day_only(datetime(2025, 9, 5, tzinfo=LONDON_SUMMER))
    assert not is_day_only(datetime(2025, 9, 5, 0, 0, 1, tzinfo=LONDON_SUMMER))
    end = latest_instant(datetime(2025, 9, 5, tzinfo=LONDON_SUMMER))
    assert end == datetime(2025, 9, 5, 22, 59, 59, 999999, tzinfo=timezone.utc)


def test_a_story_dated_only_by_its_day_shows_and_lists_the_day_without_a_clock_time(tmp_path):
    """The site's zone (London, an hour ahead of UTC in October) must not turn the day into '01:00'."""
    import json

    from site_fixtures import make_config

    from newsdigest.model import Relation, RelationKind, Story, Version
    from newsdigest.site import render

    day = datetime(2011, 10, 26, tzinfo=timezone.utc)
    first = Post(id="a", title="Bridge reopens", body="The bridge reopened.", source="sources/a.txt",
                 outlet="The Courier", published=day)
    second = Post(id="b", title="Bridge open again", body="The bridge is open again.", source="sources/b.txt",
                  outlet="The Ledger", published=day)
    story = Story(id="s-bridge", slug="bridge-reopens", title="Bridge reopens", summary="The bridge reopened.",
                  versions=(Version(first, Relation(RelationKind.INDEPENDENT)),
                            Version(second, Relation(RelationKind.INDEPENDENT))),
                  published=None, updated=None)
    config = make_config(tmp_path)
    render([story], config, search=False)
    listed = json.loads((config.output_dir / "stories.json").read_text(encoding="utf-8"))["stories"][0]
    assert listed["published"] == "2011-10-26" and listed["updated"] == "2011-10-26"
    assert {p["published"] for p in listed["posts"]} == {"2011-10-26"}
    page = (config.output_dir / "stories" / "bridge-reopens" / "index.html").read_text(encoding="utf-8")
    assert "26 October 2011" in page
    assert "01:00" not in page and "T01:00" not in page
