"""Times as a reader sees them: in the site's time zone, with "date unknown" for none.

Every time shown on a page goes through `moment()`, so a page never mixes zones
and an undated post reads as such instead of as the Unix epoch. Sorting helpers
put undated things last without comparing `None` to a datetime.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from newsdigest.model import When, day_of, earliest_instant, is_timed, iso_text, latest_instant, sort_key
from newsdigest.model import recency_key as newest_first_key

UNKNOWN = "date unknown"


@dataclass(frozen=True)
class Moment:
    """One point in time, preformatted for templates."""

    known: bool
    iso: str
    """ISO 8601 with offset for `<time datetime>` and metadata; empty when unknown."""
    text: str
    """"5 September 2025, 06:12 BST"."""
    time: str
    """"06:12" — enough inside a day's list."""
    day: str
    """"Friday 5 September 2025"."""
    short: str
    """"5 Sep 2025, 06:12"."""


NO_MOMENT = Moment(False, "", UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN)


def moment(value: When | None, tz: ZoneInfo) -> Moment:
    if value is None:
        return NO_MOMENT
    if not is_timed(value):
        # The source gave a day, not a time: show the day as the outlet dated it,
        # rather than inventing a clock time (or a different day) by converting zones.
        day = value
        return Moment(
            known=True,
            iso=iso_text(day),
            text=f"{day.day} {day.strftime('%B %Y')}",
            time="",
            day=day_label(day),
            short=f"{day.day} {day.strftime('%b %Y')}",
        )
    local = localize(value, tz)
    # One strftime for every part (a site formats thousands of times at every build).
    clock, name, offset, month, weekday, abbreviated = local.strftime("%H:%M\x1f%Z\x1f%z\x1f%B %Y\x1f%A\x1f%b %Y").split("\x1f")
    return Moment(
        known=True,
        iso=_iso_to_the_second(local),
        text=f"{local.day} {month}, {clock} {name or offset}".strip(),
        time=clock,
        day=f"{weekday} {local.day} {month}",
        short=f"{local.day} {abbreviated}, {clock}",
    )


def localize(value: When, tz: ZoneInfo) -> When:
    """`value` in the site's zone; a naive time is taken to be in that zone already.

    A day stays a day: converting it would turn "26 October" into "01:00 on
    26 October" (or into the day before), a clock time nobody stated.
    """
    if not is_timed(value):
        return value
    if value.tzinfo is None:
        return value.replace(tzinfo=tz)
    return value.astimezone(tz)


def feed_instant(value: When, tz: ZoneInfo) -> datetime:
    """The full timestamp a feed needs: a time in the site's zone; a day its first instant, 00:00:00 UTC
    (a post file's bare date is read as its UTC day, see `model.earliest_instant`). RSS and Atom have no
    bare dates, so a day's entry does carry that clock time; midnight UTC keeps it on the day written,
    where midnight in a zone ahead of UTC would be the evening before."""
    return localize(value, tz) if is_timed(value) else earliest_instant(value)


def local_day(value: When | None, tz: ZoneInfo) -> date | None:
    """The edition day a time belongs to; a day is its own edition day."""
    if value is None:
        return None
    return day_of(value, tz)


def day_label(day: date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


def iso_utc(value: When | None, tz: ZoneInfo) -> str | None:
    """Machine-readable time for data files: ISO 8601 with its offset, a bare date
    for a day (as a post file writes it), or None."""
    return None if value is None else _iso_to_the_second(localize(value, tz))


def _iso_to_the_second(value: When) -> str:
    """`model.iso_text` without fractions of a second, which no page or feed needs."""
    return iso_text(value.replace(microsecond=0) if is_timed(value) else value)


def newest(values: Iterable[When | None], tz: ZoneInfo) -> When | None:
    known = [localize(v, tz) for v in values if v is not None]
    return max(known, key=latest_instant) if known else None


def oldest(values: Iterable[When | None], tz: ZoneInfo) -> When | None:
    known = [localize(v, tz) for v in values if v is not None]
    return min(known, key=latest_instant) if known else None


def recency_key(value: When | None, tz: ZoneInfo) -> tuple[int, float]:
    """Sort key for newest first with undated last (`model.recency_key`; a naive time is in the site's zone)."""
    return newest_first_key(None if value is None else localize(value, tz))


def chronological_key(value: When | None, tz: ZoneInfo) -> tuple[int, float]:
    """Sort key for oldest first with undated last (a naive time is in the site's zone)."""
    return sort_key(None if value is None else localize(value, tz))


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
