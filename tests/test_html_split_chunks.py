"""Saved pages whose page builder wraps each chunk of the article in a section of its own: the chunks are put back."""

from lxml.html import fromstring

from newsdigest.ingest.split_article import complete_split_article

PARAGRAPHS = [
    ("The valley's only bakery reopened on Monday after a flood filled its cellar with mud, and by noon the queue "
     "for bread reached the post office at the other end of the street."),
    ("Its owner said neighbours had spent three weekends carrying out sacks of ruined flour and scrubbing the "
     "ovens, which an engineer then declared safe to light again."),
    ("The regional council has promised a grant towards a new pump, though the owner says the money will not "
     "arrive before the spring rains, when the river usually rises."),
    ("Until then the bakery will keep its flour on the first floor, in what used to be a storeroom for the "
     "wooden trays it no longer uses since switching to metal ones."),
]
TEASER = ("A market town votes to keep its Saturday fair on the square after traders threatened to leave for the "
          "retail park outside the ring road.")


def _section(paragraphs: list[str], kind: str = "section") -> str:
    """One chunk as a page builder writes it: a section, a row, a column, then the text block."""
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<div class="{kind}"><div class="row"><div class="column">'
            f'<div class="text-block">{text}</div></div></div></div>')


def _page(middle: str, body_class: str = "single-post") -> str:
    return (f'<html><body class="{body_class}"><div class="site"><h1>Bakery reopens after the flood</h1>'
            f'{_section(PARAGRAPHS[:2])}<div class="section"><div class="banner">Advertisement</div></div>'
            f'{middle}</div></body></html>')


def test_chunks_that_are_cousins_several_levels_apart_are_put_back_in_order():
    tree = fromstring(_page(_section(PARAGRAPHS[2:])))
    body = complete_split_article(tree, "\n\n".join(PARAGRAPHS[:2]))
    positions = [body.find(paragraph) for paragraph in PARAGRAPHS]
    assert all(position >= 0 for position in positions), body
    assert positions == sorted(positions)


def test_the_pages_own_class_naming_no_sidebar_does_not_hide_the_chunks():
    tree = fromstring(_page(_section(PARAGRAPHS[2:]), body_class="single-post layout-no-sidebar"))
    body = complete_split_article(tree, "\n\n".join(PARAGRAPHS[:2]))
    assert PARAGRAPHS[3] in body


def test_a_block_sharing_the_chunks_class_in_another_template_is_not_taken_for_the_article():
    # The same text-block class, but in a card of another kind: a teaser, not the article's next chunk.
    teaser = _section([TEASER, TEASER.replace("market town", "harbour town")], kind="card-grid")
    tree = fromstring(_page(_section(PARAGRAPHS[2:]) + teaser))
    body = complete_split_article(tree, "\n\n".join(PARAGRAPHS[:2]))
    assert PARAGRAPHS[3] in body
    assert "market town" not in body and "harbour town" not in body


def _merged(html: str, body: list[str]) -> str:
    return complete_split_article(fromstring(f'<html><body class="page"><div class="site">{html}</div></body></html>'),
                                  "\n\n".join(body))


def _in_order(body: str, paragraphs: list[str]) -> bool:
    positions = [body.find(paragraph) for paragraph in paragraphs]
    return all(position >= 0 for position in positions) and positions == sorted(positions)


BANNER = '<div class="section"><div class="banner">Advertisement</div></div>'


def test_a_chunk_before_the_one_the_extractor_found_leads_the_article():
    body = _merged(_section(PARAGRAPHS[:1]) + BANNER + _section(PARAGRAPHS[1:3]) + _section(PARAGRAPHS[3:]),
                   PARAGRAPHS[1:3])
    assert _in_order(body, PARAGRAPHS), body
    assert body.startswith(PARAGRAPHS[0])


def test_a_block_of_the_chunks_class_nearer_the_page_than_the_chunks_are_is_not_taken():
    teasers = [TEASER, TEASER.replace("market town", "harbour town")]
    text = "".join(f"<p>{p}</p>" for p in teasers)
    card = f'<div class="text-block">{text}</div>'
    for card in (card, f'<div class="column">{card}</div>'):  # right under the page's wrapper; in a lone column
        body = _merged(_section(PARAGRAPHS[:2]) + _section(PARAGRAPHS[2:]) + card, PARAGRAPHS[:2])
        assert _in_order(body, PARAGRAPHS), body
        assert "market town" not in body and "harbour town" not in body


def test_a_block_of_the_chunks_class_under_another_kind_of_wrapper_is_not_the_article():
    # What a page builder repeats is the chunk's whole wrapper; a block of the same class in a wrapper of another
    # kind ("intro" beside "part") may be anything, and a reader is better shown too little than another text.
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    body = _merged(f'<div class="intro"><div class="chunk">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])}</div></div>'
                   f'<div class="part"><div class="chunk">{text}</div></div>', PARAGRAPHS[:2])
    assert PARAGRAPHS[2] not in body and PARAGRAPHS[3] not in body


def test_a_numbered_reference_holding_a_paragraph_is_shown_once():
    references = [f"Author {name} and others. A study of how flour keeps in damp cellars. Journal of Baking, 201{n}."
                  for n, name in enumerate("ABC")]
    items = "".join(f"<li><span>{n + 1}.</span><p>{r}</p></li>" for n, r in enumerate(references))
    quote = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    html = (_section(PARAGRAPHS[:2]) + BANNER +
            f'<div class="section"><div class="row"><div class="column"><div class="text-block"><ol>{items}</ol>'
            f'<blockquote>{quote}</blockquote></div></div></div></div>')
    body = _merged(html, PARAGRAPHS[:2])
    for text in (*references, *PARAGRAPHS):
        assert body.count(text) == 1, body
    assert f"- {references[0]}" in body and f"> {PARAGRAPHS[3]}" in body


def test_a_layout_class_on_the_articles_own_wrapper_does_not_hide_the_chunks():
    for layout in ("content-sidebar-wrap", "site-main--no-sidebar"):
        body = _merged(f'<div class="{layout}">{_section(PARAGRAPHS[:2])}{BANNER}{_section(PARAGRAPHS[2:])}</div>',
                       PARAGRAPHS[:2])
        assert _in_order(body, PARAGRAPHS), body


def test_a_block_of_the_template_that_names_itself_comments_is_kept_out():
    comments = _section([TEASER, TEASER.replace("market town", "harbour town")]).replace(
        '<div class="text-block">', '<div class="text-block" id="comments">')
    body = _merged(_section(PARAGRAPHS[:2]) + _section(PARAGRAPHS[2:]) + comments, PARAGRAPHS[:2])
    assert PARAGRAPHS[3] in body and "market town" not in body


def test_an_italic_pointer_to_another_article_in_the_chunk_is_left_out():
    pointer = ('<p><i>Not from the flood year but from the one before is the next project: a mill turned into a '
               'village hall with a stage and a café. More on it here: </i><a href="/mill-hall">The mill hall</a>'
               '<i>.</i></p>')
    html = (_section(PARAGRAPHS[:2]) + BANNER + _section(PARAGRAPHS[2:]).replace("</div></div></div></div>",
                                                                               pointer + "</div></div></div></div>"))
    body = _merged(html, PARAGRAPHS[:2])
    assert _in_order(body, PARAGRAPHS), body
    assert "mill" not in body


def test_short_headings_between_paragraphs_of_the_chunks_are_kept():
    html = (_section(PARAGRAPHS[:2]) + BANNER +
            _section([]).replace('<div class="text-block">',
                                 f'<div class="text-block"><h3>The new pump</h3><p>{PARAGRAPHS[2]}</p>'
                                 f'<h3>Upstairs, where the trays were kept for fifty years</h3><p>{PARAGRAPHS[3]}</p>'
                                 '<h3>Rainfall by month</h3><table><tr><td>March</td><td>80 mm</td></tr></table>'
                                 f'<p>{TEASER}</p><h3>Share this</h3>'))
    body = _merged(html, PARAGRAPHS[:2])
    upstairs = "### Upstairs, where the trays were kept for fifty years"
    assert _in_order(body, [PARAGRAPHS[1], "### The new pump", PARAGRAPHS[2], upstairs, PARAGRAPHS[3]]), body
    assert "Share this" not in body and "Rainfall" not in body  # a heading of nothing, or of a table not shown


def test_the_next_article_in_a_copy_of_the_pages_template_is_not_taken():
    # A page that loads the next article below the first repeats its whole template, one level further up.
    nxt = _section([TEASER, TEASER.replace("market town", "harbour town")])
    body = _merged(f'<div class="content">{_section(PARAGRAPHS[:2])}{BANNER}{_section(PARAGRAPHS[2:])}</div>'
                   f'<div class="content">{nxt}</div>', PARAGRAPHS[:2])
    assert PARAGRAPHS[3] in body and "market town" not in body


def test_a_chunk_repeating_any_of_the_articles_section_kinds_is_taken():
    # The article's chunks come in two kinds of section (a wide one for a quote, say); the next chunk repeats one.
    body = _merged(_section(PARAGRAPHS[:2]) + _section(PARAGRAPHS[2:3], kind="section wide") + BANNER +
                   _section(PARAGRAPHS[3:]), PARAGRAPHS[:3])
    assert _in_order(body, PARAGRAPHS), body


def test_a_paragraph_the_body_holds_with_a_markdown_escape_is_not_added_again():
    starred = PARAGRAPHS[2].replace("council", "council*s")  # a gender star, escaped in the body's Markdown
    body = _merged(_section(PARAGRAPHS[:2]) + BANNER + _section([starred, PARAGRAPHS[3]]),
                   [*PARAGRAPHS[:2], starred.replace("*", "\\*")])
    assert body.count("promised a grant") == 1 and PARAGRAPHS[3] in body, body
