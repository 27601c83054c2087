"""Browser text dumps ("select all, copy") → a clean Markdown article and its metadata.

A text dump has no markup left: the article's paragraphs sit among menu
entries, share buttons, captions, teasers and legal lines, one per line. The
cleaner works in three steps, each in its own module:

1. `text_lines` observes every line (sentence shape, function-word density,
   furniture vocabulary, repetition on the page);
2. `text_region` finds the stretch that is the article: the densest run of
   prose, ended at a comment section and, on pages, where its end drifts off
   the topic of its lead;
3. this module's rules decide line by line inside that stretch what is
   article (paragraphs, sub-headings, lists, tables, embedded posts) and what
   is not (generated boxes, captions, bios, link lists), and `textmeta` reads
   the headline, byline, dates, outlet and tags around the stretch;
4. `line_model`, fitted on development pages, weighs every line's
   observations and the rules' verdict and has the last word on whether the
   line belongs (structure and metadata lines stay with the rules);
   `text_structure` writes the Markdown.

Every decision is recorded as a `LineDecision` so `ingest --explain` can show
an editor why a line went or stayed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo

import numpy as np

from newsdigest.ingest.article import Article, headline_from_sentence
from newsdigest.ingest.decode import INVISIBLE
from newsdigest.ingest.line_model import LineModel, line_features, load_model
from newsdigest.ingest.text_lines import Line, content_words, detect_language, read_lines
from newsdigest.ingest.text_region import coherence, find_article, off_topic_tail
from newsdigest.ingest.text_structure import Block, render_blocks, restore_table, strip_promotions
from newsdigest.ingest.textmeta import TextMeta, find_dates, read_metadata

__all__ = ["Analysis", "Dump", "LineDecision", "TextDump", "Weighed", "Why", "analyse", "finish", "line_readings", "parse_text_dump", "read_dump", "weigh_lines"]


@dataclass(frozen=True, eq=False)
class Weighed:
    """The line model's verdict on one line, kept as numbers and worded only when `--explain` shows it.

    Ingest reads only what the line is (`label`, which opens the wording);
    naming the observations that decided it sorts every observation of the
    line, which is most of the cost of deciding when nobody asks why. It holds
    arrays, so two verdicts are equal only when they are the same object:
    compare `label` or the wording (`str`) instead.
    """

    model: LineModel
    probability: float
    contributions: np.ndarray
    values: np.ndarray
    alone: bool
    """What the model would decide of the line by itself (it may go with its neighbours: `LineModel.smooth`)."""
    kept: bool
    rule: str
    """The rules' reason for the line."""
    rule_keep: bool
    kind: str
    """What the line is when the model keeps a line the rules dropped (`_kind`)."""

    @property
    def label(self) -> str:
        """What the line is, as the Markdown writer reads it: the first words of `str(self)`."""
        if self.kept == self.rule_keep:
            return self.rule
        return self.kind if self.kept else "not the article"

    def __str__(self) -> str:
        why = "; ".join(self.model.reasons(self.contributions, self.values, self.alone))
        if self.kept != self.alone:
            why = ("kept with the article around it" if self.kept else "dropped with the lines around it") + (
                f"; alone it would not be ({why})" if why else ""
            )
        p = self.probability
        if self.kept == self.rule_keep:
            return f"{self.rule} (model {p:.2f}: {why})"
        return f"{self.label} (model {p:.2f}, over the rule '{self.rule}': {why})"


Why = str | Weighed
"""Why a line went or stayed: the rules' words, or the model's verdict to be worded."""


def reason_label(why: Why) -> str:
    """What a line is, by the reason it went or stayed (the start of that reason's wording)."""
    return why if isinstance(why, str) else why.label


@dataclass(frozen=True, eq=False)
class LineDecision:
    """Why one line of the source was kept or dropped (for `ingest --explain`).

    There is one per non-blank line; `number` is 1-based in the text as given.
    Decisions are equal only when they are the same object (`why` may be a
    `Weighed`, which has no value equality): compare `kept` and `reason`.
    """

    number: int
    text: str
    kept: bool
    why: Why

    @property
    def reason(self) -> str:
        """The reason in words, as `ingest --explain` shows it."""
        return str(self.why)


@dataclass(frozen=True)
class TextDump(Article):
    """What the cleaner recovered from a text dump, and why each line went or stayed.

    It is an `Article` like every reader's result (unknown values stay `None`
    or empty; `title_derived` is set when no headline line exists and the title
    was made from the lead), plus the per-line decisions for `--explain`.
    """

    lines: tuple[LineDecision, ...] = ()


# A sentence about the author rather than the news: "X is a reporter for …".
_AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s){2,4}(?:\([^)]{1,40}\)\s)?"
    r"(?:(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:reporter|writer|editor|journalist|correspondent|columnist|contributor|author|analyst|producer|freelancer?|"
    r"blogger|photographer|professor|fellow)\b"
    r"|joined\s.{1,60}\b(?:19|20)\d{2}|has\s+been\s+(?:reporting|writing|covering)\b)",
)
# A label that introduces a link to elsewhere, not the article's own text.
_LINK_LABEL = re.compile(
    r"^(?:related|also\s+(?:on|in|read)|read\s+(?:more|also|next)|see\s+also|more|watch|listen|recommended|further\s+reading|elsewhere)\b[^.]{0,30}?[:|»›]"
    r"|\[[A-Z ]{3,}\]\s*\|?$",
    re.I,
)
# The credit under an embedded social post: "— Name (@handle) November 1, 2019".
_EMBED_CREDIT = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}$")
_DATELINE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?", re.I)
_BY = re.compile(r"^by\b", re.I)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_LINK_SHAPE = re.compile(r"[.!?]\s|https?:|@\w")
_ARTICLE_LABEL = re.compile(r"^(?:article(?:\s+(?:text|body|content))?|full\s+(?:story|article|text)|story)\s*:?$", re.I)


@dataclass(frozen=True)
class Analysis:
    """Everything the cleaner observed and concluded about a dump before writing the body."""

    lang: str | None
    lines: list[Line]
    span: tuple[int, int]
    """The article's `[start, end)` line indexes, after the headline and byline."""
    coh: list[float | None]
    """Each line's share of vocabulary with the lead, where the region finder judged by topic."""
    topic: list[float | None]
    """The same share for every line near the article, on any page (the line model reads it)."""
    meta: TextMeta
    rules: list[tuple[bool, str]]
    """The rules' keep-or-drop decision per line, with its reason."""


@dataclass(frozen=True)
class Dump:
    """A dump's lines and where its article lies: what the body cleaner and the metadata readers share."""

    lang: str | None
    """The function-word guess at its language."""
    stop: frozenset[str]
    lines: list[Line]
    span: tuple[int, int]
    """The article's `[start, end)` line indexes, headline and byline included."""
    coh: list[float | None]


_UNSEEN = {**dict.fromkeys(map(ord, INVISIBLE)), ord("\u2028"): "\n", ord("\u2029"): "\n"}
"""Invisible characters are hints for a browser, not text: one left at the end of a line hides its full
stop from the sentence test. Unicode's line and paragraph separators are line breaks."""


def read_dump(text: str) -> Dump:
    """The lines of a dump, observed, and the article's stretch among them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").translate(_UNSEEN)
    lang, stop = detect_language(text)
    lines = read_lines(text, stop)
    span, coh = find_article(lines, stop)
    return Dump(lang, stop, lines, span, coh)


def analyse(text: str, *, timezone: tzinfo | None = None) -> Analysis:
    """Read the lines of a dump, find the article's stretch and its metadata, and apply the rules."""
    dump = read_dump(text)
    lang, stop, lines, span, coh = dump.lang, dump.stop, dump.lines, dump.span, dump.coh
    meta = read_metadata(lines, span, stop, timezone=timezone, lang=lang)
    start = max(span[0], meta.body_start)
    rules = _decide(lines, (start, span[1]), coh, meta.taken, stop)
    topic = coh if any(share is not None for share in coh) else coherence(lines, span, stop)
    return Analysis(lang, lines, (start, span[1]), coh, topic, meta, rules)


def parse_text_dump(text: str, *, timezone: tzinfo | None = None, model: LineModel | None = None) -> TextDump:
    """Clean a text dump into an article body plus whatever metadata the text states.

    `timezone` is the site's zone, applied to stated times that carry no zone;
    a date without a time stays a day (`model.When`), never an invented time.
    `model` replaces the shipped line model (the training script measures its
    candidates this way).
    """
    return finish(analyse(text, timezone=timezone), model or load_model())


def finish(
    found: Analysis, model: LineModel, reading: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
) -> TextDump:
    """The article that `model`'s decisions over an analysed dump give (`reading`: see `weigh_lines`)."""
    lines, meta = found.lines, found.meta
    reasons = weigh_lines(found, model, reading)
    blocks = _blocks(lines, reasons)
    body = render_blocks(blocks)
    title, derived = meta.title, False
    if not title:
        title, derived = _derive_title(blocks), True
        if not title:
            derived = False
    decisions = tuple(LineDecision(line.number, line.raw, kept, why) for line, (kept, why) in zip(lines, reasons))
    return TextDump(
        body=body,
        title=title,
        title_derived=derived,
        authors=meta.authors,
        published=meta.published,
        updated=meta.updated,
        outlet=meta.outlet,
        section=meta.section,
        tags=meta.tags,
        image=None,
        url=meta.url,
        lang=meta.lang or found.lang,
        lines=decisions,
    )


# Decisions about structure, not about belonging: the model does not revisit them.
_SETTLED = (
    "table row", "code fence marker", "generated box", "table-of-contents", "label over the article", "no text",
    "teasers after the article",
)


def weigh_lines(
    found: Analysis, model: LineModel, reading: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
) -> list[tuple[bool, Why]]:
    """The final keep-or-drop per line: the model's verdict, with the observations that decided it.

    Lines used as metadata (headline, byline, dateline) and structural
    decisions (table rows, code fences) stay as the rules made them; every
    other line is kept by the model's probability against its threshold (a
    lower one for lines the rules keep: see `LineModel.overrule`), read as
    one sequence when the fitted model has a switch cost (`LineModel.smooth`:
    a lone line's verdict then yields to its neighbours' unless it is sure).
    `reading` is `line_readings(found, model)` when the caller has it already.
    """
    lines = found.lines
    probabilities, contributions, values = reading if reading is not None else line_readings(found, model)
    judged = [
        i for i, (keep, reason) in enumerate(found.rules) if i not in found.meta.taken and not reason.startswith(_SETTLED)
    ]
    alone = [model.keeps(float(probabilities[i]), found.rules[i][0]) for i in judged]
    smoothed = dict(zip(judged, model.smooth(
        [float(probabilities[i]) for i in judged], [found.rules[i][0] for i in judged],
    )))
    verdict = dict(zip(judged, alone))
    out: list[tuple[bool, Why]] = []
    for i, (keep, reason) in enumerate(found.rules):
        if i not in smoothed:
            out.append((keep, reason))
            continue
        kept = smoothed[i]
        kind = _kind(lines, i) if kept and not keep else ""
        out.append((kept, Weighed(
            model, float(probabilities[i]), contributions[i], values[i], verdict[i], kept, reason, keep, kind,
        )))
    if not any(kept for kept, _ in out):
        _keep_what_the_rules_kept(found.rules, out)
    _headings_follow_their_text(lines, out)
    return out


def line_readings(
    found: Analysis, model: LineModel, rows: list[list[float]] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The model's reading of every line of an analysed dump: probabilities, contributions, values.

    `rows` are the lines' features (`line_features`) when the caller has them already.
    """
    if rows is None:
        rows = line_features(found.lines, found.span, found.topic, [keep for keep, _ in found.rules])
    if not rows:
        return np.zeros(0), np.zeros((0, len(model.names))), np.zeros((0, len(model.names)))
    return model.predict(rows, found.lines)


def _keep_what_the_rules_kept(rules: list[tuple[bool, str]], out: list[tuple[bool, Why]]) -> None:
    """Where the model would leave no article at all, the rules' article stands.

    The model refines an article; it was fitted on pages with one, and a
    page whose whole article is a sentence or two gives its second reading no
    article around any line to go by.
    """
    for i, (keep, reason) in enumerate(rules):
        if keep:
            out[i] = (True, f"{reason} (the rules' article: the model would keep no line of the page)")


def _headings_follow_their_text(lines: list[Line], out: list[tuple[bool, Why]]) -> None:
    """A sub-heading belongs to the article exactly when the text under it does.

    The model judges a short heading by itself, and a heading late in an
    article looks like the label of a footer box; what settles it is whether
    the paragraph it introduces was kept.
    """
    for i, (kept, reason) in enumerate(out):
        overruled = isinstance(reason, Weighed) and reason.kept != reason.rule_keep and reason.rule == "sub-heading"
        if not (reason_label(reason).startswith("sub-heading") or overruled):
            continue
        below = next((j for j in range(i + 1, len(lines)) if lines[j].text), None)
        under = below is not None and out[below][0]
        if under and not kept:
            out[i] = (True, f"sub-heading (the paragraph under it is kept; {reason})")
        elif not under and kept:
            out[i] = (False, f"a heading over nothing kept ({reason})")


def _kind(lines: list[Line], i: int) -> str:
    """What a line the rules had dropped becomes when the model keeps it."""
    line = lines[i]
    if line.bullet:
        return "list item"
    if not line.sentence and line.n_words <= 14 and i + 1 < len(lines) and lines[i + 1].prose:
        return "sub-heading"
    return "paragraph"


def _decide(
    lines: list[Line], span: tuple[int, int], coh: list[float | None], taken: dict[int, str], stop: frozenset[str]
) -> list[tuple[bool, str]]:
    """Keep or drop each line, with the reason an editor would want to read."""
    start, end = span
    out: list[tuple[bool, str]] = []
    table_until = -1
    list_open = False
    teasers = off_topic_tail(lines, span, coh)
    for i, line in enumerate(lines):
        if i in taken:
            out.append((False, taken[i]))
            continue
        if i in teasers:
            out.append((False, "teasers after the article (paragraphs off its topic, each one sentence or two)"))
            continue
        if line.fence:
            out.append((False, "code fence marker"))
            continue
        if _ARTICLE_LABEL.match(line.text):
            out.append((False, "label over the article"))
            continue
        if start <= i < end and i >= table_until:
            # A table that starts inside the article may run past the span's
            # end: its short rows do not look like prose.
            _, used = restore_table([l.raw for l in lines[i : i + 40]])
            table_until = i + used
        if i < table_until:
            out.append((True, "table row"))
            continue
        if not any(c.isalnum() for c in line.text):
            out.append((False, "no text (symbols or an icon)"))
            continue
        if list_open and _colon_list_item(line):
            out.append((True, "list item (after a colon)"))
            continue
        list_open = False
        if not start <= i < end:
            # A contents list often sits above the article's first paragraph, outside its span; its
            # entries are the article's own headings (a menu entry may name a section of the page instead).
            toc = line.bullet and line.repeats > 1 and any(
                other.key == line.key and not other.bullet for other in lines[start:end]
            )
            out.append((False, "table-of-contents entry" if toc else "outside the article" if line.prose
                        else _why_not_prose(line)))
            continue
        decision = _judge(lines, i, coh[i])
        out.append(decision)
        list_open = decision[0] and line.text.endswith(":") and not line.bullet
    _keep_structured_rows(lines, out, start, min(len(lines), end + 4))
    _drop_contents_headings(lines, out)
    _drop_boxes(lines, out, (start, end), taken, stop)
    return out


def _label(line: Line) -> bool:
    """A short standalone line that names what follows: a heading or a box's label."""
    return (
        1 <= line.n_words <= 5 and not line.sentence and not line.bullet and line.repeats == 1
        and not line.text.endswith((",", ";", ":")) and not line.boilerplate_heavy and not line.credit
    )


def _drop_contents_headings(lines: list[Line], out: list[tuple[bool, str]]) -> None:
    """A label right above table-of-contents entries is the contents' heading, not the article's."""
    for i in range(len(lines) - 1):
        if _label(lines[i]) and out[i + 1][1] == "table-of-contents entry":
            out[i] = (False, "table-of-contents heading")


def _drop_boxes(
    lines: list[Line], out: list[tuple[bool, str]], span: tuple[int, int], taken: dict[int, str],
    stop: frozenset[str],
) -> None:
    """Drop the labelled boxes a generator puts around an article: summaries, scores, key-point tables.

    The stretch is cut into sections at labels, and the article starts with
    the first section that holds a good part of the prose. A page that puts its article under a label
    of its own, with nothing but shorter labelled sections between the
    headline and it, has made those sections something other than the
    article (a summary, a sentiment score, a list of points), when each holds
    one paragraph or one list and the article's label does not name its topic
    (a label that does is the article's first heading). After the article, a
    labelled table whose words are mostly the article's is a digest of it,
    not more of it. A label over the article is not a heading.
    """
    start, end = span
    lo, hi = max(0, start - 4), min(len(lines), end + 12)
    sections: list[tuple[int | None, list[int]]] = [(None, [])]
    for i in range(lo, hi):
        if i in taken or out[i][1].startswith("table-of-contents"):
            continue
        if _label(lines[i]) and i + 1 < len(lines) and not _label(lines[i + 1]):
            sections.append((i, []))
        else:
            sections[-1][1].append(i)
    weights = [sum(lines[i].n_words for i in members if lines[i].prose and out[i][0]) for _, members in sections]
    if not weights or max(weights) == 0:
        return
    # The article starts with the first section that holds a good part of the prose.
    main = next(k for k, weight in enumerate(weights) if weight >= max(weights) / 2)
    label, members = sections[main]
    article = set().union(*(
        content_words(lines[i].words, stop) for _, held in sections[main:] for i in held
        if lines[i].prose and not out[i][1].startswith("table row")
    ))
    boxes = sections[1:main]
    if (
        label is not None and boxes and not weights[0] and sum(weights[1:main]) <= sum(weights[main:]) / 2
        and not content_words(lines[label].words, stop) & article and all(_box_sized(lines, held) for _, held in boxes)
    ):
        for head, held in boxes:
            for i in [head, *held] if head is not None else held:
                out[i] = (False, "generated box above the article")
        out[label] = (False, "label over the article")
    for head, held in sections[main + 1:]:
        words = set().union(*(content_words(lines[i].words, stop) for i in held)) if held else set()
        table = bool(held) and all(out[i][1].startswith("table row") for i in held)
        if head is None or not table or not words:
            continue
        if len(words & article) / len(words) >= _RESTATES:
            for i in [head, *held]:
                out[i] = (False, "generated box below the article")


def _box_sized(lines: list[Line], held: list[int]) -> bool:
    """A box holds one paragraph or one list, and scores or labels: no run of paragraphs."""
    return sum(1 for i in held if lines[i].prose and not lines[i].bullet) <= 1


_RESTATES = 0.5
"""Share of a box's content words that are the article's for the box to count as a digest of it."""


_MONTH_START = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
_ROW_SEPARATORS = (" – ", " -- ", " — ", " - ", "@", "|", ":", ",")


def _row_shape(line: Line) -> tuple[object, ...] | None:
    """What a data row looks like (how it starts, which separators it uses), or None for prose and menus."""
    if line.prose or line.repeats > 1 or line.boilerplate_heavy or line.n_words < 3 or line.n_words > 25:
        return None
    text = line.text
    lead = "month" if _MONTH_START.match(text) else "digit" if text[:1].isdigit() else "word"
    separators = tuple(sep in text for sep in _ROW_SEPARATORS)
    if lead == "word" and not any(separators[:6]):
        return None  # plain short lines: a menu or teasers, not rows
    return (lead, separators)


def _keep_structured_rows(lines: list[Line], out: list[tuple[bool, str]], start: int, end: int) -> None:
    """Keep runs of three or more same-shaped rows (tour dates, fixtures, results) near the article.

    A menu is made of short labels that repeat across the page; a schedule
    printed under an article is made of longer rows that share one shape.
    """
    i = start
    while i < end:
        shape = _row_shape(lines[i])
        j = i
        while shape is not None and j < len(lines) and _row_shape(lines[j]) == shape:
            j += 1
        if shape is not None and j - i >= 3 and not all(out[k][0] for k in range(i, j)):
            for k in range(i, j):
                out[k] = (True, "list item (rows of one shape)")
            above = i - 1
            if above >= 0 and not out[above][0] and 1 <= lines[above].n_words <= 8 and not lines[above].sentence \
                    and lines[above].repeats == 1 and not lines[above].boilerplate_heavy:
                out[above] = (True, "sub-heading")
            i = j
        else:
            i += 1


def _judge(lines: list[Line], i: int, share: float | None) -> tuple[bool, str]:
    """The decision for one line inside the article span."""
    line = lines[i]
    on_topic = share is not None and share >= 0.35
    if line.boilerplate_heavy and not (line.prose and on_topic and not line.copyright):
        return False, "boilerplate (prompt, legal, sharing)"
    if line.credit:
        return False, "image credit or caption"
    if _is_caption(lines, i):
        return False, "caption (above a credit line)"
    if line.bullet and _is_toc_entry(lines, i):
        return False, "table-of-contents entry"
    if line.repeats > 1 and not line.bullet and line.n_words <= 14 and _listed_in_contents(lines, i):
        return True, "sub-heading"  # its twin is an entry of the table of contents
    if line.repeats > 1 and not line.prose:
        return False, "repeated on the page (menu)"
    if _LINK_LABEL.search(line.text):
        return False, "link to another article"
    if _AUTHOR_BIO.match(line.text):
        return False, "author bio"
    if _BY.match(line.text) and line.n_words <= 15 and not line.sentence:
        return False, "byline"
    if not line.sentence and line.n_words <= 10 and not line.text.startswith(("—", "–", "-")) and (
        find_dates(line.text) or _CLOCK.search(line.text)
    ):
        return False, "dateline or timestamp"
    if _EMBED_CREDIT.match(line.text):
        return True, "embedded post (its credit line)"
    if i + 1 < len(lines) and _EMBED_CREDIT.match(lines[i + 1].text) and not line.boilerplate_heavy:
        return True, "embedded post"
    if line.text.endswith(":") and line.n_words >= 3 and not line.boilerplate and not _LINK_LABEL.search(line.text):
        return True, "introduces a list"
    if line.prose:
        if share is not None and share < 0.05 and len(line.words) >= 8:
            return False, "off topic (teaser for another story)"
        if line.repeats > 1 and (line.n_words < 20 or _seen_before(lines, i)):
            return False, "repeated on the page (teaser)"
        return True, "paragraph"
    if line.bullet and line.n_words >= 2:
        return True, "list item"
    if share is not None and share < 0.1 and line.n_words >= 10:
        return False, "off topic (teaser for another story)"
    if _shouting(line):
        return False, "all-capitals link"
    if _heading_like(lines, i):
        return True, "sub-heading"
    if line.n_words >= 5 and line.stop_ratio >= 0.15:
        if _link_run(lines, i) and (_link_run(lines, i - 1) or _link_run(lines, i + 1)):
            return False, "list of links (short lines in a row)"
        return True, "short text"
    if line.sentence and line.n_words >= 3:
        return True, "short sentence"
    return False, _why_not_prose(line)


def _why_not_prose(line: Line) -> str:
    if line.boilerplate_heavy:
        return "boilerplate (prompt, legal, sharing)"
    if line.repeats > 1:
        return "repeated on the page (menu)"
    if line.credit:
        return "image credit or caption"
    return "short line, not a sentence (navigation)"


def _colon_list_item(line: Line) -> bool:
    """A short line that continues a list the previous kept line announced with a colon."""
    return (
        not line.prose and 1 <= line.n_words <= 25 and line.repeats == 1
        and not line.boilerplate_heavy and not line.credit and not _LINK_LABEL.search(line.text)
    )


def _shouting(line: Line) -> bool:
    """A run of capitals long enough to be a link's label rather than a heading or an acronym."""
    letters = [c for c in line.text if c.isalpha()]
    return line.n_words >= 4 and len(letters) >= 15 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _link_run(lines: list[Line], j: int) -> bool:
    """Whether line `j` is another short non-sentence line: together they make a list of links."""
    if not 0 <= j < len(lines):
        return False
    other = lines[j]
    return (
        not other.prose and not other.sentence and not other.bullet and 4 <= other.n_words <= 16
        and not _LINK_SHAPE.search(other.text)
    )


def _heading_like(lines: list[Line], i: int) -> bool:
    """A short title-shaped line that introduces prose: a sub-heading."""
    line = lines[i]
    if not 1 <= line.n_words <= 14 or line.text.endswith((".", ",", ";")) or line.bullet:
        return False
    if line.boilerplate_heavy or line.credit or _DATELINE.search(line.text) or "@" in line.text:
        return False
    if _BY.match(line.text) or _AUTHOR_BIO.match(lines[i + 1].text if i + 1 < len(lines) else ""):
        return False  # a byline, or an author's name above a bio: not a section of the article
    following = lines[i + 1] if i + 1 < len(lines) else None
    return following is not None and following.prose and (line.blank_before or line.blank_after)


def _is_caption(lines: list[Line], i: int) -> bool:
    """A line sitting right above a credit line is that image's caption."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and nxt.credit and nxt.n_words <= 6 and lines[i].n_words <= 30 and not nxt.prose


def _listed_in_contents(lines: list[Line], i: int) -> bool:
    """Whether every other line with this text is a list item: a contents entry pointing here."""
    key = lines[i].key
    return all(o.bullet for j, o in enumerate(lines) if o.key == key and j != i)


def _seen_before(lines: list[Line], i: int) -> bool:
    key = lines[i].key
    return any(lines[j].key == key for j in range(i))


def _is_toc_entry(lines: list[Line], i: int) -> bool:
    """A list item whose text is also a heading elsewhere: a table of contents."""
    key = lines[i].key
    return lines[i].repeats > 1 and any(o.key == key and not o.bullet for o in lines if o is not lines[i])


def _blocks(lines: list[Line], reasons: list[tuple[bool, Why]]) -> list[Block]:
    """Group kept lines into Markdown blocks: paragraphs, headings, lists, tables."""
    blocks: list[Block] = []
    kept = [(line, reason_label(reason)) for line, (keep, reason) in zip(lines, reasons) if keep]
    i = 0
    while i < len(kept):
        line, reason = kept[i]
        if reason.startswith("table row"):
            rows = []
            while i < len(kept) and kept[i][1].startswith("table row"):
                rows.append(kept[i][0].raw)
                i += 1
            table, used = restore_table(rows)
            blocks.append(Block("table", table) if table and used == len(rows) else Block("paragraph", "\n".join(rows)))
            continue
        if reason.startswith("sub-heading"):
            blocks.append(Block("heading", line.text))
        elif reason.startswith("list item"):
            items = []
            while i < len(kept) and kept[i][1].startswith("list item"):
                items.append(kept[i][0].text)
                i += 1
            blocks.append(Block("list", "\n".join(items)))
            continue
        else:
            text = strip_promotions(line.text)
            if text:
                blocks.append(Block("quote" if line.text.startswith(">") else "paragraph", text))
        i += 1
    return blocks


def _derive_title(blocks: list[Block]) -> str | None:
    """A short, honest headline from the lead's first sentence, for pages that show none: the one every reader
    derives (`article.headline_from_sentence`), which only shortens what the lead says, never rephrases."""
    lead = next((b.text for b in blocks if b.kind == "paragraph" and len(b.text.split()) >= 8), None)
    if not lead:
        return None
    sentences = re.split(r"(?<=[.!?])\s+", lead)
    sentence = sentences[0]
    for more in sentences[1:]:
        if len(sentence.split()) >= 6:
            break
        sentence += " " + more  # "Am 12. September …": a number's full stop is not a sentence's end
    return headline_from_sentence(sentence)
