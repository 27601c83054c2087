"""One source file to one post: decode, tell the shape, read, normalise.

`process_source` is what a worker process runs, so it takes and returns only
plain, picklable values and never raises: any failure becomes the reason the
source was skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo
from zoneinfo import ZoneInfo

from newsdigest.errors import NewsdigestError, SourceError
from newsdigest.ingest.article import Article, headline_or_lead
from newsdigest.ingest.decode import decode
from newsdigest.ingest.detect import Shape, detect
from newsdigest.ingest.outlets import OutletBook
from newsdigest.model import Post
from newsdigest.postfile import render_post


@dataclass(frozen=True)
class Outcome:
    text: str | None
    """The rendered post file, or `None` when the source was skipped."""
    reason: str | None = None
    """Why the source was skipped."""


def process_source(data: bytes, source: str, post_id: str, tz_name: str, outlets: OutletBook) -> Outcome:
    """The post file for one source's bytes, or the reason there is none."""
    try:
        article = read_source(data, timezone=ZoneInfo(tz_name))
        post = to_post(article, post_id=post_id, source=source, outlets=outlets)
        return Outcome(render_post(post))
    except NewsdigestError as exc:
        return Outcome(None, exc.reason)
    except RecursionError:
        return Outcome(None, "the page is nested too deeply to read")
    except Exception as exc:  # an extractor bug must not stop the other sources
        return Outcome(None, f"could not be read ({type(exc).__name__}: {exc})")


def read_source(data: bytes, *, timezone: tzinfo | None = None) -> Article:
    """The article in a source file, whatever its shape."""
    text = decode(data, html=looks_like_markup(data))
    shape = detect(text)
    if shape is Shape.MARKDOWN:
        from newsdigest.ingest.markdown_source import read_markdown

        article = read_markdown(text, timezone=timezone)
    elif shape is Shape.HTML:
        from newsdigest.ingest.html_source import read_html

        article = read_html(text, timezone=timezone)
    else:
        from newsdigest.ingest.text_source import read_text

        article = read_text(text, timezone=timezone)
    if not article.body.strip() and not (shape is Shape.MARKDOWN and article.title):
        # A front-matter post with only a headline is still the editor's post; anything else is no article.
        raise SourceError("no article text found")
    return article


def to_post(article: Article, *, post_id: str, source: str, outlets: OutletBook) -> Post:
    """The normalised post: the article plus its id, source path and the editor's outlet name."""
    title, derived = headline_or_lead(article.title, article.body)
    if not title:
        raise SourceError("no headline, and no lead to make one from")
    extra = dict(article.extra)
    story = extra.pop("story", None)
    if article.section and "section" not in extra:
        extra["section"] = article.section
    return Post(
        id=post_id,
        title=title,
        body=article.body.strip(),
        source=source,
        outlet=outlets.resolve(article.outlet, article.url),
        authors=article.authors,
        published=article.published,
        updated=article.updated if article.updated and article.updated != article.published else None,
        url=article.url,
        excerpt=article.excerpt,
        tags=article.tags,
        image=article.image,
        lang=article.lang,
        story=story if isinstance(story, str) else None,
        title_derived=derived or article.title_derived,
        extra=extra,
    )


def looks_like_markup(data: bytes) -> bool:
    """Whether a source's first bytes hold an HTML document's tags: its encoding may then be declared in them."""
    head = data[:16384].lower()
    return bool(re.search(rb"<(?:!doctype|html|head|meta)\b", head))
