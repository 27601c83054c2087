"""`site.toml` and the command-line folders, validated into one frozen `Config`.

Every stage receives the same `Config`, so a path or a setting is decided once,
here, and a mistake in `site.toml` is reported before any work starts.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsdigest.errors import ConfigError

REQUIRED = ("title", "description", "base_url", "language", "timezone")


@dataclass(frozen=True)
class Config:
    title: str
    description: str
    base_url: str
    """Absolute site URL without a trailing slash, e.g. `https://digest.example.org`."""
    language: str
    timezone: ZoneInfo
    content_dir: Path
    output_dir: Path
    cache_dir: Path
    config_path: Path
    theme_dir: Path
    """Where `templates/` and `static/` of the site live (the folder of `site.toml`)."""
    page_size: int = 20
    author: str = ""
    theme: Path | None = None
    """Another theme folder (its own `templates/`, `static/`), from `site.toml`'s `theme` key:
    looked up after the site's own folders and before the default theme."""

    @property
    def sources_dir(self) -> Path:
        return self.content_dir / "sources"

    @property
    def posts_dir(self) -> Path:
        return self.content_dir / "posts"

    @property
    def stories_dir(self) -> Path:
        return self.content_dir / "stories"

    @property
    def outlets_file(self) -> Path:
        return self.content_dir / "outlets.toml"

    @property
    def templates_dir(self) -> Path:
        return self.theme_dir / "templates"

    @property
    def static_dir(self) -> Path:
        return self.theme_dir / "static"

    @property
    def theme_roots(self) -> tuple[Path, ...]:
        """Folders holding `templates/` and `static/` that the editor controls, in lookup order:
        the site's own, then the `theme` folder (the default theme inside the package comes last)."""
        return (self.theme_dir,) if self.theme is None else (self.theme_dir, self.theme)

    @property
    def theme_folders(self) -> tuple[Path, ...]:
        """Every `templates/` and `static/` folder of `theme_roots`: what the preview server watches."""
        return tuple(root / kind for root in self.theme_roots for kind in ("templates", "static"))

    @property
    def base_path(self) -> str:
        """The path of `base_url`, with slashes at both ends: "/" at a domain's root, "/digest/" under a path."""
        path = urlsplit(self.base_url).path.strip("/")
        return f"/{path}/" if path else "/"

    def site_url(self, path: str) -> str:
        """The public path of a site path: `/stories/x/` becomes `/digest/stories/x/` under a sub-path.

        Pages, feeds and files are planned by site path (where they sit in
        `output/`); every link a reader follows goes through here, so a site
        deployed under a path works without any template naming that path.
        """
        return self.base_path + path.lstrip("/")

    def absolute_url(self, path: str) -> str:
        """The public URL of a site path such as `/stories/x/`."""
        return self.base_url + "/" + path.lstrip("/")


def is_folder_note(path: Path) -> bool:
    """`README.md` (any extension) in a content folder tells the editor what the folder is for: never content.

    `init` puts one in each folder; ingest, the post reader and the story
    overrides all skip it, so a new site builds as made.
    """
    return path.name.split(".", 1)[0].upper() == "README"


def load_config(
    config_path: Path | str = "site.toml",
    *,
    content_dir: Path | str = "content",
    output_dir: Path | str = "output",
    cache_dir: Path | str = ".cache",
) -> Config:
    """Read and validate `site.toml`; raise `ConfigError` naming the file and the problem."""
    path = Path(config_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("configuration file not found", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror}", path) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("configuration is not UTF-8 text", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path, _toml_error_line(exc)) from None

    site = data.get("site", data)
    if not isinstance(site, dict):
        raise ConfigError("[site] must be a table", path)
    missing = [key for key in REQUIRED if not site.get(key)]
    if missing:
        raise ConfigError(f"missing required setting(s): {', '.join(missing)}", path)
    for key in REQUIRED:
        if not isinstance(site[key], str):
            raise ConfigError(f"'{key}' must be a string, not {type(site[key]).__name__}", path)

    base_url = site["base_url"].rstrip("/")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"'base_url' must be an absolute http(s) URL such as https://digest.example.org, not {site['base_url']!r}",
            path,
        )
    try:
        timezone = ZoneInfo(site["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"'timezone' {site['timezone']!r} is not a known time zone (use a name such as Europe/London)", path
        ) from None
    page_size = site.get("page_size", 20)
    if not isinstance(page_size, int) or isinstance(page_size, bool) or page_size < 1:
        raise ConfigError("'page_size' must be a positive whole number", path)
    author = site.get("author", "")
    if not isinstance(author, str):
        raise ConfigError("'author' must be a string", path)
    theme = _theme_folder(site.get("theme", ""), path)

    return Config(
        title=site["title"],
        description=site["description"],
        base_url=base_url,
        language=site["language"],
        timezone=timezone,
        content_dir=Path(content_dir),
        output_dir=Path(output_dir),
        cache_dir=Path(cache_dir),
        config_path=path,
        theme_dir=path.resolve().parent,
        page_size=page_size,
        author=author,
        theme=theme,
    )


def _theme_folder(value: object, path: Path) -> Path | None:
    """`theme = "themes/paper"`: a folder relative to `site.toml`, holding `templates/` and/or `static/`."""
    if value == "":
        return None
    if not isinstance(value, str):
        raise ConfigError("'theme' must be a string: a folder relative to site.toml", path)
    folder = (path.resolve().parent / value).resolve()
    if not folder.is_dir():
        raise ConfigError(f"'theme' folder {value!r} not found (looked for {folder})", path)
    if not (folder / "templates").is_dir() and not (folder / "static").is_dir():
        raise ConfigError(f"'theme' folder {value!r} has neither templates/ nor static/", path)
    return folder


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    # tomllib puts "(at line N, column M)" in its message; lift the line out for the editor.
    import re

    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None
