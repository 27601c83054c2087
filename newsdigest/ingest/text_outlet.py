"""The outlet and address a text dump states in its masthead and footer.

A copied page names its publisher in the footer's copyright line ("© 2024
Example Media GmbH. All rights reserved.") or shows its domain as a masthead
line, and a printed page states its own address in its header or footer.
When the copyright holder is a person rather than an organisation, the page
is a personal site and that person is its author (the caller decides).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdigest.ingest.authors import clean_authors
from newsdigest.ingest.text_lines import Line

__all__ = ["Footer", "read_outlet"]


@dataclass(frozen=True)
class Footer:
    """What the masthead and footer say about who published the page and where."""

    outlet: str | None = None
    person: bool = False
    """The copyright holder is a person (a personal site), not an organisation."""
    url: str | None = None
    url_index: int | None = None
    """The line stating the page's own address."""


_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?P<path>/\S*)?$", re.I)


_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{2,4})?)?[.,]?\s*(?P<name>[^.©|]+?)\s*(?:[.,|]|$|all\s+rights)",
    re.I,
)


_ORGANISATION = re.compile(
    r"\b(?:media|news|press|group|times|post|daily|journal|network|publishing|company|corporation|inc|ltd|llc|limited|"
    r"magazine|gazette|tribune|herald|radio|tv|television|broadcasting|institute|university|foundation|association|"
    r"society|agency|studio|studios|digital|online|global|international|holdings|partners|services|systems|labs?|"
    r"communications|newspapers?|entertainment|productions|enterprises|industries|solutions|ventures|software|"
    r"consulting|technologies|copyright|pty|pvt|gmbh|design|designs|creative|marketing|shop|store)\b",
    re.I,
)


_LEGAL_FORM = re.compile(
    r"(?:\s*[,&]?\s*\b(?:inc|ltd|llc|plc|corp|co|company|limited|pty|pvt|gmbh|ag|sa|s\.a|srl|oy|ab|bv|nv)\b\.?)+$", re.I
)


def _clean_holder(name: str) -> str:
    """A copyright holder's name without years, legal forms, "by" and what follows a dash or bracket."""
    name = re.sub(r"\([cс]\)|©|\b(?:copyright|by)\b", " ", name, flags=re.I)
    name = re.sub(r"^[\s\d.,:;–—-]+", "", name)  # years and ranges in front ("2023-25.")
    name = re.split(r"\s[-–—|/]\s|\(|\s[-–—]|[-–—]\s", name)[0]
    name = re.sub(r"\b(?:19|20)\d{2}\b", " ", name)
    name = re.sub(r"\s+", " ", name).strip(" ,.-–&")
    name = _LEGAL_FORM.sub("", name).strip(" ,.-&")
    return name if re.search(r"[^\W\d_]{2}", name) else ""


def read_outlet(lines: list[Line]) -> Footer:
    """The outlet from the footer's copyright line, else a masthead domain line; the page's printed address."""
    for line in reversed(lines):
        if not line.copyright:
            continue
        m = _COPYRIGHT_NAME.search(line.text)
        if m:
            name = _clean_holder(m.group("name"))
            if name and 1 <= len(name.split()) <= 6 and not re.search(r"\ball rights\b", name, re.I):
                person = (
                    clean_authors(name) == (name,) and len(name.split()) in (2, 3)
                    and not _ORGANISATION.search(name) and not _common_words(name, lines)
                )
                return Footer(name, person)
    outlet = url = url_index = None
    edges = list(range(min(5, len(lines)))) + list(range(max(5, len(lines) - 5), len(lines)))
    for i in edges:
        m = _DOMAIN.match(lines[i].text)
        if not m:
            continue
        slug = m.group("path") and re.search(r"/[\w%.-]*[-_][\w%.-]*", m.group("path"))
        if slug and lines[i].text.lower().startswith("http"):
            # A printed page states its own address in its header or footer.
            if url is None:
                url, url_index = lines[i].text.strip(), i
        elif not m.group("path") and outlet is None:
            outlet = m.group("host").lower()
    return Footer(outlet, False, url, url_index)


def _common_words(name: str, lines: list[Line]) -> bool:
    """Whether the words after the first of `name` are also used in lower case on the page.

    People's names are capitalised wherever they appear; a capitalised label
    made of ordinary words shows those words in lower case somewhere else.
    """
    tokens = {t.lower() for t in name.split()[1:] if len(t) > 2}
    if not tokens:
        return False
    lower = {w for line in lines for w in line.words if w[:1].islower()}
    return tokens <= lower
