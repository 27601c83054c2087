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
from bisect import bisect_right
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
    "SPEECH_VERBS",
    "SINGLE_QUOTED",
    "STAMP_WORDS",
    "WORD",
    "word_key",
    "own_prose",
    "quoted_passages",
    "quoted_spans",
    "markdown_paragraphs",
    "split_sentences",
    "content_tokens",
    "credits_quote",
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

SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|replied|replies|responded|warned|warns|argued|argues|"
    r"asserted|affirmed|insisted|insists|claimed|claims|complained|wrote|writes|posted|declared|noted|notes|"
    r"explained|announced|remarked|continued|commented|tweeted|conceded|acknowledged|urged|stressed|"
    r"emphasi[sz]ed|suggested|described|called|branded|quipped|predicted|cautioned|countered|admitted|"
    r"confirmed|denied|vowed|promised|pledged|accused|critici[sz]ed|commended|praised|recalled|joked|maintained|"
    r"concluded|read|reads|testified|ruled|observed"
)
"""Verbs that credit words to someone: '“…,” Ann Roe said', 'Ann Roe told reporters'."""

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
_SENTENCE_END = re.compile(r"[.!?…]+")
_NEXT_START = re.compile(r"[A-Z0-9€£$]")
_TRAILING = "'’)]"
"""What may close a sentence after its full stop besides a double quotation mark: an apostrophe, a single
closing mark, a bracket."""
_CREDIT_VERBS = rf"{SPEECH_VERBS}|asked|asks|questioned|shouted|wondered"
_WHEN = (rf"(?:(?:on|early|late|last|this|that|next)\s+)?(?:{'|'.join(WEEKDAYS)}|morning|afternoon|evening|night|"
         r"week|weekend)")
_CREDIT_AFTER = re.compile(
    rf"(?:[\w'’.-]+\s+){{1,5}}?(?:{_CREDIT_VERBS})\b"
    rf"(?:\s+(?:[a-z]+ly|again|later|then|too|today|yesterday|tonight|afterwards?|(?i:{_WHEN})))?[.,;:!?](?:\s|$)")
"""'… Ann Roe asked.', '… Roe tweeted early Tuesday.': a short clause naming who spoke, with nothing after its verb
but an adverb or a time, that follows a question or an exclamation closed by a quotation mark ('“Why now?” Ann Roe
asked.'): the credit is that sentence's, not a sentence of its own. 'Critics said it would fail.' and 'Guards said
nothing.' say something of their own and are sentences."""
_SPACES = re.compile(r"\s*")
_BLANKS = re.compile(r" *")


def credits_quote(text: str, before: str = "") -> bool:
    """Is `text`, right after a question or an exclamation closed by a quotation mark, the quote's credit ('Ann Roe
    asked.') rather than a sentence of its own (see `_CREDIT_AFTER`)? Never when `before`, the quote's sentence up
    to its opening mark, credits it already or says anything at all ('Dock workers chanted “Shame!” Ann Roe
    recalled.': she recalls the chant, she did not chant it)."""
    return not before.strip() and bool(_CREDIT_AFTER.match(text, _SPACES.match(text).end()))


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph at sentence ends, not at abbreviations, initials or inside a quotation."""
    return list(_sentences(paragraph))


@lru_cache(maxsize=65536)
def _sentences(paragraph: str) -> tuple[str, ...]:
    """A sentence ends at a full stop, a question or an exclamation mark, or an ellipsis, with the marks that close
    it (a quotation mark, spaced or not: '… now! " The crowd …'), where the next sentence starts with a capital or a
    figure, after a space or right after an opening quotation mark ('… the room.“We …', '… the room. " We …').
    It does not end inside a quotation, however its marks are written (see `_quotations`)."""
    quotations = _quotations(paragraph)
    starts = [start for start, _, _ in quotations]  # in reading order, none inside another
    opening = set(starts)
    closing = {end - 1: start for start, end, closed in quotations if closed}
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end, opened_at = _closed_by(paragraph, match.end(), closing)
        after = _SPACES.match(paragraph, end).end()
        if after == end and after not in opening:
            continue  # '3.5', 'U.S.', '…the room."We': no space and no opening mark, no new sentence
        first = after + 1 if after in opening or paragraph[after:after + 1] in ("'", "‘", "(", "[") else after
        if after in opening:
            first = _SPACES.match(paragraph, first).end()  # '" We will …' opens with a spaced mark
        if not _NEXT_START.match(paragraph, first) or _inside(quotations, starts, end):
            continue  # a lower-case word goes on; inside a quotation: “Yes. We knew it.” is one statement
        # Only the words just before the stop are read: a long quote full of stops keeps this linear.
        before = paragraph[max(start, match.start() - 80):match.start()]
        last_word = re.search(r"([\w.]+)$", before)
        # '…the U.K.’ quotas', 'at Elmsford (N.Y.) Community College' go on; '…answered “no.” The talks…' ends.
        if match.group() == "." and opened_at is None and _continues(before, last_word, paragraph[after:after + 80]):
            continue
        if opened_at is not None and match.group()[-1] in "?!" and credits_quote(
                paragraph[first:first + 200], paragraph[start:max(start, opened_at)]):
            continue  # '“Why now?” Ann Roe asked.'
        sentences.append(paragraph[start:end].strip())
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return tuple(s for s in sentences if s)


def _closed_by(paragraph: str, end: int, closing: dict[int, int]) -> tuple[int, int | None]:
    """Where a sentence that ends at `end` stops once the marks that close it are taken with it (closing quotation
    marks, spaced or not, apostrophes and brackets), and where the quote the last such quotation mark closes
    opened (None when no quotation mark was among them)."""
    opened_at = None
    while end < len(paragraph):
        mark = _BLANKS.match(paragraph, end).end()  # a loose closing mark stands after a space
        if mark in closing:
            end, opened_at = mark + 1, closing[mark]
        elif paragraph[end] in _TRAILING:
            end += 1
        else:
            break
    return end, opened_at


def _inside(quotations: tuple[tuple[int, int, bool], ...], starts: list[int], at: int) -> bool:
    """Is `at` strictly inside one of the quotations (sorted, none inside another; `starts` their starts)?"""
    number = bisect_right(starts, at - 1) - 1
    return number >= 0 and quotations[number][0] < at < quotations[number][1]


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
    if word == "no" or (word.isdigit() and before[:last_word.start()].strip()):
        return word == "no" and bool(re.match(r"\d", after))  # 'No. 4' goes on; '… voted no.', '… won 12-4.' end
    # "U.S." / "J." / "Mr." — an initial or abbreviation, keep going.
    if word in _ABBREVIATIONS or len(word) == 1 or re.fullmatch(r"(?:\w\.)+\w?", word):
        return True
    if written not in _STATES or before[: last_word.start()].rstrip().endswith(","):
        return False
    party = re.search(r"(?:^|\W)[A-Z]-$", before[: last_word.start()])  # "R-Ore." closes a name's tag
    following = re.match(r"\W*(\w+)", after)  # "…moved to Ore. The state…": a new sentence's first word
    return not party and bool(following) and following.group(1).lower() not in STOP_WORDS


WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.U)
"""A word as the story stage reads one: letters and digits, with inner apostrophes ("don't", "O’Brien")."""


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """A word as compared across sentences and versions: lower case, its apostrophe plain, a possessive's ending
    dropped ("Obama’s" is "obama")."""
    return word.lower().replace("’", "'").removesuffix("'s")


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


_DOUBLE_MARK = re.compile(r"[“”\"]")
SINGLE_QUOTED = re.compile(r"(?<![\w‘])‘([^‘’]+?)’(?!\w)")
"""A passage in single curly marks, its words the group ('‘Go home.’'); not an apostrophe inside a word."""
_SPACE_BEFORE = " \t\n([{—–"
_SPACE_AFTER = " \t\n)]}.,;:!?…—–"
_CLAUSE_END = tuple(".,;:!?…")
_INTRODUCED = re.compile(rf"\b(?:{_CREDIT_VERBS}|say|tell|ask)\s*[,:]\s*$")
"""A speech verb and a comma or a colon ('Ada Quill said, “…', 'had this to say: "…'): a mark after it opens a quote."""
_CREDITED = re.compile(rf",\s+(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}|he|she|they)\s+(?:{SPEECH_VERBS})\.\s*$")
"""A quote's credit closing a sentence ('…, Ada Quill said.'): a quote left open before it ended there, its mark
lost, and a straight mark that opens after it starts a new quote."""


def _role(text: str, at: int) -> str:
    """What a double quotation mark does, read from its neighbours: 'open', 'close', or 'either' where they do not
    tell.

    A straight mark opens with a space before it and a word after ('said "we'), and closes the other way round
    ('fees," she'); a curly one is what it is drawn as unless its neighbours say the other way ('fees,“ she').
    Spaced on both sides, any mark may be either, since text dumps space and turn marks alike ('under ” Quiet
    Corners “ this year'); between two non-spaces ('the room."We') a straight one may be either."""
    spaced_before = at == 0 or text[at - 1] in _SPACE_BEFORE
    spaced_after = at + 1 == len(text) or text[at + 1] in _SPACE_AFTER
    if spaced_before and spaced_after:
        return "either"
    if not spaced_before and not spaced_after:
        return {"“": "open", "”": "close"}.get(text[at], "either")
    if (text[at] == "“" and spaced_after) or (text[at] == "”" and spaced_before):
        return "either"
    return "open" if spaced_before else "close"


def _closes_earlier(text: str, at: int, role: str, marks: int) -> bool:
    """Does a text's first double quotation mark close a quote opened before the text (the sentence after the one a
    quote opened in: '… leaving," Roe tweeted.', '… until dawn. ”')? When its neighbours say it closes, unless it
    follows a figure ('a 6" pipe'). Spaced on both sides, when it follows a clause's end and the text has an odd
    number of marks (the last is left unpaired), and, for a straight mark, no capital follows: '. " We …' opens a
    sentence more often than it closes one."""
    if _INTRODUCED.search(text, max(0, at - 40), at):
        return False  # 'Ada Quill said, “ the …': a quote introduced here opens here, whatever follows its mark
    if role == "close":
        return not text[at - 1:at].isdigit()
    if role != "either" or marks % 2 == 0 or text[:at].rstrip()[-1:] not in _CLAUSE_END:
        return False
    following = text[at + 1:].lstrip(" '‘")[:1]  # ', " ‘ Stop …': a quote within a quote opens
    return text[at] == "”" or not (following.isupper() or following.isdigit())


@lru_cache(maxsize=65536)
def _quotations(text: str) -> tuple[tuple[int, int, bool], ...]:
    """Each passage between double quotation marks, as (start, end, closed): from its opening mark to just past its
    closing one, or to the text's end when it is not closed (a quote that runs on into the next paragraph).

    Marks are paired in reading order whatever they are drawn as, since outlets and text dumps mix them ('“…,"',
    '"…,”', '" … , "'): a mark that may open opens, the next one that may close closes. A text's first mark may
    close a quote opened before the text (see `_closes_earlier`); a later closing mark with no quote open is a
    stray. An opening curly mark inside an open quotation starts a new one, the earlier having never been
    closed, and so does an opening straight mark after a credit that ends a sentence (see `_CREDITED`)."""
    marks = [m.start() for m in _DOUBLE_MARK.finditer(text)]
    found: list[tuple[int, int, bool]] = []
    opened: int | None = None
    for number, at in enumerate(marks):
        role = _role(text, at)
        if number == 0 and _closes_earlier(text, at, role, len(marks)):
            found.append((0, at + 1, True))
        elif opened is None:
            opened = None if role == "close" else at
        elif role == "open" and (text[at] == "“" or _CREDITED.search(text, max(opened, at - 120), at)):
            opened = at  # the quote open before was never closed: '“We …' or '"We …, Ada Quill said. "Then …'

        else:
            found.append((opened, at + 1, True))
            opened = None
    if opened is not None:
        found.append((opened, len(text), False))
    return tuple(found)


def quoted_passages(text: str) -> list[tuple[int, int, bool]]:
    """Each passage a text opens with a double quotation mark, as (start, end, closed): from its opening mark to just
    past its closing one, or to the text's end when it runs on (see `_quotations`, which pairs the marks)."""
    return [(start, end, closed) for start, end, closed in _quotations(text)
            if text[start] in "“”\"" and end - start > 1]


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """Where a sentence quotes someone: each quoted passage, marks included, to the sentence's end when the quote
    runs on past it (a quote of several sentences opens in one and closes in a later one). Passages in single
    curly marks count too where no double marks hold them ('‘…’')."""
    double = [(start, end) for start, end, _ in _quotations(sentence)]
    single = [m.span() for m in SINGLE_QUOTED.finditer(sentence)
              if not any(s <= m.start() < e for s, e in double)]
    return sorted(double + single)


SENTENCE_CACHE = 4096
"""Entries in each per-sentence cache of a story's analysis (`own_prose`, the plain words, `leans_on_context`):
a large story's sentences. The analysis reads one story's sentences again and again, and another story's
seldom, so a larger cache would hold many megabytes a process for little more gain."""


@lru_cache(maxsize=SENTENCE_CACHE)
def own_prose(sentence: str) -> str:
    """A sentence without its quoted speech: what the outlet wrote in its own words.

    Cached: a story's analysis asks it of each sentence about six times (its prose alignment, its summary's
    and headline's tests of what stands alone)."""
    kept, at = [], 0
    for start, end in quoted_spans(sentence):
        kept.append(sentence[at:start])
        at = end
    kept.append(sentence[at:])
    return re.sub(r"\s+", " ", " ".join(kept)).strip()


def plain_words(text: str) -> list[str]:
    """Lower-cased words with apostrophes folded, punctuation dropped."""
    return list(_plain_words(text))


def plain_word_count(text: str) -> int:
    """How many `plain_words` a text has, not cached: for one-off slices of a sentence, which would crowd it."""
    return len(WORD.findall(text.lower()))


@lru_cache(maxsize=SENTENCE_CACHE)
def _plain_words(text: str) -> tuple[str, ...]:
    """Cached: a story's analysis asks for the words of each sentence about four times (quotes, tokens, shingles)."""
    return tuple(w.replace("’", "'") for w in WORD.findall(text.lower()))


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
