"""Clean, read-only view objects for templates: everything a page shows, nothing it must compute.

The model speaks in post ids, relation kinds and raw datetimes; a reader needs
outlet names, "copy of The Herald (92 % shared)", local times and links. This
module does that translation once, so templates stay declarative (loops and
conditions only) and a site that overrides a template gets the same facts.
No markup is built here: the only HTML a view carries is sanitised Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from markupsafe import Markup

from newsdigest.model import Disagreement, Post, Quote, RelationKind, Story, Version, When
from newsdigest.site.dates import (
    NO_MOMENT,
    Moment,
    chronological_key,
    local_day,
    moment,
    newest,
    oldest,
)
from newsdigest.site.markdown_html import render_markdown, safe_link
from newsdigest.site.slugs import check_segment, page_slug

UNKNOWN_OUTLET = "Unnamed source"


@dataclass(frozen=True)
class Ref:
    """A named thing with a page of its own (outlet, tag, day): text and site path."""

    name: str
    url: str
    slug: str = ""


@dataclass(frozen=True)
class VersionRef:
    """A short handle on a version, for "carried by" lists and relations."""

    id: str
    outlet: str
    anchor: str
    """Fragment id of the version's card on the story page."""
    url: str
    """The post page."""


@dataclass(frozen=True)
class RelationView:
    kind: str
    """first | copy | rewrite | independent — also the CSS modifier."""
    label: str
    """"First published", "Copy", "Rewrite", "Independent"."""
    of: VersionRef | None
    share_percent: int | None
    sentence: str
    """A plain sentence for the copy map: "copied The Herald (92 % of its sentences)"."""
    evidence: tuple[tuple[str, str], ...] = ()
    """(sentence of this version, sentence of the one it copied): what the claim rests on."""
    order_unknown: bool = False
    """One of the two versions is undated: which copied the other, the times do not tell."""


@dataclass(frozen=True)
class VersionView:
    id: str
    ref: VersionRef
    outlet: Ref | None
    outlet_name: str
    title: str
    title_derived: bool
    authors: tuple[str, ...]
    byline: str
    published: Moment
    updated: Moment | None
    original_url: str | None
    post_url: str
    relation: RelationView
    additions: tuple[str, ...]
    excerpt: str
    tags: tuple[Ref, ...]
    lang: str | None


@dataclass(frozen=True)
class QuoteView:
    text: str
    speaker: str
    carriers: tuple[VersionRef, ...]
    everyone: bool
    """Every version carries it."""
    shared: bool = False
    """Two versions or more carry it: only then is it a shared quote."""


@dataclass(frozen=True)
class SentenceView:
    """A claim's sentence split around the disputed value, so a template can highlight it."""

    before: str
    value: str
    after: str


@dataclass(frozen=True)
class ClaimView:
    version: VersionRef
    sentence: SentenceView


@dataclass(frozen=True)
class ClaimGroupView:
    value: str
    claims: tuple[ClaimView, ...]
    outlets: tuple[str, ...]
    majority: bool
    """The value most versions state (ties: none is the majority)."""


@dataclass(frozen=True)
class DisagreementView:
    subject: str
    groups: tuple[ClaimGroupView, ...]
    summary: str
    """"3 versions say 26; Outlet X says 26 dozen"."""


@dataclass(frozen=True)
class TimelineEvent:
    when: Moment
    version: VersionRef
    title: str
    kind: str
    """published | updated."""
    relation: RelationView


@dataclass(frozen=True)
class StoryView:
    id: str
    slug: str
    url: str
    title: str
    summary: str
    teaser: str
    """The summary cut at a sentence end to fit a card (the whole summary when short)."""
    published: Moment
    updated: Moment
    versions: tuple[VersionView, ...]
    """Oldest first; undated last."""
    first: VersionView | None
    """The version the times put before every other; None when they do not separate them."""
    timing: str
    """What the times do say when no version is first ("3 versions appeared the same day, 5 Sep 2025")."""
    outlets: tuple[Ref, ...]
    outlet_names: tuple[str, ...]
    tags: tuple[Ref, ...]
    quotes: tuple[QuoteView, ...]
    shared_quotes: tuple[QuoteView, ...]
    """The quotes two versions or more carry."""
    disagreements: tuple[DisagreementView, ...]
    timeline: tuple[TimelineEvent, ...]
    copies: tuple[VersionView, ...]
    """Versions that copy or rewrite another one."""
    unnamed: tuple[VersionView, ...]
    """Versions whose outlet is unknown: the page tells the editor how to name them."""
    featured: bool
    hidden: bool
    aliases: tuple[str, ...]
    editor_note: Markup
    summary_by_editor: bool
    # Raw times for ordering and grouping; templates use the Moments above.
    published_at: When | None = field(default=None, repr=False)
    updated_at: When | None = field(default=None, repr=False)
    activity_days: tuple[date, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class PostView:
    """A version on its own page: the normalised copy, with its story around it."""

    version: VersionView
    story: StoryView
    body: Markup
    image: str | None
    published_at: When | None = field(default=None, repr=False)
    updated_at: When | None = field(default=None, repr=False)


class Directory:
    """Outlet and tag names → their pages, decided once for the whole site."""

    def __init__(self, site_root: str = "/") -> None:
        self.site_root = site_root
        """The path of `base_url`, under which the editor's own site links go ("/" or "/digest/")."""
        self._outlets: dict[str, Ref] = {}
        self._tags: dict[str, Ref] = {}

    def outlet(self, name: str | None) -> Ref | None:
        if not name or not name.strip():
            return None
        return self._ref(self._outlets, name.strip(), "outlets")

    def tag(self, name: str) -> Ref | None:
        if not name or not name.strip():
            return None
        return self._ref(self._tags, name.strip(), "tags")

    @staticmethod
    def _ref(table: dict[str, Ref], name: str, section: str) -> Ref:
        key = name.casefold()
        if key not in table:
            slug = page_slug(name)
            table[key] = Ref(name=name, url=f"/{section}/{slug}/", slug=slug)
        return table[key]


def story_view(story: Story, tz: ZoneInfo, directory: Directory) -> StoryView:
    """Everything the story page, story cards and feeds show about one story."""
    check_segment(story.slug, "story slug")
    ordered = tuple(sorted(story.versions, key=lambda v: chronological_key(v.post.published, tz)))
    names = _display_names([v.post for v in ordered])
    refs = {v.post.id: _version_ref(v.post, names[v.post.id]) for v in ordered}
    undated = frozenset(v.post.id for v in ordered if v.post.published is None)
    versions = tuple(_version_view(v, refs, tz, directory, undated) for v in ordered)

    outlets: dict[str, Ref] = {}
    for version in versions:
        if version.outlet is not None:
            outlets.setdefault(version.outlet.url, version.outlet)
    tags: dict[str, Ref] = {}
    for version in versions:
        for tag in version.tags:
            tags.setdefault(tag.url, tag)

    published_at = story.published or oldest((v.post.published for v in story.versions), tz)
    updated_at = newest([story.updated, *(v.post.when for v in story.versions)], tz) or published_at
    days = sorted(
        {d for v in story.versions for d in (local_day(v.post.published, tz), local_day(v.post.updated, tz)) if d}
        | ({local_day(published_at, tz)} if published_at else set())
    )
    quotes = tuple(_quote_view(q, refs, len(versions)) for q in sorted(story.quotes, key=lambda q: -len(q.post_ids)))
    return StoryView(
        id=story.id,
        slug=story.slug,
        url=story.url,
        title=story.title,
        summary=story.summary,
        teaser=teaser(story.summary),
        published=moment(published_at, tz),
        updated=moment(updated_at, tz),
        versions=versions,
        first=_first(versions),
        timing=_timing(versions, story.versions, tz),
        outlets=tuple(outlets.values()),
        outlet_names=tuple(v.outlet_name for v in _unique_outlets(versions) if v.outlet is not None),
        tags=tuple(tags.values()),
        quotes=quotes,
        shared_quotes=tuple(q for q in quotes if q.shared),
        disagreements=tuple(_disagreement_view(d, refs) for d in story.disagreements),
        timeline=_timeline(versions, ordered, tz),
        copies=tuple(v for v in versions if v.relation.kind in ("copy", "rewrite")),
        unnamed=tuple(v for v in versions if not v.outlet and v.outlet_name.startswith(UNKNOWN_OUTLET)),
        featured=story.featured,
        hidden=story.hidden,
        aliases=tuple(story.aliases),
        editor_note=render_markdown(story.editor_note, site_links=True, site_root=directory.site_root)
        if story.editor_note.strip() else Markup(""),
        summary_by_editor=story.summary_by_editor,
        published_at=published_at,
        updated_at=updated_at,
        activity_days=tuple(days),
    )


def body_source(post: Post) -> tuple[str, str | None]:
    """What a post's page body is converted from: its Markdown and the URL its relative links resolve against."""
    return post.body, safe_link(post.url)


def post_view(version: VersionView, story: StoryView, post: Post, tz: ZoneInfo) -> PostView:
    text, base_url = body_source(post)
    return PostView(
        version=version,
        story=story,
        body=render_markdown(text, base_url=base_url),
        image=safe_link(post.image, base_url=version.original_url),
        published_at=post.published,
        updated_at=post.updated,
    )


def _display_names(posts: list[Post]) -> dict[str, str]:
    """What to call each version's outlet: its name, else its web address's host, else "Unnamed source (<post id>)".

    The post id keeps several unnamed versions apart and tells an editor which
    post to name (`outlet:` in `content/posts/<id>.md`, or `content/outlets.toml`).
    """
    names: dict[str, str] = {}
    for post in posts:
        name = (post.outlet or "").strip()
        if not name and (url := safe_link(post.url)):
            name = urlsplit(url).hostname or ""
            name = name.removeprefix("www.")
        names[post.id] = name or f"{UNKNOWN_OUTLET} ({post.id})"
    return names


def post_url(post_id: str) -> str:
    """The site path of a post's own page."""
    return f"/posts/{post_id}/"


def _version_ref(post: Post, name: str) -> VersionRef:
    check_segment(post.id, "post id")
    return VersionRef(
        id=post.id,
        outlet=name,
        anchor=f"v-{post.id}",
        url=post_url(post.id),
    )


def _version_view(version: Version, refs: dict[str, VersionRef], tz: ZoneInfo, directory: Directory,
                  undated: frozenset[str]) -> VersionView:
    post = version.post
    ref = refs[post.id]
    authors = tuple(a.strip() for a in post.authors if a and a.strip())
    updated = moment(post.updated, tz) if post.updated and post.updated != post.published else None
    return VersionView(
        id=post.id,
        ref=ref,
        outlet=directory.outlet(post.outlet),
        outlet_name=ref.outlet,
        title=post.title,
        title_derived=post.title_derived,
        authors=authors,
        byline=_join_names(authors),
        published=moment(post.published, tz),
        updated=updated,
        original_url=safe_link(post.url),
        post_url=ref.url,
        relation=_relation_view(version, refs, undated),
        additions=tuple(a for a in version.additions if a and a.strip()),
        excerpt=(post.excerpt or "").strip(),
        tags=tuple(t for t in (directory.tag(name) for name in post.tags) if t is not None),
        lang=post.lang,
    )


_LABELS = {
    RelationKind.FIRST: "First published",
    RelationKind.COPY: "Copy",
    RelationKind.REWRITE: "Rewrite",
    RelationKind.INDEPENDENT: "Independent",
}


def _relation_view(version: Version, refs: dict[str, VersionRef], undated: frozenset[str]) -> RelationView:
    """How the page tells a version's relation. Which of two near-identical texts was written first only the
    times can tell: where either version is undated, the page says the two share their text and that the
    times do not tell which came first, instead of naming one the copier."""
    relation = version.relation
    kind = RelationKind(relation.kind)
    of = refs.get(relation.of) if relation.of and relation.of != version.post.id else None
    share = round(relation.share * 100) if kind in (RelationKind.COPY, RelationKind.REWRITE) and of else None
    order_unknown = of is not None and bool({version.post.id, of.id} & undated)
    if kind is RelationKind.FIRST:
        sentence = "published first"
    elif kind is RelationKind.INDEPENDENT:
        sentence = "reported independently"
    elif of is None:
        sentence = "copied from another version" if kind is RelationKind.COPY else "rewrote another version"
    else:
        verb = "copied" if kind is RelationKind.COPY else "rewrote"
        sentence = f"{verb} {of.outlet}"  # how much it shares is on the version's own card, beside the evidence
        if order_unknown:
            done = "copied by" if kind is RelationKind.COPY else "rewritten by"
            sentence += f" or was {done} it (undated: the times do not tell which came first)"
    return RelationView(kind=kind.value, label=_LABELS[kind], of=of, share_percent=share, sentence=sentence,
                        evidence=tuple(relation.evidence) if of else (),
                        order_unknown=order_unknown)


def _first(versions: tuple[VersionView, ...]) -> VersionView | None:
    """The version the analysis found first, and only that: input order or a same-day tie proves nothing."""
    return next((v for v in versions if v.relation.kind == "first"), None)


def _timing(views: tuple[VersionView, ...], versions: tuple[Version, ...], tz: ZoneInfo) -> str:
    """What the times say when they do not make one version first (empty when one is, or alone)."""
    if len(views) < 2 or any(v.relation.kind == "first" for v in views):
        return ""
    dated = sorted(d for d in (local_day(v.post.published, tz) for v in versions) if d)
    if not dated:
        return "No version is dated, so none can be called first."
    when = f"{dated[0].day} {dated[0].strftime('%b %Y')}"
    same_day = dated.count(dated[0])
    if same_day > 1:
        return f"{same_day} versions appeared the same day, {when}: the times do not show which came first."
    undated = len(versions) - len(dated)
    return (f"The earliest dated version appeared on {when}, but {undated} "
            f"{'version is' if undated == 1 else 'versions are'} undated, so none can be called first.")


def _unique_outlets(versions: tuple[VersionView, ...]) -> list[VersionView]:
    seen: dict[str, VersionView] = {}
    for version in versions:
        seen.setdefault(version.outlet_name.casefold(), version)
    return list(seen.values())


def _quote_view(quote: Quote, refs: dict[str, VersionRef], total: int) -> QuoteView:
    carriers = tuple(refs[i] for i in quote.post_ids if i in refs)
    return QuoteView(
        text=quote.text.strip(),
        speaker=(quote.speaker or "").strip() or "Unattributed",
        carriers=carriers,
        everyone=total > 1 and len(carriers) == total,
        shared=len(carriers) > 1,
    )


def _split_sentence(sentence: str, value: str) -> SentenceView:
    at = sentence.casefold().find(value.casefold()) if value else -1
    if at < 0:
        return SentenceView(before=sentence, value="", after="")
    return SentenceView(before=sentence[:at], value=sentence[at : at + len(value)], after=sentence[at + len(value) :])


def _disagreement_view(disagreement: Disagreement, refs: dict[str, VersionRef]) -> DisagreementView:
    groups: dict[str, list[ClaimView]] = {}
    labels: dict[str, str] = {}
    for claim in disagreement.claims:
        ref = refs.get(claim.post_id)
        if ref is None:
            continue
        key = " ".join(claim.value.split()).casefold()
        labels.setdefault(key, claim.value.strip())
        groups.setdefault(key, []).append(ClaimView(version=ref, sentence=_split_sentence(claim.sentence, claim.value)))
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))
    sizes = [len(claims) for _, claims in ordered]
    views = tuple(
        ClaimGroupView(
            value=labels[key],
            claims=tuple(claims),
            outlets=tuple(dict.fromkeys(c.version.outlet for c in claims)),
            majority=index == 0 and len(sizes) > 1 and sizes[0] > sizes[1],
        )
        for index, (key, claims) in enumerate(ordered)
    )
    parts = []
    for group in views:
        who = f"{len(group.claims)} versions say" if len(group.claims) > 1 else f"{group.outlets[0]} says"
        parts.append(f"{who} “{group.value}”")
    return DisagreementView(subject=disagreement.subject.strip(), groups=views, summary="; ".join(parts))


def _timeline(versions: tuple[VersionView, ...], ordered: tuple[Version, ...], tz: ZoneInfo) -> tuple[TimelineEvent, ...]:
    events: list[tuple[tuple[int, float], TimelineEvent]] = []
    for view, version in zip(versions, ordered):
        post = version.post
        events.append(
            (chronological_key(post.published, tz), TimelineEvent(view.published, view.ref, view.title, "published", view.relation))
        )
        if view.updated is not None:
            events.append(
                (chronological_key(post.updated, tz), TimelineEvent(view.updated, view.ref, view.title, "updated", view.relation))
            )
    return tuple(event for _, event in sorted(events, key=lambda item: item[0]))


def teaser(text: str, limit: int = 240) -> str:
    """Whole sentences of `text` up to `limit` characters; a cut word ends in an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?…])\s+", text)
    kept = ""
    for sentence in sentences:
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _join_names(names: tuple[str, ...]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


__all__ = [
    "NO_MOMENT",
    "ClaimGroupView",
    "ClaimView",
    "Directory",
    "DisagreementView",
    "Moment",
    "PostView",
    "QuoteView",
    "Ref",
    "RelationView",
    "SentenceView",
    "StoryView",
    "TimelineEvent",
    "VersionRef",
    "VersionView",
    "post_view",
    "story_view",
]
