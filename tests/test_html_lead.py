"""The article's lead that an extractor drops is put back when the page shows its own description."""

from conftest import ROOT
from rich.console import Console

from newsdigest.config import load_config
from newsdigest.ingest import explain
from newsdigest.ingest.html_source import read_html

LEAD = ("Engineers found the harbour bridge's steel supports corroded far faster than expected, "
        "and the council has now decided to close it to cars from next spring.")
PARAGRAPHS = [
    ("The city council voted on Tuesday evening after a long debate in which residents of both banks "
     "spoke for and against the plan, many of them cyclists who cross the river every day."),
    ("Inspectors had closed one lane in the autumn and limited lorries to ten tonnes, but a second survey in "
     "January showed rust spreading through the beams that carry the road deck over the water."),
    ("Ferry operators have offered to add crossings at rush hour, and the transport office is drawing up a "
     "timetable with them that it hopes to publish before the bridge closes in April."),
    ("Repairs are expected to take two summers, and the council has promised to reopen the bridge to "
     "walkers first, as soon as the new footway on its eastern side is finished."),
]


def page(description: str, *, lead_html: str, banner: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><title>Harbour bridge to close</title>
<meta property="og:description" content="{description}"></head><body>
<header class="site">{banner}<nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><header class="article-header"><h1>Harbour bridge to close to cars</h1>{lead_html}
<span class="date">5 March 2024</span></header>
<div class="article-body">{paragraphs}</div></article></main>
<footer><p>© 2024 Riverside Post.</p></footer></body></html>"""


def test_a_lead_shown_under_the_headline_and_stated_as_the_description_opens_the_body():
    body = read_html(page(LEAD, lead_html=f'<div class="standfirst"><div class="teaser">{LEAD}</div></div>')).body
    assert body.index("corroded far faster") < body.index("Inspectors had closed one lane")


def test_a_description_cut_short_still_finds_the_whole_lead():
    cut = " ".join(LEAD.split()[:14]) + " …"
    body = read_html(page(cut, lead_html=f'<div class="standfirst">{LEAD}</div>')).body
    assert "close it to cars from next spring" in body


def test_a_description_the_page_shows_only_in_its_banner_stays_out():
    tagline = "The Riverside Post brings you the news of the city and both of its river banks every single day."
    body = read_html(page(tagline, lead_html="", banner=f'<p class="tagline">{tagline}</p>')).body
    assert "brings you the news" not in body


def test_a_description_the_page_does_not_show_stays_out():
    hidden = "A summary written for search engines that the page itself never shows to any of its readers."
    body = read_html(page(hidden, lead_html="")).body
    assert "search engines" not in body


def test_a_description_shown_as_a_subtitle_heading_stays_with_the_headline():
    body = read_html(page(LEAD, lead_html=f"<h2>{LEAD}</h2>")).body
    assert "close it to cars from next spring" not in body


def test_the_explanation_names_the_lead_it_put_back(tmp_path):
    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "out",
                         cache_dir=tmp_path / "cache")
    source = tmp_path / "content" / "sources" / "page.html"
    source.parent.mkdir(parents=True)
    source.write_text(page(LEAD, lead_html=f'<div class="standfirst">{LEAD}</div>'), encoding="utf-8")
    console = Console(record=True, width=300)
    explain(source, config, console)
    line = next(row for row in console.export_text().splitlines() if "corroded far faster" in row)
    assert "keep Engineers found" in line and "the article's lead" in line


def test_a_lead_shown_above_a_paywall_opens_the_body_the_page_states_in_json_ld():
    import json

    full = " ".join(PARAGRAPHS * 2)
    stated = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": full})
    html = page(LEAD, lead_html=f'<p class="standfirst">{LEAD}</p>').replace(
        "</head>", f'<script type="application/ld+json">{stated}</script></head>')
    # The page shows its lead and one paragraph; the rest is behind a subscription box.
    html = html.replace("".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]),
                        '<div class="paywall"><p>Subscribe to read on.</p></div>')
    body = read_html(html).body
    assert "Repairs are expected to take two summers" in body  # the stated body
    assert body.index("corroded far faster") < body.index("The city council voted")  # opened by the shown lead


def test_a_lead_under_a_headline_marked_by_microdata_opens_the_body_when_h1_is_the_footers():
    html = page(LEAD, lead_html=f'<div class="standfirst">{LEAD}</div>')
    html = html.replace("<h1>Harbour bridge to close to cars</h1>",
                        '<h3 itemprop="headline">Harbour bridge to close to cars</h3>')
    html = html.replace("<footer>", "<footer><h1>Partners</h1><h1>Imprint</h1>")
    body = read_html(html).body
    assert body.index("corroded far faster") < body.index("The city council voted")


def _without_description(html: str) -> str:
    return html.replace(f'<meta property="og:description" content="{LEAD}">', "")


def test_a_paragraph_right_above_the_body_opens_it_when_the_page_states_no_description():
    html = _without_description(page(LEAD, lead_html=f'<p class="intro">{LEAD}</p>'))
    html = html.replace('<div class="article-body">', '<div class="article-body"><p>By Ann Lee</p>')
    body = read_html(html).body
    assert body.index("corroded far faster") < body.index("The city council voted")


def test_a_paragraph_far_above_the_body_or_a_caption_is_no_lead():
    from lxml.html import fromstring

    from newsdigest.ingest.html_lead import lead_above_body

    body = "\n\n".join(PARAGRAPHS)
    near = fromstring(page(LEAD, lead_html=f'<p class="intro">{LEAD}</p>'))
    assert lead_above_body(near, body) == LEAD  # the shape of a lead: close above the body
    filler = "".join(f"<li>Menu entry number {n} with a few words</li>" for n in range(30))
    far = fromstring(page(LEAD, lead_html=f'<p class="intro">{LEAD}</p><ul>{filler}</ul>'))
    assert lead_above_body(far, body) is None
    caption = fromstring(page(LEAD, lead_html=f'<div class="video-caption"><p>{LEAD}</p></div>'))
    assert lead_above_body(caption, body) is None


def test_the_explanation_names_a_lead_put_back_from_above_the_body(tmp_path):
    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "out",
                         cache_dir=tmp_path / "cache")
    source = tmp_path / "content" / "sources" / "page.html"
    source.parent.mkdir(parents=True)
    source.write_text(_without_description(page(LEAD, lead_html=f'<p class="intro">{LEAD}</p>')), encoding="utf-8")
    console = Console(record=True, width=300)
    explain(source, config, console)
    line = next(row for row in console.export_text().splitlines() if "corroded far faster" in row)
    assert "keep Engineers found" in line and "the article's lead" in line


def test_a_teaser_for_another_article_above_the_byline_is_no_lead():
    from lxml.html import fromstring

    from newsdigest.ingest.html_lead import lead_above_body

    teaser = ("Read our report on the plan to rebuild the tram depot by the railway station and what it means "
              "for the services in the coming years…")
    tree = fromstring(_without_description(page(LEAD, lead_html=f'<div class="promo"><p>{teaser}</p></div>')))
    assert lead_above_body(tree, "\n\n".join(PARAGRAPHS)) is None


def test_a_comment_before_the_bodys_first_words_does_not_hide_the_body():
    from lxml.html import fromstring

    from newsdigest.ingest.html_lead import lead_above_body

    html = _without_description(page(LEAD, lead_html=f'<p class="intro">{LEAD}</p>'))
    html = html.replace(f"<p>{PARAGRAPHS[0]}</p>", f"<p><!-- ad slot -->{PARAGRAPHS[0]}</p>")
    assert lead_above_body(fromstring(html), "\n\n".join(PARAGRAPHS)) == LEAD


def _lead_above(intro_html: str) -> str | None:
    from lxml.html import fromstring

    from newsdigest.ingest.html_lead import lead_above_body

    tree = fromstring(_without_description(page(LEAD, lead_html=intro_html)))
    return lead_above_body(tree, "\n\n".join(PARAGRAPHS))


def test_a_lead_above_the_body_has_fifteen_words_or_more_and_ends_like_a_sentence():
    fourteen = "Engineers found the harbour bridge's steel supports corroded far faster than expected this winter."
    fifteen = "Engineers found the harbour bridge's steel supports corroded far faster than expected this past winter."
    assert _lead_above(f"<p>{fourteen}</p>") is None
    assert _lead_above(f"<p>{fifteen}</p>") == fifteen
    assert _lead_above(f"<p>{fifteen[:-1]} and the council</p>") is None  # no sentence: a label or a cut teaser


def test_a_lead_above_the_body_shares_a_longer_word_with_the_headline_or_the_bodys_opening():
    none = "Fishermen at the quay say that mackerel stocks have grown strongly all along this mild coast."
    one = "Fishermen at the harbour say that mackerel stocks have grown strongly all along this mild coast."
    assert _lead_above(f"<p>{none}</p>") is None
    assert _lead_above(f"<p>{one}</p>") == one


def test_a_lead_above_the_body_is_hardly_linked():
    slightly = LEAD.replace("steel supports", '<a href="/steel">steel supports</a>')
    much = LEAD.replace("harbour bridge's steel supports corroded far faster",
                        '<a href="/x">harbour bridge\'s steel supports corroded far faster</a>')
    assert _lead_above(f"<p>{slightly}</p>") == LEAD
    assert _lead_above(f"<p>{much}</p>") is None


def test_a_page_that_marks_several_headlines_has_its_headline_in_the_first_h1():
    html = page(LEAD, lead_html=f'<div class="standfirst">{LEAD}</div>')
    html = html.replace("<h1>Harbour bridge to close to cars</h1>",
                        '<h3 itemprop="headline">Harbour bridge to close to cars</h3>')
    # Teasers marked as headlines too: the mark no longer singles out the article's headline.
    html = html.replace("<footer>", '<footer><h1>Partners</h1><h4 itemprop="headline">Tram depot to be rebuilt</h4>')
    assert "corroded far faster" not in read_html(html).body  # the only <h1> is the footer's, below everything
