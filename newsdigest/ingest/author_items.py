"""Which items of a saved page's byline name people, and which name a place, an address or a label around them.

A byline's markup often holds more than its authors: where they write from
("Jane Doe, Frankfurt, Germany"), an outlet's address ("Jane Doe | example.de"),
the label of an empty byline ("Von", "Posted", "Text"), a desk beside the person
("Jane Doe; Abendredaktion"). The reader knows the outlet already, and a place
or a label is nobody. A single word is the hard case: a label, a heading, or an
agency, a desk, a nickname that pages do state as their byline; what is no name
for certain is dropped (`not_a_name`), what only may not be one is a sign the
fitted chooser weighs (`a_stray_word`, `html_authors`). None of this is listed: the page itself tells which
capitalised word is a place (it opens a dateline with it: "FRANKFURT (dpa) –",
"Berlin, 3. März –") and which is an ordinary word (it writes it in lower case
elsewhere); the names of countries come from CLDR (babel), in the page's
language and in English; a first name is known from Faker's lists of some eighty
countries (`authors.given_name_weight`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from babel import Locale, UnknownLocaleError
from tld import is_tld

from newsdigest.ingest.authors import BYLINE_PREFIX, given_name_weight
from newsdigest.ingest.html_site import fold
from newsdigest.ingest.text_lines import STOP_WORDS

__all__ = ["PageWords", "a_first_name", "a_stray_word", "an_address", "not_a_name"]

_FUNCTION_WORDS = frozenset().union(*STOP_WORDS.values())

_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2})\s*(?:/\s*[^\W\d_]+\s*)?"
    r"(?:\([^()]{1,40}\)\s*)?(?:,[^,–—]{1,32}?)?\s*[–—-]\s"
)
"""A paragraph opened by where it was written: "FRANKFURT (dpa) – …", "Berlin, 3. März – …", "Bonn/Rhein - …"."""
_PARAGRAPH = 8
"""Words a dateline's paragraph goes on with at least: "Jane – 3 comments" is a byline, not a dateline."""

_ADDRESS = re.compile(r"^(?P<first>[\w-]+)(?:\.[\w-]+)*\.(?P<suffix>[^\W\d_]{2,24})$")
"""A host name written as one word ("example.de", "News.Example.com"), if its last part is a top-level domain."""
_GENERIC = frozenset({"com", "net", "org", "info", "edu", "gov", "mil", "int", "biz"})
"""The old generic top-level domains: the newer ones ("kim", "fox", "green") are as often a user name's surname."""


@dataclass(frozen=True)
class PageWords:
    """What the page's own text tells about a word that stands in a byline: is it ordinary, is it a place."""

    texts: Sequence[str]
    """The page's pieces of text, in order (`PageMeta.texts`, the article's paragraphs)."""
    lang: str | None = None

    @cached_property
    def lower(self) -> frozenset[str]:
        """Words the page writes in lower case somewhere: capitalised alone in a byline, they are a label."""
        return frozenset(w for text in self.texts for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w[:1].islower())

    @cached_property
    def places(self) -> frozenset[str]:
        """Places (folded) the page opens a paragraph with, the way a dateline does.

        Only a single word, or an upper-case run of up to three ("NEW YORK (AP) —"): a capitalised
        pair in front of a dash is as often a person ("Jane Doe – 3 hours ago").
        """
        found = set()
        for text in self.texts:
            text = text.replace("*", "").replace("_", " ").strip()  # a dateline set in bold in Markdown
            match = _DATELINE.match(text)
            if match is None or len(text[match.end():].split()) < _PARAGRAPH:
                continue
            words = match.group("place").split()
            if (len(words) == 1 and words[0][:1].isupper()) or all(w.isupper() and len(w) > 1 for w in words):
                found.add(fold(match.group("place")))
        return frozenset(found)

    def country(self, item: str) -> bool:
        """Whether `item` is a country's name, in the page's language or in English."""
        folded = fold(item)
        return folded in _countries(_language(self.lang)) or folded in _countries("en")


def not_a_name(item: str, words: PageWords, *, field: bool = False) -> str | None:
    """Why a byline's item names nobody (a place, an address, a label or function word), or `None` if it may be.

    A first name is a person's though it is also a country or an ordinary word ("Jordan",
    "Rose"). In a `field` meant for a name (JSON-LD `author`, `<meta name=author>`) a
    country's name or a word the page also writes in lower case is still the name it
    states: a user name ("Quillfox", written "quillfox" under the comments), a rarer
    first name ("Hope"); only a place the page writes a dateline from is none.
    """
    first = a_first_name(item)
    if not first and (fold(item) in words.places or (not field and words.country(item))):
        return "a place"
    if an_address(item):
        return "a web address (the outlet, which the reader knows)"
    label = BYLINE_PREFIX.fullmatch(item)
    if label is not None and not label.group("desk"):
        return "the label of a byline (its opening word alone)"
    if " " not in item:
        if not field and not first and item[:1].isupper() and not item.isupper() and item.lower() in words.lower:
            return "a word the page writes in lower case (a label)"
        if item.islower() and item in _FUNCTION_WORDS:
            return "a function word"
    return None


def an_address(item: str) -> bool:
    """Whether an item is a web address written as a name ("example.de"): an outlet, not a person.

    A user name joined by a dot ("jane.doe", "li.wang") has the same shape: the last part
    must be an old generic top-level domain or a country's (two letters, known to the
    Public Suffix List through the `tld` package, which trafilatura's URL handling
    already installs); "jane.co", a first name before a country's domain, is a user name
    unless it opens with "www.".
    """
    match = _ADDRESS.match(item)
    if match is None:
        return False
    suffix = match.group("suffix").lower()
    if item.lower().startswith("www.") or suffix in _GENERIC:
        return True
    return len(suffix) == 2 and is_tld(suffix) and not (item.count(".") == 1 and a_first_name(match.group("first")))


def a_stray_word(names: tuple[str, ...]) -> bool:
    """Whether a list that names a person in full also holds a single word that is no known first name.

    "Jane Doe; Abendredaktion", "Jane Doe, Kestrelton": beside a full name, a single
    word is more often a desk, a place or a label than a co-author; yet agencies
    and desks are what many pages state as a byline beside the reporter, so it is
    a sign for the fitted chooser (`html_authors`) to weigh, not a rule.
    """
    return any(len(n.split()) >= 2 for n in names) and any(len(n.split()) == 1 and not a_first_name(n) for n in names)


def a_first_name(word: str) -> bool:
    """Whether a word is a first name for certain: one Faker lists for many countries, not for one or two."""
    return given_name_weight(word) >= 1.0


def _language(lang: str | None) -> str:
    return (lang or "en").replace("_", "-").split("-")[0].lower()


@cache
def _countries(language: str) -> frozenset[str]:
    """The names of the world's countries (folded) in `language`, from CLDR."""
    try:
        names = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return frozenset()
    return frozenset(fold(name) for code, name in names.items() if code.isalpha())
