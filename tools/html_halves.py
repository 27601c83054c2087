"""The HTML body's figures on the development pages and on both halves of two random splits by site.

    python tools/html_halves.py [--corpus ../shared/corpus] [--seeds 1 7]

Reads every saved page of `meta/` and `extract/` as ingest reads it (decoded as ingest decodes it, the body
of `html_source.body_steps`) and scores the bodies with the corpus's own scorer: snippet F1 over `meta/*.html`
(`score.py snippets`) and shingle F1 over `extract/*.html` (`score.py extract`), on the whole set and on each
half of the sites split as `snippet_failures.py` splits them. A rule tuned on one seed's first half is
measured by the other three halves: the gap between halves is the best estimate of what holds on pages
nobody here has seen. The corpus is read, never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsdigest.ingest.decode import decode  # noqa: E402
from newsdigest.ingest.html_fields import headline  # noqa: E402
from newsdigest.ingest.html_source import body_steps, read_page  # noqa: E402
from tools.snippet_failures import first_half  # noqa: E402


def html_body(path: Path) -> str:
    """The body ingest makes of the saved page at `path` ("" when the page cannot be read)."""
    read = read_page(decode(path.read_bytes(), html=True))
    return body_steps(*read, headline(read[1]))[-1].body if read else ""


def snippet_f1(gold: dict, bodies: dict[str, str], keys: Iterable[str], score) -> float:
    tp = fn = fp = 0
    for key in keys:
        entry = gold[key]
        text = score.squash(score.markdown_to_text(bodies.get(key, "")))
        found = sum(score.squash(snippet) in text for snippet in entry.get("with", []))
        tp, fn = tp + found, fn + len(entry.get("with", [])) - found
        fp += sum(score.squash(snippet) in text for snippet in entry.get("without", []))
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def extract_f1(gold: dict, bodies: dict[str, str], keys: Iterable[str], score) -> float:
    pairs = [score.prf(gold[key]["body"], score.markdown_to_text(bodies.get(key, ""))) for key in keys]
    precision = sum(p for p, _ in pairs) / max(1, len(pairs))
    recall = sum(r for _, r in pairs) / max(1, len(pairs))
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 7])
    args = parser.parse_args(argv)
    missing = [args.corpus / folder / "gold.json" for folder in ("meta", "extract")]
    missing = [path for path in missing if not path.is_file()]
    if missing or not (args.corpus.resolve().parent / "eval" / "score.py").is_file():
        print(f"{args.corpus}: not a corpus (needs meta/gold.json, extract/gold.json and ../eval/score.py)",
              file=sys.stderr)
        return 2
    sys.path.insert(0, str(args.corpus.resolve().parent / "eval"))
    import score  # the corpus's own scorer

    for folder, measure in (("meta", snippet_f1), ("extract", extract_f1)):
        gold = json.loads((args.corpus / folder / "gold.json").read_text(encoding="utf-8"))
        bodies = {key: html_body(args.corpus / folder / f"{key}.html") for key in gold
                  if (args.corpus / folder / f"{key}.html").is_file()}
        row = [f"{folder}: all {measure(gold, bodies, gold, score):.4f}"]
        for seed in args.seeds:
            half = first_half(gold, seed)
            row.append(f"seed {seed}: first half {measure(gold, bodies, sorted(half), score):.4f}, "
                       f"other half {measure(gold, bodies, sorted(set(gold) - half), score):.4f}")
        print("; ".join(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
