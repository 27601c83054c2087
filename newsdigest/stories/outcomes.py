"""What a count says befell what it counts: killed or injured, arrested or released, hired or fired.

"Five people were killed in the blast" and "Six people were injured in the blast" count one noun in one
sentence, and two different groups: the dead and the hurt. Outlets name one count with different verbs
("arrested 40 protesters" / "detained 45 protesters"; "injured" / "wounded"), so a different verb alone
does not make two counts; two signals, neither taken from any one story, do:

* **Classes of outcome** (`outcomes_apart`): the fates a count of news may report fall into a few classes
  — dead, injured, missing, taken (arrested, detained, kidnapped), charged, convicted, displaced, rescued,
  released, treated, admitted to hospital, infected, vaccinated, hired, dismissed, destroyed, damaged …
  (`OUTCOMES`). A count whose verb (before it, or a participle after it) or adjective ("50 people dead",
  "30 homeless", "12 injured workers") falls in one class and another count's in a different class count
  two groups, whatever else their sentences share. Words of one class are one count told two ways, and
  stay comparable. A word with two readings ("freed": released or rescued; "held": arrested or kept;
  "saved", "forced", "cleared") is in no class, so it stays comparable with either. Opposite acts are
  split only where they are two such fates ("hired" / "fired"): a general list of antonyms would need a
  lexical database the project does not ship.
* **The story's own evidence** (`acts_apart`): a version that gives one noun two different figures under
  an outcome and another act ("treated 35 patients and sent 12 patients home") tells the reader those acts
  name two counts in this story; across versions a figure under one is not compared with a figure under
  the other.

Only counts are read so, and only through these words. Acts of no class that no version sets apart from an
outcome stay comparable, right or wrong: "questioned 55" and "arrested 40", "added 650 jobs" and "cut 600
jobs", "employs 2,300" and "laid off 2,000", "left 340 trapped" and "killed 300", "tested 400" and
"infected 350" ("350 tested positive" counts the infected), "seized 24 hostages" and "freed 20" may still be
listed as one disputed count. So do sums of money: "spend $4 million on the bridge" and "set aside $5
million for the bridge" are one figure told two ways.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsdigest.stories.framing import QUALIFIER, end_of, verb_of, words_around
from newsdigest.stories.numbers import Mention, same_count
from newsdigest.stories.sentences import _stem

__all__ = ["OUTCOMES", "RUNNING", "Acts", "acts_apart", "acts_of", "outcome_of", "outcomes_apart"]

OUTCOMES: dict[str, tuple[str, ...]] = {
    "dead": ("killed", "kill", "kills", "killing", "died", "die", "dies", "dead", "perished", "drowned", "slain",
             "murdered"),
    "injured": ("injured", "injuring", "injures", "wounded", "wounding", "hurt", "maimed"),
    "missing": ("missing", "unaccounted"),
    "taken": ("arrested", "arresting", "detained", "detaining", "apprehended", "captured", "kidnapped", "abducted"),
    "charged": ("charged", "indicted"),
    "convicted": ("convicted", "sentenced"),
    "acquitted": ("acquitted",),
    "deported": ("deported", "expelled"),
    "displaced": ("evacuated", "displaced", "homeless", "fled", "relocated", "stranded"),
    "rescued": ("rescued", "rescuing"),
    "released": ("released", "releasing"),
    "treated": ("treated", "treating"),
    "admitted": ("hospitalised", "hospitalized", "admitted"),
    "discharged": ("discharged",),
    "infected": ("infected", "sickened"),
    "recovered": ("recovered",),
    "vaccinated": ("vaccinated", "inoculated", "immunised", "immunized"),
    "hired": ("hired", "hiring", "recruited"),
    "dismissed": ("fired", "firing", "dismissed", "sacked", "laid off", "axed"),
    "destroyed": ("destroyed", "razed", "flattened", "burned", "burnt", "gutted"),
    "damaged": ("damaged",),
    "threatened": ("threatened",),
    "flooded": ("flooded",),
}
"""The classes of what a count may report befell what it counts, each with the words that say it. A class
holds only words outlets use for one count ("killed" / "died" / "dead"; "arrested" / "detained" /
"captured" / "abducted": people taken); words of two classes seldom name one count ("treated" counts those
seen, "admitted" those kept; "arrested" those taken, "released" those let go). A word read either way
("freed", "held", "saved", "forced", "cleared", "jailed") is in none."""

RUNNING = ("killed", "died", "perished", "drowned", "slain", "murdered", "injured", "wounded", "hurt", "maimed",
           "destroyed", "damaged", "burned", "burnt", "flooded", "evacuated", "displaced", "forced", "rescued",
           "arrested", "detained", "infected", "hospitalised", "hospitalized")
"""Participles whose count a running event adds to: the people it has killed, hurt, forced from home or
rescued, the homes it has destroyed (`occasions.grown_since`). Only words that say so in any story: "has held
30 seats", "has admitted 3 counts" or "has saved 200 jobs" are standing figures, not tallies."""

_INJURY_TREATED = re.compile(r"^\s+(?:[a-z]+\s+){0,2}?for\s+(?:[a-z]+\s+)?(?:injuries|injury|wounds|burns)\b")
""""Treated 30 people for injuries" counts the treated and the injured at once: such a count is of no one
class, so it compares with either ("32 people were injured")."""

_CLASS_OF = {_stem(word): name for name, words in OUTCOMES.items() for word in words if " " not in word}
_PHRASAL = {words: name for name, group in OUTCOMES.items() for words in group if " " in words}
_PHRASAL_BEFORE = re.compile(rf"(?<![\w'’])({'|'.join(_PHRASAL)})\s+{QUALIFIER}$")


def _class_of(word: str) -> str:
    return _CLASS_OF.get(_stem(word.lower()), "") if word else ""


def outcome_of(m: Mention) -> str:
    """The class of outcome (`OUTCOMES`) a count reports, '' when its words name none.

    Read from the verb right before the figure ("killed 10 people", "laid off 300 workers"), from the first
    word of its counted phrase ("30 homeless", "12 injured workers"; a capitalised word is part of a name,
    "40 Dead Rabbits members", and a later word is the noun counted, never its fate), or from the word after
    it, past an auxiliary ("five people were killed", "left 50 people dead", "said 44 fans were arrested")."""
    if m.dimension != "count":
        return ""
    phrasal = _PHRASAL_BEFORE.search(m.sentence[max(0, m.start - 40):m.start])
    if phrasal:
        return _PHRASAL[phrasal.group(1)]
    before, after = words_around(m)
    first = m.phrase.split()[0] if m.phrase else ""
    found = _class_of(before) or (_class_of(first) if first.islower() else "") or _class_of(after)
    if found == "treated" and _INJURY_TREATED.match(m.sentence[end_of(m):]):
        return ""
    return found


@dataclass(frozen=True)
class Acts:
    """What each figure of a story says befell what it counts, read once for every test that asks."""

    outcome: tuple[str, ...]
    """Each figure's class of outcome (`outcome_of`), '' when its words name none."""
    act: tuple[str, ...]
    """What each figure says was done: its class of outcome, else the stem of its verb (`framing.verb_of`), ''
    when neither. Two words of one outcome are one act ("injured 12" / "wounded 15")."""


def acts_of(mentions: Sequence[Mention]) -> Acts:
    """The outcome and the act of every figure."""
    outcome = tuple(outcome_of(m) for m in mentions)
    return Acts(outcome, tuple(found or verb_of(m) for found, m in zip(outcome, mentions)))


def outcomes_apart(acts: Acts) -> np.ndarray:
    """(M, M): do the two counts report outcomes of two classes ("were killed" / "were injured")?"""
    outcome = np.array(acts.outcome)
    told = outcome != ""
    return told[:, None] & told[None, :] & (outcome[:, None] != outcome[None, :])


def _noun_of(m: Mention) -> str:
    return same_count(m.head) or m.head


def acts_apart(mentions: Sequence[Mention], read: Acts) -> np.ndarray:
    """(M, M): does some version set the two counts' acts apart by giving one noun a figure under each?

    A version that says "treated 35 patients" and "sent 12 patients home", or "killed 5 people and sent 12
    to hospital" (a figure naming no noun counts the noun of a figure in its own sentence), states two counts
    under two acts: a figure another version gives under one of them is not compared with one under the
    other. One of the two acts must be an outcome (`OUTCOMES`): two plain verbs a version uses for two
    counts ("deployed 3,000 troops" and "sent 500 troops as reinforcements") are still two words for one
    act in another version ("sent 3,400 troops"). The two figures of the version must differ: a version
    saying "evacuated 400 residents" and "the 400 residents were taken to a school" tells one count twice."""
    acts = [act if m.dimension == "count" else "" for act, m in zip(read.act, mentions)]
    outcome = [bool(found) for found in read.outcome]
    evidence: set[frozenset[str]] = set()
    by_post: dict[int, list[int]] = {}
    for k, m in enumerate(mentions):
        if acts[k]:
            by_post.setdefault(m.post, []).append(k)
    for ks in by_post.values():
        for x, a in enumerate(ks):
            for b in ks[x + 1:]:
                ma, mb = mentions[a], mentions[b]
                if acts[a] == acts[b] or ma.value == mb.value or not (outcome[a] or outcome[b]):
                    continue
                one_noun = bool(ma.head) and _noun_of(ma) == _noun_of(mb)
                if one_noun or ((not ma.head or not mb.head) and ma.sentence == mb.sentence):
                    evidence.add(frozenset((acts[a], acts[b])))
    n = len(mentions)
    if not evidence:
        return np.zeros((n, n), dtype=bool)
    index = {act: k for k, act in enumerate(dict.fromkeys(acts))}
    told = np.zeros((len(index), len(index)), dtype=bool)
    for pair in evidence:
        x, y = (index[act] for act in pair)
        told[x, y] = told[y, x] = True
    of = np.array([index[act] for act in acts])
    post = np.array([m.post for m in mentions])
    return told[of[:, None], of[None, :]] & (post[:, None] != post[None, :])
