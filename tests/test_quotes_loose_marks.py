"""Quotes and their speakers where outlets' quotation marks are loose: opening and closing marks of different kinds,
marks spaced off the words they hold, no space before an opening mark.

A reader sees each shared quote with its speaker and the sentence it stands in; a quote run together with the next
one, a quote lost because its marks differ, or a sentence shown with the one before it would be wrong on the page.
Every body here is made up for the test.
"""

from __future__ import annotations

from analysis_fixtures import post

from newsdigest.stories.quotes import analyse_quotes, find_quotes


def read(body: str) -> list[tuple[str, str | None, str]]:
    """Each quote of a one-version body: its words, its speaker and the sentence shown with it."""
    return [(q.text, q.speaker, q.sentence) for q in find_quotes(post("a", body))]


def test_a_quote_opened_with_a_straight_mark_and_closed_with_a_curly_one_is_read():
    assert read("\"We will not back down on the harbour fees,” Ada Quill said on Monday.") == [
        ("We will not back down on the harbour fees", "Ada Quill",
         "\"We will not back down on the harbour fees,” Ada Quill said on Monday.")]


def test_two_quotes_with_mixed_marks_stay_two_quotes_each_with_its_credit():
    body = ("Ada Quill spoke at the quay. “We will not back down on the harbour fees. The council knows it,\" she "
            "said. \"Nobody will stop the ferries now,” Bo Fenn added.")
    assert read(body) == [
        ("We will not back down on the harbour fees. The council knows it", "Ada Quill",
         "“We will not back down on the harbour fees. The council knows it,\" she said."),
        ("Nobody will stop the ferries now", "Bo Fenn", "\"Nobody will stop the ferries now,” Bo Fenn added."),
    ]


def test_a_quote_in_spaced_marks_is_shown_with_its_own_sentence_and_credited_after_its_closing_mark():
    body = "Ada Quill left the room. \" We will not back down on the harbour fees, \" she said. The doors closed."
    assert read(body) == [("We will not back down on the harbour fees", "Ada Quill",
                           "\" We will not back down on the harbour fees, \" she said.")]
    body = "The ferry left late.“We will not back down on the harbour fees,” said harbour master Ada Quill."
    assert read(body) == [("We will not back down on the harbour fees", "Ada Quill",
                           "“We will not back down on the harbour fees,” said harbour master Ada Quill.")]


def test_a_quote_after_a_credited_one_in_loose_marks_goes_on_with_the_same_speaker():
    body = "\"We tried to reach the quay,” said Bo Fenn. \" The water rose too fast for us, \" he added."
    assert [(text, speaker) for text, speaker, _ in read(body)] == [
        ("We tried to reach the quay", "Bo Fenn"), ("The water rose too fast for us", "Bo Fenn")]


def test_versions_quoting_one_statement_in_different_marks_share_it():
    a = post("a", "“We will not back down on the harbour fees this winter,” Ada Quill said at the quay.")
    b = post("b", "Quill was defiant. \" We will not back down on the harbour fees this winter, \" she said.")
    c = post("c", "\"We will not back down on the harbour fees this winter,” the harbour master, Ada Quill, said.")
    quotes, _ = analyse_quotes([a, b, c])
    assert [(q.text, q.speaker, q.post_ids) for q in quotes] == [
        ("We will not back down on the harbour fees this winter", "Ada Quill", ("a", "b", "c"))]


def test_a_version_quoting_a_fragment_in_loose_marks_is_not_credited_with_the_whole_quote():
    a = post("a", "“We will not back down on the harbour fees this winter. The council knows it and so do the "
                  "ferry owners,” Ada Quill said.")
    b = post("b", "Quill said the town would \" not back down \" on the fees.")
    c = post("c", "\"We will not back down on the harbour fees this winter. The council knows it and so do the "
                  "ferry owners,” Ada Quill said.")
    quotes, _ = analyse_quotes([a, b, c])
    assert [(q.speaker, q.post_ids) for q in quotes] == [("Ada Quill", ("a", "c"))]


def test_a_fragment_that_ties_two_statements_together_does_not_hide_the_one_a_single_version_quotes():
    a = post("a", "“Keep the ferry fee rise off the agenda until the board has seen every account,” Ada Quill wrote."
                  "\n\n“Ferry fee rise goes to a vote in the spring and I would find it very hard to vote any way but "
                  "no,” she wrote later.")
    b = post("b", "“Keep the ferry fee rise off the agenda until the board has seen every account,” Ada Quill wrote.")
    c = post("c", "Quill asked the board to keep the \"ferry fee rise off the agenda.”")
    quotes, _ = analyse_quotes([a, b, c])
    assert [(q.text, q.post_ids) for q in quotes] == [
        ("Keep the ferry fee rise off the agenda until the board has seen every account", ("a", "b")),
        ("Ferry fee rise goes to a vote in the spring and I would find it very hard to vote any way but no",
         ("a",)),
    ]


def test_a_quoted_label_with_a_figure_is_no_quote():
    assert read("The guide puts the quay among its “ 7 Quiet Corners ” this year.") == []


def test_a_longer_cut_of_a_shared_quote_is_not_listed_again_as_a_quote_of_its_own():
    a = post("a", "Roe vowed that “councils will defend our harbour rights.”")
    b = post("b", "They vowed the councils would \"defend our harbour rights in the chamber, in the courts and on the "
                  "quay, with every means we have.\"")
    quotes, _ = analyse_quotes([a, b])
    assert [q.post_ids for q in quotes] == [("a", "b")]


def test_a_question_or_an_exclamation_is_credited_to_the_name_that_follows_its_closing_mark():
    assert read("\"Why would the council ever stop the ferry now?\" Ada Quill said. The crowd cheered.") == [
        ("Why would the council ever stop the ferry now?", "Ada Quill",
         "\"Why would the council ever stop the ferry now?\" Ada Quill said.")]
    assert [speaker for _, speaker, _ in read("“ Stop the ferry before the storm! ” Ada Quill said on Monday.")] == [
        "Ada Quill"]
    # A sentence of its own after the question: whoever asked it, Bo Fenn said something else.
    assert [speaker for _, speaker, _ in read(
        "“Why would the council ever stop the ferry now?” Bo Fenn said the ferries would run all winter from the "
        "old quay.")] == [None]


def test_a_quote_left_open_at_a_paragraphs_end_is_read_after_a_quote_in_mixed_marks():
    body = ("“We will not back down on the harbour fees,\" Ada Quill said. \"The council knows it and so do the ferry "
            "owners.\n\n\"Nobody will stop the ferries now,\" she added.")
    assert [(text, speaker) for text, speaker, _ in read(body)] == [
        ("We will not back down on the harbour fees", "Ada Quill"),
        ("The council knows it and so do the ferry owners.", "Ada Quill"),
        ("Nobody will stop the ferries now", "Ada Quill"),
    ]


def test_words_after_a_question_that_say_something_of_their_own_credit_nobody_with_it():
    assert [speaker for _, speaker, _ in read(
        "“Why would anyone pay the new harbour fee?” Critics said it would fail.")] == [None]
    assert [speaker for _, speaker, _ in read(
        "Dock workers chanted \"Shame on the harbour board tonight!\" Guards said nothing.")] == [None]
    # Credited before it, the quote is the skipper's: the name after it only remembers the scene.
    assert [speaker for _, speaker, _ in read(
        "Skipper Bo Fenn told the crew, \"Who cut the mooring rope? Tie it back now!\" Ada Quill recalled.")] == [
        "Bo Fenn"]


def test_a_stray_straight_mark_before_the_outlets_own_words_opens_no_quote_running_on():
    body = ("\"We tried,\" Bo Fenn said. Nobody thought the quay could flood twice in a week, \" she wrote in a "
            "long letter to the harbour board on Monday\n\n\"The tide turns by noon,\" Ada Quill said.")
    assert [text for text, _, _ in read(body)] == ["The tide turns by noon"]


def test_a_quote_after_a_credit_whose_quote_was_never_closed_keeps_its_speaker():
    body = ("\"The ferry has made three runs since dawn and the rest we could not check, Ada Quill said. "
            "\"The tide turns by noon and the quay will reopen,\" she added.")
    assert [(text, speaker) for text, speaker, _ in read(body)] == [
        ("The tide turns by noon and the quay will reopen", "Ada Quill")]
