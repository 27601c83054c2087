"""Which versions report a story's main event, and which sentences look forward to a phase already past.

A story's versions may span months: an arraignment in January, a verdict in
September. A summary of it should tell the event most versions report, not run
the two phases together ("convicted … Trial is set for June 17"). Two signs
tell the phases apart:

* the versions' dates (`main_versions`): the dated versions fall into runs of
  dates with no gap over `GAP_DAYS` between neighbours; the run with the most
  versions is the main event (on a tie, the most recent one: the latest news).
  Undated versions are kept, neutral: nothing says they are off the event.
* the sentence's own tense and date (`looks_back`): a sentence that announces
  something as still to come ("is set for June 17", "will be sentenced on
  March 3") for a day before the main event's first date was written in an
  earlier phase, and so is every copy of it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsdigest.model import Post

__all__ = ["GAP_DAYS", "MainEvent", "looks_back", "main_event"]

GAP_DAYS = 7
"""Coverage of one event runs day after day; a week with no dated version between two runs of dates is a new phase
(a hearing, then a verdict months later) or another event grouped with it."""

_MONTHS = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(rf"\b(?:(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?|"
                   rf"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_NAMES})\.?)\b"
                   r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.I)
"""'June 17', 'Sept. 3, 2013', '17 June': a day of a month, with its year where given."""

_TO_COME = re.compile(
    r"\b(?:will(?:\s+not)?|(?:is|are)\s+(?:now\s+)?(?:set|scheduled|slated|due|expected|planned)|"
    r"(?:is|are)\s+to\s+(?:be|begin|start|appear|face|return))\b", re.I)
"""The present or future of something still to come: 'will be sentenced', 'is set for', 'are due to'."""


@dataclass(frozen=True)
class MainEvent:
    """The versions (by index) that report the story's main event, and the first day of its dates."""

    versions: frozenset[int]
    start: date | None
    """None when no version is dated."""


def main_event(posts: Sequence[Post]) -> MainEvent:
    """The main event's versions: the largest run of dates (ties: the latest), and every undated version."""
    dated = sorted((p.published.date(), n) for n, p in enumerate(posts) if p.published is not None)
    if not dated:
        return MainEvent(frozenset(range(len(posts))), None)
    runs: list[list[tuple[date, int]]] = [[dated[0]]]
    for previous, current in zip(dated, dated[1:]):
        if (current[0] - previous[0]).days > GAP_DAYS:
            runs.append([])
        runs[-1].append(current)
    main = max(runs, key=lambda run: (len(run), run[-1][0]))
    undated = {n for n, p in enumerate(posts) if p.published is None}
    return MainEvent(frozenset({n for _, n in main} | undated), main[0][0])


def looks_back(sentence: str, start: date | None, written: date | None = None) -> bool:
    """Does the sentence announce as still to come a day before `start` (the main event's first day)?

    A day without its year is the first such day on or after `written`, the day
    its version was published: "is set for June 17" in a version of January 3
    is June 17 of that year, before a September verdict; in a version of
    December 20, "will leave on Feb. 28" looks to the next year. In an undated
    version only a day with its year can be placed.
    """
    if start is None or not _TO_COME.search(sentence):
        return False
    for found in _DATE.finditer(sentence):
        month = _MONTHS[(found.group("month") or found.group("month2")).casefold()]
        number = int(found.group("day") or found.group("day2"))
        if found.group("year"):
            day = _day(int(found.group("year")), month, number)
        elif written is not None:
            day = _day(written.year, month, number)
            if day is not None and day < written:
                day = _day(written.year + 1, month, number)
        else:
            continue
        if day is not None and day < start:
            return True
    return False


def _day(year: int, month: int, number: int) -> date | None:
    try:
        return date(year, month, number)
    except ValueError:  # "February 30"
        return None
