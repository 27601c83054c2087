"""Every shipped model knows exactly the features its reader computes, and the reader computes every one it names.

A model reads a feature it does not know as nothing, and a feature the code
stopped computing as 0: either way the model silently weighs something else
than it was fitted on. Each model file in the package is held to the features
its reader computes on a small page of its own. The byline model also carries
the threshold a saved page's visible byline must reach, fitted with it.
"""

import json
from importlib import resources

from trafilatura.utils import load_html

from newsdigest.ingest import meta_model, text_byline, text_dateline, text_title
from newsdigest.ingest.html_authors import MODEL_FILE as HTML_AUTHORS_FILE
from newsdigest.ingest.html_authors import author_candidates
from newsdigest.ingest.html_meta import read_page_meta
from newsdigest.ingest.html_site import site_of
from newsdigest.ingest.line_model import CONTEXT, FEATURES, context_features, line_feature_maps, line_features
from newsdigest.ingest.meta_model import MODEL_FILE
from newsdigest.ingest.textdump import read_dump
from newsdigest.ingest.textmeta import page_byline, page_context

LEAD = [
    ("The harbour council voted on Tuesday to build a new bridge across the water, ending a decade of argument "
     "over its cost and its route past the old town."),
    ("Work is due to start next spring and to take about four years, with the harbour kept open to ships "
     "throughout, the council said in a statement after the vote."),
    ("Supporters say the bridge will cut the daily journey of thousands of commuters, and that the ferries can "
     "no longer carry them all at the busiest hours of the day."),
]
PAGE = "\n".join([
    "Home", "News", "Transport", "",
    "Council approves harbour bridge | Harbour Times",
    "By Greta Stolm", "Transport correspondent", "Published on 07 | 03 | 2021", "",
    *LEAD, "",
    "Greta Stolm", "Greta Stolm writes about transport and the harbour.", "",
    "More news", "Ferry fares to rise in spring", "New cycle lanes for the old town", "Tolls on the ring road",
    "Share", "Privacy", "© 2021 Harbour Times",
])
HTML = f"""<html lang="en"><head><title>Council approves harbour bridge</title>
<meta name="author" content="Greta Stolm"><meta property="og:site_name" content="Harbour Times">
<script type="application/ld+json">{{"@type": "NewsArticle", "author": {{"name": "Greta Stolm"}}}}</script>
</head><body><main><article><h1>Council approves harbour bridge</h1>
<div class="byline"><a href="/author/greta-stolm" rel="author">Greta Stolm</a></div>
<p>By Greta Stolm and Per Lund</p>{"".join(f"<p>{p}</p>" for p in LEAD)}
</article></main><footer>© 2021 Greta Stolm</footer></body></html>"""


def drift(named: set[str], computed: set[str]) -> list[str]:
    """What a model and its reader disagree on, one line per feature (empty when they agree)."""
    return ([f"named by the model, computed by no reader: {n}" for n in sorted(named - computed)]
            + [f"computed by the reader, unknown to the model: {n}" for n in sorted(computed - named)])


def text_dump_features() -> dict[str, set[str]]:
    """The features the headline, byline and date readers compute over every candidate of `PAGE`."""
    ctx = page_context(PAGE, identify=False)
    title = text_title.read_title(ctx)
    title_index = title[0] if title else None
    byline = text_byline.read_byline(ctx, title_index)
    found = {
        text_title.MODEL: text_title.candidates(ctx),
        text_byline.MODEL: text_byline.candidates(ctx, title_index),
        text_dateline.MODEL: text_dateline.candidates(ctx, title_index, byline[0] if byline else None),
    }
    assert all(found.values()), "the page offers candidates for every field"
    return {name: {f for c in cands for f in c.features} for name, cands in found.items()}


def shipped(path: str) -> dict:
    return json.loads(resources.files("newsdigest.ingest").joinpath(path).read_text(encoding="utf-8"))


def test_the_text_dump_model_names_exactly_the_features_its_readers_compute():
    model = shipped(MODEL_FILE)
    computed = text_dump_features()
    assert set(model) == set(computed)
    for name, features in computed.items():
        assert drift(set(model[name]["features"]), features) == [], name


def test_the_html_byline_weights_name_exactly_the_features_of_its_readings():
    page = read_page_meta(load_html(HTML))
    candidates = author_candidates(page, site_of(page, None), " ".join(LEAD))
    assert len(candidates) >= 3
    weights = set(shipped(HTML_AUTHORS_FILE)["weights"]) - {"bias"}
    assert drift(weights, {f for c in candidates for f in c.features}) == []


def test_the_body_line_model_names_exactly_the_features_its_reader_computes():
    dump = read_dump(PAGE)
    maps = line_feature_maps(dump.lines, dump.span, dump.coh, [True] * len(dump.lines))
    assert maps and all(set(m) == set(maps[0]) for m in maps)
    model = shipped("data/body_lines.json")
    assert drift(set(model["lines"]["names"]), set(maps[0])) == []
    assert list(model["lines"]["names"]) == list(FEATURES)
    rows = line_features(dump.lines, dump.span, dump.coh, [True] * len(dump.lines))
    width = len(context_features([0.5] * len(rows), dump.lines, rows)[0])
    assert list(model["context"]["names"]) == list(CONTEXT) and width == len(CONTEXT)


BYLINE_PAGE = "\n".join([
    "Home", "News", "Transport", "",
    "Council approves harbour bridge",
    "By Greta Stolm", "Published on 07 | 03 | 2021", "",
    *LEAD, "",
    "More news", "Ferry fares to rise in spring", "Privacy",
])


def test_the_shipped_byline_model_carries_the_threshold_for_saved_pages():
    shipped = json.loads(resources.files("newsdigest.ingest").joinpath(meta_model.MODEL_FILE).read_text("utf-8"))
    threshold = shipped[text_byline.MODEL]["page_threshold"]
    assert 0.0 < threshold < 1.0
    assert meta_model.page_threshold(text_byline.MODEL) == threshold


def test_the_visible_byline_is_taken_only_when_it_reaches_the_threshold():
    found = page_byline(BYLINE_PAGE, ["Council approves harbour bridge"])
    assert found is not None and found.likeliest == ("Greta Stolm",)
    assert found.names(found.probability) == ("Greta Stolm",)
    assert found.names(found.probability + 0.01) == ()  # nothing signed under the article either


def test_a_saved_page_weighs_its_visible_byline_only_at_the_threshold_asked():
    html = f"""<html lang="en"><head><title>Council approves harbour bridge</title></head><body><main><article>
<h1>Council approves harbour bridge</h1><p>By Greta Stolm</p>{"".join(f"<p>{p}</p>" for p in LEAD)}
</article></main></body></html>"""
    page = read_page_meta(load_html(html))
    site = site_of(page, None)

    def visible(at_least: float) -> list[tuple[str, ...]]:
        found = author_candidates(page, site, " ".join(LEAD), at_least=at_least)
        return [c.choice.names for c in found if c.choice.source == "visible byline"]

    assert visible(0.0) == [("Greta Stolm",)]
    assert visible(1.01) == []
