"""A learned keep-or-drop decision for each line of a text dump, and its reasons.

The rules in `textdump` see one line and a few neighbours at a time; which of
their signals matter, and how much, is learned instead: boosted trees over
the observations of a line (its shape, its length against the page's own
lines, its place relative to the densest prose run, its vocabulary's overlap
with the lead and with its neighbours, the run of same-shaped lines it sits in,
furniture vocabulary in the page's language, what its neighbours look like and
what the rules concluded), fitted on development pages by `tools/train_body.py`
and shipped as `data/body_lines.json`. Trees can weigh one observation by
another (a short line means one thing inside the prose run and another in a
footer), and beat a logistic model over the same observations in
cross-validation by site. A second reading judges each line by its company:
the first's verdicts on the lines around it at several widths (the next line,
two, three and twelve lines either side, the share of nearby words that are
article), and how much of its vocabulary the lines read as article use, so a
short line between paragraphs of the article, or naming what they speak of,
is kept with them and one among link-like lines goes with those. The final
decisions can be read as one sequence (`LineModel.smooth`, a cost per switch
between kept and dropped) if cross-validation by site prefers it; the shipped
fit found no cost that helps, so today each line stands on its own. Every
decision stays explainable: the score a line gains or loses at each split is
credited to the split's feature, so `ingest --explain` can name the
observations that decided it."""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from newsdigest.ingest.text_lines import Line
from newsdigest.ingest.text_region import line_score

__all__ = ["CONTEXT", "FEATURES", "LineModel", "Trees", "context_features", "line_features", "load_model"]

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_NUMBER_DATE = re.compile(r"(?<!\d)\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d)")
_LINKISH = re.compile(r"https?:|www\.|@\w|[|»›→>]|\.{3}$|…$")
_URL = re.compile(r"https?://|www\.")
_COUNT = re.compile(r"^\(?\d+\)?$|^\d+\s+\w+$")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_QUANTITY = re.compile(r"(?<![\w.,])\d+(?:[.,/]\d+)?\s?(?:%|[^\W\d_]{1,5}\b)")

FEATURES: dict[str, str] = {
    # the line itself
    "words": "its length in words",
    "tiny": "two words or fewer",
    "short": "five words or fewer",
    "long": "forty words or more",
    "sentence": "a sentence ending",
    "prose": "running prose",
    "stop_ratio": "share of function words",
    "commas": "commas per word",
    "capitalised": "share of capitalised words",
    "upper": "share of capital letters",
    "digits": "share of digits",
    "dateish": "a date, year or clock time",
    "linkish": "link-like shape (separators, handle, ellipsis)",
    "url": "a web address",
    "count": "a bare number or count",
    "colon_end": "a colon at the end",
    "bullet": "a list item",
    "boilerplate": "page-furniture vocabulary",
    "boilerplate_heavy": "mostly page-furniture vocabulary",
    "furniture_words": "page-furniture vocabulary of another language",
    "copyright": "a copyright line",
    "credit": "an image credit",
    "repeated": "times repeated on the page",
    "line_score": "the region finder's score",
    "blank_before": "a blank line above",
    "blank_after": "a blank line below",
    "block_size": "lines in its block between blank lines",
    "starts_lower": "starts in lower case (a wrapped sentence)",
    "ends_open": "ends without punctuation",
    "letters": "share of letters",
    "quoted": "opens with a quotation mark or a dash",
    "punctuation": "share of punctuation marks",
    "quantity": "a number with a short unit (an amount, a measure)",
    "length_rank": "longer than this share of the page's lines",
    "length_to_prose": "its length against the page's typical paragraph",
    # where it is
    "in_span": "inside the densest prose run",
    "before_span": "lines before the prose run",
    "after_span": "lines after the prose run",
    "span_position": "how far into the prose run",
    "after_last_prose": "after the run's last paragraph",
    "page_position": "how far down the page",
    "kept_above": "share of the rules' article above it",
    "gap_kept_above": "lines up to the nearest line kept above",
    "gap_kept_below": "lines down to the nearest line kept below",
    "coherence": "vocabulary shared with the lead",
    "off_topic": "almost no vocabulary shared with the lead",
    # its neighbours
    "prev_prose": "prose just above",
    "next_prose": "prose just below",
    "prev_in_span": "the line above inside the prose run",
    "next_in_span": "the line below inside the prose run",
    "window_prose": "prose around it",
    "window_short": "short lines around it",
    "window_dates": "dates around it (a feed of teasers)",
    "short_run": "length of its run of short lines",
    "prev_kept": "the line above kept by the rules",
    "next_kept": "the line below kept by the rules",
    "window_kept": "lines around it kept by the rules",
    "prose_above": "lines up to the nearest prose above or the top",
    "prose_below": "lines down to the nearest prose below or the end",
    "like_prev": "vocabulary shared with the line above",
    "like_next": "vocabulary shared with the line below",
    "shape_run": "lines in a row of the same shape (a list, a menu)",
    "block_prose": "share of prose in its block between blank lines",
    # the rules' verdict
    "rule_keep": "kept by the rules",
    "in_span_prose": "prose inside the run",
    "in_span_short": "short line inside the run",
    "out_span_prose": "prose outside the run",
}


def _ratio(count: int, total: int) -> float:
    return count / total if total else 0.0


def _own(line: Line) -> dict[str, float]:
    """What one line looks like on its own."""
    text = line.text
    n = line.n_words
    letters = sum(map(str.isalpha, text))
    return {
        "words": math.log1p(n),
        "tiny": float(n <= 2),
        "short": float(n <= 5),
        "long": float(n >= 40),
        "sentence": float(line.sentence),
        "prose": float(line.prose),
        "stop_ratio": line.stop_ratio,
        "commas": min(1.0, _ratio(text.count(","), n)),
        "capitalised": _ratio(sum(w[:1].isupper() for w in line.words), n),
        "upper": _ratio(sum(map(str.isupper, text)), letters),
        "digits": _ratio(sum(map(str.isdigit, text)), len(text)),
        "dateish": float(bool(_YEAR.search(text) or _CLOCK.search(text) or _NUMBER_DATE.search(text))),
        "linkish": float(bool(_LINKISH.search(text))),
        "url": float(bool(_URL.search(text))),
        "count": float(bool(_COUNT.match(text))),
        "colon_end": float(text.endswith(":")),
        "bullet": float(line.bullet),
        "boilerplate": float(min(line.boilerplate, 3)),
        "boilerplate_heavy": float(line.boilerplate_heavy),
        "furniture_words": float(min(line.foreign_furniture, 3)),
        "copyright": float(line.copyright),
        "credit": float(line.credit),
        "repeated": math.log(line.repeats),
        "line_score": max(-1.0, min(1.0, line_score(line) / 40)),
        "blank_before": float(line.blank_before),
        "blank_after": float(line.blank_after),
        "starts_lower": float(text[:1].islower()),
        "ends_open": float(text[-1:].isalnum()),
        "letters": _ratio(letters, len(text)),
        "quoted": float(text[:1] in "\"'“”„«»‘’‚‹›—–-"),
        "punctuation": _ratio(len(_PUNCTUATION.findall(text)), len(text)),
        "quantity": float(bool(_QUANTITY.search(text))),
    }


def line_features(
    lines: Sequence[Line], span: tuple[int, int], coh: Sequence[float | None], rule_keep: Sequence[bool]
) -> list[list[float]]:
    """One feature vector per line, in the order of `FEATURES`."""
    return [[f[name] for name in FEATURES] for f in line_feature_maps(lines, span, coh, rule_keep)]


def line_feature_maps(
    lines: Sequence[Line], span: tuple[int, int], coh: Sequence[float | None], rule_keep: Sequence[bool]
) -> list[dict[str, float]]:
    """Each line's features by name: all that is computed, so a test can hold the shipped model's names to it."""
    start, end = span
    total = len(lines)
    prose = [line.prose for line in lines]
    sizes = [line.n_words for line in lines]
    prose_in_span = [i for i in range(start, end) if prose[i]]
    last_prose = prose_in_span[-1] if prose_in_span else end - 1
    own = [_own(line) for line in lines]
    short = [n <= 8 and not line.sentence for n, line in zip(sizes, lines)]
    runs = _run_lengths(short)
    # The start and the end of the text count as prose: a text that ends with its last paragraph has
    # nothing after it, like an article has no footer.
    above, below = _nearest(prose)
    blocks = _blocks(lines)
    kept_prose = [keep and is_prose for keep, is_prose in zip(rule_keep, prose)]
    kept_above, kept_below = _nearest(rule_keep)
    mass = np.cumsum([n if kept else 0 for n, kept in zip(sizes, kept_prose)]) if total else []
    whole = float(mass[-1]) if total and mass[-1] else 1.0
    ordered = sorted(sizes)
    prose_lengths = sorted(n for n, is_prose in zip(sizes, prose) if is_prose)
    typical = prose_lengths[len(prose_lengths) // 2] if prose_lengths else 20
    bags = [line.stems for line in lines]
    shapes = _run_lengths_of([_shape(line) for line in lines])
    prose_shares = {b.start: _ratio(sum(prose[k] for k in b), len(b)) for b in dict.fromkeys(blocks)}
    # Counts over the three lines either side (the line itself left out), from running totals.
    windows = {
        name: _window_counts(flags) for name, flags in (
            ("window_prose", prose), ("window_short", short), ("window_dates", [o["dateish"] > 0 for o in own]),
            ("window_kept", list(rule_keep)),
        )
    }
    rows: list[dict[str, float]] = []
    for i, line in enumerate(lines):
        f = dict(own[i])
        n = sizes[i]
        f["length_rank"] = bisect_left(ordered, n) / total
        f["length_to_prose"] = math.log((n + 1) / (typical + 1))
        f["like_prev"] = _overlap(bags[i], bags[i - 1]) if i > 0 else 0.0
        f["like_next"] = _overlap(bags[i], bags[i + 1]) if i + 1 < total else 0.0
        f["shape_run"] = math.log1p(shapes[i])
        f["block_prose"] = prose_shares[blocks[i].start]
        inside = start <= i < end
        f["in_span"] = float(inside)
        f["before_span"] = math.log1p(max(0, start - i))
        f["after_span"] = math.log1p(max(0, i - end + 1))
        f["span_position"] = (i - start) / max(1, end - start) if inside else 0.0
        f["block_size"] = math.log1p(len(blocks[i]))
        f["page_position"] = i / max(1, total - 1)
        f["kept_above"] = (float(mass[i]) - (n if kept_prose[i] else 0)) / whole
        f["gap_kept_above"] = math.log1p(i - kept_above[i])
        f["gap_kept_below"] = math.log1p(kept_below[i] - i)
        f["after_last_prose"] = float(i > last_prose)
        share = coh[i]
        f["coherence"] = share if share is not None else 0.5
        f["off_topic"] = float(share is not None and share < 0.1)
        f["prev_prose"] = float(i > 0 and prose[i - 1])
        f["next_prose"] = float(i + 1 < total and prose[i + 1])
        f["prev_in_span"] = float(start <= i - 1 < end)
        f["next_in_span"] = float(start <= i + 1 < end)
        for name, counts in windows.items():
            f[name] = counts[i]
        f["short_run"] = math.log1p(runs[i])
        f["rule_keep"] = float(rule_keep[i])
        f["prev_kept"] = float(i > 0 and rule_keep[i - 1])
        f["next_kept"] = float(i + 1 < total and rule_keep[i + 1])
        f["prose_above"] = math.log1p(i - above[i])
        f["prose_below"] = math.log1p(below[i] - i)
        f["in_span_prose"] = float(inside and prose[i])
        f["in_span_short"] = float(inside and n <= 5)
        f["out_span_prose"] = float(not inside and prose[i])
        rows.append(f)
    return rows


def _window_counts(flags: Sequence[bool], reach: int = 3) -> list[float]:
    """For each position, the share of true flags among the `reach` positions either side of it."""
    total = len(flags)
    sums = [0]
    for flag in flags:
        sums.append(sums[-1] + bool(flag))
    out = []
    for i in range(total):
        lo, hi = max(0, i - reach), min(total, i + reach + 1)
        out.append(_ratio(sums[hi] - sums[lo] - bool(flags[i]), hi - lo - 1))
    return out


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _shape(line: Line) -> tuple[object, ...]:
    """What a line looks like at a glance: a list or a menu is a run of lines of one shape."""
    first = line.text[:1]
    opening = "digit" if first.isdigit() else "upper" if first.isupper() else "lower" if first.islower() else "mark"
    size = 0 if line.n_words <= 2 else 1 if line.n_words <= 5 else 2 if line.n_words <= 12 else 3
    return (line.bullet, opening, size, line.sentence)


def _run_lengths_of(keys: Sequence[object]) -> list[int]:
    """For each position, the length of the run of equal keys it belongs to."""
    out = [1] * len(keys)
    i = 0
    while i < len(keys):
        j = i + 1
        while j < len(keys) and keys[j] == keys[i]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


def _nearest(flags: Sequence[bool]) -> tuple[list[int], list[int]]:
    """For each position, the index of the nearest true flag above (-1: none) and below (len: none)."""
    above, below = [-1] * len(flags), [len(flags)] * len(flags)
    last = -1
    for i, flag in enumerate(flags):
        above[i] = last
        if flag:
            last = i
    last = len(flags)
    for i in reversed(range(len(flags))):
        below[i] = last
        if flags[i]:
            last = i
    return above, below


def _blocks(lines: Sequence[Line]) -> list[range]:
    """For each line, the block it belongs to: the lines between two blank lines."""
    out: list[range] = []
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and not lines[j].blank_before:
            j += 1
        out.extend([range(i, j)] * (j - i))
        i = j
    return out


def _run_lengths(flags: Sequence[bool]) -> list[int]:
    """For each position, the length of the run of true flags it belongs to (0 when false)."""
    return [run if flag else 0 for run, flag in zip(_run_lengths_of(flags), flags)]


CONTEXT: dict[str, str] = {
    "own": "its own look",
    "prev": "the line above read as article",
    "next": "the line below read as article",
    "above_best": "article among the three lines above",
    "below_best": "article among the three lines below",
    "between": "article both above and below it (within three lines)",
    "around": "article around it",
    "above_near": "article in the two lines above",
    "below_near": "article in the two lines below",
    "above_wide": "article in the twelve lines above",
    "below_wide": "article in the twelve lines below",
    "words_around": "share of the words around it that are article",
    "article_above": "share of the article above it",
    "article_below": "share of the article below it",
    "gap_above": "lines up to the nearest article line above",
    "gap_below": "lines down to the nearest article line below",
    "sure_above": "lines up to the nearest sure article line above",
    "sure_below": "lines down to the nearest sure article line below",
    "article_words": "its words used by the article's other lines",
    "link_company": "link-like lines around it",
}
CARRIED = (
    "words", "prose", "sentence", "bullet", "rule_keep", "blank_before", "blank_after", "block_size", "in_span",
    "linkish", "dateish", "repeated", "coherence", "short_run", "shape_run", "capitalised",
)
"""The line's own observations the second reading weighs its context against."""
CONTEXT.update({name: FEATURES[name] for name in CARRIED})
"""What the second reading sees: the first reading of the line and of the lines around it at several
widths, how much of its vocabulary the article (as the first reading sees it) uses, and a few
observations of the line itself."""
_CARRIED_AT = [list(FEATURES).index(name) for name in CARRIED]
_LINKISH_AT = list(FEATURES).index("linkish")
_SHORT_AT = list(FEATURES).index("short")
SURE = 0.8
"""A first reading from which a line counts as surely article (for `sure_above`, `sure_below`)."""


def _window_means(q: np.ndarray, lo_offset: int, hi_offset: int) -> np.ndarray:
    """For each line, the mean of `q` over the lines at offsets `lo_offset..hi_offset` (the page's edge repeated)."""
    width = max(abs(lo_offset), abs(hi_offset))
    padded = np.pad(q, width, mode="edge")
    sums = np.concatenate([[0.0], np.cumsum(padded)])
    index = np.arange(len(q)) + width
    return (sums[index + hi_offset + 1] - sums[index + lo_offset]) / (hi_offset - lo_offset + 1)


def _article_words(q: np.ndarray, lines: Sequence[Line]) -> np.ndarray:
    """For each line, the share of its longer words that lines read as article (other than itself) use too.

    The article's vocabulary as the first reading finds it, over the whole
    page: a short line that names what the article speaks of is part of it;
    a link list, a footer or a teaser for another story uses other words.
    Lines with fewer than two such words get -1 (nothing to judge).
    """
    bags = [line.stems for line in lines]
    article = q >= 0.5
    used: Counter[str] = Counter()
    for bag, inside in zip(bags, article):
        if inside:
            used.update(bag)
    out = np.full(len(lines), -1.0)
    for i, bag in enumerate(bags):
        if len(bag) >= 2:
            own = 1 if article[i] else 0
            out[i] = sum(used[word] - own > 0 for word in bag) / len(bag)
    return out


def context_features(
    first: Sequence[float], lines: Sequence[Line], rows: Sequence[Sequence[float]]
) -> list[list[float]]:
    """One vector per line, in the order of `CONTEXT`, from every line's first-reading probability.

    See `_context_matrix`, the same as an array.
    """
    return _context_matrix(first, lines, rows).tolist()


def _context_matrix(
    first: Sequence[float], lines: Sequence[Line], rows: Sequence[Sequence[float]] | np.ndarray
) -> np.ndarray:
    """One row per line, in the order of `CONTEXT`, from every line's first-reading probability.

    A line is judged by its company, at several widths: a short line between
    two paragraphs of the article is a sub-heading or a list item of it; a
    short line inside a run of link-like lines is a menu entry; a paragraph
    far below the article's last one, after a run of dropped lines, is a teaser.
    """
    q = np.asarray(first, dtype=float)
    n = len(q)
    if not n:
        return np.zeros((0, len(CONTEXT)))
    article = q >= 0.5
    above, below = _nearest(article.tolist())
    sure_above, sure_below = _nearest((q >= SURE).tolist())
    index = np.arange(n)
    # Off the page a neighbour repeats the nearest line: where a text ends says nothing against its last line.
    padded = np.pad(q, 3, mode="edge")
    shifted = {k: padded[3 + k:3 + k + n] for k in range(-3, 4)}  # shifted[k][i] is q[i + k]
    sums = np.concatenate([[0.0], np.cumsum(q)])
    lo, hi = np.maximum(0, index - 5), np.minimum(n, index + 6)
    around = (sums[hi] - sums[lo] - q) / np.maximum(1, hi - lo - 1)
    words = np.asarray([line.n_words for line in lines], dtype=float)
    counted = np.where(article, words, 0.0)
    whole = float(counted.sum()) or 1.0
    word_sums = np.concatenate([[0.0], np.cumsum(words)])
    kept_sums = np.concatenate([[0.0], np.cumsum(counted)])
    nearby = (kept_sums[hi] - kept_sums[lo] - counted) / np.maximum(1.0, word_sums[hi] - word_sums[lo] - words)
    x = np.asarray(rows, dtype=float).reshape(n, -1)
    links = np.maximum(x[:, _LINKISH_AT], x[:, _SHORT_AT])
    link_sums = np.concatenate([[0.0], np.cumsum(links)])
    link_company = (link_sums[hi] - link_sums[lo] - links) / np.maximum(1, hi - lo - 1)
    above_best = np.maximum.reduce([shifted[-1], shifted[-2], shifted[-3]])
    below_best = np.maximum.reduce([shifted[1], shifted[2], shifted[3]])
    columns = [
        q, shifted[-1], shifted[1], above_best, below_best, np.minimum(above_best, below_best), around,
        _window_means(q, -2, -1), _window_means(q, 1, 2), _window_means(q, -12, -1), _window_means(q, 1, 12),
        nearby, (np.cumsum(counted) - counted) / whole, (whole - np.cumsum(counted)) / whole,
        np.log1p(index - np.asarray(above)), np.log1p(np.asarray(below) - index),
        np.log1p(index - np.asarray(sure_above)), np.log1p(np.asarray(sure_below) - index),
        _article_words(q, lines), link_company,
        *(x[:, k] for k in _CARRIED_AT),
    ]
    return np.column_stack(columns)


@dataclass(frozen=True)
class Trees:
    """Fitted boosted trees, flattened into one node table.

    Node `k` splits on `feature[k]` at `cut[k]` (left when the value is at
    most the cut) or, when `feature[k]` is -1, is a leaf. `value[k]` is the
    tree's output at a leaf and, at an inner node, the average output of the
    training lines that reached it: the difference between a node and the
    child a line goes to is what that split's feature contributed to the
    line's score, so each decision can be explained by its features.
    """

    names: tuple[str, ...]
    roots: np.ndarray
    feature: np.ndarray
    cut: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    baseline: float

    def predict(self, rows: Sequence[Sequence[float]]) -> tuple[np.ndarray, np.ndarray]:
        """The probability that each row is article, and each feature's contribution to its log-odds."""
        x = np.asarray(rows, dtype=float).reshape(len(rows), len(self.names))
        n = len(x)
        width = len(self.names)
        # Every (line, tree) pair walks down its tree; pairs that reach a leaf leave the walk.
        at = np.tile(self.roots, n)
        line = np.repeat(np.arange(n), len(self.roots))
        score = np.full(n, self.baseline) + self.value[self.roots].sum() if n else np.zeros(0)
        slots, gains = [], []
        while len(at):
            feature = self.feature[at]
            inner = feature >= 0
            at, line, feature = at[inner], line[inner], feature[inner]
            go_left = x[line, feature] <= self.cut[at]
            nxt = np.where(go_left, self.left[at], self.right[at])
            slots.append(line * width + feature)
            gains.append(self.value[nxt] - self.value[at])
            at = nxt
        contributions = (
            np.bincount(np.concatenate(slots), weights=np.concatenate(gains), minlength=n * width).reshape(n, width)
            if slots else np.zeros((n, width))
        )
        score = score + contributions.sum(axis=1)
        return 1.0 / (1.0 + np.exp(-np.clip(score, -30, 30))), contributions

    def to_json(self) -> dict[str, object]:
        return {
            "names": list(self.names), "roots": self.roots.tolist(), "feature": self.feature.tolist(),
            "cut": [round(float(v), 6) for v in self.cut], "left": self.left.tolist(), "right": self.right.tolist(),
            "value": [round(float(v), 5) for v in self.value], "baseline": self.baseline,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], names: Sequence[str]) -> Trees:
        if tuple(data["names"]) != tuple(names):
            raise ValueError("the line model was fitted on other features: retrain with tools/train_body.py")
        return cls(
            tuple(names), np.asarray(data["roots"], dtype=np.int64), np.asarray(data["feature"], dtype=np.int64),
            np.asarray(data["cut"], dtype=float), np.asarray(data["left"], dtype=np.int64),
            np.asarray(data["right"], dtype=np.int64), np.asarray(data["value"], dtype=float),
            float(data["baseline"]),
        )


@dataclass(frozen=True)
class LineModel:
    """Two readings of every line, and the decision thresholds.

    The first (`lines`) reads each line's own observations; the second
    (`context`) reads the first's verdict on the line and on its neighbours,
    so a line is finally judged with the lines around it. Both are fitted by
    `tools/train_body.py`, the second on first readings of pages the first did
    not see, as it meets them in use.
    """

    lines: Trees
    context: Trees
    threshold: float
    """The probability from which a line the rules dropped is kept."""
    overrule: float
    """The probability under which a line the rules kept is dropped: the rules hold what the
    development pages cannot teach (pages pasted without blank lines, short articles), so the
    model overrides a kept line only when it is sure."""
    switch: float = 0.0
    """What one change between article and not-article costs along the page, in log-odds: the
    article is one run with few gaps, so a line whose probability is near its threshold takes
    its neighbours' side (0: every line decided alone)."""

    @property
    def names(self) -> tuple[str, ...]:
        """Every observation an explanation may name: the line's own, then its context's."""
        return self.lines.names + self.context.names

    def predict(
        self, rows: Sequence[Sequence[float]], lines: Sequence[Line]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The probability that each line is article, each observation's contribution to it, and its value.

        `rows` are the `line_features` of `lines`. The
        contributions are the first reading's for the line's own observations
        and the second's for its context; the second reading's use of the
        first is left out, as the first's own contributions already explain it.
        """
        x = np.asarray(rows, dtype=float).reshape(len(rows), len(self.lines.names))
        first, own = self.lines.predict(x)
        context = _context_matrix(first, lines, x)
        probability, around = self.context.predict(context)
        around[:, 0] = 0.0
        values = np.hstack([x, context.reshape(len(rows), -1)])
        return probability, np.hstack([own, around]), values

    def reasons(self, contributions: np.ndarray, values: Sequence[float], kept: bool, count: int = 2) -> list[str]:
        """The observations that pushed hardest towards the decision taken, in words."""
        order = np.argsort(-contributions if kept else contributions)[:count]
        return [
            _describe(self.names[k], values[k]) for k in order if (contributions[k] > 0) == kept and contributions[k]
        ]

    def to_json(self) -> dict[str, object]:
        return {
            "lines": self.lines.to_json(), "context": self.context.to_json(), "threshold": self.threshold,
            "overrule": self.overrule, "switch": self.switch,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LineModel:
        if "lines" not in data or "context" not in data:
            raise ValueError("the line model was fitted on other features: retrain with tools/train_body.py")
        return cls(
            Trees.from_json(data["lines"], tuple(FEATURES)), Trees.from_json(data["context"], tuple(CONTEXT)),
            float(data["threshold"]), float(data["overrule"]), float(data.get("switch", 0.0)),
        )

    def keeps(self, probability: float, rule_keep: bool) -> bool:
        return probability >= (self.overrule if rule_keep else self.threshold)

    def smooth(self, probabilities: Sequence[float], rule_keep: Sequence[bool]) -> list[bool]:
        """The keep-or-drop of a sequence of lines, read together (Viterbi over two states).

        Each line argues by how far its log-odds lie above its own threshold;
        the decisions maximise the sum of the kept lines' arguments less
        `switch` for every change of state, so a single line is only cut out
        of a run (or kept inside a run of dropped lines) when it is sure.
        """
        if not probabilities:
            return []
        p = np.clip(np.asarray(probabilities, dtype=float), 1e-6, 1 - 1e-6)
        t = np.where(np.asarray(rule_keep, dtype=bool), self.overrule, self.threshold)
        gain = np.log(p / (1 - p)) - np.log(t / (1 - t))
        if self.switch <= 0:
            return (gain >= 0).tolist()
        n = len(gain)
        # best[s]: the best total up to this line with the line in state s (0 dropped, 1 kept).
        best = (0.0, float(gain[0]))
        back = np.zeros((n, 2), dtype=np.int8)
        for i in range(1, n):
            stay0, move0 = best[0], best[1] - self.switch
            stay1, move1 = best[1], best[0] - self.switch
            back[i] = (0 if stay0 >= move0 else 1, 1 if stay1 >= move1 else 0)
            best = (max(stay0, move0), max(stay1, move1) + float(gain[i]))
        state = 1 if best[1] >= best[0] else 0
        states = [False] * n
        for i in range(n - 1, -1, -1):
            states[i] = bool(state)
            state = int(back[i][state])
        return states

    def with_thresholds(self, threshold: float, overrule: float, switch: float | None = None) -> LineModel:
        return replace(self, threshold=threshold, overrule=overrule, switch=self.switch if switch is None else switch)


_COUNTED = frozenset({
    "words", "before_span", "after_span", "short_run", "prose_above", "prose_below", "repeated", "block_size",
    "gap_kept_above", "gap_kept_below", "gap_above", "gap_below", "sure_above", "sure_below", "shape_run",
})
"""Features stored as logarithms of a count: shown as the count."""


def _describe(name: str, value: float) -> str:
    """A feature in words; a yes-or-no one is negated when absent ("not inside the densest prose run")."""
    text = FEATURES.get(name) or CONTEXT[name]
    if name not in FEATURES and name not in _COUNTED:
        return f"{text} ({value:.2f})"
    if name in _COUNTED:
        return f"{text} ({math.expm1(value) if name != 'repeated' else math.exp(value):.0f})"
    if value in (0.0, 1.0) and name not in ("coherence", "span_position", "stop_ratio"):
        return text if value else f"not {text}"
    return f"{text} ({value:.2f})"


@lru_cache(maxsize=1)
def load_model() -> LineModel:
    """The shipped model (`data/body_lines.json` inside the package)."""
    data = resources.files("newsdigest.ingest").joinpath("data/body_lines.json").read_text(encoding="utf-8")
    return LineModel.from_json(json.loads(data))
