"""The command line speaks to the editor: clear messages naming the file, never a traceback."""

import shutil
import subprocess
import sys

from conftest import ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_a_broken_config_is_one_clear_line(tmp_path):
    bad = tmp_path / "site.toml"
    bad.write_text('[site]\ntitle = "x"\n')
    result = run("build", "--config", str(bad), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(bad) in result.stderr and "missing required setting" in result.stderr
    assert not (tmp_path / "out").exists()


def test_check_names_a_broken_post_and_writes_nothing(tmp_path):
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "bad.md").write_text("---\ntitle: [oops\nsource: sources/x.txt\n---\nbody\n")
    result = run("check", "--content", str(tmp_path / "content"), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "bad.md:" in result.stderr and "not valid YAML" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_broken_post_fails_the_build_and_keeps_the_last_site(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("last good site")
    (out / ".newsdigest-output").write_text("")  # a site an earlier build published
    (content / "posts" / "bad.md").write_text("---\ntitle: T\n---\nno source key\n")
    result = run("build", "--content", str(content), "--output", str(out), "--cache", str(tmp_path / "cache"))
    assert result.returncode == 1
    assert "bad.md:2: front matter needs 'source'" in result.stderr
    assert (out / "index.html").read_text() == "last good site"


def test_a_folder_name_with_brackets_is_printed_whole(tmp_path):
    # Brackets are rich's markup: printed unescaped, "[x]" would vanish from the path the editor is told about.
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("posts"))
    out = tmp_path / "out[x]"
    options = ["--content", str(content), "--output", str(out), "--cache", str(tmp_path / "cache")]
    first = run("build", *options)
    assert first.returncode == 0, first.stderr
    assert f"posts into {out}/" in first.stdout
    again = run("build", *options)
    assert again.returncode == 0, again.stderr
    assert f"posts in {out}/" in again.stdout and "Up to date" in again.stdout
    assert "Next: put articles in" not in again.stdout  # the site has posts: no advice to add some


def test_check_names_a_post_with_brackets_in_its_name_whole(tmp_path):
    posts = tmp_path / "content[x]" / "posts"
    posts.mkdir(parents=True)
    post = posts / "note[x].md"
    post.write_text("---\ntitle: T\nsource: sources/x.txt\n---\nbody\n")
    result = run("check", "--content", str(tmp_path / "content[x]"), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert f"warning: {post}: no outlet" in result.stderr


def test_a_folder_given_before_the_command_is_the_folder_it_uses(tmp_path):
    # "build.py --content X ingest" must ingest X's sources into X, never the default content/ folder.
    content = tmp_path / "digest"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("posts"))
    result = run("--content", str(content), "--cache", str(tmp_path / "cache"), "--config", str(ROOT / "site.toml"),
                 "ingest", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(path.name for path in (content / "posts").glob("*.md"))
    assert len(written) == len(list((ROOT / "content" / "sources").iterdir()))
    assert (tmp_path / "cache").is_dir() and not (tmp_path / ".cache").exists() and not (tmp_path / "content").exists()
