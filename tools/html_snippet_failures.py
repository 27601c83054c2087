"""Per saved page, the `with` snippets the body loses and the `without` snippets it keeps, and which step did it.

    python tools/html_snippet_failures.py [--corpus ../shared/corpus] [--sites half|other|all] [--seed 1] [--quiet]

Reads every saved page of `CORPUS/meta/` with the package's own reader and
follows the body through the steps of `html_source.body_steps` (trafilatura,
the text-dump cleaner, the split article, embeds, the lead, JSON-LD, the tail
outside the article's container, the final tidy). A failing snippet is put down to the last step
that changed whether the body holds it, or to trafilatura when no step did;
a lost snippet is also placed in the page: whether the visible page shows it
at all, and whether the element that holds it sits inside the container of the
paragraphs the body kept (the article's own block that trafilatura left out)
or outside it (elsewhere on the page). The snippet F1 of the selection is
printed at the end, scored as `score.py snippets` scores it. `--sites half`
reads the first of two random halves of the sites (`snippet_failures.first_half`).
The corpus is read, never copied.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml.html import HtmlElement  # noqa: E402

from newsdigest.ingest.decode import decode  # noqa: E402
from newsdigest.ingest.html_fields import headline  # noqa: E402
from newsdigest.ingest.html_source import BodyStep, body_steps, read_page  # noqa: E402
from tools.snippet_failures import _site, first_half  # noqa: E402


def _holder(tree: HtmlElement, needle: str, squash) -> HtmlElement | None:
    """The deepest element whose text holds `needle` (squashed)."""
    found = None
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if needle in squash(element.text_content()):
            found = element
    return found


def _article_root(tree: HtmlElement, body: str, squash) -> HtmlElement | None:
    """The lowest element holding every paragraph of the body that the page shows in one element."""
    kept = [squash(line.lstrip("#>-* ")) for line in body.split("\n") if len(line.split()) >= 8]
    homes = []
    for element in tree.iter("p", "li", "h2", "h3", "blockquote", "div"):
        text = squash(element.text_content())
        if len(text) > 40 and any(text[:60] in k for k in kept):
            homes.append(element)
    if not homes:
        return None
    common = [homes[0], *homes[0].iterancestors()]
    for home in homes[1:]:
        ancestors = {id(a) for a in (home, *home.iterancestors())}
        common = [a for a in common if id(a) in ancestors]
    return common[0] if common else None


def _describe(element: HtmlElement) -> str:
    marks = " ".join(filter(None, (element.get("class"), element.get("id"))))
    return f"<{element.tag}{' ' + marks[:40] if marks else ''}>"


def examine(path: Path, entry: dict, score) -> tuple[list[str], Counter[str], tuple[int, int, int, int]]:
    """The notes on one page's failing snippets, their tally by step, and (tp, fn, fp, tn)."""
    text = decode(path.read_bytes(), html=True)  # as ingest decodes it
    read = read_page(text)
    steps = body_steps(*read, headline(read[1])) if read else [BodyStep("unreadable", "")]
    seen = [score.squash(score.markdown_to_text(step.body)) for step in steps]
    final = seen[-1]
    notes: list[str] = []
    tally: Counter[str] = Counter()
    tp = fn = fp = tn = 0
    root = page_text = None
    for flag, snippets in (("LOST", entry.get("with", [])), ("KEPT", entry.get("without", []))):
        for snippet in snippets:
            needle = score.squash(snippet)
            present = needle in final
            if flag == "LOST":
                tp, fn = tp + present, fn + (not present)
            else:
                fp, tn = fp + present, tn + (not present)
            if present == (flag == "KEPT"):
                step = steps[0].step
                for index in range(1, len(steps)):
                    if (needle in seen[index]) != (needle in seen[index - 1]):
                        step = steps[index].step
                where = ""
                if flag == "LOST" and read:
                    if page_text is None:
                        page_text = score.squash(read[0].text_content())
                        root = _article_root(read[0], steps[-1].body, score.squash)
                    holder = _holder(read[0], needle, score.squash) if needle in page_text else None
                    if holder is None:
                        where = "not shown as one run of text"
                    elif root is not None and (holder is root or root in set(holder.iterancestors())):
                        where = f"inside the article {_describe(root)}: {_describe(holder)}"
                    else:
                        where = f"outside the article: {_describe(holder)}"
                    tally[f"{flag} {step}: {where.split(':')[0].split(' <')[0]}"] += 1
                else:
                    tally[f"{flag} {step}"] += 1
                notes.append(f"  {flag} [{step}] {snippet[:70]!r}" + (f"\n      {where}" if where else ""))
    return notes, tally, (tp, fn, fp, tn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--sites", choices=("half", "other", "all"), default="all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quiet", action="store_true", help="print the tallies and the score only")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.corpus.resolve().parent / "eval"))
    import score  # the corpus's own scorer

    gold = json.loads((args.corpus / "meta" / "gold.json").read_text(encoding="utf-8"))
    half = first_half(gold, args.seed)
    tally: Counter[str] = Counter()
    counts = [0, 0, 0, 0]
    for key, entry in sorted(gold.items()):
        if args.sites == "half" and key not in half or args.sites == "other" and key in half:
            continue
        path = args.corpus / "meta" / f"{key}.html"
        if not path.is_file() or not (entry.get("with") or entry.get("without")):
            continue
        notes, page_tally, page_counts = examine(path, entry, score)
        tally.update(page_tally)
        counts = [a + b for a, b in zip(counts, page_counts)]
        if notes and not args.quiet:
            print(f"== {key} ({_site(key, entry)})")
            print("\n".join(notes))
    for kind, n in tally.most_common():
        print(f"{n:4d}  {kind}")
    tp, fn, fp, _ = counts
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"snippets: tp={tp} fn={fn} fp={fp} F1={f1:.3f} precision={precision:.3f} recall={recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
