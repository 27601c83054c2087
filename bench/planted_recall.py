"""How often a number changed in one version's own sentence is listed as a disagreement, on a built site.

    PYTHONPATH=. python bench/planted_recall.py CONTENT_DIR GOLD.json [--misses]

CONTENT_DIR is a built site's content folder (its `posts/` and `out/stories.json`).
The analysis set plants one changed number per event; this plants many, to
measure the class on more than a dozen cases. For every labelled event of
GOLD.json (sorted by key: the first 15 are the fitting half, the rest the
held-out half) and every figure outside quoted speech (not a date, age,
percentage or duration; written in digits) whose numeral another version of
the story also states outside quoted speech, it changes that numeral in that
one sentence (a decimal by +1 where that stays within a ratio of 1.3, else
+12 %) and runs the finder on the story's versions. A plant is found when a
listed dispute sets the new numeral, in the changed version, against the old
one in another version (whole numerals compared: 12 is not found in 112).
--misses prints, for each plant not found, the tests of
`disagreements.PairTests` that stop the pair of the changed figure and its
counterparts (as `dispute_pairs.py` names them).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dispute_pairs import built_stories, guarded, scored_stories, stopping_tests

from newsdigest.errors import NewsdigestError
from newsdigest.stories import disagreements as finder
from newsdigest.stories.numbers import Mention
from newsdigest.stories.sentences import quoted_spans

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _changed(numeral: str) -> str | None:
    """The numeral a plant writes instead: a decimal +1 where that stays within a ratio of 1.3 ("$9.4 billion"
    for "$8.4 billion"), else +12 % (commas and decimals kept as written)."""
    digits = numeral.replace(",", "")
    if not digits.replace(".", "", 1).isdigit() or float(digits) == 0:
        return None
    if "." in digits:
        places = len(digits.split(".")[1])
        up = float(digits) + 1 if (float(digits) + 1) / float(digits) <= 1.3 else float(digits) * 1.12
        return f"{up:.{places}f}"
    new = round(int(digits) * 1.12) or 1
    return f"{new:,}" if "," in numeral else str(new)


def _spoken(m: Mention) -> bool:
    """Does the figure stand inside quoted speech (straight or curly quotes)? A plant changes an outlet's own
    words only."""
    return any(a <= m.start < b for a, b in quoted_spans(m.sentence))


def _numerals(text: str) -> set[str]:
    """The whole numerals written in digits in a claim's value, commas dropped ("1,200 homes" → {"1200"})."""
    return {n.replace(",", "") for n in _DIGITS.findall(text)}


def _plants(posts: list, scored: finder.ScoredFigures):
    """(figure, new numeral, changed posts) for each figure outside quotes that another version states with the
    same numeral outside quotes."""
    ms = scored.mentions
    seen = set()
    for m in ms:
        if m.dimension in finder.CALENDAR or m.dimension in ("age", "percent", "duration") or _spoken(m):
            continue
        others = [k for k, o in enumerate(ms) if o.post != m.post and o.numeral == m.numeral
                  and o.dimension == m.dimension and not _spoken(o)]
        raw = _DIGITS.search(m.sentence, m.start)
        if raw and " " in m.sentence[m.start:raw.start()]:
            raw = None  # "five people … 12 homes": the figure is written in words
        new = _changed(raw.group(0)) if raw else None
        key = (m.post, m.numeral, m.dimension)
        post = posts[m.post]
        at = post.body.find(m.sentence)
        if not others or not new or key in seen or at < 0:
            continue
        seen.add(key)
        pos = at + raw.start()
        body = post.body[:pos] + new + post.body[raw.end() + at:]
        changed = list(posts)
        changed[m.post] = replace(post, body=body)
        yield m, new, changed


def _events(path: Path) -> dict:
    """The labelled events of GOLD.json, each with its files; NewsdigestError naming the file and the reason
    where it has none."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise NewsdigestError(f"cannot read the gold file ({error.strerror or error})", path) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise NewsdigestError(f"not JSON ({error})", path) from None
    if not isinstance(gold, dict) or not all(
            isinstance(e, dict) and isinstance(e.get("files"), list) and all(isinstance(f, str) for f in e["files"])
            for e in gold.values()):
        raise NewsdigestError("not an analysis gold file: an object of events, each with a list of 'files'", path)
    return gold


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__)
        return 2
    root = Path(args[0])
    return guarded(root, lambda: _report(root, built_stories(root), _events(Path(args[1])), "--misses" in argv))


def _report(root: Path, stories: list[dict], gold: dict, misses: bool) -> int:
    story_of = {Path(p.get("source", "")).stem: s for s in stories for p in s["posts"]}
    keys = sorted(gold)
    tally: dict[str, Counter[str]] = {"fit": Counter(), "held-out": Counter()}
    for n, key in enumerate(keys):
        half = "fit" if n < 15 else "held-out"
        stems = [Path(f).stem for f in gold[key]["files"]]
        found_stories = {id(story_of[f]): story_of[f] for f in stems if f in story_of}
        for _, posts, scored in scored_stories(root, list(found_stories.values())):
            for m, new, changed in _plants(posts, scored):
                found = finder.find_disagreements(changed)
                planted = posts[m.post].id
                hit = any(any(new.replace(",", "") in _numerals(c.value) and c.post_id == planted for c in d.claims)
                          and any(m.numeral in _numerals(c.value) and c.post_id != planted for c in d.claims)
                          for d in found)
                tally[half]["planted"] += 1
                tally[half]["found"] += hit
                if not hit and misses:
                    _explain(changed, m, new, half, key)
    for half, t in tally.items():
        print(f"{half}: {t['found']}/{t['planted']} planted changes found"
              f" ({t['found'] / max(1, t['planted']):.2f})")
    return 0


def _explain(changed: list, m, new: str, half: str, key: str) -> None:
    """Print why the changed figure pairs with none of its old counterparts."""
    scored = finder.scored_figures(changed)
    ms = scored.mentions
    tests = finder.pair_tests(changed, ms, scored.score, scored.casing)
    i = next((k for k, x in enumerate(ms) if x.post == m.post and x.numeral == new.replace(',', '')), None)
    if i is None:
        print(f"  {half} {key[6:14]} {m.figure!r} -> {new}: changed figure not read")
        return
    others = [k for k, x in enumerate(ms) if x.post != m.post and x.numeral == m.numeral and x.dimension == m.dimension]
    reasons = sorted({", ".join(stopping_tests(tests, i, j, bool(scored.score[i, j] == -1.0))) or "pairing"
                      for j in others})
    print(f"  {half} {key[6:14]} {m.figure!r} -> {new} [{'; '.join(reasons)}] score "
          f"{max(tests.score[i, j] for j in others):.2f}\n     {ms[i].sentence[:160]}\n"
          + "".join(f"     {ms[j].sentence[:160]}\n" for j in others[:2]), end="")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
