"""`python build.py serve` end to end: a real server process, a real Chromium, real file edits.

Each test starts its own server on a free port over a private copy of the demo
content, changes files the way editors and their tools do, and asserts what
the browser shows. Every wait is bounded; the server is always stopped.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "build.py"
STARTUP_SECONDS = 120  # the first build ingests the demo sources (cached across tests)
CHANGE_SECONDS = 20

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerDied(Exception):
    """Raised inside a wait: stop waiting at once."""


def wait_for(check: Callable[[], object], seconds: float, what: str, interval: float = 0.05) -> object:
    """Poll `check` until it returns something truthy; fail after `seconds` naming `what`."""
    deadline = time.monotonic() + seconds
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            result = check()
        except ServerDied:
            raise
        except Exception as exc:  # a page mid-reload, a file mid-write: try again
            last_error = exc
        else:
            if result:
                return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {seconds:.0f}s waiting for {what}" + (f" ({last_error})" if last_error else ""))


@dataclass
class Server:
    url: str
    port: int
    content: Path
    output: Path
    process: subprocess.Popen[bytes]
    log: Path

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """A raw GET (the path is sent exactly as given, no client-side normalising)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def stories(self) -> list[dict]:
        return json.loads((self.output / "stories.json").read_text())["stories"]

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        return self.process.returncode


def theme_copy(tmp: Path) -> Path:
    """A private copy of the theme (site.toml, templates, static) to edit; returns its site.toml."""
    theme = tmp / "theme"
    theme.mkdir()
    shutil.copy(ROOT / "site.toml", theme / "site.toml")
    shutil.copytree(ROOT / "newsdigest" / "theme" / "templates", theme / "templates")
    shutil.copytree(ROOT / "newsdigest" / "theme" / "static", theme / "static")
    return theme / "site.toml"


def start_server(tmp: Path, cache: Path, content: Path | None = None, config: Path = ROOT / "site.toml") -> Server:
    """Copy the demo content (posts included, when committed) into `tmp` and serve it."""
    target = tmp / "content"
    if content is None:
        shutil.copytree(ROOT / "content", target)
    else:
        target = content
    port = free_port()
    log = tmp / "serve.log"
    output = tmp / "output"
    command = [sys.executable, str(ENTRY), "serve", "--port", str(port), "--content", str(target),
               "--output", str(output), "--cache", str(cache), "--config", str(config)]
    with open(log, "wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"})
    server = Server(f"http://127.0.0.1:{port}", port, target, output, process, log)

    def ready() -> bool:
        if process.poll() is not None:
            raise ServerDied(f"serve exited with {process.returncode}:\n{server.text()}")
        return "Serving" in server.text() and server.get("/")[0] in (200, 404)

    try:
        wait_for(ready, STARTUP_SECONDS, "the server to build and listen", interval=0.2)
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory) -> Path:
    """One ingest cache for every server of this module: the cache only saves time."""
    return tmp_path_factory.mktemp("serve-cache")


@pytest.fixture
def server(tmp_path, shared_cache) -> Iterator[Server]:
    served = start_server(tmp_path, shared_cache)
    try:
        yield served
    finally:
        code = served.stop()
        log = served.text()
        assert "Traceback" not in log, log
        assert code == 0, log


def story_with_most_posts(server: Server) -> dict:
    stories = server.stories()
    if not stories or not any(story.get("posts") for story in stories):
        pytest.skip("the demo builds no stories yet (the stories or site stage is not in place)")
    return max(stories, key=lambda story: len(story["posts"]))


def post_file(server: Server, post_id: str) -> Path:
    path = server.content / "posts" / f"{post_id}.md"
    assert path.is_file(), f"no post file for {post_id}"
    return path


def set_title(text: str, title: str) -> str:
    """The post text with its front-matter title replaced."""
    new, count = re.subn(r"(?m)^title:.*$", lambda _: f"title: {json.dumps(title)}", text, count=1)
    assert count == 1
    return new


def body_text(page) -> str:
    # A locator call carries a timeout; a bare evaluate sent while the page reloads can wait forever.
    return page.locator("body").inner_text(timeout=2000)


def open_and_mark(page, url: str) -> None:
    """Open `url` and leave a marker in the window: if it is gone later, the page was reloaded."""
    page.goto(url)
    page.evaluate("window.__notReloaded = true")
    # The live-reload stream must be connected before the edit, or the test would race it.
    page.wait_for_function("() => window.newsdigestLiveReload && window.newsdigestLiveReload.connected", timeout=10_000)


def reloaded(page) -> bool:
    """Whether the marker `open_and_mark` left is gone (the page was reloaded). Asked through a locator, which carries
    a timeout: the settle after a preview may reload the page again, and a bare evaluate sent meanwhile can wait
    forever."""
    return page.locator("body").evaluate("() => window.__notReloaded === undefined", timeout=5000)


def wait_for_text(page, text: str, seconds: float = CHANGE_SECONDS) -> None:
    wait_for(lambda: text in body_text(page), seconds, f"the page to show {text!r}")


def test_edit_of_a_post_reloads_the_page_showing_it(server, page):
    story = story_with_most_posts(server)
    post = story["posts"][0]
    path = post_file(server, post["id"])
    open_and_mark(page, server.url + story["url"])
    assert post["title"] in body_text(page)

    new_title = f"{post['title']} — edited {time.time_ns()}"
    path.write_text(set_title(path.read_text(encoding="utf-8"), new_title), encoding="utf-8")

    wait_for_text(page, new_title)
    assert reloaded(page), "the page changed without a reload?"
    # The story page came first; the full build settles in the background and updates the rest.
    wait_for(lambda: any(p["title"] == new_title for st in server.stories() for p in st["posts"]),
             60, "stories.json to list the new title after the settle")
    # Reported just after it is published: poll rather than race the server's report.
    wait_for(lambda: " settled " in server.text(), 10, "the settle to be reported")
    # Injected into the served copy only: the published file has no reload script.
    published = (server.output / story["url"].strip("/") / "index.html").read_text(encoding="utf-8")
    assert "__livereload" not in published
    assert "__livereload.js" in server.get(story["url"])[2].decode()


def test_atomic_save_by_rename_and_editor_temp_files(server, page):
    story = story_with_most_posts(server)
    post = story["posts"][-1]
    path = post_file(server, post["id"])
    open_and_mark(page, server.url + story["url"])

    # What Vim and many editors do: a swap file, a probe file, a temp copy renamed over the original.
    (path.parent / f".{path.name}.swp").write_bytes(b"\0swap")
    (path.parent / "4913").write_text("")
    (path.parent / "4913").unlink()
    new_title = f"{post['title']} — saved atomically {time.time_ns()}"
    temp = path.parent / f".{path.name}.tmp"
    temp.write_text(set_title(path.read_text(encoding="utf-8"), new_title), encoding="utf-8")
    os.replace(temp, path)
    (path.parent / f".{path.name}.swp").unlink()

    wait_for_text(page, new_title)
    # The swap file never reached the site or the terminal as a problem.
    assert "swp" not in server.text()


def test_broken_front_matter_shows_an_overlay_and_keeps_the_last_good_page(server, page):
    story = story_with_most_posts(server)
    post = story["posts"][0]
    path = post_file(server, post["id"])
    good = path.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    title_line = next(i for i, line in enumerate(lines) if line.startswith("title:")) + 1
    open_and_mark(page, server.url + story["url"])

    broken = lines.copy()
    broken[title_line - 1] = "title: this: is not YAML\n"
    path.write_text("".join(broken), encoding="utf-8")

    overlay = page.locator("#newsdigest-error-overlay")
    overlay.wait_for(state="visible", timeout=CHANGE_SECONDS * 1000)
    shown = overlay.inner_text()
    assert f"{path.name}:{title_line}" in shown, shown
    assert "YAML" in shown
    assert f"{path.name}:{title_line}" in server.text()  # and in the terminal
    # The last good site is still served, and a fresh load shows the standing error too.
    status, _, body = server.get(story["url"])
    assert status == 200 and post["title"].split()[0] in body.decode()
    page.reload()
    overlay.wait_for(state="visible", timeout=10_000)
    assert post["title"] in body_text(page)

    fixed_title = f"{post['title']} — fixed {time.time_ns()}"
    path.write_text(set_title(good, fixed_title), encoding="utf-8")
    overlay.wait_for(state="detached", timeout=CHANGE_SECONDS * 1000)
    wait_for_text(page, fixed_title)


def test_broken_config_keeps_serving_and_recovers(tmp_path, shared_cache, page):
    config = theme_copy(tmp_path)
    server = start_server(tmp_path, shared_cache, config=config)
    try:
        open_and_mark(page, server.url + "/")
        good = config.read_text()
        config.write_text(good.replace('timezone = "', 'timezone = "Nowhere/'))
        overlay = page.locator("#newsdigest-error-overlay")
        overlay.wait_for(state="visible", timeout=CHANGE_SECONDS * 1000)
        assert "site.toml" in overlay.inner_text() and "timezone" in overlay.inner_text()
        assert server.get("/")[0] in (200, 404)
        config.write_text(good)
        overlay.wait_for(state="detached", timeout=CHANGE_SECONDS * 1000)
    finally:
        code = server.stop()
    assert code == 0 and "Traceback" not in server.text(), server.text()


def test_template_edit_break_and_fix(tmp_path, shared_cache, page):
    """A broken template keeps the last good pages up with an overlay naming it; a fix shows at once."""
    theme = theme_copy(tmp_path).parent
    server = start_server(tmp_path, shared_cache, config=theme / "site.toml")
    try:
        story = story_with_most_posts(server)
        open_and_mark(page, server.url + story["url"])
        template = theme / "templates" / "story.html"
        good = template.read_text(encoding="utf-8")
        lines = good.splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if "{% block main %}" in line) + 1
        lines.insert(at, "{% if %}\n")  # a syntax error on line at + 1
        template.write_text("".join(lines), encoding="utf-8")
        overlay = page.locator("#newsdigest-error-overlay")
        overlay.wait_for(state="visible", timeout=CHANGE_SECONDS * 1000)
        assert f"story.html:{at + 1}" in overlay.inner_text(), overlay.inner_text()
        assert server.get(story["url"])[0] == 200  # the last good page is still served

        marker = f"theme-marker-{time.time_ns()}"
        template.write_text(good.replace("{% block main %}", "{% block main %}<p>" + marker + "</p>", 1),
                            encoding="utf-8")
        overlay.wait_for(state="detached", timeout=CHANGE_SECONDS * 1000)
        wait_for_text(page, marker)
    finally:
        code = server.stop()
    assert code == 0 and "Traceback" not in server.text(), server.text()


def test_post_template_edit_shows_and_rerenders_only_post_pages(tmp_path, shared_cache, page):
    """An edit of post.html reloads the post page open in the browser at once, then the other post pages
    follow; story and list pages are never rewritten."""
    config = theme_copy(tmp_path)
    server = start_server(tmp_path, shared_cache, config=config)
    try:
        story = story_with_most_posts(server)
        post_page = story["posts"][0]["page"]
        story_file = server.output / story["url"].strip("/") / "index.html"
        front_file = server.output / "index.html"
        untouched = {story_file: story_file.stat().st_mtime_ns, front_file: front_file.stat().st_mtime_ns}
        open_and_mark(page, server.url + post_page)
        template = config.parent / "templates" / "post.html"
        marker = f"post-template-{time.time_ns()}"
        template.write_text(template.read_text(encoding="utf-8").replace(
            "{% block main %}", "{% block main %}<p>" + marker + "</p>", 1), encoding="utf-8")
        wait_for_text(page, marker)
        assert reloaded(page)  # it was the live reload that showed it
        # The other post pages follow in the background, and nothing else is rewritten.
        wait_for(lambda: " settled " in server.text(), CHANGE_SECONDS, "the other post pages to be rendered")
        others = [p["page"] for p in story["posts"][1:]]
        for other in others:
            assert marker in (server.output / other.strip("/") / "index.html").read_text(encoding="utf-8")
        assert {file: file.stat().st_mtime_ns for file in untouched} == untouched
        assert marker not in story_file.read_text(encoding="utf-8")
    finally:
        code = server.stop()
    assert code == 0 and "Traceback" not in server.text(), server.text()


NEW_SOURCE = """---
title: "Harbour ferry service returns after a {token} winter of repairs"
author: Test Reporter
date: {date}
categories: [transport]
---

The harbour ferry returned to service on Monday after a winter of repairs, the port authority said.

Engineers replaced the hull plating and both engines, work that took four months and cost 2.1 million.

"We are glad to have the ferry back," the harbour master said, adding that timetables were unchanged.
"""


def test_new_source_appears_on_the_site(server, page):
    story_with_most_posts(server)  # skips while the stages are not in place
    open_and_mark(page, server.url + "/")
    token = f"ferry{time.time_ns()}"
    date = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    (server.content / "sources" / "harbour-ferry.md").write_text(NEW_SOURCE.format(token=token, date=date))

    def placed() -> dict | None:
        for story in server.stories():
            if any("harbour-ferry" in (p.get("source") or "") for p in story["posts"]):
                return story
        return None

    # The open front page reloads by itself and lists the new story (it is the newest)...
    wait_for_text(page, token, CHANGE_SECONDS * 2)
    # ...and the story's own page shows the new version.
    story = wait_for(placed, CHANGE_SECONDS, "the new source to be placed in a story")
    page.goto(server.url + story["url"])
    wait_for_text(page, token, 10)
    assert post_file(server, next(p["id"] for p in story["posts"] if "harbour-ferry" in p["source"])).is_file()


def test_burst_of_writes_is_one_rebuild_and_own_writes_do_not_loop(server):
    story = story_with_most_posts(server)
    paths = [post_file(server, p["id"]) for p in story["posts"]]
    before = server.text().count("rebuilt")
    for _ in range(20):  # like a checkout or a formatter rewriting the same files over and over
        for path in paths:
            text = path.read_text(encoding="utf-8")
            path.write_text(text + "\n", encoding="utf-8")  # trailing blank lines: the posts stay equal
    # One burst is one rebuild (none of the site changes), and then the server goes quiet.
    time.sleep(2.0)
    settled = server.text().count("rebuilt")
    time.sleep(1.5)
    assert server.text().count("rebuilt") == settled, server.text()
    assert settled - before <= 2, server.text()


def test_only_files_inside_the_output_folder_are_served(server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    (server.output / "leak").symlink_to(secret)
    try:
        for path in ("/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/..%2f..%2f..%2fetc%2fpasswd",
                     "/leak", "/stories/..%2f..%2fsecret.txt", "/%00", "/..\\secret.txt"):
            status, _, body = server.get(path)
            assert status in (403, 404), (path, status)
            assert b"top secret" not in body and b"root:" not in body
    finally:
        (server.output / "leak").unlink(missing_ok=True)

    status, headers, body = server.get("/no/such/page/")
    assert status == 404 and headers["content-type"].startswith("text/html")
    if (server.output / "404.html").exists():
        assert body.startswith((server.output / "404.html").read_bytes()[:40])

    status, headers, _ = server.get("/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    folders = [p for p in server.output.iterdir() if p.is_dir() and (p / "index.html").exists()]
    if folders:
        status, headers, _ = server.get(f"/{folders[0].name}")
        assert status == 301 and headers["location"] == f"/{folders[0].name}/"
    expected = {".css": "text/css", ".js": "text/javascript", ".xml": "application/xml", ".json": "application/json",
                ".svg": "image/svg+xml", ".woff2": "font/woff2"}
    for file in server.output.rglob("*"):
        if file.suffix in expected and file.is_file():
            status, headers, _ = server.get("/" + file.relative_to(server.output).as_posix())
            assert status == 200 and headers["content-type"].startswith(expected[file.suffix]), file
    status, headers, body = server.get("/__livereload.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript") and b"EventSource" in body


def test_taken_port_is_reported_clearly(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(ENTRY), "serve", "--port", str(port), "--content", str(ROOT / "content"),
             "--output", str(tmp_path / "output"), "--cache", str(tmp_path / "cache")],
            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    message = result.stdout + result.stderr
    assert f"port {port} is already in use; try --port " in message, message
    assert "Traceback" not in message
    assert not (tmp_path / "output").exists()  # it said so before building anything


def test_folder_names_with_brackets_are_reported_whole(tmp_path, shared_cache):
    # Brackets are rich's markup: printed unescaped, "[x]" would vanish from the folders and files named.
    content = tmp_path / "content[x]"
    shutil.copytree(ROOT / "content", content)
    server = start_server(tmp_path, shared_cache, content=content)
    try:
        assert f"watching {content}/" in server.text(), server.text()
        post = next((content / "posts").glob("*.md"))
        post.write_text(set_title(post.read_text(encoding="utf-8"), f"Edited {time.time_ns()}"), encoding="utf-8")
        wait_for(lambda: " after " in server.text(), CHANGE_SECONDS, "the rebuild to be reported")
        assert f"after {post}" in server.text(), server.text()
    finally:
        assert server.stop() == 0, server.text()


def test_sigint_stops_cleanly(tmp_path, shared_cache):
    server = start_server(tmp_path, shared_cache)
    code = server.stop(signal.SIGINT)
    assert code == 0, server.text()
    assert "Traceback" not in server.text()
    with pytest.raises((ConnectionError, OSError, urllib.error.URLError)):
        urllib.request.urlopen(server.url + "/", timeout=2)


def test_sigint_right_after_start_stops_cleanly_every_time(tmp_path, shared_cache):
    """Stopped at once, the server is still warming up in the background (readers, story index): it must
    wait for that work, not exit under it (which now and then aborted the process with -6)."""
    for attempt in range(3):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        server = start_server(folder, shared_cache)
        code = server.stop(signal.SIGINT)
        log = server.text()
        assert code == 0, log
        assert "Traceback" not in log and "terminate called" not in log, log
        assert "Stopped." in log, log
