"""The learned line model of the text-dump cleaner: shipped, explainable, and right on made-up pages."""

from __future__ import annotations

import json

import pytest

from newsdigest.ingest.line_model import CONTEXT, FEATURES, LineModel, load_model
from newsdigest.ingest.text_lines import read_lines
from newsdigest.ingest.textdump import parse_text_dump

ARTICLE = [
    "Engineers finished the inspection of the old lighthouse on the northern cape on Monday, two weeks ahead of plan.",
    "The survey found that the stone tower had moved less than a centimetre since it was last measured in the spring.",
    "The lighthouse keeper said the lamp would stay dark until the glass of the lantern room had been replaced.",
    "Visitors will be allowed back on the gallery once the new railings, ordered from a foundry in the south, arrive.",
    "The regional council has set aside money for the repairs and expects the work to be finished before the winter.",
    "A report on the inspection, with photographs of every floor of the tower, is to be published by the council.",
    "Local fishermen, who still use the tower as a landmark, welcomed the news that it is in good shape.",
    "The next inspection of the tower is planned for five years from now, the engineers said.",
]
TEASERS = """\
More from the coast
Harbour market reopens after the storm
12 March 2024
Read more
Ferry timetable changes for the summer season
11 March 2024
Read more
New cycle path along the dunes opens in May
10 March 2024
Read more
"""


def test_the_shipped_model_loads_and_matches_the_features():
    model = load_model()
    assert model.names == tuple(FEATURES) + tuple(CONTEXT)
    assert 0.0 < model.overrule <= model.threshold < 1.0
    lines = read_lines("A short line\nAnother short line")
    probabilities, contributions, values = model.predict([[0.0] * len(FEATURES)] * 2, lines)
    assert all(0.0 <= p <= 1.0 for p in probabilities)
    assert contributions.shape == values.shape == (2, len(FEATURES) + len(CONTEXT))


@pytest.mark.parametrize("reading", ["lines", "context"])
def test_a_model_fitted_on_other_features_is_refused_with_a_reason(reading):
    data = load_model().to_json()
    data[reading]["names"] = list(data[reading]["names"])[:-1]
    with pytest.raises(ValueError, match="retrain"):
        LineModel.from_json(json.loads(json.dumps(data)))


def test_a_short_line_between_paragraphs_of_the_article_is_kept_with_its_company_named():
    """A sub-heading inside the article is kept, and the explanation can say the lines around it decided."""
    text = "\n\n".join(ARTICLE[:4] + ["The repairs"] + ARTICLE[4:]) + "\n\n" + TEASERS
    dump = parse_text_dump(text)
    assert "The repairs" in dump.body
    assert all(paragraph in dump.body for paragraph in ARTICLE)


def test_a_teaser_feed_after_the_article_is_dropped_and_the_article_kept():
    dump = parse_text_dump("\n\n".join(ARTICLE) + "\n\n" + TEASERS)
    for paragraph in ARTICLE:
        assert paragraph in dump.body
    for teaser in ("Harbour market", "Ferry timetable", "cycle path", "Read more", "12 March"):
        assert teaser not in dump.body


def test_explain_names_the_observations_behind_each_model_decision():
    dump = parse_text_dump("\n\n".join(ARTICLE) + "\n\n" + TEASERS)
    judged = [d for d in dump.lines if "model" in d.reason]
    assert judged, "the model judged no line"
    names = set(FEATURES.values()) | set(CONTEXT.values())
    for decision in judged:
        assert any(name in decision.reason for name in names), decision.reason


def test_a_page_whose_article_is_one_sentence_keeps_it():
    """The model refines an article; it never leaves a page that has one with an empty body."""
    sentence = "The city council voted on Tuesday evening to close the old harbour bridge to cars."
    dump = parse_text_dump(f"Home\n\nHarbour bridge to close\n\n{sentence}\n")
    assert dump.body == sentence
    assert "Home" not in dump.body
