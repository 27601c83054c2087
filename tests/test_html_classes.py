"""A page parsed with the element classes chosen inside lxml has the classes lxml.html's own parser gives.

The page readers call form controls' and elements' methods (`text_content`,
`drop_tree`, a form's fields): a wrong class would lose a method or change
what it returns, so each kind of node is held to what a stock parser makes of it.
"""

from lxml import html

from newsdigest.ingest.html_classes import choose_classes_in_c
from newsdigest.ingest.html_source import read_html

PAGE = (
    "<html><head><title>Bridge closes</title></head><body><!-- a note --><?pi data?>"
    "<DIV class='story'><h1>Bridge closes for repairs</h1><p>The harbour board voted to close the bridge.</p>"
    "<FORM action='/subscribe'><LABEL for='m'>Mail</LABEL><INPUT id='m' name='m' value='ana@example.org'><select name='s'>"
    "<option>Daily</option></select><textarea name='t'>Note</textarea></FORM></DIV></body></html>"
)


def kinds(tree) -> list[tuple[str, type]]:
    return [(str(node.tag), type(node)) for node in tree.iter()]


def test_every_node_of_a_page_gets_the_class_lxml_html_gives_it():
    parser = html.HTMLParser()
    choose_classes_in_c(parser)
    ours, stock = html.fromstring(PAGE, parser=parser), html.fromstring(PAGE, parser=html.HTMLParser())
    assert kinds(ours) == kinds(stock)
    assert {kind.__name__ for _, kind in kinds(ours)} >= {
        "HtmlElement", "HtmlComment", "FormElement", "InputElement", "SelectElement",
        "TextareaElement", "LabelElement"}
    form = ours.find(".//form")
    assert dict(form.form_values()) == {"m": "ana@example.org", "s": "Daily", "t": "Note"}  # a form's own method still works


def test_a_page_with_a_form_reads_as_an_article_with_the_classes_chosen_in_c():
    page = PAGE.replace("<FORM", "<p>" + "The ferry will run every twenty minutes while the work lasts. " * 4
                        + "</p><FORM")
    article = read_html(page)
    assert article.title == "Bridge closes for repairs"
    assert "The ferry will run every twenty minutes" in article.body
    assert "Daily" not in article.body
