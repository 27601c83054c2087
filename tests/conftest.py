"""Shared fixtures: a headless Chromium and a freshly built copy of the shipped demo."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("NEWSDIGEST_CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium, or the one `$NEWSDIGEST_CHROMIUM` names (Playwright's own download does not work here)."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass(frozen=True)
class BuiltSite:
    content: Path
    output: Path
    cache: Path
    config: Path

    def options(self) -> list[str]:
        return ["--content", str(self.content), "--output", str(self.output),
                "--cache", str(self.cache), "--config", str(self.config)]


def build_site(tmp: Path, sources: Path | None = None, config: Path = ROOT / "site.toml") -> BuiltSite:
    """Copy the demo content (or `sources`) into `tmp` and build it with the real CLI entry."""
    from newsdigest.cli import main

    content = tmp / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("posts"))
    if sources is not None:
        shutil.rmtree(content / "sources")
        shutil.copytree(sources, content / "sources")
    site = BuiltSite(content, tmp / "output", tmp / "cache", config)
    assert main(["build", *site.options()]) == 0
    return site


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> BuiltSite:
    """The shipped demo, built once per test session into a temporary folder."""
    return build_site(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def fits(monkeypatch) -> list[int]:
    """Counts the fits grouping runs (one item per fit): a cache that should spare a fit is seen to."""
    from newsdigest.stories.index import StoryIndex

    calls: list[int] = []
    real = StoryIndex.fit

    def counted(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(StoryIndex, "fit", counted)
    return calls


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (its own browser download does not work here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash .ci/install-tools`, or set NEWSDIGEST_CHROMIUM to a Chromium",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    # Leave the site before closing: a live-reload push that lands as the test ends would have
    # the page mid-navigation, and closing a context then can wait forever.
    try:
        page.goto("about:blank", timeout=5_000)
    except Exception:
        pass
    context.close()
