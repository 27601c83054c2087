"""Dates a page prints in a layout of its own: parts set apart by spaced bars or slashes, a calendar leaf copied
flat; and the ordinary lines that look like them but are no date."""

from datetime import date, datetime

from newsdigest.ingest.text_dateline import candidates
from newsdigest.ingest.textmeta import page_context

LEAD = ("The harbour council voted on Tuesday to build a new bridge, ending a decade of argument over its cost and "
        "its route across the water.\n")
GERMAN_LEAD = ("Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Hafen zu bauen, und damit einen "
               "jahrelangen Streit über die Kosten und die Route beendet.\nDie Arbeiten sollen im nächsten Jahr "
               "beginnen, wie die Verwaltung mitteilte, und sie werden mehrere Jahre dauern.\n")


def offered(line: str, lead: str = LEAD) -> list[date]:
    ctx = page_context("Council approves harbour bridge\n" + line + "\n" + lead, identify=lead != LEAD)
    return [c.value.moment for c in candidates(ctx, 0, None)]


def test_a_date_set_apart_by_spaced_bars_or_slashes_is_read():
    assert offered("07 / 23 / 2021") == [date(2021, 7, 23)]
    assert offered("23 | 07 | 2021") == [date(2021, 7, 23)]
    assert offered("07 / March / 2021") == [date(2021, 3, 7)]


def test_a_spaced_date_is_read_in_the_order_of_the_page_language():
    """As written with plain slashes: month first on an English page, day first on a German one."""
    assert offered("12 / 05 / 2020") == offered("12/05/2020") == [date(2020, 12, 5)]
    assert offered("12 / 05 / 2020", GERMAN_LEAD) == [date(2020, 5, 12)]


def test_a_spaced_date_after_a_label_or_a_weekday_or_before_a_time_is_read():
    assert offered("Published 07 | 03 | 2021") == [date(2021, 7, 3)]
    assert offered("Saturday | 07 | 03 | 2021") == [date(2021, 7, 3)]
    assert offered("07 | 03 | 2021 | 10:30")[0].date() == date(2021, 7, 3)


def test_a_spaced_date_after_a_label_and_a_short_function_word_is_read():
    assert offered("Published on 07 | 03 | 2021") == [date(2021, 7, 3)]
    assert offered("Updated on 07 / 03 / 2021") == [date(2021, 7, 3)]
    assert offered("Veröffentlicht am 07 | 03 | 2021", GERMAN_LEAD) == [date(2021, 3, 7)]
    assert offered("Gepubliceerd op 07 | 03 | 2021") == [date(2021, 7, 3)]
    assert offered("Mis à jour le 07 | 03 | 2021") == [date(2021, 7, 3)]
    assert offered("Published on Saturday 07 | 03 | 2021") == [date(2021, 7, 3)]


def test_a_function_word_without_a_label_before_it_does_not_make_numbers_a_date():
    """Scores, versions, phone numbers and counts after "on" stay what they are."""
    assert offered("Arsenal on 02 | 01 | 2022") == []
    assert offered("Version on 02 | 01 | 2022") == []
    assert offered("Call us on 02 / 11 / 2019") == []
    assert offered("on 02 | 01 | 2022") == []
    assert offered("Published on on 07 | 03 | 2021") == []
    assert offered("Published and 07 | 03 | 2021") == []
    assert offered("Published not 07 | 03 | 2021") == []
    assert offered("Date of 07 | 03 | 2021") == []


def test_a_label_after_other_words_does_not_make_numbers_a_date():
    """Only a label, its preposition and the date's weekday may stand before a spaced date on its line."""
    assert offered("Arsenal Published on 07 | 03 | 2021") == []
    assert offered("Goals: Posted on 07 | 03 | 2021") == []
    assert offered("Arsenal Published 07 | 03 | 2021") == []
    assert offered("Published on 07 | 03 | 2021 | 10") == []
    assert offered("Published on 03 | 01 | 2020 | 04 | 02") == []
    assert offered("Published on 2 | 01 | 2022") == []


def test_a_spaced_date_after_a_weekday_that_is_not_its_own_is_not_read():
    """3 July 2021 was a Saturday, 1 February 2022 a Tuesday ("Di" in German, "So" is Sunday)."""
    assert offered("Sunday | 07 | 03 | 2021") == []
    assert offered("Sunday 02 / 01 / 2022") == []
    assert offered("So 02 | 01 | 2022") == []
    assert offered("Di 02 | 01 | 2022") == [date(2022, 2, 1)]


def test_scores_and_phone_or_version_numbers_spaced_like_a_date_are_not_read():
    assert offered("Arsenal 02 | 01 | 2022") == []
    assert offered("Tel 02 / 11 / 2019") == []
    assert offered("Published 2 | 01 | 2022") == []
    assert offered("Published 02 | 1 | 2022") == []
    assert offered("03 | 01 | 2020 | 04 | 02") == []


def test_a_calendar_leaf_copied_flat_is_read_when_its_weekday_is_the_dates():
    assert offered("12 Sunday Jan 2020") == [date(2020, 1, 12)]
    assert offered("Deal 12 Friday Jan 2020") == []


def test_a_month_with_the_day_run_into_the_year_is_read():
    assert offered("Mar 072016") == [date(2016, 3, 7)]
    assert offered("Mar 072016 | Jane Doe") == [date(2016, 3, 7)]
    assert offered("Mar 072016 10:30") == [datetime(2016, 3, 7, 10, 30)]


def test_a_price_after_a_day_run_into_the_year_is_no_time_of_day():
    assert offered("Jun 202012 19.99") == []
    assert offered("Mar 072016 19.99") == []


def test_a_year_of_the_2020s_run_into_a_number_at_the_line_end_is_not_read_as_a_day_and_a_year():
    """ "June 202012" is as likely "June 2020" before a number as 20 June 2012; a separator or another year
    settles it."""
    assert offered("Posted June 202012") == []
    assert offered("Jan 202015") == []
    assert offered("Jan 202015 | Jane Doe") == [date(2015, 1, 20)]
    assert offered("Jan 191995") == [date(1995, 1, 19)]


def test_a_year_run_into_what_follows_keeps_the_whole_date_after_it():
    """ "May 2020" glued to "15 January 2021" is that date, not 20 May 2015; glued to a count, it is no date."""
    assert offered("Updated May 202015 January 2021") == [date(2021, 1, 15)]
    assert offered("Posted June 202012 comments") == []


def test_a_written_date_keeps_its_usual_reading():
    assert offered("Page 12 2019") == []
    assert offered("03. May 201811. March 2019 | Jane Doe") == [date(2018, 5, 3), date(2019, 3, 11)]
