"""A generated news corpus for the grouping benchmark: many events, several reports each.

No real articles are shipped, so the benchmark makes its own, with the shape
that matters to grouping:

- a Zipf-distributed vocabulary (a few very common words, a long tail), with
  real English function words so stop-word handling does real work;
- topics (politics, quakes, sport…) that many events share, so that two
  events in one topic look alike, as in real news;
- per event: people and places (capitalised, multi-word), figures, a date and
  a few words of its own; each report mixes general, topic and event words in
  its own order, with its own headline, 1–2 days after the event, and one in
  ten reports has no date.

The truth (which event each post reports) comes back with the posts, so the
benchmark can also print how well the grouping recovered it.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from newsdigest.model import Post

FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "was",
    "he",
    "for",
    "it",
    "with",
    "as",
    "his",
    "on",
    "be",
    "at",
    "by",
    "i",
    "this",
    "had",
    "not",
    "are",
    "but",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "her",
    "all",
    "she",
    "there",
    "would",
    "their",
    "we",
    "him",
    "been",
    "has",
    "when",
    "who",
    "will",
    "more",
    "no",
    "if",
    "out",
    "so",
    "said",
    "what",
    "up",
    "its",
    "about",
    "into",
    "than",
    "them",
    "can",
    "only",
    "other",
    "new",
    "some",
    "could",
    "time",
    "these",
    "two",
    "may",
    "then",
    "do",
    "first",
    "any",
    "my",
    "now",
    "such",
    "like",
    "our",
    "over",
    "man",
    "me",
    "even",
    "most",
    "made",
    "after",
    "also",
    "did",
    "many",
    "before",
    "must",
    "through",
    "back",
    "years",
    "where",
    "much",
    "your",
    "way",
    "well",
    "down",
    "should",
    "because",
    "each",
    "just",
    "those",
    "people",
    "how",
    "too",
    "little",
    "state",
    "good",
    "very",
    "make",
    "world",
    "still",
    "own",
    "see",
    "men",
    "work",
    "long",
    "get",
    "here",
    "between",
    "both",
    "life",
    "being",
    "under",
    "never",
    "day",
    "same",
    "another",
    "know",
    "while",
    "last",
    "might",
    "us",
    "great",
    "old",
    "year",
    "off",
    "come",
    "since",
    "against",
    "go",
    "came",
    "right",
    "used",
    "take",
    "three",
]

_SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "ea")]


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add(_pseudo_word(rng, rng.choice((2, 2, 3, 3, 4))))
    return sorted(words)


def generate(n_posts: int, seed: int = 7) -> tuple[list[Post], list[int]]:
    """`n_posts` posts and, for each, the number of the event it reports."""
    rng = random.Random(seed)
    general = _vocabulary(rng, 30_000)
    zipf_weights = [1.0 / (rank + 10) for rank in range(len(general))]
    n_topics = max(10, n_posts // 300)
    topics = [rng.sample(general[2000:], 60) for _ in range(n_topics)]
    names = [_pseudo_word(rng, rng.choice((2, 3))).capitalize() for _ in range(max(1000, n_posts // 2))]
    places = [_pseudo_word(rng, 3).capitalize() for _ in range(max(300, n_posts // 20))]
    start = datetime(2024, 1, 1, tzinfo=UTC)

    posts: list[Post] = []
    truth: list[int] = []
    event = 0
    general_pool = rng.choices(general, weights=zipf_weights, k=400_000)
    pool_pos = 0
    while len(posts) < n_posts:
        topic = topics[rng.randrange(n_topics)]
        people = [f"{rng.choice(names)} {rng.choice(names)}" for _ in range(rng.randint(1, 3))]
        where = [rng.choice(places) for _ in range(rng.randint(1, 2))]
        figures = [str(rng.randint(2, 5000)) for _ in range(rng.randint(1, 3))]
        own = rng.sample(general[500:], 12)
        topic_words = rng.sample(topic, 25)
        when = start + timedelta(days=rng.uniform(0, 730))
        size = min(12, max(1, int(rng.expovariate(1 / 3.0)) + 1))
        for _ in range(min(size, n_posts - len(posts))):
            length = rng.randint(120, 320)
            words: list[str] = []
            for _ in range(length):
                r = rng.random()
                if r < 0.40:
                    words.append(FUNCTION_WORDS[int(rng.paretovariate(1.2)) % len(FUNCTION_WORDS)])
                elif r < 0.68:
                    words.append(general_pool[pool_pos % len(general_pool)])
                    pool_pos += 1
                elif r < 0.82:
                    words.append(rng.choice(topic_words))
                elif r < 0.90:
                    words.append(rng.choice(own))
                elif r < 0.96:
                    words.append(rng.choice(people) if rng.random() < 0.6 else rng.choice(where))
                else:
                    words.append(rng.choice(figures))
            sentences = []
            for s in range(0, len(words), 18):
                chunk = words[s : s + 18]
                chunk[0] = chunk[0][:1].upper() + chunk[0][1:]
                sentences.append(" ".join(chunk) + ".")
            paragraphs = ["\n".join(sentences[p : p + 3]).replace("\n", " ") for p in range(0, len(sentences), 3)]
            headline = " ".join(
                [rng.choice(people).split()[-1]] + rng.sample(own, 2) + rng.sample(topic_words, 3) + [rng.choice(where)]
            )
            number = len(posts)
            published = None if rng.random() < 0.1 else when + timedelta(hours=rng.uniform(0, 40))
            posts.append(
                Post(
                    id=f"p{number:06d}",
                    title=headline[:1].upper() + headline[1:],
                    body="\n\n".join(paragraphs),
                    source=f"sources/p{number:06d}.md",
                    outlet=f"outlet{rng.randrange(40)}",
                    published=published,
                )
            )
            truth.append(event)
        event += 1
    return posts, truth
