"""Number mentions: the figures a sentence states, normalised so versions can be compared.

"26 dozen countries", "€1.1bn", "three-and-a-half years", "a 42-month war",
"more than 30 countries" — each becomes a `Mention` with a value in a base
unit (counts, months, currency units, per cent, calendar years), the interval
of values it is compatible with (a qualifier like "more than" opens it, a
rounded decimal widens it), and the noun it counts. Comparison lives in
`disagreements`; this module only reads.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from newsdigest.stories.sentences import FUNCTION_WORDS, MONTH_PATTERN, MONTH_STEMS, MONTHS, WEEKDAYS, _stem

__all__ = ["CALENDAR", "Mention", "find_mentions", "find_dates", "compatible", "same_count"]

CALENDAR = ("date", "weekday", "year", "day")
"""Dimensions that label a moment rather than measure an amount ('day': days counted from a fixed one)."""

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}
_CURRENCIES = {"€": "EUR", "£": "GBP", "$": "USD", "¥": "JPY", "₹": "INR", "₽": "RUB"}
_CURRENCY_WORDS = {"euros": "EUR", "euro": "EUR", "pounds": "GBP", "dollars": "USD", "roubles": "RUB", "rubles": "RUB",
                   "yen": "JPY", "rupees": "INR", "yuan": "CNY"}
_DURATIONS = {"year": 12.0, "month": 1.0, "week": 12 / 52, "day": 12 / 365, "decade": 120.0, "hour": 12 / 8760}

_WORD_NUMBER = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))
_NUMBER = re.compile(
    rf"""(?<![\w.,/:-])
    (?P<cur>[€£$¥₹₽])?\s?
    (?P<num>\d{{1,3}}(?:,\ ?\d{{3}})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_WORD_NUMBER})(?:-(?:{_WORD_NUMBER}))?)
    (?P<half>-and-a-half|\ and\ a\ half)?
    (?P<scale>(?:[”"]?[\s-]?(?:dozen|hundred|thousand|million|billion|trillion|bn|mn|tn|trn|[kmb])(?![\w])){{0,2}})
    (?P<pct>\s?%|\s(?:per\ ?cent|percent)\b)?
    (?P<hyphen>-(?P<hunit>years?|months?|weeks?|days?|hours?|decades?)(?:-old)?)?
    (?![\w:/]|\.\d|,\d)""",
    re.X | re.I,
)
_WHOLE = r"(?<![\w'’-])"
_QUALIFIERS = [
    (re.compile(rf"{_WHOLE}(?:more than|over|at least|upwards of|above|just over|in excess of|exceeding)\s*$", re.I),
     "more"),
    (re.compile(rf"{_WHOLE}(?:less than|fewer than|under|up to|at most|below|just under|as many as|no more than|"
                r"within)\s*$", re.I),
     "less"),
    (re.compile(rf"{_WHOLE}(?:nearly|almost)\s*$", re.I), "nearly"),
    (re.compile(rf"{_WHOLE}(?:about|around|some|roughly|approximately|an estimated|estimated|circa|c\.)\s*$", re.I),
     "about"),
]
"""Hedges right before a figure, as whole words: "would cover 90 miles" and "to recover 30 bodies" state 90
and 30, not "over 90" and "over 30"; nor is the "c." of "etc." a "circa"."""
_PART = re.compile(r"^[^.;:]{0,60}?(?:\balone\b|\band\s+(?:many|several|countless|(?:tens|hundreds|thousands|"
                   r"millions|dozens|scores)(?:\s+of\s+(?:thousands|millions))?)\s+more\b)", re.I)
"""What follows a count that says it is a part of the whole: "4,000 homes in the valley alone", "flooded
4,000 homes in the valley and hundreds more upstream". Such a count is a floor of the total another version
gives ("5,500 homes across the county"), not a rival figure for it."""
_SHARED_SCALE = re.compile(
    r"^\s*(?:to|and|or|–)\s*[€£$¥₹₽]?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<scale>dozen|hundred|thousand|million|billion|trillion|bn|mn|tn|trn)(?![\w])(?:\s+(?P<word>[a-z]+))?", re.I)
"""The next end of a range, scaled, after a bare figure: the scale word, and a currency word after it, are said
once for both ends ("$5 to $6 billion", "1.2 to 1.5 million people", "between 5 and 6 million euros"). The
first end borrows them only when it is smaller than the second, has no comma grouping and is no year: "from
900,000 to 1.2 million", "$500 to $1 billion" and "in 2018 and 1.5 million in 2019" keep their first figure
as written. Each end is then read as a rounded figure is: "$5 to $6 billion" runs from 4.51 to 6.49 billion,
as "$5 billion" alone allows 4.51 to 5.49 billion."""
_BELOW_ZERO = re.compile(r"(?:\bminus\s+|−\s?)$", re.IGNORECASE)
"""A sign before a figure: "minus 17 degrees", "−17 °C" (the minus sign, not a hyphen, which joins scores and
spans). It is shown with the figure."""
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
"""A numeral written as a year of the last three centuries ('1998', '2024')."""
_HEIGHT = re.compile(r"^-(?:foot|feet)-(\d{1,2})\b")
"""'-foot-9' after the 6 of '6-foot-9': a height in feet and inches."""
_CONVERSION = re.compile(r"(?<![\d.,])\d[\d.,]*(?:\s*[A-Za-z%.]+){0,2}\s*\(\s*$")
"""The end of 'less than 25 km (' before a figure: the figure restates the one before in other units."""
_DATE_CONTEXT = re.compile(rf"(?:{MONTH_STEMS})[a-z]*\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?\s*$", re.I)
_MONTH_WORD = rf"(?:{MONTH_PATTERN})\b"
_SKIP_AFTER = re.compile(
    rf"^(?:st|nd|rd|th)\b|^\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|^\s*{_MONTH_WORD}", re.I)
_CLOCK = re.compile(
    r"^\s*(?:GMT|UTC|[ECMP][SD]?T|BST|CET|CEST|local time|o['’]clock|hours?\s+(?:GMT|UTC|local)|[ap]\.\s?m\.)(?!\w)",
    re.I)
"""'at 07 GMT', '0039 GMT', '10 o'clock', '7: 32 p. m.': a time of day, never a quantity."""
_CLOCK_BEFORE = re.compile(r"\d\s?:\s?$")
_AGE = re.compile(r"(?<![\w'’-])(?P<name>[A-Z](?=[\w'’-]*[a-z])[A-Za-z'’-]+),\s(?P<age>\d{2,3}),(?!\s*\d)")
"""'Mr. Cowan, 43, is…': the age of the person just named. A name may have capitals inside ('Ama MacRory, 11,')."""
_YEAR_OLD_NAME = re.compile(r"^\s+(?P<name>(?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+)")
_RELATIVE_TIME = re.compile(r"^s?\s+(?:ago|later|earlier|from now)\b", re.I)
_IDENTIFIER = re.compile(r"(?<![\w'’])([A-Z][a-z]+)\s$")
"""A capitalised word right before the number ('Flight 370', 'Article 5') names a thing, unless it is a
small word that merely starts the sentence ('In 2014', 'Some 300')."""
_LEADING = {
    "in", "since", "until", "during", "before", "after", "by", "of", "from", "about", "around", "some", "over",
    "under", "nearly", "almost", "more", "less", "just", "only", "all", "its", "his", "her", "their", "our", "at",
    "another", "with", "without", "between", "among", "up", "to", "and", "but", "then", "only", "exactly", "roughly",
}
_VERBS = {
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could", "may", "might", "can",
    "said", "says", "struck", "hit", "took", "made", "went", "came", "left", "fell", "rose", "won", "lost", "met",
    "saw", "got", "gave", "ran", "held", "told", "did", "do", "does", "sent", "sold", "bought", "brought", "kept",
    "spent", "paid", "built", "found", "put", "cut", "led", "drew", "caught", "fought", "shot", "hurt", "beat",
}


@dataclass(frozen=True)
class Mention:
    """One figure stated in one sentence of one version."""

    post: int
    sentence: str
    text: str
    """The words as written: '26 dozen countries'."""
    figure: str
    """Just the figure, with its qualifier and unit where it has one: '26 dozen', 'more than 30', '€1.1bn',
    'three-and-a-half years'. Two versions stating one value in the same words show the same figure."""
    value: float
    """In the base unit of `dimension` (months for durations)."""
    low: float
    high: float
    """The values this statement is compatible with."""
    dimension: str
    """'count', 'duration', 'percent', 'year', 'money:EUR', …"""
    head: str
    """Stem of the counted noun ('alli', 'countri'), '' when there is none."""
    phrase: str
    """The counted noun phrase as written ('Western allies')."""
    numeral: str
    """The digits or number word as written, before any scale ('26')."""
    scaled: bool
    """A scale word multiplied the numeral ('26 dozen', '3 million')."""
    start: int
    measures: frozenset[str] = frozenset()
    """Stems of the nouns that say what is measured: the counted noun and a noun right before the figure
    ('magnitude 6.2 earthquake' → magnitud, earthquak). Two figures measure one thing only if these meet."""
    unread: bool = False
    """The figure names no noun this reading understood, yet names something ("47 KO's, 1 NC": the noun after
    the possessive is cut off): unlike a figure that names nothing, it borrows no noun from another version."""


def _numeral_value(raw: str) -> float | None:
    raw = raw.lower().replace(",", "").replace(" ", "")
    try:
        return float(raw)
    except ValueError:
        pass
    total = 0.0
    for part in raw.split("-"):
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return total


def _precision(raw: str) -> float:
    """Just under half a unit of the last stated digit: '1.1' may be anything from 1.051 to 1.149.

    Just under, so that '3.5' and '3.6' never meet at 3.55: two outlets writing
    different digits state different figures.
    """
    if "." in raw:
        return 0.49 * 10 ** -len(raw.split(".")[1])
    return 0.0


def _rounding_unit(raw: str) -> float:
    """The unit of the last non-zero digit: 1e5 for '600,000', 100 for '48,300', 0.1 for '3.6'.

    A hedged figure ("about 600,000", "nearly 70") is rounded to that digit, so it
    allows values within a unit of it — not any value 15 % away.
    """
    digits = raw.replace(",", "").replace(" ", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1].rstrip("0") or "")
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


_COLLECTIVE = frozenset({"police", "staff", "personnel"})
"""Nouns of a body that may count its members by themselves ("30 police") or name the kind of the counted
("25 police cars")."""
_MEMBERS = frozenset({"officers", "members", "agents", "officials", "employees", "workers", "troopers", "recruits"})
"""Plurals that name a body's members: "30 police officers" counts what "30 police" counts."""


_SAME_COUNT = (
    frozenset({"workers", "employees", "staffers", "personnel"}),
    frozenset({"troops", "soldiers", "servicemembers"}),
    frozenset({"deaths", "fatalities"}),
    frozenset({"homes", "houses", "dwellings"}),
    frozenset({"children", "kids"}),
    frozenset({"lawmakers", "legislators"}),
    frozenset({"companies", "firms"}),
    frozenset({"students", "pupils"}),
    frozenset({"firefighters", "firemen"}),
)
"""Plural nouns that count one thing under two names: "6,500 workers" and "6,500 employees"
are one count, as are "7,000 troops" and "some 7,000 soldiers", when one verb is said of both (see
`disagreements._comparable`: "sent 3,000 troops" and "has 3,400 soldiers stationed" are two counts). A group
holds only words a reader takes for each other, never a kind and its part ("people" and "children",
"vehicles" and "cars")."""
_SAME_COUNT_OF = {_stem(word): _stem(min(group)) for group in _SAME_COUNT for word in group}


def same_count(head: str) -> str:
    """The one name of a counted noun's `_SAME_COUNT` group ('employe' for 'worker'), '' for a noun of none."""
    return _SAME_COUNT_OF.get(head, "")


def body_of(phrase: str) -> str:
    """The body whose members a counted phrase names, as written ("faculty members" → 'faculty'), '' for a
    phrase of none: "90 faculty members" counts what "90 Georgetown faculty" counts. Only a plural of
    `_MEMBERS` names members; "young protesters" or "the No. 3 position" name none."""
    words = phrase.lower().split()
    if len(words) < 2 or words[-1] not in _MEMBERS or words[-2] in FUNCTION_WORDS:
        return ""
    return words[-2]


def _names_kind(word: str) -> bool:
    """Is the word after a collective noun a plural noun the body qualifies ("cars", "dogs"), not its members
    ("officers"), a name ("Jones") or the verb of the clause ("said", "was", "arrived")?"""
    lower = word.lower()
    return (bool(word) and word[0].islower() and lower.endswith("s") and not lower.endswith(("ss", "us"))
            and lower not in FUNCTION_WORDS | _VERBS | _MEMBERS)


def _noun_phrase(after: str) -> tuple[str, str, bool]:
    """The counted noun after a figure: ('Western allies', 'allies', False), skipping 'of' and possessives.

    The flag says a possessive was read and the phrase ended before its noun ("47 KO's, 1 NC"): the figure
    names something, unread, and is not a figure that names nothing."""
    compound = re.match(r"-([a-z]+)\b", after)
    if compound:  # "a 27-member union": the members are counted
        return compound.group(1), compound.group(1), False
    # a comma, colon, dash or bracket ends the phrase: "wounded 40, police said" counts no police
    words = re.findall(r"[\w'’-]+", re.split(r"[,;:()\[\]—–\"“”]", after[:80], maxsplit=1)[0])
    phrase: list[str] = []
    possessor = False
    for at, word in enumerate(words[:4]):
        lower = word.lower()
        if lower == "of" and not phrase:
            continue
        if lower in FUNCTION_WORDS or word[0].isdigit() or not any(c.isalpha() for c in word):
            break  # "52-3", "-3": a score or a record, not a noun naming what is counted
        if lower.endswith(("'s", "’s")):
            phrase, possessor = [], True  # "26 of Ukraine's allies": the possessor is not the thing counted
            continue
        if phrase and (lower in _VERBS or lower.endswith(("ed", "ing"))):
            break  # "a 6.2 earthquake struck": the noun phrase ended at the verb
        if not phrase and lower.endswith("ed") and not word[0].isupper():
            following = words[at + 1].lower() if at + 1 < len(words) else ""
            if not following or following in FUNCTION_WORDS or following in _LEADING:
                break  # "14 trapped under debris", "six killed": a verb, the counted noun left unsaid
        phrase.append(word)
        following = words[at + 1] if at + 1 < len(words) else ""
        if lower in _COLLECTIVE and _names_kind(following):
            continue  # "25 police cars": the cars are counted, not the body
        if lower.endswith("s") or lower in {"people", "children", "men", "women", *_COLLECTIVE}:
            break
        if len(phrase) >= 2 and not word[0].isupper():
            break
    if not phrase:
        return "", "", possessor
    return " ".join(phrase), phrase[-1], False


def find_mentions(sentence: str, post: int) -> list[Mention]:
    """Every comparable figure in one sentence."""
    return _of_post(_sentence_mentions(sentence), post)


@lru_cache(maxsize=8192)
def _sentence_mentions(sentence: str) -> tuple[Mention, ...]:
    """The figures of a sentence, read once (as of version 0): the versions of a story repeat one another's
    sentences, and the disagreements and the told figures each read the same ones again."""
    return tuple(_ranges(_find_mentions(sentence, 0)))


def _of_post(mentions: tuple[Mention, ...], post: int) -> list[Mention]:
    """Mentions read once for any version, as the given version's."""
    return [m if m.post == post else replace(m, post=post) for m in mentions]


def _ranges(mentions: list[Mention]) -> list[Mention]:
    """'35 to 40 firefighters', '30 or 40 members', 'between $5 million and $6 million': one estimate, the
    interval between its ends.

    The first end often names no noun ("35 to 40 volunteer firefighters"); the second says what both count.
    A range runs upwards: "outpolled her 3,100 to 900" or "passed 56 to 44" sets two sides'
    figures against each other, and each is a figure of its own.
    A calendar span ("from 1971 to 1983") is two facts, its start and its end, and stays two figures.
    The interval starts where its first end allows: "between 600,000 and 1 million" starts at 600,000, though
    a rounded "1 million" alone allows 510,000.
    """
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (last is not None and last.dimension == m.dimension and m.dimension not in (*CALENDAR, "age")
                and last.head in ("", m.head) and last.start < m.start):
            first = m.sentence.rfind(last.figure, 0, last.start + len(last.figure))
            join = m.sentence[first + len(last.figure):m.start].strip().lower()
            between = re.search(r"\bbetween\s+$", m.sentence[:first], re.I)
            if join not in ("to", "or", "-", "–") and not (join == "and" and between) or last.value >= m.value:
                out.append(m)  # "3,100 to 900", "56 to 44": a tally of two sides, not a range
                continue
            end = m.start + len(m.figure) if m.sentence.startswith(m.figure, m.start) else m.start + len(m.text)
            out[-1] = Mention(
                post=m.post, sentence=m.sentence, text=m.sentence[first:m.start + len(m.text)].strip(),
                figure=m.sentence[first:end].strip(), value=(last.value + m.value) / 2,
                low=last.low, high=max(last.high, m.high), dimension=m.dimension, head=m.head,
                phrase=m.phrase, numeral=f"{last.numeral}-{m.numeral}", scaled=last.scaled or m.scaled,
                start=last.start, measures=last.measures | m.measures, unread=m.unread)
            continue
        out.append(m)
    return out


def _find_mentions(sentence: str, post: int) -> list[Mention]:
    mentions: list[Mention] = []
    ages = {a.start("age"): a.group("name") for a in _AGE.finditer(sentence)}  # by where the age's figure starts
    for m in _NUMBER.finditer(sentence):
        raw = m.group("num")
        if raw.lower() in {"one"}:
            continue
        value = _numeral_value(raw)
        if value is None:
            continue
        before = sentence[:m.start()]
        after = sentence[m.end():]
        if _DATE_CONTEXT.search(before) or _SKIP_AFTER.match(after) or re.match(r"^\s*(?:/|:)\d", after):
            continue
        if re.match(r"^[-–]\d", after):
            continue  # '47-2', 'a 15-2 run', 'the 2011-12 season': a record, a score or a span, not one figure
        if _CLOCK.match(after) or _CLOCK_BEFORE.search(before) or (len(raw) > 1 and raw.startswith("0")):
            continue  # '07 GMT', '0039': a clock time
        if m.start() in ages:
            mentions.append(_age(post, sentence, m, raw, ages[m.start()]))
            continue
        label = _IDENTIFIER.search(before)
        if label and label.group(1).lower() not in FUNCTION_WORDS | _LEADING and not m.group("cur"):
            continue  # "Flight 370", "Article 5": a name, not a quantity
        if m.group("half"):
            value += 0.5
        height = _HEIGHT.match(after)
        if height:  # "the 6-foot-9 centre": six feet nine inches, one figure
            value += int(height.group(1)) / 12
        precision = _precision(raw)
        scales = re.findall(r"[a-z]+", (m.group("scale") or "").lower())
        shared = None if scales else _shared_scale(raw, value, after)
        if shared:
            scales = [shared.group("scale").lower()]  # "$5 to $6 billion": five billion, not five dollars
        shared_currency = _CURRENCY_WORDS.get((shared.group("word") or "").lower()) if shared else None
        if scales and len(scales[-1]) == 1 and not m.group("cur"):
            continue  # '600m' without a currency is 600 metres, not 600 million: a unit this module does not read
        for word in scales:
            value *= _SCALES[word]
            precision *= _SCALES[word]
        scaled = bool(scales)

        phrase, head, unread = _noun_phrase(after)
        if (m.group("hyphen") or "").lower().endswith("-old"):
            named = _YEAR_OLD_NAME.match(after)
            mentions.append(_age(post, sentence, m, raw, named.group("name").split()[-1] if named else ""))
            continue  # '26-year-old': an age, never a duration
        head_lower = head.lower()
        currency = _CURRENCIES.get(m.group("cur") or "") or _CURRENCY_WORDS.get(head_lower) or shared_currency
        unit = (m.group("hunit") or "").lower().rstrip("s") or head_lower.rstrip("s")
        if currency:
            dimension = f"money:{currency}"
        elif m.group("pct"):
            dimension = "percent"
        elif unit in _DURATIONS and not (head_lower == "year" and _YEAR.fullmatch(raw) and not scaled):
            if _RELATIVE_TIME.match(after[after.lower().find(unit) + len(unit):] if unit in after.lower() else ""):
                continue  # 'two days after', 'nearly two weeks ago': a moment, each counted from its own anchor
            dimension = "duration"
            value *= _DURATIONS[unit]
            precision *= _DURATIONS[unit]
        elif _YEAR.fullmatch(raw) and not scaled:
            dimension = "year"
        elif head or value >= 10:
            dimension = "count"  # without a noun, compared only where its sentence anchors it (see counterparts)
        else:
            continue

        low, high = value - precision, value + precision
        below = _BELOW_ZERO.search(before)
        signed = below.start() if below else m.start()  # where the figure starts, its sign included
        window = before[:signed][-30:]
        qualifier, q_start = None, signed
        for pattern, kind in _QUALIFIERS:
            found = pattern.search(window)
            if found:
                qualifier, q_start = kind, signed - len(window) + found.start()
                break
        restated = _CONVERSION.search(before) if before.rstrip().endswith("(") else None
        if qualifier is None and restated:
            # "less than 25 km (15 miles)": a conversion in parentheses says what the figure before it says.
            prior = before[:restated.start()][-30:]
            qualifier = next((kind for pattern, kind in _QUALIFIERS if pattern.search(prior)), None)
        if qualifier is None and dimension == "count" and _PART.match(after):
            qualifier = "more"  # "4,000 homes in the valley and hundreds more": a part of the whole
        unit_of = _rounding_unit(raw) * value / max(_numeral_value(raw) or 1.0, 1e-9)
        if qualifier == "more":
            high = math.inf
        elif qualifier == "less":
            low = 0.0
        elif qualifier == "nearly":
            low = value - unit_of
        elif qualifier == "about":
            low, high = value - unit_of / 2, value + unit_of / 2
        elif scaled and "." not in raw:
            # A whole number of a scale word ("$3 billion", "5 million") is usually rounded to it: it allows
            # just under half a unit either side, as a stated decimal does of its last digit.
            low, high = value - 0.49 * unit_of, value + 0.49 * unit_of
        # A sign ('minus 17 degrees') is shown with the figure; the value stays the magnitude, as the tests of
        # ratios and scales expect: two figures below zero compare as their magnitudes do, and "minus 20" against
        # "20" is left unsaid rather than weighed.
        figure_end = m.end() + (height.end() if height else 0)
        if (dimension == "duration" and not m.group("hunit")) or (currency and not m.group("cur")
                                                                   and not shared_currency):
            unit_word = re.match(r"\s*[\w’']+", after)
            figure_end = m.end() + (unit_word.end() if unit_word else 0)
        end = figure_end
        if phrase:
            last = phrase.split()[-1]
            at = after.find(last)
            if 0 <= at <= 60:
                end = max(end, m.end() + at + len(last))
        mentions.append(Mention(
            post=post, sentence=sentence, text=sentence[q_start:end].strip(),
            figure=sentence[q_start:figure_end].strip(), value=value, low=low, high=high, dimension=dimension,
            head=_stem(head.lower().replace("’", "'")) if head else "", phrase=phrase,
            numeral=raw.lower().replace(",", "").replace(" ", ""), scaled=scaled, start=m.start(),
            measures=_measures(head, sentence[:q_start] + sentence[signed:m.start()], after), unread=unread,
        ))
    return mentions


def _shared_scale(raw: str, value: float, after: str) -> re.Match[str] | None:
    """The second end of a range whose scale word the bare figure `raw` borrows (`_SHARED_SCALE`), if any."""
    shared = _SHARED_SCALE.match(after)
    if not shared or "," in raw or _YEAR.fullmatch(raw):
        return None
    return shared if value < float(shared.group("num").replace(",", "")) else None


def _measures(head: str, before: str, after: str) -> frozenset[str]:
    """The counted noun's stem, a noun just before the figure ('magnitude 6.2'), and a plural noun joined to
    the counted one ('90 faculty and administrators': both are counted)."""
    found = {_stem(head.lower().replace("’", "'"))} if head else set()
    word = re.search(r"(?<![\w'’])([a-z][a-z-]+)\s*$", before)
    if (word and word.group(1) not in FUNCTION_WORDS | _LEADING | _VERBS
            and not word.group(1).endswith(("ed", "ing", "ly"))
            and not (word.group(1).endswith("s") and not word.group(1).endswith(("ss", "us", "is")))):
        # a word in -s right before a figure is a verb ("includes 14 men", "employs 9,000"), not what is measured
        found.add(_stem(word.group(1)))
    joined = re.match(r"^\s*(?:[\w'’-]+\s+){0,3}?(?:and|or)\s+([a-z]{4,}s)\b", after)
    if head and joined:
        found.add(_stem(joined.group(1)))
    return frozenset(found)


def _age(post: int, sentence: str, m: re.Match[str], raw: str, name: str) -> Mention:
    """An age, tied to the person it belongs to (`head` is their name's stem, '' when none is given)."""
    value = _numeral_value(raw) or 0.0
    # Half a year either side: a birthday may fall between two reports, so 26 and 27 do not clash.
    return Mention(post=post, sentence=sentence, text=m.group(0).strip(), figure=m.group(0).strip(), value=value,
                   low=value - 0.5, high=value + 0.5, dimension="age", head=name.lower(), phrase=name,
                   numeral=raw, scaled=False, start=m.start())


_MONTHS = MONTH_STEMS.split("|")
"""Each month by its first three letters, January first: how a name or abbreviation ('Sept.') is looked up."""
_MONTH = rf"(?P<month>(?:{MONTH_STEMS})[a-z]*\.?)"
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH.replace('month', 'month2')}\s+"
    rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)\b(?!\s*\d{{3}})",
    re.I,
)
_MONTH_PART = re.compile(rf"\b(?P<part>early|mid|late)[\s-]+{_MONTH}(?![\w])(?!\s*\d)", re.I)
"""'mid May', 'early March': a third of a month, which a day of another third contradicts."""
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_WEEKDAY = re.compile(r"\b(?P<cue>on|last|this|next|since|until|by|said|told|met|held|began|spoke|\w+ed)\s+(?P<weekday>"
                      + "|".join(WEEKDAYS) + r")\b", re.I)
"""A weekday said of an event: 'on Thursday', 'passed Tuesday', 'said Wednesday' (not 'Tuesday's vote')."""
_RELATIVE = re.compile(r"\b(?P<when>earlier this|later this|this|last|past)\s+(?P<unit>week|month|year)\b(?!['’]s)",
                       re.I)
"""'earlier this week', 'last year': a period counted from the day the version was published."""
_FUTURE = re.compile(r"\b(?:will|would|expected|scheduled|plans?|planning|set to|going to|next)\b", re.I)
"""A sentence that may speak of what is still to come: its weekday may be the next one, not the last."""


def find_dates(sentence: str, post: int, published: date | None = None) -> list[Mention]:
    """Calendar days ('3 March', 'March 3rd'), parts of months ('mid May') and weekdays of events ('on Thursday').

    With the day the version was `published`, each becomes the days it may mean (dimension 'day', in
    ordinal days): 'on Tuesday' the last Tuesday (or the next, when the sentence may speak of the future),
    'April 30' the April 30 nearest the publication, and periods counted from it are read too ('earlier this
    week', 'last year'). Two versions published on different days can so be compared, and "the story
    published Friday" meets "a story published earlier this week". Without it, days are labels: a month
    and day ('date') or a weekday ('weekday'), compared only with their like.
    """
    return _of_post(_sentence_dates(sentence, published), post)


@lru_cache(maxsize=8192)
def _sentence_dates(sentence: str, published: date | None) -> tuple[Mention, ...]:
    """The days of a sentence said on `published`, read once (as of version 0; see `_sentence_mentions`)."""
    post = 0
    found: list[Mention] = []
    for m in _DAY_MONTH.finditer(sentence):
        month = m.group("month") or m.group("month2")
        day = int(m.group("day") or m.group("day2"))
        if not month[0].isupper() or month.lower().rstrip(".")[:3] not in _MONTHS or not 1 <= day <= 31:
            continue  # "it may 5 times" is no date
        month_name = month.lower()[:3]
        value = float(_MONTHS.index(month_name) * 31 + day)
        found.append(_on_calendar(Mention(post, sentence, m.group(0), m.group(0), value, value, value, "date", "",
                                          "", m.group(0).lower(), False, m.start()), published))
    for m in _MONTH_PART.finditer(sentence):
        month = m.group("month")
        if not month[0].isupper() or month.lower().rstrip(".")[:3] not in _MONTHS:
            continue
        first, last = _PARTS[m.group("part").lower()]
        base = float(_MONTHS.index(month.lower()[:3]) * 31)
        # After a full month name a full stop ends the sentence ("in mid May."); after an abbreviation it is its own.
        text = m.group(0).rstrip(".") if month.rstrip(".").lower() in MONTHS else m.group(0)
        found.append(_on_calendar(Mention(post, sentence, text, text, base + (first + last) / 2, base + first,
                                          base + last, "date", "", "", text.lower(), False, m.start()), published))
    for m in _WEEKDAY.finditer(sentence):
        value = float(WEEKDAYS.index(m.group("weekday").lower()))
        text = m.group("weekday")
        found.append(_on_calendar(Mention(post, sentence, text, text, value, value, value, "weekday", "", "",
                                          text.lower(), False, m.start("weekday")), published,
                                  m.group("cue").lower() == "next" or bool(_FUTURE.search(sentence))))
    if published is not None:
        for m in _RELATIVE.finditer(sentence):
            first, last = _period(m.group("when").lower(), m.group("unit").lower(), published)
            found.append(Mention(post, sentence, m.group(0), m.group(0), float(first), float(first), float(last),
                                 "day", "", "", m.group(0).lower(), False, m.start()))
    return tuple(found)


def _on_calendar(m: Mention, published: date | None, ahead: bool = False) -> Mention:
    """A month-and-day or a weekday as the days it may mean, counted from the publication day (see `find_dates`)."""
    if published is None:
        return m
    today = published.toordinal()
    if m.dimension == "weekday":
        back = (published.weekday() - int(m.value)) % 7
        low = high = today - back  # the last such day, or today
        if ahead:
            high = today + (int(m.value) - published.weekday()) % 7
        return replace(m, value=float(low), low=float(low), high=float(high), dimension="day")
    month, day = divmod(int(m.low) - 1, 31)
    first_day, last_day = day + 1, int(m.high) - month * 31

    def span(year: int) -> tuple[int, int]:
        end = calendar.monthrange(year, month + 1)[1]
        return (date(year, month + 1, min(first_day, end)).toordinal(),
                date(year, month + 1, min(last_day, end)).toordinal())

    low, high = min((span(published.year + k) for k in (-1, 0, 1)), key=lambda s: abs((s[0] + s[1]) / 2 - today))
    return replace(m, value=(low + high) / 2, low=float(low), high=float(high), dimension="day")


def _period(when: str, unit: str, published: date) -> tuple[int, int]:
    """(first, last) ordinal day of 'earlier this week', 'last month', 'past year' … said on `published`.

    'Last week' runs from the start of the week before to yesterday: said on a Sunday or a Monday, it often
    means the days just past, and a day it may mean is no dispute."""
    today = published.toordinal()
    if when == "past":
        return today - {"week": 7, "month": 31, "year": 366}[unit], today

    def bounds(at: date) -> tuple[int, int]:
        if unit == "week":
            start = at.toordinal() - at.weekday()
            return start, start + 6
        if unit == "month":
            return (date(at.year, at.month, 1).toordinal(),
                    date(at.year, at.month, calendar.monthrange(at.year, at.month)[1]).toordinal())
        return date(at.year, 1, 1).toordinal(), date(at.year, 12, 31).toordinal()

    first, last = bounds(published)
    if when == "last" and unit == "week":
        return bounds(date.fromordinal(first - 1))[0], max(first, today - 1)
    if when == "last":
        return bounds(date.fromordinal(first - 1))
    if when == "earlier this":
        return first, max(first, today - 1)
    if when == "later this":
        return min(today + 1, last), last
    return first, last


def compatible(a: Mention, b: Mention) -> bool:
    """Can both statements be true at once? ('more than 30' and '35' can; '26' and '26 dozen' cannot.)"""
    tolerance = 1e-6 * max(abs(a.value), abs(b.value), 1.0)
    return a.low <= b.high + tolerance and b.low <= a.high + tolerance
