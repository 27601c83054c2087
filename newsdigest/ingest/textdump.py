"""Browser text dumps ("select all, copy") → a clean Markdown article and its metadata.

A text dump has no markup left: the article's paragraphs sit among menu
entries, share buttons, captions, teasers and legal lines, one per line. The
cleaner works in three steps, each in its own module:

1. `text_lines` observes every line (sentence shape, function-word density,
   furniture vocabulary, repetition on the page);
2. `text_region` finds the stretch that is the article: the densest run of
   prose, ended at a comment section and, on pages, where its end drifts off
   the topic of its lead;
3. this module decides line by line inside that stretch what is article
   (paragraphs, sub-headings, lists, tables, embedded posts) and drops what is
   not (generated boxes, captions, bios, link lists); `text_structure` writes
   the Markdown, and `textmeta` reads the headline, byline, dates, outlet and
   tags around the stretch.

Every decision is recorded as a `LineDecision` so `ingest --explain` can show
an editor why a line went or stayed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo

from newsdigest.ingest.article import Article
from newsdigest.ingest.text_lines import STOP_WORDS, Line, detect_language, read_lines
from newsdigest.ingest.text_region import find_article
from newsdigest.ingest.text_structure import Block, render_blocks, restore_table, strip_promotions
from newsdigest.ingest.textmeta import find_dates, read_metadata

__all__ = ["LineDecision", "TextDump", "parse_text_dump", "preload"]


@dataclass(frozen=True)
class LineDecision:
    """Why one line of the source was kept or dropped (for `ingest --explain`).

    There is one per non-blank line; `number` is 1-based in the text as given.
    """

    number: int
    text: str
    kept: bool
    reason: str


@dataclass(frozen=True)
class TextDump(Article):
    """What the cleaner recovered from a text dump, and why each line went or stayed.

    It is an `Article` like every reader's result (unknown values stay `None`
    or empty; `title_derived` is set when no headline line exists and the title
    was made from the lead), plus the per-line decisions for `--explain`.
    """

    lines: tuple[LineDecision, ...] = ()


# A label that a generator or a template puts over a box that is not the
# article itself: summaries, sentiment scores, tables of contents.
_GENERATED_BOX = re.compile(
    r"^(?:(?:key\s+)?highlights?|sentiment(?:\s+analysis)?|key\s+(?:insights?|takeaways?|points?)(?:\s+table)?|takeaways?"
    r"|tl;?\s*dr|at\s+a\s+glance|in\s+brief|(?:table\s+of\s+)?contents|in\s+this\s+(?:article|story)|jump\s+to)\s*:?$",
    re.I,
)
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
_ARTICLE_LABEL = re.compile(r"^(?:article(?:\s+(?:text|body|content))?|full\s+(?:story|article|text)|story)\s*:?$", re.I)


def preload() -> None:
    """Load dateparser and its English data now (about 0.1 s), e.g. once per worker process.

    The cleaner only calls dateparser for datelines its own patterns cannot
    read, and imports it lazily; a worker that preloads it pays that cost once
    instead of on the first such page.
    """
    from newsdigest.ingest.textmeta import warm_up

    warm_up()


def parse_text_dump(text: str, *, timezone: tzinfo | None = None) -> TextDump:
    """Clean a text dump into an article body plus whatever metadata the text states.

    `timezone` is the site's zone, applied to stated times that carry no zone;
    a date without a time stays a date (midnight), never an invented time.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    lang, stop = detect_language(text)
    lines = read_lines(text, stop)
    span, coh = find_article(lines, stop)
    meta = read_metadata(lines, span, stop, timezone=timezone, lang=lang)
    start = max(span[0], meta.body_start)
    reasons = _decide(lines, (start, span[1]), coh, meta.taken)
    blocks = _blocks(lines, reasons)
    body = render_blocks(blocks)
    title, derived = meta.title, False
    if not title:
        title, derived = _derive_title(blocks), True
        if not title:
            derived = False
    decisions = tuple(
        LineDecision(line.number, line.raw, reasons[i][0], reasons[i][1]) for i, line in enumerate(lines)
    )
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
        lang=meta.lang or lang,
        lines=decisions,
    )


def _decide(
    lines: list[Line], span: tuple[int, int], coh: list[float | None], taken: dict[int, str]
) -> list[tuple[bool, str]]:
    """Keep or drop each line, with the reason an editor would want to read."""
    start, end = span
    out: list[tuple[bool, str]] = []
    box = _Box()
    table_until = -1
    list_open = False
    for i, line in enumerate(lines):
        if i < box.skip_until:
            out.append((False, "inside a generated box (table)"))
            continue
        if i in taken:
            out.append((False, taken[i]))
            continue
        if line.fence:
            out.append((False, "code fence marker"))
            continue
        if _GENERATED_BOX.match(line.text) and not line.bullet and line.n_words <= 5 and start - 4 <= i < end:
            box.open()  # a box opening just above the article still covers its first lines
            out.append((False, "generated box / contents heading"))
            continue
        if _ARTICLE_LABEL.match(line.text):
            box.close()
            out.append((False, "label over the article"))
            continue
        if box.active and box.holds(lines, i):
            out.append((False, "inside a generated box"))
            continue
        if start <= i < end and i >= table_until:
            # A table that starts inside the article may run past the span's
            # end: its short rows do not look like prose.
            _, used = restore_table([l.raw for l in lines[i : i + 40]])
            table_until = i + used
        if i < table_until:
            out.append((True, "table row"))
            continue
        if list_open and _colon_list_item(line):
            out.append((True, "list item (after a colon)"))
            continue
        list_open = False
        if not start <= i < end:
            out.append((False, "outside the article" if line.prose else _why_not_prose(line)))
            continue
        decision = _judge(lines, i, coh[i])
        out.append(decision)
        list_open = decision[0] and line.text.endswith(":") and not line.bullet
    _keep_structured_rows(lines, out, start, min(len(lines), end + 4))
    return out


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


class _Box:
    """A generated box (highlights, sentiment, key insights, contents) and what it still covers.

    A box holds one paragraph, or one list, or one table, plus short labels
    and scores; the next heading, numbered section or second paragraph is
    the article again.
    """

    def __init__(self) -> None:
        self.active = False
        self.paragraphs = 0
        self.skip_until = -1

    def open(self) -> None:
        self.active, self.paragraphs = True, 0

    def close(self) -> None:
        self.active = False

    def holds(self, lines: list[Line], i: int) -> bool:
        line = lines[i]
        _, used = restore_table([l.raw for l in lines[i : i + 40]])
        if used:
            self.skip_until = i + used
            return True
        if _heading_like(lines, i) or re.match(r"^\d{1,2}[.)]\s", line.raw.strip()):
            self.close()
            return False
        if line.bullet or line.n_words < 5:
            self.paragraphs += line.bullet
            return True
        if self.paragraphs == 0:
            self.paragraphs = 1
            return True
        self.close()
        return False


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
    if re.match(r"^by\b", line.text, re.I) and line.n_words <= 15 and not line.sentence:
        return False, "byline"
    if not line.sentence and line.n_words <= 10 and not line.text.startswith(("—", "–", "-")) and (
        find_dates(line.text) or re.search(r"\b\d{1,2}:\d{2}\b", line.text)
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
        and not re.search(r"[.!?]\s|https?:|@\w", other.text)
    )


def _heading_like(lines: list[Line], i: int) -> bool:
    """A short title-shaped line that introduces prose: a sub-heading."""
    line = lines[i]
    if not 1 <= line.n_words <= 14 or line.text.endswith((".", ",", ";")) or line.bullet:
        return False
    if line.boilerplate_heavy or line.credit or _DATELINE.search(line.text) or "@" in line.text:
        return False
    if re.match(r"^by\b", line.text, re.I) or _AUTHOR_BIO.match(lines[i + 1].text if i + 1 < len(lines) else ""):
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


def _blocks(lines: list[Line], reasons: list[tuple[bool, str]]) -> list[Block]:
    """Group kept lines into Markdown blocks: paragraphs, headings, lists, tables."""
    blocks: list[Block] = []
    kept = [(line, reason) for line, (keep, reason) in zip(lines, reasons) if keep]
    i = 0
    while i < len(kept):
        line, reason = kept[i]
        if reason == "table row":
            rows = []
            while i < len(kept) and kept[i][1] == "table row":
                rows.append(kept[i][0].raw)
                i += 1
            table, used = restore_table(rows)
            blocks.append(Block("table", table) if table and used == len(rows) else Block("paragraph", "\n".join(rows)))
            continue
        if reason == "sub-heading":
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


_CLAUSE_BREAK = frozenset({"as", "after", "while", "because", "—", "–", "amid", "but", "which", "who", "when"})
"""Words where a lead sentence's main clause usually ends."""


def _derive_title(blocks: list[Block]) -> str | None:
    """A short, honest headline from the lead's first clause, for pages that show none.

    It only shortens what the lead says (never rephrases): the first sentence
    cut at its first clause break after six words, at most fourteen words,
    without a dangling function word at the end.
    """
    lead = next((b.text for b in blocks if b.kind == "paragraph" and len(b.text.split()) >= 8), None)
    if not lead:
        return None
    sentences = re.split(r"(?<=[.!?])\s+", lead)
    sentence = sentences[0]
    for more in sentences[1:]:
        if len(sentence.split()) >= 6:
            break
        sentence += " " + more  # "Am 12. September …": a number's full stop is not a sentence's end
    sentence = sentence.rstrip(".!?")
    words = sentence.split()
    cut = len(words)
    for index, word in enumerate(words):
        if index >= 6 and word.endswith((",", ";", ":")):
            cut = index + 1
            break
        if index >= 6 and word.lower() in _CLAUSE_BREAK:
            cut = index
            break
    words = words[: min(cut, 14)]
    while words and words[-1].lower().strip(",;:") in STOP_WORDS["en"]:
        words.pop()
    title = " ".join(words).rstrip(",;:")
    return title or None
