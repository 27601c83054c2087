"""A build publishes every page it planned, or nothing: a page (or a story's analysis) that no worker made stops
the build with a message naming it, and the last good site stays as it was; so does a forked worker that the
system kills (for want of memory), where the build used to wait for it for ever.

The builds whose renderer drops a page do it in this process (monkeypatched); `test_parallel_build` style child
builds check the forked workers the same way. Full, incremental and preview-server partial renders, which
reuse pages or are asked for only some of them, must not be taken for builds with pages missing.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys

import pytest
from build_fixtures import build_site_at, site_tree
from conftest import ROOT
from robust_fixtures import article, run, small_site

from newsdigest import pipeline
from newsdigest.stories import story_cache

sys.path.append(str(ROOT / "bench"))  # the peer benchmark's corpus generator

from peer_corpus import articles, write_newsdigest  # noqa: E402

render_module = importlib.import_module("newsdigest.site.render")  # the module, not the stage's entry function

STORIES = 70
"""As in `test_parallel_build`: enough stories and pages for analysis and rendering to fork their workers."""


def _published(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _dropping(monkeypatch, dropped: list[str]) -> None:
    """Make the page renderer skip, without a word, the last page it is given to render."""
    real = render_module._render_pages

    def render_pages(todo, env, writer):
        dropped.append(todo[-1][0].path)
        real(todo[:-1], env, writer)

    monkeypatch.setattr(render_module, "_render_pages", render_pages)


def _file(path: str) -> str:
    """The published file of a site path."""
    relative = path.lstrip("/")
    return relative + "index.html" if relative.endswith("/") or not relative else relative


def test_a_first_build_that_drops_a_page_publishes_nothing(tmp_path, capsys, monkeypatch):
    site = small_site(tmp_path / "site")
    dropped: list[str] = []
    _dropping(monkeypatch, dropped)
    status, _out, err = run(capsys, "build", *site.options())
    assert status == 1 and dropped
    assert "error:" in err and dropped[0] in err and "Traceback" not in err
    assert not site.output.exists(), "no site, rather than one with a page missing"
    assert not [p.name for p in site.root.iterdir() if ".staging-" in p.name], "no staging folder is left"


def test_a_build_over_a_published_site_that_drops_a_page_leaves_it_as_it_was(tmp_path, capsys, monkeypatch):
    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0
    before = _published(site.output)
    site.add("story-7.txt", article(7))  # a new story: its pages are rendered, the others' reused
    dropped: list[str] = []
    _dropping(monkeypatch, dropped)
    status, _out, err = run(capsys, "build", *site.options())
    assert status == 1 and dropped and dropped[0] in err and "Traceback" not in err
    assert _published(site.output) == before, "no published file changed, no temporary file is left"

    monkeypatch.undo()
    assert run(capsys, "build", *site.options())[0] == 0, "the incremental build reuses pages and passes"
    after = _published(site.output)
    assert _file(dropped[0]) in after and after != before


def test_a_story_analysis_that_gives_nothing_stops_the_build(tmp_path, capsys, monkeypatch):
    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0
    before = _published(site.output)
    site.add("story-7.txt", article(7))
    real = story_cache._findings
    lost: list[str] = []

    def findings(posts):
        if not lost:
            lost.append(posts[0].id)
            return None
        return real(posts)

    monkeypatch.setattr(story_cache, "_findings", findings)
    status, _out, err = run(capsys, "build", *site.options())
    assert status == 1 and lost and lost[0] in err and "Traceback" not in err
    assert _published(site.output) == before
    monkeypatch.undo()
    assert run(capsys, "build", *site.options())[0] == 0, "nothing wrong was kept in the cache"


def test_the_preview_servers_partial_renders_are_not_taken_for_missing_pages(tmp_path, capsys):
    """An edited post previewed on its story's own pages, a template edit rendered first on the pages open in
    a browser (from their stories alone), then the settles: each renders only some pages, and publishes them."""
    from newsdigest.serve.rebuild import Rebuilder
    from newsdigest.serve.worker import InlineRunner

    site = small_site(tmp_path / "site")
    assert run(capsys, "build", *site.options())[0] == 0
    config = site.config()
    rebuilder = Rebuilder(config, runner=InlineRunner())
    first = rebuilder.rebuild(everything=True)
    assert first.problem is None, first.problem

    post = sorted(config.posts_dir.glob("*.md"))[0]
    post.write_text(post.read_text(encoding="utf-8") + "\nA line added in the preview.\n", encoding="utf-8")
    preview = rebuilder.rebuild([post])
    assert preview.problem is None, preview.problem
    assert preview.kind == "previewed" and any(path.startswith("posts/") for path in preview.changed)
    settled = rebuilder.settle()
    assert settled is not None and settled.problem is None, settled.problem

    pages = sorted(p.relative_to(site.output).as_posix() for p in site.output.glob("posts/*/index.html"))
    story = sorted(p.relative_to(site.output).as_posix() for p in site.output.glob("stories/*/index.html"))[0]
    rebuilder.open_files = lambda: {pages[0], story, "posts/not-a-page/index.html"}
    config.templates_dir.mkdir(exist_ok=True)
    theme = importlib.import_module("newsdigest.site.theme").DEFAULT_THEME / "templates" / "post.html"
    (config.templates_dir / "post.html").write_text("<!-- edited -->" + theme.read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    shown = rebuilder.rebuild([config.templates_dir / "post.html"])
    assert shown.problem is None, shown.problem
    assert shown.changed == (pages[0],)
    settled = rebuilder.settle()
    assert settled is not None and settled.problem is None, settled.problem
    assert all((site.output / page).read_text(encoding="utf-8").startswith("<!-- edited -->") for page in pages)
    shutil.rmtree(config.templates_dir)


_DROP_HOOK = '''\
"""Loaded by the child build (its folder is on PYTHONPATH): a forked worker loses one piece of its share
without a word, as NEWSDIGEST_TEST_DROP says (the last page of the first rendering worker's share, or each
analysis worker's first story), and writes what it lost, one line each; or ("kill page", "kill analysis") the
first rendering worker, or the first analysis worker given a story, kills itself with SIGKILL, as the system's
out-of-memory killer would, and writes the stage's name."""
import importlib
import os
import signal

_PARENT = os.getpid()
_DROP = os.environ.get("NEWSDIGEST_TEST_DROP")
_lost = []


def _note(name):
    _lost.append(name)
    with open(os.environ["NEWSDIGEST_TEST_DROP_LOG"], "a", encoding="utf-8") as log:
        log.write(name + "\\n")


if _DROP == "kill page":
    _render = importlib.import_module("newsdigest.site.render")
    _real_share = _render._render_share

    def killed_share(share):
        if share[0] == 0:
            _note("page rendering")
            os.kill(os.getpid(), signal.SIGKILL)
        return _real_share(share)

    _render._render_share = killed_share
elif _DROP == "kill analysis":
    _stories = importlib.import_module("newsdigest.stories.story_cache")
    _real_findings = _stories._findings

    def killed_findings(posts):
        if os.getpid() != _PARENT:
            _note("story analysis")
            os.kill(os.getpid(), signal.SIGKILL)
        return _real_findings(posts)

    _stories._findings = killed_findings
elif _DROP == "page":
    _render = importlib.import_module("newsdigest.site.render")
    _real_share, _real_page = _render._render_share, _render._render_page

    def dropping_share(share):
        n, workers = share
        mine = _render._job[0][n::workers]
        last = mine[-1][0] if n == 0 and mine else None

        def page(p, *rest):
            if p is last:
                _note(p.path)
                return
            _real_page(p, *rest)

        _render._render_page = page
        return _real_share(share)

    _render._render_share = dropping_share
elif _DROP == "analysis":
    _stories = importlib.import_module("newsdigest.stories.story_cache")
    _real_findings = _stories._findings

    def dropping_findings(posts):
        if os.getpid() != _PARENT and not _lost:
            _note(posts[0].id)
            return None
        return _real_findings(posts)

    _stories._findings = dropping_findings
'''


def _child_build(tmp, site, drop: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    """`python build.py build` in a single-threaded child process (so its workers fork) whose workers lose
    what `drop` says; the build, and what they lost."""
    hook, log = tmp / "drop-hook", tmp / "dropped.log"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(_DROP_HOOK, encoding="utf-8")
    log.write_text("", encoding="utf-8")
    env = {**os.environ, "NEWSDIGEST_TEST_DROP": drop, "NEWSDIGEST_TEST_DROP_LOG": str(log),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(hook), str(ROOT), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(site / "content"),
                          "--output", str(site / "output"), "--cache", str(site / "cache"),
                          "--config", str(ROOT / "site.toml")], cwd=tmp, env=env, capture_output=True, text=True,
                         timeout=240)
    return run, log.read_text(encoding="utf-8").splitlines()


@pytest.mark.slow
def test_a_forked_worker_that_loses_a_page_or_an_analysis_or_dies_publishes_nothing(tmp_path):
    write_newsdigest(tmp_path / "site", articles(STORIES))
    site = tmp_path / "site"
    build_site_at(site / "content", site / "output", site / "cache")
    before = site_tree(site / "output")

    shutil.rmtree(site / "cache")  # every page rendered again (in workers), every story analysed again (in workers)
    build, lost = _child_build(tmp_path, site, "page")
    assert lost, f"no rendering worker was forked: {build.stdout + build.stderr}"
    assert build.returncode == 1 and lost[0] in build.stderr and "Traceback" not in build.stderr, build.stderr
    assert site_tree(site / "output") == before

    shutil.rmtree(site / "cache")
    build, lost = _child_build(tmp_path, site, "analysis")
    assert lost, f"no analysis worker was forked: {build.stdout + build.stderr}"
    assert build.returncode == 1 and lost[0] in build.stderr and "Traceback" not in build.stderr, build.stderr
    assert site_tree(site / "output") == before

    for stage in ("page", "analysis"):  # a worker killed (out of memory): the build says so and stops, not hangs
        shutil.rmtree(site / "cache")
        build, killed = _child_build(tmp_path, site, f"kill {stage}")
        assert killed, f"no {stage} worker was forked: {build.stdout + build.stderr}"
        assert build.returncode == 1 and "Traceback" not in build.stderr, build.stderr
        assert f"worker process died during {killed[0]}" in build.stderr and "memory" in build.stderr, build.stderr
        assert site_tree(site / "output") == before
