"""Which versions report a story's main event, and which sentences look forward to a phase already past.

A story's versions may span months: an arraignment in January, a verdict in
September. A summary of it should tell the event most versions report, not run
the two phases together (a verdict beside "the hearing is set for Oct. 4"). Two signs
tell the phases apart:

* the versions' dates (`main_event`): the dated versions fall into runs of
  dates with no gap over `GAP_DAYS` between neighbours. Each undated version
  joins the run a date in its head falls in (its title or opening lines, where
  an outlet stamps the day: "Oct. 2, 2031", "KELPORT, Oct. 2 -"), or,
  when its head places it in no single run, the run whose dated versions its
  words are closest to (the run of the dated version nearest to it, by cosine
  of sublinear TF-IDF: an undated copy of one version goes with it however
  the rest of that run is worded). The run with the
  most versions is the main event (on a tie, the most recent one: the latest
  news), when at least `MIN_DATED` of its versions are dated; otherwise the
  versions are not split and all of them count.
* the sentence's own tense and date (`looks_back`): a sentence that announces
  something as still to come ("is set for Oct. 4", "will be heard on 3 March",
  the day in the clause of its verb) for a day before the main event's first
  date was written in an earlier phase, and so is every copy of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from newsdigest.model import Post, day_of
from newsdigest.stories.sentences import MONTH_NUMBERS, MONTH_PATTERN, content_tokens, markdown_paragraphs
from newsdigest.stories.tfidf import TfidfVectorizer

__all__ = ["GAP_DAYS", "MainEvent", "looks_back", "main_event"]

GAP_DAYS = 7
"""Coverage of one event runs day after day; a week with no dated version between two runs of dates is a new phase
(a hearing, then a verdict months later) or another event grouped with it."""

MIN_DATED = 2
"""A run of dates is a phase of its own only when at least this many versions are dated in it. A run won by
versions placed there by their words alone, around one dated version, may as well be the closeness of those
words to that one document: then the versions are not split into phases at all."""

HEAD_PARAGRAPHS = 2
"""The head of a version, where an outlet stamps its day: the title and the first paragraphs (a stamp or a
dateline line, then the lead)."""

_DATE = re.compile(rf"\b(?:(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?|"
                   rf"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month2>{MONTH_PATTERN})\.?)\b"
                   r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.IGNORECASE)
"""'Oct. 4', 'Sept. 3, 2031', '4 October': a day of a month, with its year where given."""

_TO_COME = re.compile(
    r"\b(?:will(?:\s+not)?|(?:is|are)\s+(?:now\s+)?(?:set|scheduled|slated|due|expected|planned)|"
    r"(?:is|are)\s+to\s+(?:be|begin|start|appear|face|return))\b", re.IGNORECASE)
"""The present or future of something still to come: 'will be sentenced', 'is set for', 'are due to'."""
_CLAUSE_END = re.compile(r"[;:!?]|(?<!day),\s+(?!(?:19|20)\d\d\b)|"
                         rf"(?<=day),\s+(?!(?:19|20)\d\d\b|(?:{MONTH_PATTERN})\b|[0-3]?\d\b)", re.IGNORECASE)
"""Where the clause of a verb ends: a comma (but the one before a day's year, or between a weekday and its date:
'is set for Tuesday, June 17'), a semicolon, a colon."""
_CLAUSE_CHARS = 80
"""How far on from its verb a day is still the verb's: 'is set to be heard by the full court on Oct. 4'."""


@dataclass(frozen=True)
class MainEvent:
    """The versions (by index) that report the story's main event, and the first day of its dates."""

    versions: frozenset[int]
    start: date | None
    """None when no version is dated, or when the versions are not split into phases (`MIN_DATED`)."""


def main_event(posts: Sequence[Post]) -> MainEvent:
    """The main event's versions: the largest run of dates, undated versions placed in the run they belong to (see
    the module docstring); on a tie, the latest run."""
    dated = sorted((day_of(p.published), n) for n, p in enumerate(posts) if p.published is not None)
    if not dated:
        return MainEvent(frozenset(range(len(posts))), None)
    runs: list[list[tuple[date, int]]] = [[dated[0]]]
    for previous, current in pairwise(dated):
        if (current[0] - previous[0]).days > GAP_DAYS:
            runs.append([])
        runs[-1].append(current)
    members = [{n for _, n in run} for run in runs]
    undated = [n for n, p in enumerate(posts) if p.published is None]
    for n, place in zip(undated, _places(posts, undated, runs)):
        members[place].add(n)
    main = max(range(len(runs)), key=lambda r: (len(members[r]), runs[r][-1][0]))
    if len(runs) > 1 and len(runs[main]) < MIN_DATED:
        return MainEvent(frozenset(range(len(posts))), None)  # no phase that dates of its own show: keep them all
    return MainEvent(frozenset(members[main]), runs[main][0][0])


def _places(posts: Sequence[Post], undated: Sequence[int], runs: Sequence[Sequence[tuple[date, int]]]) -> list[int]:
    """The run each undated version belongs to: the one the dates of its head fall in, else the closest in words."""
    if len(runs) == 1:
        return [0] * len(undated)
    placed = [_run_of_head(posts[n], runs) for n in undated]
    if all(place is not None for place in placed):
        return [place for place in placed if place is not None]
    closest = _closest_runs(posts, runs)
    return [place if place is not None else closest[n] for n, place in zip(undated, placed)]


def _run_of_head(post: Post, runs: Sequence[Sequence[tuple[date, int]]]) -> int | None:
    """The one run (index) that the days stated in the version's head fall in (from `GAP_DAYS` before its first
    date to `GAP_DAYS` after its last); a day without its year is read in each run's years and those beside them.
    None when they fall in none or in several."""
    head = " ".join([post.title or "", *markdown_paragraphs(post.body)[:HEAD_PARAGRAPHS]])
    found: set[int] = set()
    for match in _DATE.finditer(head):
        month, number = _month_day(match)
        for place, run in enumerate(runs):
            years = ({int(match.group("year"))} if match.group("year")
                     else {day.year + step for day, _ in run for step in (-1, 0, 1)})  # 'Dec. 30' of a run in January
            days = [d for d in (_day(year, month, number) for year in years) if d is not None]
            if any(-GAP_DAYS <= (d - run[0][0]).days and (d - run[-1][0]).days <= GAP_DAYS for d in days):
                found.add(place)
    return found.pop() if len(found) == 1 else None


def _closest_runs(posts: Sequence[Post], runs: Sequence[Sequence[tuple[date, int]]]) -> dict[int, int]:
    """Each version (index) -> the run of the dated version its words are closest to, by cosine (the first run on
    a tie). Nearest, not mean: a copy of one version of a run whose other versions are worded apart is that
    version's, not the phase of another run whose lone version shares its background lines."""
    import numpy as np  # only for a story whose dates fall in several runs

    try:
        matrix = TfidfVectorizer(lambda n: content_tokens(f"{posts[n].title} {posts[n].body}"),
                                 sublinear_tf=True).fit_transform(list(range(len(posts))))
    except ValueError:  # no words at all: nothing to tell the runs apart
        return {n: 0 for n in range(len(posts))}
    cosine = np.asarray((matrix @ matrix.T).todense())
    return {n: int(np.argmax([cosine[n, [m for _, m in run]].max() for run in runs]))
            for n in range(len(posts))}


def looks_back(sentence: str, start: date | None, written: date | None = None) -> bool:
    """Does the sentence announce as still to come a day before `start` (the main event's first day)?

    Only a day in the clause of a verb of what is to come counts: after "will",
    "is set", "are due to" … and before the next comma, semicolon or colon (a
    comma before a year belongs to the day), at most `_CLAUSE_CHARS` on. So
    "arrested on 3 March, the driver will be heard in court" announces nothing
    for 3 March.
    A day without its year is the first such day on or after `written`, the day
    its version was published: "is set for Oct. 4" in a version of January 3
    is October 4 of that year, before a December verdict; in a version of
    December 20, "will reopen on Feb. 20" looks to the next year. In an undated
    version only a day with its year can be placed.
    """
    if start is None:
        return False
    for verb in _TO_COME.finditer(sentence):
        clause = _CLAUSE_END.split(sentence[verb.end():verb.end() + _CLAUSE_CHARS], maxsplit=1)[0]
        for found in _DATE.finditer(clause):
            month, number = _month_day(found)
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


def _month_day(found: re.Match[str]) -> tuple[int, int]:
    """The month and the day of the month a `_DATE` match states, in either order ('Oct. 4', '4 October')."""
    month = MONTH_NUMBERS[(found.group("month") or found.group("month2")).casefold()]
    return month, int(found.group("day") or found.group("day2"))


def _day(year: int, month: int, number: int) -> date | None:
    try:
        return date(year, month, number)
    except ValueError:  # "February 30"
        return None
