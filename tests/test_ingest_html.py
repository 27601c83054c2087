"""Saved HTML pages: the article body as Markdown, and the metadata the page states about itself."""

from zoneinfo import ZoneInfo

import pytest

from newsdigest.errors import SourceError
from newsdigest.ingest.html_source import read_html

LONDON = ZoneInfo("Europe/London")
PARAGRAPHS = [
    ("The city council voted on Tuesday evening to close the old harbour bridge to cars from next spring, "
     "after engineers warned that its steel supports had corroded far faster than expected."),
    ("Council leader Maria Ortiz said the decision had not been easy, but that the safety of the thousands of "
     "cyclists and pedestrians who cross the bridge every day had to come first."),
    ("The closure will add up to twenty minutes to some commutes, according to the transport department, "
     "which plans to run extra buses along the river road while repairs are carried out."),
    ("Shop owners near the bridge fear a loss of passing trade and have asked the council for help with "
     "business rates during the works, which are expected to last at least eighteen months."),
]


def page(head: str = "", article_extra: str = "", after: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en-GB"><head><title>Harbour bridge to close to cars | Riverside Post</title>
{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>Harbour bridge to close to cars</h1>{article_extra}
<div class="article-body">{paragraphs}
<h2>What happens next</h2><ul><li>Buses every ten minutes on the river road</li><li>Night closures from March</li></ul>
</div></article></main>{after}
<footer><p>© 2024 Riverside Post. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


JSONLD = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Riverside Post"},
 {"@type": "NewsArticle", "headline": "Harbour bridge to close to cars",
  "datePublished": "2024-03-05T18:30:00-05:00", "dateModified": "2024-03-06T09:00:00-05:00",
  "author": [{"@type": "Person", "name": "Sam Lee"}, {"@type": "Person", "name": "Kim Park"}],
  "publisher": {"@type": "Organization", "name": "Riverside Post"},
  "image": {"@type": "ImageObject", "url": "https://riverside.example/img/bridge.jpg"},
  "keywords": "transport, city council"}]}</script>"""


def test_json_ld_gives_headline_authors_and_exact_times():
    article = read_html(page(head=JSONLD), timezone=LONDON)
    assert article.title == "Harbour bridge to close to cars"
    assert article.authors == ("Sam Lee", "Kim Park")
    assert article.published.isoformat() == "2024-03-05T18:30:00-05:00"
    assert article.updated.isoformat() == "2024-03-06T09:00:00-05:00"
    assert article.outlet == "Riverside Post"
    assert article.image == "https://riverside.example/img/bridge.jpg"
    assert article.tags == ("transport", "city council")
    assert article.lang == "en"


def test_opengraph_alone_is_enough():
    head = """<meta property="og:title" content="Harbour bridge to close to cars">
<meta property="og:site_name" content="Riverside Post">
<meta property="og:url" content="https://riverside.example/news/bridge">
<meta property="og:image" content="https://riverside.example/img/og.jpg">
<meta property="article:published_time" content="2024-03-05T10:00:00+00:00">
<meta name="author" content="Sam Lee">"""
    article = read_html(page(head=head), timezone=LONDON)
    assert article.title == "Harbour bridge to close to cars"
    assert article.authors == ("Sam Lee",)
    assert article.published.isoformat() == "2024-03-05T10:00:00+00:00"
    assert article.url == "https://riverside.example/news/bridge"
    assert article.outlet == "Riverside Post"
    assert article.image == "https://riverside.example/img/og.jpg"


def test_a_printed_byline_and_time_element_stand_in_for_missing_metadata():
    extra = '<p class="meta">By Sam Lee and Kim Park</p><time datetime="2024-03-05">5 March 2024</time>'
    article = read_html(page(article_extra=extra), timezone=LONDON)
    assert article.authors == ("Sam Lee", "Kim Park")
    assert article.published.isoformat() == "2024-03-05"
    assert article.title == "Harbour bridge to close to cars"


def test_body_keeps_every_paragraph_and_structure_but_not_the_page_around_it():
    article = read_html(page(head=JSONLD), timezone=LONDON)
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
    assert "## What happens next" in article.body
    assert "- Buses every ten minutes on the river road" in article.body
    assert "Home" not in article.body and "Privacy" not in article.body and "©" not in article.body
    assert not article.body.startswith("# "), "the headline lives in the front matter, not the body"


def test_nothing_is_invented_where_the_page_states_nothing():
    article = read_html(page(), timezone=LONDON)
    assert article.authors == ()
    assert article.published is None
    assert article.image is None


def test_an_article_split_into_same_kind_containers_is_put_back_together():
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    second = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    html = f"""<html><head><title>Bridge</title></head><body><article><h1>Harbour bridge to close to cars</h1>
<div class="chunks"><div class="row"><div class="body-chunk">{first}</div><aside class="ad">Advertisement</aside></div>
<div class="row"><div class="body-chunk">{second}</div></div></div></article></body></html>"""
    body = read_html(html, timezone=LONDON).body
    positions = [body.find(p) for p in PARAGRAPHS]
    assert all(p >= 0 for p in positions), body
    assert positions == sorted(positions)


def test_same_kind_containers_in_the_comments_are_not_taken_for_article_chunks():
    from lxml.html import fromstring

    from newsdigest.ingest.split_article import complete_split_article

    comment = ("I have crossed that bridge every morning for twenty years and I think the council is right, "
               "even if my commute will be longer now.")
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    second = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    tree = fromstring(f"""<html><body><article><div class="wrap">
<div class="row"><div class="body-chunk">{first}</div></div>
<div class="row"><div class="body-chunk">{second}</div></div>
<div class="row comments"><div class="body-chunk"><p>{comment}</p><p>{comment.replace("twenty", "thirty")}</p></div></div>
</div></article></body></html>""")
    body = complete_split_article(tree, "\n\n".join(PARAGRAPHS[:2]))
    assert PARAGRAPHS[-1] in body, "the article's second chunk is put back"
    assert "I have crossed that bridge" not in body, "the comments are not"


def test_a_page_without_an_article_is_refused():
    with pytest.raises(SourceError):
        read_html("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>")


def test_a_utc_time_is_given_in_the_outlets_local_offset_where_the_page_prints_it():
    head = '<meta property="article:published_time" content="2023-11-09T05:30:59+00:00">'
    extra = '<time datetime="2023-11-08 23:30:59">Nov 8, 2023</time>'
    article = read_html(page(head=head, article_extra=extra), timezone=LONDON)
    assert article.published.isoformat() == "2023-11-08T23:30:59-06:00"


def test_trailing_teasers_and_share_prompts_are_cut():
    after_body = ('<p><strong>Read more:</strong> Council budget row deepens</p>'
                  '<p><em>Like this story? Share it with a friend!</em></p>'
                  '<ul><li><a href="/a">Ten Bridges You Must See</a></li><li><a href="/b">Why Steel Rusts Faster</a></li>'
                  '<li><a href="/c">The Ferry Returns</a></li></ul>')
    html = page(head=JSONLD).replace("</ul>\n</div>", "</ul>" + after_body + "\n</div>")
    body = read_html(html, timezone=LONDON).body
    assert "Read more" not in body and "Share it" not in body and "Ten Bridges" not in body
    assert PARAGRAPHS[-1] in body and "- Night closures from March" in body


TWEET = ('<blockquote class="twitter-tweet"><p lang="en">The bridge closure is a disgrace for everyone '
         'who walks to work</p>— A Resident (@resident) <a href="https://t.co/x">March 5, 2024</a></blockquote>')


def test_an_embedded_social_post_stays_where_the_article_embeds_it():
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + TWEET + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    html = (f"<html><head><title>Bridge</title></head><body><article><h1>Harbour bridge to close to cars</h1>"
            f"<div class='story'>{paragraphs}</div></article></body></html>")
    body = read_html(html, timezone=LONDON).body
    quote = body.find("The bridge closure is a disgrace")
    assert body.find(PARAGRAPHS[1]) < quote < body.find(PARAGRAPHS[2]), body


def test_an_embed_the_extractor_dropped_is_quoted_back_in_place():
    from lxml.html import fromstring

    from newsdigest.ingest.embeds import restore_embeds

    tree = fromstring("<html><body><div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + TWEET
                      + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]) + "</div></body></html>")
    body = restore_embeds(tree, "\n\n".join(PARAGRAPHS))
    quote = body.find("> The bridge closure is a disgrace for everyone who walks to work")
    assert body.find(PARAGRAPHS[1]) < quote < body.find(PARAGRAPHS[2]), body
    assert "> — A Resident (@resident) March 5, 2024" in body


def test_tidy_body_cuts_page_furniture_but_keeps_prose_that_merely_sounds_like_it():
    from newsdigest.ingest.body_cleanup import tidy_body

    body = "\n\n".join([
        "# Harbour bridge to close to cars",
        PARAGRAPHS[0],
        "**Related:** Ten bridges you must see",
        "Related to this, the council said the ferry would run more often on <u>weekdays</u>.",
        PARAGRAPHS[1],
        "Subscribers can read more about the bridge in our archive.",
        PARAGRAPHS[2],
        "### 2 comments",
        "I walk across it every day and I am glad, wrote one reader.",
    ])
    tidy = tidy_body(body, title="Harbour bridge to close to cars")
    assert tidy.startswith(PARAGRAPHS[0])
    assert "Ten bridges" not in tidy and "comments" not in tidy and "I walk across" not in tidy
    assert "Related to this, the council said the ferry would run more often on weekdays." in tidy
    assert "Subscribers can read more" in tidy and PARAGRAPHS[2] in tidy


def test_page_furniture_in_other_languages_is_cut_and_their_prose_stays():
    from newsdigest.ingest.body_cleanup import tidy_body

    german = [
        ("Der Stadtrat hat am Dienstagabend beschlossen, die alte Hafenbrücke ab dem nächsten Frühjahr für Autos "
         "zu sperren, nachdem Ingenieure vor rostenden Stahlträgern gewarnt hatten."),
        ("Die Sperrung verlängert manche Wege zur Arbeit um bis zu zwanzig Minuten, sagt das Verkehrsamt, das "
         "während der Arbeiten zusätzliche Busse entlang der Uferstraße fahren lassen will."),
        ("Werbung für die Busse macht die Stadt ab März auf allen Plakatwänden am Ufer, sagte ein Sprecher."),
        ("Die Händler an der Brücke fürchten weniger Laufkundschaft und haben den Rat um Hilfe bei den "
         "Gewerbesteuern gebeten, solange die Arbeiten dauern."),
    ]
    body = "\n\n".join([
        "*Anzeige, enthält Werbelinks*",
        german[0],
        "**Anzeige - Heute schon an morgen gedacht? Sparen Sie mit:**",
        german[1],
        "Jetzt zum Newsletter anmelden",
        german[2],
        "Weitere aktuelle Nachrichten aus der Region",
        german[3],
        "### 4 Kommentare",
        "Endlich, ich fahre jeden Tag darüber, schrieb ein Leser.",
    ])
    tidy = tidy_body(body, title=None)
    assert tidy == "\n\n".join(german), tidy


def test_labels_left_at_the_end_of_the_body_are_cut_and_the_last_sentence_stays():
    from newsdigest.ingest.body_cleanup import tidy_body

    body = "\n\n".join([PARAGRAPHS[0], PARAGRAPHS[1], "Ann Lee", "Follow the Riverside Post online",
                        "**Have you read these?**", "## More from the city desk"])
    tidy = tidy_body(body, title="Harbour bridge to close to cars")
    assert tidy.endswith("Ann Lee"), tidy  # a name is too short to tell from a signature
    assert "Follow the Riverside" not in tidy and "read these" not in tidy and "city desk" not in tidy
    assert tidy_body(PARAGRAPHS[0] + "\n\nThe ferry runs every 20 minutes", title=None).endswith("every 20 minutes")


def test_a_closing_sentence_without_a_full_stop_is_no_label():
    from newsdigest.ingest.body_cleanup import tidy_body

    for last in ("And so the long wait goes on", "Nobody knows yet what it will cost"):
        assert tidy_body("\n\n".join([PARAGRAPHS[0], last]), title=None).endswith(last), last


def test_a_closing_label_is_three_to_eight_capitalised_words():
    from newsdigest.ingest.body_cleanup import tidy_body

    def kept(last: str) -> bool:
        return tidy_body("\n\n".join([PARAGRAPHS[0], last]), title=None).endswith(last)

    assert kept("Ann Lee")  # two words: a name, too short to tell from a signature
    assert not kept("Riverside Photo Desk")
    assert not kept("Follow The Riverside Post On Every Social Network")
    assert kept("Follow The Riverside Post On Every Social Network Today")  # nine words: a line of prose


def test_a_bold_question_closing_the_body_alone_is_the_articles_last_question():
    from newsdigest.ingest.body_cleanup import tidy_body

    question = "**What happens if the council says no?**"
    assert tidy_body("\n\n".join([PARAGRAPHS[0], PARAGRAPHS[1], question]), title=None).endswith(question)
    with_heading = tidy_body("\n\n".join([PARAGRAPHS[0], question, "## Elsewhere in the city"]), title=None)
    assert with_heading.endswith(PARAGRAPHS[0])


def test_hover_cards_and_hidden_text_are_not_read_into_the_sentence():
    card = ('<span class="person-rollover"><a href="/people/maria-ortiz">Maria Ortiz</a>'
            '<span class="rollover-card"><img src="/p.jpg"><a href="/x">Ortiz backs new tram line</a>'
            '<a href="/y">Council budget passes after late-night vote</a></span></span>')
    first = PARAGRAPHS[1].replace("Maria Ortiz", card)
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{first}</p><p hidden>Subscriber-only teaser text that no reader sees here.</p>")
    body = read_html(html, timezone=LONDON).body
    assert PARAGRAPHS[1] in body
    assert "tram line" not in body and "Subscriber-only" not in body


def test_a_page_hidden_until_its_scripts_run_is_still_read():
    html = page(head=JSONLD).replace("<main>", '<main style="display: none">')
    body = read_html(html, timezone=LONDON).body
    assert all(p in body for p in PARAGRAPHS)
