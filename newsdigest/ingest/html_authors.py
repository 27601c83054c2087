"""The authors of a saved HTML page: people first, what the page states otherwise when it names no one.

Candidates come in order of how deliberately the page states them: its JSON-LD
`author` (references into the `@graph` resolved, a first name completed from the
person's own description), the `<meta>` author tags, a Twitter card's author
label, then the visible byline (read as a text dump's, then "By …" lines, author
links and elements marked as bylines, outside the comments), a name signed under
the article, and the page's copyright holder. Each is cleaned of what is not a
name (a `@handle`, an e-mail, a "Label:" before it) and split into people by
`authors.clean_authors`. The first candidate that names a person wins, and a
stated name is replaced by a visible byline that names the same people more
fully. What names no person is kept only for when nobody is named: the site
itself (its stated name or host, see `html_site`, or a JSON-LD `Organization`),
a desk ("Staff and wire reports"), initials, or a user name the article does
not spell out. The copyright holder is never the site's own name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsdigest.ingest.authors import clean_authors
from newsdigest.ingest.html_meta import PageMeta
from newsdigest.ingest.html_site import Site
from newsdigest.ingest.page_text import page_text
from newsdigest.ingest.textmeta import byline_of_page

__all__ = ["AuthorChoice", "choose_authors"]

_NOT_NAME_PARTS = re.compile(r"(?:^|\s)@\w+|\S+@\S+\.\w+|https?://\S+|\(\s*@?\w*\s*\)")
"""A Twitter handle, an e-mail or a link beside a name ("Jane Doe @janedoe")."""
_LABEL = re.compile(r"^\s*(?:\w+\s+)?\w+\s*:\s+(?=\S)")
"""A label of a word or two before a byline ("Interview: Jane Doe", "Auteur : Jane Doe", "Article by: Jane Doe")."""
_META_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
_STATED = frozenset({"json-ld author", "json-ld creator", "meta author", "printed 'By' line"})
"""Sources where the page states its byline as such, even when it names no person."""


@dataclass(frozen=True)
class AuthorChoice:
    names: tuple[str, ...]
    source: str
    """Where the names were read ("json-ld author", "meta author", "visible byline", …)."""
    outlet: bool
    """True when no person is named: the names are the site's, a desk's, initials or a user name."""


def choose_authors(page: PageMeta, site: Site, body: str = "") -> AuthorChoice | None:
    """The page's authors: the first people it names, else the outlet it names as author."""
    fallback: AuthorChoice | None = None
    shown: list[AuthorChoice] = []
    for source, value, strict in _candidates(page, body):
        cleaned = _cleaned(value)
        whole = [v for v in (cleaned if isinstance(cleaned, list) else [cleaned]) if v]
        if any(site.mentions(v) for v in whole):
            # The site itself named as author, before "Jobs & Hire" is split into two "people".
            if fallback is None:
                fallback = AuthorChoice(clean_authors(whole, strict=False) or tuple(whole), source, True)
            continue
        names = clean_authors(cleaned, strict=strict)
        if not names:
            if fallback is None and source in _STATED and _desk(whole):
                # "Staff and wire reports": no person, but what the page states as its byline.
                fallback = AuthorChoice(tuple(whole), source, True)
            continue
        people = tuple(n for n in names if not site.names_it(n))
        if people and all(_login(n) for n in people):
            spelled = tuple(full for n in people if (full := _spelled_out(n, body)))
            if spelled:
                return AuthorChoice(spelled, f"{source}, a user name the article spells out", False)
        if people and not _organisation(value) and not all(_weak(n) for n in people):
            if source.startswith(("json-ld", "meta", "twitter")):
                return AuthorChoice(_fuller_shown(people, page, site), source, False)
            shown.append(AuthorChoice(people, source, False))
        elif fallback is None:
            fallback = AuthorChoice(names, source, True)
    if shown or fallback:
        return _most_shown(shown) or fallback
    # Read last, and only when nobody else is named: who owns the page, if not the site itself.
    # Only a person's name: a company holding the copyright did not write the article.
    owner = page.copyright_holder
    if owner and not site.mentions(owner) and (names := clean_authors(_cleaned(owner))) and _a_person(names):
        return AuthorChoice(names, "copyright holder", True)
    return None


def _most_shown(shown: list[AuthorChoice]) -> AuthorChoice | None:
    """Of the bylines the visible page shows, the one most other kinds of byline agree with (the first on a tie).

    Each reading of the page (its text, "By" lines, author links, byline markup)
    errs on its own; a name that several of them find is the page's byline.
    """
    def support(choice: AuthorChoice) -> int:
        names = {n.lower() for n in choice.names}
        return len({o.source for o in shown if o.source != choice.source and names & {n.lower() for n in o.names}})

    return max(shown, key=support) if shown else None


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


def _candidates(page: PageMeta, body: str) -> Iterator[tuple[str, Any, bool]]:
    """(source, value, strict) in order of trust; `strict=False` for fields meant to hold a name."""
    yield "json-ld author", _named_in_bio(page.jsonld.get("author")), False
    yield "json-ld creator", page.jsonld.get("creator"), False
    for key in _META_AUTHOR_KEYS:
        values = [v for v in page.meta_all.get(key, []) if not v.startswith("http")]
        if values:
            yield f"meta {key}", values, False
    yield "twitter card label", _twitter_label_author(page), False
    if page.tree is not None:
        # The visible byline read as a text dump's (the fitted byline reader, see `text_byline`);
        # what readers type into forms and write in comments never names the article's author.
        visible = [line.text for line in page_text(page.tree) if line.region not in _NOT_THE_ARTICLES]
        yield "visible byline", list(byline_of_page("\n".join(visible))), True
    for byline in page.by_lines:
        yield "printed 'By' line", byline, True
    for link in page.author_links:
        yield "author link", link, True
    for byline in page.bylines:
        if not byline.rstrip().endswith(":"):  # "Jane says:" heads a comment, not the article
            yield "byline element", byline, True
    yield "signature under the article", _signature(body), True


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
