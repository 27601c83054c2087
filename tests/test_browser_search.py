"""Search: Pagefind's index is built over the finished site and works in a browser, offline."""

from __future__ import annotations

import pytest
from site_fixtures import built_site, serve

from newsdigest.site.search import build_search_index


def test_index_is_built():
    site = built_site().output_dir
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_missing_binary_warns_and_does_not_fail(tmp_path, monkeypatch, caplog):
    from newsdigest.site import search

    monkeypatch.setattr(search, "pagefind_command", lambda: None)
    assert build_search_index(tmp_path) is False
    assert "without a search index" in caplog.text


@pytest.mark.browser
def test_search_finds_stories_and_versions(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # CSP refusals are reported on the console; other console noise (an aborted fetch when typing) is not ours.
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and ("Content Security Policy" in msg.text or "Refused" in msg.text) else None)
    with serve(built_site().output_dir) as base:
        page.goto(base + "/search/")
        page.fill("input", "Kremlin")
        page.wait_for_selector(".pagefind-ui__result", timeout=30000)
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
        assert "/stories/moscow-rejects-security-guarantees/" in links
        assert any(link.startswith("/posts/") for link in links)
        assert not any("hidden-story" in link for link in links)
    assert errors == []  # no CSP violations from Pagefind's scripts, styles or WebAssembly
    context.close()
