"""Metadata stated in a text dump: headline, byline, dates, outlet, section, tags.

A copied page keeps its metadata as ordinary lines around the article: the
headline just above the byline and dateline, a copyright line in the footer,
a "Tags:" line after the last paragraph. This module reads them by *position*
relative to the article span (found beforehand by `text_region`) and by
*shape* (a name, a date, a title), never by what one site happens to write.
Anything not stated stays `None`: a date with no time is kept at midnight of
that date, a page without a headline gets none here (the caller may derive
one and mark it as derived).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone as dt_timezone, tzinfo

from newsdigest.ingest.text_lines import Line, content_words, normalise

__all__ = ["TextMeta", "read_metadata", "find_dates", "parse_byline"]


@dataclass
class TextMeta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    outlet: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None
    body_start: int = 0
    """Index of the first line that may be article body (after headline, byline, dateline)."""
    taken: dict[int, str] = field(default_factory=dict)
    """Lines used as metadata, by index, with the reason shown by `--explain`."""


# ---------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME = r"""(?:\s*(?:,|at|@|-|–|\|)?\s*(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?
    (?:\s*(?P<tz>UTC|GMT|[ECMP][SD]T|BST|CES?T|IST|AEST|AEDT|JST|[+-]\d{2}:?\d{2}|Z))?)?"""
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DATE_PATTERNS = [
    re.compile(rf"(?:(?<![\w])|(?-i:(?<=[a-z])(?=[A-Z]))){_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.I | re.X),
    re.compile(rf"(?<!\d){_DAY}\.?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}", re.I | re.X),
    re.compile(rf"(?<!\d){_YEAR}(?:[-/.]|\.\s|年)(?P<m>\d{{1,2}})(?:[-/.]|\.\s|月)(?P<d>\d{{1,2}})日?(?!\d)(?:T|\s*)?{_TIME}", re.I | re.X),
    re.compile(rf"(?<![\d/])(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<y>(?:19|20)?\d{{2}})(?![\d/]){_TIME}", re.I | re.X),
]
_TZ_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
    "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "IST": 5.5, "AEST": 10, "AEDT": 11, "JST": 9,
}  # fmt: skip
_DATE_LABEL = re.compile(r"\b(?:published|posted|updated|modified|edited|date[d:]?)\b", re.I)
_UPDATED_LABEL = re.compile(r"\b(?:updated|modified|edited|revised)", re.I)


_HAS_YEAR = re.compile(r"\d{2}")


@dataclass(frozen=True)
class FoundDate:
    moment: datetime
    has_time: bool
    updated: bool
    """Labelled as an update/edit rather than a publication."""
    start: int
    end: int


@lru_cache(maxsize=8192)
def find_dates(text: str, zone: tzinfo | None = None) -> tuple[FoundDate, ...]:
    """Every date stated in `text` (one line), in order, with its label.

    Regular expressions cover the common shapes; times without a zone take
    `zone`, dates without a time stay at midnight of that date in `zone`.
    Cached, because the headline, byline and date readers all ask about the
    same few lines.
    """
    if not _HAS_YEAR.search(text):
        return ()
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            moment = _to_datetime(match, zone)
            if moment is None:
                continue
            before = text[max(0, match.start() - 40): match.start()]
            label_updated = bool(_UPDATED_LABEL.search(before)) and not re.search(
                r"published|posted", before[-20:], re.I
            )
            found.append(FoundDate(moment, match.group("h") is not None, label_updated, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda f: f.start)
    return tuple(found)


def _to_datetime(match: re.Match[str], zone: tzinfo | None) -> datetime | None:
    groups = match.groupdict()
    try:
        year = int(groups["y"])
        if year < 100:
            year += 2000
        if groups.get("mon"):
            month = _MONTHS[groups["mon"][:3].lower()]
            day = int(groups["d"])
        elif groups.get("m"):
            month, day = int(groups["m"]), int(groups["d"])
        else:
            a, b = int(groups["a"]), int(groups["b"])
            # Day first only when the first number cannot be a month.
            month, day = (b, a) if a > 12 else (a, b)
        moment_date = date(year, month, day)
    except (ValueError, KeyError):
        return None
    if not 1990 <= year <= 2100:
        return None
    hour = minute = second = 0
    if groups.get("h") is not None:
        hour, minute = int(groups["h"]), int(groups["mi"])
        second = int(groups["s"] or 0)
        ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59 or second > 59:
            return None
    tz = _zone(groups.get("tz"), zone)
    return datetime.combine(moment_date, time(hour, minute, second), tz)


def _zone(name: str | None, default: tzinfo | None) -> tzinfo | None:
    if not name:
        return default
    name = name.upper()
    if name in _TZ_OFFSETS:
        return dt_timezone(timedelta(hours=_TZ_OFFSETS[name]))
    sign = -1 if name[0] == "-" else 1
    digits = name[1:].replace(":", "")
    return dt_timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


# ---------------------------------------------------------------- names

_ROLE = re.compile(
    r"""\b(?:senior|chief|deputy|associate|assistant|managing|executive|contributing|political|foreign|staff|special|guest|
    opinion|education|business|health|science|technology|tech|sports?|news|digital|investigative|national|local|
    editor(?:-at-large)?|reporter|correspondent|columnist|writer|contributor|journalist|analyst|producer|
    author|attorney|photographer|intern|fellow|critic|blogger|trader|editorial|desk)s?\b""",
    re.I | re.X,
)
_ROLE_CORE = re.compile(
    r"\b(?:editor|reporter|correspondent|columnist|writer|contributor|journalist|analyst|producer|attorney|critic|blogger|trader|desk)s?\b",
    re.I,
)
_PARTICLES = {"de", "da", "del", "della", "di", "van", "von", "der", "den", "la", "le", "bin", "al", "el", "du", "dos", "st"}
_NOT_NAMES = re.compile(
    r"""\b(?:home|news|menu|search|share|follow|subscribe|login|sign|log|comments?|reply|print|email|facebook|twitter|
    instagram|linkedin|youtube|whatsapp|reddit|pinterest|tiktok|more|about|contact|privacy|terms|advertis\w*|
    latest|top|popular|trending|video|videos|photos?|gallery|opinion|world|politics|sports?|business|tech\w*|science|health|
    entertainment|culture|travel|lifestyle|weather|blog|posts?|articles?|stories|read|next|previous|prev|tags?|categor\w*|
    shop|store|cart|account|help|skip|content|main|page|site|index|cookie\w*|updated|published|posted|min|minutes?|
    link|links|copy|copied|save|saved|close|open|download|listen|play|watch|loading|
    the|and|of|in|on|for|with|to|by|is|are|was|were|this|that|a|an|it|we|you|your|our|us|or|from)\b""",
    re.I | re.X,
)


def _name_like(text: str, *, allow_single: bool = False, lax: bool = False) -> bool:
    """Two to four capitalised words and nothing else: the shape of a person's name.

    `lax` lets one word be lower case ("Mobasir hassan"), for text that a
    "By" already marks as a name.
    """
    text = text.strip().strip(",;:")
    if not text or len(text) > 50 or re.search(r"[\d@#/|:!?()\[\]{}<>=_*\"“”,;]", text):
        return False
    tokens = text.split()
    if not (1 if allow_single else 2) <= len(tokens) <= 5:
        return False
    if any(re.match(r"[A-Z]{3,}[a-z]", t) for t in tokens):
        return False  # "FOXBusiness": a brand glued to a name, not a name
    core = [t for t in tokens if t.lower().strip(".") not in _PARTICLES]
    if not core or not all(t[0].isupper() for t in core[:1]):
        return False
    if sum(1 for t in core if t[0].isupper()) < len(core) - (1 if lax else 0):
        return False
    return not _NOT_NAMES.search(text.replace("’", "'"))


def parse_byline(text: str) -> tuple[list[str], str | None]:
    """The author names in a byline and the outlet it names ("By A and B for The X"), if any."""
    text = re.sub(r"\s+", " ", text).strip()
    text = _BYLINE_START.sub("", text)
    # Unglue what the copy glued: "Meg JamesStaff", "Jonathan GarberFOXBusiness".
    text = re.sub(r"(?<=[a-z])(?=[A-Z]{2,}|(?:Staff|Writer|Reporter|Editor|Correspondent|Contributor)\b)", " ", text)
    # Cut at what follows a byline on the same line: dates, separators, counters.
    for found in find_dates(text):
        text = text[: found.start]
        break
    text = re.sub(r"(?:\s+(?:on|at|in)|\s*[,|•·/-])\s*$", "", text)
    whole = text.strip(" ,.")
    text = _BYLINE_TAIL.split(text, 1)[0]
    outlet = None
    m = re.search(r"\s+(?:for|of|at)\s+(.+)$", text, re.I)
    if m:
        outlet = m.group(1).strip(" ,.")
        text = text[: m.start()]
    names: list[str] = []
    for part in re.split(r"\s*(?:,|;|&|\band\b|\bwith\b)\s*", text, flags=re.I):
        part = part.strip(" .,")
        if not part:
            continue
        stripped = _leading_name(_strip_role(part))
        if not stripped:
            if names:
                break  # "Name, Staff Attorney, Some Organisation": the rest describes the author
            continue
        single_ok = len(stripped.split()) >= 2 or not names or len(part.split()) == 1
        if _name_like(stripped, allow_single=True, lax=True) and single_ok:
            if re.fullmatch(r"[A-Z]{2,6}", stripped) and names:
                outlet = outlet or stripped  # "By A, CNN": the trailing acronym is the outlet
                continue
            names.append(stripped)
        elif names:
            break
    if not names and whole and _ROLE.search(whole) and len(whole.split()) <= 6 and not re.search(r"\d", whole):
        # An institutional credit ("Staff and wire reports") is the author as written.
        names = [whole]
    return names, outlet


# What may follow the names on a byline's line: separators, a date, counters, labels.
_BYLINE_TAIL = re.compile(
    r"\s*(?:[•|/·]| - | – | — |\bon\b\s+(?=\w)|\d+\s+(?:min|comments?|shares?)\b|\bupdated\b|\bpublished\b)\s*",
    re.I,
)
_CREDENTIAL = re.compile(r"^(?:ph\.?d|m\.?d|r\.?d|r\.?n|m\.?s|m\.?a|b\.?sc|m\.?sc|b\.?a|b\.?s|rdn|ld|cpt|mba|mph|dds|cpa|esq)\.?$", re.I)


def _leading_name(part: str) -> str:
    """The capitalised words a byline part starts with ("Moritz Bachmann publiziert am" → "Moritz Bachmann")."""
    tokens = part.split()
    for index, token in enumerate(tokens):
        if index >= 2 and token[:1].islower() and token.lower() not in _PARTICLES:
            return " ".join(tokens[:index])
    return part


def _strip_role(part: str) -> str:
    """A name without its job title ("Richard Adams Education editor" → "Richard Adams")."""
    if _CREDENTIAL.match(part) or all(_ROLE.fullmatch(t.strip(",.")) for t in part.split()):
        return ""
    if not _ROLE_CORE.search(part):
        return part
    tokens = part.split()
    while tokens and _ROLE.fullmatch(tokens[-1].strip(",.")):
        tokens.pop()
    while tokens and _ROLE.fullmatch(tokens[0].strip(",.")):
        tokens.pop(0)
    return " ".join(tokens)


# ---------------------------------------------------------------- the reader

# "By …", also glued ("ByJane Doe"), and its equivalents in a few languages
# (German, French, Spanish/Portuguese, Dutch, Scandinavian) before a capital.
_BYLINE_START = re.compile(
    r"^(?:(?:written|posted|reported|words|story|text)\s+)?"
    r"(?:by(?:\s*:\s*|\s+)(?=\S)|(?-i:By(?=[A-Z][a-z]))|(?:von|par|por|door|av)\s+(?-i:(?=[A-ZÀ-Ý][a-zà-ÿ])))",
    re.I,
)
_TAGS = re.compile(r"^(?:tagged|tags?|topics?|filed\s+under|categories|keywords)\s*:?\s*(?P<rest>.*)$", re.I)
_HASHTAG_LINE = re.compile(r"^#(?!#)\s?[^\s#].{0,60}$")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?P<path>/\S*)?$", re.I)
_FOLLOW = re.compile(r"^(?:follow|share|connect)\b.{0,30}$", re.I)
HEAD_WINDOW = 30


def read_metadata(
    lines: list[Line], span: tuple[int, int], stop: frozenset[str], *, timezone: tzinfo | None = None,
    lang: str | None = None,
) -> TextMeta:
    """Read the metadata around the article `span` of `lines` (`lang`: the page's language, if known)."""
    meta = TextMeta(body_start=span[0])
    if not lines:
        return meta
    start, end = span
    article_words: set[str] = set()
    for line in lines[start:end]:
        if line.prose:
            article_words |= content_words(line.words, stop)

    byline_index = _read_byline(lines, span, meta)
    title_index = _read_title(lines, span, byline_index, article_words, stop, meta)
    if byline_index is None and title_index is not None:
        byline_index = _read_name_line(lines, title_index, span, meta)
    _read_dates(lines, span, title_index, byline_index, meta, timezone, lang)
    if not meta.authors:
        _read_name_beside_dateline(lines, meta)
    _read_tail_authors(lines, span, meta)
    _read_outlet(lines, meta)
    _read_tags(lines, span, article_words, meta)
    _read_section(lines, title_index, meta)

    # Headline, byline and dateline above the lead are metadata, not body; the
    # lead is the first substantial paragraph of the span.
    window_end = min(end, start + 8)
    lead = next((i for i in range(start, window_end) if lines[i].prose and lines[i].n_words >= 20), window_end)
    head = [i for i in meta.taken if start - 1 <= i < lead]
    if head:
        meta.body_start = max(start, max(head) + 1)
    return meta


def _read_byline(lines: list[Line], span: tuple[int, int], meta: TextMeta) -> int | None:
    """The byline nearest above (or just inside) the article start; returns its index."""
    start, _ = span
    lo = max(0, start - HEAD_WINDOW)
    best: tuple[int, list[str], str | None] | None = None
    for i in range(min(len(lines), start + 3) - 1, lo - 1, -1):
        line = lines[i]
        if line.n_words > 25 or line.bullet:
            continue
        alone = re.fullmatch(r"(?:written\s+)?by:?", line.text, re.I)
        if alone and i + 1 < len(lines) and _name_like(lines[i + 1].text, allow_single=True):
            best = (i + 1, parse_byline(lines[i + 1].text)[0] or [lines[i + 1].text.strip()], None)
            meta.taken[i] = "byline"
            break
        if _BYLINE_START.match(line.text) or (re.search(r"\sby\s+[A-Z]", line.text) and find_dates(line.text)):
            byline = line.text if _BYLINE_START.match(line.text) else line.text[line.text.lower().rfind(" by ") + 1 :]
            names, outlet = parse_byline(byline)
            if names:
                best = (i, names, outlet)
                break
    if best is None:
        return None
    i, names, outlet = best
    meta.authors = tuple(dict.fromkeys(names))
    if outlet and not meta.outlet:
        meta.outlet = outlet
    meta.taken[i] = "byline"
    # A role line right below the byline belongs to it ("Opinion Columnist").
    if i + 1 < len(lines) and _ROLE_CORE.search(lines[i + 1].text) and lines[i + 1].n_words <= 6:
        meta.taken[i + 1] = "byline (author's title)"
    return i


def _read_name_line(lines: list[Line], title_index: int, span: tuple[int, int], meta: TextMeta) -> int | None:
    """An author named without "By": a name-shaped line just below the headline (or above it)."""
    lo = max(0, title_index - 3)
    hi = min(len(lines), max(title_index + 8, span[0] + 2))
    order = list(range(title_index + 1, hi)) + list(range(title_index - 1, lo - 1, -1))
    for i in order:
        line = lines[i]
        if i in meta.taken or line.repeats > 3 or line.bullet or line.n_words > 12:
            continue
        if line.prose and line.n_words >= 12:
            break
        text = line.text
        dates = find_dates(text)
        if dates:
            text = text[: dates[0].start]
        text = re.split(r"\s*[|•·]\s*|\s+-\s+", text)[0]
        names, outlet = parse_byline(text)
        whole = re.sub(r"^(?:by|with|from)\s+", "", text.split(",")[0].strip(), flags=re.I)
        if not names or len(names[0].split()) < 2 or not _name_like(_strip_role(whole)):
            continue  # the whole line must be a name (and perhaps a title), not a sentence that starts with one
        if _common_words(names[0], lines) or (i + 1 < len(lines) and lines[i + 1].bullet):
            continue  # a label over a box or a list, not a person
        near = range(max(0, i - 3), min(len(lines), i + 4))
        if not dates and not any(find_dates(lines[j].text) for j in near if j != i):
            continue  # a byline keeps company with a dateline; a lone capitalised label does not
        meta.authors = tuple(names)
        meta.outlet = meta.outlet or outlet
        meta.taken[i] = "byline"
        return i
    return None


_CRUMB_SEPARATOR = re.compile(r"\s[>»›/]\s|\s?[»›]\s?")


def _title_after_breadcrumb(lines: list[Line], lo: int, anchor: int) -> int | None:
    """The headline repeated right below a breadcrumb that ends with it ("Home » Desserts » Truffles")."""
    for i in range(lo, min(anchor, len(lines))):
        parts = [p.strip() for p in _CRUMB_SEPARATOR.split(lines[i].text) if p.strip()]
        if len(parts) < 3:
            continue
        last = normalise(parts[-1])
        for j in range(i + 1, min(i + 4, len(lines))):
            if lines[j].key == last and lines[j].n_words >= 2:
                return j
    return None


def _capitals(text: str) -> bool:
    """Several words in capitals only: a menu bar or a kicker, not a headline below it."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 4 and len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _common_words(name: str, lines: list[Line]) -> bool:
    """Whether the words after the first of `name` are also used in lower case on the page.

    People's names are capitalised wherever they appear; a capitalised label
    made of ordinary words ("Sentiment Analysis", "Give Feedback") shows those
    words in lower case somewhere else. The first word is spared: given names
    are often ordinary words too ("Will", "Rose", "Grant").
    """
    tokens = {t.lower() for t in name.split()[1:] if len(t) > 2}
    if not tokens:
        return False
    lower = {w for line in lines for w in line.words if w[:1].islower()}
    return tokens <= lower


def _read_name_beside_dateline(lines: list[Line], meta: TextMeta) -> None:
    """A name-shaped line right next to the dateline is the byline ("Jane Doe" / "June 19, 2019")."""
    datelines = [i for i, why in meta.taken.items() if why.startswith("dateline")]
    for d in sorted(datelines):
        for i in (d + 1, d - 1, d + 2, d - 2):
            if not 0 <= i < len(lines) or i in meta.taken:
                continue
            line = lines[i]
            if line.repeats <= 2 and _name_like(line.text) and not _common_words(line.text, lines):
                _take_author_line(lines, i, meta, "byline (beside the dateline)")
                return


def _title_score(line: Line, index: int, anchor: int, article_words: set[str], stop: frozenset[str]) -> float:
    if line.bullet or line.boilerplate_heavy or line.credit or not 2 <= line.n_words <= 35:
        return -1.0
    if line.repeats > 3 or find_dates(line.text) or _BYLINE_START.match(line.text):
        return -1.0
    crumbs = len(re.findall(r"\s[>»›|]\s|\s/\s", line.text)) >= 2 or re.search(r"\s[>»›]\s", line.text)
    if crumbs or line.text.endswith(":"):
        return -1.0
    words = content_words(line.words, stop)
    overlap = len(words & article_words) / len(words) if words else 0.0
    # Two shared words out of two prove less than four out of five.
    score = 1.0 + 3.0 * overlap * min(1.0, len(words) / 4)
    if _name_like(line.text):
        score -= 1.5  # a person's name is a byline, not a headline
    if line.n_words < 4:
        score -= 1.0
    if line.text.endswith(".") and line.n_words > 4:
        score -= 2.0  # headlines rarely end with a full stop; first sentences always do
    if line.prose and line.text.endswith("."):
        return -1.0  # a full sentence: the lead of a text without a headline, not a headline
    distance = max(0, anchor - index)
    score -= 0.08 * distance
    return score


def _read_title(
    lines: list[Line], span: tuple[int, int], byline_index: int | None, article_words: set[str],
    stop: frozenset[str], meta: TextMeta,
) -> int | None:
    """The headline: a title-shaped line just above the byline or the lead that shares its topic."""
    start, _ = span
    anchor = byline_index if byline_index is not None and byline_index <= start + 5 else start
    lo = max(0, anchor - HEAD_WINDOW)
    crumbed = _title_after_breadcrumb(lines, lo, anchor)
    if crumbed is not None:
        meta.title = lines[crumbed].text.strip()
        meta.taken[crumbed] = "headline"
        return crumbed
    best, best_score = None, 0.9
    for i in range(lo, min(anchor + 1, len(lines))):
        if i in meta.taken:
            continue
        if i == start and lines[i].prose and lines[i].n_words > 30:
            continue
        score = _title_score(lines[i], i, anchor, article_words, stop)
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    # A headline is often followed by a standfirst that shares its topic just
    # as well; the headline is the upper of the two.
    j = best - 1
    while j >= max(lo, best - 4) and j not in meta.taken:
        upper = lines[j]
        if (
            upper.n_words >= 3 and not upper.sentence and not _capitals(upper.text)
            and _title_score(upper, j, anchor, article_words, stop) >= 1.3
            and (upper.n_words >= 4 or lines[best].sentence)
        ):
            best = j
            j -= 1
            continue
        break
    meta.title = lines[best].text.strip()
    meta.taken[best] = "headline"
    # The same headline printed twice (page title and heading) is still the headline.
    for j in range(max(0, best - 3), min(len(lines), best + 4)):
        if j != best and lines[j].key == lines[best].key:
            meta.taken[j] = "headline (repeated)"
    return best


def _read_dates(
    lines: list[Line], span: tuple[int, int], title_index: int | None, byline_index: int | None,
    meta: TextMeta, zone: tzinfo | None, lang: str | None = None,
) -> None:
    """Published and updated dates: labelled ones first, else the dateline nearest the headline."""
    start, end = span
    anchors = [i for i in (title_index, byline_index) if i is not None] or [start]
    lo = max(0, min(anchors) - 12)
    hi = min(len(lines), max(max(anchors) + 6, start + 3))
    candidates: list[tuple[int, FoundDate]] = []
    for i in list(range(lo, hi)) + list(range(max(hi, end - 2), min(len(lines), end + 15))):
        line = lines[i]
        labelled = _DATE_LABEL.search(line.text) or i in meta.taken or _BYLINE_START.match(line.text)
        if line.n_words > 40 or (line.prose and not labelled):
            continue  # a dateline is a label, not a sentence that happens to mention a date
        for found in find_dates(line.text, zone):
            candidates.append((i, found))
    if not candidates:
        _read_date_in_other_words(lines, range(lo, hi), meta, zone, lang)
        return
    head = [(i, f) for i, f in candidates if i < hi]
    pool = head or candidates
    published = [(i, f) for i, f in pool if not f.updated]
    updated = [(i, f) for i, f in pool if f.updated]
    if published:
        center = min(anchors)

        def rank(item: tuple[int, FoundDate]) -> tuple[int, int, int]:
            i, found = item
            labelled = bool(re.search(r"published|posted|\bdate\b", lines[i].text[: found.start], re.I))
            # Datelines follow the headline; a date above it is usually the page's "today".
            return (0 if labelled else 1, 0 if i >= center else 1, abs(i - center))

        i, found = min(published, key=rank)
        meta.published = found.moment
        meta.taken.setdefault(i, "dateline")
    if updated:
        i, found = updated[0]
        meta.updated = found.moment
        meta.taken.setdefault(i, "dateline (updated)")
        if meta.published is None:
            # The page states only when it was last touched: that is the
            # article's date as the page presents it, the best bound we have.
            meta.published = found.moment
    if meta.published and meta.updated and meta.updated.replace(tzinfo=None) < meta.published.replace(tzinfo=None):
        meta.updated = None  # an "update" before publication is a misread: keep only what is consistent


# A day, some words (a month in any language), a year, perhaps a time.
_OTHER_WORDS_DATE = re.compile(r"(?<!\d)\d{1,2}\D{1,30}?(?:19|20)\d{2}(?:\D{1,6}\d{1,2}[:.]\d{2})?")
MAX_DATEPARSER_CALLS = 3
"""dateparser is slow: it only sees a few head lines that the regular expressions could not read."""


def _read_date_in_other_words(
    lines: list[Line], window: range, meta: TextMeta, zone: tzinfo | None, lang: str | None
) -> None:
    """A dateline in another language or shape, read by dateparser ("20 de novembro de 2019")."""
    calls = 0
    for i in window:
        line = lines[i]
        if line.n_words > 15 or i in meta.taken:
            continue
        match = _OTHER_WORDS_DATE.search(line.text)
        if not match:
            continue
        calls += 1
        moment = _dateparser(match.group(0), lang)
        if moment is not None:
            meta.published = moment.replace(tzinfo=moment.tzinfo or zone)
            meta.taken[i] = "dateline"
            return
        if calls >= MAX_DATEPARSER_CALLS:
            return


def warm_up_dateparser() -> None:
    """Import dateparser and parse one date, so later calls do not pay for loading it."""
    _dateparser("5 September 2025", "en")


def _dateparser(text: str, lang: str | None) -> datetime | None:
    import dateparser  # imported on first use: most pages never need it

    try:
        return dateparser.parse(
            text,
            languages=[lang] if lang else None,
            # A missing day or month would be filled in from today: that would be invented.
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
        )
    except Exception:  # dateparser raises assorted errors on odd input; unknown stays unknown
        return None


def _read_tail_authors(lines: list[Line], span: tuple[int, int], meta: TextMeta) -> None:
    """Author lines after the article: a name before a "follow" prompt or above a role line."""
    if meta.authors:
        return
    _, end = span
    for i in range(end, min(len(lines), end + 30)):
        line = lines[i]
        if _BYLINE_START.match(line.text) and line.n_words <= 20 and not line.prose:
            names, outlet = parse_byline(line.text)
            if names:
                meta.authors = tuple(names)
                meta.outlet = meta.outlet or outlet
                meta.taken[i] = "byline"
                return
        if i >= end + 8 or not _name_like(line.text):
            continue  # (no common-word test here: the role or follow line below is evidence enough)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or _FOLLOW.match(nxt.text) or (_ROLE_CORE.search(nxt.text) and nxt.n_words <= 5):
            _take_author_line(lines, i, meta, "byline (after the article)")
            return


def _take_author_line(lines: list[Line], i: int, meta: TextMeta, reason: str) -> None:
    """Record line `i` as the author, and a job-title line under it ("ZNews Columnist") as well.

    What precedes the role word on such a line names the employer: the outlet.
    """
    meta.authors = (lines[i].text.strip(),)
    meta.taken[i] = reason
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and _ROLE_CORE.search(nxt.text) and nxt.n_words <= 5:
        org = _ROLE.sub("", nxt.text).strip(" ,")
        if org and not meta.outlet:
            meta.outlet = org
        meta.taken[i + 1] = "byline (author's title)"


_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{2,4})?)?[.,]?\s*(?P<name>[^.©|]+?)\s*(?:[.,|]|$|all\s+rights)",
    re.I,
)


_ORGANISATION = re.compile(
    r"\b(?:media|news|press|group|times|post|daily|journal|network|publishing|company|corporation|inc|ltd|llc|limited|"
    r"magazine|gazette|tribune|herald|radio|tv|television|broadcasting|institute|university|foundation|association|"
    r"society|agency|studio|studios|digital|online|global|international|holdings|partners|services|systems|labs?|"
    r"communications|newspapers?|entertainment|productions|enterprises|industries|solutions|ventures|software|"
    r"consulting|technologies|copyright|pty|pvt|gmbh|design|designs|creative|marketing|shop|store)\b",
    re.I,
)


_LEGAL_FORM = re.compile(
    r"(?:\s*[,&]?\s*\b(?:inc|ltd|llc|plc|corp|co|company|limited|pty|pvt|gmbh|ag|sa|s\.a|srl|oy|ab|bv|nv)\b\.?)+$", re.I
)


def _clean_holder(name: str) -> str:
    """A copyright holder's name without years, legal forms, "by" and what follows a dash or bracket."""
    name = re.sub(r"\([cс]\)|©|\b(?:copyright|by)\b", " ", name, flags=re.I)
    name = re.sub(r"^[\s\d.,:;–—-]+", "", name)  # years and ranges in front ("2023-25.")
    name = re.split(r"\s[-–—|/]\s|\(|\s[-–—]|[-–—]\s", name)[0]
    name = re.sub(r"\b(?:19|20)\d{2}\b", " ", name)
    name = re.sub(r"\s+", " ", name).strip(" ,.-–&")
    name = _LEGAL_FORM.sub("", name).strip(" ,.-&")
    return name if re.search(r"[^\W\d_]{2}", name) else ""


def _read_outlet(lines: list[Line], meta: TextMeta) -> None:
    """The outlet from the footer's copyright line, else a masthead domain line."""
    for line in reversed(lines):
        if not line.copyright:
            continue
        m = _COPYRIGHT_NAME.search(line.text)
        if m:
            name = _clean_holder(m.group("name"))
            if name and 1 <= len(name.split()) <= 6 and not re.search(r"\ball rights\b", name, re.I):
                meta.outlet = meta.outlet or name
                person = (
                    _name_like(name) and len(name.split()) in (2, 3)
                    and not _ORGANISATION.search(name) and not _common_words(name, lines)
                )
                if not meta.authors and person:
                    meta.authors = (name,)  # a personal site: the copyright holder wrote it
                return
    edges = list(range(min(5, len(lines)))) + list(range(max(5, len(lines) - 5), len(lines)))
    for i in edges:
        m = _DOMAIN.match(lines[i].text)
        if not m:
            continue
        slug = m.group("path") and re.search(r"/[\w%.-]*[-_][\w%.-]*", m.group("path"))
        if slug and lines[i].text.lower().startswith("http"):
            # A printed page states its own address in its header or footer.
            meta.url = meta.url or lines[i].text.strip()
            meta.taken.setdefault(i, "address of the page")
        elif not m.group("path") and not meta.outlet:
            meta.outlet = m.group("host").lower()


def _read_tags(lines: list[Line], span: tuple[int, int], article_words: set[str], meta: TextMeta) -> None:
    """Tags from a "Tags:" line (splitting glued ones) or '#Tag' lines after the article."""
    _, end = span
    vocabulary: set[str] = set()
    tags: list[str] = []
    for i in range(max(0, end - 3), min(len(lines), end + 25)):
        line = lines[i]
        m = _TAGS.match(line.text)
        if m and m.group("rest").strip() and line.n_words <= 20:
            rest = m.group("rest")
            parts = re.split(r"\s*[,;|•·]\s*|\s{2,}", rest) if re.search(r"[,;|•·]|\s{2,}", rest) else [rest]
            if len(parts) == 1 and " " not in rest.strip():
                vocabulary = vocabulary or {w.lower() for line in lines for w in line.words if len(w) >= 4}
                parts = _split_glued_words(rest.strip(), vocabulary)
            tags += [p.strip() for p in parts if p.strip()]
            meta.taken[i] = "tags"
        elif _HASHTAG_LINE.match(line.text) and not line.prose:
            tags.append(line.text.lstrip("#").strip())
            meta.taken[i] = "tag"
    meta.tags = tuple(dict.fromkeys(tags))


def _split_glued_words(text: str, vocabulary: set[str]) -> list[str]:
    """Split tags the browser glued together ("GeopoliticssecurityUkraine").

    First at lower→upper case changes, then by peeling off words that the
    page itself uses, so no dictionary outside the document is needed.
    """
    pieces = re.split(r"(?<=[a-z])(?=[A-Z])", text)
    out: list[str] = []
    for piece in pieces:
        out += _peel(piece, vocabulary)
    return out


def _peel(piece: str, vocabulary: set[str]) -> list[str]:
    lower = piece.lower()
    if len(piece) < 8 or lower in vocabulary:
        return [piece]
    for cut in range(4, len(piece) - 3):
        head, tail = lower[:cut], lower[cut:]
        if tail in vocabulary and len(tail) >= 4:
            return _peel(piece[:cut], vocabulary) + [piece[cut:]]
        if head in vocabulary and len(head) >= 4 and len(tail) >= 4 and tail in vocabulary:
            return [piece[:cut], piece[cut:]]
    return [piece]


def _read_section(lines: list[Line], title_index: int | None, meta: TextMeta) -> None:
    """The section from a breadcrumb ("Home > World > Europe > Headline"), else the kicker above the headline."""
    if title_index is None:
        return
    for i in range(max(0, title_index - 6), title_index):
        parts = [p.strip() for p in re.split(r"\s[>»›/]\s|\s?[>»›]\s?", lines[i].text) if p.strip()]
        if len(parts) >= 3:
            if meta.title and normalise(parts[-1]) == normalise(meta.title):
                parts = parts[:-1]
            meta.section = parts[-1]
            meta.taken.setdefault(i, "breadcrumb")
            return
    above = lines[title_index - 1] if title_index > 0 else None
    if above is None or above.bullet or above.boilerplate_heavy:
        return
    if 1 <= above.n_words <= 3 and not find_dates(above.text):
        meta.section = above.text.strip()
