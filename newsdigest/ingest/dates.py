"""Dates in any common written form, as timezone-aware datetimes.

Sources state dates every way there is: ISO 8601 in metadata, "September 6,
2025 9:50 am" under a headline, "2025/9/5" in a footer. A date with an offset
keeps it (the outlet's local date is the one readers saw); a date without one
is read in the site's own time zone, the editor's best knowledge of where the
source came from. A string that is not a date gives `None`, never a guess.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from typing import Any

from dateutil import parser as dateutil_parser
from dateutil.tz import tzoffset

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


def parse_date(value: Any, tz: tzinfo | None = None) -> datetime | None:
    """A datetime for `value` (text, date or datetime), or `None` when it is not a date.

    Naive results are placed in `tz` (UTC when none is given).
    """
    zone = tz or UTC
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _aware(value, zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    text = " ".join(str(value).split())
    if not text or len(text) > 80 or not re.search(r"\d", text):
        return None
    return _parse_text(text, zone)


@lru_cache(maxsize=4096)
def _parse_text(text: str, zone: tzinfo) -> datetime | None:
    if _ISO_LIKE.match(text):
        try:
            return _aware(datetime.fromisoformat(text.replace("Z", "+00:00")), zone)
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
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year not in _PLAUSIBLE_YEARS or parsed.year == 1:
        return None
    return _aware(parsed, zone)


def _aware(moment: datetime, zone: tzinfo) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
