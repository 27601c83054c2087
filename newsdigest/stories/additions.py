"""What each version adds: its sentences that no other version echoes.

A sentence counts as an addition only when no other version says even part of
it (paraphrase similarity under `RELATED`, under half its shingles found
verbatim). The bar is lower than the one for alignment on purpose: a sentence a
rewrite merely compressed is not news, and a reader scanning "only in this
version" wants facts, not rewordings. Shown as a list, away from the paragraph
that explained it, a sentence must also stand on its own (`standalone`): "This
row deepens…" or "“…,” he said." says nothing there, or says it in the wrong
mouth. "The storm cut power to…" still tells a fact, and is listed.
"""

from __future__ import annotations

from newsdigest.stories.align import Alignment
from newsdigest.stories.standalone import leans_on_context, speaker_lost

__all__ = ["MIN_WORDS", "additions"]

MIN_WORDS = 6
"""Shorter sentences are captions, sign-offs and fragments, not facts."""


def additions(alignment: Alignment) -> dict[str, tuple[str, ...]]:
    """post id -> the sentences only that version has, in its own order."""
    posts = alignment.posts
    if len(posts) < 2:
        return {p.id: () for p in posts}
    out: dict[str, tuple[str, ...]] = {}
    for v, post in enumerate(posts):
        found: list[str] = []
        for n in alignment.version_sentences(v):
            text = alignment.sentences[n].text
            if len(text.split()) < MIN_WORDS or text.rstrip("”\"’' ").endswith("?"):
                continue  # fragments and questions (often unmarked sub-headings) state no fact
            if leans_on_context(text) or speaker_lost(text):
                continue
            if any(alignment.echoed(n, w) for w in range(len(posts)) if w != v):
                continue
            found.append(text)
        out[post.id] = tuple(dict.fromkeys(found))
    return out
