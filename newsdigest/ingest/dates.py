"""Dates in any common written form: timezone-aware datetimes, or bare days where no time is written.

Sources state dates every way there is: ISO 8601 in metadata, "September 6,
2025 9:50 am" under a headline, "2025/9/5" in a footer. A date with an offset
keeps it (the outlet's local date is the one readers saw); a date without one
is read in the site's own time zone, the editor's best knowledge of where the
source came from. A date written without a time of day is that day (a bare
`date`, see `model.When`), never midnight in some zone. A string that is not a
date gives `None`, never a guess.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, tzinfo
from functools import lru_cache
from typing import Any

from dateutil import parser as dateutil_parser
from dateutil.tz import tzoffset

from newsdigest.model import When, parse_iso

_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$")
_TZ_NAMES = {
    "UTC": 0, "GMT": 0, "Z": 0,
    "BST": 3600, "IST": 19800, "CET": 3600, "CEST": 7200, "EET": 7200, "EEST": 10800,
    "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000, "MST": -25200, "MDT": -21600,
    "PST": -28800, "PDT": -25200, "AEST": 36000, "AEDT": 39600, "JST": 32400,
}  # fmt: skip
_TZINFOS = {name: tzoffset(name, seconds) for name, seconds in _TZ_NAMES.items()}
_PLAUSIBLE_YEARS = range(1990, 2100)
_LABEL = re.compile(r"^(?:last\s+)?(?:published|updated|posted|modified|edited|date)(?:\s+(?:on|at))?\s*:?\s*", re.IGNORECASE)
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b", re.IGNORECASE)
_WEEKDAY_DOT = re.compile(r"\b(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.", re.IGNORECASE)


def parse_date(value: Any, tz: tzinfo | None = None) -> When | None:
    """`value` (text, date or datetime) as a time, a day where it states no time, or `None` when it is not a date.

    Naive times are placed in `tz` (UTC when none is given).
    """
    zone = tz or UTC
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _aware(value, zone)
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split())
    if not text or len(text) > 80 or not re.search(r"\d", text):
        return None
    return _parse_text(text, zone)


@lru_cache(maxsize=4096)
def _parse_text(text: str, zone: tzinfo) -> When | None:
    if _ISO_LIKE.match(text):
        try:
            return parse_iso(text, zone)
        except ValueError:
            pass
    cleaned = _LABEL.sub("", text)
    cleaned = _WEEKDAY_DOT.sub(r"\1", _ORDINAL.sub(r"\1", cleaned))
    cleaned = re.sub(r"\b(a\.m\.|p\.m\.)", lambda m: m.group(1).replace(".", ""), cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"(?<=\d)\s*/\s*(?=\d)", "/", cleaned)
    try:
        with warnings.catch_warnings():
            # An unknown zone name ("ZZ") leaves the date naive, which is what we want; its warning
            # would only reach the editor's terminal as noise.
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            parsed = dateutil_parser.parse(cleaned, tzinfos=_TZINFOS, default=datetime(1, 1, 1), fuzzy=False)
            # dateutil fills what the text leaves out from `default`: read again with another default
            # time, and a time that moves with it was never written.
            untimed = parsed.time() == time() and dateutil_parser.parse(
                cleaned, tzinfos=_TZINFOS, default=_UNWRITTEN_TIME, fuzzy=False).time() == _UNWRITTEN_TIME.time()
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year not in _PLAUSIBLE_YEARS or parsed.year == 1:
        return None
    return parsed.date() if untimed else _aware(parsed, zone)


_UNWRITTEN_TIME = datetime(1, 1, 1, 1, 1, 1)


def _aware(moment: datetime, zone: tzinfo) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


# ---------------------------------------------------------------- dates written in running text

# The languages whose month names the text reader knows, from dateparser's own locale data.
# Latin, Cyrillic and Greek scripts; Chinese, Japanese and Korean write dates in digits
# (2019年10月19日, 2019년 10월 19일), which the numeric shapes below read.
MONTH_LANGUAGES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sv", "da", "nb", "fi", "ro", "hu",
    "hr", "sl", "tr", "ru", "uk", "el", "ca", "id", "lt", "lv", "et", "bg", "sr",
)  # fmt: skip
# Words before a date that say what it dates, in the languages above: generic page vocabulary.
UPDATED_LABEL = re.compile(
    r"\b(?:updated|modified|edited|revised|last\s+change|aktualisiert|geändert|mis\s+à\s+jour|modifié|actualizad[oa]|"
    r"atualizad[oa]|aggiornat[oa]|bijgewerkt|gewijzigd|zaktualizowano|aktualizováno|uppdaterad|opdateret|oppdatert|"
    r"päivitetty|frissítve|обновлено|оновлено)",
    re.I,
)
PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|publié|publiée|veröffentlicht|erschienen|publicad[oa]|pubblicat[oa]|gepubliceerd|"
    r"geplaatst|opublikowano|publikováno|publicerad|publiceret|publisert|julkaistu|publicat|megjelent|"
    r"опубликовано|опубліковано|date[d:]?|datum|fecha|data)\b",
    re.I,
)
# A time after the date: "5:19pm", "um 10:30 Uhr", "à 14h30", "T09:50:00+00:00".
_TIME = (
    r"(?:\s*(?:,|at|um|à|a\s+las|às|alle|om|kl\.?|klo|@|-|–|\||·|T)?\s*"
    r"(?P<h>[01]?\d|2[0-3])(?:[:.]|h(?=\d))(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\.\d+)?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*(?P<tz>Z|UTC|GMT|[ECMP][SD]T|BST|CES?T|EES?T|IST|AEST|AEDT|JST|[+-]\d{2}:?\d{2})(?![\w]))?)?"
)
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_LETTER = r"[^\W\d_]"


@dataclass(frozen=True)
class FoundDate:
    """A date written in a line of text, where it stands and whether a time and a label come with it."""

    moment: When
    """A time where one is written after the date, else the bare day."""
    has_time: bool
    updated: bool
    """Labelled as an update or an edit rather than a publication."""
    start: int
    end: int


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")  # fmt: skip
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# dateparser's locale keys of the calendar's names → (month, weekday) each names: January 1, Monday 0.
_CALENDAR_KEYS: dict[str, tuple[int | None, int | None]] = {
    **{key: (number, None) for number, key in enumerate(_MONTH_KEYS, start=1)},
    **{key: (None, number) for number, key in enumerate(_WEEKDAY_KEYS)},
}


@dataclass(frozen=True)
class CalendarName:
    """What a word names in the calendar of `MONTH_LANGUAGES`: one table answers both the month a date's word
    is and the weekday before a date, so that the two can never read the locale data differently."""

    months: dict[str, int]
    """Language → the month (January 1) the word names or abbreviates there, in `MONTH_LANGUAGES` order."""
    weekdays: frozenset[int]
    """The weekdays (Monday 0) it names or abbreviates in any of them (two letters or more): a word may name
    different days in different languages."""


_NO_NAME = CalendarName({}, frozenset())


@lru_cache(maxsize=1)
def _calendar_names() -> dict[str, CalendarName]:
    """Month and weekday names and abbreviations, folded (lower case, no final dot) → what they name, from
    dateparser's locale data."""
    from dateparser.languages.loader import default_loader

    months: dict[str, dict[str, int]] = {}
    weekdays: dict[str, set[int]] = {}
    for lang in MONTH_LANGUAGES:
        info = default_loader.get_locale(lang).info
        for key, (month, weekday) in _CALENDAR_KEYS.items():
            for name in info.get(key, []):
                if not re.fullmatch(rf"{_LETTER}+\.?", name):
                    continue
                folded = name.lower().rstrip(".")
                if month is not None:
                    months.setdefault(folded, {})[lang] = month
                elif len(name.rstrip(".")) >= 2:
                    weekdays.setdefault(folded, set()).add(weekday)
    return {name: CalendarName(months.get(name, {}), frozenset(weekdays.get(name, ())))
            for name in [*months, *weekdays]}


def calendar_name(word: str) -> CalendarName:
    """What `word` names as a month or a weekday in any of `MONTH_LANGUAGES`; nothing for any other word."""
    return _calendar_names().get(word.lower().rstrip("."), _NO_NAME)


def weekdays_named(word: str) -> frozenset[int]:
    """The weekdays (Monday 0) `word` names or abbreviates in any of `MONTH_LANGUAGES`; empty for any other
    word."""
    return calendar_name(word).weekdays


def calendar_word(word: str) -> bool:
    """Whether `word` names a month or a weekday, or abbreviates one, in any of `MONTH_LANGUAGES`."""
    return calendar_name(word) is not _NO_NAME


_BEFORE_DATE = re.compile(rf"({_LETTER}{{2,12}})\.?,?\s*(?:(?:the|den|le|el|il)\s+)?$", re.I)


def _with_weekday(text: str, start: int) -> int:
    """Where a date written from `start` really begins: at the weekday before it ("Fri. Sep 5th, 2025"), if any."""
    m = _BEFORE_DATE.search(text[max(0, start - 20) : start])
    if m and calendar_name(m.group(1)).weekdays:
        return start - (len(text[max(0, start - 20) : start]) - m.start())
    return start


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    # A month is any word here, looked up in `calendar_name` afterwards: one alternation of
    # seven hundred names would cost more than the lookup.
    mon = rf"(?<!{_LETTER})(?P<mon>{_LETTER}{{3,12}})\.?"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"
    return (
        # 12. März 2019, le 3 avril 2019, 3 de abril de 2019, 5th of September 2025, 19-Oct-2019
        re.compile(rf"(?<![\d.]){day}\s*(?:de\s+|of\s+|-)?{mon},?\s*(?:de\s+|del\s+|-|')?{_YEAR}{_TIME}", re.I),
        # September 5, 2025; Sept. 5th 2025
        re.compile(rf"{mon}\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}{_TIME}", re.I),
        # 2025-09-05, 2025/9/5, 2019.10.19, 2019年10月19日, 2019년 10월 19일
        re.compile(rf"(?<!\d){_YEAR}\s*(?:[-/.]|年|년)\s*(?P<m>[01]?\d)\s*(?:[-/.]|月|월)\s*(?P<d>[0-3]?\d)(?:日|일)?(?!\d){_TIME}", re.I),
        # 05.09.2025, 9/5/2025, 11/08/23, and month first where the day cannot be first (3.28.2024)
        re.compile(rf"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.-])\s?(?P<b>[0-3]?\d)(?P=sep)\s?(?P<y>(?:19|20)?\d{{2}})(?![\d/]){_TIME}", re.I),
    )


# A year, or a numeric date with a two-digit year: lines without one hold no date.
_HAS_DIGITS = re.compile(r"(?:19|20)\d\d|\d[/.-]\s?\d{1,2}[/.-]\s?\d\d")


def find_dates(text: str, zone: tzinfo | None = None, lang: str | None = None) -> tuple[FoundDate, ...]:
    """Every date written in `text` (one line), in order, in any of `MONTH_LANGUAGES`.

    Times without a zone take `zone`; a date without a time is that day (a bare
    `date`: known to the day, see `model.When`).
    `lang` settles what the text alone cannot: whose month "listopad" is, and
    whether 05/09/2025 is day first (everywhere but in English).
    """
    if not _HAS_DIGITS.search(text):
        return ()
    return _find_dates(text, zone, lang)


# Where a copied page glues a date to the text before or after it: a year run into the next date's day
# ("19. Dezember 202219. Dezember 2022", a date printed twice) or its time ("4 de mayo de 202207:59"), a day or month run into the word before it
# ("fish7. Januar 2022", "DoeNovember 6, 2023").
_GLUED = re.compile(
    rf"(?<=(?<!\d)(?:19|20)\d\d)(?=[0-3]?\d(?:\.|\s+{_LETTER}|:[0-5]\d))|(?<={_LETTER})(?=[0-3]?\d\.\s*{_LETTER}{{3}})"
    rf"|(?<=[^\W\d_A-Z])(?=[A-Z][^\W\d_A-Z]{{2,11}}\.?\s+[0-3]?\d)"
)


@lru_cache(maxsize=8192)
def _find_dates(text: str, zone: tzinfo | None, lang: str | None) -> tuple[FoundDate, ...]:
    cuts = [m.start() for m in _GLUED.finditer(text)]
    if not cuts:
        return _dates_in(text, zone, lang)
    # Read the text with the glued words apart, then give each date's place in the text as written.
    spaced = "".join(text[a:b] + " " for a, b in zip([0, *cuts], cuts)) + text[cuts[-1] :]
    def back(at: int) -> int:
        return at - sum(1 for n, cut in enumerate(cuts) if cut + n < at)
    return tuple(replace(f, start=back(f.start), end=back(f.end)) for f in _dates_in(spaced, zone, lang))


def _dates_in(text: str, zone: tzinfo | None, lang: str | None) -> tuple[FoundDate, ...]:
    found: list[FoundDate] = []
    for pattern in _patterns():
        for match in pattern.finditer(text):
            if any(f.start < match.end() and match.start() < f.end for f in found):
                continue
            moment = _moment(match, zone, lang)
            if moment is None:
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            updated = bool(UPDATED_LABEL.search(before)) and not PUBLISHED_LABEL.search(before[-20:])
            start = _with_weekday(text, match.start())
            found.append(FoundDate(moment, match.group("h") is not None, updated, start, match.end()))
    return tuple(sorted(found, key=lambda f: f.start))


def _moment(match: re.Match[str], zone: tzinfo | None, lang: str | None) -> When | None:
    groups = match.groupdict()
    try:
        year = int(groups["y"])
        year += 2000 if year < 100 else 0
        if groups.get("mon"):
            by_lang = calendar_name(groups["mon"]).months
            if not by_lang:
                return None  # a word between a day and a year that is no month
            month = by_lang.get(lang or "", by_lang.get("en", next(iter(by_lang.values()))))
            day = int(groups["d"])
        elif groups.get("m"):
            month, day = int(groups["m"]), int(groups["d"])
        else:
            a, b = int(groups["a"]), int(groups["b"])
            # Month first only where that is the custom (English with slashes) and the numbers allow it.
            month_first = b > 12 or (a <= 12 and lang in (None, "en") and groups["sep"] == "/")
            month, day = (a, b) if month_first else (b, a)
        moment_date = date(year, month, day)
    except (ValueError, KeyError):
        return None
    if moment_date.year not in _PLAUSIBLE_YEARS:
        return None
    if groups.get("h") is None:
        return moment_date
    hour, minute, second = int(groups["h"]), int(groups["mi"]), int(groups["s"] or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return datetime.combine(moment_date, time(hour, minute, second), _zone(groups.get("tz"), zone))


def _zone(name: str | None, default: tzinfo | None) -> tzinfo | None:
    if not name:
        return default
    name = name.upper()
    if name in _TZINFOS:
        return _TZINFOS[name]
    digits = name[1:].replace(":", "")
    return tzoffset(None, (-1 if name[0] == "-" else 1) * (int(digits[:2]) * 3600 + int(digits[2:4]) * 60))
