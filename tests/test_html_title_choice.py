"""The headline of a saved HTML page where no heading agrees with a stated title: the statement that says most."""

from trafilatura.utils import load_html

from newsdigest.ingest.html_fields import headline
from newsdigest.ingest.html_meta import read_page_meta


def page(head: str) -> str:
    return f"""<html lang="de"><head>{head}</head><body><div class="content">
<p>Die Stadtbibliothek verlängert ihre Öffnungszeiten, der Lesesaal bleibt bis zehn Uhr abends offen.</p></div></body></html>"""


def test_a_stated_title_of_one_word_names_a_section_where_another_states_the_headline():
    html = page('<meta property="og:title" content="Pressearchiv">'
                "<title>Die Stadtbibliothek öffnet ab März auch sonntags</title>")
    assert headline(read_page_meta(load_html(html))) == "Die Stadtbibliothek öffnet ab März auch sonntags"


def test_a_one_word_title_stands_where_the_page_states_nothing_longer():
    html = page('<meta property="og:title" content="Pressearchiv"><title>Pressearchiv</title>')
    assert headline(read_page_meta(load_html(html))) == "Pressearchiv"


def test_of_several_h1s_the_one_that_is_neither_a_label_nor_repeated_is_the_headline():
    box = "<h1>Jede Woche in Ihrem Postfach: die Stadtteilpost</h1>"
    html = f"""<html><head><meta property="og:title" content="Wandern am Stausee | Beispielblog"></head><body>
<h1>Zwölf Wanderwege rund um den Stausee</h1><h1>Kategorien</h1>{box}<p>Text des Artikels.</p>{box}</body></html>"""
    assert headline(read_page_meta(load_html(html))) == "Zwölf Wanderwege rund um den Stausee"
