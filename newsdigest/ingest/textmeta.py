"""Metadata stated in a text dump: headline, byline, dates, outlet, section, tags.

A copied page keeps its metadata as ordinary lines around the article: the
headline just above the byline and dateline, a copyright line in the footer,
a "Tags:" line after the last paragraph. The article span is found beforehand
(`text_region`); the headline, byline and dates are each read by their own
module (`text_title`, `text_byline`, `text_dateline`) with weights fitted on
development pages (`meta_model`); the outlet from the footer (`text_outlet`),
the tags after the article (`text_tags`). This module only puts them together
and marks the lines they took, so the body leaves them out. Anything not stated stays
`None`: a date with no time stays a day (see `model.When`), a page
without a headline gets none here (the caller may derive one and mark it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo

from newsdigest.ingest import text_byline, text_dateline, text_title
from newsdigest.ingest.authors import employer_in_role, given_name_weight
from newsdigest.ingest.dates import calendar_name, find_dates
from newsdigest.ingest.language import identify_language
from newsdigest.ingest.meta_model import Context, Scored, best
from newsdigest.ingest.text_lines import Line, normalise
from newsdigest.ingest.text_outlet import read_outlet
from newsdigest.ingest.text_tags import read_tags
from newsdigest.model import When

__all__ = [
    "PageByline", "TextMeta", "find_dates", "page_byline", "page_context", "read_metadata", "warm_up",
]


@dataclass
class TextMeta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: When | None = None
    updated: When | None = None
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
    """Load dateparser's month names and the first names now (about 0.3 s of CPU): `preload_readers` calls
    this in the parent before it forks, so that each worker does not parse them again. The language model is
    left to the first page that needs it: only pages whose function words do not tell their language do."""
    calendar_name("")  # the first lookup reads the locales into the table
    given_name_weight("")


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
    from newsdigest.ingest.textdump import read_dump  # textdump reads its metadata through this module

    dump = read_dump(text)
    return context_for(dump.lines, dump.span, dump.stop, dump.lang, identify=identify)


@dataclass(frozen=True)
class PageByline:
    """A saved page's visible byline before a threshold is applied: the likeliest candidate and how likely it is.

    An HTML page's visible byline comes before the bylines its markup suggests, so
    only a likely one is taken; below the threshold the page's byline is a name
    signed under the article, if any. The threshold is fitted with the byline model
    (`tools/train_meta.py`, `meta_model.page_threshold`), on the saved pages' authors.
    """

    scored: Scored | None
    """The likeliest candidate and the byline model's probability for it (`None` where the page has none)."""
    ctx: Context

    @property
    def likeliest(self) -> tuple[str, ...]:
        """The likeliest candidate's names (none where the page has no candidate)."""
        return self.scored.candidate.value if self.scored else ()

    @property
    def probability(self) -> float:
        """The byline model's probability for `likeliest` (0 where the page has no candidate)."""
        return self.scored.probability if self.scored else 0.0

    def names(self, at_least: float) -> tuple[str, ...]:
        """The byline's names where the likeliest candidate is at least `at_least` likely, else the signature's."""
        taken = self.scored if self.scored and self.scored.probability >= at_least else None
        read = text_byline.taken_or_signed(self.ctx, taken)
        return read[1] if read else ()


def page_byline(text: str, headlines: Iterable[str] = ()) -> PageByline | None:
    """A page's visible byline, read as in a text dump (for HTML pages), before any threshold.

    The byline is read against the headline's line: the first line that is one
    of `headlines` (the page's own `<h1>`s), and only where the page has none
    the line the text-dump title reader would choose (the dearer way).
    """
    ctx = page_context(text, identify=False)
    if not ctx.lines:
        return None
    keys = {normalise(h) for h in headlines} - {""}
    title_index = next((i for i, line in enumerate(ctx.lines) if line.key in keys), None)
    if title_index is None:
        title = text_title.read_title(ctx)
        title_index = title[0] if title else None
    return PageByline(best(text_byline.MODEL, text_byline.candidates(ctx, title_index), 0.0), ctx)


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

    footer = read_outlet(lines)
    meta.outlet = meta.outlet or footer.outlet
    if footer.person and not meta.authors:
        meta.authors = (footer.outlet,)  # a personal site: the copyright holder wrote it
    if footer.url_index is not None:
        meta.url = footer.url
        meta.taken.setdefault(footer.url_index, "address of the page")
    meta.tags, tag_lines = read_tags(lines, span)
    meta.taken.update(tag_lines)
    if title_index is not None and meta.title:
        section = text_title.read_section(lines, title_index, meta.title)
        if section is not None:
            meta.taken.setdefault(section[0], "breadcrumb")
            meta.section = section[1]

    # Headline, byline and dateline above the lead are metadata, not body; the
    # lead is the first substantial paragraph of the span.
    window_end = min(end, start + 8)
    lead = next((i for i in range(start, window_end) if lines[i].prose and lines[i].n_words >= 20), window_end)
    head = [i for i in meta.taken if start - 1 <= i < lead]
    if head:
        # Never past a sentence above the headline: a headline found inside the article must
        # not cost the article the lines above it (a standfirst under the headline goes with it).
        above = title_index if title_index is not None else start
        kept = [i for i in range(start, above) if i not in meta.taken and lines[i].sentence]
        meta.body_start = min([max(start, max(head) + 1), *kept])
    return meta
