"""Generate a large, plausible news-digest content folder for benchmarks.

`python bench/serve_sitegen.py DIR --articles 2000` writes `DIR/content/sources/*.md`:
Markdown sources with Jekyll-style front matter, as an editor would drop them.
Articles come in stories of one to six versions from different outlets; the
versions of one story share most sentences (copies, light rewrites) and each
adds a few of its own, so grouping has real work to do. Everything is derived
from a seed: the same arguments give the same files.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

OUTLETS = [
    "The Morning Ledger", "Harbour Times", "Northern Courier", "City Observer", "The Evening Post",
    "Valley Gazette", "Coastal Herald", "Metro Daily", "The Record", "Riverside Chronicle",
    "Capital Wire", "The Independent Voice", "Lakeside News", "Mountain Tribune", "Plains Journal",
]
PLACES = ["Avonford", "Brackenridge", "Caldermoor", "Dunmere", "Eastwick", "Fallowby", "Greystone", "Hollinsby",
          "Ironbridge", "Juniper Bay", "Kestrel Point", "Lowmarsh", "Millbrook", "Northfield", "Oakhaven"]
ORGS = ["the city council", "the regional health board", "the transport authority", "the water company",
        "the teachers' union", "the chamber of commerce", "the fire service", "the university", "the port authority",
        "the housing association", "the environment agency", "the police", "the football club", "the hospital trust"]
TOPICS = [
    ("budget", "approved a budget of {n} million for {thing}", ["schools", "roads", "libraries", "parks", "flood defences"]),
    ("strike", "announced a {n}-day strike over {thing}", ["pay", "staffing", "pensions", "working hours"]),
    ("opening", "opened a new {thing} costing {n} million", ["bridge", "clinic", "library", "tram line", "sports hall"]),
    ("flood", "warned that {n} homes were at risk from {thing}", ["rising rivers", "storm surges", "heavy rain"]),
    ("report", "published a report finding {n} per cent of {thing} below standard", ["homes", "roads", "schools"]),
    ("fire", "said {n} firefighters tackled a blaze at a {thing}", ["warehouse", "school", "factory", "farm"]),
]
NAMES = ["Alex Morgan", "Sam Patel", "Jordan Lee", "Priya Shah", "Chris Walker", "Dana Okafor", "Robin Fischer",
         "Maria Lopez", "Tom Becker", "Aisha Khan", "Luca Rossi", "Emma Novak", "Owen Price", "Lena Berg"]
FILLER = [
    "Officials said further details would be released in the coming weeks.",
    "Residents who spoke to reporters gave a mixed reaction to the news.",
    "The decision follows months of consultation with local groups.",
    "Critics argued that the plan did not go far enough.",
    "A spokesperson declined to comment on the timetable.",
    "Similar measures were introduced in neighbouring towns last year.",
    "The announcement was welcomed by business leaders in the area.",
    "Opposition members said they would scrutinise the figures closely.",
    "Campaigners said they would continue to press for change.",
    "The full details are expected to be published online.",
]
SYNONYMS = {"said": "stated", "announced": "revealed", "new": "recently built", "warned": "cautioned",
            "months": "many months", "residents": "locals", "plan": "proposal", "area": "region"}


def _rewrite(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    return " ".join(SYNONYMS.get(w, w) if rng.random() < 0.6 else w for w in words)


def _story(rng: random.Random, index: int) -> dict:
    kind, pattern, things = rng.choice(TOPICS)
    place, org, person = rng.choice(PLACES), rng.choice(ORGS), rng.choice(NAMES)
    n = rng.randint(2, 950)
    thing = rng.choice(things)
    fact = pattern.format(n=n, thing=thing)
    headline = f"{org.capitalize()} in {place} {fact}"
    sentences = [
        f"{org.capitalize()} in {place} {fact} on {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])}.",
        f'"This is an important moment for {place}," said {person}, who speaks for {org}.',
        f"The {kind} is the {rng.choice(['first', 'largest', 'latest', 'second'])} of its kind in {place} since {rng.randint(1990, 2024)}.",
        f"According to {org}, around {rng.randint(10, 5000)} people will be affected (story {index}).",
        *rng.sample(FILLER, 4),
    ]
    return {"headline": headline, "sentences": sentences, "place": place, "kind": kind}


def article(story: dict, version: int, rng: random.Random, when: datetime, outlet: str) -> str:
    """One outlet's version of a story, as a Markdown source with front matter."""
    sentences = list(story["sentences"])
    if version > 0:
        sentences = [_rewrite(s, rng) if rng.random() < 0.5 else s for s in sentences]
        sentences.insert(rng.randint(1, len(sentences)), rng.choice(FILLER))
    paragraphs = ["\n".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]
    title = story["headline"] if version == 0 else _rewrite(story["headline"], rng)
    author = rng.choice(NAMES)
    return (
        "---\n"
        f'title: "{title}"\n'
        f"author: {author}\n"
        f"date: {when.isoformat()}\n"
        f"publisher: {outlet}\n"
        f"categories: [{story['kind']}, {story['place'].lower().replace(' ', '-')}]\n"
        "---\n\n" + "\n\n".join(paragraphs) + "\n"
    )


def generate(folder: Path, articles: int = 2000, seed: int = 7) -> list[Path]:
    """Write `articles` sources under `folder/content/sources/`; return their paths."""
    rng = random.Random(seed)
    sources = folder / "content" / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    (folder / "content" / "posts").mkdir(exist_ok=True)
    start = datetime(2026, 9, 1, 6, 0, tzinfo=UTC)
    written: list[Path] = []
    story_index = 0
    while len(written) < articles:
        story = _story(rng, story_index)
        versions = min(rng.choice([1, 1, 2, 3, 3, 4, 5, 6]), articles - len(written))
        first = start + timedelta(minutes=story_index * 37)
        for version, outlet in enumerate(rng.sample(OUTLETS, versions)):
            when = first + timedelta(minutes=version * rng.randint(5, 90))
            path = sources / f"s{story_index:04d}-v{version}.md"
            path.write_text(article(story, version, rng, when, outlet), encoding="utf-8")
            written.append(path)
        story_index += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    written = generate(args.folder, args.articles, args.seed)
    print(f"wrote {len(written)} sources into {args.folder / 'content' / 'sources'}")


if __name__ == "__main__":
    main()
