"""Which lines a text dump's byline reader offers as candidates: names it used to miss."""

from newsdigest.ingest.text_byline import candidates
from newsdigest.ingest.textmeta import page_context
from test_text_metadata_fields import LEAD


def offered(text: str) -> set[tuple[str, ...]]:
    return {c.value for c in candidates(page_context(text, identify=False), None)}


def test_a_count_of_comments_after_a_name_is_not_part_of_it():
    assert ("Peter Hall",) in offered("Council approves harbour bridge\nMay 12, 2021 Peter Hall 0\n" + LEAD)


def test_a_bracket_parts_a_name_from_its_job_or_a_copyright_mark():
    assert ("Peter Hall",) in offered("Council approves harbour bridge\nPeter Hall (Transport)\n" + LEAD)
    assert ("Peter Hall",) in offered("Council approves harbour bridge\n" + LEAD + "(c) Peter Hall\n")


def test_a_name_ending_in_an_initial_is_no_sentence():
    assert ("Oda Venn K",) in offered("Council approves harbour bridge\nOda Venn K.\n" + LEAD)

