"""Teaser links that close an article's container are cut from the body; the article's own last lines stay."""

from newsdigest.ingest.html_source import read_html

PARAGRAPHS = [
    ("The county's new ferry made its first crossing on Monday morning, carrying forty cars and a school "
     "party across the estuary in eleven minutes, half the time the old boat needed."),
    ("Its electric engines are charged at the northern quay overnight, and the operator says the batteries "
     "hold enough for twenty crossings, more than the timetable asks of them on a winter day."),
    ("Residents of the islands had waited six years for the replacement, after the old ferry was taken out "
     "of service twice in one summer with faults in its steering gear."),
    ("The council expects the fares to stay as they are until the spring, when it will review them with "
     "the operator and the islanders' association at a public meeting."),
]


def page(after: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><title>New ferry crosses the estuary</title></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<main><article><h1>New ferry crosses the estuary</h1>
<div class="entry">{paragraphs}{after}</div></article></main></body></html>"""


TEASERS = """<h2>Elsewhere in the county</h2>
<h3><a href="/a">Harbour wall repairs start after storm damage</a></h3>
<h3><a href="/b">Library reopens with longer weekend hours</a></h3>
<h3><a href="/c">Cycle path to link the two market towns</a></h3>"""


def test_teaser_links_after_the_last_paragraph_go_and_their_heading_with_them():
    body = read_html(page(TEASERS)).body
    assert "public meeting" in body
    assert "Library reopens" not in body and "Harbour wall repairs" not in body
    assert "Elsewhere in the county" not in body


def test_a_card_that_links_a_headline_and_its_first_sentence_is_a_teaser():
    cards = "".join(
        f'<a class="card" href="/{n}"><p>{title}</p><p>{lead}</p></a>' for n, (title, lead) in enumerate([
            ("Harbour wall repairs", "Work on the harbour wall starts next week after the winter storms broke it."),
            ("Library hours", "The library reopens on Saturday with longer hours on both weekend days."),
        ]))
    body = read_html(page(cards)).body
    assert "public meeting" in body and "harbour wall starts" not in body


def test_one_closing_link_is_the_articles_source_and_two_are_a_list_of_teasers():
    from lxml.html import fromstring

    from newsdigest.ingest.link_tail import drop_link_tail

    report = "The operator published its figures for the year in an annual report."
    archive = "All our reports on the county's ferries since the service began."
    links = f'<p><a href="/report">{report}</a></p><p><a href="/archive">{archive}</a></p>'
    tree = fromstring(page(links))
    one = "\n\n".join([*PARAGRAPHS, report])
    assert drop_link_tail(tree, one) == one
    assert drop_link_tail(tree, "\n\n".join([*PARAGRAPHS, report, archive])) == "\n\n".join(PARAGRAPHS)


def test_a_closing_table_whose_cells_link_is_the_articles_data():
    rows = "".join(f'<tr><td><a href="/{n}">{name}</a></td><td><a href="/t{n}">{time}</a></td></tr>'
                   for n, (name, time) in enumerate([("North quay", "07:10"), ("Island pier", "07:25"),
                                                     ("South slipway", "07:40"), ("Old harbour", "07:55")]))
    body = read_html(page(f"<table><tr><th>Stop</th><th>First boat</th></tr>{rows}</table>")).body
    assert "Island pier" in body and "Old harbour" in body


SOURCES = ["Annual report of the estuary ferry service, 2023", "Islanders' association: minutes of the spring meeting",
           "County transport plan for the coastal towns"]


def test_a_source_list_the_article_introduces_stays_with_its_heading():
    from lxml.html import fromstring

    from newsdigest.ingest.link_tail import drop_link_tail

    items = "".join(f'<li><a href="https://example.org/{n}">{text}</a></li>' for n, text in enumerate(SOURCES))
    tree = fromstring(page(f"<h3>Sources</h3><ul>{items}</ul>"))
    body = "\n\n".join([*PARAGRAPHS, "### Sources", *(f"- {text}" for text in SOURCES)])
    assert drop_link_tail(tree, body) == body


def test_a_json_ld_body_closing_on_its_sources_keeps_them():
    import json

    stated = "\n\n".join([*PARAGRAPHS, *PARAGRAPHS, "Sources", *SOURCES])
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": stated})
    items = "".join(f'<li><a href="https://example.org/{n}">{text}</a></li>' for n, text in enumerate(SOURCES))
    html = page(f"<h3>Sources</h3><ul>{items}</ul>").replace("</head>", f'<script type="application/ld+json">{ld}</script></head>')
    body = read_html(html).body
    assert all(text in body for text in SOURCES)


def test_teaser_links_under_a_furniture_label_go_with_it():
    from lxml.html import fromstring

    from newsdigest.ingest.link_tail import drop_link_tail

    teasers = ["Harbour wall repairs start after storm damage", "Library reopens with longer weekend hours"]
    links = "".join(f'<p><a href="/{n}">{text}</a></p>' for n, text in enumerate(teasers))
    tree = fromstring(page(f"<p>Read next</p>{links}"))
    assert drop_link_tail(tree, "\n\n".join([*PARAGRAPHS, "Read next", *teasers])) == "\n\n".join(PARAGRAPHS)


def _closing(lines_html: str, lines: list[str]) -> str:
    from lxml.html import fromstring

    from newsdigest.ingest.link_tail import drop_link_tail

    return drop_link_tail(fromstring(page(lines_html)), "\n\n".join([*PARAGRAPHS, *lines]))


def test_a_link_line_is_one_the_page_shows_almost_wholly_as_link_text():
    titles = ["Harbour wall repairs start after the storm damage", "Library reopens with longer hours at the weekend"]
    mostly = [f"{title} today" for title in titles]  # about nine tenths linked
    html = "".join(f'<p><a href="/{n}">{title}</a> today</p>' for n, title in enumerate(titles))
    assert _closing(html, mostly) == "\n\n".join(PARAGRAPHS)
    partly = [f"{title} on the quay today" for title in titles]  # about three quarters linked: prose with a link
    html = "".join(f'<p><a href="/{n}">{title}</a> on the quay today</p>' for n, title in enumerate(titles))
    assert _closing(html, partly).endswith(partly[1])


def test_links_with_more_notes_than_links_are_the_articles_own_list():
    places = ["North quay cafe and bakery", "Island pier kiosk and shop"]
    notes = ["Open daily from eight", "Closed on Mondays", "Cash only"]
    html = "".join(f'<p><a href="/{n}">{place}</a></p>' for n, place in enumerate(places))
    lines = [places[0], notes[0], places[1], notes[1], notes[2]]
    assert _closing(html, lines).endswith("Cash only")
    assert _closing(html, [places[0], notes[0], places[1]]) == "\n\n".join(PARAGRAPHS)  # fewer notes: teasers


def test_a_label_among_teaser_links_has_ten_words_at_most():
    titles = ["Harbour wall repairs start after storm damage", "Library reopens with longer weekend hours"]
    html = "".join(f'<p><a href="/{n}">{title}</a></p>' for n, title in enumerate(titles))
    ten = "Pictures from the opening day of the new ferry service"
    eleven = "Pictures from the opening day of the new ferry service here"
    assert _closing(html, [titles[0], ten, titles[1]]) == "\n\n".join(PARAGRAPHS)
    assert _closing(html, [titles[0], eleven, titles[1]]).endswith(titles[1])
