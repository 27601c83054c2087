"""Counts of different outcomes or acts are two counts, never one disputed figure.

A reader told "Five people were killed" and "Six people were injured" disagree is told a falsehood; one told
"arrested 40" and "detained 45" disagree is told the truth. Every story here is invented.
"""

from __future__ import annotations

from analysis_fixtures import disputes, post, values

from newsdigest.stories.disagreements import find_disagreements


def test_counts_of_two_classes_of_outcome_are_not_a_dispute():
    for first, second in [
        ("Five people were killed in the blast in Carrow on Monday, police said.",
         "Six people were injured in the blast in Carrow on Monday, police said."),
        ("The blast in Carrow on Monday killed 10 people, police said.",
         "The blast in Carrow on Monday injured 12 people, police said."),
        ("The ministry said 3,000 troops were killed in the offensive.",
         "The ministry said 3,500 troops were wounded in the offensive."),
        ("Police arrested 40 fans after the match in Dunmore.",
         "Police said 55 fans were injured after the match in Dunmore."),
        ("At least 30 people died in the floods in Carrow, officials said.",
         "At least 40 people were evacuated in the floods in Carrow, officials said."),
        ("The landslide in Dunmore left 50 people dead, the governor said.",
         "The landslide in Dunmore left 60 people missing, the governor said."),
        ("The hospital treated 35 patients after the crash in Dunmore.",
         "The hospital admitted 28 patients after the crash in Dunmore."),
        ("The company hired 300 workers at the Carrow plant this year.",
         "The company fired 320 workers at the Carrow plant this year."),
        ("Gunmen kidnapped 30 students from the Dunmore school, officials said.",
         "Gunmen released 24 students from the Dunmore school, officials said."),
        ("The fire in Dunmore destroyed 40 homes overnight, the council said.",
         "The fire in Dunmore damaged 52 homes overnight, the council said."),
        ("Police arrested 60 people after the riot in Carrow on Friday.",
         "Prosecutors charged 45 people after the riot in Carrow on Friday."),
        ("The storm in Carrow left 300 people homeless, officials said.",
         "Crews rescued 250 people in Carrow after the storm, officials said."),
        ("The court convicted 14 men in the Carrow fraud case.",
         "The court acquitted 12 men in the Carrow fraud case."),
        ("Officials said 400 people were infected in the Dunmore outbreak.",
         "Officials said 350 people were vaccinated in the Dunmore outbreak."),
        ("Officials said 400 people were infected in the Dunmore outbreak.",
         "Officials said 350 people have recovered in the Dunmore outbreak."),
        ("The clinic treated 40 people in Carrow after the fire.",
         "The clinic discharged 35 people in Carrow after the fire."),
        ("Police detained 45 migrants at the Carrow border crossing on Friday.",
         "Police deported 52 migrants at the Carrow border crossing on Friday."),
        ("The fire destroyed 40 homes in Dunmore overnight, the council said.",
         "The fire threatened 52 homes in Dunmore overnight, the council said."),
    ]:
        assert disputes(first, second) == [], (first, second)


def test_one_outcome_told_with_two_words_is_still_a_dispute():
    # Outlets name one count with different words of one outcome: the clash is real.
    assert disputes("The storm killed 12 people in Carrow.", "The storm killed 14 people in Carrow.") == [("12", "14")]
    assert disputes("Police arrested 40 protesters in Dunmore on Friday.",
                    "Police detained 45 protesters in Dunmore on Friday.") == [("40", "45")]
    assert disputes("The blast in Carrow on Monday injured 30 people, police said.",
                    "The blast in Carrow on Monday wounded 36 people, police said.") == [("30", "36")]
    assert disputes("Police arrested 40 fans after the match in Dunmore.",
                    "Police said 44 fans were arrested after the match in Dunmore.") == [("40", "44")]
    assert disputes("The landslide in Dunmore killed 50 people, the governor said.",
                    "The landslide in Dunmore left 60 people dead, the governor said.") == [("50", "60")]
    assert disputes("The army captured 300 fighters near Dunmore, officials said.",
                    "The army arrested 360 fighters near Dunmore, officials said.") == [("300", "360")]
    assert disputes("The mill laid off 6,500 workers after the flood in March.",
                    "The mill laid off 7,200 workers after the flood in March.") == [("6,500", "7,200")]
    # Taking people is one outcome whoever takes them: "captured" and "abducted" name one count.
    assert disputes("Rebels captured 20 soldiers near Dunmore on Friday, officials said.",
                    "Rebels abducted 24 soldiers near Dunmore on Friday, officials said.") == [("20", "24")]


def test_a_word_of_two_readings_stays_comparable_with_either():
    # "Freed" is released or rescued; "treated for injuries" counts the treated and the injured alike.
    assert disputes("Troops rescued 20 hostages from the compound near Dunmore on Sunday.",
                    "Troops freed 24 hostages from the compound near Dunmore on Sunday.") == [("20", "24")]
    assert disputes("The militants released 20 hostages in Carrow on Sunday.",
                    "The militants freed 24 hostages in Carrow on Sunday.") == [("20", "24")]
    assert disputes("Medics treated 30 people for injuries after the blast in Carrow, police said.",
                    "Police said 32 people were injured in the blast in Carrow.") == [("30", "32")]
    assert disputes("Medics treated 30 people for injuries after the blast in Carrow, police said.",
                    "Medics treated 36 people after the blast in Carrow, police said.") == [("30", "36")]
    # A capitalised word of the counted phrase is part of a name, not the count's fate.
    assert disputes("The raid in Carrow netted 40 Dead Rabbits members on Friday, police said.",
                    "Police arrested 46 Dead Rabbits members in the raid in Carrow on Friday.") == [("40", "46")]
    # Held in custody or held as seats, trophies, stock: the word is of no class.
    assert disputes("Police held 40 protesters overnight in Dunmore.",
                    "Police arrested 45 protesters in Dunmore overnight.") == [("40", "45")]


def test_two_words_of_one_outcome_are_one_act_for_figures_that_need_one():
    # A figure naming no noun, or one of two names of a count, compares only under one act: two words of
    # one outcome ("injured" / "wounded", "laid off" / "fired") are one act, two outcomes are two.
    quake = "The quake near Dunmore killed 1,240 people and {verb} 3,{n}00, officials said on Sunday."
    assert disputes(quake.format(verb="injured", n=1), quake.format(verb="wounded", n=5)) == [("3,100", "3,500")]
    assert disputes(quake.format(verb="injured", n=1), quake.format(verb="evacuated", n=5)) == []
    assert disputes("The Carrow mill laid off 6,500 workers after the flood in March.",
                    "The Carrow mill fired 7,200 employees after the flood in March.") == [("6,500", "7,200")]
    assert disputes("The Carrow mill laid off 6,500 workers after the flood in March.",
                    "The Carrow mill hired 7,200 employees after the flood in March.") == []


def test_two_verbs_a_version_gives_one_noun_two_figures_under_name_two_counts():
    # "Sent home" is of no class of outcome; the first version itself shows it counts others than "treated".
    a = post("a", "The Carrow clinic treated 35 patients after the crash on Monday. "
                  "Doctors later sent 12 patients home from the Carrow clinic.")
    b = post("b", "Doctors sent 14 patients home from the Carrow clinic after the crash on Monday.")
    c = post("c", "The Carrow clinic sent 15 patients home after the crash on Monday.")
    assert values(find_disagreements([a, c])) == [("12", "15")]  # one act, two figures: a real clash
    b_alone = post("b", "The Carrow clinic sent 40 patients home after the crash on Monday.")
    assert values(find_disagreements([a, b_alone])) == []  # 40 is nearer 35 but counts another act
    assert values(find_disagreements([a, b])) == [("12", "14")]


def test_a_nounless_figure_shares_the_noun_of_its_sentence_as_evidence_of_two_acts():
    # "Killed 5 people and sent 12 home": two acts in one sentence, so another version's figures under
    # those acts are not one count.
    a = post("a", "The blast at the Carrow depot on Monday killed 5 people and sent 12 to hospital, police said.")
    b = post("b", "The blast at the Carrow depot on Monday sent 6 people to hospital, police said.")
    assert values(find_disagreements([a, b])) == []


def test_two_plain_verbs_of_one_version_do_not_split_them_in_another():
    # "Deployed" and "sent" name two counts in the first version, one in the second: neither is an outcome.
    a = post("a", "The army deployed 3,000 troops to the border on Monday. "
                  "The army sent 500 troops on Tuesday as reinforcements.")
    b = post("b", "The army sent 3,400 troops to the border on Monday.")
    assert values(find_disagreements([a, b])) == [("3,000", "3,400")]


def test_one_count_told_twice_in_a_version_is_no_evidence_of_two_acts():
    # "Evacuated 400" and "the 400 ... were taken" are one count: the three versions give one figure three ways.
    a = post("a", "Troops evacuated 400 residents from Carrow on Monday. The 400 residents were taken to a school.")
    b = post("b", "Troops evacuated 460 residents from Carrow on Monday.")
    c = post("c", "Some 520 residents were taken to a school from Carrow on Monday.")
    assert values(find_disagreements([a, b, c])) == [("400", "460", "Some 520")]
