"""The ingest stage end to end: sources in, posts out, under the house rules."""

import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from rich.console import Console

from newsdigest.config import load_config
from newsdigest.ingest import explain, ingest
from newsdigest.postfile import read_post

ARTICLE = (
    "The city council voted on Tuesday evening to close the old harbour bridge to cars from next spring, "
    "after engineers warned that its steel supports had corroded far faster than anyone expected.\n\n"
    "Council leader Maria Ortiz said the decision had not been easy, but that the safety of the thousands of "
    "cyclists and pedestrians who cross the bridge every day had to come first.\n\n"
    "The closure will add up to twenty minutes to some commutes, according to the transport department, "
    "which plans to run extra buses along the river road while the repairs are carried out.\n"
)


def make_config(tmp_path: Path):
    (tmp_path / "content" / "sources").mkdir(parents=True)
    return load_config(ROOT / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "out",
                       cache_dir=tmp_path / "cache")


def add(config, name: str, data: bytes | str) -> Path:
    path = config.sources_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


MARKDOWN = "---\ntitle: Harbour bridge to close\ndate: 2025-03-05T18:30:00\nauthor: Sam Lee\n---\n\n" + ARTICLE


def test_each_source_becomes_a_post_named_after_its_file(tmp_path):
    config = make_config(tmp_path)
    add(config, "Bridge Story.md", MARKDOWN)
    report = ingest(config, progress=False)
    post = read_post(config.posts_dir / "bridge-story.md")
    assert report.written == (config.posts_dir / "bridge-story.md",)
    assert post.title == "Harbour bridge to close"
    assert post.source == "sources/Bridge Story.md"
    assert post.authors == ("Sam Lee",)
    assert post.published.isoformat() == "2025-03-05T18:30:00+00:00"


def test_an_unchanged_source_is_not_rewritten(tmp_path):
    config = make_config(tmp_path)
    add(config, "a.md", MARKDOWN)
    ingest(config, progress=False)
    target = config.posts_dir / "a.md"
    before = target.stat().st_mtime_ns
    report = ingest(config, progress=False)
    assert report.unchanged == (target,) and report.written == ()
    assert target.stat().st_mtime_ns == before


def test_a_post_the_editor_edited_is_never_overwritten(tmp_path):
    config = make_config(tmp_path)
    source = add(config, "a.md", MARKDOWN)
    ingest(config, progress=False)
    target = config.posts_dir / "a.md"
    edited = target.read_text().replace("Harbour bridge to close", "Harbour bridge closes to cars, council says")
    target.write_text(edited)
    source.write_text(MARKDOWN.replace("Sam Lee", "Kim Park"))  # the source changes too
    report = ingest(config, progress=False)
    assert report.kept == (target,)
    assert target.read_text() == edited


def test_a_changed_source_refreshes_a_post_nobody_edited(tmp_path):
    config = make_config(tmp_path)
    source = add(config, "a.md", MARKDOWN)
    ingest(config, progress=False)
    source.write_text(MARKDOWN.replace("Sam Lee", "Kim Park"))
    report = ingest(config, progress=False)
    assert report.written == (config.posts_dir / "a.md",)
    assert read_post(config.posts_dir / "a.md").authors == ("Kim Park",)


def test_deleting_the_cache_changes_nothing_but_time(tmp_path):
    config = make_config(tmp_path)
    add(config, "a.md", MARKDOWN)
    add(config, "b.txt", ARTICLE)
    ingest(config, progress=False)
    first = {p.name: p.read_text() for p in config.posts_dir.iterdir()}
    shutil.rmtree(config.cache_dir)
    shutil.rmtree(config.posts_dir)
    ingest(config, progress=False)
    assert {p.name: p.read_text() for p in config.posts_dir.iterdir()} == first


def test_bad_sources_are_skipped_with_a_reason_and_the_rest_goes_on(tmp_path):
    config = make_config(tmp_path)
    add(config, "empty.txt", b"")
    add(config, "image.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20)
    add(config, "good.md", MARKDOWN)
    report = ingest(config, progress=False)
    assert [p.name for p, _ in report.skipped] == ["empty.txt", "image.jpg"]
    assert all(reason for _, reason in report.skipped)
    assert [p.name for p in report.written] == ["good.md"]


def test_sources_in_subfolders_and_with_the_same_stem_get_distinct_stable_ids(tmp_path):
    config = make_config(tmp_path)
    add(config, "story.md", MARKDOWN)
    add(config, "more/story.md", MARKDOWN.replace("Sam Lee", "Kim Park"))
    add(config, "more/other.md", MARKDOWN)
    ingest(config, progress=False)
    assert sorted(p.name for p in config.posts_dir.iterdir()) == ["more-story-md.md", "other.md", "story-md.md"]
    assert read_post(config.posts_dir / "more-story-md.md").source == "sources/more/story.md"


def test_encodings_and_shapes_are_told_by_content(tmp_path):
    config = make_config(tmp_path)
    add(config, "jekyll.txt", MARKDOWN.encode("utf-16"))
    page = ("<html><head><meta charset='windows-1252'><title>Caf\xe9 closes</title>"
            "<meta property='og:title' content='Caf\xe9 closes'></head><body><article><h1>Caf\xe9 closes</h1>"
            + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")) + "</article></body></html>")
    add(config, "page.dat", page.encode("cp1252"))
    report = ingest(config, progress=False)
    assert not report.skipped
    assert read_post(config.posts_dir / "jekyll.md").title == "Harbour bridge to close"
    assert read_post(config.posts_dir / "page.md").title == "Café closes"


def test_many_sources_run_in_parallel_with_the_same_result(tmp_path):
    config = make_config(tmp_path)
    for number in range(12):
        add(config, f"s{number:02}.md", MARKDOWN.replace("Sam Lee", f"Author Number{chr(65 + number)}"))
    report = ingest(config, progress=False)
    assert len(report.written) == 12
    assert read_post(config.posts_dir / "s03.md").authors == ("Author NumberD",)


def test_sources_of_every_size_read_by_the_workers_give_the_posts_read_one_by_one(tmp_path):
    """The workers take the largest sources first and share what the parent loaded: nothing of that shows."""
    from newsdigest.ingest.outlets import OutletBook
    from newsdigest.ingest.source import process_source

    config = make_config(tmp_path)
    for number in range(10):
        paragraphs = "\n\n".join([ARTICLE.strip()] * (1 + number % 4))
        text = f"Bridge number {number} closes\n\nBy Sam Lee{chr(65 + number)}\n\n{paragraphs}\n"
        add(config, f"s{number}.txt", text if number % 2 else f"<html><body><h1>Bridge number {number} closes</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs.split("\n\n")) + "</body></html>")
    report = ingest(config, progress=False)
    assert len(report.written) == 10
    for number in range(10):
        source = config.sources_dir / f"s{number}.txt"
        alone = process_source(source.read_bytes(), f"sources/s{number}.txt", f"s{number}", config.timezone.key,
                               OutletBook())
        assert (config.posts_dir / f"s{number}.md").read_text(encoding="utf-8") == alone.text


def test_explain_shows_each_line_kept_or_dropped(tmp_path):
    config = make_config(tmp_path)
    path = add(config, "a.md", MARKDOWN)
    console = Console(record=True, width=200)
    explain(path, config, console)
    shown = console.export_text()
    assert "read as markdown" in shown
    assert "keep The city council voted" in shown
    assert "Harbour bridge to close" in shown


SEEDS = ROOT / "content" / "sources"


@pytest.fixture(scope="module")
def seed_posts(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seeds")
    config = make_config(tmp)
    for path in SEEDS.iterdir():
        shutil.copy(path, config.sources_dir / path.name)
    report = ingest(config, progress=False)
    assert not report.skipped
    return {post.source.split("/")[-1][:3]: post for post in map(read_post, config.posts_dir.glob("*.md"))}


def test_seed_headlines(seed_posts):
    assert seed_posts["000"].title == "Update: Moscow rejects Western security guarantees for Ukraine"
    assert seed_posts["002"].title == "Moscow Rejects Ukraine Security Guarantees Plan"
    assert seed_posts["003"].title == "Moscow Opposes Western Forces as Security Providers in Ukraine"
    assert seed_posts["004"].title == "Putin Rejects Western Security Proposals for Ukraine, Threatening Military Action"
    assert seed_posts["001"].title_derived and seed_posts["001"].title.startswith("The Kremlin has dismissed")
    assert not any(seed_posts[k].title_derived for k in ("000", "002", "003", "004"))


def test_seed_bylines_dates_and_front_matter(seed_posts):
    jekyll = seed_posts["000"]
    assert jekyll.authors == ("badely",)
    assert jekyll.published.isoformat() == "2025-09-05T05:12:02+01:00"
    assert jekyll.tags == ("News",)
    assert jekyll.image == "assets/images/320bc17371b7d40754cd7166bfbac9a5.jpg"
    assert seed_posts["001"].authors == ("Erizia Rubyjeana",)
    gazette = seed_posts["002"]
    assert gazette.authors == ("Ethan Collins",)
    assert gazette.published.isoformat() == "2025-09-06"
    assert gazette.updated.isoformat().startswith("2026-01-29T09:50")
    assert gazette.outlet == "Global Gazette"
    assert seed_posts["004"].published.isoformat() == "2025-09-05"


def test_explain_a_text_dump_and_a_page_line_by_line(tmp_path):
    config = make_config(tmp_path)
    dump = add(config, "dump.txt", "Home\nNews\nSport\nSign in\n\nHarbour bridge to close\n\n" + ARTICLE
               + "\nShare this article\nFollow us on Facebook\n© 2025 Riverside Post\n")
    console = Console(record=True, width=250)
    explain(dump, config, console)
    shown = console.export_text()
    assert "read as text" in shown
    assert "keep The city council voted" in shown
    assert "drop Sign in" in shown and "— " in shown.split("drop Sign in", 1)[1].split("\n", 1)[0]

    page = add(config, "page.html", "<html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav><article>"
               "<h1>Harbour bridge to close</h1>" + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
               + "</article><footer><p>Contact the newsroom</p></footer></body></html>")
    console = Console(record=True, width=250)
    explain(page, config, console)
    shown = console.export_text()
    assert "keep The city council voted" in shown
    assert "drop Contact the newsroom  — outside the article: page footer" in shown
    assert "keep Harbour bridge to close  — the headline (the post's title)" in shown


def test_explain_shows_a_date_stated_without_a_time_as_that_day(tmp_path):
    """A day is not midnight: the explanation writes the date as the post file will."""
    config = make_config(tmp_path)
    dump = add(config, "dated.txt", "Harbour bridge to close\n\nBy Ana Ruiz\n12 March 2025\n\n" + ARTICLE)
    console = Console(record=True, width=250)
    explain(dump, config, console)
    published = [line for line in console.export_text().splitlines() if line.strip().startswith("published:")]
    assert published and all("2025-03-12" in line and "T00:00" not in line for line in published)
