"""Installed from a built wheel into a fresh virtualenv, in a folder outside the repository, the tool
inits, builds, checks and serves a site — as an editor who never saw the source tree would.

The wheel is built once, offline, from a copy of the source tree (`pip wheel --no-deps
--no-build-isolation`, so nothing is fetched and nothing is written into the repository);
the virtualenv sees the dependencies already installed (`--system-site-packages`) but
imports newsdigest from the wheel alone.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow

THEME_FILES = ["newsdigest/theme/templates/base.html", "newsdigest/theme/templates/partials/macros.html",
               "newsdigest/theme/static/css/site.css", "newsdigest/theme/static/js/search.js"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "newsdigest", source / "newsdigest", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                             "-q", "-w", str(dist), str(source)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    (built,) = dist.glob("newsdigest-*.whl")
    return built


@pytest.fixture(scope="module")
def newsdigest(wheel, tmp_path_factory) -> Path:
    """The `newsdigest` command of a fresh virtualenv with the wheel installed."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    result = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return venv / "bin" / "newsdigest"


def run(command: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(command), *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**env, "COLUMNS": "200"})


def test_the_wheel_carries_the_default_theme(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert all(name in names for name in THEME_FILES), [n for n in THEME_FILES if n not in names]


def test_installed_newsdigest_inits_builds_checks_and_serves_a_site(newsdigest, tmp_path):
    where = run(newsdigest.parent / "python", "-c", "import newsdigest; print(newsdigest.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(newsdigest.parent.parent)), where.stdout  # the wheel, not the source tree

    assert run(newsdigest, "--help", cwd=tmp_path).stdout.startswith("usage: newsdigest")
    missing = run(newsdigest, "build", cwd=tmp_path)
    assert missing.returncode == 1 and "newsdigest init DIR" in missing.stderr and "Traceback" not in missing.stderr

    made = run(newsdigest, "init", "digest", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    site = tmp_path / "digest"
    empty = run(newsdigest, "build", cwd=site)
    assert empty.returncode == 0, empty.stderr
    assert "Next: put articles in content/sources/" in empty.stdout

    for source in (ROOT / "content" / "sources").iterdir():
        shutil.copy(source, site / "content" / "sources" / source.name)
    built = run(newsdigest, "build", cwd=site)
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    assert len(list((site / "output" / "stories").glob("*/index.html"))) >= 1
    checked = run(newsdigest, "check", cwd=site)
    assert checked.returncode == 0, checked.stderr

    port = _free_port()
    server = subprocess.Popen([str(newsdigest), "serve", "--port", str(port)], cwd=site, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        home = _fetch(f"http://127.0.0.1:{port}/", server)
        assert "<title>Digest</title>" in home
        stylesheet = home.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        assert "color" in _fetch(f"http://127.0.0.1:{port}{stylesheet}", server)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, server: subprocess.Popen[bytes], seconds: float = 120) -> str:
    """The page's text once the server answers; fail if it exits or never does."""
    deadline = time.monotonic() + seconds
    while True:
        if server.poll() is not None:
            raise AssertionError(f"serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
