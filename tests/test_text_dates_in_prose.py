"""A date written in the article's sentences below its opening is what it reports, not when it was published."""

from newsdigest.ingest.explanation import metadata_choices
from newsdigest.ingest.text_dateline import candidates
from newsdigest.ingest.textdump import parse_text_dump
from newsdigest.ingest.textmeta import page_context

OPENING = (
    "The regional court sentenced the former harbour master to six years on Monday, closing a case that has "
    "divided the town since the warehouse fire.\n\n"
    "The judge said the sentence reflected the damage done to the families who lost their homes and their work.\n\n"
    "Defence lawyers said they would appeal within the month and asked for the sentence to be suspended.\n\n"
)
LIST = (
    "Other cases heard by the court:\n\n"
    "Since the June 3, 2011 stocktaking the clerk had kept the stores alone, the court heard.\n\n"
    "A shipping clerk, convicted of theft from the port's stores in the spring.\n\n"
    "The court will sit again in the autumn after its summer recess.\n"
)


def test_a_date_inside_a_sentence_far_down_an_undated_article_is_no_publication_date():
    dump = parse_text_dump(OPENING + LIST)
    assert dump.published is None
    assert "Since the June 3, 2011 stocktaking" in dump.body


def test_a_dateline_on_its_own_line_in_the_head_still_dates_the_article():
    dump = parse_text_dump("Harbour master sentenced to six years\n\nMarch 9, 2021\n\n" + OPENING + LIST)
    assert dump.published is not None and dump.published.isoformat() == "2021-03-09"


def test_a_dated_entry_opening_its_paragraph_below_the_lead_is_still_a_candidate():
    """A page of dated entries starts each with its date ("12.03.2021 The …"): those are datelines, not prose."""
    entries = "".join(
        f"{day}.03.2021 The harbour office published its weekly figures on shipping, cargo and passengers today.\n\n"
        for day in (12, 5)
    )
    dump = parse_text_dump(OPENING + entries)
    assert dump.published is not None and dump.published.isoformat() in ("2021-03-12", "2021-03-05")


def _left_out_rows(text: str) -> list[str]:
    return [r for r in metadata_choices(text) if r.startswith("date: not a candidate")]


def test_explain_names_the_line_and_the_date_left_out_as_reported():
    assert _left_out_rows(OPENING + LIST) == [
        ("date: not a candidate, a date the article's sentences mention below its lead (what it reports): "
         "line 9 ('June 3, 2011')")
    ]


def test_explain_names_only_the_reported_date_of_a_line_whose_dateline_is_a_candidate():
    """A dateline opening a paragraph below the lead is weighed; the date its sentence reports is not."""
    dated = "Kiel, 12.11.2021 – The harbour board met again on the stores, lost in the fire of 3 March 2009, today.\n\n"
    text = OPENING + dated + LIST
    ctx = page_context(text)
    assert 7 in {ctx.lines[c.index].number for c in candidates(ctx, None, None)}
    assert _left_out_rows(text) == [
        ("date: not a candidate, a date the article's sentences mention below its lead (what it reports): "
         "line 7 ('3 March 2009'), line 11 ('June 3, 2011')")
    ]
