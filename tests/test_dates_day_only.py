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
