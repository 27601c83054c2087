"""The cache and the reuse of the published site are optimisations only: they never change a byte.

Deleting `.cache/` (or starting from an empty `output/`) must give the same site
as an incremental build, and two cold builds of the same content must give the
same bytes; a damaged cache entry is recomputed, not trusted. Checked on the
shipped demo and on a small generated site with several multi-version stories.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
from pathlib import Path

from build_fixtures import build_site_at, demo_content, edit_a_post, generated_content, site_tree
from conftest import ROOT

from newsdigest.cli import main


def _check_cache_changes_nothing(tmp: Path, make) -> None:
    content = make(tmp / "a")
    output, cache = tmp / "a" / "output", tmp / "a" / "cache"
    build_site_at(content, output, cache)
    cold = site_tree(output)
    build_site_at(content, output, cache)  # up to date
    assert site_tree(output) == cold
    shutil.rmtree(cache)
    build_site_at(content, output, cache)  # no cache, the published site to reuse
    assert site_tree(output) == cold

    edit_a_post(content)
    build_site_at(content, output, cache)  # incremental: cache and published site
    incremental = site_tree(output)
    assert incremental != cold, "the edit shows"
    fresh = tmp / "fresh"
    shutil.copytree(content, fresh / "content")
    build_site_at(fresh / "content", fresh / "output", fresh / "cache")  # cold, from the same content
    assert site_tree(fresh / "output") == incremental


def test_the_demo_is_the_same_with_and_without_the_cache(tmp_path):
    _check_cache_changes_nothing(tmp_path, demo_content)


def test_a_generated_site_is_the_same_with_and_without_the_cache(tmp_path):
    _check_cache_changes_nothing(tmp_path, generated_content)


def test_a_series_of_changes_builds_what_a_cold_build_makes(tmp_path, fits):
    """Each change an editor makes, one after the other over the same site and cache, ends where a cold build of
    the same inputs does: a post's byline edited (its terms and date unchanged, so grouping reuses its fit), a
    post's words edited, a source added, a post deleted (which ingest makes again), a source deleted with its post, a template edited, the settings changed. The cold build
    is given the content as it was before the incremental build (which may rewrite the story registry), and each
    incremental build fits grouping exactly when what the fit reads changed."""
    (tmp_path / "site.toml").write_text((ROOT / "site.toml").read_text(encoding="utf-8"), encoding="utf-8")
    content = generated_content(tmp_path / "a")
    output, cache = tmp_path / "a" / "output", tmp_path / "a" / "cache"
    options = ["--output", str(output), "--cache", str(cache), "--config", str(tmp_path / "site.toml")]
    assert main(["build", "--content", str(content), *options]) == 0
    posts = sorted((content / "posts").glob("*.md"))

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def same_as_cold(change: str, fitted: int) -> None:
        fresh = tmp_path / change
        shutil.copytree(content, fresh / "content")  # the inputs as the incremental build finds them
        before = len(fits)
        assert main(["build", "--content", str(content), *options]) == 0
        assert len(fits) - before == fitted, f"{change}: grouping fitted {len(fits) - before} times"
        assert main(["build", "--content", str(fresh / "content"), "--output", str(fresh / "output"),
                     "--cache", str(fresh / "cache"), "--config", str(tmp_path / "site.toml")]) == 0
        assert site_tree(output) == site_tree(fresh / "output"), f"{change}: the incremental build differs from a cold one"

    edit(posts[0], "\nauthor: Sam Lee", "\nauthor: Alex Moreno")
    same_as_cold("byline", fitted=0)
    assert "Alex Moreno" in "".join(p.read_text(encoding="utf-8") for p in output.rglob("index.html"))
    edit(posts[1], "\ntitle: ", "\ntitle: Late ")
    same_as_cold("title", fitted=1)
    shutil.copy(content / "sources" / "avonford-1.md", content / "sources" / "avonford-9.md")
    edit(content / "sources" / "avonford-9.md", "publisher: ", "publisher: Weekly ")
    same_as_cold("source-added", fitted=1)
    posts[2].unlink()
    same_as_cold("post-deleted", fitted=0)  # ingest makes it again from its source, as it was
    assert posts[2].is_file()
    (content / "sources" / "avonford-9.md").unlink()  # and its post: the version is gone
    next(p for p in (content / "posts").glob("*.md") if "source: sources/avonford-9.md" in p.read_text(encoding="utf-8")).unlink()
    same_as_cold("version-deleted", fitted=1)
    (tmp_path / "templates").mkdir()
    base = (ROOT / "newsdigest" / "theme" / "templates" / "base.html").read_text(encoding="utf-8")
    (tmp_path / "templates" / "base.html").write_text(base.replace("</body>", "<p>theme-marker</p></body>"),
                                                      encoding="utf-8")
    same_as_cold("template", fitted=0)
    assert "theme-marker" in (output / "index.html").read_text(encoding="utf-8")
    edit(tmp_path / "site.toml", 'title = "', 'title = "Weekend ')
    same_as_cold("settings", fitted=0)


def test_two_cold_builds_give_the_same_bytes(tmp_path):
    sites = []
    for name in ("one", "two"):
        content = generated_content(tmp_path / name)
        build_site_at(content, tmp_path / name / "output", tmp_path / name / "cache")
        sites.append(site_tree(tmp_path / name / "output"))
    assert sites[0] == sites[1]
    assert any(path.startswith("stories/") for path in sites[0])


def test_a_damaged_or_foreign_cache_entry_is_recomputed(tmp_path):
    content = generated_content(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site_at(content, output, cache)
    good = site_tree(output)
    # The stories' analyses (the posts' bags of terms and the fit's labels live in their own folders and hold
    # other kinds of value).
    entries = sorted(path for path in (cache / "stories").rglob("*.pickle")
                     if not {"bags", "labels"} & set(path.parts))
    assert len(entries) >= 4
    entries[0].write_bytes(b"not a pickle")
    with entries[1].open("rb") as handle:
        entry = pickle.load(handle)
    entry["value"] = entry["value"].__class__({}, {}, (), (), "a summary from some other story", "A headline")
    entries[1].write_bytes(pickle.dumps(entry))
    os.replace(entries[2], entries[3])  # an entry filed under another story's digest
    shutil.rmtree(output)
    (cache / "build.json").unlink()
    build_site_at(content, output, cache)
    assert site_tree(output) == good


def test_a_hand_edited_published_file_is_not_reused(tmp_path):
    content = generated_content(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site_at(content, output, cache)
    good = site_tree(output)
    page = next(output.glob("stories/*/index.html"))
    page.write_text("defaced", encoding="utf-8")
    build_site_at(content, output, cache)
    assert site_tree(output) == good


def _build_and_compare(content: Path, output: Path, cache: Path) -> tuple[set[str], set[str]]:
    """Build, and say which files of `output` were written (new, or replaced: another inode or time) and which
    are new or changed bytes. Equal when the build reused its manifest; without it every file is written again."""
    before, states = site_tree(output), _states(output)
    build_site_at(content, output, cache)
    after = _states(output)
    written = {path for path, state in after.items() if states.get(path) != state}
    return written, {path for path, data in site_tree(output).items() if before.get(path) != data}


def _states(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_the_site_cache_drops_earlier_code_and_gone_outputs_and_keeps_what_the_next_build_reads(tmp_path):
    """A full build over the published site removes the site stage's folders of earlier code and the manifests
    of output folders that are gone; what it keeps lets the next edit rewrite only the files that edit reaches,
    and gives the same site as no cache at all."""
    content = generated_content(tmp_path)
    output, gone, cache = tmp_path / "output", tmp_path / "gone", tmp_path / "cache"
    build_site_at(content, output, cache)
    used = sorted(path.name for path in (cache / "site").iterdir())
    build_site_at(content, gone, cache)
    shutil.rmtree(gone)
    (cache / "site" / "0123456789abcdef" / "ab").mkdir(parents=True)  # the folder of earlier site code
    (cache / "site" / "0123456789abcdef" / "ab" / "entry.pickle").write_bytes(b"old")
    assert len(list((cache / "site").iterdir())) == len(used) + 2
    edit_a_post(content)
    build_site_at(content, output, cache)
    assert sorted(path.name for path in (cache / "site").iterdir()) == used

    edit_a_post(content, 3)
    written, changed = _build_and_compare(content, output, cache)
    assert changed and written == changed  # a pruned manifest would have every file written again
    edited = site_tree(output)
    shutil.rmtree(cache)
    build_site_at(content, output, cache)
    assert site_tree(output) == edited


def test_two_outputs_sharing_a_cache_each_keep_their_manifest(tmp_path):
    """A site built into two folders with one cache (one to deploy, one for the preview): a build into one
    leaves the other's manifest, so that each rewrites only the files an edit reaches."""
    content = generated_content(tmp_path)
    deploy, preview, cache = tmp_path / "public", tmp_path / "output", tmp_path / "cache"
    build_site_at(content, deploy, cache)
    build_site_at(content, preview, cache)
    edit_a_post(content)
    for output in (deploy, preview):
        written, changed = _build_and_compare(content, output, cache)
        assert changed and written == changed


def test_the_site_cache_removes_only_folders_the_site_stage_made(tmp_path):
    """A cache folder may be given as `--cache ~`: under its `site/` only folders named as the stage names its
    own are removed, never a link (nor what it points to), a file or a folder of another name."""
    content = generated_content(tmp_path)
    output, cache, elsewhere = tmp_path / "output", tmp_path / "cache", tmp_path / "elsewhere"
    build_site_at(content, output, cache)
    used = sorted(path.name for path in (cache / "site").iterdir())
    (cache / "site" / "my-notes").mkdir()
    (cache / "site" / "my-notes" / "notes.txt").write_text("mine", encoding="utf-8")
    (cache / "site" / "0123456789ABCDEF").mkdir()  # not a name the stage gives
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", encoding="utf-8")
    (cache / "site" / "aaaaaaaaaaaaaaaa").symlink_to(elsewhere, target_is_directory=True)
    (cache / "site" / "bbbbbbbbbbbbbbbb").write_text("mine", encoding="utf-8")
    theirs = {"my-notes", "0123456789ABCDEF", "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"}
    edit_a_post(content)
    build_site_at(content, output, cache)
    assert sorted(path.name for path in (cache / "site").iterdir()) == sorted([*used, *theirs])
    assert (cache / "site" / "my-notes" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_theme_change_reaches_every_page_it_shapes(tmp_path):
    (tmp_path / "site.toml").write_text((ROOT / "site.toml").read_text(encoding="utf-8"), encoding="utf-8")
    content = generated_content(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    options = ["--content", str(content), "--output", str(output), "--cache", str(cache),
               "--config", str(tmp_path / "site.toml")]
    assert main(["build", *options]) == 0
    base = (ROOT / "newsdigest" / "theme" / "templates" / "base.html").read_text(encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text(base.replace("</body>", "<p>theme-marker</p></body>"),
                                                      encoding="utf-8")
    assert main(["build", *options]) == 0
    pages = [p for p in output.rglob("*.html") if "pagefind" not in p.parts]
    assert pages and all("theme-marker" in p.read_text(encoding="utf-8") for p in pages
                         if "http-equiv" not in p.read_text(encoding="utf-8"))
    incremental = site_tree(output)
    shutil.rmtree(output)
    shutil.rmtree(cache)
    assert main(["build", *options]) == 0
    assert site_tree(output) == incremental


def test_a_new_base_url_reaches_every_page_the_cache_compiled_before(tmp_path):
    """Jinja folds `'/'|site_url` into a template's compiled code: a site moved under a path must not keep the
    links its cached templates were compiled with. Each build is a process of its own, as an editor runs it: the
    stale links showed only when a new process read the code an earlier one had cached."""
    import subprocess
    import sys

    settings = (ROOT / "site.toml").read_text(encoding="utf-8")
    (tmp_path / "site.toml").write_text(settings, encoding="utf-8")
    content = demo_content(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"

    def build() -> None:
        subprocess.run([sys.executable, "-m", "newsdigest.cli", "build", "--content", str(content), "--output",
                        str(output), "--cache", str(cache), "--config", str(tmp_path / "site.toml")],
                       check=True, capture_output=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})

    build()
    moved = settings.replace('base_url = "https://digest.example.org"', 'base_url = "https://news.example.net/digest"')
    assert moved != settings
    (tmp_path / "site.toml").write_text(moved, encoding="utf-8")
    build()
    incremental = site_tree(output)
    assert 'href="/digest/"' in incremental["index.html"].decode("utf-8")
    shutil.rmtree(output)
    shutil.rmtree(cache)
    build()
    assert site_tree(output) == incremental

def _imported_modules(path: Path) -> set[str]:
    """The package's modules `path` imports, at the top or inside a function (both run during a build)."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsdigest"):
            names |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names if alias.name.startswith("newsdigest")}
    return names


def test_the_site_code_digest_covers_every_module_the_site_stage_imports():
    """A change to a module the site computes with (the model's `iso_text`, slugs…) must give new keys,
    or an incremental build would publish pages made by the old code."""
    from newsdigest.site.code_cache import READS

    package = ROOT / "newsdigest"
    todo, seen = list((package / "site").glob("*.py")), set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in _imported_modules(path):
            module = ROOT.joinpath(*name.split("."))
            found = next((p for p in (module.with_suffix(".py"), module / "__init__.py") if p.is_file()), None)
            if found is not None:
                todo.append(found)
    digested = {p.resolve() for p in READS if p.is_file()}
    outside = {p.resolve() for p in seen if (package / "site") not in p.parents and p != package / "__init__.py"}
    assert outside and outside <= digested, sorted(str(p) for p in outside - digested)


def test_an_edit_made_while_a_build_runs_is_built_by_the_next_one(tmp_path, monkeypatch, capsys):
    """The record says what the published site was made from: an edit the running build did not read must make
    the next build run, not find the site up to date."""
    from newsdigest import pipeline

    content = generated_content(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site_at(content, output, cache)
    edit_a_post(content)
    build_site_at(content, output, cache)
    capsys.readouterr()
    build_site_at(content, output, cache)
    assert "Up to date" in capsys.readouterr().out

    group = pipeline.group

    def editing_meanwhile(posts, config):
        edit_a_post(content)  # the posts were read already
        return group(posts, config)

    def shown(text: str) -> bool:
        return any(text in page.decode("utf-8", "replace") for page in site_tree(output).values())

    edit_a_post(content)  # so that the next build runs
    monkeypatch.setattr(pipeline, "group", editing_meanwhile)
    build_site_at(content, output, cache)
    monkeypatch.undo()
    assert shown("Revised Revised") and not shown("Revised Revised Revised")
    capsys.readouterr()
    build_site_at(content, output, cache)
    assert "Built" in capsys.readouterr().out
    assert shown("Revised Revised Revised")


def test_a_post_unchanged_since_the_inputs_were_digested_is_not_read_again(tmp_path, monkeypatch):
    """The up-to-date check digests every post file; reading the posts after it reads only the changed ones."""
    from newsdigest import build_state

    monkeypatch.setattr(build_state, "RECENT_NS", -1)  # every file's state is old enough to trust at once
    content = generated_content(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site_at(content, output, cache)
    edit_a_post(content)
    edited = sorted((content / "posts").glob("*.md"))[1]
    read: list[Path] = []
    read_bytes = Path.read_bytes

    def reading(path: Path) -> bytes:
        read.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", reading)
    build_site_at(content, output, cache)
    assert {path for path in read if path.parent.name == "posts"} == {edited}  # by the check, then parsed
    assert any(b"Revised" in data for data in site_tree(output).values())


def test_a_build_that_rewrote_the_story_registry_leaves_the_site_up_to_date(tmp_path, capsys):
    """Deleting a post retires its story from `content/stories/registry.json` during the build; the next build
    has nothing new to read and must say so, not build the whole site again."""
    content = generated_content(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site_at(content, output, cache)
    registry = content / "stories" / "registry.json"
    before = registry.read_bytes()
    for post in sorted((content / "posts").glob("*.md")):
        if "avonford" in post.read_text(encoding="utf-8").lower():
            post.unlink()
    for source in (content / "sources").glob("avonford-*.md"):
        source.unlink()
    build_site_at(content, output, cache)
    assert registry.read_bytes() != before  # the build itself rewrote an input
    capsys.readouterr()
    build_site_at(content, output, cache)
    assert "Up to date" in capsys.readouterr().out


RECORD_DAMAGES = {
    "not an object": lambda record: [],
    "null": lambda record: None,
    "an input's state without its digest": lambda record: {
        **record, "inputs_seen": {path: state[:4] for path, state in record["inputs_seen"].items()}},
    "an input's state not a list": lambda record: {  # as long as a real one, so only its type tells
        **record, "inputs_seen": {path: dict(enumerate(state)) for path, state in record["inputs_seen"].items()}},
    "published files of another shape": lambda record: {**record, "files": dict.fromkeys(record["files"], "changed")},
}


def test_a_damaged_build_record_costs_a_build_not_a_traceback(tmp_path, monkeypatch):
    """Each damage in turn: the record is not trusted and the defaced site is built again (the inputs unchanged,
    so an input's damaged state still matches its file's)."""
    import json

    from newsdigest import build_state

    monkeypatch.setattr(build_state, "RECENT_NS", -1)  # every input's state is recorded, so there is one to damage
    content = demo_content(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build_site_at(content, output, cache)
    good = site_tree(output)
    for name, damage in RECORD_DAMAGES.items():
        record = json.loads((cache / "build.json").read_text(encoding="utf-8"))
        assert record["inputs_seen"] and record["files"], name
        (cache / "build.json").write_text(json.dumps(damage(record)), encoding="utf-8")
        (output / "index.html").write_text("defaced", encoding="utf-8")
        build_site_at(content, output, cache)
        assert site_tree(output) == good, name


def _build_in_a_process(tmp_path: Path, content: Path, before: str = "", after: str = "") -> str:
    """What one build prints, run in a process of its own as an editor runs it, with `before` and `after` (Python
    lines) run in that process around it."""
    import subprocess
    import sys

    probe = (f"import sys\n{before}from newsdigest.cli import main\n"
             f"code = main(['build', '--content', {str(content)!r}, '--output', {str(tmp_path / 'output')!r},"
             f" '--cache', {str(tmp_path / 'cache')!r}, '--config', {str(ROOT / 'site.toml')!r}])\n"
             f"{after}sys.exit(code)\n")
    return subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout


def _loaded_by_a_build(tmp_path: Path, content: Path, modules: tuple[str, ...]) -> tuple[str, set[str]]:
    """What one build prints, and which of `modules` it loaded."""
    out = _build_in_a_process(
        tmp_path, content, after=f"print('loaded:', *sorted(name for name in {modules!r} if name in sys.modules))\n")
    return out, set(out.rpartition("loaded:")[2].split())


def test_a_build_with_nothing_to_do_loads_neither_the_post_reader_nor_ctypes(tmp_path):
    """Such a build only compares states and digests: loading PyYAML, the front matter reader or ctypes would be
    most of its time. The first build, which reads the posts, shows that the modules looked for are the ones a
    build loads."""
    content = demo_content(tmp_path)
    heavy = ("yaml", "newsdigest.postfile", "ctypes")
    out, loaded = _loaded_by_a_build(tmp_path, content, heavy)
    assert "Built" in out and loaded == set(heavy)
    out, loaded = _loaded_by_a_build(tmp_path, content, heavy)
    assert "Up to date" in out and loaded == set()


def test_a_build_that_converts_no_markdown_does_not_load_python_markdown(tmp_path):
    """After a title is edited, every body is among the last build's conversions: importing python-markdown would
    be a good part of the build's start. A body edited is converted, and shown."""
    content = demo_content(tmp_path)
    heavy = ("markdown",)
    out, loaded = _loaded_by_a_build(tmp_path, content, heavy)
    assert "Built" in out and loaded == {"markdown"}
    post = sorted((content / "posts").glob("*.md"))[0]
    text = post.read_text(encoding="utf-8")
    post.write_text(re.sub(r"^title: .*$", "title: A revised headline", text, count=1, flags=re.M), encoding="utf-8")
    out, loaded = _loaded_by_a_build(tmp_path, content, heavy)
    assert "Built" in out and loaded == set()
    post.write_text(post.read_text(encoding="utf-8") + "\nA *corrected* paragraph.\n", encoding="utf-8")
    out, loaded = _loaded_by_a_build(tmp_path, content, heavy)
    assert "Built" in out and loaded == {"markdown"}
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "output").rglob("*.html")]
    assert any("A <em>corrected</em> paragraph." in page for page in pages)


def test_a_site_builds_where_python_markdown_is_installed_without_its_metadata(tmp_path):
    """Some installs (a vendored copy, a bundled application) carry python-markdown without its package metadata:
    the build does not fail on it, and keeps its conversions under the release the module itself states."""
    hidden = ("import importlib.metadata as metadata\n"
              "found = metadata.version\n"
              "def version(name):\n"
              "    if name.lower() == 'markdown':\n"
              "        raise metadata.PackageNotFoundError(name)\n"
              "    return found(name)\n"
              "metadata.version = version\n"
              "import newsdigest.dist_versions as dist_versions\n"
              "dist_versions._installed = lambda: {}\n")  # nor its metadata folder
    compared = ("import markdown, nh3\n"
                "from newsdigest.cache_store import digest\n"
                "key = sys.modules['newsdigest.site.render']._CONVERSIONS\n"
                "print('same key:', key == digest('markdown', f'markdown={markdown.__version__}', f'nh3={nh3.__version__}'))\n")
    out = _build_in_a_process(tmp_path, demo_content(tmp_path), before=hidden, after=compared)
    assert "Built" in out and "same key: True" in out, out
    assert (tmp_path / "output" / "index.html").is_file()


def test_one_settings_file_named_two_ways_reuses_every_page_an_edit_does_not_reach(tmp_path, monkeypatch):
    """`--config site.toml` from the site's folder, `--config /full/path/site.toml` and a path through a link to
    the folder name one file: a build after an edit renders again only the pages the edit reaches, however the
    last build named the settings."""
    import importlib

    site = importlib.import_module("newsdigest.site.render")
    render_page = site._render_page
    rendered: list[str] = []
    monkeypatch.setattr(site, "_render_page",
                        lambda page, *rest: (rendered.append(page.path), render_page(page, *rest)))

    def rendered_after_an_edit(folder: Path, first: str, then: str) -> list[str]:
        folder.mkdir()
        shutil.copy(ROOT / "site.toml", folder / "site.toml")
        content = demo_content(folder)
        monkeypatch.chdir(folder)

        def build(config: str) -> None:
            assert main(["build", "--content", "content", "--output", "output", "--cache", "cache",
                         "--config", config]) == 0

        build(first)
        edit_a_post(content)
        rendered.clear()
        build(then)
        return sorted(rendered)

    alike = rendered_after_an_edit(tmp_path / "alike", "site.toml", "site.toml")
    named_apart = rendered_after_an_edit(tmp_path / "apart", str(tmp_path / "apart" / "site.toml"), "site.toml")
    (tmp_path / "link").symlink_to(tmp_path / "linked")
    through_a_link = rendered_after_an_edit(tmp_path / "linked", str(tmp_path / "link" / "site.toml"), "site.toml")
    assert alike and named_apart == alike and through_a_link == alike
