"""`newsdigest init DIR`: a new site folder, ready to build, that explains itself.

A site is `site.toml` (every setting written out, with its default and what it
means) and `content/` with its three folders, each with a short README. Nothing
else: the theme comes from the package until the editor overrides a file, and
the content is the editor's to add. Existing files are never overwritten.
"""

from __future__ import annotations

from pathlib import Path

from newsdigest.errors import ConfigError

SITE_TOML = """\
# The site's settings. Every key is listed with its default; the first five are required.
# Folders are command-line options: --content (content/), --output (output/), --cache (.cache/).
[site]
# The site's name: page titles, the masthead, feed titles.
title = "{title}"

# One sentence about the site: the front page, the meta description, the feeds.
description = "Every outlet's version of the day's stories, side by side."

# Where the site will be published. Canonical links, feeds and the sitemap use it whole;
# its path (https://example.org/digest/ -> /digest/) prefixes every link and asset, so
# the site can live under a sub-path, such as a GitHub Pages project site.
base_url = "https://example.org/"

# The language of the site (an IETF tag such as en, fr or pt-BR): <html lang>, the feeds.
language = "en"

# The time zone in which times are shown and days (editions) begin, as an IANA name.
timezone = "UTC"

# Stories per page on lists (all stories, editions, outlets, topics).
page_size = 20

# Who publishes the digest, named in the feeds (default: the title).
author = ""

# Another theme: a folder, relative to this file, with its own templates/ and static/.
# Lookup goes this site's templates/ and static/ first, then that folder, then the default theme.
# theme = "themes/mytheme"
"""

FOLDER_NOTES = {
    "sources": """\
# content/sources/

Put the articles here, in whatever shape they came, one file each (sub-folders are fine):

- Markdown with front matter (Jekyll, Hugo);
- a saved HTML page;
- the text a browser gives on "select all, copy".

The build turns each into a post in `content/posts/`. Files here are never modified.
This README is not a source.
""",
    "posts": """\
# content/posts/

Normalised posts, one per source: YAML front matter, then the article in Markdown.
The build writes them; edit any of them freely — an edited post is yours, and the build
never rewrites it (delete it to have it written afresh). This README is not a post.
""",
    "stories": """\
# content/stories/

Take a story in hand with `<slug>.md` (front matter, then Markdown): `title` pins the
headline, `summary` (or the body) replaces the generated summary, `posts: [ids]` and
`exclude: [ids]` put posts in or keep them out, `featured: true` puts the story first,
`hidden: true` keeps it out of lists, feeds and search.

`registry.json` is written by the build so story addresses stay stable: commit it with
the content. This README is not a story.
""",
}


def init_site(folder: Path) -> list[Path]:
    """Make a new site in `folder` (created if missing); return the files written.

    Raise `ConfigError` when `folder` already holds a `site.toml`: a site is
    never overwritten. A README the editor already has is left as it is.
    """
    config = folder / "site.toml"
    if config.exists():
        raise ConfigError("a site already lives here (site.toml exists): nothing was changed", config)
    if folder.exists() and not folder.is_dir():
        raise ConfigError("not a folder", folder)
    written: list[Path] = []
    try:
        for name, note in FOLDER_NOTES.items():
            sub = folder / "content" / name
            sub.mkdir(parents=True, exist_ok=True)
            readme = sub / "README.md"
            if not readme.exists():
                readme.write_text(note, encoding="utf-8")
                written.append(readme)
        config.write_text(SITE_TOML.format(title=_title(folder)), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot make the site: {exc.strerror}", exc.filename or folder) from None
    return [config, *written]


def _title(folder: Path) -> str:
    """A first title from the folder's name ("my-digest" → "My Digest"); the editor changes it."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    title = " ".join(word[:1].upper() + word[1:] for word in words) or "News Digest"
    return title.replace("\\", "").replace('"', "")
