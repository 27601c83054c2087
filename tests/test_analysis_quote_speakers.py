"""Who said each quote: the credit read from the attribution's grammar, or no credit at all.

Each test is a shape news copy credits a quote in, written for the test with made-up people, places and
words; a reader would see the wrong name on the story page if the shape were misread.
"""

from __future__ import annotations

from analysis_fixtures import post

from newsdigest.stories.quotes import analyse_quotes, find_quotes


def speakers(body: str) -> dict[str, str | None]:
    """Each quote of a one-version body, with the speaker credited."""
    return {q.text: q.speaker for q in find_quotes(post("a", body))}


def test_a_place_or_body_after_a_preposition_is_not_the_speaker():
    body = ("“The tide tables are wrong again,” a boatman from Orlmouth said on the quay.\n\n"
            "“Our members will vote by Monday,” Ivo Brandt, director of the Kelmore Foundation for Quiet "
            "Streets, said by telephone.\n\n"
            "“Nobody knows who lit the bonfire,” the Rev. Oskar Lind of the Harwell Street Chapel told "
            "reporters.")
    assert speakers(body) == {
        "The tide tables are wrong again": None,  # not Orlmouth, the place the boatman is from
        "Our members will vote by Monday": "Ivo Brandt",
        "Nobody knows who lit the bonfire": "Oskar Lind",
    }


def test_a_pronoun_stands_for_a_person_not_for_a_party_or_a_body():
    body = ("“We will win the marshes back,” Mr. Tallis said at the dinner.\n\n"
            "Local Harbour Party branches are weak in the marshes, where the party lost four seats.\n\n"
            "“We will rebuild every one of them,” he said.")
    assert speakers(body)["We will rebuild every one of them"] == "Tallis"
    body = ("“Rents for a small flat rose by a fifth in a year,” the Dunmere Institute said on Monday.\n\n"
            "“Families on the estate cannot keep up with that,” he said.")
    assert speakers(body)["Families on the estate cannot keep up with that"] is None


def test_a_name_inside_the_quote_before_is_not_the_next_quotes_speaker():
    # A groom speaks of his horse's rider; the paragraph after goes on with the groom, not with the rider he named.
    body = ("\"Rafe Dunmore rides the grey mare better than anyone,\" Ellis Varga said.\n\n"
            "\"Rafe kept her calm at every fence on Sunday.\"")
    assert speakers(body)["Rafe kept her calm at every fence on Sunday."] == "Ellis Varga"


def test_he_said_after_sentences_about_him_is_the_man_they_are_about():
    body = ("“The shelter is full tonight,” said spokesman Piet Rand.\n\n"
            "Miro Askel, treated for cuts to his arms, said he had come to the hall with his family.\n\n"
            "He said the roof fell in when the storm hit.\n\n"
            "“I saw the beams come down on the people by the door,” he said.")
    assert speakers(body)["I saw the beams come down on the people by the door"] == "Miro Askel"


def test_he_said_after_a_sentence_naming_someone_new_is_no_credit_to_the_last_one_quoted():
    body = ("“Our nets held for most of the season,” skipper Dag Morrow said.\n\n"
            "Much of the catch was landed by Cole Brandt, who fished the northern banks alone.\n\n"
            "“This season is the best I have had,” he said.")
    assert speakers(body)["This season is the best I have had"] is None  # Morrow or Brandt: we cannot tell


def test_he_is_not_someone_the_text_calls_ms():
    body = ("“The ferry timetable will change in May,” said Ms. Ilse Varn, the port manager.\n\n"
            "Ms. Varn spoke after the mayor announced the new route.\n\n"
            "“I wanted the change for years,” he said.\n\n"
            "“We will publish it next week,” said Mr. Teo Brask.\n\n"
            "Mr. Brask did not say when the old route ends.\n\n"
            "“It was never enough,” she said.")
    found = speakers(body)
    assert found["I wanted the change for years"] is None
    assert found["It was never enough"] is None


def test_a_role_is_the_person_the_text_introduced_in_it_or_nobody():
    body = ("“The ward is full,” said Ema Voss, a doctor at the Lindfield clinic.\n\n"
            "Rescue teams dug through the night, the governor, Aldo Prent, said.\n\n"
            "“We have treated dozens of hikers since the morning,” added the doctor.\n\n"
            "“We need more blankets in the valley,” the nurse said.")
    found = speakers(body)
    assert found["We have treated dozens of hikers since the morning"] == "Ema Voss"
    assert found["We need more blankets in the valley"] is None  # not the doctor, not the governor


def test_a_document_is_credited_as_the_sentence_names_it_with_its_author_where_named():
    body = ("Forty rowers signed the petition to the club.\n\n"
            "The petition reads: “The boathouse must stay open on winter evenings for every crew.”\n\n"
            "“Every crew must pay its share of the new roof,” the Harwell Rowing Club letter says.\n\n"
            "A letter from Edda Marsh last week states: “The slipway needs a rail before the first frost.”\n\n"
            "“The towpath lamps go out at nine,” a statement from the Tarrow Water Board said.\n\n"
            "“The weir is safe to walk on,” a letter from Harwell residents said.\n\n"
            "“The ferry fares will rise in May,” the KRB statement said.\n\n"
            "“The quay stays shut until the crane is fixed,” said a notice from the Kelmore Port Trust on Monday.\n\n"
            "Edo Lamm wrote to the club in March. “I cannot row again this year,” his letter says.")
    assert speakers(body) == {
        "The boathouse must stay open on winter evenings for every crew.": "the petition",
        "Every crew must pay its share of the new roof": "the Harwell Rowing Club letter",
        "The slipway needs a rail before the first frost.": "a letter from Edda Marsh",  # not just "the letter"
        "The towpath lamps go out at nine": "a statement from the Tarrow Water Board",
        "The weir is safe to walk on": "a letter from Harwell residents",  # not "Harwell", a place
        "The ferry fares will rise in May": "the KRB statement",
        "The quay stays shut until the crane is fixed": "a notice from the Kelmore Port Trust",  # not "on Monday"
        "I cannot row again this year": "the letter",  # the one the text spoke of, whoever "his" is
    }


def test_a_document_spoken_about_is_not_the_credit_nor_is_its_author():
    body = ("The Ilse Varga ad was denounced by the Quay Society, a boatmen's club, which said it was “wrong for "
            "Mrs. Varga to promise a bridge she cannot pay for.”")
    assert speakers(body)["wrong for Mrs. Varga to promise a bridge she cannot pay for."] is None  # not the ad


def test_a_document_credit_is_never_a_rival_speaker_and_a_person_named_outweighs_it():
    words = "Pleasure boats will stay out until our new wall is finished"
    letter = post("a", f"“{words},” the Kelmore Port Trust letter says.")
    quotes, disputes = analyse_quotes([letter, post("b", f"“{words},” Ivo Brandt said on Monday.")])
    assert [q.speaker for q in quotes] == ["Ivo Brandt"]
    assert not [d for d in disputes if d.subject.startswith("Who said")]  # a letter is no rival to its writer
    inferred = post("b", f"Ivo Brandt runs the trust.\n\n“{words},” he said.")
    assert [q.speaker for q in analyse_quotes([letter, inferred])[0]] == ["Ivo Brandt"]


def test_a_name_after_a_comma_is_the_speaker_only_after_a_role():
    body = ("“We will reopen the pier before the summer season,” said Ilse Varga last week, Kelmore Radio "
            "reported.\n\n"
            "“The tide will not wait for the council,” said Mayor Varga quietly, Bo Hale standing beside her.\n\n"
            "“The nets are mended and the boats are ready,” said Edo Lamm yesterday, Harwell's harbour master.\n\n"
            "“The barges will wait at the lock,” said a Morrinese river board spokesman, Oskar Lind.\n\n"
            "“The locks open at dawn,” said Edo Lamm the river board spokesman, Kelmore Radio reported.\n\n"
            "“The ferry is late again,” said Bo Hale yesterday, Harwell Quay.")
    assert speakers(body) == {"We will reopen the pier before the summer season": "Ilse Varga",  # not the radio
                              "The tide will not wait for the council": "Varga",  # not Bo Hale
                              "The nets are mended and the boats are ready": "Edo Lamm",
                              "The barges will wait at the lock": "Oskar Lind",
                              "The locks open at dawn": "Edo Lamm",  # the radio reported, it did not speak
                              "The ferry is late again": "Bo Hale"}  # a place after the time, not a role


def test_the_pronoun_before_the_verb_is_its_subject_not_a_name_earlier_in_the_sentence():
    body = ("Mr. Lind thanked the volunteers on Sunday, and then she added, “The dunes are cleaner than they "
            "have been in years.”")
    assert speakers(body) == {"The dunes are cleaner than they have been in years.": None}  # not Mr. Lind


def test_two_people_speaking_in_one_paragraph_are_each_credited_and_not_disputed():
    a = post("a", "“The tower will stand for another century,” said architect Remi Voskuil, while the "
                  "councillor, Ada Brennick, said: “We will close the square to buses until the summer.”")
    b = post("b", "Architect Remi Voskuil insisted that “the tower will stand for another century”, but Ada "
                  "Brennick told the meeting, “We will close the square to buses until the summer.”")
    c = post("c", "“We will close the square to buses until the summer,” Brennick said on Friday.")
    assert speakers(a.body) == {"The tower will stand for another century": "Remi Voskuil",
                                "We will close the square to buses until the summer.": "Ada Brennick"}
    quotes, disputes = analyse_quotes([a, b, c])
    assert {q.text: q.speaker for q in quotes if len(q.post_ids) > 1} == {
        "We will close the square to buses until the summer.": "Ada Brennick",
        "The tower will stand for another century": "Remi Voskuil"}
    assert disputes == ()


def test_quote_marks_mixed_by_an_editor_still_make_quotes_with_their_speaker():
    body = ("Governor Hal Moreno signed the order on Monday.\n\n"
            "“I find the new fishing quota unfair to every family here,\" Moreno said in a statement. \"The "
            "state will fight it in every court that will hear us.\"")
    assert speakers(body) == {
        "I find the new fishing quota unfair to every family here": "Moreno",
        "The state will fight it in every court that will hear us.": "Moreno",
    }


def test_titles_roles_and_a_teams_name_are_not_part_of_the_speakers_name():
    body = ("“We know about the problem with our goalkeeper,” said Harbour general manager A.J. Kell.\n\n"
            "“The vote will be held on Thursday,” Council Majority Leader Ines Varro said.\n\n"
            "“I heard the ice crack under the whole lake,” east Osk district resident Talia Brenn told reporters.\n\n"
            "“The lighthouse will be painted in June,” said Kelbury Harbour Nils Aaberg.")
    assert speakers(body) == {
        "We know about the problem with our goalkeeper": "A.J. Kell",
        "The vote will be held on Thursday": "Ines Varro",
        "I heard the ice crack under the whole lake": "Talia Brenn",
        "The lighthouse will be painted in June": "Nils Aaberg",  # two words of a run: the body's come first
    }


def test_the_story_shows_the_fullest_name_it_uses_for_the_speaker():
    a = post("a", "Ida Maren Solberg opened the new library on Friday.\n\n"
                  "“Every child in the valley deserves a quiet place to read,” Maren Solberg said.")
    b = post("b", "“Every child in the valley deserves a quiet place to read,” Solberg said.")
    c = post("c", "“The oak by the gate is older than the town itself,” said Ada Lind Prince.")
    d = post("d", "“The oak by the gate is older than the town itself,” Ada Lind Prince told visitors.")
    assert {q.text: q.speaker for q in analyse_quotes([a, b])[0]} == {
        "Every child in the valley deserves a quiet place to read": "Ida Maren Solberg"}
    assert {q.text: q.speaker for q in analyse_quotes([c, d])[0]} == {
        "The oak by the gate is older than the town itself": "Ada Lind Prince"}  # a surname that is also a title


def test_a_body_named_at_length_is_not_cut_into_a_persons_name():
    body = ("“The pier will close for repairs,” the Kelbury Department of Roads said on Monday.\n\n"
            "“No ferry will sail before the spring,” the Roads and Bridges Committee said.\n\n"
            "Will Vessa Line keep its summer timetable? “We have not decided anything yet,” Ulla Brekke said.\n\n"
            "“Fees will rise by a tenth in April,” the Kelbury Harbour Users Trust said.\n\n"
            "The club in a letter said: “The slipway is closed until further notice.”")
    assert speakers(body) == {
        "The pier will close for repairs": None,
        "No ferry will sail before the spring": None,
        "We have not decided anything yet": "Ulla Brekke",
        "Fees will rise by a tenth in April": "Kelbury Harbour Users Trust",  # not cut to "Users Trust"
        "The slipway is closed until further notice.": None,  # not "the club in a letter"
    }


def test_a_speaker_named_in_one_version_outweighs_a_pronoun_in_another():
    a = post("a", "“The bridge will reopen in May after the repairs,” Dana Roe said.")
    b = post("b", "Bo Kell opened the meeting at the town hall.\n\n"
                  "“The bridge will reopen in May after the repairs,” she said.")
    quotes, disputes = analyse_quotes([a, b])
    [shared] = [q for q in quotes if len(q.post_ids) == 2]
    assert shared.speaker == "Dana Roe"
    assert disputes == ()  # a credit read from a pronoun is too weak to accuse an outlet of


def test_a_quote_running_on_into_the_next_paragraph_is_read_with_its_speaker():
    body = ("Lena Veld, who runs a pottery in the town, posted on her page: “I have nothing against the new road, "
            "but it should not cut the common in two.\n\n"
            "“The common belongs to every family in the valley.”")
    assert speakers(body) == {
        "I have nothing against the new road, but it should not cut the common in two.": "Lena Veld",
        "The common belongs to every family in the valley.": "Lena Veld",
    }


def test_a_credit_to_someone_unnamed_is_no_credit_to_a_neighbour():
    body = ("“The port has been quiet all winter,” said Piet Rand, the harbour master.\n\n"
            "Piet Rand said the cafes along the quay have closed early this week.\n\n"
            "“Nobody comes down here since the ferry stopped,” a fishmonger on the quay said.")
    assert speakers(body)["Nobody comes down here since the ferry stopped"] is None


def test_he_is_not_the_last_one_quoted_when_someone_else_was_named_since():
    body = ("“The ferry will run again in spring,” said Piet Rand.\n\n"
            "His neighbour, Julian Okoro, also a fisherman, agreed with him.\n\n"
            "Two years ago, he recalled, the ferry stopped for a month.\n\n"
            "“We all lost money that winter,” he said.")
    assert speakers(body)["We all lost money that winter"] is None


def test_a_named_person_outweighs_the_document_they_read_from():
    a = post("a", "“The club cannot sell the pitch without a vote of its members,” the letter stated.")
    b = post("b", "Reading from the letter, Mr. Okafor added, “The club cannot sell the pitch without a vote of its "
                  "members.”")
    c = post("c", "The members’ letter ended, “The club cannot sell the pitch without a vote of its members.”")
    [shared] = [q for q in analyse_quotes([a, b, c])[0] if len(q.post_ids) == 3]
    assert shared.speaker == "Okafor"


def test_each_part_of_a_quote_is_shown_once_with_the_versions_that_carry_all_of_it():
    # One version quotes as one passage what another quotes as two; a third quotes only part of one of them.
    a = post("a", "“I am grateful for the support of the fishermen. As mayor, I will dredge the harbour mouth "
                  "within two years and reopen the old slipway,” Ana Roe said in a statement.")
    b = post("b", "“As mayor, I will dredge the harbour mouth within two years and reopen the old slipway,” Roe "
                  "said.\n\n“I am grateful for the support of the fishermen,” she added.")
    c = post("c", "“I will dredge the harbour mouth within two years,” Roe said on Monday.")
    quotes = [(q.text, q.post_ids) for q in analyse_quotes([a, b, c])[0] if len(q.post_ids) >= 2]
    assert sorted(quotes) == [
        ("As mayor, I will dredge the harbour mouth within two years and reopen the old slipway", ("a", "b")),
        ("I am grateful for the support of the fishermen", ("a", "b")),
    ]  # c's part is not shown again; a's whole passage is credited to no version that quotes only a part


def test_a_name_in_a_relative_clause_is_not_the_subject_it_describes():
    body = ("The harbour master, who met the mayor Ines Varro on Monday, claims the pier is sound.\n\n"
            "He told the council the old pier would \"sink a little further every winter\" if it were left alone.")
    assert speakers(body)["sink a little further every winter"] is None


def test_a_name_used_as_a_modifier_introduces_no_one_and_a_lone_closing_mark_hides_nothing():
    body = ("Voters in the hills favour Ivo Vesk by ten points.\n\n"
            "“Our rivals are running out of road,” Vesk campaign chairman Bo Lind said. “We lead in every valley "
            "by ten points.\n\n"
            "“Their latest leaflet is nothing but mud,” he said.\n\n"
            "\"Job done.\n\n"
            "We will enjoy this one tonight, \" coach Arne Dahl said.\n\n"
            "\"With Berg back from injury on Monday, the squad looks settled again.\"")
    found = speakers(body)
    assert found["Their latest leaflet is nothing but mud"] == "Bo Lind"
    assert found["With Berg back from injury on Monday, the squad looks settled again."] == "Arne Dahl"


def test_he_after_a_sentence_about_someone_named_by_a_role_is_not_the_last_one_quoted():
    body = ("“No route is ruled out,” said transport secretary Ann Roe.\n\n"
            "The Kelbury leader, who spent Monday with the prime minister Bo Lind, claims his trains run on time.\n\n"
            "He told the rail board his line would “grind to a halt by the autumn” on the old carriages.")
    assert speakers(body)["grind to a halt by the autumn"] is None  # not Ann Roe, Bo Lind or "Kelbury"


def test_a_version_holding_a_quotes_word_pairs_scattered_does_not_carry_it():
    a = post("a", "“The port fee is a shameful waste of the money of the harbour,” Ada Roe said.")
    b = post("b", "“The council wants the money of the harbour board for roads. This is a shameful waste of time that "
                  "we will fight,” Bo Lind said.")
    c = post("c", "Ada Roe called the fee “a shameful waste of the money of the harbour”.")
    shared = [(q.text, q.speaker, q.post_ids) for q in analyse_quotes([a, b, c])[0] if len(q.post_ids) >= 2]
    assert shared == [("The port fee is a shameful waste of the money of the harbour", "Ada Roe", ("a", "c"))]


def test_someone_a_speaker_speaks_for_or_a_clause_names_first_is_not_the_speaker():
    body = ("“The pool stays shut until the pumps are mended,” said a spokeswoman for Mayor Ema Stroud.\n\n"
            "After Ema Stroud closed the pool, the lifeguard Niko Varga objected.\n\n"
            "“The water was clean every single day,” he said.")
    assert speakers(body) == {"The pool stays shut until the pumps are mended": None,
                              "The water was clean every single day": None}  # never Ema Stroud


def test_a_questions_opening_word_is_not_a_first_name():
    body = ("Ulla Brekke spoke to the crowd after the vote, and the council will meet again in June.\n\n"
            "Will Brekke keep her seat at the next election? “I expect to keep it for as long as the town wants "
            "me,” she said.")
    assert speakers(body)["I expect to keep it for as long as the town wants me"] == "Brekke"


def test_a_quote_cut_with_an_ellipsis_is_still_the_quote_it_was_cut_from():
    a = post("a", "“We will not stand by … while the council sells the last green field in the parish,” the letter "
                  "states.")
    b = post("b", "“We will not stand by, as parents and as neighbours of the school, while the council sells the last "
                  "green field in the parish,” the letter says.")
    shared = [q.post_ids for q in analyse_quotes([a, b])[0] if len(q.post_ids) == 2]
    assert shared == [("a", "b")]


def test_a_fuller_name_is_shown_only_where_the_story_is_clear_about_it():
    a = post("a", "Brightmoor Ana Vass spoke at the plant on Monday. Brightmoor has run the dairy since the war.\n\n"
                  "“We will hire forty people by June,” Vass said.")
    b = post("b", "“We will hire forty people by June,” Vass told reporters.")
    c = post("c", "Ada Roe and her brother Bo Roe opened the bakery on Monday.\n\n"
                  "“The first loaf came out of the oven at five,” Roe said.")
    d = post("d", "“The first loaf came out of the oven at five,” Roe said.")
    assert {q.text: q.speaker for q in analyse_quotes([a, b])[0]} == {
        "We will hire forty people by June": "Ana Vass"}  # not "Brightmoor Ana Vass": Brightmoor is the dairy
    assert {q.text: q.speaker for q in analyse_quotes([c, d])[0]} == {
        "The first loaf came out of the oven at five": "Roe"}  # Ada or Bo: the story does not tell


def test_a_quote_two_versions_cut_differently_is_shared_in_the_words_they_both_quote():
    a = post("a", "“Where were you all winter, Ana? You were arguing about the colour of the new benches on the square,” "
                  "said Bo Kell, the mayor.")
    b = post("b", "“You were arguing about the colour of the new benches on the square. The roads are still broken,” "
                  "Kell said.")
    shared = [(q.text, q.speaker, q.post_ids) for q in analyse_quotes([a, b])[0] if len(q.post_ids) == 2]
    assert shared == [("You were arguing about the colour of the new benches on the square", "Bo Kell", ("a", "b"))]


def test_two_statements_sharing_a_stock_phrase_are_not_one_quote():
    a = post("a", "“The national security of the United States comes first in every budget,” Ada Roe said.")
    b = post("b", "“We ask what the national security of the United States needs from the harbour,” Bo Lind said.")
    assert [q for q in analyse_quotes([a, b])[0] if len(q.post_ids) == 2] == []


def test_a_role_is_no_one_a_rank_a_time_or_a_headline_puts_before_it():
    body = ("Chair Appoints Trustee-Elect to Fenmoor Board\n\n"
            "Until Lammas, the director and two volunteers worked on the hide every weekend.\n\n"
            "The reed beds were cut after Candlemas, the director and the warden having waited for the frost.\n\n"
            "In May the deputy director, Ola Brandvik, opened the new hide on the marsh.\n\n"
            "Bo Fenn, the lawyer for the chairman, read out the rules.\n\n"
            "The vice chairman Sten Olafsen walked the reed beds with the volunteers.\n\n"
            "“The hide will be open to walkers until the autumn,” the director said.\n\n"
            "“Nobody may bring a dog onto the marsh,” the chairman said.\n\n"
            "“The warden starts on Monday,” the chair said.")
    assert speakers(body) == {
        "The hide will be open to walkers until the autumn": None,  # not "Lammas", "Candlemas" or the deputy
        "Nobody may bring a dog onto the marsh": None,  # not the vice chairman, nor the chairman's lawyer
        "The warden starts on Monday": None,  # not "Appoints Trustee-Elect", read from the headline
    }


def test_a_place_opening_the_sentence_is_not_the_subject_of_its_verb_of_saying():
    body = ("In Tarn Hollow, some forty families slept in the chapel while the water rose, a council officer told "
            "reporters.\n\n“The lane was under a metre of water by dawn,” he added.")
    assert speakers(body) == {"The lane was under a metre of water by dawn": None}  # not "Tarn Hollow"


def test_people_credited_together_are_neither_credited_alone_nor_disputed():
    a = post("a", "“The quarry will close its gates before the first snow,” Edda Vinter and Sol Marek said in a "
                  "statement.")
    b = post("b", "“The quarry will close its gates before the first snow,” Sol Marek said.")
    c = post("c", "Edda Vinter said: “The quarry will close its gates before the first snow.”")
    quotes, disputes = analyse_quotes([a, b, c])
    assert [q.post_ids for q in quotes] == [("a", "b", "c")]
    assert disputes == ()  # one version credits both: the other two each name one of them
    assert speakers("“The quarry will close its gates before the first snow,” said the owners Edda Vinter and Sol "
                    "Marek in a letter.") == {"The quarry will close its gates before the first snow": None}


def test_a_bodys_name_keeps_its_title_words_and_a_body_is_no_rival_to_its_spokesman():
    body = ("“No visas will be issued this week,” the Interior Ministry said.\n\n"
            "“The embassy will reopen soon,” the Foreign Office said.\n\n"
            "“Nobody has been charged so far,” the Justice Department said.")
    assert speakers(body) == {
        "No visas will be issued this week": "Interior Ministry",  # not "Ministry"
        "The embassy will reopen soon": "Foreign Office",
        "Nobody has been charged so far": "Justice Department",
    }
    a = post("a", "“The ferry to the islands will sail again on Friday morning,” the Transport Ministry said.")
    b = post("b", "“The ferry to the islands will sail again on Friday morning,” said Deputy Minister Vera Holt.")
    assert analyse_quotes([a, b])[1] == ()


def test_a_name_after_the_role_that_follows_the_verb_is_the_speaker_unless_it_opens_a_clause():
    body = ("“The orchard will be sold by spring,” said the trust's treasurer, Ulf Brenn.\n\n"
            "“Every tree will be counted first,” said the minister, Ivo Pedersby.\n\n"
            "“The sale is not yet certain,” said an aide, Kelbury Radio reported.")
    assert speakers(body) == {
        "The orchard will be sold by spring": "Ulf Brenn",
        "Every tree will be counted first": "Ivo Pedersby",
        "The sale is not yet certain": None,  # the radio reported it; the aide said it
    }


def test_a_word_for_all_or_some_of_a_group_is_not_part_of_a_name():
    a = post("a", "Both Ana Vass and Bo Kell signed the lease on Monday. Ana Vass runs the bakery.\n\n"
                  "“We will open the new shop on the square in June,” Vass said.")
    b = post("b", "“We will open the new shop on the square in June,” Vass told reporters.")
    assert [q.speaker for q in analyse_quotes([a, b])[0]] == ["Ana Vass"]  # "Both Ana Vass" is no fuller name


def test_a_partys_members_are_not_a_speakers_name():
    body = ("The Greens lost two seats, and the Conservatives gained three.\n\n"
            "“The count was fair and we accept the result,” the Conservatives said.")
    assert speakers(body) == {"The count was fair and we accept the result": None}


def test_two_statements_sharing_nine_words_in_a_row_are_not_one_quote():
    a = post("a", "“Nobody on this council should ever forget the promise of a free school place for every child, "
                  "whatever the new building ends up costing the town,” Ada Roe said.")
    b = post("b", "“We were elected four years ago on the promise of a free school place for every child living in "
                  "the valley and the hills around it,” Bo Lind said.")
    assert [q for q in analyse_quotes([a, b])[0] if len(q.post_ids) == 2] == []


def test_the_sentence_shown_with_a_quote_is_not_cut_at_a_speakers_initials():
    from newsdigest.stories.quotes import _body_quotes

    body = ("The club spoke late on Sunday.\n\n“We are aware of the matter and are looking into it,” general "
            "manager A.J. Dunmore said. He left.")
    [quote] = _body_quotes(body, 0)
    assert quote.sentence == ("“We are aware of the matter and are looking into it,” general manager A.J. Dunmore "
                              "said.")


def test_according_to_names_the_speaker_unless_the_quote_is_credited_before_it():
    # The radio named after "according to" reported what the guards told the crowd; it said nothing itself.
    assert speakers("“Back away from the quay now,” guards told the crowd, according to Kelbury Radio.") == {
        "Back away from the quay now": None}
    assert speakers("According to Ada Quill, “the ferries will run all winter from the old quay.”") == {
        "the ferries will run all winter from the old quay.": "Ada Quill"}
    assert speakers("“The ferries will run all winter,” according to Ada Quill, the harbour master.") == {
        "The ferries will run all winter": "Ada Quill"}
    assert speakers("The hull \" was holed below the waterline before it sank, \" according to a diving team "
                    "paid by the Quill estate.") == {"was holed below the waterline before it sank": None}


def test_a_sentence_opening_with_according_to_a_paper_or_a_body_credits_neither():
    assert speakers("According to the Kelbury Ledger, the harbour master had “no plan for the winter at all.”") == {
        "no plan for the winter at all.": None}
    assert speakers("According to the Harbour Board, “the ferries will run all winter from the old quay.”") == {
        "the ferries will run all winter from the old quay.": None}
