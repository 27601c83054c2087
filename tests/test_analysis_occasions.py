"""Days of two occasions are not a disagreement: a later meeting, a second arrest."""

from __future__ import annotations

from analysis_fixtures import on, post, values

from newsdigest.stories.disagreements import find_disagreements

MEETING = "The Marlow town council met on {day} to {verb} the budget for the harbour schools."


def test_a_version_is_not_contradicted_by_a_day_after_it_was_published():
    # Published Tuesday 7 April: its Monday is the 6th. Published Friday 10 April: its Thursday is the 9th,
    # a meeting the earlier version could not report.
    earlier = post("a", MEETING.format(day="Monday", verb="discuss"), published=on(7))
    later = post("b", MEETING.format(day="Thursday", verb="approve"), published=on(10))
    assert find_disagreements([earlier, later]) == ()
    # A meeting reported on the day it was held is as past as one of the day before.
    today = post("a", MEETING.format(day="Tuesday", verb="discuss"), published=on(7))
    assert find_disagreements([today, later]) == ()
    # Both published on the Friday, the two versions tell one past week: the days clash.
    same_day = post("a", earlier.body, published=on(10))
    assert values(find_disagreements([same_day, later])) == [("Monday", "Thursday")]


def test_days_both_still_ahead_of_a_version_stay_comparable():
    a = post("a", "The Marlow special-election primary will be held on April 30, officials said.", published=on(7))
    b = post("b", "The Marlow special-election primary will be held on May 14, officials said.", published=on(8))
    assert values(find_disagreements([a, b])) == [("April 30", "May 14")]


ARREST = "Police arrested {who} on {day} over the shooting outside the Copper Kettle club in Dunmore."


def test_a_marker_of_another_occurrence_makes_two_occasions():
    first = post("a", ARREST.format(who="a man", day="Monday"), published=on(8))
    for who in ("a second man", "another man", "a third suspect", "a man again"):
        other = post("b", ARREST.format(who=who, day="Tuesday"), published=on(8))
        assert find_disagreements([first, other]) == (), who
    # Without the marker, one arrest told with two days is a disagreement.
    plain = post("b", ARREST.format(who="a man", day="Tuesday"), published=on(8))
    assert values(find_disagreements([first, plain])) == [("Monday", "Tuesday")]
    # An ordinal that only ranks something ("the second-largest club") marks no other occurrence.
    ranked = post("b", "Police arrested a man on Tuesday over the shooting outside the Copper Kettle, the "
                       "second-largest club in Dunmore.", published=on(8))
    assert values(find_disagreements([first, ranked])) == [("Monday", "Tuesday")]


def test_the_same_marker_in_both_versions_names_one_further_occasion():
    # Both versions report the second arrest: its day, told two ways, is a disagreement.
    a = post("a", ARREST.format(who="a second man", day="Monday"), published=on(8))
    b = post("b", ARREST.format(who="a second man", day="Tuesday"), published=on(8))
    assert values(find_disagreements([a, b])) == [("Monday", "Tuesday")]
    # "A second" against "a third" are two further arrests.
    c = post("b", ARREST.format(who="a third man", day="Tuesday"), published=on(8))
    assert find_disagreements([a, c]) == ()
