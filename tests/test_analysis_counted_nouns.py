"""Which counted nouns of two versions name one count: a body's members against its vehicles, a verb
before the figure that is no noun, two names of one count under two verbs, a noun counted in many places."""

from __future__ import annotations

from analysis_fixtures import disputes, post

from newsdigest.stories.disagreements import find_disagreements


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


def test_members_of_a_named_body_count_the_body():
    # "Faculty members" are the faculty: one count, whatever else each version names the body by.
    assert disputes("A letter signed by nearly 90 faculty members at Orrin College criticised the speaker.",
                    "Nearly 110 Orrin College faculty signed a letter criticising the speaker.") == [
        ("Nearly 110", "nearly 90")]
    # The members of unions are not the unions, nor is a group of young people a body with members.
    assert disputes("The strike was backed by 40 union members at the Orrin plant on Monday.",
                    "The strike was backed by 46 unions at the Orrin plant on Monday.") == []


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


def test_two_names_of_one_count_under_one_verb_are_one_count():
    # Each group of names of one count, told under one verb: one count given two figures.
    for first, second in [
        ("The Carrow hospital hired 300 staffers this spring.", "The Carrow hospital hired 360 workers this spring."),
        ("The army sent 3,000 troops to the Carrow border on Tuesday, officials said.",
         "The army sent 3,600 soldiers to the Carrow border on Tuesday, officials said."),
        ("The ministry recorded 120 deaths on Carrow roads last year.",
         "The ministry recorded 140 fatalities on Carrow roads last year."),
        ("The storm destroyed 40 homes in Dunmore, the council said.",
         "The storm destroyed 55 houses in Dunmore, the council said."),
        ("The Dunmore clinic vaccinated 300 children on Saturday.", "The Dunmore clinic vaccinated 360 kids on Saturday."),
        ("The Carrow assembly suspended 12 lawmakers over the vote on Tuesday.",
         "The Carrow assembly suspended 15 legislators over the vote on Tuesday."),
        ("The export grant helped 600 firms in Dunmore last year.",
         "The export grant helped 450 companies in Dunmore last year."),
        ("The Dunmore school expelled 30 pupils after the exam scandal.",
         "The Dunmore school expelled 36 students after the exam scandal."),
        ("Some 60 firefighters tackled the blaze at the Carrow mill overnight.",
         "Some 75 firemen tackled the blaze at the Carrow mill overnight."),
    ]:
        assert len(disputes(first, second)) == 1, (first, second)


def test_two_names_of_one_count_under_two_verbs_are_two_counts():
    # Said of two acts, or of one act and a standing total, the two names count two things.
    for first, second in [
        ("The Carrow plant employs 2,300 workers, the company said on Monday.",
         "About 2,000 employees walked out of the Carrow plant on Monday, the company said."),
        ("The army sent 3,000 troops to the border region on Tuesday, officials said.",
         "The army has 3,400 soldiers stationed in the border region, officials said on Tuesday."),
        ("The storm destroyed 40 homes in Dunmore, the council said.",
         "The storm damaged 55 houses in Dunmore, the council said."),
        ("Some 600 firms in Dunmore applied for the export grant.",
         "The export grant went to 450 companies in Dunmore."),
        ("The Dunmore school has 900 students enrolled, the head teacher said.",
         "About 750 pupils sat the exam at the Dunmore school, the head teacher said."),
        ("The bill was backed by 210 lawmakers in the lower house on Tuesday.",
         "The bill was opposed by 190 legislators in the lower house on Tuesday."),
        ("About 3,800 employees of the Carrow council were sent home during the snowstorm.",
         "Some 4,200 workers kept the Carrow council running during the snowstorm."),
        ("The rebels freed 25 children from the Dunmore camp on Sunday.",
         "The Dunmore camp held 30 kids when the rebels arrived on Sunday."),
        ("Sixty firefighters tackled the blaze at the Carrow mill overnight.",
         "The Carrow fire station has 70 firemen on its roll."),
        ("The strike at the Carrow plant involved 1,200 workers, the union said.",
         "The Carrow plant laid off 1,000 employees last year, the union said."),
        ("The ministry said 3,000 troops were killed in the offensive.",
         "The ministry said 3,500 soldiers were wounded in the offensive."),
        # A third figure both sentences state says they report one set of facts, not that the two names,
        # under two verbs, count one group: those who worked unpaid and those sent home are two.
        ("During the 12-day strike, 4,300 mill employees kept working, the union said.",
         "During the 12-day strike, 3,700 mill workers stayed off the job, the union said."),
    ]:
        assert disputes(first, second) == [], (first, second)


def test_a_shared_place_does_not_single_out_one_of_a_crowded_nouns_counts():
    # A story that counts troops in many places: "1,800 troops in Varn" and "1,200 troops out of Varn" may
    # be the force and the part withdrawn, so the noun and the place alone do not make them one count.
    a = post("a", "The republic has 1,800 troops in Varn. It has 9,000 troops in Orrin and 21,000 troops "
                  "in Tesk. A further 4,000 troops are in Carrow.")
    b = post("b", "The president ordered 1,200 troops out of Varn by spring, officials said.")
    assert find_disagreements([a, b]) == ()
