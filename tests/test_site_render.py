"""The site stage on hand-built stories: which pages exist and what they say."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from site_fixtures import (
    built_site,
    demo_story,
    hidden_story,
    make_config,
    many_stories,
    parse,
    second_story,
)

from newsdigest.site import render
from newsdigest.site.context import Directory, story_view


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site().output_dir


def read(site: Path, path: str) -> str:
    file = site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return file.read_text(encoding="utf-8")


def test_every_kind_of_page_exists(site):
    for path in ["/", "/stories/", "/stories/moscow-rejects-security-guarantees/", "/posts/p-herald/",
                 "/posts/p-undated/", "/outlets/", "/outlets/the-morning-herald/", "/tags/", "/tags/ukraine/",
                 "/editions/", "/editions/2025-09-05/", "/search/", "/about/", "/404.html",
                 "/stories/old-ukraine-slug/", "/feed.xml", "/atom.xml", "/feed.json", "/stories.json",
                 "/sitemap.xml", "/robots.txt", "/static/css/site.css", "/pagefind/pagefind-ui.js"]:
        file = site / path.lstrip("/")
        assert (file / "index.html" if path.endswith("/") else file).is_file(), path


def test_story_page_shows_versions_relations_quotes_and_disagreement(site):
    html = read(site, "/stories/moscow-rejects-security-guarantees/")
    for outlet in ["The Morning Herald", "Daily Courier", "Global Gazette", "Wire Service", "Unnamed source"]:
        assert outlet in html
    assert html.count('class="version version--') == 5
    assert "Copy of The Morning Herald · 91% of sentences shared" in html
    assert "Rewrite of The Morning Herald · 62% of sentences shared" in html
    assert "Independent" in html and "First published" in html
    assert "<mark>26 dozen countries</mark>" in html
    assert "“26”" in html and "“26 dozen countries”" in html
    assert "Dmitry Peskov" in html
    assert "A second Kremlin statement." in html  # what a version adds
    assert 'href="https://herald.example.com/news/moscow"' in html  # the original
    assert 'href="/posts/p-herald/"' in html  # the normalised copy
    assert "By Bo Reporter and Cy Editor" in html
    assert "date unknown" in html  # the undated version


def test_times_are_shown_in_the_site_time_zone(site):
    html = read(site, "/stories/moscow-rejects-security-guarantees/")
    assert '<time datetime="2025-09-05T06:12:00+01:00">5 September 2025, 06:12 BST</time>' in html
    assert "29 January 2026, 09:50 GMT" in html


def test_undated_versions_sort_last():
    view = story_view(demo_story(), make_config(Path("/tmp")).timezone, Directory())
    assert [v.id for v in view.versions][-1] == "p-undated"
    assert view.timeline[-1].version.id == "p-undated"
    assert view.first is not None and view.first.id == "p-herald"


def test_disagreement_groups_majority_first():
    view = story_view(demo_story(), make_config(Path("/tmp")).timezone, Directory())
    groups = view.disagreements[0].groups
    assert [g.value for g in groups] == ["26", "26 dozen countries"]
    assert groups[0].majority and not groups[1].majority
    assert groups[1].claims[0].sentence.value == "26 dozen countries"


def test_post_page_renders_body_and_links_original(site):
    html = read(site, "/posts/p-herald/")
    assert "<h2>Reaction</h2>" in html and "<li>one</li>" in html
    assert 'href="https://herald.example.com/news/moscow"' in html
    assert 'href="/stories/moscow-rejects-security-guarantees/"' in html
    assert "Original address unknown" not in html


def test_hidden_stories_have_pages_but_are_not_listed(site):
    assert (site / "stories/hidden-story/index.html").is_file()
    assert 'name="robots" content="noindex"' in read(site, "/stories/hidden-story/")
    for path in ["/", "/stories/", "/outlets/daily-courier/", "/feed.xml", "/sitemap.xml"]:
        text = read(site, path)
        assert "/stories/hidden-story/" not in text, path
    assert not (site / "editions/2025-09-02").exists()


def test_front_page_puts_featured_first_and_links_earlier_days(site):
    html = read(site, "/")
    cards = re.findall(r'class="card__title"><a href="([^"]+)"', html)
    assert cards[0] == "/stories/story-7/"  # the featured one
    assert 'href="/editions/"' in html
    assert re.search(r'href="/editions/\d{4}-\d{2}-\d{2}/"', html)
    assert "Featured" in html


def test_pagination_when_lists_get_long(site):
    # 49 listed stories, page size 10 → 5 pages of /stories/
    assert (site / "stories/page/5/index.html").is_file()
    assert not (site / "stories/page/6").exists()
    page2 = read(site, "/stories/page/2/")
    assert 'rel="prev" href="/stories/"' in page2 and 'rel="next" href="/stories/page/3/"' in page2


def test_redirect_page_for_alias(site):
    html = read(site, "/stories/old-ukraine-slug/")
    assert '<meta http-equiv="refresh" content="0; url=/stories/moscow-rejects-security-guarantees/">' in html
    assert '<link rel="canonical" href="https://digest.example.org/stories/moscow-rejects-security-guarantees/">' in html
    assert '<a href="/stories/moscow-rejects-security-guarantees/">' in html


def test_head_metadata(site):
    html = read(site, "/stories/moscow-rejects-security-guarantees/")
    assert '<link rel="canonical" href="https://digest.example.org/stories/moscow-rejects-security-guarantees/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card"' in html
    assert 'http-equiv="Content-Security-Policy"' in html and "script-src 'self'" in unescape(html)
    assert "'unsafe-inline'" not in unescape(html)
    for feed in ("/feed.xml", "/atom.xml", "/feed.json"):
        assert '<link rel="alternate" type="application/' in html and f'href="{feed}"' in html
    data = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]
    article = data[0]
    assert article["@type"] == "NewsArticle"
    assert article["headline"].startswith("Moscow rejects")
    assert article["datePublished"] == "2025-09-05T06:12:00+01:00"
    assert "https://herald.example.com/news/moscow" in article["isBasedOn"]
    post = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', read(site, "/posts/p-courier/"), re.DOTALL)[1])
    assert post["@type"] == "NewsArticle" and [a["name"] for a in post["author"]] == ["Bo Reporter", "Cy Editor"]


def test_every_page_has_autodiscovery_links(site):
    from site_fixtures import html_files

    for page in html_files(site):
        parsed = parse(page)
        if any(a.get("http-equiv") == "refresh" for t, a in parsed.tags if t == "meta"):
            continue
        types = {a.get("type") for t, a in parsed.tags if t == "link" and a.get("rel") == "alternate"}
        assert {"application/rss+xml", "application/atom+xml", "application/feed+json"} <= types, page


def test_tag_and_outlet_pages_link_their_own_feeds(site):
    html = read(site, "/tags/ukraine/")
    assert 'href="/tags/ukraine/feed.xml"' in html and (site / "tags/ukraine/atom.xml").is_file()
    assert (site / "outlets/daily-courier/feed.json").is_file()


def test_sitemap_and_robots(site):
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://digest.example.org/stories/moscow-rejects-security-guarantees/</loc>" in sitemap
    assert "404" not in sitemap and "old-ukraine-slug" not in sitemap
    assert "Sitemap: https://digest.example.org/sitemap.xml" in (site / "robots.txt").read_text()


def test_about_page_from_content(site):
    html = read(site, "/about/")
    assert "<h1>About the Digest</h1>" in html
    assert 'href="/feed.xml"' in html


def test_site_templates_override_the_default_theme(tmp_path):
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static" / "css").mkdir(parents=True)
    (theme / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<p>Custom lost page</p>{% endblock %}')
    (theme / "static" / "css" / "extra.css").write_text("body{}")
    config = make_config(tmp_path, theme_dir=theme)
    render([second_story()], config, search=False)
    assert "Custom lost page" in (config.output_dir / "404.html").read_text()
    assert "Every version" not in (config.output_dir / "404.html").read_text()
    assert (config.output_dir / "static/css/site.css").is_file()  # the default theme's, inherited
    assert (config.output_dir / "static/css/extra.css").is_file()
    assert "Rail strike called off" in (config.output_dir / "index.html").read_text()


def test_a_hostile_slug_cannot_escape_the_output(tmp_path):
    import dataclasses

    bad = dataclasses.replace(second_story(), slug="../../etc")
    with pytest.raises(ValueError):
        render([bad], make_config(tmp_path), search=False)


def test_empty_site_still_renders(tmp_path):
    config = make_config(tmp_path)
    render([], config, search=False)
    assert "No stories yet" in (config.output_dir / "index.html").read_text()
    assert json.loads((config.output_dir / "stories.json").read_text()) == {"stories": []}


def _assert_same_files(a: Path, b: Path) -> None:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_render_is_deterministic(tmp_path):
    stories = [demo_story(), second_story(), hidden_story(), *many_stories(12)]
    a, b = make_config(tmp_path, output="a"), make_config(tmp_path, output="b")
    render(stories, a, search=False)
    render(stories, b, search=False)
    _assert_same_files(a.output_dir, b.output_dir)


def test_pages_shared_among_forked_workers_are_the_pages_one_process_renders(tmp_path, monkeypatch):
    """Past `PARALLEL_MIN` pages, one page of each template is rendered before the fork and the rest by the workers:
    every page must still be written, with the bytes one process gives it."""
    import importlib

    from newsdigest import workers

    stages = importlib.import_module("newsdigest.site.render")  # the module; the package's `render` is its function
    stories = [demo_story(), second_story(), hidden_story(), *many_stories(12)]
    alone, shared = make_config(tmp_path / "alone"), make_config(tmp_path / "shared")
    render(stories, alone, search=False)
    in_parent: list[str] = []
    render_page = stages._render_page

    def noting(page, *args):
        in_parent.append(page.path)  # a forked worker appends to its own copy of the list
        render_page(page, *args)

    monkeypatch.setattr(stages, "PARALLEL_MIN", 2)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # pytest-timeout's idle timer thread
    monkeypatch.setattr(stages, "_render_page", noting)
    pages = render(stories, shared, search=False).pages
    assert 0 < len(in_parent) < len(pages)  # the workers rendered some pages, this process the others
    _assert_same_files(alone.output_dir, shared.output_dir)


def _theme_copy(tmp_path: Path) -> Path:
    """A private copy of the default theme, to edit."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    theme = tmp_path / "theme"
    shutil.copytree(root / "newsdigest" / "theme" / "templates", theme / "templates")
    shutil.copytree(root / "newsdigest" / "theme" / "static", theme / "static")
    return theme


def _file(path: str) -> str:
    """The output file of a page's site path."""
    return path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/")


def _state(output: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(output).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in output.rglob("*") if p.is_file() and not p.relative_to(output).as_posix().startswith("static/")}


def test_a_template_edit_rerenders_only_the_pages_that_use_it(tmp_path):
    theme = _theme_copy(tmp_path)
    config = make_config(tmp_path, theme_dir=theme)
    stories = [demo_story(), second_story(), hidden_story(), *many_stories(30)]
    result = render(stories, config, search=False)
    before = _state(config.output_dir)
    post_files = {_file(p.path) for p in result.pages if p.template == "post.html"}
    assert post_files and len(post_files) < len(before) // 2

    post = theme / "templates" / "post.html"
    post.write_text(post.read_text().replace("{% block main %}", "{% block main %}<p>post-mark</p>", 1))
    render(stories, config, search=False, only_templates={"post.html"})
    after = _state(config.output_dir)
    assert after.keys() == before.keys()
    for name in before:
        if name in post_files:
            assert b"post-mark" in after[name][1], name
        else:
            assert after[name] == before[name], name  # not even rewritten: same bytes, same mtime
    for name in ("index.html", "stories/index.html", "feed.xml", "stories.json", "sitemap.xml"):
        assert after[name] == before[name]

    base = theme / "templates" / "base.html"
    base.write_text(base.read_text().replace("<body", "<!-- base-mark --><body", 1))
    render(stories, config, search=False, only_templates={"base.html"})
    extending = {_file(p.path) for p in result.pages if p.template != "redirect.html"}  # it stands alone
    final = _state(config.output_dir)
    assert extending > post_files | {"index.html", "stories/index.html", "404.html"}
    for name in extending:
        assert b"base-mark" in final[name][1], name
    assert all(b"post-mark" in final[name][1] for name in post_files)
    assert final["feed.xml"] == before["feed.xml"]  # feeds are not made from base.html


def test_a_template_edit_can_render_the_open_pages_alone(tmp_path):
    config = make_config(tmp_path)
    stories = [demo_story(), second_story()]
    result = render(stories, config, search=False, only_templates={"base.html"}, only_paths={"/", "/nowhere/"})
    written = sorted(p.relative_to(config.output_dir).as_posix() for p in config.output_dir.rglob("*.*")
                     if not p.relative_to(config.output_dir).as_posix().startswith("static/"))
    assert written == ["index.html"] and len(result.pages) > 1


def test_a_dynamic_template_reference_depends_on_everything(tmp_path):
    from newsdigest.site.template_use import closure, users_of
    from newsdigest.site.theme import Assets, environment

    theme = _theme_copy(tmp_path)
    (theme / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}{% include page.title %}{% endblock %}')
    config = make_config(tmp_path, theme_dir=theme)
    env = environment(config, Assets(config.output_dir))
    assert closure(env, "404.html") is None
    assert closure(env, "post.html") == {"post.html", "base.html", "partials/macros.html"}
    uses = users_of(env, {"feed_entry.html"})
    assert uses("404.html") and not uses("post.html") and uses("feed_entry.html")
