"""Ingest under hostile sources: clashing names, special files, huge files, a tampered cache, legacy encodings."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from robust_fixtures import article, run, small_site

from newsdigest.ingest import ingest
from newsdigest.ingest.run import assign_ids, read_source_file
from newsdigest.errors import SourceError
from newsdigest.postfile import read_post

# Hypothesis keeps a character table under its home folder: a temporary one, never the worktree.
_HOME = tempfile.mkdtemp(prefix="newsdigest-hypothesis-")
atexit.register(shutil.rmtree, _HOME, True)
set_hypothesis_home_dir(_HOME)

BOUNDED = settings(max_examples=40, deadline=None, database=None,  # quick, and nothing written to the worktree
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


# -- ids: two sources never share a post ------------------------------------------------------------


@pytest.mark.parametrize("names", [
    ["a b.md", "a-b.md", "A_B.md"],
    ["日本語.md", "中文.md", "한국어.txt"],
    ["x.html", "x.txt", "X.md", "x .txt"],
    ["sub/one.txt", "sub-one.txt", "sub/One.txt"],
])
def test_sources_whose_names_give_one_id_each_keep_their_own_post(tmp_path, capsys, names):
    site = small_site(tmp_path / "site", count=0)
    for n, name in enumerate(names):
        site.add(name, article(n))
    status, out, _err = run(capsys, "ingest", *site.options())
    assert status == 0
    posts = sorted(site.posts.glob("*.md"))
    assert len(posts) == len(names), "one post per source"
    assert sorted(read_post(p).source for p in posts) == sorted(f"sources/{n}" for n in names)
    assert f"{len(names)} ingested" in out, "the summary counts what happened"
    renamed = sum(1 for p in posts if read_post(p).id != Path(read_post(p).source).stem.lower())
    assert f"{renamed} given a distinct id" in out or renamed == 0


def test_a_clash_suffix_is_stable_across_runs_and_orders(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=0)
    for n, name in enumerate(["a b.md", "a-b.md", "A_B.md"]):
        site.add(name, article(n))
    run(capsys, "ingest", *site.options())
    first = {read_post(p).source: p.name for p in site.posts.glob("*.md")}
    paths = sorted(site.sources.iterdir())
    assert assign_ids(paths, site.sources) == assign_ids(reversed(paths), site.sources)
    run(capsys, "ingest", *site.options())
    assert {read_post(p).source: p.name for p in site.posts.glob("*.md")} == first


_NAME = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=24)


@BOUNDED
@given(names=st.lists(_NAME, min_size=1, max_size=12, unique=True), folders=st.lists(st.sampled_from(["", "a/", "A/"]),
                                                                                     min_size=12, max_size=12))
def test_any_set_of_file_names_gives_distinct_ids_independent_of_order(names, folders):
    sources = Path("/site/content/sources")
    paths = list(dict.fromkeys(sources / f"{folder}{name}.txt" for name, folder in zip(names, folders)))
    ids = assign_ids(paths, sources)
    assert len(set(ids.values())) == len(paths)
    assert all(post_id and post_id.replace("-", "").isalnum() and post_id.isascii() for post_id in ids.values())
    assert assign_ids(list(reversed(paths)), sources) == ids


# -- only regular files, and not too large ----------------------------------------------------------


def test_special_files_and_links_out_of_the_content_folder_are_skipped_with_a_message(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=1)
    secret = tmp_path / "secret.txt"
    secret.write_text(article(7, "SECRET-OUTSIDE"))
    (site.sources / "outside.txt").symlink_to(secret)
    (site.sources / "zero.txt").symlink_to("/dev/zero")
    (site.sources / "null.txt").symlink_to("/dev/null")
    (site.sources / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(site.sources / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(site.sources / "sock.txt"))
    except OSError:  # a path too long for a socket name on this machine: the other kinds still count
        listener.close()
        listener = None
    inside = site.content / "kept" / "inner.txt"
    inside.parent.mkdir()
    inside.write_text(article(8))
    (site.sources / "inside.txt").symlink_to(inside)
    try:
        status, out, err = run(capsys, "build", *site.options())
    finally:
        if listener is not None:
            listener.close()
    assert status == 0
    skipped = {line.split(":")[0].rsplit("/", 1)[-1] for line in err.splitlines() if line.startswith("skipped")}
    expected = {"outside.txt", "zero.txt", "null.txt", "dangling.txt", "pipe.txt"} | ({"sock.txt"} if listener else set())
    assert skipped == expected, err
    assert "outside the content folder" in err and "FIFO" in err
    assert sorted(p.stem for p in site.posts.glob("*.md")) == ["inside", "story-0"]
    assert not any("SECRET-OUTSIDE" in p.read_text() for p in site.output.rglob("*") if p.is_file()
                   and p.suffix in (".html", ".json", ".xml"))
    assert f"{len(expected)} skipped" in out


def test_a_source_above_the_size_limit_is_skipped_with_a_clear_reason(tmp_path):
    site = small_site(tmp_path / "site", count=0)
    big = site.add("big.txt", article(1) + "x" * 2000)
    with pytest.raises(SourceError, match="larger than the limit"):
        read_source_file(big, site.content, limit=1000)
    assert read_source_file(big, site.content).startswith(b"Town 1")


def test_a_huge_source_is_skipped_by_the_build(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=1)
    with open(site.sources / "huge.txt", "wb") as handle:
        handle.truncate(25_000_000)  # sparse: no disk used, but 25 MB to read
    status, out, err = run(capsys, "ingest", *site.options())
    assert status == 0 and "huge.txt: larger than the limit of 20 MB" in err
    assert "1 ingested" in out and "1 skipped" in out


# -- the cache is optional and never trusted ----------------------------------------------------------


def _cache_entries(site) -> list[Path]:
    return sorted(p for p in (site.cache / "ingest").rglob("*.json"))


def _first_build(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=2)
    assert run(capsys, "ingest", *site.options())[0] == 0
    posts = {p.name: p.read_bytes() for p in site.posts.glob("*.md")}
    return site, posts


BAD_ENTRIES = {
    "a list": b"[1, 2, 3]",
    "a number": b"42",
    "a string": b'"text"',
    "null": b"null",
    "text is a number": json.dumps({"text": 5, "reason": None}).encode(),
    "old shape with other text": json.dumps({"text": "---\nid: x\n---\nhello\n", "reason": None}).encode(),
    "a skip reason for a good source": json.dumps({"text": None, "reason": "no article"}).encode(),
    "not UTF-8": b"\xff\xfe\x00garbage",
    "truncated": b'{"key": "ab',
    "deeply nested": b"[" * 100_000,
}


@pytest.mark.parametrize("shape", sorted(BAD_ENTRIES))
def test_a_bad_cache_entry_is_dropped_and_recomputed(tmp_path, capsys, shape):
    site, posts = _first_build(tmp_path, capsys)
    entries = _cache_entries(site)
    for entry in entries:
        entry.write_bytes(BAD_ENTRIES[shape])
    for post in site.posts.glob("*.md"):
        post.unlink()
    status, out, _err = run(capsys, "ingest", *site.options())
    assert status == 0 and "2 ingested" in out
    assert {p.name: p.read_bytes() for p in site.posts.glob("*.md")} == posts
    assert all(json.loads(e.read_bytes())["text"] for e in entries), "bad entries were replaced"


def test_another_sources_entry_or_a_forged_text_never_reaches_a_post(tmp_path, capsys):
    site, posts = _first_build(tmp_path, capsys)
    first, second = _cache_entries(site)
    swapped = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(swapped)
    status, _out, _err = run(capsys, "ingest", *site.options())
    assert status == 0
    assert {p.name: p.read_bytes() for p in site.posts.glob("*.md")} == posts
    # An entry naming the right key and input but carrying unsigned text must not overwrite a post.
    entry = json.loads(first.read_bytes())
    entry["text"] = entry["text"].replace("Town", "Forged town")
    first.write_text(json.dumps(entry))
    run(capsys, "ingest", *site.options())
    assert {p.name: p.read_bytes() for p in site.posts.glob("*.md")} == posts


def test_a_folder_in_place_of_a_cache_entry_is_only_slower(tmp_path, capsys):
    site, posts = _first_build(tmp_path, capsys)
    for entry in _cache_entries(site):
        entry.unlink()
        entry.mkdir()
    for post in site.posts.glob("*.md"):
        post.unlink()
    assert run(capsys, "ingest", *site.options())[0] == 0
    assert {p.name: p.read_bytes() for p in site.posts.glob("*.md")} == posts


@settings(BOUNDED, max_examples=25)
@given(entry=st.one_of(
    st.binary(max_size=200),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                 lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                     st.sampled_from(["key", "input", "text", "reason", "x"]), inner, max_size=5),
                 max_leaves=12).map(lambda value: json.dumps(value).encode()),
))
def test_no_cache_entry_changes_what_ingest_writes(tmp_path_factory, capsys, entry):
    tmp_path = tmp_path_factory.mktemp("cache")
    site, posts = _first_build(tmp_path, capsys)
    edited = site.posts / "story-1.md"
    edited.write_text(edited.read_text().replace("Town 1", "Town one"))  # now the editor's
    posts["story-1.md"] = edited.read_bytes()
    (site.posts / "story-0.md").unlink()
    for path in _cache_entries(site):
        path.write_bytes(entry)
    assert run(capsys, "ingest", *site.options())[0] == 0
    assert {p.name: p.read_bytes() for p in site.posts.glob("*.md")} == posts


# -- encodings -----------------------------------------------------------------------------------------

WESTERN = "Café Müller\n\nJosé Müller paid €500 for the “old” piano at the Café, and said he’d play it daily.\n\n" + (
    "The piano had stood in the café for twenty years before the owner decided to sell it.\n")


@pytest.mark.parametrize("encoding, text", [
    ("cp1252", WESTERN),
    ("latin-1", WESTERN.replace("€", "EUR ").replace("“", '"').replace("”", '"').replace("’", "'")),
    ("iso8859_15", WESTERN.replace("“", '"').replace("”", '"').replace("’", "'")),
    ("cp1250", "Zażółć gęślą jaźń\n\nPolski tekst o tym, że żółw idzie do sklepu. Było zimno, ale słonecznie.\n"),
    ("cp1251", "Новости дня\n\nГородской совет проголосовал за закрытие старого моста для машин весной.\n"),
    ("cp1253", "Ειδήσεις της ημέρας\n\nΤο δημοτικό συμβούλιο ψήφισε να κλείσει η παλιά γέφυρα.\n"),
    ("utf-8-sig", WESTERN),
    ("utf-16", WESTERN),
    ("utf-16-le", WESTERN),
    ("utf-16-be", WESTERN),
])
def test_legacy_and_unicode_encodings_are_read_right(encoding, text):
    from newsdigest.ingest.decode import decode

    assert decode(text.encode(encoding)).strip() == text.strip()


@pytest.mark.parametrize("words", ["Café", "José Müller", "€500", "Crème brûlée à la française"])
def test_short_western_texts_in_windows_1252_are_not_mojibake(words):
    from newsdigest.ingest.decode import decode

    assert decode(words.encode("cp1252")) == words


@BOUNDED
@given(data=st.binary(max_size=400))
def test_the_text_cleaner_takes_any_bytes(data):
    from newsdigest.ingest.decode import decode

    try:
        text = decode(data)
    except SourceError:
        return
    assert isinstance(text, str) and "\r" not in text and "\ufeff" not in text


def test_a_post_saved_with_a_byte_order_mark_is_accepted(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=2)
    assert run(capsys, "ingest", *site.options())[0] == 0
    post = site.posts / "story-0.md"
    post.write_bytes(b"\xef\xbb\xbf" + post.read_bytes().replace(b"Town 0", b"Town zero"))
    status, _out, err = run(capsys, "build", *site.options())
    assert status == 0, err
    assert post.read_bytes().startswith(b"\xef\xbb\xbf"), "the editor's file is left as it is"
    assert "Town zero" in (site.output / "posts" / "story-0" / "index.html").read_text()


# -- front matter: any head gives a post, a skip with a reason, or a one-line error; never a crash ----------

_YAML_VALUE = st.one_of(
    st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.sampled_from(["2025-13-45", "2025-09-05", "[unclosed", "{a: b}", "!!python/object:os.system", "*alias",
                     "&anchor x", "|", ">-", "'quoted", "- item", "null", "~", "0x1F", "1e400", "\x00", "\ufeff"]),
    st.lists(st.text(max_size=10), max_size=3),
)
_KEYS = st.sampled_from(["title", "date", "published", "author", "tags", "url", "image", "story", "id", "source",
                         "updated", "lang", "excerpt", "outlet", "ingest_digest", "x y", "title_derived"])
_HEAD = st.one_of(
    st.dictionaries(_KEYS, _YAML_VALUE, max_size=8).map(
        lambda meta: "".join(f"{key}: {value}\n" for key, value in meta.items())),
    st.text(max_size=120),
)


@settings(BOUNDED, max_examples=40)
@given(heads=st.lists(_HEAD, min_size=1, max_size=4))
def test_any_front_matter_in_sources_loses_no_file(tmp_path_factory, capsys, heads):
    tmp_path = tmp_path_factory.mktemp("fm")
    site = small_site(tmp_path / "site", count=0)
    for n, head in enumerate(heads):
        site.add(f"fm-{n}.md", f"---\n{head}---\n\n{article(n)}")
    report = ingest(site.config(), progress=False)
    accounted = {p.name for p in report.written} | {p.name for p in report.unchanged}
    assert len(accounted) + len(report.skipped) == len(heads)
    for _path, reason in report.skipped:
        assert reason and "\n" not in reason


@settings(BOUNDED, max_examples=60)
@given(head=_HEAD, body=st.text(max_size=60))
def test_any_front_matter_in_a_post_is_a_post_or_one_clear_error(tmp_path_factory, head, body):
    from newsdigest.errors import ContentError
    from newsdigest.postfile import parse_post

    path = tmp_path_factory.mktemp("post") / "p.md"
    try:
        post = parse_post(f"---\n{head}---\n{body}", path)
    except ContentError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in exc.reason
        return
    assert isinstance(post.title, str) and isinstance(post.source, str)


def test_a_link_to_a_folder_in_the_sources_is_reported_not_entered(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=1)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "private.txt").write_text(article(5, "PRIVATE"))
    (site.sources / "more").symlink_to(elsewhere)
    status, out, err = run(capsys, "ingest", *site.options())
    assert status == 0 and "more: a link that leads outside the content folder" in err.replace("\n", " ")
    assert [p.name for p in site.posts.iterdir()] == ["story-0.md"]


def test_what_editors_tools_leave_beside_a_source_is_not_one(tmp_path, capsys):
    """By the rule posts and story overrides share: Emacs's lock (`.#x`, a link to nowhere), a hidden file and an
    Emacs auto-save (`#x#`) are neither read nor reported."""
    site = small_site(tmp_path / "site", count=1)
    (site.sources / ".#story-0.txt").symlink_to("editor@host.4242:1700000000")
    site.add(".notes.txt", article(1))
    site.add("#story-0.txt#", article(2))
    status, out, err = run(capsys, "ingest", *site.options())
    assert status == 0 and "skipped" not in err, err
    assert [p.name for p in site.posts.iterdir()] == ["story-0.md"]


def test_a_source_named_like_a_backup_or_temporary_file_is_skipped_with_one_line_each(tmp_path, capsys):
    """Such a name is usually a tool's file, but a source's shape is judged by its content: the editor is told
    why an article was not ingested and how to have it read."""
    site = small_site(tmp_path / "site", count=1)
    names = ["interview.orig", "report.BAK", "story-3.html.crdownload", "4913", "draft.txt___jb_tmp___"]
    for n, name in enumerate(names, start=1):
        site.add(name, article(n))
    status, out, err = run(capsys, "ingest", *site.options())
    lines = [line for line in err.splitlines() if line.startswith("skipped")]
    assert status == 0 and sorted(line.split(":")[0].rsplit("/", 1)[-1] for line in lines) == sorted(names), err
    assert all("backup or temporary file" in line and "rename it" in line for line in lines), err
    assert f"{len(names)} skipped" in out
    assert [p.name for p in site.posts.iterdir()] == ["story-0.md"]


@pytest.mark.parametrize(("name", "why"), [
    ("interview.md~", "backup file (x~)"),
    ("#interview.md#", "auto-save file (#x#)"),
    (".interview.md.swp", "hidden file"),
    ("interview.md.bak", "backup or temporary file"),
    ("4913", "backup or temporary file"),
    ("README.txt", "folder's note"),
    (".drafts/interview.md", "hidden folder"),
])
def test_explain_of_a_source_ingest_skips_by_its_name_is_one_line_naming_it_and_why(tmp_path, capsys, name, why):
    """Asked about a file ingest never reads, `--explain` does not show how it would be read as if it were:
    one line names the file, says why it is skipped and how to have it read."""
    site = small_site(tmp_path / "site", count=0)
    path = site.add(name, article(1))
    status, out, err = run(capsys, "ingest", "--explain", str(path), *site.options())
    lines = out.splitlines()
    assert status == 0 and not err and len(lines) == 1, out + err
    assert lines[0].startswith(f"skipped {path}: ") and why in lines[0], lines[0]
    assert "rename it to ingest it" in lines[0] or "move it out to ingest it" in lines[0]
    assert not site.posts.exists()


def test_explain_judges_a_name_as_ingest_would_wherever_the_file_is(tmp_path, capsys):
    """The same article is explained line by line under an article's name, and refused under a backup's name,
    also before it is put in the sources folder."""
    site = small_site(tmp_path / "site", count=0)
    site.add("interview.txt", article(1))
    status, out, _err = run(capsys, "ingest", "--explain", "interview.txt", *site.options())
    assert status == 0 and "read as text" in out and "keep The town of number 1 reopened" in out
    outside = tmp_path / "interview.txt.orig"
    outside.write_text(article(1), encoding="utf-8")
    status, out, _err = run(capsys, "ingest", "--explain", str(outside), *site.options())
    assert status == 0 and out.splitlines() == [
        f"skipped {outside}: the name of an editor's backup or temporary file — rename it to ingest it"]


def test_a_source_added_later_with_a_clashing_name_leaves_the_existing_post_where_it_was(tmp_path, capsys):
    site = small_site(tmp_path / "site", count=0)
    site.add("a-b.md", article(1))
    run(capsys, "build", *site.options())
    first = (site.posts / "a-b.md").read_bytes()
    site.add("a b.md", article(2))
    site.add("A_B.md", article(3))
    status, out, _err = run(capsys, "build", *site.options())
    assert status == 0 and "2 given a distinct id" in out
    assert (site.posts / "a-b.md").read_bytes() == first
    assert sorted(read_post(p).source for p in site.posts.glob("*.md")) == [
        "sources/A_B.md", "sources/a b.md", "sources/a-b.md"]
    assert "3 posts" in out
