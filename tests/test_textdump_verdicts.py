"""What a line is once the line model has overruled the rules, as the post and `ingest --explain` show it."""

from __future__ import annotations

import dataclasses

import numpy as np

from newsdigest.ingest.line_model import LineModel, load_model
from newsdigest.ingest.textdump import Analysis, TextDump, analyse, finish

DUMP = """Flood warnings along the river

The river rose by two metres overnight and the council closed the lower bridge before dawn, residents said.

Engineers inspected the embankment in the morning and found that the older section had held against the water.

What happens next

The council will decide on Friday whether the bridge can open again, after the engineers report on its piers.

Residents can follow the updates on the council's notice boards, which are changed twice a day this week.
"""
HEADING = "What happens next"


def _model() -> LineModel:
    """The shipped model with plain thresholds and no smoothing: each line goes by its own probability."""
    return load_model().with_thresholds(0.5, 0.5, 0.0)


def _finish(found: Analysis, dropped: str | None) -> TextDump:
    """The article when the model is sure of every line but `dropped`, which it is sure is no part of it."""
    model = _model()
    n, k = len(found.lines), len(model.names)
    probabilities = np.array([0.0 if line.text == dropped else 1.0 for line in found.lines])
    return finish(found, model, (probabilities, np.zeros((n, k)), np.zeros((n, k))))


def _decision(dump: TextDump, text: str) -> tuple[bool, str]:
    (decision,) = [d for d in dump.lines if d.text == text]
    return decision.kept, decision.reason


def test_a_sub_heading_the_model_drops_stays_while_the_paragraph_under_it_is_kept():
    found = analyse(DUMP)
    assert dict(zip((line.text for line in found.lines), (why for _, why in found.rules)))[HEADING] == "sub-heading"
    dump = _finish(found, HEADING)
    assert f"## {HEADING}\n\nThe council will decide" in dump.body
    kept, reason = _decision(dump, HEADING)
    assert kept and reason.startswith("sub-heading (the paragraph under it is kept; not the article")


def test_a_short_line_over_prose_that_the_model_keeps_against_the_rules_is_a_sub_heading():
    found = analyse(DUMP)
    rules = [(False, "link to another article") if line.text == HEADING else rule
             for line, rule in zip(found.lines, found.rules)]
    dump = _finish(dataclasses.replace(found, rules=rules), None)
    assert f"## {HEADING}\n\nThe council will decide" in dump.body
    kept, reason = _decision(dump, HEADING)
    assert kept and reason.startswith("sub-heading (model 1.00, over the rule 'link to another article'")
