"""Per page, the `with` snippets the body loses and the `without` snippets it keeps, and why.

    python tools/snippet_failures.py [--corpus ../shared/corpus] [--kind txt|html] [--sites half|other|all] [--seed 1]
                                     [--held-out]

For a text dump each failing snippet is shown with the line that holds it and
the cleaner's reason for that line (the reasons `ingest --explain` gives), and
the failures are counted by the decision behind them at the end; for a saved page, what trafilatura alone
gives beside what the whole reader gives. `--sites half` reads the first of
two random halves of the sites (the same split as `train_body.py --halves`),
the half failures are classified on. With `--held-out` (text dumps, one half)
the line model is first fitted on the other half's pages, as `train_body.py
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

from newsdigest.errors import SourceError  # noqa: E402
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
    """The decision behind a failing snippet's note: the rule's, or the rule the model overruled."""
    if "trafilatura alone" in note:
        return "trafilatura alone " + ("right" if note.endswith("right)") else "the same")
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


def _txt(path: Path, entry: dict, score, model: LineModel | None = None) -> tuple[str, list[str]]:
    dump = parse_text_dump(path.read_text(encoding="utf-8", errors="replace"), model=model)
    body = dump.body
    notes = []
    squashed = [(_squash(d.text), d) for d in dump.lines]
    for flag, snippets in (("LOST", entry.get("with", [])), ("KEPT", entry.get("without", []))):
        text = score.squash(score.markdown_to_text(body))
        for snippet in snippets:
            found = score.squash(snippet) in text
            if found == (flag == "KEPT"):
                needle = _squash(snippet)
                where = [d for s, d in squashed if needle[:60] in s]
                if where:
                    d = where[0]
                    notes.append(f"  {flag} {snippet[:70]!r}\n      line {d.number} kept={d.kept}: {d.reason[:160]}")
                else:
                    notes.append(f"  {flag} {snippet[:70]!r}\n      (no single line holds it)")
    if dump.title:
        notes.append(f"  title: {dump.title[:80]!r}")
    return body, notes


def _html(path: Path, entry: dict, score) -> tuple[str, list[str]]:
    from trafilatura import extract

    from newsdigest.ingest.html_source import read_html

    raw = path.read_text(encoding="utf-8", errors="replace")
    try:
        body = read_html(raw).body
    except SourceError as error:
        body = ""
        print(f"{path.name}: {error}")
    alone = extract(raw, include_comments=False) or ""
    # Both read as the scorer reads a post, so a character it strips counts the same for each.
    ours, theirs = score.squash(score.markdown_to_text(body)), score.squash(score.markdown_to_text(alone))
    notes = []
    for flag, snippets in (("LOST", entry.get("with", [])), ("KEPT", entry.get("without", []))):
        for snippet in snippets:
            needle = score.squash(snippet)
            us, them = needle in ours, needle in theirs
            if us == (flag == "KEPT"):
                notes.append(f"  {flag} {snippet[:70]!r} (trafilatura alone {'same' if us == them else 'right'})")
    return body, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--kind", choices=("txt", "html"), default="txt")
    parser.add_argument("--sites", choices=("half", "other", "all"), default="all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--held-out", action="store_true", help="fit the line model on the other half's pages first")
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
    for key, entry in sorted(gold.items()):
        if args.sites == "half" and key not in half or args.sites == "other" and key in half:
            continue
        path = args.corpus / "meta" / f"{key}.{args.kind}"
        if not path.is_file() or not (entry.get("with") or entry.get("without")):
            continue
        _, notes = _txt(path, entry, score, model) if args.kind == "txt" else _html(path, entry, score)
        failures = [n for n in notes if n.startswith(("  LOST", "  KEPT"))]
        tally["lost"] += sum(n.startswith("  LOST") for n in failures)
        tally["kept"] += sum(n.startswith("  KEPT") for n in failures)
        for note in failures:
            kinds[note[2:6]][_kind(note)] += 1
        if failures:
            print(f"== {key} ({_site(key, entry)})")
            print("\n".join(notes))
    print(f"lost with: {tally['lost']}, kept without: {tally['kept']}")
    for flag, counted in kinds.items():
        if counted:
            print(f"{flag} by decision: " + "; ".join(f"{kind} {n}" for kind, n in counted.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
