"""What a second reading of each saved page could add to the HTML body, and what combining the two readings gains.

    python tools/second_reading.py [--corpus ../shared/corpus] [--seed 1]

The HTML body is trafilatura's article and the steps after it (`html_source.body_steps`). The second reading is
the text-dump cleaner's over the page as a browser copies it (`page_text.page_copy`), with the line model fitted on
the development pages of the other half of the sites (the split of `train_body.py --halves` and
`snippet_failures.py`), so no page is read by a model fitted on its own site. For each half, by the corpus
scorer's snippet F1 on the `meta` pages:

- `body`: ingest's HTML body; `second`: the cleaner's reading alone;
- `union`: a snippet is in either (the ceiling of adding lines; it also adds the `without` snippets only the
  second reading keeps); `oracle`: a `with` snippet in either, a `without` snippet only if in both (no line rule
  reaches it: it knows which reading to trust for each snippet);
- `add P`: the body plus each line the cleaner keeps with probability at least P that is a sentence of eight
  words or more, no further than one line from the body's lines on the page, put after the body line above it;
- `drop Q`: the body without each of its lines the cleaner drops with probability under Q.

Measured on seeds 1 and 2 (four held-out halves): body 0.926/0.944 and 0.933/0.936; second 0.860/0.895 and
0.876/0.896; union 0.922/0.918 and 0.921/0.925; oracle 0.971/0.977 and 0.975/0.974; the best thresholds tried
move each half by -0.002 to +0.003 (add 0.9) and -0.002 to 0 (drop 0.01); drop 0.05 loses up to 0.014. Each line the second reading adds
brings about as many `without` snippets as `with` ones, and the lines it is sure are furniture hold `with`
snippets as often as `without` ones, so the combination is not shipped (a combiner fitted on one half over both
readings' features gained on one of four halves, and lost up to 0.016). The shipped line model, fitted on the
same pages' text dumps, makes the same thresholds look like +0.008: measure held out. The corpus is read, never
copied.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsdigest.ingest.decode import decode  # noqa: E402
from newsdigest.ingest.html_fields import headline  # noqa: E402
from newsdigest.ingest.html_source import body_steps, read_page  # noqa: E402
from newsdigest.ingest.line_model import load_model  # noqa: E402
from newsdigest.ingest.page_text import page_copy  # noqa: E402
from newsdigest.ingest.textdump import LineDecision, Weighed, parse_text_dump  # noqa: E402
from tools.snippet_failures import first_half  # noqa: E402
from tools.train_body import _scorer, fit, load  # noqa: E402

_SENTENCE_END = re.compile(r"[.!?…\"”»)]$")
Reading = tuple[str, tuple[LineDecision, ...], str]
"""A page's HTML body, the second reading's line decisions, and the second reading's body."""


def readings(corpus: Path, seed: int) -> dict[str, Reading]:
    """Every `meta` page with snippets, each read a second time by the line model fitted away from its half."""
    gold = json.loads((corpus / "meta" / "gold.json").read_text(encoding="utf-8"))
    shipped = load_model()
    pages = load(corpus)
    chosen = first_half(gold, seed)
    out: dict[str, Reading] = {}
    for half in (chosen, set(gold) - chosen):
        unseen = {page.site for page in pages if page.kind != "extract" and page.key in half}
        model = fit([page for page in pages if page.site not in unseen]).with_thresholds(
            shipped.threshold, shipped.overrule, shipped.switch)
        for key in sorted(half):
            path = corpus / "meta" / f"{key}.html"
            if not path.is_file() or not (gold[key].get("with") or gold[key].get("without")):
                continue
            read = read_page(decode(path.read_bytes(), html=True))
            if read is None:
                continue
            copy = page_copy(read[0])
            body = body_steps(*read, headline(read[1]))[-1].body
            second = parse_text_dump(copy, model=model)
            out[key] = (body, second.lines, second.body)
    return out


def _fold(text: str, score) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", score.markdown_to_text(text).lower()).split())


def combine(body: str, lines: tuple[LineDecision, ...], score, add: float = 2.0, drop: float = -1.0) -> str:
    """`body` with the second reading's sure article lines beside it added and its sure furniture lines removed."""
    own = body.split("\n")
    folded = [_fold(line, score) for line in own]
    match: list[int | None] = []
    for decision in lines:
        text = _fold(decision.text, score)
        match.append(next((k for k, line in enumerate(folded) if line and len(text) >= 3 and (
            line == text or (len(text) >= 30 and (text[:60] in line or line[:60] in text)))), None))
    matched = [i for i, j in enumerate(match) if j is not None]
    if not matched:
        return body
    dropped: set[int] = set()
    added: dict[int, list[str]] = {}
    for i, decision in enumerate(lines):
        if not isinstance(decision.why, Weighed):
            continue
        p, j = decision.why.probability, match[i]
        if j is not None and not decision.kept and p < drop:
            dropped.add(j)
        elif (j is None and decision.kept and p >= add and len(decision.text.split()) >= 8
              and _SENTENCE_END.search(decision.text.strip()) and min(abs(i - k) for k in matched) <= 1):
            above = max((k for k in matched if k < i), default=None)
            added.setdefault(-1 if above is None else match[above], []).append(decision.text)
    out = list(added.get(-1, []))
    for k, line in enumerate(own):
        if k not in dropped:
            out.append(line)
        out.extend("\n" + text for text in added.get(k, []))
    return "\n".join(out)


def snippet_f1(texts: dict[str, Callable[[str], bool]], gold: dict, keys: set[str]) -> float:
    """The scorer's snippet F1 over `keys`, where `texts[key](snippet)` says whether the page's article holds it."""
    tp = fn = fp = 0
    for key in keys:
        holds = texts[key]
        found = sum(holds(s) for s in gold[key].get("with", []))
        tp, fn = tp + found, fn + len(gold[key].get("with", [])) - found
        fp += sum(holds(s) for s in gold[key].get("without", []))
    return 2 * tp / (2 * tp + fn + fp) if tp else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    score = _scorer(args.corpus)
    gold = json.loads((args.corpus / "meta" / "gold.json").read_text(encoding="utf-8"))
    read = readings(args.corpus, args.seed)
    squash = {key: (score.squash(score.markdown_to_text(body)), score.squash(score.markdown_to_text(second)))
              for key, (body, _, second) in read.items()}

    def holds(which: Callable[[str, str, bool], bool]) -> dict[str, Callable[[str], bool]]:
        def test(key: str) -> Callable[[str], bool]:
            first, second = squash[key]
            wanted = {score.squash(s) for s in gold[key].get("with", [])}
            return lambda s: which(score.squash(s) in first, score.squash(s) in second, score.squash(s) in wanted)
        return {key: test(key) for key in read}

    def combined(**thresholds: float) -> dict[str, Callable[[str], bool]]:
        texts = {key: score.squash(score.markdown_to_text(combine(body, lines, score, **thresholds)))
                 for key, (body, lines, _) in read.items()}
        return {key: (lambda s, text=texts[key]: score.squash(s) in text) for key in read}

    figures = {
        "body": holds(lambda a, b, w: a), "second": holds(lambda a, b, w: b), "union": holds(lambda a, b, w: a or b),
        "oracle": holds(lambda a, b, w: (a or b) if w else (a and b)),
        **{f"add {p}": combined(add=p) for p in (0.7, 0.9)}, **{f"drop {q}": combined(drop=q) for q in (0.01, 0.05)},
    }
    chosen = first_half(gold, args.seed)
    halves = ({key for key in read if key in chosen}, {key for key in read if key not in chosen})
    for name, texts in figures.items():
        print(f"{name:10} " + " / ".join(f"{snippet_f1(texts, gold, half):.4f}" for half in halves))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
