"""Score a build's stories.json on the analysis set, split into a fitting half and a held-out half.

    python bench/analysis_halves.py GOLD.json STORIES.json [--per-doc] [--misses]

The 30 labelled events are sorted by key; the first 15 are the half the analysis
thresholds were fitted on, the other 15 stand in for unseen events. Each half and
the whole are scored by the corpus's own scorer (`score.py analysis`), found next
to the gold file's corpus (../../eval/score.py) unless SCORE_PY names it.
--misses lists each labelled disagreement the build does not list, with its half,
matched by the scorer's own rule (two of its values among one listed dispute's
claims from the event's own files; each listed dispute credited once).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__)
        return 2
    gold_path, stories = Path(args[0]), args[1]
    scorer = os.environ.get("SCORE_PY") or str(gold_path.resolve().parents[2] / "eval" / "score.py")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    keys = sorted(gold)
    halves = {"fit": keys[:15], "held-out": keys[15:], "whole": keys}
    with tempfile.TemporaryDirectory() as tmp:
        for name, chosen in halves.items():
            part = Path(tmp) / f"{name}.json"
            part.write_text(json.dumps({k: gold[k] for k in chosen}), encoding="utf-8")
            print(f"--- {name} ({len(chosen)} events)")
            flags = ["--per-doc"] if "--per-doc" in argv and name != "whole" else []
            out = subprocess.run([sys.executable, scorer, "analysis", str(part), stories, *flags],
                                 capture_output=True, text=True, check=False)
            print(out.stdout.rstrip())
    if "--misses" in argv:
        _misses(gold, keys[:15], stories, scorer)
    return 0


def _misses(gold: dict, fit: list[str], stories: str, scorer: str) -> None:
    """Print the labelled disagreements no listed dispute of their event's stories matches, by the scorer's
    rule: only a dispute's claims from the event's own files count, two of the labelled values must be among
    them, and a dispute is credited to one labelled disagreement only (the first it matches)."""
    spec = importlib.util.spec_from_file_location("score", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    data = json.loads(Path(stories).read_text(encoding="utf-8"))["stories"]
    story_of = {score.stem(p.get("source", "")): s for s in data for p in s.get("posts", [])}
    src_of = {p.get("id"): score.stem(p.get("source", "")) for s in data for p in s.get("posts", [])}
    print("--- missed")
    for key in sorted(gold):
        files = {score.stem(f) for f in gold[key]["files"]}
        listed = [[c.get("value") for c in d.get("claims", []) if {src_of.get(i) for i in score.ids(c)} & files]
                  for s in {id(story_of[f]): story_of[f] for f in files if f in story_of}.values()
                  for d in s.get("disagreements") or []]
        golds = gold[key].get("disagreements", [])
        hit = set()
        for found in (f for f in listed if len({str(v) for v in f}) >= 2):
            for k, labelled in enumerate(golds):  # credited to the first labelled one it matches, as scored
                values = [c["value"] for c in labelled["claims"]]
                if len({g for v in found for g, value in enumerate(values) if score.same_value(v, value)}) >= 2:
                    hit.add(k)
                    break
        for k, labelled in enumerate(golds):
            if k not in hit:
                half = "fit" if key in fit else "held-out"
                print(f"  {half:8} {key[:14]} {'planted ' if labelled.get('planted') else ''}"
                      f"{' vs '.join(c['value'] for c in labelled['claims'])}: {labelled.get('what', '')}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
