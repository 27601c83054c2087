"""A wrong `--output` is refused before anything is touched; a folder newsdigest did not write is never replaced."""

from __future__ import annotations

import os

import pytest
from robust_fixtures import run, small_site

from newsdigest.publish import MARKER


def _wrong_outputs(site):
    """Folders an output must never be, contain or sit inside (relative to the site folder)."""
    return {
        "content": site.content,
        "the site folder": site.root,
        "sources": site.sources,
        "cache": site.cache,
        "above the site": site.root.parent,
        "inside sources": site.sources / "out",
        "inside posts": site.posts / "out",
        "inside stories": site.content / "stories" / "out",
        "inside cache": site.cache / "out",
    }


@pytest.mark.parametrize("which", ["content", "the site folder", "sources", "cache", "above the site",
                                   "inside sources", "inside posts", "inside stories", "inside cache"])
@pytest.mark.parametrize("command", ["build", "serve"])
def test_an_output_folder_that_would_destroy_the_site_is_refused_before_anything_is_written(
        tmp_path, capsys, which, command):
    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0  # a cache, posts and a registry to lose
    before = site.tree()
    target = _wrong_outputs(site)[which]
    status, _out, err = run(capsys, command, *site.options(output=target))
    assert status == 1
    assert len(err.strip().splitlines()) == 1 and "output folder" in err, err
    assert site.tree() == before, "nothing in the site changed"
    assert not target.exists() or which in ("content", "the site folder", "sources", "cache", "above the site")


def test_an_output_beside_the_folders_the_build_reads_is_built_and_leaves_them_alone(tmp_path, capsys):
    """`--content c --output c/out --cache c/.cache`, as the evaluation commands build: the editor's
    folders stay as they were, the site is built, and a second build finds it up to date."""
    site = small_site(tmp_path / "site")
    cache = site.content / ".cache"
    target = site.content / "out"
    options = ["--content", str(site.content), "--output", str(target), "--cache", str(cache),
               "--config", str(site.root / "site.toml")]
    assert run(capsys, "build", *options)[0] == 0
    editor = {p: p.read_bytes() for folder in (site.sources, site.posts) for p in folder.rglob("*") if p.is_file()}
    assert (target / "index.html").is_file() and (target / MARKER).is_file()
    status, out, _err = run(capsys, "build", *options)
    assert status == 0 and "Up to date" in out, out
    assert {p: p.read_bytes() for folder in (site.sources, site.posts) for p in folder.rglob("*") if p.is_file()} \
        == editor


def test_a_relative_output_spelled_as_dot_is_refused(tmp_path, capsys, monkeypatch):
    site = small_site(tmp_path / "site")
    monkeypatch.chdir(site.root)
    before = site.tree()
    status, _out, err = run(capsys, "build", "--output", ".", "--cache", ".cache")
    assert status == 1 and "output folder" in err
    assert site.tree() == before


def test_an_output_reached_through_a_link_to_the_content_folder_is_refused(tmp_path, capsys):
    site = small_site(tmp_path / "site")
    link = tmp_path / "looks-harmless"
    link.symlink_to(site.content)
    before = site.tree()
    status, _out, err = run(capsys, "build", *site.options(output=link))
    assert status == 1 and "content folder" in err
    assert site.tree() == before


def test_a_folder_of_other_files_is_never_replaced(tmp_path, capsys):
    site = small_site(tmp_path / "site")
    mine = tmp_path / "my-notes"
    mine.mkdir()
    (mine / "notes.txt").write_text("do not lose me")
    status, _out, err = run(capsys, "build", *site.options(output=mine))
    assert status == 1 and MARKER in err and "my-notes" in err
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    assert (mine / "notes.txt").read_text() == "do not lose me"
    assert not site.posts.exists(), "refused before ingest wrote anything"


def test_the_output_is_marked_and_rebuilt_over_its_own_mark(tmp_path, capsys):
    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0
    assert (site.output / MARKER).is_file()
    (site.output / "stale.html").write_text("a page no longer made")
    assert run(capsys, "build", *site.options())[0] == 0
    assert (site.output / MARKER).is_file() and (site.output / "index.html").is_file()
    assert not (site.output / "stale.html").exists()


def test_an_empty_folder_and_a_site_built_before_the_mark_are_accepted(tmp_path, capsys):
    site = small_site(tmp_path / "site")
    site.output.mkdir()
    assert run(capsys, "build", *site.options())[0] == 0
    os.unlink(site.output / MARKER)  # as an older version left it
    assert run(capsys, "build", *site.options())[0] == 0
    assert (site.output / MARKER).is_file()


def test_an_output_that_is_a_file_is_refused(tmp_path, capsys):
    site = small_site(tmp_path / "site")
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    status, _out, err = run(capsys, "build", *site.options(output=target))
    assert status == 1 and "is a file" in err and target.read_text() == "mine"
