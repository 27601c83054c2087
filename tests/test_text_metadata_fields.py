"""Each field of a text dump's metadata read by its own module: byline shapes, dates with weekdays, footer, tags."""

import pytest

from newsdigest.ingest.authors import given_name_weight
from newsdigest.ingest.dates import find_dates
from newsdigest.ingest.explanation import metadata_choices
from newsdigest.ingest.meta_model import Candidate, relative
from newsdigest.ingest.text_byline import _readings
from newsdigest.ingest.text_lines import read_lines
from newsdigest.ingest.text_outlet import read_outlet
from newsdigest.ingest.text_tags import read_tags
from newsdigest.ingest.textdump import parse_text_dump
from newsdigest.model import is_timed

LEAD = (
    "The harbour council voted on Tuesday to build a new bridge across the water, ending a decade of argument "
    "over its cost and its route through the old town.\n"
    "Supporters say the bridge will cut the daily journey of thousands of commuters who live on the northern "
    "shore, and that the ferries can no longer carry them all.\n"
    "Opponents on the council argued that the cost had doubled since the first plans were drawn up and that "
    "the money would be better spent on buses.\n"
    "Work is due to start next spring and to take about four years, with the harbour kept open to ships.\n"
)


def page(head: str, tail: str = "") -> str:
    return "Home\nNews\nSport\nWeather\n\n" + head + "\n" + LEAD + tail + "\nShare\nPrivacy\nContact us\n"


def test_a_byline_running_into_its_date_gives_the_name_alone():
    dump = parse_text_dump(page("Council approves harbour bridge\nBy Peter Hall On 12 May 2021"))
    assert dump.authors == ("Peter Hall",)
    assert dump.published is not None and dump.published.isoformat() == "2021-05-12"
    assert not is_timed(dump.published)


def test_a_french_byline_with_le_and_its_date():
    lead = (
        "Le conseil municipal a approuvé mardi la construction d'un nouveau pont sur le port, mettant fin à dix ans "
        "de débats sur son coût et sur son tracé dans la vieille ville.\n"
        "Les partisans du projet affirment que le pont réduira le temps de trajet de milliers d'habitants de la rive "
        "nord, et que les bacs ne suffisent plus à les transporter.\n"
        "Les opposants estiment que le coût a doublé depuis les premiers plans et que l'argent serait mieux utilisé "
        "pour les bus de la ville.\n"
    )
    dump = parse_text_dump("Accueil\nActualités\n\nLe port aura son pont\nPar Claire Dubois le 3 avril 2019\n" + lead)
    assert dump.authors == ("Claire Dubois",)
    assert dump.published is not None and dump.published.isoformat() == "2019-04-03"


def test_prefixes_glued_to_the_name_and_labels_before_a_colon_are_read():
    assert _readings("PorRodolfo Costa") == [(True, ("Rodolfo Costa",))]
    assert _readings("Interview: Julia Berger")[0] == (True, ("Julia Berger",))
    assert _readings("by Walter von Aachen")[0] == (True, ("Walter von Aachen",))


def test_a_sentence_ending_with_by_and_a_name_is_no_byline():
    text = page("Council approves harbour bridge", "The cost of the crossing was not detailed by Hallworth.\n")
    assert parse_text_dump(text).authors == ()
    assert all(names != ("Hallworth",) for _, names in _readings("was not detailed by Hallworth.", inline=False))


def test_a_weekday_before_a_date_belongs_to_the_date():
    line = "Tue. Jun 11th, 2024"
    found = find_dates(line)
    assert len(found) == 1 and line[found[0].start : found[0].end] == line
    assert parse_text_dump(page("Council approves harbour bridge\nTue. Jun 11th, 2024")).authors == ()


def test_the_copyright_holder_is_the_outlet_and_a_person_holder_is_a_personal_site():
    organisation = read_outlet(read_lines("Some text\n© 2024 Harbour Media Group. All rights reserved.\n"))
    assert organisation.outlet == "Harbour Media Group" and not organisation.person
    person = read_outlet(read_lines("Some text about boats\n© 2024 Ingrid Vasquez\n"))
    assert person.outlet == "Ingrid Vasquez" and person.person


def test_tags_after_the_article_and_the_lines_they_took():
    lines = read_lines("A paragraph of the article that ends here.\nTags: bridges, harbour, council\nShare\n")
    tags, taken = read_tags(lines, (0, 1))
    assert tags == ("bridges", "harbour", "council")
    assert taken == {1: "tags"}


def test_relative_features_measure_each_candidate_against_the_pages_best():
    found = [Candidate("a", 0, {"lead_overlap": 0.2}), Candidate("b", 1, {"lead_overlap": 0.9})]
    gaps = [c.features["lead_overlap_gap"] for c in relative(found, ("lead_overlap",))]
    assert gaps == pytest.approx([0.7, 0.0])


def test_explain_lists_each_fields_candidates_with_their_likelihood():
    rows = metadata_choices(page("Council approves harbour bridge\nBy Peter Hall\n12 May 2021"))
    assert rows[0].startswith("headline:") and "Council approves harbour bridge" in rows[1] and "%" in rows[1]
    byline = rows.index(next(r for r in rows if r.startswith("byline:")))
    assert "Peter Hall" in rows[byline + 1]
    assert any(r.startswith("date:") for r in rows) and any("2021-05-12" in r for r in rows)


def test_explain_says_when_no_line_is_a_headline():
    rows = metadata_choices(LEAD)
    assert any("made from the lead" in r for r in rows)


def test_first_names_of_many_countries_are_known_and_ordinary_words_are_not():
    for name in ("Peter", "Ursula", "Giovanni", "Zofia", "Hiroshi", "Marie-Claire"):
        assert given_name_weight(name) > 0, name
    for word in ("Harbour", "Weather", "Analysis", "Bridge"):
        assert given_name_weight(word) == 0, word


def test_the_first_names_are_loaded_before_ingest_forks_its_workers():
    """Each forked worker would otherwise parse the list again (about 0.2 s of CPU each)."""
    from newsdigest.ingest.authors import _given_names
    from newsdigest.ingest.run import preload_readers

    _given_names.cache_clear()
    preload_readers()
    assert _given_names.cache_info().currsize == 1


def test_a_name_followed_by_a_job_title_is_also_read_without_it():
    names = [names for _, names in _readings("Peter Hall Transport editor")]
    assert ("Peter Hall",) in names


def test_a_single_name_after_by_is_read_when_nothing_else_follows_it():
    names = [names for prefixed, names in _readings("by Tamsin · 3 replies") if prefixed]
    assert ("Tamsin",) in names


def test_a_person_beside_the_headline_is_the_byline_not_a_capitalised_label():
    text = (
        "Home\nNews\nSport\n\nCouncil approves harbour bridge\nHarbour Works\nPeter Hall\n12 May 2021\n"
        + LEAD + "\nShare\nPrivacy\n"
    )
    assert parse_text_dump(text).authors == ("Peter Hall",)


def test_a_numeric_date_whose_second_number_cannot_be_a_month_is_read_month_first():
    found = find_dates("Stand 3.28.2024 18:40", None, "de")
    assert [f.moment.isoformat() for f in found] == ["2024-03-28T18:40:00"]
    assert [f.moment.isoformat() for f in find_dates("05.09.2025", None, "de")] == ["2025-09-05"]
