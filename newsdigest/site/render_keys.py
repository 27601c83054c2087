"""What a rendered file is made of, as one digest: the key under which its bytes may be reused.

A page's bytes are a function of its template (and every template, filter and
global the environment holds), the site's settings, the static files (pages
name them by content hash), the site stage's code, and the page's own `meta`
and `context`. `site_key` digests everything site-wide; `value_key` digests a
page's values, walking dataclasses, tuples and mappings (every field, those
left out of `repr` too). Each object's digest is computed once per build and
shared by every page showing it: a story appears on its page, its posts'
pages, lists, editions, tags and feeds. A value of a kind the walk does not
know has no key, and a page holding one is always rendered: a missing key
costs time, a wrong one would publish a stale page.

The views of stories and posts are most of what pages hold, and walking them
all was most of the cost of a build after a small change. So they are keyed
by what they are made from instead (`seed_views`): a story view is a function
of its `Story` (every field of every model type: `story_key`), of the
outlet and topic pages the site's directory gave its versions, and of the
settings and code already in the site key; a post's view, of its story's view
and which version it is.
"""

from __future__ import annotations

import dataclasses
import enum
import os
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from markupsafe import Markup

from newsdigest.cache_store import code_digest, digest
from newsdigest.config import Config
from newsdigest.model import Story, Version
from newsdigest.site.catalog import Catalog
from newsdigest.site.code_cache import READS
from newsdigest.site.theme import theme_dirs


class Unkeyable(TypeError):
    """A value the walk cannot digest faithfully."""


def site_key(config: Config) -> str:
    """The digest of everything every page shares: code, settings, templates and static files."""
    files = []
    for kind in ("templates", "static"):
        for folder in theme_dirs(config, kind):
            for root, _dirs, names in os.walk(folder):
                for name in sorted(names):
                    path = Path(root, name)
                    files += [f"{kind}/{path.relative_to(folder).as_posix()}", path.read_bytes()]
    # Where the output and cache go is no part of a page; the site's own folders are, each named one way however
    # the command line spells it ("site.toml", "./site.toml", its full path or one through a link name one file:
    # one set of keys), as `theme_dir` is already.
    settings = repr(dataclasses.replace(
        config, output_dir=Path("."), cache_dir=Path("."), config_path=config.config_path.resolve(),
        content_dir=config.content_dir.resolve(), theme_dir=config.theme_dir.resolve(),
        theme=config.theme.resolve() if config.theme is not None else None))
    return digest("site", code_digest(*READS), settings, *files)


class Keys:
    """Digests of page values for one build, each object's computed once."""

    def __init__(self, site: str) -> None:
        self.site = site
        self._memo: dict[int, tuple[object, str]] = {}

    def page(self, *parts: Any) -> str | None:
        """The key of a file, or a piece of one, made from `parts` (template name, meta, context, a story's feed
        entry…); None when not keyable."""
        try:
            return digest(self.site, *(self._of(part) for part in parts))
        except Unkeyable:
            return None

    def seeded(self, value: object) -> str | None:
        """The key `value` was seeded with (or walked to) in this build, if any."""
        memo = self._memo.get(id(value))
        return memo[1] if memo is not None and memo[0] is value else None

    def seed(self, value: object, key: str) -> None:
        """Key `value` by what it was made from (`key`), so the walk never enters it."""
        self._memo[id(value)] = (value, key)  # held, like every memo entry

    def _of(self, value: Any) -> str:
        kind = type(value)
        if kind is str:
            return "str:" + value  # parts are length-prefixed, so a string needs no quoting
        if value is None or kind in (int, float, bool):
            return f"{kind.__name__}:{value!r}"
        if kind is Markup:
            return f"markup:{value!s}"
        if isinstance(value, (datetime, date, time, timedelta, tzinfo, Path, enum.Enum)):
            return f"{kind.__name__}:{value!r}"
        memo = self._memo.get(id(value))
        if memo is not None and memo[0] is value:
            return memo[1]
        of = self._of
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = _FIELDS.get(kind)
            if names is None:
                names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
            parts = [kind.__qualname__, *(of(getattr(value, name)) for name in names)]
        elif isinstance(value, (tuple, list)):
            parts = [kind.__name__, *(of(item) for item in value)]
        elif isinstance(value, Mapping):
            parts = ["mapping", *(of(part) for item in value.items() for part in item)]
        elif isinstance(value, (set, frozenset)):
            parts = ["set", *sorted(of(item) for item in value)]
        else:
            raise Unkeyable(kind.__qualname__)
        key = digest(*parts)
        self._memo[id(value)] = (value, key)  # the value is held, so its id is not reused meanwhile
        return key


def seed_views(keys: Keys, catalog: Catalog) -> None:
    """Key each story's and post's view by what it is made from (see the module docstring)."""
    of_story: dict[int, str] = {}
    for story, view in zip(catalog.raw, catalog.stories, strict=True):  # one view per story, in order
        pages = tuple((version.outlet, version.tags) for version in view.versions)
        of_story[id(view)] = digest("StoryView", story_key(story), repr(pages))
        keys.seed(view, of_story[id(view)])
        for version in view.versions:  # a post's page and the feeds hold its version's view on its own
            keys.seed(version, digest("VersionView", of_story[id(view)], version.id))
    for post in catalog.posts:
        keys.seed(post, digest("PostView", of_story[id(post.story)], post.version.id))


def story_key(story: Story) -> str:
    """The digest of a whole `Story`, as its `repr` would give it, but each post by its `Post.digest` (and where its
    file lies): spelling out the text of every post of the site at every build was most of the cost of keying
    the views."""
    versions = (repr([v.post.digest, v.post.path, *(getattr(v, name) for name in _VERSION_FIELDS)])
                for v in story.versions)
    return digest("Story", *(repr(getattr(story, name)) for name in _STORY_FIELDS), *versions)


_STORY_FIELDS = tuple(f.name for f in dataclasses.fields(Story) if f.name != "versions")
"""Every field of a story but its versions, which `story_key` spells out one by one."""
_VERSION_FIELDS = tuple(f.name for f in dataclasses.fields(Version) if f.name != "post")
"""Every field of a version but its post, which `story_key` gives by its digest."""

_FIELDS: dict[type, tuple[str, ...]] = {}
"""Each dataclass's field names (asking `dataclasses.fields` for every value costs more than the walk)."""
