"""Quality bars: zero Nu HTML Checker errors on every page, zero axe WCAG 2 A/AA violations on the key pages.

vnu-jar and axe-core are npm packages pinned and installed into `.tools/` by
`.ci/install-tools` (or `$NEWSDIGEST_TOOLS`); java runs vnu. The tests never fetch
them: without them they fail with one line saying how to install them.
"""

from __future__ import annotations

import pytest
from site_fixtures import axe_violations, built_site, serve, vnu_errors

KEY_PAGES = ["/", "/stories/moscow-rejects-security-guarantees/", "/posts/p-herald/", "/search/"]


def test_generated_site_has_no_html_errors():
    assert vnu_errors(built_site().output_dir) == []


def test_demo_site_has_no_html_errors(demo_site):
    assert vnu_errors(demo_site.output) == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_key_pages_have_no_axe_violations(browser, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    with serve(built_site().output_dir) as base:
        for path in KEY_PAGES:
            page.goto(base + path)
            if path == "/search/":
                page.fill("input", "Kremlin")
                page.wait_for_selector(".pagefind-ui__result", timeout=30000)
            assert axe_violations(page) == [], (path, scheme, width)
    context.close()


@pytest.mark.browser
def test_demo_story_page_has_no_axe_violations(browser, demo_site):
    import json

    stories = json.loads((demo_site.output / "stories.json").read_text())["stories"]
    if not stories:
        pytest.fail("the demo build produced no stories")
    context = browser.new_context()
    page = context.new_page()
    with serve(demo_site.output) as base:
        for path in ["/", stories[0]["url"], stories[0]["posts"][0]["page"]]:
            page.goto(base + path)
            assert axe_violations(page) == [], path
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 768, 1280, 1920])
def test_pages_fit_every_width(browser, width):
    """No sideways scrolling from a 320 px phone to a wide screen."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    with serve(built_site().output_dir) as base:
        for path in KEY_PAGES[:3] + ["/stories/evil-story/", "/editions/"]:
            page.goto(base + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (path, width, overflow)
    context.close()


@pytest.mark.browser
def test_story_page_works_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve(built_site().output_dir) as base:
        page.goto(base + "/stories/moscow-rejects-security-guarantees/")
        assert page.locator("article.version").count() == 5
        assert page.locator("mark", has_text="26 dozen countries").is_visible()
        page.goto(base + "/search/")
        assert page.get_by_text("needs JavaScript").is_visible()
    context.close()


@pytest.mark.browser
def test_print_hides_navigation(browser):
    context = browser.new_context()
    page = context.new_page()
    with serve(built_site().output_dir) as base:
        page.goto(base + "/stories/moscow-rejects-security-guarantees/")
        page.emulate_media(media="print")
        assert not page.locator(".masthead__nav").is_visible()
        assert page.locator("article.version").first.is_visible()
    context.close()


def test_missing_tools_fail_with_how_to_install_them(tmp_path, monkeypatch):
    import site_fixtures

    monkeypatch.setattr(site_fixtures, "TOOLS_DIR", tmp_path)
    with pytest.raises(pytest.fail.Exception) as failed:
        site_fixtures.npm_tools()
    assert "run `bash .ci/install-tools`" in str(failed.value) and "\n" not in str(failed.value)
