"""A short consensus summary: the sentences most versions agree on.

Extractive on purpose — every word shown was written by an outlet, and the
summary can be traced back to the versions that say it. The steps:

1. For every sentence, count the versions that say the same thing (aligned,
   verbatim or paraphrased): that is its *support*; a place near the top of
   its version adds a little (`LEAD_WEIGHT`), and so do the words of the
   versions' headlines (`HEADLINE_WEIGHT`).
2. Open with a lead: of the versions' first two sentences that another
   version confirms and that do not start with a quotation mark, a first
   sentence before a second one (the second leans on the first for who and
   what), then one a majority of versions confirm, then the one sharing most
   words with the headlines (news is an inverted pyramid, and the headlines are
   the outlets' own summaries); one naming everyone in full before one using a
   bare surname. When no version's lead is confirmed by another (independent
   reporting words its leads apart), the first sentence sharing most words with
   the headlines opens: the event the versions open on, not a detail two of them
   happen to share further down. Then
   add the best-supported statements, at most `MAX_SENTENCES` in all, never
   two that align with each other or share most of their words
   (`standalone.REPEATED`; two sentences about one event worded apart can
   still both appear), preferring a majority of versions and falling
   back to any two.
3. Show each statement in the wording that is most central among the versions
   that carry it (the medoid), the more readable first: a spun wording's frame
   ("Insiders revealed that the council…", a frame no other wording shares:
   `_framed`) is passed over for the
   plain one even when the spun version is the one the others rewrote.
   A sentence that opens on a pronoun or a connective ("He added…",
   "However, …"), speech whose speaker the sentence does not name ("“…,” he
   said.", a bare quotation, "I …" outside quotation marks), a copy that shows
   as the outlet's words what another copy quotes as someone's speech
   (`standalone.speech_unmarked`), a statement a copy of which names its
   version's own site (`_presents_own_work`) and a statement already told are
   never used; one that reads as a follow-on ("The move comes…", "Ann Roe also said…") or asks a question is passed over when
   another wording or statement will do.
   A wording that states a figure most versions contradict (see
   `disagreements`) is never used.
4. After the opening, order them as the versions do (by mean position).

Only the versions of the story's main event count (`phase.main_event`: the
largest run of their dates, each undated version placed in the run it belongs
to, the latest run on a tie): a story whose versions span months tells the
phase most of them report, not a verdict beside an earlier "the hearing is
set for Oct. 4", and no sentence announcing as still to come a day before
the main event is used (`phase.looks_back`). A story whose winning run of dates
has a single dated version is not split: all its versions count. The versions carrying the opening
statement are where the story's headline is preferably taken from
(`Summary.sources`, `assemble.choose_title`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection
from urllib.parse import urlsplit

import numpy as np

from newsdigest.model import Post, day_of
from newsdigest.stories.align import PAIRED, Alignment
from newsdigest.stories.attribution import SPEECH_VERBS
from newsdigest.stories.phase import MainEvent, looks_back
from newsdigest.stories.sentences import (
    content_tokens,
    is_trivial,
    markdown_paragraphs,
    own_prose,
    split_sentences,
)
from newsdigest.stories.standalone import (
    adds_to_unseen,
    full_names,
    leans_on_context,
    reads_as_follow_on,
    repeats,
    speaker_lost,
    speech_unmarked,
    undated,
    unfinished,
    unintroduced,
    unlabelled,
)

__all__ = ["MAX_SENTENCES", "MAX_WORDS", "Summary", "lead", "summarise"]

MAX_SENTENCES = 3
MAX_WORDS = 100
"""Stop adding sentences past this many words: a summary, not an article."""

LEAD_WEIGHT = 1.0
"""News is written as an inverted pyramid: a version's first sentences carry its
gist. A statement's rank is its support plus up to this much for standing near
the top of its version, so a lead that three versions share outranks a detail
four share deep in the text, but not one that all five share."""

HEADLINE_WEIGHT = 2.0
"""Headlines are the outlets' own one-line summaries; a sentence that shares
their words (up to all of them, averaged over versions) gains up to this much."""

_FRAME = re.compile(r"^\W*((?:[\w'’-]+[\s,]+){1,5}?)that\s+")
"""'Insiders revealed that …': up to five words and 'that' put before a statement."""


def _framed(text: str, others: list[str]) -> bool:
    """Is the wording another statement put behind a frame only it has ('Insiders revealed that The council…')?

    A rewrite that spins a report adds who 'revealed' it; when no other wording of the statement shares a
    word of that frame, the frame is the one version's addition, and a plain wording reads better.
    """
    found = _FRAME.match(text)
    if not found or not others:
        return False
    frame = set(content_tokens(found.group(1)))
    return bool(frame) and not any(frame & set(content_tokens(other)) for other in others)


def _is_label(text: str) -> bool:
    """'Updated: Apr 02, 2009 11:06 PM CEST', 'THURSDAY, APRIL 11, 2013': a stamp or a label, not a statement.

    A statement in a script with letter case has lower-case words (its verbs and
    function words); a line of only names, numbers and capitals is page furniture
    the versions happen to share, however many of them do.
    """
    if not any(c.isalpha() and c.lower() != c.upper() for c in text):
        return False  # a script without letter case: no such sign
    return sum(1 for word in re.findall(r"[^\W\d_]{2,}", text) if word.islower()) < 2


_WEB_ADDRESS = re.compile(r"(?<![\w.@/])[A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9][\w-]*)*\.[a-z]{2,6}\b(?![\w.@/-])")
"""A web address written as a word ("example.com", "news.example.org")."""


_PRESENT_VERB = re.compile(rf"\s+(?:[a-z]+ly\s+)?(?!(?:is|has|was|does|{SPEECH_VERBS})\b)[a-z]+[^\Ws]s\b(?!['’])")
"""A main verb in the simple present right after its subject ("… looks back at", "… rounds up"): a page describing
what it does as the reader reads it. News of a company tells its past or its words ("… was fined", "… has
agreed", "… says"), which are left alone."""


def _squashed(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _own_names(post: Post) -> frozenset[str]:
    """The version's own site and outlet, squashed (`_squashed`): the host of its address and each of its labels,
    the outlet's name, and that name without a domain ending ("Example.org" → "example")."""
    return _names_of(post.url, post.outlet)


@lru_cache(maxsize=1024)
def _names_of(url: str | None, outlet: str | None) -> frozenset[str]:
    """`_own_names` of a version at `url` by `outlet`: asked for each sentence a summary weighs, worked out once."""
    host = ((urlsplit(url).hostname or "") if url else "").casefold().removeprefix("www.")
    outlet = outlet or ""
    return frozenset({name for name in (_squashed(host), _squashed(outlet), _squashed(outlet.rsplit(".", 1)[0]),
                              *(_squashed(label) for label in host.split(".")[:-1])) if name})


def _presents_own_work(text: str, post: Post) -> bool:
    """Does the sentence's own prose speak as the page: name the version's own site or outlet as a web address
    ("Read more at example.org"), or make any web address the subject of a verb in the simple present ("…,
    example.com looks back at…", `_PRESENT_VERB`), which only the page itself says of its work? It speaks of the
    outlet's page, not the event, and misleads as the summary of every version. Any other address is part of the
    news (a company's or a source's name: "Example.com's chief said…") and is left alone, and so is a quoted one,
    which is the speaker's."""
    own = _own_names(post)
    prose = own_prose(text)
    for found in _WEB_ADDRESS.finditer(prose):
        subject = not prose[:found.start()].strip(" \"'“‘") or prose[:found.start()].rstrip().endswith(",")
        if subject and _PRESENT_VERB.match(prose[found.end():]):
            return True
        labels = found.group().casefold().split(".")
        if _squashed("".join(labels)) in own or _squashed(labels[-2]) in own:
            return True
    return False


_CREDIT = re.compile(r"^\s*([\w.&'’ ]{2,40}?)\s*[-–—:|]+\s*(?=[A-Z\"“‘'])")
"""'Example News - Ann Roe said…', 'examplenews-Ann Roe said…': a name put before the lead, maybe with no space."""


def _shown(text: str, post: Post) -> str:
    """The sentence as the summary shows it: without a leading dateline, page label ('Update: ') or the version's
    own outlet credited before its lead ('Example News-The council voted…'), which tag the page, not the event."""
    text = unlabelled(text)
    credit = _CREDIT.match(text)
    if credit and _squashed(credit.group(1)) in _own_names(post):
        text = text[credit.end():]
    return undated(text)


def _opens_on_quote(text: str) -> bool:
    """Does the sentence start with a quotation mark? Its speaker is named only after the words."""
    return text.lstrip()[:1] in "\"“‘'"


@lru_cache(maxsize=65536)
def _readability_penalty(text: str) -> float:
    words = len(text.split())
    penalty = 0.0
    if leans_on_context(text) or reads_as_follow_on(text):
        penalty += 1.0
    if text.rstrip().endswith("?"):
        penalty += 1.0
    if words < 8 or words > 45:
        penalty += 0.5
    if _opens_on_quote(text):
        penalty += 0.5  # a bare quote needs its speaker introduced first
    return penalty


@dataclass(frozen=True)
class Summary:
    """A story's summary and the versions it speaks for."""

    text: str
    sources: tuple[tuple[str, ...], tuple[str, ...]]
    """Ids of the versions of the main event that carry the summary's opening statement, then of those carrying
    another of its statements, those carrying more first in each: where the story's headline should come from."""


def summarise(alignment: Alignment, first: int | None = None, disputed: Collection[str] = (),
              event: MainEvent | None = None) -> Summary:
    """2–3 sentences drawn from what most versions of the main event agree on (see the module doc).

    `first` is the index of the earliest version, whose wording wins ties;
    `disputed` holds sentences that state a figure most versions contradict,
    which a consensus summary must not repeat. `event`: the versions of the
    story's main event (`phase.main_event`; None: all of them); a sentence of
    another version is never shown nor counted as support, and neither is one
    that announces as still to come a day before the main event (`phase.looks_back`).
    """
    sentences = alignment.sentences
    nv = len(alignment.posts)
    on_event = event.versions if event is not None else frozenset(range(nv))
    start = event.start if event is not None else None
    if not sentences:
        return Summary("", ((), ()))
    written = [day_of(p.published) if p.published else None for p in alignment.posts]
    disputed = set(disputed) | {s.text for s in sentences if looks_back(s.text, start, written[s.version])}
    support = np.ones(len(sentences), dtype=np.int64)
    clusters: list[list[int]] = []
    aligned = alignment.aligned_matrix
    for n in range(len(sentences)):
        members = [n, *(int(m) for m in alignment.match[n, np.nonzero(aligned[n])[0]])]
        members = [m for m in members if sentences[m].version in on_event]
        support[n] = len({sentences[m].version for m in members})
        clusters.append(members or [n])
    nv = len(on_event)

    surnames = full_names([p.body for v, p in enumerate(alignment.posts) if v in on_event])
    representatives: dict[int, list[int]] = {}
    shared = [n for n in range(len(sentences)) if len(clusters[n]) > 1]
    centralities = dict(zip(shared, alignment.centralities([clusters[n] for n in shared])))

    def ranked_members(n: int) -> list[int]:
        """Sentence `n`'s cluster, the sentence that best speaks for it first, worked out once: the opening and the
        rest ask again."""
        if n not in representatives:
            representatives[n] = [clusters[n][i] for i in ranked(clusters[n], centralities.get(n))]
        return representatives[n]

    def representative_of(n: int) -> int:
        return ranked_members(n)[0]

    def ranked(members: list[int], centrality: np.ndarray | None) -> list[int]:
        """`centrality`: each member's summed similarity to its group, itself included (`Alignment.centralities`)."""
        if centrality is None:
            return [0]
        copies = [sentences[m].text for m in members]
        return sorted(range(len(members)), key=lambda i: (
            sentences[members[i]].text in disputed, unfinished(sentences[members[i]].text),
            speaker_lost(sentences[members[i]].text) or speech_unmarked(sentences[members[i]].text, copies),
            _readability_penalty(sentences[members[i]].text)
            + 0.5 * _framed(sentences[members[i]].text, [sentences[m].text for m in members if m != members[i]]),
            -centrality[i], sentences[members[i]].version != first, members[i]))

    headlines = [set(content_tokens(p.title)) for p in alignment.posts if p.title and not p.title_derived]
    affinity = np.zeros(len(sentences))
    if headlines:
        for n, s in enumerate(sentences):
            words = set(content_tokens(s.text))
            affinity[n] = np.mean([len(words & h) / len(h) for h in headlines if h] or [0.0])
    rank = support + LEAD_WEIGHT * (1 - np.array([s.position for s in sentences])) + HEADLINE_WEIGHT * affinity

    need = max(2, (nv + 1) // 2 + (1 if nv % 2 == 0 else 0)) if nv > 1 else 1
    chosen: list[int] = []
    chosen_clusters: list[list[int]] = []

    page_speaks: dict[int, bool] = {}

    def own_work(n: int) -> bool:
        """Does a wording of statement `n` speak as its page (`_presents_own_work`)? The same for every call."""
        if n not in page_speaks:
            page_speaks[n] = any(_presents_own_work(sentences[m].text, alignment.posts[sentences[m].version])
                                 for m in clusters[n])
        return page_speaks[n]

    def take(n: int, strict: bool, introduced: bool | None = None) -> bool:
        """Add statement `n` if it may be shown. `introduced`: must everyone it calls by surname have been named in
        full before it (`standalone.unintroduced`)? By default only after the first statement, which sits under
        the headline drawn from the same versions. After the opening, a statement adding to one not shown ("The
        senator also said…", `standalone.adds_to_unseen`) is refused: the summary does not show what it adds to."""
        if len(chosen) >= MAX_SENTENCES or any(n in c for c in chosen_clusters):
            return False
        # The best wording of the statement, unless it calls someone by a surname not yet given in full and another
        # wording of it does not ("Ann Roe, 34, was…" for "Roe, 34, was…" before Ann Roe is named).
        must_introduce = bool(chosen) if introduced is None else introduced
        shown = " ".join(sentences[c].text for c in chosen)
        rep = next((m for m in ranked_members(n) if not (must_introduce and unintroduced(sentences[m].text, shown,
                                                                                           surnames))), None)
        if rep is None:
            return False
        text = sentences[rep].text
        if (sentences[rep].version not in on_event or text in disputed or _is_label(text) or unfinished(text)
                or own_work(n)
                or speaker_lost(text) or leans_on_context(text) or (bool(chosen) and adds_to_unseen(text))
                or speech_unmarked(text, [sentences[m].text for m in clusters[n]])):
            return False
        if any(alignment.sentence_similarity(rep, c) >= PAIRED or repeats(sentences[rep].text, sentences[c].text)
               for c in chosen):
            return False
        if strict and _readability_penalty(sentences[rep].text) >= 1.0:
            return False
        words = sum(len(sentences[c].text.split()) for c in chosen)
        if len(chosen) >= 2 and words + len(sentences[rep].text.split()) > MAX_WORDS:
            return False
        chosen.append(rep)
        chosen_clusters.append(clusters[n])
        return True

    # The opening: of the versions' leads (first two sentences) that another version
    # confirms, the one closest to what the headlines say.
    # A version's first sentence ranks above its second whatever their support: a second sentence or a quotation
    # more versions carry ("X was charged…", "“We will…”") leans on the first, which says who and what.
    place = {n: n - alignment.spans[sentences[n].version][0] for n in range(len(sentences))}
    leads = [n for n in range(len(sentences)) if place[n] < 2 and support[n] >= min(2, nv)
             and not _opens_on_quote(sentences[representative_of(n)].text)]
    leads.sort(key=lambda n: (place[n], -min(int(support[n]), need), -affinity[n], -support[n],
                              sentences[n].version != first, n))
    # A lead naming everyone in full opens before one calling its subject by a bare surname ("Roe was charged…"),
    # which still tells the main event better than any later sentence.
    # No lead told by two versions in like words (independent reporting seldom words them alike): the story's event
    # is still what the versions open on. Of their first sentences, the one closest to what the headlines say.
    firsts = [n for n in range(len(sentences)) if place[n] == 0 and sentences[n].version in on_event
              and not _opens_on_quote(sentences[n].text)] if nv > 1 else []
    # Ranked by how much each agrees with the other versions' first sentences (what most of them open on), not by
    # the headlines' words alone, which a long sentence gathers by its length.
    agreed = {n: round(float(np.mean([alignment.sentence_similarity(n, m) for m in firsts
                                      if sentences[m].version != sentences[n].version] or [0.0])), 2) for n in firsts}
    firsts.sort(key=lambda n: (-agreed[n], -affinity[n], sentences[n].version != first, n))
    opened = (any(take(n, strict=True, introduced=True) for n in leads)
              or any(take(n, strict=True, introduced=True) for n in firsts)
              or any(take(n, strict=True) for n in leads) or any(take(n, strict=True) for n in firsts))
    for floor in (need, 2 if nv > 1 else 1, 1):
        candidates = [n for n in range(len(sentences)) if support[n] >= floor]
        candidates.sort(key=lambda n: (-rank[n], _readability_penalty(sentences[n].text),
                                       sentences[n].version != first, sentences[n].position, n))
        for n in candidates:
            take(n, strict=floor > 1)
        if len(chosen) >= 2:
            break

    def position(i: int) -> float:
        if i == 0 and opened:
            return -1.0  # the opening stays first
        return float(np.mean([sentences[m].position for m in chosen_clusters[i]]))

    order = sorted(range(len(chosen)), key=position)
    # Whatever came of the opening, a summary does not start on a quotation: its speaker comes after the words.
    plain = [i for i in order if not _opens_on_quote(sentences[chosen[i]].text)]
    if plain and plain[0] != order[0]:
        order.remove(plain[0])
        order.insert(0, plain[0])
    order = order[:1] + _introduced_first([sentences[c].text for c in chosen], order[1:], surnames, order[:1])
    return Summary(" ".join(_shown(sentences[chosen[i]].text, alignment.posts[sentences[chosen[i]].version])
                            for i in order),
                   _sources(alignment, [chosen_clusters[i] for i in order]))


def _introduced_first(texts: list[str], order: list[int], surnames: frozenset[str], opening: list[int]) -> list[int]:
    """The order after the `opening`, but a statement calling someone by a bare surname comes after the one naming
    them in full ("Ann Roe was arrested…" before "Roe, 34, was…"): each was chosen once its name had been given."""
    placed: list[int] = []
    waiting = list(order)
    while waiting:
        shown = " ".join(texts[i] for i in opening + placed)
        ready = next((i for i in waiting if not unintroduced(texts[i], shown, surnames)), waiting[0])
        placed.append(ready)
        waiting.remove(ready)
    return placed


def _sources(alignment: Alignment, clusters: list[list[int]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The versions carrying the opening statement (`clusters[0]`: the main event), then the others carrying any
    of the summary's statements; those carrying more statements first in each."""
    if not clusters:
        return ((), ())
    carriers = [{alignment.sentences[m].version for m in members} for members in clusters]

    def ranked(versions: set[int]) -> tuple[str, ...]:
        return tuple(alignment.posts[v].id for v in sorted(versions, key=lambda v: (-sum(v in c for c in carriers), v)))

    return ranked(carriers[0]), ranked(set().union(*carriers[1:]) - carriers[0])


def lead(post: Post) -> str:
    """A lone version's summary: its first sentences that can stand alone, up to `MAX_SENTENCES`/`MAX_WORDS`.

    Lines that stop without a sentence's end (`standalone.unfinished`) are passed over, unless that leaves
    nothing: no line of the version ends a sentence (a text kept without its full stops), or every one that does
    is refused (a quotation, a follow-on). Then its first lines that stand alone, finished or not, are all it has
    to say."""
    return _lead(post, finished_only=True) or _lead(post, finished_only=False)


def _lead(post: Post, finished_only: bool) -> str:
    chosen: list[str] = []
    words = 0
    surnames = full_names([post.body])
    for paragraph in markdown_paragraphs(post.body):
        for sentence in split_sentences(paragraph):
            if (is_trivial(sentence) or _is_label(sentence) or (finished_only and unfinished(sentence))
                    or _presents_own_work(sentence, post)
                    or speaker_lost(sentence) or _readability_penalty(sentence) >= 1.0
                    or any(repeats(sentence, c) for c in chosen) or unintroduced(sentence, " ".join(chosen), surnames)):
                continue
            size = len(sentence.split())
            if chosen and words + size > MAX_WORDS:
                return " ".join(chosen)
            chosen.append(_shown(sentence, post))
            words += size
            if len(chosen) >= 2:  # two sentences of one outlet's lead say what it is about
                return " ".join(chosen)
    return " ".join(chosen)
