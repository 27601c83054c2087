"""Saved HTML pages: the headline, authors and publication date chosen from what the page states and shows."""

from zoneinfo import ZoneInfo

import pytest
from trafilatura.utils import load_html

from newsdigest.ingest.html_fields import explain_choices
from newsdigest.ingest.html_meta import read_page_meta
from newsdigest.ingest.html_source import read_html

LONDON = ZoneInfo("Europe/London")
BODY = "".join(
    f"<p>{text}</p>"
    for text in (
        "The regional water board approved a plan on Monday to rebuild the northern reservoir dam, which "
        "inspectors found had settled by several centimetres since the spring floods of last year.",
        "Work is due to begin in the autumn and last about two years, during which the reservoir will be "
        "kept at half its usual level and the footpath along its eastern shore will stay closed.",
        "Farmers downstream said they welcomed the repairs but asked the board to guarantee enough water for "
        "irrigation through the dry months, when demand from the valley is at its highest.",
    )
)


def page(*, head: str = "", heading: str = "<h1>Water board approves dam rebuild</h1>", before: str = "",
         after: str = "", lang: str = "en", title: str = "Water board approves dam rebuild", closing: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title>{head}</head><body>
<nav><a href="https://valley-courier.example/">Home</a> <a href="https://valley-courier.example/news/">News</a></nav>
<main><article>{heading}{before}<div class="article-body">{BODY}{closing}</div>{after}</article></main>
<footer><p>Contact the newsroom</p></footer></body></html>"""


def test_an_author_the_article_names_by_reference_is_read_from_the_graph():
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "NewsArticle", "headline": "Water board approves dam rebuild",
       "author": {"@id": "https://valley-courier.example/#/person/1"}},
      {"@type": "Person", "@id": "https://valley-courier.example/#/person/1", "name": "Noor Haddad"}]}</script>"""
    assert read_html(page(head=head), timezone=LONDON).authors == ("Noor Haddad",)


def test_a_person_named_anywhere_wins_over_the_site_named_as_author():
    head = '<meta property="og:site_name" content="Valley Courier"><meta name="author" content="Valley Courier">'
    byline = '<p class="byline">By Tomas Varga</p>'
    assert read_html(page(head=head, before=byline), timezone=LONDON).authors == ("Tomas Varga",)


def test_the_site_named_as_author_stands_when_no_person_is_named():
    head = '<meta property="og:site_name" content="Valley Courier"><meta name="author" content="Valley Courier">'
    assert read_html(page(head=head), timezone=LONDON).authors == ("Valley Courier",)


def test_a_handle_beside_a_name_is_not_part_of_it_and_a_comment_form_names_nobody():
    head = '<meta name="author" content="Noor Haddad @noorh">'
    form = '<form id="respond"><label class="comment-author">Name (required)</label><input name="author"></form>'
    assert read_html(page(head=head, after=form), timezone=LONDON).authors == ("Noor Haddad",)
    assert read_html(page(after=form), timezone=LONDON).authors == ()


def test_a_twitter_card_label_names_the_author_beside_the_reading_time():
    head = ('<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Lena Brandt">'
            '<meta name="twitter:label2" content="Lesedauer"><meta name="twitter:data2" content="4 Minuten">')
    assert read_html(page(head=head), timezone=LONDON).authors == ("Lena Brandt",)


def test_the_site_name_and_its_tagline_leave_the_stated_title():
    head = '<meta property="og:site_name" content="Valley Courier">'
    title = "Dam rebuild approved after inspection | Valley Courier | News from the valley since 1901"
    article = read_html(page(head=head, heading="", title=title), timezone=LONDON)
    assert article.title == "Dam rebuild approved after inspection"


def test_a_title_part_spelling_the_host_is_the_site_name():
    head = '<link rel="canonical" href="https://www.valleycourier.example/news/dam">'
    article = read_html(page(head=head, heading="", title="Dam rebuild approved : Valley-Courier"), timezone=LONDON)
    assert article.title == "Dam rebuild approved"


def test_a_heading_with_a_kicker_gives_the_piece_the_page_states_as_its_title():
    heading = "<h1><span>Reservoirs</span><span>Water board approves dam rebuild</span></h1>"
    head = '<meta property="og:title" content="Water board approves dam rebuild">'
    assert read_html(page(head=head, heading=heading, title="Reservoirs"), timezone=LONDON).title == (
        "Water board approves dam rebuild")


def test_a_time_stated_in_utc_is_read_on_the_day_of_the_pages_country():
    head = '<meta property="article:published_time" content="2018-12-31T23:30:00+00:00">'
    german = read_html(page(head=head, lang="de-DE"), timezone=LONDON)
    assert german.published.date().isoformat() == "2019-01-01"
    assert german.published.utcoffset().total_seconds() == 3600
    # A region that does not speak the page's language ("es_LA": Latin America) names no country.
    latin = read_html(page(head=head + '<meta property="og:locale" content="es_LA">', lang="es"), timezone=LONDON)
    assert latin.published.date().isoformat() == "2018-12-31"


def test_a_date_written_with_dots_puts_the_day_first():
    head = '<meta property="article:published_time" content="10.12.2022, 07:00:03">'
    assert read_html(page(head=head), timezone=LONDON).published.date().isoformat() == "2022-12-10"


def test_the_explanation_names_where_each_field_was_read():
    html = page(head='<meta property="og:title" content="Water board approves dam rebuild">'
                     '<meta name="author" content="Noor Haddad">'
                     '<meta property="article:published_time" content="2024-05-06">')
    lines = explain_choices(read_page_meta(load_html(html)), html, LONDON)
    assert lines[0].startswith("headline: 'Water board approves dam rebuild'") and "og:title" in lines[0]
    assert lines[1].startswith("authors: Noor Haddad") and "meta author" in lines[1] and "best-scored of 1 reading" in lines[1]
    assert lines[2].startswith("published: 2024-05-06 ") and "article:published_time" in lines[2]


def test_a_page_without_an_h1_headline_shows_it_as_a_lower_heading_that_a_stated_title_names():
    heading = "<h2>Archive</h2><h2>Water board approves dam rebuild</h2>"
    title = "Valley Courier » Blog archive » Water board approves dam rebuild"
    article = read_html(page(heading=heading, title=title), timezone=LONDON)
    assert article.title == "Water board approves dam rebuild"


def test_a_first_name_in_json_ld_is_completed_from_the_persons_own_biography():
    head = """<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Water board approves dam rebuild",
      "author": {"@type": "Person", "name": "Noor", "description": "Noor Haddad writes about water and farming."}}</script>"""
    assert read_html(page(head=head), timezone=LONDON).authors == ("Noor Haddad",)


def test_a_user_name_as_author_is_the_name_the_article_spells_out():
    head = '<meta name="author" content="noor.haddad">'
    closing = ("<p>The board will publish the contracts for the works in June, and residents can comment on the "
               "plans at the town hall until then. (Noor K. Haddad)</p>")
    assert read_html(page(head=head, closing=closing), timezone=LONDON).authors == ("Noor K. Haddad",)


def test_initials_yield_to_a_full_name_and_a_desk_byline_stands_when_no_one_is_named():
    links = '<p><a href="/author/jd">JD</a></p><p><a href="/author/jane-doe">Jane Doe</a></p>'
    assert read_html(page(before=links), timezone=LONDON).authors == ("Jane Doe",)
    head = '<meta name="author" content="Staff and wire reports">'
    assert read_html(page(head=head), timezone=LONDON).authors == ("Staff and wire reports",)


def test_among_visible_bylines_the_name_more_kinds_of_byline_agree_on_wins():
    # "By Lena Brandt" is read twice (as text and as a "By" line); Tomas Varga three times
    # (an author link, byline markup, and his name signed under the article).
    before = '<p>By Lena Brandt</p><p><a href="/author/tomas-varga">Tomas Varga</a></p><span class="byline">Tomas Varga</span>'
    article = read_html(page(before=before, closing="<p>Tomas Varga</p>"), timezone=LONDON)
    assert article.authors == ("Tomas Varga",)


@pytest.mark.parametrize(("owner", "authors"), [
    ("Mira Okonkwo", ("Mira Okonkwo",)),
    ("Hillside Regional Publishing Holdings", ()),
])
def test_the_copyright_holder_is_the_author_only_when_a_person_holds_it(owner, authors):
    """A personal site's owner wrote its pages; a company holding the copyright wrote nothing."""
    footer = f"<p>© 2024 {owner}. All rights reserved.</p>"
    html = page(after=footer)
    assert read_html(html, timezone=LONDON).authors == authors
