"""Sentences where the typography of quotation marks is loose: spaced marks, curly and straight marks mixed,
no space before an opening mark, and questions or exclamations closed by a mark.

A story's quotes are read sentence by sentence, so a quote glued to the sentence before it is shown with the
wrong sentence, and a sentence cut inside an abbreviation or a quote loses its subject. Every paragraph here is
made up for the test.
"""

from __future__ import annotations

import pytest

from newsdigest.stories.sentences import own_prose, quoted_spans, split_sentences


@pytest.mark.parametrize("paragraph, expected", [
    # Initials, abbreviations, decimals and "U.S." run on, before an opening mark too.
    ("Coach A.J. Brisk said the Kelbury side won by 3.5 points. The fans stayed late.",
     ["Coach A.J. Brisk said the Kelbury side won by 3.5 points.", "The fans stayed late."]),
    ("The U.S. Coast Guard towed the ferry. Nobody was hurt.",
     ["The U.S. Coast Guard towed the ferry.", "Nobody was hurt."]),
    ("The ferry's skipper, Mr. \"Salty\" Dunmore, stayed aboard. He left at dawn.",
     ["The ferry's skipper, Mr. \"Salty\" Dunmore, stayed aboard.", "He left at dawn."]),
    ("Rents in the U.S. \" keep climbing, \" the report said.",
     ["Rents in the U.S. \" keep climbing, \" the report said."]),
    ("She moved back to the U.S. \" It was hard to leave, \" she said.",
     ["She moved back to the U.S. \" It was hard to leave, \" she said."]),
    ("Gen. \" Ironside \" Kell inspected the quay. The tide turned.",
     ["Gen. \" Ironside \" Kell inspected the quay.", "The tide turned."]),
    # Ellipses: spaced or not, inside a quote or before a lower-case word, they end nothing.
    ("\" We tried ... The water rose too fast, \" he said. The quay flooded.",
     ["\" We tried ... The water rose too fast, \" he said.", "The quay flooded."]),
    ("The plan . . . was dropped by the council. Nobody objected.",
     ["The plan . . . was dropped by the council.", "Nobody objected."]),
    ("“We will . . . Never mind,” she said. The hall emptied.",
     ["“We will . . . Never mind,” she said.", "The hall emptied."]),
    # A quote of several sentences is one statement, whatever its marks.
    ("\" We will not back down. We will fight on, \" she said. The hall emptied.",
     ["\" We will not back down. We will fight on, \" she said.", "The hall emptied."]),
    ("“ We will not back down. We will fight on, ” she said. The hall emptied.",
     ["“ We will not back down. We will fight on, ” she said.", "The hall emptied."]),
    # A question or an exclamation closed by a mark goes on when its speaker follows in lower case.
    ("\"Why would we stop now?\" she asked. The crowd cheered.",
     ["\"Why would we stop now?\" she asked.", "The crowd cheered."]),
    ("\" Why would we stop now? \" she asked. The crowd cheered.",
     ["\" Why would we stop now? \" she asked.", "The crowd cheered."]),
    # An inch mark is no quotation mark.
    ("The pipe is 6\" wide. Water runs through it.", ["The pipe is 6\" wide.", "Water runs through it."]),
    ("The 6\" pipe burst. \"We fixed it,\" Ada Quill said. It held.",
     ["The 6\" pipe burst.", "\"We fixed it,\" Ada Quill said.", "It held."]),
    # A quote within a quote, and a quote that runs on into the next paragraph, end nothing inside them.
    ("“She told me ‘Go home.’ Then she left,” he said. The hall emptied.",
     ["“She told me ‘Go home.’ Then she left,” he said.", "The hall emptied."]),
    ("\"We will fight on the quay. We will win the vote.", ["\"We will fight on the quay. We will win the vote."]),
])
def test_what_is_not_a_sentence_end_stays_whole(paragraph, expected):
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    # A spaced opening mark opens a new sentence.
    ("He left the room. \" We will not back down,\" she said.",
     ["He left the room.", "\" We will not back down,\" she said."]),
    ("He left the room. \" We will not back down, \" she said. Then the doors closed.",
     ["He left the room.", "\" We will not back down, \" she said.", "Then the doors closed."]),
    ("He left the room. “ We will not back down, ” she said. Then the doors closed.",
     ["He left the room.", "“ We will not back down, ” she said.", "Then the doors closed."]),
    # No space between a sentence's end and the mark that opens the next.
    ("He left the room.“We will not back down,” she said.",
     ["He left the room.", "“We will not back down,” she said."]),
    ("He left the room.\"We will not back down,\" she said.",
     ["He left the room.", "\"We will not back down,\" she said."]),
    # Curly and straight marks mixed in one quote.
    ("“We will not back down. We will fight on,\" she said. Then the doors closed.",
     ["“We will not back down. We will fight on,\" she said.", "Then the doors closed."]),
    ("\"We will not back down. We will fight on,” she said. Then the doors closed.",
     ["\"We will not back down. We will fight on,” she said.", "Then the doors closed."]),
    ("He left. “We will not back down,\" she said. \"Nobody will,” he said. The doors closed.",
     ["He left.", "“We will not back down,\" she said.", "\"Nobody will,” he said.", "The doors closed."]),
    # A question or an exclamation closed by a mark, then a new sentence.
    ("She shouted \" Stop the ferry now! \" The crowd cheered.",
     ["She shouted \" Stop the ferry now! \"", "The crowd cheered."]),
    ("“Stop the ferry now!\" The crowd cheered.", ["“Stop the ferry now!\"", "The crowd cheered."]),
    ("\" Why would we stop now? \" The crowd cheered.", ["\" Why would we stop now? \"", "The crowd cheered."]),
    ("“Why would we stop now?\" The crowd cheered.", ["“Why would we stop now?\"", "The crowd cheered."]),
])
def test_a_sentence_ends_before_a_loose_opening_mark_and_after_a_loose_closing_one(paragraph, expected):
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    ("“Why would we stop now?” Ada Quill asked. The crowd cheered.",
     ["“Why would we stop now?” Ada Quill asked.", "The crowd cheered."]),
    ("\"Stop the ferry now!\" harbour master Bo Fenn shouted on Monday. The crowd cheered.",
     ["\"Stop the ferry now!\" harbour master Bo Fenn shouted on Monday.", "The crowd cheered."]),
    # A sentence of its own that only starts like a credit is one.
    ("“Why would we stop now?” The mayor said the ferries would run all winter from the old quay.",
     ["“Why would we stop now?”", "The mayor said the ferries would run all winter from the old quay."]),
])
def test_a_question_keeps_the_credit_that_follows_it(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_the_outlets_own_words_are_what_is_outside_quotes_of_any_marks():
    sentence = "“We will not back down,\" Ada Quill said, and \"nobody will,” Bo Fenn added."
    assert own_prose(sentence) == "Ada Quill said, and Bo Fenn added."
    spaced = "\" We will not back down, \" Ada Quill said."
    assert [spaced[a:b] for a, b in quoted_spans(spaced)] == ["\" We will not back down, \""]
    assert own_prose(spaced) == "Ada Quill said."


@pytest.mark.parametrize("sentence, prose", [
    # A sentence that closes a quote opened in the sentence before it: what comes before the mark is quoted.
    ("Nobody slept on the quay that night, \" she said.", "she said."),
    ("Then the boats stayed moored until the storm had passed. ”", ""),
    ("Was meant to leave in May but he quit early,\" Ada Quill wrote.", "Ada Quill wrote."),
    ("Ferries ran late, \" the harbour master said, \" and the quay flooded. \"", "the harbour master said,"),
    ("\" The tide was high, \" Ada Quill said, \" and the quay flooded. \"", "Ada Quill said,"),
    # Marks a text dump turned round still pair; an inch mark is no quote.
    ("The guide lists the quay under ” Quiet Corners “ this year.", "The guide lists the quay under this year."),
    ("The pipe is 6\" wide.", "The pipe is 6\" wide."),
])
def test_a_sentence_within_a_quote_or_with_loose_marks_keeps_only_the_outlets_words(sentence, prose):
    assert own_prose(sentence) == prose


def test_marks_turned_round_do_not_hold_the_rest_of_a_paragraph_in_a_quote():
    paragraph = "The guide lists the quay under ” Quiet Corners “ this year. Its author lives there. Few visit."
    assert split_sentences(paragraph) == [
        "The guide lists the quay under ” Quiet Corners “ this year.", "Its author lives there.", "Few visit."]


@pytest.mark.parametrize("sentence, prose", [
    # A mark spaced on both sides after a speech verb and a comma or a colon opens a quote, whatever follows it.
    ("Ada Quill insisted, “ the harbour was never theirs to sell.", "Ada Quill insisted,"),
    ("The letter read: \" nobody on the board was told of the sale.", "The letter read:"),
    ("Bo Fenn added, ” only the ferry crews knew.", "Bo Fenn added,"),
])
def test_a_spaced_mark_after_a_speech_verb_opens_a_quote(sentence, prose):
    assert own_prose(sentence) == prose


@pytest.mark.parametrize("paragraph, expected", [
    # Words of their own after a question or an exclamation are a new sentence, not the quote's credit.
    ("“Why would anyone pay the fee?” Critics said it would fail.",
     ["“Why would anyone pay the fee?”", "Critics said it would fail."]),
    ("Dock workers chanted \"Shame on the board!\" Guards said nothing.",
     ["Dock workers chanted \"Shame on the board!\"", "Guards said nothing."]),
    ("\"Is the strike over?\" Nobody said anything.", ["\"Is the strike over?\"", "Nobody said anything."]),
    # A quote credited before it keeps that credit: a name after it opens a sentence of its own.
    ("The skipper bellowed, \"Who cut the rope? Tie it back!\" Ada Quill recalled.",
     ["The skipper bellowed, \"Who cut the rope? Tie it back!\"", "Ada Quill recalled."]),
])
def test_a_sentence_after_a_question_that_says_something_of_its_own_is_a_sentence(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_a_straight_mark_that_opens_after_a_credit_starts_a_new_quote_when_the_one_before_was_never_closed():
    paragraph = ("\"The ferry has made three runs since dawn and the rest we could not check, Ada Quill said. "
                 "\"The tide turns by noon,\" she added.")
    assert [paragraph[a:b] for a, b in quoted_spans(paragraph)] == ["\"The tide turns by noon,\""]


@pytest.mark.parametrize("paragraph, expected", [
    # "No." abbreviates a number only before one; a lone figure before a full stop is no initial.
    ("The harbour board voted no. \"We will appeal,\" Ada Quill said.",
     ["The harbour board voted no.", "\"We will appeal,\" Ada Quill said."]),
    ("The ferry club finished the season 12-4. \"We rowed well,\" Bo Fenn said.",
     ["The ferry club finished the season 12-4.", "\"We rowed well,\" Bo Fenn said."]),
    ("The ferry club lost 2. Then it rained.", ["The ferry club lost 2.", "Then it rained."]),
    ("Berth No. 4 stays shut. The quay reopens in May.", ["Berth No. 4 stays shut.", "The quay reopens in May."]),
])
def test_no_and_a_figure_before_a_full_stop_end_a_sentence(paragraph, expected):
    assert split_sentences(paragraph) == expected
