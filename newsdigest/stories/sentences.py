"""Markdown bodies → paragraphs → sentences → comparable tokens.

Every comparison between versions of a story (copies, quotes, numbers, the
summary) works on sentences, so this module decides once what a sentence is and
which of its words count. It is deliberately plain: regular expressions and a
light suffix stripper, because outlets' text is short and the cost must stay
tiny when grouping runs analysis on hundreds of stories per build.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsdigest.stories.tfidf import ENGLISH_STOP_WORDS

__all__ = [
    "CALENDAR_WORDS",
    "FUNCTION_WORDS",
    "MONTHS",
    "MONTH_PATTERN",
    "MONTH_NUMBERS",
    "MONTH_STEMS",
    "WEEKDAYS",
    "STAMP_WORDS",
    "own_prose",
    "quoted_spans",
    "markdown_paragraphs",
    "split_sentences",
    "content_tokens",
    "plain_words",
    "word_shingles",
    "is_trivial",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""The English weekday names in lower case, Monday first (a weekday's number is its index). Spelled out, not
read from `calendar`, whose names follow the process's locale once anything calls `locale.setlocale`."""
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")  # fmt: skip
"""The English month names in lower case, January first (a month's number is its index plus one)."""
MONTH_NUMBERS = ({name: n for n, name in enumerate(MONTHS, 1)}
                 | {name[:3]: n for n, name in enumerate(MONTHS, 1)} | {"sept": 9})
"""A month's number by its name or abbreviation ('oct', 'sept'), in lower case."""
MONTH_PATTERN = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
"""A regular-expression alternation of every name and abbreviation of `MONTH_NUMBERS`, the longest first."""
MONTH_STEMS = "|".join(name[:3] for name in MONTHS)
"""A regular-expression alternation of the months' first three letters, January first ('jan|feb|…'): with
`[a-z]*` after it, any spelling of a month from its abbreviation to its name."""
CALENDAR_WORDS = frozenset((*WEEKDAYS, *(day[:3] for day in WEEKDAYS), *MONTH_NUMBERS, "tues", "thurs"))
"""Names of days and months, and their abbreviations, in lower case: dates, not names of people or places."""

FUNCTION_WORDS = frozenset({
    "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "than", "the", "a", "an", "as", "that", "which",
    "who", "was", "were", "is", "are", "be", "had", "has", "have", "will", "would", "after", "before", "during",
    "since", "per",
})
"""Articles, conjunctions, prepositions, relative pronouns and auxiliaries: the words next to a figure that are
never its counted noun, its label or the verb it is the object of."""

STAMP_WORDS = re.compile(
    r"\b(?:posted|published|updated|last|modified|first|am|pm|a\.\s?m|p\.\s?m|gmt|utc|[ecmp][sd]t|ist|bst|on|at|"
    rf"(?:{MONTH_STEMS})[a-z]*|{'|'.join(WEEKDAYS)})\b|\d+",
    re.I)
"""The words of a dateline or a 'Posted … at …' stamp, and its numbers: what is left without them tells a
stamp from a statement (a disputed figure's sentence) or from a headline."""

_QUOTED = re.compile(r"“[^“”]*(?:”|$)|(?<![\w])\"[^\"]*(?:\"|$)|‘[^‘’]*’(?!\w)")

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_HTML_TAG = re.compile(r"<[^>]+>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]*)`")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")


def _inline(text: str) -> str:
    """Drop inline Markdown so that only the words a reader sees remain."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):  # nested **_x_**
        text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()


def markdown_paragraphs(markdown: str) -> list[str]:
    """The prose paragraphs of a Markdown body, as plain text (see `_paragraphs`)."""
    return list(_paragraphs(markdown))


@lru_cache(maxsize=4096)
def _paragraphs(markdown: str) -> tuple[str, ...]:
    """The prose paragraphs of a Markdown body, as plain text; cached, since every analysis step reads them.

    Headings, tables and code are left out: they are structure, not statements a
    version makes, and counting them would make two versions look more or less
    alike than their prose is. List items become paragraphs of their own.
    """
    markdown = unicodedata.normalize("NFC", markdown or "")
    markdown = _FENCE.sub("\n", markdown)
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            text = _inline(" ".join(current))
            if text:
                paragraphs.append(text)
            current.clear()

    for line in markdown.splitlines():
        stripped = line.strip()
        if current and _SETEXT.match(line):
            current.clear()  # the lines above were a heading ("Title\n=====")
            continue
        if not stripped or _RULE.match(line):
            flush()
            continue
        if _HEADING.match(line):
            flush()
            continue
        if stripped.startswith("|") or _TABLE_SEP.match(line):
            flush()
            continue
        if _LIST.match(line):
            flush()
            current.append(_LIST.sub("", line))
            continue
        current.append(_QUOTE.sub("", line))
    flush()
    return tuple(paragraphs)


# Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
    "gov", "sen", "rep", "pres", "rev", "hon", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "approx",
    *(MONTH_NUMBERS.keys() - set(MONTHS)), "fig", "al", "e.g", "i.e",  # month abbreviations ("May" is a name)
    "reps", "sens", "govs", "gens", "drs", "profs", "messrs", "supt", "det", "insp", "cpl", "pvt", "maj",
    "brig", "ft", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
}
_STATES = {
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La",
    "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va",
    "Vt", "Wash", "Wis", "Wyo",
}
"""News style's abbreviated state names. After a place and a comma ("Millbrook, Ark."), after a party
letter ("Rep. Ann Roe, R-Ore.") or before a word that opens sentences ("The", "He") one may end a
sentence; before a title or a name ("with Ore. Gov. …") it does not."""
_LOST_POINT = re.compile(r"[\d(]$")
_MEASURE = re.compile(r"\d+(?:\s*(?:%|percent\b|per cent\b)|-?calib(?:er|re)\b|\s?(?:mm|cm|km|kg|mg|ml)\b)")
"""A number whose decimal point a text dump spaced off ("ran at 87. 5 percent", "(. 917)", "an old.
22-calibre rifle"): a full stop right after a digit or an opening bracket, or before a fraction of a
measure (a percentage, a calibre, a metric unit), ends no sentence. Any other number may open one
("… in 2019. 2020 brought …", "… for daily use. 5 minutes of charging …")."""
_BOUNDARY = re.compile(r"""([.!?…]+)(["'”’)\]]*)\s+(?=["'“‘(\[]?[A-Z0-9€£$])""")


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph at sentence ends, not at abbreviations, initials or inside a quotation."""
    return list(_sentences(paragraph))


@lru_cache(maxsize=65536)
def _sentences(paragraph: str) -> tuple[str, ...]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        before = paragraph[start:match.start()]
        closing = match.group(2)
        if before.count("“") > before.count("”") + closing.count("”") or (
                (before.count('"') + closing.count('"')) % 2 == 1):
            continue  # inside a quotation: “Not at all. He's invited to talk.” is one statement
        last_word = re.search(r"([\w.]+)$", before)
        # '…the U.K.’ quotas', 'at Elmsford (N.Y.) Community College' go on; '…answered “no.” The talks…' ends.
        if match.group(1) == "." and not re.search(r"[”\"]", closing) and _continues(
                before, last_word, paragraph[match.end():]):
            continue
        end = match.end(2)
        sentences.append(paragraph[start:end].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return tuple(s for s in sentences if s)


def _continues(before: str, last_word: re.Match[str] | None, after: str) -> bool:
    """Does the sentence go on past this full stop? After an abbreviation, an initial or a state
    written before a name, or before a number that lost its decimal point (see `_LOST_POINT`), it does."""
    if after[:1].isdigit() and not re.match(r"\d{4}s?\b", after) and (
            _LOST_POINT.search(before.rstrip()) or _MEASURE.match(after)):
        return True
    if not last_word:
        return False
    written = last_word.group(1)
    word = written.lower()
    # "U.S." / "J." / "Mr." — an initial or abbreviation, keep going.
    if word in _ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"(?:\w\.)+\w?", word):
        return True
    if written not in _STATES or before[: last_word.start()].rstrip().endswith(","):
        return False
    party = re.search(r"(?:^|\W)[A-Z]-$", before[: last_word.start()])  # "R-Ore." closes a name's tag
    following = re.match(r"\W*(\w+)", after)  # "…moved to Ore. The state…": a new sentence's first word
    return not party and bool(following) and following.group(1).lower() not in STOP_WORDS


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.U)
GROUPING_STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are around as at be because been before being
    below between both but by can could did do does doing down during each either else even ever every few
    for from further get gets got had has have having he her here hers herself him himself his how however i
    if in into is it its itself just last least less like made make many may me might more most much must my
    myself near neither new no nor not now of off often on once one only or other our ours ourselves out
    over own per put said say says same several she should since so some still such than that the their
    theirs them themselves then there these they this those though through thus to too two under until up
    upon us very via was we were what when where whether which while who whom whose why will with within
    without would yet you your yours yourself yourselves mr mrs ms dr st according told tell including
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
"""The words grouping (`features`, `assemble`) drops: function words, titles and reporting verbs only.

Narrower than `STOP_WORDS` on purpose. scikit-learn's list, which `STOP_WORDS` holds, also drops words
that name what an event is about ("bill", "fire", "interest", "system", "de", "un"): harmless when
sentences of one story are compared, but grouping tells stories apart by such words."""
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | GROUPING_STOP_WORDS
"""The words sentence comparison drops: scikit-learn's English list, with grouping's titles and reporting
verbs. They say nothing about which sentence echoes which."""
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A light suffix stripper: 'deploying', 'deployed', 'deployment' → 'deploy'.

    Enough to let a paraphrase that changes a word's form still match; a full
    stemmer would buy little on sentences this short.
    """
    if word.isdigit() or len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                stem += "y"
            elif stem.endswith("e") and suffix == "es":
                pass
            return stem.rstrip("e") if len(stem) > 4 else stem
    return word.rstrip("e") if len(word) > 5 else word


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """Where a sentence quotes someone: each quoted passage, to the sentence's end when the quote runs on
    past it (a quote of several sentences opens in one and closes in a later one)."""
    return [m.span() for m in _QUOTED.finditer(sentence)]


SENTENCE_CACHE = 4096
"""Entries in each per-sentence cache of a story's analysis (`own_prose`, the plain words, `leans_on_context`):
a large story's sentences. The analysis reads one story's sentences again and again, and another story's
seldom, so a larger cache would hold many megabytes a process for little more gain."""


@lru_cache(maxsize=SENTENCE_CACHE)
def own_prose(sentence: str) -> str:
    """A sentence without its quoted speech: what the outlet wrote in its own words.

    Cached: a story's analysis asks it of each sentence about six times (its prose alignment, its summary's
    and headline's tests of what stands alone)."""
    return re.sub(r"\s+", " ", _QUOTED.sub(" ", sentence)).strip()


def plain_words(text: str) -> list[str]:
    """Lower-cased words with apostrophes folded, punctuation dropped."""
    return list(_plain_words(text))


def plain_word_count(text: str) -> int:
    """How many `plain_words` a text has, not cached: for one-off slices of a sentence, which would crowd it."""
    return len(_WORD.findall(text.lower()))


@lru_cache(maxsize=SENTENCE_CACHE)
def _plain_words(text: str) -> tuple[str, ...]:
    """Cached: a story's analysis asks for the words of each sentence about four times (quotes, tokens, shingles)."""
    return tuple(w.replace("’", "'") for w in _WORD.findall(text.lower()))


def content_tokens(text: str) -> list[str]:
    """Stemmed words that carry meaning (no stop words, possessives folded)."""
    return list(_content_tokens(text))


@lru_cache(maxsize=65536)
def _content_tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in _plain_words(text):
        if word.endswith("'s"):
            word = word[:-2]
        word = word.replace("'", "")
        if not word or word in STOP_WORDS:
            continue
        out.append(_stem(word))
    return tuple(out)


@lru_cache(maxsize=65536)
def word_shingles(text: str, size: int = 3) -> frozenset[tuple[str, ...]]:
    """Overlapping runs of `size` plain words: the unit of verbatim copying (as in Churnalism).

    Cached: a story's two alignments (all its text, and its own prose) read most sentences alike."""
    words = _plain_words(text)
    if len(words) < size:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def is_trivial(sentence: str) -> bool:
    """Too short or empty of content to count as a statement ("Share", "Read more.")."""
    return len(content_tokens(sentence)) < 4
