"""Publishing is all or nothing: a failed build leaves the last good site untouched."""

import pytest

import newsdigest.pipeline as pipeline
from newsdigest.config import load_config
from conftest import ROOT


def test_a_failed_render_leaves_the_last_good_site(tmp_path, monkeypatch):
    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "out",
                         cache_dir=tmp_path / "cache")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("last good site")

    def broken_render(stories, config):
        (config.output_dir / "index.html").write_text("half a site")
        raise RuntimeError("template exploded")

    monkeypatch.setattr(pipeline, "render", broken_render)
    with pytest.raises(RuntimeError):
        pipeline.publish((), config)
    assert (tmp_path / "out" / "index.html").read_text() == "last good site"
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "no staging folder is left behind"


def test_a_successful_render_replaces_the_site_whole(tmp_path, monkeypatch):
    config = load_config(ROOT / "site.toml", output_dir=tmp_path / "out")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".newsdigest-output").write_text("")  # published by an earlier build
    (tmp_path / "out" / "stale.html").write_text("old page")

    def render(stories, config):
        (config.output_dir / "index.html").write_text("new site")

    monkeypatch.setattr(pipeline, "render", render)
    pipeline.publish((), config)
    assert (tmp_path / "out" / "index.html").read_text() == "new site"
    assert not (tmp_path / "out" / "stale.html").exists()


def _write_post(folder, name: str, post_id: str, title: str) -> None:
    (folder / name).write_text(f"---\nid: {post_id}\ntitle: {title}\noutlet: Test Wire\nsource: sources/{name}\n"
                               "published: 2026-01-05T10:00:00+00:00\n---\n\nA body of text.\n", encoding="utf-8")


def test_reloading_only_the_changed_post_files_reads_what_a_whole_reading_does(tmp_path):
    from newsdigest.errors import ContentError

    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content")
    posts_dir = config.posts_dir
    posts_dir.mkdir(parents=True)
    for n in range(4):
        _write_post(posts_dir, f"p{n}.md", f"p{n}", f"Title {n}")
    (posts_dir / "README.md").write_text("What this folder is for.\n", encoding="utf-8")
    before = pipeline.load_posts(config)
    _write_post(posts_dir, "p1.md", "p1", "A new title")
    _write_post(posts_dir, "p9.md", "p9", "Another post")
    (posts_dir / "p2.md").unlink()
    changed = [posts_dir / name for name in ("p1.md", "p9.md", "p2.md", "README.md", "notes.txt")]
    again = pipeline.reload_posts(config, before, changed)
    assert again == pipeline.load_posts(config)
    assert [p.title for p in again if p.id == "p1"] == ["A new title"] and "p2" not in {p.id for p in again}

    _write_post(posts_dir, "p5.md", "p0", "Same id as p0")
    with pytest.raises(ContentError) as whole:
        pipeline.load_posts(config)
    with pytest.raises(ContentError) as changed_only:
        pipeline.reload_posts(config, again, [posts_dir / "p5.md"])
    assert str(changed_only.value) == str(whole.value) and "p5.md" in str(whole.value)


def test_an_editors_lock_and_hidden_files_are_not_posts(tmp_path):
    """Emacs's lock beside an open post (`.#p1.md`, a link to nowhere) and a hidden `.draft.md` are not posts:
    a build, `check` and the preview server (whose watcher drops them as noise) read the same posts."""
    from newsdigest.check import check

    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content")
    posts_dir = config.posts_dir
    posts_dir.mkdir(parents=True)
    for n in range(2):
        _write_post(posts_dir, f"p{n}.md", f"p{n}", f"Title {n}")
    (posts_dir / ".#p1.md").symlink_to("editor@host.4242:1700000000")
    _write_post(posts_dir, ".draft.md", "draft", "Not yet")
    posts = pipeline.load_posts(config)
    assert [post.id for post in posts] == ["p0", "p1"]
    assert pipeline.reload_posts(config, posts, [posts_dir / ".#p1.md", posts_dir / ".draft.md"]) == posts
    assert check(config).problems == ()
