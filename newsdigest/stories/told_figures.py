"""Do two sentences state one figure of one measured thing, so that a summary showing both tells it twice?

Two versions often give the same figure in sentences worded apart ("Acme agreed to buy Beta for $2.1
billion", "Acme's $2.1 billion purchase of Beta"): word overlap (`standalone.REPEATED`) misses them, and a
summary showing both states the price twice. Yet one figure is often two pieces of news: "Ten people were
killed" and "ten people were arrested" count two groups; "unemployment fell to 5 percent" and "turnout rose 5
percent" measure two things. So a shared figure counts as one fact told twice only when the story stage's
number reader (`numbers.find_mentions`) shows it measures the same thing in both:

* the same kind and value, not a date, a year or an age (who is how old says nothing of the event);
* for a count, the same counted noun (its stem, or two names of one `numbers.same_count` group); any other
  figure carries its unit in its kind ('money:USD', 'percent');
* the same act said of it: the figure's class of outcome or its verb (`outcomes.acts_of`), read past a
  preposition ("fell to 5 percent"). Two different acts are two facts, and so are an act on one side and none
  on the other ("ten were killed", "ten were aboard").
* a specific numeral (two or more significant digits) where nothing else says what is measured: a figure with
  no act on either side ("for $2.1 billion", "a $2.1 billion deal"), or one with no counted noun (a percentage,
  a sum: "unemployment rose to 5 percent" and "turnout rose to 5 percent" name two things the reader is not
  told apart by the figure). A round figure ("$1 million", "10") recurs by chance.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdigest.stories.framing import QUALIFIER
from newsdigest.stories.numbers import _VERBS, CALENDAR, Mention, find_mentions, same_count
from newsdigest.stories.outcomes import acts_of
from newsdigest.stories.sentences import _stem

__all__ = ["same_figure"]

_NOT_FACTS = frozenset((*CALENDAR, "age"))

_VERB_BEFORE_PREPOSITION = re.compile(rf"(?<![\w'’-])([a-z]+)\s+(?:to|by|from|at|for)\s+{QUALIFIER}$")
"""'fell to 5 percent', 'cut by 40 jobs': the verb a preposition joins to the figure. Only a word that reads as a
verb (in -ed, or one of the number reader's common verbs) counts: in "bought the shipyard for $2 million" the
noun before "for" is what was bought, not what was done."""


def _act(m: Mention, read: str) -> str:
    """What is said of the figure: `read` (its outcome or verb from `outcomes.acts_of`), else the verb before a
    preposition that leads to it."""
    if read:
        return read
    found = _VERB_BEFORE_PREPOSITION.search(m.sentence[max(0, m.start - 40):m.start])
    verb = found.group(1) if found else ""
    return _stem(verb) if verb.endswith("ed") or verb in _VERBS else ""


@lru_cache(maxsize=65536)
def _facts(sentence: str) -> tuple[tuple[Mention, str], ...]:
    """The sentence's figures that can be facts of the event, each with its act (kept for each text: a summary
    asks of every candidate against every sentence chosen)."""
    mentions = [m for m in find_mentions(sentence, 0) if m.dimension not in _NOT_FACTS]
    return tuple(zip(mentions, (_act(m, act) for m, act in zip(mentions, acts_of(mentions).act))))


def _same_noun(a: Mention, b: Mention) -> bool:
    """Do two figures of one kind measure one noun? A count needs its counted noun named alike, or two names of
    one `numbers.same_count` group; another kind carries its unit in the kind ('money:USD', 'percent'). The
    other measured nouns (`Mention.measures`) are not asked: they hold any word before the figure ("laid off
    6,500 …" gives 'off'), which two counts of two nouns share as often as not."""
    if a.dimension != "count":
        return True
    synonym = same_count(a.head)
    return bool(a.head) and (a.head == b.head or (bool(synonym) and synonym == same_count(b.head)))


def _specific(m: Mention) -> bool:
    """Two or more significant digits ('334', '5.4', '1,250'): a figure unlikely to recur by chance."""
    digits = re.sub(r"\D", "", m.numeral).strip("0")
    return len(digits) >= 2


def same_figure(a: str, b: str) -> bool:
    """Do the two sentences state one figure of one measured thing, under one act (see the module doc)?"""
    for ma, act_a in _facts(a):
        for mb, act_b in _facts(b):
            if ma.dimension != mb.dimension or ma.value != mb.value or not _same_noun(ma, mb):
                continue
            # A count under one named act is told apart by its noun and act; anything else needs its numeral.
            if act_a == act_b and ((bool(act_a) and ma.dimension == "count") or (_specific(ma) and _specific(mb))):
                return True
    return False
