"""The copy judge weighs an outlet's own prose: speech run over several paragraphs is the speaker's, and a quote
left open by a missing mark hides nothing after its paragraph."""

from __future__ import annotations

from newsdigest.model import Post
from newsdigest.stories.align import post_sentences


def _prose(body: str) -> list[str]:
    return [text for _, text, _ in post_sentences(Post(id="p", title="Pier", body=body, source="sources/p.md"),
                                                  prose_only=True)]


def test_a_quote_over_several_paragraphs_is_no_prose_of_the_outlet():
    body = ("The harbour master spoke after the storm. She told reporters: “The pier is safe for now, and the "
            "divers say its piles held.\n\n"
            "“The railings on the north end went into the sea overnight and crews will replace them.\n\n"
            "“Nobody was hurt on the quay, and the ferry will sail on Monday,” she said.\n\n"
            "The council will vote on the repair budget for the pier next week.")
    prose = " ".join(_prose(body))
    assert "railings" not in prose and "ferry will sail" not in prose and "divers" not in prose
    assert "council will vote on the repair budget" in prose


def test_a_quote_left_open_hides_none_of_the_paragraphs_after_it():
    body = ("Sgt. Ann Roe said: “The pier is safe for now.\n\n"
            "Engineers from the county inspected the piles of the pier on Tuesday and found two of them cracked.\n\n"
            "The council closed the north end of the pier to walkers until the piles are replaced.")
    prose = " ".join(_prose(body))
    assert "Engineers from the county inspected the piles" in prose
    assert "closed the north end of the pier" in prose
