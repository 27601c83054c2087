"""Which pairs of clashing figures reach each test of the disagreement finder, on a built site.

    python bench/dispute_pairs.py CONTENT_DIR [--dimension day] [--margin 0.35] [--stopped-by periods]

CONTENT_DIR is a built site's content folder (its `posts/` and `out/stories.json`,
as `python build.py build --content C --output C/out` leaves them). For every
story of two or more versions it prints each pair of figures from two versions
that are of one kind and clash, whose surroundings score at least what the pair
needs less `--margin`, with the tests that stop it:

  speech    quoted speech forbids the pair (a speaker's figure against another's)
  apart     the sentences credit the figures to two people or two kinds of a thing
  occasions the days may be of two occasions
  aims      an aim against an outcome
  periods   time phrases qualifying the figures name two periods of one kind
  outcomes  counts of two classes of outcome ("were killed" / "were injured")
  acts      counts under two verbs a version itself gives one noun two figures under
  grown     a running tally a later version gives higher (it no longer clashes)
  ratio     the values are further apart than MAX_RATIO (years: YEARS_APART), and not one numeral
  low       the score, less the closeness penalty, is below what the pair needs

The names and arrays are those of `disagreements.PairTests`, the very tests the finder applies.
A pair none of these stops reaches the pairing itself (one to one, then the
explanations of `_explained`). The last line counts the pairs each test stops.
Use it to see where a missed disagreement is lost, and to log every pair a
rule admits or stops on the whole build before moving a threshold.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdigest.errors import NewsdigestError
from newsdigest.postfile import read_post
from newsdigest.stories import disagreements as finder

_STOPS = ("apart", "occasions", "aims", "periods", "outcomes", "acts")
"""The tests of `finder.PairTests` that set two figures apart, printed under their own names."""


def _stories(built: object) -> list[dict]:
    """The stories of a parsed stories.json; KeyError or TypeError where one lacks what `_report` reads."""
    stories = built["stories"]  # type: ignore[index]
    if not isinstance(stories, list) or not all(
            isinstance(s, dict) and isinstance(s["id"], str) and isinstance(s["posts"], list)
            and all(isinstance(p, dict) and isinstance(p["id"], str) for p in s["posts"]) for s in stories):
        raise TypeError("'stories' is not a list of stories, each with an id and a list of posts with ids")
    return stories


def _option(argv: list[str], name: str, default: str) -> str:
    return argv[argv.index(name) + 1] if name in argv[:-1] else default


def stopping_tests(tests: finder.PairTests, i: int, j: int, spoken: bool) -> list[str]:
    """The names of the tests that stop the pair of figures (i, j), in the order `_disagreements` applies them.

    `tests` is `finder.pair_tests` over the story's figures; `spoken` says the pair's score is the
    quoted-speech veto (-1.0). The names are those the module's docstring lists; an empty list is a pair
    that reaches the pairing itself. Shared with `planted_recall.py --misses`, so that both reports name a
    stopped pair in the same words.
    """
    stops = ["speech"] if spoken else []
    stops += [name for name in _STOPS if getattr(tests, name)[i, j]]
    if tests.grown[i, j]:
        stops.append("grown")
    if not tests.order[i, j]:
        stops.append("ratio")
    if tests.score[i, j] < tests.need[i, j]:
        stops.append("low")
    return stops


def scored_stories(root: Path, stories: list[dict]):
    """Each story of two or more versions with figures: its posts (read from `root`/posts) and their scores."""
    for story in stories:
        if len(story["posts"]) < 2:
            continue
        posts = [read_post(root / "posts" / f"{p['id']}.md") for p in story["posts"]]
        scored = finder.scored_figures(posts)
        if scored is not None:
            yield story, posts, scored


def _report(root: Path, stories: list[dict], dimension: str | None, margin: float, stopped_by: str | None) -> int:
    counts: Counter[str] = Counter()
    for story, posts, scored in scored_stories(root, stories):
        ms = scored.mentions
        tests = finder.pair_tests(posts, ms, scored.score, scored.casing)
        candidates = tests.kind & tests.contradict
        for i, j in zip(*np.nonzero(np.triu(candidates, 1)), strict=True):
            a, b = ms[i], ms[j]
            spoken = bool(scored.score[i, j] == -1.0)
            if (dimension and a.dimension != dimension) or (tests.score[i, j] < tests.need[i, j] - margin
                                                             and not spoken):
                continue
            stops = stopping_tests(tests, i, j, spoken)
            counts.update(stops or ["none"])
            if stopped_by and stopped_by not in stops:
                continue
            print(f"{tests.score[i, j]:.3f} need {tests.need[i, j]:.2f} {story['id'][:8]} {a.dimension} "
                  f"{a.figure!r} vs {b.figure!r} stopped by: {', '.join(stops) or 'none'}\n   {a.sentence[:200]}\n"
                  f"   {b.sentence[:200]}")
    print("pairs stopped by each test:", dict(sorted(counts.items())))
    return 0


def built_stories(root: Path) -> list[dict]:
    """The stories of the site built in `root` (its `out/stories.json`); NewsdigestError naming the file and
    the reason where there is none to read."""
    built = root / "out" / "stories.json"
    if not built.is_file():
        raise NewsdigestError(f"no stories.json; build the site first (python build.py build --content {root} "
                              f"--output {root / 'out'})", built)
    try:
        return _stories(json.loads(built.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as error:
        raise NewsdigestError(f"not a stories.json this build writes ({error})", built) from None


def guarded(root: Path, report: Callable[[], int]) -> int:
    """Run a report of the site built in `root`; a bad input file prints as one line naming it and the reason
    (exit 2), never a traceback."""
    try:
        return report()
    except NewsdigestError as error:  # names the file and the reason
        print(error)
        return 2
    except OSError as error:
        print(f"{root / 'posts'}: {error}")
        return 2


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("--"):
        print(__doc__)
        return 2
    root = Path(argv[0])
    try:
        margin = float(_option(argv, "--margin", "0.35"))
    except ValueError:
        print(f"--margin {_option(argv, '--margin', '')}: not a number")
        return 2
    return guarded(root, lambda: _report(root, built_stories(root), _option(argv, "--dimension", "") or None,
                                         margin, _option(argv, "--stopped-by", "") or None))

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
