"""Outlet text never runs as code: hostile titles, bodies, links and names, checked in the files and in Chromium."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from site_fixtures import built_site, html_files, parse, serve

HOSTILE_PAGES = ["/stories/evil-story/", "/posts/p-evil/", "/posts/p-evil2/", "/", "/stories/", "/outlets/",
                 "/tags/", "/editions/2025-09-03/"]


@pytest.fixture(scope="module")
def site():
    return built_site().output_dir


def test_no_page_carries_inline_script_handlers_or_script_urls(site):
    for page in html_files(site):
        parsed = parse(page)
        assert parsed.event_handlers == [], page
        for tag, attribute, url in parsed.urls:
            assert not re.match(r"\s*(javascript|data|vbscript):", url, re.IGNORECASE), (page, tag, url)
        for script in parsed.scripts:
            # Either data (JSON-LD) or a file of this site: never inline code, never another origin.
            if script.get("type") == "application/ld+json":
                continue
            assert script.get("src", "").startswith("/"), (page, script)
        assert not {t for t, _ in parsed.tags} & {"iframe", "object", "embed", "svg", "form", "input", "base"} - (
            {"form", "input"} if page.parts[-2:] == ("search", "index.html") else set()), page


def test_json_ld_cannot_be_closed_by_a_title(site):
    html = (site / "stories/evil-story/index.html").read_text()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert blocks, "JSON-LD missing"
    data = json.loads(blocks[0])
    assert "</script>" in data["headline"]  # the text survives as data…
    assert "</script>" not in blocks[0] and "<" not in blocks[0]  # …but never as markup


def test_hostile_names_get_safe_addresses(site):
    outlets = (site / "outlets/index.html").read_text()
    assert "&lt;b onmouseover" in outlets  # shown as text
    assert (site / "outlets/evil-outlet-b-onmouseover-alert-o").is_dir()


@pytest.mark.browser
def test_nothing_executes_in_chromium(browser, site):
    context = browser.new_context()
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    with serve(site) as base:
        for path in HOSTILE_PAGES:
            page.goto(base + path)
            page.wait_for_load_state("load")
            found = page.evaluate("""() => ({
                inlineScripts: [...document.querySelectorAll('script')].filter(s => !s.src && s.type !== 'application/ld+json').length,
                handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                injected: document.querySelectorAll('iframe, object, embed, svg, img[onerror], b[onmouseover]').length,
                scriptLinks: [...document.querySelectorAll('a[href]')].filter(a => !/^(https?:|\\/|#)/i.test(a.getAttribute('href'))).length,
            })""")
            assert found == {"inlineScripts": 0, "handlers": 0, "injected": 0, "scriptLinks": 0}, (path, found)
            for link in page.locator("main a[href], main p, main h1").all()[:40]:
                if link.is_visible():
                    link.hover(timeout=2000)
        # The search results render outlet titles too.
        page.goto(base + "/search/")
        page.fill("input", "Evil")
        page.wait_for_selector(".pagefind-ui__result", timeout=30000)
        page.wait_for_timeout(300)
        assert page.evaluate("document.querySelectorAll('.pagefind-ui__results img[onerror], .pagefind-ui__results script').length") == 0
    assert dialogs == [], dialogs
    assert errors == [], errors
    context.close()


@pytest.mark.browser
def test_content_security_policy_blocks_injected_inline_script(browser, site):
    context = browser.new_context()
    page = context.new_page()
    with serve(site) as base:
        page.goto(base + "/stories/evil-story/")
        ran = page.evaluate("""() => new Promise(resolve => {
            window.__ran = false;
            document.addEventListener('securitypolicyviolation', () => resolve({ran: window.__ran, blocked: true}));
            const s = document.createElement('script');
            s.textContent = 'window.__ran = true';
            document.body.appendChild(s);
            setTimeout(() => resolve({ran: window.__ran, blocked: false}), 1000);
        })""")
    assert ran == {"ran": False, "blocked": True}
    context.close()


# -- every field that leaves the site, in its own context ---------------------------------------------


def _rss_items(site):
    import xml.etree.ElementTree as ET

    return ET.parse(site / "feed.xml").getroot().iter("item")


class _Elements(HTMLParser):
    """The elements and attributes a feed reader would build from an HTML string."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def test_rss_descriptions_carry_no_live_markup(site):
    """Feed readers render an RSS <description> as HTML: a title or summary with tags must arrive as text."""
    evil = [item for item in _rss_items(site) if "Evil" in (item.findtext("title") or "")]
    assert evil, "the hostile story is in the feed"
    for item in evil:
        description = item.findtext("description")
        assert _Elements(description).tags == [], description  # what a reader renders: no element at all
        assert "&lt;script&gt;" in description and "&lt;img" in description  # the text survives, escaped


def test_feed_contents_carry_no_script_or_handler(site):
    import xml.etree.ElementTree as ET

    atom = ET.parse(site / "atom.xml").getroot()
    contents = [el.text or "" for el in atom.iter("{http://www.w3.org/2005/Atom}content")]
    contents += [el.text or "" for el in ET.parse(site / "feed.xml").getroot().iter(
        "{http://purl.org/rss/1.0/modules/content/}encoded")]
    contents += [item["content_html"] for item in json.loads((site / "feed.json").read_text())["items"]]
    assert any("Evil" in html for html in contents)
    for html in contents:
        elements = _Elements(html)
        assert elements.handlers == [] and not {"script", "iframe", "svg", "object"} & set(elements.tags), html


def test_only_http_urls_leave_the_site(site):
    """stories.json, feeds, JSON-LD and the sitemap carry no javascript:, data: or other scheme."""
    bad = re.compile(r"(?i)\b(?:javascript|data|vbscript|file):")
    document = json.loads((site / "stories.json").read_text())

    def urls(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from urls(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from urls(v, key)
        elif isinstance(value, str) and ("url" in key or key in ("image", "sameAs", "isBasedOn")):
            yield key, value

    for key, url in urls(document):
        assert url is None or url.startswith(("https://", "http://", "/")), (key, url)
    evil = next(s for s in document["stories"] if s["id"] == "s-evil")
    assert [p["url"] for p in evil["posts"]] == [None, None]  # javascript: and a URL with markup in it
    for name in ("feed.json", "feed.xml", "atom.xml", "sitemap.xml"):
        assert not bad.search((site / name).read_text()), name
    for page in ("stories/evil-story/index.html", "posts/p-evil/index.html"):
        html = (site / page).read_text()
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL):
            for key, url in urls(json.loads(block)):
                assert url.startswith(("https://", "http://")), (page, key, url)


def test_the_sitemap_is_well_formed_xml_with_escaped_addresses(site):
    import xml.etree.ElementTree as ET

    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith("https://digest.example.org/") and "<" not in loc for loc in locs)
