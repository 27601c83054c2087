"""Headline, byline, dates and language of text dumps in other languages; dates in the prose of dateless sources."""

import json
from importlib import resources

from newsdigest.ingest.dates import find_dates
from newsdigest.ingest.language import identify_language
from newsdigest.ingest.markdown_source import read_markdown
from newsdigest.postfile import render_post
from newsdigest.ingest.textdump import parse_text_dump
from newsdigest.model import Post

GERMAN_PAGE = """\
Startseite
Politik
Wirtschaft
Kultur
Suche
Neueste Beiträge
Stadtrat beschließt neue Brücke über den Hafen
Von Maria Schneider
12. März 2019
Der Stadtrat hat am Dienstag den Bau einer neuen Brücke über den Hafen beschlossen und damit einen jahrelangen Streit über die Kosten beendet.
Befürworter sagen, dass die Brücke die Wege für Tausende von Pendlern verkürzen wird, die am nördlichen Ufer des Hafens wohnen.
Gegner im Rat argumentierten, dass sich die Kosten seit den ersten Plänen verdoppelt hätten und das Geld besser in Busse fließen sollte.
Der Bau soll im nächsten Frühjahr beginnen und etwa vier Jahre dauern, wobei der Hafen für Schiffe offen bleiben soll.
Teilen
Rechtliche Hinweise
Impressum
Datenschutz
"""

FRENCH_PAGE = """\
Accueil
Actualités
Le conseil municipal approuve un nouveau pont sur le port
Par Claire Dubois
Publié le 3 avril 2019 à 14h30
Le conseil municipal a approuvé mardi la construction d'un nouveau pont sur le port, mettant fin à dix ans de débats sur son coût.
Les partisans du projet affirment que le pont réduira le temps de trajet de milliers d'habitants de la rive nord du port.
Les opposants estiment que le coût du pont a doublé depuis les premiers plans et que l'argent devrait aller aux autobus.
La construction doit commencer au printemps prochain et durer environ quatre ans, le port restant ouvert aux navires.
Mentions légales
"""


def test_dates_are_read_in_many_languages_and_a_day_stays_a_day():
    for text, day in [
        ("12. März 2019", "2019-03-12"),
        ("le 3 avril 2019", "2019-04-03"),
        ("3 de abril de 2019", "2019-04-03"),
        ("5 листопада 2021", "2021-11-05"),
        ("2019年10月19日", "2019-10-19"),
        ("Von Felix Weber // 1. November 2023", "2023-11-01"),
    ]:
        found = find_dates(text)
        assert [f.moment.isoformat() for f in found] == [day], text
        assert not found[0].has_time


def test_times_and_their_absence_are_told_apart():
    (timed,) = find_dates("Publié le 3 avril 2019 à 14h30")
    assert timed.has_time and (timed.moment.hour, timed.moment.minute) == (14, 30)
    assert find_dates("on 5 dogs 2019, then June 3, 2020")[0].moment.isoformat() == "2020-06-03"


def test_numeric_dates_are_day_first_except_in_english_with_slashes():
    assert find_dates("05/09/2025", lang="en")[0].moment.isoformat() == "2025-05-09"
    assert find_dates("05/09/2025", lang="de")[0].moment.isoformat() == "2025-09-05"
    assert find_dates("05.09.2025", lang="de")[0].moment.isoformat() == "2025-09-05"


def test_the_language_is_identified_from_the_text():
    assert identify_language("Der Stadtrat hat am Dienstag den Bau einer neuen Brücke über den Hafen beschlossen.") == "de"
    assert identify_language("Le conseil municipal a approuvé mardi la construction d'un nouveau pont.") == "fr"
    assert identify_language("ok") is None


def test_a_german_page_gives_its_headline_byline_and_date_not_its_furniture():
    dump = parse_text_dump(GERMAN_PAGE)
    assert dump.title == "Stadtrat beschließt neue Brücke über den Hafen"
    assert dump.authors == ("Maria Schneider",)
    assert dump.published.isoformat() == "2019-03-12"
    assert dump.lang == "de"
    for furniture in ("Neueste Beiträge", "Rechtliche Hinweise"):
        assert furniture not in dump.authors and dump.title != furniture


def test_a_french_page_gives_its_headline_byline_and_timed_date():
    dump = parse_text_dump(FRENCH_PAGE)
    assert dump.title == "Le conseil municipal approuve un nouveau pont sur le port"
    assert dump.authors == ("Claire Dubois",)
    assert dump.published.isoformat().startswith("2019-04-03T14:30")
    assert dump.lang == "fr"


def test_a_markdown_source_without_a_date_takes_the_dateline_of_its_body():
    article = read_markdown(
        "---\ntitle: Elections held\n---\n\nPosted on January 5, 2011, 3:37 PM EDT\n\n"
        "Voters went to the polls on Sunday in an election observers called a test of reform.\n"
    )
    assert article.published.isoformat() == "2011-01-05T15:37:00-04:00"


def test_a_date_in_a_sentence_of_the_article_is_not_its_dateline():
    article = read_markdown(
        "---\ntitle: A trial\n---\n\nThe defendant, who was arrested on March 11, 2005 at a hotel near the airport, "
        "told the court on Monday that he had been nowhere near the scene of the crime that night.\n"
    )
    assert article.published is None


def test_a_day_only_date_is_written_as_a_bare_date():
    from datetime import date, datetime, timezone

    day = date(2025, 9, 5)
    post = Post(id="x", title="T", body="B", source="sources/x.txt", published=day,
                updated=datetime(2025, 9, 6, 9, 50, tzinfo=timezone.utc))
    text = render_post(post)
    assert "published: '2025-09-05'" in text or "published: 2025-09-05" in text
    assert "2025-09-06T09:50:00+00:00" in text


def test_the_shipped_model_is_small_and_names_its_features():
    raw = resources.files("newsdigest.ingest").joinpath("meta_model.json").read_bytes()
    assert len(raw) < 400_000
    model = json.loads(raw)
    assert set(model) == {"title", "author", "date"}
    for field in model.values():
        assert field["features"] and field["trees"]["nodes"] and 0 < field["threshold"] < 1
