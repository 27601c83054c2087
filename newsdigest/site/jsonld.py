"""schema.org data for search engines: a `NewsArticle` per story and per post.

Only data is built here; `theme.json_ld` serialises it safely for the page.
A story is described as an article of the digest, based on (`isBasedOn`) the
outlets' originals; a post is described as the outlet's own article.
"""

from __future__ import annotations

from typing import Any

from newsdigest.config import Config
from newsdigest.site.context import PostView, StoryView


def _publisher(config: Config) -> dict[str, Any]:
    return {"@type": "Organization", "name": config.title, "url": config.absolute_url("/")}


def website(config: Config) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config.title,
        "description": config.description,
        "url": config.absolute_url("/"),
        "inLanguage": config.language,
    }


def story_article(story: StoryView, config: Config) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title[:110],
        "description": story.summary,
        "url": config.absolute_url(story.url),
        "mainEntityOfPage": config.absolute_url(story.url),
        "identifier": story.id,
        "inLanguage": config.language,
        "publisher": _publisher(config),
        "author": _publisher(config),
        "isBasedOn": [v.original_url or config.absolute_url(v.post_url) for v in story.versions],
    }
    if story.published.known:
        data["datePublished"] = story.published.iso
    if story.updated.known:
        data["dateModified"] = story.updated.iso
    if story.tags:
        data["keywords"] = [t.name for t in story.tags]
    return data


def post_article(post: PostView, config: Config) -> dict[str, Any]:
    version = post.version
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": version.title[:110],
        "url": config.absolute_url(version.post_url),
        "mainEntityOfPage": config.absolute_url(version.post_url),
        "identifier": version.id,
        "isPartOf": {"@type": "CreativeWork", "name": post.story.title, "url": config.absolute_url(post.story.url)},
    }
    if version.excerpt:
        data["description"] = version.excerpt
    if version.original_url:
        data["sameAs"] = version.original_url
    if version.outlet_name:
        data["publisher"] = {"@type": "Organization", "name": version.outlet_name}
    if version.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in version.authors]
    if version.published.known:
        data["datePublished"] = version.published.iso
    if version.updated is not None and version.updated.known:
        data["dateModified"] = version.updated.iso
    if post.image:
        data["image"] = post.image
    if version.lang:
        data["inLanguage"] = version.lang
    return data
