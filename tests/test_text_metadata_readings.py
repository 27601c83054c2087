"""Text-dump metadata written in the shapes a browser's copy leaves: glued words, site names, date labels."""

from newsdigest.ingest import text_byline, text_title
from newsdigest.ingest.authors import clean_authors
from newsdigest.ingest.dates import find_dates
from newsdigest.ingest.textdump import parse_text_dump
from newsdigest.ingest.textmeta import page_context

LEAD = (
    "The town's library reopened on Monday after two years of repairs to its roof, its heating and the reading "
    "room that had flooded in the storm of the winter before last.\n"
    "Readers queued before the doors opened, and the librarians said more than four hundred books were lent "
    "in the first morning alone, twice as many as on an ordinary day.\n"
    "The repairs cost less than the council had feared, because volunteers carried the books to a school hall "
    "and back again without charge.\n"
    "A café on the ground floor is due to open in the spring, with tables beside the windows over the river.\n"
)


def page(head: str) -> str:
    return "Riverside Post\nHome\nNews\nSport\n\n" + head + "\n" + LEAD + "\nShare\nPrivacy\nRiverside Post\n"


def test_a_date_printed_twice_without_a_space_is_found_where_it_is_written():
    text = "Erschienen am 7. April 20197. April 2019 von Lena Kurz"
    found = find_dates(text, None, "de")
    assert [f.moment.isoformat() for f in found] == ["2019-04-07", "2019-04-07"]
    assert [text[f.start : f.end] for f in found] == ["7. April 2019", "7. April 2019"]


def test_a_year_glued_to_its_time_and_a_date_glued_to_a_name_are_read():
    (glued_time,) = find_dates("jueves, 9 de marzo de 201714:05 h", None, "es")
    assert glued_time.moment.isoformat() == "2017-03-09T14:05:00"
    text = "Tom AshfordFebruary 14, 2019"
    (after_name,) = find_dates(text, None, "en")
    assert text[after_name.start : after_name.end] == "February 14, 2019"


def test_a_number_after_a_year_is_no_glued_date():
    assert find_dates("Copyright 2020 12 people", None, "en") == ()


def test_a_byline_glued_to_its_date_gives_the_name_and_the_date():
    dump = parse_text_dump(page("Library reopens after repairs\nAna KellerAugust 21, 2018"))
    assert dump.authors == ("Ana Keller",)
    assert dump.published is not None and dump.published.isoformat() == "2018-08-21"


def test_a_date_label_is_never_read_as_a_name():
    ctx = page_context(page("Library reopens after repairs\nVeröffentlicht: 3. Mai 2019\nPublished 12 May 2021"),
                       identify=False)
    names = {n for c in text_byline.candidates(ctx, None) for n in c.value}
    assert not names & {"Veröffentlicht", "Published"}


def test_a_page_title_line_offers_the_headline_without_the_site_name():
    ctx = page_context(page("Library reopens after repairs | Riverside Post"), identify=False)
    readings = {c.value: c.features for c in text_title.candidates(ctx)}
    assert "Library reopens after repairs" in readings
    # The site's name is printed elsewhere on the page: what the reading left off is furniture.
    assert readings["Library reopens after repairs"]["rest_elsewhere"] == 1.0


def test_a_date_glued_in_front_of_the_headline_is_left_off_a_reading():
    ctx = page_context(page("Jun 17, 2021 Library reopens after repairs"), identify=False)
    assert "Library reopens after repairs" in {c.value for c in text_title.candidates(ctx)}


def test_byline_prefixes_in_several_languages_are_stripped_by_the_one_list():
    assert clean_authors("Text: Jane Roe") == ("Jane Roe",)
    assert clean_authors("Autorin: Jane Roe") == ("Jane Roe",)
    assert clean_authors("Written by Jane Roe") == ("Jane Roe",)
    assert clean_authors("Anna von Berg") == ("Anna von Berg",)


def test_two_names_after_a_prefix_read_as_two_authors_as_well_as_the_first():
    ctx = page_context(page("Library reopens after repairs\nvon Jane Roe, John Doe"), identify=False)
    found = {c.value: c.features for c in text_byline.candidates(ctx, None)}
    assert found[("Jane Roe",)]["first_of_list"] == 1.0
    assert found[("Jane Roe",)]["dropped_person_like"] == 1.0
    assert found[("Jane Roe", "John Doe")]["first_of_list"] == 0.0


def test_a_dateline_opening_a_paragraph_dates_the_article_and_leaves_the_paragraph_in_it():
    opening = ("Riverside, 08.03.2019 – Crowds of readers and their children gathered in the square to see the "
               "mayor cut a ribbon across the old oak doors of the hall.")
    dump = parse_text_dump(page("Library reopens after repairs\n" + opening))
    assert dump.published is not None and dump.published.isoformat() == "2019-03-08"
    assert "Crowds of readers and their children gathered in the square" in dump.body


def test_a_name_that_starts_like_a_prefix_stays_whole():
    """A prefix glued to a name is split off only where no name starts so: "Di" and "Von" start names."""
    for name in ("DiAnne Smith", "DiAngelo Jones", "VonEllen Marsh", "Vonda Miller", "Parker Jones", "Porter Lee"):
        assert clean_authors(name) == (name,)
    assert clean_authors("ByJane Roe") == ("Jane Roe",)
    assert clean_authors("PorAna Ruiz") == ("Ana Ruiz",)


def test_a_capital_inside_a_name_is_no_glued_date():
    """Names with a capital inside stay whole; only a date glued to a name is taken apart from it."""
    for name in ("Leo McBrindle", "Nina DiNardo", "Rene LeGrand", "Ivan MacAllister", "Sam DeVantier"):
        ctx = page_context(page("Library reopens after repairs\nBy " + name), identify=False)
        values = {c.value for c in text_byline.candidates(ctx, None)}
        assert (name,) in values
        pieces = {w for v in values for n in v for w in n.split() if w in name and w not in name.split()}
        assert not pieces, values
    assert text_byline._unglue("Sam DeVantierSunday, 3 March 2019") == "Sam DeVantier Sunday, 3 March 2019"
