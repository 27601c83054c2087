"""What a reader reads first on a story page: its sentences, its summary and its headline.

Fixtures are made up: invented towns, people and outlets.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newsdigest.model import Post
from newsdigest.stories.sentences import split_sentences

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc)


def post(pid: str, body: str, title: str, hours: float | None = 0, **extra) -> Post:
    published = None if hours is None else T0 + timedelta(hours=hours)
    return Post(id=pid, title=title, body=body, source=f"sources/{pid}.md", published=published, **extra)


# --- sentences ----------------------------------------------------------------------------------


@pytest.mark.parametrize("paragraph, expected", [
    # A number that lost its decimal point to a space is no sentence start.
    ("Deputies found a loaded. 38-caliber pistol in the van. Nobody was hurt.",
     ["Deputies found a loaded. 38-caliber pistol in the van.", "Nobody was hurt."]),
    ("The Otters shot 41. 5 percent from the floor. They lost by six.",
     ["The Otters shot 41. 5 percent from the floor.", "They lost by six."]),
    # A year may open a sentence.
    ("The mill closed in 2019. 2020 brought a buyer.", ["The mill closed in 2019.", "2020 brought a buyer."]),
    # A state abbreviation before a title runs on; after "Town, St." it may end the sentence.
    ("The ban came with Ore. Gov. Lana Brisk on board. Others followed.",
     ["The ban came with Ore. Gov. Lana Brisk on board.", "Others followed."]),
    ("He grew up in Millbrook, Ark. Prosecutors say he fled.",
     ["He grew up in Millbrook, Ark.", "Prosecutors say he fled."]),
    # Plural titles and abbreviated weekdays are abbreviations too.
    ("Republican Sens. Ada Quill and Bo Fenn objected. The vote slipped.",
     ["Republican Sens. Ada Quill and Bo Fenn objected.", "The vote slipped."]),
    # A full stop inside closing quotation marks ends the sentence even after an abbreviation-like word.
    ("She answered “no.” The talks ended.", ["She answered “no.”", "The talks ended."]),
    ("Seeded No. 4, Dunmore won again. Fans cheered.", ["Seeded No. 4, Dunmore won again.", "Fans cheered."]),
])
def test_sentences_end_only_where_a_sentence_ends(paragraph, expected):
    assert split_sentences(paragraph) == expected
