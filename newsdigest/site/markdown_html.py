"""Markdown from outlets and editors becomes HTML that is safe to put on a page.

Two steps, always together: python-markdown turns the text into HTML (tables,
footnotes, definition lists via `extra`: `markdown_convert`, imported only
when a text is not among the last build's conversions), then nh3 keeps only a
small set of harmless tags and attributes. Links keep only http(s) targets; a relative link
in an outlet's article points at the outlet's site, so it is resolved against
the original URL, or dropped when that is unknown, rather than left to break
on ours. Headings are pushed down one level so a body never competes with the
page's own `<h1>`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urljoin, urlsplit

import nh3
from markupsafe import Markup

from newsdigest.workers import fork_map, fork_workers

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark",
    "sub", "sup", "small", "abbr", "q", "cite", "a", "table", "thead", "tbody", "tfoot",
    "tr", "th", "td", "caption", "figure", "figcaption", "div", "span",
})
"""No `img`: outlet images are hot-linked, often relative, and rarely have alt text."""

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "li": {"id"},
    "sup": {"id"},
}
URL_SCHEMES = frozenset({"http", "https"})
_FOOTNOTE_ID = re.compile(r"^fn(ref)?(-\d+)?:[\w-]+$")


def render_markdown(text: str, *, base_url: str | None = None, site_links: bool = False,
                    site_root: str = "/") -> Markup:
    """Markdown → sanitised HTML, ready to place in a template without escaping.

    `base_url` resolves an outlet's relative links against its article;
    `site_links` keeps links to this site's own paths (`/feed.xml`), for text
    the editor wrote (the about page, story notes), placed under `site_root`
    (the path of `base_url`, "/digest/" on a site deployed under a sub-path).
    """
    memo, key = _memo, (text, base_url, site_links, site_root)
    if memo is not None and key in memo:
        return memo[key]
    from newsdigest.site.markdown_convert import markdown_to_html  # costly to import: only for a text not seen

    result = sanitize_html(markdown_to_html(text), base_url=base_url, site_links=site_links, site_root=site_root)
    if memo is not None:
        memo[key] = result
    return result


_memo: dict[tuple[str, str | None, bool, str], Markup] | None = None
"""Conversions to reuse, while a build holds them (see `remembering`)."""


@contextmanager
def remembering(memo: dict[tuple[str, str | None, bool, str], Markup]) -> Iterator[None]:
    """Within this block, `render_markdown` answers from `memo` and adds to it: a build passes in
    the conversions of the last one (a site converts thousands of unchanged bodies again)."""
    global _memo
    _memo = memo
    try:
        yield
    finally:
        _memo = None


PARALLEL_FROM = 200
"""Fewer bodies than this to convert are left to the pages: forking workers costs more than it saves."""


def convert_ahead(bodies: Iterable[tuple[str, str | None]]) -> None:
    """Convert many outlet bodies (text, base URL) on every core into the memo `remembering` holds.

    A cold build converts thousands of bodies, one by one as the catalog is
    built; converting them first in forked workers (the same function, so the
    same bytes) spreads that over the cores. Without a memo, or with few bodies
    to convert, or from a threaded process (where forking is unsafe), nothing
    is done here and the bodies are converted as before.
    """
    memo = _memo
    if memo is None:
        return
    todo = list(dict.fromkeys(key for text, base_url in bodies if (key := (text, base_url, False, "/")) not in memo))
    workers = fork_workers(len(todo), from_jobs=PARALLEL_FROM)
    if not workers:
        return
    from newsdigest.site import markdown_convert  # noqa: F401 - imported once here, not in every worker

    converted = fork_map(_convert, todo, workers=workers, what="Markdown conversion",
                         chunksize=max(1, len(todo) // (workers * 8)))
    memo.update(zip(todo, converted))


def _convert(key: tuple[str, str | None, bool, str]) -> Markup:
    return render_markdown(key[0], base_url=key[1], site_links=key[2], site_root=key[3])


_UNLINKED = re.compile(r'<a((?: title="[^"]*")?) rel="[^"]*">(.*?)</a>', re.DOTALL)


def sanitize_html(html: str, *, base_url: str | None = None, site_links: bool = False,
                  site_root: str = "/") -> Markup:
    """Keep only harmless markup; make every link absolute http(s) or drop it."""

    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "href":
            if site_links and re.match(r"^/(?![/\\])[^\s<>\"'`]*$", value.strip()):
                return site_root + value.strip()[1:]
            return safe_link(value, base_url=base_url, allow_fragment=True)
        if attribute == "id":
            return value if _FOOTNOTE_ID.match(value) else None
        return value

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # A link whose target was dropped keeps its text but stops being a link (an `<a rel>` with no
    # `href` is invalid HTML). nh3's output is normalised, so its shape is known exactly.
    cleaned = _UNLINKED.sub(lambda m: f"<span{m.group(1)}>{m.group(2)}</span>", cleaned)
    return Markup(cleaned)


def safe_link(value: str | None, *, base_url: str | None = None, allow_fragment: bool = False) -> str | None:
    """An absolute http(s) URL for `value`, or None when it cannot be made one.

    Used both for links inside bodies and for an outlet's original URL, which is
    shown as a link on every story and post page.
    """
    if not value:
        return None
    value = value.strip()
    if allow_fragment and value.startswith("#"):
        return value if _FOOTNOTE_ID.match(value[1:]) else None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) is None:
        if not base_url or safe_link(base_url) is None:
            return None
        value = urljoin(base_url, value)
    parts = urlsplit(value)
    if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
        return None
    if any(ch in value for ch in "\x00\r\n\t<>\"'` "):
        return None
    return value
