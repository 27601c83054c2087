"""Hand-written posts for the grouping and override tests: three events, several outlets each.

- `quake_chile`: a magnitude 7.1 earthquake near Valparaíso, told four ways
  (one version undated, one in quite different words);
- `quake_japan`: a magnitude 6.4 earthquake off Hokkaido a month later, same
  topic and vocabulary, a different event;
- `final`: a football cup final, unrelated to both;
- a handful of one-off briefs, so that the corpus has the background of
  unrelated news a real day has.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdigest.model import Post

T0 = datetime(2025, 3, 14, 6, 30, tzinfo=UTC)


def post(pid: str, title: str, body: str, hours: float | None, outlet: str = "Outlet", **kw) -> Post:
    published = None if hours is None else T0 + timedelta(hours=hours)
    return Post(id=pid, title=title, body=body, source=f"sources/{pid}.md", outlet=outlet, published=published, **kw)


def quake_chile() -> list[Post]:
    return [
        post(
            "chile-wire",
            "Magnitude 7.1 earthquake strikes near Valparaíso, Chile",
            "A magnitude 7.1 earthquake struck off the coast of central Chile near Valparaíso early on Friday, "
            "the US Geological Survey said, shaking buildings in Santiago and prompting a brief tsunami alert.\n\n"
            "Chile's disaster agency Senapred said three people were killed in Viña del Mar when a wall "
            "collapsed, and that power was cut to about 200,000 homes in the Valparaíso region.\n\n"
            "President Gabriel Boric said the armed forces would help with rescue work. The quake hit at a depth "
            "of 30 kilometres, the USGS said.",
            0,
            "Wire",
        ),
        post(
            "chile-daily",
            "Deadly quake hits central Chile, three dead in Viña del Mar",
            "Three people died in Viña del Mar after a powerful 7.1-magnitude earthquake shook central Chile on "
            "Friday morning, officials said.\n\nThe tremor, centred at sea off Valparaíso at a depth of 30 km, was "
            "felt strongly in the capital Santiago. Senapred lifted a tsunami warning after two hours.\n\n"
            "Gabriel Boric announced that soldiers would join rescue teams, and the power company said 200,000 "
            "customers in the Valparaíso region were without electricity.",
            3,
            "Daily",
        ),
        post(
            "chile-blog",
            "Chile shaken: what we know",
            "Santiago residents ran into the streets at dawn as the ground rolled for almost a minute. Boric "
            "spoke from La Moneda: soldiers are deployed, he said, and the toll in Viña del Mar stands at three, "
            "killed beneath a fallen wall.\n\nGeologists at the USGS put the magnitude at 7.1 with the epicentre "
            "offshore from Valparaíso. Senapred says some 200,000 homes lost power.",
            9,
            "Blog",
        ),
        post(
            "chile-undated",
            "Three killed as earthquake rocks Valparaíso region",
            "The 7.1 earthquake that rocked Chile's Valparaíso region killed three people in Viña del Mar, where "
            "a wall fell on passers-by, Senapred said. President Boric sent the army to help rescuers, and "
            "200,000 homes lost power. The USGS said the quake was 30 km deep and centred offshore; a tsunami "
            "alert was lifted in Santiago's coastal towns.",
            None,
            "Undated Times",
        ),
    ]


def quake_japan() -> list[Post]:
    return [
        post(
            "japan-wire",
            "Magnitude 6.4 earthquake strikes off Hokkaido, Japan",
            "A magnitude 6.4 earthquake struck off the coast of Hokkaido in northern Japan on Thursday, the Japan "
            "Meteorological Agency said, shaking buildings in Sapporo and prompting a brief tsunami advisory.\n\n"
            "Public broadcaster NHK said two people were injured in Kushiro, and that power was cut to about "
            "15,000 homes. Prime Minister Shigeru Ishiba said the government had set up a task force. The quake "
            "hit at a depth of 50 kilometres, the agency said.",
            24 * 33,
            "Wire",
        ),
        post(
            "japan-daily",
            "Strong quake off Hokkaido injures two in Kushiro",
            "Two people were hurt in Kushiro after a strong 6.4-magnitude earthquake struck at sea off Hokkaido on "
            "Thursday, the Japan Meteorological Agency said.\n\nThe tremor, 50 km deep, was felt in Sapporo; a "
            "tsunami advisory was lifted after an hour. Shigeru Ishiba said a task force was monitoring damage, and "
            "15,000 households in Hokkaido lost electricity, according to NHK.",
            24 * 33 + 2,
            "Daily",
        ),
        post(
            "japan-blog",
            "Hokkaido quake: the morning after",
            "Sapporo woke to broken shelves and stalled trains. NHK counts two injured in Kushiro, where the "
            "ground shook hardest; Ishiba's government has a task force on it.\n\nThe Japan Meteorological "
            "Agency measured the offshore quake at 6.4, some 50 km down. About 15,000 homes lost power.",
            24 * 33 + 8,
            "Blog",
        ),
    ]


def final() -> list[Post]:
    return [
        post(
            "final-wire",
            "Riverside Rovers win the Northern Cup final on penalties",
            "Riverside Rovers beat Castleford Athletic 4-3 on penalties to win the Northern Cup final at Hillcrest "
            "Stadium on Saturday after a 1-1 draw.\n\nGoalkeeper Tomas Lindqvist saved two spot kicks, and captain "
            "Aaron Mbeki scored the winning penalty in front of 48,000 fans. Manager Elena Ruiz called it the "
            "best night of her career.",
            24 * 8,
            "Wire",
        ),
        post(
            "final-daily",
            "Lindqvist the hero as Rovers lift Northern Cup",
            "Tomas Lindqvist saved twice in the shoot-out as Riverside Rovers edged Castleford Athletic to take the "
            "Northern Cup at Hillcrest Stadium.\n\nThe final finished 1-1 after extra time before Aaron Mbeki "
            "converted the decisive kick. Elena Ruiz, in her first season as manager, said the 48,000 supporters "
            "carried the team.",
            24 * 8 + 5,
            "Daily",
        ),
    ]


def briefs() -> list[Post]:
    texts = [
        (
            "brief-budget",
            "City council approves library budget",
            (
                "The Marlow city council approved a budget of 2.3 million for the public library, adding Sunday "
                "opening hours and a mobile book van for outlying villages, councillor Priya Nair said."
            ),
        ),
        (
            "brief-bridge",
            "Old rail bridge to reopen to cyclists",
            (
                "The disused Kettering rail bridge over the Nene will reopen as a cycle path in June after a 14-month "
                "repair funded by the county, engineers from Halden Works said."
            ),
        ),
        (
            "brief-chips",
            "Chipmaker Orbitron raises forecast",
            (
                "Orbitron, the maker of memory chips, raised its annual revenue forecast to 8.4 billion after strong "
                "demand from data centres, chief executive Lars Okafor told investors."
            ),
        ),
        (
            "brief-film",
            "Festival jury names Lumen best picture",
            (
                "The drama Lumen, directed by Ines Carvalho, won best picture at the Seaside Film Festival, where the "
                "jury praised its long takes and its cast of non-professional actors."
            ),
        ),
    ]
    return [post(pid, title, body, 24 * (k + 2), "Local") for k, (pid, title, body) in enumerate(texts)]


def corpus() -> list[Post]:
    return quake_chile() + quake_japan() + final() + briefs()
