"""The headline of a saved HTML page where no heading agrees with a stated title: the statement that says most."""

from trafilatura.utils import load_html

from newsdigest.ingest.html_fields import headline
from newsdigest.ingest.html_meta import read_page_meta


def page(head: str) -> str:
    return f"""<html lang="de"><head>{head}</head><body><div class="content">
<p>Die Impfzentren in den Einkaufszentren schliessen Ende Februar, die Praxen impfen weiter.</p></div></body></html>"""


def test_a_stated_title_of_one_word_names_a_section_where_another_states_the_headline():
    html = page('<meta property="og:title" content="Medienmitteilungen">'
                "<title>Impfen ist bis Ende Februar noch überall möglich</title>")
    assert headline(read_page_meta(load_html(html))) == "Impfen ist bis Ende Februar noch überall möglich"


def test_a_one_word_title_stands_where_the_page_states_nothing_longer():
    html = page('<meta property="og:title" content="Medienmitteilungen"><title>Medienmitteilungen</title>')
    assert headline(read_page_meta(load_html(html))) == "Medienmitteilungen"


def test_of_several_h1s_the_one_that_is_neither_a_label_nor_repeated_is_the_headline():
    box = "<h1>Liebe in deinem Posteingang: unser Newsletter</h1>"
    html = f"""<html><head><meta property="og:title" content="Geschenke für Weihnachten | Beispielblog"></head><body>
<h1>Mein Geschenkführer für ein gemütliches Zuhause</h1><h1>Anwendung</h1>{box}<p>Text des Artikels.</p>{box}</body></html>"""
    assert headline(read_page_meta(load_html(html))) == "Mein Geschenkführer für ein gemütliches Zuhause"
