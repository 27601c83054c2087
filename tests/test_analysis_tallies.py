"""A running tally told on two days is one count at two moments, not a disagreement; a fixed fact is not."""

from __future__ import annotations

from analysis_fixtures import on, post, values

from newsdigest.stories.disagreements import find_disagreements

FIRE = "The wildfire in the Carrow hills {verb} {homes} homes, fire officials said."
FLOODS = "Officials said the Marrow river floods' death toll {verb} {n} people on {day}."
DISPLACED = "{n} valley residents {verb} from their houses as the Marrow river rose."


def across_days(a: str, b: str, first: int = 7, later: int = 9) -> list[tuple[str, ...]]:
    """The disputes between a version `a` published on day `first` and a version `b` published on day `later`."""
    return values(find_disagreements([post("a", a, published=on(first)), post("b", b, published=on(later))]))


def test_a_tally_grown_by_a_later_day_is_not_a_dispute():
    earlier = FIRE.format(verb="has destroyed", homes="120")
    assert across_days(earlier, FIRE.format(verb="has destroyed", homes="170")) == []
    # A toll that "rose to" a higher count two days on has grown too.
    assert across_days(earlier, "The number of homes the wildfire in the Carrow hills destroyed has risen to 170, "
                                "fire officials said.") == []


def test_a_tally_told_two_ways_on_one_day_still_clashes():
    assert across_days(FIRE.format(verb="has destroyed", homes="120"), FIRE.format(verb="has destroyed", homes="170"),
                       7, 7) == [("120", "170")]


def test_a_later_smaller_tally_is_no_growth():
    assert across_days(FIRE.format(verb="has destroyed", homes="170"),
                       FIRE.format(verb="has destroyed", homes="120")) == [("120", "170")]


def test_a_tally_told_in_the_present_perfect_grows_by_the_next_day():
    assert across_days("Floods along the Marrow river have killed 12 people, officials said on Sunday.",
                       "Floods along the Marrow river have killed 16 people, officials said on Monday.", 12, 13) == []


def test_one_count_told_as_running_suffices():
    # Forced from home (a fixed fact) on the Sunday, "have been evacuated" (still running) by the Tuesday.
    forced = DISPLACED.format(n="About 1,800", verb="were forced")
    assert across_days(forced, DISPLACED.format(n="Some 2,600", verb="have been evacuated")) == []
    # Both told as fixed facts: the same count given two ways.
    assert across_days(forced, DISPLACED.format(n="Some 2,600", verb="were forced")) == [
        ("About 1,800", "Some 2,600")]
    # "Have been forced" runs on as "have been evacuated" does.
    assert across_days(DISPLACED.format(n="About 1,800", verb="have been forced"),
                       DISPLACED.format(n="Some 2,600", verb="were forced")) == []


def test_so_far_to_date_or_a_risen_toll_tell_a_running_count():
    assert across_days("Police in Carrow detained 40 protesters on Saturday night, a spokesman said.",
                       "Police in Carrow detained 55 protesters so far, a spokesman said.") == []
    stood = FLOODS.format(verb="stood at", n="12", day="Sunday")
    assert across_days(stood, FLOODS.format(verb="stood at", n="16", day="Tuesday"), 12, 14) == [("12", "16")]
    assert across_days(stood, FLOODS.format(verb="rose to", n="16", day="Tuesday"), 12, 14) == []
    assert across_days(stood, FLOODS.format(verb="reached", n="16", day="Tuesday"), 12, 14) == []
    # A fire that "reached" more homes is no toll that reached a count: a fact, told two ways.
    assert across_days(FIRE.format(verb="reached", homes="30"), FIRE.format(verb="reached", homes="40")) == [
        ("30", "40")]


def test_a_fixed_past_fact_given_two_numbers_across_days_clashes():
    # A count after "killed" or "dead" with no mark of a tally still running is one fact told two ways.
    mine = "Carrow unveiled a plaque on Monday for the 1962 pit disaster, which killed {n} miners."
    assert across_days(mine.format(n="88"), mine.format(n="98")) == [("88", "98")]
    storm = "The storm left {n} people dead along the Carrow coast, officials said."
    assert across_days(storm.format(n="50"), storm.format(n="60"), 7, 8) == [("50", "60")]
    # Killed in the bare past on two days: a fact, though the toll may have grown; it is listed.
    assert across_days("Floods along the Marrow river killed 12 people, officials said on Sunday.",
                       "Floods along the Marrow river killed 16 people, officials said on Tuesday.", 12, 14) == [
        ("12", "16")]
    ship = "The grain ship that docked at Carrow on Monday unloaded {n} containers, the harbour office said."
    assert across_days(ship.format(n="300"), ship.format(n="340")) == [("300", "340")]


def test_a_distance_or_a_verb_that_does_not_accumulate_is_no_tally():
    # A descent is measured in metres, not counted in people or things; hiring is no toll of an event.
    climber = "The cave diver has descended {n} metres into the flooded shaft, the rescue team said."
    assert across_days(climber.format(n="150"), climber.format(n="190")) == [("150", "190")]
    mill = "The paper mill has hired {n} workers for its new line, the company said."
    assert across_days(mill.format(n="220"), mill.format(n="260")) == [("220", "260")]


def test_a_standing_figure_in_the_present_perfect_is_no_tally():
    # Seats held, counts admitted to, jobs saved: words of custody or hospital in other senses, and a
    # figure that stands rather than grows; told two ways on two days, they clash.
    assert across_days("The Green party has held 30 seats on the Carrow council since 2010, officials said.",
                       "The Green party held 34 seats on the Carrow council since 2010, officials said.") == [
        ("30", "34")]
    assert across_days("The Carrow treasurer has admitted 3 counts of fraud, his lawyer said.",
                       "The Carrow treasurer admitted 4 counts of fraud, his lawyer said.") == [("3", "4")]
    assert across_days("The buyout has saved 200 jobs at the Carrow mill, the union said.",
                       "The buyout saved 260 jobs at the Carrow mill, the union said.") == [("200", "260")]


SIMILAR = {
    "two figures of two things": (
        ("The council approved $2.4 million for the library roof and $2.1 million for the swimming pool on "
         "Tuesday."),
        ("The swimming pool will get $2.1 million and the library roof $2.4 million, the council decided on "
         "Tuesday.")),
    "two counts of two groups": (
        "Paramedics treated 45 workers for smoke inhalation and 12 firefighters for burns after the fire.",
        "Paramedics treated 12 firefighters for burns, and 45 workers for smoke inhalation, after the fire."),
    "an age against years in a post": (
        "Mara Quill, 47, founded the Pine Street bakery 26 years ago.",
        "Mara Quill founded the Pine Street bakery when she was 21 and has run it for 26 years."),
    "an age against an age at joining": (
        "Judge Elsa Marrow, 64, is retiring after 30 years on the county court.",
        "Judge Elsa Marrow is retiring after 30 years on the county court, which she joined at 34."),
    "a range against its end": (
        ("Between 300 and 400 people came to the memorial on Tuesday. The hearing may run for two to three "
         "weeks."),
        "As many as 400 people came to the memorial on Tuesday. The hearing could run three weeks."),
    "a span against its end year": (
        "Oren Pask served as mayor from 1994 to 2006 and later taught at the college.",
        "Oren Pask, who left the mayor's office in 2006, later taught at the college."),
}


def test_figures_that_only_look_alike_are_no_dispute():
    for name, (a, b) in SIMILAR.items():
        assert find_disagreements([post("a", a), post("b", b)]) == (), name
