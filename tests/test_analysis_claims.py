"""Claims the story page makes only on strong evidence: each test is a claim a reader would see.

Fixtures are written here: short reports of made-up events, told by outlets
that do not copy each other unless a test says so.
"""

from __future__ import annotations

from datetime import datetime, timezone

from analysis_fixtures import post, values

from newsdigest.model import RelationKind
from newsdigest.stories.analysis import analyse
from newsdigest.stories.disagreements import find_disagreements
from newsdigest.stories.numbers import compatible, find_mentions
from newsdigest.stories.quotes import analyse_quotes, find_quotes

# --- disagreements: the same quantity of the same thing ---------------------------------------------


def test_a_count_joined_to_its_unit_is_labelled_as_a_number_of_that_unit():
    # "a 212-page report" counts pages: the label says so, not "Figure given for page".
    a = post("a", "The inspectors published a 212-page report on the Kelmouth dam on Tuesday, the ministry said.")
    b = post("b", "On Tuesday the ministry said the inspectors published a 218-page report on the Kelmouth dam.")
    [d] = find_disagreements([a, b])
    assert values([d]) == [("212", "218")]
    assert d.subject == "Number of pages"

def test_a_number_changed_in_one_outlets_own_sentence_is_found():
    a = post("a", "The strike has left 40,000 homes without heating oil, the port authority said on Monday.\n\n"
                  "Dockers walked out after talks on pay broke down.")
    b = post("b", "Union leaders blamed the port for the walkout.\n\n"
                  "In the region 45,000 homes are now without heating oil as tankers wait offshore.")
    [d] = find_disagreements([a, b])
    assert values([d]) == [("40,000", "45,000")]
    assert "homes" in d.subject
    # "about 40,000" is rounded to the ten thousand: it allows 45,000, so it disputes nothing.
    hedged = post("a", a.body.replace("left 40,000", "left about 40,000"))
    assert find_disagreements([hedged, b]) == ()


def test_two_floors_given_the_same_day_are_two_reports_of_one_figure():
    a = post("a", "Prosecutors say the treasurer funnelled more than $7,300 into the union's strike fund.")
    b = post("b", "The treasurer is accused of funnelling at least $8,000 into the union's strike fund.")
    [d] = find_disagreements([a, b])
    assert values([d]) == [("at least $8,000", "more than $7,300")]
    # The same floor, or a bound against an exact figure it allows, is agreement.
    same = post("b", b.body.replace("at least $8,000", "more than $7,300"))
    exact = post("b", b.body.replace("at least $8,000", "$7,940"))
    assert find_disagreements([a, same]) == () and find_disagreements([a, exact]) == ()
    # A value the floor rules out is a dispute whatever the days.
    below = post("b", b.body.replace("at least $8,000", "$6,500"))
    assert values(find_disagreements([a, below])) == [("$6,500", "more than $7,300")]
    # Ceilings likewise: "fewer than 300" and "under 250" report different figures.
    c = post("c", "Fewer than 300 dockers voted in the strike ballot on Monday, the union said.")
    e = post("e", "Under 250 dockers voted in the strike ballot on Monday, according to the union.")
    assert values(find_disagreements([c, e])) == [("Fewer than 300", "Under 250")]


def test_two_floors_of_different_or_unknown_days_may_tell_a_count_that_grew():
    day_one = post("a", "The fighting in the Varn valley has claimed more than 400 lives, aid agencies said.",
                   published=datetime(2026, 3, 2, tzinfo=timezone.utc))
    day_two = post("b", "The fighting in the Varn valley has now claimed more than 450 lives, aid agencies said.",
                   published=datetime(2026, 3, 4, tzinfo=timezone.utc))
    assert find_disagreements([day_one, day_two]) == ()
    undated = [post(p.id, p.body, published=None) for p in (day_one, day_two)]
    assert find_disagreements(undated) == ()
    same_day = [post(p.id, p.body, published=datetime(2026, 3, 4, tzinfo=timezone.utc)) for p in (day_one, day_two)]
    assert values(find_disagreements(same_day)) == [("more than 400", "more than 450")]


def test_a_bare_repetition_of_a_hedged_figure_allows_what_the_hedge_allows():
    hedged = post("a", "The chairman did not shift on his demand for more than $4 billion, calling it vital.\n\n"
                       "He called the $4 billion for rebuilding the harbour wall non-negotiable.")
    exact = post("b", "The port is asking the ministry for $4.7 billion to rebuild the harbour wall.")
    assert find_disagreements([hedged, exact]) == ()
    bare = post("a", hedged.body.split("\n\n")[1])
    assert values(find_disagreements([bare, exact])) == [("$4 billion", "$4.7 billion")]


def test_ages_and_durations_are_never_compared():
    a = post("a", "The dockers' leader, a 26-year-old crane driver, spoke for almost seven hours on Monday.")
    b = post("b", "The dockers' leader spoke for 27 minutes before the vote on Monday.")
    assert find_disagreements([a, b]) == ()


def test_the_age_of_one_named_person_stated_two_ways_is_a_disagreement():
    a = post("a", "Mr. Okafor, 43, who leads the dockers' union, called the strike on Monday.")
    b = post("b", "The strike was called by Daniel Okafor, 46, the union's general secretary.")
    [d] = find_disagreements([a, b])
    assert values([d]) == [("43", "46")] and "Okafor" in d.subject


def test_a_name_with_a_capital_inside_is_followed_by_an_age():
    # "Ama MacRory, 14," gives a pupil's age: it is no count of the pupils the other version counts.
    a = post("a", "Tomas Vell, 52, who drove 16 pupils to the swimming gala, was praised by the school on Friday.")
    b = post("b", "The school praised Tomas Vell, 52, and Ama MacRory, 14, for their calm on the gala trip on Friday.")
    assert find_disagreements([a, b]) == ()
    assert [m.dimension for m in find_mentions("The school praised Ama MacRory, 14, on Friday.", 0)] == ["age"]


def test_clock_times_and_datelines_are_not_figures():
    assert find_mentions("Talks resumed at 07 GMT and again at 0039 GMT.", 0) == []
    assert find_mentions("LONDON, September 16 (Reuters) - Dockers walked out.", 0) == []


def test_a_score_or_record_names_no_counted_thing():
    # "52-3" is a win-loss record: the figure counts nothing named, so it is never compared.
    assert [m.phrase for m in find_mentions("He improved his record to 52-3 with 46 knockouts.", 0)
            if m.numeral == "52"] in ([], [""])
    a = post("a", "The champion, now 52-3 with 46 knockouts, retained the belt in the seventh round.")
    b = post("b", "The champion, now 53-3 with 46 knockouts, retained the belt in the seventh round.")
    assert all("-3" not in d.subject for d in find_disagreements([a, b]))


def test_hedged_and_rounded_values_allow_what_they_say():
    [about] = find_mentions("about 700,000 workers", 0)
    [exact] = find_mentions("784,000 workers", 0)
    [near] = find_mentions("720,000 workers", 0)
    assert not compatible(about, exact) and compatible(about, near)
    [rounded] = find_mentions("a $3 billion fund", 0)
    [precise] = find_mentions("a $2.6 billion fund", 0)
    assert compatible(rounded, precise)


def test_a_word_ending_in_a_hedge_is_no_hedge():
    # "Cover 90 miles" states 90 miles, which 118 contradicts; "over 90 miles" would allow it.
    [covered] = find_mentions("The money would cover 90 miles of new track.", 0)
    assert (covered.low, covered.high) == (90, 90)
    assert values(find_disagreements([post("a", "The grant would pay for 118 miles of new track."),
                                      post("b", "The money would cover 90 miles of new track.")])) == [
        ("118", "90")]
    [hedged] = find_mentions("The money would pay for over 90 miles of new track.", 0)
    assert hedged.high == float("inf")


def test_a_scale_word_said_once_scales_both_ends_of_a_range():
    # "$5 to $6 billion" is five to six billion dollars: "$4 billion" lies outside it, "$5.5 billion" inside.
    [span] = find_mentions("The sea wall would cost $5 to $6 billion, officials said.", 0)
    assert (span.low, span.high) == (4.51e9, 6.49e9)
    [span] = find_mentions("The flood displaced 1.2 to 1.5 million people, officials said.", 0)
    assert span.figure == "1.2 to 1.5 million" and span.low > 1e6
    wall = "The sea wall would cost {}, officials said."
    assert values(find_disagreements([post("a", wall.format("$5 to $6 billion")),
                                      post("b", wall.format("$4 billion"))])) == [("$4 billion", "$5 to $6 billion")]
    assert find_disagreements([post("a", wall.format("between $5 and $6 billion")),
                               post("b", wall.format("$5.5 billion"))]) == ()


def test_a_scale_word_is_borrowed_only_by_a_smaller_bare_first_end():
    # A first end with comma grouping, a year, or a figure larger than the second stands as written.
    [span] = find_mentions("The fair drew between 600,000 and 1 million visitors.", 0)
    assert (span.figure, span.low, span.high) == ("600,000 and 1 million", 600_000, 1_490_000)
    [span] = find_mentions("Cases rose from 900,000 to 1.2 million this year.", 0)
    assert (span.low, span.high) == (900_000, 1_249_000)
    assert max(m.high for m in find_mentions("The repairs would cost $500 to $1 billion.", 0)) < 2e9
    visits = find_mentions("The park drew 1.2 million visitors in 2018 and 1.5 million in 2019.", 0)
    assert [m.dimension for m in visits if m.numeral in ("2018", "2019")] == ["year", "year"]
    assert max(m.value for m in visits) < 2e6


def test_a_range_whose_currency_word_follows_the_second_end_is_one_sum():
    [span] = find_mentions("The dam would cost 5 to 6 billion dollars, officials said.", 0)
    assert (span.figure, span.dimension, span.low, span.high) == ("5 to 6 billion dollars", "money:USD", 4.51e9,
                                                                  6.49e9)
    [span] = find_mentions("The fund holds between 5 and 6 million euros, officials said.", 0)
    assert (span.dimension, span.low, span.high) == ("money:EUR", 4.51e6, 6.49e6)
    dam = "The dam would cost {}, officials said."
    assert values(find_disagreements([post("a", dam.format("5 to 6 billion dollars")),
                                      post("b", dam.format("4 billion dollars"))])) == [
        ("4 billion dollars", "5 to 6 billion dollars")]
    assert find_disagreements([post("a", dam.format("5 to 6 billion dollars")),
                               post("b", dam.format("5.5 billion dollars"))]) == ()


def test_two_different_quantities_of_one_noun_are_not_a_dispute():
    # Two chambers: each version states both numbers, so neither contradicts the other.
    a = post("a", "The party won at least 240 seats in the lower house and nearly 60 seats in the senate.")
    b = post("b", "With 240 seats in the lower house, the party also took 58 seats in the senate.")
    assert find_disagreements([a, b]) == ()


def test_figures_inside_quotes_are_the_speakers_not_the_outlets():
    a = post("a", "“We are asking for $6.2 billion,” the minister said at the harbour.")
    b = post("b", "The minister is asking parliament for $6.3 billion for the harbour wall.")
    assert find_disagreements([a, b]) == ()


def test_single_curly_quotes_are_speech_too():
    # British style quotes in single marks: the minister's promise is hers, not the board's figure.
    a = post("a", "At the rally the health minister promised ‘4,000 more nurses for the coastal hospitals by spring’.")
    b = post("b", "The coastal hospitals will hire 5,000 more nurses by spring, the hospital board said.")
    assert find_disagreements([a, b]) == ()
    # The same promise quoted with another figure is a misquote.
    c = post("c", "At the rally the health minister promised ‘5,000 more nurses for the coastal hospitals by spring’.")
    assert values(find_disagreements([a, c])) == [("4,000", "5,000")]


def test_a_speaker_named_by_surname_alone_is_shown_under_the_fuller_name_another_version_gives():
    words = "We will not back down until every docker on the quay is paid"
    a = post("a", f"“{words},” said Daniel Okafor, the union leader.")
    b = post("b", f"“{words},” union leader T.K. Lindqvist said at the gate.")
    c = post("c", f"“{words},” Lindqvist said at the gate.")
    _, disputes = analyse_quotes([a, b, c])
    [dispute] = disputes
    assert {claim.value for claim in dispute.claims} == {"Daniel Okafor", "T.K. Lindqvist"}


def test_who_said_disputes_need_real_names_credited_in_the_quotes_own_sentence():
    words = "We will not back down until every docker on the quay is paid"
    a = post("a", f"“{words},” said Daniel Okafor, the union leader.")
    b = post("b", f"Dockers cheered. “{words},” he said. There was no reply from the port.")
    c = post("c", f"“{words},” said Mayor Elena Marsh at the rally.")
    quotes, disputes = analyse_quotes([a, b])
    assert disputes == ()  # "he said" is no credit to dispute
    _, disputes = analyse_quotes([a, c])
    [dispute] = disputes
    assert {claim.value for claim in dispute.claims} == {"Daniel Okafor", "Elena Marsh"}
    # A short phrase many people say is no dispute about who said it.
    short = [post(p.id, p.body.replace(words, "We will not back down")) for p in (a, c)]
    assert analyse_quotes(short)[1] == ()


# --- quotes ----------------------------------------------------------------------------------------


def test_a_sentences_first_word_is_never_taken_for_the_speaker():
    body = ("Elena Marsh, the harbour master, spoke to reporters at the quay on Monday.\n\n"
            "“There is no deal on the table,” she said. “Such talks are over.”\n\n"
            "Posting on social media later, the port repeated its offer.")
    speakers = {q.text: q.speaker for q in find_quotes(post("a", body))}
    assert speakers["There is no deal on the table"] == "Elena Marsh"
    assert speakers["Such talks are over."] == "Elena Marsh"  # the quote that follows goes on with her
    assert not any(s in {"There", "Such", "Posting"} for s in speakers.values())


def test_speaker_after_title_abbreviation_and_apposition():
    body = ("“The harbour will stay shut until Friday,” Mr. Okafor said on Monday.\n\n"
            "“We have offered more than the law requires,” the port's director, Ann Lindqvist, said in a statement.")
    speakers = [q.speaker for q in find_quotes(post("a", body))]
    assert speakers == ["Okafor", "Ann Lindqvist"]


def test_a_fragment_is_not_credited_with_the_whole_quote():
    a = post("a", "“The harbour will stay shut until Friday, and the tankers will wait,” Mr. Okafor said.")
    b = post("b", "Mr. Okafor said the harbour “will stay shut until Friday” as talks stalled.")
    quotes, _ = analyse_quotes([a, b])
    [shared] = [q for q in quotes if len(q.post_ids) == 2]
    assert "tankers" not in shared.text


# --- copies, rewrites and "first" ---------------------------------------------------------------------


QUOTE_PARAGRAPHS = (
    "“We will not back down until the port signs a fair deal for every docker on the quay,” said Daniel Okafor.\n\n"
    "“The harbour will stay shut until Friday and the tankers will have to wait offshore,” he added.\n\n"
    "“Our members voted for this strike by a large margin after months of fruitless talks,” Okafor said.\n\n"
)


def test_sharing_the_same_quotes_is_not_copying():
    a = post("a", "Dockers in Westport walked out on Monday over pay, closing the harbour to all traffic.\n\n"
                  + QUOTE_PARAGRAPHS + "Fishing boats were allowed to land their catch at the northern pier.",
             published=datetime(2026, 4, 7, 9, tzinfo=timezone.utc))
    b = post("b", "A strike over wages shut Westport harbour, leaving tankers queueing in the bay.\n\n"
                  + QUOTE_PARAGRAPHS + "Shopkeepers on the front said trade had already fallen sharply.",
             published=datetime(2026, 4, 7, 11, tzinfo=timezone.utc))
    relations = analyse([a, b]).relations
    assert relations["b"].kind is RelationKind.INDEPENDENT


def test_first_is_claimed_only_when_the_times_separate_the_versions():
    body = "Dockers in Westport walked out on Monday over pay, closing the harbour to all traffic for the week."
    same_day = analyse([post("a", body), post("b", body.replace("Monday", "Monday morning"))]).relations
    assert not any(r.kind is RelationKind.FIRST for r in same_day.values())


def test_a_rewrite_shows_its_evidence_sentence_by_sentence():
    original = ("Dockers in Westport walked out on Monday over pay, closing the harbour to all shipping traffic.\n\n"
                "The union says wages have fallen behind inflation for three consecutive years now.\n\n"
                "Port managers offered a four percent rise, which members rejected at a packed meeting.\n\n"
                "Tankers carrying heating oil are now queueing in the bay outside the harbour wall.\n\n"
                "The strike is due to last until Friday unless talks resume before the weekend.")
    rewrite = ("Westport's dockers stopped work on Monday in a row over pay, shutting the harbour to shipping traffic.\n\n"
               "According to the union, wages have lagged behind inflation for three consecutive years.\n\n"
               "Members turned down a four percent rise offered by port managers at a packed meeting.\n\n"
               "Oil tankers are queueing in the bay outside the harbour wall as a result.\n\n"
               "Unless talks resume before the weekend, the strike will last until Friday.")
    relations = analyse([post("orig", original, published=datetime(2026, 4, 6, tzinfo=timezone.utc)),
                         post("spin", rewrite)]).relations
    assert relations["orig"].kind is RelationKind.FIRST
    spin = relations["spin"]
    assert spin.kind is RelationKind.REWRITE and spin.of == "orig"
    assert spin.evidence and all(mine in rewrite and theirs in original for mine, theirs in spin.evidence)


# --- summary -------------------------------------------------------------------------------------------


def test_summary_states_no_value_the_versions_dispute():
    a = post("a", "The strike has left 40,000 homes without heating oil, the port authority said on Monday.\n\n"
                  "Dockers walked out after talks on pay broke down at the harbour on Monday morning.")
    b = post("b", "Dockers walked out after talks on pay broke down at the harbour on Monday morning.\n\n"
                  "The strike has left 45,000 homes without heating oil, the port authority said on Monday.")
    summary = analyse([a, b]).summary
    assert "40,000" not in summary and "45,000" not in summary
    assert "Dockers walked out" in summary


def test_summary_never_opens_on_a_sentence_that_leans_on_another():
    body = ("The document was signed late on Monday night.\n\n"
            "He also said the harbour would reopen on Friday once tankers had been unloaded.\n\n"
            "Westport's dockers ended their week-long strike after the port agreed a five percent pay rise.")
    summary = analyse([post("a", body)]).summary
    assert summary.startswith("Westport's dockers ended")


def test_ages_written_in_words_are_read():
    assert [(m.value, m.dimension) for m in find_mentions("Sixteen-year-old Ann Roe led the march.", 0)] == [
        (16.0, "age")]


def test_summary_drops_datelines_and_sentences_turning_from_an_untold_one():
    body = ("WASHINGTON ― Westport's dockers ended their week-long strike after the port agreed a five percent rise.\n\n"
            "The harbour master, though, said ships would queue in the bay until Friday at the earliest.\n\n"
            "Tankers carrying heating oil will be unloaded first, the port authority said on Tuesday.")
    summary = analyse([post("a", body)]).summary
    assert summary.startswith("Westport's dockers ended") and "though" not in summary


def test_summary_never_takes_a_time_stamp_the_versions_share_for_a_sentence():
    """Two versions both print 'Updated: <date> <time>' lines: furniture, not something they agree happened."""
    a = post("a", "Updated: Apr 7, 2026 11:06 PM CEST\n\n"
                  "Westport's dockers ended their week-long strike after the port agreed a five percent pay rise.\n\n"
                  "Tankers carrying heating oil will be unloaded first, the port authority said on Tuesday.")
    b = post("b", "UPDATED: TUESDAY, APRIL 7, 2026, 11:06 PM\n\n"
                  "The dockers of Westport ended their week-long strike after the port agreed a five percent pay rise.\n\n"
                  "Tankers carrying heating oil are to be unloaded first, the port authority said on Tuesday.")
    for summary in (analyse([a, b]).summary, analyse([a]).summary):
        assert summary and "Updated" not in summary and "UPDATED" not in summary and "PM" not in summary



def test_a_figure_below_zero_is_shown_with_its_sign():
    a = post("a", "Firefighters fought the blaze in temperatures of minus 17 degrees.")
    b = post("b", "Outside, firefighters fought the blaze at minus 20 degrees.")
    assert values(find_disagreements([a, b])) == [("minus 17", "minus 20")]
    [cold] = find_mentions("It was −20 degrees at dawn.", 0)
    [warm] = find_mentions("It was 20 degrees at dawn.", 0)
    assert cold.figure == "−20" and compatible(cold, warm)  # a sign against none: left unsaid, never weighed
    [about] = find_mentions("It fell to about minus 30 degrees.", 0)
    assert about.figure == "about minus 30"
    assert find_mentions("The score was 47-2 at half time.", 0) == []  # a hyphen joins a score: no sign
