"""Invisible characters a page leaves in a text dump do not change how its lines are read."""

from __future__ import annotations

from newsdigest.ingest.decode import decode
from newsdigest.ingest.text_lines import read_lines
from newsdigest.ingest.textdump import parse_text_dump, read_dump

STEPS = [
    "Cut the tofu into cubes and dry them on paper towels.",
    "Fry the cubes in hot oil until golden, then drain them.",
    "Fry the garlic in the same oil until it smells sweet.",
    "Add the noodles and the sauce and stir well.",
    "Add the sprouts and the fried tofu and stir again.",
    "Serve hot with chillies on the side.",
]
SEPARATOR = "\u2063"  # INVISIBLE SEPARATOR, left by some editors after every line


def test_a_line_ending_in_an_invisible_separator_is_still_a_sentence():
    plain = read_lines("\n\n".join(STEPS))
    marked = read_dump("\n\n".join(step + SEPARATOR for step in STEPS)).lines
    assert [line.sentence for line in marked] == [line.sentence for line in plain]
    assert all(line.sentence for line in marked)


def test_invisible_characters_never_reach_the_body():
    text = "\n\n".join(["Home", "Recipes", *(step + SEPARATOR for step in STEPS), "Leave a comment"])
    body = parse_text_dump("\ufeff" + text.replace("tofu", "to\u2060fu") + "\n").body
    assert SEPARATOR not in body and "\u2060" not in body and "\ufeff" not in body
    assert "Cut the tofu into cubes" in body


def test_a_direction_mark_or_an_invisible_operator_is_as_unseen_as_a_separator():
    """The decoder and the dump reader remove the same invisible characters, whichever reads the text first."""
    for mark in ("\u200e", "\u200f", "\u2062"):
        marked = read_dump("\n\n".join(step + mark for step in STEPS)).lines
        assert all(line.sentence for line in marked)
        assert decode(("Fry the garlic" + mark + " slowly.").encode()) == "Fry the garlic slowly."
