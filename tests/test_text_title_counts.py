"""The title reader's count of the lines that stand between a candidate headline and the lead."""

from __future__ import annotations

from test_text_metadata_readings import page

from newsdigest.ingest import text_title
from newsdigest.ingest.textmeta import page_context

HEAD = "Library reopens after repairs\nTown hall records kept safe\nPhotos by the reading group\nVolunteers carried every shelf"


def test_lines_to_the_lead_count_the_substantial_lines_below_a_candidate_and_not_itself():
    ctx = page_context(page(HEAD), identify=False)
    lines = ctx.lines
    lead = next(i for i in range(ctx.span[0], len(lines)) if lines[i].prose)
    counted = {c.value: round(c.features["lines_to_prose"] * 4) for c in text_title.candidates(ctx) if c.index < lead}
    by_hand = {
        lines[i].text: min(4, sum(lines[j].n_words >= 3 and not lines[j].furniture for j in range(i + 1, lead)))
        for i in range(lead) if lines[i].text in counted
    }
    assert counted == by_hand
    # Two lines of text below the headline; the photo credit under the first is the page's, not text.
    assert counted["Library reopens after repairs"] == 2


def _part_repeats(text: str) -> dict[str, float]:
    """The `repeats` feature (0 for a line printed once, 0.25 for twice) of each shorter reading of a line."""
    ctx = page_context(text, identify=False)
    return {c.value: c.features["repeats"] for c in text_title.candidates(ctx) if c.features.get("part")}


def test_a_headline_part_the_page_also_prints_alone_twice_counts_as_printed_twice():
    text = page("Library reopens after repairs | Riverside Weekly")
    alone_twice = text + "Library reopens after repairs\nMore from the desk\nLibrary reopens after repairs\n"
    assert _part_repeats(text)["Library reopens after repairs"] == 0.0
    assert _part_repeats(alone_twice)["Library reopens after repairs"] == 0.25


def test_a_part_made_only_of_symbols_counts_the_lines_of_symbols_the_page_prints_alone():
    text = page("~ ~ ~ | Library reopens after repairs") + "~ ~ ~\nMore from the desk\n~ ~ ~\n"
    assert _part_repeats(text)["~ ~ ~"] == 0.25
