"""Where the article is: the densest stretch of coherent prose in a text dump.

Each line gets a score: running prose counts for itself (by its length),
furniture counts against (menus, prompts, legal lines, credits). The article
is the contiguous stretch with the highest total, the classic maximum-subarray
view of body-text extraction. A comment section ends it; unpunctuated text
right at its edges joins it. On a page (not a clean text), a second pass
weighs each prose line of the article's last part by how much it shares the
vocabulary of its lead, so that teasers for other stories, which are
sentences too, stop counting as article once they stop being about it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsdigest.ingest.text_lines import Line, content_words

__all__ = ["line_score", "best_span", "coherence", "find_article", "off_topic_tail"]

MIN_COHERENT = 0.2
"""Share of a line's content words found elsewhere in the article for it to count as on topic."""
TEASER_WORDS = 25
"""A teaser is one short sentence; a tail holding any longer paragraph is still the article."""
NEAR = 60
"""Lines this far outside the article's span are not judged by topic at all."""
LEAD_SHARE = 0.7
"""The share of the article's words, from its start, whose vocabulary defines its topic."""
MIN_PROSE_FOR_TOPIC = 8
"""Below this many prose lines the article's vocabulary is too thin to judge coherence."""


def line_score(line: Line) -> float:
    """How much one line argues for being inside the article (+) or outside (−)."""
    if line.boilerplate_heavy:
        return -(8.0 + min(line.n_words, 30))
    if line.prose:
        if line.credit:
            return -2.0
        if line.repeats > 1:
            return -2.0
        return float(min(line.n_words, 80))
    if line.repeats > 1:
        return -4.0
    if line.credit:
        return -2.0
    if line.n_words <= 2:
        return -3.0
    if line.sentence and line.n_words >= 3 and line.stop_ratio >= 0.2:
        return 0.5 * line.n_words  # a short sentence ("No one was hurt.") is text, if little of it
    if line.n_words >= 6 and line.stop_ratio >= 0.2:
        return 0.0  # a texty line: a quote, a list item, a caption; let the neighbours decide
    return -2.0


def best_span(scores: Sequence[float]) -> tuple[int, int]:
    """The `[start, end)` span with the largest sum (Kadane); `(0, 0)` when nothing is positive."""
    best, best_span_ = 0.0, (0, 0)
    running, start = 0.0, 0
    for index, score in enumerate(scores):
        if running <= 0:
            running, start = 0.0, index
        running += score
        if running > best:
            best, best_span_ = running, (start, index + 1)
    return best_span_


def coherence(lines: Sequence[Line], span: tuple[int, int], stop: frozenset[str]) -> list[float | None]:
    """For each line, the share of its content words used by *other* prose lines of the article's lead.

    The article's topic is what the first part of the span is about
    (`LEAD_SHARE` of its words): teasers and comments pile up at the end of
    a page, never at the start of an article. `None` where a line has too
    few content words to judge.
    """
    start, end = span
    # Only lines near the article are ever judged by topic.
    lo, hi = max(0, start - NEAR), min(len(lines), end + NEAR)
    bags: list[set[str]] = [
        content_words(line.words, stop) if lo <= index < hi and line.n_words >= 4 else set()
        for index, line in enumerate(lines)
    ]
    vocabulary: Counter[str] = Counter()
    prose = [index for index in range(start, end) if lines[index].prose]
    total = sum(lines[index].n_words for index in prose)
    counted: set[int] = set()
    seen = 0
    for index in prose:
        if seen > LEAD_SHARE * total:
            break
        vocabulary.update(bags[index])
        counted.add(index)
        seen += lines[index].n_words
    result: list[float | None] = []
    for index, bag in enumerate(bags):
        if len(bag) < 4:
            result.append(None)
            continue
        own = 1 if index in counted else 0
        shared = sum(1 for word in bag if vocabulary[word] - own > 0)
        result.append(shared / len(bag))
    return result


# Lines after which a page is no longer the article: the comment section or an
# "about the author" box. ("Related" rails are not among them: pages put
# those in the middle of articles too.)
_END_MARKER = re.compile(
    r"""^(?:\d+\s+)?(?:comments?|responses?|replies|discussion)(?:\s*\(\d+\))?\s*:?$
    |^(?:leave|post|add|write|submit)\s+a\s+(?:reply|comment|response)\b
    |^(?:join|start)\s+the\s+(?:conversation|discussion)\b
    |\b\d+\s+comments?\b
    |\b(?:19|20)\d{2}\b.{0,30}\b(?:said|says|wrote)\s*:$
    |^about\s+the\s+author\b
    |^(?:sources|references|bibliography|works\s+cited)\s*:?$""",
    re.I | re.X,
)


def _cut_at_end_marker(lines: Sequence[Line], span: tuple[int, int]) -> tuple[int, int]:
    """End the span at the first comment-section or author-box marker that follows some prose."""
    start, end = span
    words = 0
    for i in range(start, end):
        line = lines[i]
        if line.prose:
            words += line.n_words
        elif words >= 40 and line.n_words <= 15 and _END_MARKER.search(line.text):
            return start, i
    return span


def _texty(line: Line) -> bool:
    """Running text that merely lacks its final full stop (a lead or a last line cut short)."""
    return line.n_words >= 8 and line.stop_ratio >= 0.25 and not line.furniture and not line.bullet


def _widen(lines: Sequence[Line], span: tuple[int, int]) -> tuple[int, int]:
    """Take in text-like lines directly next to the span that missed being prose by their punctuation."""
    start, end = span
    while end < len(lines) and _texty(lines[end]):
        end += 1
    while start > 0 and _texty(lines[start - 1]):
        start -= 1
    return start, end


def find_article(lines: Sequence[Line], stop: frozenset[str]) -> tuple[tuple[int, int], list[float | None]]:
    """The article's span of `lines` (as indexes) and each line's coherence with it.

    Steps: the densest span of prose; cut at a comment section; widened over
    unpunctuated text at its edges; then, on pages that have furniture and an
    article long enough to have a topic, its end re-weighed by coherence and
    cut where it drifts into teasers.
    """
    scores = [line_score(line) for line in lines]
    span = best_span(scores)
    if span == (0, 0):
        return span, [None] * len(lines)
    span = _widen(lines, _cut_at_end_marker(lines, span))
    if sum(1 for line in lines[span[0] : span[1]] if line.prose) < MIN_PROSE_FOR_TOPIC:
        return span, [None] * len(lines)  # too little text to know what the article is about
    if not any(line.furniture for line in lines):
        # A clean text (no menus, prompts or credits anywhere) is all article,
        # however loosely its paragraphs hang together: the topic test is for
        # dumps of pages.
        return span, [None] * len(lines)
    coh = coherence(lines, span, stop)
    rescored = _reweigh_tail(lines, scores, coh, span)
    span = _widen(lines, _cut_at_end_marker(lines, best_span(rescored)))
    return _cut_drifting_tail(lines, span, coh), coh


def _reweigh_tail(
    lines: Sequence[Line], scores: list[float], coh: list[float | None], span: tuple[int, int]
) -> list[float]:
    """Scores with off-topic prose in the article's last part counted against it.

    Only the end is re-weighed: teasers and comments follow an article; what
    precedes its lead is already told apart by the first pass.
    """
    prose = [i for i in range(span[0], span[1]) if lines[i].prose]
    total = sum(lines[i].n_words for i in prose)
    seen, tail_from = 0, span[1]
    for i in prose:
        seen += lines[i].n_words
        if seen >= LEAD_SHARE * total:
            tail_from = i + 1
            break
    rescored = []
    for index, (score, share) in enumerate(zip(scores, coh)):
        if score > 0 and share is not None and index >= tail_from:
            if share < MIN_COHERENT / 2:
                score = -score / 2
            elif share < MIN_COHERENT:
                score = score * 0.5
        rescored.append(score)
    return rescored


def _cut_drifting_tail(lines: Sequence[Line], span: tuple[int, int], coh: list[float | None]) -> tuple[int, int]:
    """End the article where its last part drifts off topic for two paragraphs in a row.

    Teasers for other stories often follow the last paragraph with no menu
    between them; each one is a sentence, but two of them in a row rarely
    share the article's vocabulary. Only the final stretch is examined (after
    60% of the article's words), and only when everything from there on is
    teaser-sized, so a digression or a long closing paragraph stays.
    """
    start, end = span
    prose = [i for i in range(start, end) if lines[i].prose]
    total = sum(lines[i].n_words for i in prose)
    seen = 0
    for a, b in zip(prose, prose[1:]):
        seen += lines[a].n_words
        share_a, share_b = coh[a], coh[b]
        if seen < 0.6 * total or share_a is None or share_b is None:
            continue
        if share_a < MIN_COHERENT and share_b < MIN_COHERENT:
            tail = [i for i in prose if i >= a]
            teaser_sized = all(lines[i].n_words <= TEASER_WORDS for i in tail)
            if teaser_sized and sum(lines[i].n_words for i in tail) < 0.4 * total:
                return start, a
    return span


def off_topic_tail(lines: Sequence[Line], span: tuple[int, int], coh: Sequence[float | None]) -> range:
    """The teasers right after the article: two or more teaser-sized paragraphs in a row off its topic.

    What `_cut_drifting_tail` cuts off, seen from the other side: where the
    article is followed directly by sentences that do not share its
    vocabulary, each short enough to be a teaser, they are links to other
    stories, however much they look like its paragraphs. Empty where the
    article's topic was not judged.
    """
    end = j = span[1]
    while j < len(lines) and lines[j].prose and lines[j].n_words <= TEASER_WORDS:
        share = coh[j]
        if share is None or share >= MIN_COHERENT:
            break
        j += 1
    return range(end, j) if j - end >= 2 else range(end, end)
