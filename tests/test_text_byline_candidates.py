"""Which lines a text dump's byline reader offers as candidates: names it used to miss."""

from test_text_metadata_fields import LEAD

from newsdigest.ingest.text_byline import candidates, sign_off
from newsdigest.ingest.textdump import parse_text_dump
from newsdigest.ingest.textmeta import page_context


def offered(text: str) -> set[tuple[str, ...]]:
    return {c.value for c in candidates(page_context(text, identify=False), None)}


def test_a_count_of_comments_after_a_name_is_not_part_of_it():
    assert ("Peter Hall",) in offered("Council approves harbour bridge\nMay 12, 2021 Peter Hall 0\n" + LEAD)


def test_a_bracket_parts_a_name_from_its_job_or_a_copyright_mark():
    assert ("Peter Hall",) in offered("Council approves harbour bridge\nPeter Hall (Transport)\n" + LEAD)
    assert ("Peter Hall",) in offered("Council approves harbour bridge\n" + LEAD + "(c) Peter Hall\n")


def test_a_name_ending_in_an_initial_is_no_sentence():
    assert ("Oda Venn K",) in offered("Council approves harbour bridge\nOda Venn K.\n" + LEAD)



TOPICS = ("cost", "route", "ferries", "buses", "shipping lanes", "old town", "northern shore", "tolls", "noise",
          "cycle lanes", "harbour walls", "fishing boats", "schools", "market square", "railway station", "parking",
          "night trains", "tide gauges", "flood gates", "street lights")
PARAGRAPHS = [f"Speakers at the hearing returned again and again to the {topic} of the bridge, and the council said "
              f"it would answer each point about the {topic} in writing before the works begin." for topic in TOPICS]


def test_a_name_signing_a_section_deep_in_the_article_is_its_byline():
    """A line that is only a person's name signs the part above it, far from the headline and the article's end."""
    text = ("Home\nNews\nSport\n\nCouncil approves harbour bridge\n" + "\n".join(PARAGRAPHS[:12]) + "\nReactions\n"
            + "\n".join(PARAGRAPHS[12:14]) + "\nGreta Stolm\n" + "\n".join(PARAGRAPHS[14:]) + "\n\nShare\nPrivacy\n")
    assert ("Greta Stolm",) in offered(text)
    assert parse_text_dump(text).authors == ("Greta Stolm",)


QUOTED = (
    "The harbour council voted on Tuesday to build a new bridge, and Karin Holm, who led the campaign against it, "
    "said she would take the decision to court.\n"
    "Holm told the meeting that the cost had doubled since the first plans were drawn up, and that Karin Holm's "
    "neighbours on the northern shore had never been asked.\n"
    "Supporters say the bridge will cut the daily journey of thousands of commuters, and that the ferries can no "
    "longer carry them all.\n"
    "Work is due to start next spring and to take about four years, with the harbour kept open to ships, Holm said.\n"
)


def test_of_two_names_on_the_byline_line_the_one_the_prose_is_about_is_not_the_author():
    """The article's sentences name the person it is about, seldom the one who wrote it."""
    text = "Home\nNews\n\nCouncil approves harbour bridge\nKarin Holm | Marta Quell\n" + QUOTED + "\nShare\nPrivacy\n"
    assert parse_text_dump(text).authors == ("Marta Quell",)


def features_of(text: str, names: tuple[str, ...], which: int = 0) -> dict[str, float]:
    """The features of the candidate `names` on the page: its first reading, or the `which`-th in line order."""
    ctx = page_context(text, identify=False)
    found = sorted((c for c in candidates(ctx, 0) if c.value == names), key=lambda c: c.index)
    return dict(found[which].features)


def test_a_byline_under_the_headline_over_its_date_and_repeated_in_an_author_box_is_seen_so():
    text = ("Council approves harbour bridge\nPeter Hall\n12 May 2021\n" + LEAD
            + "Peter Hall\nPeter Hall covers transport for the paper.\nShare\nPrivacy\n")
    byline = features_of(text, ("Peter Hall",))
    assert byline["between_title_and_lead"] == byline["date_below"] == byline["repeated_after"] == 1.0
    assert byline["teaser_run"] < 0.25


def test_a_name_below_the_lead_over_prose_and_named_again_only_above_the_article_is_seen_so():
    text = ("Peter Hall\nHome\n\nCouncil approves harbour bridge\n" + LEAD + "Peter Hall\n"
            + "\n".join(PARAGRAPHS[:4]) + "\nShare\nPrivacy\n")
    name = features_of(text, ("Peter Hall",), which=-1)
    assert name["between_title_and_lead"] == name["date_below"] == name["repeated_after"] == 0.0
    assert name["role_shaped_below"] == 0.0


def test_a_name_is_named_again_only_where_the_same_words_stand_not_inside_longer_ones():
    text = "Council approves harbour bridge\nAnn Lee\n" + LEAD + "Share\nAnn Leeds writes about ferries.\nPrivacy\n"
    assert features_of(text, ("Ann Lee",))["repeated_after"] == 0.0
    assert features_of(text.replace("Leeds", "Lee"), ("Ann Lee",))["repeated_after"] == 1.0


def test_a_name_over_a_job_title_has_a_role_shaped_line_below_and_one_over_prose_or_a_date_has_none():
    headline = "Council approves harbour bridge\nPeter Hall\n"
    assert features_of(headline + "Transport desk\n" + LEAD, ("Peter Hall",))["role_shaped_below"] == 1.0
    assert features_of(headline + LEAD, ("Peter Hall",))["role_shaped_below"] == 0.0
    assert features_of(headline + "12 May 2021\n" + LEAD, ("Peter Hall",))["role_shaped_below"] == 0.0


def test_a_name_over_a_labelled_spaced_date_stands_over_a_date_not_a_job_title():
    """The byline reader dates its neighbours as the date reader does ("Published on 07 | 03 | 2021")."""
    for below in ("Published on 07 | 03 | 2021", "07 | 03 | 2021"):
        name = features_of("Council approves harbour bridge\nPeter Hall\n" + below + "\n" + LEAD, ("Peter Hall",))
        assert (name["date_below"], name["role_shaped_below"]) == (1.0, 0.0), below


def test_a_name_in_a_list_of_teasers_stands_among_lines_shaped_like_teasers():
    teasers = "Ferry fares to rise in spring\nNew cycle lanes for the old town\n"
    text = ("Council approves harbour bridge\n" + LEAD + "More news\n" + teasers + "Peter Hall\n" + teasers
            + "Share\nPrivacy\n")
    assert features_of(text, ("Peter Hall",))["teaser_run"] >= 0.5


def test_a_name_between_short_questions_of_prose_or_between_dates_stands_among_no_teasers():
    """Prose, even short and unclosed by a full stop, and a date are no links."""
    asked = ("Will the new bridge really be ready in four years?\n"
             "What do the people on the northern shore think of it?\n")
    text = "Council approves harbour bridge\n" + LEAD + asked + "Peter Hall\n" + asked + LEAD + "Share\nPrivacy\n"
    assert features_of(text, ("Peter Hall",))["teaser_run"] == 0.0
    dates = "Published on 12 May 2021 at 10:30\nUpdated on 13 May 2021 at 08:15\n"
    text = "Council approves harbour bridge\n" + dates + "Peter Hall\n" + dates + LEAD
    assert features_of(text, ("Peter Hall",))["teaser_run"] == 0.0


def test_explain_says_where_the_likeliest_byline_stands():
    from newsdigest.ingest.explanation import metadata_choices

    rows = metadata_choices("Home\nNews\n\nCouncil approves harbour bridge\nBy Peter Hall\n12 May 2021\n" + LEAD)
    said = next(r for r in rows if r.strip().startswith("the likeliest"))
    assert rows.index(said) < next(i for i, r in enumerate(rows) if r.startswith("date:"))
    assert "Peter Hall" not in said and "between the headline and the lead" in said and "over a date" in said


def test_a_name_signed_below_the_articles_date_line_and_tags_over_a_job_title_is_its_byline():
    """An article's trailer (its date line, its '#tags') may stand between the last paragraph and the signature."""
    trailer = "Updated: 2021/5/12\n#Harbour\n\nGreta Stolm\n\nHarbour Times Columnist\n"
    text = "Council approves harbour bridge\n" + LEAD + trailer
    assert parse_text_dump(text).authors == ("Greta Stolm",)
    ctx = page_context(text, identify=False)
    assert sign_off(ctx) == (ctx.span[1] + 2, ("Greta Stolm",))
    # Below other furniture ("Share") a name no longer closes the article.
    shared = "Council approves harbour bridge\n" + LEAD + "Share\n" + trailer
    assert sign_off(page_context(shared, identify=False)) is None

