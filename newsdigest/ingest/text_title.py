"""The headline of a text dump: the line, among those above and at the top of the article, most like one.

A headline stands just above the article, is short, rarely ends with a full
stop, shares its words with the lead, and is often printed twice (page title
and heading, or the last step of a breadcrumb). Menus, kickers, tag rows and
cookie prompts share none of that. The weights of these observations are
fitted (see `meta_model`); this module only describes the candidates.
"""

from __future__ import annotations

import re

from newsdigest.ingest.authors import clean_authors
from newsdigest.ingest.dates import find_dates
from newsdigest.ingest.meta_model import Candidate, Context, best, clip, relative
from newsdigest.ingest.text_byline import PREFIX
from newsdigest.ingest.text_lines import Line, content_words, normalise

MODEL = "title"
BELOW_START = 12
"""How far into the article a headline may stand (a span that opens on the kicker or standfirst)."""
ABOVE_START = 400
"""How far above the article a headline may stand (menus, teasers and a cookie notice between)."""
RELATIVE = ("lead_overlap", "article_overlap", "topical", "echoed", "twin_near", "capitalised_share", "log_chars")
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
    for i in range(max(0, start - ABOVE_START), limit):
        line = lines[i]
        # The article's own sentence: prose, or any sentence once inside the article.
        lead = i >= start and (line.prose or line.sentence) and not line.text.endswith(("?", "!"))
        byline = PREFIX.match(line.text) and clean_authors(line.text)
        if 1 <= line.n_words <= 40 and len(line.text) <= 300 and not line.fence and not lead and not byline:
            # A line opening with a number ("1. FC Köln …") keeps it: the browser copies no list markers.
            value = line.raw.strip() if line.bullet and line.raw.strip()[:1].isdigit() else line.text.strip()
            out.append(Candidate(value, i, _features(ctx, i, keys_above, crumbs)))
        keys_above.append(line.key)
    return relative(out, RELATIVE)


def _crumb_key(text: str) -> str | None:
    """The folded text of a breadcrumb line ("Home » News » Headline"), `None` for other lines."""
    parts = [p for p in _CRUMB.split(text) if p.strip()]
    return normalise(text) if len(parts) >= 2 else None


def _features(ctx: Context, i: int, keys_above: list[str], crumbs: dict[int, str | None]) -> dict[str, float]:
    lines, (start, _) = ctx.lines, ctx.span
    line = lines[i]
    words = content_words(line.words, ctx.stop)
    lead = len(words & ctx.lead_words) / len(words) if words else 0.0
    article = len(words & ctx.article_words) / len(words) if words else 0.0
    crumb_ends = bool(line.key) and any((crumbs.get(j) or "").endswith(line.key) for j in range(max(0, i - 8), i))
    twin_near = any(lines[j].key == line.key for j in range(max(0, i - 6), min(len(lines), i + 7)) if j != i)
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    prev = lines[i - 1] if i > 0 else None
    features = ctx.shape(i)
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
            "echoed": min(ctx.page_lower.count(line.text.lower()) - 1, 3) / 3 if line.n_words >= 2 else 0.0,
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

            "short": float(line.n_words < 4),
            "long": float(line.n_words > 20),
        }
    )
    return features


def read_title(ctx: Context) -> tuple[int, str] | None:
    """The headline's line index and text, if a line is likely enough to be it.

    A line that repeats the last step of the breadcrumb just above it is the
    headline whatever else the page shows: the page itself names it so.
    """
    found = candidates(ctx)
    crumbed = [c for c in found if c.features["crumb_ends_with_it"] and c.features["words"] >= 2 / 40]
    if crumbed:
        return crumbed[0].index, crumbed[0].value
    scored = best(MODEL, found)
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
