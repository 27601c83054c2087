"""The releases cache keys are filed under are the ones `importlib.metadata` gives.

A wrong release would keep a cache across an upgrade of the library that made
it (ingest's extraction, the site's Markdown and feeds, the analysis's
numerics) or drop it for nothing.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest
from conftest import ROOT

from newsdigest import dist_versions
from newsdigest.dist_versions import release

LIBRARIES = ("trafilatura", "htmldate", "charset-normalizer", "ftfy", "python-dateutil", "faker",  # ingest
             "markdown", "nh3", "feedgen", "lxml",  # the site stage
             "numpy", "scipy")  # analysis
"""The libraries whose releases the caches of ingest, the site stage and analysis are filed under."""


@pytest.fixture
def fresh_listing():
    dist_versions._installed.cache_clear()
    yield
    dist_versions._installed.cache_clear()  # the next test lists the real import path again


def _metadata_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@pytest.mark.parametrize("name", LIBRARIES)
def test_a_librarys_release_is_the_one_its_metadata_gives(name):
    assert release(name) == _metadata_version(name)


def test_a_metadata_folder_without_metadata_gives_no_release(tmp_path, monkeypatch, fresh_listing):
    """A leftover folder (its files removed by a failed uninstall) names a release nothing installs."""
    (tmp_path / "stale_lib-1.0.dist-info").mkdir()
    (tmp_path / "kept_lib-2.0.dist-info").mkdir()
    (tmp_path / "kept_lib-2.0.dist-info" / "METADATA").write_text("Name: kept-lib\nVersion: 2.0\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert release("stale-lib") == _metadata_version("stale-lib")
    assert release("stale-lib") is None
    assert release("kept-lib") == _metadata_version("kept-lib") == "2.0"


def test_the_stages_read_releases_without_importlib_metadata():
    """Every build that groups or renders works out these keys: importing `importlib.metadata` for them would
    cost it tens of milliseconds (the libraries themselves, imported only when they run, may load it)."""
    probe = ("import sys\n"
             "from newsdigest.ingest.run import _code_fingerprint\n"
             "from newsdigest.site import render\n"
             "from newsdigest.stories.story_cache import stage_digest\n"
             "stage_digest(), _code_fingerprint()\n"
             "print('importlib.metadata' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT).stdout
    assert out.split() == ["False"]
