"""Publishing under kills and contention: `output/` exists at every instant, leftovers go, builds take turns.

These tests kill real build processes with SIGKILL, the one signal a program
cannot clean up after.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT
from robust_fixtures import article, run, small_site

from newsdigest import publish
from newsdigest.publish import MARKER

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and SIGKILL")

SOURCES = 16
"""Enough sources for ingest to run in worker processes."""


def _start_build(site) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", *site.options()], cwd=site.root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _group_alive(group: int) -> list[int]:
    """Processes of a process group that still run (zombies waiting for a reaper do not count)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _wait_until(condition, limit: float = 60.0, step: float = 0.02) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return condition()


def _leftovers(site) -> list[str]:
    found = [p.name for p in site.root.iterdir() if p.name.startswith(".output.") and p.name != ".output.lock"]
    for folder in (site.posts, site.content / "stories", site.cache):
        found += [str(p) for p in folder.rglob(".*") if ".tmp-" in p.name]
    return found


def _edit_sources(site, round_: int) -> None:
    for n in range(SOURCES):
        site.add(f"story-{n}.txt", article(n, f"round {round_}"))


def test_sigkilled_builds_never_leave_the_site_without_output_and_the_next_build_cleans_up(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=SOURCES)
    assert run(capsys, "build", *site.options())[0] == 0
    missing: list[float] = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if not (site.output / "index.html").is_file():
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    chance = random.Random(13)
    try:
        for round_ in range(6):
            _edit_sources(site, round_)
            build = _start_build(site)
            time.sleep(chance.uniform(0.2, 3.0))
            os.kill(build.pid, signal.SIGKILL)
            build.wait()
            assert _wait_until(lambda: not _group_alive(build.pid)), "the build's workers died with it"
            assert (site.output / MARKER).is_file() and (site.output / "index.html").is_file()
    finally:
        stop.set()
        watcher.join()
    assert missing == [], "output/index.html was missing at some instant"
    assert run(capsys, "build", *site.options())[0] == 0
    assert _leftovers(site) == []


def test_ingest_workers_die_with_a_killed_build(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=SOURCES)
    _edit_sources(site, 1)
    build = _start_build(site)
    try:
        assert _wait_until(lambda: len(_children(build.pid)) >= 2 or build.poll() is not None)
        workers = _children(build.pid)
        assert workers, "the build started ingest workers"
    finally:
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
    assert _wait_until(lambda: not _group_alive(build.pid)), f"workers still running: {_group_alive(build.pid)}"


def test_leftovers_of_dead_builds_are_removed_and_a_living_ones_kept(tmp_path, capsys):
    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = int(dead.stdout)
    living = os.getppid()  # the process that runs the tests: alive for sure
    made = [
        site.root / f".output.staging-{gone}-abc",
        site.root / f".output.retired-{gone}-0",
        site.posts / f".story-0.md.tmp-{gone}-x1",
        site.content / "stories" / f".registry.json.tmp-{gone}-x2",
        site.cache / "ingest" / f".ab.json.tmp-{gone}-x3",
    ]
    for path in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        if "staging" in path.name or "retired" in path.name:
            path.mkdir()
            (path / "index.html").write_text("half")
        else:
            path.write_text("half")
    kept = site.root / f".output.staging-{living}-def"
    kept.mkdir()
    publish.clean_leftovers(site.config())
    assert [p for p in made if p.exists()] == []
    assert kept.is_dir(), "a running process's staging folder is left alone"


def test_a_kill_between_the_fallback_renames_is_repaired_by_the_next_build(tmp_path, capsys, monkeypatch):
    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0
    old_index = (site.output / "index.html").read_bytes()
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)  # a system without RENAME_EXCHANGE
    real_rename = os.rename

    class Killed(BaseException):
        pass

    def rename_then_die(source, target):
        real_rename(source, target)
        if ".retired-" in os.fspath(target):
            raise Killed  # the process ends here, between the two renames

    monkeypatch.setattr(os, "rename", rename_then_die)
    config = site.config()
    staging = publish.new_staging(config)
    (staging / "index.html").write_text("new")
    with pytest.raises(Killed):
        publish.swap_in(staging, config)
    monkeypatch.setattr(os, "rename", real_rename)
    assert not site.output.exists()
    monkeypatch.setattr(publish, "_alive", lambda pid: False)  # the killed build is gone
    publish.clean_leftovers(config)
    assert (site.output / "index.html").read_bytes() == old_index
    assert _leftovers(site) == []


def test_the_exchange_keeps_output_in_place_on_this_system(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    assert publish._exchange(a, b), "renameat2(RENAME_EXCHANGE) works here"
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_a_second_build_waits_for_the_first_to_publish(tmp_path, capsys):
    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0
    site.add("story-9.txt", article(9))
    before = (site.output / "stories.json").read_bytes()
    with publish.site_lock(site.config()):
        second = _start_build(site)
        try:
            assert _wait_until(lambda: any(" -> FLOCK" in line and f" {second.pid} " in line
                                           for line in Path("/proc/locks").read_text().splitlines())
                               or second.poll() is not None), "the second build waits on the lock"
            assert second.poll() is None
            assert (site.output / "stories.json").read_bytes() == before
            assert not (site.posts / "story-9.md").exists(), "it waits before ingest too"
        except BaseException:
            second.kill()
            raise
    assert second.wait(timeout=300) == 0, second.stderr.read()
    assert (site.posts / "story-9.md").exists()


def test_concurrent_builds_all_succeed_and_leave_one_whole_site(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=4)
    builds = [_start_build(site) for _ in range(3)]
    assert [b.wait(timeout=300) for b in builds] == [0, 0, 0], [b.stderr.read() for b in builds]
    assert (site.output / MARKER).is_file() and (site.output / "stories.json").is_file()
    assert _leftovers(site) == []


def test_a_render_that_fails_over_a_published_site_changes_none_of_its_files(tmp_path, capsys, monkeypatch):
    """A build over a published site writes its changed files beside them first: a failure before it has
    rendered everything leaves every published file as it was, and none of its temporary files."""
    import importlib

    from newsdigest import pipeline

    render_module = importlib.import_module("newsdigest.site.render")  # the module, not the function of that name

    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0

    def published() -> dict[str, bytes]:
        return {p.relative_to(site.output).as_posix(): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}

    before = published()
    site.add("story-0.txt", article(0, "a new paragraph that changes the pages of this story"))

    def fail(*_args, **_kwargs):
        raise RuntimeError("the feeds failed")

    monkeypatch.setattr(render_module, "write_feeds", fail)  # pages are written by then, feeds not yet
    with pytest.raises(RuntimeError):
        pipeline.build(site.config(), progress=False)
    assert published() == before, "no temporary file is left, no published file changed"
    monkeypatch.undo()
    assert run(capsys, "build", *site.options())[0] == 0
    assert published() != before
