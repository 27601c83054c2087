"""Short made-up versions for the analysis tests, and how their disputes read."""

from __future__ import annotations

from datetime import datetime, timezone

from newsdigest.model import Post
from newsdigest.stories.disagreements import find_disagreements

DAY = datetime(2026, 4, 7, tzinfo=timezone.utc)


def on(day: int) -> datetime:
    """Nine in the morning on the given day of April 2026 (the 6th is a Monday): when a version was published."""
    return datetime(2026, 4, day, 9, tzinfo=timezone.utc)


def post(pid: str, body: str, title: str = "Harbour strike", **extra) -> Post:
    """One version of the day's story; `published` may be given among `extra`."""
    return Post(id=pid, title=title, body=body, source=f"sources/{pid}.md", published=extra.pop("published", DAY),
                **extra)


def values(disagreements) -> list[tuple[str, ...]]:
    """Each dispute as the sorted values it sets against each other."""
    return sorted(tuple(sorted(c.value for c in d.claims)) for d in disagreements)


def disputes(first: str, second: str) -> list[tuple[str, ...]]:
    """The values each dispute between two one-sentence versions sets against each other."""
    return values(find_disagreements([post("a", first), post("b", second)]))
