"""Per page of one half, the text dump's title, author and date beside the gold, and what kind of miss each is.

    python tools/meta_failures.py WEIGHTS [--corpus ../shared/corpus] [--half a|b] [--seed 7] [--field title|author|date]

`WEIGHTS` is a model file written by `train_meta.py --half X --output WEIGHTS`;
read the other half with it to see what holds out. A missed headline is told
by where the gold line stands from the chosen one (above, below, the same line
read in part, or no candidate equals it); a missed byline or date by whether
one was given, whether the gold is written on the page at all, and (a byline)
whether any candidate equals it, the ceiling the candidates set. The kinds
are counted at the end. The corpus is read, never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_meta  # noqa: E402
from newsdigest.ingest import meta_model, text_byline, text_title  # noqa: E402
from newsdigest.ingest.textdump import analyse  # noqa: E402
from newsdigest.ingest.textmeta import page_context  # noqa: E402
from newsdigest.model import day_of  # noqa: E402

norm = train_meta.norm


def title_miss(text: str, gold: str, ours: str | None) -> str:
    """Where the gold headline stands from the chosen line, on the page's candidates."""
    found = text_title.candidates(page_context(text))
    right = [c.index for c in found if norm(c.value) == norm(gold)]
    chosen = [c.index for c in found if c.value == ours]
    if not right:
        return "no candidate equals it"
    if not chosen:
        return "none taken"
    step = chosen[0] - min(right, key=lambda i: abs(i - chosen[0]))
    return "same line, other part" if step == 0 else f"gold {'above' if step > 0 else 'below'} by {min(abs(step), 5)}{'+' if abs(step) >= 5 else ''}"


def author_offered(text: str, gold: object) -> bool:
    """Whether any byline candidate of the page equals the gold, read under the headline the model picks."""
    ctx = page_context(text)
    title = meta_model.best("title", text_title.candidates(ctx), 0.0)
    found = text_byline.candidates(ctx, title.candidate.index if title else None)
    return any(train_meta.author_ok(gold, c.value) for c in found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("weights", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--half", choices=("a", "b"), default="b", help="the half to read (default b)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--field", choices=("title", "author", "date"), default="title")
    args = parser.parse_args()

    folder = args.corpus / "meta"
    train_meta.GOLD.update(json.loads((folder / "gold.json").read_text(encoding="utf-8")))
    a, b = train_meta.halves(sorted(train_meta.GOLD), args.seed)
    meta_model.use_weights(json.loads(args.weights.read_text(encoding="utf-8")))
    kinds: Counter[str] = Counter()
    for key in a if args.half == "a" else b:
        gold = train_meta.GOLD[key].get(args.field)
        if not gold:
            continue
        text = (folder / f"{key}.txt").read_text(encoding="utf-8")
        meta = analyse(text).meta
        if args.field == "title":
            ours, right = meta.title, norm(meta.title) == norm(gold)
            kind = "right" if right else title_miss(text, gold, meta.title)
        elif args.field == "author":
            ours, right = "; ".join(meta.authors), train_meta.author_ok(gold, meta.authors)
            written = norm(gold if isinstance(gold, str) else " ".join(gold)) in norm(text)
            offered = "" if right or author_offered(text, gold) else ", no candidate equals it"
            kind = "right" if right else f"{'wrong' if ours else 'none'}, gold {'on' if written else 'not on'} the page{offered}"
        else:
            ours = day_of(meta.published).isoformat() if meta.published else ""
            kind = "right" if ours == gold else "wrong" if ours else "none"
        kinds[kind] += 1
        if kind != "right":
            print(f"{key[:12]}  {kind:44}  gold: {str(gold)[:70]}\n{'':40}ours: {str(ours or '')[:70]}")
    print(", ".join(f"{kind}: {n}" for kind, n in kinds.most_common()), f"(of {sum(kinds.values())})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
