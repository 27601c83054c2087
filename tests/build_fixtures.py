"""Helpers of the tests of incremental builds: a copy of the demo, a small generated site with several
multi-version stories, a build with the real command line, an editor's edit, and the files a build published."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

from newsdigest.cli import main

PLACES = ["Avonford", "Brackenridge", "Caldermoor", "Dunmere", "Eastwick", "Fallowby"]
OUTLETS = ["North Ledger", "Harbour Times", "City Observer", "Valley Gazette"]


def site_tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_site_at(content: Path, output: Path, cache: Path) -> None:
    assert main(["build", "--content", str(content), "--output", str(output), "--cache", str(cache),
                 "--config", str(ROOT / "site.toml")]) == 0


def demo_content(tmp: Path) -> Path:
    """A copy of the shipped demo's content, posts included."""
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def generated_content(tmp: Path) -> Path:
    """Six stories, each told by three or four outlets, as Markdown sources with front matter."""
    content = tmp / "content"
    sources = content / "sources"
    sources.mkdir(parents=True)
    for n, place in enumerate(PLACES):
        facts = [f"The council in {place} approved a budget of {12 + n} million for new schools on Monday.",
                 f'"This is a good day for {place}," said the mayor, speaking at the town hall.',
                 f"Around {300 + 40 * n} pupils will move into the buildings by September.",
                 "Critics said the plan did not go far enough."]
        for v, outlet in enumerate(OUTLETS[: 3 + n % 2]):
            body = list(facts)
            if v:
                body[2] = body[2].replace(str(300 + 40 * n), str(300 + 40 * n + v))  # a disagreement
                body.append(f"{outlet} adds a sentence of its own about {place}.")
            (sources / f"{place.lower()}-{v}.md").write_text(
                f'---\ntitle: "{place} council approves {12 + n} million for schools"\nauthor: Sam Lee\n'
                f"date: 2026-09-0{1 + n}T0{6 + v}:00:00+00:00\npublisher: {outlet}\ncategories: [schools, {place}]\n"
                "---\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return content


def edit_a_post(content: Path, which: int = 1) -> None:
    post = sorted((content / "posts").glob("*.md"))[which]
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("\ntitle: ", "\ntitle: Revised ", 1) + "\nA correction was appended.\n",
                    encoding="utf-8")
