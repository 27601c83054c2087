"""Ingest remembers what it found per source; a post it wrote moments ago is checked by its bytes."""

from __future__ import annotations

import time

from test_ingest import MARKDOWN, add, make_config

from newsdigest import build_state
from newsdigest.ingest import ingest, run


def test_posts_written_moments_ago_are_checked_not_trusted(tmp_path, monkeypatch):
    config = make_config(tmp_path)
    add(config, "a.md", MARKDOWN)
    add(config, "b.md", MARKDOWN.replace("Sam Lee", "Kim Park"))
    time.sleep(0.5)
    monkeypatch.setattr(build_state, "RECENT_NS", 200_000_000)  # the sources are old enough, the posts not yet
    ingest(config, progress=False)
    edited = config.posts_dir / "b.md"
    edited.write_text(edited.read_text().replace("Harbour bridge to close", "The harbour bridge will close"))

    read: list[str] = []
    reader = run.read_source_file
    monkeypatch.setattr(run, "read_source_file", lambda path, *a: (read.append(path.name), reader(path, *a))[1])
    report = ingest(config, progress=False)
    assert report.unchanged == (config.posts_dir / "a.md",) and report.kept == (edited,)  # the edit is the editor's
    assert read == ["b.md"]  # the untouched post was checked by its bytes, its source not read again
