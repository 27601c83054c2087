"""Bylines into a clean list of people.

A byline arrives as "By Jane Doe and John Roe", "JANE DOE, Opinion Columnist",
"Jane Doe | Reuters", a JSON-LD list, or a front-matter string. Readers want
names: this splits several authors, drops job titles and channel names, and
refuses anything that does not look like a name (a URL, a sentence, a date),
so that an unknown author stays unknown rather than becoming a wrong one.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

BYLINE_PREFIX = re.compile(
    r"^\s*(?-i:(?:By|Par|Por|Door)(?=[A-Z][a-z]))"
    r"|^\s*(?:(?:written|posted|reported|published|words|story|photos?|text|texto|testo|tekst)\s+)?"
    r"(?:by|von|par|por|door|di|av|af|od|przez|(?P<label>autor(?:in)?|auteur|authors?|autore|forfatter|kirjoittaja|"
    r"byline|writer|reporter|text|texto|tekst)|(?P<desk>redacción|redaktion))\b\s*[:\-–]?\s*",
    re.IGNORECASE,
)
"""A byline's opening words ("By", "Written by", "Von", "Par", "Por", "Autor:", "Text:") in the languages the
date reader knows: generic vocabulary of bylines, not any site's wording. The one list of them: the text-dump
reader finds bylines by it, and `clean_authors` strips it. Alone, a label is no name (`author_items`), while
the newsroom's word (group `desk`) signs for it. Glued to the name without a space ("ByJane Doe",
"PorAna Ruiz") a prefix is read only where a capitalised name never starts with it: "By", "Par", "Por", "Door";
not "Di" or "Von", which start names written with a capital inside ("DiAnne", "VonEllen")."""
_SEPARATORS = re.compile(r"\s*(?:;|\||\band\b|&|\+|\bwith\b|\bund\b|\bet\b|\by\b|\be\b)\s*|\s*,\s*", re.IGNORECASE)
_ROLE_WORDS = frozenset(["columnist", "correspondent", "editor", "editors", "reporter", "reporters", "writer", "writers", "staff", "contributor", "contributors", "analyst", "journalist", "journalists", "senior", "opinion", "chief", "political", "foreign", "special", "deputy", "associate", "managing", "executive", "contributing", "editorial", "desk", "team", "staffer", "freelance", "guest", "author", "columnists", "news", "newsroom", "bureau", "press", "wire", "agency", "digital", "producer", "photographer", "photographers", "video", "intern", "affairs", "science", "health", "business", "sports", "technology", "tech", "culture", "travel", "economics", "economy", "correspondents", "head", "assistant",
    "service", "services", "reports", "report", "wires", "agencies", "board",
    "admin", "administrator", "webmaster", "moderator", "user", "guest",
])  # fmt: skip
# Nouns that end a job title ("Opinion Columnist", "Senior Political Correspondent"), never a surname here.
_TITLE_NOUNS = frozenset([
    "columnist", "columnists", "correspondent", "correspondents", "editor", "editors", "reporter", "reporters",
    "writer", "writers", "contributor", "contributors", "analyst", "journalist", "journalists", "producer",
    "photographer", "staff", "staffer", "intern",
])
# Links, numbers, markup, and the arrows and asterisks of buttons and form labels ("Read on »", "Name *").
_NOT_A_NAME = re.compile(r"https?://|www\.|@|\d|\.com\b|\.org\b|\.net\b|\.co\b|[<>{}=#/\\»«*•]")
# Degrees and post-nominals that follow a name after a comma ("Jane Doe, PhD").
_CREDENTIAL = re.compile(r"^(?:ph\.?\s?d|m\.?d|mba|msc?|ma|bsc?|ba|rd|rn|cpa|esq|dds|dvm|mph|llm|jd|frcp|facs)\.?$", re.IGNORECASE)
_FOR_OUTLET = re.compile(r"\s+(?i:for|from)\s+(?i:the\s+)?[A-Z].*$")
NAME_PARTICLES = frozenset(["van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "al", "ibn", "st."])
"""Lower-case words inside people's names ("Anna von Berg", "Jan van der Meer"): the one list of them."""


def clean_authors(value: Any, *, strict: bool = True, not_names: Iterable[str] = ()) -> tuple[str, ...]:
    """Names found in a byline string or list, in order, without duplicates.

    `strict=False` is for fields that are meant to hold a name (JSON-LD `author`,
    a `<meta name=author>`): there a lower-case "jane doe" is still a name. In
    running text only capitalised words are. `not_names` are the outlet's names:
    "Jane Doe, CNN" is one author, not two.
    """
    if value is None:
        return ()
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    blocked = {_fold(n) for n in not_names if n}
    # The outlet itself named as the author ("Jobs & Hire") is no author: test before splitting on "&".
    items = [item for item in items if _fold(_without_prefix(_name_of(item))) not in blocked]
    raw: list[str] = []
    for item in items:
        raw.extend(_split(_name_of(item)))
    seen: dict[str, str] = {}
    for part in raw:
        name = _clean_name(part, strict=strict)
        if name and blocked:
            words = name.split()
            while len(words) > 2 and _fold(words[-1]) in blocked:
                words.pop()
            name = " ".join(words) if _fold(" ".join(words)) not in blocked else None
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return tuple(seen.values())


def _name_of(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("name") or "")
    return str(item or "")


def _without_prefix(text: str) -> str:
    """`text` without a byline's opening words, unless they are all it says ("Redaktion" signs as the newsroom).

    A label ("Author", "Text") is an opening only with its colon or dash: "Author: Jane Doe", but a name
    given as a whole in a field may start with the same word.
    """
    m = BYLINE_PREFIX.match(text)
    if m is None or not text[m.end() :].strip(" .,:;-–—|"):
        return text
    if (m.group("label") or m.group("desk")) and not re.search(r"[:\-–]\s*$", m.group(0)):
        return text
    return text[m.end() :]


def _split(text: str) -> Iterable[str]:
    text = " ".join(text.split())
    text = _without_prefix(text)
    return [part for part in _SEPARATORS.split(text) if part and part.strip()]


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _fold(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def _clean_name(text: str, *, strict: bool = True) -> str | None:
    text = _without_prefix(text).strip(" .,:;-–—|·•()[]\"'")
    text = _FOR_OUTLET.sub("", text)
    if not text or _NOT_A_NAME.search(text) or _CREDENTIAL.match(text):
        return None
    words = text.split()
    if all(word.lower().strip(".,") in _ROLE_WORDS for word in words):
        return None
    # "Jane Doe Opinion Columnist": cut the trailing title off; "ZNews Columnist" is no name.
    cut = False
    while len(words) > 1 and words[-1].lower().strip(".,") in _TITLE_NOUNS:
        words.pop()
        cut = True
    while cut and len(words) > 1 and words[-1].lower().strip(".,") in _ROLE_WORDS:
        words.pop()  # the title's modifiers: "Senior Political", "Opinion"
    if cut and len(words) < 2:
        return None
    text = " ".join(words)
    if len(words) > 5 or len(text) > 60:
        return None
    if any(word.lower().strip(".,") in _ROLE_WORDS for word in words[1:]) and len(words) > 3:
        return None
    if strict and not all(word[0].isupper() or word.lower() in NAME_PARTICLES or not word[0].isalpha() for word in words):
        # A lower-case handle ("badely") is still what the source states as its author.
        if len(words) != 1:
            return None
    name = " ".join(words)
    if name.isupper() and len(name) > 3:
        name = " ".join(w.capitalize() if w.lower() not in NAME_PARTICLES else w.lower() for w in words)
    return name


def employer_in_role(text: str) -> str | None:
    """The employer a job-title line names ("Harbour Times Correspondent" → "Harbour Times"), if it is one.

    A line under a byline that ends in a job title says where the author works:
    the outlet. Anything else (a sentence, a bare title) gives `None`.
    """
    words = text.split()
    if not 2 <= len(words) <= 5 or words[-1].lower().strip(".,") not in _TITLE_NOUNS:
        return None
    while words and words[-1].lower().strip(".,") in _ROLE_WORDS:
        words.pop()
    return " ".join(words).strip(" ,") or None


def given_name_weight(word: str) -> float:
    """How widely `word` is used as a first name, 0 (unknown) to 1 (in five or more of Faker's countries).

    Whether a capitalised pair of words on a page is a person ("Tomas Verhoeven")
    or a label ("Silent Harvest", "Premier League") is not something the page
    shows; a first name in front is the clearest sign. Faker (MIT) ships the
    first names of some eighty locales, many from public name registries; a
    name listed in several countries ("Anna", "Martin") is a surer sign than
    one a single locale lists, which may also be an ordinary word elsewhere.
    """
    low = word.lower()
    # A double first name ("Marie-Claire") is known by its first part.
    return _given_names().get(low) or _given_names().get(low.split("-")[0], 0.0)


LOCALES_FOR_CERTAIN = 5
"""A first name listed by this many of Faker's locales weighs 1; one listed by fewer weighs its share."""


@lru_cache(maxsize=1)
def _given_names() -> dict[str, float]:
    """Faker's first names of every locale, each weighted by how many locales list it (only its lists are read)."""
    from faker.providers import person  # a quarter second: loaded by `warm_up` before forking

    locales: dict[str, int] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        known: set[str] = set()
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            listed = getattr(provider, attribute, None)
            if isinstance(listed, (tuple, list, dict)):  # a few locales compute one list from the others
                known.update(name.lower() for name in listed)
        for name in known:
            locales[name] = locales.get(name, 0) + 1
    return {name: min(n, LOCALES_FOR_CERTAIN) / LOCALES_FOR_CERTAIN for name, n in locales.items()}
