"""The headline of a saved HTML page, chosen by agreement between what the page states and what it shows.

A page states its headline several times: JSON-LD `headline`, `og:title`,
`twitter:title`, `<title>`, each perhaps with the site's name, a section or a
kicker around it ("Headline | Site", "Section - Headline - Site"). It shows
it once, as its `<h1>`, perhaps with a kicker of its own. The headline is what
the visible heading and a stated title agree on: a heading (or one piece of a
heading made of several) that equals a stated title or one of its
separator-delimited parts, the most trusted statement deciding; failing an
`<h1>`, an `<h2>`/`<h3>` that equals one. Where nothing agrees, a page's only
`<h1>` is what readers know the article by; else a stated title loses the parts
at either end that name the site (its stated names or its host, see
`html_site`), and one cut off mid-title is completed by a longer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdigest.ingest.decode import normalize
from newsdigest.ingest.html_meta import PageMeta
from newsdigest.ingest.html_site import Site, fold

__all__ = ["TitleChoice", "choose_headline"]

_SEPARATOR = re.compile(r"(\s+[|–—•·»:/-]+\s+|\s*\|\s*|\s+//\s+)")
"""What sites put between a headline and their name (" | ", " - ", " » ", " : ")."""


@dataclass(frozen=True)
class TitleChoice:
    title: str
    reason: str
    """Why this one ("the <h1> agrees with og:title", "og:title without the site's name", …)."""


def choose_headline(page: PageMeta, site: Site) -> TitleChoice | None:
    """The article's headline as the page shows it, without the site's name around it."""
    stated = _stated(page)
    whole = [strip_site(normalize(h), site, longest_bar=False) or h for h in page.h1 if fold(h) and not site.names_it(h)]
    pieces = [normalize(h) for h in page.h1_parts if len(h.split()) >= 2 and not site.names_it(h)]
    # The most trusted statement that a heading agrees with decides; a piece of a heading (a kicker
    # is one) must agree with a whole stated title, not just with one of its parts.
    for source, title in stated:
        agreed = [h for h in whole if _agrees(h, title, site)] + [h for h in pieces if _agrees(h, title, site, piece=True)]
        if agreed:
            return TitleChoice(max(agreed, key=len), f"the page's <h1> agrees with its {source}")
    # No <h1> agrees: a page may show its headline as a lower heading, which then equals a stated title
    # or one of its parts (where a breadcrumb or the site's name stand beside it).
    headings = [h for h in page.subheadings if not site.names_it(h)]
    for same in (_is_whole, _is_part):
        for source, title in stated:
            heading = next((h for h in headings if same(h, title, site)), None)
            if heading:
                return TitleChoice(normalize(heading), f"a heading of the page agrees with its {source}")
    long_headings = [h for h in page.h1 if not site.names_it(h)]
    # Of several <h1>s, a label of a word or two (a section's name) and one the page repeats (a newsletter
    # box's) head furniture; one left standing is the headline.
    headlines = [h for h in long_headings if not _a_label(h) and page.h1.count(h) == 1] if len(long_headings) > 1 else long_headings
    if len(headlines) == 1:
        # The page shows one headline and describes itself otherwise (a social-media title):
        # readers know the article by what the page shows.
        only = "only <h1>" if len(long_headings) == 1 else "only <h1> that is neither a label nor repeated"
        return TitleChoice(normalize(headlines[0]), f"the page's {only} (no stated title agrees with it)")
    stripped = [(source, text) for source, title in stated if (text := strip_site(title, site))]
    # A stated title that is only the site's name is no headline, where the page states another.
    stripped = [(s, t) for s, t in stripped if not site.names_it(t)] or stripped
    # A stated title of a word or two is a section's name (a single plural noun, say) where another statement says more.
    said = [(s, t) for s, t in stripped if not _a_label(t)] or stripped
    passed = f" (its {stripped[0][0]} {stripped[0][1]!r} names a section)" if said and said[0] != stripped[0] else ""
    for source, text in said:
        longer = [t for _, t in stripped if _completes(t, text)]
        if longer:
            return TitleChoice(min(longer, key=len), f"{source} completed by a longer stated title{passed}")
        return TitleChoice(text, f"{source} without the site's name around it{passed}")
    if long_headings:
        return TitleChoice(normalize(long_headings[0]), "the page's first <h1>")
    return None


def _a_label(text: str) -> bool:
    """A title of one or two words: a section's or a page's name rather than a headline (written with spaces)."""
    return len(fold(text).split()) <= 2 and len(text) < 25


def _stated(page: PageMeta) -> list[tuple[str, str]]:
    """(source, title) for each title the page states about itself, in order of trust."""
    jsonld = page.jsonld.get("headline")
    if isinstance(jsonld, list):
        jsonld = next((v for v in jsonld if isinstance(v, str)), None)
    found = [("JSON-LD headline", jsonld if isinstance(jsonld, str) else None)]
    found += [(key, page.meta.get(key)) for key in (
        "og:title", "twitter:title", "title", "dc.title", "parsely-title", "sailthru.title")]
    found.append(("<title>", page.title_tag))
    return [(source, normalize(" ".join(text.split()))) for source, text in found if text and text.strip()]


def _agrees(heading: str, title: str, site: Site, *, piece: bool = False) -> bool:
    """Whether a heading is the stated title: equal to it, to its start cut short, or to one of its parts."""
    fh, ft = fold(heading), fold(title)
    if not fh or not ft:
        return False
    if fh == ft or fh == fold(strip_site(title, site)):
        return True
    if piece and len(fh.split()) < 3:
        return False
    if not piece and fh.startswith(ft) and title.rstrip().endswith(("...", "…")):
        return True  # the stated title cut short
    if not piece and len(fh.split()) >= 3 and f" {fh} " in f" {ft} ":
        return True  # the stated title with a kicker or the site around the heading
    # One of the stated title's parts, but not its last, where sites put their own name.
    parts = [fold(p) for p in _SEPARATOR.split(title)[::2]]
    return len(parts) > 1 and fh in parts[:-1] and len(fh.split()) >= 2


def _is_whole(heading: str, title: str, site: Site) -> bool:
    """Whether a heading is a stated title, whole or without the site's name."""
    return fold(heading) in {fold(title), fold(strip_site(title, site))}


def _is_part(heading: str, title: str, site: Site) -> bool:
    """Whether a heading is one of a stated title's separator-delimited parts (of several)."""
    parts = [fold(p) for p in _SEPARATOR.split(title)[::2]]
    return len(parts) > 1 and fold(heading) in parts


def _completes(longer: str, short: str) -> bool:
    """Whether `longer` is `short` cut off mid-title (by a length limit, or a quotation mark that ended its
    attribute) and completed: it goes on after it without a separator."""
    if len(longer) <= len(short) or not fold(longer).startswith(fold(short)):
        return False
    at = len(short.rstrip(" .…"))
    return longer[:at] == short[:at] and not _SEPARATOR.match(longer[at:])


def strip_site(title: str, site: Site, *, longest_bar: bool = True) -> str | None:
    """A stated title without the parts at either end that name the site ("Headline | Site", "Site: Headline")."""
    pieces = _SEPARATOR.split(title)
    parts, separators = pieces[::2], pieces[1::2]
    # The site's name and whatever follows it (its tagline): "Headline | Site | Slogan".
    cut = next((i for i in range(1, len(parts)) if site.names_it(parts[i]) or not fold(parts[i])), len(parts))
    parts, separators = parts[:cut], separators[: cut - 1]
    while len(parts) > 1 and (site.names_it(parts[0]) or not fold(parts[0])):
        parts, separators = parts[1:], separators[1:]
    if longest_bar and len(parts) == len(pieces[::2]) and "|" in title:
        # No part names the site, and "Headline | Site" is the common shape: the longest part is the headline.
        return max((p.strip() for p in title.split("|")), key=len) or None
    kept = parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:]))
    return kept.strip() or None


