"""The theme: Jinja templates and static files, with the site's own overriding the default.

Lookup goes site first, then the default theme (this repository's `templates/`
and `static/`, which the demo uses as is), so a site can replace one template
or one stylesheet and inherit the rest. Autoescaping is always on and
undefined names fail loudly (`StrictUndefined`): a typo in a template breaks
the build instead of silently printing nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from newsdigest.config import Config
from newsdigest.site.chars import finalize, printable

DEFAULT_THEME = Path(__file__).resolve().parents[2]
"""The default theme: the project's own `templates/` and `static/`."""


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
    """Site folder first, default theme second; each only once and only if it exists."""
    dirs: list[Path] = []
    for folder in (config.theme_dir / kind, DEFAULT_THEME / kind):
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

    def copy(self, config: Config) -> None:
        target = self._output / "static"
        for folder in reversed(theme_dirs(config, "static")):  # default first, the site's own on top
            shutil.copytree(folder, target, dirs_exist_ok=True)

    def url(self, path: str) -> str:
        if path not in self._versions:
            file = self._output / path.lstrip("/")
            digest = hashlib.sha256(file.read_bytes()).hexdigest()[:10] if file.is_file() else ""
            self._versions[path] = f"{path}?v={digest}" if digest else path
        return self._versions[path]


def environment(config: Config, assets: Assets) -> Environment:
    folders = theme_dirs(config, "templates")
    if not any((folder / "base.html").is_file() for folder in folders):
        raise FileNotFoundError(
            f"no theme found: neither {config.templates_dir} nor the default theme at {DEFAULT_THEME / 'templates'} "
            "has base.html (install newsdigest from its source tree, or give the site a templates/ folder)"
        )
    env = Environment(
        loader=FileSystemLoader([str(d) for d in folders]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    env.globals.update(
        site=site_view(config),
        absolute=config.absolute_url,
        json_ld=json_ld,
        asset=assets.url,
    )
    return env
