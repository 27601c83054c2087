"""Outlets as the editor names them.

The same outlet shows up as "globzette.com", "Globzette" and "Global Gazette"
depending on where ingest finds it (URL, masthead, copyright line). An editor
lists each outlet once in `content/outlets.toml`:

    [[outlet]]
    name = "Global Gazette"
    domains = ["globzette.com"]
    aliases = ["Globzette"]

and ingest maps whatever it finds onto that name, so one outlet is one outlet
across the site. Without an entry, the name the source states is kept as is.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsdigest.errors import ContentError



@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutletBook:
    """The editor's outlets, looked up by domain or by any of their names."""

    outlets: tuple[Outlet, ...] = ()

    def resolve(self, stated: str | None, url: str | None = None) -> str | None:
        """The editor's name for the outlet a source states or comes from; else what it states."""
        host = domain_of(url) if url else None
        if host:
            for outlet in self.outlets:
                if any(host == d or host.endswith("." + d) for d in outlet.domains):
                    return outlet.name
        if stated:
            key = _fold(stated)
            for outlet in self.outlets:
                names = (outlet.name, *outlet.aliases, *outlet.domains)
                if any(_fold(name) == key for name in names):
                    return outlet.name
            return stated
        return host


def load_outlets(path: Path) -> OutletBook:
    """Read `outlets.toml`; a missing file is an empty book, a broken one a `ContentError`."""
    if not path.is_file():
        return OutletBook()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ContentError("outlets file is not UTF-8 text", path) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise ContentError(f"not valid TOML: {exc}", path, int(match.group(1)) if match else None) from None
    entries = data.get("outlet", [])
    if not isinstance(entries, list):
        raise ContentError("outlets must be written as [[outlet]] tables", path)
    outlets: list[Outlet] = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ContentError(f"outlet #{number} needs a 'name' (text)", path)
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("domains", "aliases"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ContentError(f"outlet {entry['name']!r}: '{key}' must be a list of text", path)
            lists[key] = tuple(v.strip() for v in value if v.strip())
        domains = tuple(d.lower().removeprefix("www.") for d in lists["domains"])
        outlets.append(Outlet(entry["name"].strip(), domains, lists["aliases"]))
    return OutletBook(tuple(outlets))


def domain_of(url: str) -> str | None:
    """`www.example.co.uk` for any URL on that host, without `www.`; `None` for no URL."""
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.lower().removeprefix("www.")


def clean_site_name(name: str | None) -> str | None:
    """A site name without the page furniture ("Home | Example News" → "Example News")."""
    if not name:
        return None
    name = " ".join(str(name).split())
    parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+|\s*[|»]\s*", name) if p.strip()]
    parts = [p for p in parts if p.lower() not in ("home", "homepage", "news", "latest news", "startseite")]
    if not parts:
        return None
    best = parts[0] if len(parts) == 1 else min(parts, key=len)
    return best if len(best) <= 80 else None


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower().removeprefix("www."))
