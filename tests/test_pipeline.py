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
