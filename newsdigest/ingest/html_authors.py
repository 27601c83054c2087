"""The authors of a saved HTML page: of every reading of its byline, the one a fitted model scores best.

Readings come in order of how deliberately the page states them: its JSON-LD
`author` (references into the `@graph` resolved, a first name completed from the
person's own description), the `<meta>` author tags, a Twitter card's author
label, then the visible byline (read as a text dump's, then "By …" lines, author
links and elements marked as bylines, outside the comments), a name signed under
the article, and the page's copyright holder when a person holds it. Each is
cleaned of what is not a name (a `@handle`, an e-mail, a "Label:" before it),
split into people by `authors.clean_authors`, rid of the items that name nobody
(a place the page writes a dateline from or a country, a web address, a label
word, see `author_items`), and marked when it names no person
(the site itself, by its stated name or host, see `html_site`; a JSON-LD
`Organization`; a desk such as "Staff and wire reports"; initials; a user name
the article does not spell out). A logistic model (`data/html_authors.json`,
fitted by `tools/train_html_authors.py` on development pages and
cross-validated across sites) scores each reading by where it comes from, how
many other readings of the page name the same people, whether another names
more of them (a second author the metadata leaves out) or names them in full
where this one gives a first name or initials, whether it names no person where
another reading stated as a byline (or agreed by a third) names one, and what its
names look like (a lone word nothing else backs, a single word beside a full name);
the best one is the page's byline. A page without any reading names no one.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newsdigest.ingest import text_byline
from newsdigest.ingest.author_items import PageWords, a_first_name, a_stray_word, not_a_name
from newsdigest.ingest.authors import clean_authors
from newsdigest.ingest.html_meta import PageMeta
from newsdigest.ingest.html_site import Site, fold
from newsdigest.ingest.meta_model import page_threshold
from newsdigest.ingest.page_text import page_text
from newsdigest.ingest.textmeta import PageByline, page_byline

__all__ = ["AuthorChoice", "Candidate", "author_candidates", "choose_authors", "readings_left_out", "visible_byline"]

MODEL_FILE = "data/html_authors.json"

_NOT_NAME_PARTS = re.compile(r"(?:^|\s)@\w+|\S+@\S+\.\w+|https?://\S+|\(\s*@?\w*\s*\)")
"""A Twitter handle, an e-mail or a link beside a name ("Jane Doe @janedoe")."""
_LABEL = re.compile(r"^\s*(?:[^\W\d_]+\s*[,;&+/]\s*)*(?:\w+\s+)?\w+\s*[:：]\s*(?=\S)")
"""A label of a word or two before a byline ("Interview: Jane Doe", "Auteur : Jane Doe", "Article by: Jane Doe"),
or of several roles ("Text, Fotos: Jane Doe", "Text & Bild: Jane Doe")."""
_META_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
_NAME_FIELDS = ("json-ld", "meta", "twitter")
"""Where a page states its byline in a field meant for a name, rather than in text a reader sees."""
_STATED = frozenset({"json-ld author", "json-ld creator", "meta author", "printed 'By' line"})
"""Sources where the page states its byline as such, even when it names no person."""


@dataclass(frozen=True)
class AuthorChoice:
    names: tuple[str, ...]
    source: str
    """Where the names were read ("json-ld author", "meta author", "visible byline", …)."""
    outlet: bool
    """True when no person is named: the names are the site's, a desk's, initials or a user name."""
    left_out: tuple[str, ...] = ()
    """What the reading's byline also held that names nobody, each with why (for `ingest --explain`)."""


def choose_authors(
    page: PageMeta, site: Site, body: str = "", candidates: list[Candidate] | None = None
) -> AuthorChoice | None:
    """The page's authors: of every reading of its byline, the one the fitted model scores highest.

    `candidates` are `author_candidates(page, site, body)` when the caller has them already.
    """
    if candidates is None:
        candidates = author_candidates(page, site, body)
    if not candidates:
        return None
    weights = _weights()
    return max(candidates, key=lambda c: _score(c.features, weights)).choice


@dataclass(frozen=True)
class Candidate:
    """One reading of the page's byline and what describes it to the model."""

    choice: AuthorChoice
    features: dict[str, float]


def author_candidates(page: PageMeta, site: Site, body: str = "", *, at_least: float | None = None) -> list[Candidate]:
    """Every reading of the byline the page offers, in order of how deliberately it is stated, with its features.

    The features say where a reading comes from, how many other readings of the
    page name the same people (a byline the page repeats in its metadata, its
    markup and its text is the byline), and what the names look like (a
    headline's words, the site's name, a user name, a label with a colon).
    """
    readings = list(_readings(page, site, body, at_least))
    title = f" {fold(' '.join([page.title_tag or '', page.meta.get('og:title', ''), *page.h1]))} "
    text = f" {fold(body)} "
    seen = [(_kind(c.source), _folded(c.names)) for c in readings]
    spoken = {fold(n): n for c in readings for n in c.names}
    # Names another reading gives for people, where the page's metadata states them as its byline or another kind
    # of reading agrees: a lone guess at a name (a heading, a place, the word after "Sort by", repeated as often as
    # the page repeats it) is no sign that a byline naming no person is wrong.
    people = [names for (kind, names), c in zip(seen, readings) if not c.outlet and names and (
        c.source.startswith(("json-ld", "meta")) and c.source in _STATED
        or any(k != kind and _agree(n, names) for k, n in seen if n))]
    candidates = []
    for index, choice in enumerate(readings):
        kind, names = seen[index]
        folded = [f" {fold(n)} " for n in choice.names]
        others = [n for j, (_, n) in enumerate(seen) if j != index and n]
        features = {f"from {k}": float(kind == k) for k in _KINDS} | {
            "no person": float(choice.outlet),
            "no person, where another reading names one": float(choice.outlet and any(p != names for p in people)),
            "fewer people than another reading": float(any(_fewer(names, n, spoken) for n in others)),
            "short for another reading": float(any(_shorter(names, n) for n in others)),
            "a lone word": float(_lone_word(choice) and not any(
                k != kind and (_agree(n, names) or _shorter(names, n)) for k, n in seen if n)),
            "a stray word beside a full name": float(a_stray_word(choice.names)),
            # A reading that names the same people in short ("Jane" for "Jane Doe") agrees with the full one.
            "other kinds agreeing": min(len({k for k, n in seen if k != kind and _agree(n, names)}), 4) / 4,
            "readings agreeing": min(sum(1 for j, (_, n) in enumerate(seen) if j != index and _agree(n, names)), 8) / 8,
            "earlier of its kind": min(sum(1 for k, _ in seen[:index] if k == kind), 4) / 4,
            "names": min(len(choice.names), 4) / 4,
            "words per name": min(sum(len(n.split()) for n in choice.names) / len(choice.names), 5) / 5,
            "one word": float(all(len(n.split()) == 1 for n in choice.names)),
            "lower case": float(any(n == n.lower() for n in choice.names)),
            "not letters": float(any(re.search(r"[^\w\s.'’-]", n) for n in choice.names)),
            "digits": float(any(re.search(r"\d", n) for n in choice.names)),
            "in the headline": float(any(n in title for n in folded)),
            "in the article": float(any(n in text for n in folded)),
            "the site": float(any(site.mentions(n) for n in choice.names)),
        }
        candidates.append(Candidate(choice, features))
    return candidates


_KINDS = ("json-ld", "meta", "twitter", "visible", "printed", "author link", "byline element", "signature",
          "copyright")
"""Where a reading comes from, by the first word(s) of its source."""


def _lone_word(choice: AuthorChoice) -> bool:
    """A visible reading of one word that is no known first name ("Wintermarkt", "Gartenfest", "Reuters"): a
    heading or a label the byline reader took, unless another kind of reading backs it or it is an agency's."""
    return (not choice.outlet and not choice.source.startswith(_NAME_FIELDS)
            and all(" " not in n for n in choice.names) and not any(a_first_name(n) for n in choice.names))


def _kind(source: str) -> str:
    return next((k for k in _KINDS if source.startswith(k)), source)


def _folded(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f for n in names if (f := fold(n)))


def _agree(other: frozenset[str], names: frozenset[str]) -> bool:
    """Whether another reading names some of the same people, in full or in short."""
    return bool(other & names) or _shorter(other, names)


def _fewer(some: frozenset[str], more: frozenset[str], spoken: dict[str, str]) -> bool:
    """Whether `more` names everyone `some` names and another person: a name of two words or more as the page
    writes it (`spoken`, folded name to written one), not a desk ("Redaktion", "Online-Redaktion")."""
    return some < more and any(len(spoken.get(n, n).split()) >= 2 for n in more - some)


def _shorter(short: frozenset[str], full: frozenset[str]) -> bool:
    """Whether every name of `short` is a first name or the initials of a name of `full` that says more
    ("jane" or "jd" for "jane doe"): the same people, named in short."""
    return bool(short) and short != full and all(
        any(s == f or _short_for(s, f) for f in full) for s in short) and not short <= full


def _short_for(short: str, full: str) -> bool:
    words = full.split()
    return " " not in short and len(words) > 1 and short in (words[0], "".join(w[0] for w in words))


def readings_left_out(page: PageMeta, site: Site, body: str = "") -> tuple[str, ...]:
    """The readings of the byline left out whole, since every item names nobody, each with why (`ingest --explain`)."""
    dropped: list[str] = []
    for _ in _readings(page, site, body, None, dropped):
        pass
    return tuple(dropped)


def _readings(
    page: PageMeta, site: Site, body: str, at_least: float | None, dropped: list[str] | None = None
) -> Iterator[AuthorChoice]:
    """Each candidate byline read as names: people where it names people, else what it names instead.

    Where the page's metadata names a person and its byline markup names the same
    person, its visible text is not read as a text dump's as well: the byline is settled.
    """
    stated: list[AuthorChoice] = []

    def read_visible() -> bool:
        said = {n for c in stated if not c.outlet and c.source.startswith(("json-ld", "meta")) for n in _folded(c.names)}
        shown = {n for c in stated if not c.source.startswith(_NAME_FIELDS) for n in _folded(c.names)}
        return not said & shown

    for choice in _read(page, site, body, read_visible, at_least, [] if dropped is None else dropped):
        stated.append(choice)
        yield choice
    # Who owns the page, if not the site itself: only a person's name, since a company holding
    # the copyright did not write the article.
    owner = page.copyright_holder
    if owner and not site.mentions(owner) and (names := clean_authors(_cleaned(owner))) and _a_person(names):
        yield AuthorChoice(names, "copyright holder", True)


def _read(
    page: PageMeta, site: Site, body: str, read_visible: Callable[[], bool], at_least: float | None,
    dropped: list[str],
) -> Iterator[AuthorChoice]:
    """The readings of `_candidates` as names; those whose every item names nobody go to `dropped`, with why."""
    words = PageWords((*body.splitlines(), *page.texts), page.lang)
    for source, value, strict in _candidates(page, body, read_visible, at_least):
        field = source.startswith((*_NAME_FIELDS, "author link"))  # a link to the author's page names them too
        cleaned = _cleaned(value)
        whole = [v for v in (cleaned if isinstance(cleaned, list) else [cleaned]) if v]
        if any(site.mentions(v) for v in whole):
            # The site itself named as author, before "Jobs & Hire" is split into two "people".
            said = {n: not_a_name(n, words, field=field) for n in clean_authors(whole, strict=False) or whole}
            if named := tuple(n for n, why in said.items() if not why):
                yield AuthorChoice(named, source, True)
            else:
                dropped.append(_why_left_out(source, said))
            continue
        # Where the byline's people write from, and its label words, name nobody: not even the outlet.
        said = {n: not_a_name(n, words, field=field) for n in clean_authors(cleaned, strict=strict)}
        names = tuple(n for n, why in said.items() if not why)
        left = tuple(f"{n!r}, {why}" for n, why in said.items() if why)
        if not names:
            if source in _STATED and _desk(whole) and not any(not_a_name(v, words, field=field) for v in whole):
                # "Staff and wire reports": no person, but what the page states as its byline.
                yield AuthorChoice(tuple(whole), source, True)
            elif left:
                dropped.append(_why_left_out(source, said))
            continue
        people = tuple(n for n in names if not site.names_it(n))
        if people and all(_login(n) for n in people):
            spelled = tuple(full for n in people if (full := _spelled_out(n, body)))
            if spelled:
                yield AuthorChoice(spelled, f"{source}, a user name the article spells out", False, left)
                continue
        if people and not _organisation(value) and not all(_weak(n) for n in people):
            if source.startswith(_NAME_FIELDS):
                people = _fuller_shown(people, page, site)
            yield AuthorChoice(people, source, False, left)
        else:
            yield AuthorChoice(names, source, True, left)


def _why_left_out(source: str, said: dict[str, str | None]) -> str:
    return f"the {source}: " + "; ".join(f"{n!r}, {why}" for n, why in said.items() if why)


def _score(features: dict[str, float], weights: dict[str, float]) -> float:
    return weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * value for name, value in features.items())


@cache
def _weights() -> dict[str, float]:
    """The fitted weight of each feature (`tools/train_html_authors.py`), shipped with the package."""
    data = json.loads(resources.files("newsdigest.ingest").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["weights"].items()}


def _weak(name: str) -> bool:
    """A name that identifies less than a full one elsewhere would: a user name, or initials ("JD")."""
    return _login(name) or (len(name) <= 3 and name.isupper())


def _desk(values: list[str]) -> bool:
    """Whether a byline is a desk's rather than a person's: a few words, letters only ("Staff Writer")."""
    return len(values) == 1 and 1 <= len(values[0].split()) <= 6 and bool(re.fullmatch(r"[^\W\d_][\w\s]*", values[0]))


def _login(name: str) -> bool:
    """A user name rather than a person's ("jdoe", "jane.doe", "_JaneDoe_"): one word, lower-case or joined."""
    return " " not in name and (name == name.lower() or bool(re.search(r"\w[_.]\w|^_|_$", name)))


def _spelled_out(login: str, text: str) -> str | None:
    """The name a user name stands for, as the article writes it ("jane.doe" → "Jane M. Doe")."""
    parts = [p for p in re.split(r"[._-]+", login) if p]
    if len(parts) < 2 or not text:
        return None
    middle = r"(?:\s+(?-i:[^\W\d_a-z])[\w.]*)?"  # a middle name or initial, capitalised
    match = re.search(rf"\b{re.escape(parts[0])}{middle}\s+{re.escape(parts[-1])}\b", text, re.IGNORECASE)
    return match.group(0) if match and match.group(0)[:1].isupper() else None


_NOT_THE_ARTICLES = frozenset({"form", "comments"})


def _candidates(
    page: PageMeta, body: str, read_visible: Callable[[], bool], at_least: float | None
) -> Iterator[tuple[str, Any, bool]]:
    """(source, value, strict) in order of trust; `strict=False` for fields meant to hold a name.

    The visible page read as a text dump costs more than all the rest together; it is
    read only when `read_visible()` says the readings so far leave it worth reading.
    """
    yield "json-ld author", _named_in_bio(page.jsonld.get("author")), False
    yield "json-ld creator", page.jsonld.get("creator"), False
    for key in _META_AUTHOR_KEYS:
        values = [v for v in page.meta_all.get(key, []) if not v.startswith("http")]
        if values:
            yield f"meta {key}", values, False
    yield "twitter card label", _twitter_label_author(page), False
    for byline in page.by_lines:
        yield "printed 'By' line", byline, True
    for link in page.author_links:
        yield "author link", link, True
    for byline in page.bylines:
        if not byline.rstrip().endswith(":"):  # "Jane says:" heads a comment, not the article
            yield "byline element", byline, True
    if page.tree is not None and read_visible():
        # The visible byline read as a text dump's (the fitted byline reader, see `text_byline`).
        found = visible_byline(page)
        threshold = page_threshold(text_byline.MODEL) if at_least is None else at_least
        yield "visible byline", list(found.names(threshold) if found else ()), True
    yield "signature under the article", _signature(body), True


def visible_byline(page: PageMeta) -> PageByline | None:
    """The byline of the page's visible text read as a text dump's, before its threshold (see `textmeta`).

    What readers type into forms and write in comments never names the article's author: it is left out.
    """
    if page.tree is None:
        return None
    visible = [line.text for line in page_text(page.tree) if line.region not in _NOT_THE_ARTICLES]
    return page_byline("\n".join(visible), page.h1)


def _twitter_label_author(page: PageMeta) -> str | None:
    """The author of a Twitter card's label/data pairs ("Written by" / "Jane Doe").

    Publishing tools state the author and the reading time this way, the label in
    the site's language: the author is the data that holds no number.
    """
    for index in "1234":
        data = page.meta.get(f"twitter:data{index}")
        if page.meta.get(f"twitter:label{index}") and data and not re.search(r"\d", data):
            return data
    return None


_EMPHASIS = re.compile(r"^[*_\s]+|[*_\s]+$")


def _signature(body: str) -> str | None:
    """A name alone on the article's last line (or above a last line with a date): the writer signing off."""
    lines = [_EMPHASIS.sub("", line) for line in body.strip().splitlines() if line.strip()][-2:]
    if len(lines) == 2 and re.search(r"\d", lines[1]) and len(lines[1].split()) <= 4:
        lines = lines[:1]
    last = lines[-1] if lines else ""
    words = last.split()
    if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not re.search(r"[\d.!?:]$", last):
        return last
    return None


def _named_in_bio(value: Any) -> Any:
    """JSON-LD people whose `name` is a first name, named in full where their `description` opens with it.

    A profile's display name is often only "Jane", while the biography beside it
    begins "Jane Doe is a reporter…": the same person, named fully.
    """
    if isinstance(value, list):
        return [_named_in_bio(item) for item in value]
    if not isinstance(value, dict):
        return value
    name, bio = value.get("name"), value.get("description")
    if not isinstance(name, str) or len(name.split()) != 1 or not isinstance(bio, str):
        return value
    match = re.match(rf"{re.escape(name.strip())}(?:\s+[^\W\d_a-z][\w'’-]+){{1,2}}(?=[\s,.:;–-]|$)", bio.strip())
    if not match:
        return value
    # The surname ends where the sentence goes on in lower case ("Jane Doe ist …") or with punctuation.
    return {**value, "name": match.group(0)}


def _cleaned(value: Any) -> Any:
    """The value with handles, e-mails and a leading label taken out of each name."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if not isinstance(value, str):
        return None
    text = _NOT_NAME_PARTS.sub(" ", html.unescape(value))
    return " ".join(_LABEL.sub("", text).split())


def _a_person(names: tuple[str, ...]) -> bool:
    """One name of two or three words, as people's names are (a firm's is longer, or one word)."""
    return len(names) == 1 and len(names[0].split()) in (2, 3)


def _organisation(value: Any) -> bool:
    """True when JSON-LD types every named author as an organisation."""
    items = value if isinstance(value, list) else [value]
    types = [str(item.get("@type", "")).lower() for item in items if isinstance(item, dict)]
    return bool(types) and all("organization" in t for t in types)


def _fuller_shown(names: tuple[str, ...], page: PageMeta, site: Site) -> tuple[str, ...]:
    """The visible byline where it names the same people more fully ("Todd" → "Todd Bates") or names more of them.

    Metadata is often cut short: a first name, or only the first of several
    authors. A byline the page shows that holds every stated name (a first name
    standing for a full one) and more is the fuller statement.
    """
    for byline in (*page.by_lines[:2], *page.bylines[:4], *page.author_links[:4]):
        printed = tuple(n for n in clean_authors(_cleaned(byline)) if not site.names_it(n))
        if len(" ".join(printed)) <= len(" ".join(names)):
            continue
        if all(any(_same_person(n, p) for p in printed) for n in names):
            return printed
    return names


def _same_person(stated: str, printed: str) -> bool:
    a, b = stated.lower().split(), printed.lower().split()
    return a == b or (len(a) == 1 and b[0] == a[0])
