"""Two days that may be two occasions, not one day stated two ways.

A story names days of many happenings, and a later version often reports a later
one: the council that "met on Monday to discuss the budget" meets again "on
Thursday to approve" it; the police who "arrested a man on Monday" arrest "a
second man on Wednesday". Listing such days as a dispute tells readers one outlet
got the day wrong when both are right. Two properties say when two days cannot be
one fact told two ways, and neither depends on the words of any story:

* **Time.** A version cannot contradict what happened after it was published. A
  day one version gives that falls after another version's publication (each day
  read from its own version's publication day, `numbers.find_dates`) may be a later
  occurrence, which that version could not report; it is not compared with a day
  that version reports as past (`after_publication`). Two days both still ahead of
  a version (a scheduled primary) stay comparable.
* **Language.** A marker of another occurrence in the clause of either day ("a
  second man", "another raid", "met again", "a new attack", "the latest strike")
  says the sentence reports a further occasion of something (`another_occurrence`);
  the same marker in both clauses names one further occasion, and its day is compared.

The time property holds for counts too: a count its clause tells as a running tally ("has destroyed 170
homes", "3,100 people have been evacuated", "so far") that a later version gives higher may have grown since
the earlier version was published (`grown_since`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Sequence

import numpy as np

from newsdigest.stories.framing import QUALIFIER, clause, end_of
from newsdigest.stories.numbers import Mention
from newsdigest.stories.outcomes import RUNNING

__all__ = ["after_publication", "another_occurrence", "grown_since", "publication_days", "two_occasions"]

_DAYS = ("day", "date", "weekday")
"""The dimensions of a day: read against the publication day ('day'), or a bare label without one."""

_ORDINALS = r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_ANOTHER = re.compile(
    r"\b(?:another|again|once\s+more|anew)\b"
    rf"|\b(?:a|an|the|its|his|her|their)\s+(?:{_ORDINALS})\b(?![-‐’'])"
    r"|\b(?:the|its|their)\s+latest\b"
    r"|\b(?:a|an)\s+(?:new|fresh|further|renewed)\b(?![-‐])",
    re.IGNORECASE,
)
"""Words that mark one more occurrence of something: an ordinal after a determiner ('a second man', not
'the second-largest city'), 'another', 'again', 'the latest', 'a new'. 'The new' is left out: "confirmed as
the new secretary" names the one occasion both versions report."""

def _marker(m: Mention) -> str:
    """The word marking another occurrence in the clause of a day ('second', 'another', 'again'), '' when none."""
    found = _ANOTHER.search(clause(m.sentence, m.start))
    return found.group(0).split()[-1].lower() if found else ""


def another_occurrence(mentions: Sequence[Mention]) -> np.ndarray:
    """(M, M): do the clauses of two days mark occurrences differently ("a man … on Monday" / "a second man …
    on Wednesday"; "a second" / "a third")? Then the days are of two occasions. The same marker in both
    ("the fund meets again on 3 March" / "… again on March 4th") names one further occasion, whose day may
    still be told two ways."""
    marker = np.array([_marker(m) if m.dimension in _DAYS else "" for m in mentions])
    days = np.array([m.dimension in _DAYS for m in mentions], dtype=bool)
    return (marker[:, None] != marker[None, :]) & days[:, None] & days[None, :]


def publication_days(mentions: Sequence[Mention], published: Sequence[date | None]) -> np.ndarray:
    """(M,): the ordinal publication day of each mention's version, NaN where it has none."""
    ordinal = [d.toordinal() if d else np.nan for d in published]
    return np.array([ordinal[m.post] for m in mentions], dtype=float)


def after_publication(mentions: Sequence[Mention], published: Sequence[date | None]) -> np.ndarray:
    """(M, M): does one day fall after the other version's publication while that version's day may be past?

    `published` is each version's publication day. A day read from its version's publication ('day': ordinal
    days, `low` the earliest it may mean) that is surely later than the day another version was published
    is a day that version could not yet report. Against a day that version reports as past, the two are two
    occasions. Its day is past when it lies before its publication day; on the publication day itself it
    may still be ahead ("the fund meets on 3 March", published that morning), so it counts as past only
    when the later day is itself past for its own version (a meeting "on Thursday" reported on Friday).
    Versions without a publication day are never judged so.
    """
    day = np.array([m.dimension == "day" for m in mentions], dtype=bool)
    low = np.array([m.low for m in mentions], dtype=float)
    own = publication_days(mentions, published)
    with np.errstate(invalid="ignore"):  # an unknown publication day compares as False
        past = (low[:, None] < own[:, None]) | ((low[:, None] == own[:, None]) & (low[None, :] <= own[None, :]))
        later = day[:, None] & day[None, :] & (low[None, :] > own[:, None]) & past
    return later | later.T


def two_occasions(mentions: Sequence[Mention], published: Sequence[date | None]) -> np.ndarray:
    """(M, M): may two days be days of two occasions, by time or by language? Such days are not compared."""
    return after_publication(mentions, published) | another_occurrence(mentions)


_ACCUMULATING = "(?:" + "|".join(sorted(RUNNING, key=len, reverse=True)) + ")"
"""Participles a running event adds to (`outcomes.RUNNING`): the people it has killed, hurt,
forced from home or rescued, the homes it has destroyed. Only in the present perfect ("has killed 12",
"3,100 people have been evacuated") do they tell a count still running: "killed 88 miners" in 1962, "left
50 people dead" or "60 were killed" is a finished fact, and a later version's other number for it clashes."""

_PERFECT = r"(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+|also\s+)?(?:been\s+)?"
_TALLY_BEFORE = re.compile(
    rf"\b{_PERFECT}{_ACCUMULATING}\s+{QUALIFIER}$",
    re.IGNORECASE,
)
_TALLY_AFTER = re.compile(rf"^(?:\s+of\s+(?:the\s+)?[a-z-]+)?\s+{_PERFECT}{_ACCUMULATING}\b", re.IGNORECASE)
_RISEN = re.compile(rf"\b(?:rose|risen|climbed|grown|grew|increased|jumped|mounted|swelled)\s+to\s+{QUALIFIER}$",
                    re.IGNORECASE)
_REACHED = re.compile(rf"\breached\s+{QUALIFIER}$", re.IGNORECASE)
_TOLL = re.compile(r"\b(?:toll|number|count|tally|total)\b", re.IGNORECASE)
_TALLY_CLAUSE = re.compile(r"\b(?:so\s+far|to\s+date|thus\s+far|as\s+of\s+now|and\s+(?:rising|counting))\b",
                           re.IGNORECASE)
"""How a clause says a count is still running: the count is the object or subject of an accumulating verb in
the present perfect (`_TALLY_BEFORE`: "has destroyed at least 120"; `_TALLY_AFTER`: "19 have died"); it is
what a count "rose to" (`_RISEN`), or what a toll, number or total "reached" (`_REACHED` with `_TOLL`: "the
fire reached 30 homes" is a fact); or the clause says "so far", "to date" or "and rising". The verb must follow the counted noun at once: in "has descended 150 metres into the
flooded shaft" nothing is flooded by the count. Without such words a count is read as a fixed fact."""


def _tally(m: Mention) -> bool:
    """Does the figure's clause tell it as a count still running (`_TALLY_CLAUSE`)?"""
    if m.dimension != "count":
        return False
    end = end_of(m)
    before = m.sentence[max(0, m.start - 60):m.start]
    own = clause(m.sentence, m.start)
    return bool(_TALLY_BEFORE.search(before)
                or _TALLY_AFTER.search(m.sentence[end:end + 60])
                or _RISEN.search(before)
                or (_REACHED.search(before) and _TOLL.search(own))
                or _TALLY_CLAUSE.search(own))


def grown_since(mentions: Sequence[Mention], published: Sequence[date | None]) -> np.ndarray:
    """(M, M): may the two counts be one tally at two moments, the later one larger?

    The time property of days holds for counts too: a version cannot contradict what happened after it was
    published. Two counts of which one is told as a running tally (`_tally`), the one of a later publication
    day higher ("has destroyed 170 homes", two days after "destroyed 120 homes"), may be one toll grown since,
    and both versions are right. Everything else still clashes: counts told as fixed facts across days
    ("the 1962 collapse killed 88 miners" / "98"; "left 50 people dead" / "60"), a later version's smaller
    count (a toll revised down is a correction, and the two versions disagree), and counts of one publication
    day. A tally read this way is only as good as its clause's words: a toll grown but told in the bare past
    ("killed 12" on Sunday, "killed 16" on Tuesday) is listed as a dispute.
    """
    running = np.array([_tally(m) for m in mentions], dtype=bool)
    value = np.array([m.value for m in mentions], dtype=float)
    own = publication_days(mentions, published)
    with np.errstate(invalid="ignore"):  # an unknown publication day compares as False
        later = (own[None, :] > own[:, None]) & (value[None, :] > value[:, None])
    count = np.array([m.dimension == "count" for m in mentions], dtype=bool)
    grown = count[:, None] & count[None, :] & (running[:, None] | running[None, :]) & later
    return grown | grown.T
