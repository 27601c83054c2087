"""Figures in near-identical sentences that the words around them set apart (an aim and an outcome, two
periods, a verb taken for a measured noun, a total over a weekend), and the noun a figure counts."""

from __future__ import annotations

from analysis_fixtures import disputes


def test_an_aim_is_not_the_outcome():
    assert disputes("Organisers of the Dunmore marathon had expected 5,000 runners this year.",
                    "About 4,200 runners finished the Dunmore marathon this year.") == []
    assert disputes("The Dunmore food bank hoped to raise $50,000 at the gala.",
                    "The Dunmore food bank raised $42,000 at the gala.") == []
    assert disputes("The developer plans to build 300 homes on the Carrow farm site.",
                    "The developer built 240 homes on the Carrow farm site.") == []
    # "Up to" and "close to" hedge an outcome: no verb follows their "to", so nothing is still ahead.
    assert disputes("Organisers of the Dunmore marathon had expected 5,000 runners this year.",
                    "Up to 4,200 runners finished the Dunmore marathon this year.") == []
    assert disputes("Organisers of the Dunmore marathon had expected 5,000 runners this year.",
                    "Close to 4,200 runners finished the Dunmore marathon this year.") == []


def test_a_forecast_or_a_budget_is_not_the_outcome():
    # A forecast stated as a clause ("had forecast that …") and a budget are what was expected or may be
    # spent; the figure of what happened is another quantity.
    assert disputes("Economists had forecast that 180,000 jobs would be added in March.",
                    "The economy added 150,000 jobs in March, the labour office said.") == []
    assert disputes("The Carrow council set a budget of $4.2 million for road repairs this year, its records show.",
                    "The Carrow council has spent $3.8 million on road repairs this year, its records show.") == []
    assert disputes("The Carrow council approved a $4.2 million budget for road repairs this year.",
                    "The Carrow council has spent $3.8 million on road repairs this year, its records show.") == []
    # Two forecasts, or a budget stated two ways, are one quantity: a dispute.
    assert disputes("Economists had forecast that 180,000 jobs would be added in March.",
                    "Economists had predicted 150,000 new jobs in March.") == [("150,000", "180,000")]
    assert disputes("The Carrow council set a budget of $4.2 million for road repairs this year.",
                    "The Carrow council approved a $4.8 million budget for road repairs this year.") == [
        ("$4.2 million", "$4.8 million")]


def test_a_budget_stated_two_ways_is_one_quantity():
    # A budget is an aim only against what was spent; against another statement of the budget, against a
    # budget cut to a figure or a cut of the budget, it is the same quantity and a dispute.
    for first, second in [
        ("The council's budget for road repairs is $4.2 million.",
         "The council approved a $4.5 million budget for road repairs."),
        ("The road repair budget totals $4.2 million, the council said.",
         "The council approved a budget of $4.5 million for road repairs."),
        ("The council cut its road budget to $4.2 million.", "The council's road spending now stands at $4.5 million."),
        ("The council approved a $4.2 million budget cut for schools.",
         "The council cut $4.5 million from the schools budget."),
    ]:
        assert disputes(first, second) == [("$4.2 million", "$4.5 million")], (first, second)
    assert disputes("The council budgeted $4.2 million for road repairs.",
                    "The council has spent $3.8 million on road repairs.") == []


def test_a_forecast_before_or_after_the_figure_is_an_aim():
    # "Are forecast" after the figure frames it as "forecast" before it does; a forecast stated as a noun
    # ("the consensus forecast was") is a forecast too, so two forecasts clash.
    result = "The economy added 150,000 jobs in March, the labour office said."
    for first, second, expected in [
        ("Some 180,000 jobs were forecast for March.", result, []),
        ("Economists predict 180,000 new jobs in March.", result, []),
        ("Economists had forecast 180,000 new jobs in March.",
         "The economists' consensus forecast was 190,000 new jobs in March.", [("180,000", "190,000")]),
        ("Forecasters predict 10 inches of snow in Carrow.", "Some 14 inches of snow are forecast in Carrow.",
         [("10", "Some 14")]),
    ]:
        assert disputes(first, second) == expected, (first, second)


def test_a_participle_describing_the_thing_frames_no_aim():
    # "The planned 300 homes" are the homes of the plan another version gives as 240.
    assert disputes("The planned 300 homes on the Carrow farm site won approval from the council on Tuesday.",
                    "The 240 homes on the Carrow farm site won approval from the council on Tuesday.") == [
        ("240", "300")]


def test_two_aims_or_an_aim_and_a_plan_ahead_stay_one_quantity():
    # Two outlets giving one target two ways disagree.
    assert disputes("The Dunmore food bank hoped to raise $50,000 at the gala.",
                    "The Dunmore food bank hoped to raise $40,000 at the gala.") == [("$40,000", "$50,000")]
    # "Plans $3.1 billion of work" and "will spend $2.1 billion" may be one sum: both still ahead.
    assert disputes("The dock authority will spend $2.1 billion on the new quay for cruise ships.",
                    "The port plans $3.1 billion of work, a quay among it, its officials said.") == [
        ("$2.1 billion", "$3.1 billion")]


def test_clauses_naming_two_periods_tell_two_quantities():
    assert disputes("The Harlan campaign raised $2.1 million in the first quarter, its filing showed.",
                    "The Harlan campaign raised $2.6 million in the second quarter, its filing showed.") == []
    assert disputes("The Carrow plant made 12,000 cars in 2024, the company said.",
                    "The Carrow plant made 14,000 cars in 2025, the company said.") == []
    assert disputes("Before the merger the Harlan bank employed 9,000 people.",
                    "After the merger the Harlan bank employs 7,500 people.") == []


def test_the_same_sentence_with_one_number_changed_is_a_dispute():
    # One period named in both, or in one only: the figures are of one quantity.
    assert disputes("The Harlan campaign raised $2.1 million in the first quarter, its filing showed.",
                    "The Harlan campaign raised $2.6 million in the first quarter, its filing showed.") == [
        ("$2.1 million", "$2.6 million")]
    assert disputes("The Carrow plant made 12,000 cars in 2024, the company said.",
                    "The Carrow plant made 14,000 cars, the company said.") == [("12,000", "14,000")]
    # Labels of two kinds may name one period: a year and the strike's week.
    assert disputes("In 2025 the Carrow dock strike kept 12,000 workers at home.",
                    "In its third week, the Carrow dock strike kept 14,000 workers at home.") == [("12,000", "14,000")]


def test_a_date_that_qualifies_another_word_sets_no_period():
    # The years say when the bakery opened and was sold; "after" and "before" say when the van broke down.
    assert disputes("The Dunmore bakery, which opened in 1987, baked 600 loaves for the fair.",
                    "The Dunmore bakery, sold to its staff in 2011, baked 800 loaves for the fair.") == [
        ("600", "800")]
    assert disputes("The van, which broke down after leaving the depot, was carrying 30 crates of apples.",
                    "The van was carrying 35 crates of apples when it broke down before reaching the market.") == [
        ("30", "35")]
    assert disputes("The van was carrying 30 crates of apples when it broke down after the hailstorm.",
                    "The van was carrying 35 crates of apples when it broke down before the hailstorm.") == [
        ("30", "35")]


def test_a_verb_before_a_figure_is_not_what_it_measures():
    # "includes 14 men" / "includes 11 women": men and women are counted, not "includes".
    assert disputes("The squad of 23 players includes 14 men who played at the last tournament.",
                    "The squad of 23 players includes 11 women who played at the last tournament.") == []


def test_a_total_over_a_weekend_is_not_one_night_s():
    assert disputes("Police said 40 people were arrested on Friday night around the Dunmore derby.",
                    "Police said 52 people were arrested over the weekend around the Dunmore derby.") == []


def test_a_comma_ends_the_counted_noun():
    # "wounded 40, police said" counts no police: its 40 is the 45 people of the other version, told otherwise.
    assert disputes("The blast in Dunmore killed 12 people and wounded 40, police said.",
                    "The blast in Dunmore wounded 45 people and killed 12, police said.") == [("40", "45")]


def test_figures_naming_no_noun_count_what_their_verb_says():
    # Both name no noun: "treated 30" and "42 were evacuated" count two groups of people.
    assert disputes("Firefighters pulled 14 residents from the burning flats and treated 30, officials said.",
                    "Firefighters pulled 14 residents from the burning flats; 42 were evacuated, officials said.") == []
    assert disputes("Firefighters pulled 14 residents from the burning flats, and 30 were treated, officials said.",
                    "Firefighters pulled 14 residents from the burning flats, and 42 were evacuated, officials said.") == []
    # The same verb names the same group: a dispute.
    assert disputes("Firefighters pulled 14 residents from the burning flats and treated 30, officials said.",
                    "Firefighters pulled 14 residents from the burning flats and treated 36, officials said.") == [
        ("30", "36")]


def test_sums_spent_on_two_things_are_two_sums():
    assert disputes("The borough spent $6.1 million on bridge painting last year, its accounts show.",
                    "The borough spent $5.3 million on library books last year, its accounts show.") == []
    assert disputes("The borough spent $6.1 million on bridge painting last year, its accounts show.",
                    "The borough spent $5.3 million on painting its bridges last year, its accounts show.") == [
        ("$5.3 million", "$6.1 million")]


def test_a_verb_read_after_a_semicolon_dash_or_quote():
    # After ';' or '—' the verb behind the figure still names the group: the same verb, one group, a dispute.
    assert disputes("Police held 31 fans after the Carrow derby and charged 12, a spokesman said.",
                    "Police held 31 fans after the Carrow derby; 15 were charged, a spokesman said.") == [("12", "15")]
    assert disputes("Police held 31 fans after the Carrow derby and charged 12, a spokesman said.",
                    "Police held 31 fans after the Carrow derby — 15 were charged, a spokesman said.") == [("12", "15")]


def test_one_verb_before_or_after_a_nounless_figure_names_one_group():
    assert disputes("Firefighters pulled 14 residents from the burning flats and treated 30, officials said.",
                    "Firefighters pulled 14 residents from the burning flats, and 36 were treated, officials said.") == [
        ("30", "36")]
    assert disputes("Firefighters pulled 14 residents from the burning flats, and 30 were treated, officials said.",
                    "Firefighters pulled 14 residents from the burning flats, and 36 were treated, officials said.") == [
        ("30", "36")]


def test_a_figure_whose_noun_was_cut_off_borrows_none():
    # A boxer's record before a bout and after it: "19 KO's," names knockouts, though the comma cut the noun
    # after the possessive off; it is not read as a nounless figure counting the other version's KOs.
    assert disputes("Ana Vell (24-1, 18 KOs) earned $250,000 for the bout against Mira Holt at the Carrow arena.",
                    "Ana Vell (25-1, 19 KO's, 1 draw) earned $250,000 for the bout against Mira Holt at the Carrow "
                    "arena.") == []


def test_a_rise_to_a_figure_is_an_outcome_not_a_plan():
    # "grew to about 4,200": the "to" is followed by a hedge, not a verb, so nothing is still ahead.
    assert disputes("Organisers of the Dunmore marathon had expected 5,000 runners this year.",
                    "The field of the Dunmore marathon grew to about 4,200 runners this year.") == []


def test_during_and_for_name_periods_too():
    assert disputes("The Harlan campaign raised $2.1 million during the first quarter, its filing showed.",
                    "The Harlan campaign raised $2.6 million during the second quarter, its filing showed.") == []
    assert disputes("The Carrow plant budgeted $12 million for the first phase, the company said.",
                    "The Carrow plant budgeted $14 million for the second phase, the company said.") == []


def test_a_range_is_as_far_from_a_figure_as_its_nearer_end():
    # 55 is beyond "between 30 and 40" by less than a ratio of 1.5 to the range's end, though 55/35 is more.
    slide = "The landslide destroyed {n} homes in the hamlet of Carrow, officials said."
    assert disputes(slide.format(n="between 30 and 40"), slide.format(n="55")) == [("30 and 40", "55")]
    assert disputes(slide.format(n="between 30 and 40"), slide.format(n="40")) == []
    assert disputes(slide.format(n="between 30 and 40"), slide.format(n="75")) == []


def test_a_verb_of_saying_before_a_nounless_figure_is_not_what_it_counts():
    # "Said 30 were questioned" counts the questioned: the participle after the figure names the group, not
    # "said" (neither verb is of a class of outcome, so only the verb tells the two groups apart).
    assert disputes("Police raided 14 flats in Carrow on Friday; officials said 30 were questioned.",
                    "Police raided 14 flats in Carrow on Friday; officials said 42 were searched.") == []
    assert disputes("Firefighters pulled 14 residents from the burning flats; officials said 30 were treated.",
                    "Firefighters pulled 14 residents from the burning flats; officials said 36 were treated.") == [
        ("30", "36")]


def test_one_place_named_two_ways_leaves_one_quantity():
    # Two names of one place share no word ("at Orla Plaza" / "in Dunsby", "in the Tesk Federation" / "in the
    # TF"); no rule tells them from two places, so figures are never set apart by the place names after them.
    for first, second in [
        ("The collapse killed 42 workers at Orla Plaza, officials said.",
         "The collapse killed 45 workers in Dunsby, officials said."),
        ("The recall covers 1.2 million cars in the Tesk Federation, the company said.",
         "The recall covers 1.5 million cars in the TF, the company said."),
        ("The carmaker will cut 3,000 jobs at Carrow Motors plants, it said.",
         "The carmaker will cut 3,500 jobs at CM plants, it said."),
        ("The storm destroyed 1,200 homes in Kessel County, officials said.",
         "The storm destroyed 1,400 homes in the northern hills, officials said."),
    ]:
        assert len(disputes(first, second)) == 1, (first, second)
