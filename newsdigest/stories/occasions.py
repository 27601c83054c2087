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
"""

from __future__ import annotations

import re
from datetime import date
from typing import Sequence

import numpy as np

from newsdigest.stories.numbers import Mention

__all__ = ["after_publication", "another_occurrence", "two_occasions"]

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

_BOUNDARY = re.compile(r"[;:—–()]|,\s*(?:and|but|while|whereas)\b|\b(?:while|whereas)\b", re.IGNORECASE)
"""Where a clause ends: strong punctuation, or a conjunction that starts another statement ("…, and another
on Wednesday")."""


def _clause(sentence: str, at: int) -> str:
    """The clause of a sentence holding the word at offset `at`."""
    opens = max((b.end() for b in _BOUNDARY.finditer(sentence, 0, at)), default=0)
    closes = next((b.start() for b in _BOUNDARY.finditer(sentence, at)), len(sentence))
    return sentence[opens:closes]


def _marker(m: Mention) -> str:
    """The word marking another occurrence in the clause of a day ('second', 'another', 'again'), '' when none."""
    found = _ANOTHER.search(_clause(m.sentence, m.start))
    return found.group(0).split()[-1].lower() if found else ""


def another_occurrence(mentions: Sequence[Mention]) -> np.ndarray:
    """(M, M): do the clauses of two days mark occurrences differently ("a man … on Monday" / "a second man …
    on Wednesday"; "a second" / "a third")? Then the days are of two occasions. The same marker in both
    ("the fund meets again on 3 March" / "… again on March 4th") names one further occasion, whose day may
    still be told two ways."""
    marker = np.array([_marker(m) if m.dimension in _DAYS else "" for m in mentions])
    days = np.array([m.dimension in _DAYS for m in mentions], dtype=bool)
    return (marker[:, None] != marker[None, :]) & days[:, None] & days[None, :]


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
    ordinal = [d.toordinal() if d else np.nan for d in published]
    own = np.array([ordinal[m.post] for m in mentions], dtype=float)
    with np.errstate(invalid="ignore"):  # an unknown publication day compares as False
        past = (low[:, None] < own[:, None]) | ((low[:, None] == own[:, None]) & (low[None, :] <= own[None, :]))
        later = day[:, None] & day[None, :] & (low[None, :] > own[:, None]) & past
    return later | later.T


def two_occasions(mentions: Sequence[Mention], published: Sequence[date | None]) -> np.ndarray:
    """(M, M): may two days be days of two occasions, by time or by language? Such days are not compared."""
    return after_publication(mentions, published) | another_occurrence(mentions)
