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
