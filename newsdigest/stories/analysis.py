"""Placeholder: how the versions of one story relate (to be replaced)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from newsdigest.model import Disagreement, Post, Quote, Relation, RelationKind


@dataclass(frozen=True)
class Analysis:
    relations: dict[str, Relation]
    additions: dict[str, tuple[str, ...]]
    quotes: tuple[Quote, ...]
    disagreements: tuple[Disagreement, ...]
    summary: str


def analyse(posts: Sequence[Post]) -> Analysis:
    return Analysis(
        relations={p.id: Relation(RelationKind.INDEPENDENT) for p in posts},
        additions={},
        quotes=(),
        disagreements=(),
        summary="",
    )
