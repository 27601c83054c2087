"""Fit the weights that choose a saved page's authors among the readings of its byline.

    python tools/train_html_authors.py [--corpus ../shared/corpus] [--seed 7] [--write]

Every page of `CORPUS/meta/` with a gold author gives its candidate readings
(`html_authors.author_candidates`, as ingest makes them), each labelled by
whether it names the gold authors (the way `score.py meta` compares them). A
logistic regression over the candidates' features is fitted and judged by how
often the page's best-scoring candidate is right: cross-validated across sites
(no site in two folds), and on the two halves of `html_meta_report.py` (fitted
on one, scored on the other), beside the reading the shipped weights choose.
`--write` fits on every page and writes `newsdigest/ingest/data/html_authors.json`.
The corpus is read, never copied into the package.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from html_meta_report import author_ok, halves, host_of, meta_arguments, meta_gold

from newsdigest.errors import NewsdigestError
from newsdigest.ingest.decode import decode
from newsdigest.ingest.html_authors import MODEL_FILE, Candidate, author_candidates, choose_authors
from newsdigest.ingest.html_fields import _url
from newsdigest.ingest.html_meta import PageMeta
from newsdigest.ingest.html_site import Site, site_of
from newsdigest.ingest.html_source import read_html, read_page

C = 0.3
"""Inverse regularisation: a few hundred pages, a score of features."""


def saved_page(path: Path) -> tuple[PageMeta, Site, str] | None:
    """A saved page as ingest reads it for its authors: what it says about itself, its site, its article's text."""
    text = decode(path.read_bytes(), html=True)
    try:
        body = read_html(text).body
    except NewsdigestError:
        body = ""
    read = read_page(text)
    if read is None:
        return None
    page = read[1]
    return page, site_of(page, _url(page)), body


def page_candidates(path: Path) -> tuple[list[Candidate], str]:
    """The page's candidates and the names the shipped weights choose."""
    read = saved_page(path)
    if read is None:
        return [], ""
    page, site, body = read
    candidates = author_candidates(page, site, body)
    chosen = choose_authors(page, site, body, candidates)
    return candidates, "; ".join(chosen.names) if chosen else ""


def page_row(key: str, candidates: list[Candidate], gold_author: object, names: list[str]) -> tuple[str, np.ndarray, np.ndarray]:
    """A page's candidates as the model reads them: their features (in the order of `names`), and which name the gold."""
    features = np.array([[c.features[n] for n in names] for c in candidates]) if candidates else np.zeros((0, 0))
    labels = np.array([author_ok(gold_author, "; ".join(c.choice.names)) for c in candidates])
    return key, features, labels


def fit(rows: list[tuple[list[str], np.ndarray, np.ndarray]]) -> LogisticRegression:
    x = np.vstack([features for _, features, _ in rows if len(features)])
    y = np.concatenate([labels for _, features, labels in rows if len(features)])
    return LogisticRegression(C=C, max_iter=2000).fit(x, y)


def accuracy(model: LogisticRegression, rows: list) -> float:
    right = sum(bool(len(f)) and bool(labels[int(np.argmax(model.decision_function(f)))]) for _, f, labels in rows)
    return right / len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = meta_arguments(__doc__)
    parser.add_argument("--write", action="store_true", help="write the weights fitted on every page")
    args = parser.parse_args(argv)
    folder, gold = meta_gold(args.corpus)
    keys = [k for k in sorted(gold) if gold[k].get("author")]
    names: list[str] = []
    rows, sites, shipped = [], [], []
    for key in keys:
        candidates, chosen = page_candidates(folder / f"{key}.html")
        names = names or (list(candidates[0].features) if candidates else [])
        rows.append(page_row(key, candidates, gold[key]["author"], names))
        sites.append(host_of(key, gold[key]))
        shipped.append(author_ok(gold[key]["author"], chosen))
    reachable = sum(bool(labels.any()) for _, _, labels in rows)
    print(f"pages with a gold author: {len(rows)}; a candidate names it on {reachable} "
          f"({reachable / len(rows):.3f}); the shipped weights choose right on {sum(shipped) / len(rows):.3f}")
    folds = GroupKFold(n_splits=5)
    right = 0
    for train, test in folds.split(rows, groups=sites):
        model = fit([rows[i] for i in train])
        right += accuracy(model, [rows[i] for i in test]) * len(test)
    print(f"cross-validated across sites (5 folds): {right / len(rows):.3f}")
    half = halves(gold, args.seed)
    for fitted, scored in (("a", "b"), ("b", "a")):
        model = fit([r for r in rows if half[r[0]] == fitted])
        scored_rows = [r for r in rows if half[r[0]] == scored]
        own = [s for r, s in zip(rows, shipped) if half[r[0]] == scored]
        print(f"fitted on half {fitted}, half {scored}: {accuracy(model, scored_rows):.3f} "
              f"(shipped weights {sum(own) / len(own):.3f}, n={len(scored_rows)})")
    if args.write:
        model = fit(rows)
        weights = {"bias": round(float(model.intercept_[0]), 4)} | {
            n: round(float(w), 4) for n, w in zip(names, model.coef_[0])}
        target = ROOT / "newsdigest" / "ingest" / MODEL_FILE
        target.write_text(json.dumps({"trained_on": f"{len(rows)} pages", "C": C, "weights": weights}, indent=1)
                          + "\n", encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
