"""A text dump's headline among the lines printed with it: kicker above, standfirst below."""

from newsdigest.ingest import text_title
from newsdigest.ingest.textdump import parse_text_dump
from newsdigest.ingest.textmeta import page_context
from test_text_metadata_readings import page

STANDFIRST = "After two years of repairs the town's library is open again, and its readers came back on the first morning."


def features(head: str, value: str) -> dict[str, float]:
    found = {c.value: dict(c.features) for c in text_title.candidates(page_context(page(head), identify=False))}
    assert value in found, sorted(found)
    return found[value]


def test_a_standfirst_under_a_shorter_headline_is_not_the_headline():
    dump = parse_text_dump(page(f"Library reopens after repairs\n{STANDFIRST}"))
    assert dump.title == "Library reopens after repairs"


def test_a_standfirst_is_told_by_the_shorter_line_sharing_its_words_above_it():
    subtitle = "How volunteers carried the library's books to a school hall and back while the roof was repaired"
    head = f"Library reopens after repairs\n{subtitle}"
    standfirst, headline = features(head, subtitle), features(head, "Library reopens after repairs")
    assert standfirst["shorter_sharing_above"] == 1.0 and standfirst["longer_sharing_below"] == 0.0
    assert headline["longer_sharing_below"] == 1.0 and headline["shorter_sharing_above"] == 0.0
    assert headline["block_top"] == 1.0 and standfirst["block_top"] == 0.0
    assert headline["shares_next"] > 0.0


def test_a_kicker_shares_no_words_with_the_headline_under_it():
    headline = features("Town life\nLibrary reopens after repairs", "Library reopens after repairs")
    assert headline["shorter_sharing_above"] == 0.0 and headline["shares_prev"] == 0.0
