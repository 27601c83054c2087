"""Hand-built stories for the site's tests, so they never wait on ingest or grouping.

`demo_story()` mirrors the shipped demo (five outlets, one copy, one rewrite,
the "26 dozen countries" disagreement); `hostile_story()` carries every trick
outlet text could play on a page; `many_stories()` makes a larger site for
pagination and link checks.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest

from newsdigest.config import Config
from newsdigest.model import Claim, Disagreement, Post, Quote, Relation, RelationKind, Story, Version

ROOT = Path(__file__).resolve().parent.parent


def make_config(tmp: Path, *, theme_dir: Path = ROOT, content_dir: Path | None = None, page_size: int = 20,
                output: str = "output") -> Config:
    content = content_dir or (tmp / "content")
    content.mkdir(parents=True, exist_ok=True)
    return Config(
        title="The Test Digest",
        description="Every outlet's version, side by side.",
        base_url="https://digest.example.org",
        language="en",
        timezone=ZoneInfo("Europe/London"),
        content_dir=content,
        output_dir=tmp / output,
        cache_dir=tmp / "cache",
        config_path=theme_dir / "site.toml",
        theme_dir=theme_dir,
        page_size=page_size,
    )


def _post(pid: str, outlet: str | None, title: str, when: datetime | None, body: str, **extra) -> Post:
    return Post(id=pid, title=title, body=body, source=f"sources/{pid}.txt", outlet=outlet, published=when, **extra)


def demo_story() -> Story:
    t0 = datetime(2025, 9, 5, 5, 12, tzinfo=UTC)
    peskov = "Can Ukraine's security guarantees be ensured and provided by foreign, especially European and American, military contingents? Definitely not, they cannot."
    posts = [
        _post("p-herald", "The Morning Herald", "Moscow rejects Western security guarantees for Ukraine", t0,
              "The Kremlin has rejected any foreign troops in Ukraine.\n\n26 dozen countries pledged troops.\n\n## Reaction\n\n- one\n- two",
              authors=("Ann Writer",), url="https://herald.example.com/news/moscow", tags=("Ukraine", "Europe"),
              excerpt="The Kremlin's refusal comes after 26 dozen countries pledged troops."),
        _post("p-courier", "Daily Courier", "Kremlin dismisses foreign troops plan", t0 + timedelta(hours=2),
              "The Kremlin dismissed proposals. 26 Western allies had committed troops.",
              authors=("Bo Reporter", "Cy Editor"), url="https://courier.example.net/kremlin", tags=("Ukraine",)),
        _post("p-gazette", "Global Gazette", "Moscow Rejects Ukraine Security Guarantees Plan", t0 + timedelta(days=1),
              "Russia has rejected plans.\n\n| a | b |\n|---|---|\n| 1 | 2 |", url="https://gazette.example.org/a",
              updated=datetime(2026, 1, 29, 9, 50, tzinfo=UTC)),
        _post("p-wire", "Wire Service", "Moscow Opposes Western Forces", t0 + timedelta(hours=5),
              "Moscow opposes. 26 allies pledged.", url="https://wire.example.com/x", title_derived=True),
        _post("p-undated", None, "An undated copy", None, "No date here. 26 allies."),
    ]
    versions = (
        Version(posts[0], Relation(RelationKind.FIRST)),
        Version(posts[1], Relation(RelationKind.REWRITE, "p-herald", 0.62), ("A second Kremlin statement.",)),
        Version(posts[2], Relation(RelationKind.INDEPENDENT), ("Background on the Korean armistice.",)),
        Version(posts[3], Relation(RelationKind.COPY, "p-herald", 0.91)),
        Version(posts[4], Relation(RelationKind.COPY, "p-wire", 0.88)),
    )
    return Story(
        id="s-ukraine-guarantees", slug="moscow-rejects-security-guarantees",
        title="Moscow rejects Western security guarantees for Ukraine",
        summary="The Kremlin rejected any foreign troops in Ukraine after Western allies pledged forces for a ceasefire.",
        versions=versions, published=t0, updated=datetime(2026, 1, 29, 9, 50, tzinfo=UTC),
        quotes=(Quote(peskov, "Dmitry Peskov", ("p-herald", "p-courier", "p-wire")),),
        disagreements=(Disagreement("How many countries pledged troops", (
            Claim("p-herald", "26 dozen countries", "It follows a pledge after 26 dozen countries pledged to deploy troops."),
            Claim("p-courier", "26", "26 Western allies had formally committed to deploying troops."),
            Claim("p-wire", "26", "26 allies pledged troops by land, sea or air."),
        )),),
        aliases=("old-ukraine-slug",),
    )


def second_story() -> Story:
    t = datetime(2025, 9, 4, 14, 0, tzinfo=UTC)
    post = _post("p-rail", "Daily Courier", "Rail strike called off", t, "The strike was called off.",
                 url="https://courier.example.net/rail", tags=("Transport",))
    return Story(id="s-rail", slug="rail-strike-called-off", title="Rail strike called off",
                 summary="Unions called off the strike.", versions=(Version(post, Relation(RelationKind.FIRST)),),
                 published=t, updated=t, featured=False)


XSS = '<script>alert("t")</script><img src=x onerror=alert("i")>'


def hostile_story() -> Story:
    t = datetime(2025, 9, 3, 9, 0, tzinfo=UTC)
    title = f'Evil {XSS} </script><script>alert("ld")</script> ]]> \x00\x0b\x1b end'
    body = (
        f"Hello {XSS}\n\n[click](javascript:alert('js')) [rel](/relative/path) "
        '<a href="JaVaScRiPt:alert(1)">x</a> <iframe src="javascript:alert(2)"></iframe>\n\n'
        '<svg onload=alert("svg")></svg><p onclick="alert(3)" style="color:red">para</p>\n\n'
        '<form action="https://evil.example"><input name=a></form><object data="x"></object>'
    )
    post = _post("p-evil", 'Evil Outlet <b onmouseover=alert("o")>', title, t, body,
                 url="javascript:alert('url')", tags=(f'tag{XSS}',), authors=(f'Mallory {XSS}',),
                 excerpt=f"excerpt {XSS}", image="javascript:alert('img')")
    post2 = _post("p-evil2", "Second Evil", f"Second {XSS}", t + timedelta(hours=1), "plain",
                  url='https://ok.example/"><script>alert(9)</script>')
    return Story(
        id="s-evil", slug="evil-story", title=title, summary=f"Summary {XSS} </script>",
        versions=(Version(post, Relation(RelationKind.FIRST)),
                  Version(post2, Relation(RelationKind.COPY, "p-evil", 0.5), (f"adds {XSS}",))),
        published=t, updated=t + timedelta(hours=1),
        quotes=(Quote(f'quote {XSS}', f'speaker {XSS}', ("p-evil", "p-evil2")),),
        disagreements=(Disagreement(f"subject {XSS}", (Claim("p-evil", f"v{XSS}", f"s {XSS} v{XSS}"),
                                                      Claim("p-evil2", "w", "w"))),),
        editor_note=f"Note {XSS} [x](javascript:alert(5))",
    )


def hidden_story() -> Story:
    t = datetime(2025, 9, 2, 9, 0, tzinfo=UTC)
    post = _post("p-hidden", "Daily Courier", "Hidden story", t, "secret")
    return Story(id="s-hidden", slug="hidden-story", title="Hidden story", summary="hidden",
                 versions=(Version(post, Relation(RelationKind.FIRST)),), published=t, updated=t, hidden=True)


def many_stories(n: int = 45) -> list[Story]:
    """A larger site: n stories over several days, outlets and tags, some undated, one featured."""
    stories = []
    outlets = ["Alpha News", "Beta Times", "Gamma Post", "Delta Wire", "Épsilon Diário"]
    base = datetime(2025, 10, 1, 8, 0, tzinfo=UTC)
    for i in range(n):
        when = None if i % 17 == 16 else base - timedelta(hours=7 * i)
        versions = []
        for j in range(1 + i % 4):
            outlet = outlets[(i + j) % len(outlets)]
            post = _post(f"p{i:03d}-{j}", outlet, f"Story {i} as told by {outlet}",
                         when + timedelta(minutes=30 * j) if when else None, f"Body of story {i}, version {j}.",
                         url=f"https://{j}.example.com/{i}", tags=(f"Topic {i % 6}",))
            relation = Relation(RelationKind.FIRST) if j == 0 else Relation(RelationKind.COPY, f"p{i:03d}-0", 0.8)
            versions.append(Version(post, relation))
        stories.append(Story(id=f"s{i:03d}", slug=f"story-{i}", title=f"Story number {i}", summary=f"Summary of story {i}.",
                             versions=tuple(versions), published=when, updated=when, featured=(i == 7)))
    return stories


# --- Building a site once per test session ------------------------------------------------------


def all_stories() -> list[Story]:
    return [demo_story(), second_story(), hostile_story(), hidden_story(), *many_stories()]


@functools.cache
def built_site(search: bool = True) -> Config:
    """The hand-built stories rendered once (with the search index) into a temporary folder."""
    from newsdigest.site import render

    tmp = Path(tempfile.mkdtemp(prefix="newsdigest-site-"))
    atexit.register(shutil.rmtree, tmp, True)
    config = make_config(tmp, content_dir=ROOT / "content", page_size=10)
    render(all_stories(), config, search=search)
    return config


# --- A local web server: Pagefind needs http://, and pages use root-relative URLs ------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    base_path = "/"
    """Where the site is served: "/", or "/digest/" as a host serves a project site (nothing outside it)."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / ".outside-the-site")
        return super().translate_path("/" + path[len(self.base_path):])

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path, base_path: str = "/") -> Iterator[str]:
    """Serve `root` at `base_path` on 127.0.0.1 at a free port; yields the host's URL (without the path)."""
    handler = type("Handler", (_QuietHandler,), {"base_path": base_path})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- Parsing the built HTML ---------------------------------------------------------------------------


class PageLinks(HTMLParser):
    """Every URL a page points at (href, src) plus its ids and script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.scripts: list[dict[str, str | None]] = []
        self.event_handlers: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        if tag == "script":
            self.scripts.append(attributes)
        for name, value in attrs:
            if name.startswith("on"):
                self.event_handlers.append((tag, name))
            if name in ("href", "src") and value is not None:
                self.urls.append((tag, name, value))


def parse(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if "pagefind" not in p.relative_to(root).parts)


def resolve_internal(root: Path, page: Path, url: str, base_path: str = "/") -> Path | None:
    """The file an internal URL leads to, or None for an external one.

    `base_path` is where the site is served ("/digest/" for a sub-path): a
    root-relative URL outside it leads nowhere on that server.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("#") or not parts.path:
        return None
    if parts.path.startswith("/"):
        if not parts.path.startswith(base_path):
            return root / ".outside-the-site" / unquote(parts.path).lstrip("/")
        target = root / unquote(parts.path)[len(base_path):]
    else:
        target = page.parent / unquote(parts.path)
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(root: Path, base_path: str = "/") -> list[str]:
    problems = []
    for page in html_files(root):
        parsed = parse(page)
        for tag, attribute, url in parsed.urls:
            target = resolve_internal(root, page, url, base_path)
            if target is None:
                continue
            if not target.is_file():
                problems.append(f"{page.relative_to(root)}: <{tag} {attribute}={url!r}> → missing {target.relative_to(root)}")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                problems.append(f"{page.relative_to(root)}: {url!r} → no element with id {fragment!r}")
    return problems


# --- Pinned test tools (Nu HTML Checker, axe-core), installed by .ci/install-tools, never fetched here ---

TOOLS_DIR = Path(os.environ.get("NEWSDIGEST_TOOLS", ROOT / ".tools"))
INSTALL_TOOLS = "bash .ci/install-tools"


def npm_tools() -> Path:
    """`node_modules` holding vnu-jar and axe-core; a test fails with one line saying how to install them."""
    modules = TOOLS_DIR / "node_modules"
    if not ((modules / "vnu-jar/build/dist/vnu.jar").is_file() and (modules / "axe-core/axe.min.js").is_file()):
        pytest.fail(f"vnu-jar and axe-core are missing from {TOOLS_DIR}: run `{INSTALL_TOOLS}`", pytrace=False)
    return modules


def vnu_errors(root: Path) -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"java is needed for the Nu HTML Checker: run `{INSTALL_TOOLS}`", pytrace=False)
    jar = npm_tools() / "vnu-jar/build/dist/vnu.jar"
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--skip-non-html", str(root)],
                            capture_output=True, text=True, timeout=600, check=False)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if result.returncode != 0 and not lines:
        pytest.fail(f"vnu failed with exit {result.returncode}")
    return lines


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2 A/AA violations on the open page (injected through the driver, so the CSP stays on)."""
    page.evaluate((npm_tools() / "axe-core/axe.min.js").read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }""",
        AXE_TAGS,
    )
