"""The preview server's parts, without a browser: filters, debouncing, fingerprints, paths, injection, publishing."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsdigest.config import load_config
from newsdigest.content_files import is_noise
from newsdigest.errors import ContentError
from newsdigest.serve.client import script_tag
from newsdigest.serve.debounce import Debouncer
from newsdigest.serve.events import LiveReload
from newsdigest.serve.fingerprint import Fingerprints
from newsdigest.serve.problem import Problem, problem_from
from newsdigest.serve.publish import sync_tree
from newsdigest.serve.rebuild import classify
from newsdigest.serve.server import Refused, allow_self_scripts, content_type, inject, resolve
from newsdigest.serve.watch import InputFilter

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", [
    ".post.md.swp", "post.md.swp", "post.md.swx", "post.md~", ".#post.md", "#post.md#", "4913", "post.md.tmp",
    ".post.md.tmp", ".goutputstream-ABC123", "post.md___jb_tmp___", "post.md.crdownload", ".DS_Store",
])
def test_editor_temp_and_swap_files_are_noise(name):
    assert is_noise(Path(name))


@pytest.mark.parametrize("name", ["post.md", "story-4913.md", "outlets.toml", "site.css", "article.html", "a.txt"])
def test_real_files_are_not_noise(name):
    assert not is_noise(Path(name))


def test_input_filter_ignores_output_cache_and_staging(tmp_path):
    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "content" / "out",
                         cache_dir=tmp_path / "content" / ".cache")
    accept = InputFilter(config)
    assert accept(tmp_path / "content" / "posts" / "a.md")
    assert not accept(tmp_path / "content" / "out" / "index.html")
    assert not accept(tmp_path / "content" / ".cache" / "x")
    assert not accept(tmp_path / "content" / ".out.staging-abc" / "index.html")
    assert not accept(tmp_path / "content" / ".git" / "index")
    assert accept((ROOT / "site.toml").resolve())
    assert not accept(ROOT / "README.md")
    assert not accept(tmp_path / "content" / "stories" / "registry.json")  # machine-written
    assert accept(tmp_path / "content" / "stories" / "some-story.md")


def test_debouncer_turns_a_burst_into_one_batch():
    batches: list[set[Path]] = []
    done = threading.Event()

    def action(batch: set[Path]) -> None:
        batches.append(batch)
        done.set()

    # The quiet period is well above a scheduler pause on a loaded 2-core machine, so that the
    # burst below really arrives as one burst; a real checkout's events come faster still.
    debouncer = Debouncer(action, quiet=0.5)
    debouncer.start()
    try:
        for i in range(500):  # a checkout of 500 files
            debouncer.push([Path(f"content/posts/{i}.md")])
        assert done.wait(5)
        time.sleep(0.6)
        assert len(batches) == 1 and len(batches[0]) == 500
    finally:
        debouncer.stop()


def test_debouncer_does_not_wait_forever_for_quiet():
    fired = threading.Event()
    debouncer = Debouncer(lambda batch: fired.set(), quiet=0.2, longest=0.5)
    debouncer.start()
    try:
        deadline = time.monotonic() + 3
        while not fired.is_set() and time.monotonic() < deadline:
            debouncer.push([Path("x")])  # never quiet
            time.sleep(0.05)
        assert fired.is_set()
    finally:
        debouncer.stop()


def test_fingerprints_drop_events_that_changed_nothing(tmp_path):
    (tmp_path / "posts").mkdir()
    post = tmp_path / "posts" / "a.md"
    post.write_text("one")
    prints = Fingerprints([(tmp_path, True)], lambda p: not is_noise(p.relative_to(tmp_path)))
    prints.scan()
    post.write_text("one")  # saved unchanged, or rewritten with the same bytes by the build itself
    assert prints.changed([post]) == set()
    post.write_text("two")
    assert prints.changed([post]) == {post}
    assert prints.changed([post]) == set()  # the same event delivered twice
    post.unlink()
    assert prints.changed([post]) == {post}
    post.write_text("two")  # deleted and re-created: news again
    assert prints.changed([post]) == {post}
    (tmp_path / "posts" / "b.md").write_text("b")
    assert prints.changed([tmp_path / "posts"]) == {tmp_path / "posts" / "b.md"}  # a folder event is expanded
    import shutil

    shutil.rmtree(tmp_path / "posts")
    assert prints.changed([tmp_path / "posts"]) == {post, tmp_path / "posts" / "b.md"}


def test_resolve_refuses_every_way_out(tmp_path):
    root = tmp_path / "output"
    (root / "stories" / "a").mkdir(parents=True)
    (root / "stories" / "a" / "index.html").write_text("a")
    (tmp_path / "secret").write_text("s")
    (root / "out").symlink_to(tmp_path / "secret")
    (root / "inside").symlink_to(root / "stories")
    for path in ("/../secret", "/..%2fsecret", "/%2e%2e/secret", "/stories/..%2F..%2Fsecret", "/out", "/a%00b",
                 "/..\\secret", "/stories/../../secret"):
        with pytest.raises(Refused):
            resolve(root, path)
    assert resolve(root, "/stories/a/index.html") == (root / "stories" / "a" / "index.html").resolve()
    assert resolve(root, "/inside/a/") == (root / "stories" / "a").resolve()
    assert resolve(root, "/stories/%61/") == (root / "stories" / "a").resolve()


@pytest.mark.parametrize("name, expected", [
    ("a.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"), ("a.js", "text/javascript; charset=utf-8"),
    ("feed.xml", "application/xml"), ("feed.json", "application/json"), ("logo.svg", "image/svg+xml"),
    ("font.woff2", "font/woff2"), ("pagefind/index/en_1.pf_index", "application/octet-stream"),
    ("pagefind/wasm.en.pagefind", "application/octet-stream"), ("pagefind/pagefind.js", "text/javascript; charset=utf-8"),
])
def test_content_types(name, expected):
    assert content_type(Path(name)) == expected


def test_injection_adds_the_external_script_and_keeps_a_strict_policy_working():
    page = (b'<!doctype html><html><head><meta http-equiv="Content-Security-Policy" '
            b'content="default-src \'none\'; style-src \'self\'; img-src \'self\'"><title>t</title></head>'
            b'<body><p>caf\xc3\xa9</p></body></html>')
    served = inject(page, script_tag(3, ["index.html"])).decode()
    assert '<script src="/__livereload.js" defer data-build="3" data-files="index.html"></script></head>' in served
    assert "script-src 'self'" in served and "connect-src 'self'" in served and "café" in served
    assert "<script>" not in served  # nothing inline


def test_policies_that_already_allow_self_are_left_alone():
    policy = "default-src 'self'; img-src 'self' data:"
    assert allow_self_scripts(policy) == policy
    assert allow_self_scripts("script-src 'none'") == "script-src 'self'"


def test_injection_without_head_or_body():
    assert inject(b"<p>bare", "<script></script>") == b"<p>bare<script></script>"


def test_sync_moves_only_changed_files_and_removes_stale_ones(tmp_path):
    output, staging = tmp_path / "output", tmp_path / "staging"
    for root, files in ((output, {"index.html": "old", "same.css": "s", "gone.html": "g", "pagefind/x.pf_index": "p"}),
                        (staging, {"index.html": "new", "same.css": "s", "stories/a/index.html": "a"})):
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
    inode = (output / "same.css").stat().st_ino
    changed = sync_tree(staging, output, keep=("pagefind/",))
    assert sorted(changed) == ["gone.html", "index.html", "stories/a/index.html"]
    assert (output / "index.html").read_text() == "new"
    assert (output / "same.css").stat().st_ino == inode  # untouched
    assert (output / "pagefind" / "x.pf_index").exists()
    assert not (output / "gone.html").exists()


def test_classify_maps_inputs_to_stages(tmp_path):
    config = load_config(ROOT / "site.toml", content_dir=tmp_path / "content")
    needs = classify([tmp_path / "content" / "sources" / "a.html"], config)
    assert needs.ingest and not needs.render
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "a.md").write_text("x")
    needs = classify([tmp_path / "content" / "posts" / "a.md"], config)
    assert needs.posts and not needs.ingest
    assert needs.post_files == {tmp_path / "content" / "posts" / "a.md"}  # only it is read again
    (tmp_path / "content" / "posts" / "b.md").mkdir()
    assert classify([tmp_path / "content" / "posts" / "b.md"], config).post_files is None  # the folder, whole
    assert classify([tmp_path / "content" / "posts" / "gone.md"], config).ingest  # deleted: ingest brings it back
    assert classify([tmp_path / "content" / "stories" / "s.md"], config).group
    assert classify([config.templates_dir / "story.html"], config).render
    assert classify([config.config_path.resolve()], config).config


def test_problems_name_file_and_line(tmp_path):
    problem = problem_from(ContentError("front matter is not valid YAML", tmp_path / "posts" / "a.md", 4))
    assert problem.where().endswith("posts/a.md:4") and "YAML" in problem.message
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({"story.html": "<h1>{{ title }</h1>"}))
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        env.get_template("story.html")
    problem = problem_from(caught.value)
    assert problem.file == "story.html" and problem.line == 1
    problem = problem_from(ZeroDivisionError("boom"))
    assert problem.unexpected and "ZeroDivisionError" in problem.message


def test_hub_sends_the_standing_problem_to_pages_that_connect_later():
    hub = LiveReload()
    hub.failed(Problem("bad", "content/posts/a.md", 3))
    late = hub.subscribe()
    hello = late.get_nowait().decode()
    assert hello.startswith("event: hello") and "content/posts/a.md:3" in hello
    hub.published(["stories/a/index.html"])
    assert late.get_nowait().startswith(b"event: ok")
    assert b"stories/a/index.html" in late.get_nowait()
    hub.close()
    assert late.get_nowait() is None


# --- the fast lane and the settle, with stand-in stages -----------------------------------------

def _stand_in_stages(monkeypatch, gate: threading.Event | None = None):
    """Group: one story per post pair by id prefix; render: a story page, post pages, an index, stories.json."""
    import html
    import json

    from newsdigest import pipeline
    from newsdigest.ingest.run import IngestReport
    from newsdigest.model import Relation, RelationKind, Story, Version

    def group(posts, config):
        if gate is not None and threading.current_thread().name == "settle":
            gate.wait(10)
        by_story: dict[str, list] = {}
        for post in posts:
            by_story.setdefault(post.id.split("-")[0], []).append(post)
        return tuple(Story(id=key, slug=key, title=members[0].title, summary=f"{len(members)} versions",
                           versions=tuple(Version(p, Relation(RelationKind.FIRST)) for p in members))
                     for key, members in sorted(by_story.items()))

    def render(stories, config, *, search=True, only_templates=None, only_paths=None, previous=None):
        """Lists and story pages are made of "theme.txt", post pages of "post.txt"; static files are copied."""
        rendered = SimpleNamespace(bundles={})  # no search index
        out = config.output_dir
        out.mkdir(parents=True, exist_ok=True)
        if config.static_dir.is_dir():
            shutil.copytree(config.static_dir, out / "static")

        def template(name):
            file = config.templates_dir / name
            return file.read_text() if file.exists() else ""

        def writes(name, path=None):
            return only_templates is None or name in only_templates and (only_paths is None or path in only_paths)

        mark, post_mark = template("theme.txt"), template("post.txt")
        if writes("theme.txt"):
            (out / "index.html").write_text(mark + "".join(f"<p>{html.escape(s.title)}</p>" for s in stories))
        for story in stories:
            if writes("theme.txt"):
                (out / "stories" / story.slug).mkdir(parents=True)
                (out / "stories" / story.slug / "index.html").write_text(
                    mark + "".join(f"<h2>{html.escape(p.title)}</h2>" for p in story.posts))
            for post in story.posts:
                if writes("post.txt", f"/posts/{post.id}/"):
                    (out / "posts" / post.id).mkdir(parents=True)
                    (out / "posts" / post.id / "index.html").write_text(
                        f"{post_mark}<h1>{html.escape(post.title)}</h1>{post.body}")
        if only_templates is not None:
            return rendered
        (out / "stories.json").write_text(json.dumps({"stories": [
            {"id": s.id, "url": s.url, "posts": [{"id": p.id, "page": f"/posts/{p.id}/"} for p in s.posts]}
            for s in stories]}))
        return rendered

    monkeypatch.setattr(pipeline, "group", group)
    monkeypatch.setattr(pipeline, "ingest", lambda config, progress=False: IngestReport())
    monkeypatch.setattr(pipeline, "render", render)


def _write_post(folder: Path, post_id: str, title: str) -> Path:
    from newsdigest.model import Post
    from newsdigest.postfile import render_post

    path = folder / f"{post_id}.md"
    path.write_text(render_post(Post(id=post_id, title=title, body="Body.", source=f"sources/{post_id}.txt")))
    return path


class _Placer:
    """Stands in for the story index: places posts where told (or nowhere: None)."""

    def __init__(self, mates: dict[str, tuple[str, ...]] | None) -> None:
        self.mates = mates

    def prepare(self, posts) -> None:
        pass

    def place(self, posts):
        return None if self.mates is None else {p.id: self.mates.get(p.id, ()) for p in posts}


def _site(tmp_path, *, fast_lane: bool = True):
    from newsdigest.serve.rebuild import Rebuilder
    from newsdigest.serve.worker import InlineRunner

    (tmp_path / "site.toml").write_text((ROOT / "site.toml").read_text())  # its folder is the theme's
    config = load_config(tmp_path / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "output",
                         cache_dir=tmp_path / "cache")
    config.posts_dir.mkdir(parents=True)
    paths = {pid: _write_post(config.posts_dir, pid, f"Title {pid}") for pid in ("a-1", "a-2", "b-1")}
    rebuilder = Rebuilder(config, fast_lane=fast_lane, runner=InlineRunner())  # the stand-in stages live here
    rebuilder.placer = _Placer({})
    first = rebuilder.rebuild(everything=True)
    assert first.problem is None, first.problem
    return config, paths, rebuilder


def test_an_edited_post_is_previewed_on_its_own_pages_then_settled(tmp_path, monkeypatch):
    _stand_in_stages(monkeypatch)
    config, paths, rebuilder = _site(tmp_path)
    out = config.output_dir
    _write_post(config.posts_dir, "a-1", "Title a-1 edited")

    preview = rebuilder.rebuild([paths["a-1"]])
    assert preview.problem is None and preview.kind == "previewed" and preview.settle
    assert sorted(preview.changed) == ["posts/a-1/index.html", "stories/a/index.html"]
    assert "edited" in (out / "stories" / "a" / "index.html").read_text()
    assert "edited" not in (out / "index.html").read_text()  # the lists wait for the settle

    settled = rebuilder.settle()
    assert settled is not None and settled.kind == "settled" and not settled.discarded
    assert settled.changed == ("index.html",)
    assert "edited" in (out / "index.html").read_text()
    assert rebuilder.settle() is None  # nothing owed any more


def test_a_settle_overtaken_by_a_newer_edit_is_dropped(tmp_path, monkeypatch):
    gate = threading.Event()
    _stand_in_stages(monkeypatch, gate)
    config, paths, rebuilder = _site(tmp_path)
    _write_post(config.posts_dir, "a-1", "First edit")
    assert rebuilder.rebuild([paths["a-1"]]).kind == "previewed"

    results = []
    settle = threading.Thread(target=lambda: results.append(rebuilder.settle()), name="settle")
    settle.start()  # it reads "First edit" and then waits in group()
    time.sleep(0.2)
    _write_post(config.posts_dir, "b-1", "Second edit")
    assert rebuilder.rebuild([paths["b-1"]]).kind == "previewed"
    gate.set()
    settle.join(10)
    assert results and results[0].discarded
    final = rebuilder.settle()
    assert final is not None and not final.discarded
    index = (config.output_dir / "index.html").read_text()
    assert "First edit" in index and "Second edit" in index


def test_a_new_post_is_grouped_then_its_story_published_first(tmp_path, monkeypatch):
    _stand_in_stages(monkeypatch)
    config, _paths, rebuilder = _site(tmp_path)
    new = _write_post(config.posts_dir, "c-1", "Brand new")
    outcome = rebuilder.rebuild([new])
    assert outcome.kind == "previewed" and outcome.settle and "group" in outcome.timings
    assert sorted(outcome.changed) == ["posts/c-1/index.html", "stories/c/index.html"]
    settled = rebuilder.settle()
    assert settled is not None and "group" not in settled.timings  # grouped once, not twice
    assert "Brand new" in (config.output_dir / "index.html").read_text()


def test_a_new_post_placed_by_the_index_is_previewed_in_its_story(tmp_path, monkeypatch):
    _stand_in_stages(monkeypatch)
    config, _paths, rebuilder = _site(tmp_path)
    rebuilder.placer = _Placer({"a-3": ("a-1", "a-2")})
    new = _write_post(config.posts_dir, "a-3", "A third version")
    outcome = rebuilder.rebuild([new])
    assert outcome.kind == "previewed" and "group" not in outcome.timings
    assert sorted(outcome.changed) == ["posts/a-3/index.html", "stories/a/index.html"]
    assert "A third version" in (config.output_dir / "stories" / "a" / "index.html").read_text()
    settled = rebuilder.settle()
    assert settled is not None and "group" in settled.timings


def test_the_post_of_a_new_source_is_read_as_soon_as_ingest_writes_it(tmp_path, monkeypatch):
    """The watcher reports the source, not the post ingest writes from it: that post is read in the same rebuild
    (not left out until a later full build), and the posts are then what a whole reading of the folder gives."""
    from newsdigest import pipeline
    from newsdigest.model import IngestReport

    _stand_in_stages(monkeypatch)

    def ingest(config, progress=False):
        """A post `<stem>.md` titled with the source's text, for each source without one."""
        sources = sorted(config.sources_dir.glob("*.txt")) if config.sources_dir.is_dir() else []
        return IngestReport(written=tuple(_write_post(config.posts_dir, source.stem, source.read_text())
                                          for source in sources if not (config.posts_dir / f"{source.stem}.md").exists()))

    monkeypatch.setattr(pipeline, "ingest", ingest)
    config, _paths, rebuilder = _site(tmp_path, fast_lane=False)
    config.sources_dir.mkdir(parents=True)
    source = config.sources_dir / "c-1.txt"
    source.write_text("From a new source")
    outcome = rebuilder.rebuild([source])
    assert outcome.problem is None, outcome.problem
    assert rebuilder._latest_posts == pipeline.load_posts(config)
    assert "From a new source" in (config.output_dir / "index.html").read_text()


def test_a_template_change_renders_only_the_pages_that_use_it(tmp_path, monkeypatch):
    _stand_in_stages(monkeypatch)
    config, _paths, rebuilder = _site(tmp_path)
    out = config.output_dir
    story_page = (out / "stories" / "a" / "index.html").stat().st_mtime_ns
    config.templates_dir.mkdir()
    (config.templates_dir / "post.txt").write_text("<!-- post v2 -->")
    outcome = rebuilder.rebuild([config.templates_dir / "post.txt"])
    assert outcome.problem is None and outcome.kind == "rebuilt" and not outcome.settle
    assert sorted(outcome.changed) == ["posts/a-1/index.html", "posts/a-2/index.html", "posts/b-1/index.html"]
    assert outcome.search_stale  # the pages' text may have changed
    assert (out / "posts" / "a-1" / "index.html").read_text().startswith("<!-- post v2 -->")
    assert (out / "stories" / "a" / "index.html").stat().st_mtime_ns == story_page
    assert rebuilder.settle() is None  # nothing else to catch up on


def test_a_template_change_shows_first_on_the_pages_open_in_a_browser(tmp_path, monkeypatch):
    _stand_in_stages(monkeypatch)
    config, _paths, rebuilder = _site(tmp_path)
    out = config.output_dir
    rebuilder.open_files = lambda: {"posts/a-1/index.html", "stories/b/index.html"}
    story_page = (out / "stories" / "b" / "index.html").stat().st_mtime_ns
    config.templates_dir.mkdir()
    (config.templates_dir / "post.txt").write_text("<!-- post v2 -->")
    outcome = rebuilder.rebuild([config.templates_dir / "post.txt"])
    assert outcome.problem is None and outcome.kind == "previewed" and outcome.settle
    assert outcome.changed == ("posts/a-1/index.html",)  # the open story page does not use post.txt
    settled = rebuilder.settle()  # the template's other pages, and nothing else
    assert settled is not None and not settled.discarded and "group" not in settled.timings
    assert sorted(settled.changed) == ["posts/a-2/index.html", "posts/b-1/index.html"]
    assert (out / "posts" / "b-1" / "index.html").read_text().startswith("<!-- post v2 -->")
    assert (out / "stories" / "b" / "index.html").stat().st_mtime_ns == story_page
    assert (out / "stories.json").is_file()  # a partial settle removes nothing
    assert rebuilder.settle() is None


def test_a_template_folder_change_renders_the_whole_site_at_once(tmp_path, monkeypatch):
    _stand_in_stages(monkeypatch)
    config, _paths, rebuilder = _site(tmp_path)
    config.templates_dir.mkdir()
    (config.templates_dir / "theme.txt").write_text("<!-- v2 -->")
    outcome = rebuilder.rebuild([config.templates_dir])  # which template inside: not known
    assert outcome.kind == "rebuilt" and not outcome.settle and "render" in outcome.timings
    assert (config.output_dir / "index.html").read_text().startswith("<!-- v2 -->")


def test_a_static_change_publishes_the_file_at_once_then_settles(tmp_path, monkeypatch):
    _stand_in_stages(monkeypatch)
    config, _paths, rebuilder = _site(tmp_path)
    (config.static_dir / "css").mkdir(parents=True)
    (config.static_dir / "css" / "site.css").write_text("body { color: red }")
    outcome = rebuilder.rebuild([config.static_dir / "css" / "site.css"])
    assert outcome.problem is None and outcome.kind == "previewed" and outcome.settle
    assert outcome.changed == ("static/css/site.css",)
    assert (config.output_dir / "static" / "css" / "site.css").read_text() == "body { color: red }"
    settled = rebuilder.settle()  # the pages' asset hashes
    assert settled is not None and not settled.discarded and "group" not in settled.timings


def test_a_broken_post_keeps_the_site_and_is_reported_until_fixed(tmp_path, monkeypatch):
    _stand_in_stages(monkeypatch)
    config, paths, rebuilder = _site(tmp_path)
    good = paths["b-1"].read_text()
    before = (config.output_dir / "stories" / "b" / "index.html").read_text()
    paths["b-1"].write_text(good.replace("title:", "title: a: b\nx:", 1))
    broken = rebuilder.rebuild([paths["b-1"]])
    assert broken.problem is not None and broken.problem.file.endswith("b-1.md") and broken.problem.line == 3
    assert (config.output_dir / "stories" / "b" / "index.html").read_text() == before
    # A template change meanwhile must not publish a site that skips the broken post.
    assert rebuilder.rebuild([config.templates_dir / "x.html"]).problem is not None
    paths["b-1"].write_text(good)
    assert rebuilder.rebuild([paths["b-1"]]).problem is None


def test_debouncer_settles_quickly_once_files_are_complete():
    fired: list[float] = []
    debouncer = Debouncer(lambda batch: fired.append(time.monotonic()), quiet=1.0, settle=0.02)
    debouncer.start()
    try:
        start = time.monotonic()
        debouncer.push([Path("a.md")])                 # modified: maybe mid-write
        debouncer.push([Path("a.md")], complete=True)  # closed after writing
        deadline = time.monotonic() + 3
        while not fired and time.monotonic() < deadline:
            time.sleep(0.01)
        assert fired and fired[0] - start < 0.5
    finally:
        debouncer.stop()


def test_a_stopped_rebuilder_leaves_no_background_thread_running(tmp_path):
    """The first build starts the readers' warm-up and the placement fit; stopping waits for both, so the
    interpreter never exits under them (which aborted the server now and then)."""
    from newsdigest.serve.rebuild import Rebuilder
    from newsdigest.serve.worker import InlineRunner

    (tmp_path / "site.toml").write_text((ROOT / "site.toml").read_text())
    config = load_config(tmp_path / "site.toml", content_dir=tmp_path / "content", output_dir=tmp_path / "output",
                         cache_dir=tmp_path / "cache")
    config.posts_dir.mkdir(parents=True)
    for pid in ("a-1", "a-2", "b-1"):
        _write_post(config.posts_dir, pid, f"Title {pid}")
    rebuilder = Rebuilder(config, runner=InlineRunner())
    assert rebuilder.rebuild(everything=True).problem is None
    rebuilder.close()
    assert rebuilder.join(timeout=60.0)
    running = {t.name for t in threading.enumerate() if t.is_alive()}
    assert not running & {"newsdigest-readers", "newsdigest-placement"}, running


def test_a_warm_up_told_to_stop_starts_no_import():
    """A server stopped during the readers' warm-up waits for one import at most: none when stopped before."""
    import subprocess
    import sys

    code = ("import sys; from newsdigest.ingest.run import READER_MODULES, preload_readers; "
            "preload_readers(lambda: True); print(sorted(set(READER_MODULES) & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.strip() == "[]", result.stdout
