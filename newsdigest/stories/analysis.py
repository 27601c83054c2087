"""How the versions of one story relate: the heart of the story page.

`analyse` answers, from the text alone, the questions a reader brings to a
story told by several outlets:

* who published first, who copied whom and who rewrote whom (`relations`),
* what each version says that no other does (`additions`),
* which direct quotes the versions share, and who said them (`quotes`),
* where they state a fact differently (`disagreements`) or credit a quote to
  different people (`quotes`),
* what most of them agree on, in two or three sentences (`summary`), and the
  headline of a version the summary comes from (`headline`).

Each answer lives in its own module; this one only wires them to the story's
sentence alignment (`align`): one of every sentence for additions and the
summary, and one of the outlets' own prose (quotes left out) for who copied
whom and the copy map, each computed once per story. The whole analysis is
O(S²) in the story's sentence count S with sparse-vector work per pair, which
keeps a story of 10 versions × 60 sentences near a tenth of a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from newsdigest.model import Disagreement, Post, Quote, Relation, RelationKind
from newsdigest.stories.additions import additions as find_additions
from newsdigest.stories.align import align
from newsdigest.stories.assemble import choose_title
from newsdigest.stories.disagreements import find_disagreements
from newsdigest.stories.phase import main_event
from newsdigest.stories.quotes import analyse_quotes
from newsdigest.stories.relations import pair_shares, relate
from newsdigest.stories.summary import lead, summarise

__all__ = ["Analysis", "CopyShare", "analyse"]


@dataclass(frozen=True)
class CopyShare:
    """How much of one version is found in another: the copy map's cell."""

    aligned: float
    """Share of its sentences said in the other, verbatim or paraphrased (0..1)."""
    verbatim: float
    """Share of its sentences found there word for word (0..1)."""


@dataclass(frozen=True)
class Analysis:
    relations: dict[str, Relation]
    """post id -> Relation(kind, of=source post id or None, share 0..1 of its sentences aligned to `of`).
    FIRST and INDEPENDENT carry of=None and share 0; `copy_map` has every pair's shares."""
    additions: dict[str, tuple[str, ...]]
    """post id -> sentences found in no other version."""
    quotes: tuple[Quote, ...]
    """Direct quotes, the most widely carried first."""
    disagreements: tuple[Disagreement, ...]
    """Figures the versions state incompatibly, claim by claim."""
    summary: str
    """Two or three sentences most versions of the main event agree on, as plain text."""
    headline: str
    """The headline (`assemble.choose_title`): preferably an outlet's line of a version carrying the summary's
    opening, when at least half of the main event's versions carry it; else of one close to the others."""
    copy_map: dict[str, dict[str, CopyShare]] = field(default_factory=dict)
    """copy_map[a][b]: how much of version a is found in version b (a != b)."""


def analyse(posts: Sequence[Post]) -> Analysis:
    """Relations, additions, shared quotes, disagreements and a consensus summary for one story."""
    posts = tuple(posts)
    if not posts:
        return Analysis({}, {}, (), (), "", "Untitled story")
    if len(posts) == 1:  # most stories of a big build: nothing to compare, so no vectors to build
        only = posts[0]
        return Analysis(
            relations={only.id: Relation(RelationKind.INDEPENDENT)},  # first of what? nothing to compare
            additions={only.id: ()},
            quotes=analyse_quotes(posts)[0],
            disagreements=(),
            summary=lead(only),
            headline=choose_title(posts),
        )
    alignment = align(posts)
    prose = align(posts, prose_only=True)  # copying is judged on the outlets' own words, not shared quotes
    shares = pair_shares(prose)
    relations = relate(posts, prose, shares)
    first = next((i for i, p in enumerate(posts) if relations[p.id].kind is RelationKind.FIRST), None)
    copy_map = {
        a.id: {b.id: CopyShare(round(shares[i][j].aligned, 3), round(shares[i][j].verbatim, 3))
               for j, b in enumerate(posts) if j != i}
        for i, a in enumerate(posts)
    }
    quotes, misattributed = analyse_quotes(posts)
    disagreements = (*find_disagreements(posts), *misattributed) if len(posts) > 1 else ()
    # A sentence whose figure another version states differently is disputed, not new.
    disputed = {c.sentence for d in disagreements for c in d.claims}
    additions = {pid: tuple(s for s in found if s not in disputed)
                 for pid, found in find_additions(alignment).items()}
    event = main_event(posts)
    summary = summarise(alignment, first, disputed=_not_agreed(disagreements), event=event)
    return Analysis(
        relations=relations,
        additions=additions,
        quotes=quotes,
        disagreements=disagreements,
        summary=summary.text,
        headline=choose_title(posts, summary.sources, {posts[n].id for n in event.versions}, summary.text),
        copy_map=copy_map,
    )


def _not_agreed(disagreements: Sequence[Disagreement]) -> set[str]:
    """Sentences a consensus summary must not use: each stating a value that is not its dispute's clear majority.

    With "40,000" in one version and "45,000" in the other, neither is agreed,
    so neither sentence may appear in a summary "drawn from what the versions agree on".
    """
    out: set[str] = set()
    for disagreement in disagreements:
        carriers: dict[str, set[str]] = {}
        for claim in disagreement.claims:
            carriers.setdefault(claim.value.casefold(), set()).add(claim.post_id)
        sizes = sorted((len(ids) for ids in carriers.values()), reverse=True)
        clear = sizes[0] if len(sizes) < 2 or sizes[0] > sizes[1] else None
        out.update(c.sentence for c in disagreement.claims if len(carriers[c.value.casefold()]) != clear)
    return out
