"""A saved page's byline keeps its people, not the places, addresses and label words printed around them."""

from trafilatura.utils import load_html

from newsdigest.ingest.author_items import PageWords, a_stray_word, an_address, not_a_name
from newsdigest.ingest.html_authors import choose_authors
from newsdigest.ingest.html_meta import read_page_meta
from newsdigest.ingest.html_site import site_of

SENTENCES = (
    ("The harbour council voted on Tuesday to build a new bridge across the water, ending a decade of argument "
    "over its cost and its route past the old town."),
    ("Work is due to start next spring and to take about four years, with the harbour kept open to ships "
    "throughout, the council said in a statement after the vote."),
)
HAFEN = (
    ("Der Hafenrat hat am Dienstag beschlossen, eine neue Brücke über das Wasser zu bauen, und damit einen "
    "Streit von zehn Jahren über die Kosten beendet."),
    ("Die Arbeiten sollen im Frühjahr beginnen und etwa vier Jahre dauern, teilte der Rat nach der Abstimmung "
    "von Dienstag mit."),
)


def chosen(byline_html: str, paragraphs: tuple[str, ...] = SENTENCES, head: str = "", lang: str = "en",
           url: str | None = None) -> tuple[str, ...]:
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    tree = load_html(f"""<html lang="{lang}"><head><title>Harbour bridge approved</title>{head}</head><body>
<main><article><h1>Harbour bridge approved</h1>{byline_html}{story}</article></main></body></html>""")
    page = read_page_meta(tree)
    choice = choose_authors(page, site_of(page, url), " ".join(paragraphs))
    return choice.names if choice else ()


def test_the_place_a_byline_writes_from_is_no_author_when_the_page_opens_a_dateline_with_it():
    dateline = (f"KESTRELTON (Agency) – {SENTENCES[0]}", SENTENCES[1])
    names = chosen('<div class="byline">Ines Moreau, Kestrelton</div>', dateline)
    assert names == ("Ines Moreau",)


def test_an_outlet_address_a_city_and_a_country_make_no_author_list():
    dateline = (f"Kestrelton – {SENTENCES[0]}", SENTENCES[1])
    names = chosen('<div class="byline">harbourpost.de, Kestrelton, Germany</div>', dateline)
    assert not {"harbourpost.de", "Kestrelton", "Germany"} & set(names)


def test_an_address_beside_a_person_is_left_out_and_the_person_kept():
    assert chosen('<div class="byline">Ines Moreau | harbourpost.de</div>') == ("Ines Moreau",)


def test_a_country_in_the_page_language_is_a_place_beside_the_person():
    names = chosen('<div class="byline">Jana Muster, Deutschland</div>', HAFEN, lang="de")
    assert names == ("Jana Muster",)


def test_the_label_of_an_empty_byline_is_no_author():
    # "Von" ("by") alone in the byline element: the page writes "von" as an ordinary word.
    assert chosen('<div class="byline">Von</div>', HAFEN, lang="de") == ()


def test_a_byline_label_alone_is_no_author_but_the_newsroom_signing_is():
    words = PageWords(HAFEN, "de")
    assert not_a_name("Text", words) and not_a_name("Autor", words) and not_a_name("By", words)
    assert not_a_name("Redaktion", words) is None
    assert chosen('<div class="byline">Text</div>', HAFEN, lang="de") == ()


def test_a_user_name_stated_in_the_author_field_stays_though_the_page_writes_it_in_lower_case():
    paragraphs = (*SENTENCES, "Comment by quillfox: the bridge is long overdue.")
    assert chosen("", paragraphs, head='<meta name="author" content="Quillfox">') == ("Quillfox",)


def test_a_first_name_alone_in_the_byline_is_kept():
    assert chosen('<div class="byline"><a rel="author" href="/author/dominique">Dominique</a></div>') == (
        "Dominique",)


def test_a_dateline_needs_a_paragraph_after_it():
    words = PageWords(["Ines – 3 comments", ("NEW YORK (AP) — The city said on Tuesday that it would close the "
                       "bridge for a week."), "Bonn/Rhein - Der Rat hat am Dienstag beschlossen, die Brücke zu bauen."])
    assert words.places == {"new york", "bonn"}
    assert not_a_name("Ines", words) is None
    assert not_a_name("New York", words) == "a place"


def test_function_words_and_label_words_are_not_names_but_initials_are_left_to_the_chooser():
    words = PageWords(["The harbour desk posted the notice in the morning"], "en")
    assert not_a_name("in", words) and not_a_name("Posted", words)
    assert not_a_name("Posted", words, field=True) is None  # a field meant for a name states a name
    assert not_a_name("HVQ", words) is None


def test_web_addresses_are_told_from_initials():
    assert an_address("harbourpost.de") and an_address("News.Harbourpost.com")
    assert not an_address("J.R.R") and not an_address("Ines") and not an_address("ines.moreau")


def test_a_single_word_beside_a_full_name_is_a_sign_unless_it_is_a_first_name():
    assert a_stray_word(("Ines Moreau", "Abendredaktion"))
    assert not a_stray_word(("Ines Moreau", "Daniel"))
    assert not a_stray_word(("Redaktion",))


def test_the_explanation_says_what_the_byline_held_that_names_nobody():
    from newsdigest.ingest.html_fields import explain_choices
    from newsdigest.ingest.html_source import read_html, read_page

    story = "".join(f"<p>{p}</p>" for p in (f"KESTRELTON (Agency) – {SENTENCES[0]}", SENTENCES[1]))
    html = f"""<html lang="en"><head><title>Harbour bridge approved</title></head><body><main><article>
<h1>Harbour bridge approved</h1><div class="byline">Ines Moreau, Kestrelton</div>{story}</article></main></body></html>"""
    article = read_html(html)
    read = read_page(html)
    assert read is not None
    authors = next(line for line in explain_choices(read[1], html, None, article.body) if line.startswith("authors:"))
    assert "Ines Moreau" in authors and "left out: 'Kestrelton', a place" in authors


ORDINARY = (*SENTENCES, "A rose garden by the quay will hope to bill the council for the chad of paper it keeps.")
"""A page that writes "rose", "hope", "will", "bill" and "chad" as ordinary words."""


def test_a_first_name_that_is_also_a_country_or_an_ordinary_word_stays_an_author():
    for name in ("Jordan", "Georgia", "Israel", "Rose"):
        assert chosen(f'<div class="byline">By {name}</div>', ORDINARY) == (name,), name


def test_a_name_field_states_a_name_though_it_is_a_country_or_an_ordinary_word():
    for name in ("Jordan", "Israel", "Chad", "Hope"):
        ld = f'<script type="application/ld+json">{{"@type": "NewsArticle", "author": {{"@type": "Person", "name": "{name}"}}}}</script>'
        assert chosen("", ORDINARY, head=ld) == (name,), name
    for name in ("Georgia", "Chad", "Bill", "Will"):
        assert chosen("", ORDINARY, head=f'<meta name="author" content="{name}">') == (name,), name


def test_a_co_author_named_by_a_first_name_alone_is_kept():
    assert chosen('<div class="byline">By Georgia Lewis and Jordan</div>', ORDINARY) == ("Georgia Lewis", "Jordan")
    assert chosen('<div class="byline">By Rose and Ann Lee</div>', ORDINARY) == ("Rose", "Ann Lee")


def test_user_names_joined_by_a_dot_are_no_web_addresses():
    for login in ("li.wang", "jin.kim", "eva.green", "max.weber", "sam.fox", "mia.ford", "jane.co"):
        assert not an_address(login), login
    assert an_address("harbourpost.com") and an_address("harbourpost.org") and an_address("www.harbourpost.info")


def test_a_capitalised_pair_before_a_dash_is_a_person_not_a_dateline():
    words = PageWords([f"Ines Moreau – 3 hours ago {SENTENCES[0]}"], "en")
    assert words.places == frozenset()
    assert not_a_name("Ines Moreau", words) is None


def test_a_desk_byline_made_only_of_places_is_no_author():
    dateline = (f"KESTRELTON (Agency) – {SENTENCES[0]}", SENTENCES[1])
    head = '<meta name="author" content="Kestrelton">'
    assert chosen("", dateline, head=head) == ()


def test_the_explanation_says_why_a_byline_that_names_nobody_was_left_out_whole():
    from newsdigest.ingest.html_fields import explain_choices
    from newsdigest.ingest.html_source import read_html, read_page

    story = "".join(f"<p>{p}</p>" for p in (f"KESTRELTON (Agency) – {SENTENCES[0]}", SENTENCES[1]))
    html = f"""<html lang="en"><head><title>Harbour bridge approved</title></head><body><main><article>
<h1>Harbour bridge approved</h1><div class="byline">Kestrelton</div>{story}</article></main></body></html>"""
    read = read_page(html)
    assert read is not None
    lines = explain_choices(read[1], html, None, read_html(html).body)
    authors = next(line for line in lines if line.startswith("authors:"))
    assert "'Kestrelton', a place" in authors


def test_an_author_link_states_a_name_though_it_is_a_country():
    assert chosen('<p><a rel="author" href="/author/chad">Chad</a></p>', ORDINARY) == ("Chad",)
