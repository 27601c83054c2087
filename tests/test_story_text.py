"""What a reader reads first on a story page: its sentences, its summary and its headline.

Fixtures are made up: invented towns, people and outlets.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newsdigest.model import Post
from newsdigest.stories.sentences import split_sentences

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc)


def post(pid: str, body: str, title: str, hours: float | None = 0, **extra) -> Post:
    published = None if hours is None else T0 + timedelta(hours=hours)
    return Post(id=pid, title=title, body=body, source=f"sources/{pid}.md", published=published, **extra)


# --- sentences ----------------------------------------------------------------------------------


@pytest.mark.parametrize("paragraph, expected", [
    # A number that lost its decimal point to a space (right after a digit or a bracket, or a fraction of
    # a measure) is no sentence start; any other number may be one.
    ("Deputies found an old. 22-calibre rifle in the van. Nobody was hurt.",
     ["Deputies found an old. 22-calibre rifle in the van.", "Nobody was hurt."]),
    ("The salt content of the river rose to. 7 percent in May. Anglers worried.",
     ["The salt content of the river rose to. 7 percent in May.", "Anglers worried."]),
    ("The turbine ran at 87. 5 percent of capacity. Nobody was hurt.",
     ["The turbine ran at 87. 5 percent of capacity.", "Nobody was hurt."]),
    ("Her save rate (. 917) led the league. Her club still lost the final.",
     ["Her save rate (. 917) led the league.", "Her club still lost the final."]),
    ("The charger suits daily use. 5 minutes of charging gives an hour of light.",
     ["The charger suits daily use.", "5 minutes of charging gives an hour of light."]),
    ("The mill closed in 2019. 2020 brought a buyer.", ["The mill closed in 2019.", "2020 brought a buyer."]),
    # A state abbreviation before a title runs on; after "Town, St." or a party letter it may end the sentence.
    ("The ban came with Ore. Gov. Lana Brisk on board. Others followed.",
     ["The ban came with Ore. Gov. Lana Brisk on board.", "Others followed."]),
    ("He grew up in Millbrook, Ark. Prosecutors say he fled.",
     ["He grew up in Millbrook, Ark.", "Prosecutors say he fled."]),
    ("The family moved to Ore. The mill had closed.", ["The family moved to Ore.", "The mill had closed."]),
    ("The bill is from Rep. Ada Quill, D-Ore. Quill filed it on Monday.",
     ["The bill is from Rep. Ada Quill, D-Ore.", "Quill filed it on Monday."]),
    # Plural titles and abbreviated weekdays are abbreviations too.
    ("Govs. Ada Quill and Bo Fenn signed the pact. The vote slipped.",
     ["Govs. Ada Quill and Bo Fenn signed the pact.", "The vote slipped."]),
    ("The hearing moved to Thurs. Jan. 8 at the guildhall. It was adjourned.",
     ["The hearing moved to Thurs. Jan. 8 at the guildhall.", "It was adjourned."]),
    # A full stop inside closing quotation marks ends the sentence even after an abbreviation-like word;
    # an apostrophe or a bracket after an abbreviation does not.
    ("She answered “no.” The talks ended.", ["She answered “no.”", "The talks ended."]),
    ("Ministers doubted the U.K.' fishing quotas would last the winter. The talks ended.",
     ["Ministers doubted the U.K.' fishing quotas would last the winter.", "The talks ended."]),
    ("Her son now studies welding at Elmsford (N.Y.) Community College. The fees rose.",
     ["Her son now studies welding at Elmsford (N.Y.) Community College.", "The fees rose."]),
    ("Seeded No. 4, Dunmore won again. Fans cheered.", ["Seeded No. 4, Dunmore won again.", "Fans cheered."]),
])
def test_sentences_end_only_where_a_sentence_ends(paragraph, expected):
    assert split_sentences(paragraph) == expected


# --- summary ------------------------------------------------------------------------------------

BRIDGE = [
    "Engineers closed the Tarrow river bridge in Kelbury on Monday after divers found cracks in two of its piers.",
    "“We will have it open again before the spring floods, whatever it costs.”",
    "“Nobody crosses until every pier has been checked twice,” she said at a briefing in the Kelbury Guildhall.",
    "I have driven over that bridge every morning for thirty years and never felt it move.",
    "The council said ferries would run every twenty minutes while the bridge stays shut.",
    "Traffic on the ring road doubled within hours as drivers looked for another way across.",
]


def bridge_story() -> list[Post]:
    extras = [
        "A school bus company said its routes would add forty minutes each way.",
        "Shops on the north bank reported fewer customers by the afternoon.",
        "The bridge was last inspected in full eleven years ago.",
    ]
    return [post(f"v{i}", "\n\n".join([*BRIDGE, extra]), f"Kelbury bridge shut after divers find cracks ({i})", i)
            for i, extra in enumerate(extras)]


def test_summary_never_repeats_speech_whose_speaker_it_does_not_name():
    from newsdigest.stories.analysis import analyse

    summary = analyse(bridge_story()).summary
    assert summary.startswith("Engineers closed the Tarrow river bridge")
    for lost in ("We will have it open", "Nobody crosses", "I have driven"):
        assert lost not in summary


def test_summary_keeps_speech_a_copy_lost_the_quotation_marks_of_as_speech_or_leaves_it_out():
    from newsdigest.stories.analysis import analyse

    lead = "The Kelport cathedral named the organist Ivo Brandt its new choir master on Monday."
    words = "Being asked to lead this choir is a rare honour"
    quoted = f"\u201c{words},\u201d Brandt said."
    bare = f"{words}."
    rest = "He takes over the choir of 40 singers in September from Nadia Ferro, who retires after 22 years."
    posts = [
        post("a", f"{lead}\n\n{quoted}\n\n{rest}", "Kelport cathedral names new choir master"),
        post("b", f"{lead}\n\n{bare}\n\n{rest}", "Ivo Brandt to lead Kelport cathedral choir", hours=1),
        post("c", f"{lead}\n\n{bare}\n\n{rest.replace('He takes', 'Brandt takes')}", "New choir master",
             hours=2),
    ]
    summary = analyse(posts).summary
    assert summary.startswith(lead)
    assert "rare honour" not in summary or quoted in summary


def test_summary_says_each_thing_once():
    from newsdigest.stories.analysis import analyse

    body = ("Mira Dane checked into a clinic near Falsey on Friday night, her agent said.\n\n"
            "Dane checked into the clinic late on Friday night.\n\n"
            "A judge had ordered her to spend ninety days in treatment before her autumn tour.")
    summary = analyse([post("lone", body, "Mira Dane enters clinic")]).summary
    assert summary.count("clinic") == 1
    assert "ninety days" in summary


def test_summary_tells_a_later_event_about_the_same_people_and_place():
    from newsdigest.stories.analysis import analyse

    body = ("Ann Lee was arrested in Kelbury on Monday.\n\n"
            "Ann Lee was released from jail in Kelbury on Tuesday.")
    summary = analyse([post("lone", body, "Ann Lee freed")]).summary
    assert "arrested" in summary and "released" in summary


def _ferry_story() -> list[Post]:
    later = ("Ferries will sail every half hour from the Varno quay from June.\n\n"
             "Tickets will cost the same as the old bridge toll for residents.")
    leads = [
        # The earliest version frames the news as a revelation; the others rewrote it, each in its own way,
        # so the framed wording is the one closest to all of them.
        "Insiders revealed that the Varno council has approved a new ferry route across Lake Tessel to replace "
        "the bridge that closed in March.",
        "The Varno council has approved a new ferry route across Lake Tessel, its clerk announced on Tuesday.",
        "Councillors in Varno voted for a ferry route to replace the bridge over Lake Tessel that closed in March.",
        "A boatbuilder in Varno said it would need a year to build the two ferries the route needs.",
    ]
    titles = ["Varno approves Lake Tessel ferry", "Ferry to replace Varno bridge", "Varno votes for ferry route",
              "Varno boatyard eyes ferry order"]
    return [post(f"f{i}", f"{text}\n\n{later}", titles[i], i) for i, text in enumerate(leads)]


def test_summary_opens_on_the_plain_wording_of_the_lead_most_versions_confirm():
    from newsdigest.stories.analysis import analyse

    summary = analyse(_ferry_story()).summary
    assert summary.startswith(("The Varno council", "Councillors in Varno"))
    assert "Insiders revealed" not in summary


def test_summary_opens_on_the_event_most_versions_report_not_a_related_one():
    from newsdigest.stories.analysis import analyse

    main = "A magnitude 6.2 earthquake struck near Oskel on Sunday, toppling houses and cutting roads in the hills."
    related = "A smaller quake shook the port of Varno an hour later, cracking its harbour wall and sinking two boats."
    rest = ("Rescue teams from the capital reached the hills by nightfall and began searching the rubble.\n\n"
            "Aftershocks kept thousands of people sleeping outdoors.")
    bodies = [f"{main}\n\n{related}\n\n{rest}", f"{main}\n\n{rest}", f"{main}\n\n{rest}",
              f"{related}\n\nFishermen in Varno spent the night pulling boats from the harbour."]
    titles = ["Quake cracks Varno harbour wall", "Varno harbour wall cracked, boats sunk", "Quake near Oskel",
              "Varno harbour wall cracks in quake"]
    summary = analyse([post(f"q{i}", body, titles[i], i) for i, body in enumerate(bodies)]).summary
    assert summary.startswith("A magnitude 6.2 earthquake struck near Oskel")


def test_summary_opens_on_a_first_sentence_not_a_second_or_a_quotation_more_versions_carry():
    from newsdigest.stories.analysis import analyse

    # Every version's second sentence is the same, and so is a quotation; only two open alike. The summary
    # still opens on a first sentence, which says who the charged man is.
    charged = "Tobin Marsh, 34, was charged with arson after the silo burned for six hours."
    quote = "“We lost a whole season of grain in one night,” the owner of the silo told reporters."
    firsts = ["A man from Holloway Creek has been charged with setting fire to a grain silo on Saturday night.",
              "Neighbours woke to sirens and a red glow over the valley just after midnight.",
              "The night guard of the co-operative raised the alarm just after midnight.",
              "A man from Holloway Creek has been charged with setting fire to a grain silo on Saturday night."]
    rest = "The silo held wheat from eleven farms, the co-operative that runs it said."
    versions = [post(f"h{i}", f"{first}\n\n{charged}\n\n{quote}\n\n{rest}", f"Holloway Creek silo fire ({i})", i)
                for i, first in enumerate(firsts)]
    summary = analyse(versions).summary
    assert summary.startswith(firsts[0])


# --- headline -----------------------------------------------------------------------------------

def _quake(pid: str, title: str, town: str, hours: float, derived: bool = False) -> Post:
    body = (f"A magnitude 6.2 earthquake struck near {town} on Sunday, toppling houses and cutting roads.\n\n"
            f"Rescue teams from the capital reached {town} by nightfall and began searching the rubble.\n\n"
            "Aftershocks kept thousands of people sleeping outdoors in the hills.")
    return post(pid, body, title, hours, title_derived=derived)


def test_headline_comes_from_a_typical_version_not_a_related_events():
    from newsdigest.stories.assemble import choose_title

    # The earliest version is about an older quake; its short headline shares the others' words best.
    posts = [
        post("old", "A magnitude 5.9 earthquake struck near Varno in 2019.\n\nRescue teams searched the rubble for "
             "two days.\n\nAftershocks kept people sleeping outdoors.",
             "Earthquake topples houses, rescue teams search rubble as aftershocks keep people outdoors", 0),
        _quake("a", "Quake flattens homes in Oskel", "Oskel", 1),
        _quake("b", "Strong earthquake hits Oskel region", "Oskel", 2),
        _quake("c", "Oskel digs out after Sunday quake", "Oskel", 3),
    ]
    assert "Oskel" in choose_title(posts)


def test_headline_is_never_a_time_stamp_or_a_lead_sentence():
    from newsdigest.stories.assemble import choose_title

    posts = [
        _quake("stamp", "16 March 2026 Last updated at 12:42 GMT", "Oskel", 0),
        _quake("long", "A magnitude 6.2 earthquake struck near Oskel on Sunday, toppling houses and cutting roads "
               "across the whole of the northern province.", "Oskel", 1),
        _quake("short", "Earthquake topples houses near Oskel", "Oskel", 2),
    ]
    assert choose_title(posts) == "Earthquake topples houses near Oskel"
    for stamp in ("16 March 2026 Last updated at 12:42 GMT", "Posted at 3:21 PM ET", "Updated Mon May 4, 10:02 AEST"):
        assert choose_title([_quake("stamp", stamp, "Oskel", 0)]) == "Untitled story"


@pytest.mark.parametrize("title", ["Oskelford", "May resigns", "Oskel at 50", "Harbour Plan 2.5"])
def test_a_short_headline_is_no_time_stamp(title):
    from newsdigest.stories.assemble import choose_title

    assert choose_title([_quake("lone", title, "Oskel", 0)]) == title


def test_headline_is_never_a_line_cut_off_mid_phrase():
    from newsdigest.stories.assemble import choose_title

    body = ("Divers found cracks in two piers of the Tarrow river bridge in Kelbury on Monday, and engineers shut "
            "it.\n\nTarrow bridge shut after divers find cracks.\n\nFerries will run every twenty minutes.")
    cut = post("cut", body, "Divers found cracks in two piers of the Tarrow river bridge in Kelbury…", 0,
               title_derived=True)
    whole = post("whole", "Tarrow bridge shut after divers find cracks.\n\nFerries will run every twenty minutes.",
                 "Tarrow bridge shut after divers find cracks", 1, title_derived=True)
    assert choose_title([cut, whole]) == "Tarrow bridge shut after divers find cracks"
    # A sentence-long headline the outlet wrote is still a better one than a line cut off mid-phrase.
    written = post("written", body, "Divers found cracks in two piers of the Tarrow river bridge in Kelbury on "
                   "Monday, and engineers shut it at once.", 1)
    assert choose_title([cut, written]).startswith("Divers found cracks in two piers of the Tarrow river bridge in "
                                                   "Kelbury on Monday")


def test_a_cut_headline_is_made_whole_when_its_sentence_is_short_enough():
    from newsdigest.stories.assemble import choose_title

    body = "The Kelport rowing club on Tuesday elected the boat builder Ann Roe as its chair.\n\nShe takes over in May."
    cut = post("cut", body, "The Kelport rowing club on Tuesday elected the boat builder Ann Roe…", 0,
               title_derived=True)
    assert choose_title([cut]) == "The Kelport rowing club on Tuesday elected the boat builder Ann Roe as its chair"


_ELECTION = [  # id, the lead's first sentence (over the length limit), its derived headline
    ("opening", "Ann Roe, a boat builder who has rowed for the Kelport club since she was twelve years old, was "
     "elected its chair on Tuesday.", "Ann Roe, a boat builder who has rowed for the Kelport club"),
    ("phrase", "The Kelport rowing club elected Ann Roe as its chair on Tuesday, ending a year in which the club "
     "had nobody at its head.", "The Kelport rowing club elected Ann Roe as its chair on Tuesday"),
    ("other", "The Kelport rowing club, which has 300 members and four boats, met on Tuesday evening in the "
     "boathouse to choose who would lead it.", "The Kelport rowing club, which has 300 members and four boats, met"),
]


def test_among_cut_headlines_one_cut_where_a_phrase_ends_wins_without_credit_for_the_summarys_words():
    from newsdigest.stories.assemble import choose_title

    rest = "\n\nThe club has 300 members and four boats.\n\nRoe takes over in May."
    posts = [post(pid, f"{first}{rest}", title, n, title_derived=True)
             for n, (pid, first, title) in enumerate(_ELECTION)]
    summary = _ELECTION[0][1]
    assert choose_title(posts, summary=summary) == _ELECTION[1][2]
    # Between two lines cut mid-phrase, the cut start of the summary's own opening earns nothing for its words.
    without = [p for p in posts if p.id != "phrase"]
    assert choose_title(without, summary=summary) == choose_title(without) == _ELECTION[2][2]


@pytest.mark.parametrize("headline, expected", [
    ("Update: Oskel bridge reopens to traffic", "Oskel bridge reopens to traffic"),
    ("BREAKING: Oskel bridge reopens to traffic", "Oskel bridge reopens to traffic"),
    ("Live updates: Oskel bridge reopens to traffic", "Oskel bridge reopens to traffic"),
    ("Mayor: Oskel bridge will reopen within a week", "Mayor: Oskel bridge will reopen within a week"),
    # A body in capitals before a colon is who says it: without it the claim reads as fact.
    ("OSKA: Rowing club broke its funding rules", "OSKA: Rowing club broke its funding rules"),
    ("04/05/2026 - Oskel bridge reopens to traffic", "Oskel bridge reopens to traffic"),
    ("04 / 05 / 2026-Oskel bridge reopens to traffic", "Oskel bridge reopens to traffic"),
    ("2026-05-04 | Oskel bridge reopens to traffic", "Oskel bridge reopens to traffic"),
    ("OSKEL — Bridge reopens to traffic after repairs", "Bridge reopens to traffic after repairs"),
    ("OSKA-led crews reopen the Oskel bridge", "OSKA-led crews reopen the Oskel bridge"),
    # A label is dropped only when every word before the colon is one: "Watch" is, "mayor" is not.
    ("Watch mayor: Oskel bridge will reopen within a week", "Watch mayor: Oskel bridge will reopen within a week"),
])
def test_headline_keeps_a_speaker_but_not_labels_stamps_or_datelines(headline, expected):
    from newsdigest.stories.assemble import without_label

    assert without_label(headline) == expected


def test_summary_skips_a_sentence_leaning_on_one_before_it_even_behind_a_dateline():
    from newsdigest.stories.analysis import analyse

    body = ("KELBURY — And by evening the queue of cars stretched three miles past the old mill.\n\n"
            "The move effectively left the town with one crossing for the rest of the month.\n\n"
            "Engineers closed the Tarrow river bridge in Kelbury on Monday after divers found cracked piers.")
    summary = analyse([post("lone", body, "Kelbury bridge shut")]).summary
    assert summary.startswith("Engineers closed the Tarrow river bridge")


# --- what each version adds ---------------------------------------------------------------------

def test_only_in_this_version_lists_sentences_that_stand_on_their_own():
    from newsdigest.stories.analysis import analyse

    shared = "\n\n".join(BRIDGE[:1] + BRIDGE[4:])
    extra = ("This row deepens the rift between the two riverside councils over money.\n\n"
             "“Nobody will sell off the harbour while I sit in this chair,” he said.\n\n"
             "A local photographer filmed the divers climbing out of the river near the mill:\n\n"
             "Asked about the cost of the repairs, she said, “The reserve fund will pay for every bolt.”\n\n"
             "Hours later on Friday, she said, “The reserve fund will pay for every single bolt and rivet.”\n\n"
             "In Kelbury, he said: “Every pier will be checked by divers twice before it reopens.”\n\n"
             "The Kelbury chamber of commerce has also asked the council for a temporary crossing.\n\n"
             "The flood cut power to four hundred homes on the north bank overnight.\n\n"
             "‘We will never sell the harbour to pay for this,’ the mayor told the council.\n\n"
             "“It will take a month to mend the worst pier,” chief engineer Ruth Okoye said.")
    posts = [post("plain", shared, "Kelbury bridge shut", 0),
             post("more", f"{shared}\n\n{extra}", "Kelbury bridge shut for checks", 1)]
    assert analyse(posts).additions["more"] == (
        "The Kelbury chamber of commerce has also asked the council for a temporary crossing.",
        "The flood cut power to four hundred homes on the north bank overnight.",
        "‘We will never sell the harbour to pay for this,’ the mayor told the council.",
        "“It will take a month to mend the worst pier,” chief engineer Ruth Okoye said.")


@pytest.mark.parametrize("sentence, stands", [
    ("This weekend the Kelbury ferry carried more cars than in any month last year.", True),
    ("It seems the Kelbury council will pay for the repairs out of its reserve fund.", True),
    ("KELBURY, Me. — Ann Roe, the town's engineer, said on Monday that the bridge would stay shut.", True),
    ("Okoye said she told the council: “Every pier will be checked by divers twice.”", True),
    ("Despite the cost, she said: “Every pier will be checked by divers twice.”", False),
    ("It will take the engineers a month to mend the worst of the cracked piers.", False),
    ("This row deepens the rift between the two riverside councils over money.", False),
    ("That night, wardens in Kelbury moved the moored barges upstream of the bridge.", False),
    ("Her season ended with a torn ligament two weeks before the regional final.", False),
    ("Their weekend trip to the Varno lakes was cut short by the storm warning.", False),
    # Speech run into the article without quotation marks: an address to "you", an order; not a state's "Me.".
    ("Show the people of Kelbury that their bridge matters to you.", False),
    ("Please keep off the river path until the divers have finished.", False),
    ("Wardens in Oskel, Me., said the harbour wall would be mended by June.", True),
])
def test_what_stands_on_its_own(sentence, stands):
    from newsdigest.stories.standalone import leans_on_context, speaker_lost

    assert (not leans_on_context(sentence) and not speaker_lost(sentence)) is stands


@pytest.mark.parametrize("sentence, follows_on", [
    ("Mayor Ann Roe nevertheless said the Kelbury bridge would reopen by June.", True),
    ("Mayor Ann Roe also said the Kelbury bridge would reopen by June.", True),
    ("Mayor Ann Roe said the Kelbury bridge would reopen by June.", False),
    ("The other, a ferry pilot from Varno, was treated for burns and released.", True),
    ("The governor, a former judge, told reporters the bridge would reopen by June.", True),
])
def test_a_sentence_turning_from_one_not_shown_reads_as_a_follow_on(sentence, follows_on):
    from newsdigest.stories.standalone import reads_as_follow_on

    assert reads_as_follow_on(sentence) is follows_on



def test_summary_never_starts_on_a_quotation():
    from newsdigest.stories.analysis import analyse

    said = "“We will rebuild the pier before the summer season,” Mayor Ada Quill told residents of Kelbury on Monday."
    event = "Storm waves tore away half of the Kelbury pier on Saturday night, closing the seafront to visitors."
    rest = "Engineers from the county council will inspect what is left of the pier this week."
    more = "“Nobody was on the pier when it went, and that is all that matters,” Quill said."
    versions = [post(f"k{i}", f"{said}\n\n{more}\n\n{event}\n\n{rest}", f"Kelbury pier wrecked by storm ({i})", i)
                for i in range(3)]
    summary = analyse(versions).summary
    assert "Mayor Ada Quill" in summary and not summary.startswith("“")


# --- standing alone: no bare surname, no sentence pointing back, no fragment ------------------------

@pytest.mark.parametrize("sentence", [
    "After the hearing ended on Friday, she vowed to appeal the ruling.",
    "Soon, the ferry office reopened its doors to passengers.",
    "The bakers' union objected as well, citing the cost of flour.",
    "Councillors in Oskel said they would never back such a tax.",
    "Inspectors found the sluice gate open during a subsequent audit.",
    "Even they admitted that the timetable for the works was tight.",
    "The lock keeper said the gate had been shut that morning.",
    "Others questioned the timing of the sale of the quay.",
    "One of them, a retired pilot, raised the alarm by radio.",
    "Mayors of both towns rejected those proposals on Tuesday.",
])
def test_a_sentence_pointing_back_at_what_it_does_not_say_does_not_stand_alone(sentence):
    from newsdigest.stories.standalone import leans_on_context

    assert leans_on_context(sentence)


@pytest.mark.parametrize("sentence", [
    "The Kelbury council voted on Monday to close two libraries.",
    "In Kelbury on Monday, the council voted to close two libraries.",
    "Cities such as Oskel closed their libraries too.",
    "The mayor said the plan would cost $3 million, as well as two new posts.",
    "The council shut the Oskel ferry on Friday, a second such closure this spring.",
    "Even before the storm reached the coast, crews had closed the harbour road.",
    "Soon after the vote, the mayor of Oskel resigned.",
    "Short of boats of its own, the ferry line hired two from Oskel.",
])
def test_a_sentence_that_says_all_it_means_is_not_refused(sentence):
    from newsdigest.stories.standalone import leans_on_context

    assert not leans_on_context(sentence)


def test_a_bare_surname_needs_the_full_name_shown_before_it():
    from newsdigest.stories.standalone import full_names, unintroduced

    surnames = full_names(["Police arrested Tam Vell in Kelbury. Mayor Ida Okoye spoke."])
    assert unintroduced("Vell was charged with arson.", "", surnames)
    assert unintroduced("“It was arson,” Mr. Vell said.", "A barn burned in Kelbury.", surnames)
    assert not unintroduced("Vell was charged with arson.", "Police arrested Tam Vell on Monday.", surnames)
    assert not unintroduced("Tam Vell, 34, was charged with arson.", "", surnames)
    assert not unintroduced("Kelbury voted.", "", surnames)  # a place, not a person called by surname
    assert full_names(["The Kelbury council met. Then Kelbury voted."]) == frozenset()  # "The" is no first name
    # "Police" in "Kelbury Police" is a common noun the story also writes in lower case, not a surname.
    assert full_names(["Kelbury Police said the fire was arson. Later the police arrested Tam Vell."]) == {"Vell"}
    assert not unintroduced("Police arrested a farmhand.", "", full_names(["Ask Kelbury Police. The police came."]))
    # A group's plural ("Kelbury Greens" beside "a Green") is no surname.
    assert full_names(["Kelbury Greens met. A Green spoke to Tam Vell."]) == {"Vell"}
    # A verb before a capitalised word is no first name.
    assert full_names(["Praising Kelbury for its patience, the mayor left. Kelbury is a market town."]) == frozenset()


@pytest.mark.parametrize("before, sentence, bare", [
    # A possessive is the name it owns by, whichever apostrophe either version types.
    ("Mayor Ida Okoye's budget passed.", "Mrs. Okoye’s plan for the quay was dropped.", False),
    ("Mayor Ida Okoye’s budget passed.", "Mrs. Okoye's plan for the quay was dropped.", False),
    ("The budget passed in Oskel.", "The council rejected Mrs. Okoye’s plan for the quay.", True),
])
def test_a_possessive_surname_is_the_person_named_before(before, sentence, bare):
    from newsdigest.stories.standalone import full_names, unintroduced

    surnames = full_names(["Mayor Ida Okoye spoke on Monday. Mrs. Okoye’s aides left."])
    assert unintroduced(sentence, before, surnames) is bare


def test_a_surname_is_the_same_whichever_apostrophe_it_is_typed_with():
    from newsdigest.stories.standalone import full_names, unintroduced

    surnames = full_names(["Mayor Ida O’Dowd spoke on Monday. Mrs. O’Dowd left."])
    assert not unintroduced("Mrs. O’Dowd’s plan for the quay was dropped.", "Mayor Ida O'Dowd spoke.", surnames)


def test_summary_names_someone_in_full_before_calling_them_by_surname():
    from newsdigest.stories.analysis import analyse

    lead = "A barn fire destroyed a winter's hay on a farm outside Kelbury on Saturday night."
    arrest = "Police arrested Tam Vell, a farmhand, on Sunday and charged him with arson."
    bare = "Vell will appear before magistrates in Oskel next month, his lawyer said."
    rest = "Firefighters from three villages fought the blaze for six hours before it was out."
    # Every version carries the bare-surname sentence above the one naming him in full.
    bodies = [f"{lead}\n\n{bare}\n\n{arrest}\n\n{rest}"] * 3
    titles = ["Kelbury barn fire", "Hay lost in Kelbury barn fire", "Farmhand charged over Kelbury fire"]
    summary = analyse([post(f"b{i}", body, titles[i], i) for i, body in enumerate(bodies)]).summary
    assert summary.startswith("A barn fire destroyed")
    assert "Tam Vell" in summary and "Vell will appear" in summary
    assert summary.index("Tam Vell") < summary.index("Vell will appear")


_GULL_BARE = "Brask ran the trawler Gull onto a sandbar off Kelport in thick fog on Monday."
_GULL_REST = "The coastguard towed the boat off the bar at high tide and nobody was hurt."
_GULL_OTHER = "Six crew waited for hours on the stranded trawler Gull as the tide fell."


@pytest.mark.parametrize("bodies, opening", [
    # No two versions open alike; the first sentence most like the others calls the skipper by surname alone.
    ([_GULL_BARE, "In fog, skipper Ada Brask lost her bearings and her boat stuck fast near Kelport.", _GULL_OTHER],
     "In fog, skipper Ada Brask"),
    # Two versions open alike on the bare surname; all three tell the skipper's full name second.
    *[([f"{first}\n\nThe skipper of the Gull, Ada Brask, radioed the coastguard at dawn." for first in
        (_GULL_BARE, _GULL_BARE, _GULL_OTHER)], "The skipper of the Gull, Ada Brask,")],
])
def test_summary_opens_on_a_lead_naming_its_subject_in_full(bodies, opening):
    from newsdigest.stories.analysis import analyse

    titles = ["Six crew wait for the tide", "Crew of six stranded for hours", "Hours on a stranded boat"]
    summary = analyse([post(f"g{i}", f"{body}\n\n{_GULL_REST}", titles[i], i) for i, body in enumerate(bodies)]).summary
    assert summary.startswith(opening)


@pytest.mark.parametrize("leaning, refused", [
    ("At a packed meeting on Tuesday, she called the closures short-sighted.", "she called"),
    ("The council's leader also said that a reading room would open in the town hall.", "also said"),
    ("The council's leader was referring to a reading room that closed in the spring.", "referring"),
])
def test_summary_passes_over_a_sentence_that_leans_on_one_it_does_not_show(leaning, refused):
    from newsdigest.stories.analysis import analyse

    lead = "The Kelbury council voted on Monday to close two of the town's four libraries to save money."
    rest = "The libraries will shut their doors at the end of June, the council said."
    # The leaning sentence is one version's own, where a summary takes what it finds: it must still refuse it.
    versions = [post("l0", f"{lead}\n\n{leaning}", "Kelbury to shut two libraries", 0),
                post("l1", f"{lead}\n\n{rest}", "Two Kelbury libraries to close", 1)]
    summary = analyse(versions).summary
    assert summary.startswith("The Kelbury council voted") and "shut their doors" in summary
    assert refused not in summary


# --- headline -----------------------------------------------------------------------------------

def _ferry(pid: str, title: str, lead: str, hours: float | None = None, derived: bool = True) -> Post:
    body = (f"{lead}\n\nThe Tessel ferry service said crossings would resume once the quay is repaired.\n\n"
            "Engineers from the harbour board inspected the damage on Monday.")
    return post(pid, body, title, hours, title_derived=derived)


_CLAUSE_LEAD = ("The Tessel ferry has docked safely at Kelport after drifting without power for a day in the "
                "storm that closed the harbour.")
_CLAUSE_CUT = "The Tessel ferry has docked safely at Kelport…"
_MID_LEAD = ("Crews of the Tessel ferry that drifted for a day without power in the storm were praised by the "
             "harbour board on Monday for keeping passengers calm.")
_MID_CUT = "Crews of the Tessel ferry that drifted for a day without power in the…"


def test_a_name_with_only_its_description_is_no_headline():
    from newsdigest.stories.assemble import choose_title

    # Cut at the comma closing "Ada Brask, the pilot of the Tessel ferry," the line is a subject without its verb,
    # and loses to one cut where a clause ends.
    fragment = _ferry("frag", "Ada Brask, the pilot of the Tessel ferry",
                      "Ada Brask, the pilot of the Tessel ferry, has been praised by the harbour board for bringing "
                      "the boat home through the storm without power.")
    assert choose_title([fragment, _ferry("clause", _CLAUSE_CUT, _CLAUSE_LEAD)]) == _CLAUSE_CUT
    from newsdigest.stories.assemble import _CUT_MID_PHRASE, _offered

    assert _offered(fragment)[1] == _CUT_MID_PHRASE  # the comma closing the apposition ends no phrase


@pytest.mark.parametrize("line", [
    "Well, we have all seen this coming for a while now",
    "Last spring, a storm tore the Tessel ferry from its moorings",
    "The veteran pilot has brought the ferry home without power",
])
def test_a_line_that_leans_on_what_came_before_ranks_below_whole_and_clause_cut_lines(line):
    from newsdigest.stories.assemble import choose_title

    # The leaning line is whole and short: by its shape alone it would win over a line cut at a clause.
    leaning = _ferry("leaning", line, f"{line}.")
    assert choose_title([leaning, _ferry("clause", _CLAUSE_CUT, _CLAUSE_LEAD)]) == _CLAUSE_CUT
    # A line cut mid-phrase says less still: the leaning line wins over it.
    assert choose_title([leaning, _ferry("mid", _MID_CUT, _MID_LEAD)]) == line


def test_an_outlets_headline_that_names_no_one_loses_to_one_that_does():
    from newsdigest.stories.assemble import choose_title

    outlets = _ferry("outlet", "The veteran has brought the ferry home", "A storm hit Kelport on Sunday.",
                     derived=False)
    whole = _ferry("whole", "Tessel ferry docks safely at Kelport after storm",
                   "Tessel ferry docks safely at Kelport after storm.")
    assert choose_title([outlets, whole]) == "Tessel ferry docks safely at Kelport after storm"


def test_summary_drops_the_page_label_an_outlet_put_before_its_lead():
    from newsdigest.stories.analysis import analyse

    lead = "Ferry crossings between Oskel and Kelport will resume on Thursday after repairs to the quay."
    rest = "The storm tore two pontoons loose and flooded the ticket office last week."
    bodies = [f"Update: {lead}\n\n{rest}", f"{lead}\n\n{rest}"]
    summary = analyse([post(f"u{i}", body, f"Ferries to resume ({i})", i) for i, body in enumerate(bodies)]).summary
    assert summary.startswith("Ferry crossings between Oskel")


def test_summary_leaves_out_a_site_speaking_of_its_own_page_but_keeps_a_company_in_the_news():
    from newsdigest.stories.analysis import analyse
    from newsdigest.stories.summary import lead as lead_of

    lead = "The Kelport harbour board has reopened the north quay to ferries after a month of repairs."
    page = "To mark the reopening, portwatch.net gathers twenty photographs of the quay through the years."
    news = "Tesselferries.com has agreed to run four crossings a day from the quay until October."
    bodies = [f"{lead}\n\n{page}\n\n{news}", f"{lead}\n\n{page}\n\n{news}"]
    versions = [post(f"q{i}", body, f"North quay reopens ({i})", None) for i, body in enumerate(bodies)]
    summary = analyse(versions).summary
    assert summary.startswith("The Kelport harbour board") and "Tesselferries.com has agreed" in summary
    assert "gathers" not in summary
    assert "gathers" not in lead_of(versions[0]) and "Tesselferries.com" in lead_of(versions[0])


def test_summary_does_not_tell_one_lead_twice_in_two_outlets_words():
    from newsdigest.stories.analysis import analyse

    bodies = ["The Tessel ferry that lost power off Oskel was towed into Kelport by a tug on Sunday.",
              "The Tessel ferry that lost power off Oskel reached Kelport under tow with 200 passengers aboard."]
    rest = "The harbour board closed the outer channel until the storm passes."
    summary = analyse([post(f"c{i}", f"{body}\n\n{rest}", f"Ferry towed to Kelport ({i})", i)
                       for i, body in enumerate(bodies)]).summary
    assert summary.count("The Tessel ferry that lost power") == 1


def test_two_statements_that_only_open_alike_are_not_one():
    from newsdigest.stories.standalone import repeats

    assert not repeats("The harbour board said the quay would reopen in June after repairs.",
                       "The harbour board said two pilots had resigned over unpaid wages.")
    # One remark quoted twice, framed apart, is one statement; two quotations sharing a word or two are not.
    assert repeats("“The plan is a disgrace to the town. It must go,” said Ada Brask, the pilots' spokeswoman.",
                   "Speaking on the radio, Ada Brask called the harbour plan “a disgrace to the town.”")
    assert not repeats("“The plan must go,” said Ada Brask.", "“The ferry must go faster,” the mayor said.")


def test_summary_opens_on_what_independent_versions_lead_with_not_the_details_they_share():
    from newsdigest.stories.analysis import analyse

    # Three outlets word their first two sentences apart; all of them carry the same background lines further down.
    leads = ["Ivo Brant resigned on Monday as harbour master of Kelport after a ferry ran aground.\n\n"
             "Passengers were taken off by lifeboat before the tide turned.",
             "The port boss quit, days after the grounding of a vessel carrying 200 passengers.\n\n"
             "Councillors had demanded an inquiry into the night crossing.",
             "The man in charge of the docks has stepped down following last week's accident in the bay.\n\n"
             "A deputy will run the harbour until a successor is named in June."]
    details = ("Shipyards in Oskel refitted the ferry two winters ago for a sum nobody would confirm.\n\n"
               "An operator on the northern lakes bought its sister ship in the spring.\n\n"
               "About a thousand passengers a week cross the bay on the route in summer.")
    titles = ["Shake-up on the waterfront", "Waterfront exit", "Exit on the waterfront"]  # no help from headlines
    summary = analyse([post(f"k{i}", f"{lead}\n\n{details}", titles[i], i) for i, lead in enumerate(leads)]).summary
    assert summary.startswith(tuple(lead.split("\n")[0] for lead in leads))


def test_summary_opens_on_the_first_sentence_the_others_agree_with_not_the_one_the_headlines_echo():
    from newsdigest.stories.analysis import analyse

    # No two first sentences alike; two tell the sale, one how it was received, and every headline is about that.
    firsts = ["Oskel will sell its ferry quay to a Kelport shipyard, the town decided on Tuesday.",
              "A Kelport shipyard is to buy the landing stage in Oskel after a council vote.",
              "Campaigners who fought for two years with petitions and marches booed as the result was read out in "
              "the hall."]
    rest = "The shipyard will pay two million crowns and keep the quay open to fishing boats."
    titles = ["Campaigners boo result after years of petitions", "Marches and petitions end in boos",
              "Two years of campaigners' marches"]
    summary = analyse([post(f"s{i}", f"{first}\n\n{rest}", titles[i], i)
                       for i, first in enumerate(firsts)]).summary
    assert summary.startswith(tuple(firsts[:2]))


@pytest.mark.parametrize("line, lead", [
    # Cut mid-phrase.
    (_MID_CUT, _MID_LEAD),
    # Cut before "after", but inside its subject's relative clause: the main verb is still to come.
    ("A Tessel ferry that drifted for a day without power",
     "A Tessel ferry that drifted for a day without power after its engines failed was towed into Kelport on "
     "Sunday by a harbour tug."),
])
def test_a_line_cut_before_a_clause_ranks_above_one_cut_mid_phrase(line, lead):
    from newsdigest.stories.assemble import choose_title

    assert choose_title([_ferry("other", line, lead), _ferry("clause", _CLAUSE_CUT, _CLAUSE_LEAD)]) == _CLAUSE_CUT


def test_summary_drops_the_outlets_own_name_run_into_its_lead():
    from newsdigest.stories.analysis import analyse

    lead = "The Kelbury council voted on Monday to close two of the town's four libraries to save money."
    rest = "The libraries will shut their doors at the end of June after two more public hearings."
    versions = [post("c0", f"Kelbury Courier-{lead}\n\n{rest}", "Kelbury to shut two libraries", 0,
                     outlet="Kelbury Courier"),
                post("c1", f"{lead}\n\n{rest}", "Two Kelbury libraries to close", 1, outlet="Tessel Post")]
    assert analyse(versions).summary.startswith("The Kelbury council voted")
    lone = analyse([versions[0]]).summary
    assert lone.startswith("The Kelbury council voted")


def test_summary_never_opens_a_sentence_inside_a_quotation_begun_before_it():
    from newsdigest.stories.analysis import analyse

    lead = "Ada Brask left the Kelport rowing club on Monday, her coach told the Kelport Courier."
    cut = ("Ada Brask left the Kelport rowing club on Monday, her coach told the Courier. She will row for "
           "Oskel from the spring and we wish her well, \" the coach, Ivo Lind, told the paper.")
    news = "The club has trained eleven national rowers in the boathouse beside the harbour."
    bodies = [f"{cut}\n\n{news}", f"{lead}\n\n{news}", f"{cut}\n\n{news}"]
    summary = analyse([post(f"r{i}", body, f"Brask leaves club ({i})", i) for i, body in enumerate(bodies)]).summary
    assert "we wish her well" not in summary


@pytest.mark.parametrize("first, second", [
    # One figure of one noun under two acts: the dead and the arrested are two groups.
    ("Ten people were killed when the Kelbury ferry capsized in a storm on Sunday.",
     "Ten people were arrested on Monday, among them ferry staff at the Kelbury quay."),
    # One figure of two measured things, under two verbs, read past a preposition or not.
    ("Unemployment in Kelbury fell to 5 percent last year.", "Turnout in Kelbury rose 5 percent on the last vote."),
    ("Unemployment in Kelbury climbed to 5.5 percent last year.",
     "Turnout in Kelbury rose to 5.5 percent on the last vote."),
    # A round percentage under one verb: nothing but the figure ties the two.
    ("Unemployment in Kelbury rose to 5 percent as the shipyard shed jobs.",
     "Turnout in Kelbury rose to 5 percent above the last council vote."),
    # An age is no fact of the event.
    ("Ann Roe, 34, was charged with arson on Monday.", "Roe, 34, denied setting the fire at the quay."),
    # A round sum with no act said of it recurs by chance.
    ("The quay repairs cost Kelbury $1 million last year.", "A $1 million grant from the state will buy new lifeboats."),
    # An act on one side only: ten aboard is not ten dead.
    ("Ten people were killed when the Kelbury ferry capsized.", "Ten people were aboard the Kelbury ferry when it sailed."),
    # One value in two units under one verb.
    ("Sales at the yard rose to 45 percent of the market.", "The crew rose to 45 sailors after the refit."),
    # One noun, two figures.
    ("Twelve people died when fire swept the Kelbury ferry on Sunday.", "Officials said the blaze killed 11 people."),
    # A count of two nouns.
    ("Twelve passengers died when fire swept the Kelbury ferry.", "The fire also killed 12 gulls nesting on the quay."),
])
def test_one_figure_measuring_two_things_is_two_pieces_of_news(first, second):
    from newsdigest.stories.standalone import repeats

    assert not repeats(first, second) and not repeats(second, first)


@pytest.mark.parametrize("first, second", [
    # A price given twice in words apart: no act said of a specific figure in either.
    ("Acme agreed to buy the Beta shipyard for $2.1 billion on Monday.",
     "The purchase makes Acme the largest builder of ferries on the coast, in a $2.1 billion deal."),
    # One count of one noun under two words of one outcome.
    ("Twelve people died when fire swept the Kelbury ferry on Sunday.",
     "Officials said the blaze killed 12 people, most of them crew."),
    # Two names of one count under one act.
    ("The yard laid off 6,500 workers on Monday, the union said.", "Acme has laid off 6,500 employees since the spring."),
    # A specific percentage under one verb, read past a preposition.
    ("Profit at the yard rose to 4.5 percent, the owners said.", "The yard's profit rose to 4.5 percent after the refit."),
])
def test_one_figure_of_one_thing_under_one_act_is_told_once(first, second):
    from newsdigest.stories.standalone import repeats

    assert repeats(first, second) and repeats(second, first)


def test_summary_gives_a_price_once_and_keeps_the_news_after_it():
    from newsdigest.stories.analysis import analyse

    body = ("Acme agreed on Monday to buy the Beta shipyard in Oskel for $2.1 billion.\n\n"
            "Acme's $2.1 billion purchase of the yard makes it the largest builder of ferries on the coast.\n\n"
            "Ten people were killed at the Oskel yard last spring when a crane collapsed.\n\n"
            "Ten people were arrested after protests outside the yard's gates on Tuesday.")
    summary = analyse([post("lone", body, "Acme buys Beta shipyard")]).summary
    assert summary.count("$2.1 billion") == 1
    assert "crane collapsed" in summary


def test_summary_keeps_two_counts_of_one_figure_under_two_acts():
    from newsdigest.stories.analysis import analyse

    body = ("Ten people were killed when the Kelbury ferry capsized in a storm on Sunday.\n\n"
            "Ten people were arrested on Monday, among them ferry staff at the Kelbury quay.\n\n"
            "The harbour board closed the quay until an inquiry reports.")
    summary = analyse([post("lone", body, "Kelbury ferry capsizes")]).summary
    assert "killed" in summary and "arrested" in summary
