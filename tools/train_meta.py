"""Fit the text-dump metadata models (headline, byline, dateline) and write `newsdigest/ingest/meta_model.json`.

    python tools/train_meta.py [--corpus ../shared/corpus] [--half a|b --seed 7 --output PATH]

Reads the development pages of `CORPUS/meta/` (text dumps and `gold.json`),
lists each field's candidates with the package's own readers (`text_title`,
`text_byline`, `text_dateline`), labels a candidate right when it equals the
gold value as the scorer compares it, and fits per field a logistic model and a hundred shallow boosted
trees, whose mean probability ranks the candidates. Reports each field's top-1 accuracy cross-validated across sites
(group k-fold by the page's host), then fits on all pages given and writes
the weights. With the byline model goes the threshold a saved page's visible
byline must reach (`fit_page_threshold`), chosen by cross-validation on the
saved pages' authors (`.html`), so that a refit never leaves it where an older
model's probabilities put it. `--half` fits on one random half only (the other is for
measuring what holds out, and the script reports each field on it as ingest
reads it); the corpus itself is never copied into the package.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
import re
import sys
from dataclasses import dataclass
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_html_authors as html_chooser  # noqa: E402

from newsdigest.ingest import html_authors, meta_model, text_byline, text_dateline, text_title  # noqa: E402
from newsdigest.ingest.meta_model import Candidate  # noqa: E402
from newsdigest.ingest.textdump import analyse  # noqa: E402
from newsdigest.ingest.textmeta import page_context  # noqa: E402
from newsdigest.model import day_of  # noqa: E402


def norm(text: object) -> str:
    return re.sub(r"\W+", " ", str(text or "")).strip().lower()


def author_ok(gold: object, names: Sequence[str]) -> bool:
    gold_text = "; ".join(map(str, gold)) if isinstance(gold, list) else str(gold)
    g, p = norm(gold_text.replace(";", " ")), norm(" ".join(names))
    return bool(p) and (g == p or set(g.split()) == set(p.split()))


def halves(keys: list[str], seed: int) -> tuple[list[str], list[str]]:
    """Two random halves of the pages, split by host so that no site is in both."""
    hosts = sorted({host_of(k) for k in keys})
    random.Random(seed).shuffle(hosts)
    first = set(hosts[: len(hosts) // 2])
    return [k for k in keys if host_of(k) in first], [k for k in keys if host_of(k) not in first]


GOLD: dict[str, dict] = {}


def host_of(key: str) -> str:
    return urlparse(GOLD[key].get("url") or key).netloc.lower().removeprefix("www.") or key


TREES, RATE = 100, 0.1
REGULARISED = {"title": (20, 0.1, 3), "author": (20, 0.1, 2), "date": (20, 0.1, 3)}
"""Per field: the fewest candidates a tree's leaf may hold, the logistic half's inverse regularisation, the trees' depth.

A page offers a few hundred headline candidates and a few bylines or dates:
unconstrained, the trees learn one page's habit (a rule fitted on a handful
of candidates) and the logistic half leans on one feature. Chosen by
five-fold cross-validation grouped by site over the development pages, among
leaves of 1 or 20, C of 1, 0.1 or 0.03 (logistic alone), depth 2 or 3: the
constrained blend read unseen sites best for every field (author 0.611
against 0.592 unconstrained, date 0.837 against 0.828).

For the headline, two rankers that compare a page's candidates were tried
against it, fitting on one half of the sites and reading the other (seeds 7
and 1, both ways: four figures): a logistic model on the differences between
the right line's features and each other candidate's read 0.654 of titles
right on average (0.666 at C=1), and a second stage over the first's scores of
the lines around each candidate 0.689, against 0.694 for this blend; leaves
of 10 or 40, depth 2, C of 0.03 and 200 trees were no better either. What
relates a candidate to its neighbours is given to the blend as features
instead (`text_title._block`).
"""


@dataclass
class Blend:
    """A logistic model and boosted trees fitted on the same rows; their mean is the probability."""

    linear: LogisticRegression
    trees: GradientBoostingClassifier
    mean: np.ndarray
    scale: np.ndarray

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return (self.linear.predict_proba((x - self.mean) / self.scale) + self.trees.predict_proba(x)) / 2


def page_weights(labels: list[bool]) -> list[float]:
    """Weights that make every page count alike: its candidates weigh one in all, its right ones one more.

    The task is to tell the right candidate from the others on its page: a
    page with four hundred lines of menu must not outweigh one with ten, and
    the one right line must not drown among them (on pages where none is
    right, the candidates only teach what is not).
    """
    right = sum(labels)
    return [1.0 / len(labels) + (1.0 / right if label else 0.0) for label in labels] if labels else []


def fit(rows: list[tuple[str, list[Candidate], list[bool]]], names: list[str], field: str = "") -> Blend:
    x = np.array([[c.features.get(n, 0.0) for n in names] for _, cands, _ in rows for c in cands])
    y = np.array([lab for _, _, labels in rows for lab in labels])
    w = np.array([weight for _, _, labels in rows for weight in page_weights(labels)])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    leaf, strength, depth = REGULARISED.get(field, (1, 1.0, 3))
    linear = LogisticRegression(C=strength, max_iter=2000).fit((x - mean) / scale, y, sample_weight=w)
    trees = GradientBoostingClassifier(n_estimators=TREES, max_depth=depth, learning_rate=RATE, subsample=0.8,
                                       min_samples_leaf=leaf, random_state=0).fit(x, y, sample_weight=w)
    return Blend(linear, trees, mean, scale)


def predict(model: Blend, names: list[str], cands: list[Candidate]) -> np.ndarray:
    x = np.array([[c.features.get(n, 0.0) for n in names] for c in cands])
    return model.predict_proba(x)[:, 1]


Fold = tuple[Blend, list[int]]
"""A model fitted on some sites' pages, and the rows of the pages it never saw."""


def cross_validate(rows, names, field: str = "", folds: int = 5) -> tuple[float, dict[str, int], list[tuple[float, bool]], list[Fold]]:
    """Top-1 accuracy over the pages that have the field, each page predicted by a model that never saw its site.

    Also returns each page's top-1 probability and whether that pick is right, from which the threshold is set,
    and each fold's model with the rows it predicted.
    """
    groups = [host_of(key) for key, _, _ in rows]
    right, chosen, picks, fitted = 0, {}, [], []
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=groups):
        model = fit([rows[i] for i in train if rows[i][1]], names, field)
        fitted.append((model, list(test)))
        for i in test:
            key, cands, labels = rows[i]
            if not cands:
                continue
            p = predict(model, names, cands)
            best = int(np.argmax(p))
            chosen[key] = cands[best].index
            right += labels[best]
            picks.append((float(p[best]), bool(labels[best])))
    return right / len(rows), chosen, picks, fitted


def abstain_below(picks: list[tuple[float, bool]]) -> float:
    """The probability below which a field's best candidate is better left out, from cross-validated picks.

    The scorer counts a field only on pages that state it, so abstaining never
    gains a point there; but a reader is worse served by a wrong byline or date
    than by none. The threshold is the one that maximises right picks minus
    `WRONG_COST` times the wrong ones over unseen sites' pages (the lowest such,
    so that no right pick is given up for nothing), among 0.05 to 0.5.
    """
    grid = [round(0.05 * n, 2) for n in range(1, 11)]
    return max(grid, key=lambda t: (sum((1.0 if ok else -WRONG_COST) for p, ok in picks if p >= t), -t))


WRONG_COST = 0.5
"""What a wrong value costs against a right one's gain: the scorer counts a miss and an abstention alike, a
reader does not; half a point keeps most right picks of a field whose likely picks are mostly right."""


def export_trees(model: GradientBoostingClassifier, names: list[str]) -> dict:
    """The trees as flat node rows [feature, cut, left, right, value], children indexed across all trees."""
    nodes: list[list[float]] = []
    roots: list[int] = []
    for estimator in model.estimators_[:, 0]:
        tree, base = estimator.tree_, len(nodes)
        roots.append(base)
        for i in range(tree.node_count):
            left, right = int(tree.children_left[i]), int(tree.children_right[i])
            nodes.append([int(tree.feature[i]), round(float(tree.threshold[i]), 6),
                          left + base if left >= 0 else -1, right + base if right >= 0 else -1,
                          round(float(tree.value[i][0][0]), 6)])
    x0 = np.zeros((1, len(names)))
    init = float(model.decision_function(x0)[0]) - RATE * sum(
        float(e.tree_.value[e.apply(x0)[0]][0][0]) for e in model.estimators_[:, 0])
    return {"init": round(init, 6), "rate": RATE, "depth": int(model.max_depth), "roots": roots, "nodes": nodes}


def export(model: Blend, names: list[str], threshold: float) -> dict:
    weights = {n: [round(float(m), 6), round(float(s), 6), round(float(c), 6)]
               for n, m, s, c in zip(names, model.mean, model.scale, model.linear.coef_[0])}
    return {"features": names, "threshold": threshold, "trees": export_trees(model.trees, names),
            "linear": {"intercept": round(float(model.linear.intercept_[0]), 6), "weights": weights}}


def train_field(name: str, rows) -> tuple[dict, dict[str, int], list[Fold]]:
    """Cross-validate, report, and fit on all `rows`; returns the weights, each page's chosen line and the folds."""
    names = sorted({n for _, cands, _ in rows for c in cands for n in c.features})
    accuracy, chosen, picks, folds = cross_validate(rows, names, name)
    threshold = abstain_below(picks)
    below = sum(p < threshold for p, ok in picks if ok)
    wrong_below = sum(p < threshold for p, ok in picks if not ok)
    reachable = sum(any(labels) for _, _, labels in rows) / len(rows)
    print(f"{name + ':':7} cross-validated top-1 {accuracy:.3f} over {len(rows)} pages "
          f"(a right candidate exists on {reachable:.3f}); {below} right and {wrong_below} wrong picks fall below its threshold {threshold}")
    return export(fit([r for r in rows if r[1]], names, name), names, threshold), chosen, folds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--half", choices=("a", "b"), help="fit on this random half of the sites only")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", type=Path, default=ROOT / "newsdigest" / "ingest" / meta_model.MODEL_FILE)
    args = parser.parse_args()

    folder = args.corpus / "meta"
    GOLD.update(json.loads((folder / "gold.json").read_text(encoding="utf-8")))
    keys = sorted(GOLD)
    if args.half:
        a, b = halves(keys, args.seed)
        keys, other = (a, b) if args.half == "a" else (b, a)
        print(f"fitting on half {args.half}: {len(keys)} pages; the other half holds {len(other)}")

    contexts = {k: page_context((folder / f"{k}.txt").read_text(encoding="utf-8")) for k in keys}
    weights: dict[str, dict] = {}

    # Headline first: the byline and dateline readers measure from where it stands.
    title_rows = [(k, c, [norm(x.value) == norm(GOLD[k]["title"]) for x in c])
                  for k in keys for c in [text_title.candidates(contexts[k])]]
    weights["title"], title_at, _ = train_field("title", title_rows)
    author_rows = [(k, c, [author_ok(GOLD[k]["author"], x.value) for x in c])
                   for k in keys if GOLD[k].get("author") for c in [text_byline.candidates(contexts[k], title_at.get(k))]]
    weights["author"], byline_at, author_folds = train_field("author", author_rows)
    date_rows = [(k, c, [day_of(x.value.moment).isoformat() == GOLD[k]["date"] for x in c])
                 for k in keys if GOLD[k].get("date")
                 for c in [text_dateline.candidates(contexts[k], title_at.get(k), byline_at.get(k))]]
    weights["date"], _, _ = train_field("date", date_rows)
    weights["author"]["page_threshold"] = fit_page_threshold(folder, author_rows, author_folds, weights)

    args.output.write_text(json.dumps(weights, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    if args.half:
        meta_model.use_weights(weights)
        measure(folder, other, f"held-out half ({len(other)} pages, sites never seen in fitting)")
        measure(folder, keys, f"fitted half ({len(keys)} pages)")
    return 0


PAGE_THRESHOLDS = [round(0.05 * n, 2) for n in range(6, 19)]
"""The thresholds tried for a saved page's visible byline: 0.3 to 0.9."""


def fit_page_threshold(folder: Path, rows, folds: list[Fold], weights: dict[str, dict]) -> float:
    """The probability a saved page's visible byline must reach, chosen on the saved pages' authors.

    A saved page's visible text is read for its byline like a text dump
    (`html_authors.visible_byline`); the reading joins the bylines its markup and
    metadata state, among which `html_authors` chooses. A loose threshold lets a
    heading or a teaser's name stand beside the page's stated byline, a strict
    one loses the pages whose markup names nobody. Each page's reading is
    scored by the byline model of the fold that never saw its site, and for
    each threshold the chooser's weights are fitted on the other folds' pages
    (`train_html_authors.fit`) and judged on the fold's: the threshold that,
    with its neighbours on either side, chooses the most pages' authors right wins.
    The curve is flat (a couple of points, a few pages, from 0.3 to 0.9, with ties
    between neighbours): the value chosen is one of several nearly as good.
    """
    missing = [path for key, *_ in rows if not (path := folder / f"{key}.html").is_file()]
    if missing:
        raise SystemExit(f"{missing[0]}: no saved page beside its text dump, to fit the visible byline's threshold on")
    names = weights["author"]["features"]
    readings: dict[str, tuple[float, list, list]] = {}
    fold_of: dict[str, int] = {}
    for number, (model, test) in enumerate(folds):
        meta_model.use_weights(weights | {"author": export(model, names, weights["author"]["threshold"])})
        for i in test:
            key = rows[i][0]
            fold_of[key] = number
            read = html_chooser.saved_page(folder / f"{key}.html")
            if read is None:
                readings[key] = (0.0, [], [])
                continue
            page, site, body = read
            found = html_authors.visible_byline(page)
            readings[key] = (found.probability if found else 0.0,
                             html_authors.author_candidates(page, site, body, at_least=0.0),
                             html_authors.author_candidates(page, site, body, at_least=2.0))
    meta_model.use_weights(weights)
    features = next((list(c[0].features) for _, taken, left in readings.values() for c in (taken, left) if c), None)
    if features is None:
        raise SystemExit(f"{folder}: no saved page offers a reading of its byline, to fit the visible byline's threshold on")
    share = {}
    for threshold in PAGE_THRESHOLDS:
        page_rows = {key: html_chooser.page_row(key, taken if p >= threshold else left, GOLD[key]["author"], features)
                     for key, (p, taken, left) in readings.items()}
        right = 0.0
        for number in range(len(folds)):
            model = html_chooser.fit([r for key, r in page_rows.items() if fold_of[key] != number])
            scored = [r for key, r in page_rows.items() if fold_of[key] == number]
            right += html_chooser.accuracy(model, scored) * len(scored)
        share[threshold] = right / len(page_rows)
    # One page is one step of this curve: a threshold is judged with its neighbours, so that the choice
    # does not hang on one page's probability (the lowest of equals, like `abstain_below`).
    around = {t: float(np.mean([share[u] for u in PAGE_THRESHOLDS[max(0, i - 1): i + 2]]))
              for i, t in enumerate(PAGE_THRESHOLDS)}
    chosen = max(PAGE_THRESHOLDS, key=lambda t: (round(around[t], 6), -t))
    print("saved pages' authors by the visible byline's threshold (cross-validated): "
          + " ".join(f"{t}={v:.3f}" for t, v in share.items()) + f"; chosen {chosen}")
    return chosen


def measure(folder: Path, keys: list[str], label: str) -> None:
    """Each field's share of right values over `keys`, read by the text-dump cleaner as ingest reads them."""
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for key in keys:
        gold = GOLD[key]
        meta = analyse((folder / f"{key}.txt").read_text(encoding="utf-8")).meta
        row = {}
        if gold.get("title"):
            row["title"] = norm(meta.title) == norm(gold["title"])
        if gold.get("author"):
            row["author"] = author_ok(gold["author"], meta.authors)
        if gold.get("date"):
            row["date"] = meta.published is not None and day_of(meta.published).isoformat() == gold["date"]
        seen.update(row.keys())
        hits.update(k for k, v in row.items() if v)
    share = {k: hits[k] / seen[k] if seen[k] else 0.0 for k in ("title", "author", "date")}
    print(f"{label}: " + " ".join(f"{k}={v:.3f}" for k, v in share.items()) + f" mean={sum(share.values()) / 3:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
