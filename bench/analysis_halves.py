"""Score a build's stories.json on the analysis set, split into a fitting half and a held-out half.

    python bench/analysis_halves.py GOLD.json STORIES.json [--per-doc]

The 30 labelled events are sorted by key; the first 15 are the half the analysis
thresholds were fitted on, the other 15 stand in for unseen events. Each half and
the whole are scored by the corpus's own scorer (`score.py analysis`), found next
to the gold file's corpus (../../eval/score.py) unless SCORE_PY names it.
"""

from __future__ import annotations

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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
