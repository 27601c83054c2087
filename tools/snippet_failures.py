"""Per page, the `with` snippets the body loses and the `without` snippets it keeps, and why.

    python tools/snippet_failures.py [--corpus ../shared/corpus] [--kind txt|html] [--sites half|other|all] [--seed 1]
                                     [--held-out] [--quiet]

For a text dump each failing snippet is shown with the line that holds it and
the cleaner's reason for that line (the reasons `ingest --explain` gives). A
saved page is decoded as ingest decodes it and followed through the steps of
`html_source.body_steps` (trafilatura, the text-dump cleaner, the split
article, embeds, JSON-LD, the lead, the link tail, the captions, the final tidy): a failing snippet is put
down to the last step that changed whether the body holds it, or to
trafilatura when no step did, and a lost one is also placed in the page:
whether the visible page shows it at all, and whether the element holding it
sits inside the container of the paragraphs the body kept (the article's own
block, left out) or outside it (elsewhere on the page), with that element's
kind (heading, paragraph, list item, inline run, script data, …); a kept one
is placed in the body against its prose lines (before the first, between,
after the last) with its line's Markdown shape (heading, bold or italic line,
list item, table row, or its length and sentence shape). The failures are
counted by the decision behind them at the end, and by place and shape (a
text dump's line by where it sits against the kept article: before its first
kept line, inside, after its last; and by its shape), with the selection's snippet F1 as
`score.py snippets` scores it. `--sites half` reads the first of two
random halves of the sites (the same split as `train_body.py --halves`), the
half failures are classified on. With `--held-out` (text dumps, one half) the
line model is first fitted on the other half's pages, as `train_body.py
--halves` does, keeping the shipped thresholds: the failures are then those of
pages the model has not seen, which the shipped model, fitted on every page,
hides. The corpus is read, never copied.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml.html import HtmlElement  # noqa: E402

from newsdigest.ingest.decode import decode  # noqa: E402
from newsdigest.ingest.html_fields import headline  # noqa: E402
from newsdigest.ingest.html_source import BodyStep, body_steps, read_page  # noqa: E402
from newsdigest.ingest.line_model import LineModel, load_model  # noqa: E402
from newsdigest.ingest.textdump import parse_text_dump  # noqa: E402


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def _site(key: str, entry: dict) -> str:
    return urlsplit(entry.get("url") or "").netloc.lower().removeprefix("www.") or key


def first_half(gold: dict, seed: int) -> set[str]:
    """The keys of the pages on the first half of the sites, split at random by `seed`."""
    sites = sorted({_site(key, entry) for key, entry in gold.items()})
    random.Random(seed).shuffle(sites)
    chosen = set(sites[: len(sites) // 2])
    return {key for key, entry in gold.items() if _site(key, entry) in chosen}


def _kind(note: str) -> str:
    """The decision behind a failing snippet's note: the body step and place, the rule's, or the rule overruled."""
    step = re.match(r"  \w+ \[([^\]]+)\]", note)
    if step:
        where = note.split("\n      ", 1)[1] if "\n      " in note else ""
        if where.startswith(("line ", "<place")):  # a kept snippet's place in the body is tallied apart
            where = ""
        return step.group(1) + (f": {where.split(':')[0].split(' <')[0]}" if where else "")
    if "kept=" not in note:
        return "no single line holds it"
    reason = note.split("kept=", 1)[1].split(": ", 1)[-1]
    overruled = re.search(r"over the rule '([^'(]*)", reason)
    if overruled:
        return f"model overruled '{overruled.group(1).strip()}'"
    return reason.split(" (")[0].strip()


def _fit_elsewhere(corpus: Path, keys: set[str]) -> LineModel:
    """The line model fitted on the development pages outside `keys` (their sites), with the shipped thresholds."""
    from tools.train_body import fit, load

    shipped = load_model()
    pages = load(corpus)
    unseen = {page.site for page in pages if page.kind != "extract" and page.key in keys}
    model = fit([page for page in pages if page.site not in unseen])
    return model.with_thresholds(shipped.threshold, shipped.overrule, shipped.switch)


def _place_in_dump(decisions: list, at: int) -> str:
    """Where a line sits against the kept article (before its first kept line, inside, after its last) and its shape."""
    kept = [k for k, d in enumerate(decisions) if d.kept]
    where = "no article" if not kept else "before" if at < kept[0] else "after" if at > kept[-1] else "inside"
    words = len(decisions[at].text.split())
    ends = decisions[at].text.rstrip().endswith((".", "!", "?", "…", ":", '"', "”", "“", "»", "«", ")"))
    shape = "short (1-5 words)" if words <= 5 else ("sentence" if ends else "open") + (" 6-15 words" if words <= 15 else " 16+ words")
    return f"{where}, {shape}"


def _txt(path: Path, entry: dict, score, model: LineModel | None = None) -> tuple[str, list[str]]:
    dump = parse_text_dump(path.read_text(encoding="utf-8", errors="replace"), model=model)
    body = dump.body
    notes = []
    squashed = [(_squash(d.text), d) for d in dump.lines]
    index = {id(d): k for k, d in enumerate(dump.lines)}
    for flag, snippets in (("LOST", entry.get("with", [])), ("KEPT", entry.get("without", []))):
        text = score.squash(score.markdown_to_text(body))
        for snippet in snippets:
            found = score.squash(snippet) in text
            if found == (flag == "KEPT"):
                needle = _squash(snippet)
                where = [d for s, d in squashed if needle[:60] in s]
                if where:
                    d = where[0]
                    notes.append(
                        f"  {flag} {snippet[:70]!r}\n      line {d.number} <{_place_in_dump(list(dump.lines), index[id(d)])}> "
                        f"kept={d.kept}: {d.reason[:160]}"
                    )
                else:
                    notes.append(f"  {flag} {snippet[:70]!r}\n      (no single line holds it)")
    if dump.title:
        notes.append(f"  title: {dump.title[:80]!r}")
    return body, notes


def _html(path: Path, entry: dict, score) -> tuple[str, list[str]]:
    text = decode(path.read_bytes(), html=True)  # as ingest decodes it: a legacy encoding is not read as mojibake
    read = read_page(text)
    steps = body_steps(*read, headline(read[1])) if read else [BodyStep("unreadable", "")]
    # Each step read as the scorer reads a post, so a character it strips counts the same for each.
    seen = [score.squash(score.markdown_to_text(step.body)) for step in steps]
    notes = []
    root = page_text = None
    for flag, snippets in (("LOST", entry.get("with", [])), ("KEPT", entry.get("without", []))):
        for snippet in snippets:
            needle = score.squash(snippet)
            if (needle in seen[-1]) != (flag == "KEPT"):
                continue
            step = steps[0].step
            for index in range(1, len(steps)):
                if (needle in seen[index]) != (needle in seen[index - 1]):
                    step = steps[index].step
            where = ""
            if flag == "LOST" and read:
                if page_text is None:
                    page_text = score.squash(read[0].text_content())
                    root = _article_root(read[0], steps[-1].body, score.squash)
                where = _place(read[0], root, needle, page_text, score.squash)
            elif flag == "KEPT":
                where = _place_in_body(steps[-1].body, needle, score)
            notes.append(f"  {flag} [{step}] {snippet[:70]!r}" + (f"\n      {where}" if where else ""))
    return steps[-1].body, notes


def _place(tree: HtmlElement, root: HtmlElement | None, needle: str, page_text: str, squash) -> str:
    """Where the page shows a lost snippet: not as one run of text, inside the article's container, or outside it,
    and the shape of the element that holds it (`place: …`, tallied by `main`)."""
    holder = _holder(tree, needle, squash) if needle in page_text else None
    if holder is None:
        return "not shown as one run of text <place: not shown as one run>"
    if root is not None and (holder is root or root in set(holder.iterancestors())):
        return f"inside the article {_describe(root)}: {_describe(holder)} <place: inside, {_element_shape(holder)}>"
    return f"outside the article: {_describe(holder)} <place: outside, {_element_shape(holder)}>"


_SHAPES = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
           "p": "paragraph", "li": "list item", "dd": "list item", "dt": "list item", "td": "table cell",
           "th": "table cell", "figcaption": "caption", "blockquote": "quote", "script": "script data",
           "span": "inline", "a": "inline", "strong": "inline", "b": "inline", "em": "inline", "i": "inline",
           "time": "inline"}


def _element_shape(element: HtmlElement) -> str:
    """The kind of element a lost snippet sits in: a heading, a paragraph, a list item, an inline run, …"""
    return _SHAPES.get(str(element.tag), "block")


def _place_in_body(body: str, needle: str, score) -> str:
    """Where a kept snippet sits in the body against its prose (before the first sentence-shaped line of eight
    words or more, between, after the last) and the shape of its line (`place: …`, tallied by `main`)."""
    lines = [line for line in body.split("\n") if line.strip()]
    texts = [score.squash(score.markdown_to_text(line)) for line in lines]
    holding = [k for k, text in enumerate(texts) if needle in text]
    if not holding:
        return "<place: across lines>"
    prose = [k for k, text in enumerate(texts) if len(text.split()) >= 8 and text.endswith((".", "!", "?", "…", "»", "”", '"'))]
    at = holding[0]
    where = "no prose" if not prose else "before" if at < prose[0] else "after" if at > prose[-1] else "inside"
    return f"line {at + 1} of {len(lines)} <place: {where}, {_line_shape(lines[at])}>"


def _line_shape(line: str) -> str:
    """A body line's Markdown shape, or its length and sentence shape for a plain line."""
    stripped = line.strip()
    if re.match(r"#{1,6}\s", stripped):
        return "heading"
    if re.match(r"(?:[-*+]|\d+[.)])\s", stripped):
        return "list item"
    if stripped.startswith("|"):
        return "table row"
    if re.fullmatch(r"(?:\*\*|__).+(?:\*\*|__)\W?", stripped):
        return "bold line"
    if re.fullmatch(r"[*_][^*_].*[*_]\W?", stripped):
        return "italic line"
    words = len(stripped.split())
    ends = stripped.endswith((".", "!", "?", "…", ":", '"', "”", "“", "»", "«", ")"))
    return "short (1-5 words)" if words <= 5 else ("sentence" if ends else "open") + (" 6-15 words" if words <= 15 else " 16+ words")


def _holder(tree: HtmlElement, needle: str, squash) -> HtmlElement | None:
    """The deepest element whose text holds `needle` (squashed)."""
    found = None
    for element in tree.iter():
        if isinstance(element.tag, str) and needle in squash(element.text_content()):
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


def _counts(body: str, entry: dict, score) -> Counter[str]:
    """The page's snippet counts as `score.py snippets` makes them: tp, fn, fp."""
    text = score.squash(score.markdown_to_text(body))
    found: Counter[str] = Counter()
    for snippet in entry.get("with", []):
        found["tp" if score.squash(snippet) in text else "fn"] += 1
    for snippet in entry.get("without", []):
        found["fp"] += score.squash(snippet) in text
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--kind", choices=("txt", "html"), default="txt")
    parser.add_argument("--sites", choices=("half", "other", "all"), default="all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--held-out", action="store_true", help="fit the line model on the other half's pages first")
    parser.add_argument("--quiet", action="store_true", help="print the tallies and the score only")
    args = parser.parse_args(argv)
    if args.held_out and (args.kind != "txt" or args.sites == "all"):
        parser.error("--held-out reads text dumps of one half: use it with --kind txt and --sites half or other")
    sys.path.insert(0, str(args.corpus.resolve().parent / "eval"))
    import score  # the corpus's own scorer

    gold = json.loads((args.corpus / "meta" / "gold.json").read_text(encoding="utf-8"))
    half = first_half(gold, args.seed)
    model = None
    if args.held_out:
        read = half if args.sites == "half" else set(gold) - half
        model = _fit_elsewhere(args.corpus, read)
    tally: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {"LOST": Counter(), "KEPT": Counter()}
    places: dict[str, Counter[str]] = {"LOST": Counter(), "KEPT": Counter()}
    for key, entry in sorted(gold.items()):
        if args.sites == "half" and key not in half or args.sites == "other" and key in half:
            continue
        path = args.corpus / "meta" / f"{key}.{args.kind}"
        if not path.is_file() or not (entry.get("with") or entry.get("without")):
            continue
        body, notes = _txt(path, entry, score, model) if args.kind == "txt" else _html(path, entry, score)
        tally.update(_counts(body, entry, score))
        failures = [n for n in notes if n.startswith(("  LOST", "  KEPT"))]
        for note in failures:
            kinds[note[2:6]][_kind(note)] += 1
            place = re.search(r" <([^>]+)> kept=", note) or re.search(r"<place: ([^>]+)>", note)
            places[note[2:6]][place.group(1) if place else "no single line holds it"] += 1
        if failures and not args.quiet:
            print(f"== {key} ({_site(key, entry)})")
            print("\n".join(notes))
    tp, fn, fp = tally["tp"], tally["fn"], tally["fp"]
    print(f"lost with: {fn}, kept without: {fp}")
    for flag, counted in kinds.items():
        if counted:
            print(f"{flag} by decision: " + "; ".join(f"{kind} {n}" for kind, n in counted.most_common()))
    for flag, counted in places.items():
        if counted:
            print(f"{flag} by place and shape: " + "; ".join(f"{kind} {n}" for kind, n in counted.most_common()))
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"snippets: tp={tp} fn={fn} fp={fp} F1={f1:.3f} precision={precision:.3f} recall={recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
