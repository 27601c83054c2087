"""Bylines, dates, outlets and derived headlines: what a source states, normalised; nothing invented."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from newsdigest.ingest.article import derive_headline
from newsdigest.ingest.authors import clean_authors
from newsdigest.ingest.dates import parse_date
from newsdigest.ingest.outlets import Outlet, OutletBook, load_outlets

LONDON = ZoneInfo("Europe/London")


def test_several_authors_are_split_and_titles_dropped():
    assert clean_authors("By Jane Doe and John Roe") == ("Jane Doe", "John Roe")
    assert clean_authors("JANE DOE, Opinion Columnist") == ("Jane Doe",)
    assert clean_authors("Grant Tinsley, PhD") == ("Grant Tinsley",)
    assert clean_authors([{"@type": "Person", "name": "Ann Lee"}, {"name": "Bob Ray"}]) == ("Ann Lee", "Bob Ray")


def test_things_that_are_not_names_are_not_authors():
    assert clean_authors("Staff Writer") == ()
    assert clean_authors("https://www.facebook.com/someone") == ()
    assert clean_authors("Jobs & Hire", not_names=["Jobs & Hire"]) == ()
    assert clean_authors("Rob Picheta, CNN", not_names=["CNN"]) == ("Rob Picheta",)


def test_naive_dates_are_read_in_the_site_time_zone():
    moment = parse_date("2025-09-05T05:12:02", LONDON)
    assert moment.isoformat() == "2025-09-05T05:12:02+01:00"


def test_stated_offsets_and_zone_names_are_kept():
    assert parse_date("2019-11-19T10:00:00-05:00", LONDON).utcoffset() == timedelta(hours=-5)
    assert parse_date("Updated 10:30 a.m. EST, Nov 19, 2019", LONDON) == datetime(
        2019, 11, 19, 10, 30, tzinfo=timezone(timedelta(hours=-5)))


def test_written_dates_in_common_forms():
    assert parse_date("Tue. Jun 11th, 2024", LONDON).isoformat() == "2024-06-11"
    assert parse_date("Last edited at:2025/9/5", LONDON).isoformat() == "2025-09-05"
    assert parse_date("January 29, 2026 9:50 am", LONDON).isoformat() == "2026-01-29T09:50:00+00:00"


def test_what_is_not_a_date_stays_unknown():
    assert parse_date("Share this article", LONDON) is None
    assert parse_date("3 comments", LONDON) is None
    assert parse_date("", LONDON) is None


def test_outlets_map_domains_and_aliases_onto_the_editors_name(tmp_path):
    path = tmp_path / "outlets.toml"
    path.write_text('[[outlet]]\nname = "Global Gazette"\ndomains = ["globzette.com"]\naliases = ["Globzette"]\n')
    book = load_outlets(path)
    assert book.resolve("globzette.com") == "Global Gazette"
    assert book.resolve("GLOBZETTE") == "Global Gazette"
    assert book.resolve(None, "https://www.globzette.com/europe/x") == "Global Gazette"
    assert book.resolve("Other Times") == "Other Times"
    assert book.resolve(None, None) is None


def test_an_unknown_outlet_falls_back_to_the_stated_url_domain():
    assert OutletBook((Outlet("A", ("a.org",)),)).resolve(None, "https://news.example.co.uk/x") == "news.example.co.uk"


def test_a_broken_outlets_file_names_file_and_line(tmp_path):
    import pytest

    from newsdigest.errors import ContentError

    path = tmp_path / "outlets.toml"
    path.write_text('[[outlet]]\nname = "A"\ndomains = "not a list"\n')
    with pytest.raises(ContentError, match="must be a list"):
        load_outlets(path)


def test_a_derived_headline_is_the_leads_first_sentence_cut_short():
    body = ("The Kremlin has dismissed proposals for foreign troops to be stationed in Ukraine as part of "
            "post-war security guarantees, warning that forces could never protect Kyiv.\n\nMore text.")
    headline = derive_headline(body)
    # No clause ends within reach: the line stops before the last phrase a preposition opens there ("as" after a
    # name), not inside "as part of".
    assert headline == "The Kremlin has dismissed proposals for foreign troops to be stationed in Ukraine…"


def test_a_short_lead_sentence_is_the_derived_headline_whole():
    body = "Ferries will sail every half hour from the old Varno quay to Kelbury from June onwards.\n\nMore text."
    assert derive_headline(body) == "Ferries will sail every half hour from the old Varno quay to Kelbury from June onwards"


def test_a_derived_headline_is_cut_where_a_clause_ends_not_inside_an_apposition():
    # Before the comma closing "the pilot of the Tessel ferry", the subject still lacks its verb: no clause ends there.
    body = ("Ada Brask, the pilot of the Tessel ferry, was praised by the harbour board for bringing the boat home "
            "through the storm without power.")
    assert derive_headline(body) == "Ada Brask, the pilot of the Tessel ferry, was praised by the harbour board…"


def test_a_text_source_derives_its_headline_as_every_reader_does():
    from newsdigest.ingest.textdump import parse_text_dump

    lead = ("Crews of the Tessel ferry were praised by the harbour board on Monday after bringing the boat home "
            "through the storm without power.")
    dump = parse_text_dump(f"{lead}\n\nThe ferry service said crossings would resume on Thursday once the quay "
                           "is repaired.\n")
    assert dump.title_derived and dump.title == derive_headline(lead)
    assert dump.title == "Crews of the Tessel ferry were praised by the harbour board on Monday…"


def test_a_derived_headline_ends_before_as_opening_a_clause_but_not_before_as_in_a_phrase():
    assert derive_headline("A stray dog bit a postman in Kelbury on Monday morning as he delivered letters to the "
                           "old mill on the hill.") == "A stray dog bit a postman in Kelbury on Monday morning…"
    assert derive_headline("Ann Roe was named on Monday as the next harbour master of Kelport by a vote of the "
                           "town council.") == "Ann Roe was named on Monday as the next harbour master of Kelport…"
