"""The browser text-dump cleaner, on small pages made up for these tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from newsdigest.ingest.text_lines import read_lines
from newsdigest.ingest.textdump import parse_text_dump

MENU = """\
example-news.test
  • Home
  • World
  • Business
  • Science
  • Sport
Search
Subscribe
Sign in
"""

ARTICLE = """\
City council approves new harbour bridge after decade of debate

By Maria Lopez and Tom Becker
Published: March 3, 2024 10:15 am
Share
The city council voted on Tuesday to approve a new bridge across the harbour, ending more than ten years of argument over the crossing and its cost to taxpayers.
Supporters of the bridge said the crossing would cut commuting times for thousands of residents who live on the northern shore of the harbour.
Opponents on the council argued that the cost of the bridge had doubled since the first plans were drawn up, and that the money should go to buses instead.

Construction timeline

The council said construction of the bridge would begin next spring and take about four years, with the harbour kept open to ships throughout the work.
The mayor told reporters that the bridge would be paid for partly by a regional grant and partly by tolls during the first decade after it opens.
  • Work on the northern ramp starts first
  • The southern ramp follows a year later
Residents will be able to comment on the final design of the bridge at public meetings in the city hall during the summer.
"""

FOOTER = """\
Share this article
Facebook
Twitter
Related stories
Local bakery wins national award for sourdough loaf
Football club announces new stadium sponsor
Leave a comment
Your email address will not be published. Required fields are marked *
© 2024 Harbour Daily News. All rights reserved.
  • Home
  • World
  • Business
"""


@pytest.fixture
def dump():
    return parse_text_dump(MENU + "\n" + ARTICLE + "\n" + FOOTER)


def test_menus_prompts_and_footer_are_dropped(dump):
    for junk in ("Home", "Subscribe", "Sign in", "Share this article", "Leave a comment", "Required fields",
                 "All rights reserved", "bakery", "stadium sponsor"):
        assert junk not in dump.body


def test_every_paragraph_of_the_article_is_kept(dump):
    for paragraph in ARTICLE.splitlines():
        if len(paragraph.split()) >= 12:
            assert paragraph.strip() in dump.body


def test_structure_becomes_markdown(dump):
    assert "## Construction timeline" in dump.body
    assert "- Work on the northern ramp starts first\n- The southern ramp follows a year later" in dump.body


def test_headline_byline_date_and_outlet_are_read(dump):
    assert dump.title == "City council approves new harbour bridge after decade of debate"
    assert dump.title_derived is False
    assert dump.authors == ("Maria Lopez", "Tom Becker")
    assert dump.published == datetime(2024, 3, 3, 10, 15)
    assert dump.outlet == "Harbour Daily News"
    assert dump.lang == "en"
    # The headline and byline are metadata, not body text.
    assert "By Maria Lopez" not in dump.body
    assert not dump.body.startswith("City council approves")


def test_explain_gives_a_reason_for_every_line(dump):
    reasons = {d.text.strip(): (d.kept, d.reason) for d in dump.lines}
    assert reasons["Subscribe"][0] is False and reasons["Subscribe"][1]
    assert reasons["By Maria Lopez and Tom Becker"] == (False, "byline")
    kept = [d for d in dump.lines if d.kept]
    assert kept and all(d.reason for d in dump.lines)
    assert all(d.number >= 1 for d in dump.lines)


def test_dates_take_the_site_zone_only_when_none_is_stated():
    zone = timezone(timedelta(hours=2))
    text = ARTICLE.replace("Published: March 3, 2024 10:15 am", "Published: March 3, 2024")
    dump = parse_text_dump(text, timezone=zone)
    assert dump.published == date(2024, 3, 3)  # a day takes no zone at all
    timed = parse_text_dump(ARTICLE, timezone=zone)
    assert timed.published == datetime(2024, 3, 3, 10, 15, tzinfo=zone)
    stated = parse_text_dump(ARTICLE.replace("10:15 am", "10:15 am EST"), timezone=zone)
    assert stated.published.utcoffset() == timedelta(hours=-5)


def test_updated_date_and_glued_byline():
    text = ARTICLE.replace(
        "By Maria Lopez and Tom Becker\nPublished: March 3, 2024 10:15 am",
        "ByMaria Lopez\nLast updated: March 4, 2024 9:00 am\nPublished: March 3, 2024",
    )
    dump = parse_text_dump(text)
    assert dump.authors == ("Maria Lopez",)
    assert dump.published == date(2024, 3, 3)
    assert dump.updated == datetime(2024, 3, 4, 9, 0)


def test_title_is_removed_from_author_names():
    text = ARTICLE.replace("By Maria Lopez and Tom Becker", "By Maria Lopez\nOpinion Columnist")
    dump = parse_text_dump(text)
    assert dump.authors == ("Maria Lopez",)
    assert "Columnist" not in dump.body


def test_page_without_headline_gets_a_derived_one_marked_as_such():
    lead_only = "\n".join(ARTICLE.splitlines()[5:]) + "\nMaria Lopez\nFollow us on:\n"
    dump = parse_text_dump(lead_only)
    assert dump.title_derived is True
    # Cut where the lead's first clause ends, and marked as cut.
    assert dump.title == "The city council voted on Tuesday to approve a new bridge across the harbour…"
    assert dump.authors == ("Maria Lopez",)
    assert "Follow us" not in dump.body


def test_unknown_metadata_stays_unknown():
    dump = parse_text_dump("\n".join(ARTICLE.splitlines()[5:]))
    assert dump.authors == ()
    assert dump.published is None and dump.updated is None
    assert dump.outlet is None


def test_teasers_after_the_article_are_dropped():
    teasers = (
        "\nA volcano in the south of the country erupted overnight, covering nearby villages in ash.\n"
        "\nScientists have found a new species of frog living in the canopy of the rainforest.\n"
        "\nThe national orchestra will tour three continents next year with a programme of new works.\n"
    )
    dump = parse_text_dump(MENU + ARTICLE + teasers)
    assert "volcano" not in dump.body and "frog" not in dump.body and "orchestra" not in dump.body
    assert "public meetings in the city hall" in dump.body


def test_chatbot_fence_and_injected_link_lines_are_dropped():
    text = ARTICLE.replace("Share\n", "Share\n```html\n") + "```\n"
    text = text.replace(
        "instead.\n", "instead. Here is the link to our article on Rail Strike Talks.\n"
    )
    dump = parse_text_dump(text)
    assert "```" not in dump.body and "html" not in dump.body
    assert "Here is the link" not in dump.body
    assert "should go to buses instead." in dump.body


def test_generated_boxes_are_dropped_but_the_article_kept():
    boxes = (
        "Highlights\n\nThe council backs a bridge; costs have doubled; work starts next spring and lasts four years.\n\n"
        "Sentiment Analysis\n  • The overall sentiment of the coverage is cautiously positive about the project.\n"
        "  • The opposition is presented as concerned about cost rather than the idea itself.\n40%\n\nArticle Text\n\n"
    )
    text = ARTICLE.replace("Share\n", "Share\n" + boxes)
    dump = parse_text_dump(text)
    assert "Highlights" not in dump.body and "sentiment" not in dump.body.lower()
    assert "costs have doubled" not in dump.body
    assert "The city council voted on Tuesday" in dump.body


def test_flattened_two_column_table_is_restored():
    table = (
        "\nKey figures\n\nItemValue\nTotal costFour hundred million over four years.\n"
        "Length of bridgeOne point two kilometres across the harbour.\nOpening yearThe council expects traffic in 2029.\n"
    )
    dump = parse_text_dump(ARTICLE + table)
    assert "| Item | Value |" in dump.body
    assert "| Total cost | Four hundred million over four years. |" in dump.body
    assert "| Opening year | The council expects traffic in 2029. |" in dump.body


def test_tags_copyright_outlet_and_breadcrumb_section():
    text = (
        "example-news.test > News > Local > City council approves new harbour bridge after decade of debate\n"
        + ARTICLE
        + "TAGGED:BridgesharbourCouncil\n#Transport\n© 2021-24. Harbour Daily. All Rights Reserved.\n"
    )
    dump = parse_text_dump(text)
    assert dump.section == "Local"
    assert dump.outlet == "Harbour Daily"
    assert dump.tags == ("Bridges", "harbour", "Council", "Transport")
    assert "TAGGED" not in dump.body and "#Transport" not in dump.body


def test_author_line_before_follow_prompt_and_role_line_after_article():
    text = "\n".join(ARTICLE.splitlines()[5:]) + "\nPeter Hall\n\nHarbour Times Correspondent\n"
    dump = parse_text_dump(text)
    assert dump.authors == ("Peter Hall",)
    assert dump.outlet == "Harbour Times"
    assert "Peter Hall" not in dump.body


def test_image_credits_and_captions_are_dropped():
    text = ARTICLE.replace(
        "Construction timeline\n",
        "The old ferry terminal on the northern shore of the harbour.\nCredit...\nJane Roe/Harbour Photo Agency\n\nConstruction timeline\n",
    )
    dump = parse_text_dump(text)
    assert "ferry terminal" not in dump.body and "Jane Roe" not in dump.body and "Credit" not in dump.body


def test_a_clean_text_is_kept_whole_however_loose():
    """No page furniture at all: every sentence is the article, even short and wandering ones."""
    text = (
        "The singer checked into a clinic in Malibu on Friday, her publicist confirmed in a statement.\n\n"
        "He did not say why.\n\n"
        "Fans had noticed that she cancelled three concerts in a row last month.\n\n"
        "I had fun.\n\n"
        "Her new album, recorded in Lisbon over the winter, is still due out in the spring.\n"
    )
    dump = parse_text_dump(text)
    for sentence in ("He did not say why.", "I had fun.", "recorded in Lisbon", "cancelled three concerts"):
        assert sentence in dump.body


def test_empty_and_tiny_inputs_do_not_fail():
    assert parse_text_dump("").body == ""
    tiny = parse_text_dump("Home\nNews\n")
    assert tiny.body == "" and tiny.title is None


def test_table_of_contents_is_dropped_and_its_headings_kept():
    toc = "Contents\n  • Construction timeline\n  • What residents say\n\n"
    text = ARTICLE.replace("Share\n", "Share\n" + toc).replace(
        "Residents will be able", "What residents say\n\nResidents will be able"
    )
    dump = parse_text_dump(text)
    assert "Contents" not in dump.body
    assert dump.body.count("Construction timeline") == 1
    assert "## Construction timeline" in dump.body and "## What residents say" in dump.body
    assert "- Construction timeline" not in dump.body


def test_repeated_headline_and_author_bio_are_not_body():
    title = "City council approves new harbour bridge after decade of debate"
    bio = "Maria Lopez is a reporter covering city hall and transport for the paper since 2015.\n"
    dump = parse_text_dump(title + "\n\n" + ARTICLE + "Maria Lopez\n" + bio)
    assert dump.title == title
    assert title not in dump.body
    assert "is a reporter covering" not in dump.body


def test_dates_in_other_languages_and_scripts():
    lead = "\n".join(ARTICLE.splitlines()[5:])
    portuguese = (
        "Prefeitura aprova nova ponte sobre o porto\n20 de novembro de 2019\n"
        "A prefeitura aprovou na terça-feira uma nova ponte sobre o porto, encerrando mais de dez anos de discussão.\n"
        "Os defensores da ponte disseram que a travessia reduziria o tempo de deslocamento de milhares de moradores.\n"
    )
    dump = parse_text_dump(portuguese)
    assert dump.lang == "pt" and dump.published == date(2019, 11, 20)
    assert parse_text_dump("Bridge approved\n2019年11月19日 10:30\n" + lead).published == datetime(2019, 11, 19, 10, 30)
    # A month and year without a day is not a date: nothing is filled in from today.
    assert parse_text_dump("Bridge approved\nNovember 2019\n" + lead).published is None


def test_labelled_boxes_around_a_labelled_article_are_dropped_whatever_their_labels_say():
    """Boxes are told by their place and shape, not by the words of their labels."""
    boxes = (
        "Overview\n\nA bridge is approved; its cost has doubled; building starts next spring for four years.\n\n"
        "Reader mood\n  • Readers seem hopeful that the bridge will shorten their commute across the water.\n"
        "  • Some readers doubt the council can keep the cost of the crossing under control.\n62%\n\n"
        "In depth\n\n"
    )
    digest = (
        "\nPoints in brief\n\nWhatSummary\nThe bridgeThe council voted to approve a new bridge across the harbour.\n"
        "The costOpponents on the council said the cost of the bridge had doubled.\n"
        "The timelineConstruction of the bridge would begin next spring and take four years.\n"
    )
    text = ARTICLE.replace("Share\n", "Share\n" + boxes) + digest
    dump = parse_text_dump(text)
    for box in ("Overview", "cost has doubled;", "Reader mood", "hopeful", "62%", "In depth", "Points in brief",
                "WhatSummary", "The bridgeThe council"):
        assert box not in dump.body, box
    assert dump.body.startswith("The city council voted on Tuesday")
    assert "Residents will be able to comment" in dump.body


def test_furniture_vocabulary_is_found_whatever_the_case_of_its_letters():
    """Furniture words count in any case, with letters a case-blind reading matches but lower case does not."""
    from newsdigest.ingest.text_lines import STOP_WORDS, read_lines

    english = {line.text: line.boilerplate for line in read_lines(
        "SUBSCRIBE to our Newsletter\nSubſcribe now\nSUBSCRİBE now\nThe river rose overnight.", STOP_WORDS["en"])}
    assert english == {
        "SUBSCRIBE to our Newsletter": 2, "Subſcribe now": 1, "SUBSCRİBE now": 1, "The river rose overnight.": 0,
    }
    german = {line.text: line.foreign_furniture for line in read_lines(
        "IMPRESSUM\nDatenschutz & İmpressum\nDer Fluss stieg über Nacht.", STOP_WORDS["de"])}
    assert german == {"IMPRESSUM": 1, "Datenschutz & İmpressum": 2, "Der Fluss stieg über Nacht.": 0}


def test_credits_are_told_by_their_shape_whoever_took_the_picture():
    """Invented agencies and photographers: a credit is known by how it is written, not by whose name it holds."""
    credits = [
        "Boats wait outside the harbour wall at dawn. © Mira Kovac / Lantern Wire",
        "Tomas Ekdal/Northgate Pictorial",
        "Harbour Lens Images",
        "The new pier at low tide (Tomas Ekdal/Northgate Pictorial)",
        "Volunteers sort parcels at the depot on Monday. (LWN)",
        "The pier was closed for a week (picture supplied via Harbour Trust)",
        "Crowds on the quay at noon.Photograph: Mira Kovac/Lantern Wire",
    ]
    prose = [
        "The ferry runs every hour and/or on demand in the summer months, the council said.",
        "Tickets for the crossing cost 135 crowns a day / 40 crowns for Children",
    ]
    lines = {line.text: line.credit for line in read_lines("\n\n".join(credits + prose))}
    assert [lines[text] for text in credits] == [True] * len(credits)
    assert [lines[text] for text in prose] == [False] * len(prose)
