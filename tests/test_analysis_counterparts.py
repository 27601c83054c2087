"""Which figures of two versions state one fact: the disputes a reader should see, and the look-alikes not.

Fixtures are written here: short reports of made-up events, one sentence or two per version.
"""

from __future__ import annotations

from datetime import date, timedelta

from analysis_fixtures import DAY, disputes, post, values

from newsdigest.model import Post
from newsdigest.stories.disagreements import _names_its_measure, find_disagreements
from newsdigest.stories.numbers import find_dates, find_mentions

# --- reading figures -------------------------------------------------------------------------------


def test_figures_written_with_a_spaced_thousands_comma_or_a_quote_mark_before_the_scale():
    [people] = [m for m in find_mentions("A flood drove 84, 000 people from 9 towns.", 0) if m.head == "peopl"]
    assert people.value == 84_000
    [asked] = find_mentions("“Our last offer was €12” million, the chairman said.", 0)
    assert asked.value == 12e6


def test_records_seasons_and_verbs_are_not_counted_things():
    assert find_mentions("He coached through the 2011-12 season.", 0) == []
    # "stranded" is no noun: nothing says what 11 counts, so it is compared only where a sentence anchors it.
    assert [m.head for m in find_mentions("Four were hurt and 11 stranded on the ridge.", 0)] == [""]
    [year] = find_mentions("Arrests peaked in the 2000 fiscal year.", 0)
    assert year.dimension == "year"  # a year named for what it is, not 2,000 years
    [height, weight] = find_mentions("The 6-foot-6, 240-pound centre scored.", 0)
    assert height.figure == "6-foot-6" and height.value == 6.5 and weight.value == 240


def test_an_estimate_between_two_figures_is_one_figure():
    [members] = find_mentions("In a club with 20 or 30 members, anyone can walk in.", 0)
    assert (members.low, members.high, members.head) == (20, 30, "member")
    [span_start, span_end] = find_mentions("He served from 1971 to 1983.", 0)  # a span: two facts, its ends
    assert (span_start.value, span_end.value) == (1971, 1983)


def test_a_part_of_a_month_is_a_third_of_it():
    [mid] = find_dates("The parties will hold their primaries in mid May.", 0)
    [day] = find_dates("The primary would be held on April 30.", 0)
    assert mid.figure == "mid May" and mid.low > day.high


# --- pairing figures of one fact -------------------------------------------------------------------------


def test_the_words_nearest_a_figure_say_which_it_is():
    # One short sentence, two sums: "$44 million" is nearer $47 million, but "quay wall" is next to $40 million.
    a = post("a", "The port spent $44 million dredging the channel and $40 million on its quay wall.")
    b = post("b", "Its quay wall cost the port $47 million.")
    assert values(find_disagreements([a, b])) == [("$40 million", "$47 million")]


def test_a_figure_pairs_with_its_second_best_counterpart_when_the_best_is_taken():
    # a's "$2.6 billion" fits b's "$2.5 billion" best, but that one is the "$2.5 billion" a also gives: taken by
    # it, it leaves b's "$3.6 billion" to the "$2.6 billion".
    a = post("a", "The ministry will divert $2.6 billion from harbour construction projects to the sea wall.\n\n"
                  "It will also take $2.5 billion from harbour construction projects for the quay.")
    b = post("b", "The ministry will use about $3.6 billion and another $2.5 billion from harbour construction "
                  "projects for the sea wall and the quay.")
    assert values(find_disagreements([a, b])) == [("$2.6 billion", "about $3.6 billion")]


def test_a_garbled_figure_is_disputed_by_every_version_giving_the_plain_one():
    # a's excerpt garbles its own body's "26 Western allies" into "26 dozen countries". The countries are the
    # Kremlin's no more than the allies are the French president's: nobody's figure, so nothing tells them apart.
    a = Post(id="a", title="Kremlin rejects troops", source="sources/a.md", published=DAY,
             excerpt="The Kremlin's refusal comes after 26 dozen countries pledged to deploy troops.",
             body="It follows a pledge by the French president that 26 Western allies had formally committed to "
                  "deploying troops by land, sea or air.")
    b = post("b", "The remarks came after the French president announced that 26 Western allies had formally "
                  "committed to supporting Ukraine with troops by land, sea or air.")
    c = post("c", "The French president stated that 26 of Ukraine's allies have formally committed to deploying "
                  "troops by land, sea, or air.")
    [dispute] = find_disagreements([a, b, c])
    assert sorted((c.post_id, c.value) for c in dispute.claims) == [("a", "26 dozen"), ("b", "26"), ("c", "26")]


def test_a_version_whose_excerpt_and_body_differ_is_listed_on_one_side_only():
    # a's excerpt says "18 dozen" harbour cranes, its body "18"; b gives "18" as well. a is listed once, with the
    # value only it gives. With c giving both values too, no version is listed twice either.
    a = Post(id="a", title="Port orders cranes", source="sources/a.md", published=DAY,
             excerpt="The port authority of Varnholm has ordered 18 dozen harbour cranes for its new quay.",
             body="The port authority of Varnholm has ordered 18 harbour cranes for the new quay on the river.")
    b = post("b", "Officials in Varnholm said the port authority ordered 18 harbour cranes for the new quay.")
    [dispute] = find_disagreements([a, b])
    assert sorted((c.post_id, c.value) for c in dispute.claims) == [("a", "18 dozen"), ("b", "18")]
    c = Post(id="c", title="Cranes for Varnholm", source="sources/c.md", published=DAY,
             excerpt="Varnholm's port authority ordered 18 dozen harbour cranes for the new quay.",
             body="Varnholm's port authority has ordered 18 harbour cranes for its new quay, officials said.")
    for dispute in find_disagreements([a, b, c]):
        listed = [claim.post_id for claim in dispute.claims]
        assert len(listed) == len(set(listed))


def test_a_fact_is_stated_at_most_once_per_version():
    # a gives the whole fee and the part paid on signing; b's figure fits the part and c's the whole, and c's
    # is listed once: joining a's "52 million" to the dispute would list a twice.
    a = post("a", "United agreed a fee of 52 million pounds for the Dutch winger.\n\nThe club will pay 44 million "
                  "pounds when the deal is signed, and the rest in instalments.")
    b = post("b", "Club sources said United will pay 44 million pounds for the Dutch winger Ruud Klaver.")
    c = post("c", "Club sources said United will pay around 57 million pounds for the Dutch winger Ruud Klaver.")
    assert values(find_disagreements([a, b, c])) == [("44 million pounds", "44 million pounds",
                                                      "around 57 million pounds")]


def test_a_clashing_pair_grouping_kept_apart_joins_the_dispute_of_its_shared_figure():
    # b's 38 million fits a's ceiling of 40, so grouping cannot also join it to a's 43 million and c's 50; it
    # still clashes with c's 50, which is listed once: one dispute of three values.
    a = post("a", "The county may also draw on its road maintenance budget, some 43 million euros in all.\n\n"
                  "Planners said the county can move up to 40 million euros to the bypass.")
    b = post("b", "Planners said the county can move 38 million euros from road maintenance works to the bypass.")
    c = post("c", "The county will use 50 million euros from its road maintenance budget to build the bypass.")
    [dispute] = find_disagreements([a, b, c])
    assert [(claim.post_id, claim.value) for claim in dispute.claims] == [
        ("a", "some 43 million euros"), ("b", "38 million euros"), ("c", "50 million euros")]


def test_a_pair_grouping_kept_apart_needs_figures_that_say_what_they_measure():
    # A bare count borrows its noun from a sentence it shares a figure with: "11" is stranded hikers only
    # because "four were hurt" says so, and it is not set against a figure grouping kept from it.
    said = {m.text: _names_its_measure(m) for m in find_mentions(
        "Four were hurt and 11 stranded on the ridge, where 12 hikers had paid 400 euros each for a three-day "
        "trek.", 0)}
    assert said == {"11": False, "12 hikers": True, "400 euros": True, "three-day trek": True}


def test_a_figure_that_names_nothing_counts_what_its_counterpart_counts_in_a_sentence_of_the_same_facts():
    a = post("a", "Border apprehensions have fallen to 310,000 in the last fiscal year from a peak of 1.3 million "
                  "in 2000.")
    b = post("b", "There were roughly 420,000 arrests at the border last year, about a third of the 1.3 million "
                  "arrests in 2000.")
    assert values(find_disagreements([a, b])) == [("310,000", "roughly 420,000")]
    # In long sentences, the shared "1.3 million" is what makes them alike enough.
    long_a = post("a", "Border apprehensions have fallen in recent years as the harbour police were cut, to 310,000 "
                       "in the last fiscal year from a peak of 1.3 million in the 2000 fiscal year, the ministry "
                       "said in its annual report.")
    long_b = post("b", "There were roughly 420,000 arrests for unauthorised border crossings last year, which is "
                       "about one third of the 1.3 million arrests that happened in 2000.")
    assert values(find_disagreements([long_a, long_b])) == [("310,000", "roughly 420,000")]
    # Without the shared "1.3 million", "310,000" says nothing of what it counts.
    lone = post("a", "Border apprehensions have fallen to 310,000 in the last fiscal year.")
    assert find_disagreements([lone, b]) == ()


def test_a_year_both_sentences_give_does_not_say_what_a_nounless_figure_counts():
    # A year is a label many statements share: "reached 1.2 million in 2019" may be sales, not cars made.
    for first, second in [
        ("Sales at the Carrow plant reached 1.2 million in 2019, the company said.",
         "The Carrow plant made 1.4 million cars in 2019, the company said."),
        ("Dunmore's population grew to 120,000 in 2010, the census showed.",
         "Dunmore had 140,000 jobs in 2010, the census showed."),
        ("Turnout in the Dunmore race was 48,000 in 2016, officials said.",
         "The party won 52,000 votes in the Dunmore race in 2016, officials said."),
        ("Attendance at the Dunmore fair reached 30,000 in 2021, organisers said.",
         "The Dunmore fair sold 25,000 tickets in 2021, organisers said."),
        ("The Carrow hospital saw 12,000 in 2022, its annual report said.",
         "The Carrow hospital admitted 14,000 patients in 2022, its annual report said."),
    ]:
        assert disputes(first, second) == [], (first, second)


def test_a_year_stated_two_ways_in_the_same_words_but_not_years_of_two_events():
    a = post("a", "The governor's second and final term officially ends in 2031.")
    b = post("b", "The governor hinted on Tuesday that he may resign before his term ends in 2030, telling a "
                  "local radio station that he was looking at all options.")
    assert values(find_disagreements([a, b])) == [("2030", "2031")]
    c = post("c", "The admiral commanded the fleet in the 1991 blockade before he led the academy.")
    d = post("d", "The admiral led the academy from 2005 to 2008 before he commanded the fleet.")
    assert find_disagreements([c, d]) == ()


def test_the_two_ends_of_a_span_are_one_dispute():
    a = post("a", "She will become the second senator from the state after Ann Roe, who served from 1971 to 1983.")
    b = post("b", "She will be the first senator from the state since Ann Roe held the seat from 1970 to 1982.")
    [dispute] = find_disagreements([a, b])
    assert values([dispute]) == [("1970 to 1982", "1971 to 1983")]
    assert all(c.value in c.sentence for c in dispute.claims)


# --- figures that only look alike ---------------------------------------------------------------------------


def test_figures_credited_to_different_people_are_two_facts():
    actors = "After the vote, Okafor and Lindqvist spoke."
    a = post("a", f"Okafor said he had the 41 votes needed to block the harbour bill in the council. {actors}")
    b = post("b", f"Lindqvist needs 60 votes in the council to pass the harbour bill. {actors}")
    assert find_disagreements([a, b]) == ()
    # "The party" of Lindqvist's own sentence is hers; countries that "pledged" in a clause of their own are nobody's.
    d = post("d", f"After the vote, Lindqvist conceded: the party effectively has only 51 votes in the council. "
                  f"{actors}")
    assert find_disagreements([a, d]) == ()
    # Credited to one person, the same two figures do clash.
    c = post("c", f"Okafor said he had 50 votes needed to block the harbour bill in the council. {actors}")
    assert values(find_disagreements([a, c])) == [("41", "50")]


def test_a_record_in_parentheses_belongs_to_the_name_before_it():
    a = post("a", "Varga (52-3, 46 KOs) stopped Osei (45-7-2, 36 KOs) in the seventh round.")
    b = post("b", "Last year Lindgren (45-1, 33 KOs) fought Varga in the seventh round of a bout.")
    assert find_disagreements([a, b]) == ()


def test_different_kinds_of_one_noun_are_two_quantities():
    a = post("a", "Moreau has 189 rushing yards in his last two games for the Harriers.")
    b = post("b", "Moreau has 176 receiving yards in his last two games for the Harriers.")
    assert find_disagreements([a, b]) == ()
    c = post("c", "Moreau has 176 rushing yards in his last two games for the Harriers.")
    assert values(find_disagreements([a, c])) == [("176", "189")]
    d = post("d", "He bought $7,240.80 worth of bicycles with campaign money, prosecutors said.")
    e = post("e", "He bought $6,915.40 worth of furniture with campaign money, prosecutors said.")
    assert find_disagreements([d, e]) == ()


def test_those_eligible_to_act_are_not_those_who_did():
    # One noun counts two groups: the members entitled to vote and those who voted.
    a = post("a", "Tellers counted 41,200 members voting in the dockers' union strike ballot, the union said.")
    b = post("b", "The union said 46,800 members were eligible for the dockers' strike ballot.")
    c = post("c", "The dockers' strike ballot had 46,800 eligible members, and tellers counted fewer than nine in ten.")
    assert find_disagreements([a, b]) == () and find_disagreements([a, c]) == ()
    d = post("d", "Tellers counted 43,900 members voting in the dockers' union strike ballot, the union said.")
    assert values(find_disagreements([a, d])) == [("41,200", "43,900")]


def test_those_able_or_allowed_to_act_are_those_who_did():
    # "were able to climb out" counts the miners who climbed out: a clash with another count of them.
    a = post("a", "Rescuers said 12 miners were able to climb out through the old air shaft at Brennor pit.")
    b = post("b", "Rescuers said 15 miners climbed out through the old air shaft at Brennor pit.")
    assert values(find_disagreements([a, b])) == [("12", "15")]
    c = post("c", "Port staff said 300 passengers were allowed to leave the stranded ferry at Odby on Friday.")
    d = post("d", "Port staff said 340 passengers left the stranded ferry at Odby on Friday.")
    assert values(find_disagreements([c, d])) == [("300", "340")]


def test_a_sentence_carrying_the_other_numeral_measures_something_else():
    a = post("a", "The champion improved to 47-2 with 39 wins coming by way of knockout.")
    b = post("b", "The champion improved to a career record of 47 wins and two defeats.")
    assert find_disagreements([a, b]) == ()


def test_two_sentences_differing_in_two_measures_tell_of_two_games():
    a = post("a", "Brandt finished with 25 points and 16 rebounds in the win over the Comets.")
    b = post("b", "Brandt finished with 22 points and nine rebounds in the win over the Comets.")
    assert find_disagreements([a, b]) == ()
    c = post("c", "Brandt finished with 22 points and 16 rebounds in the win over the Comets.")
    assert values(find_disagreements([a, c])) == [("22", "25")]


def test_ranges_and_conversions_allow_what_they_say():
    a = post("a", "As many as 22 to 27 volunteer firefighters came to fight the fire at the mill.")
    b = post("b", "As many as 18 to 27 volunteer firefighters came to fight the fire at the mill.")
    assert find_disagreements([a, b]) == ()
    c = post("c", "The depot lies less than 40 km (25 miles) from the coast to the west.")
    d = post("d", "The depot lies only 20 miles from the coast to the west.")
    assert find_disagreements([c, d]) == ()


def test_one_numeral_of_two_nouns_is_one_figure_only_when_the_nouns_share_a_word():
    a = post("a", "The storm hurt five children and left 12 others stranded in a school.")
    b = post("b", "The 1998 storm flooded homes in 11 counties along the coast.")
    c = post("c", "The 1998 storm flooded homes in 12 counties along the coast.")
    [dispute] = find_disagreements([a, b, c])
    assert sorted((c.post_id, c.value) for c in dispute.claims) == [("b", "11"), ("c", "12")]
    d = post("d", "Nearly 70 Linden faculty and trustees have called the chairman to task over his budget.")
    e = post("e", "The letter was signed by nearly 70 faculty members and deacons at Linden before his visit.")
    f = post("f", "A group of nearly 85 lecturers and trustees at Linden has sent the chairman a letter.")
    [dispute] = find_disagreements([d, e, f])
    assert sorted((c.post_id, c.value) for c in dispute.claims) == [
        ("d", "Nearly 70"), ("e", "nearly 70"), ("f", "nearly 85")]


def test_two_sides_set_against_each_other_are_two_figures_not_a_range():
    [won, lost] = find_mentions("The senator outraised her rival $3.8 million to $450,000.", 0)
    assert (won.value, lost.value) == (3.8e6, 4.5e5) and won.high < 3.9e6
    [estimate] = find_mentions("The senator raised $3 million to $4 million.", 0)  # upwards: one estimate
    assert (estimate.low, estimate.high) == (2.51e6, 4.49e6)


def test_a_verb_of_outdoing_states_what_its_verb_states():
    # Nothing but "raised" / "outraising" says the two sums are the senator's campaign money.
    a = post("a", "The senator, who had raised $2.9 million for the race, covered the county in posters.")
    b = post("b", "The senator was expected to win easily, outraising her rival $3.8 million to $450,000.")
    assert values(find_disagreements([a, b])) == [("$2.9 million", "$3.8 million")]
    # Without the plain verb in the story there is nothing to fold the out-word into.
    c = post("c", "The senator, who had $2.9 million for the race, covered the county in posters.")
    assert find_disagreements([c, b]) == ()


def test_only_a_verb_form_of_out_is_read_as_the_verb_it_outdoes():
    from newsdigest.stories.disagreements import _outdoing_verbs
    story = ["The outbreak closed the outlet and the outlook for the bar was poor.",
             "The town outlawed the sale after it outlawed smoking; the law broke the bar, which had let rooms.",
             "Looks were grim: the owner looked at a break in the lease.",
             "Her team, outstanding all year, was outscoring the others after it scored twice in the first game.",
             "The standing crowd cheered."]
    verbs = _outdoing_verbs(story)
    assert verbs == {"outscor": "scor"}
    assert _outdoing_verbs(story[:4]) == _outdoing_verbs(story)  # "standing" makes no verb of "outstanding"
    assert _outdoing_verbs(["The team was outscoring its rivals.", "The score stood at two."]) == {}


def test_a_nearer_value_wins_the_pairing_but_does_not_make_a_pair():
    # The two sums share just enough wording ("quay") to be one figure; that "$3.1 billion" is half as much
    # again as "$2.1 billion" may rank it below a nearer figure, but does not make the pair fit less.
    a = post("a", "The dock authority will spend $2.1 billion on the new quay for cruise ships. It opens in May.")
    b = post("b", "The port plans $3.1 billion of work, a quay among it, its officials said.")
    assert values(find_disagreements([a, b])) == [("$2.1 billion", "$3.1 billion")]


def test_days_are_read_against_the_day_each_version_was_published():
    tuesday = DAY.date()  # 7 April 2026
    [day] = find_dates("The council voted on Monday to close the harbour.", 0, tuesday)
    assert day.dimension == "day" and day.low == day.high == tuesday.toordinal() - 1
    [period] = find_dates("The council closed the harbour last year.", 0, tuesday)
    assert (period.low, period.high) == (date(2025, 1, 1).toordinal(), date(2025, 12, 31).toordinal())
    [passed] = find_dates("The resolution passed Tuesday.", 0, tuesday)  # a weekday after a verb
    assert passed.low == tuesday.toordinal()
    # Published a day apart, "on Monday" (the 6th) and "on Sunday" (the 5th) are two days of one week: they
    # clash; "on Monday" and "earlier this week" can be the same day.
    a = post("a", "The harbour council voted on Monday to close the north quay to ferries.", published=DAY)
    b = post("b", "The harbour council voted on Sunday to close the north quay to ferries.",
             published=DAY + timedelta(days=1))
    c = post("c", "The harbour council voted to close the north quay to ferries earlier this week.",
             published=DAY + timedelta(days=1))
    assert values(find_disagreements([a, b])) == [("Monday", "Sunday")]
    # Published a week later, its "on Tuesday" is a day the first version could not report: a later vote.
    later = post("b", b.body.replace("Sunday", "Tuesday"), published=DAY + timedelta(days=7))
    assert find_disagreements([a, later]) == ()
    assert find_disagreements([a, c]) == ()
    d = post("d", "The harbour council voted to close the north quay to ferries last month.", published=DAY)
    assert values(find_disagreements([a, d])) == [("Monday", "last month")]


def test_a_word_shared_before_two_days_does_not_make_them_one_day():
    # Both days follow "issued", but the sentences say little else alike: two statements, two days.
    wednesday = DAY + timedelta(days=1)
    a = post("a", "The ferry line's notice issued Monday blamed the gale for the cancelled crossings.",
             published=wednesday)
    b = post("b", "Harbour officials issued new rules for the trawlers in the bay on Tuesday.", published=wednesday)
    assert find_disagreements([a, b]) == ()
    # The same statement told with another day is one day told two ways.
    c = post("c", "The ferry line issued a notice on Tuesday that blamed the gale for the cancelled crossings.",
             published=wednesday)
    assert values(find_disagreements([a, c])) == [("Monday", "Tuesday")]


def test_last_week_said_early_in_a_week_may_mean_the_days_just_past():
    sunday = date(2026, 4, 12)
    [period] = find_dates("The mayor announced in a video last week that he would resign.", 0, sunday)
    assert period.low == date(2026, 3, 30).toordinal() and period.high == date(2026, 4, 11).toordinal()


def test_a_bare_surname_two_people_share_is_not_taken_for_one_of_them():
    a = post("a", "The council said Ada Moreno had repaid $12,400 to the harbour fund during the inquiry.")
    b = post("b", "The council said Moreno had repaid $15,200 to the harbour fund during the inquiry.")
    assert values(find_disagreements([a, b])) == [("$12,400", "$15,200")]  # one Moreno: the same person
    c = post("c", "The council said Moreno had repaid $15,200 to the harbour fund during the inquiry.\n\n"
                  "Her husband, Luis Moreno, the mayor, denied any wrongdoing.")
    assert find_disagreements([a, c]) == ()  # Ada or Luis: the page cannot tell, so it claims nothing


def test_a_quote_given_with_another_figure_is_a_misquote_but_a_speakers_figure_is_not_the_outlets():
    a = post("a", "“We will build 40,000 homes on the old harbour land by spring,” the minister said on a visit.")
    b = post("b", "“We will build 45,000 homes on the old harbour land by spring,” the minister told reporters.")
    assert values(find_disagreements([a, b])) == [("40,000", "45,000")]
    c = post("c", "The ministry will build 45,000 homes on the old harbour land by spring, officials said.")
    assert find_disagreements([a, c]) == ()  # the minister's figure against the outlet's: maybe two counts


def test_figures_in_quotes_of_different_people_are_not_compared():
    # Two people quoted with two figures for the plant's jobs: two claims, no misquote.
    a = post("a", "“The new plant will hire 1,200 workers from the valley,” said Ana Vidal, the mayor.")
    b = post("b", "“The plant will hire 1,500 workers, and few of them from the valley,” said Omar Reyes, "
                  "a union leader.")
    assert find_disagreements([a, b]) == ()
    # The same speaker's same words with another figure: a misquote.
    c = post("c", "“The new plant will hire 1,500 workers from the valley,” the mayor, Ana Vidal, told reporters.")
    assert values(find_disagreements([a, c])) == [("1,200", "1,500")]
    # The same speaker in other words: still her figure against her figure.
    d = post("d", "“We expect the plant to take on 1,500 workers from the valley,” said Ana Vidal.")
    assert values(find_disagreements([a, d])) == [("1,200", "1,500")]


def test_a_count_said_to_be_part_of_the_whole_is_a_floor_of_it():
    a = post("a", "The spring flood reached 4,000 homes in the valley and hundreds more along the river.")
    b = post("b", "The spring flood reached 5,500 homes along the river across the whole county.")
    c = post("c", "The spring flood reached 4,000 homes in the valley alone, officials said.")
    assert find_disagreements([a, b]) == () and find_disagreements([c, b]) == ()
    [killed, _] = find_mentions("The blast killed 30 people and injured 50 more.", 0)  # 50 more of another kind
    assert killed.high == 30



def test_a_count_over_a_stated_period_is_not_set_against_a_count_with_none():
    # One night's arrests against the total over three nights: two stretches of time, not one fact.
    a = post("a", "Police made 38 arrests for looting in the harbour district on Tuesday night, the police chief said.")
    b = post("b", "Police made 52 arrests for looting in the harbour district over three nights, the police chief said.")
    assert find_disagreements([a, b]) == ()
    # The same period on both sides is one fact again.
    c = post("c", "Police made 45 arrests for looting in the harbour district over three nights, the police chief said.")
    assert values(find_disagreements([b, c])) == [("45", "52")]
    # A tally since a month against a lifetime tally: not the same count.
    d = post("d", "Police said the dock worker Tomas Ribeiro had previously been detained four times on charges of "
                  "theft and fraud.")
    e = post("e", "Police said the dock worker Tomas Ribeiro had been detained three times since March on charges "
                  "of theft and fraud.")
    assert find_disagreements([d, e]) == ()



def test_a_clashing_pair_joins_a_dispute_only_when_it_adds_one_new_version_and_value():
    from types import SimpleNamespace

    from newsdigest.stories.disagreements import MAX_VALUES, _joined

    def figure(version: int, value: float) -> SimpleNamespace:
        return SimpleNamespace(post=version, low=value, high=value)

    # Figures 0..6: versions 0, 1, 2, 3, 4, 0, 5.
    mentions = [figure(0, 10), figure(1, 12), figure(2, 20), figure(3, 22), figure(4, 14), figure(0, 30),
                figure(5, 16)]
    # A pair touching two disputes would merge them: it is left out.
    assert _joined([[0, 1], [2, 3]], [(1, 2)], mentions) == [[0, 1], [2, 3]]
    # A pair whose new figure's version is already in the dispute would list that version twice.
    assert _joined([[0, 1]], [(1, 5)], mentions) == [[0, 1]]
    # A pair adding one version and value joins, up to MAX_VALUES values and no further.
    assert _joined([[0, 1]], [(1, 4)], mentions) == [[0, 1, 4]]
    assert MAX_VALUES == 3
    assert _joined([[0, 1, 4]], [(4, 6)], mentions) == [[0, 1, 4]]
    # A pair sharing no figure with any dispute is one of its own.
    assert _joined([[0, 1]], [(2, 3)], mentions) == [[0, 1], [2, 3]]
