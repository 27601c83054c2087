"""Saved HTML pages: the stated publication and update dates checked against the dates the page prints."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from trafilatura.utils import load_html

from newsdigest.ingest.html_fields import explain_choices
from newsdigest.ingest.html_meta import read_page_meta
from newsdigest.ingest.html_source import read_html
from newsdigest.model import day_of

LONDON = ZoneInfo("Europe/London")
BODY = "".join(
    f"<p>{text}</p>"
    for text in (
        ("Der Wasserverband hat am Montag beschlossen, den Damm des nördlichen Speichersees neu zu bauen, nachdem "
         "Prüfer festgestellt hatten, dass er sich seit dem Frühjahrshochwasser um mehrere Zentimeter gesetzt hat."),
        ("Die Arbeiten sollen im Herbst beginnen und etwa zwei Jahre dauern; der Speicher wird so lange nur zur "
         "Hälfte gefüllt, und der Uferweg auf der Ostseite bleibt gesperrt."),
        ("Die Landwirte im Tal begrüßen die Reparatur, verlangen aber genug Wasser für die Bewässerung in den "
         "trockenen Monaten, wenn der Bedarf am größten ist."),
    )
)


def page(*, head: str = "", shown: str = "", lang: str = "de", above: str = "", below: str = "") -> str:
    """A saved article page: `above` the headline (a breadcrumb), `shown` under it, `below` the body."""
    return f"""<!DOCTYPE html><html lang="{lang}"><head><title>Damm wird neu gebaut</title>{head}</head><body>
<main><article><p class="crumbs">{above}</p><h1>Damm wird neu gebaut</h1><p class="meta">{shown}</p><div>{BODY}</div>
{below}</article></main><footer><p>Kontakt</p></footer></body></html>"""


def explained(html: str) -> str:
    return explain_choices(read_page_meta(load_html(html)), html, LONDON)[2]


def published(html: str) -> str:
    return day_of(read_html(html, timezone=LONDON).published).isoformat()


STATED = ('<meta property="article:published_time" content="2018-05-14T08:00:00+02:00">'
          '<meta property="article:modified_time" content="2018-06-20T11:15:00+02:00">')


def test_the_stated_publication_stands_where_the_page_shows_its_day_or_no_date():
    assert published(page(head=STATED, shown="14. Mai 2018, aktualisiert 20.06.2018")) == "2018-05-14"
    assert published(page(head=STATED)) == "2018-05-14"


def test_an_update_the_page_shows_as_its_only_date_is_the_articles_date():
    html = page(head=STATED, shown="Stand: 20.06.2018")
    assert published(html) == "2018-06-20" and "the update the page prints as its date" in explained(html)


def test_a_time_in_utc_is_read_on_the_day_the_page_prints():
    head = '<meta property="article:published_time" content="2019-12-09T23:30:00+00:00">'
    assert published(page(head=head, lang="de-DE", shown="9. Dezember 2019")) == "2019-12-09"
    # Printed far from the headline the day still confirms the statement, read in UTC.
    assert published(page(head=head, lang="de-DE", below="<p>Erstellt am 9. Dezember 2019</p>")) == "2019-12-09"
    assert published(page(head=head, lang="de-DE")) == "2019-12-10"


def test_without_stated_dates_a_time_element_the_page_does_not_print_yields_to_the_printed_date():
    shown_time = '<time datetime="2017-10-03T10:00:00+02:00">03.10.2017</time>'
    assert published(page(shown=shown_time)) == "2017-10-03"
    hidden_time = '<time datetime="2017-11-21T10:00:00+01:00"></time> veröffentlicht am 3. Oktober 2017'
    html = page(shown=hidden_time)
    assert published(html) == "2017-10-03"
    assert explained(html).startswith("published: 2017-10-03")
    assert "printed in the article's head, 'veröffentlicht am 3. Oktober 2017'" in explained(html)


def test_a_date_printed_in_the_body_or_below_it_never_overrules_the_time_element():
    hidden_time = '<time datetime="2017-11-21T10:00:00+01:00"></time>'
    below = "<p>Foto: Bildarchiv, 14.02.2009</p><aside><p>Archiv: 3. Oktober 2017</p></aside>"
    assert published(page(shown=hidden_time, below=below)) == "2017-11-21"


def test_a_stated_day_the_page_never_prints_yields_to_the_date_under_the_headline():
    html = page(head=STATED, shown="Von Jana Muster · 27. Juni 2018")
    assert published(html) == "2018-06-27"
    assert "printed in the article's head, 'Von Jana Muster · 27. Juni 2018'" in explained(html)
    assert "does not print the day meta article:published_time states, 2018-05-14" in explained(html)
    # A breadcrumb's date just above the headline is the head's too.
    assert published(page(head=STATED, above="Presse &gt; 27.06.2018")) == "2018-06-27"
    # Far below the headline (a teaser, a comment), a date says nothing of the article's.
    teasers = "".join(f"<p>Weitere Meldung {n}</p>" for n in range(12)) + "<p>27. Juni 2018</p>"
    assert published(page(head=STATED, shown=teasers)) == "2018-05-14"
    # A summary under the headline is still its head; a date past the body's first paragraph, however near
    # the headline, is a teaser's.
    summary = f"<p>{'Der Damm hält, doch die Prüfer raten zum Neubau. ' * 3}</p>"
    assert published(page(head=STATED, shown=f"{summary}<p>27. Juni 2018</p>")) == "2018-06-27"
    teaser = f"{summary}<p>{'Die Arbeiten beginnen im Herbst und dauern zwei Jahre. ' * 3}</p><p>27. Juni 2018</p>"
    assert published(page(head=STATED, shown=teaser)) == "2018-05-14"


def test_a_date_in_digits_that_may_be_read_two_ways_confirms_the_stated_day_it_can_mean():
    head = '<meta property="article:published_time" content="2016-08-03T09:00:00+01:00">'
    assert published(page(head=head, lang="en", shown="Posted 03/08/2016")) == "2016-08-03"


def _dated(html: str):
    article = read_html(html, timezone=LONDON)
    return article.published, article.updated


MIDNIGHTS = ('<meta property="article:published_time" content="2018-05-14T00:00:00-05:00">'
             '<meta property="article:modified_time" content="2018-05-16T00:00:00+00:00">')


def test_a_midnight_in_the_metadata_of_a_page_that_prints_no_time_is_the_day_written():
    """00:00 is how many publishing systems state a day: shown as a clock time (05:00 in UTC) it would be made
    up, and read in London it would move the update to the evening before."""
    for shown in ("14. Mai 2018", "14. Mai 2018, aktualisiert am 16.05.2018", ""):
        assert _dated(page(head=MIDNIGHTS, shown=shown)) == (date(2018, 5, 14), date(2018, 5, 16)), shown
    element = '<time datetime="2018-05-14T00:00:00+02:00"></time>'
    assert _dated(page(shown=element)) == (date(2018, 5, 14), None)


def test_a_midnight_the_page_prints_as_a_time_stays_a_time():
    minus_five = timezone(timedelta(hours=-5))
    assert _dated(page(head=MIDNIGHTS, shown="14. Mai 2018, 00:00 Uhr"))[0] == datetime(2018, 5, 14, tzinfo=minus_five)
    english = page(head=MIDNIGHTS, lang="en", shown="Posted May 14, 2018 12:00 am")
    assert _dated(english)[0] == datetime(2018, 5, 14, tzinfo=minus_five)


def test_an_update_at_midnight_the_page_prints_as_a_time_stays_a_time():
    stated = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2018-05-14T08:00:00+02:00",'
              ' "dateModified": "2018-05-16T00:00:00+02:00"}</script>')
    midnight = datetime(2018, 5, 16, tzinfo=timezone(timedelta(hours=2)))
    assert _dated(page(head=stated, shown="14. Mai 2018, aktualisiert 16.05.2018, 00:00 Uhr"))[1] == midnight
    assert _dated(page(head=stated, shown="14. Mai 2018, aktualisiert 16.05.2018"))[1] == date(2018, 5, 16)


def test_a_day_in_a_time_element_stands_where_the_page_prints_it_over_another_day_in_the_head():
    element = '<p>Erstellt: <time datetime="2018-05-14">14. Mai 2018</time></p>'
    assert _dated(page(shown="27. Juni 2018", below=element))[0] == date(2018, 5, 14)
    # Unprinted, the day yields to the date printed in the head.
    assert _dated(page(shown="27. Juni 2018", below='<time datetime="2018-05-14"></time>'))[0] == date(2018, 6, 27)
