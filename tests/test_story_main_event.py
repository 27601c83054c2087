"""A story's summary and headline tell its main event: not an earlier phase, not another angle of it.

Fixtures are made up: invented towns, people and outlets.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from newsdigest.model import Post


def _post(pid: str, title: str, body: str, when: datetime | None, **extra) -> Post:
    return Post(id=pid, title=title, body=body, source=f"sources/{pid}.md", published=when, **extra)


JANUARY = datetime(2031, 1, 9, 15, 0, tzinfo=timezone.utc)
SEPTEMBER = datetime(2031, 9, 19, 18, 0, tzinfo=timezone.utc)

_MOTIVE = "Prosecutors say Brack shot Olle after a quarrel over the lease of the family's orchard near Kelvale."


def _trial_story() -> list[Post]:
    """A murder case told in two phases months apart: the plea in January (one dated version, two undated
    rewrites), the verdict in September (three versions)."""
    plea = ("A Kelvale man pleaded not guilty on Thursday to first-degree murder in the death of Marit Olle, "
            "a cider maker from Dunmere.\n\nTrial is set for June 17 for 41-year-old Ossian Brack of Kelvale, "
            f"who is accused of shooting Olle in her barn.\n\n{_MOTIVE}")
    plea_copy = ("A Kelvale man has pleaded not guilty to first-degree murder in the death of Marit Olle, a "
                 "cider maker from Dunmere.\n\nTrial is set for June 17 for 41-year-old Ossian Brack of Kelvale, "
                 f"who is accused of shooting Olle in her barn.\n\n{_MOTIVE}")
    verdict = ("A jury in Kelvale convicted Ossian Brack of first-degree murder on Friday in the shooting death "
               "of cider maker Marit Olle.\n\nJurors recommended a sentence of life in prison without parole.\n\n"
               f"{_MOTIVE}")
    verdict_b = ("Jurors in Kelvale on Friday convicted Ossian Brack of first-degree murder in the shooting death "
                 "of cider maker Marit Olle.\n\nThe jury recommended life in prison without parole.\n\n"
                 f"{_MOTIVE}")
    verdict_c = ("A Kelvale jury convicted Ossian Brack on Friday of first-degree murder in the shooting death of "
                 f"cider maker Marit Olle, after four hours of deliberation.\n\n{_MOTIVE}")
    return [
        _post("plea", "Kelvale man pleads not guilty in death of Dunmere cider maker", plea, JANUARY),
        _post("verdict-a", "Jury convicts Kelvale man in cider maker's death", verdict, SEPTEMBER),
        _post("verdict-b", "Ossian Brack guilty of murdering Marit Olle", verdict_b, SEPTEMBER),
        _post("verdict-c", "Kelvale orchard killing ends in murder verdict", verdict_c, SEPTEMBER),
        _post("plea-copy", "Man pleads not guilty in death of Dunmere cider maker Marit Olle", plea_copy, None),
        _post("plea-wire", "Not guilty plea in Dunmere cider maker's death",
              plea_copy.replace("A Kelvale man has pleaded", "A man from Kelvale pleaded"), None),
    ]


def test_summary_of_a_story_in_two_phases_tells_the_main_event_only():
    from newsdigest.stories.analysis import analyse

    found = analyse(_trial_story())
    assert "convicted Ossian Brack" in found.summary
    # The plea's "Trial is set for June 17", written before the verdict, is not told beside it.
    assert "June 17" not in found.summary
    assert "pleaded not guilty" not in found.summary


def test_headline_comes_from_a_version_of_the_main_event_the_summary_tells():
    from newsdigest.stories.analysis import analyse

    posts = _trial_story()
    found = analyse(posts)
    verdicts = {p.title for p in posts if p.id.startswith("verdict")}
    assert found.headline in verdicts


def test_a_build_titles_each_story_by_its_analysis(tmp_path):
    from newsdigest.stories.analysis import analyse
    from newsdigest.stories.group import group_posts

    posts = _trial_story()
    stories, registry = group_posts(posts, cache_dir=tmp_path / "cache")
    assert len(stories) == 1
    assert stories[0].title == analyse([v.post for v in stories[0].versions]).headline
    # Its address was made once: a build that finds another headline keeps it.
    again, _ = group_posts(posts[:3], registry=registry, cache_dir=tmp_path / "cache")
    assert again[0].slug == stories[0].slug


def test_the_main_event_is_the_largest_run_of_dates_and_undated_versions_stay():
    from newsdigest.stories.phase import main_event

    posts = _trial_story()
    event = main_event(posts)
    assert {posts[n].id for n in event.versions} == {"verdict-a", "verdict-b", "verdict-c", "plea-copy", "plea-wire"}
    assert event.start == date(2031, 9, 19)
    # On a tie, the latest run of dates is the news.
    tie = main_event([posts[0], posts[1]])
    assert tie.versions == frozenset({1})


@pytest.mark.parametrize("sentence, written, expected", [
    ("Trial is set for June 17 for Ossian Brack of Kelvale.", date(2031, 1, 9), True),
    ("He will be sentenced on 3 March, prosecutors said.", date(2031, 1, 9), True),
    ("Jurors are expected to return on Sept. 12, 2031.", None, False),  # after the main event's first day
    ("Jurors were sent home on June 17, 2031.", None, False),  # told as past: a fact, not an announcement
    ("The hearing is set for October 2.", date(2031, 9, 20), False),
    ("Her last day in office will be Feb. 28.", date(2031, 9, 20), False),  # from September: next February
    ("Trial is set for June 17 for Ossian Brack of Kelvale.", None, False),  # undated: which June is unknown
    ("Trial is set for June 17, 2031 for Ossian Brack of Kelvale.", None, True),
])
def test_a_sentence_announcing_a_day_already_past_looks_back(sentence, written, expected):
    from newsdigest.stories.phase import looks_back

    assert looks_back(sentence, date(2031, 9, 10), written) is expected
    assert looks_back(sentence, None, written) is False


def test_a_derived_headline_cut_at_an_abbreviation_is_cut():
    from newsdigest.stories.assemble import choose_title

    body = ("Harlow Chapel, the home church of Ostmark Gov. Ann Roe and her family, was damaged by a fire set on "
            "Friday night.\n\nNo one was hurt.")
    cut = _post("cut", "Harlow Chapel, the home church of Ostmark Gov", body, None, title_derived=True)
    whole = _post("whole", "No one was hurt as fire damages Harlow Chapel",
                  "No one was hurt as fire damages Harlow Chapel.\n\nThe fire was set on Friday night.", None,
                  title_derived=True)
    assert choose_title([cut, whole]) == "No one was hurt as fire damages Harlow Chapel"


def test_headline_comes_from_a_version_carrying_the_summarys_opening():
    from newsdigest.stories.assemble import choose_title

    # All four versions tell of the clashes; one outlet's headline, whose words the others share best, tells of
    # the calm before them. The summary opens on the clashes, carried by version "a": its headline is the one.
    background = ("Calm returned to Varnholm streets on Sunday after a week of unrest over the student's death, "
                  "the council said, before the clashes began again.")
    clashes = ("Youths threw stones at the police headquarters in Varnholm on Tuesday night, a week after a "
               "student was shot dead by an officer.\n\nShops and two banks on Kessel Street were set on fire, "
               f"the fire service said.\n\n{background}")
    posts = [
        _post("calm", "Calm returns to Varnholm streets after week of unrest over student's death", clashes, None),
        _post("a", "Stones thrown at Varnholm police", clashes.replace("Youths threw", "Young men threw"), None),
        _post("b", "Banks burn in Varnholm", clashes.replace("Shops and two banks", "Two banks and shops"), None),
        _post("c", "Varnholm police headquarters attacked", clashes.replace("Tuesday night", "Tuesday evening"),
              None),
    ]
    summary = clashes.split("\n\n")[0]
    assert choose_title(posts).startswith("Calm returns")  # without the summary: the words the others share
    assert choose_title(posts, (("a",), ("calm", "b", "c")), summary=summary) == "Stones thrown at Varnholm police"


def test_a_heading_kept_in_the_body_is_no_summary_sentence():
    from newsdigest.stories.analysis import analyse

    heading = "Scientists Call on Harbour Board to Overturn Dredging Rules That Cut Science Out of Port Decisions"
    body = ("More than 300 marine scientists asked the Kelport harbour board on Monday to overturn the dredging "
            "rules it adopted in January.\n\nThe rules let the board approve dredging without consulting the "
            "fisheries office, the scientists wrote in a letter.")
    posts = [
        _post("a", "Scientists ask Kelport board to drop dredging rules", f"{heading}\n\n{body}", None),
        _post("b", "Kelport dredging rules challenged", f"{heading}\n\n{body.replace('on Monday', 'this week')}",
              None),
    ]
    summary = analyse(posts).summary
    assert "marine scientists" in summary
    assert heading not in summary


@pytest.mark.parametrize("sentence, expected", [
    ("On Saturday, the 41-year-old was named the new conductor of the Kelport orchestra.", True),
    ("The 41-year-old was named the new conductor.", True),
    ("On Saturday, Ann Roe was named the new conductor of the Kelport orchestra.", False),
])
def test_a_sentence_naming_nobody_after_a_time_phrase_reads_as_a_follow_on(sentence, expected):
    from newsdigest.stories.standalone import reads_as_follow_on

    assert reads_as_follow_on(sentence) is expected
