"""How the versions of one story relate, on a made-up story told five ways.

The fixtures are written here, not read from the demo: an original report, a
verbatim copy, a spun copy (synonyms, re-ordered clauses, "Experts revealed
that", and one figure garbled into "26 dozen"), and an independent report from
the quayside. Each test asserts something a reader of the story page would see.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from newsdigest.model import Post, RelationKind
from newsdigest.stories.align import align
from newsdigest.stories.analysis import analyse
from newsdigest.stories.disagreements import find_disagreements
from newsdigest.stories.numbers import compatible, find_mentions
from newsdigest.stories.quotes import find_quotes, shared_quotes
from newsdigest.stories.relations import PairShare, relate
from newsdigest.stories.sentences import markdown_paragraphs, split_sentences

T0 = datetime(2026, 3, 3, 8, 0, tzinfo=timezone.utc)

ORIGINAL = """\
The harbour authority of Westport has rejected a plan to expand the container terminal, officials said on Tuesday.

The proposal, backed by a consortium of 26 shipping firms, would have added four new berths on the northern quay.

Harbour master Elena Marsh said: “We cannot approve a project that puts the estuary’s wildlife at risk.”

The consortium had promised to invest €1.2bn over the next decade and create 800 jobs in the region.

Environmental groups welcomed the decision after a campaign that gathered 40,000 signatures.

The mayor of Westport, Daniel Okafor, said the city would look for other ways to support the port’s growth.

A public hearing on an alternative site on the southern shore is planned for March.

Shipping firms said they would study the ruling carefully before deciding whether to appeal.
"""

COPY = """\
The harbour authority of Westport has rejected a plan to expand the container terminal, officials said on Tuesday.

The proposal, backed by a consortium of 26 shipping firms, would have added four new berths on the northern quay.

Harbour master Elena Marsh said: "We cannot approve a project that puts the estuary's wildlife at risk."

The consortium had promised to invest €1.2bn over the next decade and create 800 jobs in the region.

Environmental groups welcomed the decision after a campaign that gathered 40,000 signatures.

The mayor of Westport, Daniel Okafor, said the city would look for other ways to support the port's growth.

A public hearing on an alternative site on the southern shore is planned for March.
"""

SPUN = """\
Experts revealed that Westport's harbour authority has dismissed a scheme to enlarge its container terminal, \
officials stated on Tuesday.

Backed by a consortium of 26 dozen shipping companies, the proposal would have built four additional berths \
along the northern quay.

"We cannot approve a project that puts the estuary's wildlife at risk," harbour master Elena Marsh said.

The consortium had pledged to invest €1.2bn across the coming decade and create 800 jobs in the region.

Green groups applauded the verdict after a campaign that collected 40,000 signatures.

Westport's mayor, Daniel Okafor, said the city would seek other ways to support the growth of the port.

Shares in the consortium's largest member fell sharply in early trading on the Oslo exchange.
"""

INDEPENDENT = """\
Fishermen in Westport celebrated on the quayside late on Tuesday as news of the ruling spread.

“We cannot approve a project that puts the estuary’s wildlife at risk,” said harbour master Elena Marsh.

Several trawlers sounded their horns while crews gathered outside the old customs house.

About 300 fishing boats still work from the harbour, many of them owned by the same families for generations.

Tom Reilly, who has fished the bay since he was a boy, said the decision had saved his livelihood.

Local shopkeepers worry that investment will now drift to rival ports further along the coast.
"""


def post(pid: str, body: str, hours: float | None, **extra) -> Post:
    published = None if hours is None else T0 + timedelta(hours=hours)
    return Post(id=pid, title=extra.pop("title", f"Westport port expansion ({pid})"), body=body,
                source=f"sources/{pid}.md", published=published, **extra)


@pytest.fixture(scope="module")
def story():
    posts = [
        post("independent", INDEPENDENT, 3, title="Fishermen cheer as Westport port plan is blocked"),
        post("spun", SPUN, 2, title="Westport dismisses terminal expansion"),
        post("original", ORIGINAL, 0, title="Westport rejects container terminal expansion"),
        post("copy", COPY, 1, title="Westport rejects container terminal expansion"),
    ]
    return posts, analyse(posts)


# --- relations ---------------------------------------------------------------


def test_earliest_version_is_first(story):
    _, analysis = story
    assert analysis.relations["original"].kind is RelationKind.FIRST
    assert analysis.relations["original"].of is None


def test_verbatim_copy_is_a_copy_of_the_original_with_nearly_all_its_sentences(story):
    _, analysis = story
    relation = analysis.relations["copy"]
    assert relation.kind is RelationKind.COPY
    assert relation.of == "original"
    assert relation.share >= 0.95
    assert analysis.copy_map["copy"]["original"].verbatim >= 0.95


def test_spun_copy_with_synonyms_and_filler_is_a_rewrite_not_independent(story):
    _, analysis = story
    relation = analysis.relations["spun"]
    assert relation.kind is RelationKind.REWRITE
    assert relation.of == "original"
    assert relation.share >= 0.6
    # Word-for-word, little survives: shingles alone would have missed it.
    assert analysis.copy_map["spun"]["original"].verbatim < 0.6


def test_own_reporting_is_independent(story):
    _, analysis = story
    relation = analysis.relations["independent"]
    assert relation.kind is RelationKind.INDEPENDENT
    assert relation.of is None


def test_every_version_gets_a_relation(story):
    posts, analysis = story
    assert set(analysis.relations) == {p.id for p in posts}


def test_sentence_similarity_is_scipys_sparse_product_to_the_bit(story):
    # The summary compares it with thresholds the rest of alignment reached through scipy's product, so a
    # last-bit difference could tip a sentence across one; it sums in column order, which needs sorted rows.
    posts, _ = story
    for prose_only in (False, True):
        alignment = align(posts, prose_only=prose_only)
        vectors = alignment.vectors
        assert vectors.has_sorted_indices
        n = len(alignment.sentences)
        shared = 0
        for a in range(n):
            for b in range(n):
                expected = float(vectors[a].multiply(vectors[b]).sum())
                assert alignment.sentence_similarity(a, b) == expected, (a, b)
                shared += expected > 0
        assert shared > n  # sentences other than each with itself share terms: the sums were put to the test


def test_centralities_of_many_groups_are_each_groups_own_product_to_the_bit(story):
    # The summary ranks a statement's wordings by these sums rounded to two places, so a last-bit difference could
    # reorder two wordings: one product for all groups must add up every sum in the order a group's own would.
    posts, _ = story
    for prose_only in (False, True):
        alignment = align(posts, prose_only=prose_only)
        n = len(alignment.sentences)
        groups = [[a, *(b for b in range(n) if b != a and alignment.sentence_similarity(a, b) > 0)] for a in range(n)]
        groups = [g for g in groups if len(g) > 1] + [list(range(n)), [n - 1, 0]]
        assert sum(len(g) for g in groups) > 3 * n  # groups overlap, so each row is met in several blocks
        for group, got in zip(groups, alignment.centralities(groups), strict=True):
            vectors = alignment.vectors[group]
            expected = np.round(np.asarray((vectors @ vectors.T).sum(axis=1)).ravel(), 2)
            assert got.dtype == expected.dtype and got.tobytes() == expected.tobytes(), group


def test_stacked_rows_are_the_rows_of_scipys_stack_in_the_given_order():
    from scipy import sparse

    from newsdigest.stories.align import _stacked_rows

    rng = np.random.default_rng(3)
    parts = [sparse.random(7, 11, density=0.3, format="csr", dtype=np.float32, random_state=rng),
             sparse.random(5, 11, density=0.4, format="csr", dtype=np.float32, random_state=rng)]
    order = rng.permutation(12)
    got, expected = _stacked_rows(parts, order), sparse.vstack(parts).tocsr()[order]
    assert (got.indptr == expected.indptr).all()
    assert got.indices.tolist() == expected.indices.tolist() and got.data.tobytes() == expected.data.tobytes()


def test_an_undated_version_leaves_nobody_first_and_may_copy_a_later_dated_one():
    posts = [post("undated", ORIGINAL, None), post("dated", COPY, 5)]
    relations = analyse(posts).relations
    # Nobody can say the undated one came later, so "first" would be a guess.
    assert not any(r.kind is RelationKind.FIRST for r in relations.values())
    assert relations["undated"].kind is RelationKind.COPY
    assert relations["undated"].of == "dated"


def test_when_nothing_is_dated_nobody_is_first_but_copying_is_still_found():
    posts = [post("spun", SPUN, None), post("indie", INDEPENDENT, None), post("orig", ORIGINAL, None)]
    relations = analyse(posts).relations
    assert not any(r.kind is RelationKind.FIRST for r in relations.values())
    assert relations["spun"].kind is RelationKind.REWRITE and relations["spun"].of == "orig"
    assert relations["indie"].kind is RelationKind.INDEPENDENT


def test_undated_versions_are_never_each_others_source_round_a_circle():
    # Each of three undated versions follows the next one most closely (a → b → c → a): one direction of
    # the circle is a claim nobody can support, so the last link of the circle is never drawn.
    posts = [post("a", ORIGINAL, None), post("b", COPY, None), post("c", SPUN, None)]
    followed = {(0, 1): 6, (1, 2): 6, (2, 0): 6, (0, 2): 4, (1, 0): 4, (2, 1): 4}
    shares = [[PairShare(aligned=followed.get((v, w), 0) / 8, verbatim=0.0, sentences=8,
                         followed_count=followed.get((v, w), 0), contained=1.0) for w in range(3)] for v in range(3)]
    relations = relate(posts, align(posts, prose_only=True), shares)
    links = {v.id: relations[v.id].of for v in posts if relations[v.id].of}
    assert links["a"] == "b" and links["b"] == "c"  # the two strongest links stand
    assert links.get("c") != "a"  # c drawn from a would close the circle


def test_naive_and_aware_dates_mix_without_error():
    naive = Post(id="a", title="t", body=ORIGINAL, source="a", published=datetime(2026, 3, 3, 7, 0))
    aware = post("b", COPY, 0)
    assert analyse([aware, naive]).relations["a"].kind is RelationKind.FIRST


def test_single_version_and_empty_story():
    one = analyse([post("only", ORIGINAL, 0)])
    assert one.relations["only"].kind is RelationKind.INDEPENDENT  # "first" of one says nothing
    assert one.additions == {"only": ()}
    assert one.disagreements == ()
    assert one.summary.startswith("The harbour authority of Westport has rejected")  # its own lead
    assert one.quotes[0].speaker == "Elena Marsh"
    empty = analyse([])
    assert empty.relations == {} and empty.summary == ""


# --- additions ---------------------------------------------------------------


def test_additions_list_what_only_one_version_says(story):
    _, analysis = story
    assert any("Oslo exchange" in s for s in analysis.additions["spun"])
    assert any("study the ruling" in s for s in analysis.additions["original"])
    assert any("customs house" in s for s in analysis.additions["independent"])
    # The verbatim copy adds nothing, and reworded sentences are not additions.
    assert analysis.additions["copy"] == ()
    assert not any("Green groups" in s for s in analysis.additions["spun"])


# --- quotes ------------------------------------------------------------------


def test_shared_quote_in_curly_and_straight_marks_is_one_quote_with_its_speaker(story):
    _, analysis = story
    top = analysis.quotes[0]
    assert "cannot approve a project" in top.text
    assert top.speaker == "Elena Marsh"
    assert set(top.post_ids) == {"original", "copy", "spun", "independent"}


def test_quotes_are_ordered_by_how_many_versions_carry_them():
    posts = [
        post("a", "“One quote carried by both versions here,” said Anna Berg. "
                  "Bo Lind replied, “a second quote only this one has.”", 0),
        post("b", "Anna Berg said: \"One quote carried by both versions here.\"", 1),
    ]
    quotes = shared_quotes(posts)
    assert quotes[0].post_ids == ("a", "b") and quotes[0].speaker == "Anna Berg"
    assert quotes[1].post_ids == ("a",) and quotes[1].speaker == "Bo Lind"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("In remarks published on Monday, the ministry's spokesperson, Ivan Petrov, said: “No, we will not sign.”",
         "Ivan Petrov"),
        ("“We will not sign this treaty,” said Macron.", "Macron"),
        ("“We will not sign this treaty,” the minister Ivan Petrov told reporters.", "Ivan Petrov"),
        ("State media quoted spokesman Ivan Petrov as saying: ‘we will never sign it’.", "Ivan Petrov"),
        ("Ivan Petrov met reporters on Monday. “We will not sign this treaty,” he said.", "Ivan Petrov"),
        ("The talks ended without a “clear path to any deal” for now.", None),
        # The mark closed inside the figure: the credit follows its scale word.
        ("The club wants a new deal. “Our last offer to the players was €12” million, its chairman, Erik "
         "Dahl, said on Sunday.", "Erik Dahl"),
    ],
)
def test_speaker_is_found_where_the_sentence_states_it(text, speaker):
    [quote] = find_quotes(post("x", text, 0))
    assert quote.speaker == speaker


def test_short_scare_quotes_and_quoted_names_are_not_quotes():
    text = 'Officials called it "probably" fine at the "Coalition of the Willing" summit.'
    assert find_quotes(post("x", text, 0)) == []


# --- disagreements -----------------------------------------------------------


def test_26_dozen_against_26_is_a_disagreement_shown_side_by_side(story):
    _, analysis = story
    [disagreement] = [d for d in analysis.disagreements if any("dozen" in c.value for c in d.claims)]
    by_post = {c.post_id: c for c in disagreement.claims}
    assert by_post["spun"].value == "26 dozen" and by_post["original"].value == by_post["copy"].value == "26"
    assert "26 dozen shipping companies" in by_post["spun"].sentence
    assert "shipping firms" in disagreement.subject and "312" in disagreement.subject
    # Each value is quoted as written, so a page can highlight it in its sentence.
    assert all(c.value in c.sentence for c in disagreement.claims)


def test_a_figure_one_version_leaves_out_is_no_disagreement(story):
    _, analysis = story
    # "800 jobs" is only in some versions, "About 300 fishing boats" only in one: neither is disputed.
    claims = [c for d in analysis.disagreements for c in d.claims]
    assert not any(v in c.sentence for c in claims for v in ("300", "800", "40,000", "€1.2bn"))
    assert len(analysis.disagreements) == 1


def test_excerpt_is_part_of_what_a_version_states():
    a = post("a", "The pledge came from 26 countries, officials said after the summit in Paris.", 0)
    b = post("b", "Officials said the short summit had been a success for everyone.", 1,
             excerpt="The pledge came from 26 dozen countries, officials said after the summit in Paris.")
    [d] = find_disagreements([a, b])
    assert {c.post_id for c in d.claims} == {"a", "b"}


def test_approximate_figures_compatible_with_exact_ones_are_not_disagreements():
    a = post("a", "The summit in Paris brought together more than 30 countries to discuss the ceasefire plan.", 0)
    b = post("b", "The summit in Paris brought together 35 countries to discuss the ceasefire plan.", 1)
    c = post("c", "The war has lasted three-and-a-half years since the full-scale invasion began.", 2)
    d = post("d", "The 42-month war has lasted since the full-scale invasion began.", 3)
    assert find_disagreements([a, b]) == ()
    assert find_disagreements([c, d]) == ()


def test_exact_figures_that_differ_are_a_disagreement():
    a = post("a", "The summit in Paris brought together 30 countries to discuss the ceasefire plan.", 0)
    b = post("b", "The summit in Paris brought together 35 countries to discuss the ceasefire plan.", 1)
    [d] = find_disagreements([a, b])
    assert [c.value for c in d.claims] == ["30", "35"]
    assert "countries" in d.subject


@pytest.mark.parametrize(
    ("text", "value", "dimension"),
    [
        ("after 26 dozen countries pledged", 312, "count"),
        ("more than three-and-a-half years after", 42, "duration"),
        ("its 42-month war", 42, "duration"),
        ("received €1.1bn in fuel sales", 1.1e9, "money:EUR"),
        ("a total of 1,200 people", 1200, "count"),
        ("a rise of 4.5% this year", 4.5, "percent"),
        ("by the end of 2027", 2027, "year"),
    ],
)
def test_figures_are_normalised(text, value, dimension):
    [mention] = find_mentions(text, 0)
    assert mention.value == pytest.approx(value)
    assert mention.dimension == dimension


def test_dates_and_times_are_not_figures():
    assert find_mentions("Published: September 6, 2025 at 9:50 am", 0) == []


def test_rounded_and_qualified_figures_are_compatible():
    [rounded] = find_mentions("Russia received €1.1bn from fuel", 0)
    [precise] = find_mentions("Russia received €1.12bn from fuel", 0)
    [other] = find_mentions("Russia received €1.3bn from fuel", 0)
    assert compatible(rounded, precise) and not compatible(rounded, other)


# --- summary -----------------------------------------------------------------


def test_summary_is_drawn_from_what_the_versions_agree_on(story):
    _, analysis = story
    summary = analysis.summary
    sentences = split_sentences(summary)
    assert 2 <= len(sentences) <= 3
    agreed = " ".join(markdown_paragraphs(ORIGINAL + COPY + SPUN))
    assert all(s in agreed for s in sentences)
    assert "Fishermen" not in summary and "Oslo" not in summary and "study the ruling" not in summary
    assert "Experts revealed" not in summary  # the plain wording wins over the spun one
    assert "container terminal" in summary  # it opens with the lead


# --- robustness --------------------------------------------------------------


def test_a_bare_date_is_never_earlier_than_a_version_timed_that_day():
    day = Post(id="day", title="t", body=COPY, source="d", published=date(2026, 3, 3))
    timed = post("timed", ORIGINAL, 5)  # 13:00 the same day
    relations = analyse([day, timed]).relations
    # The same day: neither is "first", but the bare date never counts as the earlier source.
    assert not any(r.kind is RelationKind.FIRST for r in relations.values())
    assert relations["day"].kind is RelationKind.COPY and relations["day"].of == "timed"


def test_first_only_when_times_separate_the_versions():
    def dated(pid: str, day: int, hour: int | None) -> Post:
        moment = date(2026, 3, day) if hour is None else datetime(2026, 3, day, hour, tzinfo=timezone.utc)
        return Post(id=pid, title="t", body=ORIGINAL if pid == "a" else INDEPENDENT, source=pid, published=moment)

    same_day = analyse([dated("a", 3, None), dated("b", 3, None)]).relations
    assert not any(r.kind is RelationKind.FIRST for r in same_day.values())
    next_day = analyse([dated("a", 3, None), dated("b", 4, 9)]).relations
    assert next_day["a"].kind is RelationKind.FIRST
    hours_apart = analyse([dated("b", 3, 11), dated("a", 3, 9)]).relations
    assert hours_apart["a"].kind is RelationKind.FIRST and hours_apart["b"].kind is RelationKind.INDEPENDENT


def test_a_short_brief_sharing_one_sentence_is_not_a_rewrite():
    brief = post("brief", "Harbour master Elena Marsh said: “We cannot approve a project that puts the estuary’s "
                          "wildlife at risk.”\n\nTrawlers sounded their horns in the bay all evening long.\n\n"
                          "Shopkeepers on the front say they fear the loss of passing trade from rival ports.", 1)
    assert analyse([post("original", ORIGINAL, 0), brief]).relations["brief"].kind is RelationKind.INDEPENDENT


def test_empty_and_boilerplate_bodies_do_not_break_analysis():
    analysis = analyse([post("a", "", 0), post("b", "Share.\n\nRead more.", 1), post("c", ORIGINAL, 2)])
    assert analysis.relations["a"].kind is RelationKind.FIRST
    assert analysis.relations["b"].kind is RelationKind.INDEPENDENT
    assert analysis.summary.startswith("The harbour authority")


def test_an_item_of_a_list_the_other_version_leaves_out_is_no_disagreement():
    a = post("a", "The fund paid $5m, $6.5m and $7m to the three ports over the winter months.", 0)
    b = post("b", "The fund paid $5m to the three ports over the winter months.", 1)
    assert find_disagreements([a, b]) == ()


def test_markdown_structure_is_not_read_as_statements():
    body = ("## A heading with 26 dozen words in it\n\n| Aspect | Count |\n|---|---|\n| ships | 40 |\n\n"
            "```\nprint('26 dozen')\n```\n\nThe proposal, backed by a consortium of 26 shipping firms, "
            "would have added [four new berths](https://example.org) on the **northern** quay.")
    paragraphs = markdown_paragraphs(body)
    assert paragraphs == ["The proposal, backed by a consortium of 26 shipping firms, "
                          "would have added four new berths on the northern quay."]


QUAKE_FIRST = """\
A magnitude 6.2 earthquake struck the coastal province of Zell on Tuesday, killing at least 120 people and \
injuring 300 others, officials said.

The quake hit at a depth of 10 km shortly after 3am local time, when most residents were asleep.

Rescue teams from 12 countries have joined the search, the interior ministry said.

More than 2,000 buildings were damaged, including three hospitals.

The province was hit by a similar quake in 2009 that killed 80 people.
"""

QUAKE_LATER = """\
A 6.4-magnitude earthquake hit Zell province on Tuesday, killing 150 people, according to officials.

Around 300 people were injured when the quake struck at a depth of 10 km.

Rescuers from 14 countries are taking part in the search.

About 2,000 buildings were damaged.

The region's last major quake, in 2009, killed 80 people.
"""


def test_among_many_figures_only_true_contradictions_are_reported():
    analysis = analyse([post("first", QUAKE_FIRST, 0), post("later", QUAKE_LATER, 1)])
    disputed = sorted(tuple(c.value for c in d.claims) for d in analysis.disagreements)
    # "at least 120" vs 150, "300 others" vs "around 300", "more than 2,000" vs "about 2,000",
    # 2009 and 80 in both: all compatible. The magnitude and the count of countries are not.
    assert disputed == [("12", "14"), ("6.2", "6.4")]
    # The disputed sentences are shown as a disagreement, not as what each version adds.
    assert not any("countries" in s for found in analysis.additions.values() for s in found)


def test_summary_never_repeats_a_figure_most_versions_contradict():
    third = post("third", QUAKE_FIRST.replace("Rescue teams from 12", "Teams from 12"), 2)
    analysis = analyse([post("first", QUAKE_FIRST, 0), post("later", QUAKE_LATER, 1), third])
    assert "6.4" not in analysis.summary and "14 countries" not in analysis.summary


def test_days_stated_differently_for_one_event_disagree_but_other_days_do_not():
    a = post("a", "The ministers signed the harbour treaty in Oslo on Tuesday after months of talks. "
                  "Fishermen held a protest on Friday.", 0)
    b = post("b", "The ministers signed the harbour treaty in Oslo on Wednesday after months of talks. "
                  "The fund meets again on 3 March.", 1)
    c = post("c", "The ministers signed the harbour treaty in Oslo after months of talks. "
                  "The fund meets again on March 4th.", 2)
    disputed = sorted(tuple(c.value for c in d.claims) for d in find_disagreements([a, b, c]))
    assert disputed == [("3 March", "March 4th"), ("Tuesday", "Wednesday")]


def test_a_quote_credited_to_different_people_is_a_disagreement_about_a_name():
    a = post("a", "Harbour master Elena Marsh said: “We cannot approve a project that puts wildlife at risk.”", 0)
    b = post("b", "“We cannot approve a project that puts wildlife at risk,” said Mayor Daniel Okafor.", 1)
    c = post("c", "Elena Marsh said: \"We cannot approve a project that puts wildlife at risk.\"", 2)
    analysis = analyse([a, b, c])
    [dispute] = [d for d in analysis.disagreements if d.subject.startswith("Who said")]
    assert {(c.post_id, c.value) for c in dispute.claims} == {("a", "Elena Marsh"), ("b", "Daniel Okafor"),
                                                             ("c", "Elena Marsh")}
    assert all(c.value in c.sentence for c in dispute.claims)
    assert analysis.quotes[0].speaker == "Elena Marsh"  # the majority credit
