"""Ingest's stat-only path: a source whose file and post are untouched is not read again, and any change is seen."""

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT

from newsdigest import build_state
from newsdigest.config import load_config
from newsdigest.ingest import ingest
from newsdigest.postfile import read_post

BODY = ("The river authority opened the new flood gates on Monday after three years of building work, "
        "and engineers said the gates would hold back a flood twice as high as the one that struck the town.\n\n"
        "Residents of the lower streets watched the first test from the embankment.\n")


def source(title: str) -> str:
    return f"---\ntitle: {title}\ndate: 2025-03-05T18:30:00\n---\n\n{BODY}"


@pytest.fixture
def config(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(build_state, "RECENT_NS", -1)  # trust states at once: the files of a test are seconds old
    (tmp_path / "content" / "sources").mkdir(parents=True)
    return load_config(ROOT / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "out",
                       cache_dir=tmp_path / "cache")


def test_a_source_rewritten_with_the_same_size_and_time_is_read_again(config):
    path = config.sources_dir / "gates.md"
    path.write_text(source("Flood gates open"), encoding="utf-8")
    ingest(config, progress=False)
    before = path.stat()
    path.write_text(source("Flood gates shut"), encoding="utf-8")  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    report = ingest(config, progress=False)
    assert report.written == (config.posts_dir / "gates.md",)
    assert read_post(config.posts_dir / "gates.md").title == "Flood gates shut"


def test_untouched_files_repeat_the_last_report_and_a_removed_post_is_written_again(config):
    (config.sources_dir / "gates.md").write_text(source("Flood gates open"), encoding="utf-8")
    (config.sources_dir / "empty.txt").write_text("\n", encoding="utf-8")
    first = ingest(config, progress=False)
    again = ingest(config, progress=False)
    assert again.unchanged == first.written and again.skipped == first.skipped and first.skipped
    (config.posts_dir / "gates.md").unlink()
    assert ingest(config, progress=False).written == (config.posts_dir / "gates.md",)
    assert read_post(config.posts_dir / "gates.md").title == "Flood gates open"


def test_posts_written_moments_ago_are_checked_not_trusted(tmp_path, monkeypatch):
    from newsdigest.ingest import run

    (tmp_path / "content" / "sources").mkdir(parents=True)
    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "out",
                         cache_dir=tmp_path / "cache")
    sources = {}
    for name, title in (("gates.md", "Flood gates open"), ("bridge.md", "Bridge reopens")):
        (config.sources_dir / name).write_text(source(title), encoding="utf-8")
        sources[name] = (config.sources_dir / name).stat().st_ino
    # The sources are old enough to trust, the posts ingest writes are not, however long ingest takes.
    monkeypatch.setattr(run, "settled", lambda state, now: state[3] in sources.values())
    ingest(config, progress=False)
    states = json.loads((config.cache_dir / "ingest" / run.STATES).read_text(encoding="utf-8"))["sources"]
    recorded = {Path(path).name: state for path, state in states.items()}
    assert set(recorded) == set(sources) and all(len(state) == 6 for state in recorded.values())  # by their bytes
    edited = config.posts_dir / "bridge.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Bridge reopens", "The bridge reopens"),
                      encoding="utf-8")

    read: list[str] = []
    reader = run.read_source_file
    monkeypatch.setattr(run, "read_source_file", lambda path, *a: (read.append(path.name), reader(path, *a))[1])
    report = ingest(config, progress=False)
    assert report.unchanged == (config.posts_dir / "gates.md",) and report.kept == (edited,)  # the editor's edit
    assert read == ["bridge.md"]  # the untouched post was checked by its bytes, its source not read again
