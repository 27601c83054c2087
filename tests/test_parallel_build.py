"""A build spread over forked workers publishes the same bytes as one that does everything in-process.

Story analysis, page rendering and Markdown conversion fork worker processes
when a build has enough of each to repay them, and only from a single-threaded
process. Under pytest (its timeout runs a thread) every in-process build takes
the serial paths, so the forked ones are checked here through the real command
line in a child process, on a generated site just large enough to cross all
three thresholds: several hundred Markdown sources, five outlets' versions of
each story. A worker that dropped, reordered or mixed up its share would show
as a page, a feed or the stories file that differs from the serial build's.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from build_fixtures import build_site_at, site_tree
from conftest import ROOT

from newsdigest.site import markdown_html
from newsdigest.stories import story_cache

sys.path.append(str(ROOT / "bench"))  # the peer benchmark's corpus generator

from peer_corpus import articles, write_newsdigest  # noqa: E402

render = importlib.import_module("newsdigest.site.render")  # the package's `render` is the stage's entry function

pytestmark = pytest.mark.slow

STORIES = 70
"""Five versions each: 350 posts in some dozens of stories (grouping joins some), about 430 pages; sixty stories
make 380 pages, under the pages' threshold (`render.PARALLEL_MIN`)."""

FORKED = {"story analysis": "story_cache.py:_compute", "page rendering": "render.py:_render_pages",
          "Markdown conversion": "markdown_html.py:convert_ahead"}
"""Each forked path, by the function of this package that starts its workers."""

_FORK_LOG_HOOK = '''\
"""Loaded by the child build (its folder is on PYTHONPATH): each forked process writes the newsdigest functions
on the stack it was forked from, one line per fork."""
import os
import traceback


def _note_fork():
    frames = [f"{os.path.basename(f.filename)}:{f.name}" for f in traceback.extract_stack()
              if f"{os.sep}newsdigest{os.sep}" in f.filename]
    with open(os.environ["NEWSDIGEST_TEST_FORK_LOG"], "a", encoding="utf-8") as log:
        log.write(" ".join(frames) + "\\n")


os.register_at_fork(after_in_child=_note_fork)
'''


def _build_forked(tmp: Path, content: Path, output: Path, cache: Path) -> set[str]:
    """Build with `python build.py build` in a single-threaded child process; the package functions that forked."""
    hook, log = tmp / "fork-hook", tmp / "forks.log"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(_FORK_LOG_HOOK, encoding="utf-8")
    log.write_text("", encoding="utf-8")
    env = {**os.environ, "NEWSDIGEST_TEST_FORK_LOG": str(log),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                          "--output", str(output), "--cache", str(cache), "--config", str(ROOT / "site.toml")],
                         cwd=tmp, env=env, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stdout + run.stderr
    return {name for line in log.read_text(encoding="utf-8").splitlines() for name in line.split()}


def test_forked_workers_publish_the_same_bytes_as_the_serial_build(tmp_path, monkeypatch):
    write_newsdigest(tmp_path / "forked", articles(STORIES))
    shutil.copytree(tmp_path / "forked", tmp_path / "serial")
    forked = tmp_path / "forked"

    forkers = _build_forked(tmp_path, forked / "content", forked / "output", forked / "cache")
    missing = [path for path, forker in FORKED.items() if forker not in forkers]
    assert not missing, f"the child build took the serial path for {missing} (it forked from: {sorted(forkers)})"

    # The same content in-process, every path serial whatever threads this process runs.
    for module, threshold in ((story_cache, "PARALLEL_MIN"), (render, "PARALLEL_MIN"),
                              (markdown_html, "PARALLEL_FROM")):
        monkeypatch.setattr(module, threshold, sys.maxsize)
    serial = tmp_path / "serial"
    build_site_at(serial / "content", serial / "output", serial / "cache")

    site, serial_site = site_tree(forked / "output"), site_tree(serial / "output")
    differ = sorted(path for path in site.keys() | serial_site.keys() if site.get(path) != serial_site.get(path))
    assert not differ, f"{len(differ)} files differ between the forked and the serial build: {differ[:10]}"
    assert site_tree(forked / "content") == site_tree(serial / "content"), "the posts and the story registry"

    shutil.rmtree(forked / "cache")  # nothing changed, but every story is analysed again, in workers
    forkers = _build_forked(tmp_path, forked / "content", forked / "output", forked / "cache")
    assert FORKED["story analysis"] in forkers, f"the rebuild forked from: {sorted(forkers)}"
    assert site_tree(forked / "output") == site, "the build without its cache changed the site"
