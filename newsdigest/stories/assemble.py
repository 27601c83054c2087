"""A group of posts becomes a `Story`: versions in time order, a headline, the analysis.

The headline a story shows is the editor's pin when there is one; otherwise
the headline of the version that the others agree with most (the share of its
words found in the other versions; a teaser of a few words counts as short of it), among versions whose headline the outlet
really wrote (a derived one is a last resort). Ties go to the earliest: the
outlet that broke the story named it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsdigest.model import Disagreement, Post, Quote, Relation, RelationKind, Story, Version, latest_instant
from newsdigest.stories.sentences import GROUPING_STOP_WORDS
from newsdigest.stories.identity import Identity
from newsdigest.stories.overrides import Override

_LABEL = re.compile(r"^\s*[^\W\d_]+\s*:\s+")
_LATEST = datetime.max.replace(tzinfo=UTC)


def founder_key(post: Post) -> tuple[bool, datetime, str]:
    """Publication time, undated last, then id: the order of versions, and who founded a story."""
    return (post.published is None, latest_instant(post.published) if post.published else _LATEST, post.id)


def chronological(posts: Sequence[Post]) -> list[Post]:
    """Posts by publication time; undated ones last, then by id so the order never wobbles."""
    return sorted(posts, key=founder_key)


def choose_title(posts: Sequence[Post]) -> str:
    """The most representative outlet-written headline (see the module docstring)."""
    ordered = chronological(posts)
    written = [p for p in ordered if p.title and not p.title_derived] or [p for p in ordered if p.title]
    if not written:
        return "Untitled story"
    if len(ordered) < 3:
        return without_label(written[0].title)
    texts = {p.id: set(_words(f"{p.title} {p.body}")) for p in ordered}

    def agreement(post: Post) -> float:
        # Words the other versions share, per headline word, but a four-word teaser cannot win
        # on a perfect share alone: below six words the shortfall counts as unshared.
        words = set(_words(post.title))
        if not words:
            return 0.0
        others = [texts[o.id] for o in ordered if o.id != post.id]
        return sum(len(words & other) for other in others) / (len(others) * max(len(words), 6))

    best = max(written, key=lambda p: (round(agreement(p), 2), -written.index(p)))
    return without_label(best.title)


def without_label(headline: str) -> str:
    """Drop a one-word label before a colon ("Update: ...", "Watch: ..."): it tags the version, not the event."""
    match = _LABEL.match(headline)
    if match and len(headline[match.end() :].split()) >= 4:
        return headline[match.end() :]
    return headline


@dataclass(frozen=True)
class Findings:
    """What a story shows of its analysis (`analysis.Analysis` but the copy map, which no page reads).

    Made of the model's types only, so the analysis cache can be read back without importing the analysis.
    """

    relations: dict[str, Relation]
    additions: dict[str, tuple[str, ...]]
    quotes: tuple[Quote, ...]
    disagreements: tuple[Disagreement, ...]
    summary: str


def build_story(ordered: Sequence[Post], analysis: Findings, identity: Identity, title: str,
                override: Override | None) -> Story:
    """Everything the site needs about one story: its posts in time order (`chronological`) and their analysis.

    `title` is the one its group was given (the editor's, or `choose_title`'s).
    """
    versions = tuple(
        Version(
            post=p,
            relation=analysis.relations.get(p.id, Relation(RelationKind.INDEPENDENT)),
            additions=tuple(analysis.additions.get(p.id, ())),
        )
        for p in ordered
    )
    dated = [p.published for p in ordered if p.published]
    touched = [p.when for p in ordered if p.when]
    summary_by_editor = bool(override and override.summary)
    return Story(
        id=identity.id,
        slug=identity.slug,
        title=title,
        summary=override.summary if override and override.summary else analysis.summary,
        versions=versions,
        published=min(dated, key=latest_instant) if dated else None,
        updated=max(touched, key=latest_instant) if touched else None,
        quotes=tuple(analysis.quotes),
        disagreements=tuple(analysis.disagreements),
        featured=bool(override and override.featured),
        hidden=bool(override and override.hidden),
        aliases=identity.aliases,
        summary_by_editor=summary_by_editor,
        editor_note=override.note if override else "",
    )


def newest_first(stories: Sequence[Story]) -> tuple[Story, ...]:
    """Latest activity first; stories with no date at all last, by id."""
    return tuple(
        sorted(
            stories,
            key=lambda s: (
                (s.updated or s.published) is None,
                -(s.updated or s.published or _LATEST).timestamp() if (s.updated or s.published) else 0.0,
                s.id,
            ),
        )
    )


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in GROUPING_STOP_WORDS]
