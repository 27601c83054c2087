"""The theme: Jinja templates and static files, with the site's own overriding the default.

Lookup goes site first, then the `theme` folder of `site.toml` if any, then
the default theme (`newsdigest/theme/`, shipped as package data, which the
demo uses as is), so a site can replace one template or one stylesheet and
inherit the rest.

Views and pages speak in site paths (`/stories/x/`, where a file sits in
`output/`); templates turn each into the path a reader follows with the
`site_url` filter, and `asset()` does the same, so a site deployed under a
sub-path (`base_url = "https://example.org/digest/"`) needs no template edits. Autoescaping is always on and
undefined names fail loudly (`StrictUndefined`): a typo in a template breaks
the build instead of silently printing nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from newsdigest.cache_store import digest
from newsdigest.config import Config
from newsdigest.errors import ConfigError
from newsdigest.site.chars import finalize, printable
from newsdigest.site.code_cache import code_store

if TYPE_CHECKING:
    from newsdigest.site.writer import Writer

DEFAULT_THEME = Path(__file__).resolve().parents[1] / "theme"
"""The default theme, shipped inside the package: its `templates/` and `static/`."""


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class FeedLink:
    type: str
    title: str
    url: str
    label: str
    """The format's name for a visible link: "RSS", "Atom", "JSON Feed"."""


@dataclass(frozen=True)
class SiteView:
    """What every page knows about the site."""

    title: str
    description: str
    base_url: str
    language: str
    timezone: str
    author: str
    nav: tuple[NavItem, ...]
    feeds: tuple[FeedLink, ...]
    csp: str


CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",  # Pagefind's own files and its WebAssembly; never inline script
    "style-src 'self'",
    "img-src 'self' https: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
CSP = "; ".join(CSP_DIRECTIVES)


def feed_links(base: str, title: str) -> tuple[FeedLink, ...]:
    """The three feeds that live under `base` ("/" or "/tags/x/")."""
    return (
        FeedLink("application/rss+xml", f"{title} (RSS)", f"{base}feed.xml", "RSS"),
        FeedLink("application/atom+xml", f"{title} (Atom)", f"{base}atom.xml", "Atom"),
        FeedLink("application/feed+json", f"{title} (JSON Feed)", f"{base}feed.json", "JSON Feed"),
    )


def site_view(config: Config) -> SiteView:
    return SiteView(
        title=config.title,
        description=config.description,
        base_url=config.base_url,
        language=config.language,
        timezone=str(config.timezone),
        author=config.author,
        nav=(
            NavItem("home", "Today", "/"),
            NavItem("editions", "Editions", "/editions/"),
            NavItem("outlets", "Outlets", "/outlets/"),
            NavItem("tags", "Topics", "/tags/"),
            NavItem("search", "Search", "/search/"),
            NavItem("about", "About", "/about/"),
        ),
        feeds=feed_links("/", config.title),
        csp=CSP,
    )


def theme_dirs(config: Config, kind: str) -> list[Path]:
    """The site's folder first, the `theme` folder next, the default theme last; each once, if it exists."""
    dirs: list[Path] = []
    for folder in (*(root / kind for root in config.theme_roots), DEFAULT_THEME / kind):
        resolved = folder.resolve()
        if resolved.is_dir() and resolved not in dirs:
            dirs.append(resolved)
    return dirs


def json_ld(data: Any) -> Markup:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so `</script>` cannot end it."""
    text = printable(json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


class Assets:
    """Static files copied into the site, addressed with a content hash so caches never go stale."""

    def __init__(self, output_dir: Path) -> None:
        self._output = output_dir
        self._versions: dict[str, str] = {}
        self._digests: dict[str, str] = {}
        """Site path -> digest of the bytes `copy` gave it (in place, the file is not there until published)."""

    def copy(self, config: Config, writer: Writer) -> None:
        """Every static file into `static/` through `writer` (the site's own over the default's of the same name)."""
        files: dict[str, Path] = {}
        for folder in reversed(theme_dirs(config, "static")):  # default first, the site's own on top
            for root, _dirs, names in os.walk(folder):
                for name in names:
                    path = Path(root, name)
                    files["/static/" + path.relative_to(folder).as_posix()] = path
        for site_path, path in sorted(files.items()):
            data = path.read_bytes()
            writer.write_bytes(site_path, data)
            self._digests[site_path] = hashlib.sha256(data).hexdigest()

    def url(self, path: str) -> str:
        if path not in self._versions:
            digest = self._digests.get("/" + path.lstrip("/"))
            if digest is None:
                file = self._output / path.lstrip("/")
                digest = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else ""
            self._versions[path] = f"{path}?v={digest[:10]}" if digest else path
        return self._versions[path]


_assets: ContextVar[Assets] = ContextVar("newsdigest_assets")
"""The rendering in progress's assets (per thread), read by the shared environment's `asset()`."""


def _asset_url(path: str) -> str:
    return _assets.get().url(path)


_cache_lock = threading.Lock()
_cached: tuple[tuple[object, ...], Environment] | None = None
"""The last environment built, with what it was built from (one slot: a process serves one site)."""


def _template_files(folders: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Every file of the template folders with its modification time and size.

    Any change (an edit, or a file added or removed: a site's override can
    appear in front of the default theme's) gives a new key, hence a freshly
    compiled environment.
    """
    found = []
    for folder in folders:
        for root, _dirs, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:  # removed meanwhile
                    continue
                found.append((path, st.st_mtime_ns, st.st_size))
    return tuple(sorted(found))


class CompiledTemplates(BytecodeCache):
    """Templates compiled by an earlier build, filed under their name, source, the site's settings and the site
    stage's code.

    Compiling the theme took a tenth of a build after a small change. Jinja
    files each template's code under its name and checks its source; the
    folder is the site stage code's (which sets the environment's options), so
    other code never reads this code. The settings are part of the key because
    Jinja folds a filter given constant arguments into the compiled code
    (`'/'|site_url` becomes the site's path): a new `base_url` must compile
    again. An entry of another Jinja or Python is refused by Jinja itself and
    compiled again.
    """

    def __init__(self, cache_dir: Path, settings: str) -> None:
        self.store = code_store(cache_dir, "templates")
        self.settings = settings

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(digest(bucket.key, bucket.checksum, self.settings), lambda value: isinstance(value, bytes))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(digest(bucket.key, bucket.checksum, self.settings), bucket.bytecode_to_string())


def environment(config: Config, assets: Assets) -> Environment:
    """The Jinja environment for `config`, with `asset()` pointing at `assets` for this thread's rendering.

    The environment is shared across renders in one process (the preview server
    renders again on every save, and compiling the theme each time is wasted
    work). The cache key holds every template file's state and the config, so
    any change to either builds a new environment; checking the key costs one
    `stat` per template file. Compiled templates are kept in the cache between
    builds (`CompiledTemplates`).
    """
    global _cached
    folders = theme_dirs(config, "templates")
    if not any((folder / "base.html").is_file() for folder in folders):
        raise ConfigError(
            f"no theme found: neither {config.templates_dir} nor the default theme at {DEFAULT_THEME / 'templates'} "
            "has base.html (reinstall newsdigest, or give the site a templates/ folder)",
            config.config_path,
        )
    _assets.set(assets)
    site = replace(config, output_dir=Path("."))  # renders go to ever new staging folders: not part of the key
    key = (tuple(folders), _template_files(folders), site)
    with _cache_lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
        env = Environment(
            loader=FileSystemLoader([str(d) for d in folders]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=finalize,
            auto_reload=False,  # the key above notices changes, for every file at once
            bytecode_cache=CompiledTemplates(config.cache_dir, repr(site)),
        )
        env.globals.update(
            site=site_view(site),
            absolute=site.absolute_url,
            json_ld=json_ld,
            asset=lambda path: site.site_url(_asset_url(path)),
        )
        env.filters["site_url"] = site.site_url
        _cached = (key, env)
        return env
