"""What the walks over a saved page find: its visible lines and their regions, its hidden parts, its bylines.

Each walk reads every element of the page once; these pin what it finds, so that
a faster walk finds exactly what a slower one did.
"""

from lxml import etree
from trafilatura.utils import load_html

from newsdigest.ingest.hidden import drop_hidden
from newsdigest.ingest.html_meta import read_page_meta
from newsdigest.ingest.page_text import page_copy, page_text

STORY = ("The harbour board voted on Tuesday to close the old swing bridge for repairs, and the ferry "
         "will run every twenty minutes while the work lasts.")


def tree_of(body: str):
    return load_html(f"<html><head><title>Bridge closes</title></head><body>{body}</body></html>")


def test_each_line_carries_the_region_its_markup_names_and_a_frame_around_the_headline_is_none():
    tree = tree_of(
        '<div class="top-menu"><h1>Bridge closes for repairs</h1><p>By Ana Vidal</p></div>'
        f'<p>{STORY}</p>'
        + '<div class="share-bar"><a>Share on a network</a></div>' * 3
        + '<div class="footer-menu"><a>Contact us</a></div><div id="comments"><p>First!</p></div>'
    )
    lines = {line.text: line.region for line in page_text(tree)}
    assert lines["Bridge closes for repairs"] is None  # the menu class wraps the headline: the page's frame
    assert lines["By Ana Vidal"] is None
    assert lines[STORY] is None
    assert [line.region for line in page_text(tree) if line.text == "Share on a network"] == ["share buttons"] * 3
    assert lines["Contact us"] == "navigation"  # the first pattern that matches names it, not a later one
    assert lines["First!"] == "comments"


def test_a_copy_of_the_page_sets_paragraphs_and_headings_apart_as_a_browser_does_and_menus_not():
    tree = tree_of(
        '<div class="menu"><a>Home</a><div>World</div><div>Sport</div></div>'
        f'<h1>Bridge closes for repairs</h1><div>By Ana Vidal</div><p>{STORY}</p>'
        '<h2>What changes</h2><p>The ferry runs later.<br>Tickets stay the same.</p>'
        '<ul><li>Monday</li><li>Tuesday</li></ul><div>Contact us</div>'
    )
    assert page_copy(tree) == (
        "Home\nWorld\nSport\n\nBridge closes for repairs\n\nBy Ana Vidal\n\n" + STORY
        + "\n\nWhat changes\n\nThe ferry runs later.\nTickets stay the same.\n\nMonday\nTuesday\n\nContact us"
    )
    # The lines are the same with or without the margins between them.
    assert [line.text for line in page_text(tree)] == [line for line in page_copy(tree).split("\n") if line]


def test_hidden_elements_and_cards_inside_their_trigger_go_and_the_text_after_them_stays():
    tree = tree_of(
        f'<p>{STORY}</p>'
        '<p>The mayor, <a class="tooltip-trigger">Ana Vidal<span class="tooltip-card"><img src="a.jpg">'
        'Ana Vidal is the mayor of the town and writes a weekly column.</span></a>, said the work was overdue.</p>'
        '<div hidden>Subscribers only</div><div style="display: none">Sign up</div>'
        '<div style="visibility:hidden">Hidden offer</div><div style="border: none">A framed note.</div>'
    )
    drop_hidden(tree)
    text = " ".join(etree.tostring(tree, method="text", encoding="unicode").split())
    assert "The mayor, Ana Vidal, said the work was overdue." in text
    assert "weekly column" not in text and "Subscribers only" not in text and "Sign up" not in text
    assert "Hidden offer" not in text
    assert "A framed note." in text  # a style that merely says "none" of something hides nothing


def test_elements_marked_as_bylines_are_read_in_page_order_whatever_marks_them():
    tree = tree_of(
        '<span rel="author">Ana Vidal</span><div id="story-byline">Omar Reyes</div>'
        '<p class="auteur">Lina Moreau</p><span itemprop="author">Sam Lee</span>'
        f'<p>{STORY}</p><div class="author-bio">Ana Vidal writes about the harbour.</div>'
    )
    assert read_page_meta(tree).bylines == ["Ana Vidal", "Omar Reyes", "Lina Moreau", "Sam Lee"]
