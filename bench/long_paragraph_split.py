"""Time sentence splitting on one long paragraph full of quotes: the splitter must stay linear in its length.

    PYTHONPATH=. python bench/long_paragraph_split.py [QUOTES ...]

Each paragraph repeats a made-up quoted sentence QUOTES times (default 5,000 and 20,000: 200 KB and
800 KB); prints the seconds one uncached split takes and the sentences found.
"""

from __future__ import annotations

import sys
import time

from newsdigest.stories.sentences import split_sentences

SENTENCE = "\"We will keep the quay open,\" she said. "


def main(argv: list[str]) -> int:
    for count in [int(a) for a in argv] or [5_000, 20_000]:
        paragraph = SENTENCE * count
        began = time.perf_counter()
        found = split_sentences(paragraph)
        print(f"{count} quotes, {len(paragraph) // 1000} KB: {time.perf_counter() - began:.2f} s, "
              f"{len(found)} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
