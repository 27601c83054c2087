"""What a figure's own clause says about which quantity it is: an aim or an outcome, and of which period.

Two versions may each give one figure in near-identical sentences and still speak of two quantities: "the
campaign raised $2.1 million in the first quarter" and "… $2.6 million in the second quarter"; "organisers
had expected 5,000 runners" and "about 4,200 runners finished". The words that differ are few, but they
are the ones that say which quantity is meant. Properties of the clause a figure stands in tell such
figures apart, and none depends on the words of any one story:

* **Aim or outcome** (`aims_apart`): a figure stated as what someone expects, plans, hopes, forecasts or
  targets is not the figure of what happened ("had expected 5,000 runners" / "4,200 runners finished"), and a
  budget is not what was spent ("a budget of $4.2 million" / "has spent $3.8 million"). Two aims, an aim and
  a figure still ahead ("will spend"), or a budget told two ways may be one quantity and stay comparable.
* **Period** (`periods_apart`): figures that a time phrase qualifies — a year, an ordinal or a side of an
  event as the object of "in", "during", "for", "before" or "after" next to the figure ("in 2024" /
  "in 2025", "in the first quarter" / "in the second quarter", "before the merger" / "after the merger")
  — and that share no label of that kind belong to two periods. A figure no time phrase qualifies is open
  to either, whatever dates the rest of its sentence gives.

A figure that names no noun ("treated 30") says what it counts only through its verb (`verb_of`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsdigest.stories.numbers import CALENDAR, Mention
from newsdigest.stories.sentences import FUNCTION_WORDS, _stem

__all__ = ["QUALIFIER", "aims_apart", "clause", "end_of", "periods_apart", "verb_of", "words_around"]

QUALIFIER = r"(?:(?:at\s+least|more\s+than|over|about|around|some|nearly|almost|roughly|up\s+to)\s+)?"
"""A hedge that may stand between a verb and its figure ("has destroyed at least 120 homes")."""

_BOUNDARY = re.compile(r"[;:—–()]|,\s*(?:and|but|while|whereas)\b|\b(?:while|whereas)\b", re.IGNORECASE)
"""Where a clause ends: strong punctuation, or a conjunction that starts another statement ("…, and another
on Wednesday")."""


def clause(sentence: str, at: int) -> str:
    """The clause of a sentence holding the word at offset `at`."""
    opens = max((b.end() for b in _BOUNDARY.finditer(sentence, 0, at)), default=0)
    closes = next((b.start() for b in _BOUNDARY.finditer(sentence, at)), len(sentence))
    return sentence[opens:closes]


def end_of(m: Mention) -> int:
    """Where the figure's words ("about 2,300 people") end in its sentence. They open at or before its numeral,
    at most their own length before it: after ';', '—' or a quote mark the recorded start is the space before
    the figure."""
    at = m.sentence.find(m.text, max(0, m.start - len(m.text)))
    return at + len(m.text) if at >= 0 else m.start + len(m.figure)


_DETERMINED = r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bthis\s)"
_AIM = re.compile(
    r"\b(?:expect(?:s|ing)?|plan(?:s|ning)?|hop(?:e|es|ed|ing)|aim(?:s|ed|ing)?|target(?:s|ing)?|goals?|"
    r"forecasts?|predict(?:s|ing)?|project(?:s|ing)|intend(?:s|ing)?"
    rf"|{_DETERMINED}(?:expected|planned|targeted|forecast(?:ed)?|predicted|projected|intended))"
    r"(?:\s+(?:to|of|that|is|was|are|were)(?:\s+[a-z]+)?)?"
    rf"\s+{QUALIFIER}$",
    re.IGNORECASE,
)
"""An aim governing the figure: what someone "had expected", "hoped to raise", "plans to build", "had forecast
that", "predict", or "a goal of", "the consensus forecast was". The aim word must stand right before the
figure (with at most "to", "of", "that" or a form of "be", and one word, between): "was expected to win the
seat easily, outspending her rival $3 million" frames the win as expected, not the money. A participle after
a determiner ("the planned 300 homes") describes the thing itself, which another version may name without
the word ("the 240 homes were approved"): it frames no aim against an outcome."""

_FORECAST_AFTER = re.compile(r"^(?:\s+[a-z]+){0,3}?\s+(?:is|are|was|were|(?:has|have|had)\s+been)\s+"
                             r"(?:forecast|predicted)\b")
"""A forecast told after the figure: "Some 180,000 jobs were forecast", "12 inches of snow are forecast".
Only this passive form is read after a figure; every other aim word must stand before it (`_AIM`)."""

_BUDGET = re.compile(rf"\bbudget(?:s|ed|ing)?(?:\s+(?:of|is|was|totals?|totalled|stands\s+at))?\s+{QUALIFIER}$",
                     re.IGNORECASE)
"""A budget governing the figure: "budgeted $4.2 million", "a budget of $4.2 million", "the budget is …".
Not "cut its budget to $4.2 million", where the figure is what the budget became."""

_SPENT = re.compile(r"\b(?:spen(?:d|ds|ding|t)|paid|pa(?:y|ys|ying)|cost(?:s|ing)?)\b[^,;.]*$", re.IGNORECASE)
"""A verb or noun of spending in the figure's clause before it ("has spent $3.8 million", "spending stands at
$3.8 million", "paid $3.8 million"): the figure is what was spent, which a budget is not."""

_NOT_A_VERB = r"(?!(?:at|more|less|over|under|about|around|some|nearly|almost|roughly|up|just|only|the|a|an)\b)"
_AHEAD = re.compile(
    r"\b(?:(?:will|would|could|can|may|might|shall)\s+(?:be\s+)?(?:[a-z]+\s+)?"
    rf"|to\s+(?:be\s+)?{_NOT_A_VERB}[a-z]+\s+)"
    rf"{QUALIFIER}$",
    re.IGNORECASE,
)
"""A figure of what is still ahead ("will spend $2.1 billion", "to borrow $1.5 billion"): not an outcome, so
an aim may state the same quantity. "To" marks what is ahead only with a verb after it: in "up to 4,200",
"close to 4,200" or "rose to 4,200" the figure follows "to" at once, and is an outcome."""


_AIM_NOUNS = frozenset({"target", "targets", "goal", "goals", "forecast", "forecasts"})
"""Nouns a figure may name as what it is ("a 5,000 target"): an aim, as "a target of 5,000" is."""
_BUDGET_NOUNS = frozenset({"budget", "budgets"})
_CUT = re.compile(r"^\s+cuts?\b", re.IGNORECASE)
"""'Cut' after "a $4.2 million budget": the figure is a cut of the budget, not the budget."""


def _framing(m: Mention) -> str:
    """'aim' for a figure framed as an aim (`_AIM` right before it, `_FORECAST_AFTER` after it, or an aim noun
    as what it names: "a 5,000 target"), 'budget' for a budget (`_BUDGET`, or "a $4.5 million budget"),
    'ahead' for one still to come (`_AHEAD`), 'done' otherwise."""
    before = m.sentence[max(0, m.start - 60):m.start]
    after = m.sentence[end_of(m):]
    named = m.phrase.lower().split()[-1:]
    if _AIM.search(before) or _FORECAST_AFTER.match(after) or (named and named[0] in _AIM_NOUNS):
        return "aim"
    if _BUDGET.search(before) or (named and named[0] in _BUDGET_NOUNS and not _CUT.match(after)):
        return "budget"
    return "ahead" if _AHEAD.search(before) else "done"


def aims_apart(mentions: Sequence[Mention]) -> np.ndarray:
    """(M, M): is one figure framed as an aim and the other as done ("hoped to raise $50,000" / "raised $42,000"),
    or one a budget and the other what was spent ("a budget of $4.2 million" / "has spent $3.8 million")?

    An aim against a figure still ahead ("plans $3.1 billion of work" / "will spend $2.1 billion") may be one
    quantity told two ways, and stays comparable. So does a budget against anything but spending: another
    statement of the budget ("the budget totals $4.2 million" / "a $4.5 million budget") is the same quantity,
    and a budget may well be what a plan or a cut names."""
    framing = np.array([_framing(m) if m.dimension not in CALENDAR else "" for m in mentions])
    aim, done, budget = framing == "aim", framing == "done", framing == "budget"
    spent = done & np.array([bool(_SPENT.search(m.sentence[max(0, m.start - 60):m.start])) for m in mentions],
                            dtype=bool)
    return ((aim[:, None] & done[None, :]) | (done[:, None] & aim[None, :])
            | (budget[:, None] & spent[None, :]) | (spent[:, None] & budget[None, :]))


_ORDINAL = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)"
_PERIODS = {
    "year": re.compile(r"\b(?:1[89]|20)\d\d\b"),
    "ordinal": re.compile(rf"\b(?:{_ORDINAL})\b", re.IGNORECASE),
}
"""Labels of a period or of one of a series, by kind: a year; an ordinal ("the first quarter", "the 3rd
round"). A third kind is the side of an event the preposition itself names ("before the merger" / "after
the merger")."""

_TIME_PREPOSITIONS = frozenset({"in", "during", "for", "before", "after"})
_SIDES = frozenset({"before", "after"})
_OBJECT_WORDS = 3
"""How many words after the preposition its object is read from ("in the first quarter", "in fiscal 2024")."""
_NOUN_WORDS = 2
"""How many words may stand between a figure with its counted noun and the time preposition that qualifies it
("made 12,000 cars in 2024", "sold 300 homes last year in 2024"): in "carrying 240 passengers when it sank
before …" the time phrase is too far off, and qualifies the sinking."""
_NOT_VERBS = FUNCTION_WORDS | {
    "but", "until", "whom", "whose", "when", "where", "while", "because", "if", "it", "he", "she", "they", "been",
    "of",
}
"""Words that are never the verb a figure is the object of ("and 30 were treated": no verb stands before 30).
Beyond the shared function words: the clause openers, subject pronouns, "been" and "of" that also stand just
before a figure ("when 30 died", "one of 30"). Here any word that is not a verb may be listed; in `numbers` the
shared list decides where a counted noun's phrase stops, so it stays without these."""
_WORD = re.compile(r"[\w'’-]+")
_PHRASE_END = re.compile(r"[,;:()\[\]—–\"“”.!?]")


def _labels(preposition: str, object_words: list[str]) -> dict[str, frozenset[str]]:
    """The period labels a time phrase names, by kind: its side, and a year or ordinal in its object."""
    found: dict[str, frozenset[str]] = {}
    if preposition in _SIDES:
        found["side"] = frozenset({preposition})
    text = " ".join(object_words)
    for kind, pattern in _PERIODS.items():
        labels = frozenset(p.group(0).lower() for p in pattern.finditer(text))
        if labels:
            found[kind] = labels
    return found


def _time_phrase(words: list[str]) -> dict[str, frozenset[str]]:
    """Labels of the time phrase `words` open with, if their first word is a time preposition."""
    if not words or words[0].lower() not in _TIME_PREPOSITIONS:
        return {}
    return _labels(words[0].lower(), words[1:1 + _OBJECT_WORDS])


def _periods(m: Mention) -> dict[str, frozenset[str]]:
    """The period labels that qualify the figure, by kind.

    A label qualifies a figure only as the object of a time preposition (in, during, for, before, after)
    standing next to it: right after the figure and its noun ("made 12,000 cars in 2024", "employed 9,000
    people before the merger"), or opening the figure's clause ("In the first quarter the campaign raised
    …"). A year or "after" elsewhere in the sentence qualifies another word: "the utility, founded in 1998,
    sent 900 crews" says when the utility was founded, not when the crews were sent."""
    after = _WORD.findall(_PHRASE_END.split(m.sentence[end_of(m):], maxsplit=1)[0])
    at = next((k for k, word in enumerate(after[:_NOUN_WORDS + 1]) if word.lower() in _TIME_PREPOSITIONS), None)
    found = _time_phrase(after[at:]) if at is not None else {}
    opening = clause(m.sentence, m.start)
    fronted = _WORD.findall(_PHRASE_END.split(opening, maxsplit=1)[0])
    if fronted and m.sentence.rfind(opening, 0, m.start + len(opening)) + len(fronted[0]) < m.start:
        for kind, labels in _time_phrase(fronted).items():
            found[kind] = found.get(kind, frozenset()) | labels
    return found


def periods_apart(mentions: Sequence[Mention]) -> np.ndarray:
    """(M, M): do time phrases qualify both figures with periods of one kind, and none the same ("in 2024" /
    "in 2025"; "in the first quarter" / "in the second quarter")? Labels of different kinds ("in 2025" / "in
    its third week") may well name one period, so they do not set the figures apart."""
    periods = [_periods(m) if m.dimension not in CALENDAR else {} for m in mentions]
    n = len(mentions)
    apart = np.zeros((n, n), dtype=bool)
    labelled = [k for k, p in enumerate(periods) if p]
    for a in labelled:
        for b in labelled:
            apart[a, b] = any(not labels & periods[b][kind] for kind, labels in periods[a].items() if kind in periods[b])
    return apart


_AUXILIARY = r"(?:(?:are|is|were|was|have|has|had|will|would|be)\s+(?:now\s+|also\s+)?(?:been\s+|be\s+)?)?"
_WORD_BEFORE = re.compile(rf"(?<![\w'’])([a-z]+)\s+{QUALIFIER}$")
_WORD_AFTER = re.compile(rf"^\s+{_AUXILIARY}([a-z]+)\b")
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en)")


_SAYING = frozenset({"said", "says", "say", "told", "tells", "added", "adds", "stated", "noted", "wrote"})
"""Verbs that open a reported clause: in "officials said 30 were treated" the figure is the subject of
"treated", and "said" is no act it counts."""


def words_around(m: Mention) -> tuple[str, str]:
    """The word right before the figure (past a hedge; '' for a function word or a time preposition) and the
    word right after its words (past an auxiliary): ('killed', 'in') for "killed 10 people in", ('said',
    'treated') for "said 30 were treated". What a figure counts is often told only by these two words."""
    before = _WORD_BEFORE.search(m.sentence[max(0, m.start - 40):m.start])
    word = before.group(1) if before and before.group(1) not in _NOT_VERBS else ""
    after = _WORD_AFTER.match(m.sentence[end_of(m):])
    return word, after.group(1) if after else ""


def verb_of(m: Mention) -> str:
    """The stem of the verb a figure is the object or subject of ("treated 40" → treat; "; 55 were evacuated"
    → evacuat), '' when none stands next to it. A figure that names no noun says what it counts only through
    this verb: "treated 40" and "55 were evacuated" are two groups of people, however alike their sentences.

    Only the word right before the figure (past a hedge) or a participle in -ed/-en right after it (past an
    auxiliary) is read: an irregular participle ("12 were hurt") or a verb further off gives ''. A verb of
    saying before the figure gives way to a participle after it ("said 30 were treated" → treat)."""
    before, after = words_around(m)
    participle = after if _PARTICIPLE.fullmatch(after) else ""
    if before and not (participle and before in _SAYING):
        return _stem(before)
    return _stem(participle) if participle else ""
