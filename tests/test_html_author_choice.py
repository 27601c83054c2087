"""The byline chosen among a page's readings of it by the fitted weights: agreement between readings counts."""

from zoneinfo import ZoneInfo

from trafilatura.utils import load_html

from newsdigest.ingest.html_authors import author_candidates, choose_authors
from newsdigest.ingest.html_meta import read_page_meta
from newsdigest.ingest.html_site import site_of

LONDON = ZoneInfo("Europe/London")
STORY = "".join(f"<p>{text}</p>" for text in (
    ("The county library reopened its reading room on Saturday after a year of repairs to the roof, which "
     "had leaked onto the local history shelves during the storms of the previous winter."),
    ("Volunteers spent the summer drying and cataloguing the damaged pamphlets, and most of them are back "
     "on the shelves, although a few of the oldest maps have been sent away for restoration."),
))


def chosen(body_html: str, head: str = "") -> tuple[str, ...]:
    tree = load_html(f"""<html lang="en"><head><title>Library reopens reading room</title>{head}</head><body>
<main><article><h1>Library reopens reading room</h1>{body_html}</article></main></body></html>""")
    page = read_page_meta(tree)
    choice = choose_authors(page, site_of(page, None), "")
    return choice.names if choice else ()


def test_a_name_the_byline_markup_and_the_metadata_agree_on_wins_over_a_name_stated_once():
    head = '<meta name="author" content="Ines Moreau">'
    body = ('<div class="byline"><a href="/author/ines-moreau" rel="author">Ines Moreau</a></div>'
            f'<p>By Paul Lindqvist</p>{STORY}')
    assert chosen(body, head) == ("Ines Moreau",)


def test_a_person_is_chosen_over_the_site_named_as_author():
    head = ('<meta property="og:site_name" content="Shire Gazette">'
            '<meta name="author" content="Shire Gazette">')
    assert chosen(f'<span class="byline">Ines Moreau</span>{STORY}', head) == ("Ines Moreau",)


def test_every_feature_of_a_reading_has_a_fitted_weight():
    """A feature the shipped weights do not know would silently count for nothing: retrain when adding one."""
    from newsdigest.ingest.html_authors import _weights

    tree = load_html(f'<html><head><meta name="author" content="Ines Moreau"></head><body>{STORY}</body></html>')
    page = read_page_meta(tree)
    candidates = author_candidates(page, site_of(page, None), "")
    assert candidates and set(candidates[0].features) <= set(_weights())



def page_of(body_html: str):
    return read_page_meta(load_html(f"<html><body><main><article>{body_html}{STORY}</article></main></body></html>"))


def test_a_byline_printed_with_the_word_for_by_in_another_language_is_read():
    assert page_of("<p>Von Jana Muster und Ole Beispiel</p>").by_lines[:1] == ["Jana Muster und Ole Beispiel"]
    assert page_of("<p>Par <a href='/p/claire'>Claire Exemple</a></p>").by_lines[:1] == ["Claire Exemple"]


def test_a_sentence_opening_with_the_word_for_by_is_no_byline_in_any_script():
    for sentence in ("Por último, el puente se abrió al tráfico.", "Par été, la plage reste ouverte.",
                     "Por ésta razón cerraron.", "By évening the square was empty."):
        assert page_of(f"<p>{sentence}</p>").by_lines == []
    assert page_of("<p>Por Élodie Ejemplo</p>").by_lines[:1] == ["Élodie Ejemplo"]


def test_an_element_classed_author_in_another_language_is_read_as_a_byline():
    assert "Lucía Ejemplo" in page_of('<div class="autor"><h6>Lucía Ejemplo</h6></div>').bylines


def test_the_explanation_reads_the_same_visible_bylines_as_ingest():
    from newsdigest.ingest.html_fields import explain_choices
    from newsdigest.ingest.html_source import read_html, read_page

    html = f"""<html lang="en"><head><title>Library reopens reading room</title></head><body><main><article>
<h1>Library reopens reading room</h1><span class="byline" style="display:none">Hidden Draftsman</span>
<span class="byline">Ines Moreau</span>{STORY}</article></main></body></html>"""
    article = read_html(html)
    read = read_page(html)
    assert read is not None
    explained = explain_choices(read[1], html, LONDON, article.body)[1]
    assert article.authors == ("Ines Moreau",) and explained.startswith("authors: Ines Moreau")
    assert "Hidden Draftsman" not in explained


def test_a_reading_that_names_every_author_wins_over_one_that_names_the_first():
    head = '<meta name="author" content="Ines Moreau, Paul Lindqvist">'
    body = ('<div class="byline"><a href="/author/ines-moreau">Ines Moreau</a></div>'
            f'<p class="article-authors">Ines Moreau and Paul Lindqvist</p>{STORY}')
    assert set(chosen(body, head)) == {"Ines Moreau", "Paul Lindqvist"}


def test_the_roles_before_a_colon_are_no_names():
    assert chosen(f'<p class="byline">Text, Fotos: Ines Moreau</p>{STORY}') == ("Ines Moreau",)
    assert chosen(f'<p class="byline">Text &amp; Bild: Ines Moreau</p>{STORY}') == ("Ines Moreau",)


def test_readings_that_give_a_first_name_agree_with_the_one_that_gives_it_in_full():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Library reopens reading room",'
            ' "author": {"@type": "Person", "name": "Ines Moreau"}}</script><meta name="author" content="Ines">'
            '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Ines">')
    assert chosen(f'<a href="/author/ines">Ines</a>{STORY}', head) == ("Ines Moreau",)


def test_a_desk_named_beside_the_author_is_no_second_author_even_when_hyphenated():
    for desk in ("Online-Redaktion", "Redaktion"):
        head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Library reopens reading room",'
                f' "author": [{{"@type": "Person", "name": "Ines Moreau"}}, {{"@type": "Person", "name": "{desk}"}}]}}'
                '</script>')
        body = f'<div class="byline"><a href="/author/ines-moreau" rel="author">Ines Moreau</a></div>{STORY}'
        assert chosen(body, head) == ("Ines Moreau",), desk


def test_a_byline_naming_the_site_stands_against_a_lone_word_the_page_prints_after_by():
    # A sorting control ("By" / "Date") reads as a "By" line naming no one the page states or repeats.
    head = '<meta property="og:site_name" content="Shire Gazette"><meta name="author" content="Shire Gazette">'
    assert chosen(f'<div class="sort"><p>By</p><p>Date</p></div>{STORY}', head) == ("Shire Gazette",)
