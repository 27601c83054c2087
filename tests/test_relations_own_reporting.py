"""A second outlet's report of the same statement is not called a rewrite of the first.

Made-up story: a warehouse fire, reported first from the fire service's statement. A second outlet tells the
same facts in the same order, a line of the statement's wording among them, but with people, places and figures
of its own; a third retells the first report in other words and adds nothing; a fourth lifts three of its
sentences into a report of its own. Each test asserts what the story page would say of a version.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsdigest.model import Post, RelationKind
from newsdigest.stories.analysis import analyse

T0 = datetime(2026, 5, 11, 9, 0, tzinfo=timezone.utc)

FIRST = """\
A fire destroyed a furniture warehouse on Kettle Lane in Brackwater early on Monday, the county fire service said.

Crews were called to the building at 2.40am and found flames coming through the roof.

Sixty firefighters from eight stations fought the blaze for five hours.

Station manager Orla Penhale said the roof had collapsed before the first engines arrived.

No one was inside the warehouse, which belongs to the Tidwell family firm.

Two firefighters were treated for heat exhaustion at the scene.

Kettle Lane and the nearby ring road stayed closed until the afternoon.

The cause of the fire is being investigated.
"""

OWN = """\
The Tidwell furniture warehouse in Brackwater burned down before dawn on Monday, leaving Kettle Lane under a pall \
of smoke.

The alarm was raised at 2.40am by Dev Marsh, a baker starting his shift on Corran Street, who saw flames coming \
through the roof.

It took sixty firefighters from eight stations five hours to put it out, with a turntable ladder brought from Wexley.

By the time the first engines came from Alder Vale the roof had fallen in, according to station manager Orla Penhale.

Owner Gareth Tidwell, 58, said no one was inside, but the firm had stored 400 sofas there for a June sale.

Two firefighters were treated for heat exhaustion at the scene, and a third was checked by paramedics.

Buses on the number 12 route were diverted past St Bride's school until the afternoon.

The cause of the fire is being investigated, and a team from Harnford will visit on Tuesday.
"""
"""The first report's facts in its order, one line in the statement's words, and a witness, an owner, streets,
a school and figures the first report never mentions: what a second outlet at the same fire writes."""

RETOLD = """\
The county fire service said a Brackwater furniture warehouse on Kettle Lane burned down in the early hours of Monday.

Fire crews reached the site soon after 2.40am, with flames already breaking through its roof.

It took sixty firefighters from eight stations some five hours to put the fire out.

According to station manager Orla Penhale, the roof fell in before the first fire engines got there.

The warehouse belongs to the Tidwell family firm, and nobody was in it when the fire started.

Paramedics looked after two firefighters suffering from heat exhaustion.

Kettle Lane and the ring road nearby were shut until the afternoon.

Investigators are still looking into what started the fire.

The fire service asked anyone who saw the warehouse that night to get in touch.
"""
"""The first report sentence by sentence in other words, with no name or figure it lacks."""

LIFTED = OWN.replace(
    "It took sixty firefighters from eight stations five hours to put it out, with a turntable ladder brought from "
    "Wexley.", "Sixty firefighters from eight stations fought the blaze for five hours.").replace(
    "By the time the first engines came from Alder Vale the roof had fallen in, according to station manager Orla "
    "Penhale.", "Station manager Orla Penhale said the roof had collapsed before the first engines arrived.").replace(
    "Buses on the number 12 route were diverted past St Bride's school until the afternoon.",
    "Kettle Lane and the nearby ring road stayed closed until the afternoon.")
"""The second outlet's report with three of the first report's sentences put in word for word."""


def relation(body: str):
    posts = [Post(id="first", title="Warehouse fire", body=FIRST, source="sources/first.md", published=T0),
             Post(id="later", title="Warehouse fire", body=body, source="sources/later.md",
                  published=T0 + timedelta(hours=3))]
    return analyse(posts).relations["later"]


def test_a_report_of_the_same_statement_with_names_and_figures_of_its_own_is_independent():
    later = relation(OWN)
    assert later.kind is RelationKind.INDEPENDENT
    assert later.of is None and later.evidence == ()


def test_a_retelling_in_other_words_that_adds_nothing_of_its_own_is_still_a_rewrite():
    later = relation(RETOLD)
    assert later.kind is RelationKind.REWRITE and later.of == "first"


def test_a_report_of_its_own_that_lifts_three_sentences_word_for_word_is_still_a_rewrite():
    later = relation(LIFTED)
    assert later.kind is RelationKind.REWRITE and later.of == "first"
    shown = [mine for mine, _ in later.evidence]
    assert "Sixty firefighters from eight stations fought the blaze for five hours." in shown
