"""A learned keep-or-drop decision for each line of a text dump, and its reasons.

The rules in `textdump` see one line and a few neighbours at a time; which of
their signals matter, and how much, is learned instead: a logistic model over
the observations of a line (its shape, its place relative to the densest prose
run, its vocabulary's overlap with the lead, what its neighbours look like and
what the rules concluded), fitted on development pages by
`tools/train_body.py` and shipped as `data/body_lines.json`: a small set of
boosted trees, which can weigh one observation by another (a short line means
one thing inside the prose run and another in a footer). Every decision stays
explainable: the score a line gains or loses at each split is credited to the
split's feature, so `ingest --explain` can name the observations that decided it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from newsdigest.ingest.text_lines import Line
from newsdigest.ingest.text_region import line_score

__all__ = ["FEATURES", "LineModel", "line_features", "load_model"]

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_NUMBER_DATE = re.compile(r"(?<!\d)\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d)")
_LINKISH = re.compile(r"https?:|www\.|@\w|[|»›→>]|\.{3}$|…$")
_URL = re.compile(r"https?://|www\.")
_COUNT = re.compile(r"^\(?\d+\)?$|^\d+\s+\w+$")

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
    "copyright": "a copyright line",
    "credit": "an image credit",
    "repeated": "times repeated on the page",
    "line_score": "the region finder's score",
    # where it is
    "in_span": "inside the densest prose run",
    "before_span": "lines before the prose run",
    "after_span": "lines after the prose run",
    "span_position": "how far into the prose run",
    "after_last_prose": "after the run's last paragraph",
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
    letters = [c for c in text if c.isalpha()]
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
        "upper": _ratio(sum(c.isupper() for c in letters), len(letters)),
        "digits": _ratio(sum(c.isdigit() for c in text), len(text)),
        "dateish": float(bool(_YEAR.search(text) or _CLOCK.search(text) or _NUMBER_DATE.search(text))),
        "linkish": float(bool(_LINKISH.search(text))),
        "url": float(bool(_URL.search(text))),
        "count": float(bool(_COUNT.match(text))),
        "colon_end": float(text.endswith(":")),
        "bullet": float(line.bullet),
        "boilerplate": float(min(line.boilerplate, 3)),
        "boilerplate_heavy": float(line.boilerplate_heavy),
        "copyright": float(line.copyright),
        "credit": float(line.credit),
        "repeated": math.log(line.repeats),
        "line_score": max(-1.0, min(1.0, line_score(line) / 40)),
    }


def line_features(
    lines: Sequence[Line], span: tuple[int, int], coh: Sequence[float | None], rule_keep: Sequence[bool]
) -> list[list[float]]:
    """One feature vector per line, in the order of `FEATURES`."""
    start, end = span
    total = len(lines)
    prose_in_span = [i for i in range(start, end) if lines[i].prose]
    last_prose = prose_in_span[-1] if prose_in_span else end - 1
    own = [_own(line) for line in lines]
    short = [line.n_words <= 8 and not line.sentence for line in lines]
    runs = _run_lengths(short)
    above, below = _nearest_prose(lines)
    rows: list[list[float]] = []
    for i, line in enumerate(lines):
        f = dict(own[i])
        inside = start <= i < end
        f["in_span"] = float(inside)
        f["before_span"] = math.log1p(max(0, start - i))
        f["after_span"] = math.log1p(max(0, i - end + 1))
        f["span_position"] = (i - start) / max(1, end - start) if inside else 0.0
        f["after_last_prose"] = float(i > last_prose)
        share = coh[i]
        f["coherence"] = share if share is not None else 0.5
        f["off_topic"] = float(share is not None and share < 0.1)
        f["prev_prose"] = float(i > 0 and lines[i - 1].prose)
        f["next_prose"] = float(i + 1 < total and lines[i + 1].prose)
        f["prev_in_span"] = float(start <= i - 1 < end)
        f["next_in_span"] = float(start <= i + 1 < end)
        window = range(max(0, i - 3), min(total, i + 4))
        others = [j for j in window if j != i]
        f["window_prose"] = _ratio(sum(lines[j].prose for j in others), len(others))
        f["window_short"] = _ratio(sum(short[j] for j in others), len(others))
        f["window_dates"] = _ratio(sum(own[j]["dateish"] for j in others), len(others))
        f["short_run"] = math.log1p(runs[i])
        f["rule_keep"] = float(rule_keep[i])
        f["prev_kept"] = float(i > 0 and rule_keep[i - 1])
        f["next_kept"] = float(i + 1 < total and rule_keep[i + 1])
        f["window_kept"] = _ratio(sum(rule_keep[j] for j in others), len(others))
        f["prose_above"] = math.log1p(i - above[i])
        f["prose_below"] = math.log1p(below[i] - i)
        f["in_span_prose"] = float(inside and line.prose)
        f["in_span_short"] = float(inside and line.n_words <= 5)
        f["out_span_prose"] = float(not inside and line.prose)
        rows.append([f[name] for name in FEATURES])
    return rows


def _nearest_prose(lines: Sequence[Line]) -> tuple[list[int], list[int]]:
    """For each line, the index of the nearest prose line above and below it.

    The start and the end of the text count as prose: a text that ends with
    its last paragraph has nothing after it, like an article has no footer.
    """
    above, below = [-1] * len(lines), [len(lines)] * len(lines)
    last = -1
    for i, line in enumerate(lines):
        above[i] = last
        if line.prose:
            last = i
    last = len(lines)
    for i in reversed(range(len(lines))):
        below[i] = last
        if lines[i].prose:
            last = i
    return above, below


def _run_lengths(flags: Sequence[bool]) -> list[int]:
    """For each position, the length of the run of true flags it belongs to (0 when false)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        for k in range(i, j):
            out[k] = j - i
        i = j
    return out


@dataclass(frozen=True)
class LineModel:
    """Fitted boosted trees, flattened into one node table, and the decision threshold.

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
    threshold: float
    """The probability from which a line the rules dropped is kept."""
    overrule: float
    """The probability under which a line the rules kept is dropped: the rules hold what the
    development pages cannot teach (pages pasted without blank lines, short articles), so the
    model overrides a kept line only when it is sure."""

    def predict(self, rows: Sequence[Sequence[float]]) -> tuple[np.ndarray, np.ndarray]:
        """The probability that each row is article, and each feature's contribution to its log-odds."""
        x = np.asarray(rows, dtype=float).reshape(len(rows), len(self.names))
        n = len(x)
        width = len(self.names)
        contributions = np.zeros((n, width))
        at = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        line = np.broadcast_to(np.arange(n)[:, None], at.shape)
        score = np.full(n, self.baseline) + self.value[at].sum(axis=1)
        while True:
            feature = self.feature[at]
            inner = feature >= 0
            if not inner.any():
                break
            used = np.where(inner, feature, 0)
            go_left = x[line, used] <= self.cut[at]
            nxt = np.where(inner, np.where(go_left, self.left[at], self.right[at]), at)
            gain = self.value[nxt] - self.value[at]
            slots = (line * width + used)[inner]
            contributions += np.bincount(slots, weights=gain[inner], minlength=n * width).reshape(n, width)
            at = nxt
        score += contributions.sum(axis=1)
        return 1.0 / (1.0 + np.exp(-np.clip(score, -30, 30))), contributions

    def reasons(self, contributions: np.ndarray, row: Sequence[float], kept: bool, count: int = 2) -> list[str]:
        """The observations that pushed hardest towards the decision taken, in words."""
        order = np.argsort(-contributions if kept else contributions)[:count]
        return [_describe(self.names[k], row[k]) for k in order if (contributions[k] > 0) == kept and contributions[k]]

    def to_json(self) -> dict[str, object]:
        return {
            "names": list(self.names), "roots": self.roots.tolist(), "feature": self.feature.tolist(),
            "cut": [round(float(v), 6) for v in self.cut], "left": self.left.tolist(), "right": self.right.tolist(),
            "value": [round(float(v), 5) for v in self.value], "baseline": self.baseline, "threshold": self.threshold,
            "overrule": self.overrule,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LineModel:
        names = tuple(data["names"])
        if names != tuple(FEATURES):
            raise ValueError("the line model was fitted on other features: retrain with tools/train_body.py")
        return cls(
            names, np.asarray(data["roots"], dtype=np.int64), np.asarray(data["feature"], dtype=np.int64),
            np.asarray(data["cut"], dtype=float), np.asarray(data["left"], dtype=np.int64),
            np.asarray(data["right"], dtype=np.int64), np.asarray(data["value"], dtype=float),
            float(data["baseline"]), float(data["threshold"]), float(data["overrule"]),
        )

    def keeps(self, probability: float, rule_keep: bool) -> bool:
        return probability >= (self.overrule if rule_keep else self.threshold)

    def with_thresholds(self, threshold: float, overrule: float) -> LineModel:
        return replace(self, threshold=threshold, overrule=overrule)


_COUNTED = frozenset({"words", "before_span", "after_span", "short_run", "prose_above", "prose_below", "repeated"})
"""Features stored as logarithms of a count: shown as the count."""


def _describe(name: str, value: float) -> str:
    """A feature in words; a yes-or-no one is negated when absent ("not inside the densest prose run")."""
    text = FEATURES[name]
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
