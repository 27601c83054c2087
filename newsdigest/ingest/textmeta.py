"""Metadata stated in a text dump: headline, byline, dates, outlet, section, tags.

A copied page keeps its metadata as ordinary lines around the article: the
headline just above the byline and dateline, a copyright line in the footer,
a "Tags:" line after the last paragraph. The article span is found beforehand
(`text_region`); the headline, byline and dates are each read by their own
module (`text_title`, `text_byline`, `text_dateline`) with weights fitted on
development pages (`meta_model`); outlet, section and tags, read here, follow
from the footer and the lines around the headline. Anything not stated stays
`None`: a date with no time stays a date (see `model.is_day_only`), a page
without a headline gets none here (the caller may derive one and mark it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from newsdigest.ingest import text_byline, text_dateline, text_title
from newsdigest.ingest.authors import clean_authors, employer_in_role
from newsdigest.ingest.dates import _month_table, find_dates
from newsdigest.ingest.language import identify_language, warm_up as warm_up_language
from newsdigest.ingest.meta_model import Context, ranked, threshold
from newsdigest.ingest.text_lines import Line, detect_language, normalise, read_lines
from newsdigest.ingest.text_region import find_article

__all__ = ["TextMeta", "read_metadata", "find_dates", "page_context", "byline_of_page", "explain_choices", "warm_up"]


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
    lang: str | None = None
    """The article's language, identified from its text."""
    body_start: int = 0
    """Index of the first line that may be article body (after headline, byline, dateline)."""
    taken: dict[int, str] = field(default_factory=dict)
    """Lines used as metadata, by index, with the reason shown by `--explain`."""


def warm_up() -> None:
    """Load dateparser's month names and the language model now, e.g. once per worker process."""
    _month_table()
    warm_up_language()


def context_for(
    lines: list[Line], span: tuple[int, int], stop: frozenset[str], lang: str | None, *, identify: bool = True
) -> Context:
    """The page as the field readers see it, in language `lang` (the function-word guess) if known.

    Where function words could not tell, the language identifier reads the
    article's lines; it costs a second to load, so pages that need it pay.
    """
    if lang is None and identify:
        start, end = span
        sample = "\n".join(line.text for line in lines[start:end] if line.n_words >= 5)
        lang = identify_language(sample or "\n".join(line.text for line in lines[:80]))
    return Context.build(lines, span, stop, lang)


def page_context(text: str, *, identify: bool = True) -> Context:
    """The context of a whole text dump, read as `textdump.parse_text_dump` reads it.

    `identify=False` skips the language identifier where function words cannot
    tell: a byline does not depend on the language, and the identifier costs a
    second to load.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    lang, stop = detect_language(text)
    lines = read_lines(text, stop)
    span, _ = find_article(lines, stop)
    return context_for(lines, span, stop, lang, identify=identify)


def byline_of_page(text: str) -> tuple[str, ...]:
    """The authors a page's visible text names in its byline, read as in a text dump (for HTML pages)."""
    ctx = page_context(text, identify=False)
    if not ctx.lines:
        return ()
    title = text_title.read_title(ctx)
    byline = text_byline.read_byline(ctx, title[0] if title else None)
    return byline[1] if byline else ()


def explain_choices(text: str, *, timezone: tzinfo | None = None, shown: int = 3) -> list[str]:
    """Why the headline, byline and date of a text dump are what they are: each field's likeliest candidates.

    One line per candidate, with the fitted model's probability and the line it
    stands on, so an editor sees what came second and how close it was.
    """
    ctx = page_context(text)
    out: list[str] = []
    title = text_title.read_title(ctx)
    title_index = title[0] if title else None
    byline = text_byline.read_byline(ctx, title_index)
    fields = (
        ("headline", text_title.MODEL, text_title.candidates(ctx)),
        ("byline", text_byline.MODEL, text_byline.candidates(ctx, title_index)),
        ("date", text_dateline.MODEL, text_dateline.candidates(ctx, title_index, byline[0] if byline else None, timezone)),
    )
    for label, model, found in fields:
        scored = ranked(model, found)
        out.append(f"{label}: {len(found)} candidates; the likeliest is taken if at least {threshold(model):.0%} likely"
                   + ("" if scored else "; none on this page"))
        for item in scored[:shown]:
            value = item.candidate.value
            shown_value = (value.moment.isoformat() if hasattr(value, "moment")
                           else ", ".join(value) if isinstance(value, tuple) else str(value))
            out.append(f"  {item.probability:4.0%}  line {ctx.lines[item.candidate.index].number}: {shown_value[:80]}")
    if title is not None and not any(s.candidate.index == title[0] for s in ranked(text_title.MODEL, fields[0][2])[:1]):
        out.append(f"headline taken from line {ctx.lines[title[0]].number}: it repeats the breadcrumb above it")
    dated = ranked(text_dateline.MODEL, fields[2][2])
    if dated and dated[0].candidate.value.updated:
        out.append("date: the likeliest is labelled an update; the publication is the unlabelled date beside it, if any")
    named = ranked(text_byline.MODEL, fields[1][2])
    if byline is not None and (not named or named[0].probability < threshold(text_byline.MODEL)):
        out.append(f"byline taken from line {ctx.lines[byline[0]].number}: a name signed under the article")
    return out


def read_metadata(
    lines: list[Line], span: tuple[int, int], stop: frozenset[str], *, timezone: tzinfo | None = None,
    lang: str | None = None,
) -> TextMeta:
    """Read the metadata around the article `span` of `lines` (`lang`: the function-word guess at its language)."""
    meta = TextMeta(body_start=span[0])
    if not lines:
        return meta
    ctx = context_for(lines, span, stop, lang)
    meta.lang = ctx.lang
    start, end = span

    title = text_title.read_title(ctx)
    title_index = None
    if title is not None:
        title_index, meta.title = title
        meta.taken[title_index] = "headline"
        # The same headline printed twice (page title and heading) is still the headline.
        for j in range(max(0, title_index - 3), min(len(lines), title_index + 4)):
            if j != title_index and lines[j].key == lines[title_index].key:
                meta.taken[j] = "headline (repeated)"
    byline = text_byline.read_byline(ctx, title_index)
    byline_index = None
    if byline is not None:
        byline_index, meta.authors = byline
        meta.taken.setdefault(byline_index, "byline")
        below = lines[byline_index + 1] if byline_index + 1 < len(lines) else None
        employer = employer_in_role(below.text) if below is not None else None
        if employer:
            meta.outlet = employer
            meta.taken[byline_index + 1] = "byline (author's title)"
    dates = text_dateline.read_dates(ctx, title_index, byline_index, timezone)
    meta.published, meta.updated = dates.published, dates.updated
    for i, why in dates.lines.items():
        meta.taken.setdefault(i, why)

    _read_outlet(lines, meta)
    _read_tags(lines, span, meta)
    _read_section(lines, title_index, meta)

    # Headline, byline and dateline above the lead are metadata, not body; the
    # lead is the first substantial paragraph of the span.
    window_end = min(end, start + 8)
    lead = next((i for i in range(start, window_end) if lines[i].prose and lines[i].n_words >= 20), window_end)
    head = [i for i in meta.taken if start - 1 <= i < lead]
    if head:
        meta.body_start = max(start, max(head) + 1)
    return meta


def _common_words(name: str, lines: list[Line]) -> bool:
    """Whether the words after the first of `name` are also used in lower case on the page.

    People's names are capitalised wherever they appear; a capitalised label
    made of ordinary words shows those words in lower case somewhere else.
    """
    tokens = {t.lower() for t in name.split()[1:] if len(t) > 2}
    if not tokens:
        return False
    lower = {w for line in lines for w in line.words if w[:1].islower()}
    return tokens <= lower


_TAGS = re.compile(r"^(?:tagged|tags?|topics?|filed\s+under|categories|keywords|schlagwörter|étiquettes|etiquetas)\s*:?\s*(?P<rest>.*)$", re.I)
_HASHTAG_LINE = re.compile(r"^#(?!#)\s?[^\s#].{0,60}$")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?P<path>/\S*)?$", re.I)


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
                    clean_authors(name) == (name,) and len(name.split()) in (2, 3)
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


def _read_tags(lines: list[Line], span: tuple[int, int], meta: TextMeta) -> None:
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
