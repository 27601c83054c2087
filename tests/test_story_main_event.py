"""A story's summary and headline tell its main event: not an earlier phase, not another angle of it.

Fixtures are made up: invented towns, people, outlets and events.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from newsdigest.model import Post


def _post(pid: str, title: str, body: str, when: datetime | None, **extra) -> Post:
    return Post(id=pid, title=title, body=body, source=f"sources/{pid}.md", published=when, **extra)


JANUARY = datetime(2031, 1, 9, 15, 0, tzinfo=UTC)
SEPTEMBER = datetime(2031, 9, 19, 18, 0, tzinfo=UTC)

_BACKGROUND = ("The Kelvale orchard cooperative lost its cider licence last year after inspectors found "
               "unlabelled casks in its cellars.")


def _appeal() -> str:
    return ("The Kelvale orchard cooperative lodged an appeal on Thursday against the loss of its cider licence.\n\n"
            "The licensing tribunal is set to hear the appeal on March 4, the registrar said.\n\n"
            f"{_BACKGROUND}")


_RULINGS = [  # id, headline, opening, second sentence, published
    ("ruling-a", "Tribunal restores Kelvale cooperative's cider licence",
     "The licensing tribunal in Dunmere restored the cider licence of the Kelvale orchard cooperative on Friday.",
     "The cooperative may sell cider again from October, the tribunal ruled.", SEPTEMBER),
    ("ruling-b", "Kelvale cider makers win back their licence",
     ("The Kelvale orchard cooperative won back its cider licence on Friday when the licensing tribunal in Dunmere "
      "upheld its appeal."), "Sales of its cider may resume in October.", SEPTEMBER),
    ("ruling-c", "Dunmere tribunal hands licence back to Kelvale orchard",
     "The licensing tribunal in Dunmere on Friday restored the Kelvale orchard cooperative's cider licence.",
     "The cooperative may sell cider again from October.", SEPTEMBER),
    ("ruling-d", "Cider licence restored to Kelvale orchard cooperative",
     "The Kelvale orchard cooperative's cider licence was restored on Friday by the licensing tribunal in Dunmere.",
     "The cooperative may sell its cider again from October, the tribunal ruled.", None),
]


def _licence_story() -> list[Post]:
    """A licence dispute told in two phases months apart: the appeal in January (one dated version, two undated
    rewrites), the tribunal's ruling in September (three dated versions, one undated)."""
    appeal = _appeal()
    return [
        _post("appeal", "Kelvale cooperative appeals loss of cider licence", appeal, JANUARY),
        *(_post(pid, title, f"{opening}\n\n{second}\n\n{_BACKGROUND}", when)
          for pid, title, opening, second, when in _RULINGS),
        _post("appeal-copy", "Kelvale orchard appeals against cider licence loss",
              appeal.replace("lodged an appeal on Thursday", "has lodged an appeal"), None),
        _post("appeal-wire", "Appeal over Kelvale cider licence",
              appeal.replace("The Kelvale orchard cooperative lodged", "Kelvale's orchard cooperative lodged"), None),
    ]


def test_summary_of_a_story_in_two_phases_tells_the_main_event_only():
    from newsdigest.stories.analysis import analyse

    found = analyse(_licence_story())
    assert "restored" in found.summary or "won back" in found.summary
    # The appeal's "is set to hear the appeal on March 4", written before the ruling, is not told beside it.
    assert "March 4" not in found.summary
    assert "lodged an appeal" not in found.summary


def test_headline_comes_from_a_version_of_the_main_event_the_summary_tells():
    from newsdigest.stories.analysis import analyse

    posts = _licence_story()
    found = analyse(posts)
    assert found.headline in {p.title for p in posts if p.id.startswith("ruling")}


def test_undated_versions_join_the_run_of_dates_their_head_or_their_words_belong_to():
    from newsdigest.stories.phase import main_event

    posts = _licence_story()
    event = main_event(posts)
    # The undated rewrites of the appeal go with the appeal, the undated ruling with the ruling: four against three.
    assert {posts[n].id for n in event.versions} == {"ruling-a", "ruling-b", "ruling-c", "ruling-d"}
    assert event.start == date(2031, 9, 19)

    # A day stamped in its head places a version even when its words lean to the other run.
    appeal, ruling = posts[0], posts[1]
    stamped = _post("stamped", "Sept. 19, 2031", _appeal().replace("lodged", "had lodged"), None)
    told = _post("told", "Tribunal rules for Kelvale cooperative", posts[2].body, None)
    copied = _post("copied", "Kelvale appeal lodged", _appeal(), None)
    event = main_event([appeal, ruling, posts[2], stamped, told, copied])
    assert event.versions == frozenset({1, 2, 3, 4})


def test_a_day_stamped_without_its_year_is_read_in_the_years_beside_its_run_too():
    from newsdigest.stories.phase import main_event

    appeal, ruling = _licence_story()[:2]
    early = [_post(f"appeal-{day}", appeal.title, appeal.body, datetime(2031, 1, day, tzinfo=UTC)) for day in (2, 4, 6)]
    late = [_post(f"ruling-{n}", ruling.title, ruling.body, SEPTEMBER) for n in range(3)]
    # Stamped on the last days of the year before the January run; its words are the ruling's.
    stamped = _post("stamped", "Dec. 30", ruling.body, None)
    assert main_event([*early, *late, stamped]).versions == frozenset({0, 1, 2, 6})


def test_a_day_stamped_inside_a_long_run_of_dates_places_its_version_there():
    from newsdigest.stories.phase import main_event

    appeal, ruling = _licence_story()[:2]
    january = [_post(f"appeal-{day}", appeal.title, appeal.body, datetime(2031, 1, day, tzinfo=UTC))
               for day in (1, 6, 12, 18, 24)]
    september = [_post(f"ruling-{n}", ruling.title, ruling.body, SEPTEMBER) for n in range(3)]
    # Stamped eleven days after the run's first date and twelve before its last; its words are the ruling's.
    stamped = _post("stamped", "Jan. 12, 2031", ruling.body, None)
    event = main_event([*january, *september, stamped])
    assert event.versions == frozenset({0, 1, 2, 3, 4, 8})


def test_on_a_tie_the_latest_run_of_dates_is_the_main_event():
    from newsdigest.stories.phase import main_event

    posts = _licence_story()
    assert main_event([posts[0], posts[1], posts[2], _later(posts[0], days=2)]).versions == frozenset({1, 2})


def _later(post: Post, days: int) -> Post:
    return _post(f"{post.id}-later", post.title, post.body, post.published + timedelta(days=days))


def test_an_undated_copy_of_one_version_joins_that_versions_run_however_the_rest_of_it_is_worded():
    from newsdigest.stories.phase import main_event

    posts = _licence_story()
    appeal, ruling = posts[0], posts[1]
    again = _post("appeal-2", "Kelvale appeal", _appeal().replace("lodged an appeal on Thursday", "appealed"),
                  datetime(2031, 1, 10, tzinfo=UTC))
    briefs = [_post("brief-1", "Cider again", "Dunmere tribunal sides with orchard growers; sales resume in autumn.",
                    SEPTEMBER),
              _post("brief-2", "Orchard wins", "Growers near Kelvale celebrate as the casks can be sold again.",
                    SEPTEMBER)]
    # The ruling retold with the appeal's opening line: nearest to the ruling, though the briefs share few words.
    told = _post("told", ruling.title, f"{ruling.body}\n\n{_appeal().split(chr(10))[0]}", None)
    assert main_event([appeal, again, ruling, *briefs, told]).versions == frozenset({2, 3, 4, 5})


def test_a_run_with_one_dated_version_splits_no_phases():
    from newsdigest.stories.phase import main_event

    posts = _licence_story()
    appeal = posts[0]
    # One dated ruling in September and one dated appeal in January; every undated version reads like the ruling.
    rewrites = [_post(f"told-{n}", p.title, p.body, None) for n, p in enumerate(posts[1:4])]
    event = main_event([appeal, posts[1], *rewrites])
    assert event.versions == frozenset(range(5))
    assert event.start is None
    # With a second dated ruling, its run is a phase of its own.
    event = main_event([appeal, posts[1], posts[2], *rewrites])
    assert event.versions == frozenset({1, 2, 3, 4, 5})
    assert event.start == date(2031, 9, 19)


def test_a_summary_never_announces_as_to_come_a_day_before_the_main_event():
    from newsdigest.stories.analysis import analyse

    # Every version of the ruling, dated or not, still carries the appeal's dated announcement; it is their only
    # sign of the earlier phase.
    stale = "Dunmere's licensing tribunal is set to hear an appeal by the cooperative's neighbours on March 4, 2031."
    posts = [p for p in _licence_story() if p.id.startswith("ruling")]
    posts = [_post(p.id, p.title, p.body.replace(_BACKGROUND, f"{stale}\n\n{_BACKGROUND}"), p.published)
             for p in posts]
    posts += [_post(f"{p.id}-copy", f"{p.title} (copy)", p.body.replace("on Friday", "this week"), None)
              for p in posts[:2]]
    summary = analyse(posts).summary
    assert "restored" in summary or "won back" in summary
    assert "March 4" not in summary


def test_a_build_titles_each_story_by_its_analysis_and_keeps_its_address(tmp_path):
    from newsdigest.stories.analysis import analyse
    from newsdigest.stories.group import group_posts

    posts = _licence_story()
    appeal_only = [p for p in posts if p.id.startswith("appeal")]
    first, registry = group_posts(appeal_only, cache_dir=tmp_path / "cache")
    assert len(first) == 1
    assert first[0].title == analyse([v.post for v in first[0].versions]).headline
    # The ruling comes in: the story's headline now tells it, and its address, made once, stays.
    again, _ = group_posts(posts, registry=registry, cache_dir=tmp_path / "cache")
    assert len(again) == 1
    assert again[0].title == analyse([v.post for v in again[0].versions]).headline
    assert again[0].title != first[0].title
    assert again[0].slug == first[0].slug


def test_overrides_analyse_before_regrouping_only_the_stories_the_registry_does_not_know(tmp_path, monkeypatch):
    from newsdigest.stories import story_cache
    from newsdigest.stories.group import group_posts
    from newsdigest.stories.overrides import Override

    posts = [p for p in _licence_story() if p.id.startswith("ruling")]
    stories, registry = group_posts(posts)
    assert len(stories) == 1
    analysed: list[set[str]] = []
    compute = story_cache._compute

    def recording(groups):
        analysed.extend({p.id for p in g} for g in groups)
        return compute(groups)

    monkeypatch.setattr(story_cache, "_compute", recording)
    override = Override(slug=stories[0].slug, path=tmp_path / "override.md", exclude=("ruling-d",))
    group_posts(posts, [override], registry=registry)
    assert sorted(analysed, key=len) == [{"ruling-d"}, {"ruling-a", "ruling-b", "ruling-c"}]


def test_a_build_removes_the_folder_of_headlines_kept_apart_by_earlier_builds(tmp_path):
    from newsdigest.stories.group import group_posts

    old = tmp_path / "cache" / "titles"
    old.mkdir(parents=True)
    (old / "entry.pickle").write_bytes(b"headlines of an earlier build")
    group_posts(_licence_story()[:2], cache_dir=tmp_path / "cache")
    assert not old.exists()
    assert (tmp_path / "cache").is_dir()


@pytest.mark.parametrize("sentence, written, expected", [
    ("The appeal is set to be heard on June 17 in Dunmere.", date(2031, 1, 9), True),
    ("The cooperative will be told of the ruling on 3 March, its lawyer said.", date(2031, 1, 9), True),
    ("Inspectors are expected to return on Sept. 12, 2031.", None, False),  # after the main event's first day
    ("Inspectors visited the cellars on June 17, 2031.", None, False),  # told as past: a fact, not an announcement
    ("The hearing is set for October 2.", date(2031, 9, 20), False),
    ("The last ferry crossing will be on Feb. 28.", date(2031, 9, 20), False),  # from September: next February
    ("The appeal is set to be heard on June 17 in Dunmere.", None, False),  # undated: which June is unknown
    ("The appeal is set to be heard on June 17, 2031, in Dunmere.", None, True),
    # The day is not the future verb's: it belongs to another clause.
    ("Closed on June 3, 2031, the cellars will be inspected again next month.", None, False),
    ("The cellars, sealed on June 3, 2031, will be inspected again next month.", None, False),
    ("The cellars will be inspected again next month by the two wine inspectors of the county who had sealed "
     "them on June 3, 2031.", None, False),  # too far on from the verb to be its day
    # A weekday's comma before its date ends no clause.
    ("The appeal is set to be heard on Tuesday, June 17, in Dunmere.", date(2031, 1, 9), True),
    ("The appeal is set to be heard on Tuesday, the registrar said on June 17.", date(2031, 1, 9), False),
])
def test_a_sentence_announcing_a_day_already_past_looks_back(sentence, written, expected):
    from newsdigest.stories.phase import looks_back

    assert looks_back(sentence, date(2031, 9, 10), written) is expected
    assert looks_back(sentence, None, written) is False


def test_a_derived_headline_cut_at_an_abbreviation_is_cut():
    from newsdigest.stories.assemble import choose_title

    # The cut line shares more words with the other version and comes first: only its being cut sets it aside.
    body = ("Volunteers from the Harlow Chapel roof repair crews working for the Rev. Ann Roe mended the slates by "
            "Friday.\n\nNo one was hurt.")
    cut = _post("cut", "Volunteers from the Harlow Chapel roof repair crews working for the Rev", body,
                datetime(2031, 5, 2, tzinfo=UTC), title_derived=True)
    whole = _post("whole", "Chapel slates mended", body.replace("by Friday", "on Friday"),
                  datetime(2031, 5, 3, tzinfo=UTC), title_derived=True)
    assert choose_title([cut, whole]) == "Chapel slates mended"


def _flood_versions() -> list[Post]:
    """Four versions of a breach in a river wall; one outlet's headline, whose words the others share best,
    tells of the dry days before it."""
    before = ("The Oskel had stayed within its banks through a dry week, the river board said, before the rain "
              "returned on Sunday.")
    breach = ("The river wall at Marrow Quay in Oskelford gave way on Monday night after two days of rain.\n\n"
              f"Water reached the doors of the old grain hall, the river board said.\n\n{before}")
    return [
        _post("dry", "Oskel stays within its banks through a dry week, river board says", breach, None),
        _post("a", "River wall gives way at Marrow Quay", breach.replace("gave way", "collapsed"), None),
        _post("b", "Oskelford quay wall breached", breach.replace("two days of rain", "two wet days"), None),
        _post("c", "Latest from the Oskel", breach.replace("Monday night", "Monday evening"), None),
    ]


def test_headline_comes_from_a_version_carrying_the_summarys_opening():
    from newsdigest.stories.assemble import choose_title

    posts = _flood_versions()
    summary = posts[0].body.split("\n\n")[0]
    assert choose_title(posts).startswith("Oskel stays")  # without the summary: the words the others share
    # Half of the versions carry the summary's opening: the headline is one of theirs.
    assert choose_title(posts, (("a", "b"), ("dry", "c")), summary=summary) in {
        "River wall gives way at Marrow Quay", "Oskelford quay wall breached"}


def test_an_opening_a_minority_carries_does_not_choose_the_headline():
    from newsdigest.stories.assemble import choose_title

    posts = _flood_versions()
    summary = posts[0].body.split("\n\n")[0]
    # One version of four carries the opening: it speaks for no more of them than another statement, and its
    # headline, which the others share few words of, is not preferred for it.
    chosen = choose_title(posts, (("c",), ("dry", "a", "b")), summary=summary)
    assert chosen != "Latest from the Oskel"
    assert chosen == choose_title(posts, summary=summary)


def test_a_heading_kept_in_the_body_is_no_summary_sentence():
    from newsdigest.stories.analysis import analyse

    heading = "Beekeepers Urge Valley Council to Lift Its Ban on Hillside Hives Before the Clover Season"
    body = ("More than 200 beekeepers asked the Harlow valley council on Monday to lift the ban on hillside hives "
            "it adopted in January.\n\nThe ban keeps hives off council land above the orchards, the beekeepers "
            "wrote in a letter.")
    posts = [
        _post("a", "Beekeepers ask Harlow council to lift hive ban", f"{heading}\n\n{body}", None),
        _post("b", "Harlow hive ban challenged", f"{heading}\n\n{body.replace('on Monday', 'this week')}", None),
    ]
    summary = analyse(posts).summary
    assert "200 beekeepers" in summary
    assert heading not in summary


_REGATTA = ("The Kelport regatta opens on Friday with 48 crews from nine towns on the harbour course.\n\n"
            "{middle}\n\nThe final is to be rowed on Sunday afternoon, the organisers said.")


def _regatta(middle: str) -> list[Post]:
    body = _REGATTA.format(middle=middle)
    return [
        _post("a", "Kelport regatta opens with 48 crews", body, None, outlet="Harbour Herald",
              url="https://www.harbourherald.net/sport/regatta"),
        _post("b", "48 crews for Kelport regatta", body.replace("nine towns", "nine harbour towns"), None,
              outlet="Quayside Courier"),
    ]


@pytest.mark.parametrize("middle, shown", [
    # The version's own site, by the host of its address or by its outlet's name: a page about a page.
    ("Ahead of the races, harbourherald.net revisits every crew that has lifted the Silver Oar since 1990.",
     False),
    ("Ahead of the races, QuaysideCourier.net revisits every crew that has lifted the Silver Oar since 1990.",
     False),
    # Another site is part of the news, and so is an address in a speaker's words.
    ("The boat maker Oarsmith.net has lent twelve new shells to the crews from the smaller towns.", True),
    ("“Every race is streamed live on harbourherald.net,” the regatta's chair, Ivo Brandt, said.", True),
])
def test_a_sentence_naming_the_versions_own_site_is_no_summary_sentence(middle, shown):
    from newsdigest.stories.analysis import analyse

    summary = analyse(_regatta(middle)).summary
    assert "48 crews" in summary
    assert (middle in summary) is shown


def test_a_lone_version_without_full_stops_still_gets_its_summary():
    from newsdigest.stories.analysis import analyse

    body = ("Ferry crossings to Harlow Island resume after a three-day strike by deck crews\n\n"
            "The first sailing leaves Kelport at seven with about 200 passengers aboard")
    summary = analyse([_post("lone", "Harlow ferries sail again", body, None)]).summary
    assert summary.startswith("Ferry crossings to Harlow Island resume")


@pytest.mark.parametrize("sentence, expected", [
    ("Late on Tuesday, the 58-year-old was elected chair of the Kelport rowing club.", True),
    ("The 58-year-old was elected chair of the rowing club.", True),
    ("Late on Tuesday, Ann Roe was elected chair of the Kelport rowing club.", False),
])
def test_a_sentence_naming_nobody_after_a_time_phrase_reads_as_a_follow_on(sentence, expected):
    from newsdigest.stories.standalone import reads_as_follow_on

    assert reads_as_follow_on(sentence) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("The lock keeper, Tomas Hale, agreed.", True),
    ("In a joint letter, the lock keeper, Tomas Hale, and the ferry pilot, Lina Ortz, concurred.", True),
    ("The river board's engineer disagreed.", True),
    ("Ann Roe agreed to pay for the repairs to the quay wall.", False),
    # A statement of its own that ends on such a verb stands alone.
    ("Fares on the island ferries rose by a third in May, a change with which the deck crews' union disagrees.", False),
])
def test_a_sentence_that_only_agrees_with_what_came_before_needs_it(sentence, expected):
    from newsdigest.stories.standalone import leans_on_context

    assert leans_on_context(sentence) is expected
