"""No version is called a copy or rewrite of another on thin evidence.

Made-up stories: a ferry fire reported at length, retold in a brief, and lifted
into a short version; a tram line's approval, its opening day and an undated
reprint of the opening-day story. Each test asserts what the story page would say of a version.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from newsdigest.model import Post, RelationKind
from newsdigest.stories.analysis import align, analyse
from newsdigest.stories.relations import pair_shares
from newsdigest.stories.stamps import is_stamp

T0 = datetime(2026, 3, 3, 8, 0, tzinfo=timezone.utc)

REPORT = """\
A ferry carrying 212 passengers caught fire off the island of Marrow on Sunday, and all aboard were rescued, \
the coastguard said.

The blaze broke out in the engine room shortly after the vessel left Port Ellis at 9am.

Crew members fought the flames for almost two hours before three lifeboats reached the ship.

Eleven passengers were taken to Marrow General Hospital with smoke inhalation, a hospital spokeswoman said.

The operator, Tidewater Lines, said the ship had passed a safety inspection in January.

Investigators from the maritime accident board will board the vessel on Monday.

Ferry services to the island were suspended for the rest of the day.

The same route saw a collision between two cargo ships in 2019.
"""

BRIEF = """\
All 212 people on a burning ferry near Marrow were brought to safety on Sunday, according to coastguard officials.

Fire started below deck in the engine room soon after departure from Port Ellis.

Lifeboats arrived after the crew had battled the fire for nearly two hours.

Marrow General Hospital treated eleven people for breathing in smoke.

Tidewater Lines said its vessel was inspected in January.
"""
"""The report's facts in the report's order, every sentence in words of its own: what a second outlet writes
from the same coastguard statement."""

LIFTED = """\
A ferry with 212 passengers caught fire off the island of Marrow on Sunday, and everyone aboard was rescued, \
the coastguard said.

The blaze broke out in the engine room shortly after the ferry left Port Ellis at 9am.

Residents of the island gathered at the harbour to wait for news of relatives.
"""
"""Two of the report's sentences with a word or two changed, and one line of its own."""


def post(pid: str, body: str, hours: float | None) -> Post:
    published = None if hours is None else T0 + timedelta(hours=hours)
    return Post(id=pid, title=f"Ferry fire ({pid})", body=body, source=f"sources/{pid}.md", published=published)


def test_a_brief_retelling_the_same_facts_in_its_own_words_is_independent():
    relation = analyse([post("report", REPORT, 0), post("brief", BRIEF, 2)]).relations["brief"]
    assert relation.kind is RelationKind.INDEPENDENT
    assert relation.of is None and relation.evidence == ()


def test_a_short_version_lifting_two_sentences_with_light_edits_is_still_a_rewrite():
    relation = analyse([post("report", REPORT, 0), post("lifted", LIFTED, 2)]).relations["lifted"]
    assert relation.kind is RelationKind.REWRITE and relation.of == "report"
    shown = [mine for mine, _ in relation.evidence]
    assert any(s.startswith("The blaze broke out in the engine room") for s in shown)


def test_the_lifted_version_is_found_among_several_briefs_and_the_briefs_stay_independent():
    other = BRIEF.replace("Tidewater Lines said its vessel was inspected in January.",
                          "The vessel had been inspected in January, Tidewater Lines said.")
    relations = analyse([post("report", REPORT, 0), post("brief", BRIEF, 1), post("other", other, 3),
                         post("lifted", LIFTED, 2)]).relations
    assert relations["lifted"].kind is RelationKind.REWRITE and relations["lifted"].of == "report"
    assert relations["brief"].kind is RelationKind.INDEPENDENT
    # "other" is the brief with one sentence turned round: a rewrite of the brief, never of the report.
    assert relations["other"].of in (None, "brief")


def test_a_date_stamp_is_neither_counted_nor_shown_as_copied():
    stamped = "Posted: Mar 3, 2026 10:40 AM\n\n" + BRIEF + (
        "\nHarbour cafes stayed open late to serve tea to the rescued families.\n\n"
        "One passenger said she had taken the same crossing every week for twenty years.\n\n"
        "A local choir sang on the quay as the last lifeboat came in.\n")
    report = "Posted: Mar 3, 2026 8:05 AM\n\n" + REPORT
    relation = analyse([post("report", report, 0), post("stamped", stamped, 2)]).relations["stamped"]
    assert not any(is_stamp(mine) or is_stamp(theirs) for mine, theirs in relation.evidence)


def test_stamps_and_statements():
    assert is_stamp("Posted: Apr 2, 2026 7:15AM EDT")
    assert is_stamp("Last updated 16:02 21/04/2026")
    assert is_stamp("Thursday, Apr 2, 2026")
    assert is_stamp("Updated 5: 40 p. m. ET")
    assert is_stamp("Posted on 04/02/2026 at 1:10 pm by the news desk")
    assert not is_stamp("The tram depot opens to visitors at 11 a.m. on the first Sunday of each month.")


def test_prose_that_opens_like_a_stamp_or_gives_a_date_is_prose():
    for sentence in ("Posted guards stood at the gate.", "Updated rules take effect Monday.",
                     "Published reports say the mayor will resign.", "The fire started at 4 a.m. on Monday.",
                     "Officials confirmed 12 deaths on Monday, May 4.", "Sales rose 4% in March.",
                     "It happened on April 9, 2025.", "March 3, 2026: the council voted to close the pool.",
                     "Updated: the minister said on Friday that she had been misquoted.",
                     "The mayor wrote online early Tuesday."):
        assert not is_stamp(sentence), sentence


PLANNED = """\
Councillors in Dunmere backed plans for a tram line linking the harbour with the university campus.

The line would run for six kilometres along the old railway cutting, with nine stops on the way.

Shopkeepers on Quay Road fear that two years of building work will keep their customers away.

Construction could begin in the autumn if the regional transport fund approves the loan.
"""

RUNNING = """\
Passengers in Dunmere rode the first tram from the harbour to the university campus this weekend.

Crowds lined the old railway cutting to watch the green carriages glide past the nine new stops.

The line was finished four months ahead of schedule after the regional transport fund paid for a second crew.

Shopkeepers on Quay Road, who had feared the building work, said trade was already picking up.

Trams will run every eight minutes until midnight, and students travel free during term.
"""


def test_an_undated_reprint_of_a_later_story_is_no_source_for_an_earlier_one():
    posts = [Post(id="planned", title="t", body=PLANNED, source="a", published=date(2025, 2, 3)),
             Post(id="running", title="t", body=RUNNING, source="b", published=date(2026, 10, 12)),
             Post(id="reprint", title="t", body=RUNNING, source="c", published=None)]
    relations = analyse(posts).relations
    assert relations["reprint"].kind is RelationKind.COPY and relations["reprint"].of == "running"
    # The reprint's text is taken to be October's: the February story cannot have been drawn from it.
    assert relations["planned"].of is None
    assert relations["running"].of in (None, "planned")


def test_stamps_are_left_out_of_a_versions_sentence_count():
    stamped = "Posted: Mar 3, 2026 10:40 AM\n\n" + BRIEF + "\nLast updated 16:02 03/03/2026\n"
    shares = pair_shares(align([post("report", REPORT, 0), post("stamped", stamped, 2)], prose_only=True))
    assert shares[1][0].sentences == BRIEF.count("\n\n") + 1
    assert shares[0][1].sentences == REPORT.count("\n\n") + 1


ONE_CLOSE = """\
A ferry carrying 212 passengers caught fire off the island of Marrow on Sunday, and all aboard were rescued, the coastguard said.

The blaze broke out in the engine room soon after the ship departed Port Ellis.

Sailors battled the fire on deck until rescue boats came alongside.

Eleven passengers were taken to Marrow General Hospital as investigators from the accident board flew in.
"""
"""Four sentences in the report's order: its lead word for word, then its wording half kept in sentences that say
something else (one keeps under half its 3-word shingles, one half of them in a sentence unlike the report's):
one close sentence, not two."""


def test_a_brief_with_one_close_sentence_among_four_is_independent():
    relation = analyse([post("report", REPORT, 0), post("brief", ONE_CLOSE, 2)]).relations["brief"]
    assert relation.kind is RelationKind.INDEPENDENT and relation.of is None


def test_a_two_sentence_version_with_one_sentence_lifted_is_a_rewrite():
    short = ("A ferry with 212 passengers caught fire off the island of Marrow on Sunday, and everyone aboard was "
             "rescued, the coastguard said.\n\n"
             "Lifeboats arrived after the crew had battled the fire for nearly two hours.\n")
    relation = analyse([post("report", REPORT, 0), post("short", short, 2)]).relations["short"]
    assert relation.kind is RelationKind.REWRITE and relation.of == "report"


RETOLD = """\
This weekend passengers in Dunmere took the first tram between the harbour and the campus.

Crowds lined the old railway cutting to see the green carriages glide past the nine new stops.

The line was finished four months early after the regional transport fund paid for a second crew.

Traders on Quay Road, once fearful of the roadworks, say business is already recovering.

Services now run every eight minutes until late, with free rides for students in term time.
"""
"""The opening-day story retold: two of its sentences kept, the rest in other words (a rewrite, not a copy)."""

EARLY = """\
Crowds lined the old railway cutting to see the green carriages glide past the nine new stops.

The line was finished four months early after the regional transport fund paid for a second crew.

Councillors in Dunmere will vote next week on whether to extend the line to the airport.

Ticket prices have not yet been set.
"""
"""An earlier story sharing two of the retold version's sentences word for word."""


def test_an_undated_rewrite_of_a_later_story_may_still_be_a_source():
    # Which way a rewrite went is a guess, so it says nothing of when its text was written (unlike a copy).
    posts = [Post(id="early", title="t", body=EARLY, source="a", published=date(2025, 2, 3)),
             Post(id="running", title="t", body=RUNNING, source="b", published=date(2026, 10, 12)),
             Post(id="retold", title="t", body=RETOLD, source="c", published=None)]
    relations = analyse(posts).relations
    assert relations["retold"].kind is RelationKind.REWRITE and relations["retold"].of == "running"
    assert relations["early"].kind is RelationKind.REWRITE and relations["early"].of == "retold"
