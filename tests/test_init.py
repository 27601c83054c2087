"""`init` makes a site that builds at once; without a site, every command says how to make one."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from dataclasses import fields

import pytest
from conftest import ROOT

from newsdigest.config import Config, load_config
from newsdigest.scaffold import init_site


def run(*args, cwd):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_init_makes_site_toml_and_empty_content_folders_with_a_readme_each_and_nothing_else(tmp_path):
    result = run("init", "my-digest", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "my-digest"
    assert files_under(site) == ["content/posts/README.md", "content/sources/README.md",
                                 "content/stories/README.md", "site.toml"]
    assert "python build.py build" in result.stdout  # what to do next, named as it was called


def test_site_toml_lists_every_setting_with_its_default(tmp_path):
    init_site(tmp_path)
    text = (tmp_path / "site.toml").read_text(encoding="utf-8")
    written = set(tomllib.loads(text)["site"])
    commented = {line.lstrip("# ").split(" =")[0] for line in text.splitlines() if line.startswith("# ") and " = " in line}
    settings = {"title", "description", "base_url", "language", "timezone", "page_size", "author", "theme"}
    assert settings <= written | commented
    config = load_config(tmp_path / "site.toml")
    defaults = {f.name: f.default for f in fields(Config) if f.name in ("page_size", "author", "theme")}
    assert {"page_size": config.page_size, "author": config.author, "theme": config.theme} == defaults


def test_a_new_site_builds_and_checks_at_once_and_says_what_to_do_next(tmp_path):
    init_site(tmp_path / "site")
    built = run("build", cwd=tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert (tmp_path / "site" / "output" / "index.html").is_file()
    assert "Next: put articles in content/sources/" in built.stdout
    assert "0 skipped" in built.stdout  # the folder's README is not taken for an article
    assert files_under(tmp_path / "site" / "content" / "posts") == ["README.md"]
    checked = run("check", cwd=tmp_path / "site")
    assert checked.returncode == 0, checked.stderr


def test_init_never_overwrites_a_site(tmp_path):
    (tmp_path / "site.toml").write_text("# mine\n")
    result = run("init", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert "already" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "site.toml").read_text() == "# mine\n"


@pytest.mark.parametrize("command", ["build", "check", "ingest"])
def test_without_site_toml_a_command_says_in_one_line_how_to_make_one(tmp_path, command):
    result = run(command, cwd=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "init DIR" in lines[0] and "python build.py" in lines[0], result.stderr
    assert not (tmp_path / "output").exists()


def test_the_program_names_itself_as_called(tmp_path):
    assert run("--help", cwd=tmp_path).stdout.startswith("usage: python build.py")
