"""A group of posts becomes a `Story`: versions in time order, a headline, the analysis.

The headline a story shows is the editor's pin when there is one; otherwise
one a typical version gave, shaped like a headline (short, no closing full stop,
never a time stamp), the outlet's own before one derived from a lead; among
those, the one whose words the summary and the other versions of the main event
share most (a teaser of a few words counts as short of it). It is chosen after
the analysis, which stores it with its findings: the typical versions are those
closest to the others (`_typical`) that carry the summary's statements, the
carriers of its opening first (`summary.Summary.sources`), so the headline tells
the event the summary tells, not a minority's angle, an earlier phase or a
related event. An opening that fewer than half of the main event's versions
carry speaks for no more of them than another statement: then the typical
versions are only those closest to the others. Ties go to the earliest: the outlet that
broke the story named it. Page labels, date stamps and datelines are dropped
from it (`without_label`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from newsdigest.ingest.article import opens_clause
from newsdigest.model import (
    Disagreement,
    Post,
    Quote,
    Relation,
    RelationKind,
    Story,
    Version,
    latest_instant,
    recency_key,
    sort_key,
)
from newsdigest.stories.identity import Identity
from newsdigest.stories.overrides import Override
from newsdigest.stories.sentences import (
    CALENDAR_WORDS,
    GROUPING_STOP_WORDS,
    STAMP_WORDS,
    markdown_paragraphs,
    split_sentences,
)
from newsdigest.stories.standalone import (
    leans_on_context,
    reads_as_follow_on,
    speaker_lost,
    undated,
    unfinished,
    unlabelled,
)
from newsdigest.stories.tfidf import TfidfVectorizer


def founder_key(post: Post) -> tuple[int, float, str]:
    """Publication time (`sort_key`: a day after every time of that day), undated last, then id: the order of
    versions, and who founded a story."""
    return (*sort_key(post.published), post.id)


def chronological(posts: Sequence[Post]) -> list[Post]:
    """Posts by publication time; undated ones last, then by id so the order never wobbles."""
    return sorted(posts, key=founder_key)


def choose_title(posts: Sequence[Post], sources: Sequence[Collection[str]] = (),
                 event: Collection[str] | None = None, summary: str = "") -> str:
    """The most representative headline (see the module docstring).

    `sources`: the versions the story's summary comes from (`summary.Summary.sources`: those carrying its opening
    statement, then those carrying another). The typical versions are those of them closest to the others
    (`_typical`), and among them the carriers of the opening come first (kept to even when none is among the
    closest: the opening is the main event), so that headline and summary tell the same event. Without sources,
    or when fewer than half of the main event's versions carry the opening, the versions closest to the others.
    `event`: the versions of the story's main event (None: all); only their words count as agreement.
    `summary`: the story's summary; a headline's words found in it count as much as those the other versions share,
    so that the headline does not tell the opposite of what the summary says.
    """
    ordered = chronological(posts)
    titled = [p for p in ordered if p.title and not _is_stamp(p.title)]
    if not titled:
        return "Untitled story"
    offered = {p.id: _offered(p) for p in titled}
    lines = {pid: line for pid, (line, _) in offered.items()}
    voters = [p for p in ordered if event is None or p.id in event] or ordered
    texts = {p.id: Counter(_words(f"{p.title} {p.body}")) for p in ordered}
    closest = _typical(voters, texts)
    opening = set(sources[0]) if sources else set()
    if 2 * len(opening) >= len(voters):
        carriers = set().union(*sources)
        broad = (closest & carriers) or carriers or closest
        levels = [level for level in ((opening & broad) or opening, broad) if level]
    else:  # an opening told by a minority is no statement of the story's to title it by
        levels = [closest]
    summary_words = set(_words(summary))

    def tier(post: Post) -> int:
        # Outlet-written headlines of typical versions, then short whole derived ones of typical versions (a cut
        # line made whole where its sentence is short enough: `_offered`), then the same of the others; a
        # sentence-long line only when nothing else is left, the outlet's own before a derived one, and a cut line
        # last of all: one cut where a phrase ends before one cut mid-phrase. Within a
        # tier, the versions carrying the summary's opening (its main event) first, then agreement. A line that does
        # not stand on its own (`_stands_alone`) comes after every whole line and every line cut where a phrase
        # ends, but before one cut mid-phrase, which says less still.
        shaped = _headline_shaped(lines[post.id])
        typical = level(post) < len(levels)
        cut = offered[post.id][1]
        if cut == _CUT_MID_PHRASE:
            return 8
        if not _stands_alone(lines[post.id]):
            return 7
        if not post.title_derived and shaped:
            return 0 if typical else 2
        if cut != _WHOLE:
            return 6
        if shaped:
            return 1 if typical else 3
        return 5 if post.title_derived else 4

    def level(post: Post) -> int:
        return next((n for n, ids in enumerate(levels) if post.id in ids), len(levels))

    def agreement(post: Post) -> float:
        # Words the other versions share, per headline word, but a four-word teaser cannot win
        # on a perfect share alone: below six words the shortfall counts as unshared.
        # A line cut off mid-phrase earns nothing for the summary's words: the cut start of the summary's own
        # opening would always win on them.
        words = set(_words(lines[post.id]))
        others = [texts[o.id] for o in voters if o.id != post.id]
        if not words or not others:
            return 0.0
        shared = sum(len(words & other.keys()) for other in others) / (len(others) * max(len(words), 6))
        if not summary_words:
            return shared
        told = 0.0 if tiers[post.id] >= 6 else len(words & summary_words) / max(len(words), 6)
        return (shared + told) / 2

    tiers = {p.id: tier(p) for p in titled}
    # Among lines that are no headline's shape (nothing better is left), the words agreed on weigh first.
    best = min(titled, key=lambda p: (tiers[p.id], level(p) if tiers[p.id] < 4 else 0, -round(agreement(p), 2),
                                      titled.index(p)))
    return without_label(lines[best.id])


MAX_HEADLINE_WORDS = 16
"""Longer than this, a 'headline' is a lead sentence (or a deck) standing in for one."""


def _is_stamp(title: str) -> bool:
    """'16 March 2026 Last updated at 12:42 GMT', 'Posted at 3:21 PM ET': a time stamp, not a headline. Once
    its stamp words (`sentences.STAMP_WORDS`), days and months are gone, nothing is left but a time
    zone; "Oskelford", "May resigns" or "Oskel at 50" keeps a word, and is a headline."""
    left = [w for w in re.findall(r"[^\W\d_]{2,}", STAMP_WORDS.sub(" ", title))
            if not re.fullmatch(r"[A-Z]{0,3}T", w) and w.casefold() not in CALENDAR_WORDS]
    return not left


def _headline_shaped(title: str) -> bool:
    """Short, and not a sentence ending in a full stop: what an outlet's headline looks like."""
    return len(title.split()) <= MAX_HEADLINE_WORDS and not title.rstrip().endswith(".")


_WHOLE, _CUT_BETWEEN_PHRASES, _CUT_MID_PHRASE = range(3)
"""How a version's headline line ends: whole, or cut off from a sentence where a phrase ends or in mid-phrase."""


def _offered(post: Post) -> tuple[str, int]:
    """The headline a version offers, and whether it is whole (`_WHOLE`) or a line cut from its lead's first
    sentence ("Voters in Ruritania went to the…"; "Crews of the Rev" of "Crews of the Rev. Ann Roe's mission
    said…", where an abbreviation's full stop ends no sentence: the sentence splitter knows).

    A derived line cut off is replaced by the whole sentence it was cut from when that is within
    `MAX_HEADLINE_WORDS` ("Ann Roe has been elected" of "Ann Roe has been elected chair of the Kelport rowing
    club.": the cut line ends before the sentence says what she was elected). Otherwise it stays, cut where a
    phrase ends when its sentence goes on after a comma, a semicolon or a dash ("Ann Roe was elected chair" of
    "Ann Roe was elected chair, the club said."), else cut mid-phrase.
    """
    if not post.title_derived:
        return post.title, _WHOLE
    title = post.title.rstrip().removesuffix("…").rstrip()
    sentence = _first_sentence(post, title)
    rest = sentence[len(title):] if sentence is not None else ""
    if title == post.title.rstrip() and not re.search(r"[^\s.!?…\"'”’)\]]", rest):
        return post.title, _WHOLE  # no ellipsis, and the sentence ends where the line does
    whole = (sentence or "").strip()
    if whole and len(whole.split()) <= MAX_HEADLINE_WORDS and not unfinished(whole):
        return whole.removesuffix("."), _WHOLE
    # A comma closing an apposition the line opened ("Ann Roe, the ferry's pilot" of "Ann Roe, the ferry's pilot,
    # was praised…") ends no phrase: the line is the subject without its verb. A line cut before a word opening a
    # clause ("The ferry has docked safely" of "… safely after losing power") ends where a phrase does, unless the
    # line's subject opened a relative clause it has not closed ("A ferry that drifted for a day" of "… for a day
    # after losing power has docked"): the main verb is still to come.
    opener = re.match(r"\s*([a-z]+)\b\W*(\w*)", rest)
    relative = re.search(r"\b(?:who|which|that)\b([^,]*)$", title)
    between = sentence is not None and (rest.lstrip()[:1] in {",", ";", "—", "–", "(", "-"} or bool(
        opener and opens_clause(opener.group(1), opener.group(2)) and not relative)) and not (
        rest.lstrip()[:1] == "," and title.count(",") % 2 == 1)
    return post.title, _CUT_BETWEEN_PHRASES if between else _CUT_MID_PHRASE


_LOOKS_BACK = re.compile(r"^\W*(?:last|earlier|previously|in\s+(?:19|20)\d\d|(?:\w+\s+){1,2}(?:years?|months?)\s+ago)\b"
                         r"[^,;:]{0,30},", re.IGNORECASE)
"""'Last spring, a flood closed…', 'In 2004, …', 'Two years ago, …': a line that opens on the background, set off by a
comma before the sentence's news."""


def _stands_alone(line: str) -> bool:
    """Can a line be a headline, the outlet's own or one drawn from a lead? Not when it leans on what came before
    ("Well, so it goes…", "The singer has cancelled…" of a sentence naming no one), speaks in the first person, or
    opens on an earlier time than the news (`_LOOKS_BACK`): a headline names the story's event on its own."""
    return not (leans_on_context(line) or reads_as_follow_on(line) or speaker_lost(line) or _LOOKS_BACK.match(line))


def _first_sentence(post: Post, title: str) -> str | None:
    """The lead's sentence a derived headline (`title`, without a closing ellipsis) was cut from (None when the
    lead no longer holds it)."""
    lead = " ".join(markdown_paragraphs(post.body)[:2])
    at = lead.find(title)
    if at < 0:
        return None
    return next((s for s in split_sentences(lead[at:]) if s), "")


def _typical(posts: Sequence[Post], texts: dict[str, Counter[str]]) -> set[str]:
    """The ids of the versions closest to the others: the upper half by mean cosine of their words (sublinear
    TF-IDF, as sentence alignment weighs them).

    A story's versions may also cover a related event (two quakes, two arrests); the headline
    should name the event most of them report, which its versions are the closer to the rest.
    """
    if len(posts) < 3:
        return {p.id for p in posts}
    import numpy as np  # only when versions are compared: a build that compares none need not load it

    try:
        matrix = TfidfVectorizer(lambda pid: texts[pid].elements(), sublinear_tf=True).fit_transform(
            [p.id for p in posts])
    except ValueError:  # no words at all: none is closer to the rest than another
        return {p.id for p in posts}
    closeness = (np.asarray((matrix @ matrix.T).sum(axis=1)).ravel() - 1) / (len(posts) - 1)
    cut = np.median(closeness)
    return {p.id for p, c in zip(posts, closeness) if c >= cut}


_DATE_PREFIX = re.compile(r"^\s*(?:\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*\d{2}(?:\d{2})?|\d{4}-\d{2}-\d{2})\s*[-–—:|]\s*")
"""A leading numeric date ("04/05/2026 - ", "04 / 05 / 2026-", "2026-05-04 | ") stamps the page, not the event."""


def without_label(headline: str) -> str:
    """Drop what tags the version rather than the event: a page label before a colon ("Update: …",
    "BREAKING: …"), a leading date stamp ("04/05/2026 - …") or a dateline ("KELBURY — …")."""
    rest = _DATE_PREFIX.sub("", headline, count=1)
    rest = unlabelled(undated(rest) if not rest.isupper() else rest)
    return rest if len(rest.split()) >= 4 else headline


@dataclass(frozen=True)
class Findings:
    """What a story shows of its analysis (`analysis.Analysis` but the copy map, which no page reads).

    Made of the model's types only, so the analysis cache can be read back without importing the analysis.
    """

    relations: dict[str, Relation]
    additions: dict[str, tuple[str, ...]]
    quotes: tuple[Quote, ...]
    disagreements: tuple[Disagreement, ...]
    summary: str
    headline: str
    """`choose_title`'s, from the versions the summary comes from."""


def build_story(ordered: Sequence[Post], analysis: Findings, identity: Identity, title: str,
                override: Override | None) -> Story:
    """Everything the site needs about one story: its posts in time order (`chronological`) and their analysis.

    `title` is the one its group was given (the editor's, or the analysis's `headline`).
    """
    versions = tuple(
        Version(
            post=p,
            relation=analysis.relations.get(p.id, Relation(RelationKind.INDEPENDENT)),
            additions=tuple(analysis.additions.get(p.id, ())),
        )
        for p in ordered
    )
    dated = [p.published for p in ordered if p.published]
    touched = [p.when for p in ordered if p.when]
    summary_by_editor = bool(override and override.summary)
    return Story(
        id=identity.id,
        slug=identity.slug,
        title=title,
        summary=override.summary if override and override.summary else analysis.summary,
        versions=versions,
        published=min(dated, key=latest_instant) if dated else None,
        updated=max(touched, key=latest_instant) if touched else None,
        quotes=tuple(analysis.quotes),
        disagreements=tuple(analysis.disagreements),
        featured=bool(override and override.featured),
        hidden=bool(override and override.hidden),
        aliases=identity.aliases,
        summary_by_editor=summary_by_editor,
        editor_note=override.note if override else "",
    )


def newest_first(stories: Sequence[Story]) -> tuple[Story, ...]:
    """Latest activity first, as every list of stories orders them (`model.recency_key`: a day before the
    times of that day, since it may mean the latest of them); stories with no date at all last; then by id."""
    return tuple(sorted(stories, key=lambda s: (recency_key(s.updated or s.published), s.id)))


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in GROUPING_STOP_WORDS]
