"""`check` warns about what a reader would notice, names the file and the fix, and still passes."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from site_fixtures import make_config

from newsdigest.check import check


def post(folder, name, *, outlet="The Herald", published="2025-09-05T08:30:00+01:00", tags="[Europe]",
         body="The council approved the harbour budget on Friday after a long debate.", source=None):
    source = source or f"sources/{name}.txt"
    lines = ["---", f"id: {name}", "title: Council approves harbour budget", f"source: {source}",
             f"tags: {tags}"]
    if outlet:
        lines.append(f"outlet: {outlet}")
    if published:
        lines.append(f"published: '{published}'")
    (folder / f"{name}.md").write_text("\n".join([*lines, "---", body, ""]), encoding="utf-8")


def config_with(tmp_path):
    config = make_config(tmp_path)
    config.posts_dir.mkdir(parents=True)
    return config


def test_clean_content_has_no_warnings(tmp_path):
    config = config_with(tmp_path)
    post(config.posts_dir, "a")
    post(config.posts_dir, "b", outlet="Daily Courier", published="2025-09-05T09:00:00+01:00")
    assert check(config).warnings == ()


def test_a_version_without_outlet_or_date_is_named_with_the_fix(tmp_path):
    config = config_with(tmp_path)
    post(config.posts_dir, "a", outlet=None, published=None)
    warnings = check(config).warnings
    no_outlet = [w for w in warnings if "no outlet" in w]
    no_date = [w for w in warnings if "no date" in w]
    assert len(no_outlet) == 1 and str(config.posts_dir / "a.md") in no_outlet[0]
    assert "add `outlet:` to the post" in no_outlet[0] and "outlets.toml" in no_outlet[0]
    assert len(no_date) == 1 and "add `published:`" in no_date[0]


def test_a_story_whose_versions_all_lack_a_time_is_named(tmp_path):
    config = config_with(tmp_path)
    post(config.posts_dir, "a", published="2025-09-05")
    post(config.posts_dir, "b", outlet="Daily Courier", published="2025-09-05")
    untimed = [w for w in check(config).warnings if "time of day" in w]
    assert len(untimed) == 1
    assert str(config.posts_dir / "a.md") in untimed[0] and str(config.posts_dir / "b.md") in untimed[0]
    assert not (config.stories_dir / "registry.json").exists()  # check writes nothing


def test_a_post_whose_source_ingest_no_longer_reads_is_named_with_its_source(tmp_path):
    """A source named like a backup file may have been ingested before ingest skipped such names: its post is
    still published but never updated again, and the editor is told which source to rename."""
    config = config_with(tmp_path)
    config.sources_dir.mkdir(parents=True)
    for name in ("interview.orig", "b.txt"):
        (config.sources_dir / name).write_text("An article.\n", encoding="utf-8")
    post(config.posts_dir, "a", source="sources/interview.orig")
    post(config.posts_dir, "b", outlet="Daily Courier", published="2025-09-05T09:00:00+01:00")
    post(config.posts_dir, "c", outlet="The Post", published="2025-09-05T09:30:00+01:00", source="sources/gone.bak")
    warnings = check(config).warnings
    assert len(warnings) == 1, warnings
    assert str(config.posts_dir / "a.md") in warnings[0] and str(config.sources_dir / "interview.orig") in warnings[0]
    assert "rename the source" in warnings[0]


def test_tags_differing_only_by_case_are_named(tmp_path):
    config = config_with(tmp_path)
    post(config.posts_dir, "a", tags="[Harbour, Europe]")
    post(config.posts_dir, "b", outlet="Daily Courier", tags="[harbour]", published="2025-09-05T09:00:00+01:00")
    warnings = [w for w in check(config).warnings if "only by case" in w]
    assert len(warnings) == 1
    assert str(config.posts_dir / "b.md") in warnings[0] and str(config.posts_dir / "a.md") in warnings[0]
    assert "'harbour'" in warnings[0] and "'Harbour'" in warnings[0]


def test_warnings_do_not_fail_the_check(tmp_path):
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    post(posts, "a", outlet=None)
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--config", str(ROOT / "site.toml"),
                             "--content", str(tmp_path / "content")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr and "a.md: no outlet" in result.stderr
    assert "valid, with 1 warning(s)" in result.stdout
