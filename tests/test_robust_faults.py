"""Faults an editor or the machine can cause end as one line naming the file, a non-zero exit, nothing written."""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest
from robust_fixtures import run, small_site


def _built(tmp_path, capsys):
    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0
    return site


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_an_unreadable_post_is_one_line(tmp_path, capsys):
    site = _built(tmp_path, capsys)
    before = site.tree()
    (site.posts / "broken.md").symlink_to(tmp_path / "nowhere.md")
    status, _out, err = run(capsys, "build", *site.options())
    line = _one_line(err)
    assert status == 1 and "broken.md" in line and "cannot read" in line
    (site.posts / "broken.md").unlink()
    assert site.tree() == before


def test_a_folder_named_like_a_post_is_one_line(tmp_path, capsys):
    site = _built(tmp_path, capsys)
    (site.posts / "folder.md").mkdir()
    status, _out, err = run(capsys, "build", *site.options())
    line = _one_line(err)
    assert status == 1 and "folder.md" in line and "folder" in line


def test_a_post_the_system_refuses_to_read_is_one_line(tmp_path, capsys, monkeypatch):
    site = _built(tmp_path, capsys)
    target = site.posts / "story-1.md"
    real_open = io.open

    def refusing(file, *args, **kwargs):
        if Path(str(file)) == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", refusing)
    status, _out, err = run(capsys, "build", *site.options())
    line = _one_line(err)
    assert status == 1 and "story-1.md" in line and "permission denied" in line


def test_an_about_page_that_is_not_utf8_is_one_line_and_keeps_the_site(tmp_path, capsys):
    site = _built(tmp_path, capsys)
    (site.content / "about.md").write_bytes(b"# About\n\nCaf\xe9 \xff\xfe")
    before = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    status, _out, err = run(capsys, "build", *site.options())
    line = _one_line(err)
    assert status == 1 and "about.md" in line and "not UTF-8" in line
    assert {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("garbage", [os.urandom(300), b"\x00" * 50, b"[1, 2", b'{"stories": 5}', b'"x"'])
def test_a_registry_of_garbage_is_only_lost_history(tmp_path, capsys, garbage):
    site = _built(tmp_path, capsys)
    registry = site.content / "stories" / "registry.json"
    registry.write_bytes(garbage)
    status, _out, err = run(capsys, "build", *site.options())
    assert status == 0 and "Traceback" not in err
    assert registry.read_text(encoding="utf-8").startswith("{")


def test_a_registry_that_is_a_folder_is_one_line(tmp_path, capsys):
    site = _built(tmp_path, capsys)
    registry = site.content / "stories" / "registry.json"
    registry.unlink()
    registry.mkdir()
    (registry / "keep.txt").write_text("the editor's")
    before = site.tree()
    status, _out, err = run(capsys, "build", *site.options())
    line = _one_line(err)
    assert status == 1 and "registry.json" in line and "folder" in line
    assert site.tree() == before


def _refuse_writes_under(monkeypatch, folder: Path, code: int) -> None:
    """Make every write into `folder` fail with `code` (EROFS: read-only; ENOSPC: the disk is full)."""
    folder = Path(os.path.realpath(folder))
    message = os.strerror(code)

    def inside(path) -> bool:
        try:
            return Path(os.path.realpath(os.fspath(path))).is_relative_to(folder)
        except TypeError:
            return False

    def wrap(function, argument=0):
        def refusing(*args, **kwargs):
            where = kwargs.get("dir") if argument == "dir" else (args[argument] if len(args) > argument else None)
            if where is not None and inside(where):
                raise OSError(code, message, os.fspath(where))
            return function(*args, **kwargs)
        return refusing

    import tempfile

    for name in ("mkdir", "rename", "replace", "unlink", "rmdir", "mkfifo"):
        monkeypatch.setattr(os, name, wrap(getattr(os, name)))
    real_os_open = os.open
    monkeypatch.setattr(os, "open", lambda path, flags, *a, **k: (
        (_ for _ in ()).throw(OSError(code, message, os.fspath(path)))
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and inside(path) else real_os_open(path, flags, *a, **k)))
    monkeypatch.setattr(tempfile, "mkstemp", wrap(tempfile.mkstemp, "dir"))
    monkeypatch.setattr(tempfile, "mkdtemp", wrap(tempfile.mkdtemp, "dir"))
    real_open = io.open

    def opening(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+") and inside(file):
            raise OSError(code, message, os.fspath(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", opening)
    monkeypatch.setattr(builtins, "open", opening)


@pytest.mark.parametrize("code, words", [(errno.EROFS, "read-only"), (errno.EACCES, "permission denied"),
                                         (errno.ENOSPC, "disk is full")])
@pytest.mark.parametrize("where", ["output parent", "posts", "stories"])
def test_a_folder_that_refuses_writes_is_one_line(tmp_path, capsys, monkeypatch, code, words, where):
    site = small_site(tmp_path / "site")
    if where == "output parent":
        output = tmp_path / "published" / "output"
        output.parent.mkdir()
        folder, options = output.parent, site.options(output=output)
    else:
        assert run(capsys, "build", *site.options())[0] == 0
        folder, options = site.content / where, site.options()
        for post in site.posts.glob("*.md"):
            post.unlink()  # ingest has posts to write again
        (site.content / "stories" / "registry.json").unlink()
    before = site.tree()
    _refuse_writes_under(monkeypatch, folder, code)
    status, _out, err = run(capsys, "build", *options)
    line = _one_line(err)
    assert status == 1 and words in line, line
    assert str(folder) in line or folder.name in line, line
    if where == "output parent":
        assert site.tree() == before, "refused before ingest wrote anything"
        assert list(folder.iterdir()) == []


def test_a_full_disk_while_rendering_keeps_the_last_site(tmp_path, capsys, monkeypatch):
    site = _built(tmp_path, capsys)
    (site.sources / "story-9.txt").write_text(site.sources.joinpath("story-0.txt").read_text() + "\nMore.\n")
    before = {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    from newsdigest.site import writer

    real = writer.Writer.write_bytes
    calls = []

    def filling(self, path, data, *args, **kwargs):
        calls.append(path)
        if len(calls) > 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, path, data, *args, **kwargs)

    monkeypatch.setattr(writer.Writer, "write_bytes", filling)
    status, _out, err = run(capsys, "build", *site.options())
    line = _one_line(err)
    assert status == 1 and "disk is full" in line and str(site.output) in line
    assert {p: p.read_bytes() for p in site.output.rglob("*") if p.is_file()} == before
    assert [p.name for p in site.root.iterdir() if p.name.startswith(".output")] in ([], [".output.lock"])


def test_debug_shows_the_traceback(tmp_path, capsys):
    site = _built(tmp_path, capsys)
    (site.content / "about.md").write_bytes(b"\xff\xfe")
    status, _out, err = run(capsys, "build", "--debug", *site.options())
    assert status == 1 and "Traceback" in err and "about.md" in err
