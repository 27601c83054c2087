"""When a saved page's article was published: its own statements, checked against the dates it shows.

JSON-LD `datePublished` and `article:published_time` state the moment with its
offset; a page that states it only in UTC is read in its country's zone (see
`html_zone`), and one that prints the same moment locally beside it at that
offset. A midnight stated there (00:00:00) is how many publishing systems write
a day: it is that day, unless the page prints the midnight as a time ("00:00",
"12:00 am"). A date written with dots ("10.12.2022") puts the day first. The
visible page then says which statement is the article's date: the day it
prints is the publication's, or the update's where the page shows only that;
where it prints neither, a date printed in the article's head (beside the
first `<h1>`, before the first paragraph of the body) is the article's.
Without a stated date, the first `<time datetime>` element is the page's own;
without one, htmldate reads the markup, URL and text (original date, extensive
search), and a bare copyright year is no publication date; either yields to a
date printed in the article's head where the page does not print its day. A
date printed anywhere else (the body, a photo credit, an infobox, a teaser) is
never taken as the article's, only as a sign that a statement's day is shown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from datetime import timezone as dt_timezone
from typing import Any

from newsdigest.ingest.dates import find_dates, parse_date
from newsdigest.ingest.html_meta import PageMeta
from newsdigest.ingest.html_zone import page_zone
from newsdigest.model import When, day_of, is_timed

__all__ = ["DateChoice", "choose_published", "published_and_updated"]

_PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date", "date",
)
_UPDATED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")


@dataclass(frozen=True)
class DateChoice:
    moment: When | None
    source: str
    """Where the date was read, for `ingest --explain`."""


def _first_date(candidates: tuple[tuple[str, Any], ...], tz: tzinfo | None) -> DateChoice:
    """The first of the page's stated dates, in order of trust, that reads as a date."""
    for source, candidate in candidates:
        moment = parse_date(_day_first(candidate), tz) if isinstance(candidate, str) else None
        if moment:
            return DateChoice(moment, source)
    return DateChoice(None, "no stated date")


_DOTTED = re.compile(r"^\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\b,?\s*(.*)$")


def _day_first(value: str) -> str:
    """"10.12.2022, 07:00" as the ISO date it is: a date written with dots puts the day first, in every language."""
    match = _DOTTED.match(value)
    if not match:
        return value
    day, month, year, rest = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d} {rest}".strip()


def published_and_updated(page: PageMeta, tz: tzinfo | None, html: str, *,
                          host: str | None = None) -> tuple[DateChoice, When | None]:
    """The publication date (`choose_published`) and the update the page states, from one reading of the dates
    the page prints: both check a stated midnight against them, and finding them is the costly part."""
    printed = _printed(page, tz)
    return _choose_published(page, tz, html, host, printed), _updated(page, tz, printed).moment


def choose_published(page: PageMeta, tz: tzinfo | None, html: str, *, host: str | None = None) -> DateChoice:
    """When the article was published, as the page dates it: its statements, checked against the dates it shows.

    The page's metadata states when the article was published and last updated; its
    visible page often prints one of them in the article's head. The date readers see
    is the article's date: the stated publication where the page prints that day
    anywhere, else the stated update where it prints that day instead (an article
    re-dated on update), else the date printed in the article's head, else the stated
    publication all the same. Without a statement, the first `<time datetime>` or,
    failing it, htmldate's reading stands where the page prints its day or prints no
    date in the article's head; where the head prints another day, that day is the date.
    """
    return _choose_published(page, tz, html, host, _printed(page, tz))


def _choose_published(page: PageMeta, tz: tzinfo | None, html: str, host: str | None,
                      printed: list[tuple[int, When, date | None]]) -> DateChoice:
    shown: dict[date, When] = {}
    for _, moment, _ in printed:
        shown.setdefault(day_of(moment), moment)
    label, stated = _stated_published(page, tz, host, printed)
    if stated.moment:
        # A stated date also settles which day a date in digits alone means; a reading of the page's text
        # (htmldate's) cannot, since it may have read those very digits the other way.
        either = shown | {other: moment for _, moment, other in printed if other and other not in shown}
        updated = _updated(page, tz, printed)
        for choice, why in ((stated, ""), (updated, ", the update the page prints as its date (not the publication)")):
            moment = _as_shown(choice.moment, either)
            if moment:
                return DateChoice(moment, f"{choice.source}{why}, on a day the page prints")
        head = _in_head(page, printed)
        if head:
            return DateChoice(head[0], f"the date printed in the article's head, {head[1]!r} (the page does not "
                                       f"print the day {label} states, {day_of(stated.moment).isoformat()})")
        return stated
    guess = _unstated(page, tz, html, printed)
    if guess.moment and (moment := _as_shown(guess.moment, shown)):
        return DateChoice(moment, f"{guess.source}, on a day the page prints")
    head = _in_head(page, printed)
    if head:
        doubted = f"; the page does not print the day {guess.source} gives" if guess.moment else ""
        return DateChoice(head[0], f"the date printed in the article's head, {head[1]!r} "
                                   f"(no date stated in its metadata{doubted})")
    return DateChoice(guess.moment, f"{guess.source} (no date stated in its metadata)") if guess.moment else guess


def _stated_published(page: PageMeta, tz: tzinfo | None, host: str | None,
                      printed: list[tuple[int, When, date | None]]) -> tuple[str, DateChoice]:
    """The publication date the page's metadata states, as the day its readers saw it (see `html_zone`), and
    the statement's own label ("JSON-LD datePublished") for explanations that name it apart from how it was read."""
    stated = _first_date((
        ("JSON-LD datePublished", page.jsonld.get("datePublished")),
        *((f"meta {key}", page.meta.get(key)) for key in _PUBLISHED_KEYS),
        ("JSON-LD dateCreated", page.jsonld.get("dateCreated")),
    ), tz)
    if not stated.moment:
        return stated.source, stated
    local = _in_local_time(stated.moment, page)
    if local is not stated.moment:
        return stated.source, DateChoice(local, f"{stated.source}, at the local offset the page prints beside it")
    day = _day_of_midnight(local, printed)
    if day is not local:
        return stated.source, DateChoice(day, f"{stated.source}, a midnight the page prints no time for: the day")
    zone = _readers_zone(local, page, host)
    if zone and is_timed(local):
        return stated.source, DateChoice(local.astimezone(zone), f"{stated.source}, stated in UTC, read in {zone}")
    return stated.source, stated


def _unstated(page: PageMeta, tz: tzinfo | None, html: str, printed: list[tuple[int, When, date | None]]) -> DateChoice:
    """The page's first `<time datetime>`, else htmldate's reading: the dates of a page whose metadata states none."""
    for value in page.times:
        # A `<time datetime>` is the page's own machine-readable statement, more deliberate than
        # any reading of its text; the first is the article's, the others its comments' or teasers'.
        moment = _day_of_midnight(parse_date(_day_first(value), tz), printed)
        if moment:
            return DateChoice(moment, "the page's first <time> element")
    found = _htmldate(page)
    if found:
        moment = parse_date(found, tz)
        if moment and not _year_only(moment, html):
            return DateChoice(moment, "htmldate's reading of the page")
    return DateChoice(None, "no date found in the page")


def _printed(page: PageMeta, tz: tzinfo | None) -> list[tuple[int, When, date | None]]:
    """The dates the visible page prints, in any language (`dates.find_dates`): the index of the piece of
    text each is printed in (`PageMeta.texts`), the moment, and the other day a date written in digits
    alone may mean ("04/12/2020": 4 December or 12 April), where it may mean two."""
    lang = (page.lang or "").split("-")[0].split("_")[0].lower() or None
    return [(index, found.moment, _other_reading(found.moment, text[found.start:found.end]))
            for index, text in enumerate(page.texts) for found in find_dates(text, tz, lang)]


def _other_reading(moment: When, written: str) -> date | None:
    if re.search(r"[^\W\d_]", written) or moment.day > 12 or moment.day == moment.month:
        return None
    return date(moment.year, moment.day, moment.month)


_HEAD_BEFORE, _HEAD_AFTER = 3, 10
"""How many pieces of text before the first `<h1>`'s own (a breadcrumb, a date line above the headline)
and after it (kicker, byline, date line) may belong to the article's head."""
_PARAGRAPH = 100
"""Characters that make a piece of text a paragraph of prose. Under the headline the first may be the
standfirst (the article's summary, part of its head); the second is the body's (or a teaser's) own."""


def _in_head(page: PageMeta, printed: list[tuple[int, When, date | None]]) -> tuple[When, str] | None:
    """The date printed in the article's head, and the text it is printed in: the one nearest the first `<h1>`
    within a few pieces of text either side of it, with no paragraph of prose between it and the headline
    but a standfirst (a date past the body's first paragraph is the body's, a teaser's or a sidebar's)."""
    at = page.headline_at if printed else None
    if at is None:
        return None
    texts = page.texts
    prose = [i for i in range(at + 1, min(len(texts), at + _HEAD_AFTER + 1)) if len(texts[i]) >= _PARAGRAPH]
    first = prose[1] if len(prose) > 1 else at + _HEAD_AFTER + 1
    last = next((i for i in range(at - 1, max(-1, at - _HEAD_BEFORE - 1), -1) if len(texts[i]) >= _PARAGRAPH),
                at - _HEAD_BEFORE - 1)
    near = [(abs(index - at) + (index < at) / 2, index, moment) for index, moment, _ in printed if last < index < first]
    if not near:
        return None
    _, index, moment = min(near, key=lambda found: found[0])
    return moment, texts[index][:80]


def _as_shown(moment: When | None, shown: dict[date, When]) -> When | None:
    """The moment on the day the page prints it: as read, or in UTC where the page prints the UTC day
    (a day has no other reading)."""
    if moment is None:
        return None
    if day_of(moment) in shown:
        return moment
    if not is_timed(moment):
        return None
    utc = moment.astimezone(UTC)
    return utc if utc.date() in shown else None


def _day_of_midnight(moment: When | None, printed: list[tuple[int, When, date | None]]) -> When | None:
    """A midnight stated in the page's markup as the day it stands for, unless the page prints it as a time.

    Many publishing systems write a date known only to its day as 00:00:00 in JSON-LD, meta tags and
    `<time datetime>`; read as a time it would show a clock time nobody stated, or the day before once
    converted to another zone. So it is the day written, in the offset it was written in. Only where the
    page itself prints that midnight as a time on that day ("00:00", "12:00 am") is it a time.
    """
    if moment is None or not is_timed(moment) or moment.time() != time(0):
        return moment
    if any(is_timed(shown) and shown.date() == moment.date() and shown.time() == time(0) for _, shown, _ in printed):
        return moment
    return moment.date()


def _in_local_time(moment: When, page: PageMeta) -> When:
    """A UTC time re-expressed in the outlet's own offset, where the page shows that same moment locally.

    Metadata often gives times in UTC while the page prints the outlet's local time
    ("2023-11-08 23:30:59" beside "2023-11-09T05:30:59Z"). The local form is the
    date readers saw; the offset is the difference between the two, when it is a
    whole number of quarter hours and the minutes and seconds agree.
    """
    if not is_timed(moment) or moment.utcoffset() != timedelta(0):
        return moment
    for value in page.times:
        match = _NAIVE_TIME.match(value.strip())
        if not match:
            continue
        try:
            local = datetime.fromisoformat(match.group(1).replace(" ", "T"))
        except ValueError:
            continue
        offset = local - moment.replace(tzinfo=None)
        quarters = offset / timedelta(minutes=15)
        if offset and abs(offset) <= timedelta(hours=14) and quarters == int(quarters) and local.second == moment.second:
            return moment.astimezone(dt_timezone(offset))
    return moment


def _readers_zone(moment: When, page: PageMeta, host: str | None) -> tzinfo | None:
    """For a time stated in UTC, the zone of the page's country (see `html_zone`), where known."""
    if not is_timed(moment) or moment.utcoffset() != timedelta(0):
        return None
    return page_zone(page, host)


_NAIVE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})$")


def _htmldate(page: PageMeta) -> str | None:
    """htmldate's reading of the page (URL, markup and text patterns), original rather than updated date."""
    from htmldate import find_date

    if page.tree is None:
        return None
    try:
        return find_date(page.tree, url=page.canonical, original_date=True, extensive_search=True,
                         outputformat="%Y-%m-%d")
    except (ValueError, TypeError, AttributeError):
        return None


def _year_only(moment: When, html: str) -> bool:
    """True when a 1 January date stands for a bare year (a copyright line), which is no publication date."""
    if (moment.month, moment.day) != (1, 1):
        return False
    year = moment.year
    stated = (f"{year}-01-01", f"01/01/{year}", f"1 January {year}", f"January 1, {year}", f"Jan 1, {year}",
              f"Jan. 1, {year}", f"{year}/01/01", f"1 Jan {year}")
    return not any(form in html for form in stated)


def _updated(page: PageMeta, tz: tzinfo | None, printed: list[tuple[int, When, date | None]]) -> DateChoice:
    """The update the page's metadata states, a midnight the page prints no time for read as its day."""
    stated = _first_date(_updated_candidates(page), tz)
    return DateChoice(_day_of_midnight(stated.moment, printed), stated.source)


def _updated_candidates(page: PageMeta) -> tuple[tuple[str, Any], ...]:
    return (
        ("JSON-LD dateModified", page.jsonld.get("dateModified")),
        *((f"meta {key}", page.meta.get(key)) for key in _UPDATED_KEYS),
    )
