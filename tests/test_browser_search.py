"""Search: Pagefind's index is built over the finished site and works in a browser, offline."""

from __future__ import annotations

import pytest
from site_fixtures import built_site, serve

from newsdigest.site.search import build_search_index, bundle_of, bundle_plan


def test_index_is_built():
    site = built_site().output_dir
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_missing_binary_warns_and_does_not_fail(tmp_path, monkeypatch, caplog):
    from newsdigest.site import search

    monkeypatch.setattr(search, "pagefind_command", lambda: None)
    assert build_search_index(tmp_path, {}) is None
    assert "without a search index" in caplog.text


def test_a_failing_indexer_is_reported_in_one_line(tmp_path, monkeypatch, caplog):
    import sys

    from newsdigest.site import search

    said = "Error: the site could not be read\n\n  Caused by: no pages\n"
    monkeypatch.setattr(search, "pagefind_command", lambda: [sys.executable, "-c",
                                                             f"import sys; sys.stderr.write({said!r}); sys.exit(2)"])
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<html><body data-pagefind-body>A page.</body></html>")
    assert build_search_index(tmp_path, {"pagefind": ["a/index.html"]}) is None
    failed = [r.getMessage() for r in caplog.records if "pagefind failed" in r.getMessage()]
    assert failed == ["pagefind failed (exit 2): Error: the site could not be read; Caused by: no pages"]


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


def test_a_refresh_indexes_again_only_the_bundles_whose_pages_changed(tmp_path, monkeypatch):
    from newsdigest.site import render, search
    from site_fixtures import all_stories, make_config

    indexed: list[str] = []
    start = search.start_search_index
    monkeypatch.setattr(search, "start_search_index",
                        lambda shards: (indexed.extend(shard.folder for shard in shards), start(shards))[1])

    config = make_config(tmp_path, page_size=10)
    render(all_stories(), config, search=False)
    site = config.output_dir
    plan = bundle_plan(all_stories())
    keys = build_search_index(site, plan)
    assert keys and len(keys) > 2

    def bundles() -> dict[str, tuple[int, int]]:
        found = {}
        for path in (site / "pagefind").rglob("*"):
            if path.is_file():
                st = path.stat()
                found[path.relative_to(site).as_posix()] = (st.st_ino, st.st_mtime_ns)
        return found

    before = bundles()
    indexed.clear()
    assert build_search_index(site, plan, keys) == keys and bundles() == before and not indexed  # nothing changed
    page = site / "stories" / "story-3" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Story number 3", "Story number three"), encoding="utf-8")
    again = build_search_index(site, plan, keys)
    changed = [folder for folder in keys if again[folder] != keys[folder]]
    assert len(changed) == 1 and indexed == changed
    after = bundles()
    touched = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert touched and all(bundle_of(path) == changed[0] for path in touched)


def test_a_refresh_after_a_build_indexes_nothing_the_build_indexed(tmp_path, monkeypatch):
    from newsdigest.site import render, search
    from site_fixtures import all_stories, make_config

    config = make_config(tmp_path, page_size=10)
    built = render(all_stories(), config)
    assert built.searchable and len(built.bundles) > 2
    indexed: list[str] = []
    start = search.start_search_index
    monkeypatch.setattr(search, "start_search_index",
                        lambda shards: (indexed.extend(shard.folder for shard in shards), start(shards))[1])
    assert build_search_index(config.output_dir, bundle_plan(all_stories()), built.bundles) == built.bundles
    assert indexed == []


def test_a_first_build_records_the_index_pagefind_wrote_in_place_as_a_copied_one_is(tmp_path, monkeypatch):
    """Into a fresh folder, Pagefind writes its bundles where they belong, and no index file is written again;
    the site and its record of each index file (digest, size, inode: what the next build reuses by) are those of
    an index copied into place."""
    import hashlib

    from site_fixtures import all_stories, make_config

    from newsdigest.site import render
    from newsdigest.site.writer import Writer

    copied_in: list[str] = []
    write_bytes = Writer.write_bytes
    monkeypatch.setattr(Writer, "write_bytes", lambda writer, path, *rest: (
        copied_in.append(path) if path.startswith("pagefind/") else None, write_bytes(writer, path, *rest))[1])

    def index_of(folder) -> tuple[dict[str, bytes], dict[str, tuple[str, str]]]:
        copied_in.clear()
        config = make_config(folder, page_size=10)
        built = render(all_stories(), config)
        site = config.output_dir
        files = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}
        recorded = {path: (entry.sha, entry.size, entry.inode) for path, entry in built.files.items()
                    if path.startswith("pagefind/")}
        assert recorded == {path: (hashlib.sha256(data).hexdigest(), len(data), (site / path).stat().st_ino)
                            for path, data in files.items()}
        return files, {path: (built.files[path].key, sha) for path, (sha, _size, _inode) in recorded.items()}

    in_place = index_of(tmp_path / "fresh")
    assert copied_in == []  # Pagefind wrote every index file where it is
    (tmp_path / "copied" / "output" / "pagefind").mkdir(parents=True)  # a folder there already: copied into place
    copied = index_of(tmp_path / "copied")
    assert sorted(copied_in) == sorted(copied[0])
    assert len(in_place[0]) > 10 and any("/shard-" in path for path in in_place[0])
    assert in_place == copied


def test_a_first_render_beside_the_published_site_keys_each_index_file_by_its_own_bundle(tmp_path, monkeypatch):
    """The preview server's first render goes into a fresh folder beside the published site: the bundles whose
    pages kept their bytes are linked in (into the first bundle's folder), and Pagefind writes the first bundle
    around them. Each index file is recorded with its own bundle's key, so the next build indexes nothing again."""
    import dataclasses
    import importlib

    from site_fixtures import all_stories, make_config

    from newsdigest.site import render, search

    rendering = importlib.import_module("newsdigest.site.render")

    config = make_config(tmp_path, page_size=10)
    published = render(all_stories(), config, previous=config.output_dir)  # as a first build: its files recorded
    first = {folder: n for n, folder in search.bundle_folders(search.shard_of(s.id) for s in all_stories()
                                                                  if not s.hidden).items()}[search.SEARCH_FOLDER]
    edited = [dataclasses.replace(story, summary=story.summary + " Now with a correction.")
              if story.id == next(s.id for s in all_stories() if not s.hidden and search.shard_of(s.id) == first)
              else story for story in all_stories()]
    indexed: list[str] = []
    start = rendering.start_search_index
    monkeypatch.setattr(rendering, "start_search_index",
                        lambda shards: (indexed.extend(shard.folder for shard in shards), start(shards))[1])
    staged = render(edited, dataclasses.replace(config, output_dir=tmp_path / "staging"), previous=config.output_dir)
    assert indexed == [search.SEARCH_FOLDER]
    assert staged.bundles[search.SEARCH_FOLDER] != published.bundles[search.SEARCH_FOLDER]
    index = {path: entry.key for path, entry in staged.files.items() if path.startswith("pagefind/")}
    assert sum(bundle_of(path) != search.SEARCH_FOLDER for path in index) > 10
    assert {path: staged.bundles[bundle_of(path)] for path in index} == index
