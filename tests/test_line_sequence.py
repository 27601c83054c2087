"""Lines of a text dump read as one sequence: the article is one run with few gaps.

Also: the metadata readers and the body cleaner start from the same reading of a dump.
"""

from __future__ import annotations

from newsdigest.ingest.line_model import FEATURES, line_features, load_model
from newsdigest.ingest.textdump import parse_text_dump, read_dump
from newsdigest.ingest.textmeta import page_context


def test_an_unsure_line_inside_the_article_is_kept_with_it_and_a_sure_one_is_not():
    model = load_model().with_thresholds(0.5, 0.5, switch=2.0)
    run = [0.95, 0.9, 0.4, 0.9, 0.95]
    assert model.smooth(run, [False] * 5) == [True] * 5
    sure = [0.95, 0.9, 0.01, 0.9, 0.95]
    assert model.smooth(sure, [False] * 5) == [True, True, False, True, True]


def test_an_unsure_lone_line_among_dropped_ones_is_dropped():
    model = load_model().with_thresholds(0.5, 0.5, switch=2.0)
    assert model.smooth([0.05, 0.1, 0.6, 0.1, 0.05], [False] * 5) == [False] * 5
    assert model.with_thresholds(0.5, 0.5, switch=0.0).smooth([0.05, 0.1, 0.6, 0.1, 0.05], [False] * 5)[2]


def test_the_rules_verdict_sets_each_line_threshold_in_the_sequence():
    """A line the rules kept needs less to stay (`overrule`) than a dropped one needs to come back."""
    model = load_model().with_thresholds(0.6, 0.3, switch=0.0)
    assert model.smooth([0.4, 0.4], [True, False]) == [True, False]
    assert model.smooth([], []) == []


PARAGRAPHS = [
    "The river authority opened the new flood gates on the eastern bank on Thursday after three years of work.",
    "Engineers tested each of the six gates twice before the ceremony, the authority said in a statement.",
    "Ingredients",
    "Residents of the low streets near the bank had asked for the gates after the floods of the last decade.",
    "The gates can be closed within twenty minutes when the water rises above the warning mark at the bridge.",
]


def test_page_features_describe_a_line_against_its_own_page():
    dump = read_dump("\n\n".join(PARAGRAPHS))
    rows = line_features(dump.lines, dump.span, dump.coh, [True] * len(dump.lines))
    names = list(FEATURES)
    short = rows[2]
    long = rows[0]
    assert short[names.index("length_rank")] < long[names.index("length_rank")]
    # Against the page's typical paragraph: a one-word heading is far shorter, a paragraph about as long.
    to_prose = names.index("length_to_prose")
    assert short[to_prose] < long[to_prose]
    assert short[to_prose] < -1.0
    assert abs(long[to_prose]) < 0.25


def test_metadata_and_body_read_the_same_lines_soft_hyphens_and_all():
    text = "Home\n\nFlood gates open on the eastern bank\n\n" + "\n\n".join(PARAGRAPHS).replace("authority", "autho\u00adrity")
    context = page_context(text, identify=False)
    dump = read_dump(text)
    assert [line.text for line in context.lines] == [line.text for line in dump.lines]
    assert context.span == dump.span
    assert not any("\u00ad" in line.text for line in context.lines)
    assert "authority" in parse_text_dump(text).body


def test_a_line_of_symbols_is_never_article_text():
    """An icon in a menu (an emoji bullet) is no sentence of the article, whatever its neighbours."""
    menu = "  • Home\n  • \U0001F525\n  • World\n\n"
    dump = parse_text_dump(menu + "\n\n".join(PARAGRAPHS) + "\n\n" + menu)
    assert "\U0001F525" not in dump.body
    assert PARAGRAPHS[0] in dump.body and PARAGRAPHS[-1] in dump.body
    assert any(d.reason.startswith("no text") for d in dump.lines)
