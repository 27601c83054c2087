"""The byline of a text dump: who wrote the article, from a short line near the headline or after the body.

A byline is a name or two, perhaps after "By"/"Von"/"Par"/"Por", perhaps
sharing its line with a date or a job title, standing near the headline or in
an author box after the article. Page furniture in the same shape ("Latest
posts", "Legal notice", a section or an agency name) differs in ways a page
shows: its words are ordinary words used in lower case elsewhere, it repeats
as a menu entry, it keeps no company with a date or a prefix. Each candidate
is described by such features and weighed by a fitted model (`meta_model`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from newsdigest.ingest.authors import BYLINE_PREFIX, NAME_PARTICLES, clean_authors, employer_in_role, given_name_weight
from newsdigest.ingest.dates import PUBLISHED_LABEL, UPDATED_LABEL, calendar_word, find_dates
from newsdigest.ingest.meta_model import Candidate, Context, Scored, best, clip, relative
from newsdigest.ingest.text_dateline import line_dates
from newsdigest.ingest.text_lines import STOP_WORDS, Line
from newsdigest.ingest.text_tags import HASHTAG_LINE

MODEL = "author"
HEAD_WINDOW = 30
TAIL_WINDOW = 40
RELATIVE = ("prefixed", "date_near", "near_title", "occurrences", "capitalised_share")
"""Features also measured against the page's best candidate (see `meta_model.relative`)."""
_SEPARATOR = re.compile(r"\s*(?:[|•·/—–()]|//|\s-\s|\s{3,})\s*")
"""What parts a line: bars, bullets, dashes, wide gaps, and brackets ("Jane Doe (Health editor)", "(c) Jane Doe")."""
_COUNT = re.compile(r"(?:\s+\d+)+\s*$")
"""Numbers closing a byline's line: its comments or views ("Jane Doe 0", "Jane Doe 3 337")."""
_INITIAL_END = re.compile(r"(?:^|\s)[^\W\d_]\.$")
# The same prefixes inside a line ("Erstellt von Fabian am …", "Publicado por …"): the name follows.
_INLINE_PREFIX = re.compile(r"(?:^|\s)(?:by|von|vom|par|por|door|di|av|af|od)\s+(?=[^\W\d_])", re.I)
_FUNCTION_WORDS = frozenset().union(*STOP_WORDS.values())
_ENGLISH = STOP_WORDS["en"]
"""Sites in every language use English templates ("By Jane Doe On 12. Mai"): their words end a name too."""
# Words that join several names ("Jane Doe and John Roe", "Ana y Luis"): `clean_authors` splits at them.
_JOINERS = frozenset(["and", "und", "et", "y", "e"])
_EMAIL = re.compile(r"\S+@\S+\.\w+|(?<!\w)@\w+")
# "Interview: Jane Doe", "Redaktion: Jane Doe": a one-word label before a colon, then the name.
_LABEL = re.compile(r"^\s*[^\W\d_]{2,20}\s*:\s*(?=\S)")
_LEAD_LABEL = re.compile(r"^\W{0,2}([^\W\d_]{2,20})\s*:")
_GLUED = re.compile(r"(?<=[^\W\d_]{2})(?<![A-Z]{2})(?:[A-Z][^\W\d_A-Z]+|\d)")
"""A capitalised word or a digit right after a lower-case letter ("DoeNovember", "Doe12"); `_unglue` says which
of them start a date."""
# A digit glued to a name is an affiliation mark ("Jane Doe1"), not part of the name.
_MARK = re.compile(r"(?<=[^\W\d_])\d{1,2}\b|[*†‡]+")


def candidates(ctx: Context, title_index: int | None) -> list[Candidate]:
    """Every name (or list of names) that a short line near the article states, with its features."""
    lines, (start, end) = ctx.lines, ctx.span
    near = set(range(max(0, start - HEAD_WINDOW), min(len(lines), start + 12)))
    near |= set(range(max(0, end - 2), min(len(lines), end + TAIL_WINDOW)))
    # A line saying "by …" is a byline candidate wherever it stands; other short lines only near the article.
    indexes = sorted(near | {i for i, line in enumerate(lines) if line.n_words <= 20 and (
        BYLINE_PREFIX.match(line.text) or (_INLINE_PREFIX.search(line.text) and not (line.sentence or line.prose)))}
        # A line that is only a person's name may sign the article anywhere in it (under a section, a photo).
        | {i for i in range(start, end) if lines[i].n_words <= 4 and not _sentence(lines[i])
           and given_name_weight(lines[i].words[0] if lines[i].words else "")})
    lower_words = ctx.lower_words
    # Labels that open several lines ("Foto: …", "Quelle: …") credit pictures and sources, not the article.
    labels = Counter(m.group(1).lower() for line in lines if (m := _LEAD_LABEL.match(line.text)))
    # Dated as the date reader dates a line, so "Published on 07 | 03 | 2021" is a date here too, no job title.
    dated = {i for i in range(max(0, start - HEAD_WINDOW - 2), min(len(lines), end + TAIL_WINDOW + 2))
             if line_dates(lines[i].raw.strip(), None, ctx.lang)}
    out: list[Candidate] = []
    for i in indexes:
        line = lines[i]
        if line.n_words > 20 or len(line.text) > 160 or (_sentence(line) and not BYLINE_PREFIX.match(line.text)):
            continue  # a sentence ("I had fun.") names no author unless it opens with "By"
        raw = line.raw.strip()
        unglued = _unglue(raw)
        seen: set[tuple[str, ...]] = set()
        # A browser glues a name to the date or label that followed it ("Jane DoeNovember 6, 2023"):
        # the line is also read with such words taken apart.
        for text in (raw, unglued) if unglued != raw else (raw,):
            dates = find_dates(text, None, ctx.lang)
            for found in reversed(dates):
                text = text[: found.start] + " | " + text[found.end :]
            text = _COUNT.sub("", _MARK.sub("", _EMAIL.sub(" | ", text)))
            for part_index, part in enumerate(p for p in _SEPARATOR.split(text) if p.strip()):
                readings = _readings(part, ctx.stop | _ENGLISH, inline=not (line.sentence or line.prose))
                for prefixed, names in readings:
                    if names in seen or not all(name[:1].isalpha() and len(name) > 1 for name in names):
                        continue
                    if len(names) == 1 and " " not in names[0] and not (prefixed or dates):
                        continue  # a lone word is a name only where a prefix or a date beside it says so, not a menu entry
                    if any(PUBLISHED_LABEL.fullmatch(n) or UPDATED_LABEL.fullmatch(n) for n in names):
                        continue  # "Published", "Aktualisiert": the label of the date beside it
                    seen.add(names)
                    features = _features(ctx, i, part, names, prefixed, part_index, bool(dates), title_index,
                                         lower_words, dated) | _reading_features(part, names, readings)
                    label = _LEAD_LABEL.match(part)
                    features["label_repeats"] = min(labels[label.group(1).lower()] - 1, 3) / 3 if label else 0.0
                    out.append(Candidate(names, i, features))
    return relative(out, RELATIVE)


def _sentence(line: Line) -> bool:
    """Whether `line` reads as a sentence: a short line ending in an initial ("Oda Venn K.", "Per T.") does not."""
    return line.sentence and not (line.n_words <= 5 and _INITIAL_END.search(line.text))


def _unglue(text: str) -> str:
    """`text` with a space before each date glued to the word before it ("Jane DoeNovember 6, 2023").

    Only a month, a weekday, a date's label or a digit is taken apart: a capital
    inside a name ("McBrindle", "DiNardo", "LeGrand") is part of the name.
    """
    def apart(match: re.Match[str]) -> str:
        word = match.group(0)
        dated = word.isdigit() or len(word) >= 3 and (
            calendar_word(word) or PUBLISHED_LABEL.fullmatch(word) or UPDATED_LABEL.fullmatch(word))
        return " " + word if dated else word

    return _GLUED.sub(apart, text)


def _readings(part: str, stop: frozenset[str] = _FUNCTION_WORDS, inline: bool = True) -> list[tuple[bool, tuple[str, ...]]]:
    """The ways a segment of a line may state authors: as a whole, after an inline prefix, the first name alone.

    `stop`: the function words of the page's language, which end a name.
    `inline=False` for a sentence: "… was not detailed by Jane Doe." names no author of the article.
    """
    readings: list[tuple[bool, tuple[str, ...]]] = []
    prefix = BYLINE_PREFIX.match(part) or _LABEL.match(part)
    whole = clean_authors(_without_function_words(part[prefix.end() :] if prefix else part, stop))
    if whole and sum(len(n.split()) for n in whole) <= 8:
        readings.append((bool(prefix), whole))
        if len(whole) > 1:
            readings.append((bool(prefix), whole[:1]))  # "Jane Doe, CNN": the rest may be the outlet
        first = whole[0].split()
        if len(whole) == 1 and len(first) >= 3 and given_name_weight(first[0]):
            # "Ann Moss Night desk", "Ann Moss Stand vom Montag": a first name, a surname, then words of the page.
            readings += [(bool(prefix), (" ".join(first[:n]),)) for n in (2, 3) if n < len(first)]
    if prefix and not whole:
        # "By Jane Doe Twitter Account …": the name is the first two or three capitalised words;
        # "by Ann · 3 replies": a single word when no other follows.
        leading = _leading_capitals(part[prefix.end() :]).split()
        for n in (1, 2, 3):
            names = clean_authors(" ".join(leading[:n])) if len(leading) > n or len(leading) == n == 1 else ()
            if names:
                readings.append((True, names))
    found = _INLINE_PREFIX.search(part) if inline else None
    if found and found.start() > 0:
        names = clean_authors(_without_function_words(_leading_capitals(part[found.end() :]), stop))
        if names and names not in [r[1] for r in readings]:
            readings.append((True, names[:2]))
    return readings


def _reading_features(part: str, names: tuple[str, ...], readings: list[tuple[bool, tuple[str, ...]]]) -> dict[str, float]:
    """How a reading relates to the others of its segment: the first of a list, a surname after a particle.

    "Jane Doe, John Roe" names two authors and "Jane Doe, CNN" one: what the
    shorter reading leaves off tells which. "Anna von Berg" read after "von"
    is a particle's surname, not a byline's prefix and its name.
    """
    longer = [other for _, other in readings if len(other) > len(names) and other[: len(names)] == names]
    dropped = [n for other in longer[:1] for n in other[len(names) :]]
    person_like = [n for n in dropped if 2 <= len(n.split()) <= 3]
    first = names[0].split()[0] if names and names[0].split() else ""
    tokens = part.split()
    particle = any(
        tokens[n] == first and tokens[n - 1].lower() in NAME_PARTICLES and tokens[n - 2][:1].isalpha()
        for n in range(2, len(tokens))
    )
    return {
        "first_of_list": float(bool(longer)),
        "dropped_person_like": len(person_like) / len(dropped) if dropped else 0.0,
        "after_particle": float(particle),
    }


def _without_function_words(text: str, stop: frozenset[str]) -> str:
    """`text` up to its first function word that is no name particle ("Jane Doe on", "Jean Roe le").

    A byline often runs on into its date ("By Jane Doe On 12 May"): the
    function words of the page's language (`stop`) end the name there,
    except the particles inside names ("von", "de", "van") before a capital.
    """
    tokens = text.split()
    for n, token in enumerate(tokens):
        low = token.lower()
        particle = low in NAME_PARTICLES and n + 1 < len(tokens) and tokens[n + 1][:1].isupper()
        if n > 0 and low in stop and not particle and low not in _JOINERS:
            return " ".join(tokens[:n])
    return text


def _leading_capitals(text: str) -> str:
    """The capitalised words `text` starts with ("Fabian am Dienstag" → "Fabian")."""
    kept: list[str] = []
    for token in text.split()[:6]:
        if not (token[:1].isupper() or token.lower() in NAME_PARTICLES):
            break
        kept.append(token)
    return " ".join(kept)


def _features(
    ctx: Context, i: int, part: str, names: tuple[str, ...], prefixed: bool, part_index: int, dated_line: bool,
    title_index: int | None, lower_words: set[str], dated: set[int],
) -> dict[str, float]:
    lines, (start, end) = ctx.lines, ctx.span
    line = lines[i]
    tokens = [t for n in names for t in n.split()]
    ordinary = [t for t in tokens[1:] if t.lower() in lower_words or t in lower_words]
    long_tokens = [t for t in tokens if len(t) > 3]
    value = " ".join(names)
    anchor = title_index if title_index is not None else start
    title_words = set(lines[title_index].key.split()) if title_index is not None else set()
    occurrences = ctx.page_lower.count(value.lower()) if len(value) > 3 else 0
    firsts = [given_name_weight(n.split()[0]) for n in names if n.split()]
    features = ctx.shape(i)
    features.update(
        {
            # A person's name opens with a first name; a label or a place seldom does.
            "given_name": sum(firsts) / len(firsts) if firsts else 0.0,
            "given_known": sum(f > 0 for f in firsts) / len(firsts) if firsts else 0.0,
            "prefixed": float(prefixed),
            "prefixed_line": float(bool(BYLINE_PREFIX.match(line.text))),
            "colon_label": float(bool(_LABEL.match(part)) and not BYLINE_PREFIX.match(part)),
            "part_index": min(part_index, 3) / 3,
            "dated_line": float(dated_line),
            "date_near": float(any(j in dated for j in range(i - 2, i + 3) if j != i)),
            "names": min(len(names), 3) / 3,
            "name_words": min(len(tokens), 8) / 8,
            "single_word": float(len(tokens) == 1),
            "share_of_line": len(value) / max(1, len(line.text)),
            "whole_line": float(len(value) >= 0.9 * len(line.text)),
            "ordinary_words": len(ordinary) / max(1, len(tokens) - 1),
            "all_caps": float(value.isupper()),
            "in_title": len({t.lower() for t in tokens} & title_words) / max(1, len(tokens)),
            "occurrences": min(occurrences, 5) / 5,
            "from_title": clip(i - anchor, 15),
            "near_title": float(0 < i - anchor <= 4),
            "above_title": float(i < anchor),
            "before_start": clip(start - i, 30),
            "in_article": float(start <= i < end),
            "after_end": clip(max(0, i - end + 1), TAIL_WINDOW),
            "long_token": float(any(len(t) > 14 for t in tokens)),
            "next_furniture": float(i + 1 < len(lines) and lines[i + 1].boilerplate_heavy),
            # A line over a list heads the list ("Highlights", "Key points"); a byline heads no list.
            "heads_list": float(i + 1 < len(lines) and lines[i + 1].bullet),
            "role_below": float(i + 1 < len(lines) and employer_in_role(lines[i + 1].text) is not None),
            "edge_of_article": float(i in (start - 1, end - 1, end)),
            "lower_case": float(value[:1].islower()),
            # The article's prose names the people and things it is about, seldom its author.
            "in_prose": sum(t.lower()[:6] in ctx.article_words for t in long_tokens) / len(long_tokens) if long_tokens else 0.0,
        }
    )
    features.update(_company(ctx, i, value, anchor, dated))
    return features


def _company(ctx: Context, i: int, value: str, anchor: int, dated: set[int]) -> dict[str, float]:
    """Where a candidate stands among the page's lines: under the headline, over a date or a role, in a list.

    A byline sits between the headline and the lead, often over its date or
    the author's job (a short line that is no sentence), and an author box
    after the article repeats it; a name in a list of teasers or links stands
    among lines shaped like it. The lead, and the prose a link-like line is
    not, are `Line.prose`: judged by the share of function words of the page's
    language where `STOP_WORDS` lists it.

    Held-out author figure, fitted on one half of the development sites and
    read on the other (`python tools/train_meta.py --corpus
    /work/shared/corpus --half a|b --seed 1|7`; halves a1, a7, b1, b7):
    without these five 0.627, 0.629, 0.583, 0.609 (mean 0.612); with them
    0.627, 0.644, 0.576, 0.624 (mean 0.618). The distance to the lead, a date
    or prose above or below, and a repetition above the article were tried
    too and left out.
    """
    lines, (_, end) = ctx.lines, ctx.span
    below = lines[i + 1] if i + 1 < len(lines) else None
    return {
        "between_title_and_lead": float(anchor < i < ctx.lead_index),
        "date_below": float(i + 1 in dated),
        "role_shaped_below": float(
            below is not None and 1 <= below.n_words <= 8 and not below.sentence and i + 1 not in dated),
        "repeated_after": float(len(value) > 3 and value.lower() in ctx.after_lower and any(
            _names(line.text, value) for j, line in enumerate(lines[end:], end) if j != i)),
        "teaser_run": _teaser_run(lines, i, dated) / 8,
    }


def _names(text: str, value: str) -> bool:
    """Whether `text` names `value` as whole words, in any case ("Ann Lee", not "Ann Leeds"). The plain
    containment test first: compiling a pattern for every candidate and line cost more than the rest of the
    byline reader."""
    if value.lower() not in text.lower():
        return False
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE) is not None


_STANDS = {
    "between_title_and_lead": "between the headline and the lead",
    "date_below": "over a date",
    "role_shaped_below": "over a short line that is no sentence (a job title's place)",
    "repeated_after": "named again after the article (an author box's place)",
}


def where_it_stands(features: Mapping[str, float]) -> list[str]:
    """What `_company` observed of a candidate, in words, for `ingest --explain`."""
    said = [text for name, text in _STANDS.items() if features.get(name)]
    run = round(features.get("teaser_run", 0.0) * 8)
    if run >= 2:
        said.append(f"beside {run} short link-like lines (as in a list of links, which speaks against it)")
    return said


def _teaser_shaped(line: Line) -> bool:
    """A line shaped like a teaser or a link in a list: a few words, no prose, not closed like a sentence."""
    return 3 <= line.n_words <= 16 and not line.prose and not line.text.endswith((".", ":"))


def _teaser_run(lines: list[Line], i: int, dated: set[int], reach: int = 4) -> int:
    """How many link-like lines run on directly above and below line `i` (at most `reach` each way).

    A dated line is a byline's company, not a link: it ends the run.
    """
    run = 0
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and abs(j - i) <= reach and j not in dated and _teaser_shaped(lines[j]):
            run += 1
            j += step
    return run


def read_byline(ctx: Context, title_index: int | None) -> tuple[int, tuple[str, ...]] | None:
    """The byline's line index and names, if a candidate is likely enough (the model's threshold), else the signature's."""
    return taken_or_signed(ctx, best(MODEL, candidates(ctx, title_index)))


def taken_or_signed(ctx: Context, scored: Scored | None) -> tuple[int, tuple[str, ...]] | None:
    """The byline candidate taken (the line index and names), or where none is, a name signed under the article.

    A text dump (`read_byline`) and a saved page's visible byline (`textmeta.PageByline`, at its own
    threshold) fall back alike.
    """
    if scored is None:
        return sign_off(ctx)
    return scored.candidate.index, scored.candidate.value


_TRAILER = 3
"""How many lines of an article's trailer (its date line, its tags) a signature may stand below."""


def sign_off(ctx: Context) -> tuple[int, tuple[str, ...]] | None:
    """A name signed under the last paragraph, above a job title, page furniture or nothing.

    Rare on the pages the model was fitted on, common on short pieces: a line
    that is only a person's name right after the article, closing it, or after
    the article's own trailer (its date line, its '#tags'). Without a job title
    below, its words must be used nowhere in lower case (a label made of
    ordinary words is no name).
    """
    lines, (_, end) = ctx.lines, ctx.span
    last = min(len(lines), end + _TRAILER)
    while end < last and (HASHTAG_LINE.match(lines[end].text) or lines[end].n_words <= 8 and not lines[end].sentence
                          and line_dates(lines[end].raw.strip(), None, ctx.lang)):
        end += 1
    if end >= len(lines):
        return None
    line = lines[end]
    names = clean_authors(line.text)
    after = lines[end + 1] if end + 1 < len(lines) else None
    titled = after is not None and employer_in_role(after.text) is not None
    closes = after is None or after.boilerplate_heavy
    ordinary = any(w.lower() in ctx.lower_words for w in line.text.split()[1:])
    if (
        len(names) == 1 and names[0] == line.text.strip() and 2 <= len(names[0].split()) <= 3
        and line.repeats == 1 and (titled or (closes and not ordinary))
    ):
        return end, names
    return None
