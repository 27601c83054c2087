"""Work is forked only where a fork is safe: never while another thread runs (a preview server's watcher, a
progress bar), whose held locks a forked child would inherit and wait on for ever."""

import os
import threading
from pathlib import Path

from conftest import ROOT

from newsdigest import build_state, workers
from newsdigest.config import load_config
from newsdigest.ingest import ingest
from newsdigest.postfile import read_post
from newsdigest.workers import fork_workers


def test_a_big_batch_on_several_cores_is_forked_and_a_small_one_is_not(monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 4)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert fork_workers(50, from_jobs=24) == 4
    assert fork_workers(50, from_jobs=24, most=2) == 2
    assert fork_workers(23, from_jobs=24) == 0
    monkeypatch.setattr(workers, "cores", lambda: 1)
    assert fork_workers(50, from_jobs=24) == 0


def test_no_fork_while_another_thread_runs(monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 4)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert fork_workers(50, from_jobs=24) == 0
    finally:
        release.set()
        other.join()


def test_a_server_thread_ingesting_many_sources_reads_them_all_without_forking(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(build_state, "RECENT_NS", -1)  # trust states at once: the files of a test are seconds old
    monkeypatch.setattr(workers, "cores", lambda: 2)
    sources = tmp_path / "content" / "sources"
    sources.mkdir(parents=True)
    body = ("The harbour board opened the rebuilt north pier on Monday after two years of work, and its engineer said "
            "the pier would stand a storm twice as strong as the one that broke it.\n")
    for n in range(12):
        (sources / f"pier-{n:02}.md").write_text(f"---\ntitle: Pier report {n}\ndate: 2025-03-05\n---\n\n{body}")
    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "out",
                         cache_dir=tmp_path / "cache")
    forks: list[int] = []
    watching = True
    os.register_at_fork(before=lambda: watching and forks.append(os.getpid()))
    release = threading.Event()
    watcher = threading.Thread(target=release.wait)  # as the preview server's file watcher runs beside its builds
    watcher.start()
    try:
        report = ingest(config, progress=False)
    finally:
        watching = False
        release.set()
        watcher.join()
    assert forks == []
    assert len(report.written) == 12
    titles = sorted(read_post(path).title for path in (tmp_path / "content" / "posts").glob("*.md"))
    assert titles == sorted(f"Pier report {n}" for n in range(12))
