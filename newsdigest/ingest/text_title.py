"""The headline of a text dump: the line, among those above and at the top of the article, most like one.

A headline stands just above the article, is short, rarely ends with a full
stop, shares its words with the lead, and is often printed twice (page title
and heading, or the last step of a breadcrumb). Menus, kickers, tag rows and
cookie prompts share none of that. The weights of these observations are
fitted (see `meta_model`); this module only describes the candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from newsdigest.ingest.authors import BYLINE_PREFIX, clean_authors
from newsdigest.ingest.dates import find_dates
from newsdigest.ingest.meta_model import Candidate, Context, best, clip, line_shape, relative
from newsdigest.ingest.text_lines import Line, content_words, normalise, read_lines

MODEL = "title"
BELOW_START = 12
"""How far into the article a headline may stand (a span that opens on the kicker or standfirst)."""
ABOVE_START = 400
"""How far above the article a headline may stand (menus, teasers and a cookie notice between)."""
RELATIVE = ("lead_overlap", "article_overlap", "topical", "echoed", "twin_near", "capitalised_share", "date_below")
"""Features also measured against the page's best candidate (see `meta_model.relative`)."""
_CRUMB = re.compile(r"\s[>»›/|]\s|\s?[»›]\s?")


def candidates(ctx: Context) -> list[Candidate]:
    """Every line that could be the headline, with its features."""
    lines, (start, end) = ctx.lines, ctx.span
    limit = min(len(lines), max(start + BELOW_START, 1))
    # Inside the article a headline can only precede its first paragraph of prose.
    first_prose = next((i for i in range(start, end) if lines[i].prose), end)
    limit = min(limit, first_prose + 1)
    out: list[Candidate] = []
    keys_above = [line.key for line in lines[: max(0, start - ABOVE_START)]]
    crumbs = {i: _crumb_key(lines[i].text) for i in range(max(0, start - ABOVE_START - 8), limit)}
    short: dict[str, list[int]] = {}
    for j, other in enumerate(lines):
        if other.key and 1 <= other.n_words <= KICKER_WORDS:
            short.setdefault(other.key, []).append(j)
    first = max(0, start - ABOVE_START)
    substantial = [0]
    for other in lines:
        substantial.append(substantial[-1] + (other.n_words >= 3 and not other.furniture))
    around = _Around(
        {j for j in range(max(0, first - 4), min(len(lines), limit + 5)) if find_dates(lines[j].raw.strip(), None, ctx.lang)},
        {j for j in range(first, min(len(lines), limit + 5)) if BYLINE_PREFIX.match(lines[j].text)},
        first_prose,
        substantial,
        # Counted here rather than taken from `Line.repeats`, which holds 1 for every line without a word: a part
        # made only of symbols ("* * *") repeats as often as the page prints lines of symbols alone.
        Counter(other.key for other in lines),
    )
    for i in range(first, limit):
        line = lines[i]
        # The article's own sentence: prose, or any sentence once inside the article.
        lead = i >= start and (line.prose or line.sentence) and not line.text.endswith(("?", "!"))
        byline = BYLINE_PREFIX.match(line.text) and clean_authors(line.text)
        if 1 <= line.n_words <= 40 and len(line.text) <= 300 and not line.fence and not lead and not byline:
            # A line opening with a number ("1. FC Köln …") keeps it: the browser copies no list markers.
            value = line.raw.strip() if line.bullet and line.raw.strip()[:1].isdigit() else line.text.strip()
            out.append(Candidate(value, i, _features(ctx, i, line, keys_above, crumbs, around)))
            for part, rest, first in _readings(ctx, i, value, short):
                part_line = _as_line(ctx, part, around.keys)
                features = _features(ctx, i, part_line, keys_above, crumbs, around) | {
                    "part": 1.0,
                    "part_first": float(first),
                    # The rest is furniture when the page prints it elsewhere too (a site name, a section).
                    "rest_elsewhere": float(ctx.page_lower.count(rest.lower()) >= 2),
                    "rest_words": min(len(rest.split()), 8) / 8,
                }
                out.append(Candidate(part, i, features))
        keys_above.append(line.key)
    return relative(out, RELATIVE)


KICKER_WORDS = 5
"""The longest kicker, site or section name left off a headline printed with it on one line."""
KICKER_REACH = 60
"""How far from the headline that name must also stand alone for the page to show it is one."""
_SPLIT = re.compile(r"\s+(?:[|–—•·:]|-|::|//)\s+")
"""Where a line joins a headline to a site name or a section ("Headline | Site", "Headline – Site")."""


def _readings(ctx: Context, i: int, text: str, short: dict[str, list[int]]) -> list[tuple[str, str, bool]]:
    """Shorter readings of line `i` that may be the headline alone: (the part, what was left off, part is first).

    A page title joins the headline and the site ("Headline | Site",
    "Headline - Site"); a kicker or a date glued in front of the headline
    ("Kicker Headline", "Jun 17 Headline") is found as another short line of
    the page that the line starts or ends with, or as a date it starts with
    (`short`: the lines of the page of a few words, by their folded text).
    """
    out: list[tuple[str, str, bool]] = []
    pieces = [p.strip() for p in _SPLIT.split(text) if p.strip()]
    if 2 <= len(pieces) <= 4:
        for n, piece in enumerate(pieces):
            if len(piece.split()) >= 2 and len(piece) < len(text):
                out.append((piece, " ".join(pieces[:n] + pieces[n + 1 :]), n == 0))
    dates = find_dates(text, None, ctx.lang)
    if dates and dates[0].start == 0 and len(text[dates[0].end :].split()) >= 2:
        out.append((text[dates[0].end :].strip(" |:-–—,"), text[: dates[0].end], False))
    words = ctx.lines[i].key.split()
    for n in range(1, min(KICKER_WORDS, len(words) - 1) + 1):
        for other, first in ((" ".join(words[:n]), False), (" ".join(words[-n:]), True)):
            near = [j for j in short.get(other, ()) if j != i and abs(j - i) < KICKER_REACH]
            cut = (_cut_before(text, n) if first else _cut_after(text, n)) if near else ""
            if cut:
                out.append((cut, ctx.lines[near[0]].text, first))
    seen: set[str] = set()
    return [r for r in out if len(r[0].split()) >= 2 and not (normalise(r[0]) in seen or seen.add(normalise(r[0])))]


def _cut_after(text: str, words: int) -> str:
    """`text` without its first `words` words (counted as `normalise` counts them)."""
    found = list(re.finditer(r"\w+", text))
    return text[found[words].start() :].strip() if len(found) > words else ""


def _cut_before(text: str, words: int) -> str:
    """`text` without its last `words` words."""
    found = list(re.finditer(r"\w+", text))
    return text[: found[-words - 1].end()].strip(" |:-–—,") if len(found) > words else ""


def _as_line(ctx: Context, text: str, keys: Counter[str]) -> Line:
    """`text` observed as a line of its own, repeated as often as the page prints it alone (`keys`: how often
    the page prints each line)."""
    line = read_lines(text, ctx.stop)[0]
    line.repeats = max(1, keys[line.key])
    return line


def _crumb_key(text: str) -> str | None:
    """The folded text of a breadcrumb line ("Home » News » Headline"), `None` for other lines."""
    parts = [p for p in _CRUMB.split(text) if p.strip()]
    return normalise(text) if len(parts) >= 2 else None


@dataclass(frozen=True)
class _Around:
    """What stands near the candidates, found once per page: dated lines, "By …" lines, the first prose."""

    dated: set[int]
    bylines: set[int]
    first_prose: int
    substantial: list[int]
    """How many lines of three words or more that are no furniture stand above each line (and the end)."""
    keys: Counter[str]
    """How many lines of the page carry each folded text, the empty text of lines made only of symbols too."""
    topics: dict[int, set[str]] = field(default_factory=dict)
    """Content words of the lines looked at, by index: each line is a neighbour of several candidates."""

    def topic(self, ctx: Context, j: int) -> set[str]:
        if j not in self.topics:
            self.topics[j] = content_words(ctx.lines[j].words, ctx.stop)
        return self.topics[j]


def _features(
    ctx: Context, i: int, line: Line, keys_above: list[str], crumbs: dict[int, str | None], around: _Around
) -> dict[str, float]:
    lines, (start, _) = ctx.lines, ctx.span
    words = content_words(line.words, ctx.stop)
    lead = len(words & ctx.lead_words) / len(words) if words else 0.0
    article = len(words & ctx.article_words) / len(words) if words else 0.0
    crumb_ends = bool(line.key) and any((crumbs.get(j) or "").endswith(line.key) for j in range(max(0, i - 8), i))
    twin_near = any(lines[j].key == line.key for j in range(max(0, i - 6), min(len(lines), i + 7)) if j != i)
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    prev = lines[i - 1] if i > 0 else None
    features = ctx.shape(i) if line is lines[i] else line_shape(line) | {"menu_run": ctx.shape(i)["menu_run"]}
    # How often the page prints the line's text, inside other lines too.
    printed = ctx.page_lower.count(line.text.lower()) if line.n_words >= 2 else 0
    features.update(
        {
            "before_start": clip(start - i, 30),
            "after_start": clip(max(0, i - start), 12),
            "at_start": float(i == start),
            "just_above": float(0 < start - i <= 3),
            "position": i / max(1, len(lines)),
            "lead_overlap": lead,
            "article_overlap": article,
            "topic_words": min(len(words), 8) / 8,
            "topical": lead * min(len(words), 4) / 4,
            "crumb_ends_with_it": float(crumb_ends),
            "echoed": min(printed - 1, 3) / 3 if line.n_words >= 2 else 0.0,
            # Quoted inside other lines of the page ("2 comments on “Headline”", "Share “Headline”"): named as the page's.
            "quoted": float(line.n_words >= 2 and printed > line.repeats),
            "twin_near": float(twin_near),
            "seen_above": float(line.key in keys_above),
            "has_date": float(bool(find_dates(line.text, None, ctx.lang))),
            "next_has_date": float(nxt is not None and bool(find_dates(nxt.text, None, ctx.lang))),
            "next_short": float(nxt is not None and nxt.n_words <= 6),
            "next_prose": float(nxt is not None and nxt.prose),
            "crumbs": float(len(_CRUMB.findall(line.text)) >= 2),
            # A headline is followed by a longer standfirst or the lead, and may follow a one-word kicker.
            "next_longer": float(nxt is not None and nxt.n_words > line.n_words),
            "next_sentence": float(nxt is not None and nxt.sentence),
            "prev_kicker": float(prev is not None and prev.n_words <= 2 and not prev.sentence),
            "prev_sentence": float(prev is not None and prev.sentence),

            # A standfirst follows its headline and is longer; a kicker precedes it and is shorter.
            "headline_above": float(any(_headline_shaped(ctx, j, line.n_words, around) for j in range(max(0, i - 3), i))),
            "longer_below": float(any(lines[j].n_words > line.n_words and not lines[j].furniture
                                      for j in range(i + 1, min(len(lines), i + 3)))),
            "words_vs_prev": _ratio(line.n_words, prev.n_words if prev is not None else 0),
            "words_vs_next": _ratio(line.n_words, nxt.n_words if nxt is not None else 0),
            # A headline's dateline and byline follow it; a standfirst follows them.
            "date_below": float(any(j in around.dated for j in range(i + 1, i + 5))),
            "date_above": float(any(j in around.dated for j in range(i - 3, i))),
            "byline_below": float(any(j in around.bylines for j in range(i + 1, i + 5))),
            "lines_to_prose": clip(around.substantial[around.first_prose] - around.substantial[i + 1], 4)
                              if i < around.first_prose else 0.0,
            # Of a headline and the standfirst or topic line printed with it, the headline is
            # mostly the shorter; the nearest heading-like line on each side tells which this is.
            # A sub-heading inside the article has paragraphs above it; a headline has the page's furniture.
            "prose_above": sum(lines[j].prose for j in range(max(0, i - 6), i)) / 6,
            "prose_below": sum(lines[j].prose for j in range(i + 1, min(len(lines), i + 7))) / 6,
            "short": float(line.n_words < 4),
            "long": float(line.n_words > 20),
        }
        | _block(ctx, i, line, words, around)
    )
    return features


BLOCK = 3
"""How far a headline's block reaches each way: kicker, headline, standfirst, dateline."""


def _block(ctx: Context, i: int, line: Line, words: set[str], around: _Around) -> dict[str, float]:
    """Where the line stands among the heading-like lines around it.

    A headline, its kicker and its standfirst stand together; of them the
    headline is the topmost line that shares its words with the others and
    mostly the shorter one: a standfirst under it is longer and repeats its
    topic, a kicker over it is shorter but shares nothing.
    """
    lines = ctx.lines
    near = [j for j in range(i - BLOCK, i + BLOCK + 1)
            if j != i and 0 <= j < len(lines) and _heading_like(lines[j])]
    above = [j for j in near if j < i]
    below = [j for j in near if j > i]

    def shares(j: int) -> bool:
        return bool(words & around.topic(ctx, j))

    def overlap(j: int) -> float:
        """The share of the content words of the line and line `j` that both hold (0 without line `j`)."""
        theirs = around.topic(ctx, j) if 0 <= j < len(lines) else set()
        return len(words & theirs) / len(words | theirs) if words and theirs else 0.0

    return {
        "shorter_sharing_above": float(any(lines[j].n_words < line.n_words and shares(j) for j in above)),
        "longer_sharing_below": float(any(lines[j].n_words > line.n_words and shares(j) for j in below)),
        "shares_next": overlap(i + 1),
        "shares_prev": overlap(i - 1),
        "block_top": float(not above),
        # A standfirst: a whole sentence right under a shorter heading-like line.
        "standfirst": float(line.sentence and any(lines[j].n_words < line.n_words for j in above if j >= i - 2)),
        "shorter_near": sum(lines[j].n_words < line.n_words for j in near) / max(1, len(near)),
    }


def _heading_like(line: Line) -> bool:
    """A line that could stand in a headline's block: a few words, not a menu entry, not running text."""
    return 2 <= line.n_words <= 40 and not line.furniture and not line.prose


def _headline_shaped(ctx: Context, j: int, words: int, around: _Around) -> bool:
    """Line `j` could be the headline over a line of `words` words: shorter, no sentence, on the lead's topic."""
    line = ctx.lines[j]
    return (2 <= line.n_words < words and not line.sentence and not line.furniture
            and bool(around.topic(ctx, j) & ctx.lead_words))


def _ratio(words: int, other: int) -> float:
    """How much longer a line is than its neighbour, on a log scale bounded to ±1 (0 without a neighbour)."""
    return clip(math.log((1 + words) / (1 + other)), 2.0) if other else 0.0


def read_title(ctx: Context) -> tuple[int, str] | None:
    """The headline's line index and text, if a line is likely enough to be it.

    A line repeating the last step of a breadcrumb above it is only more likely
    (`crumb_ends_with_it`): a breadcrumb may end in a section's name too.
    """
    scored = best(MODEL, candidates(ctx))
    if scored is None:
        return None
    return scored.candidate.index, scored.candidate.value


def read_section(lines: list[Line], title_index: int, title: str) -> tuple[int, str] | None:
    """The section from a breadcrumb above the headline ("Home > World > Europe > Headline"), and its line."""
    for i in range(max(0, title_index - 6), title_index):
        parts = [p.strip() for p in re.split(r"\s[>»›/]\s|\s?[>»›]\s?", lines[i].text) if p.strip()]
        if len(parts) >= 3:
            if normalise(parts[-1]) == normalise(title):
                parts = parts[:-1]
            return i, parts[-1]
    return None
