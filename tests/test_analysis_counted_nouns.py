"""Which counted nouns of two versions name one count: a body's members against its vehicles, and a verb
before the figure that is no noun."""

from __future__ import annotations

from analysis_fixtures import disputes


def test_a_body_and_its_vehicles_are_two_counts():
    # "Police" counts officers; "police vans" counts vans: the body names the kind, the last noun what is counted.
    assert disputes("The mayor deployed 40 police at the Orrin fairground on Sunday.",
                    "The mayor deployed 35 police vans at the Orrin fairground on Sunday.") == []
    assert disputes("The mayor deployed 40 police officers at the Orrin fairground on Sunday.",
                    "The mayor deployed 35 police vans at the Orrin fairground on Sunday.") == []


def test_a_body_and_its_members_are_one_count():
    # "Police officers" and "staff members" are the body's members: one count with "police" and "staff".
    assert disputes("The mayor deployed 40 police officers at the Orrin fairground on Sunday.",
                    "The mayor deployed 46 police at the Orrin fairground on Sunday.") == [("40", "46")]
    assert disputes("The clinic hired 40 staff members for the Orrin ward this spring.",
                    "The clinic hired 46 staff for the Orrin ward this spring.") == [("40", "46")]


def test_only_a_lower_case_plural_after_the_body_names_its_kind():
    # A name ("Brennick") or a word in -ss/-us ("plus") after the body is no noun it qualifies.
    assert disputes("Officials said 40 police Brennick had called reached the Orrin fairground on Sunday.",
                    "Officials said 46 police reached the Orrin fairground on Sunday.") == [("40", "46")]
    assert disputes("The clinic hired 40 staff plus volunteers for the Orrin ward this spring.",
                    "The clinic hired 46 staff for the Orrin ward this spring.") == [("40", "46")]


def test_an_irregular_verb_before_the_figures_is_no_noun_they_share():
    # "Sold" stands before both figures: it does not make trucks and vans one count.
    assert disputes("The dealer sold 40 trucks at the Orrin fairground on Sunday.",
                    "The dealer sold 35 vans at the Orrin fairground on Sunday.") == []
