"""The dates of a text dump: when the article was published (and updated), from the dates its lines state.

Every date on the page is a candidate, in any language `dates.find_dates`
reads. The article's own date sits near the headline or the byline, often on
a short line of its own or after a label, and is seldom the page's "today" in
the masthead, a comment's timestamp or a teaser's date after the article. A
fitted model (`meta_model`) weighs these observations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo

from newsdigest.ingest.authors import BYLINE_PREFIX
from newsdigest.ingest.dates import (
    PUBLISHED_LABEL,
    UPDATED_LABEL,
    FoundDate,
    find_dates,
    weekdays_named,
)
from newsdigest.ingest.meta_model import Candidate, Context, best, clip
from newsdigest.ingest.text_lines import STOP_WORDS
from newsdigest.model import When, day_of

_ENGLISH = STOP_WORDS["en"]
"""Pages in every language use English templates: their function words are never a dateline's place."""

MODEL = "date"
MAX_WORDS = 60
"""Longer lines are prose; a date inside a sentence is what the article talks about."""
PROSE_HEAD = 48
"""How much of a paragraph's opening is read for a dateline glued to it (the date starts in its first half)."""


@dataclass(frozen=True)
class Dates:
    published: When | None
    updated: When | None
    lines: dict[int, str]
    """Lines read as datelines, with the reason `--explain` shows."""


def candidates(
    ctx: Context, title_index: int | None, byline_index: int | None, zone: tzinfo | None = None
) -> list[Candidate]:
    """Every date the page states outside long prose, with its features."""
    return _features(ctx, _read(ctx, zone)[0], title_index, byline_index)


def left_out(ctx: Context, zone: tzinfo | None = None) -> list[tuple[int, FoundDate]]:
    """The dates in the article's sentences below its lead that `candidates` leaves out, as (line, date).

    They are what the article reports. `ingest --explain` shows them, from the same
    reading `candidates` makes, so it names exactly the dates that were not weighed.
    """
    return _read(ctx, zone, with_left_out=True)[1]


def _read(
    ctx: Context, zone: tzinfo | None, *, with_left_out: bool = False
) -> tuple[list[tuple[int, FoundDate]], list[tuple[int, FoundDate]]]:
    """The (line, date) pairs that are candidates and, when asked, those left out below the lead.

    Ingest does not ask: below the lead only a paragraph's head is read, and the
    dates in the rest of it are looked for only to be shown.
    """
    lines, (_, end) = ctx.lines, ctx.span
    # A publication date sits in the head of a page (a dateline, the byline's line, "Posted …", a line of its
    # own, or glued to the lead) or after the article; a date in a sentence below the lead is an event reported.
    opening = ctx.lead_index
    found: list[tuple[int, FoundDate]] = []
    dropped: list[tuple[int, FoundDate]] = []
    for i, line in enumerate(lines):
        text = line.raw.strip()
        in_body = opening < i < end and line.sentence
        # Whether a label stands on the line decides only for a sentence in the body or a short line of prose.
        labelled = (in_body or (line.prose and line.n_words <= MAX_WORDS)) and (
            PUBLISHED_LABEL.search(text) or UPDATED_LABEL.search(text) or BYLINE_PREFIX.match(text))
        if in_body and not labelled:
            # Only a date opening the line counts there: a paragraph's head is all that needs reading.
            head = text[:PROSE_HEAD] if line.prose else text
            kept = [f for f in find_dates(head, zone, ctx.lang) if not _mentioned(text, f, ctx.stop)]
            found += [(i, f) for f in kept]
            if with_left_out:
                starts = {f.start for f in kept}
                dropped += [(i, f) for f in find_dates(text, zone, ctx.lang) if f.start not in starts]
        elif line.n_words <= MAX_WORDS and (labelled or not line.prose):
            # A date in a sentence of prose is what the text talks about, unless a label says otherwise.
            # The raw line: "12. März 2019" alone on a line reads as a numbered item "12." otherwise.
            found += [(i, f) for f in line_dates(text, zone, ctx.lang)]
        else:
            # Except a dateline opening the paragraph ("Berlin, 12.11.2021 – The …"), glued to it by the copy.
            found += [(i, f) for f in find_dates(text[:PROSE_HEAD], zone, ctx.lang) if f.start <= PROSE_HEAD // 2]
    return found, dropped


_SPACED = re.compile(
    r"(?<![\w.])(?P<a>[0-3]\d)\s+(?P<sep>[|/])\s+(?P<b>[0-3]\d|[^\W\d_]{3,12}\.?)\s+(?P=sep)\s+"
    r"(?P<y>(?:19|20)\d\d)(?!\d)"
)
"""A date laid out as a page's ornament, its parts set apart by spaced bars or slashes: two-digit day and month
("07 | 03 | 2021", "07 / 03 / 2021") or a month's name between ("07 / March / 2021"). Dots and bullets ("·", "•")
are not read as such separators."""
_RUN_ON = re.compile(r"\s*[|/]\s*\d++(?![:.]\d)")
"""A number after the spaced shape, set apart the same way and no time of day: a run of scores or codes."""
_WIDGET = re.compile(
    r"(?<![\w.])(?P<d>[0-3]?\d)\.?\s+(?P<wd>[^\W\d_]{2,12})\.?,?\s+(?P<mon>[^\W\d_]{3,12}\.?\s+(?:19|20)\d\d)(?!\d)"
)
"""A calendar leaf copied flat: the day, the weekday, then month and year ("12 Sunday Jan 2020")."""
_GLUED = re.compile(
    r"(?<![\w.])(?P<mon>[^\W\d_]{3,12}\.?)\s+(?P<d>[0-3]\d)(?P<y>(?:199|20\d)\d)"
    r"(?=(?P<end>\s*$)|\s*(?:[|·•,;–—-]|(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d.,])))"
)
"""A word, then a two-digit day run into the year ("Mar 072016"; `find_dates` reads it only when the word is a
month), taken only where a separator or a time of day follows, or the line ends: "May 202015 January 2021" is
"May 2020" before "15 January 2021", "June 202012 comments" is "June 2020" before a count, and a price ("19.99")
is no time of day. At the line's end, digits that open with a year of the 2020s ("June 202012") are as likely
that month and year before a number, and are not taken."""
_RUN_IN_AMBIGUOUS = range(2020, 2030)
"""The years whose "Month YYYY" glued to a number reads as a day run into a year as well."""
_YEAR = re.compile(r"(?:19|20)\d\d")
"""What `_SPACED`, `_WIDGET` and `_GLUED` each require: a line without it is read as written."""


def line_dates(text: str, zone: tzinfo | None, lang: str | None) -> tuple[FoundDate, ...]:
    """The dates of a short line, with three layouts `find_dates` does not read rewritten first.

    The one reading of a line's dates for every reader of a text dump: the
    byline's neighbours are dated by it too, so a byline over "Published on
    07 | 03 | 2021" stands over a date, not over a job title.

    A spaced date ("07 | 03 | 2021") when nothing but a label ("Published", "Published on", "Mis à jour le")
    and the date's own weekday come before it on the line, and no further number follows it the same way; it
    is rewritten with slashes ("07/03/2021"), so the page's language decides which number is the day. A flat
    calendar leaf ("12 Sunday Jan 2020") when the weekday is the date's own; it is rewritten without the
    weekday. A month with the day run into the year
    ("Mar 072016") as `_GLUED` says; it is rewritten "Mar07 2016". Each rewriting is padded to the length of
    what it replaces, so every date keeps its place in the line as written.
    """
    def spaced(match: re.Match[str]) -> str:
        weekday = _introducer(text[: match.start()])
        if weekday is None or _RUN_ON.match(text, match.end()):
            return match.group(0)
        a, b, y = match.group("a"), match.group("b"), match.group("y")
        written = f"{a}/{b}/{y}" if b.isdigit() else f"{a} {b} {y}"
        if weekday and not _on_weekday(written, weekday, lang):
            return match.group(0)
        return written.ljust(len(match.group(0)))

    def leaf(match: re.Match[str]) -> str:
        written = f"{match.group('d')} {match.group('mon')}"
        if not _on_weekday(written, match.group("wd"), lang):
            return match.group(0)
        return written.ljust(len(match.group(0)))

    def glued(match: re.Match[str]) -> str:
        if match.group("end") is not None and int((match.group("d") + match.group("y"))[:4]) in _RUN_IN_AMBIGUOUS:
            return match.group(0)
        return f"{match.group('mon')}{match.group('d')} {match.group('y')}".ljust(len(match.group(0)))

    if not _YEAR.search(text):  # each of the three layouts writes a year: without one, nothing to rewrite
        return find_dates(text, zone, lang)
    return find_dates(_GLUED.sub(glued, _WIDGET.sub(leaf, _SPACED.sub(spaced, text))), zone, lang)


def _on_weekday(written: str, weekday: str, lang: str | None) -> bool:
    """Whether the date `written` falls on a day `weekday` names: a weekday that is not the date's is no part of it."""
    read = find_dates(written, None, lang)
    return bool(read) and read[0].moment.weekday() in weekdays_named(weekday)


def _introducer(before: str) -> str | None:
    """What leaves a spaced date standing alone, from `before`, the line up to it: "" for nothing or a label
    alone ("Published", "Mis à jour", or with one preposition or article of `_LINKING` after it: "Published
    on"), then the word for the date's weekday, if any ("Published on Saturday"), and at most separators;
    `None` when anything else comes before it ("Arsenal", "Call us on", "Arsenal Published on")."""
    head = before.rstrip(_SEPARATORS)
    last = re.search(r"([^\W\d_]+)\.?$", head)
    weekday = last.group(1) if last and weekdays_named(last.group(1)) else ""
    if weekday:
        head = head[: last.start()].rstrip(_SEPARATORS)
    if not head or _date_label(head):
        return weekday
    linked = re.fullmatch(r"(.+?)\s+([^\W\d_]+)", head)
    if (linked and linked.group(2).lower() in _LINKING and not _NOUN_LABEL.fullmatch(linked.group(1))
            and _date_label(linked.group(1))):
        return weekday
    return None


def _date_label(text: str) -> bool:
    """Whether `text` is, whole, a label of a publication or an update date ("Published", "Mis à jour")."""
    return bool(PUBLISHED_LABEL.fullmatch(text) or UPDATED_LABEL.fullmatch(text))


_SEPARATORS = " \t:,|/–—-"
_LINKING = frozenset({"on", "am", "le", "el", "il", "em", "op", "pe", "den", "dne", "dnia", "в"})
"""The prepositions and articles that stand between a verb's label and its date in the languages
`PUBLISHED_LABEL` names ("Published on", "Veröffentlicht am", "Publié le", "Publicado el", "Pubblicato il",
"Publicado em", "Gepubliceerd op", "Publicat pe", "Publicerad den", "Publikováno dne", "Opublikowano dnia",
"Опубликовано в"); no other word there leaves the numbers after it a date ("Published and …")."""
_NOUN_LABEL = re.compile(r"date[d:]?|datum|fecha|data", re.IGNORECASE)
"""The labels that are the noun "date" itself: no preposition follows them before a date ("Date of …")."""


def _features(
    ctx: Context, found: list[tuple[int, FoundDate]], title_index: int | None, byline_index: int | None
) -> list[Candidate]:
    """The candidates `found`, each with the observations the model weighs."""
    if not found:
        return []
    lines, (start, end) = ctx.lines, ctx.span
    days = [day_of(f.moment) for _, f in found]
    first, last = min(days), max(days)
    anchor = title_index if title_index is not None else start
    after_anchor = [i for i, _ in found if i >= anchor]
    first_after = min(after_anchor) if after_anchor else -1
    out: list[Candidate] = []
    for order, (i, f) in enumerate(found):
        line = lines[i]
        text = line.raw.strip()
        day = day_of(f.moment)
        features = ctx.shape(i)
        features.update(
            {
                "has_time": float(f.has_time),
                "in_prose": float(line.prose or line.n_words > MAX_WORDS),
                "updated_label": float(f.updated),
                "published_label": float(bool(PUBLISHED_LABEL.search(text[: f.start]))),
                "byline_prefix": float(bool(BYLINE_PREFIX.match(text))),
                "byline_line": float(byline_index is not None and i == byline_index),
                "near_byline": float(byline_index is not None and abs(i - byline_index) <= 2),
                "share_of_line": (f.end - f.start) / max(1, len(text)),
                "from_title": clip(i - anchor, 20),
                "near_title": float(0 <= i - anchor <= 5),
                "above_title": float(i < anchor),
                "before_start": clip(start - i, 30),
                "in_article": float(start <= i < end),
                "after_end": clip(max(0, i - end + 1), 40),
                "first_after_title": float(i == first_after),
                "order": min(order, 10) / 10,
                "same_day": min(days.count(day) - 1, 4) / 4,
                "is_earliest": float(day == first),
                "is_latest": float(day == last),
                "days_before_latest": clip((last - day).days, 3650),
                "candidates": min(len(found), 20) / 20,
            }
        )
        out.append(Candidate(f, i, features))
    return out


def _mentioned(text: str, found: FoundDate, stop: frozenset[str]) -> bool:
    """Whether a date in a sentence of the article is one it mentions ("Since the June 3, 2011 stocktaking …").

    Below the article's opening, a date in a sentence is a dateline only where
    it opens its line ("01.02.2022 The …", "Berlin, 12.11.2021 – …") or is most of it.
    """
    return not (_opens(text[: found.start], stop) or found.end - found.start >= DATELINE_SHARE * len(text))


def _opens(before: str, stop: frozenset[str]) -> bool:
    """Whether a date after `before` opens its line: nothing before it, or a place name, but no sentence's words.

    "Since the June 3, 2011 …" and "… after the fire of 3 March 2009" are prose around a date; "Berlin, " is a
    dateline's place.
    """
    words = re.findall(r"[^\W\d_]+", before)
    return len(words) <= 3 and not any(w.lower() in stop or w.lower() in _ENGLISH or w[:1].islower() for w in words)


def read_dates(
    ctx: Context, title_index: int | None, byline_index: int | None, zone: tzinfo | None = None
) -> Dates:
    """The published date (the likeliest candidate) and an update stated next to it, if any."""
    found = candidates(ctx, title_index, byline_index, zone)
    scored = best(MODEL, found)
    if scored is None:
        return Dates(None, None, {})
    chosen: FoundDate = scored.candidate.value
    # A dateline opening a paragraph leaves the paragraph in the article.
    taken = {} if scored.candidate.features.get("in_prose") else {scored.candidate.index: "dateline"}
    published, updated = chosen.moment, None
    near = [c for c in found if abs(c.index - scored.candidate.index) <= 3 and c is not scored.candidate]
    if chosen.updated:
        # The page labels this date an update: the publication is the unlabelled one beside it, if any.
        earlier = [c.value for c in near if not c.value.updated and day_of(c.value.moment) <= day_of(chosen.moment)]
        if earlier:
            published, updated = earlier[0].moment, chosen.moment
    else:
        later = [c for c in near if c.value.updated and day_of(c.value.moment) >= day_of(chosen.moment)]
        if later:
            updated = later[0].value.moment
            if not later[0].features.get("in_prose"):
                taken[later[0].index] = "dateline (updated)"
    return Dates(published, updated, taken)


PROSE_HEAD_LINES = 3
DATELINE_SHARE = 0.4
"""A dateline is mostly its date: "March 8, 2013 5:47 PM", not a caption that mentions one."""


def dateline_in_prose(body: str, zone: tzinfo | None = None, lang: str | None = None) -> Dates:
    """The dates a body's own head states when no metadata does ("Posted on January 5, 2011, 3:37 PM").

    Only a dateline counts: one of the first lines, made mostly of its date or
    labelled as a publication or update. A date inside a sentence of the
    article is what the article talks about, not when it was written.
    """
    published = updated = None
    head = [line.strip() for line in body.split("\n") if line.strip()][:PROSE_HEAD_LINES]
    for line in head:
        found = find_dates(line, zone, lang)
        if not found:
            continue
        date = found[0]
        labelled = PUBLISHED_LABEL.search(line[: date.start]) or date.updated
        if not labelled and (date.end - date.start) < DATELINE_SHARE * len(line):
            continue
        if date.updated:
            updated = updated or date.moment
        elif published is None:
            published = date.moment
    return Dates(published or updated, updated if published else None, {})
