"""The learned part of reading a text dump's metadata: candidates, their features, fitted weights.

A copied page states its headline, byline and dateline as ordinary lines,
and which line is which differs from site to site. Rather than rules naming
what one site writes, each field's reader (`text_title`, `text_byline`,
`text_dateline`) lists candidates and describes each by language-independent
features: where it stands relative to the article, its length, punctuation,
capitals, repetition on the page, likeness to the lead. A model per
field (a few dozen shallow boosted trees, since a feature's weight depends on
the others: a short line near the lead is a headline, a short line in the
footer is not), fitted on development pages by `tools/train_meta.py`
(cross-validated across sites) and shipped as `meta_model.json`, weighs them; the
best-scoring candidate wins when its probability clears the field's threshold.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

import numpy as np

from newsdigest.ingest.text_lines import Line, content_words

MODEL_FILE = "meta_model.json"


@dataclass(frozen=True)
class Context:
    """What every field's reader needs to know about a page: its lines, the article, its language."""

    lines: list[Line]
    span: tuple[int, int]
    """The article's lines, as found by `text_region`."""
    stop: frozenset[str]
    lang: str | None
    article_words: frozenset[str]
    lead_words: frozenset[str]
    """Content words of the article's first paragraphs: what a headline announces."""
    page_lower: str = ""
    """The whole page in lower case, for counting how often a candidate recurs."""
    _shapes: dict[int, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def lead_index(self) -> int:
        """The article's first paragraph of prose (its lead), or the span's first line where it has none."""
        start, end = self.span
        return next((i for i in range(start, end) if self.lines[i].prose), start)

    @cached_property
    def after_lower(self) -> str:
        """The lines after the article in lower case, one per line: where an author box names its author again."""
        return "\n".join(line.text.lower() for line in self.lines[self.span[1]:])

    @cached_property
    def lower_words(self) -> frozenset[str]:
        """Words the page writes in lower case somewhere: a capitalised run of them is a label, not a name."""
        return frozenset({w for line in self.lines for w in line.words if w[:1].islower()})

    def shape(self, index: int) -> dict[str, float]:
        """`line_shape` of line `index` and its neighbourhood, computed once however many candidates the line holds."""
        if index not in self._shapes:
            around = [j for j in range(index - 2, index + 3) if j != index and 0 <= j < len(self.lines)]
            self._shapes[index] = line_shape(self.lines[index]) | {
                # A menu entry stands among other one- or two-word lines; a byline or headline seldom does.
                "menu_run": sum(self.lines[j].n_words <= 2 for j in around) / 4,
            }
        return dict(self._shapes[index])

    @classmethod
    def build(cls, lines: list[Line], span: tuple[int, int], stop: frozenset[str], lang: str | None) -> Context:
        article: set[str] = set()
        lead: set[str] = set()
        prose_seen = 0
        for line in lines[span[0] : span[1]]:
            if line.prose:
                words = content_words(line.words, stop)
                article |= words
                if prose_seen < 3:
                    lead |= words
                    prose_seen += 1
        page_lower = "\n".join(line.text.lower() for line in lines)
        return cls(lines, span, stop, lang, frozenset(article), frozenset(lead), page_lower)


@dataclass(frozen=True)
class Candidate:
    """One possible value of a field, where it was read, and what it looks like."""

    value: Any
    index: int
    """The line it was read from."""
    features: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    probability: float


_IN_USE: dict[str, _Blend] = {}


def _models() -> dict[str, _Blend]:
    if not _IN_USE:
        data = json.loads(resources.files("newsdigest.ingest").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
        use_weights(data)
    return _IN_USE


def use_weights(data: Mapping[str, Any]) -> None:
    """Read pages with these weights (as `meta_model.json` holds them) instead of the shipped ones.

    For the training script, which measures a model fitted on half the sites
    on the other half before anything is shipped.
    """
    _IN_USE.clear()
    _IN_USE.update({name: _Blend.load(model) for name, model in data.items()})


@dataclass(frozen=True)
class _Linear:
    """A logistic model over standardised features: the smooth half of the blend."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def load(cls, model: dict[str, Any]) -> _Linear:
        rows = np.array([model["weights"][f] for f in model["features"]], dtype=float)
        return cls(tuple(model["features"]), rows[:, 0], rows[:, 1], rows[:, 2], model["intercept"])

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        raw = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(raw, -30, 30)))


@dataclass(frozen=True)
class _Blend:
    """The mean of a logistic model and boosted trees over the same features.

    The trees learn how features combine; the logistic half keeps the answer
    sensible on pages unlike any seen in training (a clean, short page).
    """

    features: tuple[str, ...]
    linear: _Linear
    trees: _Trees
    threshold: float
    page_threshold: float | None
    """The threshold a saved page's visible reading of the field must reach (fitted for the byline only)."""

    @classmethod
    def load(cls, model: dict[str, Any]) -> _Blend:
        return cls(tuple(model["features"]), _Linear.load(model["linear"] | {"features": model["features"]}),
                   _Trees.load(model["trees"]), model["threshold"], model.get("page_threshold"))

    def probabilities(self, rows: list[Mapping[str, float]]) -> np.ndarray:
        absent = (0.0,) * len(self.features)  # a feature a candidate lacks is 0
        x = np.array([list(map(row.get, self.features, absent)) for row in rows], dtype=float)
        return (self.linear.probabilities(x) + self.trees.probabilities(x)) / 2


@dataclass(frozen=True)
class _Trees:
    """Boosted regression trees as flat arrays: each node's feature, cut, children and leaf value."""

    init: float
    rate: float
    feature: np.ndarray
    cut: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int

    @classmethod
    def load(cls, model: dict[str, Any]) -> _Trees:
        nodes = np.array(model["nodes"], dtype=float)
        return cls(
            model["init"], model["rate"],
            nodes[:, 0].astype(int), nodes[:, 1], nodes[:, 2].astype(int), nodes[:, 3].astype(int), nodes[:, 4],
            np.array(model["roots"], dtype=int), model["depth"],
        )

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        at = np.repeat(self.roots[None, :], len(x), axis=0)  # every candidate at every tree's root
        ids = np.arange(len(x))[:, None]
        for _ in range(self.depth):
            leaf = self.left[at] < 0
            go_left = x[ids, np.maximum(self.feature[at], 0)] <= self.cut[at]
            at = np.where(leaf, at, np.where(go_left, self.left[at], self.right[at]))
        raw = self.init + self.rate * self.value[at].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-np.clip(raw, -30, 30)))


def relative(found: list[Candidate], keys: tuple[str, ...]) -> list[Candidate]:
    """`found` with each feature in `keys` also measured against the page's best value of it (`key_gap`).

    Which line is the headline is a question about one page: a line sharing
    half its words with the lead is a good headline on a page where no line
    shares more, a poor one where another shares all. The gap to the page's
    best lets a model that scores candidates one by one see that.
    """
    if not found:
        return found
    best_of = {key: max(c.features.get(key, 0.0) for c in found) for key in keys}
    return [
        Candidate(c.value, c.index, {**c.features, **{f"{key}_gap": best_of[key] - c.features.get(key, 0.0) for key in keys}})
        for c in found
    ]


def probability(name: str, features: Mapping[str, float]) -> float:
    """The fitted model `name`'s probability that a candidate with `features` is the field's value."""
    return float(_models()[name].probabilities([features])[0])


def best(name: str, candidates: list[Candidate], at_least: float | None = None) -> Scored | None:
    """The candidate the model rates highest, if it clears `at_least` (by default the model's threshold)."""
    if not candidates:
        return None
    model = _models()[name]
    p = model.probabilities([c.features for c in candidates])
    top = int(np.argmax(p))
    return Scored(candidates[top], float(p[top])) if p[top] >= (model.threshold if at_least is None else at_least) else None


def ranked(name: str, candidates: list[Candidate]) -> list[Scored]:
    """The candidates with model `name`'s probabilities, likeliest first (for `ingest --explain`)."""
    if not candidates:
        return []
    p = _models()[name].probabilities([c.features for c in candidates])
    return sorted((Scored(c, float(q)) for c, q in zip(candidates, p)), key=lambda s: -s.probability)


def threshold(name: str) -> float:
    """The probability below which model `name`'s best candidate is not taken."""
    return _models()[name].threshold


def page_threshold(name: str) -> float:
    """The probability model `name`'s best candidate must reach on a saved page's visible text.

    A saved page states its byline in its markup too, so its visible text is read
    more strictly than a text dump's: the threshold is fitted on the saved pages'
    authors (`tools/train_meta.py`). A model fitted without one reads pages as text dumps.
    """
    model = _models()[name]
    return model.threshold if model.page_threshold is None else model.page_threshold


def clip(value: float, limit: float) -> float:
    """`value` bounded to ±`limit` and scaled to ±1: distances matter near the article, not far from it."""
    return max(-limit, min(limit, value)) / limit


def line_shape(line: Line) -> dict[str, float]:
    """Features of a line's shape shared by every field: length, punctuation, capitals, furniture."""
    text = line.text
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    capitalised = [w for w in line.words if w[:1].isupper()]
    return {
        "words": min(line.n_words, 40) / 40,
        "log_chars": math.log1p(len(text)) / 6,
        "sentence": float(line.sentence),
        "prose": float(line.prose),
        "ends_period": float(text.endswith(".")),
        "ends_colon": float(text.endswith(":")),
        "ends_question": float(text.endswith(("?", "!"))),
        "upper_share": upper,
        "capitalised_share": len(capitalised) / line.n_words if line.n_words else 0.0,
        "stop_ratio": line.stop_ratio,
        "bullet": float(line.bullet),
        "furniture": float(line.boilerplate_heavy),
        "credit": float(line.credit),
        "copyright": float(line.copyright),
        "repeats": min(line.repeats - 1, 4) / 4,
        "digits": sum(c.isdigit() for c in text) / max(1, len(text)),
        "separators": min(sum(text.count(s) for s in ("|", " > ", "»", "›", " / ", "•", "·", " - ")), 4) / 4,
        "blank_around": (float(line.blank_before) + float(line.blank_after)) / 2,
    }
